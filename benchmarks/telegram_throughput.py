"""Benchmark: end-to-end capacity of `k2bot run` against the fake Bot API on 127.0.0.1.

Three runs, each a burst of messages from many users to a fresh `python -m bot run` process:

1. rate limiter off (TELEGRAM_RATE_LIMIT=off), question log off (QUESTION_LOG=off):
   answered messages per second and latency per update (from the update being queued at
   the fake server to the reply arriving there);
2. the same with the question log on (QUESTION_LOG=on), and the ratio of the two;
3. rate limiter on, with the fake enforcing Telegram's flood limits: the send rate and how
   many 429 "Too Many Requests" answers the bot provoked.

    python -m benchmarks.telegram_throughput [--messages N] [--users N] [--skip-limited]

`python -m benchmarks` runs the first two as part of the whole suite. The fake server
runs in this process and the bot in its own, so they use separate cores; nothing talks
to anything but 127.0.0.1, and every process started here is stopped here.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import percentile, write_json
from k2bot_testing import REPO
from k2bot_testing.campaigns import QUESTIONS
from k2bot_testing.fake_bot_api import FakeBotApi


def run_burst(
    messages: int,
    users: int,
    *,
    rate_limited: bool,
    timeout: float,
    question_log: bool = False,
) -> dict[str, float]:
    """Send `messages` questions from `users` users to a fresh bot process; time the replies."""
    with (
        FakeBotApi(enforce_flood_limits=rate_limited) as fake,
        tempfile.TemporaryDirectory() as cwd,
    ):
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        env.update(
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_BASE_URL=fake.base_url,
            TELEGRAM_RATE_LIMIT="on" if rate_limited else "off",
            QUESTION_LOG="on" if question_log else "off",
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
            cpu_before = cpu_seconds(process.pid)
            started = time.monotonic()
            for n in range(messages):
                # One chat per user; the reply's chat id pairs it with the user's questions.
                update_id = fake.user_sends(QUESTIONS[n % len(QUESTIONS)], user_id=1 + n % users)
                queued[update_id] = time.time()
            fake.wait_until(lambda: len(fake.sent_messages()) >= messages, timeout=timeout)
            elapsed = time.monotonic() - started
            cpu_after = cpu_seconds(process.pid)
            sent = fake.sent_messages()
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
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
            # The bot's own CPU time per answered message, and what that makes per CPU
            # core: the capacity of one process, whatever else the machine is doing.
            "bot_cpu_ms_per_message": (cpu_after - cpu_before) * 1000 / len(sent),
            "per_core_capacity": len(sent) / (cpu_after - cpu_before),
        }


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far; NaN where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    # utime and stime are the 14th and 15th fields; two are before the ")" split.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def question_log_runs(messages: int, users: int) -> dict[str, Any]:
    """The unlimited burst twice, with the question log off and on, and their ratio."""
    off = run_burst(messages, users, rate_limited=False, timeout=300, question_log=False)
    on = run_burst(messages, users, rate_limited=False, timeout=300, question_log=True)
    return {
        "log_off": off,
        "log_on": on,
        "log_on_off_ratio": on["answered_per_second"] / off["answered_per_second"],
    }


def describe(name: str, figures: dict[str, float]) -> str:
    """One line for one unlimited burst."""
    f = figures
    return (
        f"  {name}: {f['replies']:.0f}/{f['messages']:.0f} answered in {f['seconds']:.1f} s, "
        f"{f['answered_per_second']:.0f} answered/s; latency per update "
        f"p50 {f['latency_p50_ms']:.0f} ms, p99 {f['latency_p99_ms']:.0f} ms; "
        f"bot CPU {f['bot_cpu_ms_per_message']:.2f} ms/message ({f['per_core_capacity']:.0f}/s "
        "per core)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000, help="messages per burst")
    parser.add_argument("--users", type=int, default=100, help="distinct users (chats)")
    parser.add_argument("--skip-limited", action="store_true", help="skip the rate-limited run")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.messages <= 10_000 or args.users < 1:
        parser.error("--messages must be 1-10000 and --users at least 1")

    figures = question_log_runs(args.messages, args.users)
    print(f"rate limiter off: {args.messages} messages from {args.users} users")
    print(describe("question log off", figures["log_off"]))
    print(describe("question log on ", figures["log_on"]))
    print(f"  log on / log off: {figures['log_on_off_ratio']:.2f}")
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
