"""Messages that are not new questions: an edited question, and the bot's own answer
forwarded back to it. The real Application polls the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import time

from test_telegram import running_bot, wait_replies
from test_telegram_editors import press, stored

USER = 31


async def test_an_edited_question_is_logged_once_with_its_latest_wording() -> None:
    """An edit is answered again, but the log (and so /stats and the report) counts one
    question: the edited wording, with the answer it got; a vote on that answer counts for it.
    """
    async with running_bot() as bot:
        first = bot.fake.user_sends("what is osteocalcin", user_id=USER)
        await wait_replies(bot.fake, USER)
        bot.fake.user_edits(first, "k2 and d3 together?")
        edited_answer = (await wait_replies(bot.fake, USER, 2))[1]

        rows = stored(bot, "SELECT question, outcome, intent FROM questions")
        assert [("k2 and d3 together?", "answered", "k2_with_d3")] == rows

        up = next(d for d in edited_answer.callback_data if d.startswith("u:"))
        assert "Thanks for the feedback!" == await press(bot, edited_answer, up, USER)
        assert [("k2_with_d3", 1)] == stored(bot, "SELECT intent, vote FROM votes")


async def test_two_messages_with_the_same_words_are_two_questions() -> None:
    """Counting an edit once does not merge separate messages that say the same."""
    async with running_bot() as bot:
        bot.fake.user_sends("what is k2", user_id=USER)
        await wait_replies(bot.fake, USER)
        bot.fake.user_sends("what is k2", user_id=USER)
        await wait_replies(bot.fake, USER, 2)
        assert 2 == len(stored(bot, "SELECT * FROM questions"))


def forward_of(bot_message: object, fake: object, user_id: int) -> dict:
    """A `message` update: `user_id` forwards the bot's `bot_message` to the bot."""
    sent = fake.message(bot_message.chat_id, bot_message.message_id)  # type: ignore[attr-defined]
    return {
        "message": {
            "message_id": sent["message_id"] + 1000,
            "from": {"id": user_id, "is_bot": False, "first_name": "Ann", "language_code": "en"},
            "chat": {"id": user_id, "type": "private", "first_name": "Ann"},
            "date": int(time.time()),
            "text": bot_message.text,  # type: ignore[attr-defined]
            "forward_origin": {"type": "user", "sender_user": sent["from"], "date": sent["date"]},
        }
    }


async def test_a_forwarded_answer_of_the_bot_gets_its_source_not_an_answer() -> None:
    """The bot's own answer forwarded back is not a question: it is not logged as one, and
    the reply quotes the article passages behind it; a follow-up is read against it."""
    async with running_bot() as bot:
        bot.fake.user_sends("how does k2 get into the bones", user_id=USER)
        (answer,) = await wait_replies(bot.fake, USER)
        bot.fake.push_raw_update(forward_of(answer, bot.fake, USER))
        reply = (await wait_replies(bot.fake, USER, 2))[1]

        assert reply.text.startswith("📖 From the article")
        assert "penetrate the blood vessel wall" in reply.text  # the passage, word for word
        assert 1 == len(stored(bot, "SELECT * FROM questions"))


async def test_a_forwarded_message_of_the_bot_that_is_no_answer_says_what_the_source_is() -> None:
    """A forwarded greeting (no answer behind it) gets what /source says, not a guess."""
    async with running_bot() as bot:
        bot.fake.user_sends("/start", user_id=USER)
        (greeting,) = await wait_replies(bot.fake, USER)
        bot.fake.user_sends("/source", user_id=USER)
        (_, about) = await wait_replies(bot.fake, USER, 2)
        bot.fake.push_raw_update(forward_of(greeting, bot.fake, USER))
        reply = (await wait_replies(bot.fake, USER, 3))[2]
        assert about.text == reply.text
        assert [] == stored(bot, "SELECT * FROM questions")
