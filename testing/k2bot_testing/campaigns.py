"""Crash and load campaigns against `python -m bot run` as a real process and the fake Bot API.

Shared by the CI tests (small runs) and the benchmark scripts (full runs):
`benchmarks/crash_campaign.py` and `benchmarks/load.py`.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from k2bot_testing import REPO
from k2bot_testing.fake_bot_api import FakeBotApi

QUESTIONS = [
    "mk7 vs mk4?",
    "what is k2",
    "k2 and d3 together??",
    "why doesnt my calcium work",
    "hello",
    "bank transfer fees",
    "does k2 help fractures",
]


def bot_env(fake: FakeBotApi, **extra: str) -> dict[str, str]:
    """The environment of `python -m bot run` against `fake`, with no setting inherited."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("TELEGRAM_", "WEBHOOK_", "FLOOD_", "REMEMBER_", "LOG_", "QUESTION_LOG", "ADMIN_")
        )
        and k not in {"LIVE_RELOAD", "USER_HASH_SALT", "DATA_DIR", "INTENTS_DIR"}
    }
    env.update(
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_BASE_URL=fake.base_url,
        TELEGRAM_RATE_LIMIT="off",
        FLOOD_MAX_MESSAGES="100000",
        LOG_LEVEL="INFO",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


@contextmanager
def bot_process(
    fake: FakeBotApi, workdir: Path, *args: str, **env: str
) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m bot run` in `workdir`, killed on exit if still running.

    `workdir` is a folder with no .env, where the bot's data folder is kept across restarts
    and its output goes to bot-<n>.log.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    with (workdir / f"bot-{time.monotonic_ns()}.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", *args],
            cwd=workdir,
            env=bot_env(fake, **env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


def printed(workdir: Path) -> str:
    """Everything the bot processes printed in `workdir`."""
    return "".join(p.read_text(errors="replace") for p in sorted(workdir.glob("bot-*.log")))


def inject_faults(fake: FakeBotApi, rng: random.Random, *, polls: bool = True) -> int:
    """A random handful of 5xx, dropped connections and 429s; returns how many were queued.

    getUpdates faults (with `polls`) make the bot back off exponentially, so a campaign
    queues them only every few seconds: a pile of them would be one long outage.
    """
    plan = [
        ("sendMessage", 500, rng.randint(2, 8), None),
        ("sendMessage", "drop", rng.randint(2, 8), None),
        ("sendMessage", 429, rng.randint(1, 3), 1),
        ("sendMessage", 502, rng.randint(1, 4), None),
    ]
    if polls:
        plan += [("getUpdates", "drop", rng.randint(1, 2), None), ("getUpdates", 500, 1, None)]
    for method, status, count, retry_after in plan:
        fake.fail_next(method, status, count=count, retry_after=retry_after)
    return sum(count for *_, count, _ in plan)


def rss_kib(pid: int) -> int:
    """Resident memory of a process, from /proc/<pid>/status (0 where there is no /proc)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# A bound on a stopped bot's exit (it drains what it has in hand first) that only guards
# against a hang: a loaded machine makes the drain slow, not wrong.
STOP_BOUND_SECONDS = 120


# -- crashes ------------------------------------------------------------------------------


@dataclass
class CrashRun:
    """The figures of one crash campaign."""

    messages: int
    kills: int
    faults_injected: int
    lost: int
    duplicates: int
    # Repeats a kill does not explain: see `late_duplicates`.
    late_duplicates: int
    seconds: float
    exit_code: int | None
    tracebacks: int


@dataclass(frozen=True)
class Kill:
    """What was known when the bot died.

    How many answers had gone out, and which updates its SQLite file recorded as answered.
    """

    answers_before: int
    recorded: frozenset[int]


def answered_updates(database: Path) -> frozenset[int]:
    """The update ids a (dead) bot's database records as answered; none if it has no file yet."""
    if not database.exists():
        return frozenset()
    with contextlib.closing(sqlite3.connect(database)) as db:
        try:
            return frozenset(row[0] for row in db.execute("SELECT update_id FROM answered"))
        except sqlite3.OperationalError:  # killed before it created the table
            return frozenset()


def late_duplicates(answers: list[int], update_of: dict[int, int], kills: list[Kill]) -> int:
    """Repeated answers not explained by a crash, judged by the order of events, not the clock.

    `answers` is the chat of every answer in the order the fake Bot API received them;
    `update_of` maps a chat to its question's update id. A repeat is explained only by a kill
    that came between the first answer and the repeat, at which the bot had not yet recorded
    the update as answered (an answer sent in the instant before a SIGKILL). A repeat with
    no kill in between, or of an update recorded before the kill, is a bug.
    """
    late = 0
    first: dict[int, int] = {}
    for position, chat in enumerate(answers):
        if chat not in first:
            first[chat] = position
            continue
        kill = next((k for k in kills if first[chat] < k.answers_before <= position), None)
        if kill is None or update_of.get(chat) in kill.recorded:
            late += 1
    return late


def crash_run(
    workdir: Path,
    *,
    messages: int = 1000,
    kills: int = 1,
    faults: bool = True,
    remember_answered: bool = True,
    seed: int = 0,
    timeout: float = 120.0,
) -> CrashRun:
    """A burst of `messages` questions, one per user.

    SIGKILL the bot `kills` times at random points and restart it; count questions never answered
    and answers sent twice.
    """
    rng = random.Random(seed)
    env = {"REMEMBER_ANSWERED": "on" if remember_answered else "off"}
    database = workdir / "data" / "k2bot.sqlite3"  # the default DATA_DIR, in `workdir`
    started = time.monotonic()
    injected = 0
    exit_code = None
    killed: list[Kill] = []
    update_of: dict[int, int] = {}
    with FakeBotApi() as fake:
        users = range(1, messages + 1)
        kill_at = sorted(rng.randint(messages // 20, messages * 9 // 10) for _ in range(kills))
        for n in users:
            update_id = fake.user_sends(f"{QUESTIONS[n % len(QUESTIONS)]} #{n}", user_id=n)
            assert update_id is not None
            update_of[n] = update_id
        for threshold in kill_at:
            with bot_process(fake, workdir, **env) as process:
                if faults:
                    injected += inject_faults(fake, rng)
                fake.wait_until(lambda t=threshold: len(fake.sent_messages()) >= t, timeout=60)
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=10)
                # Once it is dead nothing more goes out, and its file says what it recorded.
                killed.append(Kill(len(fake.sent_messages()), answered_updates(database)))
        fake.clear_faults()
        with bot_process(fake, workdir, **env) as process:
            if faults:
                injected += inject_faults(fake, rng)
            with contextlib.suppress(TimeoutError):  # what is missing is counted as lost
                fake.wait_until(
                    lambda: (
                        len({m.chat_id for m in fake.sent_messages()}) >= messages
                        and not fake.pending_updates()
                    ),
                    timeout=timeout,
                )
            # A stopped bot finishes (or abandons) what it has in hand before it exits: once
            # it has exited, no late duplicate can still come, so no sleep is needed to see it.
            process.send_signal(signal.SIGTERM)
            exit_code = process.wait(timeout=STOP_BOUND_SECONDS)
        answers = [int(m.chat_id) for m in fake.sent_messages()]  # in the order received
    counts = Counter(answers)
    return CrashRun(
        messages=messages,
        kills=kills,
        faults_injected=injected,
        lost=sum(1 for u in users if counts[u] == 0),
        duplicates=sum(max(0, c - 1) for c in counts.values()),
        late_duplicates=late_duplicates(answers, update_of, killed),
        seconds=round(time.monotonic() - started, 1),
        exit_code=exit_code,
        tracebacks=printed(workdir).count("Traceback"),
    )


# -- load ---------------------------------------------------------------------------------


@dataclass
class LoadRun:
    """The figures of one load campaign."""

    messages: int
    users: int
    abuser_messages: int
    faults_injected: int
    lost: int
    duplicates: int
    abuser_replies: int
    seconds: float
    latency_p50_ms: float
    latency_p99_ms: float
    rss_start_mib: float
    rss_end_mib: float
    rss_growth_mib: float
    exit_code: int | None
    samples: list[float] = field(default_factory=list, repr=False)

    def figures(self) -> dict[str, object]:
        """The figures, as JSON-ready data."""
        data = asdict(self)
        data.pop("samples")
        return data


def load_run(
    workdir: Path,
    *,
    users: int = 1000,
    per_user: int = 10,
    rate: float = 300.0,
    abuser_messages: int = 0,
    faults: bool = True,
    seed: int = 0,
    flood_max: int = 8,
    flood_window: float = 10.0,
) -> LoadRun:
    """`users` users each asking `per_user` questions, faults injected every round.

    Users are paced at `rate` messages/s so no honest user trips the flood guard; optionally
    one abuser sends `abuser_messages` as fast as possible. Latency is from a question being queued
    at the fake server to its reply arriving there (the k-th reply in a chat answers the
    k-th question).
    """
    rng = random.Random(seed)
    abuser = 10_000_000
    env = {"FLOOD_MAX_MESSAGES": str(flood_max), "FLOOD_WINDOW_SECONDS": str(flood_window)}
    injected = 0
    asked: dict[int, list[float]] = {}
    with FakeBotApi() as fake, bot_process(fake, workdir, **env) as process:
        fake.wait_until(lambda: fake.calls("getUpdates"), timeout=30)
        fake.user_sends("hello", user_id=abuser + 1)  # warm up before measuring memory
        fake.wait_until(lambda: fake.sent_messages(abuser + 1), timeout=30)
        rss_start = rss_kib(process.pid)
        started = time.monotonic()
        sent = 0
        next_faults = next_poll_faults = started
        for round_ in range(per_user):
            for user in range(1, users + 1):
                now = time.monotonic()
                if faults and now >= next_faults:
                    polls = now >= next_poll_faults
                    injected += inject_faults(fake, rng, polls=polls)
                    next_faults = now + 1.0
                    next_poll_faults = now + 8.0 if polls else next_poll_faults
                asked.setdefault(user, []).append(time.time())
                fake.user_sends(QUESTIONS[(user + round_) % len(QUESTIONS)], user_id=user)
                sent += 1
                if round_ == 1 and user == users // 2:
                    for n in range(abuser_messages):
                        fake.user_sends(f"spam {n}", user_id=abuser)
                ahead = sent / rate - (time.monotonic() - started)
                if ahead > 0.005:
                    time.sleep(ahead)
        total = users * per_user

        def honest_replies() -> int:
            return sum(1 for m in fake.sent_messages() if int(m.chat_id) <= users)

        with contextlib.suppress(TimeoutError):  # what is missing is counted as lost
            fake.wait_until(
                lambda: honest_replies() >= total and not fake.pending_updates(), timeout=180
            )
        seconds = time.monotonic() - started
        rss_end = rss_kib(process.pid)
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=STOP_BOUND_SECONDS)
        replies = fake.sent_messages()
    by_chat: dict[int, list[float]] = {}
    for message in sorted(replies, key=lambda m: m.time):
        by_chat.setdefault(int(message.chat_id), []).append(message.time)
    latencies = [
        (answered - asked_at) * 1000
        for user, times in asked.items()
        for asked_at, answered in zip(times, by_chat.get(user, []), strict=False)
    ]
    latencies.sort()
    counts = {user: len(by_chat.get(user, [])) for user in range(1, users + 1)}

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0.0

    return LoadRun(
        messages=total,
        users=users,
        abuser_messages=abuser_messages,
        faults_injected=injected,
        lost=sum(max(0, per_user - c) for c in counts.values()),
        duplicates=sum(max(0, c - per_user) for c in counts.values()),
        abuser_replies=len(by_chat.get(abuser, [])),
        seconds=round(seconds, 1),
        latency_p50_ms=round(pct(0.50), 1),
        latency_p99_ms=round(pct(0.99), 1),
        rss_start_mib=round(rss_start / 1024, 1),
        rss_end_mib=round(rss_end / 1024, 1),
        rss_growth_mib=round((rss_end - rss_start) / 1024, 1),
        exit_code=exit_code,
        samples=latencies,
    )
