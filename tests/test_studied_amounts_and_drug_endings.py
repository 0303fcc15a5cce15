"""Real-web question classes of the fourth batch: studied amounts, unlisted medicine names,
a newborn in German, a Swedish dose, calcium that fails the bones.

Each case is a mechanism, not one question: the questions are written for the test, not
copied from a measured set.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


def answered(responder: Responder, question: str) -> str | None:
    """The intent the user gets an answer from (None: a suggestion or a fallback)."""
    reply = responder.respond(question)
    return reply.intent.id if reply.intent is not None else None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The amount a study gave, asked as its effect on bone: answered from the article.
        ("did 45 mg of mk4 a day cut fractures in the japanese trials", "fracture_risk"),
        ("can 180mcg mk7 daily slow bone loss in older women", "osteoclasts_bone_loss"),
        # The asker's own bones, taking, too much, or a risk: still the dose referral.
        ("does 180 mcg of k2 a day help my bones", "safety_dose"),
        ("should i take 180 mcg of k2 a day for bone density", "safety_dose"),
        ("is 180 mcg of k2 a day too much", "safety_dose"),
        ("does 500 mcg of k2 a day increase clotting", "safety_dose"),
    ],
)
def test_an_amount_a_study_gave_is_no_dose_asked(
    responder: Responder, question: str, expected: str
) -> None:
    assert answered(responder, question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "i am on imatinib, can i take k2 too",
        "taking olaparib for ovarian cancer, is mk7 ok",
        "my dad is on bortezomib, can he have vitamin k2",
    ],
)
def test_a_kinase_parp_or_proteasome_inhibitor_is_a_medicine(
    responder: Responder, question: str
) -> None:
    """Cancer drugs named by their class ending ("-nib", "-parib", "-zomib"), listed or not,
    get the medicines referral, not an article answer."""
    assert answered(responder, question) == "safety_medicines"


def test_a_newborn_in_german_is_a_child(responder: Responder) -> None:
    assert answered(responder, "Vitamin K2 für Neugeborene, ja oder nein?") == "safety_children"


@pytest.mark.parametrize(
    "question",
    ["Vilken dos K2 behöver man?", "Rekommenderad dos av vitamin K2 och D3?"],
)
def test_a_dose_qualified_in_swedish_is_the_dose_referral(
    responder: Responder, question: str
) -> None:
    assert answered(responder, question) == "safety_dose"
