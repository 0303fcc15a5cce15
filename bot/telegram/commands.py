"""Commands anyone can send: /start, /help, /topics, /source, and what is not understood."""

from __future__ import annotations

import logging

from telegram import Update

from bot import messages
from bot.markup import escape
from bot.responder import NOT_MEDICAL_ADVICE
from bot.telegram.inline import question_of_start_parameter
from bot.telegram.keyboards import topics_keyboard
from bot.telegram.privacy import PRIVACY_HTML
from bot.telegram.questions import answer, conversation_of
from bot.telegram.sending import send_html, send_reply
from bot.telegram.services import BotContext

logger = logging.getLogger(__name__)

NON_TEXT_REPLY = (
    "I can read text questions only. Type your question about vitamin K2, or send /topics."
)
UNKNOWN_COMMAND = (
    "I don't know that command. Try /help, /topics or /source, or just type your question."
)
HELP_HTML = (
    "Ask me about vitamin K2 in your own words, for example:\n"
    "• <i>mk7 vs mk4?</i>\n• <i>why doesn't my calcium work?</i>\n• <i>k2 and d3 together?</i>\n\n"
    "/topics lists the questions I can answer; /source says where my answers come from. "
    "I remember what we were talking about for a few minutes, so you can follow up with "
    "<i>and with d3?</i>; /reset starts over. "
    "Under an answer, 📖 Source shows the article's own words.\n"
    "In a group, mention me or reply to my message. In any chat, type my @username and a "
    "question to share an answer."
)


async def start(update: Update, context: BotContext) -> None:
    """Greet, or open on an answer when started from a deep link (t.me/<bot>?start=<intent>)."""
    message = update.effective_message
    if message is None:
        return
    responder = context.services.responder
    if context.args:
        reply = responder.answer(context.args[0])
        if reply is not None:
            await send_reply(context, message, reply)
            return
        # "Ask privately" from inline mode or a guest answer: the question itself.
        asked = question_of_start_parameter(context.args[0])
        if asked is not None:
            await answer(update, context, message, asked)
            return
    topics = ", ".join(escape(t.title.rstrip("?").lower()) for t in responder.topics()[:5])
    html = (
        "Hello! 👋 I'm K2 Bot. I answer questions about vitamin K2 from one article, and can "
        f"show you the passage behind every answer.\n\nYou can ask, for example: {topics}…\n\n"
        "Send /topics for the full list or /help for tips.\n\n"
        f"<i>{escape(NOT_MEDICAL_ADVICE)}</i>"
    )
    if context.services.log is not None:
        html += f"\n\n{PRIVACY_HTML}"
    await send_html(context, message, html)


async def help_command(update: Update, context: BotContext) -> None:
    """Explain how to ask and what the buttons do."""
    if update.effective_message is not None:
        await send_html(context, update.effective_message, HELP_HTML)


async def topics(update: Update, context: BotContext) -> None:
    """List the questions the bot can answer, as buttons."""
    if update.effective_message is None:
        return
    keyboard = topics_keyboard(context.services.responder.topics(), 0)
    await send_html(
        context,
        update.effective_message,
        "Questions I can answer. Tap one:",
        keyboard,
    )


async def source(update: Update, context: BotContext) -> None:
    """Name the article and how answers are drawn from it."""
    if update.effective_message is not None:
        await send_html(
            context,
            update.effective_message,
            context.services.responder.about_source_html(),
        )


async def reset(update: Update, context: BotContext) -> None:
    """Start over: forget what this conversation was about."""
    message = update.effective_message
    if message is None:
        return
    forgot = context.services.dialogue().start_over(conversation_of(message))
    said = messages.STARTED_OVER if forgot else messages.NOTHING_TO_FORGET
    await send_html(context, message, escape(said))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Say which commands exist when a private chat sends one that doesn't."""
    if update.effective_message is not None:
        await send_html(context, update.effective_message, escape(UNKNOWN_COMMAND))


async def non_text(update: Update, context: BotContext) -> None:
    """Say politely that only text is understood (private chats only)."""
    if update.effective_message is not None:
        await send_html(context, update.effective_message, escape(NON_TEXT_REPLY))
