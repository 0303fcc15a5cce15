"""What every handler shares, typed.

`Services` in python-telegram-bot's `bot_data`, reached through `BotContext.services` (PTB's
ContextTypes pattern, examples/contexttypesbot.py).

No string keys: the poller, the handlers and the start-up hooks all hold the one `Services`.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeVar

from telegram import Message, Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.dialogue import Dialogue
from bot.language import LanguageMemory
from bot.memory import ConversationMemory
from bot.questionlog import QuestionLog
from bot.reload import LiveContent
from bot.responder import Responder
from bot.telegram.delivery import Deliveries, Delivery
from bot.telegram.flood import FloodGuard
from bot.telegram.timing import PRODUCTION, Timing

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

STORAGE_WAIT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Watcher:
    """The task watching the intents folder, and the event that stops it."""

    stop: asyncio.Event
    task: asyncio.Task[None]


# How many recent answers, handoffs and relays are remembered, in memory only (a restart
# forgets them): enough for days of a busy bot, a few MB at most.
REMEMBERED = 50_000


class Recent(Generic[K, V]):
    """A mapping that keeps only the `limit` most recently stored entries."""

    def __init__(self, limit: int = REMEMBERED) -> None:
        self._items: OrderedDict[K, V] = OrderedDict()
        self._limit = limit

    def put(self, key: K, value: V) -> None:
        """Store `value` under `key`, forgetting the oldest entry past the limit."""
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._limit:
            self._items.popitem(last=False)

    def get(self, key: K) -> V | None:
        """The value stored under `key`, or None if there is none (any more)."""
        return self._items.get(key)

    def pop(self, key: K) -> V | None:
        """Remove and return the value under `key` (None if there is none)."""
        return self._items.pop(key, None)


@dataclass(frozen=True, slots=True)
class Handoff:
    """A question a user may send to the editors with "Ask a person".

    Holds only what is forwarded (the question) and where to relay the editors' reply.
    """

    chat_id: int
    user_id: int
    question: str
    # Sent to the editors already: a second press says so instead of sending it again.
    forwarded: bool = False
    # The language of the reply the offer came with: what the user is told in.
    language: str = "en"


@dataclass
class Services:
    """What handlers need, built once per Application.

    Handlers read `responder` once per update: a reload swaps it whole underneath them.
    """

    live: LiveContent
    flood: FloodGuard
    inline_flood: FloodGuard
    log: QuestionLog | None = None
    admins: frozenset[int] = frozenset()
    # Watch the intents folder from start to stop (LIVE_RELOAD).
    live_reload: bool = False
    # Each update's progress over the poller's retries: what was sent already.
    deliveries: Deliveries = field(default_factory=Deliveries)
    # The running folder watcher and the event that stops it, between start and stop.
    watcher: Watcher | None = None
    timing: Timing = PRODUCTION
    # What each person in each chat was last told: "why?" and "and mk4?" build on it.
    memory: ConversationMemory = field(default_factory=ConversationMemory)
    # Each user's /language choice and each conversation's last language.
    languages: LanguageMemory = field(default_factory=LanguageMemory)
    # The editors' group for "Ask a person" (EDITORS_CHAT_ID); None: the feature is off.
    editors_chat_id: int | None = None
    # Each answer message sent, (chat id, message id), to its question log reference:
    # a 👍/👎 reaction on the message is a vote on that answer.
    answers: Recent[tuple[int, int], str] = field(default_factory=Recent)
    # "Ask a person" offers by their token, and each answer's offer by its reference.
    handoffs: Recent[str, Handoff] = field(default_factory=Recent)
    handoff_of_answer: Recent[str, str] = field(default_factory=Recent)
    # Questions forwarded to the editors' chat, by the message id there.
    relays: Recent[int, Handoff] = field(default_factory=Recent)
    # Albums (chat id, media group id) to the update that spoke for them: an album of
    # photos arrives as one message per photo, and gets one reply, not one per photo.
    albums: Recent[tuple[int, str], int] = field(default_factory=Recent)

    def speaks_for_album(self, message: Message, update_id: int) -> bool:
        """Whether update `update_id` may reply for `message`'s album (True outside albums).

        The first of an album's messages to ask speaks for it (and again when the poller
        retries it after network trouble); the others stay silent.
        """
        if message.media_group_id is None:
            return True
        key = (message.chat.id, message.media_group_id)
        first = self.albums.get(key)
        if first is None:
            self.albums.put(key, update_id)
            return True
        return first == update_id

    @property
    def responder(self) -> Responder:
        """The current responder (a reload replaces it)."""
        return self.live.responder

    def dialogue(self) -> Dialogue:
        """The conversation layer over the current responder and the shared memory."""
        return Dialogue(self.responder, self.memory, self.languages)


class BotData:
    """python-telegram-bot's `bot_data`, typed: it holds the `Services`, set at build time."""

    __slots__ = ("services",)
    services: Services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler gets.

    Typed access to the services and to the update's `Delivery` (what an earlier attempt at
    answering it already did).
    """

    __slots__ = ("_update_id",)

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self._update_id: int | None = None

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, Any, Any, Any, Any, Any]
    ) -> BotContext:
        """The context for one update (python-telegram-bot calls this for each)."""
        context = super().from_update(update, application)
        if isinstance(update, Update):
            context._update_id = update.update_id
        return context

    @property
    def services(self) -> Services:
        """The Application's shared services."""
        return self.bot_data.services

    @property
    def delivery(self) -> Delivery:
        """This update's progress over retries (a fresh record outside the poller)."""
        if self._update_id is None:
            return Delivery(0)  # no update (an error outside one): nothing to repeat
        return self.services.deliveries.of(self._update_id)


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
# The Application as K2 Bot builds it: our context and bot_data types, the rest as PTB's.
App: TypeAlias = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


async def stored(request: Future[T]) -> T:
    """Await a question-log request without blocking the event loop, for a bounded time."""
    return await asyncio.wait_for(asyncio.wrap_future(request), STORAGE_WAIT_SECONDS)
