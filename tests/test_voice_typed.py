"""Voice-typed questions and "where is it made" questions, through the real Responder."""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Dictation spells letters and digits out.
        ("what does vitamin kay two do to osteoclasts", "osteoclasts_bone_loss"),
        ("is m k seven good for my nan with osteoporosis", "mk7_elderly_osteoporosis"),
        ("m k four versus m k seven which one", "forms_mk4_mk7"),
        ("kay two with vitamin d three for calcium absorption", "k2_with_d3"),
        ("how does kay two turn on osteo calcin", "osteocalcin"),
    ],
)
def test_spelled_out_letters_reach_the_topic(
    responder: Responder, question: str, intent: str
) -> None:
    """'kay two', 'm k seven', 'd three', 'osteo calcin' are K2, MK-7, D3, osteocalcin."""
    reply = responder.respond(question)
    assert (reply.outcome, reply.intent and reply.intent.id) == (Outcome.ANSWER, intent)


@pytest.mark.parametrize(
    "question",
    [
        "where are mk7 and mk4 produced, what is the difference",
        "mk4 versus mk7 - where is each one formed",
    ],
)
def test_where_made_prefers_the_place_answer(responder: Responder, question: str) -> None:
    """A 'where ... made' question gets where the forms are made, not the forms overview."""
    reply = responder.respond(question)
    assert (reply.outcome, reply.intent and reply.intent.id) == (
        Outcome.ANSWER,
        "where_forms_made",
    )


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # No making word: "where" alone asks nothing about a place of making.
        ("mk4 versus mk7 which is better", "forms_mk4_mk7"),
        # Making without "where" is who or what makes it.
        ("what makes k2 in the body", "gut_bacteria"),
    ],
)
def test_other_questions_keep_their_answer(
    responder: Responder, question: str, intent: str
) -> None:
    """The place rule needs both 'where' and a making word."""
    reply = responder.respond(question)
    assert (reply.outcome, reply.intent and reply.intent.id) == (Outcome.ANSWER, intent)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # The non-native word order of "what is k2 good for".
        ("please tell what vitamin k2 is good for", "benefits_overview"),
        # A kind-of-nutrient question asks what K2 is ("mineral" is no bone density here).
        ("is k2 a vitamin or a mineral", "what_is_k2"),
        # Naming the source is framing: every answer is the article's.
        ("according to the article what is k2", "what_is_k2"),
        # "Where" and making, with a close "where does k2 go" rival: the place answer.
        ("where is k2 being produced in the body", "gut_bacteria"),
    ],
)
def test_frames_of_the_question_do_not_decide_its_topic(
    responder: Responder, question: str, intent: str
) -> None:
    """Word order, naming the article and 'where ... made' keep the question's topic."""
    reply = responder.respond(question)
    assert (reply.outcome, reply.intent and reply.intent.id) == (Outcome.ANSWER, intent)
