"""Everyday words of other languages in safety triggers, through the real responder.

A children's word that is one of its language's commonest words ("ninos", "bambini",
"cocuklar") routes only with a word about taking something, as "kids" does in English; an
English trigger found only as another language's function word (Swedish "med": with) does
not refer a message in that language. Risks said with those words are still referred.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


def _referral(responder: Responder, question: str) -> str | None:
    intent = responder.respond(question).intent
    return intent.id if intent is not None and intent.id.startswith("safety_") else None


@pytest.mark.parametrize(
    "question",
    [
        # Children's words among everyday talk: games, films, cartoons for kids.
        "juegos para ninos de 5 anos en casa",
        "film per bambini da vedere stasera",
        "cocuklar icin cizgi film onerisi",
        # Swedish and Slovene "med" is "with" / "between", not the English "med".
        "ska man ta k2 tillsammans med d3?",
        "kakšna je razlika med mk-4 in mk-7",
    ],
)
def test_everyday_words_of_another_language_get_no_referral(
    responder: Responder, question: str
) -> None:
    assert _referral(responder, question) is None


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        # The same words with K2 or taking named stay referrals.
        ("puedo darle k2 a mis ninos", "safety_children"),
        ("mis ninos pueden tomar esto?", "safety_children"),
        ("la k2 va bene per i bambini?", "safety_children"),
        ("cocuklar k2 vitamini kullanabilir mi", "safety_children"),
        # "med" with a medicine named, and the English "med" in an English question.
        ("jag tar k2 med waran, går det?", "safety_medicines"),
        ("any med i should avoid with k2", "safety_medicines"),
    ],
)
def test_the_same_words_about_taking_k2_are_still_referred(
    responder: Responder, question: str, intent_id: str
) -> None:
    assert _referral(responder, question) == intent_id
