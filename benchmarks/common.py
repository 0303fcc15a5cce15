"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable
from pathlib import Path

from bot.data import DEV_QUESTIONS

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
# The two labelled question sets: the dev set ships in the package, the check set stays
# with the tests.
QUESTION_SETS = (DEV_QUESTIONS, DATA / "check_questions.jsonl")
# The development sets in the content's other languages (Russian; safety in sixteen), so
# the latency figures cover questions in both languages the bot answers in.
OTHER_LANGUAGE_SETS = (DATA / "dev_questions_ru.jsonl", DATA / "safety_multilingual.jsonl")
# The two conversation sets (follow-ups that lean on the previous answer).
CONVERSATION_SETS = (DATA / "conversations.jsonl", DATA / "conversations_check.jsonl")


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` fall (nearest rank); NaN when empty."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def write_json(path: Path | None, figures: object) -> None:
    """Write the figures as JSON, if a path was given."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(figures, indent=2))


def time_each(
    function: Callable[[str], object],
    questions: list[str],
    *,
    rounds: int = 1,
    budget_s: float = float("inf"),
    warm_up: bool = True,
) -> tuple[list[float], list[float]]:
    """Milliseconds per call, wall clock and this process's CPU time, every question
    `rounds` times.

    CPU time leaves out the time the process waited for a core, so on a shared machine
    it shows what the code costs while the wall clock shows what a user waited.

    Args:
        warm_up: first call the function once per question, untimed (caches filled, as in
            a long-running bot); otherwise once in all.
        budget_s: stop early, after at least five calls, once this many seconds have been
            spent, so a slow peer is timed on a sample instead of holding up the run.
    """
    for question in questions if warm_up else questions[:1]:
        function(question)
    wall: list[float] = []
    cpu: list[float] = []
    deadline = time.perf_counter() + budget_s
    for _ in range(rounds):
        for question in questions:
            started, used = time.perf_counter_ns(), time.process_time_ns()
            function(question)
            cpu.append((time.process_time_ns() - used) / 1e6)
            wall.append((time.perf_counter_ns() - started) / 1e6)
            if len(wall) >= 5 and time.perf_counter() > deadline:
                return wall, cpu
    return wall, cpu


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux), or its peak elsewhere."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
