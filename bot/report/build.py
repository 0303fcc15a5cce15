"""The report's figures, read from the question log with SQL over the whole period."""

from __future__ import annotations

import calendar
import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bot.errors import K2BotError
from bot.matching import Matcher
from bot.report.grouping import Group, group_questions

DISLIKED_SHOWN = 20

DAY = 86400.0
# Distinct question texts grouped, most asked first; the rest are counted, not grouped,
# which keeps a report over millions of rows within seconds.
MAX_DISTINCT = 5000
LOW_CONFIDENCE_MARGIN = 5  # answered, but within this many points of MATCH_ACCEPT


class ReportError(K2BotError):
    """The question log cannot be read, or the report cannot be written."""


@dataclass(frozen=True, slots=True)
class Day:
    """The questions of one UTC day."""

    day: str  # YYYY-MM-DD, UTC
    questions: int
    fell_back: int

    @property
    def fallback_rate(self) -> float:
        """The share of the day's questions the bot fell back on."""
        return self.fell_back / self.questions if self.questions else 0.0


@dataclass(frozen=True, slots=True)
class IntentVotes:
    """The 👍 and 👎 one intent's answers received."""

    intent: str
    up: int
    down: int


@dataclass(frozen=True, slots=True)
class Disliked:
    """A question whose answer got 👎, with the intent that answered it."""

    question: str
    intent: str
    down: int


@dataclass(frozen=True, slots=True)
class UsageReport:
    """What users asked over a period: counts, votes and the groups of unanswered questions."""

    since_days: float
    generated_at: float
    questions: int
    answered: int
    suggested: int
    fell_back: int
    days: tuple[Day, ...]
    top_intents: tuple[tuple[str, int], ...]
    votes: tuple[IntentVotes, ...]
    groups: tuple[Group, ...]
    # Listed questions in no group shown: no word to group them by, asked too rarely
    # (beyond MAX_DISTINCT texts) or in groups beyond the ones shown. With the groups it
    # adds up: sum(g.count for g in groups) + ungrouped == unanswered.
    ungrouped: int
    unanswered: int = 0  # unanswered or low-confidence questions, less declined and ignored
    declined: int = 0  # fell back on an out_of_scope intent: declined correctly, not listed
    ignored: int = 0  # texts an editor chose to ignore (from /unanswered)
    no_topic_examples: tuple[str, ...] = ()
    disliked: tuple[Disliked, ...] = ()

    @property
    def fallback_rate(self) -> float:
        """The share of all questions the bot fell back on."""
        return self.fell_back / self.questions if self.questions else 0.0

    def as_json(self) -> dict[str, Any]:
        """The report as plain data, for `k2bot report --format json`."""
        groups = []
        for group in self.groups:
            item = asdict(group)
            item.pop("all_texts")
            item["examples"] = list(group.examples)
            item["advice"] = group.advice()
            groups.append(item)
        return {
            "since_days": self.since_days,
            "generated_at": self.generated_at,
            "questions": self.questions,
            "answered": self.answered,
            "suggested": self.suggested,
            "fell_back": self.fell_back,
            "fallback_rate": round(self.fallback_rate, 4),
            "per_day": [asdict(d) for d in self.days],
            "top_intents": [{"intent": i, "questions": n} for i, n in self.top_intents],
            "votes": [asdict(v) for v in self.votes],
            "groups": groups,
            "ungrouped": self.ungrouped,
            "unanswered": self.unanswered,
            "declined_correctly": self.declined,
            "ignored": self.ignored,
            "disliked": [asdict(d) for d in self.disliked],
        }


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open the question log for reading only; a missing file is an error, not a new log.

    The path travels as a `file:` URI with every special character percent-encoded, so a
    folder named "reports#1" or "what?" is opened as itself, and "?mode=ro" is the only
    query SQLite sees.

    Raises:
        ReportError: when there is no such file, or SQLite cannot open it.
    """
    if not path.is_file():
        raise ReportError(
            f"no question log at {path} yet. Fill it by asking questions: `k2bot chat`, "
            '`k2bot ask --log "..."`, or the Telegram bot (all log with QUESTION_LOG=on)'
        )
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ReportError(f"cannot open {path}: {exc}") from None


def read_report(path: Path, matcher: Matcher, *, since_days: float = 30) -> UsageReport:
    """Open the log at `path` read-only, build the report and close the log again.

    Raises:
        ReportError: when the file is missing or is not a question log.
    """
    db = open_read_only(path)
    try:
        return build_report(db, matcher, since_days=since_days)
    except sqlite3.DatabaseError as exc:
        raise ReportError(f"cannot read {path}: {exc}") from None
    finally:
        db.close()


def build_report(
    db: sqlite3.Connection,
    matcher: Matcher,
    *,
    since_days: float = 30,
    top: int = 10,
    max_groups: int = 30,
    now: float | None = None,
) -> UsageReport:
    """Read the log of the last `since_days` days and group what went unanswered.

    Args:
        db: the question log, open for reading.
        matcher: the bot's matcher, to group questions and find their closest intents.
        since_days: the period, ending now.
        top: how many of the most asked intents to list.
        max_groups: how many groups of unanswered questions to keep, largest first.
        now: the end of the period (default: the current time).
    """
    now = time.time() if now is None else now
    since = now - since_days * DAY
    # "+asked_at" keeps SQLite off the time index: a report reads most of the table, and a
    # plain scan is several times faster than a million index lookups.
    outcomes = dict(
        db.execute(
            "SELECT outcome, count(*) FROM questions WHERE +asked_at >= ? GROUP BY outcome",
            (since,),
        ).fetchall()
    )
    days = tuple(
        Day(day, total, fell)
        for day, total, fell in db.execute(
            "SELECT date(asked_at, 'unixepoch') AS day, count(*), "
            "sum(outcome = 'fell_back') FROM questions WHERE +asked_at >= ? "
            "GROUP BY day ORDER BY day",
            (since,),
        )
    )
    top_intents = db.execute(
        "SELECT intent, count(*) AS n FROM questions WHERE +asked_at >= ? AND "
        "outcome = 'answered' GROUP BY intent ORDER BY n DESC, intent LIMIT ?",
        (since, top),
    ).fetchall()
    votes = tuple(
        IntentVotes(intent, up, down)
        for intent, up, down in db.execute(
            "SELECT intent, sum(vote > 0), sum(vote < 0) AS down FROM votes "
            "WHERE voted_at >= ? GROUP BY intent ORDER BY down DESC, intent",
            (since,),
        )
    )
    accept = matcher.thresholds.accept + LOW_CONFIDENCE_MARGIN
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    # Logs written before /unanswered's "ignore" button have no such table.
    not_ignored = (
        "AND question NOT IN (SELECT question FROM ignored)" if "ignored" in tables else ""
    )
    listed = f"+asked_at >= ? AND (outcome != 'answered' OR score < ?) {not_ignored}"
    texts = db.execute(
        "SELECT question, sum(outcome != 'answered') AS unanswered, "
        "sum(outcome = 'answered') AS low, count(*) AS n FROM questions "
        f"WHERE {listed} GROUP BY question ORDER BY n DESC LIMIT ?",
        (since, accept, MAX_DISTINCT + 1),
    ).fetchall()
    rare = 0
    if len(texts) > MAX_DISTINCT:
        texts = texts[:MAX_DISTINCT]
        total = db.execute(f"SELECT count(*) FROM questions WHERE {listed}", (since, accept))
        rare = total.fetchone()[0] - sum(n for *_, n in texts)
    ignored = 0
    if not_ignored:
        ignored = db.execute(
            "SELECT count(*) FROM questions WHERE +asked_at >= ? AND "
            "(outcome != 'answered' OR score < ?) AND question IN (SELECT question FROM ignored)",
            (since, accept),
        ).fetchone()[0]
    disliked = tuple(
        Disliked(question, intent, down)
        for question, intent, down in db.execute(
            "SELECT q.question, v.intent, count(*) AS down FROM votes v "
            "JOIN questions q ON q.ref = v.ref WHERE v.vote < 0 AND v.voted_at >= ? "
            "GROUP BY q.question, v.intent ORDER BY down DESC, q.question LIMIT ?",
            (since, DISLIKED_SHOWN),
        )
    )
    grouping = group_questions(texts, matcher)
    shown = tuple(grouping.groups[:max_groups])
    unanswered = sum(n for *_, n in texts) + rare - grouping.declined
    return UsageReport(
        since_days=since_days,
        generated_at=now,
        questions=sum(outcomes.values()),
        answered=outcomes.get("answered", 0),
        suggested=outcomes.get("suggested", 0),
        fell_back=outcomes.get("fell_back", 0),
        days=_every_day(days, now),
        top_intents=tuple((i, n) for i, n in top_intents),
        votes=votes,
        groups=shown,
        ungrouped=unanswered - sum(g.count for g in shown),
        unanswered=unanswered,
        declined=grouping.declined,
        ignored=ignored,
        no_topic_examples=grouping.no_topic_examples,
        disliked=disliked,
    )


def _every_day(days: tuple[Day, ...], now: float) -> tuple[Day, ...]:
    """The days from the first question to today, with a zero for each day without any.

    A quiet week or an outage shows as a gap instead of vanishing.
    """
    if not days:
        return ()
    by_day = {d.day: d for d in days}
    moment = float(calendar.timegm(time.strptime(days[0].day, "%Y-%m-%d")))
    filled = []
    last = time.strftime("%Y-%m-%d", time.gmtime(now))
    while True:
        name = time.strftime("%Y-%m-%d", time.gmtime(moment))
        filled.append(by_day.get(name, Day(name, 0, 0)))
        if name >= last or len(filled) > 40000:
            return tuple(filled)
        moment += DAY
