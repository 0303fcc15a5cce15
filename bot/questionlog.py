"""The question log: every question with its outcome, and 👍/👎 votes, in SQLite.

Editors read it with `k2bot report`. The reply path only puts a row on a queue (a few
microseconds); a `BackgroundWriter` (bot/storage/writer.py) commits rows in batches, so a
slow or broken disk never holds up an answer. This module is the domain: the schema, what
a question and a vote are, forgetting and opting out.

Privacy: user ids are stored only as keyed hashes (bot/privacy.py), rows older than the
retention period are pruned, and `forget` deletes every row of one user.
"""

from __future__ import annotations

import logging
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import ConfigError
from bot.matching import Outcome
from bot.privacy import REF_CHARS, UserKeys, load_or_create_salt
from bot.storage.writer import BackgroundWriter

if TYPE_CHECKING:
    from bot.settings import Settings

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
    update_id INTEGER                  -- the Telegram update asked in (NULL: not from Telegram);
                                       -- with `ref`, derived from it and the question's place in
                                       -- the message, a question is logged once however often
                                       -- its update is processed
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
CREATE TABLE IF NOT EXISTS chosen_languages (     -- /language: kept until changed or /forget
    user_hash TEXT PRIMARY KEY,
    language TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ignored (              -- texts an editor chose not to see again
    question TEXT PRIMARY KEY,
    ignored_at REAL NOT NULL
);
"""
# Logs written before questions carried their update id get the column. The unique `ref`
# keeps each question once: one update can hold several questions, one row each.
UPDATE_ID_COLUMN = "ALTER TABLE questions ADD COLUMN update_id INTEGER"
QUESTION_CHARS = 4096
PRUNE_EVERY_SECONDS = 3600.0
DAY = 86400.0

SALT_FILE = "k2bot.salt"

__all__ = [
    "SCHEMA",
    "Forgotten",
    "Logged",
    "QuestionLog",
    "Vote",
    "load_or_create_salt",
    "log_from_settings",
]


class Logged(StrEnum):
    """How a question was handled, as stored and reported."""

    ANSWERED = "answered"
    SUGGESTED = "suggested"
    FELL_BACK = "fell_back"

    @classmethod
    def of(cls, outcome: Outcome) -> Logged:
        """The stored name of a matcher outcome."""
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
    """How many of a user's rows `forget` deleted."""

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
    edited: bool = False  # replaces the row of the message it edits


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
        self._keys = UserKeys(salt)
        self._retention = retention_days * DAY
        self._clock = clock
        self._opted_out: set[str] = set()
        # Read on the reply path, so held in memory; loaded with the schema, on the writer
        # thread, while choices may already change here: those stay as set (`_changed`).
        self._languages: dict[str, str] = {}
        self._changed_languages: set[str] = set()
        self._languages_lock = threading.Lock()
        self._writer: BackgroundWriter[_Row] = BackgroundWriter(
            path,
            name="question log",
            prepare=self._prepare,
            store=_store,
            keep=lambda row: row.user_hash not in self._opted_out,
            now_and_then=self._prune,
            every_seconds=PRUNE_EVERY_SECONDS,
            max_waiting=max_waiting,
            batch_seconds=batch_seconds,
        )

    # -- the reply path (any thread; never blocks on the disk) ------------------------------

    def user_key(self, user_id: int) -> str:
        """The stored stand-in for a user id: a keyed hash that cannot be reversed."""
        return self._keys.user(user_id)

    def opted_out(self, user_id: int | None) -> bool:
        """Whether this user asked not to be logged."""
        return user_id is not None and self.user_key(user_id) in self._opted_out

    def chosen_language(self, user_id: int) -> str | None:
        """The language this user chose with /language, or None."""
        return self._languages.get(self.user_key(user_id))

    def save_language(self, user_id: int, language: str | None) -> Future[None]:
        """Keep this user's /language choice across restarts (None: back to automatic).

        For a user who opted out of the log, the choice lasts until the bot stops: nothing
        of theirs is stored.
        """
        user_hash = self.user_key(user_id)
        self._set_language(user_hash, language)
        stored = language if user_hash not in self._opted_out else None

        def run(db: sqlite3.Connection) -> None:
            with db:
                if stored is None:
                    db.execute("DELETE FROM chosen_languages WHERE user_hash = ?", (user_hash,))
                else:
                    db.execute(
                        "INSERT OR REPLACE INTO chosen_languages VALUES (?, ?)",
                        (user_hash, stored),
                    )

        return self._writer.ask(run)

    def _set_language(self, user_hash: str, language: str | None) -> None:
        with self._languages_lock:
            self._changed_languages.add(user_hash)
            if language is None:
                self._languages.pop(user_hash, None)
            else:
                self._languages[user_hash] = language

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
        part: int = 0,
        message: tuple[int, int] | None = None,
        edited: bool = False,
    ) -> str | None:
        """Queue one question; returns its reference (for feedback), or None if opted out.

        With `update_id`, the question is logged once however often that update is
        processed (a retry after network trouble, or again after a restart), and its
        reference is the same each time, so the first answer's vote buttons keep working.
        `part` numbers the questions of a message that holds several (0 for the first).
        With `message` (chat id, message id), the reference is the message's instead, the
        same for each edit of it; `edited` says this is an edit, whose wording, outcome and
        intent replace the logged ones, so an edited question is counted once.
        """
        user_hash = self.user_key(user_id) if user_id is not None else None
        if user_hash is not None and user_hash in self._opted_out:
            return None
        if message is not None:
            ref = self._keys.message_ref(*message, part)
        elif update_id is not None:
            ref = self._keys.update_ref(update_id, part)
        else:
            ref = secrets.token_hex(REF_CHARS // 2)
        self._writer.put(
            _Row(
                ref,
                self._clock(),
                user_hash,
                chat_kind,
                _storable(question[:QUESTION_CHARS]),
                Logged.of(outcome).value,
                intent,
                round(score, 1),
                update_id,
                edited,
            )
        )
        return ref

    # -- requests that need an answer (awaitable with asyncio.wrap_future) -------------------

    def vote(self, ref: str, user_id: int, up: bool) -> Future[Vote]:
        """Record 👍 or 👎 on an answer; the first vote of a user on an answer stands."""

        def store(db: sqlite3.Connection, user_hash: str, intent: str) -> Vote:
            added = db.execute(
                "INSERT OR IGNORE INTO votes VALUES (?, ?, ?, ?, ?)",
                (ref, user_hash, intent, 1 if up else -1, self._clock()),
            ).rowcount
            return Vote.RECORDED if added else Vote.REPEATED

        return self._on_answer(ref, user_id, store)

    def set_vote(self, ref: str, user_id: int, up: bool | None) -> Future[Vote]:
        """Make a user's vote on an answer `up` (👍), down, or none (`None`), replacing theirs.

        For votes that can be changed, such as Telegram reactions: still one per user per
        answer, but the latest stands. Removing a vote that isn't there records nothing.
        """

        def store(db: sqlite3.Connection, user_hash: str, intent: str) -> Vote:
            if up is None:
                db.execute("DELETE FROM votes WHERE ref = ? AND user_hash = ?", (ref, user_hash))
            else:
                db.execute(
                    "INSERT OR REPLACE INTO votes VALUES (?, ?, ?, ?, ?)",
                    (ref, user_hash, intent, 1 if up else -1, self._clock()),
                )
            return Vote.RECORDED

        return self._on_answer(ref, user_id, store)

    def _on_answer(
        self,
        ref: str,
        user_id: int,
        store: Callable[[sqlite3.Connection, str, str], Vote],
    ) -> Future[Vote]:
        """Run `store` for a user's vote on the answered question `ref`, in one transaction.

        An opted-out user stores nothing; a reference that names no answered question (forged,
        stale, or a fall-back) is unknown. `store` gets the user's hash and the answer's intent,
        always taken from the logged row, never from the button.
        """
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
                return store(db, user_hash, found[0])

        return self._writer.ask(run)

    def forget(self, user_id: int) -> Future[Forgotten]:
        """Delete every question, vote and language choice of one user, stored or waiting."""
        user_hash = self.user_key(user_id)
        self._set_language(user_hash, None)

        def run(db: sqlite3.Connection) -> Forgotten:
            self._writer.discard_waiting(lambda row: row.user_hash == user_hash)
            with db:
                questions = db.execute(
                    "DELETE FROM questions WHERE user_hash = ?", (user_hash,)
                ).rowcount
                votes = db.execute("DELETE FROM votes WHERE user_hash = ?", (user_hash,)).rowcount
                db.execute("DELETE FROM chosen_languages WHERE user_hash = ?", (user_hash,))
            return Forgotten(questions, votes)

        return self._writer.ask(run)

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
                    # The /language choice stays for this run, in memory only.
                    db.execute("DELETE FROM chosen_languages WHERE user_hash = ?", (user_hash,))
                else:
                    db.execute("DELETE FROM opted_out WHERE user_hash = ?", (user_hash,))

        return self._writer.ask(run)

    def ignore(self, questions: list[str] | tuple[str, ...]) -> Future[int]:
        """Stop listing these question texts as unanswered (/unanswered's "ignore")."""
        now = self._clock()

        def run(db: sqlite3.Connection) -> int:
            with db:
                return db.executemany(
                    "INSERT OR IGNORE INTO ignored VALUES (?, ?)", [(q, now) for q in questions]
                ).rowcount

        return self._writer.ask(run)

    def flush(self) -> Future[int]:
        """Resolves once everything queued before it is committed.

        The result is how many rows still wait in memory because the database could not take them.
        """
        return self._writer.flush()

    def close(self, timeout: float = 5.0) -> None:
        """Commit what is queued (as far as the database allows) and stop the writer."""
        self._writer.close(timeout)

    # -- on the writer thread ---------------------------------------------------------------

    def _prepare(self, db: sqlite3.Connection) -> None:
        """Schema, the update-id column on older logs, and the opt-outs, on each connection."""
        db.execute("PRAGMA journal_mode=WAL")
        # WAL with NORMAL survives a killed process; only a power cut can lose the last
        # commits. FULL would cost a disk flush per batch.
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        columns = {row[1] for row in db.execute("PRAGMA table_info(questions)")}
        if "update_id" not in columns:
            db.execute(UPDATE_ID_COLUMN)
        self._opted_out.update(h for (h,) in db.execute("SELECT user_hash FROM opted_out"))
        stored = db.execute("SELECT user_hash, language FROM chosen_languages").fetchall()
        with self._languages_lock:
            for user_hash, language in stored:
                if user_hash not in self._changed_languages:  # else changed since: newer
                    self._languages[user_hash] = language

    def _prune(self, db: sqlite3.Connection) -> None:
        """Delete rows past the retention period (at start, then hourly)."""
        cutoff = self._clock() - self._retention
        removed = db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount
        db.execute("DELETE FROM votes WHERE voted_at < ?", (cutoff,))
        if removed:
            logger.info(
                "question log: pruned %d questions older than the retention period", removed
            )


# A lone UTF-16 surrogate: what Python makes of undecodable input bytes (a terminal that is
# not UTF-8 typing "café"), and what SQLite cannot encode.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, as a UTF-8 decoder would."""
    return _SURROGATE.sub("\ufffd", text)


def _store(db: sqlite3.Connection, rows: list[_Row]) -> None:
    columns = (
        "INSERT INTO questions (ref, asked_at, user_hash, chat_kind, "
        "question, outcome, intent, score, update_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    def values(chosen: list[_Row]) -> list[tuple[object, ...]]:
        return [
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
            for r in chosen
        ]

    # OR IGNORE: an update processed again is already logged (the same reference).
    db.executemany(
        columns.replace("INSERT", "INSERT OR IGNORE", 1), values([r for r in rows if not r.edited])
    )
    # Then edits (after their messages, even in one batch): the latest wording stands, and
    # when the question was asked stays the first time.
    db.executemany(
        columns + " ON CONFLICT (ref) DO UPDATE SET question = excluded.question, "
        "outcome = excluded.outcome, intent = excluded.intent, score = excluded.score, "
        "update_id = excluded.update_id",
        values([r for r in rows if r.edited]),
    )


def log_from_settings(settings: Settings) -> QuestionLog | None:
    """The question log the settings name, exactly as the Telegram bot opens it.

    The settings give DATA_DIR, USER_HASH_SALT or the salt file, and the retention. None with
    QUESTION_LOG=off.
    """
    if not settings.question_log:
        return None
    try:
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
    except OSError as exc:  # DATA_DIR names a file, or a folder that cannot be created
        raise ConfigError(unusable_data_folder(settings.data_dir, exc)) from None


def unusable_data_folder(folder: Path, exc: OSError) -> str:
    """Why the data folder cannot be used, and what to do, for a `ConfigError`."""
    return (
        f"cannot use {folder} as the data folder (DATA_DIR): {exc.strerror or exc}; "
        "point DATA_DIR at a folder this user can write"
    )
