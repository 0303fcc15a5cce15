"""Retrying Bot API calls through network blips (with tenacity).

Transient failures are network errors, timeouts and "retry after" answers. A rejected
request (BadRequest), a blocked chat (Forbidden) or a bad token are final. A send that
timed out may still have been delivered, so a retry can, rarely, post a reply twice;
for a FAQ bot that is better than a question left unanswered.
"""

from __future__ import annotations

import logging

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from bot.aio import Backoff

logger = logging.getLogger(__name__)


def is_transient(error: BaseException) -> bool:
    """Whether an error is network trouble worth retrying.

    The one definition, used by start-up, polling, sending and the error handler.
    """
    if isinstance(error, RetryAfter):
        return True
    return isinstance(error, (NetworkError, TimedOut)) and not isinstance(error, BadRequest)


def retry_after_seconds(error: BaseException) -> float | None:
    """How long Telegram asked to wait (a "retry after"), plus a margin; None otherwise."""
    if isinstance(error, RetryAfter):
        return seconds(error.retry_after) + 0.1
    return None


def _log(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome is not None else None
    logger.warning("Bot API call failed (%s); attempt %d, retrying", error, state.attempt_number)


def retrying(attempts: int, backoff: Backoff) -> AsyncRetrying:
    """Attempts that retry transient errors, up to `attempts` of them.

    `async for attempt in retrying(n, backoff): with attempt: await call()` waits as long as
    Telegram asks, or the backoff's next delay.
    """

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome is not None else None
        asked = retry_after_seconds(error) if error is not None else None
        return asked if asked is not None else backoff.next()

    return AsyncRetrying(
        stop=stop_after_attempt(attempts),
        wait=wait,
        retry=retry_if_exception(is_transient),
        before_sleep=_log,
        reraise=True,
    )


def seconds(value: object) -> float:
    """A duration from python-telegram-bot (a timedelta, or a number in older versions)."""
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
