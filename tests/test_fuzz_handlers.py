"""Fuzzing every Telegram handler through the real Application and the fake Bot API.

The bot polls a fake server on 127.0.0.1 from a background thread for the whole module;
each example is one update (a message, an edit, a deep link, a group mention, a button
press with any callback data, an inline query). Whatever it holds: no error is logged,
every Bot API call the bot makes is accepted (the fake rejects invalid HTML, text over
4096 characters, bad buttons...), and a private text message gets exactly one reply.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from telegram.ext import CommandHandler

from bot.dialogue import Dialogue
from bot.settings import Settings
from bot.telegram.app import application_from_settings, serve_polling
from bot.telegram.inbox import Inbox
from builders import shipped_responder
from k2bot_testing.fake_bot_api import FakeBotApi, SentMessage
from strategies import callback_data, inline_queries, message_texts

BOT = "k2_test_bot"
GROUP = -100777
# Each example is a round trip through the fake server, so fewer than for the responder.
EXAMPLES = {"ci": 100, "long": 5000}[os.environ.get("K2_FUZZ", "ci")]
fuzz = settings(max_examples=EXAMPLES)
_users = itertools.count(10_000)
# What Telegram marks as a bot command at the start of a message (as the fake does).
COMMAND = re.compile(r"/([A-Za-z0-9_]{1,64})(@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")


class ErrorRecords(logging.Handler):
    """Collects every record at ERROR or above, from any thread."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.name}: {record.getMessage()}")


@dataclass
class LiveBot:
    fake: FakeBotApi
    errors: ErrorRecords
    sample: SentMessage  # a bot message with buttons, for presses with forged data
    commands: frozenset[str]  # every command the application handles (each replies once)

    def handle(self, push: Callable[[], int | None]) -> list[dict]:
        """Queue one update, wait until the bot has answered it; the calls it made, checked."""
        before = self.fake.call_count()
        errors_before = len(self.errors.records)
        update_id = push()
        assert update_id is not None
        self.fake.wait_until(
            lambda: all(u["update_id"] != update_id for u in self.fake.pending_updates()),
            timeout=20,
        )
        calls = [c for c in self.fake.call_log(start=before) if c["method"] != "getUpdates"]
        assert [] == self.errors.records[errors_before:]
        rejected = [c for c in calls if c["status"] != 200 and not _harmless(c)]
        assert [] == rejected, "Telegram would reject a call"
        return calls


def _harmless(call: dict) -> bool:
    """Paging /topics to the page already shown: Telegram says "not modified", as expected."""
    return "message is not modified" in (call["description"] or "")


@pytest.fixture(name="live", scope="module")
def _live() -> Iterator[LiveBot]:
    errors = ErrorRecords()
    logging.getLogger().addHandler(errors)
    with FakeBotApi(bot_username=BOT) as fake, tempfile.TemporaryDirectory() as data:
        settings_ = Settings(
            _env_file=None,
            telegram_bot_token=fake.token,  # type: ignore[arg-type]
            telegram_base_url=fake.base_url,
            telegram_rate_limit=False,
            flood_max_messages=1_000_000,
            data_dir=Path(data),
            live_reload=False,
        )
        application = application_from_settings(settings_)
        commands = frozenset(
            command
            for handler in application.handlers[0]
            if isinstance(handler, CommandHandler)
            for command in handler.commands
        )
        loop = asyncio.new_event_loop()
        stop = asyncio.Event()
        inbox = Inbox(Path(data) / "k2.sqlite3")
        thread = threading.Thread(
            target=loop.run_until_complete,
            args=(serve_polling(application, stop, inbox),),
            name="k2bot-under-fuzz",
        )
        thread.start()
        try:
            fake.wait_until(lambda: fake.calls("getUpdates"), timeout=20)
            fake.user_sends("what is k2", user_id=1)
            sample = fake.wait_until(lambda: fake.sent_messages(1), timeout=20)[0]
            yield LiveBot(fake, errors, sample, commands)
        finally:
            loop.call_soon_threadsafe(stop.set)
            thread.join(timeout=20)
            loop.close()
            logging.getLogger().removeHandler(errors)
    assert not thread.is_alive()


# Counts the questions of a message as the bot does (it answers each one).
_conversations = itertools.count()
_DIALOGUE = Dialogue(shipped_responder())


def questions_in(text: str) -> int:
    """How many answers a question message gets: one per question it holds.

    Asked in a conversation of its own, as each example comes from a new user: a shared
    one would remember earlier examples and could answer differently."""
    return len(_DIALOGUE.respond(("fuzz", next(_conversations)), text))


def expected_replies(
    text: str, *, edited: bool = False, commands: frozenset[str] = frozenset()
) -> int:
    """A reply per question; one for any /command in a private chat (ours answer it, any
    other gets a pointer to /help). An edit: one for any of our `commands` (each answers
    once, an editors' command with a polite refusal), none for another bot's or an unknown
    one."""
    command = COMMAND.match(text)
    if command is None:
        return questions_in(text)
    if not edited:
        return 1
    name, target = command.group(1).lower(), (command.group(2) or f"@{BOT}").lower()
    return int(name in commands and target == f"@{BOT}")


def replies(calls: list[dict], chat_id: int) -> list[dict]:
    return [
        c
        for c in calls
        if c["method"] == "sendMessage" and str(c["params"].get("chat_id")) == str(chat_id)
    ]


@fuzz
@given(text=message_texts())
@example(text="/0")  # an unknown command gets a pointer to /help (hypothesis found it)
def test_any_private_message_gets_exactly_one_valid_reply(live: LiveBot, text: str) -> None:
    """Any text in a private chat: one reply, accepted by Telegram, and no error."""
    user = next(_users)
    calls = live.handle(lambda: live.fake.user_sends(text, user_id=user))
    assert len(replies(calls, user)) == expected_replies(text)


@fuzz
@given(argument=message_texts(max_size=200))
def test_any_deep_link_argument_gets_one_valid_reply(live: LiveBot, argument: str) -> None:
    """/start with anything after it (t.me/<bot>?start=...): one valid reply."""
    user = next(_users)
    calls = live.handle(lambda: live.fake.user_sends(f"/start {argument}", user_id=user))
    assert 1 == len(replies(calls, user))


@fuzz
@given(text=message_texts(max_size=4000), mention=st.booleans())
def test_any_group_message_is_answered_only_when_addressed(
    live: LiveBot, text: str, mention: bool
) -> None:
    """In a group, any text mentioning the bot gets one valid reply; other chatter none."""
    user = next(_users)
    message = f"@{BOT} {text}" if mention else text
    calls = live.handle(
        lambda: live.fake.user_sends(message, user_id=user, chat_id=GROUP, chat_type="supergroup")
    )
    sent = replies(calls, GROUP)
    if mention:
        # The bot reads the message without its mention, as `_addressed_text` does.
        addressed = " ".join(w for w in message.split() if w.lower().rstrip(",.:!?") != f"@{BOT}")
        assert questions_in(addressed) == len(sent)
    elif not text.startswith("/") and f"@{BOT}" not in text.lower():
        assert [] == sent


@fuzz
@given(first=message_texts(max_size=300), edited=message_texts())
@example(first="0", edited="/NEW")  # an edit into a command of ours other than /start (found)
def test_any_edit_gets_one_more_valid_reply(live: LiveBot, first: str, edited: str) -> None:
    """Editing a question to any text is answered again, validly."""
    user = next(_users)
    sent: list[int | None] = []
    live.handle(lambda: sent.append(live.fake.user_sends(first, user_id=user)) or sent[0])
    assert isinstance(sent[0], int)
    calls = live.handle(lambda: live.fake.user_edits(sent[0], edited))
    assert len(replies(calls, user)) == expected_replies(
        edited, edited=True, commands=live.commands
    )


@fuzz
@given(data=callback_data())
def test_any_callback_data_is_acknowledged_once(live: LiveBot, data: str) -> None:
    """A button press with any callback data (forged, stale) is acknowledged exactly once."""
    user = next(_users)
    calls = live.handle(
        lambda: live.fake.user_presses(live.sample, data, user_id=user, check=False)
    )
    assert 1 == len([c for c in calls if c["method"] == "answerCallbackQuery"])


@fuzz
@given(query=inline_queries())
def test_any_inline_query_is_answered_once(live: LiveBot, query: str) -> None:
    """Any inline query gets one answer with at most 50 results Telegram accepts."""
    user = next(_users)
    calls = live.handle(lambda: live.fake.user_inline_query(query, user_id=user))
    (answer,) = [c for c in calls if c["method"] == "answerInlineQuery"]
    assert len(answer["params"]["results"]) <= 50
