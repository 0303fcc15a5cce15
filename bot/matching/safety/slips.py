"""Misspelt trigger words: how long a word must be to be read despite a typo, and the slips.

A short word is read despite one slip of the fingers (a letter left out, two neighbours
swapped, a neighbouring key): the keyboard and the slip are here.
"""

from __future__ import annotations

from bot.language import BASE_LANGUAGE, FUNCTION_WORDS, detect_language
from bot.matching.lexicon import english_zipf

# Only trigger words this long (warfarin, pregnant, kidney) are matched despite a typo,
# and only when the misspelling is not an everyday word and keeps TYPO_WORD letters (a
# dropped letter is the commonest slip: "kidny", "statns"); a word of TWO_TYPOS_WORD
# letters may hold two.
TYPO_TARGET_WORD = 6
TYPO_WORD = 5
TWO_TYPOS_WORD = 10
# A short trigger word ("baby", "blood", "kids", "many", "every") is read despite one slip
# too ("bby", "blod", "kidz", "mnay", "evry"): a misspelling of SHORT_TYPO_WORD letters or
# more, rarer than REAL_WORD_ZIPF in general English and SHORT_TYPO_MARGIN below the
# word it misspells, one slip of a kind fingers make away: a letter left out, two
# neighbours swapped, a letter doubled or added beside a key next to it, or a key's
# neighbour hit instead (see `_slip`). So "doze" (2.6, a word of its own near "dose"
# 4.2) and "kidd" (3.3) stay as typed.
SHORT_TYPO_WORD = 3
SHORT_TYPO_MARGIN = 2.0
# A function word of another language rarer than this in English tells a message is not
# English ("hai", "che", "nima"), so its words are not read as English slips.
FOREIGN_WORD_ZIPF = 4.0
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Each row is set off from the one above by about a quarter and a half key.
_KEY_OFFSETS = (0.0, 0.25, 0.75)
# In other languages no word list says a word is real, so a misspelling is looked for
# only in words this long, with one typo ("jarrow" is no Uzbek "jarroh").
OTHER_LANGUAGE_TYPO_WORD = 8
# Misspelt-word lookups each reading remembers (see `_Reading.looked_up`).
MAX_LOOKED_UP = 50_000


def _deletions(word: str) -> set[str]:
    """The word and every string one deleted letter makes of it."""
    return {word, *(word[:at] + word[at + 1 :] for at in range(len(word)))}


def _key_places() -> dict[str, tuple[float, float]]:
    return {
        letter: (column + _KEY_OFFSETS[row], float(row))
        for row, letters in enumerate(_KEY_ROWS)
        for column, letter in enumerate(letters)
    }


_KEY_PLACES = _key_places()


def _neighbour_keys(first: str, second: str) -> bool:
    """Whether two letters are keys side by side on a QWERTY keyboard ("s" and "z")."""
    a, b = _KEY_PLACES.get(first), _KEY_PLACES.get(second)
    if a is None or b is None:
        return False
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 < 1.7


def _slip(meant: str, typed: str) -> bool:
    """Whether `typed` is `meant` with one slip of the fingers.

    A letter left out ("blod"), two neighbours swapped ("mnay"), a letter doubled or added
    beside a neighbouring key ("babby", "kidsa"), or a neighbouring key hit instead
    ("kidz"): not any one edit ("bane" is no slip for "baby").
    """
    if len(typed) == len(meant) - 1:
        return any(meant[:at] + meant[at + 1 :] == typed for at in range(len(meant)))
    if len(typed) == len(meant) + 1:
        for at in range(len(typed)):
            if typed[:at] + typed[at + 1 :] == meant:
                added, beside = typed[at], typed[max(at - 1, 0) : at + 2].replace(typed[at], "", 1)
                if any(added == b or _neighbour_keys(added, b) for b in beside):
                    return True
        return False
    if len(typed) != len(meant):
        return False
    differ = [at for at in range(len(meant)) if meant[at] != typed[at]]
    if len(differ) == 1:
        return _neighbour_keys(meant[differ[0]], typed[differ[0]])
    if len(differ) == 2 and differ[1] == differ[0] + 1:
        first, second = differ
        return meant[first] == typed[second] and meant[second] == typed[first]
    return False


def _reads_as_another_language(words: list[str]) -> bool:
    """Whether a Latin message is told to be in another language than English.

    By its words (`detect_language`), or by a function word of another language rarer
    than FOREIGN_WORD_ZIPF in English ("hai", "nima", "che"; not "la" or "de").
    """
    if any(word in FUNCTION_WORDS and english_zipf(word) < FOREIGN_WORD_ZIPF for word in words):
        return True
    return detect_language(" ".join(words)) not in (None, BASE_LANGUAGE)


def _slip_likelihood(meant: str, typed: str) -> int:
    """How telling a slip is: a swap or a neighbour's key 2, a letter left out 1, one added 0."""
    if len(typed) == len(meant):
        return 2
    return 1 if len(typed) < len(meant) else 0
