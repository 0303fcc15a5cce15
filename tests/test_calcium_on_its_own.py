"""Whether calcium on its own is enough is the article's calcium question (pass 14, realweb6).

Found by leaving one real-web batch out: "why isn't calcium enough on its own", "is calcium
ineffective", "can I take calcium without K2", "I already take calcium, why K2" recur in
four batches written by different sessions. The article's answer is why calcium
supplements have little effect; its patterns asked only "why doesn't my calcium work", so
"enough" and "alone" counted against it and the osteocalcin answer or a "did you mean" won.
The questions below are written for these tests, not taken from any set.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    "question",
    [
        "is it enough to take only calcium",
        "calcium on its own - enough?",
        "my gp put me on calcium, is calcium alone really enough",
        "already taking calcium tablets, why add k2 on top",
        "does calcium alone do anything for bones",
    ],
)
def test_calcium_on_its_own_gets_the_answer_why_calcium_does_little(
    responder: Responder, question: str
) -> None:
    """Asking whether calcium alone is enough is answered with why calcium does little."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "calcium_not_working", reply.intent


@pytest.mark.parametrize(
    "question",
    ["is magnesium alone enough for bones", "is vitamin c alone enough for immunity"],
)
def test_another_nutrient_alone_is_still_not_the_article(
    responder: Responder, question: str
) -> None:
    """The words "alone" and "enough" carry no article answer without calcium or K2."""
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE, reply.intent
