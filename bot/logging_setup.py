"""Logging set-up: one format, and no secret in any line, whatever logged it.

httpx logs every request URL at INFO, and Bot API URLs contain the token, so httpx and
httpcore are set to WARNING (python-telegram-bot's own advice); a redacting filter on
every handler is the second line of defence for anything else that echoes a URL.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

# The shape of a Telegram bot token anywhere in a line: digits, a colon, 30+ url-safe chars.
TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
REDACTED = "[REDACTED]"


class RedactingFilter(logging.Filter):
    """Replace known secrets and anything shaped like a bot token in every record."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """The text with every secret replaced by a placeholder."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return TOKEN_SHAPE.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact secrets from the record's message; never drops a record."""
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self.redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(level: str = "INFO", *, secrets: Iterable[str] = ()) -> RedactingFilter:
    """Log to stderr at `level`, with secrets redacted and HTTP request lines silenced."""
    redactor = RedactingFilter(secrets)
    root = logging.getLogger()
    if not root.handlers:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    for handler in root.handlers:
        handler.addFilter(redactor)
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return redactor


def remove_redaction(redactor: RedactingFilter) -> None:
    """Undo `configure_logging`'s filter on every root handler (tests restore logging so)."""
    for handler in logging.getLogger().handlers:
        handler.removeFilter(redactor)
