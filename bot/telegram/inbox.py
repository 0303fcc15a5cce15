"""A small SQLite inbox for updates the poller confirms to Telegram before answering them.

It also records updates answered but perhaps not yet confirmed.

Normally nothing is confirmed before it is answered. But Telegram returns at most 100
updates from the offset, so one slow chat (a long "retry after", say) would hold up every
later question. The poller then saves the slow updates here, confirms past them, and
deletes each once answered; on start, whatever is left is answered first.

After a crash Telegram sends again everything not yet confirmed, including updates that
were answered just before it. The `answered` table remembers those, so a restart skips
them instead of answering twice; rows below the confirmed offset are deleted.
"""

from __future__ import annotations

import threading
from pathlib import Path

from bot.storage.files import connect_private


class Inbox:
    """Updates saved as JSON, keyed by update id; every write is committed before returning."""

    def __init__(self, path: Path) -> None:
        self._db = connect_private(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS inbox (update_id INTEGER PRIMARY KEY, json TEXT NOT NULL)"
        )
        self._db.execute("CREATE TABLE IF NOT EXISTS answered (update_id INTEGER PRIMARY KEY)")
        # Marks of answered updates only save a duplicate reply, and they are written once
        # per update: committed to the OS (safe from a crash of the process) without an
        # fsync each, which would cost more than the answer.
        self._marks = connect_private(path, check_same_thread=False, isolation_level=None)
        self._marks.execute("PRAGMA synchronous=NORMAL")
        self._lock = threading.Lock()

    def save(self, updates: list[tuple[int, str]]) -> None:
        """Keep slow updates (id, JSON) until they are answered, durably (one fsync)."""
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO inbox VALUES (?, ?)", updates)

    def remove(self, update_id: int) -> None:
        """Forget a saved update: it has been answered."""
        with self._lock:
            self._db.execute("DELETE FROM inbox WHERE update_id = ?", (update_id,))

    def pending(self) -> list[tuple[int, str]]:
        """The saved updates still to answer, oldest first."""
        with self._lock:
            return list(self._db.execute("SELECT update_id, json FROM inbox ORDER BY update_id"))

    def mark_answered(self, update_ids: list[int]) -> None:
        """Record answered updates, so a restart skips them if Telegram sends them again."""
        with self._lock, self._marks:
            self._marks.execute("BEGIN")
            self._marks.executemany(
                "INSERT OR IGNORE INTO answered VALUES (?)", [(i,) for i in update_ids]
            )

    def answered(self) -> set[int]:
        """The updates recorded as answered (and not yet known to be confirmed)."""
        with self._lock:
            return {row[0] for row in self._marks.execute("SELECT update_id FROM answered")}

    def forget_answered_below(self, update_id: int) -> None:
        """Telegram has confirmed everything below `update_id`: it will not come back."""
        with self._lock:
            self._marks.execute("DELETE FROM answered WHERE update_id < ?", (update_id,))

    def close(self) -> None:
        """Close both connections."""
        with self._lock:
            self._marks.close()
            self._db.close()
