"""A write-behind SQLite writer.

Callers put rows on a queue in microseconds, one thread commits them in batches, so a slow or broken
disk never holds up the caller.

When SQLite is locked, read-only or full, rows wait in memory (bounded: the oldest are
dropped first, and counted), the problem is logged at most once a minute, and writing
resumes, on a fresh connection, when it can. Requests that need an answer (`ask`) run on
the same thread, after the rows queued before them, and resolve a `Future`.

Nothing here knows what the rows mean: the owner passes how to open the database, how to
store a batch, which rows to keep, and what to do now and then (pruning, say).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from bot.storage.files import connect_private, private_folder

logger = logging.getLogger(__name__)

Row = TypeVar("Row")
COMPLAIN_EVERY_SECONDS = 60.0
# Most rows committed in one transaction.
MAX_BATCH = 5000
# While a batch gathers, how often to look for more rows.
GATHER_POLL_SECONDS = 0.005
# With nothing queued, how many batch periods to wait before retrying waiting rows.
IDLE_BATCHES = 10


@dataclass(slots=True)
class _Request:
    run: Callable[[sqlite3.Connection], Any] | None  # None: just report how many rows wait
    result: Future[Any]


class BackgroundWriter(Generic[Row]):
    """Rows of type `Row` committed in batches by one thread, and requests run in order."""

    def __init__(
        self,
        path: Path,
        *,
        name: str,
        prepare: Callable[[sqlite3.Connection], None],
        store: Callable[[sqlite3.Connection, list[Row]], None],
        keep: Callable[[Row], bool] = lambda row: True,
        now_and_then: Callable[[sqlite3.Connection], None] | None = None,
        every_seconds: float = 3600.0,
        max_waiting: int = 50_000,
        batch_seconds: float = 0.1,
        connect_timeout: float = 1.0,
    ) -> None:
        """Start the writer thread.

        Args:
            path: the SQLite file, created private (0600, in a 0700 folder).
            name: the thread's name, and what log lines call this writer.
            prepare: runs on every new connection (schema, migrations, loading state).
            store: writes a batch of rows, inside a transaction.
            keep: whether a queued row is still wanted when its batch is written.
            now_and_then: maintenance (pruning, say), at start and then every `every_seconds`.
            every_seconds: how often `now_and_then` runs.
            max_waiting: rows kept in memory while the database cannot take them.
            batch_seconds: how long a batch gathers rows before it is committed.
            connect_timeout: SQLite's busy timeout.
        """
        self.path = path
        self.name = name
        self._prepare = prepare
        self._store_rows = store
        self._keep = keep
        self._now_and_then = now_and_then
        self._every = every_seconds
        self._batch_seconds = batch_seconds
        self._connect_timeout = connect_timeout
        self._queue: queue.SimpleQueue[Row | _Request | None] = queue.SimpleQueue()
        self._waiting: deque[Row] = deque(maxlen=max_waiting)
        self._db: sqlite3.Connection | None = None
        self._last_complaint = -COMPLAIN_EVERY_SECONDS
        self._last_maintenance = -every_seconds
        self._dropped = 0
        private_folder(path.parent)
        self._thread = threading.Thread(target=self._write_forever, name=name, daemon=True)
        self._thread.start()

    # -- any thread --------------------------------------------------------------------------

    def put(self, row: Row) -> None:
        """Queue a row; it is committed with the next batch (never blocks on the disk)."""
        self._queue.put(row)

    def ask(self, run: Callable[[sqlite3.Connection], Any] | None) -> Future[Any]:
        """Run `run(connection)` on the writer thread after what is queued.

        Its result (or exception) resolves the Future. `None` only reports how many rows wait in
        memory.
        """
        result: Future[Any] = Future()
        self._queue.put(_Request(run, result))
        return result

    def flush(self) -> Future[int]:
        """Resolves once everything queued before it is committed.

        The result is how many rows still wait in memory because the database could not take them.
        """
        return self.ask(None)

    def close(self, timeout: float = 5.0) -> None:
        """Commit what is queued (as far as the database allows) and stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout)

    # -- the writer thread (also for `ask` callbacks, which run on it) ---------------------

    def discard_waiting(self, unwanted: Callable[[Row], bool]) -> None:
        """Drop rows waiting in memory that match; only from a request running on the writer."""
        kept = [row for row in self._waiting if not unwanted(row)]
        self._waiting.clear()
        self._waiting.extend(kept)

    @property
    def waiting(self) -> int:
        """How many rows wait in memory for the database."""
        return len(self._waiting)

    def _write_forever(self) -> None:
        try:
            self._connection()  # early, so the owner's state is loaded before the first row
        except sqlite3.Error as exc:
            self._complain(exc)
        stopping = False
        while not stopping:
            try:
                item = self._queue.get(timeout=self._batch_seconds * IDLE_BATCHES)
            except queue.Empty:
                self._store()  # retry rows left waiting by a storage problem
                self._maintain_now_and_then()
                continue
            stopping = self._handle(self._gather(item))
            self._store()
        self._disconnect()

    def _gather(self, first: Row | _Request | None) -> list[Row | _Request | None]:
        batch: list[Row | _Request | None] = [first]
        deadline = time.monotonic() + self._batch_seconds
        while len(batch) < MAX_BATCH and time.monotonic() < deadline:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                if isinstance(batch[-1], _Request):
                    break  # someone awaits: answer now rather than at the deadline
                time.sleep(GATHER_POLL_SECONDS)
        return batch

    def _handle(self, batch: Iterable[Row | _Request | None]) -> bool:
        """Take in a batch; returns whether it asked to stop."""
        stopping = False
        for entry in batch:
            if entry is None:
                stopping = True
            elif isinstance(entry, _Request):
                self._store()
                self._run(entry)
            elif self._keep(entry):
                if len(self._waiting) == self._waiting.maxlen:
                    self._dropped += 1  # the deque forgets its oldest row
                self._waiting.append(entry)
        return stopping

    def _run(self, request: _Request) -> None:
        if not request.result.set_running_or_notify_cancel():
            return
        if request.run is None:
            request.result.set_result(len(self._waiting))
            return
        try:
            request.result.set_result(request.run(self._connection()))
        except Exception as exc:
            self._complain(exc)
            self._disconnect()
            request.result.set_exception(exc)

    def _store(self) -> None:
        if not self._waiting:
            return
        try:
            db = self._connection()
            with db:
                self._store_rows(db, list(self._waiting))
        except sqlite3.Error as exc:
            self._complain(exc)
            self._disconnect()  # reconnect next time: the file may have been fixed or replaced
            return
        except Exception as exc:
            # A row SQLite refuses whatever the disk (text with a lone surrogate, say): not
            # a storage problem. Retried, it would hold back every row after it; uncaught,
            # it would end this thread and with it all logging until a restart.
            logger.error("%s: a batch held a row that cannot be stored (%s)", self.name, exc)
            if not self._store_one_by_one():
                return
        self._waiting.clear()
        self._maintain_now_and_then()

    def _store_one_by_one(self) -> bool:
        """Store the waiting rows one at a time, dropping (and counting) those refused.

        Returns False if storage itself failed meanwhile: the rows not yet stored wait.
        """
        refused = 0
        while self._waiting:
            row = self._waiting[0]
            try:
                db = self._connection()
                with db:
                    self._store_rows(db, [row])
            except sqlite3.Error as exc:
                self._complain(exc)
                self._disconnect()
                return False
            except Exception:
                refused += 1
            self._waiting.popleft()
        logger.error("%s: %d row(s) dropped: they cannot be stored", self.name, refused)
        return True

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            # The default isolation level: `with db:` makes a batch one transaction.
            db = connect_private(self.path, timeout=self._connect_timeout)
            try:
                self._prepare(db)
            except sqlite3.Error:
                db.close()
                raise
            self._db = db
            if self._dropped:
                logger.warning(
                    "%s: %d rows were not written while storage was failing",
                    self.name,
                    self._dropped,
                )
                self._dropped = 0
        return self._db

    def _disconnect(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _maintain_now_and_then(self) -> None:
        if self._now_and_then is None:
            return
        now = time.monotonic()
        if now - self._last_maintenance < self._every:
            return
        try:
            db = self._connection()
            with db:
                self._now_and_then(db)
        except sqlite3.Error as exc:
            self._complain(exc)
            self._disconnect()
            return
        self._last_maintenance = now

    def _complain(self, exc: BaseException) -> None:
        now = time.monotonic()
        if now - self._last_complaint < COMPLAIN_EVERY_SECONDS:
            return
        self._last_complaint = now
        logger.error(
            "%s: cannot write to %s (%s); carrying on, %d rows wait in memory",
            self.name,
            self.path,
            exc,
            len(self._waiting),
        )
