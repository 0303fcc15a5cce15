"""A question mainly about something the article doesn't address gets no article answer.

Issue 12, decline pass 5 (`bot.matching.main_content`): another nutrient joined to K2, the
subject set aside, or a main word no article intent uses that a close decline explains.
Questions that only add a side word to a covered topic are still answered. Also the small
talk and offer rules of the same pass. Every test asks the real responder for the reply a
user sees.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.matching.explain import explain
from bot.responder import Responder


def _no_article_answer(responder: Responder, question: str) -> str:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE, reply.intent
    return reply.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # What the asker sets aside neither counts against the rest nor passes for the topic.
        ("so what is k2 good for, other than being mixed into my d3 drops?", "benefits_overview"),
        ("except for the calcium bit, what is vitamin k2 good for", "benefits_overview"),
        ("putting osteoporosis aside, where does k2 come from", "gut_bacteria"),
    ],
)
def test_the_question_left_after_a_topic_set_aside_is_answered(
    responder: Responder, question: str, intent: str
) -> None:
    reply = responder.respond(question)
    assert intent == (reply.intent and reply.intent.id)


@pytest.mark.parametrize(
    ("question", "not_this"),
    [
        # The topic the asker sets aside is not the answer they get.
        ("besides bone health, what is k2 good for", "bone_density"),
        ("other than calcium absorption what does k2 do", "calcium_absorption"),
    ],
)
def test_a_topic_set_aside_is_not_the_answer(
    responder: Responder, question: str, not_this: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.id != not_this


@pytest.mark.parametrize(
    ("question", "named"),
    [
        # The main word: no article intent uses it, and a close decline explains it.
        ("is k2 good for my hair", "hair"),
        ("is k2 good for liver health", "liver"),
        # Another nutrient joined to K2 (and D3) by "and", "with", "plus".
        ("k2 d3 and zinc together?", "zinc"),
        ("collagen and k2 for bone health", "collagen"),
        # ...or listed beside D3 without an "and".
        ("k2 d3 magnesium stack", "magnesium"),
    ],
)
def test_a_question_mainly_about_something_else_is_declined_by_name(
    responder: Responder, question: str, named: str
) -> None:
    """No article answer: the reply says what the source doesn't cover, by name."""
    text = _no_article_answer(responder, question)
    assert named in text.split("\n\n", 1)[0]


@pytest.mark.parametrize(
    "question",
    [
        "my grandma has weak bones what vitamins should she take besides k2",
        "can i take k1 instead of k2",
        "what else is good for bones apart from vitamin k2",
    ],
)
def test_a_question_that_sets_k2_aside_gets_no_article_answer(
    responder: Responder, question: str
) -> None:
    _no_article_answer(responder, question)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A core term of the intent makes the question about its topic ("d3", "bone").
        ("should i take k2 with my d3 drops", "k2_with_d3"),
        ("k2 and d3 together", "k2_with_d3"),
        ("does k2 help bone density in runners", "bone_density"),
        # "with arthritis" says who asks: people are no partner taken together.
        ("k2 for bone health in older adults with arthritis", "bone_density"),
        ("does k2 with d3 help absorb calcium better", "k2_with_d3"),
        # Two words side by side are no list: "dissolve" is a verb here.
        ("does k2 inhibit the cells that dissolve bone", "osteoclasts_bone_loss"),
        ("k2 natto mk7 difference vs mk4", "forms_mk4_mk7"),
    ],
)
def test_a_side_word_beside_a_covered_topic_is_still_answered(
    responder: Responder, question: str, intent: str
) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == intent


def test_explain_says_the_question_is_mainly_about_something_else(
    responder: Responder,
) -> None:
    text = explain(responder.matcher, "is k2 good for my hair").render()
    assert "mainly about something else: 'hair'" in text
    assert "outcome: fallback" in text


def test_a_number_the_article_uses_earns_no_offer(responder: Responder) -> None:
    """ "87" (the article's fracture figure) is no name of K2: no "did you mean"."""
    reply = responder.respond("what is 87 percent of 200")
    assert reply.outcome is Outcome.FALLBACK
    assert reply.intent is None
    assert "Did you mean" not in reply.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("i have to go now", "goodbye"),
        ("tell me about yourself", "about_bot"),
        ("thanks, very useful", "thanks"),
        ("what can i ask", "about_bot"),
        ("have a good day", "goodbye"),
    ],
)
def test_small_talk_said_plainly_is_answered(
    responder: Responder, question: str, intent: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent, reply.intent


@pytest.mark.parametrize("question", ["will it be a good day", "is it a good night for stars"])
def test_a_question_is_not_the_small_talk_its_words_say(
    responder: Responder, question: str
) -> None:
    """ "will it be a good day" asks; "have a good day" says goodbye."""
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.SMALLTALK, reply.intent
