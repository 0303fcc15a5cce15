"""Scope, round 7 (issue 12, blind set 9): older askers, pasted claims, comparisons.

Each test asks the real responder for the reply a user sees: a topic set aside with
"apart from" is not the answer, an everyday sense of an article word is offered nothing,
and the other readings of this pass.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "set_aside"),
    [
        # Plural or singular, the topic set aside is not the answer...
        ("what does k2 do apart from bones", "bone_density"),
        ("what is k2 good for besides bones", "bone_density"),
        # ...and its words don't count against what is asked ("what does k2 do").
        ("what does k2 do apart from bone density", "bone_density"),
        ("what does k2 do except for strengthening bones", "bone_density"),
        ("Besides bone density, what else does K2 do?", "bone_density"),
    ],
)
def test_a_topic_set_aside_leaves_the_question_it_frames(
    responder: Responder, question: str, set_aside: str
) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "benefits_overview", reply.intent


def test_setting_the_subject_aside_is_still_not_answered(responder: Responder) -> None:
    """Only a topic is read away: "besides k2" asks about something else altogether."""
    reply = responder.respond("what should i take besides k2 for my bones")
    assert reply.outcome is not Outcome.ANSWER


@pytest.mark.parametrize(
    "question",
    [
        "fractured phone screen",
        "my phone screen is fractured",
        "the team is fractured after the layoffs",
    ],
)
def test_an_everyday_sense_of_an_article_word_is_offered_nothing(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.FALLBACK
    assert not reply.suggestions


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        # The article's own words beside the term: still offered.
        ("fractured hip", "fracture_risk"),
        ("calcium tablets but my legs still hurt, what am i missing", "calcium_not_working"),
    ],
)
def test_the_article_sense_keeps_its_topic(
    responder: Responder, question: str, offered: str
) -> None:
    reply = responder.respond(question)
    got = {i.id for i in reply.suggestions} | ({reply.intent.id} if reply.intent else set())
    assert offered in got
    assert all(i.kind is Kind.ARTICLE for i in reply.suggestions)
