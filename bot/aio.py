"""Small asyncio helpers shared by the Telegram poller and live reload.

Waiting that a stop request cuts short, and one exponential backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field


async def sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    """Sleep `seconds`, or less if `stop` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


@dataclass(slots=True)
class Backoff:
    """Exponential backoff.

    `first`, doubling each time, never over `maximum`; `reset` after a success starts again from
    `first`.
    """

    first: float = 0.5
    maximum: float = 30.0
    _current: float = field(default=0.0, init=False, repr=False)

    def next(self) -> float:
        """The next delay to wait."""
        self._current = min(max(self._current * 2, self.first), self.maximum)
        return self._current

    def reset(self) -> None:
        """Back to `first` for the next trouble."""
        self._current = 0.0
