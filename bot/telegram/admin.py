"""Editors' commands (ADMIN_IDS only, in their private chat).

/reload, /stats, /unanswered, and /unanswered's buttons: add a group's questions to an intent,
ignore them, undo.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram import Bot, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError

from bot import messages
from bot.content.editing import (
    FROM_USERS_FILE,
    Edit,
    EditError,
    add_phrasings,
    dev_set_change,
    undo,
)
from bot.intents import Intent, Kind
from bot.markup import escape, split_message, to_plain_text
from bot.messages import stats_html, unanswered_html
from bot.reload import ContentChange, ReloadResult
from bot.report import Group, UsageReport, build_report, open_read_only
from bot.telegram.buttons import acknowledge
from bot.telegram.commands import language_of, user_language
from bot.telegram.keyboards import (
    EDITOR_CALLBACK_PATTERN,
    EditorAction,
    EditorPress,
    choose_intent_keyboard,
    decode_editor,
    unanswered_keyboard,
    undo_keyboard,
)
from bot.telegram.menus import set_menus
from bot.telegram.sending import send_html
from bot.telegram.services import BotContext, Services, stored

logger = logging.getLogger(__name__)

STATS_DAYS = 7
__all__ = [
    "EDITOR_CALLBACK_PATTERN",
    "editor_button",
    "notify_admins",
    "reload_command",
    "stats",
    "unanswered",
]
GROUPS_WITH_BUTTONS = 8
CHOICES = 8  # matcher candidates per question; then every other intent, for a full choice
LISTING_KEY = "editors_listing"  # in chat_data: the latest /unanswered list of this chat


@dataclass
class Listing:
    """The groups one /unanswered message showed, and the additions made from it.

    Its buttons refer to the groups by number; additions are undone last first.
    """

    token: str
    groups: list[Group]
    edits: list[Edit] = field(default_factory=list)


async def _admin_only(update: Update, context: BotContext, command: str) -> bool:
    """Whether to run an editors' command: only for an admin, and only in their private chat.

    Everyone else is refused politely, and it is logged. An admin in a group gets a note to
    ask privately and nothing else: the answers quote users' private questions word for word.
    """
    user, message = update.effective_user, update.effective_message
    language = _language(update, context)
    if user is None or user.id not in context.services.admins:
        logger.warning(
            "refused /%s from user %s: not in ADMIN_IDS", command, user.id if user else None
        )
        if message is not None:
            await send_html(
                context,
                message,
                messages.editors_only(command, language),
            )
        return False
    if message is None or message.chat.type != ChatType.PRIVATE:
        logger.info("/%s from an admin outside their private chat: pointed there", command)
        if message is not None:
            await send_html(
                context,
                message,
                messages.private_chat_only(command, language),
            )
        return False
    return True


async def reload_command(update: Update, context: BotContext) -> None:
    """Reload the intents now and say what changed, or what is wrong (admins only)."""
    if not await _admin_only(update, context, "reload") or update.effective_message is None:
        return
    live = context.services.live
    texts = await asyncio.to_thread(live.reload_texts)
    result = await asyncio.to_thread(live.reload)
    language = _language(update, context)
    said = messages.reload_html(result, language)
    if texts is not None and (texts.change or not texts.applied):
        said += "\n\n" + texts.html(language)
    await send_html(context, update.effective_message, said)
    if texts is not None and texts.applied and texts.change:
        await set_menus(context.bot, context.services.admins)


async def stats(update: Update, context: BotContext) -> None:
    """Questions, answers and fall-backs of the last week, in short (admins only)."""
    if not await _admin_only(update, context, "stats") or update.effective_message is None:
        return
    report = await _report(context)
    language = _language(update, context)
    trouble = escape(messages.in_language(messages.STORAGE_TROUBLE, language))
    await send_html(
        context,
        update.effective_message,
        stats_html(report, language) if report else trouble,
    )


async def unanswered(update: Update, context: BotContext) -> None:
    """The questions the bot could not answer, grouped, in short (admins only)."""
    if not await _admin_only(update, context, "unanswered") or update.effective_message is None:
        return
    report = await _report(context)
    language = _language(update, context)
    if report is None:
        trouble = messages.in_language(messages.STORAGE_TROUBLE, language)
        await send_html(context, update.effective_message, escape(trouble))
        return
    groups = list(report.groups[:GROUPS_WITH_BUTTONS])
    keyboard = None
    if groups and context.chat_data is not None:
        listing = Listing(secrets.token_hex(3), groups)
        context.chat_data[LISTING_KEY] = listing
        by_id = context.services.responder.content.by_id
        keyboard = unanswered_keyboard(
            listing.token,
            [g.closest_intent if g.closest_intent in by_id else None for g in groups],
            language=language,
        )
    await send_html(
        context,
        update.effective_message,
        unanswered_html(report, limit=GROUPS_WITH_BUTTONS, language=language),
        keyboard,
    )


async def editor_button(update: Update, context: BotContext) -> None:
    """A press on /unanswered's buttons: add, choose an intent, ignore, or undo."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return
    user = query.from_user
    language = language_of(context, query.message.chat.id, user)
    if user is None or user.id not in context.services.admins:
        logger.warning("refused an editors' button from user %s", user.id if user else None)
        await acknowledge(query, messages.in_language(messages.EDITORS_ONLY_BUTTONS, language))
        return
    press = decode_editor(query.data)
    listing = context.chat_data.get(LISTING_KEY) if context.chat_data is not None else None
    if (
        press is None
        or not isinstance(listing, Listing)
        or listing.token != press.listing
        or not (press.action is EditorAction.UNDO or 1 <= press.group <= len(listing.groups))
    ):
        await acknowledge(query, messages.in_language(messages.STALE_LIST, language))
        return
    await acknowledge(query)
    message = query.message
    if press.action is EditorAction.UNDO:
        await _undo(context, message, listing, language)
        return
    group = listing.groups[press.group - 1]
    if press.action is EditorAction.CHOOSE:
        intents = _choices(context, group)
        await send_html(
            context,
            message,
            escape(messages.in_language(messages.CHOOSE_INTENT, language)),
            choose_intent_keyboard(listing.token, press.group, intents, language),
        )
    elif press.action is EditorAction.IGNORE:
        await _ignore(context, message, group, language)
    else:
        intent_id = press.intent_id if press.action is EditorAction.TO else group.closest_intent
        if intent_id:
            await _add(context, message, listing, press, intent_id, language)


def _choices(context: BotContext, group: Group) -> list[Intent]:
    """The intents closest to a group's questions (by the bot's matcher), then the rest."""
    responder = context.services.responder
    scores: dict[str, float] = {}
    for text in group.all_texts[:20]:
        for candidate in responder.matcher.rank(text, limit=CHOICES):
            scores[candidate.intent.id] = max(scores.get(candidate.intent.id, 0), candidate.score)
    by_id = responder.content.by_id
    ranked = sorted(scores, key=lambda i: -scores[i])
    rest = [i for i in by_id if i not in scores and by_id[i].kind is not Kind.SAFETY]
    return [by_id[i] for i in ranked + rest]


async def _add(
    context: BotContext,
    message: Message,
    listing: Listing,
    press: EditorPress,
    intent_id: str,
    language: str = "en",
) -> None:
    live = context.services.live
    group = listing.groups[press.group - 1]
    before = live.responder

    def work() -> tuple[Edit, ReloadResult, str]:
        edit = add_phrasings(live.directory, intent_id, group.all_texts)
        result = live.reload()
        if result.applied:
            # Measured from the responder before the press: the folder watcher may have
            # reloaded first, and then this reload alone would see no change.
            change = ContentChange.between(before.content, live.responder.content)
            result = ReloadResult(True, result.intents, change)
        return edit, result, dev_set_change(before, live.responder, language)

    try:
        edit, result, figures = await asyncio.to_thread(work)
    except EditError as exc:
        logger.info("phrasings not added to %s: %s", intent_id, exc)
        refused = messages.edit_refused_html(exc.said_in(language), exc.problems, language)
        await send_html(context, message, refused)
        return
    listing.edits.append(edit)
    logger.info("added %d phrasing(s) to %s from /unanswered", len(edit.added), intent_id)
    await send_html(
        context,
        message,
        messages.added_html(intent_id, edit.added, FROM_USERS_FILE, result, figures, language),
        undo_keyboard(listing.token, language),
    )


async def _undo(
    context: BotContext, message: Message, listing: Listing, language: str = "en"
) -> None:
    if not listing.edits:
        await send_html(
            context, message, escape(messages.in_language(messages.NOTHING_TO_UNDO, language))
        )
        return
    edit = listing.edits.pop()
    live = context.services.live

    def work() -> ReloadResult:
        undo(edit)
        return live.reload()

    result = await asyncio.to_thread(work)
    logger.info("undid the addition of %d phrasing(s) to %s", len(edit.added), edit.intent_id)
    await send_html(context, message, messages.undone_html(FROM_USERS_FILE, result, language))


async def _ignore(
    context: BotContext, message: Message, group: Group, language: str = "en"
) -> None:
    log = context.services.log
    trouble = escape(messages.in_language(messages.STORAGE_TROUBLE, language))
    if log is None:
        await send_html(context, message, trouble)
        return
    try:
        await stored(log.ignore(group.all_texts))
    except Exception:
        logger.exception("could not store ignored questions")
        await send_html(context, message, trouble)
        return
    await send_html(context, message, messages.ignored_html(group.count, language))


def _language(update: Update, context: BotContext) -> str:
    """The interface language of whoever sent an editors' command."""
    chat = update.effective_chat
    return language_of(context, chat.id if chat is not None else 0, update.effective_user)


async def _report(context: BotContext) -> UsageReport | None:
    found = context.services
    if found.log is None:
        return None
    log, responder = found.log, found.responder
    try:
        await stored(log.flush())

        def build() -> UsageReport:
            db = open_read_only(log.path)
            try:
                return build_report(db, responder.matcher, since_days=STATS_DAYS)
            finally:
                db.close()

        return await asyncio.to_thread(build)
    except Exception:  # storage trouble or a bug: say so, and keep the traceback
        logger.exception("could not read the question log")
        return None


async def notify_admins(bot: Bot, services: Services, html: Callable[[str], str] | str) -> None:
    """Tell every admin (in their private chat with the bot); unreachable ones are logged.

    Args:
        bot: the bot to send with.
        services: the admins, and what tells each admin's language.
        html: the message, or how to say it in a language (each admin's own: their
            /language choice, else the language they last wrote to the bot in).
    """
    for admin in sorted(services.admins):
        said = html if isinstance(html, str) else html(user_language(services, admin, admin))
        try:
            # A reload that adds a file of 150 intents names them all: more than a message.
            for piece in split_message(said):
                try:
                    await bot.send_message(admin, piece, parse_mode=ParseMode.HTML)
                except BadRequest as exc:
                    if "can't parse entities" not in str(exc).lower():
                        raise
                    # Split inside a tag (a long problem line): the words still matter.
                    await bot.send_message(admin, to_plain_text(piece))
        except TelegramError as exc:
            logger.warning(
                "could not notify admin %s (they may need to /start the bot): %s", admin, exc
            )
