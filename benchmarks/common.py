"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import json
from pathlib import Path


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` fall (nearest rank); NaN when empty."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def write_json(path: Path | None, figures: object) -> None:
    """Write the figures as JSON, if a path was given."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(figures, indent=2))
