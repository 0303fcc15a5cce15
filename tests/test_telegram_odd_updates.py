"""Updates a careful user sends that are not one plain text message: albums, shared answers,
commands for other bots in a group. Through the real Application and the fake Bot API."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from test_telegram import BOT, replies_to, running_bot, wait_replies

from builders import copy_of_shipped
from k2bot_testing.fake_bot_api import FakeBotApi

PHOTO = [{"file_id": "photo", "file_unique_id": "photo-1", "width": 90, "height": 90}]


def private_message(fake: FakeBotApi, user_id: int, message_id: int, **fields: object) -> dict:
    """A message from `user_id` in their private chat with the bot, with `fields` added."""
    message: dict[str, object] = {
        "message_id": message_id,
        "from": {"id": user_id, "is_bot": False, "first_name": "Ann", "language_code": "en"},
        "chat": {"id": user_id, "type": "private", "first_name": "Ann"},
        "date": int(time.time()),
    }
    message.update(fields)
    return message


async def all_answered(fake: FakeBotApi, update_id: int) -> None:
    """Wait until `update_id` and every update before it are answered and confirmed."""
    await fake.wait_for(lambda: update_id in fake.confirmed_update_ids, timeout=15)


async def test_an_album_with_a_caption_gets_the_answer_and_no_text_only_notices() -> None:
    """Three photos sent as one album, the question in the first one's caption: one reply,
    the answer. Each photo is a message of its own, and the two without a caption each got
    "I can read text questions only" after the answer."""
    async with running_bot() as bot:
        album = {"photo": PHOTO, "media_group_id": "13960"}
        bot.fake.push_raw_update(
            {
                "message": private_message(
                    bot.fake, 31, 5, caption="is mk7 better than mk4?", **album
                )
            }
        )
        bot.fake.push_raw_update({"message": private_message(bot.fake, 31, 6, **album)})
        last = bot.fake.push_raw_update({"message": private_message(bot.fake, 31, 7, **album)})
        await all_answered(bot.fake, last)
        (reply,) = replies_to(bot.fake, 31)
        assert "MK-4" in reply.text


async def test_an_album_without_a_caption_gets_one_text_only_notice() -> None:
    """Five photos with no words get one "text questions only", not five."""
    async with running_bot() as bot:
        ids = [
            bot.fake.push_raw_update(
                {"message": private_message(bot.fake, 32, n, photo=PHOTO, media_group_id="7")}
            )
            for n in range(5, 10)
        ]
        single = bot.fake.push_raw_update(
            {"message": private_message(bot.fake, 32, 11, photo=PHOTO)}
        )
        await all_answered(bot.fake, max(*ids, single))
        texts = [m.text for m in replies_to(bot.fake, 32)]
        # The album once, and the photo sent on its own after it once.
        assert 2 == len(texts)
        assert all("text questions only" in text for text in texts)


async def test_an_album_of_ten_photos_is_one_message_to_the_flood_guard() -> None:
    """Ten photos sent at once, a question in the caption: one answer. Each photo counted
    against the limit, so the album earned "You're sending messages very fast"."""
    async with running_bot(flood_max_messages=3, flood_window_seconds=60) as bot:
        album = {"photo": PHOTO, "media_group_id": "2024"}
        caption = {"caption": "does k2 help calcium absorption?"}
        ids = [
            bot.fake.push_raw_update(
                {
                    "message": private_message(
                        bot.fake, 38, n, **album, **(caption if n == 5 else {})
                    )
                }
            )
            for n in range(5, 15)
        ]
        await all_answered(bot.fake, max(ids))
        (reply,) = replies_to(bot.fake, 38)
        assert "calcium" in reply.text and "very fast" not in reply.text


async def test_an_answer_shared_through_inline_mode_in_the_bots_chat_is_not_a_question() -> None:
    """`@bot mk7` in the bot's own chat posts the chosen answer "via @bot": that message is
    the bot's words, not a question. It got a fall-back ("my source doesn't mention...")."""
    async with running_bot() as bot:
        shared = private_message(
            bot.fake,
            33,
            5,
            text="The article says vitamin K2 comes in several forms, such as MK-4 and MK-7.",
            via_bot={"id": bot.fake.bot_id, "is_bot": True, "first_name": "K2", "username": BOT},
        )
        bot.fake.push_raw_update({"message": shared})
        asked = bot.fake.user_sends("what is vitamin k2?", user_id=33)
        assert asked is not None
        await all_answered(bot.fake, asked)
        (reply,) = replies_to(bot.fake, 33)
        assert "bacteria" in reply.text  # the answer to the question asked after it


async def test_a_message_via_another_bot_is_still_read() -> None:
    """Text posted through another bot's inline mode is the user's message: answered."""
    async with running_bot() as bot:
        other = {"id": 424242, "is_bot": True, "first_name": "Wiki", "username": "wiki"}
        message = private_message(bot.fake, 34, 5, text="what is vitamin k2?", via_bot=other)
        last = bot.fake.push_raw_update({"message": message})
        await all_answered(bot.fake, last)
        (reply,) = replies_to(bot.fake, 34)
        assert "bacteria" in reply.text


async def test_commands_for_other_bots_in_a_group_never_earn_a_slow_down() -> None:
    """In a group where the bot reads everything, a member playing with another bot
    (/roll, /start@otherbot) counted against our limit: our bot told them to slow down in
    the group, and then dropped their real question to it."""
    group = -1003
    async with running_bot(flood_max_messages=2, flood_window_seconds=60) as bot:
        for command in ["/roll", "/start@otherbot", "/roll", "/help@otherbot", "/roll 2d6"]:
            bot.fake.user_sends(command, user_id=35, chat_id=group, chat_type="supergroup")
        asked = bot.fake.user_sends(
            f"@{BOT} mk7 vs mk4?", user_id=35, chat_id=group, chat_type="supergroup"
        )
        assert asked is not None
        await all_answered(bot.fake, asked)
        (reply,) = replies_to(bot.fake, group)
        assert "MK-4" in reply.text


async def test_our_own_commands_in_a_group_still_count() -> None:
    """/help@bot floods are still ours to limit: past the limit, one notice, then silence."""
    group = -1004
    async with running_bot(flood_max_messages=2, flood_window_seconds=60) as bot:
        ids = [
            bot.fake.user_sends(f"/help@{BOT}", user_id=36, chat_id=group, chat_type="supergroup")
            for _ in range(5)
        ]
        await all_answered(bot.fake, max(i for i in ids if i is not None))
        texts = [m.text for m in replies_to(bot.fake, group)]
        assert 3 == len(texts)
        assert 1 == sum("very fast" in t for t in texts)


async def test_inline_answers_in_the_senders_language_are_cached_for_that_sender_only() -> None:
    """`@bot mk7` is answered in English for one user and in Russian for another. Without
    `is_personal`, Telegram caches the first answer for the query text and shows it to
    everyone typing "mk7" in the next 30 s: a Russian user got English answers."""
    async with running_bot() as bot:
        # Registers user 52 with Telegram in Russian (the fake keeps a user's language).
        bot.fake.user_sends("/start", user_id=52, language_code="ru")
        english = bot.fake.user_inline_query("mk7", user_id=53)
        russian = bot.fake.user_inline_query("mk7", user_id=52)
        await all_answered(bot.fake, max(english, russian))
        answers = bot.fake.inline_answers()
        titles = {a["results"][0]["title"] for a in answers}
        assert 2 == len(titles)  # one English, one Russian: the results depend on the sender
        assert all(a.get("is_personal") is True for a in answers)


async def test_inline_answers_follow_the_users_language_choice() -> None:
    """A user whose Telegram is in English chose /language ru: the chat answers in Russian,
    and so does `@bot mk7` (it answered in English)."""
    async with running_bot() as bot:
        chose = bot.fake.user_sends("/language ru", user_id=54)
        assert chose is not None
        await all_answered(bot.fake, chose)
        asked = bot.fake.user_inline_query("mk7", user_id=54)
        await all_answered(bot.fake, asked)
        (answer,) = bot.fake.inline_answers()
        assert "MK-4 и MK-7" in answer["results"][0]["title"]


async def test_ask_a_person_carries_a_long_question_and_a_long_answer() -> None:
    """A long post the article can't answer (4,090 characters) was refused by Telegram as
    "message is too long" once framed for the editors: the user was told the editors could
    not be reached. An editor's long reply, framed with the question, was refused too, and
    nobody heard of it. Now the question is cut with "…" to fit, and a long reply is sent in
    parts."""
    from test_telegram_native import EDITORS, button, forwarded_to_editors, rejected

    post = ("my neighbour keeps bees and wonders how the hives survive the winter, " * 60)[:4090]
    reply = "\n\n".join(["Bees cluster together and shiver to keep warm. " * 21] * 4)
    async with running_bot(editors_chat_id=EDITORS) as bot:
        bot.fake.user_sends(post, user_id=37)
        (fallback,) = await wait_replies(bot.fake, 37)
        bot.fake.user_presses(fallback, button(fallback, "h:"), user_id=37)
        (forwarded,) = await forwarded_to_editors(bot.fake)
        assert post[:3000] in forwarded.text
        assert "Reply to this message" in forwarded.text  # the frame is whole
        sent = (await wait_replies(bot.fake, 37, 2))[1]
        assert "couldn't reach" not in sent.text

        bot.fake.user_sends(
            reply, user_id=901, chat_id=EDITORS, chat_type="supergroup", reply_to_message=forwarded
        )
        confirmation = (await forwarded_to_editors(bot.fake, 2))[1]
        relayed = replies_to(bot.fake, 37)[2:]
        assert 2 == len(relayed)  # the reply fills a message of its own: two parts
        assert "One of my editors answered" in relayed[0].text
        assert post[:80] in relayed[0].text  # the question, recalled in brief
        assert reply.split() == " ".join(m.text for m in relayed).split()[-len(reply.split()) :]
        assert confirmation.text == "✅ Sent to the user."
        assert not rejected(bot.fake)


async def test_a_reload_naming_many_intents_still_reaches_the_admins(tmp_path: Path) -> None:
    """An editor saves a file of 150 new intents: the live reload's notice names them all,
    4,800 characters. Telegram refused it as too long and the admins heard nothing; now it
    arrives in parts."""
    admin = 4242
    folder = copy_of_shipped(tmp_path)
    lines = ["intents:"]
    for n in range(150):
        lines += [
            f"  - id: editors_added_topic_number_{n:03d}",
            "    kind: smalltalk",
            f"    title: Topic {n}",
            "    patterns:",
            f"      - zorblax quendor {n} vintara",
            f"      - plimsol {n} ferrantic",
            "    answer: Noted.",
        ]
    async with running_bot(
        admin_ids=frozenset({admin}), intents_dir=folder, live_reload=True
    ) as bot:
        await asyncio.wait_for(bot.live.watching.wait(), 10)
        (folder / "extra.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        await bot.fake.wait_for(
            lambda: (
                "editors_added_topic_number_149"
                in " ".join(m.text for m in replies_to(bot.fake, admin))
            ),
            timeout=15,
        )
        notice = [m.text for m in replies_to(bot.fake, admin)]
        assert 2 <= len(notice)
        assert "Intents reloaded" in notice[0] and "added 150" in notice[0]
