"""Retrying Bot API calls through network blips (with tenacity).

Transient failures are network errors, timeouts and "retry after" answers. A rejected
request (BadRequest), a blocked chat (Forbidden) or a bad token are final. A send that
timed out may still have been delivered, so a retry can, rarely, post a reply twice;
for a FAQ bot that is better than a question left unanswered.
"""

from __future__ import annotations

import logging

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

logger = logging.getLogger(__name__)

_backoff = wait_exponential(multiplier=0.5, max=30)


def is_transient(error: BaseException) -> bool:
    if isinstance(error, RetryAfter):
        return True
    return isinstance(error, (NetworkError, TimedOut)) and not isinstance(error, BadRequest)


def _wait(state: RetryCallState) -> float:
    error = state.outcome.exception() if state.outcome is not None else None
    if isinstance(error, RetryAfter):  # Telegram said how long: wait exactly that, plus a bit
        return seconds(error.retry_after) + 0.1
    return float(_backoff(state))


def _log(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome is not None else None
    logger.warning("Bot API call failed (%s); attempt %d, retrying", error, state.attempt_number)


def retrying(attempts: int) -> AsyncRetrying:
    """`async for attempt in retrying(n): with attempt: await call()` retries transient errors."""
    return AsyncRetrying(
        stop=stop_after_attempt(attempts),
        wait=_wait,
        retry=retry_if_exception(is_transient),
        before_sleep=_log,
        reraise=True,
    )


def seconds(value: object) -> float:
    """A duration from python-telegram-bot (a timedelta, or a number in older versions)."""
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
