"""Telegram-native features end to end (issue 16): the real Application polling the fake Bot
API. The source quoted inside answers, reactions as votes, guest mode, sharing to a chosen
chat, "Ask privately" above inline results, and "Ask a person"."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import replace

from test_telegram import BOT, Running, replies_to, running_bot, wait_replies

from bot import messages
from bot.intents import Kind
from bot.markup import SPLIT_TARGET, utf16_length
from bot.messages import OMITTED_PASSAGES
from builders import shipped_responder
from k2bot_testing.fake_bot_api import FakeBotApi, SentMessage, parse_telegram_html

EDITORS = -100500
OFF_TOPIC = "what is the capital of france"
SAFETY = f"@{BOT} is k2 safe with warfarin?"


def quotes_of(message: SentMessage) -> list[str]:
    """The text inside each expandable quote of a sent message."""
    text = message.text or ""
    spans = [e for e in message.entities if e["type"] == "expandable_blockquote"]
    units = text.encode("utf-16-le")
    return [
        units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le") for e in spans
    ]


def rejected(fake: FakeBotApi) -> list[dict]:
    """Every Bot API call the fake server refused (a long poll still open has no status)."""
    return [c for c in fake.call_log() if c["status"] not in (200, None)]


def button(message: SentMessage, prefix: str) -> str:
    return next(d for d in message.callback_data if d.startswith(prefix))


async def votes(running: Running) -> list[tuple[str, int]]:
    """Every stored vote, as (intent, +1 or -1), once what is queued is committed."""
    assert running.log is not None
    await asyncio.wrap_future(running.log.flush())
    with sqlite3.connect(running.log.path) as db:
        return sorted(db.execute("SELECT intent, vote FROM votes").fetchall())


async def wait_votes(running: Running, expected: list[tuple[str, int]]) -> None:
    for _ in range(200):  # each round awaits the log's own flush, not a clock
        if await votes(running) == expected:
            return
        await running.fake.wait_for(lambda: True, timeout=1)
    assert await votes(running) == expected


# -- 1. the source inside the answer ---------------------------------------------------------


def test_every_answer_quotes_its_passages_in_valid_html_under_the_limit() -> None:
    """Over every intent: the answer with its quote is valid Telegram HTML within 4096, and
    an article answer's quote holds its passages word for word."""
    responder = shipped_responder()
    document = responder.content.document.text
    quoted = 0
    for intent in responder.content.intents:
        reply = responder.answer(intent.id)
        if reply is None:
            continue
        text, entities = parse_telegram_html(reply.html_with_source)  # raises if invalid
        assert utf16_length(text) <= 4096, intent.id
        quotes = [e for e in entities if e["type"] == "expandable_blockquote"]
        if intent.source:
            quoted += 1
            assert len(quotes) == 1, intent.id
            assert all(" ".join(p.split()) in " ".join(text.split()) for p in intent.source)
            assert all(" ".join(p.split()) in " ".join(document.split()) for p in intent.source)
        else:
            assert not quotes, intent.id
    assert quoted >= sum(1 for i in responder.content.of_kind(Kind.ARTICLE) if i.source) > 0


def test_a_quote_too_long_keeps_whole_passages_and_says_some_are_left_out() -> None:
    """Passages that would pass the limit are left out whole, with a marker; the rest stay."""
    responder = shipped_responder()
    intent = next(i for i in responder.content.of_kind(Kind.ARTICLE) if i.source)
    reply = responder.answer(intent.id)
    assert reply is not None
    long = ("Vitamin K2 & <bones> " * 120).strip()  # ~2500 characters, with markup to escape
    crowded = replace(reply, sources=("First passage.", long, long))
    text, _ = parse_telegram_html(crowded.html_with_source)
    assert utf16_length(text) <= SPLIT_TARGET
    assert "First passage." in text and long in text
    assert text.count(long) == 1 and OMITTED_PASSAGES in text
    # Not even one passage fits: no quote at all (📖 Source still shows it).
    huge = replace(reply, sources=("x" * 5000,))
    assert huge.html_with_source == huge.html


async def test_every_answer_sent_through_telegram_carries_its_quote() -> None:
    """Each intent, opened by deep link, arrives (the fake refuses invalid HTML or over 4096
    characters) with its passages in one expandable quote exactly when it has passages."""
    responder = shipped_responder()
    intents = [i for i in responder.content.intents if responder.answer(i.id) is not None]
    async with running_bot() as bot:
        for number, intent in enumerate(intents, start=1000):
            bot.fake.user_sends(f"/start {intent.id}", user_id=number)
        for number, intent in enumerate(intents, start=1000):
            (reply,) = await wait_replies(bot.fake, number)
            assert len(quotes_of(reply)) == (1 if intent.source else 0), intent.id
        assert not rejected(bot.fake)


# -- 2. reactions as votes -------------------------------------------------------------------


async def test_a_reaction_on_an_answer_is_a_vote_changed_and_withdrawn_with_it() -> None:
    """👍 on an answer records a vote; 👎 instead changes it; removing it removes the vote.
    Another user's reaction is their own vote; a reaction on a non-answer counts nothing."""
    async with running_bot() as bot:
        assert "message_reaction" in (bot.fake.allowed_updates or [])
        bot.fake.user_sends("mk7 vs mk4?", user_id=40)
        (answer,) = await wait_replies(bot.fake, 40)
        intent = "forms_mk4_mk7"
        bot.fake.user_reacts(answer, "👍", user_id=40)
        await wait_votes(bot, [(intent, 1)])
        bot.fake.user_reacts(answer, ["👍", "❤"], user_id=40)  # 👍 still there: unchanged
        bot.fake.user_reacts(answer, "👎", user_id=40)
        await wait_votes(bot, [(intent, -1)])
        bot.fake.user_reacts(answer, None, user_id=40)
        await wait_votes(bot, [])
        bot.fake.user_sends("/help", user_id=40)
        help_reply = (await wait_replies(bot.fake, 40, 2))[1]
        bot.fake.user_reacts(help_reply, "👎", user_id=40)
        bot.fake.user_reacts(answer, "👍", user_id=40)
        await wait_votes(bot, [(intent, 1)])
        assert 2 == len(replies_to(bot.fake, 40))  # reactions get no messages
        assert not rejected(bot.fake)


async def test_in_a_group_a_reaction_on_an_answer_is_a_silent_vote() -> None:
    """Where Telegram delivers group reactions (the bot is an admin), 👎 on an answer is a
    vote; the bot says nothing in the group, and no "Ask a person" offer appears there."""
    group = -1002
    async with running_bot(editors_chat_id=EDITORS) as bot:
        bot.fake.user_sends(f"@{BOT} mk7 vs mk4?", user_id=41, chat_id=group, chat_type="group")
        (answer,) = await wait_replies(bot.fake, group)
        bot.fake.user_reacts(answer, "👎", user_id=42)
        await wait_votes(bot, [("forms_mk4_mk7", -1)])
        bot.fake.user_sends("/help", user_id=43)
        await wait_replies(bot.fake, 43)
        await bot.fake.wait_for(lambda: not bot.fake.pending_updates(), timeout=10)
        assert 1 == len(replies_to(bot.fake, group))
        assert not replies_to(bot.fake, 42) and not replies_to(bot.fake, EDITORS)


# -- 3. guest mode ---------------------------------------------------------------------------


async def test_a_guest_mention_is_answered_with_answer_guest_query_and_safety_routing() -> None:
    """In a chat the bot has not joined, a mention gets one answer through answerGuestQuery:
    a medicines question gets the doctor referral, an article question its quote."""
    family = -2001
    async with running_bot() as bot:
        assert "guest_message" in (bot.fake.allowed_updates or [])
        bot.fake.user_summons(SAFETY, user_id=50, chat_id=family)
        bot.fake.user_summons(f"@{BOT} mk7 vs mk4?", user_id=51, chat_id=family)
        await bot.fake.wait_for(lambda: len(bot.fake.guest_answers()) == 2, timeout=10)
        safety, article = sorted(
            bot.fake.guest_answers(),
            key=lambda a: "medicines" not in a["result"]["input_message_content"]["message_text"],
        )
        assert "doctor" in safety["result"]["input_message_content"]["message_text"]
        content = article["result"]["input_message_content"]
        assert "<blockquote expandable>" in content["message_text"]
        assert content["parse_mode"] == "HTML"
        link = article["result"]["reply_markup"]["inline_keyboard"][0][0]["url"]
        assert link == f"https://t.me/{BOT}?start=forms_mk4_mk7"
        assert not bot.fake.sent_messages(family)  # it never writes there otherwise
        assert not rejected(bot.fake)
        assert bot.log is not None
        await asyncio.wrap_future(bot.log.flush())
        with sqlite3.connect(bot.log.path) as db:
            kinds = db.execute("SELECT chat_kind, intent FROM questions ORDER BY intent")
            assert [("guest", "forms_mk4_mk7"), ("guest", "safety_medicines")] == kinds.fetchall()


async def test_guest_mentions_go_through_the_flood_guard() -> None:
    """A user flooding guest mentions gets answers up to the limit, then none (no notice)."""
    async with running_bot(flood_max_messages=2) as bot:
        for _ in range(4):
            bot.fake.user_summons(f"@{BOT} what is k2?", user_id=52, chat_id=-2002)
        bot.fake.user_sends("/help", user_id=53)
        await wait_replies(bot.fake, 53)  # later than the mentions: all were handled
        await bot.fake.wait_for(lambda: not bot.fake.pending_updates(), timeout=10)
        assert 2 == len(bot.fake.guest_answers())
        assert not bot.fake.sent_messages(-2002)


# -- 4. sharing ------------------------------------------------------------------------------


async def test_inline_offers_ask_privately_for_nothing_found_or_a_doctor_question() -> None:
    """Inline results for nothing, or a medicines question, carry "Ask privately", which
    opens the bot on that very question; an ordinary match does not."""
    async with running_bot() as bot:
        bot.fake.user_inline_query("zzz qqq", user_id=60)
        bot.fake.user_inline_query("can i take k2 with warfarin", user_id=61)
        bot.fake.user_inline_query("mk7 vs mk4", user_id=62)
        await bot.fake.wait_for(lambda: len(bot.fake.inline_answers()) == 3, timeout=10)
        by_user = {a["inline_query_id"]: a for a in bot.fake.inline_answers()}
        answers = [by_user[k] for k in sorted(by_user)]
        nothing, doctor, ordinary = answers
        assert not nothing["results"] and nothing["button"]["text"] == messages.ASK_PRIVATELY
        assert doctor["button"]["start_parameter"].startswith("ask-")
        assert "button" not in ordinary
        bot.fake.user_sends(f"/start {doctor['button']['start_parameter']}", user_id=61)
        (opened,) = await wait_replies(bot.fake, 61)
        assert "medicines" in opened.text  # the referral for the question typed inline
        assert not rejected(bot.fake)


# -- 5. a person when the article runs out ---------------------------------------------------


async def forwarded_to_editors(fake: FakeBotApi, count: int = 1) -> list[SentMessage]:
    return await wait_replies(fake, EDITORS, count)


async def test_ask_a_person_forwards_only_the_question_and_relays_the_reply() -> None:
    """After a fall-back, "Ask a person" sends the question (nothing about the user) to the
    editors; an editor's reply to it is relayed to the user; each step is said."""
    async with running_bot(editors_chat_id=EDITORS) as bot:
        bot.fake.user_sends(OFF_TOPIC, user_id=70, first_name="Margarethe", username="mgr")
        (fallback,) = await wait_replies(bot.fake, 70)
        bot.fake.user_presses(fallback, button(fallback, "h:"), user_id=70)
        (forwarded,) = await forwarded_to_editors(bot.fake)
        assert OFF_TOPIC in forwarded.text
        for private in ("Margarethe", "mgr", "70"):
            assert private not in forwarded.text
        told = (await wait_replies(bot.fake, 70, 2))[1]
        assert told.text == messages.HANDOFF_SENT
        bot.fake.user_presses(fallback, button(fallback, "h:"), user_id=70)
        await bot.fake.wait_for(lambda: len(bot.fake.callback_answers()) == 2, timeout=10)
        assert bot.fake.callback_answers()[1]["text"] == messages.HANDOFF_ALREADY_SENT
        bot.fake.user_sends(
            "Paris. But that is not about vitamin K2!",
            user_id=900,
            chat_id=EDITORS,
            chat_type="supergroup",
            reply_to_message=forwarded,
        )
        relayed = (await wait_replies(bot.fake, 70, 3))[2]
        assert "Paris. But that is not about vitamin K2!" in relayed.text
        assert OFF_TOPIC in relayed.text
        confirmation = (await forwarded_to_editors(bot.fake, 2))[1]
        assert confirmation.text == messages.RELAYED
        assert 2 == len(replies_to(bot.fake, EDITORS))  # nothing else said there
        assert not rejected(bot.fake)


async def test_a_user_who_opted_out_is_asked_before_anything_is_forwarded() -> None:
    """With logging off for them, the first press asks; only "Yes" sends the question."""
    async with running_bot(editors_chat_id=EDITORS) as bot:
        bot.fake.user_sends("/optout", user_id=71)
        await wait_replies(bot.fake, 71)
        bot.fake.user_sends(OFF_TOPIC, user_id=71)
        fallback = (await wait_replies(bot.fake, 71, 2))[1]
        bot.fake.user_presses(fallback, button(fallback, "h:"), user_id=71)
        consent = (await wait_replies(bot.fake, 71, 3))[2]
        assert "not to log" in consent.text and OFF_TOPIC in consent.text
        assert not replies_to(bot.fake, EDITORS)
        bot.fake.user_presses(consent, button(consent, "c:"), user_id=71)
        (forwarded,) = await forwarded_to_editors(bot.fake)
        assert OFF_TOPIC in forwarded.text


async def test_a_thumbs_down_offers_a_person_by_button_or_reaction() -> None:
    """👎 on an answer (the button, or a reaction) is followed by the "Ask a person" offer."""
    async with running_bot(editors_chat_id=EDITORS) as bot:
        bot.fake.user_sends("mk7 vs mk4?", user_id=72)
        (answer,) = await wait_replies(bot.fake, 72)
        assert not [d for d in answer.callback_data if d.startswith("h:")]  # not on answers
        bot.fake.user_presses(answer, button(answer, "d:"), user_id=72)
        offer = (await wait_replies(bot.fake, 72, 2))[1]
        assert offer.text == messages.HANDOFF_OFFER
        bot.fake.user_sends("what is k2?", user_id=73)
        (second,) = await wait_replies(bot.fake, 73)
        bot.fake.user_reacts(second, "👎", user_id=73)
        offer = (await wait_replies(bot.fake, 73, 2))[1]
        bot.fake.user_presses(offer, button(offer, "h:"), user_id=73)
        (forwarded,) = await forwarded_to_editors(bot.fake)
        assert "what is k2?" in forwarded.text
        assert not rejected(bot.fake)


async def test_ask_a_person_is_off_without_editors_chat_and_never_offered_in_groups() -> None:
    """No EDITORS_CHAT_ID: no button. With it, a group's fall-back still has none."""
    async with running_bot() as bot:
        bot.fake.user_sends(OFF_TOPIC, user_id=74)
        (fallback,) = await wait_replies(bot.fake, 74)
        assert not [d for d in fallback.callback_data if d.startswith("h:")]
    async with running_bot(editors_chat_id=EDITORS) as bot:
        group = -3001
        bot.fake.user_sends(f"@{BOT} {OFF_TOPIC}", user_id=75, chat_id=group, chat_type="group")
        (fallback,) = await wait_replies(bot.fake, group)
        assert not [d for d in fallback.callback_data if d.startswith("h:")]
        # In the editors' chat, a reply to a bot message that is no forwarded question
        # gets nothing: the bot speaks there only to relay.
        bot.fake.user_sends(f"/help@{BOT}", user_id=900, chat_id=EDITORS, chat_type="supergroup")
        (help_reply,) = await forwarded_to_editors(bot.fake)
        bot.fake.user_sends(
            "thanks",
            user_id=900,
            chat_id=EDITORS,
            chat_type="supergroup",
            reply_to_message=help_reply,
        )
        bot.fake.user_sends("/help", user_id=76)
        await wait_replies(bot.fake, 76)
        await bot.fake.wait_for(lambda: not bot.fake.pending_updates(), timeout=10)
        assert 1 == len(replies_to(bot.fake, EDITORS))
