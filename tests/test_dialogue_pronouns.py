"""Conversations: "it", "they" and added words after a topic, as Telegram users type them.

Every test drives the real responder on the shipped content through one conversation, as
one person's chat, and checks the answer a user sees.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder
from builders import intents_through_a_chat as chat


@pytest.mark.parametrize("form", ["mk7", "mk4", "MK-7"])
def test_it_after_a_question_about_one_form_is_that_form(responder: Responder, form: str) -> None:
    """ "what is mk7" then "where is it made": where MK-7 is made, not where K2 comes from."""
    got = chat(responder, f"what is {form}", "where is it made")
    assert ["forms_mk4_mk7", "where_forms_made"] == got


def test_it_after_the_forms_is_still_k2_when_that_reads_better(responder: Responder) -> None:
    """ "does it help bones?" after where MK-4 and MK-7 are formed asks about K2 and bones."""
    got = chat(responder, "where are mk4 and mk7 made", "does it help bones?")
    assert ["where_forms_made", "bone_density"] == got


def test_it_after_a_question_about_k2_is_k2(responder: Responder) -> None:
    """ "what is k2" then "where does it come from": K2's gut bacteria."""
    assert ["what_is_k2", "gut_bacteria"] == chat(
        responder, "what is k2", "where does it come from"
    )


@pytest.mark.parametrize("follow_up", ["and calcium?", "what about calcium", "and calcium"])
def test_a_word_added_after_a_topic_is_asked_about_with_k2(
    responder: Responder, follow_up: str
) -> None:
    """ "and calcium?" after bone density asks about K2 and calcium (calcium absorption),
    not about calcium in bone (osteocalcin, which only the topic's "bone" brought in)."""
    got = chat(responder, "does k2 help bone density", follow_up)
    assert ["bone_density", "calcium_absorption"] == got


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        ("does k2 help bone density", "and for women?", "bone_density"),
        ("what is k2", "and with d3?", "k2_with_d3"),
        ("does k2 help bone density", "and fractures?", "fracture_risk"),
    ],
)
def test_the_topic_still_frames_a_follow_up_that_needs_it(
    responder: Responder, first: str, follow_up: str, expected: str
) -> None:
    """The topic named in front still reads the follow-ups its words are needed for."""
    assert expected == chat(responder, first, follow_up)[1]


@pytest.mark.parametrize("what", ["ok what is it then", "what is it then"])
def test_what_is_it_after_a_declined_k2_question_is_what_k2_is(
    responder: Responder, what: str
) -> None:
    """ "what foods have k2 in them" is declined; "ok what is it then" asks what K2 is (the
    "it" is K2, named before), and "go on" then goes on from that answer."""
    got = chat(responder, "what foods have k2 in them", what, "go on")
    assert None is got[0]
    assert "what_is_k2" == got[1]
    assert got[2] in {"gut_bacteria", "forms_mk4_mk7", "benefits_overview"}


@pytest.mark.parametrize("which", ["which one is better for bones", "wich one is beter for bones"])
def test_a_misspelt_which_follow_up_reads_as_typed_right(responder: Responder, which: str) -> None:
    """ "wich one is beter for bones" after the forms of K2 gets what "which one is better
    for bones" gets (bone density), not "my source doesn't say that about this topic"."""
    got = chat(responder, "wat forms does k2 hav", which)
    assert ["forms_mk4_mk7", "bone_density"] == got


@pytest.mark.parametrize(
    ("first", "follow_up", "topic"),
    [
        (
            "does k2 actually work for osteoporosis",
            "so does it work or not",
            "mk7_elderly_osteoporosis",
        ),
        ("does k2 help bone density", "does it work?", "bone_density"),
        ("should i take k2 with d3", "is it good?", "k2_with_d3"),
    ],
)
def test_a_pronoun_question_only_k2_in_general_would_answer_is_the_topic_again(
    responder: Responder, first: str, follow_up: str, topic: str
) -> None:
    """ "so does it work or not" after MK-7 for osteoporosis asks about that topic: "does
    k2 work" finds the benefits of K2 by the subject alone, speaking of no word of it."""
    assert [topic, topic] == chat(responder, first, follow_up)


def test_a_pronoun_question_with_words_of_its_own_is_still_read_as_k2(
    responder: Responder,
) -> None:
    """ "where does it come from?" after bone density is where K2 comes from."""
    got = chat(responder, "does k2 help bone density", "where does it come from?")
    assert ["bone_density", "gut_bacteria"] == got
