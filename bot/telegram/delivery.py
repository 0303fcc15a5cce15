"""What the poller and the handlers share about the updates being answered.

A typed record per update instead of sets under string keys.

The poller processes an update again when its answer could not be sent for network trouble
(Telegram down, 5xx, timeouts). Each processing runs the handler from the start, so the
record says what an earlier attempt already did: how many Bot API sends went out (a reply
split in pieces goes on from the first piece missing) and that this is a retry (the flood
guard has counted it already). The question log needs no record: it keys questions by
update id.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Delivery:
    """One update's progress over the attempts to answer it."""

    update_id: int
    attempt: int = 1
    # Sends that went out on earlier attempts, in the order the handler makes them.
    sent: int = 0
    # This attempt ended on network trouble: the poller tries again.
    failed: bool = False
    _next_send: int = field(default=0, repr=False)

    @property
    def is_retry(self) -> bool:
        """Whether an earlier attempt ran (so nothing may be counted twice)."""
        return self.attempt > 1

    def already_sent(self) -> bool:
        """Whether the handler's next send went out on an earlier attempt: then skip it.

        Call once per send, in order; call `mark_sent` when a send goes out.
        """
        self._next_send += 1
        return self._next_send <= self.sent

    def mark_sent(self) -> None:
        """One more send went out."""
        self.sent += 1

    def next_attempt(self) -> None:
        """Start over: the handler runs again from the top."""
        self.attempt += 1
        self.failed = False
        self._next_send = 0


class Deliveries:
    """The updates being answered by the poller, each with its `Delivery`, by update id."""

    def __init__(self) -> None:
        self._active: dict[int, Delivery] = {}

    def begin(self, update_id: int) -> Delivery:
        """Track an update from its first attempt until `end`."""
        delivery = self._active[update_id] = Delivery(update_id)
        return delivery

    def end(self, update_id: int) -> None:
        """Forget an update: answered, or given up."""
        self._active.pop(update_id, None)

    def of(self, update_id: int) -> Delivery:
        """The record of an update, or a fresh one nobody tracks.

        Webhook mode has no retries: its updates are answered once.
        """
        return self._active.get(update_id) or Delivery(update_id)

    def retry_later(self, update_id: int) -> bool:
        """Ask for another attempt, as the answer failed on network trouble.

        Returns whether anyone will try again (only the poller does).
        """
        delivery = self._active.get(update_id)
        if delivery is None:
            return False
        delivery.failed = True
        return True

    def is_retry(self, update_id: int) -> bool:
        """Whether this update is being processed again after network trouble."""
        delivery = self._active.get(update_id)
        return delivery is not None and delivery.is_retry

    def __len__(self) -> int:
        return len(self._active)
