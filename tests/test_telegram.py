"""The Telegram bot end to end: the real Application, polling a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from telegram.ext import Application
from tenacity import AsyncRetrying

from bot.aio import Backoff
from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import load_content
from bot.logging_setup import RedactingFilter, configure_logging, remove_redaction
from bot.questionlog import QuestionLog, log_from_settings
from bot.reload import LiveContent
from bot.responder import Responder
from bot.settings import Settings
from bot.telegram import sending
from bot.telegram.app import (
    application_from_settings,
    build_application,
    serve_polling,
)
from bot.telegram.inbox import Inbox
from builders import HANG_GUARD_SECONDS, SHIPPED_INTENTS, shipped_responder, sized
from k2bot_testing.fake_bot_api import FakeBotApi, check_telegram_html

BOT = "k2_test_bot"
HOUR = 3600


@dataclass
class Running:
    fake: FakeBotApi
    settings: Settings
    live: LiveContent
    log: QuestionLog | None


@asynccontextmanager
async def running_bot(
    prepare: Callable[[FakeBotApi], object] | None = None,
    first_update_id: int = 100_000,
    **overrides: object,
) -> AsyncIterator[Running]:
    """A fake Bot API and the real bot polling it; both stopped on exit.

    `prepare` runs on the fake server before the bot starts (to inject faults, say). A
    restart on the same DATA_DIR needs a new `first_update_id`: the inbox skips update ids
    it has processed.
    The question log is on, in a temporary DATA_DIR; live reload is off unless asked for.
    The shipped content is served by the responder every test shares (`shipped_responder`);
    another `intents_dir` gets a responder of its own.
    """
    with (
        FakeBotApi(bot_username=BOT, first_update_id=first_update_id) as fake,
        tempfile.TemporaryDirectory() as data,
    ):
        if prepare is not None:
            prepare(fake)
        values: dict[str, object] = {
            "telegram_bot_token": fake.token,
            "telegram_base_url": fake.base_url,
            "telegram_rate_limit": False,
            "flood_max_messages": 1000,
            "flood_window_seconds": 10,
            "data_dir": Path(data),
            "live_reload": False,
        }
        values.update(overrides)
        settings = Settings(_env_file=None, **values)  # type: ignore[arg-type]
        responder = (
            shipped_responder()
            if settings.intents_dir == SHIPPED_INTENTS
            else Responder(load_content(settings.intents_dir))
        )
        live = LiveContent(settings.intents_dir, settings.thresholds, responder)
        log = log_from_settings(settings)
        application = build_application(settings, live, log=log)
        stop = asyncio.Event()
        inbox = Inbox(settings.database)
        task = asyncio.create_task(serve_polling(application, stop, inbox))
        try:
            await fake.wait_for(lambda: fake.calls("getUpdates"), timeout=20)
            yield Running(fake, settings, live, log)
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=HANG_GUARD_SECONDS)


def replies_to(fake: FakeBotApi, chat_id: int) -> list:
    return [m for m in fake.sent_messages() if str(m.params.get("chat_id")) == str(chat_id)]


async def wait_replies(fake: FakeBotApi, chat_id: int, count: int = 1, timeout: float = 10) -> list:
    await fake.wait_for(lambda: len(replies_to(fake, chat_id)) >= count, timeout=timeout)
    return replies_to(fake, chat_id)


async def test_start_greets_and_registers_the_command_menu() -> None:
    """/start greets with what it answers and a not-medical-advice line; the menu is set."""
    async with running_bot() as bot:
        bot.fake.user_sends("/start", user_id=1)
        (reply,) = await wait_replies(bot.fake, 1)
        assert "K2 Bot" in reply.text
        assert "not medical advice" in reply.text
        assert "/optout" in reply.text  # questions are logged, and how to opt out
        menu = {c["command"] for c in bot.fake.commands()}
        assert {
            "start",
            "help",
            "topics",
            "source",
            "reset",
            "language",
            "forget",
            "optout",
        } == menu


async def test_the_profile_and_menu_are_set_per_language() -> None:
    """A Russian user sees a Russian description and command menu before pressing Start."""
    async with running_bot() as bot:
        await bot.fake.wait_for(lambda: "ru" in bot.fake.descriptions(), timeout=10)
        description, short = bot.fake.descriptions()["ru"]
        assert "витамине K2" in description
        assert "K2" in short
        assert "vitamin K2" in bot.fake.descriptions()[""][0]
        menu = {c["command"]: c["description"] for c in bot.fake.commands(language_code="ru")}
        assert menu["topics"] == "Вопросы, на которые я могу ответить"


async def test_a_russian_user_is_greeted_and_answered_in_russian() -> None:
    async with running_bot() as bot:
        bot.fake.user_sends("/start", user_id=8, language_code="ru")
        (greeting,) = await wait_replies(bot.fake, 8)
        assert greeting.text.startswith("Здравствуйте!")
        bot.fake.user_sends("я беременна, можно пить к2?", user_id=8, language_code="ru")
        replies = await wait_replies(bot.fake, 8, count=2)
        assert "беременность" in replies[1].text
        bot.fake.user_sends("MK-7 or MK-4?", user_id=8, language_code="ru")
        replies = await wait_replies(bot.fake, 8, count=3)
        assert "MK-7" in replies[2].text
        assert "В статье" in replies[2].text  # a mixed message keeps the chat's language


async def test_language_lists_the_languages_and_refuses_one_without_answers() -> None:
    async with running_bot() as bot:
        bot.fake.user_sends("/language", user_id=7)
        (listing,) = await wait_replies(bot.fake, 7)
        assert "I can answer in: en, ru" in listing.text
        bot.fake.user_sends("/language xx", user_id=7)
        replies = await wait_replies(bot.fake, 7, count=2)
        assert "no answers in xx" in replies[1].text
        bot.fake.user_sends("/language en", user_id=7)
        replies = await wait_replies(bot.fake, 7, count=3)
        assert "I answer in en" in replies[2].text


async def test_question_gets_answer_with_source_share_and_related_buttons() -> None:
    """A question gets its HTML answer, a Source button, a Share button and related questions."""
    async with running_bot() as bot:
        bot.fake.user_sends("mk7 vs mk4?", user_id=2)
        (reply,) = await wait_replies(bot.fake, 2)
        assert "HTML" == reply.parse_mode
        assert "MK-4" in reply.text
        assert "s:forms_mk4_mk7" in reply.callback_data
        # Share opens a chat picker with the question ready for inline mode.
        chosen = next(
            b["switch_inline_query_chosen_chat"]
            for b in reply.buttons
            if "switch_inline_query_chosen_chat" in b
        )
        assert chosen["query"] and chosen["allow_group_chats"] and chosen["allow_user_chats"]
        assert 1 <= len([d for d in reply.callback_data if d.startswith("a:")]) <= 3
        # The source passage is inside the answer, as a collapsed quote.
        quotes = [e for e in reply.entities if e["type"] == "expandable_blockquote"]
        assert len(quotes) == 1


async def test_buttons_source_related_and_did_you_mean() -> None:
    """Source shows the verbatim passage; related and did-you-mean buttons answer; all acknowledged."""
    responder = shipped_responder()
    document = responder.content.document.text
    # Any question the bot is unsure about will do; take one from the development set.
    unsure = next(
        e.question
        for e in read_examples(DEV_QUESTIONS)
        if responder.respond(e.question).suggestions
    )
    async with running_bot() as bot:
        bot.fake.user_sends(unsure, user_id=3)
        (suggestion,) = await wait_replies(bot.fake, 3)
        assert "Did you mean" in suggestion.text
        bot.fake.user_presses(suggestion, suggestion.callback_data[0], user_id=3)
        answer = (await wait_replies(bot.fake, 3, 2))[1]
        assert "article" in answer.text.lower()
        source_button = next(d for d in answer.callback_data if d.startswith("s:"))
        bot.fake.user_presses(answer, source_button, user_id=3)
        quoted = (await wait_replies(bot.fake, 3, 3))[2]
        passages = [line for line in quoted.text.split("\n")[1:] if line.strip()]
        assert passages and all(p.strip() in document for p in passages)
        related = next(d for d in answer.callback_data if d.startswith("a:"))
        bot.fake.user_presses(answer, related, user_id=3)
        await wait_replies(bot.fake, 3, 4)
        await bot.fake.wait_for(lambda: len(bot.fake.callback_answers()) >= 3)


@pytest.mark.parametrize("data", ["a:no_such_intent", "zz:top", "s:" + "x" * 62, "a:../../etc"])
async def test_forged_or_stale_button_gets_a_polite_answer(data: str) -> None:
    """Unknown, stale or forged callback data is acknowledged with a polite note."""
    async with running_bot() as bot:
        bot.fake.user_sends("what is k2", user_id=4)
        (reply,) = await wait_replies(bot.fake, 4)
        bot.fake.user_presses(reply, data, user_id=4, check=False)
        await bot.fake.wait_for(lambda: bot.fake.callback_answers())
        assert "out of date" in (bot.fake.callback_answers()[0].get("text") or "")


async def test_topics_pages_with_prev_and_next() -> None:
    """/topics shows question buttons with paging that edits the same message."""
    async with running_bot() as bot:
        bot.fake.user_sends("/topics", user_id=5)
        (listing,) = await wait_replies(bot.fake, 5)
        assert "t:1" in listing.callback_data
        assert "« Prev" not in [b["text"] for b in listing.buttons]
        bot.fake.user_presses(listing, "t:1", user_id=5)
        (page_two,) = await bot.fake.wait_for(lambda: bot.fake.edited_messages(5))
        assert "editMessageReplyMarkup" == page_two.method
        assert listing.message_id == page_two.message_id  # the same message, not a new one
        first_topics = {d for d in listing.callback_data if d.startswith("a:")}
        second_topics = {d for d in page_two.callback_data if d.startswith("a:")}
        assert second_topics and not first_topics & second_topics
        assert ["t:0"] == [b["callback_data"] for b in page_two.buttons if b["text"] == "« Prev"]


async def test_non_text_in_private_gets_a_short_note() -> None:
    """A sticker in a private chat gets 'I can read text questions'."""
    async with running_bot() as bot:
        bot.fake.push_raw_update(
            {
                "message": {
                    "message_id": 1,
                    "date": 1_700_000_000,
                    "chat": {"id": 6, "type": "private"},
                    "from": {"id": 6, "is_bot": False, "first_name": "S"},
                    "sticker": {
                        "file_id": "x",
                        "file_unique_id": "y",
                        "width": 1,
                        "height": 1,
                        "is_animated": False,
                        "is_video": False,
                        "type": "regular",
                    },
                }
            }
        )
        (reply,) = await wait_replies(bot.fake, 6)
        assert "text questions" in reply.text


def _photo(chat: dict, caption: str | None, message_id: int, entities: list | None = None) -> dict:
    """A photo message from user 15 in `chat`, with `caption` (and its entities) if given."""
    message: dict = {
        "message_id": message_id,
        "date": 1_700_000_000,
        "chat": chat,
        "from": {"id": 15, "is_bot": False, "first_name": "P", "language_code": "en"},
        "photo": [{"file_id": "p", "file_unique_id": "q", "width": 90, "height": 90}],
    }
    if caption is not None:
        message["caption"] = caption
    if entities:
        message["caption_entities"] = entities
    return {"message": message}


async def test_a_photo_with_a_question_as_its_caption_is_answered() -> None:
    """A photo of a bottle captioned "can i take this with warfarin?" gets the doctor referral.

    The caption is the question; only a photo without one gets the text-only note. In a
    group, a caption that mentions the bot is a question for it like a text message.
    """
    group = -1007
    mention = f"@{BOT}"
    async with running_bot() as bot:
        private = {"id": 15, "type": "private"}
        bot.fake.push_raw_update(_photo(private, "can i take this k2 with warfarin?", 1))
        (referral,) = await wait_replies(bot.fake, 15)
        assert "doctor" in referral.text
        assert "text questions" not in referral.text
        bot.fake.push_raw_update(_photo(private, None, 2))
        assert "text questions" in (await wait_replies(bot.fake, 15, 2))[1].text
        in_group = {"id": group, "type": "supergroup", "title": "Vitamins"}
        bot.fake.push_raw_update(
            _photo(
                in_group,
                f"{mention} mk7 vs mk4?",
                3,
                [{"type": "mention", "offset": 0, "length": len(mention)}],
            )
        )
        (answer,) = await wait_replies(bot.fake, group)
        assert "MK-4" in answer.text


async def test_groups_only_mentions_replies_and_commands() -> None:
    """In a group the bot answers mentions, replies to itself and commands, and stays quiet otherwise."""
    group = -1001
    async with running_bot() as bot:
        bot.fake.user_sends("what is k2 anyway", user_id=7, chat_id=group, chat_type="supergroup")
        bot.fake.user_sends(f"@{BOT} mk7 vs mk4?", user_id=7, chat_id=group, chat_type="supergroup")
        first = (await wait_replies(bot.fake, group))[0]
        assert "MK-4" in first.text
        bot.fake.user_sends(
            "and d3?",
            user_id=7,
            chat_id=group,
            chat_type="supergroup",
            reply_to_message=first.message,
        )
        bot.fake.user_sends(f"/help@{BOT}", user_id=7, chat_id=group, chat_type="supergroup")
        last = bot.fake.user_sends("thanks all", user_id=7, chat_id=group, chat_type="supergroup")
        replies = await wait_replies(bot.fake, group, 3)
        # The reply to the bot's answer and /help are handled concurrently, in either order.
        assert any("D3" in reply.text for reply in replies[1:])
        # Every update is answered and confirmed by now: nothing more will come.
        await bot.fake.wait_for(lambda: last in bot.fake.confirmed_update_ids)
        assert 3 == len(replies_to(bot.fake, group))


async def test_inline_query_offers_answers_to_send() -> None:
    """`@bot mk7` offers up to 50 matching answers with a short cache time."""
    async with running_bot() as bot:
        bot.fake.user_inline_query("mk7 vs mk4", user_id=8)
        await bot.fake.wait_for(lambda: bot.fake.inline_answers())
        answer = bot.fake.inline_answers()[0]
        results = answer["results"]
        assert 1 <= len(results) <= 50
        assert "forms_mk4_mk7" == results[0]["id"]
        assert answer.get("cache_time", 300) <= 60
        text = results[0]["input_message_content"]["message_text"]
        assert check_telegram_html(text) is None
        assert f"t.me/{BOT}?start=forms_mk4_mk7" in str(results[0]["reply_markup"])


async def test_deep_link_opens_on_the_answer() -> None:
    """/start <intent_id> (from t.me/<bot>?start=...) answers that intent."""
    async with running_bot() as bot:
        bot.fake.user_sends("/start fracture_risk", user_id=9)
        (reply,) = await wait_replies(bot.fake, 9)
        assert "87%" in reply.text


async def test_edited_question_is_answered_again() -> None:
    """Editing a question gets a fresh answer to the new text."""
    async with running_bot() as bot:
        update_id = bot.fake.user_sends("what is osteocalcin", user_id=10)
        await wait_replies(bot.fake, 10)
        bot.fake.user_edits(update_id, "k2 and d3 together?")
        replies = await wait_replies(bot.fake, 10, 2)
        assert "D3" in replies[1].text


async def test_flood_guard_warns_once_then_drops_without_slowing_others() -> None:
    """A user over the limit gets one 'slow down', the rest are dropped; others are answered."""
    async with running_bot(flood_max_messages=3, flood_window_seconds=60) as bot:
        for _ in range(12):
            bot.fake.user_sends("what is k2", user_id=11)
        bot.fake.user_sends("mk7 vs mk4", user_id=12)
        await wait_replies(bot.fake, 12)
        await bot.fake.wait_for(lambda: not bot.fake.pending_updates(), timeout=10)
        texts = [m.text for m in replies_to(bot.fake, 11)]
        assert 4 == len(texts)
        assert 1 == sum("very fast" in t for t in texts)


async def test_inline_queries_have_a_flood_guard_too() -> None:
    """One user's 40 inline queries at once get at most 4 x FLOOD_MAX_MESSAGES answers (each
    costs matching work); another user's query is still answered."""
    async with running_bot(flood_max_messages=3, flood_window_seconds=60) as bot:
        for n in range(40):
            bot.fake.user_inline_query(f"mk7 vs mk4 {n}", user_id=41)
        last = bot.fake.user_inline_query("what is k2", user_id=42)
        await bot.fake.wait_for(lambda: last in bot.fake.confirmed_update_ids, timeout=10)
        answered = bot.fake.inline_answers()
        assert 12 + 1 == len(answered)


async def test_a_burst_from_many_users_gets_exactly_one_reply_each() -> None:
    """300 questions from 30 users, three batches of updates (1,000 from 100 thorough): exactly
    one reply per question, none over 4096 characters."""
    burst, users = sized(300, 1000), sized(30, 100)
    async with running_bot() as bot:
        questions = ["mk7 vs mk4", "what is k2", "k2 and d3?", "bank transfer", "thx"]
        for n in range(burst):
            bot.fake.user_sends(f"{questions[n % 5]} #{n}", user_id=1000 + n % users)
        await bot.fake.wait_for(lambda: len(bot.fake.sent_messages()) >= burst, timeout=90)
        await bot.fake.wait_for(lambda: not bot.fake.pending_updates())
    sent = bot.fake.sent_messages()  # counted after the bot stopped: no late duplicate
    assert burst == len(sent)
    assert all(len(m.text) <= 4096 for m in sent)
    assert not [c for c in bot.fake.call_log() if c["status"] not in (200, None, "client_gone")]


@pytest.mark.parametrize(
    "text",
    [
        "k" * 4096,
        "🙂" * 50,
        "<b>k2 & d3</b>",
        "k\u200b2 \u200d\u2060d3",
        "ما هو فيتامين K2؟",
        "<script>alert(1)</script> &amp; &lt;",
        "/unknown_command",
        "   ",
    ],
)
async def test_odd_messages_get_valid_replies_and_no_errors(
    text: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Long, emoji, HTML-like, zero-width and RTL text: a valid HTML reply, no error logged."""
    async with running_bot() as bot:
        bot.fake.user_sends(text, user_id=13)
        await bot.fake.wait_for(lambda: not bot.fake.pending_updates())
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    (reply,) = bot.fake.sent_messages()  # exactly one, now that the bot has stopped
    assert check_telegram_html(reply.raw_text) is None


async def test_odd_updates_are_handled_quietly(caplog: pytest.LogCaptureFixture) -> None:
    """No `from`, channel posts, very old messages and unknown kinds: no error reaches the logs."""
    async with running_bot() as bot:
        chat = {"id": 14, "type": "private"}
        bot.fake.push_raw_update(
            {
                "message": {
                    "message_id": 1,
                    "date": 1_700_000_000,
                    "chat": chat,
                    "text": "what is k2",
                }
            }
        )
        bot.fake.push_raw_update(
            {
                "channel_post": {
                    "message_id": 2,
                    "date": 1_700_000_000,
                    "chat": {"id": -100, "type": "channel"},
                    "text": "k2?",
                }
            }
        )
        bot.fake.push_raw_update(
            {
                "message": {
                    "message_id": 3,
                    "date": 1_000_000_000,
                    "chat": chat,
                    "from": {"id": 14, "is_bot": False, "first_name": "O"},
                    "text": "mk7 vs mk4",
                }
            }
        )
        bot.fake.push_raw_update(
            {
                "my_chat_member": {
                    "chat": chat,
                    "from": {"id": 14, "is_bot": False, "first_name": "O"},
                    "date": 1_700_000_000,
                    "old_chat_member": {
                        "status": "member",
                        "user": {"id": 1, "is_bot": True, "first_name": "K2"},
                    },
                    "new_chat_member": {
                        "status": "kicked",
                        "until_date": 0,
                        "user": {"id": 1, "is_bot": True, "first_name": "K2"},
                    },
                }
            }
        )
        bot.fake.push_raw_update(
            {
                "message": {
                    "message_id": 4,
                    "date": 1_700_000_000,
                    "chat": chat,
                    "from": {"id": 14, "is_bot": False, "first_name": "O"},
                    "text": "hi",
                    "some_future_field": {"x": 1},
                }
            }
        )
        await bot.fake.wait_for(lambda: not bot.fake.pending_updates())
        await wait_replies(bot.fake, 14, 3)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_rejected_html_is_resent_as_plain_text() -> None:
    """If Telegram still rejects a reply's HTML, the bot sends the same reply as plain text."""
    async with running_bot() as bot:
        bot.fake.fail_next(
            "sendMessage", 400, description="Bad Request: can't parse entities: test"
        )
        bot.fake.user_sends("what is osteocalcin", user_id=15)
        (reply,) = await wait_replies(bot.fake, 15)
        assert reply.parse_mode is None
        assert "osteocalcin" in reply.text


async def test_start_up_survives_a_network_blip() -> None:
    """getMe failing twice at start is retried; the bot then answers."""
    async with running_bot(prepare=lambda fake: fake.fail_next("getMe", 502, count=2)) as bot:
        bot.fake.user_sends("what is k2", user_id=16)
        await wait_replies(bot.fake, 16, timeout=20)


async def test_token_never_appears_in_any_log_line() -> None:
    """Every log record of a run, at DEBUG, is free of the bot token."""
    records: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    root = logging.getLogger()
    capture = Capture(level=logging.DEBUG)
    root.addHandler(capture)
    old_level = root.level
    try:
        redactors: list[RedactingFilter] = []

        def prepare(fake: FakeBotApi) -> None:
            redactors.append(configure_logging("DEBUG", secrets=[fake.token]))

        async with running_bot(prepare=prepare) as bot:
            bot.fake.user_sends("what is k2", user_id=17)
            bot.fake.fail_next("sendMessage", 500)
            bot.fake.user_sends("mk7?", user_id=17)
            await wait_replies(bot.fake, 17, 2)
    finally:
        root.removeHandler(capture)
        for redactor in redactors:
            remove_redaction(redactor)  # exactly what the test added, nobody else's filters
        root.setLevel(old_level)
    assert records
    assert not [r for r in records if "HTTP Request" in r]  # httpx's URL lines are silenced
    secret = bot.fake.token.split(":", 1)[1]
    assert not [r for r in records if secret in r]


@pytest.mark.parametrize("fault", [500, "drop", 429])
async def test_a_failed_send_is_retried_until_the_reply_arrives(fault: object) -> None:
    """A 5xx, a dropped connection or a 429 on sendMessage is retried; the user gets the answer."""
    async with running_bot() as bot:
        bot.fake.fail_next("sendMessage", fault, retry_after=1 if fault == 429 else None)
        bot.fake.user_sends("what is osteocalcin", user_id=18)
        (reply,) = await wait_replies(bot.fake, 18, timeout=20)
        assert "osteocalcin" in reply.text


async def test_an_answer_being_retried_does_not_set_the_bot_polling_in_a_loop() -> None:
    """While a reply waits out a 2 s "retry after", the bot asks Telegram for updates a few
    times a second (to confirm what it answers and take new questions), not hundreds of
    empty requests: getUpdates returns at once while answers are in flight."""
    async with running_bot() as bot:
        bot.fake.fail_next("sendMessage", 429, retry_after=2)
        asked_before = len(bot.fake.calls("getUpdates"))
        bot.fake.user_sends("what is osteocalcin", user_id=19)
        (reply,) = await wait_replies(bot.fake, 19, timeout=20)
        asked = len(bot.fake.calls("getUpdates")) - asked_before
    assert "osteocalcin" in reply.text
    assert 2 <= asked <= 30, asked  # 2 s at most five a second, and a few for the answer


async def test_one_slow_chat_does_not_hold_up_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reply stuck behind a long 'retry after' does not stop 250 later questions being answered.

    Decided by the order of events, not by the clock: Telegram asks the first chat to wait an
    hour, and that wait is held open (by the test, in place of the sleep) until the 250 other
    chats have their replies. A retry-after that paused every send, or a handler that held
    the others up, would leave them unanswered; the bound only guards against a hang.
    """
    waiting, released = asyncio.Event(), asyncio.Event()
    real_retrying = sending.retrying

    def retrying_held_by_the_test(attempts: int, backoff: Backoff) -> AsyncRetrying:
        attempts_ = real_retrying(attempts, backoff)
        real_sleep = attempts_.sleep

        async def sleep(seconds: float) -> None:
            if seconds < HOUR:
                await real_sleep(seconds)  # e.g. the fake's own flood control, if any
                return
            waiting.set()
            await released.wait()

        attempts_.sleep = sleep
        return attempts_

    monkeypatch.setattr(sending, "retrying", retrying_held_by_the_test)
    async with running_bot() as bot:
        bot.fake.fail_next("sendMessage", 429, retry_after=HOUR)
        bot.fake.user_sends("what is k2", user_id=19)
        await asyncio.wait_for(waiting.wait(), HANG_GUARD_SECONDS)
        for n in range(250):
            bot.fake.user_sends("mk7 vs mk4", user_id=2000 + n)
        # A bound (times the fake's patience) that only guards against a hang.
        await bot.fake.wait_for(lambda: len(bot.fake.sent_messages()) >= 250, timeout=10)
        assert [] == replies_to(bot.fake, 19)  # still inside its retry-after
        released.set()
        (reply,) = await wait_replies(bot.fake, 19)
        assert "K2" in reply.text


async def test_group_chatter_neither_counts_nor_gets_a_slow_down_notice() -> None:
    """In a group, messages not meant for the bot don't trip the flood guard; a mention is answered."""
    group = -1002
    async with running_bot(flood_max_messages=2, flood_window_seconds=60) as bot:
        for n in range(6):
            bot.fake.user_sends(
                f"chatting about lunch {n}", user_id=20, chat_id=group, chat_type="supergroup"
            )
        bot.fake.user_sends(
            f"@{BOT} mk7 vs mk4?", user_id=20, chat_id=group, chat_type="supergroup"
        )
        (reply,) = await wait_replies(bot.fake, group)
        assert "MK-4" in reply.text


async def test_a_button_too_old_to_acknowledge_still_answers() -> None:
    """If Telegram says the press is too old to acknowledge, the bot still sends the answer."""
    async with running_bot() as bot:
        bot.fake.user_sends("what is k2", user_id=21)
        (reply,) = await wait_replies(bot.fake, 21)
        bot.fake.fail_next(
            "answerCallbackQuery",
            400,
            description=(
                "Bad Request: query is too old and response timeout expired or query ID is invalid"
            ),
        )
        related = next(d for d in reply.callback_data if d.startswith("a:"))
        bot.fake.user_presses(reply, related, user_id=21)
        await wait_replies(bot.fake, 21, 2)


async def test_questions_queued_before_start_are_answered() -> None:
    """Questions sent while the bot was down, some days old, are answered on start, quietly."""

    def queue_backlog(fake: FakeBotApi) -> None:
        for n in range(5):
            fake.push_raw_update(
                {
                    "message": {
                        "message_id": 100 + n,
                        "date": 1_600_000_000 + n,
                        "text": "mk7 vs mk4?",
                        "chat": {"id": 22, "type": "private"},
                        "from": {"id": 22, "is_bot": False, "first_name": "B"},
                    }
                }
            )

    async with running_bot(prepare=queue_backlog) as bot:
        replies = await wait_replies(bot.fake, 22, 5)
        assert all("MK-4" in r.text for r in replies)


async def test_an_unknown_command_in_a_private_chat_gets_a_pointer_to_help() -> None:
    """/foo gets a short note naming the real commands, not silence and not a guess."""
    async with running_bot() as bot:
        bot.fake.user_sends("/vitamins", user_id=77)
        (reply,) = await wait_replies(bot.fake, 77)
        assert "I don't know that command" in reply.text
        assert "/help" in reply.text


def modes_open_to_others(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, itself included, that group or others can use."""
    found = {}
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found[path.name] = oct(mode)
    return found


@pytest.fixture(name="loose_umask")
def _loose_umask() -> object:
    """The common default umask 022, under which new files are readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("loose_umask")
async def test_data_folder_and_every_file_in_it_are_private(tmp_path: Path) -> None:
    """DATA_DIR is created 0700 and its SQLite files 0600, -wal and -shm included: they hold
    users' questions word for word and raw updates with names and ids."""
    data = tmp_path / "data"
    async with running_bot(data_dir=data) as bot:
        bot.fake.user_sends("mk7 vs mk4?", user_id=31)
        await wait_replies(bot.fake, 31)
        assert bot.log is not None
        bot.log.flush().result(5)
        names = {p.name for p in data.iterdir()}
        assert {"k2bot.sqlite3-wal", "questions.sqlite3-wal", "k2bot.salt"} <= names
        assert {} == modes_open_to_others(data)
    assert {} == modes_open_to_others(data)


@pytest.mark.usefixtures("loose_umask")
async def test_an_existing_data_folder_open_to_others_is_tightened_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A DATA_DIR left 0755 (and a database 0644) by an older version is made private at
    start, with one log line saying so."""
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "questions.sqlite3").touch(mode=0o644)
    with caplog.at_level(logging.WARNING, logger="bot.storage.files"):
        async with running_bot(data_dir=data):
            pass
    assert {} == modes_open_to_others(data)
    assert 1 == sum("open to other users" in r.getMessage() for r in caplog.records)


async def test_polling_starts_in_ptbs_order_and_shuts_down_when_start_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As python-telegram-bot's run_polling: post_init runs before start; when start fails,
    shutdown and post_shutdown still run (so the question log is closed), post_stop not."""
    steps: list[str] = []

    async def failing_start(self: Application) -> None:
        steps.append("start")
        raise RuntimeError("start failed")

    monkeypatch.setattr(Application, "start", failing_start)
    with (
        FakeBotApi(bot_username=BOT) as fake,
        tempfile.TemporaryDirectory() as data,
    ):
        settings = Settings(
            _env_file=None,
            telegram_bot_token=fake.token,  # type: ignore[arg-type]
            telegram_base_url=fake.base_url,
            data_dir=Path(data),
            live_reload=False,
        )
        application = application_from_settings(settings)
        for hook in ("post_init", "post_stop", "post_shutdown"):
            original = getattr(application, hook)

            async def recorded(app: object, name: str = hook, run: object = original) -> None:
                steps.append(name)
                await run(app)  # type: ignore[operator]

            setattr(application, hook, recorded)
        with pytest.raises(RuntimeError, match="start failed"):
            await serve_polling(application, asyncio.Event(), Inbox(settings.database))
    assert ["post_init", "start", "post_shutdown"] == steps


async def test_a_chosen_language_survives_a_restart_until_forget(tmp_path: Path) -> None:
    """/language ru holds after the bot restarts; /forget deletes the choice with the rest."""
    async with running_bot(data_dir=tmp_path) as bot:
        bot.fake.user_sends("/language ru", user_id=9)
        await wait_replies(bot.fake, 9)
    async with running_bot(data_dir=tmp_path, first_update_id=200_000) as bot:
        bot.fake.user_sends("what is vitamin k2", user_id=9)
        (answer,) = await wait_replies(bot.fake, 9)
        assert "В статье" in answer.text
        bot.fake.user_sends("/forget", user_id=9)
        await wait_replies(bot.fake, 9, count=2)
        bot.fake.user_sends("what is vitamin k2", user_id=9)
        replies = await wait_replies(bot.fake, 9, count=3)
        assert "The article" in replies[2].text
