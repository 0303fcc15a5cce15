"""The conversation memory: it remembers briefly, forgets on time, stays bounded, and is safe
to share between threads."""

from __future__ import annotations

import threading

import pytest

from benchmarks.conversation_memory import measure
from bot.dialogue import Dialogue
from bot.memory import ConversationMemory
from bot.responder import Responder


class FakeClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(name="clock")
def _clock() -> FakeClock:
    return FakeClock()


def test_remembers_the_last_answer_per_conversation(clock: FakeClock) -> None:
    """Each conversation recalls its own last intent, not another's."""
    memory = ConversationMemory(clock=clock)
    memory.remember((1, 10), "forms_mk4_mk7")
    memory.remember((1, 11), "k2_with_d3")
    first, second = memory.recall((1, 10)), memory.recall((1, 11))
    assert first is not None
    assert second is not None
    assert ("forms_mk4_mk7", "k2_with_d3") == (first.intent_id, second.intent_id)
    assert memory.recall((2, 10)) is None


def test_forgets_after_the_silence_setting(clock: FakeClock) -> None:
    """A conversation silent for longer than the setting starts fresh; just inside, it doesn't."""
    memory = ConversationMemory(ttl_seconds=600, clock=clock)
    memory.remember("c", "osteocalcin")
    clock.now += 600
    assert memory.recall("c") is not None
    clock.now += 1
    assert memory.recall("c") is None


def test_what_was_shown_is_kept_until_the_conversation_expires(clock: FakeClock) -> None:
    """Every answer shown is remembered, newest last, and a continuation keeps its topic."""
    memory = ConversationMemory(ttl_seconds=600, clock=clock)
    memory.remember("c", "osteocalcin")
    memory.remember("c", "calcium_absorption", topic="osteocalcin")
    recalled = memory.recall("c")
    assert recalled is not None
    assert ("osteocalcin", "calcium_absorption") == recalled.shown
    assert ("calcium_absorption", "osteocalcin") == (recalled.intent_id, recalled.topic)
    clock.now += 601
    memory.remember("c", "fracture_risk")
    recalled = memory.recall("c")
    assert recalled is not None
    assert ("fracture_risk",) == recalled.shown


def test_offers_do_not_keep_an_old_topic_alive(clock: FakeClock) -> None:
    """A topic expires on time after it was answered, however many "did you mean" replies
    came since; the last offer, younger, is still there to say yes to."""
    memory = ConversationMemory(ttl_seconds=600, clock=clock)
    memory.remember("c", "bone_density")
    for _ in range(3):
        clock.now += 200
        memory.offer("c", ("osteoclasts_bone_loss", "osteocalcin"))
    clock.now += 1  # 601 s after the answer, 1 s after the last offer
    recalled = memory.recall("c")
    assert recalled is not None
    assert ("", False, ("osteoclasts_bone_loss", "osteocalcin")) == (
        recalled.intent_id,
        recalled.subject_only,
        recalled.offered,
    )
    clock.now += 600
    assert memory.recall("c") is None


def test_a_decline_does_not_keep_an_old_topic_alive(clock: FakeClock) -> None:
    """A decline answers nothing: the topic before it expires on its own time."""
    memory = ConversationMemory(ttl_seconds=600, clock=clock)
    memory.remember("c", "bone_density")
    clock.now += 500
    memory.mark_declined("c")
    clock.now += 101
    assert memory.recall("c") is None


def test_after_did_you_mean_replies_an_expired_topic_is_not_followed_up(
    clock: FakeClock, responder: Responder
) -> None:
    """Through the real responder: bone density answered, then "osteo" twice (each a "did
    you mean"), then "and for women?" 11 minutes after the answer: bone density has expired,
    so the follow-up is not answered from it."""
    dialogue = Dialogue(responder, memory=ConversationMemory(ttl_seconds=600, clock=clock))
    (answered,) = dialogue.respond("me", "does k2 help bone density")
    assert answered.reply.intent is not None
    assert "bone_density" == answered.reply.intent.id
    for _ in range(2):
        clock.now += 290
        (offer,) = dialogue.respond("me", "osteo")
        assert (None, 2) == (offer.reply.intent, len(offer.reply.suggestions))
    clock.now += 80  # 660 s after the answer
    (turn,) = dialogue.respond("me", "and for women?")
    assert (None, None) == (turn.context, turn.reply.intent)


def test_the_least_recently_answered_conversation_goes_first(clock: FakeClock) -> None:
    """Past the bound, the conversation answered longest ago is forgotten."""
    memory = ConversationMemory(max_conversations=2, clock=clock)
    memory.remember("a", "what_is_k2")
    memory.remember("b", "what_is_k2")
    memory.remember("a", "gut_bacteria")  # "a" is now the most recent
    memory.remember("c", "what_is_k2")
    assert 2 == len(memory)
    assert memory.recall("b") is None
    assert memory.recall("a") is not None


def test_expired_conversations_are_dropped_as_new_ones_arrive(clock: FakeClock) -> None:
    """Silence frees the memory, without waiting for the bound."""
    memory = ConversationMemory(ttl_seconds=60, clock=clock)
    for n in range(100):
        memory.remember(n, "what_is_k2")
    clock.now += 61
    memory.remember("new", "what_is_k2")
    assert 1 == len(memory)


def test_forget_starts_over(clock: FakeClock) -> None:
    """Forgetting says whether there was anything, and the next recall is empty."""
    memory = ConversationMemory(clock=clock)
    memory.remember("c", "what_is_k2")
    assert memory.forget("c") is True
    assert memory.forget("c") is False
    assert memory.recall("c") is None


def test_threads_can_share_one_memory() -> None:
    """Many threads remembering and recalling at once neither fail nor break the bound."""
    memory = ConversationMemory(max_conversations=500)
    errors: list[BaseException] = []

    def talk(worker: int) -> None:
        try:
            for n in range(2_000):
                key = (worker, n % 700)
                memory.remember(key, "what_is_k2", topic="gut_bacteria" if n % 2 else None)
                memory.recall(key)
                if n % 50 == 0:
                    memory.forget(key)
        except BaseException as exc:  # collected and asserted in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=talk, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [] == errors
    assert len(memory) <= 500


@pytest.mark.parametrize("bad", [{"ttl_seconds": 0}, {"max_conversations": 0}])
def test_refuses_settings_that_would_remember_nothing(bad: dict[str, float]) -> None:
    """A zero silence or bound is a configuration mistake, said at once."""
    with pytest.raises(ValueError, match="must be"):
        ConversationMemory(**bad)  # type: ignore[arg-type]


def test_measured_size_scales_to_the_budget() -> None:
    """The benchmark's measure (run small here) stays far under 500 bytes a conversation,
    which is what keeps 100,000 conversations under 50 MB."""
    figures = measure(2_000)
    assert 2_000 == figures["conversations"]
    assert figures["bytes_per_conversation"] < 500
