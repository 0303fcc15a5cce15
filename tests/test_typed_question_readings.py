"""How questions typed to the bot are read: close calls, typos by sound, claims, frames.

Each case is a way people type a question that the bot used to read wrongly (an offer for
a clear question, a wrong answer, an answer to a question the article doesn't cover), next
to a question that must keep its old outcome.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.matching.one_edit import OneEditIndex, sounds_alike
from bot.matching.typos import TypoCorrector
from bot.responder import Responder


def _answered(responder: Responder, question: str) -> str | None:
    reply = responder.respond(question)
    if reply.outcome is not Outcome.ANSWER or reply.intent is None:
        return None
    return reply.intent.id


def _article_answer(responder: Responder, question: str) -> str | None:
    reply = responder.respond(question)
    if reply.outcome is not Outcome.ANSWER or reply.intent is None:
        return None
    return reply.intent.id if reply.intent.kind is Kind.ARTICLE else None


# -- close calls ----------------------------------------------------------------------


def test_a_runner_up_explaining_only_part_of_the_question_is_no_rival(
    responder: Responder,
) -> None:
    """'Vitamin K2' alone is a 'what is K2' pattern, but the title asks for the benefits.

    Only the benefits intent explains "benefits" and "body"; the definition, which explains
    nothing the benefits don't, used to tie with it and turn the answer into a "did you mean".
    """
    assert _answered(responder, "Vitamin K2: Benefits for the Body") == "benefits_overview"


def test_two_topics_each_explaining_its_own_word_are_still_offered(
    responder: Responder,
) -> None:
    """When each close intent explains a word the other doesn't, the user is asked."""
    reply = responder.respond("osteoclasts vs osteocalcin k2 what's the difference")
    assert reply.outcome is Outcome.SUGGEST
    assert {i.id for i in reply.suggestions} >= {"osteocalcin", "osteoclasts_bone_loss"}


# -- typos by sound -------------------------------------------------------------------


def test_sounds_alike_is_one_letter_for_a_letter_said_the_same() -> None:
    """K for c, s for z: a spelling slip; k for b is not."""
    assert sounds_alike("osteoklast", "osteoclast")
    assert sounds_alike("osteoporozis", "osteoporosis")
    assert not sounds_alike("osteoklast", "osteoblast")
    assert not sounds_alike("osteoclast", "osteoclasts")


def test_a_tie_between_one_edit_words_goes_to_the_letter_that_sounds_alike() -> None:
    """Both are one edit from "osteoklast"; the one spelt by sound wins, not list order."""
    words = ["osteoblast", "osteoclast"]
    assert OneEditIndex(words, by_sound=True).closest("osteoklast") == "osteoclast"
    # Without it, the list's order decides, as before (the safety readings keep it).
    assert OneEditIndex(words).closest("osteoklast") == "osteoblast"


def test_the_typo_corrector_reads_by_sound_cold_and_warm() -> None:
    """Before and after its index is built, the corrector gives the same answer."""
    corrector = TypoCorrector(["osteoblast", "osteoclast"], set())
    assert corrector.correct("osteoklast") == "osteoclast"
    warm = TypoCorrector(["osteoblast", "osteoclast"], set())
    warm.warm_up()
    assert warm.correct("osteoklast") == "osteoclast"


def test_osteoclasts_spelt_with_a_k_get_the_bone_loss_answer(responder: Responder) -> None:
    """It used to be read as osteoblasts, a near miss the article doesn't cover."""
    assert _answered(responder, "k2 osteoklasts") == "osteoclasts_bone_loss"


# -- a claim checked is not a question about the subject ------------------------------


def test_is_that_what_happens_checks_the_claim_before_it(responder: Responder) -> None:
    """'Is that actually what happens' points at the claim, not at K2 ('what is K2')."""
    question = (
        "i read that k2 goes right through the walls of your veins into the bone, "
        "is that actually what happens?"
    )
    assert _answered(responder, question) != "what_is_k2"


def test_what_is_that_still_asks_what_the_subject_is(responder: Responder) -> None:
    """A 'what' clause pointing back does ask about the subject named before it."""
    question = "my friend keeps mentioning vitamin k2, what is that"
    assert _answered(responder, question) == "what_is_k2"


# -- frames and words -----------------------------------------------------------------


@pytest.mark.parametrize(
    "question", ["whats so great about k2 anyway", "what is so good about vitamin k2"]
)
def test_whats_so_great_about_k2_asks_for_the_benefits(responder: Responder, question: str) -> None:
    """'Great' is small talk's word, dropped from article scoring: the rest read 'what is k2'."""
    assert _answered(responder, question) == "benefits_overview"


def test_wheres_k2_from_asks_where_it_comes_from(responder: Responder) -> None:
    """'Where's' is 'where is': it used to lose its 'is' and get how K2 reaches bone."""
    assert _answered(responder, "where's k2 from") == "gut_bacteria"


def test_one_domain_word_without_k2_is_no_evidence_for_an_answer(responder: Responder) -> None:
    """'What does calcium do in the body' shares only "calcium" with the calcium answers."""
    assert _article_answer(responder, "what does calcium do in the body") is None
    # Two of the question's words explained: still the article's answer without K2 named.
    assert _answered(responder, "calcium pills not working") == "calcium_not_working"
    assert _answered(responder, "why doesnt my calcium work") == "calcium_not_working"


def test_which_is_cheaper_asks_a_price(responder: Responder) -> None:
    """A price question naming both forms is declined, not answered with the forms."""
    assert _article_answer(responder, "which is cheaper mk4 or mk7") is None
    assert _answered(responder, "difference between mk4 and mk7") == "forms_mk4_mk7"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Vitamin K2: The Missing Link for Calcium", "calcium_absorption"),
        ("Vitamin K2 - Benefits and Sources", "benefits_overview"),
    ],
)
def test_a_title_part_naming_only_the_subject_is_its_label(
    responder: Responder, question: str, intent: str
) -> None:
    """'Vitamin K2' before the colon labels the title; read alone it was 'what is K2'."""
    assert _answered(responder, question) == intent


def test_a_title_that_only_names_the_subject_still_asks_what_it_is(
    responder: Responder,
) -> None:
    """With nothing else named, the label is the question ('Vitamin K2 explained')."""
    assert _answered(responder, "Vitamin K2 explained") == "what_is_k2"
