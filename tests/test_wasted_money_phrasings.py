"""Real phrasings of the article's topics that reached another answer (pass 11, realscope13).

Found on realscope13's blind set of questions modelled on real web pages
(`tests/data/dev_scope_realweb13.jsonl`, docs/pass11/realscope13.md). Each test asks the
real responder for the reply a user sees.
"""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "My doctor says my D levels are in the basement so I grabbed D3. Then I saw a "
            "headline saying D is useless without K2. Am I wasting my money taking D3 alone?",
            "k2_with_d3",
        ),
        ("wasting my money on calcium pills?", "calcium_not_working"),
    ],
)
def test_wasting_money_on_something_says_it_is_useless(
    responder: Responder, question: str, answer: str
) -> None:
    """ "Wasting my money" is the synonyms' `useless`, as "waste of money" was."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer, reply.intent
