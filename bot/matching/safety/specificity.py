"""How specific a trigger found is: the sum of its words' rarity in general English."""

from __future__ import annotations

from collections.abc import Callable

from bot.language import BASE_LANGUAGE, EVERYDAY_WORDS_ELSEWHERE
from bot.matching.lexicon import english_zipf, zipf
from bot.matching.safety.expressions import _DIGIT
from bot.text import (
    is_cyrillic,
    word_reducer,
)

# A trigger's specificity: each word counts by how far below COMMON_ZIPF it is in general
# English ("for" nothing, "baby" 1.7, "warfarin" 4.4), at most MAX_WORD_RARITY (a word
# wordfreq has never seen is rare, but may be a typo or another language). In another
# language nearly every word is "never seen", so there a tie in specificity goes to the
# match with more letters outside function words: "se tomo un frasco entero" outweighs
# "hijo".
COMMON_ZIPF = 7.0
MAX_WORD_RARITY = 5.0
# An English trigger holding a word at least this rare routes with no word about taking
# something ("warfarin", "dialysis", "conceive"); made of everyday words, only with one.
ALONE_RARITY = 3.5
_, _english_stem = word_reducer(BASE_LANGUAGE)


def specificity(
    matched: str,
    neutral: frozenset[str] = frozenset(),
    rarity_of: Callable[[str], float] | None = None,
) -> float:
    """How specific a matched trigger is: the sum of its words' rarity in general English.

    Rarity is Zipf points below COMMON_ZIPF, each at most MAX_WORD_RARITY, so
    "levothyroxine" outweighs "every morning" and "trying for a baby" outweighs "baby".
    Words in `neutral` count nothing.

    Args:
        matched: the words a trigger matched, reduced.
        neutral: words that count nothing.
        rarity_of: a word's rarity (`rarity` when None).
    """
    weigh = rarity if rarity_of is None else rarity_of
    # A number says nothing about which referral a question needs ("warfarin 5mg").
    return sum(weigh(w) for w in matched.split() if w not in neutral and not _DIGIT.search(w))


def _english_rarity(word: str) -> float:
    """How rare a word is in general English, whatever its script."""
    return rarity(word, english_zipf)


def _rarity_read_as_english_too(word: str) -> float:
    """A word's rarity, but no more than that of its English stem in general English."""
    return min(rarity(word), _english_rarity(_english_stem(word)))


def _english_rarity_too(word: str) -> float:
    """How rare a word is in general English, as written or as an English stem."""
    return min(_english_rarity(word), _english_rarity(_english_stem(word)))


def _everyday_rarity_elsewhere(word: str) -> float:
    """How rare a word of another language's trigger is, for whether it stands alone.

    As in general English (`_english_rarity_too`), except that one of a Latin-script
    language's commonest words ("ninos", "bambini", "cocuklar", "dzieci") is everyday
    there: it needs a word about taking something, as "kids" does in English.
    """
    if word in EVERYDAY_WORDS_ELSEWHERE:
        return 0.0
    return _english_rarity_too(word)


def _everyday_rarity(word: str) -> float:
    """How rare a word of an English or Russian trigger is, for whether it stands alone.

    As in general English (`_english_rarity`), except for another Latin-script language's
    commonest words: the English list's "ninos" or "bambini" is as everyday as "kids"; and
    a Cyrillic word, weighed in Russian: "ребенка" or "почки" is as everyday as "child" or
    "kidney" (every Cyrillic word is rare to English), so it needs a word about taking.
    """
    if word in EVERYDAY_WORDS_ELSEWHERE:
        return 0.0
    if is_cyrillic(word):
        return rarity(word)
    return _english_rarity(word)


def rarity(word: str, frequency_of: Callable[[str], float] = zipf) -> float:
    """How rare a word is: Zipf points below COMMON_ZIPF, capped.

    Args:
        word: a reduced word.
        frequency_of: its Zipf figure; by default in its own language (a Cyrillic word in
            Russian, any other in English).
    """
    # wordfreq lists numbers with their digits as zeros ("20mg" as "00mg").
    frequency = frequency_of(_DIGIT.sub("0", word))
    if word.endswith("nt") and len(word) > 3:
        # Folding drops apostrophes: "shouldnt" is as everyday as "shouldn't" (wordfreq
        # lists it rarely), so "who shouldnt" is not rare enough to route on its own.
        frequency = max(frequency, frequency_of(f"{word[:-2]}n't"))
    return min(max(COMMON_ZIPF - frequency, 0.0), MAX_WORD_RARITY)
