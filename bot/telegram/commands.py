"""Commands anyone can send: /start, /help, /topics, /source, and what is not understood."""

from __future__ import annotations

import logging

from telegram import Message, Update, User

from bot import messages
from bot.language import available_languages
from bot.markup import escape
from bot.telegram.inline import question_of_start_parameter
from bot.telegram.keyboards import topics_keyboard
from bot.telegram.questions import answer, conversation_of
from bot.telegram.sending import send_html, send_reply
from bot.telegram.services import BotContext, Services

logger = logging.getLogger(__name__)


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
    language = interface_language(message, context)
    topics = [t.title_in(language) for t in responder.topics()[:5]]
    logged = context.services.log is not None
    html = messages.greeting_html(topics, logged=logged, language=language)
    await send_html(context, message, html)


async def help_command(update: Update, context: BotContext) -> None:
    """Explain how to ask and what the buttons do."""
    message = update.effective_message
    if message is not None:
        language = interface_language(message, context)
        text = messages.in_language(messages.HELP_HTML, language)
        await send_html(context, message, text)


def interface_language(message: Message, context: BotContext, user: User | None = None) -> str:
    """The language to greet, help and label buttons in (one with interface texts, else English).

    The user's choice, else the chat's last language, else Telegram's `language_code`.

    Args:
        message: the message being answered, or the bot's message a button is under.
        context: the bot's context.
        user: who acts, when not the message's sender (a button press, where `message`
            is the bot's own).
    """
    return language_of(context, message.chat.id, user or message.from_user)


def language_of(context: BotContext, chat_id: int, user: User | None) -> str:
    """The interface language of `user` in chat `chat_id` (see `interface_language`)."""
    return user_language(
        context.services,
        chat_id,
        user.id if user is not None else None,
        user.language_code if user is not None else None,
    )


def user_language(
    services: Services, chat_id: int, user_id: int | None, telegram_language: str | None = None
) -> str:
    """The interface language of user `user_id` in chat `chat_id`, without an update.

    The user's choice, else the chat's last language, else `telegram_language`, else English.
    """
    hint = services.dialogue().language_hint(
        (chat_id, user_id if user_id is not None else 0),
        user=user_id,
        user_language=telegram_language,
    )
    language = hint.chosen or hint.usual or "en"
    return language if language in messages.interface_languages() else "en"


async def topics(update: Update, context: BotContext) -> None:
    """List the questions the bot can answer, as buttons."""
    if update.effective_message is None:
        return
    language = interface_language(update.effective_message, context)
    keyboard = topics_keyboard(context.services.responder.topics(), 0, language)
    await send_html(
        context,
        update.effective_message,
        messages.in_language(messages.TOPICS_TAP, language),
        keyboard,
    )


async def source(update: Update, context: BotContext) -> None:
    """Name the article and how answers are drawn from it."""
    message = update.effective_message
    if message is not None:
        language = interface_language(message, context)
        await send_html(context, message, context.services.responder.about_source_html(language))


async def reset(update: Update, context: BotContext) -> None:
    """Start over: forget what this conversation was about."""
    message = update.effective_message
    if message is None:
        return
    language = interface_language(message, context)
    forgot = context.services.dialogue().start_over(conversation_of(message))
    said = messages.STARTED_OVER if forgot else messages.NOTHING_TO_FORGET
    await send_html(context, message, escape(messages.in_language(said, language)))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Say which commands exist when a private chat sends one that doesn't."""
    message = update.effective_message
    if message is not None:
        said = messages.in_language(messages.UNKNOWN_COMMAND, interface_language(message, context))
        await send_html(context, message, escape(said))


async def non_text(update: Update, context: BotContext) -> None:
    """Say politely that only text is understood (private chats only); once per album."""
    message = update.effective_message
    if message is not None and context.services.speaks_for_album(message, update.update_id):
        said = messages.in_language(messages.NON_TEXT_REPLY, interface_language(message, context))
        await send_html(context, message, escape(said))


async def language(update: Update, context: BotContext) -> None:
    """Choose the reply language (`/language ru`), go back to automatic, or list them."""
    message = update.effective_message
    if message is None:
        return
    languages = context.services.languages
    user = message.from_user.id if message.from_user is not None else None
    available = available_languages(context.services.responder.topics())
    interface = interface_language(message, context)
    if not context.args or user is None:
        await send_html(
            context,
            message,
            messages.language_choice_html(
                available, None if user is None else languages.chosen(user), interface
            ),
        )
        return
    asked = context.args[0].strip().lower()
    if asked in ("auto", "off", "reset"):
        languages.choose(user, None)
        await send_html(context, message, messages.language_set_html(None, interface))
    elif asked in available:
        languages.choose(user, asked)
        await send_html(context, message, messages.language_set_html(asked, interface))
    else:
        await send_html(
            context, message, messages.language_unknown_html(asked[:16], available, interface)
        )
