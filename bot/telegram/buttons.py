"""Button presses: related answers, sources, topic pages, and 👍/👎 votes."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from bot import messages
from bot.questionlog import QuestionLog, Vote
from bot.telegram import handoff
from bot.telegram.commands import interface_language, language_of
from bot.telegram.keyboards import Action, decode, topics_keyboard
from bot.telegram.sending import send_html, send_reply
from bot.telegram.services import BotContext, stored

logger = logging.getLogger(__name__)

VOTE_REPLIES = {
    Vote.RECORDED: messages.VOTE_RECORDED,
    Vote.REPEATED: messages.VOTE_REPEATED,
    Vote.UNKNOWN: messages.VOTE_UNKNOWN,
    Vote.NOT_STORED: messages.VOTE_NOT_STORED,
}


async def button(update: Update, context: BotContext) -> None:
    """Act on a button press; every press is acknowledged, stale or forged ones politely."""
    query = update.callback_query
    if query is None:
        return
    press = decode(query.data)
    responder = context.services.responder
    message = query.message if isinstance(query.message, Message) else None
    if message is None:
        # No message (under an inline-sent one, or forged): the presser's own language.
        stale = messages.in_language(
            messages.STALE_BUTTON, language_of(context, 0, query.from_user)
        )
        await acknowledge(query, stale)
        return
    # The language of whoever pressed (the message is the bot's own).
    language = interface_language(message, context, query.from_user)
    if press is None:
        await acknowledge(query, messages.in_language(messages.STALE_BUTTON, language))
        return
    if press.action in (Action.HELPFUL, Action.NOT_HELPFUL):
        up = press.action is Action.HELPFUL
        outcome = await _vote(query, context.services.log, press.argument, up, language)
        if not up and outcome is Vote.RECORDED:
            await handoff.offer_after_downvote(context, press.argument)
        return
    if press.action in (Action.HANDOFF, Action.HANDOFF_CONFIRM):
        confirmed = press.action is Action.HANDOFF_CONFIRM
        said = await handoff.press(
            query, context, press.argument, confirmed=confirmed, language=language
        )
        await acknowledge(query, said or None)
        return
    if press.action is Action.TOPICS:
        await acknowledge(query)
        page = int(press.argument) if press.argument.isdecimal() else 0
        try:
            await message.edit_reply_markup(topics_keyboard(responder.topics(), page, language))
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise
        return
    intent = responder.content.by_id.get(press.argument)
    if intent is None:
        await acknowledge(query, messages.in_language(messages.STALE_BUTTON, language))
        return
    await acknowledge(query)
    if press.action is Action.SOURCE:
        await send_html(
            context, message, responder.source_html(press.argument, language), quote=False
        )
        return
    reply = responder.answer(press.argument, language=language)
    if reply is not None:
        # The answer pressed for is now what "why?" or "and mk4?" is about.
        context.services.memory.remember((message.chat.id, query.from_user.id), press.argument)
        await send_reply(context, message, reply, quote=False)


async def _vote(
    query: CallbackQuery, log: QuestionLog | None, ref: str, up: bool, language: str = "en"
) -> Vote | None:
    """Store a 👍/👎 once per user per answer; forged, repeated or stale ones change nothing."""
    if log is None:
        await acknowledge(query, messages.in_language(messages.STALE_BUTTON, language))
        return None
    try:
        outcome = await stored(log.vote(ref, query.from_user.id, up))
    except Exception as exc:  # storage trouble: thank the user anyway, and log it
        logger.warning("could not store feedback: %s", exc)
        outcome = Vote.NOT_STORED
    await acknowledge(query, messages.in_language(VOTE_REPLIES[outcome], language))
    return outcome


async def acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Stop the button's spinner; a press too old to acknowledge is still acted on."""
    try:
        await query.answer(text)
    except BadRequest as exc:
        if "too old" not in str(exc).lower() and "invalid" not in str(exc).lower():
            raise
        logger.info("button press %s was too old to acknowledge; acting on it anyway", query.id)
