"""Build the python-telegram-bot Application and run it by polling or by webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable

from telegram import BotCommand, Update
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
]
BOOTSTRAP_ATTEMPTS = 8  # webhook mode: python-telegram-bot's own start-up retries
BOOTSTRAP_FIRST_DELAY = 0.5
CONCURRENCY = 16
DATABASE = "k2bot.sqlite3"


def build_application(
    settings: Settings, responder: Responder, *, webhook: bool = False
) -> Application:  # type: ignore[type-arg]
    """The Application with every handler, pointed at `settings.telegram_base_url` if set.

    For polling it has no Updater: `ConfirmingPoller` fetches updates instead, so that
    none is confirmed before it is answered. Webhooks use python-telegram-bot's Updater,
    whose server checks the secret token header.
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
        .post_init(_register_commands)
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
        responder=responder,
        flood=FloodGuard(settings.flood_max_messages, settings.flood_window_seconds),
    )
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
    messages = filters.UpdateType.MESSAGES  # new and edited; channel posts are not ours
    application.add_handler(TypeHandler(Update, handlers.flood_guard), group=-1)
    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("help", handlers.help_command))
    application.add_handler(CommandHandler("topics", handlers.topics))
    application.add_handler(CommandHandler("source", handlers.source))
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
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_error_handler(handlers.error_handler)


async def _register_commands(application: Application) -> None:  # type: ignore[type-arg]
    try:
        await application.bot.set_my_commands(COMMANDS)
    except Exception as exc:
        logger.warning("could not register the command menu: %s", exc)


def run_bot(settings: Settings, *, webhook_url: str | None = None) -> int:
    """Start the bot and serve until SIGINT or SIGTERM. Returns the exit code."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    configure_logging(settings.log_level, secrets=[token, secret])
    responder = Responder(load_content(settings.intents_dir), thresholds=settings.thresholds)
    application = build_application(settings, responder, webhook=bool(webhook_url))
    if webhook_url:
        return _run_webhook(application, settings, webhook_url)
    try:
        with asyncio.Runner(loop_factory=_fast_event_loop_factory()) as runner:
            runner.run(
                serve_polling(
                    application,
                    inbox=Inbox(settings.data_dir / DATABASE),
                    remember_answered=settings.remember_answered,
                )
            )
    except InvalidToken:
        raise ConfigError(
            "Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather"
        ) from None
    return 0


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
        await application.shutdown()
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
