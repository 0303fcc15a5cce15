"""Questions: text in a private chat (new or edited), or addressed to the bot in a group."""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType

from bot.telegram.sending import send_reply
from bot.telegram.services import BotContext

logger = logging.getLogger(__name__)


async def question(update: Update, context: BotContext) -> None:
    """Answer a text question (a new or an edited message)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = message.text
    if message.chat.type != ChatType.PRIVATE:
        addressed = addressed_text(message, context.bot.username, context.bot.id)
        if addressed is None:
            return  # in groups, only mentions and replies to the bot are for us
        text = addressed
    found = context.services
    reply = found.responder.respond(text)
    vote_ref = None
    if found.log is not None:
        vote_ref = found.log.record(
            text,
            reply.outcome,
            reply.intent.id if reply.intent is not None else None,
            reply.score,
            user_id=message.from_user.id if message.from_user is not None else None,
            chat_kind="private" if message.chat.type == ChatType.PRIVATE else "group",
            update_id=update.update_id,  # logged once, however often it is processed
        )
    await send_reply(context, message, reply, vote_ref=vote_ref)


def addressed_text(message: Message, username: str, bot_id: int) -> str | None:
    """The question in a group message meant for the bot, or None if it isn't."""
    text = message.text or ""
    mention = f"@{username}".lower()
    mentioned = any(
        entity.type == MessageEntity.MENTION and message.parse_entity(entity).lower() == mention
        for entity in message.entities
    ) or mention in (w.lower().rstrip(",.:!?") for w in text.split())
    replied_to_bot = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == bot_id
    )
    if not (mentioned or replied_to_bot):
        return None
    return " ".join(w for w in text.split() if w.lower().rstrip(",.:!?") != mention)
