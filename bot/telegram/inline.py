"""Inline mode: `@bot question` in any chat offers answers ready to send, with their source."""

from __future__ import annotations

import logging

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode

from bot.markup import escape, to_plain_text
from bot.telegram.services import BotContext

logger = logging.getLogger(__name__)

INLINE_RESULTS_LIMIT = 50
# Content can change on reload; a short cache keeps inline answers fresh.
INLINE_CACHE_SECONDS = 30


async def inline_query(update: Update, context: BotContext) -> None:
    """Offer answers for `@bot question` in any chat, each ready to send with its source."""
    query = update.inline_query
    if query is None:
        return
    responder = context.services.responder
    intents = responder.search(query.query, limit=INLINE_RESULTS_LIMIT)
    title = escape(responder.content.document.title)
    username = context.bot.username
    results = []
    for intent in intents:
        html = f"{intent.answer}\n\n<i>From the article “{title}”, via @{escape(username)}</i>"
        link = InlineKeyboardMarkup(
            [[InlineKeyboardButton("Ask K2 Bot", url=f"https://t.me/{username}?start={intent.id}")]]
        )
        results.append(
            InlineQueryResultArticle(
                id=intent.id,
                title=intent.title,
                description=to_plain_text(intent.answer)[:120],
                input_message_content=InputTextMessageContent(html, parse_mode=ParseMode.HTML),
                reply_markup=link,
            )
        )
    await query.answer(results[:INLINE_RESULTS_LIMIT], cache_time=INLINE_CACHE_SECONDS)
