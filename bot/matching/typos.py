"""Typo correction of question words against the intents' vocabulary."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# Only words this long are corrected, by one edit (two for long words).
MIN_CORRECTED_LENGTH = 6
LONG_WORD = 9
# Corrections remembered; the oldest are forgotten first.
MAX_REMEMBERED = 50_000


class TypoCorrector:
    """Maps a misspelt word to the nearest known word, remembering recent answers.

    One corrector serves every thread that matches (the Telegram workers and the reload
    thread): the memory is bounded and guarded by a lock, so concurrent lookups neither
    race nor grow without limit.

    Args:
        vocabulary: the words a misspelling may be corrected to.
        known: words that are never corrected (already right).
        max_remembered: how many corrections to keep.
    """

    def __init__(
        self,
        vocabulary: Sequence[str],
        known: Collection[str],
        *,
        max_remembered: int = MAX_REMEMBERED,
    ) -> None:
        self._vocabulary = [w for w in vocabulary if len(w) >= MIN_CORRECTED_LENGTH - 1]
        self._known = known
        self._max = max_remembered
        self._remembered: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._remembered)

    def correct(self, token: str) -> str:
        """The known word `token` most likely means, or `token` itself."""
        if token in self._known or len(token) < MIN_CORRECTED_LENGTH or token.isdigit():
            return token
        with self._lock:
            cached = self._remembered.get(token)
            if cached is not None:
                self._remembered.move_to_end(token)
                return cached
        max_edits = 2 if len(token) >= LONG_WORD else 1
        hit = process.extractOne(
            token, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=max_edits
        )
        corrected = hit[0] if hit is not None else token
        with self._lock:
            self._remembered[token] = corrected
            if len(self._remembered) > self._max:
                self._remembered.popitem(last=False)
        return corrected
