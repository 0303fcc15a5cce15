"""Real questions tell who advised them, and name the calcium paradox (pass 13, transfer).

Found by classing the in-scope misses of four real-web batches by the stage that held them
(docs/pass13/transfer.md): "my pharmacist asked...", "a protocol for lifters" weighed the
adviser or the asker as a topic the article leaves out; and "the calcium paradox", the name
web pages give to calcium that doesn't end up in the bones, was claimed by the heart
decline though every labelled question naming it asks why calcium doesn't work. The
questions below are written for these tests, not taken from any set; each asks the real
responder for the reply a user sees.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.matching.index import ROLE_NOUNS
from bot.responder import Responder

# The article answers that tell what K2 does with calcium.
CALCIUM_ANSWERS = frozenset({"calcium_absorption", "calcium_not_working", "osteocalcin"})


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("the trainer at my gym says powerlifters need k2 with d3, why?", {"k2_with_d3"}),
        ("physio keeps saying calcium isn't enough without k2, what does k2 add?", CALCIUM_ANSWERS),
        ("my physiotherapist says calcium alone won't cut it, where does k2 fit?", CALCIUM_ANSWERS),
    ],
)
def test_who_advised_or_who_asks_is_not_what_is_asked(
    responder: Responder, question: str, answers: set[str]
) -> None:
    """An adviser or the asker named by their role does not hold the article's answer back."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id in answers, reply.intent


@pytest.mark.parametrize(
    "question",
    [
        "my pharmacist says k2 is good for hair, is it?",
        "my physio says k2 helps tendons heal, true?",
    ],
)
def test_an_adviser_named_does_not_carry_a_near_miss_to_an_answer(
    responder: Responder, question: str
) -> None:
    """What the adviser said is still asked about: a topic the article leaves out is declined."""
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE, reply.intent


def test_a_role_a_pattern_uses_keeps_its_weight(responder: Responder) -> None:
    """Only roles no pattern names are people terms: a pattern's own word keeps its part."""
    index = responder.matcher.index
    assert "pharmacist" in index.people and "physio" in index.people
    named = {word for word in ROLE_NOUNS if word in index.weights}
    assert named and not named & index.people


@pytest.mark.parametrize(
    "question",
    [
        "Explain the calcium paradox in plain words, where does K2 come in?",
        "calcium paradox - is that why my calcium pills do nothing?",
        "heard about the calcium paradox on a podcast, what is it?",
        "what is the calcium paradox everyone mentions with vitamin k2",
    ],
)
def test_the_calcium_paradox_asks_why_calcium_does_not_work(
    responder: Responder, question: str
) -> None:
    """ "The calcium paradox" is calcium that doesn't reach the bones: the article's opening."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "calcium_not_working", reply.intent


def test_the_paradox_asked_about_arteries_is_still_declined(responder: Responder) -> None:
    """Keeping calcium out of the arteries is the heart decline's topic, paradox or not."""
    reply = responder.respond("does k2 solve the calcium paradox by clearing my arteries?")
    assert reply.outcome is Outcome.FALLBACK
