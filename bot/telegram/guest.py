"""Guest mode (Bot API 10.0).

"@bot is k2 safe with warfarin?" in a chat the bot has not joined is answered there, through
`answerGuestQuery`.

Telegram sends such a mention as a `guest_message` update (when guest mode is on in
@BotFather and `guest_message` is in `allowed_updates`). The question is matched exactly
as everywhere else (safety routing included), logged as "guest" unless the user opted out,
and counted by the flood guard. Each query takes one reply, sent as an inline result; its
button opens the bot's private chat on the same answer.
"""

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

from bot import messages
from bot.markup import to_plain_text
from bot.telegram.inline import question_start_parameter
from bot.telegram.questions import addressed_text
from bot.telegram.services import BotContext

logger = logging.getLogger(__name__)

TITLE_CHARS = 64


async def guest_question(update: Update, context: BotContext) -> None:
    """Answer a guest-mode mention with the same reply a private chat would get."""
    message = update.guest_message
    if message is None or not message.guest_query_id or not message.text:
        return
    delivery = context.delivery
    if delivery.already_sent():
        return  # one reply per query: a retry must not try a second
    text = addressed_text(message, context.bot.username, context.bot.id)
    if text is None:
        text = message.text
    found = context.services
    reply = found.responder.respond(text)
    if found.log is not None:
        found.log.record(
            text,
            reply.outcome,
            reply.intent.id if reply.intent is not None else None,
            reply.score,
            user_id=message.from_user.id if message.from_user is not None else None,
            chat_kind="guest",
            update_id=update.update_id,
        )
    if reply.intent is not None:
        start = reply.intent.id
        title = reply.intent.title_in(reply.language)
    else:
        start = question_start_parameter(text)
        title = text
    button = InlineKeyboardButton(
        messages.in_language(messages.GUEST_MORE, reply.language),
        url=f"https://t.me/{context.bot.username}?start={start}",
    )
    result = InlineQueryResultArticle(
        id=str(update.update_id),
        title=title[:TITLE_CHARS] or messages.BOT_NAME,
        description=to_plain_text(reply.html)[:120],
        input_message_content=InputTextMessageContent(
            reply.html_with_source, parse_mode=ParseMode.HTML
        ),
        reply_markup=InlineKeyboardMarkup([[button]]),
    )
    await context.bot.answer_guest_query(message.guest_query_id, result)
    delivery.mark_sent()
