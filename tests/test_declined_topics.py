"""A topic only a decline names holds a close article answer back (`uncovered.hold_back_...`).

What the user sees: a question shaped like an article question but about something the
article never mentions (vitamin K1, magnesium) gets the decline that says so, not the
article answer it resembles; a question whose rarest word is the article's own ("mk7")
keeps its answer.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "declined_as"),
    [
        # Shaped like "does k2 help calcium absorption", but about K1 / magnesium.
        ("Does vitamin K1 help calcium absorption like K2?", "vitamin K1"),
        ("Does magnesium help K2 with calcium absorption?", "\u201cmagnesium\u201d"),
    ],
)
def test_a_declined_topic_holds_the_look_alike_answer_back(
    responder: Responder, question: str, declined_as: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    assert "very large role in promoting calcium absorption" not in reply.text
    assert declined_as in reply.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Natto is a food the article never names, but the forms are what is asked: "mk7"
        # and "mk4" are rarer words than "natto", and the article's.
        ("k2 natto mk7 difference vs mk4", "forms_mk4_mk7"),
        # A word a decline uses that is everyday phrasing ("effect", "lack") is no topic.
        ("what happens to osteocalcin when you lack k2", "osteocalcin"),
    ],
)
def test_the_articles_own_rarest_word_keeps_its_answer(
    responder: Responder, question: str, expected: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == expected
