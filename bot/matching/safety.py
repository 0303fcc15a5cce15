"""Safety triggers: words and phrases that route a question to a doctor, before matching."""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.intents import Content, Intent, Kind
from bot.text import Normalizer, stem

# Only long trigger words (warfarin, pregnant) are matched despite a typo.
LONG_TRIGGER = 8


class SafetyTriggers:
    """The safety intents' triggers, in content order: the first that matches wins."""

    def __init__(self, content: Content, normalizer: Normalizer) -> None:
        self._phrases: list[tuple[str, Intent]] = []
        self._long_words: dict[str, Intent] = {}
        for intent in content.of_kind(Kind.SAFETY):
            for trigger in intent.triggers:
                phrase = " ".join(stem(w) for w in normalizer.normalize(trigger).split())
                if phrase:
                    self._phrases.append((phrase, intent))
                    if " " not in phrase and len(phrase) >= LONG_TRIGGER:
                        self._long_words.setdefault(phrase, intent)

    def find(self, words: list[str]) -> Intent | None:
        """The safety intent one of whose triggers the normalised words contain, if any."""
        stems = [stem(w) for w in words]
        haystack = f" {' '.join(stems)} "
        for phrase, intent in self._phrases:
            if f" {phrase} " in haystack:
                return intent
        if self._long_words:
            for word in stems:
                if len(word) >= LONG_TRIGGER:
                    hit = process.extractOne(
                        word,
                        self._long_words.keys(),
                        scorer=Levenshtein.distance,
                        score_cutoff=1,
                    )
                    if hit is not None:
                        return self._long_words[hit[0]]
        return None
