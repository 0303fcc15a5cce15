"""Follow-ups that point at a place the last answer named ("what does it do there?").

Pass 15 (conv17): after "how does K2 get into bone?" (into bone and tissue), people ask
"what does it do there?". "it" is K2 and "there" the bone: the related answer about the
bone says what K2 does there (osteocalcin leads calcium into the bone), not K2's benefits
in general, which "what does k2 do" alone asks. Every test drives the real responder on
the shipped content through one conversation and checks the reply a user sees.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder
from builders import last_intent


@pytest.mark.parametrize(
    "follow_up",
    ["what does it do there", "and then what does it do there?", "и что он там делает?"],
)
def test_what_it_does_there_is_about_the_place_the_topic_named(
    responder: Responder, follow_up: str
) -> None:
    intent, text = last_intent(responder, "how does k2 get into the bones", follow_up)
    assert intent == "osteocalcin", text


def test_what_it_does_there_after_what_k2_is_stays_on_the_topic(responder: Responder) -> None:
    # What is K2 names no place of its own beside K2 ("into bone and tissue" is its answer's):
    # its own answer holds what the article says K2 does there, not the benefits list.
    intent, text = last_intent(responder, "what is k2", "and then what does it do there")
    assert intent == "what_is_k2", text


def test_how_it_gets_there_still_asks_how_k2_reaches_the_place(responder: Responder) -> None:
    intent, text = last_intent(responder, "does k2 help bone density", "how does it get there")
    assert intent == "reaches_bone", text
