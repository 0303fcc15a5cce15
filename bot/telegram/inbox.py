"""A small SQLite inbox for updates the poller confirms to Telegram before answering them.

Normally nothing is confirmed before it is answered. But Telegram returns at most 100
updates from the offset, so one slow chat (a long "retry after", say) would hold up every
later question. The poller then saves the slow updates here, confirms past them, and
deletes each once answered; on start, whatever is left is answered first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class Inbox:
    """Updates saved as JSON, keyed by update id; every write is committed before returning."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS inbox (update_id INTEGER PRIMARY KEY, json TEXT NOT NULL)"
        )

    def save(self, updates: list[tuple[int, str]]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO inbox VALUES (?, ?)", updates)

    def remove(self, update_id: int) -> None:
        self._db.execute("DELETE FROM inbox WHERE update_id = ?", (update_id,))

    def pending(self) -> list[tuple[int, str]]:
        return list(self._db.execute("SELECT update_id, json FROM inbox ORDER BY update_id"))

    def close(self) -> None:
        self._db.close()
