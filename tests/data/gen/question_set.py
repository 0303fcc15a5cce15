"""Writing a generated question set: one JSON object per line, no question twice."""

from __future__ import annotations

import json
from pathlib import Path


def write_question_set(lines: list[dict[str, object]], path: Path) -> None:
    """Write `lines` to `path` as JSON Lines (UTF-8, unescaped), refusing duplicate questions."""
    questions = [line["question"] for line in lines]
    assert len(questions) == len(set(questions)), "duplicate question"
    path.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    print(f"{len(lines)} lines -> {path}")
