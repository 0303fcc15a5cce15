"""Safety: everyday messages that look like risks are not sent to a doctor, as a user meets it.

Too much Netflix, child safety seats, a price, a shop's web address, a unit turned into
another, a phone taken, a French loudspeaker: each named a risk word and got a doctor
referral before this pass. Their twins, naming something taken, keep the referral. The
questions are written for these tests.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Dialogue
from bot.intents import Kind
from bot.responder import Responder


def referral(responder: Responder, question: str) -> str | None:
    """The safety referral a question gets (None: no referral)."""
    intent = responder.respond(question).intent
    return intent.id if intent is not None and intent.kind is Kind.SAFETY else None


@pytest.mark.parametrize(
    "question",
    [
        "overdosed on netflix last night, no regrets",
        "i kinda overdosed on reality tv today",
        "child safety seats that fit a small car",
        "baby safety gates for the stairs",
        "k2 how much does it cost",
        "how much would a bottle of mk7 cost",
        "Wie viel kostet eine Zahnreinigung ohne Versicherung?",
        "check out www.vitaminsforkids.com",
        "see https://www.babyvitaminstore.com for the sale",
        "how many mcg are in a mg",
        "my son took my phone and locked himself in his room",
        "enceinte bluetooth étanche pas chère",
    ],
)
def test_an_everyday_look_alike_gets_no_referral(responder: Responder, question: str) -> None:
    assert referral(responder, question) is None


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("overdosed on my sleeping pills, what do i do", "safety_emergency"),
        ("i think i overdosed on k2", "safety_emergency"),
        ("is k2 safe for children?", "safety_children"),
        ("safety of k2 for kids", "safety_children"),
        ("how much k2 should i take a day", "safety_dose"),
        ("is k2 safe for my 4 year old? www.kidsvitamins.com says yes", "safety_children"),
        ("how many mcg of k2 should i take", "safety_dose"),
        # A child who took someone's pills: poison control (round 11; was children).
        ("my son took my k2 pills", "safety_emergency"),
        ("je suis enceinte, puis-je prendre de la vitamine k2 ?", "safety_pregnancy"),
        ("¿es seguro tomar k2 en el embarazo?", "safety_pregnancy"),
    ],
)
def test_its_twin_naming_something_taken_keeps_the_referral(
    responder: Responder, question: str, intent: str
) -> None:
    assert referral(responder, question) == intent


def test_asking_the_price_after_an_answer_gets_no_dose_referral(responder: Responder) -> None:
    # "it" is K2 here: "how much does k2 cost" asks a price, not an amount to take.
    dialogue = Dialogue(responder)
    assert dialogue.turn(responder, "chat", "what is vitamin k2?").reply.intent.id == "what_is_k2"
    reply = dialogue.turn(responder, "chat", "how much does it cost?").reply
    assert reply.intent is None or reply.intent.kind is not Kind.SAFETY
    assert "how much to take" not in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "is 1000 mcg too expensive or too much",
        "the 5000 mcg bottle is cheaper, is that dose too high?",
        "how much k2 per day is the price worth it",
    ],
)
def test_a_price_asked_beside_a_dose_keeps_the_dose_referral(
    responder: Responder, question: str
) -> None:
    """A price word dropped every referral of a message naming nothing taken: asking too
    much, a dose or an amount per day in the same message got the buying decline."""
    assert referral(responder, question) == "safety_dose"
