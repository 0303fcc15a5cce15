"""Editors' commands (ADMIN_IDS only, in their private chat): /reload, /stats, /unanswered."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot.markup import escape
from bot.messages import stats_html, unanswered_html
from bot.report import UsageReport, build_report, open_read_only
from bot.telegram.sending import send_html
from bot.telegram.services import STORAGE_TROUBLE, BotContext, stored

logger = logging.getLogger(__name__)

STATS_DAYS = 7


async def _admin_only(update: Update, context: BotContext, command: str) -> bool:
    """Whether to run an editors' command: only for an admin, and only in their private chat.

    Everyone else is refused politely, and it is logged. An admin in a group gets a note to
    ask privately and nothing else: the answers quote users' private questions word for word.
    """
    user, message = update.effective_user, update.effective_message
    if user is None or user.id not in context.services.admins:
        logger.warning(
            "refused /%s from user %s: not in ADMIN_IDS", command, user.id if user else None
        )
        if message is not None:
            await send_html(
                context,
                message,
                f"Sorry, /{command} is only for the bot's editors.",
            )
        return False
    if message is None or message.chat.type != ChatType.PRIVATE:
        logger.info("/%s from an admin outside their private chat: pointed there", command)
        if message is not None:
            await send_html(
                context,
                message,
                f"Please send /{command} to me in a private chat.",
            )
        return False
    return True


async def reload_command(update: Update, context: BotContext) -> None:
    """Reload the intents now and say what changed, or what is wrong (admins only)."""
    if not await _admin_only(update, context, "reload") or update.effective_message is None:
        return
    result = await asyncio.to_thread(context.services.live.reload)
    await send_html(context, update.effective_message, result.html())


async def stats(update: Update, context: BotContext) -> None:
    """Questions, answers and fall-backs of the last week, in short (admins only)."""
    if not await _admin_only(update, context, "stats") or update.effective_message is None:
        return
    report = await _report(context)
    await send_html(
        context,
        update.effective_message,
        stats_html(report) if report else escape(STORAGE_TROUBLE),
    )


async def unanswered(update: Update, context: BotContext) -> None:
    """The questions the bot could not answer, grouped, in short (admins only)."""
    if not await _admin_only(update, context, "unanswered") or update.effective_message is None:
        return
    report = await _report(context)
    await send_html(
        context,
        update.effective_message,
        unanswered_html(report) if report else escape(STORAGE_TROUBLE),
    )


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


async def notify_admins(bot: Bot, admins: frozenset[int], html: str) -> None:
    """Tell every admin (in their private chat with the bot); unreachable ones are logged."""
    for admin in sorted(admins):
        try:
            await bot.send_message(admin, html, parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            logger.warning(
                "could not notify admin %s (they may need to /start the bot): %s", admin, exc
            )
