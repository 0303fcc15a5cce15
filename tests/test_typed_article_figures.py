"""Questions typed to the bot: the article's figure as a keyword (issue 12, pass 15, typed16).

"k2 87 percent", "k2 87%": a keyword-only question naming K2 and the article's figure,
seen in four blind sets written by different sessions, was held back to a "did you mean"
for naming no fracture. The figure is the fracture claim's, so the claim is answered. Each
case is next to a question that must keep its old outcome.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Responder


def _article_answer(responder: Responder, question: str) -> str | None:
    reply = responder.respond(question)
    if reply.outcome is not Outcome.ANSWER or reply.intent is None:
        return None
    return reply.intent.id if reply.intent.kind is Kind.ARTICLE else None


# -- the article's figure ------------------------------------------------------------


@pytest.mark.parametrize("question", ["is the 87% k2 claim legit", "k2 87 percent true?"])
def test_the_articles_figure_beside_the_subject_asks_for_its_claim(
    responder: Responder, question: str
) -> None:
    """The 87% is the fracture claim's figure: a question naming it and K2 gets that claim,
    not a "did you mean" (it used to be held back for naming no fracture)."""
    assert _article_answer(responder, question) == "fracture_risk"


@pytest.mark.parametrize("question", ["what is 87 percent of 200", "87 octane k2"])
def test_a_figure_alone_or_beside_another_topic_names_no_claim(
    responder: Responder, question: str
) -> None:
    """Without the subject, or beside a topic no intent knows, the number is just a number."""
    assert _article_answer(responder, question) is None
