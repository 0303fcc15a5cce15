"""Who asked, never stored.

User ids become keyed hashes, with a salt kept outside the database (so a copy of the database alone
cannot be matched against known user ids).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from bot.errors import ConfigError
from bot.storage.files import FILE_MODE, private_folder

SALT_BYTES = 32
KEY_CHARS = 32  # of the hex digest: 128 bits
REF_CHARS = 16  # a feedback reference: fits callback data, unguessable enough to forge


def load_or_create_salt(path: Path) -> bytes:
    """The salt for user hashes, created once (0600) beside the database.

    Written whole to a temporary file and then linked into place, so a second process
    starting at the same moment, or a crash mid-write, never sees a short salt; a damaged
    one is refused rather than used (an empty key would make user ids guessable).

    Raises:
        ConfigError: the file exists but does not hold a salt.
    """
    private_folder(path.parent)
    try:
        return _read_salt(path)
    except FileNotFoundError:
        pass
    salt = secrets.token_bytes(SALT_BYTES)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with open(descriptor, "w", encoding="ascii") as file:
            file.write(salt.hex())
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)  # fails if another process got there first: use theirs
    finally:
        temporary.unlink(missing_ok=True)
    return _read_salt(path)


def _read_salt(path: Path) -> bytes:
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        salt = bytes.fromhex(text)
    except ValueError:
        salt = b""
    if len(salt) != SALT_BYTES:
        raise ConfigError(
            f"{path} does not hold a {SALT_BYTES}-byte salt; restore it from a backup (or "
            "delete it: questions stored so far can then no longer be matched to /forget)"
        )
    return salt


class UserKeys:
    """Keyed hashes (HMAC-SHA256) of user ids and update ids, under one salt."""

    def __init__(self, salt: bytes) -> None:
        self._salt = salt

    def user(self, user_id: int) -> str:
        """The stored stand-in for a user id: a keyed hash that cannot be reversed."""
        digest = hmac.new(self._salt, str(user_id).encode(), hashlib.sha256)
        return digest.hexdigest()[:KEY_CHARS]

    def update_ref(self, update_id: int, part: int = 0) -> str:
        """The feedback reference of a question asked in one update.

        `part` is its place among the message's questions. The reference is the same every
        time it is computed, and keyed, so nobody can forge one.
        """
        key = f"update:{update_id}" if part == 0 else f"update:{update_id}:{part}"
        digest = hmac.new(self._salt, key.encode(), hashlib.sha256)
        return digest.hexdigest()[:REF_CHARS]

    def message_ref(self, chat_id: int, message_id: int, part: int = 0) -> str:
        """The feedback reference of a question asked in one message, edited or not.

        Like `update_ref`, but the same for the message and each edit of it (every edit
        comes in an update of its own), so an edited question keeps one row.
        """
        key = f"message:{chat_id}:{message_id}:{part}"
        digest = hmac.new(self._salt, key.encode(), hashlib.sha256)
        return digest.hexdigest()[:REF_CHARS]
