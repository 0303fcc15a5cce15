"""Benchmark: end-to-end capacity of `k2bot run` against the fake Bot API on 127.0.0.1.

Two runs, each a burst of messages from many users to a fresh `python -m bot run` process:

1. rate limiter off (TELEGRAM_RATE_LIMIT=off): answered messages per second and latency per
   update (from the update being queued at the fake server to the reply arriving there);
2. rate limiter on, with the fake enforcing Telegram's flood limits: the send rate and how
   many 429 "Too Many Requests" answers the bot provoked.

    python benchmarks/telegram_throughput.py [--messages N] [--users N] [--skip-limited]

The fake server runs in this process and the bot in its own, so they use separate cores.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from campaigns import QUESTIONS  # noqa: E402 -- lives with the tests
from common import percentile, write_json  # noqa: E402 -- benchmarks/common.py

from fake_bot_api import FakeBotApi  # noqa: E402 -- lives with the tests


def run_burst(messages: int, users: int, *, rate_limited: bool, timeout: float) -> dict[str, float]:
    with (
        FakeBotApi(enforce_flood_limits=rate_limited) as fake,
        tempfile.TemporaryDirectory() as cwd,
    ):
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        env.update(
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_BASE_URL=fake.base_url,
            TELEGRAM_RATE_LIMIT="on" if rate_limited else "off",
            FLOOD_MAX_MESSAGES="1000000",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(REPO),
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            fake.wait_until(lambda: fake.calls("getUpdates"), timeout=30)
            queued: dict[int, float] = {}
            started = time.monotonic()
            for n in range(messages):
                # One chat per user; the reply's chat id pairs it with the user's questions.
                update_id = fake.user_sends(QUESTIONS[n % len(QUESTIONS)], user_id=1 + n % users)
                queued[update_id] = time.time()
            fake.wait_until(lambda: len(fake.sent_messages()) >= messages, timeout=timeout)
            elapsed = time.monotonic() - started
            sent = fake.sent_messages()
        finally:
            process.terminate()
            process.wait(timeout=20)
        # Latency: the k-th reply to a chat answers that chat's k-th question.
        by_chat: dict[str, list[float]] = {}
        for update_id, at in sorted(queued.items()):
            chat = str(1 + (update_id - min(queued)) % users)
            by_chat.setdefault(chat, []).append(at)
        latencies = []
        seen: dict[str, int] = {}
        for message in sorted(sent, key=lambda m: m.time):
            chat = str(message.params.get("chat_id"))
            k = seen.get(chat, 0)
            seen[chat] = k + 1
            if k < len(by_chat.get(chat, [])):
                latencies.append((message.time - by_chat[chat][k]) * 1000)
        return {
            "messages": messages,
            "replies": len(sent),
            "seconds": elapsed,
            "answered_per_second": len(sent) / elapsed,
            "latency_p50_ms": percentile(latencies, 0.50),
            "latency_p99_ms": percentile(latencies, 0.99),
            "too_many_requests": fake.too_many_requests_count,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000, help="messages per burst")
    parser.add_argument("--users", type=int, default=100, help="distinct users (chats)")
    parser.add_argument("--skip-limited", action="store_true", help="skip the rate-limited run")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    if args.messages < 1 or args.users < 1:
        parser.error("--messages and --users must be at least 1")

    figures = {"unlimited": run_burst(args.messages, args.users, rate_limited=False, timeout=300)}
    print(f"rate limiter off: {args.messages} messages from {args.users} users")
    f = figures["unlimited"]
    print(
        f"  {f['answered_per_second']:.0f} answered/s; latency per update p50 "
        f"{f['latency_p50_ms']:.1f} ms, p99 {f['latency_p99_ms']:.1f} ms"
    )
    if not args.skip_limited:
        limited = run_burst(
            args.messages, args.users, rate_limited=True, timeout=max(120.0, args.messages / 20)
        )
        figures["limited"] = limited
        print("rate limiter on, fake server enforcing Telegram's flood limits:")
        print(
            f"  {limited['replies']} replies in {limited['seconds']:.1f} s "
            f"({limited['answered_per_second']:.1f}/s); 429 responses: "
            f"{limited['too_many_requests']}"
        )
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
