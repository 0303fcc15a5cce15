"""A new question after an answer, told from a follow-up: an "it" the message asks of the
K2 it names, a term of its own the topic doesn't speak of, "it" as the topic's forms, and a
closing said without a question mark.

Every conversation drives the real responder on the shipped content, turn by turn.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Decision, Dialogue
from builders import intents_in_conversation

SLANG_BONES = "yo whats the deal with k2 bro is it legit for bones or nah"


@pytest.mark.parametrize(
    "topic",
    ["mk7 vs mk4?", "what does k2 do to osteocalcin", "does k2 reduce bone loss"],
)
def test_a_new_question_asking_of_the_k2_it_names_is_not_the_topic(
    dialogue: Dialogue, topic: str
) -> None:
    # "is it" asks of the K2 the message named before it; the bones are its own topic.
    assert intents_in_conversation(dialogue, topic, SLANG_BONES) == [
        intents_in_conversation(Dialogue(dialogue.responder), topic)[0],
        "bone_density",
    ]


@pytest.mark.parametrize(
    ("topic", "follow_up"),
    [
        # No verb asks of the "it" after K2: it is still the topic.
        ("what does k2 do to osteocalcin", "does k2 activate it"),
        # Offered bone density alone, but for no term of its own ("влияет" is any answer's).
        ("что такое остеокальцин", "а как к2 на него влияет?"),
    ],
)
def test_an_it_no_verb_asks_of_stays_the_topic(
    dialogue: Dialogue, topic: str, follow_up: str
) -> None:
    assert intents_in_conversation(dialogue, topic, follow_up) == ["osteocalcin", "osteocalcin"]


@pytest.mark.parametrize("topic", ["mk7 vs mk4", "what are the forms of k2", "what is mk-4"])
def test_where_is_it_formed_after_the_forms_asks_where_they_are_formed(
    dialogue: Dialogue, topic: str
) -> None:
    # "formed" is the forms' own word, so "where is k2 formed" finds the forms again;
    # "it" read as the topic's forms asks where they are formed.
    assert intents_in_conversation(dialogue, topic, "where is it formed") == [
        "forms_mk4_mk7",
        "where_forms_made",
    ]


def test_a_correction_after_the_forms_still_goes_on_to_a_related_answer(
    dialogue: Dialogue,
) -> None:
    _, second = intents_in_conversation(
        dialogue, "какие формы бывают у к2", "нет, я про другую форму"
    )
    assert second in ("where_forms_made", "mk7_elderly_osteoporosis")


@pytest.mark.parametrize(
    ("topic", "closing"),
    [
        ("what is vitamin k2", "cool thanks, that is it"),
        ("does k2 help bones", "ok thats all i needed, thanks"),
        ("что такое витамин к2", "спасибо, это всё"),
    ],
)
def test_a_closing_without_a_question_mark_gets_the_thanks_back(
    dialogue: Dialogue, topic: str, closing: str
) -> None:
    assert intents_in_conversation(dialogue, topic, closing)[1] == "thanks"


@pytest.mark.parametrize(
    ("topic", "asked"),
    [
        ("what is vitamin k2", "is that it?"),
        ("what is vitamin k2", "is that it"),
        ("what is vitamin k2", "thats it?"),
        ("что такое витамин к2", "это всё?"),
    ],
)
def test_asking_whether_that_is_all_goes_on(dialogue: Dialogue, topic: str, asked: str) -> None:
    dialogue.respond("chat", topic)
    (turn,) = dialogue.respond("chat", asked)
    assert turn.decision is Decision.CONTINUED
