"""Amounts that are not doses, and look-alikes read as risks (safety round 13).

"How much" asking the size of an effect or a count of kinds was read as a dose; a synonym
joined the end of one sentence to the next into a dose ("K2?" then "How many forms");
back-story told before the clause holding the question, a day of school missed, INR the
currency, advice to stop doing something else and K2 the mountain were referred. The
questions are written for these tests.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Dialogue
from bot.intents import Kind
from bot.responder import Responder
from builders import safety_referral


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # A follow-up "how much does it cut fracture risk" is read with the subject in
        # front: the size of the effect, which the article gives (87%).
        ("k2 how much does it cut fracture risk", "fracture_risk"),
        ("vitamin k2 how much does it increase bone density", "bone_density"),
        ("mk7 how much can it lower the fracture risk", "fracture_risk"),
        # "k2 how many" is read "how much k2" by the synonyms: a count of forms here.
        ("k2 how many forms", "forms_mk4_mk7"),
        ("different kinds of K2?\nHow many forms of vitamin K2", "forms_mk4_mk7"),
        ("what is k2. how much do we know about where mk7 is made", "what_is_k2"),
    ],
)
def test_how_much_of_an_effect_or_of_kinds_is_answered(
    responder: Responder, question: str, answer: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == answer


def test_a_follow_up_asking_the_size_of_the_effect_gets_the_article(
    responder: Responder,
) -> None:
    # The follow-up was read with K2 in front, "k2 how much does it cut...", a dose.
    dialogue = Dialogue(responder)
    said = [
        dialogue.respond("me", text)[0].reply.intent
        for text in ("does k2 help bones", "how much does it cut fracture risk")
    ]
    assert [intent.id if intent else None for intent in said] == [
        "bone_density",
        "fracture_risk",
    ]


@pytest.mark.parametrize(
    "question",
    [
        "k2 how much should i take",
        "how much is too much",
        "k2 how much do i need to reduce fracture risk",
        "how much k2 does it take to reduce fracture risk",
        "k2 how much per day does it help",
        # A bare "How much?" asks about the sentence before it.
        "I take calcium and D3 already. Should I add K2? How much?",
        "my husband takes k2.\nhow much should he take",
    ],
)
def test_an_amount_to_take_is_still_a_dose(responder: Responder, question: str) -> None:
    assert safety_referral(responder, question) == "safety_dose"


def test_amount_told_before_the_clause_that_asks_is_back_story(responder: Responder) -> None:
    told = (
        "Been on calcium for 3 years (600mg, the chewy ones) and still getting cramps at "
        "night 😩 why isn't my calcium working??"
    )
    assert safety_referral(responder, told) is None
    # Asked in the clause holding the "?", the amount is a dose question.
    assert (
        safety_referral(responder, "I take 600mg calcium, is that too much with k2?")
        == "safety_dose"
    )
    # A fragment question after a blood thinner keeps its referral, in any language.
    assert safety_referral(responder, "i take warfarin, k2?") == "safety_medicines"


@pytest.mark.parametrize(
    "question",
    [
        "i missed a day of school",
        "skipped a day at work, feeling guilty",
        "what does inr stand for in finance",
        "convert 500 inr to usd",
        "my dad told me to stop worrying so much",
        "what surgery did the k2 climbers need",
        "k2 base camp trek injuries, how bad",
        "how many climbers needed surgery after the k2 summit push",
    ],
)
def test_look_alikes_get_no_referral(responder: Responder, question: str) -> None:
    assert safety_referral(responder, question) is None


def test_stopping_another_act_asks_the_article(responder: Responder) -> None:
    reply = responder.respond(
        "my doctor told me to stop wasting money on supplements, does k2 help bones?"
    )
    assert reply.intent is not None and reply.intent.kind is Kind.ARTICLE


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        ("i missed a day of my k2, should i double up", "safety_dose"),
        ("my inr is 3.5, can i take k2", "safety_medicines"),
        ("my doctor told me to stop taking k2", "safety_dose"),
        ("i have surgery next week, can i take k2", "safety_surgery"),
    ],
)
def test_the_risk_itself_is_still_referred(
    responder: Responder, question: str, referral: str
) -> None:
    assert safety_referral(responder, question) == referral
