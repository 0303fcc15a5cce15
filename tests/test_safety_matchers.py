"""The safety reading's remembered matchers (per word, each trigger's compiled `match`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.intents import Content, Kind, load_content
from bot.matching import Matcher
from bot.matching.safety import readings as safety_readings
from bot.matching.safety import triggers as safety_triggers
from bot.responder import Responder
from builders import MINIMAL_INTENTS, intent_folder

WARFARIN = """\
  - id: safety_blood_thinners
    kind: safety
    title: Blood thinners
    patterns:
      - can i take k2 with blood thinners
    triggers:
      - warfarin
    answer: Ask your doctor before taking K2 with a blood thinner.
"""


def test_each_remembered_word_keeps_the_triggers_tried_there_with_their_match(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a word remembers is what is tried there, compiled from the same expressions;
    forgetting (a full memory is cleared) changes no finding."""
    questions = [
        "i take warfarin, can i take k2?",
        "is k2 safe in pregnancy",
        "my kid swallowed a whole bottle of k2",
        "what is vitamin k2",
    ]
    matcher = Matcher(content)
    words = [matcher.normalizer.normalize(q).split() for q in questions]
    found = [matcher.safety.find(w) for w in words]
    assert [matcher.safety.find(w) for w in words] == found
    assert sum(intent is not None for intent in found) == 3
    for reading in matcher.safety._readings.values():
        for word, matchers in reading.matchers_at.items():
            assert tuple(entry for entry, _ in matchers) == reading.tried_at[word]
            for entry, match in matchers:
                assert match.__self__.pattern == entry.expression  # type: ignore[attr-defined]
    monkeypatch.setattr(safety_readings, "MAX_REMEMBERED_WORDS", 2)
    monkeypatch.setattr(safety_triggers, "MAX_REMEMBERED_WORDS", 2)
    forgetful = Matcher(content).safety
    assert [forgetful.find(w) for w in words] == found
    assert all(len(r.matchers_at) <= 2 for r in forgetful._readings.values())


def test_a_trigger_removed_by_a_reload_no_longer_routes(tmp_path: Path) -> None:
    """The remembered matchers belong to one content version: after an edit removes a
    trigger, a reload no longer routes a message by it, though the old version (which
    had already read the word) still does."""
    folder = intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS + WARFARIN})
    question = "i take warfarin, can i take vitamin k2"
    before = Responder(load_content(folder))
    assert before.matcher.match(question).intent is not None
    assert before.matcher.match(question).intent.kind is Kind.SAFETY  # type: ignore[union-attr]

    edited = WARFARIN.replace("      - warfarin\n", "      - coumadin\n")
    (folder / "main.yaml").write_text(MINIMAL_INTENTS + edited, encoding="utf-8")
    after = Responder(load_content(folder))
    routed = after.matcher.match(question).intent
    assert routed is None or routed.kind is not Kind.SAFETY
    coumadin = after.matcher.match("i take coumadin, can i take vitamin k2").intent
    assert coumadin is not None and coumadin.kind is Kind.SAFETY
    old = before.matcher.match(question).intent
    assert old is not None and old.kind is Kind.SAFETY
