"""Safety triggers: words and phrases that route a question to a doctor, before matching.

A trigger is matched against the question's words after the same normalisation and light
stemming as patterns. Two placeholders let one trigger cover many numbers:

* `#` is any number ("took # pills" covers "took 20 pills");
* `{a-b}` is a whole number from a to b ("{1-17} year old" covers ages under 18); it may
  be part of a word ("{1-17}yo");
* `*` alone is any one word ("took {5-999} * pills" covers "took 20 k2 pills").
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.intents import Content, Intent, Kind
from bot.matching.lexicon import zipf
from bot.matching.typos import is_real_word
from bot.text import Normalizer, stem

# Only long trigger words (warfarin, pregnant) are matched despite a typo.
LONG_TRIGGER = 8
# A trigger's specificity: each word counts by how far below COMMON_ZIPF it is in general
# English ("for" nothing, "baby" 1.7, "warfarin" 4.4), at most MAX_WORD_RARITY (a word
# wordfreq has never seen is rare, but may be a typo or another language).
COMMON_ZIPF = 7.0
MAX_WORD_RARITY = 5.0
_SLOT = re.compile(r"#|\{(\d+)-(\d+)\}")
_DIGIT = re.compile(r"\d")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


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
        self._by_intent: list[tuple[re.Pattern[str], Intent]] = []
        self._long_words: dict[str, Intent] = {}
        for intent in content.of_kind(Kind.SAFETY):
            alternatives = []
            # Han and kana are written without spaces: their triggers match inside words.
            unspaced = []
            for trigger in intent.all_triggers:
                expression = trigger_expression(trigger, normalizer)
                if expression is None:
                    continue
                if _UNSPACED.search(trigger):
                    unspaced.append(expression)
                    continue
                alternatives.append(expression)
                if expression.isalpha() and len(expression) >= LONG_TRIGGER:
                    # A word two intents share goes to the first by id, not by file order.
                    known = self._long_words.get(expression)
                    if known is None or intent.id < known.id:
                        self._long_words[expression] = intent
            if alternatives or unspaced:
                # Longest first, so a phrase is preferred to a word it starts with.
                alternatives.sort(key=len, reverse=True)
                unspaced.sort(key=len, reverse=True)
                parts = []
                if alternatives:
                    parts.append(rf"(?<!\S)(?:{'|'.join(alternatives)})(?!\S)")
                if unspaced:
                    parts.append(f"(?:{'|'.join(unspaced)})")
                self._by_intent.append((re.compile("|".join(parts)), intent))

    def find(self, words: list[str]) -> Intent | None:
        """The safety intent one of whose triggers the normalised words contain, if any."""
        stems = [stem(w) for w in words]
        haystack = " ".join(stems)
        best: tuple[float, int, int] | None = None
        chosen: Intent | None = None
        for expression, intent in self._by_intent:
            found = [m.group(0) for m in expression.finditer(haystack)]
            if not found:
                continue
            top = max(found, key=lambda text: (specificity(text, self._subject), len(text)))
            rank = (round(specificity(top, self._subject), 6), len(top), len(found))
            if best is None or rank > best or (rank == best and chosen and intent.id < chosen.id):
                best, chosen = rank, intent
        if chosen is not None:
            return chosen
        if self._long_words:
            for word in stems:
                if len(word) >= LONG_TRIGGER and not is_real_word(word):
                    hit = process.extractOne(
                        word,
                        self._long_words.keys(),
                        scorer=Levenshtein.distance,
                        score_cutoff=1,
                    )
                    if hit is not None:
                        return self._long_words[hit[0]]
        return None


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


def trigger_expression(trigger: str, normalizer: Normalizer) -> str | None:
    """A regular expression for one trigger over stemmed words (None if it has no words)."""
    words = []
    for raw in trigger.split():
        if raw == "*":
            words.append(r"\S+")
            continue
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
            literal = " ".join(stem(w) for w in normalizer.normalize(raw).split())
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
