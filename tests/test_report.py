"""`k2bot report` over a real question log filled with messy questions."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.cli import main
from bot.questionlog import QuestionLog
from bot.report import build_report, open_read_only
from bot.responder import Responder

DATA = Path(__file__).resolve().parent / "data"
MESSY = json.loads((DATA / "messy_unanswered.json").read_text(encoding="utf-8"))
DAY = 86400.0
NOW = 1_790_000_000.0  # 2026-09-21
ANSWERED = [
    "what is vitamin k2",
    "mk7 vs mk4?",
    "k2 and d3 together??",
    "why doesnt my calcium work",
]


class Clock:
    """A settable clock for the log, so questions can be asked on chosen days."""

    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def fill(
    log: QuestionLog, clock: Clock, responder: Responder, questions: list[str], when: float
) -> list[str | None]:
    """Ask each question at `when` as a user would and log it as the bot does; returns refs."""
    clock.now = when
    refs = []
    for question in questions:
        reply = responder.respond(question)
        refs.append(
            log.record(
                question,
                reply.outcome,
                reply.intent.id if reply.intent else None,
                reply.score,
                user_id=1,
                chat_kind="private",
            )
        )
    return refs


@pytest.fixture(name="log_file")
def _log_file(tmp_path: Path, responder: Responder) -> Path:
    """Two days of questions: yesterday the messy ones, today the answerable ones."""
    path = tmp_path / "k2bot.sqlite3"
    clock = Clock()
    log = QuestionLog(path, salt=b"s", batch_seconds=0.01, clock=clock)
    for topic in MESSY.values():
        fill(log, clock, responder, topic, NOW - DAY)
    refs = fill(log, clock, responder, ANSWERED * 3, NOW)
    fill(log, clock, responder, ["a question from long ago about natto"], NOW - 200 * DAY)
    log.flush().result(5)
    clock.now = NOW  # votes are cast today
    log.vote(refs[0], 1, up=False).result(5)
    log.vote(refs[0], 2, up=False).result(5)
    log.vote(refs[1], 1, up=True).result(5)
    log.close()
    return path


def unanswered_of(responder: Responder, questions: list[str]) -> set[str]:
    """The questions the bot did not answer confidently (what the report should group)."""
    accept = responder.thresholds.accept + 5
    return {q for q in questions if (r := responder.respond(q)).intent is None or r.score < accept}


def test_messy_questions_about_one_topic_form_one_group(
    log_file: Path, responder: Responder
) -> None:
    """Forty ways of asking about natto, typos included, are one group with their count."""
    db = sqlite3.connect(log_file)
    report = build_report(db, responder.matcher, since_days=30, now=NOW)
    db.close()

    for topic, questions in MESSY.items():
        expected = unanswered_of(responder, questions)
        (group,) = [g for g in report.groups if expected & set(g.all_texts)]
        assert expected == set(group.all_texts), topic
        assert len(expected) == group.count
    natto = report.groups[0]
    assert natto.count >= 35
    assert "oos_food_sources" == natto.closest_intent
    assert "add these as patterns to oos_food_sources" == natto.advice()


def test_counts_per_day_top_intents_fallback_rate_and_votes(
    log_file: Path, responder: Responder
) -> None:
    """The figures an editor reads first, restricted to the period asked for."""
    db = sqlite3.connect(log_file)
    report = build_report(db, responder.matcher, since_days=30, now=NOW)
    recent = build_report(db, responder.matcher, since_days=0.5, now=NOW)
    db.close()

    messy = sum(len(q) for q in MESSY.values())
    assert messy + 12 == report.questions  # the 200-day-old question is outside the period
    assert ["2026-09-20", "2026-09-21"] == [d.day for d in report.days]
    assert [12] == [d.questions for d in recent.days]
    assert 0 == recent.fell_back
    assert report.fell_back == sum(d.fell_back for d in report.days)
    assert report.fell_back / report.questions == pytest.approx(report.fallback_rate)
    top = dict(report.top_intents)
    assert 3 == top["what_is_k2"]
    assert 3 <= top["k2_with_d3"]  # plus the magnesium questions it answered
    assert [("what_is_k2", 0, 2), ("forms_mk4_mk7", 1, 0)] == [
        (v.intent, v.up, v.down) for v in report.votes
    ]


def test_report_command_prints_markdown_json_and_patterns(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The three terminal formats; the patterns snippet is valid YAML an editor can paste."""
    assert 0 == main(["report", "--db", str(log_file), "--since", "3650"])
    markdown = capsys.readouterr().out
    assert "# K2 Bot report" in markdown
    assert "add these as patterns to oos_food_sources" in markdown

    assert 0 == main(["report", "--db", str(log_file), "--format", "json", "--since", "3650"])
    data = json.loads(capsys.readouterr().out)
    assert {
        "questions",
        "per_day",
        "top_intents",
        "fallback_rate",
        "votes",
        "groups",
    } <= data.keys()
    assert data["groups"][0]["count"] >= 35

    assert 0 == main(["report", "--db", str(log_file), "--patterns", "--since", "3650"])
    snippet = capsys.readouterr().out
    parsed = YAML(typ="safe").load(snippet)
    assert "natto k2?" in parsed
    assert "oos_food_sources (out_of_scope.yaml:" in snippet


def test_html_report_escapes_what_users_typed(tmp_path: Path, responder: Responder) -> None:
    """A question holding a script tag is shown as text in the HTML report, never run."""
    path = tmp_path / "k2bot.sqlite3"
    clock = Clock()
    log = QuestionLog(path, salt=b"s", batch_seconds=0.01, clock=clock)
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)> natto'
    fill(log, clock, responder, [attack, "natto?"], NOW)
    log.close()
    out = tmp_path / "report.html"

    assert 0 == main(["report", "--db", str(path), "--html", str(out), "--since", "3650"])

    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<svg" in page  # the chart, drawn without scripts


def test_report_refuses_bad_input_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing log, a non-database file and a negative period each get one clear line."""
    assert 2 == main(["report", "--db", str(tmp_path / "missing.sqlite3")])
    assert "no question log at" in capsys.readouterr().err
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database", encoding="utf-8")
    assert 2 == main(["report", "--db", str(junk)])
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--since", "-3"])
    assert 2 == exit_info.value.code
    assert "days must be more than 0" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["reports#1", "what?", "100% sure", "a?mode=rwc#x"])
def test_report_reads_a_log_at_any_path(
    log_file: Path, tmp_path: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A log in a folder whose name holds '#', '?' or '%' is read as itself, read-only."""
    odd = tmp_path / folder / "questions.sqlite3"
    odd.parent.mkdir()
    shutil.copy(log_file, odd)
    assert 0 == main(["report", "--db", str(odd), "--format", "json", "--since", "3650"])
    assert (
        sum(len(q) for q in MESSY.values()) + 13 == json.loads(capsys.readouterr().out)["questions"]
    )
    db = open_read_only(odd)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM questions")
    db.close()


def test_report_html_into_a_missing_folder_is_one_clear_line(
    log_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing the HTML report where it cannot go is an error line and exit code 2."""
    target = tmp_path / "no" / "such" / "folder" / "report.html"
    assert 2 == main(["report", "--db", str(log_file), "--html", str(target)])
    err = capsys.readouterr().err
    assert f"k2bot: cannot write {target}: No such file or directory\n" == err
