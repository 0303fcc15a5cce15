"""A per-user flood guard: one "slow down" notice, then silence until the window passes.

Users are kept in order of their last update, so those idle for a whole window are popped
from the front as they expire: each check does constant work on average, however many users
there are. A hard cap on tracked users bounds memory even when a crowd of new accounts
writes at once; past it the least recently active user is forgotten first.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

# About 100 bytes per tracked user and message: a few tens of MB at most.
MAX_TRACKED_USERS = 100_000


class Verdict(Enum):
    """What the flood guard does with one update."""

    ALLOW = "allow"
    WARN = "warn"  # over the limit for the first time in this window: send one notice
    DROP = "drop"


@dataclass(slots=True)
class _Recent:
    times: deque[float]  # the last max_messages + 1 update times: enough to tell "over"
    warned_at: float | None = None


@dataclass
class FloodGuard:
    """Allow at most `max_messages` per user within `window` seconds.

    Memory stays bounded: users idle for a whole window are forgotten, and at most
    `max_users` are tracked.
    """

    max_messages: int
    window: float
    clock: Callable[[], float] = time.monotonic
    max_users: int = MAX_TRACKED_USERS
    _users: OrderedDict[int, _Recent] = field(default_factory=OrderedDict, init=False, repr=False)

    @property
    def tracked(self) -> int:
        """How many users the guard remembers now."""
        return len(self._users)

    def check(self, user_id: int) -> Verdict:
        """Count one update of `user_id` now and say whether to answer it."""
        now = self.clock()
        self._forget_idle(now)
        recent = self._users.pop(user_id, None)
        if recent is None:
            recent = _Recent(deque(maxlen=self.max_messages + 1))
        self._users[user_id] = recent  # now the most recently active
        times = recent.times
        while times and now - times[0] >= self.window:
            times.popleft()
        times.append(now)
        if len(self._users) > self.max_users:
            self._users.popitem(last=False)
        if len(times) <= self.max_messages:
            recent.warned_at = None
            return Verdict.ALLOW
        if recent.warned_at is None or now - recent.warned_at >= self.window:
            recent.warned_at = now
            return Verdict.WARN
        return Verdict.DROP

    def _forget_idle(self, now: float) -> None:
        """Drop users whose last update is a window old: they are at the front."""
        while self._users:
            oldest = next(iter(self._users.values()))
            if oldest.times and now - oldest.times[-1] < self.window:
                return
            self._users.popitem(last=False)
