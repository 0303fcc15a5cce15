"""Network faults between the bot and Telegram: every question is still answered, exactly once.

The real bot polls the fake Bot API on 127.0.0.1, which fails on purpose: 5xx answers,
dropped connections, requests that hang, 429 "retry after", and the whole server down at
start or in the middle of a burst.

The bot runs with a fast `Timing` (backoffs of tens of milliseconds, parking after 0.2 s), so
the tests exercise every retry path without sleeping through production's waits; they wait
for events (a log line, a reply, a confirmation), and count replies only after the bot has
stopped, when no late duplicate can still arrive.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.telegram.app import application_from_settings, serve_polling
from bot.telegram.inbox import Inbox
from bot.telegram.timing import Timing
from builders import HANG_GUARD_SECONDS, shipped_responder, sized
from k2bot_testing.campaigns import bot_process
from k2bot_testing.fake_bot_api import FakeBotApi

QUESTIONS = ["what is k2", "mk7 vs mk4?", "k2 and d3 together?", "hello", "bank transfer fees"]
# Production's waits scaled down: the same paths, in tens of milliseconds.
FAST = Timing(
    park_after=0.2,
    fetch_every=0.2,
    backoff_first=0.02,
    backoff_max=0.2,
    drain=3.0,
    confirm_timeout=1.0,
)


@asynccontextmanager
async def polling(
    fake: FakeBotApi, data_dir: Path, flood_max_messages: int = 10_000
) -> AsyncIterator[asyncio.Task[None]]:
    """The real bot polling `fake` (which may be down); stopped on exit (its drain is 3 s)."""
    settings = Settings(
        _env_file=None,
        telegram_bot_token=fake.token,  # type: ignore[arg-type]
        telegram_base_url=fake.base_url,
        telegram_rate_limit=False,
        flood_max_messages=flood_max_messages,
        flood_window_seconds=60,
        data_dir=data_dir,
        live_reload=False,
    )
    application = application_from_settings(settings, timing=FAST, responder=shipped_responder())
    stop = asyncio.Event()
    task = asyncio.create_task(serve_polling(application, stop, Inbox(data_dir / "k2.sqlite3")))
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=HANG_GUARD_SECONDS)


def ask_each_once(fake: FakeBotApi, users: range) -> None:
    """One question from each user, in their own chat."""
    for user in users:
        fake.user_sends(QUESTIONS[user % len(QUESTIONS)], user_id=user)


def replies_per_user(fake: FakeBotApi) -> Counter[int]:
    return Counter(int(m.chat_id) for m in fake.sent_messages())


async def all_answered(fake: FakeBotApi, users: range, timeout: float) -> None:
    """Wait until every user has a reply and nothing is left unconfirmed. Count the replies
    once the bot has stopped: then no late duplicate can still be on its way."""
    await fake.wait_for(
        lambda: all(replies_per_user(fake)[u] for u in users) and not fake.pending_updates(),
        timeout=timeout,
    )


async def logged(fake: FakeBotApi, caplog: pytest.LogCaptureFixture, text: str) -> None:
    """Wait until the bot has logged a line containing `text`."""
    await fake.wait_for(lambda: any(text in r.getMessage() for r in caplog.records), timeout=30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("fault", "count", "retry_after"),
    [(500, 6, None), ("drop", 6, None), (429, 5, 1)],
)
async def test_sends_failing_longer_than_the_retries_still_answer_every_question_once(
    tmp_path: Path, fault: object, count: int, retry_after: int | None
) -> None:
    """A reply failing more times in a row than one send retries still arrives, once."""
    with FakeBotApi() as fake:
        async with polling(fake, tmp_path):
            await fake.wait_for(lambda: fake.calls("getUpdates"), timeout=10)
            fake.fail_next("sendMessage", fault, count=count, retry_after=retry_after)
            ask_each_once(fake, range(1, 2))
            await fake.wait_for(lambda: len(fake.call_log("sendMessage")) > count, timeout=40)
            ask_each_once(fake, range(2, 21))
            await all_answered(fake, range(1, 21), timeout=40)
    assert {u: 1 for u in range(1, 21)} == dict(replies_per_user(fake))


async def test_retried_answers_do_not_count_against_the_flood_guard(tmp_path: Path) -> None:
    """Answers retried through an outage are not mistaken for a user flooding the bot."""
    with FakeBotApi() as fake:
        async with polling(fake, tmp_path, flood_max_messages=3):
            await fake.wait_for(lambda: fake.calls("getUpdates"), timeout=10)
            fake.fail_next("sendMessage", 503, count=16)
            for question in QUESTIONS[:3]:
                fake.user_sends(question, user_id=7)
            await fake.wait_for(lambda: len(fake.sent_messages(7)) >= 3, timeout=40)
    texts = [m.text for m in fake.sent_messages(7)]  # the bot has stopped: nothing more comes
    assert 3 == len(texts)
    assert not [t for t in texts if "very fast" in t]


async def test_a_send_that_times_out_is_retried(tmp_path: Path) -> None:
    """A sendMessage with no answer at all (the client times out) is retried; answered once."""
    with FakeBotApi() as fake:
        async with polling(fake, tmp_path):
            await fake.wait_for(lambda: fake.calls("getUpdates"), timeout=10)
            fake.fail_next("sendMessage", "timeout", delay=30)
            ask_each_once(fake, range(1, 4))
            await all_answered(fake, range(1, 4), timeout=30)
        assert "timeout" in [c["status"] for c in fake.call_log("sendMessage")]
    assert {1: 1, 2: 1, 3: 1} == dict(replies_per_user(fake))


async def test_polling_survives_dropped_hung_and_throttled_get_updates(tmp_path: Path) -> None:
    """getUpdates dropped, hanging then cut, 500 and 429: polling backs off and carries on."""
    users = range(1, 31)
    with FakeBotApi() as fake:
        async with polling(fake, tmp_path):
            await fake.wait_for(lambda: fake.calls("getUpdates"), timeout=10)
            fake.fail_next("getUpdates", "drop", count=2)
            fake.fail_next("getUpdates", "timeout", delay=1.0)
            fake.fail_next("getUpdates", 500)
            fake.fail_next("getUpdates", 429, retry_after=1)
            ask_each_once(fake, users)
            await all_answered(fake, users, timeout=40)
        statuses = [c["status"] for c in fake.call_log("getUpdates")]
    assert {"drop", "timeout", 500, 429} <= set(statuses)
    assert {u: 1 for u in users} == dict(replies_per_user(fake))


async def test_server_down_at_start_then_back_serves_the_backlog(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Started while Telegram is unreachable, the bot waits and answers once it is back."""
    users = range(1, 11)
    fake = FakeBotApi(port=free_port())
    ask_each_once(fake, users)  # questions sent while the bot could not reach Telegram
    try:
        async with polling(fake, tmp_path) as bot:
            await fake.wait_for(
                lambda: (
                    sum("cannot reach Telegram yet" in r.getMessage() for r in caplog.records) >= 3
                ),
                timeout=30,
            )
            assert not bot.done(), "the bot gave up while Telegram was down"
            fake.start()
            await all_answered(fake, users, timeout=40)
    finally:
        fake.stop()
    assert {u: 1 for u in users} == dict(replies_per_user(fake))


async def test_server_down_mid_burst_then_back_loses_and_repeats_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram going away in the middle of a burst, for longer than one send's own retries,
    and back: every question answered once."""
    with FakeBotApi() as fake:
        async with polling(fake, tmp_path):
            await fake.wait_for(lambda: fake.calls("getUpdates"), timeout=10)
            ask_each_once(fake, range(1, 101))
            await fake.wait_for(lambda: len(fake.sent_messages()) >= 10, timeout=10)
            fake.go_down()
            ask_each_once(fake, range(101, 151))
            # A send gave up its own retries: the poller is processing the update again.
            await logged(fake, caplog, "could not be sent; trying again")
            fake.come_back()
            await all_answered(fake, range(1, 151), timeout=60)
    assert {u: 1 for u in range(1, 151)} == dict(replies_per_user(fake))


async def test_stopping_while_telegram_is_down_keeps_unsent_answers_for_next_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Stopped while answers cannot go out, the bot exits (within `polling`'s bound); the
    next start sends them."""
    caplog.set_level(logging.INFO, logger="bot.telegram.polling")
    users = range(1, 21)
    with FakeBotApi() as fake:
        async with polling(fake, tmp_path):
            await fake.wait_for(lambda: fake.calls("getUpdates"), timeout=10)
            fake.fail_next("sendMessage", 503, count=1000)
            ask_each_once(fake, users)
            await fake.wait_for(lambda: len(fake.call_log("sendMessage")) >= 20, timeout=10)
            await logged(fake, caplog, "slow updates to the inbox")
        assert [] == fake.sent_messages()
        fake.clear_faults()
        async with polling(fake, tmp_path):
            await all_answered(fake, users, timeout=30)
    assert {u: 1 for u in users} == dict(replies_per_user(fake))


async def test_stop_while_telegram_is_unreachable_at_start_is_prompt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A bot that cannot reach Telegram at start stops when asked, not after its backoff."""
    fake = FakeBotApi(port=free_port())
    slow = Timing(backoff_first=3600.0, backoff_max=3600.0)  # a stop must cut the wait short
    settings = Settings(
        _env_file=None,
        telegram_bot_token=fake.token,  # type: ignore[arg-type]
        telegram_base_url=fake.base_url,
        data_dir=tmp_path,
        live_reload=False,
    )
    stop = asyncio.Event()
    bot = asyncio.create_task(
        serve_polling(
            application_from_settings(settings, timing=slow, responder=shipped_responder()),
            stop,
            None,
        )
    )
    await logged(fake, caplog, "cannot reach Telegram yet")
    stop.set()
    await asyncio.wait_for(bot, timeout=30)  # an hour's backoff was cut short


@pytest.mark.slow
def test_sigterm_during_a_burst_with_faults_exits_zero_and_loses_nothing(tmp_path: Path) -> None:
    """SIGTERM mid-burst while sends fail: exit 0 (a hang fails); a restart answers the rest."""
    users, per_user = sized(30, 60), 5
    with FakeBotApi() as fake:
        with bot_process(fake, tmp_path) as first:
            fake.wait_until(lambda: fake.calls("getUpdates"), timeout=20)
            for n in range(users * per_user):
                fake.user_sends(f"mk7 vs mk4 #{n}", user_id=1 + n % users)
            fake.wait_until(lambda: len(fake.sent_messages()) >= 30, timeout=30)
            fake.fail_next("sendMessage", 500, count=40)
            fake.fail_next("sendMessage", "drop", count=20)
            fake.fail_next("getUpdates", "drop", count=2)
            first.send_signal(signal.SIGTERM)
            assert 0 == first.wait(timeout=HANG_GUARD_SECONDS)  # TimeoutExpired on a hang
        fake.clear_faults()
        with bot_process(fake, tmp_path) as second:
            fake.wait_until(
                lambda: (
                    all(replies_per_user(fake)[u] >= per_user for u in range(1, users + 1))
                    and not fake.pending_updates()
                ),
                timeout=60,
            )
            second.send_signal(signal.SIGTERM)
            assert 0 == second.wait(timeout=HANG_GUARD_SECONDS)
    counts = replies_per_user(fake)
    assert 0 == sum(max(0, per_user - counts[u]) for u in range(1, users + 1))
    assert sum(counts.values()) - users * per_user <= 100  # at most one batch twice
