"""Conversations: a pointer that asks nothing else, "how does it do that?", "example?".

Every test drives the real responder on the shipped content through one conversation, as
one person's chat, and checks the answer a user sees.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Dialogue, Turn
from bot.responder import Responder
from builders import intents_through_a_chat as chat


def _turns(responder: Responder, *messages: str) -> list[Turn]:
    dialogue = Dialogue(responder)
    return [dialogue.respond("me", text)[0] for text in messages]


@pytest.mark.parametrize(
    ("first", "pointer"),
    [
        ("where is mk7 made", "and the other one?"),
        ("where is mk4 formed", "why there?"),
        ("where is mk4 formed", "why there"),
        ("где образуется мк7", "а другой?"),
    ],
)
def test_a_pointer_asking_nothing_else_gets_the_topic_not_the_forms(
    responder: Responder, first: str, pointer: str
) -> None:
    """ "and the other one?" after where MK-7 is made asks where MK-4 is made, which the
    same answer says; the topic's own words ("k2 mk4 mk7") found MK-4 vs MK-7 before."""
    assert ["where_forms_made", "where_forms_made"] == chat(responder, first, pointer)


def test_a_pointer_still_reads_k2_when_it_asks_something(responder: Responder) -> None:
    """ "where is it made?" after what K2 is: "it" is K2, and the message asks "made"."""
    assert ["what_is_k2", "gut_bacteria"] == chat(responder, "what is k2", "where is it made?")


@pytest.mark.parametrize(
    "how",
    [
        "how does it do that?",
        "how does it do it?",
        "how does that happen",
        "how?",
        "а как он это делает?",
        "как?",
    ],
)
def test_how_it_reduces_bone_loss_is_the_bone_loss_answer(responder: Responder, how: str) -> None:
    """The article's how is the osteoclast sentence the bone-loss answer already holds;
    bone density (the related answer before) says nothing of how, and was given before."""
    turns = _turns(responder, "does vitamin k2 reduce bone loss", how)
    answer = turns[1].reply
    assert answer.intent is not None and answer.intent.id == "osteoclasts_bone_loss"
    assert "osteoclast" in answer.html


def test_how_calcium_absorption_works_still_goes_on_to_osteocalcin(responder: Responder) -> None:
    """The osteocalcin answer speaks of calcium: it is the how of calcium absorption."""
    got = chat(responder, "does k2 help calcium absorption", "how does it do that?")
    assert ["calcium_absorption", "osteocalcin"] == got


def test_a_bare_why_still_goes_on_to_the_next_related_answer(responder: Responder) -> None:
    """A bare "why?" goes on as "tell me more" does (bone density, after bone loss)."""
    got = chat(responder, "does vitamin k2 reduce bone loss", "why?")
    assert got[1] not in (None, "osteoclasts_bone_loss")


@pytest.mark.parametrize("example", ["example?", "for example?", "give me an example", "например?"])
def test_asking_for_an_example_goes_on_with_the_topic(responder: Responder, example: str) -> None:
    """ "example?" after calcium absorption is a continuation, not "not covered"."""
    got = chat(responder, "does k2 help calcium absorption", example)
    assert got[1] in ("osteocalcin", "k2_with_d3", "calcium_not_working")


@pytest.mark.parametrize(
    "which", ["which one is better for old people", "which is best for old people?"]
)
def test_which_form_for_old_people_after_where_they_are_made(
    responder: Responder, which: str
) -> None:
    """After where MK-4 and MK-7 are formed, the topic's words alone ("k2 mk4 mk7") find
    MK-4 vs MK-7; "old people" is what the message asks, and MK-7 for the elderly says it."""
    got = chat(responder, "mk4 vs mk7??", "where are they made", which)
    assert ["forms_mk4_mk7", "where_forms_made", "mk7_elderly_osteoporosis"] == got
