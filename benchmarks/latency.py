"""Benchmark: matching + reply latency on the shipped intents, beside a plain rapidfuzz floor.

Prints p50/p99 per question for the bot's responder and for a plain
`rapidfuzz.process.extractOne` over the same normalised patterns, their ratio, and the
whole-process cold start of `k2bot ask "hi"`. Figures, not pass/fail: machines are noisy.

    python benchmarks/latency.py [--rounds N] [--json PATH]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import percentile, write_json  # benchmarks/common.py, beside this script
from rapidfuzz import fuzz, process

from bot.evaluate import read_examples
from bot.intents import load_content
from bot.responder import Responder
from bot.settings import SHIPPED_INTENTS

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def time_each(function, questions: list[str], rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Milliseconds per call, every question `rounds` times (after one warm-up pass)."""
    for question in questions:
        function(question)
    timings = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter_ns()
            function(question)
            timings.append((time.perf_counter_ns() - started) / 1e6)
    return timings


def cold_start(runs: int) -> list[float]:
    """Seconds for a fresh `python -m bot ask hi` process, start to exit."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "hi"], check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the question set")
    parser.add_argument("--cold-starts", type=int, default=5, help="processes to start")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.cold_starts < 1:
        parser.error("--rounds and --cold-starts must be at least 1")

    responder = Responder(load_content(SHIPPED_INTENTS))
    questions = [
        e.question
        for name in ("dev", "check")
        for e in read_examples(DATA / f"{name}_questions.jsonl")
    ]
    normalizer = responder.matcher.normalizer
    patterns = [normalizer.normalize(p) for i in responder.content.intents for p in i.patterns]

    def floor(question: str) -> object:
        return process.extractOne(normalizer.normalize(question), patterns, scorer=fuzz.WRatio)

    bot_ms = time_each(responder.respond, questions, args.rounds)
    floor_ms = time_each(floor, questions, args.rounds)
    starts = cold_start(args.cold_starts)
    figures = {
        "questions": len(questions),
        "patterns": len(patterns),
        "bot_p50_ms": percentile(bot_ms, 0.50),
        "bot_p99_ms": percentile(bot_ms, 0.99),
        "floor_p50_ms": percentile(floor_ms, 0.50),
        "floor_p99_ms": percentile(floor_ms, 0.99),
        "cold_start_median_s": statistics.median(starts),
        "cold_start_max_s": max(starts),
    }
    figures["ratio_p50"] = figures["bot_p50_ms"] / figures["floor_p50_ms"]
    figures["ratio_p99"] = figures["bot_p99_ms"] / figures["floor_p99_ms"]

    print(f"{len(questions)} questions x {args.rounds} rounds, {len(patterns)} patterns")
    print(f"{'':28}{'p50 ms':>10}{'p99 ms':>10}")
    print(f"{'bot (match + reply)':28}{figures['bot_p50_ms']:10.3f}{figures['bot_p99_ms']:10.3f}")
    print(
        f"{'floor (extractOne, WRatio)':28}{figures['floor_p50_ms']:10.3f}"
        f"{figures['floor_p99_ms']:10.3f}"
    )
    print(f"{'ratio bot / floor':28}{figures['ratio_p50']:10.2f}{figures['ratio_p99']:10.2f}")
    print(
        f"cold start of `k2bot ask hi`: median {figures['cold_start_median_s']:.3f} s, "
        f"max {figures['cold_start_max_s']:.3f} s over {args.cold_starts} runs"
    )
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
