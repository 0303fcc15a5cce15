"""Real-web question classes of the third batch: two article topics at once, how K2 works.

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
    "question",
    [
        "with osteoporosis does mk7 actually lower fractures in the long run",
        "в пожилом возрасте с остеопорозом к2 реально снижает переломы или нет",
    ],
)
def test_two_article_topics_no_answer_joins_keep_the_best_answer(
    responder: Responder, question: str
) -> None:
    """Fractures and osteoporosis in one question: no answer's patterns name both, so no
    answer is lowered for leaving one out, and the question is answered, not suggested."""
    assert answered(responder, question) in {"fracture_risk", "mk7_elderly_osteoporosis"}
