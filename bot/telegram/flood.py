"""A per-user flood guard: one "slow down" notice, then silence until the window passes."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # over the limit for the first time in this window: send one notice
    DROP = "drop"


@dataclass
class FloodGuard:
    """Allow at most `max_messages` per user within `window` seconds.

    Memory stays bounded: users idle for a whole window are forgotten.
    """

    max_messages: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _warned: dict[int, float] = field(default_factory=dict)

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        times = self._seen.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        times.append(now)
        if len(self._seen) > 10_000:
            self._forget_idle(now)
        if len(times) <= self.max_messages:
            self._warned.pop(user_id, None)
            return Verdict.ALLOW
        warned_at = self._warned.get(user_id)
        if warned_at is None or now - warned_at >= self.window:
            self._warned[user_id] = now
            return Verdict.WARN
        return Verdict.DROP

    def _forget_idle(self, now: float) -> None:
        for user_id in [u for u, t in self._seen.items() if not t or now - t[-1] >= self.window]:
            del self._seen[user_id]
            self._warned.pop(user_id, None)
