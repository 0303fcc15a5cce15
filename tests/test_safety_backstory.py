"""Safety: back-story is not a risk, as a user meets it.

Who bought or suggested K2, what the asker takes besides it, their own childhood and an
event long past are the story around a question, not who takes K2 now: such a question
gets the article's answer. Its twin, asking about a child, a medicine taken now, a dose,
an operation ahead or a pregnancy, keeps its doctor referral. The questions are written
for these tests.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent", "said"),
    [
        # Each got a safety referral before this pass: the buyer, a habit or a past event
        # was read as the risk.
        (
            "my son-in-law picked me up a jar of k2, what is vitamin k2?",
            "what_is_k2",
            "unique vitamin",
        ),
        (
            "my granddaughter told me gut bacteria make vitamin k2, is that right?",
            "gut_bacteria",
            "bacteria",
        ),
        (
            "my husband takes calcium every morning, why do calcium supplements have "
            "little effect?",
            "calcium_not_working",
            "osteocalcin",
        ),
        (
            "i do yoga three times a week, what does vitamin k2 do to osteocalcin?",
            "osteocalcin",
            "osteocalcin",
        ),
        (
            "I had a course of antibiotics two years ago. do gut bacteria make vitamin k2?",
            "gut_bacteria",
            "bacteria",
        ),
        (
            "as a kid I broke my arm twice, does k2 help prevent fractures?",
            "fracture_risk",
            "87%",
        ),
    ],
)
def test_a_question_with_back_story_gets_the_article_answer(
    responder: Responder, question: str, intent: str, said: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert said in reply.text
    assert "doctor" not in reply.text or intent == "mk7_elderly_osteoporosis"


@pytest.mark.parametrize(
    ("question", "intent", "who"),
    [
        # The same words, asking about a risk: the user is sent to someone who can advise.
        (
            "my son-in-law picked me up a jar of k2, can my 9 year old grandson have some?",
            "safety_children",
            "child's doctor",
        ),
        (
            "my granddaughter told me about k2, she is 13, is it ok for her?",
            "safety_children",
            "child's doctor",
        ),
        (
            "my husband takes warfarin every morning, what does k2 do?",
            "safety_medicines",
            "warfarin",
        ),
        (
            "my husband takes calcium every morning, how much k2 should he add?",
            "safety_dose",
            "doctor or pharmacist",
        ),
        # A medicine taken now, asked about with K2 (round 11: told before a question of
        # the article alone, "... do gut bacteria make vitamin k2?", it is back-story).
        (
            "I'm on a course of antibiotics this week, do gut bacteria still make k2 while on them?",
            "safety_medicines",
            "doctor or pharmacist",
        ),
        (
            "my son bought me k2 last year, i also take warfarin",
            "safety_medicines",
            "warfarin",
        ),
        (
            "had my gallbladder out years ago and now another operation next week, k2?",
            "safety_surgery",
            "surgeon",
        ),
        (
            "my kids bought me k2 and took some themselves",
            "safety_children",
            "child's doctor",
        ),
    ],
)
def test_its_risky_twin_keeps_the_doctor_referral(
    responder: Responder, question: str, intent: str, who: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert who in reply.text


def test_a_buyer_yields_to_the_dose_asked(responder: Responder) -> None:
    # Still a referral, now the one asked: how much to take, not whether a child may.
    reply = responder.respond("my nephew ordered me some mk7, how many should i take a day?")
    assert reply.intent is not None and reply.intent.id == "safety_dose"
    assert "how much to take" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        # The buyer or adviser, in the other languages the bot refers in: each got the
        # children's referral before this pass (the back-story was read in English only).
        "моя дочь подарила мне к2, что это такое?",
        "mi hijo me regaló vitamina k2, ¿qué es?",
        "meine Tochter hat mir K2 geschenkt, was ist das?",
        "ma fille m'a offert de la vitamine K2, c'est quoi ?",
        "meu filho me deu k2, o que é isso?",
    ],
)
def test_back_story_in_another_language_is_no_referral(responder: Responder, question: str) -> None:
    intent = responder.respond(question).intent
    assert intent is None or not intent.id.startswith("safety_")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Its twins: the child takes it, or the question asks about taking.
        ("моя дочь подарила мне к2, можно ли ей его пить?", "safety_children"),
        ("mi hijo me regaló k2, ¿puede tomarlo él mismo?", "safety_children"),
        ("моя дочь купила себе к2", "safety_children"),
        ("meine Tochter hat mir K2 geschenkt, wie viel soll ich nehmen?", "safety_dose"),
    ],
)
def test_its_twin_in_another_language_keeps_a_referral(
    responder: Responder, question: str, intent: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
