"""The report rendered for editors: Markdown, a self-contained HTML page, a YAML snippet."""

from __future__ import annotations

import html
import json
import time
from collections.abc import Sequence

from bot.intents import Content
from bot.report.build import Day, UsageReport


def render_markdown(report: UsageReport) -> str:
    """The report as Markdown, for the terminal and for pasting into an issue."""
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


def patterns_yaml(report: UsageReport, content: Content) -> str:
    """A YAML snippet to paste: new patterns per existing intent, and drafts of new intents."""
    lines = ["# Suggested by `k2bot report --patterns`; review every line before pasting."]
    by_id = content.by_id
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


def render_html(report: UsageReport) -> str:
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


def _chart_svg(days: Sequence[Day]) -> str:
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
