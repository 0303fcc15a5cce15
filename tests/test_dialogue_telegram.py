"""Conversations in Telegram, end to end through the fake Bot API: replies to an answer carry
its topic, and several questions in one message get one quoted answer each."""

from __future__ import annotations

from test_telegram import running_bot, wait_replies

WHERE_FORMED = "↪ about: Where are MK-4 and MK-7 formed?"


async def test_a_follow_up_uses_the_last_answer_and_reset_forgets_it() -> None:
    """In a private chat "and mk4?" is about the last answer, until /reset."""
    async with running_bot() as bot:
        bot.fake.user_sends("where is mk7 made?", user_id=41)
        await wait_replies(bot.fake, 41, 1)
        bot.fake.user_sends("and mk4?", user_id=41)
        follow_up = (await wait_replies(bot.fake, 41, 2))[1]
        assert follow_up.text.startswith(WHERE_FORMED)
        bot.fake.user_sends("/reset", user_id=41)
        reset = (await wait_replies(bot.fake, 41, 3))[2]
        assert "start over" in reset.text
        bot.fake.user_sends("and mk4?", user_id=41)
        alone = (await wait_replies(bot.fake, 41, 4))[3]
        assert "↪" not in alone.text


async def test_a_reply_to_an_answer_takes_that_answer_as_context() -> None:
    """Replying to an older answer uses it, not the last topic, and needs no memory."""
    async with running_bot() as bot:
        bot.fake.user_sends("where is mk7 made?", user_id=42)
        (where,) = await wait_replies(bot.fake, 42, 1)
        bot.fake.user_sends("what is osteocalcin?", user_id=42)
        await wait_replies(bot.fake, 42, 2)
        bot.fake.user_sends("/reset", user_id=42)  # as after a restart: nothing remembered
        await wait_replies(bot.fake, 42, 3)
        bot.fake.user_sends("and mk4?", user_id=42, reply_to_message=where)
        answer = (await wait_replies(bot.fake, 42, 4))[3]
        assert answer.text.startswith(WHERE_FORMED)
        assert "arterial wall" in answer.text


async def test_a_quote_from_an_answer_takes_that_answer_as_context() -> None:
    """Quoting a few words of an answer works as well as replying to all of it."""
    async with running_bot() as bot:
        bot.fake.user_sends("does k2 help bone density?", user_id=43)
        (density,) = await wait_replies(bot.fake, 43, 1)
        bot.fake.user_sends("mk7 vs mk4?", user_id=43)
        await wait_replies(bot.fake, 43, 2)
        bot.fake.user_sends(
            "what about for elderly people?",
            user_id=43,
            reply_to_message=density,
            quote="women of childbearing age",
        )
        answer = (await wait_replies(bot.fake, 43, 3))[2]
        assert "elderly people with osteoporosis" in answer.text


async def test_in_a_group_a_reply_to_the_bot_is_a_follow_up_for_that_person_only() -> None:
    """A reply to the bot's answer addresses it and carries the topic; a neighbour's doesn't."""
    async with running_bot() as bot:
        group = -100_500
        bot.fake.user_sends(
            "@k2_test_bot where is mk7 made?", user_id=44, chat_id=group, chat_type="group"
        )
        (where,) = await wait_replies(bot.fake, group, 1)
        bot.fake.user_sends(
            "and mk4?", user_id=44, chat_id=group, chat_type="group", reply_to_message=where
        )
        follow_up = (await wait_replies(bot.fake, group, 2))[1]
        assert follow_up.text.startswith(WHERE_FORMED)
        bot.fake.user_sends("@k2_test_bot and mk4?", user_id=45, chat_id=group, chat_type="group")
        neighbour = (await wait_replies(bot.fake, group, 3))[2]
        assert "↪" not in neighbour.text


async def test_two_questions_get_two_answers_each_quoting_its_question() -> None:
    """Each answer replies to the message quoting the exact question it answers, in order."""
    async with running_bot() as bot:
        bot.fake.user_sends("hi! what is k2? and should i take it with d3?", user_id=46)
        first, second = await wait_replies(bot.fake, 46, 2)
        assert [
            "what is k2?",
            "and should i take it with d3?",
        ] == [m.params["reply_parameters"]["quote"] for m in (first, second)]
        assert "what is k2?" == first.message["quote"]["text"]
        assert "unique vitamin" in first.text
        assert "dual guarantee" in second.text


async def test_an_answer_picked_by_button_is_the_topic_of_the_next_follow_up() -> None:
    """After tapping a related question, "why?" continues that answer, not the typed one."""
    async with running_bot() as bot:
        bot.fake.user_sends("mk7 vs mk4?", user_id=47)
        (forms,) = await wait_replies(bot.fake, 47, 1)
        bot.fake.user_presses(forms, "a:where_forms_made", user_id=47)
        await wait_replies(bot.fake, 47, 2)
        bot.fake.user_sends("why?", user_id=47)
        why = (await wait_replies(bot.fake, 47, 3))[2]
        assert why.text.startswith(WHERE_FORMED)
        assert "synthesized by some of the bacteria" in why.text


async def test_thats_all_offers_the_topics_further_on_as_buttons() -> None:
    """When "tell me more" has shown everything near the topic, the honest "that's all"
    comes with buttons for topics one step further that were not shown yet."""
    async with running_bot() as bot:
        bot.fake.user_sends("what does k2 do to osteocalcin?", user_id=48)
        await wait_replies(bot.fake, 48, 1)
        for count in (2, 3, 4):
            bot.fake.user_sends("tell me more", user_id=48)
            replies = await wait_replies(bot.fake, 48, count)
        shown = {d for m in replies[:3] for d in m.callback_data if d.startswith("s:")}
        last = replies[3]
        assert "That's all my source says" in last.text
        offered = [d for d in last.callback_data if d.startswith("a:")]
        assert offered
        assert not {"s:" + d[2:] for d in offered} & shown


async def test_help_tells_how_to_follow_up_and_start_over() -> None:
    """/help says the bot remembers the topic for follow-ups, and that /reset forgets it."""
    async with running_bot() as bot:
        bot.fake.user_sends("/help", user_id=49)
        (help_text,) = await wait_replies(bot.fake, 49, 1)
        assert "/reset" in help_text.text
        assert "and with d3?" in help_text.text


async def test_why_after_a_decline_offers_the_topics_instead_of_going_back() -> None:
    """ "why?" after a decline gets an honest "nothing more", with the earlier topic as a
    button, not the next answer of that topic."""
    async with running_bot() as bot:
        bot.fake.user_sends("what is k2", user_id=49)
        await wait_replies(bot.fake, 49, 1)
        bot.fake.user_sends("and k2 mountain?", user_id=49)
        await wait_replies(bot.fake, 49, 2)
        bot.fake.user_sends("why?", user_id=49)
        why = (await wait_replies(bot.fake, 49, 3))[2]
        assert "My source doesn't say more about that" in why.text
        assert "synthesized by some of the bacteria" not in why.text
        assert "a:what_is_k2" in why.callback_data
