"""`k2bot run` as a real process against the fake Bot API: crashes, signals, webhooks, secrets."""

from __future__ import annotations

import json
import signal
import socket
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from builders import sized
from k2bot_testing.campaigns import bot_process, printed
from k2bot_testing.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.slow


def everything_printed(tmp_path: Path) -> str:
    return printed(tmp_path)


def replies_per_chat(fake: FakeBotApi) -> Counter[str]:
    return Counter(str(m.params.get("chat_id")) for m in fake.sent_messages())


def test_sigkill_mid_burst_then_restart_loses_no_question(tmp_path: Path) -> None:
    """Killed with SIGKILL in the middle of a burst and restarted, the bot answers every question."""
    users, per_user = sized(25, 50), 6
    with FakeBotApi() as fake:
        with bot_process(fake, tmp_path) as first:
            fake.wait_until(lambda: fake.calls("getUpdates"), timeout=20)
            for n in range(users * per_user):
                fake.user_sends(f"what is k2 #{n}", user_id=1 + n % users)
            fake.wait_until(lambda: len(fake.sent_messages()) >= 60, timeout=30)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        answered_before = len(fake.sent_messages())
        assert answered_before < users * per_user, "the burst finished before the kill"
        with bot_process(fake, tmp_path) as second:
            fake.wait_until(
                lambda: all(
                    replies_per_chat(fake)[str(u)] >= per_user for u in range(1, users + 1)
                ),
                timeout=60,
            )
            fake.wait_until(lambda: not fake.pending_updates(), timeout=20)
            second.send_signal(signal.SIGTERM)
            assert 0 == second.wait(timeout=15)
        counts = replies_per_chat(fake)
        lost = sum(max(0, per_user - counts[str(u)]) for u in range(1, users + 1))
        duplicates = sum(counts.values()) - users * per_user
        assert 0 == lost
        assert duplicates <= 100  # at most one unconfirmed batch is answered twice
    assert fake.token.split(":")[1] not in everything_printed(tmp_path)


def test_sigterm_during_a_burst_sends_in_flight_answers_and_exits_zero(tmp_path: Path) -> None:
    """SIGTERM mid-burst: answers in flight are sent, the process exits 0 within 10 s."""
    with FakeBotApi() as fake, bot_process(fake, tmp_path) as process:
        fake.wait_until(lambda: fake.calls("getUpdates"), timeout=20)
        for n in range(sized(120, 300)):
            fake.user_sends(f"mk7 vs mk4 #{n}", user_id=100 + n % 30)
        fake.wait_until(lambda: len(fake.sent_messages()) >= 30, timeout=30)
        process.send_signal(signal.SIGTERM)
        assert 0 == process.wait(timeout=10)  # raises TimeoutExpired after 10 s
        answered = len(fake.sent_messages())
        # Everything confirmed to Telegram was answered; the rest stays queued for next time.
        assert len(fake.confirmed_update_ids) <= answered
    assert "tables loaded in" in everything_printed(tmp_path)  # before the first update


def test_bad_token_is_one_clear_line(tmp_path: Path) -> None:
    """A token Telegram rejects ends `k2bot run` with exit 2 and a clear message, not a
    traceback, and before the bot spends seconds loading its tables."""
    with (
        FakeBotApi() as fake,
        bot_process(fake, tmp_path, TELEGRAM_BOT_TOKEN="1:" + "wrong" * 7) as process,
    ):
        assert 2 == process.wait(timeout=30)
    printed = everything_printed(tmp_path)
    assert "rejected TELEGRAM_BOT_TOKEN" in printed
    assert "Traceback" not in printed
    assert "tables loaded" not in printed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_webhook_requires_the_secret_token(tmp_path: Path) -> None:
    """In webhook mode an update with the right secret header is answered; without it, 403."""
    port = free_port()
    with (
        FakeBotApi() as fake,
        bot_process(
            fake,
            tmp_path,
            "--webhook",
            "https://bot.example.org/telegram",
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port),
            WEBHOOK_SECRET="s3cret-Token_1",
        ) as process,
    ):
        fake.wait_until(lambda: fake.webhook_url, timeout=30)
        update = {
            "update_id": 5,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "text": "mk7 vs mk4?",
                "chat": {"id": 77, "type": "private"},
                "from": {"id": 77, "is_bot": False, "first_name": "W"},
            },
        }
        url = f"http://127.0.0.1:{port}/"
        body = json.dumps(update)
        headers = {"Content-Type": "application/json"}
        missing = httpx.post(url, content=body, headers=headers, timeout=10)
        wrong = httpx.post(
            url,
            content=body,
            timeout=10,
            headers={**headers, "X-Telegram-Bot-Api-Secret-Token": "nope"},
        )
        right = httpx.post(
            url,
            content=body,
            timeout=10,
            headers={**headers, "X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"},
        )
        assert (403, 403, 200) == (missing.status_code, wrong.status_code, right.status_code)
        fake.wait_until(lambda: fake.sent_messages(77), timeout=20)
        assert 1 == len(fake.sent_messages(77))
        assert "https://bot.example.org/telegram" == fake.webhook_url
        process.send_signal(signal.SIGTERM)
        assert 0 == process.wait(timeout=15)
    printed = everything_printed(tmp_path)
    assert "s3cret-Token_1" not in printed
    assert "tables loaded in" in printed  # in webhook mode too


def test_webhook_without_secret_is_refused(tmp_path: Path) -> None:
    """Webhook mode without WEBHOOK_SECRET refuses to start, naming the setting."""
    with (
        FakeBotApi() as fake,
        bot_process(fake, tmp_path, "--webhook", "https://x.example/h") as process,
    ):
        assert 2 == process.wait(timeout=30)
    assert "WEBHOOK_SECRET" in everything_printed(tmp_path)


def test_a_slow_update_saved_to_the_inbox_survives_sigkill(tmp_path: Path) -> None:
    """An update confirmed early because it was slow is answered after a SIGKILL and restart."""
    with FakeBotApi() as fake:
        with bot_process(fake, tmp_path) as first:
            fake.wait_until(lambda: fake.calls("getUpdates"), timeout=20)
            fake.fail_next("sendMessage", 429, retry_after=60)
            slow = fake.user_sends("what is osteocalcin", user_id=900)
            fake.wait_until(lambda: fake.call_log("sendMessage"), timeout=10)
            for n in range(150):
                fake.user_sends("mk7 vs mk4", user_id=1000 + n)
            fake.wait_until(lambda: slow in fake.confirmed_update_ids, timeout=20)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        assert [] == fake.sent_messages(900)
        fake.clear_faults()
        with bot_process(fake, tmp_path) as second:
            fake.wait_until(lambda: fake.sent_messages(900), timeout=30)
            second.send_signal(signal.SIGTERM)
            assert 0 == second.wait(timeout=15)
        assert 1 == len(fake.sent_messages(900))
