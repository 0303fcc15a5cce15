"""Replies that do not depend on the process, and long messages read no more than they need.

Python seeds string hashing per process (`PYTHONHASHSEED`), so a set of words is iterated
in a different order in each: a score summed over one could differ in its last bits, and
two candidates tied after rounding could swap, between one start of the bot and the next.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.matching import Matcher
from bot.responder import Responder

# Short, long, Russian, a decline, and two whose scores used to differ between seeds.
SEEDED_QUESTIONS = [
    "is the bacteria in kombucha safe",
    "ANY K2 SIDE EFFECTS I SHOULD KNOW??",
    "what does that mean for my calcium supplements?",
    "my nutritionist said k2 helps calcium get taken up by the body, what's the link?",
    "витамин к2 - это что такое?",
    "how do i fix my car",
]

_REPLIES = """
import json, sys
from bot.data import SHIPPED_INTENTS
from bot.intents import load_content
from bot.responder import Responder
responder = Responder(load_content(SHIPPED_INTENTS))
for question in json.loads(sys.argv[1]):
    reply = responder.respond(question)
    print(json.dumps([
        str(reply.outcome),
        reply.intent.id if reply.intent is not None else None,
        repr(reply.score),
        [i.id for i in reply.suggestions],
        reply.text,
    ]))
"""


def _replies_with_hash_seed(seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _REPLIES, json.dumps(SEEDED_QUESTIONS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.splitlines()


def test_replies_are_the_same_whatever_the_hash_seed() -> None:
    first = _replies_with_hash_seed("1")
    assert len(first) == len(SEEDED_QUESTIONS)
    assert _replies_with_hash_seed("7") == first


@pytest.fixture(name="ranked_texts")
def _ranked_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the matcher ranks while the test runs."""
    texts: list[str] = []
    rank_normalized = Matcher.rank_normalized

    def recording(self: Matcher, normalized: str, **kwargs: object) -> object:
        texts.append(normalized)
        return rank_normalized(self, normalized, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Matcher, "rank_normalized", recording)
    return texts


def test_a_statement_beside_a_question_is_not_ranked_again(
    responder: Responder, ranked_texts: list[str]
) -> None:
    message = (
        "my sister lives in spain and keeps sending me health articles, "
        "how does vitamin k2 get calcium into my bones"
    )
    responder.respond(message)
    statement = responder.matcher.normalizer.normalize(
        "my sister lives in spain and keeps sending me health articles"
    )
    question = responder.matcher.normalizer.normalize(
        "how does vitamin k2 get calcium into my bones"
    )
    assert question in ranked_texts
    assert statement not in ranked_texts


def test_statements_alone_are_read_when_they_name_the_article(
    responder: Responder, ranked_texts: list[str]
) -> None:
    # No sentence asks: the one that names the article's words is still read on its own
    # (its back-story may drown it in the whole message), the one that names none is not.
    message = (
        "I have read a lot about vitamin K2 and bone density lately. "
        "My neighbour told me all about her garden yesterday"
    )
    responder.respond(message)
    normalize = responder.matcher.normalizer.normalize
    assert normalize("I have read a lot about vitamin K2 and bone density lately") in ranked_texts
    assert normalize("My neighbour told me all about her garden yesterday") not in ranked_texts


def test_back_story_without_a_question_mark_does_not_colour_a_decline(
    responder: Responder,
) -> None:
    # The back-story about parking used to be read alone, and its loose matches chose the
    # decline's wording: "my source doesn't discuss side effects" for a question about a
    # neighbour.
    reply = responder.respond(
        "ok weird question but my neighbor keeps parking in my spot, "
        "how do i bring it up without being rude"
    )
    assert reply.intent is None
    assert "side effects" not in reply.text


def test_a_question_after_statements_is_read_once(
    responder: Responder, ranked_texts: list[str]
) -> None:
    # "does it help..." after statements naming k2 is read as "does k2 help...", in full;
    # its plain sentence would only add the same candidates, discounted.
    message = (
        "My doctor says my bones are thinning and I read about vitamin K2 in a magazine. "
        "Does it help bone density?"
    )
    reply = responder.respond(message)
    normalize = responder.matcher.normalizer.normalize
    assert normalize("Does it help bone density") not in ranked_texts
    assert any("k2" in text.split() and len(text.split()) < 8 for text in ranked_texts)
    assert reply.intent is not None and reply.intent.id == "bone_density"
