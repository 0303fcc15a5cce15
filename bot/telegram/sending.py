"""Sending replies: split to fit, retried through blips, plain text if the HTML is refused."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from bot.markup import split_message, to_plain_text, utf16_length
from bot.responder import Reply
from bot.telegram.keyboards import reply_keyboard
from bot.telegram.retries import retrying
from bot.telegram.services import BotContext

logger = logging.getLogger(__name__)

# A reply is retried through network blips for a few seconds before it is given up.
SEND_ATTEMPTS = 4


async def send_reply(
    context: BotContext,
    message: Message,
    reply: Reply,
    *,
    quote: bool = True,
    vote_ref: str | None = None,
    quote_text: str | None = None,
) -> None:
    """Send a responder reply with its buttons, split if it were ever too long."""
    keyboard = reply_keyboard(reply, vote_ref=vote_ref)
    await send_html(context, message, reply.html, keyboard, quote=quote, quote_text=quote_text)


async def send_html(
    context: BotContext,
    message: Message,
    html: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    quote: bool = True,
    quote_text: str | None = None,
) -> None:
    """Send HTML to the message's chat; if Telegram rejects the markup, send plain text.

    With `quote_text` (an exact part of the message), the reply quotes that part, in
    private chats too: it shows which of several questions an answer is for.

    Pieces that went out on an earlier attempt at this update (the context's `delivery`)
    are not sent again: a retry after network trouble sends only what is missing.
    """
    delivery = context.delivery
    timing = context.services.timing
    pieces = split_message(html)
    in_group = message.chat.type != ChatType.PRIVATE
    quoted = _quote_parameters(message, quote_text)
    for number, piece in enumerate(pieces, start=1):
        if delivery.already_sent():
            continue
        markup = keyboard if number == len(pieces) else None
        reply_to = (
            ReplyParameters(message.message_id, allow_sending_without_reply=True)
            if quote and in_group and number == 1
            else None
        )
        if quoted is not None and number == 1:
            reply_to = quoted
        try:
            async for attempt in retrying(SEND_ATTEMPTS, timing.backoff()):
                with attempt:
                    await message.get_bot().send_message(
                        message.chat_id,
                        piece,
                        parse_mode=ParseMode.HTML,
                        reply_markup=markup,
                        reply_parameters=reply_to,
                    )
        except BadRequest as exc:
            if "can't parse entities" not in str(exc).lower():
                raise
            logger.warning("Telegram rejected a reply's HTML (%s); sending it as plain text", exc)
            await message.get_bot().send_message(
                message.chat_id,
                to_plain_text(piece),
                reply_markup=markup,
                reply_parameters=reply_to,
            )
        delivery.mark_sent()


# Telegram refuses a longer quote.
MAX_QUOTE_CHARS = 1024


def _quote_parameters(message: Message, part: str | None) -> ReplyParameters | None:
    """Reply parameters quoting `part` of the message, or None if it can't be quoted exactly."""
    text = message.text or ""
    start = text.find(part) if part else -1
    if part is None or start < 0 or len(part) > MAX_QUOTE_CHARS:
        return None
    return ReplyParameters(
        message.message_id,
        allow_sending_without_reply=True,
        quote=part,
        quote_position=utf16_length(text[:start]),
    )
