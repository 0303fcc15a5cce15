"""Safety: whose risk an amount is for chooses the referral; a tablet computer is no pill.

A child's dose asked in any language got the general dose referral, not the children's
("Sind 2 mg Vitamin K für mein Baby nicht viel zu hoch dosiert?"). A child and a tablet
computer, gummy bears, a breastfeeding room, a dialysis technician's salary or a French
dog's pregnancy got a doctor referral meant for a risk. A tooth pulled with a count, a
rash with a plea for help got none. The questions are
written for these tests (the two from the brief are dev examples).
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.responder import Responder


def referral(responder: Responder, question: str) -> str | None:
    """The safety referral a question gets (None: no referral)."""
    intent = responder.respond(question).intent
    return intent.id if intent is not None and intent.kind is Kind.SAFETY else None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Sind 2 mg Vitamin K für mein Baby nicht viel zu hoch dosiert?", "safety_children"),
        ("сколько К2 давать ребенку", "safety_children"),
        ("how many mcg of mk7 is right for a 10 year old", "safety_children"),
        ("what dose of k2 while pregnant", "safety_pregnancy"),
        ("how many mg of k2 can i take with my warfarin", "safety_medicines"),
        # Nobody else's risk: the dose referral stays.
        ("how many mcg of mk7 should i take", "safety_dose"),
    ],
)
def test_whose_amount_it_is_chooses_the_referral(
    responder: Responder, question: str, expected: str
) -> None:
    """A child, a pregnancy or a medicine named with an amount gets its own referral."""
    assert referral(responder, question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "my two boys argue over the tablet every evening, how much screen time is fair",
        "which tablet should i buy my 6 year old for games and youtube",
        "qual tablet comprar para o meu filho de 8 anos",
        "ile kosztuje dobry tablet dla dziecka",
        "сколько стоит детский планшет",
        "homemade gummy bears for my daughter's birthday",
        "where is the lactation room in the mall",
        "how much does a dialysis nurse earn",
        "ma chienne est enceinte, combien de chiots",
    ],
)
def test_look_alikes_get_no_referral(responder: Responder, question: str) -> None:
    """A device, sweets, a room, a job or a pet: nothing anyone takes."""
    assert referral(responder, question) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("can my 6 year old chew a k2 tablet", "safety_children"),
        ("my son swallowed a handful of tablets while on his ipad", "safety_emergency"),
        ("is it ok to give my 4 year old k2 gummies", "safety_children"),
        ("they are extracting two of my molars next week, stop mk7?", "safety_surgery"),
        ("my arms are itchy after the mk7, what should i do", "safety_emergency"),
        ("on eliquis and my gums bleed a bit, how much k2 is safe", "safety_medicines"),
        ("vitamin k and kidney disease, ok?", "safety_kidney"),
    ],
)
def test_the_risks_beside_them_are_still_referred(
    responder: Responder, question: str, expected: str
) -> None:
    """A pill tablet, gummy vitamins, a tooth pulled, a reaction now, a medicine."""
    assert referral(responder, question) == expected
