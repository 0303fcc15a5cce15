"""The report rendered for editors: Markdown, a self-contained HTML page, a YAML snippet."""

from __future__ import annotations

import html
import json
import time
from collections.abc import Sequence

from bot.intents import Content
from bot.messages import EMPTY_LOG
from bot.report.build import Day, UsageReport


def _left_out(report: UsageReport) -> list[str]:
    """The sentences that account for every listed question not in a group shown."""
    lines = []
    if report.ungrouped:
        examples = ", ".join(f"“{_md(x)}”" for x in report.no_topic_examples[:3])
        lines.append(
            f"{report.ungrouped} more are in no group shown: asked too rarely, in smaller "
            "groups, or with no word to group them by"
            + (f" (such as {examples})" if examples else "")
            + "."
        )
    if report.declined:
        lines.append(
            f"{report.declined} were declined correctly by an out_of_scope intent and are "
            "not listed."
        )
    if report.ignored:
        lines.append(f"{report.ignored} were ignored by an editor (from /unanswered).")
    return lines


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
        "## Answers that got 👎",
        "",
        *(
            f"- “{_md(d.question)}” → answered with {d.intent} (👎 {d.down})"
            for d in report.disliked
        ),
        *([] if report.disliked else ["None."]),
        "",
        "## Unanswered and low-confidence questions, grouped",
        "",
        f"{report.unanswered} questions listed.",
        "",
    ]
    if not report.questions:
        lines.append(EMPTY_LOG)
    elif not report.unanswered:
        lines.append("Nothing: every question got a confident answer.")
    for number, group in enumerate(report.groups, start=1):
        lines.append(
            f"{number}. **{group.count} questions** ({group.unanswered} unanswered, "
            f"{group.low_confidence} low-confidence): {group.advice()}"
        )
        lines.extend(f"   - {_md(example)}" for example in group.examples)
    left_out = _left_out(report)
    if left_out:
        lines += ["", *left_out]
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
                f"# {_questions(group.count)} -> add under `patterns:` of {intent.id} "
                f"({intent.path.name}:{intent.line})",
                *(f"- {json.dumps(t, ensure_ascii=False)}" for t in texts),
            ]
        else:
            drafts += 1
            lines += [
                "",
                f"# {_questions(group.count)} no intent answers. If the article covers them,",
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


def _questions(count: int) -> str:
    return f"{count} question" if count == 1 else f"{count} questions"


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
    disliked = "".join(
        f"<li>“{e(d.question)}” → answered with {e(d.intent)} (👎 {d.down})</li>"
        for d in report.disliked
    )
    groups = "".join(
        f"<li><b>{g.count} questions</b> ({g.unanswered} unanswered, {g.low_confidence} "
        f"low-confidence): {e(g.advice())}<ul>"
        + "".join(f"<li>{e(x)}</li>" for x in g.examples)
        + "</ul></li>"
        for g in report.groups
    )
    generated = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(report.generated_at))
    rare = "".join(f"<p>{e(line)}</p>" for line in _left_out(report))
    nothing = (
        EMPTY_LOG if not report.questions else "Nothing: every question got a confident answer."
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>K2 Bot report</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 .8rem;color:#222}}
svg{{width:100%;height:auto;display:block}}.scroll{{overflow-x:auto}}
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
<div class="scroll"><table>
<tr><th>day</th><th>questions</th><th>fell back</th><th>fall-back rate</th></tr>
{rows}</table></div>
<h2>Most asked intents</h2>
<table><tr><th>intent</th><th>questions</th></tr>{intents}</table>
<h2>Feedback per intent</h2>
<table><tr><th>intent</th><th>👍</th><th>👎</th></tr>{votes}</table>
<h2>Answers that got 👎</h2>
<ul>{disliked or "<li>None.</li>"}</ul>
<h2>Unanswered and low-confidence questions, grouped</h2>
<p>{report.unanswered} questions listed.</p>
<ol>{groups or f"<li>{e(nothing)}</li>"}</ol>
{rare}
</body></html>
"""


CHART_WIDTH, CHART_HEIGHT = 640, 300
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 48, 592, 36, 250
MAX_DATE_LABELS = 7
BAR_COLOUR, LINE_COLOUR = "#5b8fc7", "#c0392b"


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... at or above `value`: a round top for the axis."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _short_date(day: str) -> str:
    parsed = time.strptime(day, "%Y-%m-%d")
    return f"{time.strftime('%b', parsed)} {parsed.tm_mday}"


def _chart_svg(days: Sequence[Day]) -> str:
    """Questions per day as bars and the fall-back rate as a line, as an SVG chart.

    Bars use the left scale, the rate the right one (0-100%), over every day of the period
    (days without questions show as gaps), with dated axes. Plain SVG scaled by its viewBox:
    it fits a phone's width with no script.
    """
    if not days:
        return "<p>No questions in this period.</p>"
    e = html.escape
    top = _nice_ceiling(max(d.questions for d in days) or 1)
    plot_w, plot_h = PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP
    step = plot_w / len(days)

    def y_of(share: float) -> float:
        return PLOT_BOTTOM - plot_h * share

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" '
        'role="img" aria-label="questions and fall-back rate per day" font-size="13" '
        'font-family="system-ui,sans-serif">',
        f'<text x="{PLOT_LEFT}" y="18" fill="{BAR_COLOUR}">■ questions per day (left)</text>',
        f'<text x="{PLOT_RIGHT}" y="18" text-anchor="end" fill="{LINE_COLOUR}">'
        "● fall-back rate (right)</text>",
    ]
    for share in (0.0, 0.5, 1.0):  # the grid, labelled on both scales
        y = y_of(share)
        parts += [
            f'<line x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}" stroke="#ddd"/>',
            f'<text x="{PLOT_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="{BAR_COLOUR}">{round(top * share)}</text>',
            f'<text x="{PLOT_RIGHT + 6}" y="{y + 4:.1f}" fill="{LINE_COLOUR}">{share:.0%}</text>',
        ]
    every = -(-len(days) // MAX_DATE_LABELS)  # label at most MAX_DATE_LABELS days
    points = []
    for n, d in enumerate(days):
        x = PLOT_LEFT + n * step
        h = plot_h * d.questions / top
        tip = (
            f"{d.day}: {d.questions} questions, {d.fallback_rate:.0%} fell back"
            if d.questions
            else f"{d.day}: no questions"
        )
        parts.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{PLOT_BOTTOM - h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{h:.1f}" fill="{BAR_COLOUR}">'
            f"<title>{e(tip)}</title></rect>"
        )
        if d.questions:  # no questions, no rate: the line skips the day
            points.append((x + step / 2, y_of(d.fallback_rate), tip))
        last_far_enough = n == len(days) - 1 and n % every >= every / 2
        if n % every == 0 or last_far_enough:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{PLOT_BOTTOM + 18}" text-anchor="middle">'
                f"{e(_short_date(d.day))}</text>"
            )
    parts.append(
        f'<line x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" x2="{PLOT_RIGHT}" y2="{PLOT_BOTTOM}" '
        'stroke="#888"/>'
    )
    if len(points) > 1:
        joined = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            f'<polyline points="{joined}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2"/>'
        )
    # A dot per day, so even a single day (a new bot's first report) shows its rate.
    parts += [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{LINE_COLOUR}"><title>{e(tip)}</title>'
        "</circle>"
        for x, y, tip in points
    ]
    first, last = days[0].day, days[-1].day
    parts.append(
        f'<text x="{(PLOT_LEFT + PLOT_RIGHT) / 2}" y="{CHART_HEIGHT - 8}" text-anchor="middle" '
        f'fill="#555">{e(first)} to {e(last)} (UTC), {len(days)} days</text></svg>'
    )
    return "".join(parts)
