"""Long polling that confirms an update to Telegram only after it has been answered.

A slow update is confirmed after it has been saved to the inbox.

python-telegram-bot's Updater confirms a batch as soon as it is fetched, so a crash loses
every queued question. Here `getUpdates` is always called with the lowest update id still
being answered as its offset (the watermark): Telegram keeps everything from there on,
and a restart gets it again. Updates are answered concurrently; ones already in hand are
skipped when Telegram sends them again. After a crash, what comes back is only what was
answered but not yet confirmed: at most one batch (100 updates); with `remember_answered`
each answered update is recorded in the inbox's SQLite file and skipped after a restart,
so only answers sent in the instant before the crash can go out twice.

An answer that cannot be sent because of network trouble (Telegram down, 5xx, timeouts,
"retry after") is not confirmed: the error handler marks its `Delivery` failed, and the
poller processes the update again with backoff until it goes out; the `Delivery` tells the
handlers what earlier attempts already sent, so only the missing parts go out. On stop,
answers still in flight after `drain_seconds` are abandoned unconfirmed (or left in the
inbox), so the next start answers them.

Telegram sends at most 100 updates from the offset, so an update that takes long (a chat
held back by rate limits) would stop new ones arriving. Updates still unanswered after
`Timing.park_after` are therefore saved to the `Inbox` and the watermark moves past them;
they are answered as usual and removed from the inbox then, or on the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Sequence

from telegram import Update
from telegram.error import Conflict, InvalidToken, RetryAfter
from telegram.ext import Application

from bot.aio import sleep_unless
from bot.telegram.delivery import Deliveries
from bot.telegram.inbox import Inbox
from bot.telegram.retries import is_transient, seconds
from bot.telegram.timing import PRODUCTION, Timing

logger = logging.getLogger(__name__)

BATCH_LIMIT = 100
# Fetch again once no more than this many updates are still being answered.
LOW_WATER = 4
# Answered updates are remembered in memory (to skip Telegram's re-sends) up to this many
# batches' worth while others are in flight; older ones are below the watermark anyway.
ANSWERED_KEPT = 10 * BATCH_LIMIT
# Prune the records of answered updates every this many fetches.
PRUNE_EVERY_FETCHES = 20


class ConfirmingPoller:
    """Fetch, answer concurrently, and confirm only what has been answered."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        *,
        allowed_updates: Sequence[str],
        poll_timeout: int = 10,
        concurrency: int = 16,
        inbox: Inbox | None = None,
        remember_answered: bool = True,
        deliveries: Deliveries | None = None,
        timing: Timing = PRODUCTION,
    ) -> None:
        self.application = application
        # Shared with the handlers (through `Services`): each update's progress over retries.
        self.deliveries = deliveries if deliveries is not None else Deliveries()
        self.allowed_updates = list(allowed_updates)
        self.poll_timeout = poll_timeout
        self.timing = timing
        self._slots = asyncio.Semaphore(concurrency)
        self.inbox = inbox
        # Record each answered update in the inbox, so a restart after a crash skips those
        # Telegram sends again (answered, but not yet confirmed) instead of answering twice.
        self.remember_answered = remember_answered and inbox is not None
        self._answered_before: set[int] = set()
        self._fetches = 0
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._started_at: dict[int, float] = {}
        self._parked: set[int] = set()
        self._updates: dict[int, Update] = {}
        self._answered: set[int] = set()
        # Abandoned on stop without an answer: never confirmed.
        self._unfinished: set[int] = set()
        self._highest: int | None = None
        self._backoff = timing.backoff()
        # Answered updates not yet recorded in the inbox, written together every few ms.
        self._unrecorded: list[int] = []
        self._recorder: asyncio.Task[None] | None = None

    @property
    def watermark(self) -> int | None:
        """The offset to send: the lowest update still being answered, or one past the last."""
        waiting = (self._in_flight.keys() | self._unfinished) - self._parked
        if waiting:
            return min(waiting)
        return None if self._highest is None else self._highest + 1

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set, then finish in-flight answers and confirm them."""
        self._resume_from_inbox()
        while not stop.is_set():
            fetch = asyncio.create_task(self._fetch(stop))
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait([fetch, stopping], return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not fetch.done():
                # Safe to abandon: nothing fetched is confirmed until it has been answered.
                fetch.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await fetch
                break
            for update in fetch.result():
                if self._is_new(update.update_id):
                    self._start(update)
                elif update.update_id in self._answered_before:
                    # Answered before a crash: move the watermark past it, don't answer again.
                    self._highest = max(update.update_id, self._highest or update.update_id)
                    logger.info("update %s was answered before the last stop", update.update_id)
            # Telegram re-sends everything from the watermark on, so asking again while
            # many answers are in flight would fetch (and parse) them all again. Ask when
            # most are done, or after a second, so a slow chat never stalls the rest.
            deadline = asyncio.get_running_loop().time() + self.timing.fetch_every
            while len(self._in_flight) > LOW_WATER and not stop.is_set():
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0:
                    break
                await _wait_first(list(self._in_flight.values()), stop, timeout=left)
            if self._in_flight and not stop.is_set():
                await _wait_first(
                    list(self._in_flight.values()),
                    stop,
                    timeout=self.timing.refetch_while_answering,
                )
            await self._park_slow_updates()
        await self._drain()
        if self._recorder is not None:
            await self._recorder

    def _resume_from_inbox(self) -> None:
        if self.inbox is None:
            return
        if self.remember_answered:
            self._answered_before = self.inbox.answered()
        for update_id, data in self.inbox.pending():
            if update_id in self._answered_before:
                self.inbox.remove(update_id)  # answered just before the stop
                continue
            update = Update.de_json(json.loads(data), self.application.bot)
            logger.info("answering update %s saved before the last stop", update_id)
            self._parked.add(update_id)
            self._start(update)

    async def _park_slow_updates(self) -> None:
        """Save updates that take long to the inbox, so the watermark can move past them."""
        if self.inbox is None:
            return
        now = time.monotonic()
        slow = [
            i
            for i, started in self._started_at.items()
            if i not in self._parked and now - started > self.timing.park_after
        ]
        if not slow:
            return
        rows = [(i, self._updates[i].to_json()) for i in slow if i in self._updates]
        try:
            await asyncio.to_thread(self.inbox.save, rows)
        except Exception:  # without the inbox, keep them unconfirmed: slower, never lost
            logger.exception("could not save %d slow updates to the inbox", len(rows))
            return
        # Answers go on while the inbox saves: one that finished meanwhile was not parked
        # when it finished, so nothing removed it. Remove it now, or a restart answers it
        # again. (No await between this check and the marking: nothing can finish between.)
        saved = [i for i, _ in rows]
        waiting = self._in_flight.keys() | self._unfinished  # unfinished: cancelled, stopping
        done = [i for i in saved if i not in waiting]
        self._parked.update(i for i in saved if i in waiting)
        logger.info("saved %d slow updates to the inbox; polling on past them", len(rows))
        for update_id in done:
            try:
                await asyncio.to_thread(self.inbox.remove, update_id)
            except Exception:  # it would only be answered again after a restart
                logger.warning(
                    "could not remove update %s from the inbox", update_id, exc_info=True
                )

    async def _fetch(self, stop: asyncio.Event) -> tuple[Update, ...]:
        timeout = 0 if self._in_flight else self.poll_timeout
        offset = self.watermark
        try:
            updates = await self.application.bot.get_updates(
                offset=offset,
                limit=BATCH_LIMIT,
                timeout=timeout,
                allowed_updates=self.allowed_updates,
            )
        except InvalidToken:
            raise
        except RetryAfter as exc:
            await sleep_unless(stop, seconds(exc.retry_after) + 0.5)
            return ()
        except Exception as exc:
            # Conflict: another poller, or a webhook left set; it may go away, so wait.
            if not (is_transient(exc) or isinstance(exc, Conflict)):
                raise
            delay = self._backoff.next()
            logger.warning("getUpdates failed (%s); retrying in %.1f s", exc, delay)
            await sleep_unless(stop, delay)
            return ()
        self._backoff.reset()
        self._fetches += 1
        if (
            self.remember_answered
            and offset is not None
            and self._fetches % PRUNE_EVERY_FETCHES == 0
        ):
            await self._forget_confirmed(offset)
        return tuple(updates)

    async def _forget_confirmed(self, mark: int) -> None:
        """Drop the records of answered updates below `mark`: they never come back.

        `mark` is an offset Telegram has been sent, so it has confirmed everything below it.
        """
        if self.inbox is None:
            return
        self._answered_before = {i for i in self._answered_before if i >= mark}
        try:
            await asyncio.to_thread(self.inbox.forget_answered_below, mark)
        except Exception:  # only a few more rows kept
            logger.warning("could not prune the answered updates", exc_info=True)

    def _is_new(self, update_id: int) -> bool:
        mark = self.watermark
        return (
            (mark is None or update_id >= mark)
            and update_id not in self._in_flight
            and update_id not in self._answered
            and update_id not in self._answered_before
        )

    def _start(self, update: Update) -> None:
        self._highest = max(update.update_id, self._highest or update.update_id)
        self._started_at[update.update_id] = time.monotonic()
        self._updates[update.update_id] = update
        task = asyncio.create_task(self._answer(update), name=f"update-{update.update_id}")
        self._in_flight[update.update_id] = task

    async def _answer(self, update: Update) -> None:
        update_id = update.update_id
        try:
            await self._process_until_sent(update)
        except asyncio.CancelledError:  # stopping: left unconfirmed, answered after a restart
            self._finish(update_id, answered=False)
            raise
        except Exception:  # the error handlers have had it; never let one update stop polling
            logger.exception("update %s could not be processed", update_id)
        self._finish(update_id, answered=True)
        parked = update_id in self._parked
        self._parked.discard(update_id)
        if self.inbox is None:
            return
        if self.remember_answered:
            self._unrecorded.append(update_id)
            if self._recorder is None or self._recorder.done():
                self._recorder = asyncio.create_task(self._record_answered_soon())
        if parked:
            try:
                await asyncio.to_thread(self.inbox.remove, update_id)
            except Exception:  # it would only be answered again after a restart
                logger.warning(
                    "could not remove update %s from the inbox", update_id, exc_info=True
                )

    async def _record_answered_soon(self) -> None:
        """Record the answered updates of the last few milliseconds in one transaction.

        One thread hop and one commit per batch, not per answer. A crash in between can only repeat
        those few answers.
        """
        await asyncio.sleep(self.timing.record_every)
        answered, self._unrecorded = self._unrecorded, []
        assert self.inbox is not None
        try:
            await asyncio.to_thread(self.inbox.mark_answered, answered)
        except Exception:  # they would only be answered again after a restart
            logger.warning("could not record %d answered updates", len(answered), exc_info=True)

    async def _process_until_sent(self, update: Update) -> None:
        """Process the update; again, with backoff, while its answer fails on network trouble."""
        delivery = self.deliveries.begin(update.update_id)
        give_up_at = time.monotonic() + self.timing.retry_for
        backoff = self.timing.backoff()
        try:
            while True:
                async with self._slots:
                    await self.application.process_update(update)
                if not delivery.failed:
                    return
                if time.monotonic() > give_up_at:
                    logger.error(
                        "gave up answering update %s after network trouble", update.update_id
                    )
                    return
                delay = backoff.next()
                logger.warning(
                    "the answer to update %s could not be sent; trying again in %.1f s",
                    update.update_id,
                    delay,
                )
                await asyncio.sleep(delay)
                delivery.next_attempt()
        finally:
            self.deliveries.end(update.update_id)

    def _finish(self, update_id: int, *, answered: bool) -> None:
        self._in_flight.pop(update_id, None)
        self._started_at.pop(update_id, None)
        self._updates.pop(update_id, None)
        if not answered:
            self._unfinished.add(update_id)  # and if it was parked, it stays in the inbox
            return
        self._answered.add(update_id)
        if not self._in_flight:
            self._answered.clear()  # all confirmed by the next getUpdates
        elif len(self._answered) > ANSWERED_KEPT and (mark := self.watermark):
            self._answered = {i for i in self._answered if i >= mark}

    async def _drain(self) -> None:
        """Let in-flight answers go out, then confirm everything answered."""
        pending = list(self._in_flight.values())
        if pending:
            logger.info("stopping: finishing %d answers in flight", len(pending))
            _, still = await asyncio.wait(pending, timeout=self.timing.drain)
            for task in still:
                task.cancel()
            if still:
                logger.info("stopping: %d answers left for the next start", len(still))
                await asyncio.wait(still, timeout=1.0)
        mark = self.watermark
        if mark is not None:
            # Telegram may be down as we stop; what is not confirmed now is answered again.
            try:
                await asyncio.wait_for(
                    self.application.bot.get_updates(
                        offset=mark, limit=1, timeout=0, allowed_updates=self.allowed_updates
                    ),
                    self.timing.confirm_timeout,
                )
            except Exception as exc:
                if not (is_transient(exc) or isinstance(exc, (Conflict, TimeoutError))):
                    raise
                return
            if self.remember_answered:
                await self._forget_confirmed(mark)


async def _wait_first(tasks: list[asyncio.Task[None]], stop: asyncio.Event, timeout: float) -> None:
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([*tasks, stopper], timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
