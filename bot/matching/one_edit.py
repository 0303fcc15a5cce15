"""The word of a list within one edit of a word, found by deletions instead of a scan.

Typo correction (the safety readings' and `TypoCorrector`'s) asks, for each new word of a
question, which listed word is at most one edit away. `rapidfuzz.process.extractOne`
answers by scoring every word of the list: 80-90 µs over the safety triggers' 1,200-1,500
words, paid by every new word in each of three readings. Two words one edit apart become
the same string once at most one letter is deleted from each (a substitution deletes it on
both sides, an insertion on one, a swap of two neighbours deletes either of them on both
sides), so the list's words are filed under their one-letter deletions, and a word looks
up only its own: about 10 µs, the same answer.

The indexes are built by `SafetyTriggers.warm_up` and `TypoCorrector.warm_up` (about 10 ms
for the shipped triggers), so a one-shot `k2bot ask` starts as quickly as before and scans
instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz.distance import Levenshtein

# Letters that sound alike, so one typed for the other is a slip of spelling, not of the
# keyboard: "osteoklasts" means osteoclasts (k for c), not osteoblasts (k for b).
SOUNDS_ALIKE = frozenset(
    frozenset(pair) for pair in ("ck", "cs", "sz", "iy", "kq", "fv", "td", "mn", "ae", "eo")
)


def sounds_alike(word: str, other: str) -> bool:
    """Whether two words of one length differ by one letter typed for one that sounds alike."""
    if len(word) != len(other):
        return False
    changed = [(a, b) for a, b in zip(word, other, strict=True) if a != b]
    return len(changed) == 1 and frozenset(changed[0]) in SOUNDS_ALIKE


def _variants(word: str) -> set[str]:
    """The word and every string one deleted letter makes of it."""
    return {word, *(word[:at] + word[at + 1 :] for at in range(len(word)))}


class OneEditIndex:
    """A list of words, filed by their one-letter deletions.

    Args:
        words: the words, in the order that breaks ties (the first wins).
        distance: how edits are counted: Levenshtein, or optimal string alignment (a swap
            of two neighbouring letters is one edit), as the caller's scan would.
        by_sound: among words equally near, prefer one whose changed letter sounds like
            the typed one (see `SOUNDS_ALIKE`) over the list's order.
    """

    def __init__(
        self,
        words: Sequence[str],
        distance: Callable[..., int] = Levenshtein.distance,
        *,
        by_sound: bool = False,
    ) -> None:
        self._words = tuple(words)
        self._distance = distance
        self._by_sound = by_sound
        filed: dict[str, list[int]] = {}
        for position, word in enumerate(self._words):
            for variant in _variants(word):
                filed.setdefault(variant, []).append(position)
        self._filed = {variant: tuple(positions) for variant, positions in filed.items()}

    def closest(self, word: str) -> str | None:
        """The listed word at most one edit from `word`, or None.

        What `process.extractOne(word, words, scorer=distance, score_cutoff=1)` chooses:
        the fewest edits, then (with `by_sound`) a letter that sounds alike, then the
        earliest in the list.
        """
        best: tuple[int, bool, int] | None = None
        for variant in _variants(word):
            for position in self._filed.get(variant, ()):
                listed = self._words[position]
                distance = self._distance(word, listed, score_cutoff=1)
                if distance > 1:
                    continue
                unlike = not (self._by_sound and distance == 1 and sounds_alike(word, listed))
                if best is None or (distance, unlike, position) < best:
                    best = (distance, unlike, position)
        return None if best is None else self._words[best[2]]
