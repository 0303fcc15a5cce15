"""Safety triggers: words and phrases that route a question to a doctor, before matching.

A trigger is matched against the question's words after the same normalisation and light
stemming as patterns. Placeholders let one trigger cover many questions:

* `#` is any number ("took # pills" covers "took 20 pills");
* `{a-b}` is a whole number from a to b ("{1-17} year old" covers ages under 18); it may
  be part of a word ("{1-17}yo");
* `*` alone is any one word ("took {5-999} * pills" covers "took 20 k2 pills");
* `(a|b c)` is any one of the words or phrases a or "b c", so one trigger covers a
  family ("took {5-999} (pills|capsules|tablets)"); it may be part of a word
  ("#(mcg|mg)");
* `$` at the end means the question ends there ("can i take k2 $" is the whole question,
  not "can i take k2 with d3").

A trigger starting with `!` is urgent (chest pain, passed out): it routes on its own, and
it wins over every other trigger in the question; one starting with `?` is general
personal advice ("should i take it"): every other trigger wins over it.

Any other trigger made of everyday words (no word rarer than ALONE_RARITY: "child",
"kidney", "surgery", "dose") routes only when the question is about taking something: it
names a domain term of the article (K2, vitamin, calcium, supplement...) or an
INTAKE_WORDS word (take, pill, safe...), holds a trigger that stands alone, or says
nothing but its triggers ("what about kids?"). So "kidney bean chili" and "child process
in python" are not sent to a doctor, while "kidney stones and k2" and "can my kid take
it" are.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Protocol

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.intents import Content, Intent, Kind
from bot.matching.lexicon import zipf
from bot.matching.typos import is_real_word
from bot.text import Normalizer, stem

# A trigger's specificity: each word counts by how far below COMMON_ZIPF it is in general
# English ("for" nothing, "baby" 1.7, "warfarin" 4.4), at most MAX_WORD_RARITY (a word
# wordfreq has never seen is rare, but may be a typo or another language).
COMMON_ZIPF = 7.0
MAX_WORD_RARITY = 5.0
# A trigger holding a word at least this rare routes with no word about taking something
# ("warfarin", "dialysis", "conceive"); made of everyday words, only with one.
ALONE_RARITY = 3.5
# Words saying a question is about taking something, or about its safety, besides the
# article's domain terms: with one, "pregnant" or "my kid" is a medical question.
INTAKE_WORDS = frozenset(
    stem(word)
    for word in (
        "take taking takes took taken give giving gave given swallow swallowed ate eaten "
        "pill pills capsule capsules cap caps tablet tablets tab tabs softgel softgels "
        "gummy gummies drops supplement supplements supplementing "
        "safe safely safety ok okay alright allowed harmful harm risk risks risky dangerous bad"
    ).split()
)
# A word rarer than this in general English says what a question is about ("bean",
# "python", "salary"); "is", "what", "about" do not.
INFORMATIVE_ZIPF = 5.7
# Tiers: an urgent trigger ("!") beats any other, a general one ("?": "should i take it")
# loses to any other; within a tier the most specific wins.
URGENT_MARK = "!"
GENERAL_MARK = "?"
URGENT, PLAIN, GENERAL = 2, 1, 0
# Only words this long (warfarin, pregnant) are matched despite a typo, and only when the
# misspelling is not an everyday word; a word of TWO_TYPOS_WORD letters may hold two.
TYPO_WORD = 6
TWO_TYPOS_WORD = 10
# A family "(a|b c)": one of its words or phrases, held as "\x00N\x00" while a trigger is read.
_FAMILY = re.compile(r"\(([^()]*\|[^()]*)\)")
_END = re.compile(r"\s*\$$")
_SLOT = re.compile(r"#|\{(\d+)-(\d+)\}|\x00(\d+)\x00")
_DIGIT = re.compile(r"\d")


class Folds(Protocol):
    """What reading a trigger needs of a `Normalizer`."""

    def normalize(self, text: str) -> str:
        """Text folded and with synonyms rewritten, as questions are."""
        ...


_UNSPACED = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


class SafetyTriggers:
    """The safety intents' triggers: the most specific one a question holds wins.

    So the order of intents and files decides nothing.

    A trigger is as specific as its words are rare in general English (see `specificity`):
    "trying for a baby" is pregnancy rather than children's "baby"; "my son swallowed a
    handful" is an emergency ("swallowed a") rather than children ("my son"); "I take
    levothyroxine every morning" is about a medicine rather than daily use. An urgent
    trigger (written with "!") wins over any other. A tie goes to the longer match, then
    to the intent whose triggers the question holds more of, then to the intent id, never
    to file order. Everyday triggers need a word about taking something (see the module
    docstring).
    """

    def __init__(
        self,
        content: Content,
        normalizer: Normalizer,
        *,
        subject: frozenset[str] = frozenset(),
        domain: frozenset[str] = frozenset(),
    ) -> None:
        """Compile the triggers of `content`'s safety intents.

        Args:
            content: the intents.
            normalizer: the matcher's, so triggers and questions fold alike.
            subject: the terms naming the article's subject ("k2", "mk7"): they say a
                question is about K2, not which referral it needs, so they add nothing
                to a trigger's specificity ("can i take k2" is not more specific than
                "pregnant").
            domain: the article's domain terms (k2, vitamin, calcium, supplement...): a
                question naming one is about taking something, so its everyday triggers
                count.
        """
        self._subject = subject
        self._context = frozenset(domain) | INTAKE_WORDS
        # Triggers are tried only where a word could start them: by first word, the
        # (tier, intent, expression) to try there; those that start with a number or
        # any word are tried everywhere, and Han and kana (written without spaces)
        # match inside words.
        folding = _Memo(normalizer)
        grouped: dict[tuple[str | None, int, str], list[str]] = {}
        unspaced: dict[str, list[str]] = {}
        intents: dict[str, Intent] = {}
        trigger_words: set[str] = set()
        for intent in content.of_kind(Kind.SAFETY):
            intents[intent.id] = intent
            for trigger in intent.all_triggers:
                expression = trigger_expression(trigger, folding)
                if expression is None:
                    continue
                if _UNSPACED.search(trigger):
                    unspaced.setdefault(intent.id, []).append(expression)
                    continue
                trigger_words.update(_plain_words(expression))
                tier = trigger_tier(trigger)
                for first in _first_words(trigger, folding):
                    grouped.setdefault((first, tier, intent.id), []).append(expression)
        # Expressions tried at a word are compiled when first needed (most words start
        # no trigger a question will ever hold), so starting the bot stays quick.
        self._by_first: dict[str, list[tuple[int, Intent, str]]] = {}
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._anywhere: list[tuple[int, Intent, re.Pattern[str]]] = []
        for (first, tier, intent_id), expressions in sorted(
            grouped.items(), key=lambda item: (item[0][0] or "", -item[0][1], item[0][2])
        ):
            ordered = sorted(set(expressions), key=len, reverse=True)
            if first is None:
                pattern = re.compile(rf"(?<!\S)(?:{'|'.join(ordered)})(?!\S)")
                self._anywhere.append((tier, intents[intent_id], pattern))
            else:
                text = rf"(?:{'|'.join(ordered)})(?!\S)"
                self._by_first.setdefault(first, []).append((tier, intents[intent_id], text))
        self._unspaced = [
            (intents[intent_id], re.compile("|".join(sorted(found, key=len, reverse=True))))
            for intent_id, found in sorted(unspaced.items())
        ]
        # A misspelt word is read as the long trigger word it is closest to.
        self._typo_targets = sorted(w for w in trigger_words if len(w) >= TYPO_WORD)
        self._typo_target_set = frozenset(self._typo_targets)

    def find(self, words: list[str]) -> Intent | None:
        """The safety intent one of whose triggers the normalised words contain, if any."""
        stems = [self._spelled(stem(w)) for w in words]
        haystack = " ".join(stems)
        hits: list[_Hit] = []

        def add(tier: int, intent: Intent, found: re.Match[str] | None) -> None:
            if found is not None:
                text = found.group(0)
                hits.append(
                    _Hit(
                        tier,
                        specificity(text, self._subject),
                        len(text),
                        intent,
                        text,
                        found.span(),
                    )
                )

        start = 0
        for word in stems:
            for tier, intent, text in self._by_first.get(word, ()):
                pattern = self._compiled.get(text)
                if pattern is None:
                    # Two threads may compile one expression at once; either result will do.
                    pattern = self._compiled[text] = re.compile(text)
                add(tier, intent, pattern.match(haystack, start))
            start += len(word) + 1
        for tier, intent, pattern in self._anywhere:
            for found in pattern.finditer(haystack):
                add(tier, intent, found)
        for intent, pattern in self._unspaced:
            for found in pattern.finditer(haystack):
                add(PLAIN, intent, found)
        if hits and not self._about_taking(stems, hits):
            hits = [hit for hit in hits if _stands_alone(hit, self._subject)]
        best: tuple[int, float, int, int] | None = None
        chosen: Intent | None = None
        counts: dict[str, int] = {}
        for hit in hits:
            counts[hit.intent.id] = counts.get(hit.intent.id, 0) + 1
        for hit in hits:
            intent = hit.intent
            rank = (hit.tier, round(hit.specificity, 6), hit.length, counts[intent.id])
            if best is None or rank > best or (rank == best and chosen and intent.id < chosen.id):
                best, chosen = rank, intent
        return chosen

    def _about_taking(self, stems: list[str], hits: list[_Hit]) -> bool:
        """Whether everyday triggers count in a question.

        They do when it is about taking something (a domain or INTAKE_WORDS word), holds
        a trigger that stands alone, or says nothing but its triggers ("how much is too
        much", "what about kids?"): every informative word is inside a trigger found.
        "kidney bean chili recipe" says more ("bean", "chili", "recipe"), so it does not.
        """
        if any(word in self._context for word in stems):
            return True
        if any(_stands_alone(hit, self._subject) for hit in hits):
            return True
        covered = [False] * len(stems)
        start = 0
        for index, word in enumerate(stems):
            end = start + len(word)
            covered[index] = any(a <= start and end <= b for a, b in (h.span for h in hits))
            start = end + 1
        return not any(
            not inside
            and not _DIGIT.search(word)
            and word not in self._subject
            and zipf(word) < INFORMATIVE_ZIPF
            for word, inside in zip(stems, covered, strict=True)
        )

    def _spelled(self, word: str) -> str:
        """`word`, or the long trigger word it misspells ("apixiban" -> "apixaban")."""
        if (
            len(word) < TYPO_WORD
            or word in self._typo_target_set
            or word in self._context
            or is_real_word(word)
        ):
            return word
        hit = process.extractOne(
            word,
            self._typo_targets,
            scorer=Levenshtein.distance,
            score_cutoff=2 if len(word) >= TWO_TYPOS_WORD else 1,
        )
        return word if hit is None else hit[0]


def trigger_tier(trigger: str) -> int:
    """A trigger's tier: URGENT ("!chest pain"), GENERAL ("?should i take it") or PLAIN."""
    written = trigger.lstrip()
    if written.startswith(URGENT_MARK):
        return URGENT
    return GENERAL if written.startswith(GENERAL_MARK) else PLAIN


class _Memo:
    """A normaliser that remembers what it folded (triggers repeat words and families)."""

    def __init__(self, normalizer: Normalizer) -> None:
        self._normalizer = normalizer
        self._folded: dict[str, str] = {}

    def normalize(self, text: str) -> str:
        """The normaliser's reading of `text`."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = self._normalizer.normalize(text)
        return folded


class _Hit(NamedTuple):
    """One trigger found in a question."""

    tier: int
    specificity: float
    length: int
    intent: Intent
    text: str
    span: tuple[int, int]


def _stands_alone(hit: _Hit, neutral: frozenset[str]) -> bool:
    """Whether a trigger found routes with no word about taking something.

    Urgent triggers do; others when one of their words, numbers aside, is rare enough
    ("warfarin", "dialysis"; not "7 year old", "how many mg").
    """
    if hit.tier == URGENT:
        return True
    return any(
        rarity(word) >= ALONE_RARITY
        for word in hit.text.split()
        if word not in neutral and not _DIGIT.search(word)
    )


def _first_words(trigger: str, normalizer: Folds) -> list[str | None]:
    """The words a trigger can start with, or [None] when it starts with a number or `*`."""
    body = trigger.strip().lstrip(URGENT_MARK + GENERAL_MARK).strip()
    family = _FAMILY.match(body)
    if family is not None and family.end() < len(body) and not body[family.end()].isspace():
        return [None]  # a family that is part of a word ("(a|b)s")
    choices = family.group(1).split("|") if family is not None else [body]
    firsts: list[str | None] = []
    for choice in choices:
        for raw in choice.split():
            if raw == "*" or _SLOT.search(raw) or "(" in raw:
                return [None]
            words = normalizer.normalize(raw).split()
            if words:
                firsts.append(stem(words[0]))
                break
        else:
            return [None]
    return firsts


def _plain_words(expression: str) -> list[str]:
    """The literal words of a trigger expression, for typo correction."""
    return re.findall(r"[^\W\d_]+", expression)


def specificity(matched: str, neutral: frozenset[str] = frozenset()) -> float:
    """How specific a matched trigger is: the sum of its words' rarity in general English.

    Rarity is Zipf points below COMMON_ZIPF, each at most MAX_WORD_RARITY, so
    "levothyroxine" outweighs "every morning" and "trying for a baby" outweighs "baby".
    Words in `neutral` count nothing.
    """
    # A number says nothing about which referral a question needs ("warfarin 5mg").
    return sum(rarity(w) for w in matched.split() if w not in neutral and not _DIGIT.search(w))


def rarity(word: str) -> float:
    """How rare a word is in general English: Zipf points below COMMON_ZIPF, capped."""
    # wordfreq lists numbers with their digits as zeros ("20mg" as "00mg").
    frequency = zipf(_DIGIT.sub("0", word))
    return min(max(COMMON_ZIPF - frequency, 0.0), MAX_WORD_RARITY)


def trigger_expression(trigger: str, normalizer: Folds) -> str | None:
    """A regular expression for one trigger over stemmed words (None if it has no words)."""
    families: list[list[str]] = []

    def hold(found: re.Match[str]) -> str:
        families.append(found.group(1).split("|"))
        return f"\x00{len(families) - 1}\x00"

    body = _FAMILY.sub(hold, trigger.strip().lstrip(URGENT_MARK + GENERAL_MARK))
    body = _END.sub(" $", body)
    words = []
    for raw in body.split():
        if raw in ("*", "$"):
            words.append(r"\S+" if raw == "*" else "$")
            continue
        pieces = []
        position = 0
        for slot in _SLOT.finditer(raw):
            pieces.append(_literal(raw[position : slot.start()], normalizer))
            if slot.group(3) is not None:
                # A family alone is words, stemmed like the question; next to other
                # characters ("#(mcg|mg)") it is part of a word, folded only.
                alone = slot.group(0) == raw
                pieces.append(_choices(families[int(slot.group(3))], normalizer, alone=alone))
            elif slot.group(1) is None:
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
    if not any(w not in (r"\S+", "$") for w in words):
        return None  # a trigger of wildcards alone would catch every question
    return " ".join(words).replace(" $", "$")


def _choices(choices: list[str], normalizer: Folds, *, alone: bool) -> str:
    """An expression for one `(a|b c)` family: any one of its words or phrases."""
    texts = set()
    for choice in choices:
        words = normalizer.normalize(choice).split()
        texts.add(" ".join(stem(w) for w in words) if alone else "".join(words))
    texts.discard("")
    ordered = sorted(texts, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(text) for text in ordered) + ")"


def _literal(text: str, normalizer: Folds) -> str:
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
