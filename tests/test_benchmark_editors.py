"""The editors' benchmark (benchmarks/editors.py) on small sizes: its figures are real."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from benchmarks import editors
from builders import copy_of_shipped


async def test_reload_latency_is_measured_from_save_to_served(tmp_path: Path) -> None:
    """Each timed edit really changed the served answer (the benchmark prints the figure;
    the 2 s target is read there, not asserted on a shared, noisy machine)."""
    timings = await editors.reload_latencies(2, copy_of_shipped(tmp_path))
    assert 2 == len(timings)
    assert all(t > 0 for t in timings)


def test_record_costs_time_every_question_and_commit_them_all(tmp_path: Path) -> None:
    """Every logged question is timed and committed to the database."""
    costs, drained = editors.record_costs(500, tmp_path)
    assert 500 == len(costs)
    assert drained > 0
    db = sqlite3.connect(tmp_path / "k2bot.sqlite3")
    assert 500 == db.execute("SELECT count(*) FROM questions").fetchone()[0]
    db.close()


def test_report_benchmark_reads_a_filled_log(tmp_path: Path) -> None:
    """The synthetic log holds the requested rows over 30 days; the report reads them all."""
    path = tmp_path / "big.sqlite3"
    editors.fill_log(path, 3000)
    (seconds,) = editors.report_seconds(path)
    assert seconds > 0
    db = sqlite3.connect(path)
    days = db.execute(
        "SELECT count(DISTINCT date(asked_at, 'unixepoch')) FROM questions"
    ).fetchone()[0]
    db.close()
    assert 28 <= days <= 31


def test_benchmark_refuses_nonsense_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    """Zero or negative sizes are refused with a clear message."""
    with pytest.raises(SystemExit) as exit_info:
        editors.main(["--report-rows", "-5"])
    assert 2 == exit_info.value.code
    assert "must be at least 1" in capsys.readouterr().err
