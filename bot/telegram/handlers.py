"""Telegram handlers: translate an update into a responder call and the reply into Bot API calls."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TypeVar, cast

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import messages
from bot.dialogue import Dialogue
from bot.markup import escape, split_message, to_plain_text, utf16_length
from bot.memory import ConversationMemory
from bot.questionlog import Forgotten, QuestionLog, Vote
from bot.reload import LiveContent
from bot.report import Report, build_report, open_read_only, stats_html, unanswered_html
from bot.responder import NOT_MEDICAL_ADVICE, Reply, Responder
from bot.telegram.flood import FloodGuard, Verdict
from bot.telegram.keyboards import Action, decode, reply_keyboard, topics_keyboard
from bot.telegram.polling import is_retry, retry_later
from bot.telegram.retries import retrying

logger = logging.getLogger(__name__)
T = TypeVar("T")

INLINE_RESULTS_LIMIT = 50
# A reply is retried through network blips for a few seconds before it is given up.
SEND_ATTEMPTS = 4
# Content can change on reload; a short cache keeps inline answers fresh.
INLINE_CACHE_SECONDS = 30
NON_TEXT_REPLY = (
    "I can read text questions only. Type your question about vitamin K2, or send /topics."
)
UNKNOWN_COMMAND = (
    "I don't know that command. Try /help, /topics or /source, or just type your question."
)
SLOW_DOWN = "You're sending messages very fast. I'll answer again in a few seconds."
STALE_BUTTON = "Sorry, that button is out of date. Send /topics to see what I can answer."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
STORAGE_TROUBLE = "Sorry, I can't reach my storage just now. Please try again in a minute."
STORAGE_WAIT_SECONDS = 10.0
STATS_DAYS = 7
PRIVACY_HTML = (
    "🔒 Your questions are logged, without your name or id, to improve my answers. "
    "/optout stops that; /forget deletes what is stored about you."
)
VOTE_REPLIES = {
    Vote.RECORDED: "Thanks for the feedback!",
    Vote.REPEATED: "You've already rated this answer.",
    Vote.UNKNOWN: "Sorry, that button is out of date.",
    Vote.NOT_STORED: "Thanks! (Your feedback was not stored.)",
}
HELP_HTML = (
    "Ask me about vitamin K2 in your own words, for example:\n"
    "• <i>mk7 vs mk4?</i>\n• <i>why doesn't my calcium work?</i>\n• <i>k2 and d3 together?</i>\n\n"
    "/topics lists the questions I can answer; /source says where my answers come from. "
    "Under an answer, 📖 Source shows the article's own words.\n"
    "In a group, mention me or reply to my message. In any chat, type my @username and a "
    "question to share an answer."
)


@dataclass
class Services:
    """What handlers need, kept in `application.bot_data`.

    Handlers read `responder` once per update: a reload swaps it whole underneath them.
    """

    live: LiveContent
    flood: FloodGuard
    log: QuestionLog | None = None
    admins: frozenset[int] = frozenset()
    memory: ConversationMemory = field(default_factory=ConversationMemory)

    @property
    def responder(self) -> Responder:
        return self.live.responder

    def dialogue(self) -> Dialogue:
        """The conversation layer over this update's responder and the shared memory."""
        return Dialogue(self.responder, self.memory)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return cast(Services, context.bot_data["services"])


# -- commands -----------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, or open on an answer when started from a deep link (t.me/<bot>?start=<intent>)."""
    message = update.effective_message
    if message is None:
        return
    responder = services(context).responder
    if context.args:
        reply = responder.answer(context.args[0])
        if reply is not None:
            await send_reply(message, reply)
            return
    topics = ", ".join(escape(t.title.rstrip("?").lower()) for t in responder.topics()[:5])
    html = (
        "Hello! 👋 I'm K2 Bot. I answer questions about vitamin K2 from one article, and can "
        f"show you the passage behind every answer.\n\nYou can ask, for example: {topics}…\n\n"
        "Send /topics for the full list or /help for tips.\n\n"
        f"<i>{escape(NOT_MEDICAL_ADVICE)}</i>"
    )
    if services(context).log is not None:
        html += f"\n\n{PRIVACY_HTML}"
    await send_html(message, html)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to ask and what the buttons do."""
    if update.effective_message is not None:
        await send_html(update.effective_message, HELP_HTML)


async def topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the questions the bot can answer, as buttons."""
    if update.effective_message is None:
        return
    keyboard = topics_keyboard(services(context).responder.topics(), 0)
    await send_html(update.effective_message, "Questions I can answer. Tap one:", keyboard)


async def source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Name the article and how answers are drawn from it."""
    if update.effective_message is not None:
        await send_html(update.effective_message, services(context).responder.about_source_html())


async def reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start over: forget what this conversation was about."""
    message = update.effective_message
    if message is None:
        return
    forgot = services(context).dialogue().start_over(_conversation(message))
    said = messages.STARTED_OVER if forgot else messages.NOTHING_TO_FORGET
    await send_html(message, escape(said))


async def forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Delete every question and vote stored about the user who sends it."""

    def done(gone: Forgotten) -> str:
        return (
            f"Done: I deleted {gone.questions} question(s) and {gone.votes} vote(s) of yours. "
            "New questions will be logged again; send /optout to stop that."
        )

    await _privacy_request(update, context, lambda log, user: log.forget(user), done)


async def optout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop logging the sender's questions (and delete what is stored)."""
    await _privacy_request(
        update,
        context,
        lambda log, user: log.set_opted_out(user, True),
        lambda _: (
            "Done: I no longer log your questions, and what was stored is deleted. "
            "Send /optin to change your mind."
        ),
    )


async def optin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the sender's questions again."""
    await _privacy_request(
        update,
        context,
        lambda log, user: log.set_opted_out(user, False),
        lambda _: (
            "Done: your questions are logged again (without your name or id). /optout stops it."
        ),
    )


async def _privacy_request(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    request: Callable[[QuestionLog, int], Future[T]],
    done: Callable[[T], str],
) -> None:
    """Run one of the sender's privacy requests on the question log and report the result."""
    message, user = update.effective_message, update.effective_user
    log = services(context).log
    if message is None or user is None:
        return
    services(context).memory.forget(_conversation(message))  # the topic goes too
    if log is None:
        await send_html(message, "I don't log questions, so there is nothing to delete or change.")
        return
    try:
        result = await _stored(request(log, user.id))
    except Exception as exc:
        logger.error("a privacy request to the question log failed: %s", exc)
        await send_html(message, escape(STORAGE_TROUBLE))
        return
    await send_html(message, done(result))


async def _stored(request: Future[T]) -> T:
    """Await a question-log request without blocking the event loop, for a bounded time."""
    return await asyncio.wait_for(asyncio.wrap_future(request), STORAGE_WAIT_SECONDS)


# -- admins -------------------------------------------------------------------------------


async def _admin_only(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> bool:
    """Whether the sender is an admin; everyone else is refused politely, and it is logged."""
    user, message = update.effective_user, update.effective_message
    if user is not None and user.id in services(context).admins:
        return True
    logger.warning("refused /%s from user %s: not in ADMIN_IDS", command, user.id if user else None)
    if message is not None:
        await send_html(message, f"Sorry, /{command} is only for the bot's editors.")
    return False


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reload the intents now and say what changed, or what is wrong (admins only)."""
    if not await _admin_only(update, context, "reload") or update.effective_message is None:
        return
    result = await asyncio.to_thread(services(context).live.reload)
    await send_html(update.effective_message, result.html())


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Questions, answers and fall-backs of the last week, in short (admins only)."""
    if not await _admin_only(update, context, "stats") or update.effective_message is None:
        return
    report = await _report(context)
    await send_html(
        update.effective_message, stats_html(report) if report else escape(STORAGE_TROUBLE)
    )


async def unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The questions the bot could not answer, grouped, in short (admins only)."""
    if not await _admin_only(update, context, "unanswered") or update.effective_message is None:
        return
    report = await _report(context)
    await send_html(
        update.effective_message,
        unanswered_html(report) if report else escape(STORAGE_TROUBLE),
    )


async def _report(context: ContextTypes.DEFAULT_TYPE) -> Report | None:
    found = services(context)
    if found.log is None:
        return None
    log, responder = found.log, found.responder
    try:
        await _stored(log.flush())

        def build() -> Report:
            db = open_read_only(log.path)
            try:
                return build_report(db, responder, since_days=STATS_DAYS)
            finally:
                db.close()

        return await asyncio.to_thread(build)
    except Exception as exc:
        logger.error("could not read the question log: %s", exc)
        return None


async def notify_admins(bot: Bot, admins: frozenset[int], html: str) -> None:
    """Tell every admin (in their private chat with the bot); unreachable ones are logged."""
    for admin in sorted(admins):
        try:
            await bot.send_message(admin, html, parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            logger.warning(
                "could not notify admin %s (they may need to /start the bot): %s", admin, exc
            )


# -- messages -----------------------------------------------------------------------------


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text question (a new or an edited message)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = message.text
    if message.chat.type != ChatType.PRIVATE:
        addressed = _addressed_text(message, context.bot.username, context.bot.id)
        if addressed is None:
            return  # in groups, only mentions and replies to the bot are for us
        text = addressed
    found = services(context)
    dialogue = found.dialogue()
    replied_to = _replied_intent(message, context.bot.id, dialogue)
    turns = dialogue.respond(_conversation(message), text, replied_to=replied_to)
    for turn in turns:
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
            )
        # Several questions: each answer quotes the question it answers.
        quote = turn.part if len(turns) > 1 else None
        await send_reply(message, reply, vote_ref=vote_ref, quote_text=quote)


def _conversation(message: Message) -> tuple[int, int]:
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


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say which commands exist when a private chat sends one that doesn't."""
    if update.effective_message is not None:
        await send_html(update.effective_message, escape(UNKNOWN_COMMAND))


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say politely that only text is understood (private chats only)."""
    if update.effective_message is not None:
        await send_html(update.effective_message, escape(NON_TEXT_REPLY))


def _addressed_text(message: Message, username: str, bot_id: int) -> str | None:
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


# -- buttons ------------------------------------------------------------------------------


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Act on a button press; every press is acknowledged, stale or forged ones politely."""
    query = update.callback_query
    if query is None:
        return
    press = decode(query.data)
    responder = services(context).responder
    message = query.message if isinstance(query.message, Message) else None
    if press is None or message is None:
        await acknowledge(query, STALE_BUTTON)
        return
    if press.action in (Action.HELPFUL, Action.NOT_HELPFUL):
        await _vote(query, services(context).log, press.argument, press.action is Action.HELPFUL)
        return
    if press.action is Action.TOPICS:
        await acknowledge(query)
        page = int(press.argument) if press.argument.isdigit() else 0
        try:
            await message.edit_reply_markup(topics_keyboard(responder.topics(), page))
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise
        return
    intent = responder.content.by_id.get(press.argument)
    if intent is None:
        await acknowledge(query, STALE_BUTTON)
        return
    await acknowledge(query)
    if press.action is Action.SOURCE:
        await send_html(message, source_html(responder, press.argument), quote=False)
        return
    reply = responder.answer(press.argument)
    if reply is not None:
        # The answer pressed for is now what "why?" or "and mk4?" is about.
        services(context).memory.remember((message.chat.id, query.from_user.id), press.argument)
        await send_reply(message, reply, quote=False)


async def _vote(query: CallbackQuery, log: QuestionLog | None, ref: str, up: bool) -> None:
    """Store a 👍/👎 once per user per answer; forged, repeated or stale ones change nothing."""
    if log is None:
        await acknowledge(query, STALE_BUTTON)
        return
    try:
        outcome = await _stored(log.vote(ref, query.from_user.id, up))
    except Exception as exc:  # storage trouble: thank the user anyway, log it once
        logger.warning("could not store feedback: %s", exc)
        outcome = Vote.NOT_STORED
    await acknowledge(query, VOTE_REPLIES[outcome])


async def acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Stop the button's spinner; a press too old to acknowledge is still acted on."""
    try:
        await query.answer(text)
    except BadRequest as exc:
        if "too old" not in str(exc).lower() and "invalid" not in str(exc).lower():
            raise
        logger.info("button press %s was too old to acknowledge; acting on it anyway", query.id)


def source_html(responder: Responder, intent_id: str) -> str:
    """The verbatim passages behind an answer, as quotes under the article's title."""
    passages = responder.source_passages(intent_id)
    title = escape(responder.content.document.title)
    if not passages:
        return "This answer is not from the article, so there is no passage to show."
    quotes = "\n".join(f"<blockquote>{escape(p.strip())}</blockquote>" for p in passages)
    return f"📖 From the article <b>{title}</b>:\n{quotes}"


# -- inline mode --------------------------------------------------------------------------


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer answers for `@bot question` in any chat, each ready to send with its source."""
    query = update.inline_query
    if query is None:
        return
    responder = services(context).responder
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


# -- guard and errors ---------------------------------------------------------------------


async def flood_guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop a user's updates past the limit, after telling them once to slow down."""
    user = update.effective_user
    if user is None or update.inline_query is not None:
        return
    if is_retry(context.bot_data, update.update_id):
        return  # counted the first time; its answer is being sent again after network trouble
    message = update.effective_message
    if (
        update.callback_query is None
        and message is not None
        and message.chat.type != ChatType.PRIVATE
        and not (message.text or "").startswith("/")
        and _addressed_text(message, context.bot.username, context.bot.id) is None
    ):
        return  # group chatter not meant for the bot neither counts nor gets a notice
    verdict = services(context).flood.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    if update.callback_query is not None:
        await acknowledge(update.callback_query, SLOW_DOWN if verdict is Verdict.WARN else None)
    elif verdict is Verdict.WARN and update.effective_message is not None:
        await send_html(update.effective_message, escape(SLOW_DOWN))
    logger.info(
        "flood guard: %s update %s from a user over the limit", verdict.value, update.update_id
    )
    raise ApplicationHandlerStop


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every error with the update's kind (never its text), and keep running."""
    error = context.error
    kind, update_id, chat_id = _describe(update)
    if isinstance(error, (NetworkError, TimedOut, RetryAfter)) and not isinstance(
        error, BadRequest
    ):
        logger.warning("network trouble on %s update %s: %s", kind, update_id, error)
        if isinstance(update, Update):
            retry_later(context.bot_data, update.update_id)  # the poller tries again
        return
    if isinstance(error, Forbidden):
        logger.info(
            "chat %s blocked the bot or removed it (%s update %s)", chat_id, kind, update_id
        )
        return
    logger.error(
        "error while handling %s update %s in chat %s", kind, update_id, chat_id, exc_info=error
    )
    if (
        isinstance(update, Update)
        and update.effective_chat is not None
        and (update.effective_chat.type == ChatType.PRIVATE)
    ):
        try:
            await context.bot.send_message(update.effective_chat.id, APOLOGY)
        except Exception:
            logger.warning("could not send the apology for update %s", update_id)


def _describe(update: object) -> tuple[str, object, object]:
    if not isinstance(update, Update):
        return "no", None, None
    kinds = (
        "message",
        "edited_message",
        "callback_query",
        "inline_query",
        "channel_post",
        "edited_channel_post",
        "my_chat_member",
    )
    kind = next((k for k in kinds if getattr(update, k, None) is not None), "other")
    chat = update.effective_chat
    return kind, update.update_id, chat.id if chat is not None else None


# -- sending ------------------------------------------------------------------------------


async def send_reply(
    message: Message,
    reply: Reply,
    *,
    quote: bool = True,
    vote_ref: str | None = None,
    quote_text: str | None = None,
) -> None:
    """Send a responder reply with its buttons, split if it were ever too long."""
    await send_html(
        message,
        reply.html,
        reply_keyboard(reply, vote_ref=vote_ref),
        quote=quote,
        quote_text=quote_text,
    )


async def send_html(
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
    """
    pieces = split_message(html)
    in_group = message.chat.type != ChatType.PRIVATE
    quoted = _quote_parameters(message, quote_text)
    for number, piece in enumerate(pieces, start=1):
        markup = keyboard if number == len(pieces) else None
        reply_to = (
            ReplyParameters(message.message_id, allow_sending_without_reply=True)
            if quote and in_group and number == 1
            else None
        )
        if quoted is not None and number == 1:
            reply_to = quoted
        try:
            async for attempt in retrying(SEND_ATTEMPTS):
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
