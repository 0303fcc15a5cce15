"""Load: 10,000 questions from 1,000 users, with network faults, against `python -m bot run`.

    python -m benchmarks.load                       # 10,000 from 1,000 users, abuser or not
    python -m benchmarks.load --users 100 --per-user 10 --abuser 200

Two runs on a fresh bot process each, both with faults injected every round (5xx, dropped
connections, 429s, getUpdates failures): one with an abusive user who sends `--abuser`
messages as fast as possible in the middle, one without. Prints questions lost and
answered twice, the bot's memory (RSS from /proc/<pid>/status) at start and end, and the
honest users' latency in both runs, so the flood guard's effect on them can be compared.
The real flood guard is on (8 messages per 10 s); honest users are paced below it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.common import write_json
from k2bot_testing.campaigns import load_run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--per-user", type=int, default=10)
    parser.add_argument("--rate", type=float, default=300.0, help="honest messages per second")
    parser.add_argument("--abuser", type=int, default=500, help="messages from the abuser")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    figures = {}
    for label, abuser in (("with_abuser", args.abuser), ("without_abuser", 0)):
        with tempfile.TemporaryDirectory() as workdir:
            run = load_run(
                Path(workdir),
                users=args.users,
                per_user=args.per_user,
                rate=args.rate,
                abuser_messages=abuser,
            )
        figures[label] = run.figures()
        print(f"{label.replace('_', ' ')}: {run.messages} messages from {run.users} users")
        print(
            f"  faults injected {run.faults_injected}; lost {run.lost}; duplicates "
            f"{run.duplicates}; {run.seconds} s; exit code {run.exit_code}"
        )
        print(
            f"  honest users' latency p50 {run.latency_p50_ms:.0f} ms, "
            f"p99 {run.latency_p99_ms:.0f} ms"
        )
        print(
            f"  bot RSS {run.rss_start_mib} MiB at start, {run.rss_end_mib} MiB at end "
            f"(growth {run.rss_growth_mib} MiB)"
        )
        if abuser:
            print(f"  abuser: {abuser} messages sent, {run.abuser_replies} replies")
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
