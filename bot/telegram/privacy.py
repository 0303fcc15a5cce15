"""The sender's privacy requests: /forget, /optout and /optin on the question log."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from telegram import Update
from telegram.constants import ChatType

from bot import messages
from bot.markup import escape
from bot.questionlog import Forgotten, QuestionLog
from bot.telegram.commands import interface_language
from bot.telegram.questions import conversation_of
from bot.telegram.sending import send_html
from bot.telegram.services import BotContext, stored

logger = logging.getLogger(__name__)
T = TypeVar("T")


async def forget(update: Update, context: BotContext) -> None:
    """Delete every question, vote and language choice stored about the sender."""

    def request(log: QuestionLog, user: int) -> Future[Forgotten]:
        context.services.languages.forget_choice(user)  # the log deletes its stored copy
        return log.forget(user)

    message = update.effective_message
    in_private = message is not None and message.chat.type == ChatType.PRIVATE

    def done(gone: Forgotten, language: str) -> str:
        if not in_private:  # counts would tell the group this member asks the bot things
            return messages.in_language(messages.FORGOTTEN_IN_GROUP, language)
        return messages.forgotten(gone.questions, gone.votes, language)

    await _privacy_request(update, context, request, done)


async def optout(update: Update, context: BotContext) -> None:
    """Stop logging the sender's questions (and delete what is stored)."""
    await _privacy_request(
        update,
        context,
        lambda log, user: log.set_opted_out(user, True),
        lambda _, language: messages.in_language(messages.OPTED_OUT, language),
    )


async def optin(update: Update, context: BotContext) -> None:
    """Log the sender's questions again."""
    await _privacy_request(
        update,
        context,
        lambda log, user: log.set_opted_out(user, False),
        lambda _, language: messages.in_language(messages.OPTED_IN, language),
    )


async def _privacy_request(
    update: Update,
    context: BotContext,
    request: Callable[[QuestionLog, int], Future[T]],
    done: Callable[[T, str], str],
) -> None:
    """Run one of the sender's privacy requests on the question log and report the result."""
    message, user = update.effective_message, update.effective_user
    log = context.services.log
    if message is None or user is None:
        return
    language = interface_language(message, context)
    context.services.memory.forget(conversation_of(message))  # the topic goes too
    if log is None:
        await send_html(context, message, messages.in_language(messages.NOT_LOGGING, language))
        return
    try:
        result = await stored(request(log, user.id))
    except Exception:  # storage trouble or a bug: say so, and keep the traceback
        logger.exception("a privacy request to the question log failed")
        trouble = messages.in_language(messages.STORAGE_TROUBLE, language)
        await send_html(context, message, escape(trouble))
        return
    await send_html(context, message, done(result, language))


async def privacy(update: Update, context: BotContext) -> None:
    """/privacy: what is stored about the user's questions, and how to stop or delete it."""
    message = update.effective_message
    if message is None:
        return
    language = interface_language(message, context)
    if context.services.log is None:
        said = escape(messages.in_language(messages.NOT_LOGGING_AT_ALL, language))
    else:
        said = messages.in_language(messages.PRIVACY_HTML, language)
    await send_html(context, message, said)
