"""Follow-ups after a question the bot left unanswered ("what does d3 do", then "and k2
with it?") and corrections ("no i meant the other form") after an answer.

Every conversation drives the real responder on the shipped content, turn by turn.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Decision, Dialogue
from bot.memory import ConversationMemory
from builders import intents_in_conversation

# -- after a question left unanswered ------------------------------------------------------


@pytest.mark.parametrize(
    ("unanswered", "follow_up"),
    [
        ("what does d3 do", "and k2 with it?"),
        ("vitamin d3 benefits?", "what about together with k2"),
        ("что делает витамин д3", "а вместе с к2?"),
    ],
)
def test_a_follow_up_reads_on_what_the_unanswered_question_named(
    dialogue: Dialogue, unanswered: str, follow_up: str
) -> None:
    first, second = intents_in_conversation(dialogue, unanswered, follow_up)
    assert first is None
    assert second == "k2_with_d3"


@pytest.mark.parametrize(
    ("unanswered", "follow_up", "language"),
    [
        ("is k2 in cheese", "and for my mom?", "en"),
        ("which foods have the most k2, natto?", "what about for my dad, hes 75", "en"),
        ("есть ли к2 в сыре", "а для мамы?", "ru"),
    ],
)
def test_another_person_after_a_declined_question_gets_the_doctor(
    dialogue: Dialogue, unanswered: str, follow_up: str, language: str
) -> None:
    (declined,) = dialogue.respond("me", unanswered)
    assert declined.reply.intent is None or declined.reply.intent.kind.value != "safety"
    (turn,) = dialogue.respond("me", follow_up)
    assert turn.reply.intent is not None and turn.reply.intent.id == "safety_dose"
    assert turn.decision is Decision.SOMEONE_ELSE
    assert turn.reply.language == language


def test_why_after_an_unanswered_question_is_not_read_on_it(dialogue: Dialogue) -> None:
    # "why?" asks why the bot could not answer, not for K2 with D3.
    assert intents_in_conversation(dialogue, "what does d3 do", "why?")[1] != "k2_with_d3"


def test_a_person_alone_with_nothing_before_gets_no_referral(dialogue: Dialogue) -> None:
    assert intents_in_conversation(dialogue, "and for my mom?") == [None]


def test_an_answer_forgets_the_unanswered_question() -> None:
    memory = ConversationMemory(clock=lambda: 0.0)
    memory.remember_unanswered("me", "what does d3 do")
    recollection = memory.recall("me")
    assert recollection is not None and recollection.unanswered == "what does d3 do"
    assert not recollection.subject_only
    memory.remember("me", "bone_density")
    recollection = memory.recall("me")
    assert recollection is not None and recollection.unanswered == ""


# -- corrections ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "correction", "expected"),
    [
        # The topic's answer says the other form too: it is the answer, not the overview.
        ("where is mk4 made", "no i meant the other form", "where_forms_made"),
        ("where is mk7 made", "no i meant mk4", "where_forms_made"),
        # The overview already said both forms: a "no" to it moves on.
        ("what is mk4", "no i meant the other form", "where_forms_made"),
        ("какие формы бывают у к2", "нет, я про другую форму", "where_forms_made"),
        # A question of its own after "no, i mean" is answered as it reads.
        (
            "does k2 help calcium absorption",
            "no, i mean why my calcium supplements dont work",
            "calcium_not_working",
        ),
    ],
)
def test_a_correction_keeps_the_question_and_is_heard(
    dialogue: Dialogue, first: str, correction: str, expected: str
) -> None:
    assert intents_in_conversation(dialogue, first, correction)[1] == expected


def test_and_the_other_one_is_no_correction(dialogue: Dialogue) -> None:
    got = intents_in_conversation(
        dialogue, "is mk7 good for old people with osteoporosis", "and the other one?"
    )
    assert got[1] in ("forms_mk4_mk7", "mk7_elderly_osteoporosis")
