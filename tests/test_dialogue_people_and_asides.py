"""Follow-ups that name another person ("and for my mom?") and articles questions after a
referral aside ("my kid ate some of my pills" ... "ok she's fine, where is it made?").

Every test drives the real responder on the shipped content through a multi-turn exchange.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Decision, Dialogue
from builders import intents_in_conversation


@pytest.mark.parametrize(
    ("first", "follow_up"),
    [
        ("does k2 go with d3", "and for my mom?"),
        ("how much mk7 per day", "and for my mom?"),
        ("is k2 good for old people with osteoporosis", "what about my husband, he's 70?"),
        ("к2 и д3", "а для мамы?"),
    ],
)
def test_a_follow_up_naming_another_person_gets_the_doctor(
    dialogue: Dialogue, first: str, follow_up: str
) -> None:
    # Whether K2 suits someone is not in the article: the referral, never silence.
    assert intents_in_conversation(dialogue, first, follow_up)[1] == "safety_dose"


def test_the_referral_for_a_child_does_not_carry_to_a_grown_up(dialogue: Dialogue) -> None:
    assert intents_in_conversation(dialogue, "can my 10 yo take k2", "and for my mom?") == [
        "safety_children",
        "safety_dose",
    ]


def test_a_referral_carries_to_another_person_when_the_message_says_so(
    dialogue: Dialogue,
) -> None:
    got = intents_in_conversation(
        dialogue, "can i take k2 if im on warfarin", "and for my mom? she's on it too"
    )
    assert got == ["safety_medicines", "safety_medicines"]


def test_a_person_follow_up_in_russian_is_answered_in_russian(dialogue: Dialogue) -> None:
    dialogue.respond("me", "к2 и д3")
    (turn,) = dialogue.respond("me", "а для мамы?")
    assert turn.decision is Decision.SOMEONE_ELSE
    assert turn.reply.language == "ru"


def test_a_person_with_a_topic_is_not_only_a_person(dialogue: Dialogue) -> None:
    # "my mom's bones" names a topic: the person reading leaves it to the others.
    (_, turn) = (dialogue.respond("me", t)[0] for t in ("what is k2", "and my mom's bones?"))
    assert turn.decision is not Decision.SOMEONE_ELSE


def test_an_article_question_after_a_referral_aside_goes_back_to_the_topic(
    dialogue: Dialogue,
) -> None:
    got = intents_in_conversation(
        dialogue,
        "what is mk4",
        "my kid ate a bunch of my mk4 pills",
        "ok shes fine now. where is it made btw",
    )
    assert got == ["forms_mk4_mk7", "safety_emergency", "where_forms_made"]


def test_source_after_a_referral_is_not_sent_back_to_the_topic(dialogue: Dialogue) -> None:
    dialogue.respond("me", "does k2 help bone density")
    dialogue.respond("me", "how much should i take")
    (turn,) = dialogue.respond("me", "source?")
    assert turn.decision is Decision.SOURCE
    assert turn.reply.intent is None


@pytest.mark.parametrize("follow_up", ["in women too?", "and for women?"])
def test_a_word_only_a_related_answer_says_gets_that_answer(
    dialogue: Dialogue, follow_up: str
) -> None:
    # The fracture answer names no one; the bone density answer has the article's
    # "women of childbearing age".
    assert intents_in_conversation(dialogue, "does k2 lower fracture risk", follow_up) == [
        "fracture_risk",
        "bone_density",
    ]


def test_a_word_the_topics_answer_says_stays_on_the_topic(dialogue: Dialogue) -> None:
    assert intents_in_conversation(
        dialogue, "does vitamin k2 help with bone density", "and for women?"
    ) == [
        "bone_density",
        "bone_density",
    ]


def test_k2_for_the_person_the_topic_was_about_stays_on_the_topic(dialogue: Dialogue) -> None:
    # Alone, "would k2 help her" is the benefits overview; here "her" has leg cramps.
    got = intents_in_conversation(
        dialogue, "my wife takes calcium but still gets leg cramps", "would k2 help her"
    )
    assert got == ["calcium_not_working", "calcium_not_working"]
