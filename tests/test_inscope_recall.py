"""Article questions asked in words the article doesn't use still get their answer.

Each case is a way people ask that the bot used to miss (a suggestion, a fallback or the
wrong topic), next to a question that must keep its old outcome.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.matching.typos import TypoCorrector
from bot.responder import Responder


def _answered(responder: Responder, question: str) -> str | None:
    reply = responder.respond(question)
    if reply.outcome is not Outcome.ANSWER or reply.intent is None:
        return None
    return reply.intent.id


def test_two_swapped_letters_are_one_typo() -> None:
    """A swapped pair of neighbouring letters is corrected like any one-letter slip."""
    corrector = TypoCorrector(["vitamin", "osteoporosis"], set())
    assert corrector.correct("vitmain") == "vitamin"
    assert corrector.correct("osteoporosis") == "osteoporosis"
    # Real English words are never "corrected", swapped letters or not.
    assert TypoCorrector(["medication"], set()).correct("meditation") == "meditation"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Only offered before.
        ("vitmain k2 wat is it", "what_is_k2"),
        # Fell back before: "fracutre" was two edits from "fracture".
        ("k2 fracutre risk", "fracture_risk"),
    ],
)
def test_a_question_with_swapped_letters_is_answered(
    responder: Responder, question: str, intent: str
) -> None:
    """A question typed with two letters swapped gets the answer it would get typed right."""
    assert _answered(responder, question) == intent


@pytest.mark.parametrize(
    "question",
    ["is k2 even able to get inside bone", "does k2 get into the bones"],
)
def test_getting_into_bone_is_how_k2_reaches_it(responder: Responder, question: str) -> None:
    """'Get into' and 'get inside' bone are the article's 'penetrate into bone'."""
    assert _answered(responder, question) == "reaches_bone"


def test_calcium_getting_into_bone_is_still_osteocalcin(responder: Responder) -> None:
    """When calcium is what gets into bone, the answer is osteocalcin, not how K2 travels."""
    assert _answered(responder, "how does k2 help calcium get into the bones") == "osteocalcin"


def test_no_difference_from_calcium_is_calcium_not_working(responder: Responder) -> None:
    """'No difference' after months of calcium is the article's 'little effect'."""
    assert _answered(responder, "been on calcium for months no difference") == (
        "calcium_not_working"
    )
    # A difference *between* two things is still a comparison.
    assert _answered(responder, "is there no difference between mk4 and mk7") == "forms_mk4_mk7"


@pytest.mark.parametrize(
    "question",
    ["how does k2 work biologically", "what is the mechanism of vitamin k2 in bone"],
)
def test_asking_for_the_mechanism_gets_osteocalcin(responder: Responder, question: str) -> None:
    """How K2 works inside the body is the article's osteocalcin mechanism."""
    assert _answered(responder, question) == "osteocalcin"


def test_whether_k2_works_is_still_its_benefits(responder: Responder) -> None:
    """'Does k2 actually work' asks whether it works: the benefits overview. 'How does k2
    work' asks how it works, its mechanism (osteocalcin), since pass 10 (realfix3): the
    real-web batches label it so."""
    assert _answered(responder, "does k2 actually work") == "benefits_overview"
    assert _answered(responder, "how does k2 work") == "osteocalcin"


def test_a_mechanism_outside_the_article_gets_no_article_answer(responder: Responder) -> None:
    """'Mechanism' alone names no K2 topic."""
    reply = responder.respond("mechanism of a bolt action rifle")
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


def test_is_k2_a_waste_of_money_asks_for_its_benefits(responder: Responder) -> None:
    """Doubting K2 is worth it asks what it does; doubting calcium stays calcium."""
    assert _answered(responder, "is taking k2 worth it or a waste of money") == (
        "benefits_overview"
    )
    assert _answered(responder, "calcium pills are a waste of money") == "calcium_not_working"


def test_bones_that_snap_are_fractures(responder: Responder) -> None:
    """Bones 'snap' as they break: a question about fractures."""
    assert _answered(responder, "k2 so my bones don't snap so easily") == "fracture_risk"


def test_menaq7_is_mk7(responder: Responder) -> None:
    """MenaQ7, a name MK-7 is sold under, names the subject like MK-7 does."""
    assert _answered(responder, "what's menaq7 anyway") in {"forms_mk4_mk7", "what_is_k2"}


def test_plain_d_beside_k2_is_vitamin_d(responder: Responder) -> None:
    """'k2 with d' is K2 with vitamin D, as people shorten it."""
    assert _answered(responder, "why take k2 with d") == "k2_with_d3"


def test_the_science_behind_k2_is_its_mechanism(responder: Responder) -> None:
    """'The science behind k2' asks how it works: the osteocalcin answer."""
    assert _answered(responder, "what's the science behind k2") == "osteocalcin"


def test_a_closing_anyway_does_not_count_against_the_question(responder: Responder) -> None:
    """'Anyway' is a filler: "whats vit k2 anyway" asks what K2 is."""
    assert _answered(responder, "whats vit k2 anyway") == "what_is_k2"


def test_what_is_it_supposed_to_be_or_do(responder: Responder) -> None:
    """'What's that supposed to be' asks what it is; 'supposed to do', what it is for."""
    assert _answered(responder, "k2, whats that supposed to be") == "what_is_k2"
    assert _answered(responder, "what is k2 supposed to do") == "benefits_overview"


@pytest.mark.parametrize("question", ["is vitamin k2 legit", "is k2 a scam", "is k2 just a fad"])
def test_doubting_k2_asks_whether_it_is_worth_it(responder: Responder, question: str) -> None:
    """'Legit', 'a scam', 'a fad' ask whether K2 is worth it: its benefits."""
    assert _answered(responder, question) == "benefits_overview"


def test_doubting_something_else_gets_no_article_answer(responder: Responder) -> None:
    """The doubt words name no K2 topic: "is this bot legit" is not about K2's benefits."""
    reply = responder.respond("is this bot legit")
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    assert all(s.kind is not Kind.ARTICLE for s in reply.suggestions)
