"""The question log: every question with its outcome, and 👍/👎 votes, in SQLite.

Editors read it with `k2bot report`. The reply path only puts a row on a queue (a few
microseconds); one writer thread commits rows in batches, so a slow or broken disk never
holds up an answer. When SQLite is locked, read-only or full, rows wait in memory
(bounded), the problem is logged at most once a minute, and writing resumes when it can.

Privacy: user ids are stored only as keyed hashes (HMAC-SHA256 with a salt kept outside
the database), rows older than the retention period are pruned, and `forget` deletes
every row of one user.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import queue
import secrets
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from bot.matching import Outcome
from bot.storage.files import connect_private, private_folder

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,          -- what a feedback button carries
    asked_at REAL NOT NULL,            -- Unix time
    user_hash TEXT,                    -- HMAC of the Telegram user id; never the id itself
    chat_kind TEXT NOT NULL,           -- private | group | terminal ...
    question TEXT NOT NULL,
    outcome TEXT NOT NULL,             -- answered | suggested | fell_back
    intent TEXT,                       -- the intent answered (answered only)
    score REAL NOT NULL,
    update_id INTEGER                  -- the Telegram update asked in: logged once, however
                                       -- often it is processed (NULL: not from Telegram)
);
CREATE INDEX IF NOT EXISTS questions_by_time ON questions (asked_at);
CREATE INDEX IF NOT EXISTS questions_by_user ON questions (user_hash);
CREATE TABLE IF NOT EXISTS votes (
    ref TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    intent TEXT NOT NULL,
    vote INTEGER NOT NULL,             -- +1 or -1
    voted_at REAL NOT NULL,
    PRIMARY KEY (ref, user_hash)       -- one vote per user per answer
);
CREATE INDEX IF NOT EXISTS votes_by_user ON votes (user_hash);
CREATE TABLE IF NOT EXISTS opted_out (user_hash TEXT PRIMARY KEY);
"""
# Logs written before questions carried their update id get the column; then the index.
UPDATE_ID_COLUMN = "ALTER TABLE questions ADD COLUMN update_id INTEGER"
UPDATE_ID_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS questions_by_update ON questions (update_id)"
QUESTION_CHARS = 4096
REF_BYTES = 8  # 16 hex characters: fits callback data, unguessable enough to forge
COMPLAIN_EVERY_SECONDS = 60.0
PRUNE_EVERY_SECONDS = 3600.0
DAY = 86400.0


class Logged(StrEnum):
    """How a question was handled, as stored and reported."""

    ANSWERED = "answered"
    SUGGESTED = "suggested"
    FELL_BACK = "fell_back"

    @classmethod
    def of(cls, outcome: Outcome) -> Logged:
        return {
            Outcome.ANSWER: cls.ANSWERED,
            Outcome.SUGGEST: cls.SUGGESTED,
            Outcome.FALLBACK: cls.FELL_BACK,
        }[outcome]


class Vote(StrEnum):
    """What became of a 👍/👎 press."""

    RECORDED = "recorded"
    REPEATED = "repeated"  # this user already voted on this answer: the first vote stands
    UNKNOWN = "unknown"  # no such answer: forged, pruned, or forgotten
    NOT_STORED = "not_stored"  # the user opted out of the log


@dataclass(frozen=True, slots=True)
class Forgotten:
    questions: int
    votes: int


@dataclass(frozen=True, slots=True)
class _Row:
    ref: str
    asked_at: float
    user_hash: str | None
    chat_kind: str
    question: str
    outcome: str
    intent: str | None
    score: float
    update_id: int | None


@dataclass(slots=True)
class _Command:
    run: Callable[[sqlite3.Connection], Any] | None  # None: just report how many rows wait
    result: Future[Any]


def load_or_create_salt(path: Path) -> bytes:
    """The salt for user hashes, created once beside the database (never inside it, so a
    copy of the database alone cannot be matched against known user ids)."""
    private_folder(path.parent)
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    salt = secrets.token_bytes(32)
    with contextlib.suppress(FileExistsError):
        # Created readable by its owner only; O_EXCL: two processes starting at once agree.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "w", encoding="ascii") as file:
            file.write(salt.hex())
        return salt
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


class QuestionLog:
    """Questions, votes and opt-outs in one SQLite file, written by one background thread."""

    def __init__(
        self,
        path: Path,
        *,
        salt: bytes,
        retention_days: float = 90,
        max_waiting: int = 50_000,
        batch_seconds: float = 0.1,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._salt = salt
        self._retention = retention_days * DAY
        self._clock = clock
        self._batch_seconds = batch_seconds
        self._queue: queue.SimpleQueue[_Row | _Command | None] = queue.SimpleQueue()
        self._waiting: deque[_Row] = deque(maxlen=max_waiting)
        self._opted_out: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self._last_complaint = -COMPLAIN_EVERY_SECONDS
        self._last_prune = -PRUNE_EVERY_SECONDS
        self._dropped = 0
        private_folder(path.parent)
        self._writer = threading.Thread(
            target=self._write_forever, name="question-log", daemon=True
        )
        self._writer.start()

    # -- the reply path (any thread; never blocks on the disk) ------------------------------

    def user_key(self, user_id: int) -> str:
        """The stored stand-in for a user id: a keyed hash that cannot be reversed."""
        digest = hmac.new(self._salt, str(user_id).encode(), hashlib.sha256)
        return digest.hexdigest()[:32]

    def opted_out(self, user_id: int | None) -> bool:
        return user_id is not None and self.user_key(user_id) in self._opted_out

    def record(
        self,
        question: str,
        outcome: Outcome,
        intent: str | None,
        score: float,
        *,
        user_id: int | None,
        chat_kind: str,
        update_id: int | None = None,
    ) -> str | None:
        """Queue one question; returns its reference (for feedback), or None if opted out.

        With `update_id`, the question is logged once however often that update is
        processed (a retry after network trouble, or again after a restart), and its
        reference is the same each time, so the first answer's vote buttons keep working.
        """
        user_hash = self.user_key(user_id) if user_id is not None else None
        if user_hash is not None and user_hash in self._opted_out:
            return None
        ref = secrets.token_hex(REF_BYTES) if update_id is None else self._update_ref(update_id)
        row = _Row(
            ref,
            self._clock(),
            user_hash,
            chat_kind,
            question[:QUESTION_CHARS],
            Logged.of(outcome).value,
            intent,
            round(score, 1),
            update_id,
        )
        self._queue.put(row)
        return ref

    def _update_ref(self, update_id: int) -> str:
        """The reference of the question asked in one update: keyed, so nobody can forge it."""
        digest = hmac.new(self._salt, f"update:{update_id}".encode(), hashlib.sha256)
        return digest.hexdigest()[: REF_BYTES * 2]

    # -- requests that need an answer (awaitable with asyncio.wrap_future) -------------------

    def vote(self, ref: str, user_id: int, up: bool) -> Future[Vote]:
        """Record 👍 or 👎 on an answer; the first vote of a user on an answer stands."""
        user_hash = self.user_key(user_id)

        def run(db: sqlite3.Connection) -> Vote:
            if user_hash in self._opted_out:
                return Vote.NOT_STORED
            found = db.execute(
                "SELECT intent FROM questions WHERE ref = ? AND intent IS NOT NULL", (ref,)
            ).fetchone()
            if found is None:
                return Vote.UNKNOWN
            with db:
                added = db.execute(
                    "INSERT OR IGNORE INTO votes VALUES (?, ?, ?, ?, ?)",
                    (ref, user_hash, found[0], 1 if up else -1, self._clock()),
                ).rowcount
            return Vote.RECORDED if added else Vote.REPEATED

        return self._ask(run)

    def forget(self, user_id: int) -> Future[Forgotten]:
        """Delete every question and vote of one user, stored or still waiting."""
        user_hash = self.user_key(user_id)

        def run(db: sqlite3.Connection) -> Forgotten:
            waiting = [row for row in self._waiting if row.user_hash != user_hash]
            self._waiting.clear()
            self._waiting.extend(waiting)
            with db:
                questions = db.execute(
                    "DELETE FROM questions WHERE user_hash = ?", (user_hash,)
                ).rowcount
                votes = db.execute("DELETE FROM votes WHERE user_hash = ?", (user_hash,)).rowcount
            return Forgotten(questions, votes)

        return self._ask(run)

    def set_opted_out(self, user_id: int, opted_out: bool) -> Future[None]:
        """Stop (or resume) logging one user's questions; stopping also forgets them."""
        user_hash = self.user_key(user_id)
        if opted_out:
            self._opted_out.add(user_hash)  # at once: questions already queued are dropped too
        else:
            self._opted_out.discard(user_hash)

        def run(db: sqlite3.Connection) -> None:
            with db:
                if opted_out:
                    db.execute("INSERT OR IGNORE INTO opted_out VALUES (?)", (user_hash,))
                    db.execute("DELETE FROM questions WHERE user_hash = ?", (user_hash,))
                    db.execute("DELETE FROM votes WHERE user_hash = ?", (user_hash,))
                else:
                    db.execute("DELETE FROM opted_out WHERE user_hash = ?", (user_hash,))

        return self._ask(run)

    def flush(self) -> Future[int]:
        """Resolves once everything queued before it is committed; the result is how many
        rows still wait in memory because the database could not take them."""
        return self._ask(None)

    def close(self, timeout: float = 5.0) -> None:
        """Commit what is queued (as far as the database allows) and stop the writer."""
        self._queue.put(None)
        self._writer.join(timeout)

    # -- the writer thread ------------------------------------------------------------------

    def _ask(self, run: Callable[[sqlite3.Connection], Any] | None) -> Future[Any]:
        result: Future[Any] = Future()
        self._queue.put(_Command(run, result))
        return result

    def _write_forever(self) -> None:
        try:
            self._connection()  # early, so opt-outs are known before the first question
        except sqlite3.Error as exc:
            self._complain(exc)
        stopping = False
        while not stopping:
            try:
                item = self._queue.get(timeout=self._batch_seconds * 10)
            except queue.Empty:
                self._store()  # retry rows left waiting by a storage problem
                self._prune_now_and_then()
                continue
            batch: list[_Row | _Command | None] = [item]
            deadline = time.monotonic() + self._batch_seconds
            while len(batch) < 5000 and time.monotonic() < deadline:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    if isinstance(batch[-1], _Command):
                        break  # someone awaits: answer now rather than at the deadline
                    time.sleep(0.005)
            for entry in batch:
                if entry is None:
                    stopping = True
                elif isinstance(entry, _Row):
                    if entry.user_hash not in self._opted_out:
                        if len(self._waiting) == self._waiting.maxlen:
                            self._dropped += 1  # the deque forgets its oldest row
                        self._waiting.append(entry)
                else:
                    self._store()
                    self._run(entry)
            self._store()
        self._disconnect()

    def _run(self, command: _Command) -> None:
        if not command.result.set_running_or_notify_cancel():
            return
        if command.run is None:
            command.result.set_result(len(self._waiting))
            return
        try:
            command.result.set_result(command.run(self._connection()))
        except Exception as exc:
            self._complain(exc)
            self._disconnect()
            command.result.set_exception(exc)

    def _store(self) -> None:
        if not self._waiting:
            return
        rows = [
            (
                r.ref,
                r.asked_at,
                r.user_hash,
                r.chat_kind,
                r.question,
                r.outcome,
                r.intent,
                r.score,
                r.update_id,
            )
            for r in self._waiting
        ]
        try:
            db = self._connection()
            with db:
                # OR IGNORE: an update processed again is already logged (same update id).
                db.executemany(
                    "INSERT OR IGNORE INTO questions (ref, asked_at, user_hash, chat_kind, "
                    "question, outcome, intent, score, update_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            self._complain(exc)
            self._disconnect()  # reconnect next time: the file may have been fixed or replaced
            return
        self._waiting.clear()
        self._prune_now_and_then()

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            # The default isolation level: `with db:` makes a batch one transaction.
            db = connect_private(self.path, timeout=1.0)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                # WAL with NORMAL survives a killed process; only a power cut can lose the
                # last commits. FULL would cost a disk flush per batch.
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(SCHEMA)
                columns = {row[1] for row in db.execute("PRAGMA table_info(questions)")}
                if "update_id" not in columns:
                    db.execute(UPDATE_ID_COLUMN)
                db.execute(UPDATE_ID_INDEX)
                self._opted_out.update(h for (h,) in db.execute("SELECT user_hash FROM opted_out"))
            except sqlite3.Error:
                db.close()
                raise
            self._db = db
            if self._dropped:
                logger.warning(
                    "question log: %d questions were not logged while storage was failing",
                    self._dropped,
                )
                self._dropped = 0
        return self._db

    def _disconnect(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _prune_now_and_then(self) -> None:
        """Delete rows past the retention period: at start, then hourly."""
        now = time.monotonic()
        if now - self._last_prune < PRUNE_EVERY_SECONDS:
            return
        cutoff = self._clock() - self._retention
        try:
            db = self._connection()
            with db:
                removed = db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,))
                db.execute("DELETE FROM votes WHERE voted_at < ?", (cutoff,))
        except sqlite3.Error as exc:
            self._complain(exc)
            self._disconnect()
            return
        self._last_prune = now
        if removed.rowcount:
            logger.info(
                "question log: pruned %d questions older than the retention period",
                removed.rowcount,
            )

    def _complain(self, exc: BaseException) -> None:
        now = time.monotonic()
        if now - self._last_complaint < COMPLAIN_EVERY_SECONDS:
            return
        self._last_complaint = now
        logger.error(
            "question log: cannot write to %s (%s); the bot keeps answering, %d questions "
            "wait in memory",
            self.path,
            exc,
            len(self._waiting),
        )
