"""Names typed as on a label, and getting through into bone said as crossing (issue 12, scope10).

People copy product names as printed ("K2MK7", "D3K2MK7"): as one word, no part of it was
read, so "K2MK7 vs K2MK4 difference?" fell back. And "can k2 cross into bone" was offered
three topics: crossing into somewhere is the article's penetrating into bone.
"""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder
from bot.text import Normalizer


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("K2MK7 vs K2MK4 difference?", "forms_mk4_mk7"),
        ("d3k2mk7 why are they combined", "k2_with_d3"),
        ("can k2 cross into bone", "reaches_bone"),
        ("does vitamin k2 cross through the vessel wall", "reaches_bone"),
    ],
)
def test_the_question_gets_its_answer(responder: Responder, question: str, intent: str) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == intent


def test_crossing_another_barrier_is_not_getting_into_bone(responder: Responder) -> None:
    reply = responder.respond("can k2 cross the blood brain barrier")
    assert reply.intent is None or reply.intent.id != "reaches_bone"


def test_only_known_names_are_split() -> None:
    normalizer = Normalizer({"k2": ("vit k2",), "mk7": ("mk 7",), "d3": ("vit d3",)})
    assert normalizer.normalize("k2mk7 or d3k2") == "k2 mk7 or d3 k2"
    # A model number, an amount and a name with an unknown part stay as typed.
    assert normalizer.normalize("ab1cd2 500mcg k2xy9") == "ab1cd2 500mcg k2xy9"


def test_the_tax_schedule_k2_gets_no_article_answer(responder: Responder) -> None:
    # "form" is the forms topic's word, and "k2" its subject: a tax form is neither.
    reply = responder.respond("what is the k2 tax form")
    assert (
        reply.outcome is not Outcome.ANSWER
        or reply.intent is None
        or (reply.intent.kind.value != "article")
    )
