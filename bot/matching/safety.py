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
from bot.matching.typos import is_real_word
from bot.text import Normalizer, stem

# Only long trigger words (warfarin, pregnant) are matched despite a typo.
LONG_TRIGGER = 8
_SLOT = re.compile(r"#|\{(\d+)-(\d+)\}")


class SafetyTriggers:
    """The safety intents' triggers, in content order: the first intent that matches wins."""

    def __init__(self, content: Content, normalizer: Normalizer) -> None:
        self._by_intent: list[tuple[re.Pattern[str], Intent]] = []
        self._long_words: dict[str, Intent] = {}
        for intent in content.of_kind(Kind.SAFETY):
            alternatives = []
            for trigger in intent.triggers:
                expression = trigger_expression(trigger, normalizer)
                if expression is None:
                    continue
                alternatives.append(expression)
                if expression.isalpha() and len(expression) >= LONG_TRIGGER:
                    self._long_words.setdefault(expression, intent)
            if alternatives:
                # Longest first, so a phrase is preferred to a word it starts with.
                alternatives.sort(key=len, reverse=True)
                joined = "|".join(alternatives)
                self._by_intent.append((re.compile(rf"(?<!\S)(?:{joined})(?!\S)"), intent))

    def find(self, words: list[str]) -> Intent | None:
        """The safety intent one of whose triggers the normalised words contain, if any."""
        stems = [stem(w) for w in words]
        haystack = " ".join(stems)
        for expression, intent in self._by_intent:
            if expression.search(haystack):
                return intent
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
