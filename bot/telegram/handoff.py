"""Ask a person: questions the article can't answer reach the editors.

A question the article can't answer goes to the editors' chat, and an editor's reply to it there is
relayed back to the user by the bot.

Off unless EDITORS_CHAT_ID is set. Offered in private chats only: under a fall-back, and
after a 👎 (button or reaction). Only the question's text is forwarded, never the user's
name, username or id; the bot keeps the link back to the user in memory (a restart forgets
pending offers and relays). A user who opted out of logging is asked before anything is sent.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import Forbidden

from bot import messages
from bot.markup import MESSAGE_LIMIT, escape, split_message, visible_length
from bot.telegram.keyboards import handoff_button
from bot.telegram.services import BotContext, Handoff

logger = logging.getLogger(__name__)

TOKEN_BYTES = 6  # 12 hex characters in the button's callback data
# Above an editor's long answer, the user's question is recalled in at least this many
# characters (the answer then goes in parts).
RECALLED_QUESTION_CHARS = 80


def with_question(template: str, question: str, *, floor: int = 0, **fields: str) -> str:
    """`template` (HTML) with the escaped `question`, cut with "…" to fit one message.

    A question can be as long as a message (a long post that got a fall-back): whole
    inside a frame, it is more than Telegram takes, and the send failed. The question keeps
    at least `floor` characters: past that, the result may be longer than one message.
    """
    shown = question
    while True:
        html = template.format(question=escape(shown), **fields)
        over = visible_length(html) - MESSAGE_LIMIT
        if over <= 0 or len(shown) <= floor + 1:
            return html
        shown = shown[: max(floor, len(shown) - over - 1)].rstrip() + "…"


def offer(context: BotContext, message: Message, question: str, language: str = "en") -> str | None:
    """Register an "Ask a person" offer for a question.

    Its token, or None when the feature is off or the chat is not private (the bot never offers it
    in groups). `language` is the reply's: what the user is told in about the offer.
    """
    found = context.services
    user = message.from_user
    if found.editors_chat_id is None or user is None or message.chat.type != ChatType.PRIVATE:
        return None
    token = secrets.token_hex(TOKEN_BYTES)
    found.handoffs.put(token, Handoff(message.chat.id, user.id, question, language=language))
    return token


async def offer_after_downvote(context: BotContext, ref: str) -> None:
    """After a 👎 on an answer, offer to pass its question to a person (if it has an offer)."""
    found = context.services
    token = found.handoff_of_answer.get(ref)
    handoff = found.handoffs.get(token) if token is not None else None
    if token is None or handoff is None or handoff.forwarded:
        return
    language = handoff.language
    await context.bot.send_message(
        handoff.chat_id,
        escape(messages.in_language(messages.HANDOFF_OFFER, language)),
        parse_mode=ParseMode.HTML,
        reply_markup=InlineKeyboardMarkup([[handoff_button(token, language=language)]]),
    )


async def press(
    query: CallbackQuery, context: BotContext, token: str, *, confirmed: bool, language: str = "en"
) -> str:
    """Act on "Ask a person" (or its confirmation); returns the text to acknowledge with.

    `language` is the presser's, for an offer no longer known; a known offer answers in
    the language it was made in.
    """
    found = context.services
    handoff = found.handoffs.get(token)
    if handoff is None or handoff.user_id != query.from_user.id:
        return messages.in_language(messages.HANDOFF_GONE, language)
    language = handoff.language
    if handoff.forwarded:
        return messages.in_language(messages.HANDOFF_ALREADY_SENT, language)
    if found.log is not None and found.log.opted_out(handoff.user_id) and not confirmed:
        consent = messages.in_language(messages.HANDOFF_CONSENT, language)
        await context.bot.send_message(
            handoff.chat_id,
            with_question(consent, handoff.question),
            parse_mode=ParseMode.HTML,
            reply_markup=InlineKeyboardMarkup(
                [[handoff_button(token, confirm=True, language=language)]]
            ),
        )
        return ""
    editors = found.editors_chat_id
    if editors is None:
        return messages.in_language(messages.HANDOFF_GONE, language)
    try:
        forwarded = await context.bot.send_message(
            editors,
            with_question(
                messages.in_language(messages.HANDOFF_TO_EDITORS, language), handoff.question
            ),
            parse_mode=ParseMode.HTML,
        )
    except Exception as exc:
        logger.warning("could not forward a question to the editors' chat: %s", exc)
        failed = messages.in_language(messages.HANDOFF_FAILED, language)
        await context.bot.send_message(handoff.chat_id, failed)
        return ""
    found.handoffs.put(token, dataclasses.replace(handoff, forwarded=True))
    found.relays.put(forwarded.message_id, handoff)
    await context.bot.send_message(
        handoff.chat_id, messages.in_language(messages.HANDOFF_SENT, language)
    )
    return ""


async def editor_reply(update: Update, context: BotContext) -> None:
    """Relay an editor's reply to a forwarded question back to the user who asked it."""
    message = update.message
    target = message.reply_to_message if message is not None else None
    if message is None or target is None or not message.text:
        return
    handoff = context.services.relays.get(target.message_id)
    if handoff is None or target.from_user is None or target.from_user.id != context.bot.id:
        return  # a reply to something else of the bot's: not a question to relay
    # The user's question is cut first (they know it); an answer longer than a message is
    # sent in parts, split between its paragraphs and words (it is escaped text, no tags).
    answer = with_question(
        messages.in_language(messages.EDITOR_ANSWER, handoff.language),
        handoff.question,
        floor=RECALLED_QUESTION_CHARS,
        answer=escape(message.text),
    )
    try:
        for piece in split_message(answer):
            await context.bot.send_message(handoff.chat_id, piece, parse_mode=ParseMode.HTML)
        said = messages.RELAYED
    except Forbidden:
        said = messages.RELAY_FAILED
    # In the question's language, as the forwarded question was.
    await message.reply_text(messages.in_language(said, handoff.language), do_quote=True)
