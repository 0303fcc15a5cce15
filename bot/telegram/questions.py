"""Questions: text in a private chat (new or edited), or addressed to the bot in a group."""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, MessageOriginUser, Update
from telegram.constants import ChatType

from bot.dialogue import Dialogue
from bot.telegram.handoff import offer
from bot.telegram.sending import send_html, send_reply
from bot.telegram.services import BotContext

logger = logging.getLogger(__name__)


async def question(update: Update, context: BotContext) -> None:
    """Answer a text question (a new or an edited message, or a photo's caption)."""
    message = update.effective_message
    if message is None:
        return
    text = message.text or message.caption
    if not text:
        return
    if message.via_bot is not None and message.via_bot.id == context.bot.id:
        return  # one of the bot's own answers, shared through inline mode: not a question
    # An album's caption speaks for the album: its photos without one get no "text only".
    context.services.speaks_for_album(message, update.update_id)
    if message.chat.type != ChatType.PRIVATE:
        addressed = addressed_text(message, context.bot.username, context.bot.id)
        if addressed is None:
            return  # in groups, only mentions and replies to the bot are for us
        text = addressed
    elif _forwarded_from(message, context.bot.id):
        await _own_answer_forwarded(context, message, text)
        return
    await answer(update, context, message, text)


def _forwarded_from(message: Message, bot_id: int) -> bool:
    """Whether `message` forwards one of the bot's own messages."""
    origin = message.forward_origin
    return isinstance(origin, MessageOriginUser) and origin.sender_user.id == bot_id


async def _own_answer_forwarded(context: BotContext, message: Message, text: str) -> None:
    """One of the bot's answers, forwarded back to it: show where it comes from.

    Its text is the bot's own words, not the user's question: read as one, it matched the
    answer it is (or worse, a neighbour) and was logged as a question nobody asked. The
    likely wish is "where does this come from?", so the article's passages behind it are
    quoted, and the answer becomes the conversation's topic ("and with d3?" follows it).
    Any other message of the bot gets what /source says.
    """
    # Deferred: commands imports this module.
    from bot.telegram.commands import interface_language

    dialogue = context.services.dialogue()
    language = interface_language(message, context)
    intent = dialogue.intent_of_answer(text)
    if intent is None or not dialogue.responder.source_passages(intent):
        html = dialogue.responder.about_source_html(language)
    else:
        dialogue.record_answer(conversation_of(message), intent)
        html = dialogue.responder.source_html(intent, language)
    await send_html(context, message, html)


async def answer(update: Update, context: BotContext, message: Message, text: str) -> None:
    """Answer `text`, asked in `message`: log each question, send each reply.

    Where "Ask a person" is on, each question gets an offer: shown under a fall-back, and
    after a 👎 on an answer.
    """
    found = context.services
    dialogue = found.dialogue()
    replied_to = _replied_intent(message, context.bot.id, dialogue)
    sender = message.from_user
    turns = dialogue.respond(
        conversation_of(message),
        text,
        replied_to=replied_to,
        user=sender.id if sender is not None else None,
        user_language=sender.language_code if sender is not None else None,
    )
    for part, turn in enumerate(turns):
        reply = turn.reply
        vote_ref = None
        if found.log is not None:
            vote_ref = found.log.record(
                turn.part,
                reply.outcome,
                reply.intent.id if reply.intent is not None else None,
                reply.score,
                user_id=message.from_user.id if message.from_user is not None else None,
                chat_kind="private" if message.chat.type == ChatType.PRIVATE else "group",
                update_id=update.update_id,
                part=part,
                # Logged once however often it is processed, and an edit replaces it.
                message=(message.chat.id, message.message_id),
                edited=update.edited_message is not None,
            )
        # Several questions: each answer quotes the question it answers.
        quote = turn.part if len(turns) > 1 else None
        handoff = offer(context, message, turn.part, reply.language)
        if handoff is not None and vote_ref is not None:
            found.handoff_of_answer.put(vote_ref, handoff)
        await send_reply(
            context, message, reply, vote_ref=vote_ref, quote_text=quote, handoff=handoff
        )


def conversation_of(message: Message) -> tuple[int, int]:
    """The memory's key: one person in one chat, so a group's members never share a topic."""
    user = message.from_user
    return message.chat.id, user.id if user is not None else 0


def _replied_intent(message: Message, bot_id: int, dialogue: Dialogue) -> str | None:
    """The intent of the bot answer a message replies to (or quotes), found from its text."""
    target = message.reply_to_message
    if target is None or target.from_user is None or target.from_user.id != bot_id:
        return None
    if message.quote is not None and message.quote.text:
        quoted = dialogue.intent_of_answer(message.quote.text)
        if quoted is not None:
            return quoted
    return dialogue.intent_of_answer(target.text or "")


def addressed_text(message: Message, username: str, bot_id: int) -> str | None:
    """The question in a group message (its text, or a photo's caption) meant for the bot.

    None when it isn't: it neither mentions the bot nor replies to it.
    """
    text = message.text or message.caption or ""
    mentions = (
        message.parse_entities([MessageEntity.MENTION])
        if message.text
        else message.parse_caption_entities([MessageEntity.MENTION])
    )
    mention = f"@{username}".lower()
    mentioned = any(said.lower() == mention for said in mentions.values()) or mention in (
        w.lower().rstrip(",.:!?") for w in text.split()
    )
    replied_to_bot = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == bot_id
    )
    if not (mentioned or replied_to_bot):
        return None
    return " ".join(w for w in text.split() if w.lower().rstrip(",.:!?") != mention)
