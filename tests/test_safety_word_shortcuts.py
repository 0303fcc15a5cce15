"""Shortcuts of the safety reading give what the long way gives.

After a warm-up, a trigger that reads nothing but the word where it is tried
(`Reach.word_local`: "-xaban" at a word's end, a number "1-17") is tried once on each new
word alone and left out of that word's list when it does not match; and an ASCII message
is not searched for the in-word triggers (Chinese, Korean, Thai) whose every match takes a
character outside ASCII (`needs_non_ascii`). Both are worked out per content version, so a
reload brings its own. A text is searched for every everyday sense at once before it is
searched phrase by phrase.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.data import DEV_QUESTIONS, SHIPPED_INTENTS
from bot.evaluate import read_examples
from bot.intents import load_content
from bot.matching import Thresholds
from bot.matching.safety.context import EVERYDAY_SENSES, _sense_indices
from bot.matching.safety.expression_starts import needs_non_ascii
from bot.reload import LiveContent
from bot.responder import Responder
from bot.text import fold
from builders import REPO, intent_folder

DATA = REPO / "tests" / "data"
DEV_SETS = [DEV_QUESTIONS, DATA / "safety_multilingual.jsonl", DATA / "dev_questions_ru.jsonl"]
DEV_SETS += sorted(DATA.glob("dev_safety_*.jsonl"))


def _hits(responder: Responder, question: str) -> list[object]:
    """The triggers the every-language matcher finds in `question`, in order."""
    matcher = responder.translated
    assert matcher is not None
    words = matcher.normalizer.normalize(question).split()
    return list(matcher.safety._gathered(words).hits) if words else []


def test_every_dev_message_finds_the_triggers_trying_every_trigger_finds(
    tmp_path: Path,
) -> None:
    """A warmed responder (both shortcuts) and one trying every trigger everywhere find the
    same triggers, in the same order, in every message of the dev and safety dev sets; and
    each message a second time, when its words' lists are remembered."""
    content = load_content(SHIPPED_INTENTS)
    quick, plain = Responder(content), Responder(content)
    quick.warm_up()
    plain.warm_up()
    assert quick.translated is not None and plain.translated is not None
    for reading in plain.translated.safety._readings.values():
        reading.word_local, reading.ascii_unspaced = None, None
        reading.matchers_at.clear()
    for reading in quick.translated.safety._readings.values():
        assert reading.word_local is not None and reading.ascii_unspaced is not None
    questions = list(dict.fromkeys(e.question for path in DEV_SETS for e in read_examples(path)))
    assert len(questions) > 3_000
    found = 0
    for _ in range(2):
        for question in questions:
            expected = _hits(plain, question)
            assert _hits(quick, question) == expected, question
            found += bool(expected)
    assert found > 1_000


@pytest.mark.parametrize(
    ("expression", "needs"),
    [
        (r"(?:k2는|k2도)", True),
        (r"(?:k2|k2는)", False),  # "k2" alone is ASCII
        (r"(?<!\d)(?:1[0-7]|[1-9])(?!\d)岁", True),
        (r"(?:\S+ 岁)?", False),  # may match nothing
        (r"[가-힣]+", True),
        (r"[^a]", False),
        (r"(?i:ÿ)", False),  # ignoring case: unsure
    ],
)
def test_what_needs_a_character_outside_ascii(expression: str, needs: bool) -> None:
    re.compile(expression)
    assert needs_non_ascii(expression) is needs


MEDICINES = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns: [what is vitamin k2, tell me about vitamin k2]
    answer: The article says vitamin K2 is a unique vitamin.
    source:
      - "Vitamin K2 is a unique vitamin"
  - id: safety_medicines
    kind: safety
    title: Medicines
    patterns: [can i take k2 with my medicine]
    triggers: [warfarin]
    answer: Please ask your doctor or pharmacist first.
"""


def test_a_word_met_before_a_reload_is_read_for_the_new_triggers(tmp_path: Path) -> None:
    """A warmed bot remembers, per word, which one-word triggers it may hold; a reload that
    adds "apixaban" refers a question the old content did not."""
    folder = intent_folder(tmp_path, {"main.yaml": MEDICINES})
    responder = Responder(load_content(folder))
    responder.warm_up()
    live = LiveContent(folder, Thresholds(), responder, warm_up=True)
    question = "i take apixaban, can i take k2"
    before = live.responder.respond(question).intent
    assert before is None or before.id != "safety_medicines"

    path = folder / "main.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[warfarin]", "[warfarin, apixaban]"),
        encoding="utf-8",
    )
    assert live.reload().applied

    reply = live.responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_medicines"


def _sense_indices_phrase_by_phrase(words: list[str]) -> set[int]:
    text = " ".join(words)
    spans = [found.span() for sense in EVERYDAY_SENSES for found in sense.finditer(text)]
    inside, position = set(), 0
    for index, word in enumerate(words):
        end = position + len(word)
        if any(a <= position and end <= b for a, b in spans):
            inside.add(index)
        position = end + 1
    return inside


def test_everyday_senses_found_in_one_search_are_those_found_phrase_by_phrase() -> None:
    """One search for any everyday sense first ("overdosed on netflix", "broken phone")
    leaves the words found inside them as searching phrase by phrase finds them."""
    told = [
        "i overdosed on netflix this weekend",
        "my dentist appointment is tomorrow, can i take k2",
        "broken phone and i take warfarin",
        "usd to inr",
        "maternity leave pay and k2",
        "missed a day of school, is k2 ok",
    ]
    questions = told + [e.question for path in DEV_SETS for e in read_examples(path)]
    held = 0
    for question in questions:
        words = fold(question).split()
        assert _sense_indices(words) == _sense_indices_phrase_by_phrase(words), question
        held += bool(_sense_indices(words))
    assert held >= len(told)
