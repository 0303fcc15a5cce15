"""Review of the round-7/8 merge: odd messages the new reading rules must survive."""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder

WELCOME = "You're welcome!"
GREETING = "Hello! 👋 I answer questions about vitamin K2"


@pytest.mark.parametrize("courtesy", ["hi, ", "thanks, ", "ok thanks, "])
def test_a_message_of_courtesies_up_to_telegrams_limit_is_answered(
    responder: Responder, courtesy: str
) -> None:
    """Each opening courtesy was read away by matching the rest again, one call deeper:
    "hi, " a thousand times (4,000 characters) raised RecursionError."""
    message = (courtesy * (4000 // len(courtesy))).strip()
    reply = responder.respond(message)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.kind.value == "smalltalk"


@pytest.mark.parametrize(
    ("message", "reply_starts"),
    [("thanks! 🙏", WELCOME), ("thank you! 👍", WELCOME), ("Hello! 👋", GREETING)],
)
def test_a_courtesy_then_an_emoji_is_still_the_courtesy(
    responder: Responder, message: str, reply_starts: str
) -> None:
    """Reading the thanks away as a pleasantry left the emoji alone, which has no words:
    "thanks! 🙏" got the fallback."""
    reply = responder.respond(message)
    assert reply.outcome is Outcome.ANSWER
    assert reply.text.startswith(reply_starts)
