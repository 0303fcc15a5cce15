"""Before every handler, the flood guard; after a failed one, the error handler."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden
from telegram.ext import ApplicationHandlerStop, CommandHandler

from bot import messages
from bot.markup import escape
from bot.telegram.buttons import acknowledge
from bot.telegram.commands import language_of
from bot.telegram.flood import Verdict
from bot.telegram.questions import addressed_text
from bot.telegram.retries import is_transient
from bot.telegram.sending import send_html
from bot.telegram.services import BotContext

logger = logging.getLogger(__name__)


async def flood_guard(update: Update, context: BotContext) -> None:
    """Drop a user's updates past the limit, after telling them once to slow down."""
    user = update.effective_user
    if user is None:
        return
    found = context.services
    if found.deliveries.is_retry(update.update_id):
        return  # counted the first time; its answer is being sent again after network trouble
    if update.inline_query is not None:
        # Each inline query runs the matcher; typing sends one every few keystrokes, so
        # they have a looser guard of their own, and no chat to send a notice to.
        if found.inline_flood.check(user.id) is not Verdict.ALLOW:
            logger.info("flood guard: dropped inline query %s", update.update_id)
            raise ApplicationHandlerStop
        return
    if update.guest_message is not None:
        # Guest mode: the bot is not in the chat and has one reply per query, so a user
        # over the limit gets no notice there; their mention is dropped.
        if found.flood.check(user.id) is not Verdict.ALLOW:
            logger.info("flood guard: dropped guest message %s", update.update_id)
            raise ApplicationHandlerStop
        return
    reacted = update.message_reaction
    if reacted is not None and found.answers.get((reacted.chat.id, reacted.message_id)) is None:
        return  # a reaction on something other than an answer (a group's chatter, say)
    message = update.effective_message
    if (
        update.callback_query is None
        and message is not None
        and message.chat.type != ChatType.PRIVATE
        and not _command_for_us(message.text or "", context)
        and addressed_text(message, context.bot.username, context.bot.id) is None
    ):
        return  # group chatter not meant for the bot neither counts nor gets a notice
    if message is not None and not found.speaks_for_album(message, update.update_id):
        return  # an album is one message (a photo each): only the first of it counts
    verdict = found.flood.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    chat = update.effective_chat
    slow_down = messages.in_language(
        messages.SLOW_DOWN, language_of(context, chat.id if chat is not None else 0, user)
    )
    if update.callback_query is not None:
        await acknowledge(update.callback_query, slow_down if verdict is Verdict.WARN else None)
    elif verdict is Verdict.WARN and update.effective_message is not None:
        await send_html(context, update.effective_message, escape(slow_down))
    logger.info(
        "flood guard: %s update %s from a user over the limit", verdict.value, update.update_id
    )
    raise ApplicationHandlerStop


def _command_for_us(text: str, context: BotContext) -> bool:
    """Whether `text` is one of the bot's commands, bare or addressed to it (/help@ourbot).

    In a group, `/start@otherbot` or another bot's `/roll` is not ours: it neither counts
    against the sender's limit nor earns a "slow down" from this bot in the group.
    """
    words = text[1:].split(maxsplit=1) if text.startswith("/") else []
    if not words:
        return False
    command, _, addressee = words[0].partition("@")
    if addressee and addressee.lower() != context.bot.username.lower():
        return False
    ours = {
        name
        for handlers in context.application.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    return command.lower() in ours


async def error_handler(update: object, context: BotContext) -> None:
    """Log every error with the update's kind (never its text), and keep running."""
    error = context.error
    kind, update_id, chat_id = _describe(update)
    if error is not None and is_transient(error):
        logger.warning("network trouble on %s update %s: %s", kind, update_id, error)
        if isinstance(update, Update):
            context.services.deliveries.retry_later(update.update_id)  # the poller tries again
        return
    if isinstance(error, Forbidden):
        logger.info(
            "chat %s blocked the bot or removed it (%s update %s)", chat_id, kind, update_id
        )
        return
    logger.error(
        "error while handling %s update %s in chat %s", kind, update_id, chat_id, exc_info=error
    )
    if (
        isinstance(update, Update)
        and update.guest_message is None  # not the bot's chat: it can't write there
        and update.effective_chat is not None
        and (update.effective_chat.type == ChatType.PRIVATE)
    ):
        try:
            chat_id = update.effective_chat.id
            language = language_of(context, chat_id, update.effective_user)
            await context.bot.send_message(
                chat_id, messages.in_language(messages.APOLOGY, language)
            )
        except Exception:
            logger.warning("could not send the apology for update %s", update_id)


def _describe(update: object) -> tuple[str, object, object]:
    if not isinstance(update, Update):
        return "no", None, None
    kinds = (
        "message",
        "edited_message",
        "callback_query",
        "inline_query",
        "channel_post",
        "edited_channel_post",
        "my_chat_member",
        "message_reaction",
        "guest_message",
    )
    kind = next((k for k in kinds if getattr(update, k, None) is not None), "other")
    chat = update.effective_chat
    return kind, update.update_id, chat.id if chat is not None else None
