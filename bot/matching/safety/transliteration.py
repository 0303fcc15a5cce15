"""Russian typed in Latin letters, read in Cyrillic so Russian triggers meet it."""

from __future__ import annotations

import functools

from bot.matching.lexicon import zipf
from bot.matching.safety.expressions import MIN_PREFIX, Folds
from bot.text import (
    ALWAYS_ENGLISH_ZIPF,
    TRANSLIT_MARGIN,
    TRANSLIT_MIN_WORDS,
    TRANSLIT_RUSSIAN_ZIPF,
    _transliterations,
    is_cyrillic,
    russian_reading,
)


def latin_read_as_russian(
    words: list[str], normalizer: Folds, *, mixed: bool = False
) -> tuple[list[str], frozenset[int]] | None:
    """A Latin message's words read in Cyrillic, and which of them tell it is Russian.

    A word tells when it is clearly Russian: its Cyrillic reading is a common Russian word
    (TRANSLIT_RUSSIAN_ZIPF), commoner by TRANSLIT_MARGIN than the word is in English
    ("skolko", "beremennym"; not "pit" or "den"). Beside TRANSLIT_MIN_WORDS such words, a
    word no English word at all (Zipf under UNENGLISH_ZIPF) tells too, read letter by
    letter when no Russian word form is listed ("kormyashchaya", "ksarelto"). None when a
    word is in another script or none tells. Words with figures ("k2") stay as they are; a
    reading is folded as triggers are ("витамин" is "vitamin"), word by word so the
    positions hold.

    Args:
        words: a normalised message's words.
        normalizer: folds the readings as triggers were folded.
        mixed: whether a message already read as Russian but for some words is read too
            ("ya kormyashchaya mama" is read "я kormyashchaya мама"): its Latin words
            that are Russian or no English words tell, the others stay as they are.
    """
    if not all(word.isascii() for word in words):
        if not mixed or not any(is_cyrillic(word) for word in words):
            return None
        read = [_cyrillic_reading(word) if word.isascii() else ("", _NOTHING) for word in words]
        clearly = {index for index, (_, kind) in enumerate(read) if kind != _NOTHING}
    else:
        read = [_cyrillic_reading(word) for word in words]
        clearly = {index for index, (_, kind) in enumerate(read) if kind == _CLEARLY_RUSSIAN}
    if not clearly:
        return None
    if len(clearly) >= TRANSLIT_MIN_WORDS:
        clearly.update(index for index, (_, kind) in enumerate(read) if kind == _NO_ENGLISH)
    readings = []
    for word, (reading, _) in zip(words, read, strict=True):
        folded = normalizer.normalize(reading) if reading else ""
        readings.append(folded if folded and " " not in folded else reading or word)
    return readings, frozenset(clearly)


# What a Latin word says of a message being Russian (see `latin_read_as_russian`).
_CLEARLY_RUSSIAN, _NO_ENGLISH, _NOTHING = 2, 1, 0
# A word rarer than this in English is no English word ("kormyashchaya", "ksarelto").
UNENGLISH_ZIPF = 1.5


@functools.lru_cache(maxsize=65_536)
def _cyrillic_reading(word: str) -> tuple[str, int]:
    """A Latin word's likeliest Cyrillic reading ("" if none), and what it says.

    See `latin_read_as_russian`: "skolko" is clearly Russian, "kormyashchaya" no English
    word, "pit" nothing.
    """
    if not word.isalpha() or zipf(word) >= ALWAYS_ENGLISH_ZIPF:
        return "", _NOTHING  # "the", "what" are never Russian; "k2" is kept as it is
    reading, frequency = russian_reading(word)
    in_english = zipf(word)
    if (
        reading
        and len(word) > 1
        and frequency >= TRANSLIT_RUSSIAN_ZIPF
        and frequency >= in_english + TRANSLIT_MARGIN
    ):
        return reading, _CLEARLY_RUSSIAN
    if in_english < UNENGLISH_ZIPF and len(word) > MIN_PREFIX:
        return reading or _transliterations(word, soft_signs=False)[0], _NO_ENGLISH
    return reading, _NOTHING
