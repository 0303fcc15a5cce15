"""The shape of a complaint about something taken (`bot.matching.complaints`)."""

from __future__ import annotations

import pytest

from bot.matching.complaints import complaint_reading
from bot.responder import Responder

SUBJECTS = frozenset({"calcium", "d3"})
# The article's terms and question words stay in the reading; the story goes.
KEPT = frozenset({"calcium", "d3", "k2", "why", "deficiency"})


def read(normalized: str) -> str | None:
    return complaint_reading(normalized.split(), SUBJECTS, KEPT.__contains__)


@pytest.mark.parametrize(
    ("normalized", "reading"),
    [
        ("taking calcium but my bone mineral density keeps going down", "calcium useless"),
        ("bone mineral density didnt improve despite calcium", "calcium useless"),
        (
            "ive taken calcium for 3 year and my bone mineral density got worse why",
            "calcium useless why",
        ),
        (
            "lots of calcium and d3 still low bone mineral density could a deficiency k2 be it",
            "calcium useless d3 deficiency k2",
        ),
    ],
)
def test_a_complaint_is_read_as_the_thing_taken_not_working(normalized: str, reading: str) -> None:
    assert read(normalized) == reading


@pytest.mark.parametrize(
    "normalized",
    [
        # No outcome that failed to get better.
        "does k2 help calcium absorption",
        "i take calcium and my bone mineral density improve",
        # Asked whether to take it, or whether it prevents a fall.
        "my bones are still weak should i take calcium",
        "can calcium stop bone mineral density dropping",
        # A measure of calcium, not calcium taken.
        "my calcium score is still high",
        # Nothing taken that the content answers a complaint for.
        "taking magnesium but my bone mineral density is still dropping",
    ],
)
def test_no_complaint_is_read_without_its_shape(normalized: str) -> None:
    assert read(normalized) is None


def test_explain_shows_what_the_complaint_was_read_as(responder: Responder) -> None:
    """An editor sees why bone-density words did not decide: the complaint's reading."""
    explained = responder.matcher.explain("taking calcium but my bone density keeps going down")
    assert "a complaint: 'calcium useless'" in explained.frames
    assert "also read as a complaint" in explained.render()
    assert explained.as_dict()["frames"] == list(explained.frames)
    # A question with no frame shows none.
    assert responder.matcher.explain("does k2 help bone density").frames == ()


def test_the_quick_word_checks_skip_only_messages_the_word_by_word_reading_skips() -> None:
    """`complaint_reading` gives up on a message holding no subject or no marker word
    before reading it word by word; the word-by-word reading finds nothing there either.
    Every combination of a subject or not, an outcome, and each word next to a marker."""
    import itertools

    from bot.matching import complaints

    vocabulary = sorted(
        complaints.PERSISTING
        | complaints.WORSE
        | complaints.NEGATORS
        | complaints._EVEN_AFTER
        | complaints.PREVENTING
        | {"even", "improve", "same", "unchanged", "better", "useless", "keeps", "going"}
        | {"taking", "calcium", "bone", "cramps", "k2", "why", "score"}
    )
    checked = 0
    for words in itertools.product(vocabulary, repeat=3):
        marked = complaints._marker_positions(list(words))
        assert not marked or not complaints._MARKER_WORDS.isdisjoint(words), words
        checked += bool(marked)
    assert checked > 1000
    # A marker or subject missing: None both ways.
    assert read("taking calcium but my bone mineral density is low") is None
    assert read("taking magnesium but my bone mineral density keeps going down") is None
