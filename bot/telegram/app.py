"""Build the python-telegram-bot Application and run it by polling or by webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Callable

from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    MessageReactionHandler,
    TypeHandler,
    filters,
)

from bot import data
from bot.aio import sleep_unless
from bot.errors import ConfigError
from bot.intents import load_content
from bot.language import LanguageMemory
from bot.logging_setup import configure_logging
from bot.memory import ConversationMemory
from bot.questionlog import QuestionLog, log_from_settings, unusable_data_folder
from bot.reload import AnyReload, LiveContent, TextsReloadResult
from bot.responder import Responder, keep_loaded
from bot.settings import Settings
from bot.storage.files import private_folder
from bot.telegram import (
    admin,
    buttons,
    commands,
    guard,
    guest,
    handoff,
    inline,
    menus,
    privacy,
    questions,
    reactions,
)
from bot.telegram.flood import FloodGuard
from bot.telegram.inbox import Inbox
from bot.telegram.polling import ConfirmingPoller
from bot.telegram.ratelimit import ChatAwareRateLimiter
from bot.telegram.retries import is_transient, seconds
from bot.telegram.services import CONTEXT_TYPES, App, Services, Watcher, stored
from bot.telegram.timing import PRODUCTION, Timing

logger = logging.getLogger(__name__)

# Passed on every start: Telegram remembers the last list, so omitting it is a gamble.
# `message_reaction`: 👍/👎 reactions are votes; `guest_message`: guest mode (Bot API 10.0).
ALLOWED_UPDATES = [
    "message",
    "edited_message",
    "callback_query",
    "inline_query",
    "my_chat_member",
    "message_reaction",
    "guest_message",
]
BOOTSTRAP_ATTEMPTS = 8  # webhook mode: python-telegram-bot's own start-up retries
CONCURRENCY = 16
# Connections: two per update answered at once (a send and an acknowledgement, say).
POOL_SIZE = CONCURRENCY * 2
# How long a request waits for a free connection, and getUpdates for its long poll's answer.
POOL_TIMEOUT_SECONDS = 5.0
GET_UPDATES_READ_TIMEOUT_SECONDS = 15.0
# On stop, how long the live-reload watcher may take to finish.
WATCHER_STOP_SECONDS = 5.0
# Inline queries per user allowed in a flood window, as a multiple of FLOOD_MAX_MESSAGES:
# a client sends one every few keystrokes while the user types `@bot question`.
INLINE_FLOOD_ALLOWANCE = 4


def build_application(
    settings: Settings,
    live: LiveContent,
    *,
    log: QuestionLog | None = None,
    webhook: bool = False,
    timing: Timing = PRODUCTION,
) -> App:
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
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(CONCURRENCY)
        .connection_pool_size(POOL_SIZE)
        .pool_timeout(POOL_TIMEOUT_SECONDS)
        .get_updates_read_timeout(GET_UPDATES_READ_TIMEOUT_SECONDS)
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
    application: App = builder.build()
    application.bot_data.services = Services(
        live=live,
        flood=FloodGuard(settings.flood_max_messages, settings.flood_window_seconds),
        inline_flood=FloodGuard(
            settings.flood_max_messages * INLINE_FLOOD_ALLOWANCE, settings.flood_window_seconds
        ),
        log=log,
        admins=settings.admin_ids,
        live_reload=settings.live_reload,
        timing=timing,
        memory=ConversationMemory(ttl_seconds=settings.conversation_minutes * 60),
        languages=LanguageMemory(choices=log),
        editors_chat_id=settings.editors_chat_id,
    )
    add_handlers(application)
    return application


def add_handlers(application: App) -> None:
    """Route every kind of update to its handler, behind the flood guard."""
    messages = filters.UpdateType.MESSAGES  # new and edited; channel posts are not ours
    application.add_handler(TypeHandler(Update, guard.flood_guard), group=-1)
    application.add_handler(CommandHandler("start", commands.start))
    application.add_handler(CommandHandler("help", commands.help_command))
    application.add_handler(CommandHandler("topics", commands.topics))
    application.add_handler(CommandHandler("source", commands.source))
    application.add_handler(CommandHandler(["reset", "new"], commands.reset))
    application.add_handler(CommandHandler("language", commands.language))
    application.add_handler(CommandHandler("privacy", privacy.privacy))
    application.add_handler(CommandHandler("forget", privacy.forget))
    application.add_handler(CommandHandler("optout", privacy.optout))
    application.add_handler(CommandHandler("optin", privacy.optin))
    application.add_handler(CommandHandler("reload", admin.reload_command))
    application.add_handler(CommandHandler("stats", admin.stats))
    application.add_handler(CommandHandler("unanswered", admin.unanswered))
    editors = application.bot_data.services.editors_chat_id
    if editors is not None:
        # Before questions: in the editors' chat, a reply to a forwarded question is an
        # answer to relay, not a question for the bot.
        application.add_handler(
            MessageHandler(
                filters.UpdateType.MESSAGE
                & filters.Chat(editors)
                & filters.REPLY
                & filters.TEXT
                & ~filters.COMMAND,
                handoff.editor_reply,
            )
        )
    # A photo's caption is its sender's words too ("can i take this with warfarin?").
    application.add_handler(
        MessageHandler(
            messages & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND, questions.question
        )
    )
    application.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE
            & filters.ChatType.PRIVATE
            & ~filters.TEXT
            & ~filters.StatusUpdate.ALL,
            commands.non_text,
        )
    )
    application.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.COMMAND,
            commands.unknown_command,
        )
    )
    application.add_handler(
        CallbackQueryHandler(admin.editor_button, pattern=admin.EDITOR_CALLBACK_PATTERN)
    )
    application.add_handler(CallbackQueryHandler(buttons.button))
    application.add_handler(InlineQueryHandler(inline.inline_query))
    application.add_handler(
        MessageReactionHandler(
            reactions.reaction,
            message_reaction_types=MessageReactionHandler.MESSAGE_REACTION_UPDATED,
        )
    )
    application.add_handler(
        MessageHandler(filters.UpdateType.GUEST_MESSAGE & filters.TEXT, guest.guest_question)
    )
    application.add_error_handler(guard.error_handler)


async def _started(application: App) -> None:
    """Register the command menus and start watching the intents folder."""
    found = application.bot_data.services
    if found.log is not None:
        # The log's writer thread reads the stored /language choices as it connects: wait
        # for it, so the updates queued while the bot was down get the chosen language.
        try:
            await stored(found.log.flush())
        except Exception as exc:  # a slow or broken disk: answer anyway, in detected languages
            logger.warning("question log not ready at start: %s", exc)
    await menus.set_menus(application.bot, found.admins)
    if found.live_reload:
        stop = asyncio.Event()

        async def tell_admins(result: AnyReload) -> None:
            if not result.worth_telling:
                return  # a save that changed nothing is not news
            if isinstance(result, TextsReloadResult) and result.applied:
                await menus.set_menus(application.bot, found.admins)
            await admin.notify_admins(application.bot, found, result.html)

        found.watcher = Watcher(stop, asyncio.create_task(found.live.watch(tell_admins, stop)))
        logger.info("live reload: watching %s", found.live.directory)


async def _stopping(application: App) -> None:
    """Stop watching the intents folder."""
    found = application.bot_data.services
    watcher, found.watcher = found.watcher, None
    if watcher is not None:
        watcher.stop.set()
        await asyncio.wait_for(watcher.task, timeout=WATCHER_STOP_SECONDS)


async def _stopped(application: App) -> None:
    """Commit what the question log still has queued."""
    log = application.bot_data.services.log
    if log is not None:
        await asyncio.to_thread(log.close)


def run_bot(settings: Settings, *, webhook_url: str | None = None) -> int:
    """Start the bot and serve until SIGINT or SIGTERM. Returns the exit code."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    salt = settings.user_hash_salt.get_secret_value() if settings.user_hash_salt else ""
    redactor = configure_logging(settings.log_level, secrets=[token, secret, salt])
    try:
        # The update inbox lives there even with QUESTION_LOG=off: refuse a bad DATA_DIR in
        # one line, before the warm-up, not with a traceback after it.
        private_folder(settings.data_dir)
    except OSError as exc:
        raise ConfigError(unusable_data_folder(settings.data_dir, exc)) from None
    application = application_from_settings(settings, webhook=bool(webhook_url), warm_up=False)

    def warm_up() -> None:
        # Once Telegram has taken the token: a rejected one is told at once, not after
        # seconds of loading tables; no update is handled before this returns.
        started = time.perf_counter()
        application.bot_data.services.live.responder.warm_up()
        keep_loaded()  # the loaded tables stay out of the collector's walks
        logger.info("tables loaded in %.1f s", time.perf_counter() - started)

    try:
        if webhook_url:
            return _run_webhook(application, settings, webhook_url, when_reached=warm_up)
        with asyncio.Runner(loop_factory=_fast_event_loop_factory()) as runner:
            runner.run(
                serve_polling(
                    application,
                    inbox=Inbox(settings.database),
                    remember_answered=settings.remember_answered,
                    when_reached=warm_up,
                )
            )
    except InvalidToken:
        # python-telegram-bot's message quotes the token, and an uncaught exception's
        # traceback never passes the redacting log filter: say it in our words, once.
        raise ConfigError(
            "Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather"
        ) from None
    except TelegramError as exc:
        # Any other refusal (a proxy's 403, a 409 from another copy of the bot polling) has
        # the same uncaught traceback, and a server's words may quote the URL and its token.
        raise ConfigError(
            "Telegram, or a proxy in front of it (TELEGRAM_BASE_URL), refused the bot: "
            f"{redactor.redact(str(exc))}"
        ) from None
    return 0


def application_from_settings(
    settings: Settings,
    *,
    webhook: bool = False,
    timing: Timing = PRODUCTION,
    responder: Responder | None = None,
    warm_up: bool = True,
) -> App:
    """The Application over the intents, question log and data folder that `settings` name.

    Args:
        settings: the bot's settings.
        webhook: whether updates come by webhook rather than polling.
        timing: the waits of sending and polling.
        responder: the responder over `settings`' intents and thresholds, if one is built
            already (the tests share one across their many bots: building and warming it
            costs seconds of CPU each time); None builds it.
        warm_up: whether to load the responder's tables now; `run_bot` loads them once
            Telegram has taken the token instead.
    """
    if responder is None:
        responder = Responder(load_content(settings.intents_dir), thresholds=settings.thresholds)
    if warm_up:
        # Before the first update, not on it: no user's first question waits for a table.
        responder.warm_up()
    # The interface catalogues are watched and reloaded with the intents.
    live = LiveContent(
        settings.intents_dir,
        settings.thresholds,
        responder,
        interface=data.SHIPPED_INTERFACE,
        warm_up=True,
    )
    log = log_from_settings(settings)
    return build_application(settings, live, log=log, webhook=webhook, timing=timing)


def _fast_event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """Uvloop where it is installed (not on Windows): the bot is I/O-bound and it is faster."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


async def serve_polling(
    application: App,
    stop: asyncio.Event | None = None,
    inbox: Inbox | None = None,
    *,
    remember_answered: bool = True,
    when_reached: Callable[[], None] | None = None,
) -> None:
    """Bootstrap with retries, poll until stopped, then shut down cleanly.

    The order is python-telegram-bot's own (`Application.run_polling`): initialize,
    post_init, start, ..., stop and post_stop (only if started), then shutdown and
    post_shutdown, which run even when starting failed.
    """
    stop = stop or asyncio.Event()
    found = application.bot_data.services
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not possible off the main thread (tests) or on Windows; Ctrl-C still works there.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        if not await _bootstrap(application, stop, found.timing, when_reached=when_reached):
            logger.info("stopped before Telegram could be reached")
            return
        try:
            if application.post_init is not None:
                await application.post_init(application)
            await application.start()
            logger.info("K2 Bot @%s is polling for questions", application.bot.username)
            poller = ConfirmingPoller(
                application,
                allowed_updates=ALLOWED_UPDATES,
                concurrency=CONCURRENCY,
                inbox=inbox,
                remember_answered=remember_answered,
                deliveries=found.deliveries,
                timing=found.timing,
            )
            await poller.run(stop)
        finally:
            if application.running:
                await application.stop()
                if application.post_stop is not None:  # only if stop was called, as PTB does
                    await application.post_stop(application)
            await application.shutdown()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
            logger.info("stopped")
    finally:
        if inbox is not None:
            inbox.close()


async def _bootstrap(
    application: App,
    stop: asyncio.Event,
    timing: Timing = PRODUCTION,
    *,
    delete_webhook: bool = True,
    when_reached: Callable[[], None] | None = None,
) -> bool:
    """Reach Telegram, retrying network trouble until `stop` is set.

    Calls getMe, and deleteWebhook when polling.

    Telegram (or the network to it) being down when the bot starts is no reason to exit:
    the bot waits, with backoff, and serves the backlog once Telegram answers. A rejected
    token is final. Then `when_reached` runs (off the event loop). Returns False if stopped first.
    """
    backoff = timing.backoff()
    while not stop.is_set():
        try:
            await application.initialize()
            if delete_webhook:
                # Polling needs no webhook; keep the backlog, so questions sent during a
                # deploy get answers.
                await application.bot.delete_webhook()
            if when_reached is not None:
                await asyncio.to_thread(when_reached)
            return True
        except InvalidToken:
            raise
        except Exception as exc:
            if not is_transient(exc):
                raise
            # Telegram said how long to wait: wait that, plus a little.
            wait = seconds(exc.retry_after) + 0.5 if isinstance(exc, RetryAfter) else backoff.next()
            logger.warning("cannot reach Telegram yet (%s); trying again in %.1f s", exc, wait)
            await sleep_unless(stop, wait)
    return False


def _run_webhook(
    application: App,
    settings: Settings,
    url: str,
    *,
    when_reached: Callable[[], None] | None = None,
) -> int:
    if settings.webhook_secret is None:
        raise ConfigError(
            "webhook mode needs WEBHOOK_SECRET: Telegram sends it with every "
            "update and requests without it are rejected"
        )
    # Reach Telegram first, as polling does: python-telegram-bot's own bootstrap logs a
    # rejected token as an ERROR with a traceback; ours raises it for one clean line. Its
    # initialize() is then a no-op, on the same event loop run_webhook goes on to use.
    loop_factory = _fast_event_loop_factory() or asyncio.new_event_loop
    loop = loop_factory()
    asyncio.set_event_loop(loop)
    stop = asyncio.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        reached = loop.run_until_complete(
            _bootstrap(
                application,
                stop,
                application.bot_data.services.timing,
                delete_webhook=False,
                when_reached=when_reached,
            )
        )
    finally:
        for sig in signals:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
    if not reached:
        logger.info("stopped before Telegram could be reached")
        loop.close()
        return 0
    # The secret token is checked by python-telegram-bot (telegram/ext/_utils/webhookhandler.py,
    # WebhookRequestHandler._validate_post: `if token != self.secret_token`), not in constant
    # time. That is enough here: the listener is on 127.0.0.1 behind a reverse proxy by
    # default, and a secret of up to 256 random characters cannot be recovered by timing
    # string comparisons over a network (README, "Running on Telegram").
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
