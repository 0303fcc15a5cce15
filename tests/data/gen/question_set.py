"""Generated question sets: everyday requests labelled, written one JSON object per line."""

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


def everyday_rows(
    off_topic: dict[str, list[str]], smalltalk: dict[str, list[str]]
) -> list[dict[str, object]]:
    """Every request labelled: off_topic with no expected intent, or its small-talk intent."""
    out: list[dict[str, object]] = []
    for phrasings in off_topic.values():
        out += [{"question": q, "expect": [], "kind": "off_topic"} for q in phrasings]
    for intent, phrasings in smalltalk.items():
        out += [{"question": q, "expect": [intent], "kind": "smalltalk"} for q in phrasings]
    return out
