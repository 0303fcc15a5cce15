"""Sentences read for triggers only at their edges find what reading them whole finds.

`SafetyTriggers._anchored_in_sentences` reads each sentence of a message as a question
of its own. It used to search every trigger at every word of every sentence; now only at
the words where a sentence read alone may match otherwise than the whole message did
(`_edge_words`, from `expression_reach`). Every hit it leaves out must be one the message's
own reading found, so these tests cut messages at every word, and hold the quick reading
of each stretch to the full one, less the hits the whole message has.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.matching.safety.expression_reach import Reach, expression_reach
from bot.matching.safety.readings import _Reading, _unspaced_at, _unspaced_in
from bot.matching.safety.triggers import SafetyTriggers, _word_starts
from bot.responder import Responder

DATA = Path(__file__).resolve().parent / "data"

# Dev messages whose stretches read alone find triggers the whole message lacks: a general
# question ending one ("... ok to take k2", `$`), a match the whole message ran on past a
# cut ("took 20 mk7 ...", "swallowed 30 k2 ..."), a number standing alone ("umur 4").
_MESSAGES = [
    "accidentally took 20 mk7 pills instead of 2 help",
    "anak umur 4 tahun boleh dikasih k2?",
    "hypothetically what happens if someone swallowed 30 k2 tablets",
    "My husband takes pradaxa for afib and wants to start menaquinone for bone health. "
    "Is this a problem?",
    "I had a fracture last year and now they want to operate, ok to take k2 before?",
    "I had antibiotics last year, now I'm on them again - can I take K2 during the course?",
    "I'm 38 and healthy. Should I take K2?",
    "should I take K2? I'm 45 with no health issues",
    "my son swallowed a handful of my k2 pills is he ok",
    "can i take k2 while pregnant and on warfarin",
]


def _keys(hits: list) -> set[tuple[str, str]]:
    return {(hit.intent.id, hit.text) for hit in hits}


def _stretches_read_alike(safety: SafetyTriggers, words: list[str]) -> list[str]:
    """The stretches of `words` (cut at every word) read otherwise quickly than in full."""
    message = safety._gathered(words)
    if message.words is not words:
        return []  # read apart: its sentences are not read one by one
    known = _keys(message.hits)
    wrong = []
    for cut in range(1, len(words)):
        for offset, stretch in ((0, words[:cut]), (cut, words[cut:])):
            full = [h for h in safety._gathered(stretch).hits if (h.intent.id, h.text) not in known]
            quick = [
                h
                for h in safety._sentence_hits(stretch, offset, message)
                if (h.intent.id, h.text) not in known
            ]
            if quick != full:
                wrong.append(" ".join(stretch))
    return wrong


def test_stretches_of_the_table_find_what_a_full_reading_finds(responder: Responder) -> None:
    """Each stretch of each message finds the hits the message lacks, in the same order."""
    safety: SafetyTriggers = responder.matcher.safety
    normalize = responder.matcher.normalizer.normalize
    found_new = 0
    for message in _MESSAGES:
        words = normalize(message).split()
        assert _stretches_read_alike(safety, words) == [], message
        message_keys = _keys(safety._gathered(words).hits)
        found_new += any(
            _keys(safety._gathered(words[cut:]).hits) - message_keys
            or _keys(safety._gathered(words[:cut]).hits) - message_keys
            for cut in range(1, len(words))
        )
    # The table holds messages whose stretches do find new hits (else it would test little).
    assert found_new >= 5


@pytest.mark.parametrize(
    "path", [DEV_QUESTIONS, DATA / "safety_multilingual.jsonl"], ids=["dev", "multilingual"]
)
def test_stretches_of_dev_messages_find_what_a_full_reading_finds(
    responder: Responder, path: object
) -> None:
    """The same over every third message of a dev set."""
    safety: SafetyTriggers = responder.matcher.safety
    normalize = responder.matcher.normalizer.normalize
    questions = [example.question for example in read_examples(path)][::3]  # type: ignore[arg-type]
    wrong = [
        stretch
        for question in questions
        for stretch in _stretches_read_alike(safety, normalize(question).split())
    ]
    assert wrong == []


def test_sentences_read_at_their_edges_add_what_reading_them_whole_adds(
    responder: Responder,
) -> None:
    """`_anchored_in_sentences` over real sentences, against searching them whole."""
    safety: SafetyTriggers = responder.matcher.safety
    normalize = responder.matcher.normalizer.normalize
    questions = [*_MESSAGES, *(example.question for example in read_examples(DEV_QUESTIONS))]
    added_somewhere = False
    for question in questions:
        message = safety._gathered(normalize(question).split())
        read = safety._sentences_read(question)
        if len(read) < 2 or [w for words in read for w in words] != message.words:
            continue
        known = _keys(message.hits)
        expected = []
        offset = 0
        for words in read:
            for hit in safety._gathered(words).hits:
                if (hit.intent.id, hit.text) not in known:
                    known.add((hit.intent.id, hit.text))
                    expected.append(hit._replace(covered=tuple(i + offset for i in hit.covered)))
            offset += len(words)
        assert safety._anchored_in_sentences(question, message) == expected, question
        added_somewhere = added_somewhere or bool(expected)
    assert added_somewhere


@pytest.mark.parametrize(
    ("expression", "reach"),
    [
        (r"(?:how much k2|dose)(?!\S)", Reach(2, 0)),  # `(?!\S)` reads an end alike
        (r"^(?:should i take k2)$(?!\S)", Reach(3, 1, True)),  # `$` reads it otherwise
        (r"(?:my ((?:\S+ ){0,4})son)(?!\S)", Reach(5, 0)),  # a gap: four words at most
        (r"(?:\d+ (\S+))(?!\S)", Reach(1, 0)),
        (r"(?:[^\W\d_]++(?:(?<=[^\W\d_]{2}(?:xaban))))(?!\S)", Reach(0, 7, False, True)),
        (r"(?<!\d)(?:1[0-7]|[1-9])(?!\d)", Reach(0, 1, False, True)),
        (r"(?:take(?= k2))", Reach(1, 0, True)),  # a look-ahead that may take a space
        (r"(?:a (?:\S+ )+b)", Reach(None, 0, True)),  # any number of words: no bound
        (r"(?:a .* b)", Reach(None, 0, True)),
        (r"(?:a\b)", Reach(0, 1, False, True)),  # reads only its word
        (r"(?:^k2)", Reach(0, 0)),  # `^` reads where the word stands
        (r"(?:k2)$", Reach(0, 1, True)),
        (r"(?<=a b)k2", Reach(0, 3)),  # looks back past its word
        (r"(a)\1", Reach(None, 0, True)),  # a back-reference: unsure, so no bound
    ],
)
def test_expression_reach(expression: str, reach: Reach) -> None:
    """Spaces a match may consume, look-back, whether it reads a sentence's end, and whether
    it reads nothing but the word where it is tried."""
    re.compile(expression)
    assert expression_reach(expression) == reach


def test_word_starts_are_where_each_word_starts() -> None:
    """Empty words (two spaces in a row) included."""
    for words in (["a", "bc", "", "def"], [], [""], ["", ""], ["k2"]):
        haystack = " ".join(words)
        starts = _word_starts(words)
        assert len(starts) == len(words)
        assert all(haystack.startswith(w, s) for w, s in zip(words, starts, strict=True))
        assert starts == [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]


def test_unspaced_candidates_are_those_of_each_character(responder: Responder) -> None:
    """`_unspaced_in` is the union of what may begin at each character, in order."""
    safety: SafetyTriggers = responder.matcher.safety
    readings: list[_Reading] = [r for r in safety._readings.values() if r.unspaced]
    assert readings
    texts = [
        "hello k2 world 2000",
        "임신중인데 k2 먹어도 되나요",
        "孕妇可以吃k2吗",
        "",
        "ท้องอยู่กินk2ได้ไหม",
    ]
    for reading, text in itertools.product(readings, texts):
        expected = sorted(frozenset().union(*(_unspaced_at(reading, c) for c in {"", *text})))
        reading.unspaced_at.clear()  # first met: worked out afresh
        assert _unspaced_in(reading, text) == expected
        assert _unspaced_in(reading, text) == expected  # then remembered
