"""Every wait of the Telegram adapter in one place.

Tests pass a fast profile instead of sleeping through real backoffs.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.aio import Backoff


@dataclass(frozen=True, slots=True)
class Timing:
    """How long the poller, start-up and sends wait, in seconds. The defaults are production's."""

    # An update still unanswered after this long is saved to the inbox and confirmed.
    park_after: float = 2.0
    # Answered updates are recorded (to skip them after a crash) in batches this often.
    record_every: float = 0.02
    # While many answers are in flight, fetch again at least this often.
    fetch_every: float = 1.0
    # While a few answers are in flight, getUpdates returns at once (so each is confirmed as
    # soon as it is answered): ask again when one is answered, or after this long, rather
    # than in a loop of empty requests while a slow one is sent.
    refetch_while_answering: float = 0.2
    # Backoff after network trouble: getUpdates, start-up, sends, re-processing an update.
    backoff_first: float = 0.5
    backoff_max: float = 30.0
    # How long an answer that keeps failing on network trouble is retried before giving up.
    retry_for: float = 3600.0
    # On stop: how long answers in flight may take, and the final confirming getUpdates.
    drain: float = 7.0
    confirm_timeout: float = 1.5

    def backoff(self) -> Backoff:
        """A fresh exponential backoff with these bounds."""
        return Backoff(self.backoff_first, self.backoff_max)


PRODUCTION = Timing()
