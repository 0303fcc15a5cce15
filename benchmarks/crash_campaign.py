"""Crash campaign: SIGKILL `python -m bot run` at random points of a burst, with network
faults injected, restart it, and count questions lost and answered twice.

    python -m benchmarks.crash_campaign                    # 20 runs x 1,000 messages
    python -m benchmarks.crash_campaign --runs 3 --messages 200 --compare

Each run: a fresh fake Bot API and data folder; 1,000 questions, one per user (so every
reply maps to exactly one question); the bot is killed 1-2 times at a random count of
replies and restarted; 5xx, dropped connections, 429s and getUpdates failures are injected
at every start. `--compare` also runs with REMEMBER_ANSWERED=off and measures the cost of
remembering answers on a burst without faults.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import write_json
from k2bot_testing.campaigns import QUESTIONS, bot_process, crash_run
from k2bot_testing.fake_bot_api import FakeBotApi


def campaign(runs: int, messages: int, *, remember: bool, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    label = "on" if remember else "off"
    print(f"REMEMBER_ANSWERED={label}: {runs} runs of {messages} messages")
    print("  run  kills  faults  lost  duplicates  late  seconds  exit  tracebacks")
    results = []
    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory() as workdir:
            result = crash_run(
                Path(workdir),
                messages=messages,
                kills=rng.choice((1, 2)),
                remember_answered=remember,
                seed=rng.randrange(1 << 30),
            )
        results.append(vars(result))
        print(
            f"  {run:3d}  {result.kills:5d}  {result.faults_injected:6d}  {result.lost:4d}"
            f"  {result.duplicates:10d}  {result.late_duplicates:4d}  {result.seconds:7.1f}"
            f"  {result.exit_code!s:>4}"
            f"  {result.tracebacks:10d}"
        )
    lost = [r["lost"] for r in results]
    duplicates = [r["duplicates"] for r in results]
    late = [r["late_duplicates"] for r in results]
    kills = sum(int(r["kills"]) for r in results)
    faults = sum(int(r["faults_injected"]) for r in results)
    print(
        f"  total: {kills} kills, {faults} faults; lost {sum(lost)} (max {max(lost)} in a run); "
        f"duplicates {sum(duplicates)} (max {max(duplicates)} in a run, mean "
        f"{sum(duplicates) / runs:.1f}); duplicates of answers sent over 1 s before a kill "
        f"{sum(late)}"
    )
    return results


def throughput(messages: int, *, remember: bool) -> float:
    """Answered messages per second for a burst without faults."""
    remembering = "on" if remember else "off"
    with (
        FakeBotApi() as fake,
        tempfile.TemporaryDirectory() as workdir,
        bot_process(fake, Path(workdir), REMEMBER_ANSWERED=remembering),
    ):
        fake.wait_until(lambda: fake.calls("getUpdates"), timeout=30)
        started = time.monotonic()
        for n in range(messages):
            fake.user_sends(QUESTIONS[n % len(QUESTIONS)], user_id=1 + n % 100)
        fake.wait_until(lambda: len(fake.sent_messages()) >= messages, timeout=300)
        return messages / (time.monotonic() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--compare", action="store_true", help="also REMEMBER_ANSWERED=off")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    figures: dict[str, object] = {
        "remember_on": campaign(args.runs, args.messages, remember=True, seed=args.seed)
    }
    if args.compare:
        figures["remember_off"] = campaign(args.runs, args.messages, remember=False, seed=args.seed)
        rates: dict[str, list[float]] = {"on": [], "off": []}
        for _ in range(3):
            for label in ("off", "on"):
                rates[label].append(throughput(args.messages, remember=label == "on"))
        figures["throughput"] = rates
        for label, values in rates.items():
            print(
                f"throughput, REMEMBER_ANSWERED={label}: "
                + ", ".join(f"{v:.0f}" for v in values)
                + f" answered/s (median {sorted(values)[1]:.0f})"
            )
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
