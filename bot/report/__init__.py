"""What users asked: the editors' report over the question log.

- `build`: the figures, from SQL over the whole period (`UsageReport`, `read_report`).
- `grouping`: the questions the bot could not answer well, grouped by topic, each group
  with what to do about it.
- `render`: Markdown, JSON-ready data, a self-contained HTML page and a YAML snippet of
  patterns. The short Telegram summaries are in `bot.messages` with every other sentence
  users read.
"""

from bot.report.build import (
    Day,
    Disliked,
    IntentVotes,
    ReportError,
    UsageReport,
    build_report,
    open_read_only,
    read_report,
)
from bot.report.grouping import Group, Grouping, group_questions
from bot.report.render import patterns_yaml, render_html, render_markdown

__all__ = [
    "Day",
    "Disliked",
    "Group",
    "Grouping",
    "IntentVotes",
    "ReportError",
    "UsageReport",
    "build_report",
    "group_questions",
    "open_read_only",
    "patterns_yaml",
    "read_report",
    "render_html",
    "render_markdown",
]
