"""Conversation memory: what each conversation was last answered, for a few minutes.

The memory is deliberately small and forgetful. Each conversation (an opaque, hashable id
that the adapter chooses: Telegram uses (chat id, user id), the terminal a constant) keeps
one `Recollection`: the last answered intent, the intents already shown on that topic, and
when. It expires after some minutes of silence, the least recently used conversations are
dropped past a bound, and a restart simply starts empty: the next message is then answered
on its own, as if it were the first.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace

# Ten minutes, as Dialogflow's contexts (20 min) and Rasa's sessions (60 min) but shorter:
# a follow-up comes within a few minutes, and a stale topic misleads more than it helps.
DEFAULT_TTL_SECONDS = 600.0
# Sized for 100,000 people talking at once; `benchmarks/conversation_memory.py` measures it.
DEFAULT_MAX_CONVERSATIONS = 100_000
# A topic thread rarely goes deeper than this; older entries are forgotten first.
MAX_SHOWN = 8
# An unanswered message is kept only to be read with the next one: a long one is cut.
MAX_UNANSWERED_CHARS = 300


@dataclass(frozen=True, slots=True)
class Recollection:
    """What one conversation was last told.

    Attributes:
        intent_id: the last intent answered: what "and mk4?" is about.
        topic: the intent a run of "tell me more" continues: `intent_id`, unless that was
            itself a continuation.
        shown: the intents already shown in the conversation, oldest first (the last one
            is `intent_id`), so a "tell me more" never repeats one of them.
        at: when the topic was answered (or the subject named), in the memory's clock
            (seconds): the topic's age counts from there, whatever was said since.
        declined: whether the bot's last reply, after that answer, was a decline ("my
            source doesn't cover that"): a "why?" then asks about the decline, not the topic.
        offered: the topics the bot's last reply offered as "did you mean", best first:
            what a "yes" next says yes to.
        offered_at: when they were offered: an offer outlives its topic by its own age.
        names_subject: whether a recollection with no intent keeps the subject (False for
            one that only holds an offer).
        unanswered: the last message, when the bot answered it with nothing from the
            article (declined, fell back, or only offered topics): what a follow-up with
            no topic to lean on may be about ("what does d3 do", then "and k2 with it?").

    A conversation that named the article's subject but got no answer to remember ("is k2
    good for the heart?", declined) keeps a recollection with no intent (`intent_id` and
    `topic` are ""): only the subject carries over ("what about bones then?" is about K2).
    """

    intent_id: str
    topic: str
    shown: tuple[str, ...]
    at: float
    declined: bool = False
    offered: tuple[str, ...] = ()
    names_subject: bool = True
    offered_at: float = 0.0
    unanswered: str = ""

    @property
    def last_said(self) -> float:
        """When the conversation last changed: the topic answered or an offer made."""
        return max(self.at, self.offered_at) if self.offered else self.at

    @property
    def subject_only(self) -> bool:
        """Whether only the subject was named: there is no topic to go back to."""
        return not self.intent_id and self.names_subject


class ConversationMemory:
    """A thread-safe, bounded, expiring map from conversation id to its `Recollection`.

    Args:
        ttl_seconds: silence after which a conversation is forgotten.
        max_conversations: how many conversations are kept; the least recently used go first.
        clock: seconds, monotonic; tests pass their own.
    """

    def __init__(
        self,
        *,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        max_conversations: int = DEFAULT_MAX_CONVERSATIONS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive")
        if max_conversations < 1:
            raise ValueError("max_conversations must be at least 1")
        self.ttl_seconds = ttl_seconds
        self.max_conversations = max_conversations
        self._clock = clock
        self._entries: OrderedDict[Hashable, Recollection] = OrderedDict()
        self._lock = threading.Lock()

    def recall(self, conversation: Hashable) -> Recollection | None:
        """What the conversation was last told, or None if nothing or it has expired.

        A topic expires `ttl_seconds` after it was answered: "did you mean" replies since
        don't keep it alive. An offer younger than that outlives it, alone.
        """
        now = self._clock()
        with self._lock:
            entry = self._entries.get(conversation)
            if entry is None:
                return None
            if now - entry.at <= self.ttl_seconds:
                return entry
            if entry.offered and now - entry.offered_at <= self.ttl_seconds:
                alone = _offer_only(entry.offered, entry.offered_at)
                self._entries[conversation] = alone
                return alone
            del self._entries[conversation]
            return None

    def remember(self, conversation: Hashable, intent_id: str, *, topic: str | None = None) -> None:
        """Record that `intent_id` was just answered in the conversation.

        What was shown before is kept (the last `MAX_SHOWN`), so a "tell me more" never
        offers an answer the person has just read, whichever topic it was under.

        Args:
            conversation: the adapter's conversation id.
            intent_id: the intent answered.
            topic: the topic a "tell me more" went on from, when it is not `intent_id`.
        """
        now = self._clock()
        # Intent ids come from the loaded content and are few: one shared string object
        # each, so 100,000 conversations on one topic cost one copy of its id.
        intent_id = sys.intern(intent_id)
        topic = intent_id if topic is None else sys.intern(topic)
        with self._lock:
            previous = self._entries.pop(conversation, None)
            shown: tuple[str, ...] = (intent_id,)
            if previous is not None and now - previous.at <= self.ttl_seconds:
                earlier = tuple(i for i in previous.shown if i != intent_id)
                shown = (*earlier, intent_id)[-MAX_SHOWN:]
            self._entries[conversation] = Recollection(intent_id, topic, shown, now)
            # Entries are kept in the order they last changed, so the oldest come first:
            # drop the expired ones, then any beyond the bound.
            while self._entries:
                oldest = next(iter(self._entries.values()))
                if now - oldest.last_said <= self.ttl_seconds:
                    break
                self._entries.popitem(last=False)
            while len(self._entries) > self.max_conversations:
                self._entries.popitem(last=False)

    def mark_declined(self, conversation: Hashable) -> None:
        """Record that the conversation's last reply declined (kept until the next answer).

        Nothing happens to a conversation with nothing remembered: there is no topic a
        "why?" could wrongly go back to. The topic's age is kept: a decline answers
        nothing, so it doesn't keep an old topic alive.
        """
        now = self._clock()
        with self._lock:
            entry = self._entries.get(conversation)
            if entry is None or now - entry.at > self.ttl_seconds:
                return
            self._entries[conversation] = replace(entry, declined=True)

    def offer(self, conversation: Hashable, intent_ids: tuple[str, ...]) -> None:
        """Record the topics the last reply offered as "did you mean" (none: forget them).

        Kept until the next reply: a "yes" then says yes to them. With nothing remembered
        yet, only the offer is (the subject is not named by it). The topic's age is kept:
        an offer answers nothing, so a run of "did you mean" replies doesn't keep an old
        topic alive past its time.
        """
        now = self._clock()
        offered = tuple(sys.intern(i) for i in intent_ids)
        with self._lock:
            entry = self._entries.get(conversation)
            if entry is None or now - entry.at > self.ttl_seconds:
                if not offered:
                    self._entries.pop(conversation, None)
                    return
                entry = _offer_only(offered, now)
            self._entries.pop(conversation, None)
            self._entries[conversation] = replace(entry, offered=offered, offered_at=now)
            while len(self._entries) > self.max_conversations:
                self._entries.popitem(last=False)

    def remember_subject(self, conversation: Hashable) -> None:
        """Record that the conversation named the article's subject, without an answer.

        Only a conversation with nothing remembered gets it: a topic, once answered, is
        what a follow-up leans on, and the subject goes with it.
        """
        now = self._clock()
        with self._lock:
            entry = self._entries.get(conversation)
            if entry is not None and now - entry.at <= self.ttl_seconds and entry.intent_id:
                return
            self._entries.pop(conversation, None)
            self._entries[conversation] = Recollection("", "", (), now)
            while len(self._entries) > self.max_conversations:
                self._entries.popitem(last=False)

    def remember_unanswered(self, conversation: Hashable, question: str) -> None:
        """Record a message the bot answered with nothing from the article.

        Kept with what is remembered (until the next answer replaces it); with nothing
        remembered, alone, naming no subject. Its age counts from now, as a named subject's.
        """
        now = self._clock()
        kept = question[:MAX_UNANSWERED_CHARS]
        with self._lock:
            entry = self._entries.pop(conversation, None)
            if entry is None or now - entry.at > self.ttl_seconds:
                entry = Recollection("", "", (), now, names_subject=False)
            self._entries[conversation] = replace(entry, unanswered=kept)
            while len(self._entries) > self.max_conversations:
                self._entries.popitem(last=False)

    def forget(self, conversation: Hashable) -> bool:
        """Start the conversation over; True if there was something to forget."""
        with self._lock:
            return self._entries.pop(conversation, None) is not None

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def _offer_only(offered: tuple[str, ...], at: float) -> Recollection:
    """A recollection holding only a "did you mean" made at `at`: no topic, no subject."""
    return Recollection("", "", (), at, offered=offered, names_subject=False, offered_at=at)
