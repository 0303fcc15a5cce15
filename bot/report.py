"""What users asked: the editors' report over the question log.

Counts come from SQL over the whole period. The questions the bot could not answer (fell
back or only suggested) or answered with low confidence are grouped by similarity: each
question joins the group of its topic word, and each group is matched to its closest
intent with the bot's own matcher. So forty ways of asking about natto show as one group
with a count, and each group comes with a suggestion: add these as patterns to an
intent, or consider a new one.
"""

from __future__ import annotations

import html
import json
import sqlite3
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.intents import Kind
from bot.responder import Responder
from bot.text import GENERIC_WORDS, QUESTION_WORDS, content_tokens

DAY = 86400.0
# Distinct question texts grouped, most asked first; the rest are counted, not grouped,
# which keeps a report over millions of rows within seconds.
MAX_DISTINCT = 5000
TYPO_MIN_LENGTH = 4  # shorter words one edit apart are different words ("mk4", "mk7")
IGNORED_WORDS = GENERIC_WORDS | QUESTION_WORDS  # "k2", "vitamin", "how": never a topic
LOW_CONFIDENCE_MARGIN = 5  # answered, but within this many points of MATCH_ACCEPT
EXAMPLES_PER_GROUP = 5


@dataclass(frozen=True, slots=True)
class Day:
    day: str  # YYYY-MM-DD, UTC
    questions: int
    fell_back: int

    @property
    def fallback_rate(self) -> float:
        return self.fell_back / self.questions if self.questions else 0.0


@dataclass(frozen=True, slots=True)
class IntentVotes:
    intent: str
    up: int
    down: int


@dataclass(slots=True)
class Group:
    """Similar questions the bot could not answer well, with what to do about them."""

    count: int
    examples: list[str]
    unanswered: int
    low_confidence: int
    closest_intent: str | None
    closest_score: float
    suggestion: str  # "add" (as patterns to closest_intent) or "new" (consider a new intent)
    all_texts: list[str] = field(default_factory=list, repr=False)

    def advice(self) -> str:
        if self.suggestion == "add" and self.closest_intent:
            return f"add these as patterns to {self.closest_intent}"
        closest = (
            f" (closest: {self.closest_intent}, score {self.closest_score:.0f})"
            if self.closest_intent
            else ""
        )
        return (
            "consider a new intent if the article answers this, or add them to an "
            f"out_of_scope intent if it does not{closest}"
        )


@dataclass(slots=True)
class Report:
    since_days: float
    generated_at: float
    questions: int
    answered: int
    suggested: int
    fell_back: int
    days: list[Day]
    top_intents: list[tuple[str, int]]
    votes: list[IntentVotes]
    groups: list[Group]
    ungrouped: int  # unanswered questions beyond MAX_DISTINCT distinct texts

    @property
    def fallback_rate(self) -> float:
        return self.fell_back / self.questions if self.questions else 0.0

    def as_json(self) -> dict[str, Any]:
        groups = []
        for group in self.groups:
            item = asdict(group)
            item.pop("all_texts")
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
        }


def open_read_only(path: Path) -> sqlite3.Connection:
    """The question log for reading; a missing file is an error, not a new empty log."""
    if not path.is_file():
        raise FileNotFoundError(f"no question log at {path}: has the bot run with QUESTION_LOG=on?")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def build_report(
    db: sqlite3.Connection,
    responder: Responder,
    *,
    since_days: float = 30,
    top: int = 10,
    max_groups: int = 30,
    now: float | None = None,
) -> Report:
    """Read the log of the last `since_days` days and group what went unanswered."""
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
    days = [
        Day(day, total, fell)
        for day, total, fell in db.execute(
            "SELECT date(asked_at, 'unixepoch') AS day, count(*), "
            "sum(outcome = 'fell_back') FROM questions WHERE +asked_at >= ? "
            "GROUP BY day ORDER BY day",
            (since,),
        )
    ]
    top_intents = db.execute(
        "SELECT intent, count(*) AS n FROM questions WHERE +asked_at >= ? AND "
        "outcome = 'answered' GROUP BY intent ORDER BY n DESC, intent LIMIT ?",
        (since, top),
    ).fetchall()
    votes = [
        IntentVotes(intent, up, down)
        for intent, up, down in db.execute(
            "SELECT intent, sum(vote > 0), sum(vote < 0) AS down FROM votes "
            "WHERE voted_at >= ? GROUP BY intent ORDER BY down DESC, intent",
            (since,),
        )
    ]
    accept = responder.thresholds.accept + LOW_CONFIDENCE_MARGIN
    texts = db.execute(
        "SELECT question, sum(outcome != 'answered') AS unanswered, "
        "sum(outcome = 'answered') AS low, count(*) AS n FROM questions "
        "WHERE +asked_at >= ? AND (outcome != 'answered' OR score < ?) "
        "GROUP BY question ORDER BY n DESC LIMIT ?",
        (since, accept, MAX_DISTINCT + 1),
    ).fetchall()
    ungrouped = 0
    if len(texts) > MAX_DISTINCT:
        texts = texts[:MAX_DISTINCT]
        grouped = sum(n for *_, n in texts)
        ungrouped = (
            db.execute(
                "SELECT count(*) FROM questions WHERE +asked_at >= ? AND "
                "(outcome != 'answered' OR score < ?)",
                (since, accept),
            ).fetchone()[0]
            - grouped
        )
    return Report(
        since_days=since_days,
        generated_at=now,
        questions=sum(outcomes.values()),
        answered=outcomes.get("answered", 0),
        suggested=outcomes.get("suggested", 0),
        fell_back=outcomes.get("fell_back", 0),
        days=days,
        top_intents=[(i, n) for i, n in top_intents],
        votes=votes,
        groups=group_questions(texts, responder)[:max_groups],
        ungrouped=ungrouped,
    )


def group_questions(texts: list[tuple[str, int, int, int]], responder: Responder) -> list[Group]:
    """Group (text, unanswered, low-confidence, count) rows by their topic word.

    A question's topic is its word that is both common among these questions and
    distinctive among the intents (frequency here times the matcher's word weight), so
    "natto k2?", "i hate natto, what else" and "is nato good" share "natto", while words
    every intent uses ("take", "k2") never become a topic.
    """
    matcher = responder.matcher
    rows = []
    frequency: Counter[str] = Counter()
    for text, unanswered, low, count in texts:
        normalized = matcher.normalizer.normalize(text)
        words = {w for w in content_tokens(normalized) if w not in IGNORED_WORDS}
        if not words:
            continue  # emoji, greetings, empty messages: nothing to learn from
        rows.append((text, unanswered, low, count, normalized, words))
        for word in words:
            frequency[word] += count
    spelling = _common_spellings(frequency)
    rows = [(*row[:5], {spelling[w] for w in row[5]}) for row in rows]
    frequency = Counter()
    for *_, count, _, words in rows:
        for word in words:
            frequency[word] += count
    groups: dict[str, Group] = {}
    closest_votes: dict[str, Counter[str | None]] = defaultdict(Counter)
    closest_scores: dict[tuple[str, str | None], list[float]] = defaultdict(list)
    for text, unanswered, low, count, normalized, words in rows:
        topic = max(sorted(words), key=lambda w: frequency[w] * matcher.word_weight(w))
        ranked = matcher.rank_normalized(normalized)
        closest = ranked[0].intent.id if ranked else None
        closest_votes[topic][closest] += count
        closest_scores[topic, closest].append(ranked[0].score if ranked else 0.0)
        group = groups.get(topic)
        if group is None:
            groups[topic] = group = Group(0, [], 0, 0, None, 0.0, "new")
        group.count += count
        group.unanswered += unanswered
        group.low_confidence += low
        group.all_texts.append(text)
        if len(group.examples) < EXAMPLES_PER_GROUP:
            group.examples.append(text)  # rows come most asked first
    by_id = responder.content.by_id
    for topic, group in groups.items():
        closest = closest_votes[topic].most_common(1)[0][0]
        scores = closest_scores[topic, closest]
        group.closest_intent = closest
        group.closest_score = round(sum(scores) / len(scores), 1)
        intent = by_id.get(closest) if closest else None
        useful = (
            intent is not None
            and intent.kind is not Kind.SMALLTALK
            and group.closest_score >= responder.thresholds.suggest
        )
        group.suggestion = "add" if useful else "new"
    return sorted(groups.values(), key=lambda g: (-g.count, g.examples[0]))


def _common_spellings(frequency: Counter[str]) -> dict[str, str]:
    """Each word mapped to a more frequent word one typo away ("nato" -> "natto")."""
    spelling: dict[str, str] = {}
    leaders: list[str] = []
    for word, _ in frequency.most_common():
        found = (
            process.extractOne(word, leaders, scorer=Levenshtein.distance, score_cutoff=1)
            if len(word) >= TYPO_MIN_LENGTH and not word.isdigit()
            else None
        )
        if found is None:
            leaders.append(word)
            spelling[word] = word
        else:
            spelling[word] = found[0]
    return spelling


# -- renderings ---------------------------------------------------------------------------


def render_markdown(report: Report) -> str:
    lines = [
        f"# K2 Bot report: the last {report.since_days:g} days",
        "",
        f"- Questions: **{report.questions}** (answered {report.answered}, suggested "
        f"{report.suggested}, fell back {report.fell_back})",
        f"- Fall-back rate: **{report.fallback_rate:.1%}**",
        "",
        "## Questions per day",
        "",
        "| day | questions | fell back | fall-back rate |",
        "|---|---:|---:|---:|",
        *(
            f"| {d.day} | {d.questions} | {d.fell_back} | {d.fallback_rate:.1%} |"
            for d in report.days
        ),
        "",
        "## Most asked intents",
        "",
        "| intent | questions |",
        "|---|---:|",
        *(f"| {intent} | {n} |" for intent, n in report.top_intents),
        "",
        "## Feedback per intent",
        "",
        "| intent | 👍 | 👎 |",
        "|---|---:|---:|",
        *(f"| {v.intent} | {v.up} | {v.down} |" for v in report.votes),
        "",
        "## Unanswered and low-confidence questions, grouped",
        "",
    ]
    if not report.groups:
        lines.append("Nothing: every question got a confident answer.")
    for number, group in enumerate(report.groups, start=1):
        lines.append(
            f"{number}. **{group.count} questions** ({group.unanswered} unanswered, "
            f"{group.low_confidence} low-confidence): {group.advice()}"
        )
        lines.extend(f"   - {_md(example)}" for example in group.examples)
    if report.ungrouped:
        lines += ["", f"{report.ungrouped} more such questions were asked too rarely to group."]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")[:200]


def patterns_yaml(report: Report, responder: Responder) -> str:
    """A YAML snippet to paste: new patterns per existing intent, and drafts of new intents."""
    lines = ["# Suggested by `k2bot report --patterns`; review every line before pasting."]
    by_id = responder.content.by_id
    drafts = 0
    for group in report.groups:
        texts = list(dict.fromkeys(" ".join(t.split()) for t in group.all_texts))[:20]
        intent = by_id.get(group.closest_intent) if group.closest_intent else None
        if group.suggestion == "add" and intent is not None:
            lines += [
                "",
                f"# {group.count} questions -> add under `patterns:` of {intent.id} "
                f"({intent.path.name}:{intent.line})",
                *(f"- {json.dumps(t, ensure_ascii=False)}" for t in texts),
            ]
        else:
            drafts += 1
            lines += [
                "",
                f"# {group.count} questions no intent answers. If the article covers them,",
                "# complete this draft (answer and source from the article); if not, add the",
                "# patterns to an out_of_scope intent instead.",
                f"- id: new_intent_{drafts}",
                "  kind: article",
                f"  title: {json.dumps(texts[0], ensure_ascii=False)}",
                "  patterns:",
                *(f"    - {json.dumps(t, ensure_ascii=False)}" for t in texts),
                "  answer: TODO",
                "  source: []",
            ]
    return "\n".join(lines) + "\n"


def render_html(report: Report) -> str:
    """A single self-contained HTML page (no scripts, no server); all user text escaped."""
    e = html.escape
    chart = _chart_svg(report.days)
    rows = "".join(
        f"<tr><td>{e(d.day)}</td><td>{d.questions}</td><td>{d.fell_back}</td>"
        f"<td>{d.fallback_rate:.1%}</td></tr>"
        for d in report.days
    )
    intents = "".join(f"<tr><td>{e(i)}</td><td>{n}</td></tr>" for i, n in report.top_intents)
    votes = "".join(
        f"<tr><td>{e(v.intent)}</td><td>{v.up}</td><td>{v.down}</td></tr>" for v in report.votes
    )
    groups = "".join(
        f"<li><b>{g.count} questions</b> ({g.unanswered} unanswered, {g.low_confidence} "
        f"low-confidence): {e(g.advice())}<ul>"
        + "".join(f"<li>{e(x)}</li>" for x in g.examples)
        + "</ul></li>"
        for g in report.groups
    )
    generated = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(report.generated_at))
    rare = (
        f"<p>{report.ungrouped} more such questions were asked too rarely to group.</p>"
        if report.ungrouped
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>K2 Bot report</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;margin:1rem 0}}
td,th{{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}}
td:first-child,th:first-child{{text-align:left}}li{{margin:.3rem 0}}
</style></head><body>
<h1>K2 Bot report: the last {report.since_days:g} days</h1>
<p>Generated {e(generated)}. Questions: <b>{report.questions}</b> (answered {report.answered},
suggested {report.suggested}, fell back {report.fell_back}); fall-back rate
<b>{report.fallback_rate:.1%}</b>.</p>
<h2>Questions and fall-back rate per day</h2>
{chart}
<table><tr><th>day</th><th>questions</th><th>fell back</th><th>fall-back rate</th></tr>
{rows}</table>
<h2>Most asked intents</h2>
<table><tr><th>intent</th><th>questions</th></tr>{intents}</table>
<h2>Feedback per intent</h2>
<table><tr><th>intent</th><th>👍</th><th>👎</th></tr>{votes}</table>
<h2>Unanswered and low-confidence questions, grouped</h2>
<ol>{groups or "<li>Nothing: every question got a confident answer.</li>"}</ol>
{rare}
</body></html>
"""


def _chart_svg(days: list[Day]) -> str:
    """Bars for questions per day, a line for the fall-back rate (right axis, 0-100%)."""
    if not days:
        return "<p>No questions in this period.</p>"
    width, height, pad = 800, 240, 30
    most = max(d.questions for d in days) or 1
    step = (width - 2 * pad) / len(days)
    bars, points = [], []
    for n, d in enumerate(days):
        x = pad + n * step
        h = (height - 2 * pad) * d.questions / most
        bars.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{height - pad - h:.1f}" width="{step * 0.8:.1f}" '
            f'height="{h:.1f}" fill="#7aa6d6"><title>{html.escape(d.day)}: {d.questions} '
            f"questions, {d.fallback_rate:.0%} fell back</title></rect>"
        )
        y = height - pad - (height - 2 * pad) * d.fallback_rate
        points.append(f"{x + step / 2:.1f},{y:.1f}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="questions and fall-back rate per day">'
        f'<text x="{pad}" y="18" font-size="12">questions (bars, max {most})</text>'
        f'<text x="{width - pad}" y="18" font-size="12" text-anchor="end" fill="#c0392b">'
        "fall-back rate (line, 0–100%)</text>"
        + "".join(bars)
        + f'<polyline points="{" ".join(points)}" fill="none" stroke="#c0392b" stroke-width="2"/>'
        + f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="#888"/></svg>'
    )


# -- the short versions for Telegram ---------------------------------------------------------


def stats_html(report: Report) -> str:
    e = html.escape
    intents = "\n".join(f"• {e(i)}: {n}" for i, n in report.top_intents[:5]) or "• none yet"
    disliked = [v for v in report.votes if v.down][:3]
    votes = "\n".join(f"• {e(v.intent)}: 👎 {v.down}, 👍 {v.up}" for v in disliked) or "• none"
    return (
        f"📊 <b>Last {report.since_days:g} days</b>: {report.questions} questions, "
        f"{report.answered} answered, {report.suggested} suggested, {report.fell_back} fell back "
        f"(fall-back rate {report.fallback_rate:.1%}).\n\n<b>Most asked</b>\n{intents}\n\n"
        f"<b>Most 👎</b>\n{votes}\n\n/unanswered lists what the bot could not answer."
    )


def unanswered_html(report: Report, limit: int = 8) -> str:
    e = html.escape
    if not report.groups:
        return f"Nothing unanswered in the last {report.since_days:g} days. 🎉"
    items = []
    for number, g in enumerate(report.groups[:limit], start=1):
        examples = "; ".join(f"“{e(x[:80])}”" for x in g.examples[:3])
        items.append(f"{number}. <b>{g.count}×</b> {examples}\n   → {e(g.advice())}")
    return (
        f"❓ <b>Unanswered and low-confidence questions, last {report.since_days:g} days</b>\n\n"
        + "\n".join(items)
        + "\n\nFull list and ready-to-paste patterns: <code>k2bot report --patterns</code>"
    )
