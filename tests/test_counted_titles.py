"""A number that only a safety pattern uses is no topic: SEO titles count their points.

"14 facts about vitamin k2" named a number only the children's safety patterns use ("my 14
year old"), which weighed as much as "d3" or "osteoclast": it got the children's referral.
"""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("5 Little-Known Benefits of K2", "benefits_overview"),
        ("5 Surprising Benefits of Vitamin K2 You Didn't Know", "benefits_overview"),
    ],
)
def test_a_counted_title_gets_its_answer(responder: Responder, question: str, intent: str) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == intent


def test_a_counted_title_is_no_safety_question(responder: Responder) -> None:
    reply = responder.respond("14 facts about vitamin k2 you should know")
    assert reply.intent is None or reply.intent.id != "safety_children"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("can my 5 year old take k2", "safety_children"),
        ("is k2 ok for a 14 year old", "safety_children"),
        ("is 200 mcg of k2 too much", "safety_dose"),
    ],
)
def test_ages_and_amounts_keep_their_referral(
    responder: Responder, question: str, intent: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
