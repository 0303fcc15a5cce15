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

from bot.markup import escape, split_message, to_plain_text
from bot.questionlog import Forgotten, QuestionLog, Vote
from bot.reload import LiveContent
from bot.report import Report, build_report, open_read_only, stats_html, unanswered_html
from bot.responder import NOT_MEDICAL_ADVICE, Reply, Responder
from bot.telegram.delivery import Deliveries, Delivery
from bot.telegram.flood import FloodGuard, Verdict
from bot.telegram.keyboards import Action, decode, reply_keyboard, topics_keyboard
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
    inline_flood: FloodGuard
    log: QuestionLog | None = None
    admins: frozenset[int] = frozenset()
    # Each update's progress over the poller's retries: what was sent already.
    deliveries: Deliveries = field(default_factory=Deliveries)

    @property
    def responder(self) -> Responder:
        return self.live.responder


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The shared services of the Application that runs this handler."""
    return cast(Services, context.bot_data["services"])


def _delivery(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Delivery:
    """This update's progress over retries: what an earlier attempt already sent."""
    return services(context).deliveries.of(update.update_id)


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
            await send_reply(message, reply, delivery=_delivery(update, context))
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
    await send_html(message, html, delivery=_delivery(update, context))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to ask and what the buttons do."""
    if update.effective_message is not None:
        await send_html(update.effective_message, HELP_HTML, delivery=_delivery(update, context))


async def topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the questions the bot can answer, as buttons."""
    if update.effective_message is None:
        return
    keyboard = topics_keyboard(services(context).responder.topics(), 0)
    await send_html(
        update.effective_message,
        "Questions I can answer. Tap one:",
        keyboard,
        delivery=_delivery(update, context),
    )


async def source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Name the article and how answers are drawn from it."""
    if update.effective_message is not None:
        await send_html(
            update.effective_message,
            services(context).responder.about_source_html(),
            delivery=_delivery(update, context),
        )


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
    if log is None:
        await send_html(
            message,
            "I don't log questions, so there is nothing to delete or change.",
            delivery=_delivery(update, context),
        )
        return
    try:
        result = await _stored(request(log, user.id))
    except Exception as exc:
        logger.error("a privacy request to the question log failed: %s", exc)
        await send_html(message, escape(STORAGE_TROUBLE), delivery=_delivery(update, context))
        return
    await send_html(message, done(result), delivery=_delivery(update, context))


async def _stored(request: Future[T]) -> T:
    """Await a question-log request without blocking the event loop, for a bounded time."""
    return await asyncio.wait_for(asyncio.wrap_future(request), STORAGE_WAIT_SECONDS)


# -- admins -------------------------------------------------------------------------------


async def _admin_only(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> bool:
    """Whether to run an editors' command: only for an admin, and only in their private chat.

    Everyone else is refused politely, and it is logged. An admin in a group gets a note to
    ask privately and nothing else: the answers quote users' private questions word for word.
    """
    user, message = update.effective_user, update.effective_message
    if user is None or user.id not in services(context).admins:
        logger.warning(
            "refused /%s from user %s: not in ADMIN_IDS", command, user.id if user else None
        )
        if message is not None:
            await send_html(
                message,
                f"Sorry, /{command} is only for the bot's editors.",
                delivery=_delivery(update, context),
            )
        return False
    if message is None or message.chat.type != ChatType.PRIVATE:
        logger.info("/%s from an admin outside their private chat: pointed there", command)
        if message is not None:
            await send_html(
                message,
                f"Please send /{command} to me in a private chat.",
                delivery=_delivery(update, context),
            )
        return False
    return True


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reload the intents now and say what changed, or what is wrong (admins only)."""
    if not await _admin_only(update, context, "reload") or update.effective_message is None:
        return
    result = await asyncio.to_thread(services(context).live.reload)
    await send_html(update.effective_message, result.html(), delivery=_delivery(update, context))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Questions, answers and fall-backs of the last week, in short (admins only)."""
    if not await _admin_only(update, context, "stats") or update.effective_message is None:
        return
    report = await _report(context)
    await send_html(
        update.effective_message,
        stats_html(report) if report else escape(STORAGE_TROUBLE),
        delivery=_delivery(update, context),
    )


async def unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The questions the bot could not answer, grouped, in short (admins only)."""
    if not await _admin_only(update, context, "unanswered") or update.effective_message is None:
        return
    report = await _report(context)
    await send_html(
        update.effective_message,
        unanswered_html(report) if report else escape(STORAGE_TROUBLE),
        delivery=_delivery(update, context),
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
    await send_reply(message, reply, vote_ref=vote_ref, delivery=_delivery(update, context))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say which commands exist when a private chat sends one that doesn't."""
    if update.effective_message is not None:
        await send_html(
            update.effective_message, escape(UNKNOWN_COMMAND), delivery=_delivery(update, context)
        )


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say politely that only text is understood (private chats only)."""
    if update.effective_message is not None:
        await send_html(
            update.effective_message, escape(NON_TEXT_REPLY), delivery=_delivery(update, context)
        )


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
        await send_html(
            message,
            source_html(responder, press.argument),
            quote=False,
            delivery=_delivery(update, context),
        )
        return
    reply = responder.answer(press.argument)
    if reply is not None:
        await send_reply(message, reply, quote=False, delivery=_delivery(update, context))


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
    if user is None:
        return
    found = services(context)
    if update.inline_query is not None:
        # Each inline query runs the matcher; typing sends one every few keystrokes, so
        # they have a looser guard of their own, and no chat to send a notice to.
        if found.inline_flood.check(user.id) is not Verdict.ALLOW:
            logger.info("flood guard: dropped inline query %s", update.update_id)
            raise ApplicationHandlerStop
        return
    if found.deliveries.is_retry(update.update_id):
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
    verdict = found.flood.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    if update.callback_query is not None:
        await acknowledge(update.callback_query, SLOW_DOWN if verdict is Verdict.WARN else None)
    elif verdict is Verdict.WARN and update.effective_message is not None:
        await send_html(
            update.effective_message, escape(SLOW_DOWN), delivery=_delivery(update, context)
        )
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
            services(context).deliveries.retry_later(update.update_id)  # the poller tries again
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
    delivery: Delivery | None = None,
) -> None:
    """Send a responder reply with its buttons, split if it were ever too long."""
    keyboard = reply_keyboard(reply, vote_ref=vote_ref)
    await send_html(message, reply.html, keyboard, quote=quote, delivery=delivery)


async def send_html(
    message: Message,
    html: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    quote: bool = True,
    delivery: Delivery | None = None,
) -> None:
    """Send HTML to the message's chat; if Telegram rejects the markup, send plain text.

    With the update's `delivery`, pieces that went out on an earlier attempt are not sent
    again: a retry after network trouble sends only what is missing.
    """
    pieces = split_message(html)
    in_group = message.chat.type != ChatType.PRIVATE
    for number, piece in enumerate(pieces, start=1):
        if delivery is not None and delivery.already_sent():
            continue
        markup = keyboard if number == len(pieces) else None
        reply_to = (
            ReplyParameters(message.message_id, allow_sending_without_reply=True)
            if quote and in_group and number == 1
            else None
        )
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
        if delivery is not None:
            delivery.mark_sent()
