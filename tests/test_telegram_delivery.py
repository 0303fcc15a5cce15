"""Exactly once: an update answered once and logged once, whatever the network and the inbox do.

The real Application polls the fake Bot API on 127.0.0.1; faults are injected at the fake.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from test_telegram import replies_to, running_bot, wait_replies
from test_telegram_editors import press, stored

from bot.settings import Settings
from bot.telegram.app import application_from_settings, serve_polling
from bot.telegram.inbox import Inbox
from bot.telegram.timing import Timing
from builders import intent_folder, shipped_responder
from k2bot_testing.fake_bot_api import FakeBotApi

USER = 77
# More failures in a row than one send retries (4): the poller processes the update again.
FAILURES = 6
# Two paragraphs of about 2,000 characters: together over the 4,000 a message is split at.
PARAGRAPH = " ".join(["Vitamin K2 is a unique vitamin."] * 62)
LONG_ANSWER = f"""\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns:
      - what is vitamin k2
    answer: |-
      {PARAGRAPH}

      {PARAGRAPH.replace("unique", "special")}
    source:
      - "Vitamin K2 is a unique vitamin"
"""


async def test_a_question_retried_after_network_trouble_is_logged_once() -> None:
    """When the answer fails more times than one send retries, the update is processed
    again: the user gets one answer, the question log one row, and its 👍 still counts."""
    async with running_bot() as bot:
        bot.fake.fail_next("sendMessage", 500, count=FAILURES)
        update_id = bot.fake.user_sends("k2 and d3 together??", user_id=USER)
        (answer,) = await wait_replies(bot.fake, USER, timeout=30)
        rows = stored(bot, "SELECT question, update_id FROM questions")
        assert [("k2 and d3 together??", update_id)] == rows
        up = next(d for d in answer.callback_data if d.startswith("u:"))
        assert "Thanks for the feedback!" == await press(bot, answer, up, USER)


async def test_a_retry_sends_only_the_missing_pieces_of_a_split_reply(tmp_path: Path) -> None:
    """The first piece of a two-piece reply goes out, the second keeps failing: the retry
    sends the second piece only, so the user sees each piece once, in order."""
    folder = intent_folder(tmp_path, {"main.yaml": LONG_ANSWER})
    async with running_bot(intents_dir=folder) as bot:
        bot.fake.fail_next("sendMessage", 500, count=FAILURES, after=1)
        bot.fake.user_sends("what is vitamin k2", user_id=USER)
        # The last piece is the last send of the update: nothing comes after it.
        await bot.fake.wait_for(
            lambda: any("special" in m.text for m in replies_to(bot.fake, USER)), timeout=30
        )
        texts = [m.text for m in replies_to(bot.fake, USER)]
        assert 2 == len(texts), [t[:40] for t in texts]
        assert "unique" in texts[0]
        assert "special" in texts[1]


class InboxSavingSlowly(Inbox):
    """An inbox whose save of slow updates waits until the update it saves has been answered
    and recorded: the race of an answer finishing while it is being parked, every time."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.answered_ids: set[int] = set()
        self.answered_now = threading.Condition()

    def mark_answered(self, update_ids: list[int]) -> None:
        super().mark_answered(update_ids)
        with self.answered_now:
            self.answered_ids.update(update_ids)
            self.answered_now.notify_all()

    def save(self, updates: list[tuple[int, str]]) -> None:
        with self.answered_now:
            assert self.answered_now.wait_for(
                lambda: {i for i, _ in updates} <= self.answered_ids, timeout=30
            )
        super().save(updates)


@asynccontextmanager
async def polling_with(fake: FakeBotApi, inbox: Inbox, data: Path) -> AsyncIterator[None]:
    settings = Settings(
        _env_file=None,
        telegram_bot_token=fake.token,  # type: ignore[arg-type]
        telegram_base_url=fake.base_url,
        telegram_rate_limit=False,
        data_dir=data,
        live_reload=False,
    )
    # Parked as soon as it is slow: the race needs no real two seconds.
    application = application_from_settings(
        settings, timing=Timing(park_after=0.05), responder=shipped_responder()
    )
    stop = asyncio.Event()
    task = asyncio.create_task(serve_polling(application, stop, inbox))
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)


async def test_an_update_answered_while_it_is_parked_is_not_answered_again_after_a_restart(
    tmp_path: Path,
) -> None:
    """A slow update (held by a 429) is saved to the inbox; its answer goes out while the
    save is under way. After a restart it is not answered a second time."""
    data = tmp_path / "data"
    with FakeBotApi() as fake:
        fake.fail_next("sendMessage", 429, retry_after=1)
        inbox = InboxSavingSlowly(data / "k2bot.sqlite3")
        async with polling_with(fake, inbox, data):
            update_id = fake.user_sends("what is k2", user_id=USER)
            await fake.wait_for(lambda: update_id in fake.confirmed_update_ids, timeout=20)
            await wait_replies(fake, USER)
        assert [] == Inbox(data / "k2bot.sqlite3").pending()
        async with polling_with(fake, Inbox(data / "k2bot.sqlite3"), data):
            later = fake.user_sends("mk7 vs mk4?", user_id=USER + 1)
            await fake.wait_for(lambda: later in fake.confirmed_update_ids, timeout=20)
        assert 1 == len(replies_to(fake, USER))
