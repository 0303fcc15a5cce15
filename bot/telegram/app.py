"""Build the python-telegram-bot Application and run it by polling or by webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.errors import ConfigError
from bot.intents import load_content
from bot.logs import configure_logging
from bot.memory import ConversationMemory
from bot.questionlog import QuestionLog, load_or_create_salt
from bot.reload import LiveContent, ReloadResult
from bot.responder import Responder
from bot.settings import Settings
from bot.telegram import handlers
from bot.telegram.flood import FloodGuard
from bot.telegram.inbox import Inbox
from bot.telegram.polling import MAX_BACKOFF_SECONDS, ConfirmingPoller, sleep_unless
from bot.telegram.ratelimit import ChatAwareRateLimiter
from bot.telegram.retries import is_transient, seconds

logger = logging.getLogger(__name__)

# Passed on every start: Telegram remembers the last list, so omitting it is a gamble.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"]
COMMANDS = [
    BotCommand("start", "Start: what I can answer"),
    BotCommand("help", "How to ask, and what the buttons do"),
    BotCommand("topics", "The questions I can answer"),
    BotCommand("source", "The article my answers come from"),
    BotCommand("reset", "Start over: forget what we were talking about"),
    BotCommand("forget", "Delete what is stored about you"),
    BotCommand("optout", "Stop logging your questions"),
]
# Shown in the admins' own chats only; the commands check ADMIN_IDS regardless.
ADMIN_COMMANDS = [
    BotCommand("stats", "Editors: questions and fall-backs this week"),
    BotCommand("unanswered", "Editors: what the bot could not answer"),
    BotCommand("reload", "Editors: reload the intents now"),
]
BOOTSTRAP_ATTEMPTS = 8  # webhook mode: python-telegram-bot's own start-up retries
BOOTSTRAP_FIRST_DELAY = 0.5
CONCURRENCY = 16
SALT_FILE = "k2bot.salt"


def build_application(
    settings: Settings,
    live: LiveContent,
    *,
    log: QuestionLog | None = None,
    webhook: bool = False,
) -> Application:  # type: ignore[type-arg]
    """The Application with every handler, pointed at `settings.telegram_base_url` if set.

    For polling it has no Updater: `ConfirmingPoller` fetches updates instead, so that
    none is confirmed before it is answered. Webhooks use python-telegram-bot's Updater,
    whose server checks the secret token header. With `settings.live_reload`, the intents
    folder is watched from start to stop.
    """
    if settings.telegram_bot_token is None:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .concurrent_updates(CONCURRENCY)
        .connection_pool_size(CONCURRENCY * 2)
        .pool_timeout(5.0)
        .get_updates_read_timeout(15.0)
        .post_init(_started)
        .post_stop(_stopping)
        .post_shutdown(_stopped)
    )
    if not webhook:
        builder = builder.updater(None)
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    if settings.telegram_rate_limit:
        # AIORateLimiter is typed for its own retry argument type; ours is the same.
        builder = builder.rate_limiter(ChatAwareRateLimiter(max_retries=3))  # type: ignore[arg-type]
    application = builder.build()
    application.bot_data["services"] = handlers.Services(
        live=live,
        flood=FloodGuard(settings.flood_max_messages, settings.flood_window_seconds),
        log=log,
        admins=settings.admin_ids,
        memory=ConversationMemory(ttl_seconds=settings.conversation_minutes * 60),
    )
    application.bot_data["live_reload"] = settings.live_reload
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
    messages = filters.UpdateType.MESSAGES  # new and edited; channel posts are not ours
    application.add_handler(TypeHandler(Update, handlers.flood_guard), group=-1)
    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("help", handlers.help_command))
    application.add_handler(CommandHandler("topics", handlers.topics))
    application.add_handler(CommandHandler("source", handlers.source))
    application.add_handler(CommandHandler(["reset", "new"], handlers.reset))
    application.add_handler(CommandHandler("forget", handlers.forget))
    application.add_handler(CommandHandler("optout", handlers.optout))
    application.add_handler(CommandHandler("optin", handlers.optin))
    application.add_handler(CommandHandler("reload", handlers.reload_command))
    application.add_handler(CommandHandler("stats", handlers.stats))
    application.add_handler(CommandHandler("unanswered", handlers.unanswered))
    application.add_handler(
        MessageHandler(messages & filters.TEXT & ~filters.COMMAND, handlers.question)
    )
    application.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE
            & filters.ChatType.PRIVATE
            & ~filters.TEXT
            & ~filters.StatusUpdate.ALL,
            handlers.non_text,
        )
    )
    application.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.COMMAND,
            handlers.unknown_command,
        )
    )
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_error_handler(handlers.error_handler)


async def _started(application: Application) -> None:  # type: ignore[type-arg]
    """Register the command menus and start watching the intents folder."""
    found: handlers.Services = application.bot_data["services"]
    try:
        await application.bot.set_my_commands(COMMANDS)
    except Exception as exc:
        logger.warning("could not register the command menu: %s", exc)
    for admin in sorted(found.admins):
        try:
            await application.bot.set_my_commands(
                COMMANDS + ADMIN_COMMANDS, scope=BotCommandScopeChat(admin)
            )
        except Exception as exc:  # the admin has not started the bot yet, say
            logger.info("no editors' command menu for admin %s: %s", admin, exc)
    if application.bot_data.get("live_reload"):
        stop = asyncio.Event()

        async def tell_admins(result: ReloadResult) -> None:
            if result.applied and not result.change:
                return  # a save that changed nothing is not news
            await handlers.notify_admins(application.bot, found.admins, result.html())

        watcher = asyncio.create_task(found.live.watch(tell_admins, stop))
        application.bot_data["watcher"] = (stop, watcher)
        logger.info("live reload: watching %s", found.live.directory)


async def _stopping(application: Application) -> None:  # type: ignore[type-arg]
    watcher = application.bot_data.pop("watcher", None)
    if watcher is not None:
        stop, task = watcher
        stop.set()
        await asyncio.wait_for(task, timeout=5)


async def _stopped(application: Application) -> None:  # type: ignore[type-arg]
    log = application.bot_data["services"].log
    if log is not None:
        await asyncio.to_thread(log.close)  # commits what is queued


def run_bot(settings: Settings, *, webhook_url: str | None = None) -> int:
    """Start the bot and serve until SIGINT or SIGTERM. Returns the exit code."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    salt = settings.user_hash_salt.get_secret_value() if settings.user_hash_salt else ""
    configure_logging(settings.log_level, secrets=[token, secret, salt])
    application = application_from_settings(settings, webhook=bool(webhook_url))
    if webhook_url:
        return _run_webhook(application, settings, webhook_url)
    try:
        with asyncio.Runner(loop_factory=_fast_event_loop_factory()) as runner:
            runner.run(
                serve_polling(
                    application,
                    inbox=Inbox(settings.database),
                    remember_answered=settings.remember_answered,
                )
            )
    except InvalidToken:
        raise ConfigError(
            "Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather"
        ) from None
    return 0


def application_from_settings(settings: Settings, *, webhook: bool = False) -> Application:  # type: ignore[type-arg]
    """The Application over the intents, question log and data folder that `settings` name."""
    responder = Responder(load_content(settings.intents_dir), thresholds=settings.thresholds)
    live = LiveContent(settings.intents_dir, settings.thresholds, responder)
    log = open_question_log(settings) if settings.question_log else None
    return build_application(settings, live, log=log, webhook=webhook)


def open_question_log(settings: Settings) -> QuestionLog:
    """The question log in DATA_DIR, its user-hash salt from USER_HASH_SALT or a salt file."""
    salt = (
        settings.user_hash_salt.get_secret_value().encode()
        if settings.user_hash_salt
        else load_or_create_salt(settings.data_dir / SALT_FILE)
    )
    return QuestionLog(
        settings.question_log_file,
        salt=salt,
        retention_days=settings.question_log_retention_days,
    )


def _fast_event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (not on Windows): the bot is I/O-bound and it is faster."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


async def serve_polling(
    application: Application,  # type: ignore[type-arg]
    stop: asyncio.Event | None = None,
    inbox: Inbox | None = None,
    *,
    remember_answered: bool = True,
) -> None:
    """Bootstrap with retries, poll until stopped, then shut down cleanly."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not possible off the main thread (tests) or on Windows; Ctrl-C still works there.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    if not await _bootstrap(application, stop):
        logger.info("stopped before Telegram could be reached")
        if inbox is not None:
            inbox.close()
        return
    await application.start()
    if application.post_init is not None:  # run_polling would call it; we drive start-up
        await application.post_init(application)
    logger.info("K2 Bot @%s is polling for questions", application.bot.username)
    try:
        poller = ConfirmingPoller(
            application,
            allowed_updates=ALLOWED_UPDATES,
            concurrency=CONCURRENCY,
            inbox=inbox,
            remember_answered=remember_answered,
        )
        await poller.run(stop)
    finally:
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        if inbox is not None:
            inbox.close()
        logger.info("stopped")


async def _bootstrap(application: Application, stop: asyncio.Event) -> bool:  # type: ignore[type-arg]
    """Reach Telegram (getMe, deleteWebhook), retrying network trouble until `stop` is set.

    Telegram (or the network to it) being down when the bot starts is no reason to exit:
    the bot waits, with backoff, and serves the backlog once Telegram answers. A rejected
    token is final. Returns False if stopped first.
    """
    delay = 0.0
    while not stop.is_set():
        try:
            await application.initialize()
            # Polling needs no webhook; keep the backlog, so questions sent during a deploy
            # get answers.
            await application.bot.delete_webhook()
            return True
        except InvalidToken:
            raise
        except Exception as exc:
            if not is_transient(exc):
                raise
            if isinstance(exc, RetryAfter):
                wait = seconds(exc.retry_after) + 0.5
            else:
                delay = min(max(delay * 2, BOOTSTRAP_FIRST_DELAY), MAX_BACKOFF_SECONDS)
                wait = delay
            logger.warning("cannot reach Telegram yet (%s); trying again in %.1f s", exc, wait)
            await sleep_unless(stop, wait)
    return False


def _run_webhook(application: Application, settings: Settings, url: str) -> int:  # type: ignore[type-arg]
    if settings.webhook_secret is None:
        raise ConfigError(
            "webhook mode needs WEBHOOK_SECRET: Telegram sends it with every "
            "update and requests without it are rejected"
        )
    application.run_webhook(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        webhook_url=url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=ALLOWED_UPDATES,
        bootstrap_retries=BOOTSTRAP_ATTEMPTS,
        drop_pending_updates=False,
    )
    return 0
