"""Typo correction of question words against the intents' vocabulary."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matching.lexicon import zipf
from bot.matching.one_edit import OneEditIndex, sounds_alike

# Only words this long are corrected, by one edit (two for long words). An edit is a
# letter added, dropped or changed, or two neighbouring letters swapped: the swap is the
# commonest slip on a keyboard ("vitmain", "calcuim", "osteoprosis"), so it counts once
# (optimal string alignment distance), not as two changes.
MIN_CORRECTED_LENGTH = 6
LONG_WORD = 9
# A shorter word is still read despite two neighbouring letters swapped, from this length:
# shorter swaps ("hte") are as often other words or codes.
MIN_SWAPPED_LENGTH = 4
# A word at least this common in general English is a real word, not a typo: "meditation"
# (Zipf 3.9) is not corrected to "medication"; "calcuim" (0) and "strenght" (2.2) are.
REAL_WORD_ZIPF = 3.0
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
        aliases: Russian words (stems) a Cyrillic misspelling may be corrected to, each
            with what it stands for ("остеопороз" -> "osteoporosis"): the synonyms' own
            Russian words, which the intents' vocabulary holds only in canonical form.
    """

    def __init__(
        self,
        vocabulary: Sequence[str],
        known: Collection[str],
        *,
        max_remembered: int = MAX_REMEMBERED,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self._aliases = dict(aliases or {})
        self._vocabulary = [w for w in vocabulary if len(w) >= MIN_CORRECTED_LENGTH - 1]
        self._vocabulary += [w for w in self._aliases if len(w) >= MIN_CORRECTED_LENGTH - 1]
        self._known = known
        self._max = max_remembered
        self._remembered: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        # The vocabulary filed for one-edit lookups, once `warm_up` has built it.
        self._near: OneEditIndex | None = None

    def warm_up(self) -> None:
        """File the vocabulary for one-edit lookups (a few ms), so a new word's is quick."""
        if self._near is None:
            self._near = OneEditIndex(self._vocabulary, OSA.distance, by_sound=True)

    @property
    def warm(self) -> bool:
        """Whether `warm_up` has filed the vocabulary."""
        return self._near is not None

    def __len__(self) -> int:
        return len(self._remembered)

    def correct(self, token: str) -> str:
        """The known word `token` most likely means, or `token` itself."""
        if token in self._known or token.isdigit():
            return token
        if len(token) < MIN_CORRECTED_LENGTH:
            # A short word typed with its last letter held ("heyy", "hii", "byee"): the
            # normaliser folds three or more repeats, this the one extra.
            held = len(token) > 2 and token[-1] == token[-2] and token[-1].isalpha()
            if held and not is_real_word(token):
                shorter = token[:-1]
                if shorter in self._known:
                    return shorter
            if len(token) >= MIN_SWAPPED_LENGTH and token.isascii() and zipf(token) == 0.0:
                # Two neighbouring letters typed in turn ("thnak", "bnoe"): a word no list
                # knows, one swap from exactly one known word, is that word.
                swapped = {
                    token[:at] + token[at + 1] + token[at] + token[at + 2 :]
                    for at in range(len(token) - 1)
                }
                known = [word for word in swapped if word in self._known]
                if len(known) == 1:
                    return known[0]
            return token
        with self._lock:
            cached = self._remembered.get(token)
            if cached is not None:
                self._remembered.move_to_end(token)
                return cached
        corrected = token
        if not is_real_word(token):
            max_edits = 2 if len(token) >= LONG_WORD else 1
            near = self._near
            if max_edits == 1 and near is not None:
                found = near.closest(token)  # the scan's answer, without the scan
            else:
                # Every word within reach, so ties break as the index breaks them: the
                # fewest edits, a letter that sounds alike, then the vocabulary's order.
                hits = process.extract(
                    token, self._vocabulary, scorer=OSA.distance, score_cutoff=max_edits, limit=None
                )
                found = min(
                    hits,
                    key=lambda hit: (
                        hit[1],
                        not (hit[1] == 1 and sounds_alike(token, hit[0])),
                        hit[2],
                    ),
                    default=(None, 0, 0),
                )[0]
            if found is not None:
                corrected = self._aliases.get(found, found)
        with self._lock:
            self._remembered[token] = corrected
            if len(self._remembered) > self._max:
                self._remembered.popitem(last=False)
        return corrected


def is_real_word(word: str) -> bool:
    """Whether `word` is common enough in its language to be meant as written.

    A Cyrillic word (or stem) is weighed by general Russian, any other by English.
    """
    return zipf(word) >= REAL_WORD_ZIPF


# A word rarer than this in English may be respelt before the synonyms apply: misspellings
# are mostly absent from the list ("brkoen", "vitamni") or rare ("pepole" 1.5), while
# words of other languages and rare real words often reach it ("stille" 1.9, "gummies" 2.3).
RESPELL_ZIPF = 2.0
# Letters that are a whole word or end at a figure's left side ("k2calcuim" respells
# "calcuim"); letters running into a figure are a name's ("calciumk2": not "calciumk",
# respelt "calcium" and leaving "calcium2", which lost the K2).
_LATIN_WORD = re.compile(rf"(?<![A-Za-z])[A-Za-z]{{{MIN_CORRECTED_LENGTH},}}(?![A-Za-z0-9])")


class Respeller:
    """Corrects misspelt words to the synonyms' own words, before the synonyms apply.

    `TypoCorrector` corrects a question's words after normalising, against the words the
    patterns keep. A synonym, though, replaces its variants by a canonical word, so a typo
    inside a variant was never read: "brkoen bones" never became "broken bones" (a
    fracture), nor "old pepole" the elderly, nor "what can vitamni k2 do" a question about
    the benefits. A word of the message is respelt when it is Latin letters, at least
    `MIN_CORRECTED_LENGTH` long, rarer than `RESPELL_ZIPF`, not a word of the synonyms or
    of any intent (safety triggers and other languages included: "stille", "capsulas"
    stay), and one edit (a swap of two neighbours counts once) from a word of the
    synonyms or the patterns: the commonest such word.

    Args:
        targets: the words a misspelling may be respelt to (the synonyms' and the
            patterns'), given when first needed.
        known: words never respelt (every word the intents use, triggers included).
    """

    def __init__(
        self, targets: Callable[[], Collection[str]], known: Callable[[], Collection[str]]
    ) -> None:
        self._given_targets = targets
        self._given_known = known
        # Built on first use (or by `warm_up`): the known words and the targets' lookups.
        self._tables: tuple[frozenset[str], OneEditIndex] | None = None
        self._lock = threading.Lock()
        self._remembered: OrderedDict[str, str] = OrderedDict()

    def warm_up(self) -> None:
        """Build the lookups now rather than for the first rare word of a question."""
        self._ready()

    def _ready(self) -> tuple[frozenset[str], OneEditIndex]:
        tables = self._tables
        if tables is None:
            given = frozenset(self._given_targets())
            targets = sorted(
                (
                    w
                    for w in given
                    if w.isascii() and w.isalpha() and len(w) >= MIN_CORRECTED_LENGTH - 1
                ),
                key=lambda w: (-zipf(w), w),
            )
            known = frozenset(self._given_known()) | given
            # Threads may both build them; either copy gives the same answers.
            tables = self._tables = (known, OneEditIndex(targets, OSA.distance, by_sound=True))
        return tables

    def respell(self, text: str) -> str:
        """`text` with each misspelt word replaced (case and punctuation kept elsewhere)."""
        return _LATIN_WORD.sub(self._replacement, text)

    def _replacement(self, found: re.Match[str]) -> str:
        word = found.group(0)
        lower = word.lower()
        if zipf(lower) >= RESPELL_ZIPF:
            return word
        with self._lock:
            cached = self._remembered.get(lower)
        if cached is None:
            known, near = self._ready()
            cached = lower if lower in known else near.closest(lower) or lower
            with self._lock:
                self._remembered[lower] = cached
                if len(self._remembered) > MAX_REMEMBERED:
                    self._remembered.popitem(last=False)
        return word if cached == lower else cached
