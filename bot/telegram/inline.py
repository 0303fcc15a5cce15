"""Inline mode: `@bot question` in any chat offers answers ready to send, with their source."""

from __future__ import annotations

import base64
import binascii
import logging

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode

from bot import messages
from bot.intents import Kind
from bot.language import normalize_language_code
from bot.markup import SPLIT_TARGET, to_plain_text, visible_length
from bot.responder import source_quote_html
from bot.telegram.services import BotContext

logger = logging.getLogger(__name__)

INLINE_RESULTS_LIMIT = 50
# Content can change on reload; a short cache keeps inline answers fresh.
INLINE_CACHE_SECONDS = 30
# A /start parameter is 1-64 characters of A-Z a-z 0-9 _ -. A question travels in it as
# "ask-" and its UTF-8 in URL-safe base64; intent ids (a-z 0-9 _) never contain "-".
START_PARAMETER_CHARS = 64
QUESTION_PREFIX = "ask-"


def question_start_parameter(question: str) -> str:
    """A deep-link /start parameter that opens the bot on `question` (cut to fit, by word)."""
    words = question.split()
    while words:
        encoded = base64.urlsafe_b64encode(" ".join(words).encode()).decode().rstrip("=")
        if len(QUESTION_PREFIX) + len(encoded) <= START_PARAMETER_CHARS:
            return QUESTION_PREFIX + encoded
        words.pop()
    # One word too long to fit: its first characters.
    encoded = base64.urlsafe_b64encode(question.encode()).decode().rstrip("=")
    return QUESTION_PREFIX + encoded[: START_PARAMETER_CHARS - len(QUESTION_PREFIX)]


def question_of_start_parameter(parameter: str) -> str | None:
    """The question a /start parameter from `question_start_parameter` carries, or None."""
    if not parameter.startswith(QUESTION_PREFIX):
        return None
    encoded = parameter[len(QUESTION_PREFIX) :]
    try:
        decoded = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    text = decoded.decode("utf-8", errors="ignore").strip()
    return text or None


async def inline_query(update: Update, context: BotContext) -> None:
    """Offer answers for `@bot question` in any chat, each ready to send with its source."""
    query = update.inline_query
    if query is None:
        return
    responder = context.services.responder
    intents = responder.search(query.query, limit=INLINE_RESULTS_LIMIT)
    username = context.bot.username
    # The user's /language choice, else the query's own language, else the user's Telegram
    # language; answers are given in it when they are written in it, and the buttons are
    # labelled in it.
    chosen = context.services.languages.chosen(query.from_user.id)
    usual = normalize_language_code(query.from_user.language_code)
    language = chosen or responder.language_for(query.query, usual=usual)
    language = language if language in messages.interface_languages() else "en"
    results = []
    for intent in intents:
        written_in = language if language in intent.languages else "en"
        answer = intent.answer_in(written_in)
        html = messages.shared_answer_html(
            answer, responder.article_title(written_in), username, written_in
        )
        html += source_quote_html(
            intent.source,
            room=SPLIT_TARGET - visible_length(html),
            translated=intent.source_in(written_in),
            language=written_in,
        )
        link = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        messages.in_language(messages.ASK_THE_BOT, language),
                        url=f"https://t.me/{username}?start={intent.id}",
                    )
                ]
            ]
        )
        results.append(
            InlineQueryResultArticle(
                id=intent.id,
                title=intent.title_in(written_in),
                description=to_plain_text(answer)[:120],
                input_message_content=InputTextMessageContent(html, parse_mode=ParseMode.HTML),
                reply_markup=link,
            )
        )
    # Nothing fits, or a question for a doctor: offer the private chat, on this question.
    button = None
    if query.query.strip() and (not intents or intents[0].kind is Kind.SAFETY):
        button = InlineQueryResultsButton(
            messages.in_language(messages.ASK_PRIVATELY, language),
            start_parameter=question_start_parameter(query.query),
        )
    # Personal: the answers' language comes from the sender's Telegram language too ("mk7"
    # is answered in Russian for a Russian user), and Telegram otherwise serves its cached
    # results for the same query text to every user.
    await query.answer(
        results[:INLINE_RESULTS_LIMIT],
        cache_time=INLINE_CACHE_SECONDS,
        is_personal=True,
        button=button,
    )
