"""The matcher's shortcuts give exactly what the plain computation gives.

The scorer avoids work for speed: the shape scan skips patterns whose length cannot reach
its cutoff, and the sort ratio compares word lists sorted at build time. A shortcut that
drifted would change which intents are offered, silently; these tests compare each with
the rapidfuzz call it replaces, on the shipped patterns and on the dev questions.
"""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz, process

from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.matching.index import sorted_words, token_sorted
from bot.matching.scoring import SHAPED_CUTOFF, _shaped_like
from bot.responder import Responder


@pytest.fixture(name="questions", scope="module")
def _questions(responder: Responder) -> list[str]:
    """Normalised questions of every length: the dev set, the patterns themselves, and
    their beginnings (short questions are where the length window is widest)."""
    normalize = responder.matcher.normalizer.normalize
    texts = [e.question for e in read_examples(DEV_QUESTIONS)]
    texts += [p.text for p in responder.matcher.index.patterns]
    texts += [text[:length] for text in texts[:200] for length in (3, 8, 15, 30)]
    return [q for q in map(normalize, texts) if q]


def test_the_shape_scan_finds_what_scanning_every_pattern_finds(
    responder: Responder, questions: list[str]
) -> None:
    index = responder.matcher.index
    for question in questions:
        shape = sorted_words(question)
        every = process.extract(
            shape, index.sorted_patterns, scorer=fuzz.ratio, limit=8, score_cutoff=SHAPED_CUTOFF
        )
        assert _shaped_like(index, shape) == [n for _, _, n in every], question


def test_sorted_words_compare_as_token_sort_ratio(
    responder: Responder, questions: list[str]
) -> None:
    index = responder.matcher.index
    for question in questions[:300]:
        for position, pattern in enumerate(index.patterns):
            assert fuzz.ratio(token_sorted(question), index.token_sorted[position]) == (
                fuzz.token_sort_ratio(question, pattern.normalized)
            )
