"""Safety: an amount or a medicine told as back-story, and a child into someone's pills.

A web post tells what its writer takes, then asks the article's question: the answer is
the article's, not a referral for the back-story. The same post asking about the amount,
its safety, whether to take K2 or K2 with the medicine, or naming a blood thinner, keeps
its referral. A child who took or ate someone's pills, said without a number, is poison
control, not advice before giving. The questions are written for these tests.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent", "said"),
    [
        # Each got the dose or medicines referral before: the amount or the medicine was
        # told in a statement, and the question asks the article.
        (
            "I have 1000 IU of D3 with breakfast most days. Which forms of vitamin K2 exist?",
            "forms_mk4_mk7",
            "MK-7",
        ),
        (
            "Finished a course of doxycycline in March. Do our intestinal bacteria produce K2?",
            "gut_bacteria",
            "bacteria",
        ),
        (
            "been on 120mcg mk7 for a while now. how does k2 help calcium get into bone?",
            "osteocalcin",
            "osteocalcin",
        ),
        (
            "I'm on atorvastatin, so I read a lot about supplements. What is vitamin K2?",
            "what_is_k2",
            "unique vitamin",
        ),
        (
            "Does K2 help bone density? I take 100 mcg MK-7 alongside my D3",
            "bone_density",
            "bone mineral density",
        ),
        (
            "Пью метформин каждый день. Откуда берётся витамин K2?",
            "gut_bacteria",
            "бактери",
        ),
    ],
)
def test_an_amount_or_a_medicine_told_before_an_article_question_gets_the_answer(
    responder: Responder, question: str, intent: str, said: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert said in reply.text


@pytest.mark.parametrize(
    ("question", "intent", "who"),
    [
        # The same back-story with a risk in the question, or a blood thinner told.
        (
            "I have 1000 IU of D3 with breakfast most days. Is it safe to add K2?",
            "safety_dose",
            "doctor or pharmacist",
        ),
        (
            "been on 120mcg mk7 for a while now. is 120mcg too much?",
            "safety_dose",
            "doctor or pharmacist",
        ),
        (
            "been on 120mcg mk7 for a while now, is that crazy high?",
            "safety_dose",
            "doctor or pharmacist",
        ),
        (
            "Finished a course of doxycycline in March and I still take it. Can I take K2 with it?",
            "safety_medicines",
            "doctor or pharmacist",
        ),
        (
            "My GP put me on statins. Does K2 interfere with them?",
            "safety_medicines",
            "doctor or pharmacist",
        ),
        (
            "My GP put me on apixaban. What is vitamin K2?",
            "safety_medicines",
            "blood thinners",
        ),
        (
            "i take a bunch of meds for my heart. what does k2 do for bones?",
            "safety_medicines",
            "blood thinners",
        ),
        (
            "upped to 600 mcg mk7 a day last month, now getting headaches. does k2 do that?",
            "safety_dose",
            "doctor or pharmacist",
        ),
        (
            "I take 40 capsules of k2 a day. What does K2 do for bones?",
            "safety_dose",
            "doctor or pharmacist",
        ),
        (
            "Принимаю варфарин. Какие бывают формы витамина K2?",
            "safety_medicines",
            "варфарин",
        ),
    ],
)
def test_a_risk_asked_or_a_blood_thinner_told_keeps_the_referral(
    responder: Responder, question: str, intent: str, who: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert who in reply.text


def test_a_generic_you_choosing_a_form_gets_the_forms_answer(responder: Responder) -> None:
    # A how-to title's "you" is anyone: the forms are the article's; "I" asks advice.
    reply = responder.respond("MK-4 or MK-7: which form of K2 should you pick?")
    assert reply.intent is not None and reply.intent.id == "forms_mk4_mk7"
    mine = responder.respond("MK-4 or MK-7: which form of K2 should I pick?")
    assert mine.intent is not None and mine.intent.id == "safety_dose"


@pytest.mark.parametrize(
    "question",
    [
        # A child into someone's pills, with no number: each got the children's referral
        # (or none) before.
        "my son took my k2 pills",
        "my little girl ate my mk7 softgels",
        "my 3yo chewed through a couple of my vitamin k2 gummies",
        "my daughter has eaten some of my k2 capsules",
        "Внук съел мои капсулы K2",
        "mi hija se tomó mis cápsulas de k2",
    ],
)
def test_a_child_into_someones_pills_is_an_emergency(responder: Responder, question: str) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_emergency"


@pytest.mark.parametrize(
    "question",
    [
        # Asking before giving, or a child's own course: the children's referral.
        "can my son take my k2 pills?",
        "should my daughter take k2",
        "my son took k2 for a month, did it help his bones?",
        "my daughter took my advice and started k2 pills",
    ],
)
def test_giving_a_child_k2_stays_the_childrens_referral(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_children"
