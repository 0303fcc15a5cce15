"""Files only their owner can read.

The data folder holds users' questions word for word and raw updates with names and ids.

The folder is created 0700 (an existing one is tightened, with a log line) and every SQLite
file 0600 before SQLite opens it: SQLite creates the -wal and -shm files with the mode of the
database file, so they are private too. Nothing depends on the process umask.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600
# SQLite's companions of a database file in WAL mode (and the rollback journal).
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(path: Path) -> Path:
    """Create `path` (and missing parents) readable by its owner only; tighten an existing one.

    Returns `path`. Tightening an existing folder is logged, once: it was readable by others.
    """
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & ~FOLDER_MODE:
        path.chmod(mode & FOLDER_MODE)
        logger.warning(
            "data folder %s was open to other users (mode %o); now %o",
            path,
            mode,
            mode & FOLDER_MODE,
        )
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty if missing, and make it (and an existing one) 0600. Returns `path`."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)
    return path


def connect_private(path: Path, **options: Any) -> sqlite3.Connection:
    """`sqlite3.connect(path, **options)`, the file, its folder and companions private first.

    Raises:
        sqlite3.OperationalError: also when the file cannot be created or made private (a
            read-only or full disk, say), so callers handle one kind of storage trouble.
    """
    try:
        private_folder(path.parent)
        private_file(path)
        for suffix in SQLITE_COMPANIONS:
            companion = path.with_name(path.name + suffix)
            # Left by an older version or another tool with looser modes; SQLite reuses them.
            with contextlib.suppress(FileNotFoundError):
                if stat.S_IMODE(companion.stat().st_mode) != FILE_MODE:
                    companion.chmod(FILE_MODE)
    except OSError as exc:
        raise sqlite3.OperationalError(f"cannot open {path} privately: {exc.strerror}") from exc
    connection: sqlite3.Connection = sqlite3.connect(path, **options)
    return connection
