"""Benchmark: the editors' figures of issue 4.

1. Live reload: from saving an edited intent file to the new answer being served, with the
   real watcher (watchfiles) on a temporary copy of the shipped intents.
2. The question log's cost on the reply path: `QuestionLog.record` per question, p50/p99.
3. `k2bot report` over 1,000,000 logged questions (a real SQLite file, filled directly).

    python -m benchmarks.editors [--edits N] [--log-rows N] [--report-rows N] [--json PATH]

Figures, not pass/fail: this machine is shared and noisy. tests/test_benchmarks_editors.py
runs the same functions on small sizes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from benchmarks.common import QUESTION_SETS, percentile, write_json
from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import load_content
from bot.questionlog import SCHEMA, Logged, QuestionLog
from bot.reload import LiveContent
from bot.responder import Responder
from bot.settings import SHIPPED_INTENTS

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
DAY = 86400.0
INSERT = (
    "INSERT INTO questions (ref, asked_at, user_hash, chat_kind, question, outcome, intent, score)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


async def reload_latencies(edits: int, folder: Path) -> list[float]:
    """Seconds from saving a changed greeting to `respond("hello")` giving it, per edit."""
    live = LiveContent(
        folder, Responder(load_content(folder)).thresholds, Responder(load_content(folder))
    )

    async def ignore(_result: object) -> None:
        return None

    return await served_edit_seconds(
        live, folder / "smalltalk.yaml", edits, on_reload=ignore, timeout=10, pause=0.3
    )


async def served_edit_seconds(
    live: LiveContent,
    path: Path,
    edits: int,
    *,
    on_reload: Callable[[Any], Awaitable[None]],
    timeout: float,
    pause: float,
) -> list[float]:
    """Seconds from saving `path` with a changed greeting to the live responder giving it.

    The watcher runs for the whole series; `pause` between edits lets each reload finish
    apart from the next. The file is put back as it was afterwards.
    """
    stop = asyncio.Event()
    watcher = asyncio.create_task(live.watch(on_reload, stop))
    await asyncio.wait_for(live.watching.wait(), 30)
    original = path.read_text(encoding="utf-8")
    timings = []
    try:
        for n in range(edits):
            # Numbered in letters: a figure in an answer would have to be in its source.
            marker = "Hello, edit " + "".join(chr(ord("a") + int(d)) for d in str(n)) + "!"
            saved = time.perf_counter()
            path.write_text(original.replace("Hello!", marker, 1), encoding="utf-8")
            while marker not in live.responder.respond("hello").text:
                if time.perf_counter() - saved > timeout:
                    raise TimeoutError(f"the edit was not served within {timeout:g} s")
                await asyncio.sleep(0.005)
            timings.append(time.perf_counter() - saved)
            await asyncio.sleep(pause)
    finally:
        stop.set()
        await asyncio.wait_for(watcher, 30)
        path.write_text(original, encoding="utf-8")
    return timings


def record_costs(rows: int, folder: Path) -> tuple[list[float], float]:
    """Milliseconds per `record` call, and seconds until the writer committed them all."""
    responder = Responder(load_content(SHIPPED_INTENTS))
    replies = [responder.respond(e.question) for e in read_examples(DEV_QUESTIONS)]
    log = QuestionLog(folder / "k2bot.sqlite3", salt=b"benchmark")
    timings = []
    started = time.perf_counter()
    for n in range(rows):
        reply = replies[n % len(replies)]
        intent = reply.intent.id if reply.intent else None
        before = time.perf_counter_ns()
        log.record(
            reply.question, reply.outcome, intent, reply.score, user_id=n % 997, chat_kind="private"
        )
        timings.append((time.perf_counter_ns() - before) / 1e6)
    log.flush().result(120)
    drained = time.perf_counter() - started
    log.close()
    return timings, drained


def fill_log(path: Path, rows: int, days: int = 30, seed: int = 7) -> None:
    """`rows` questions over `days` days, drawn from the dev, check and messy question sets
    with the outcomes the bot really gives them, written straight into SQLite."""
    responder = Responder(load_content(SHIPPED_INTENTS))
    messy = [
        q for qs in json.loads((DATA / "messy_unanswered.json").read_text()).values() for q in qs
    ]
    questions = [e.question for path in QUESTION_SETS for e in read_examples(path)] + messy
    answered = []
    for question in questions:
        reply = responder.respond(question)
        answered.append(
            (
                question,
                Logged.of(reply.outcome).value,
                reply.intent.id if reply.intent else None,
                round(reply.score, 1),
            )
        )
    rng = random.Random(seed)
    now = time.time()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA)
    batch = []
    with db:
        for n in range(rows):
            question, outcome, intent, score = rng.choice(answered)
            batch.append(
                (
                    f"{n:016x}",
                    now - rng.random() * days * DAY,
                    f"user{n % 50_000}",
                    "private",
                    question,
                    outcome,
                    intent,
                    score,
                )
            )
            if len(batch) == 50_000:
                db.executemany(INSERT, batch)
                batch.clear()
        if batch:
            db.executemany(INSERT, batch)
    db.close()


def report_seconds(path: Path, runs: int = 1) -> list[float]:
    """Wall-clock seconds of a whole `k2bot report` process over the log at `path`."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "report", "--db", str(path), "--format", "json"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        timings.append(time.perf_counter() - started)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20, help="live-reload edits to time")
    parser.add_argument("--log-rows", type=int, default=100_000, help="questions to log")
    parser.add_argument(
        "--report-rows", type=int, default=1_000_000, help="log size for the report"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    if min(args.edits, args.log_rows, args.report_rows) < 1:
        parser.error("--edits, --log-rows and --report-rows must be at least 1")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "intents"
        shutil.copytree(SHIPPED_INTENTS, folder)
        reloads = asyncio.run(reload_latencies(args.edits, folder))
        costs, drained = record_costs(args.log_rows, Path(tmp))
        big = Path(tmp) / "big.sqlite3"
        started = time.perf_counter()
        fill_log(big, args.report_rows)
        filled = time.perf_counter() - started
        reports = report_seconds(big, runs=3)
    figures = {
        "reload_edits": len(reloads),
        "reload_p50_s": percentile(reloads, 0.5),
        "reload_max_s": max(reloads),
        "log_rows": args.log_rows,
        "record_p50_ms": percentile(costs, 0.5),
        "record_p99_ms": percentile(costs, 0.99),
        "log_drained_s": drained,
        "report_rows": args.report_rows,
        "report_fill_s": filled,
        "report_s_each": reports,
    }
    print(
        f"live reload, save -> new answer served ({len(reloads)} edits): "
        f"p50 {figures['reload_p50_s']:.2f} s, max {figures['reload_max_s']:.2f} s"
    )
    print(
        f"question log on the reply path ({args.log_rows:,} records): "
        f"p50 {figures['record_p50_ms'] * 1000:.1f} µs, "
        f"p99 {figures['record_p99_ms'] * 1000:.1f} µs; "
        f"all committed after {drained:.2f} s"
    )
    print(
        f"k2bot report over {args.report_rows:,} questions: "
        + ", ".join(f"{s:.2f} s" for s in reports)
        + f" (filling the log took {filled:.1f} s)"
    )
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
