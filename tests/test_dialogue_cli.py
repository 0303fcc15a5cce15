"""Conversations on the command line: `ask --conversation`, `chat`, and `eval --conversations`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import JSON_KEYS

from bot.dialogue_eval import evaluate_conversations, read_conversations
from bot.errors import K2BotError
from bot.responder import Responder
from builders import REPO, K2bot

CONVERSATIONS = REPO / "tests" / "data" / "conversations.jsonl"


def rows(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_ask_conversation_answers_follow_ups_with_memory(k2bot: K2bot) -> None:
    """With --conversation, stdin lines are one chat: "and mk4?" is about the last answer."""
    lines = b"where is mk7 made?\nand mk4?\nwhy?\n"
    result = k2bot("ask", "--json", "--conversation", stdin=lines)
    assert 0 == result.returncode, result.stderr
    got = rows(result.stdout)
    assert ["where_forms_made", "where_forms_made", "forms_mk4_mk7"] == [r["intent"] for r in got]
    assert all(JSON_KEYS == list(r) for r in got)
    assert str(got[1]["answer"]).startswith("↪ about: Where are MK-4 and MK-7 formed?")


def test_ask_without_conversation_keeps_lines_independent(k2bot: K2bot) -> None:
    """Without --conversation, a follow-up line is answered as if it came alone."""
    result = k2bot("ask", "--json", stdin=b"where is mk7 made?\nand mk4?\n")
    assert ["where_forms_made", "forms_mk4_mk7"] == [r["intent"] for r in rows(result.stdout)]


def test_a_line_with_two_questions_is_one_row_with_both_answers(k2bot: K2bot) -> None:
    """One row per line; its text holds each answer, its intent is the first question's."""
    line = "hi! what is k2? and should i take it with d3?"
    result = k2bot("ask", "--json", stdin=line.encode() + b"\n")
    (row,) = rows(result.stdout)
    assert JSON_KEYS == list(row)
    assert line == row["question"]
    assert "what_is_k2" == row["intent"]
    answer = str(row["answer"])
    assert answer.index("K2 as a unique vitamin") < answer.index('"dual guarantee"')


def test_explain_shows_the_follow_up_as_matched(k2bot: K2bot) -> None:
    """`ask --conversation --explain` explains a follow-up by the words it was matched as."""
    lines = b"what is vitamin k2\nand with d3?\n"
    result = k2bot("ask", "--conversation", "--explain", stdin=lines)
    assert 0 == result.returncode, result.stderr
    why = result.stdout.split("-- why: and with d3? --")[1]
    assert "best: k2_with_d3" in why
    assert 'matched as "k2 vitamin and with d3?"' in why


def test_chat_remembers_and_starts_over(k2bot: K2bot) -> None:
    """`k2bot chat` reads "and mk4?" against the last answer, and /reset forgets it."""
    script = "where is mk7 made?\nand mk4?\n/reset\nand mk4?\n/quit\n"
    result = k2bot("chat", stdin=script.encode())
    out = result.stdout
    assert 0 == result.returncode
    assert 1 == out.count("↪ about: Where are MK-4 and MK-7 formed?")
    assert "let's start over" in out


def test_eval_conversations_reports_each_kind_and_gates(k2bot: K2bot) -> None:
    """`eval --conversations` prints accuracy per kind and fails below --min-accuracy."""
    passing = k2bot("eval", "--conversations", str(CONVERSATIONS))
    assert 0 == passing.returncode, passing.stderr
    out = passing.stdout
    for kind in ("elliptical", "continue", "pronoun", "switch", "safety", "not_covered"):
        assert kind in out
    failing = k2bot("eval", "--conversations", str(CONVERSATIONS), "--min-accuracy", "1.01")
    assert 1 == failing.returncode
    assert "FAIL: follow-up accuracy" in failing.stderr


def test_dev_conversations_meet_the_targets(responder: Responder) -> None:
    """On the dev set: 90% of follow-ups right, 80% of each kind, first turns no worse."""
    report = evaluate_conversations(responder, read_conversations(CONVERSATIONS))
    assert report.follow_up_accuracy >= 0.90, report.summary()
    for kind in report.per_kind:
        assert report.kind_accuracy(kind) >= 0.80, report.summary()
    assert report.first_turn_accuracy >= report.first_turn_accuracy_alone
    assert report.follow_up_accuracy > report.follow_up_accuracy_alone


def test_the_dev_set_is_about_seventy_conversations_of_every_kind() -> None:
    """The set covers every kind of turn, with enough conversations to mean something."""
    conversations = read_conversations(CONVERSATIONS)
    assert len(conversations) >= 60
    kinds = {t.kind for c in conversations for t in c.turns}
    assert {"first", "elliptical", "continue", "pronoun", "switch", "safety"} <= kinds
    assert {"not_covered", "smalltalk"} <= kinds


@pytest.mark.parametrize(
    "line",
    [
        '{"turns": [{"say": "hi"}]}',
        '{"turns": [{"say": "hi", "expect": [], "kind": "chit"}]}',
        '{"turns": []}',
        "not json",
    ],
)
def test_a_broken_conversation_file_is_named_with_its_line(tmp_path: Path, line: str) -> None:
    """A malformed set is one clear error naming the file and line, not a traceback."""
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"turns": [{"say": "hi", "expect": ["greeting"], "kind": "smalltalk"}]}\n' + line
    )
    with pytest.raises(K2BotError, match=r"c\.jsonl:2"):
        read_conversations(path)
