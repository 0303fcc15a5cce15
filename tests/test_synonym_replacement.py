"""Synonyms are replaced word by word as a regex of every variant would replace them."""

from __future__ import annotations

import random
import re

import pytest

from bot.text import REWRITE_PASSES, Normalizer, fold

SYNONYMS = {
    "k2": ("vitamin k 2", "vitamin k two", "k 2", "menaquinone", "vk2"),
    "mk7": ("menaquinone 7", "mk 7", "mk seven"),
    "vitamin d": ("vit d", "d3", "vitamin d 3"),
    "blank": ("nothing here",),
}


def regex_reference(synonyms: dict[str, tuple[str, ...]], text: str) -> str:
    """The replacement as one regex of all variants, longest first, whole words.

    The regex is applied again to its own result (at most `REWRITE_PASSES` times), as a
    variant may be written around another's canonical form.
    """
    table = {
        fold(v): fold(c) for c, vs in synonyms.items() for v in vs if fold(v) and fold(v) != fold(c)
    }
    folded = fold(text)
    alternatives = "|".join(re.escape(v) for v in sorted(table, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")
    for _ in range(REWRITE_PASSES):
        rewritten = pattern.sub(lambda m: table[m.group(0)], folded)
        if rewritten == folded:
            break
        folded = rewritten
    return folded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is Menaquinone-7 better than menaquinone?", "is mk7 better than k2"),
        ("vitamin k 2 or vitamin k two", "k2 or k2"),
        ("vk2x and xvk2 stay", "vk2x and xvk2 stay"),
        ("mk 7 mk seven mk", "mk7 mk7 mk"),
        ("vitamin d 3, vit d, d3 k 2", "vitamin d vitamin d vitamin d k2"),
        ("vitamin k", "vitamin k"),
        ("", ""),
    ],
)
def test_the_longest_whole_word_variant_is_replaced(text: str, expected: str) -> None:
    assert Normalizer(SYNONYMS).normalize(text) == expected
    assert regex_reference(SYNONYMS, text) == expected


def test_random_texts_match_the_regex_of_all_variants() -> None:
    normalizer = Normalizer(SYNONYMS)
    pieces = [v for vs in SYNONYMS.values() for v in vs] + "vitamin k 2 mk 7 d is a".split()
    rng = random.Random(15)
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        assert normalizer.normalize(text) == regex_reference(SYNONYMS, text), text


def test_a_frame_around_a_term_is_read_however_the_term_is_written() -> None:
    """A variant written around a canonical form ("what k2 does") is read when the term
    inside it is written as one of its own variants ("what menaquinone does")."""
    synonyms = {**SYNONYMS, "benefit": ("what k2 does", "what does k2 do")}
    normalizer = Normalizer(synonyms)
    assert normalizer.normalize("what k2 does") == "benefit"
    assert normalizer.normalize("so what menaquinone does") == "so benefit"
    assert normalizer.normalize("what does vitamin k two do for you") == "benefit for you"
