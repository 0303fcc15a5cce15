"""Safety triggers: words and phrases that route a question to a doctor, before matching.

A trigger is matched against the question's words after the same normalisation as patterns,
and reduced the way its language's words are (`bot.text.word_reducer`): English and Russian
triggers meet stemmed words, a language without a stemmer meets the words as typed (letter
variants folded). Placeholders let one trigger cover many words:

* `#` is any number ("took # pills" covers "took 20 pills");
* `{a-b}` is a whole number from a to b ("{1-17} year old" covers ages under 18); it may
  be part of a word ("{1-17}yo");
* `*` alone is any one word ("took {5-999} * pills" covers "took 20 k2 pills");
* a word ending in `*` is any word beginning so ("вагітн*" covers "вагітна", "вагітності"):
  how a language matched as typed survives inflection. At least three letters before it.

A trigger holding German umlauts also matches them written out ("ü" as "ue").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.intents import Content, Intent, Kind
from bot.language import BASE_LANGUAGE, FUNCTION_WORDS
from bot.matching.lexicon import zipf
from bot.matching.typos import is_real_word
from bot.text import TYPED, Normalizer, stem, word_reducer

# Only long trigger words (warfarin, pregnant) are matched despite a typo.
LONG_TRIGGER = 8
# A trigger's specificity: each word counts by how far below COMMON_ZIPF it is in general
# English ("for" nothing, "baby" 1.7, "warfarin" 4.4), at most MAX_WORD_RARITY (a word
# wordfreq has never seen is rare, but may be a typo or another language). In another
# language nearly every word is "never seen", so there a trigger weighs its number of words:
# "se tomo un frasco entero" outweighs "hijo".
COMMON_ZIPF = 7.0
MAX_WORD_RARITY = 5.0
# A prefix trigger word needs this many letters before its `*` ("дит*" is too short to say).
MIN_PREFIX = 3
_SLOT = re.compile(r"#|\{(\d+)-(\d+)\}")
_DIGIT = re.compile(r"\d")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass(slots=True)
class _Reading:
    """The triggers of the languages whose words are reduced one way, and that reduction."""

    reduce: Callable[[str], str]
    # For typed words a prefix is folded like them; stemmed words take it as written.
    fold_prefix: Callable[[str], str]
    # Whether a tie in specificity goes to the match with more letters outside function
    # words (typed languages, where every word is rare to English: "amamanto" beats "mi
    # bebe"), rather than to the longer match as typed (English, as measured).
    discount_function_words: bool = False
    by_intent: list[tuple[re.Pattern[str], Intent]] = field(default_factory=list)
    long_words: dict[str, Intent] = field(default_factory=dict)

    def haystack(self, words: list[str]) -> str:
        return " ".join(self.reduce(w) for w in words)


def _reading(language: str, readings: dict[str, _Reading]) -> tuple[str, _Reading]:
    """The reading of `language`'s words (created in `readings` when first needed), by key."""
    key, reduce = word_reducer(language)
    if key not in readings:
        fold_prefix = reduce if key == TYPED else _unchanged
        readings[key] = _Reading(reduce, fold_prefix, discount_function_words=key != "stem")
    return key, readings[key]


def _unchanged(word: str) -> str:
    return word


def _triggers_by_language(intent: Intent) -> Iterable[tuple[str, tuple[str, ...]]]:
    yield BASE_LANGUAGE, intent.triggers
    for translation in intent.translations:
        yield translation.language, translation.triggers


def _spellings(trigger: str) -> list[str]:
    """The trigger, and with its umlauts written out when it has any."""
    written_out = trigger.translate(_UMLAUTS)
    return [trigger] if written_out == trigger else [trigger, written_out]


class SafetyTriggers:
    """The safety intents' triggers: the most specific one a question holds wins.

    So the order of intents and files decides nothing.

    A trigger is as specific as its words are rare in general English (see `specificity`):
    "trying for a baby" is pregnancy rather than children's "baby"; "my son swallowed a
    handful" is an emergency ("swallowed a") rather than children ("my son"); "I take
    levothyroxine every morning" is about a medicine rather than daily use. A tie goes to
    the longer match, then to the intent whose triggers the question holds more of, then
    to the intent id, never to file order.
    """

    def __init__(
        self, content: Content, normalizer: Normalizer, *, subject: frozenset[str] = frozenset()
    ) -> None:
        """Compile the triggers of `content`'s safety intents.

        Args:
            content: the intents.
            normalizer: the matcher's, so triggers and questions fold alike.
            subject: the terms naming the article's subject ("k2", "mk7"): they say a
                question is about K2, not which referral it needs, so they add nothing
                to a trigger's specificity ("can i take k2" is not more specific than
                "pregnant").
        """
        self._subject = subject
        self._subject_and_function_words = subject | FUNCTION_WORDS
        self._readings: dict[str, _Reading] = {}
        for intent in content.of_kind(Kind.SAFETY):
            grouped: dict[str, tuple[list[str], list[str]]] = {}
            for language, triggers in _triggers_by_language(intent):
                key, reading = _reading(language, self._readings)
                alternatives, unspaced = grouped.setdefault(key, ([], []))
                for trigger in triggers:
                    for spelling in _spellings(trigger):
                        expression = trigger_expression(
                            spelling, normalizer, reading.reduce, reading.fold_prefix
                        )
                        if expression is None:
                            continue
                        # Han and kana are written without spaces: their triggers match
                        # inside words.
                        if _UNSPACED.search(spelling):
                            unspaced.append(expression)
                            continue
                        alternatives.append(expression)
                        if expression.isalpha() and len(expression) >= LONG_TRIGGER:
                            # A word two intents share goes to the first by id.
                            known = reading.long_words.get(expression)
                            if known is None or intent.id < known.id:
                                reading.long_words[expression] = intent
            for key, (alternatives, unspaced) in grouped.items():
                pattern = _alternation(alternatives, unspaced)
                if pattern is not None:
                    self._readings[key].by_intent.append((pattern, intent))

    def find(self, words: list[str]) -> Intent | None:
        """The safety intent one of whose triggers the normalised words contain, if any."""
        best: tuple[float, int, int] | None = None
        chosen: Intent | None = None
        haystacks: list[tuple[_Reading, str]] = []
        for reading in self._readings.values():
            haystack = reading.haystack(words)
            haystacks.append((reading, haystack))
            # Other languages' function words weigh nothing in any reading: the English
            # list's "mio figlio" is no more specific than "ha ingerito" for its "mio".
            neutral = self._subject_and_function_words
            weigh: Callable[[str], int] = len
            if reading.discount_function_words:
                weigh = self._content_length
            for expression, intent in reading.by_intent:
                found = _overlapping(expression, haystack)
                if not found:
                    continue
                top = max(found, key=lambda text: (specificity(text, neutral), weigh(text)))
                rank = (round(specificity(top, neutral), 6), weigh(top), len(found))
                if (
                    best is None
                    or rank > best
                    or (rank == best and chosen and intent.id < chosen.id)
                ):
                    best, chosen = rank, intent
        if chosen is not None:
            return chosen
        for reading, haystack in haystacks:
            if not reading.long_words:
                continue
            for word in haystack.split():
                if len(word) >= LONG_TRIGGER and not is_real_word(word):
                    hit = process.extractOne(
                        word,
                        reading.long_words.keys(),
                        scorer=Levenshtein.distance,
                        score_cutoff=1,
                    )
                    if hit is not None:
                        return reading.long_words[hit[0]]
        return None

    def _content_length(self, matched: str) -> int:
        """The letters of a match outside the subject and function words ("mi bebe": 4)."""
        neutral = self._subject_and_function_words
        return sum(len(w) for w in matched.split() if w not in neutral)


class TriggerLanguages:
    """Which languages' safety triggers a question holds: the referral's language.

    Each language's triggers are read with its own reduction (see `word_reducer`).
    """

    def __init__(self, content: Content, normalizer: Normalizer) -> None:
        """Compile, per language other than the base one, the safety triggers written in it."""
        per_language: dict[str, tuple[list[str], list[str]]] = {}
        self._languages: list[tuple[re.Pattern[str], str, _Reading]] = []
        readings: dict[str, _Reading] = {}
        for intent in content.of_kind(Kind.SAFETY):
            for translation in intent.translations:
                _, reading = _reading(translation.language, readings)
                alternatives, unspaced = per_language.setdefault(translation.language, ([], []))
                for trigger in translation.triggers:
                    for spelling in _spellings(trigger):
                        expression = trigger_expression(
                            spelling, normalizer, reading.reduce, reading.fold_prefix
                        )
                        if expression is None:
                            continue
                        target = unspaced if _UNSPACED.search(spelling) else alternatives
                        target.append(expression)
        for language, (alternatives, unspaced) in per_language.items():
            pattern = _alternation(alternatives, unspaced)
            if pattern is not None:
                self._languages.append((pattern, language, _reading(language, readings)[1]))

    def __bool__(self) -> bool:
        return bool(self._languages)

    def count(self, words: list[str]) -> dict[str, int]:
        """How many triggers of each language the normalised words hold (none: absent)."""
        haystacks: dict[int, str] = {}
        hits: dict[str, int] = {}
        for pattern, language, reading in self._languages:
            haystack = haystacks.get(id(reading))
            if haystack is None:
                haystack = haystacks[id(reading)] = reading.haystack(words)
            found = len(pattern.findall(haystack))
            if found:
                hits[language] = found
        return hits


def _overlapping(expression: re.Pattern[str], haystack: str) -> list[str]:
    """Every match of `expression`, overlapping ones too.

    "mon fils a avale des gelules" holds "a avale" and "avale des gelules": a search that
    resumes after the first match would never weigh the second, more specific one.
    """
    found = []
    position = 0
    while (match := expression.search(haystack, position)) is not None:
        found.append(match.group(0))
        position = match.start() + 1
    return found


def _alternation(alternatives: list[str], unspaced: list[str]) -> re.Pattern[str] | None:
    """One expression for whole-word triggers and in-word (unspaced script) triggers."""
    if not alternatives and not unspaced:
        return None
    # Longest first, so a phrase is preferred to a word it starts with.
    alternatives = sorted(set(alternatives), key=len, reverse=True)
    unspaced = sorted(set(unspaced), key=len, reverse=True)
    parts = []
    if alternatives:
        parts.append(rf"(?<!\S)(?:{'|'.join(alternatives)})(?!\S)")
    if unspaced:
        parts.append(f"(?:{'|'.join(unspaced)})")
    return re.compile("|".join(parts))


def specificity(matched: str, neutral: frozenset[str] = frozenset()) -> float:
    """How specific a matched trigger is: the sum of its words' rarity in general English.

    Rarity is Zipf points below COMMON_ZIPF, each at most MAX_WORD_RARITY, so
    "levothyroxine" outweighs "every morning" and "trying for a baby" outweighs "baby".
    Words in `neutral` count nothing.
    """
    total = 0.0
    for word in matched.split():
        if word in neutral:
            continue
        # wordfreq lists numbers with their digits as zeros ("20" as "00").
        frequency = zipf(_DIGIT.sub("0", word))
        total += min(max(COMMON_ZIPF - frequency, 0.0), MAX_WORD_RARITY)
    return total


def trigger_expression(
    trigger: str,
    normalizer: Normalizer,
    reduce: Callable[[str], str] = stem,
    fold_prefix: Callable[[str], str] = _unchanged,
) -> str | None:
    """A regular expression for one trigger over reduced words (None if it has no words).

    Args:
        trigger: the trigger as written in the YAML.
        normalizer: folds it as questions are folded.
        reduce: how its language's words are reduced (`stem` for English and Russian).
        fold_prefix: how a prefix word ("вагітн*") is folded to meet the reduced words.
    """
    words = []
    for raw in trigger.split():
        if raw == "*":
            words.append(r"\S+")
            continue
        if raw.endswith("*") and "*" not in raw[:-1]:
            prefix = "".join(normalizer.normalize(raw[:-1]).split())
            if len(prefix) >= MIN_PREFIX and not _SLOT.search(raw):
                words.append(re.escape(fold_prefix(prefix)) + r"\S*")
                continue
            raw = raw[:-1]
        pieces = []
        position = 0
        for slot in _SLOT.finditer(raw):
            pieces.append(_literal(raw[position : slot.start()], normalizer))
            if slot.group(1) is None:
                pieces.append(r"\d+")
            else:
                low, high = int(slot.group(1)), int(slot.group(2))
                pieces.append(_number_range(low, high))
            position = slot.end()
        tail = raw[position:]
        if position == 0:
            literal = " ".join(reduce(w) for w in normalizer.normalize(raw).split())
            if literal:
                words.append(re.escape(literal))
            continue
        pieces.append(_literal(tail, normalizer))
        words.append("".join(pieces))
    if not any(w != r"\S+" for w in words):
        return None  # a trigger of wildcards alone would catch every question
    return " ".join(words)


def _literal(text: str, normalizer: Normalizer) -> str:
    """Part of a word next to a number slot, folded but not stemmed or split."""
    return re.escape("".join(normalizer.normalize(text).split()))


def _number_range(low: int, high: int) -> str:
    """A compact regular expression for the whole numbers low..high (no leading zeros)."""
    parts: list[str] = []
    for length in range(len(str(low)), len(str(high)) + 1):
        start = max(low, 10 ** (length - 1) if length > 1 else 0)
        end = min(high, 10**length - 1)
        if start <= end:
            parts.extend(_same_length(str(start), str(end)))
    return "(?:" + "|".join(parts) + ")"


def _same_length(low: str, high: str) -> list[str]:
    """Alternatives matching every number from low to high, both of one length."""
    if low == high:
        return [low]
    if len(low) == 1:
        return [f"[{low}-{high}]"]
    if low[0] == high[0]:
        return [low[0] + rest for rest in _group(_same_length(low[1:], high[1:]))]
    rest = len(low) - 1
    parts = [low[0] + tail for tail in _group(_same_length(low[1:], "9" * rest))]
    first, last = int(low[0]) + 1, int(high[0]) - 1
    if first <= last:
        parts.append(f"[{first}-{last}]" + r"\d" * rest)
    parts.extend(high[0] + tail for tail in _group(_same_length("0" * rest, high[1:])))
    return parts


def _group(alternatives: list[str]) -> list[str]:
    return alternatives if len(alternatives) == 1 else ["(?:" + "|".join(alternatives) + ")"]
