"""Follow-ups found in blind conversation set 16: the person asking names only themself
("what about me, im 40?" after a question about a child), a request after "ok" ("ok just
tell me what it does"), and "explain simpler".

Every test drives the real responder on the shipped content through a multi-turn exchange.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Decision, Dialogue
from builders import intents_in_conversation


@pytest.mark.parametrize(
    "follow_up",
    ["what about for me, im 45", "ok what about me, im 40", "and me?", "what about me"],
)
def test_the_asker_after_a_childs_referral_gets_their_own_referral(
    dialogue: Dialogue, follow_up: str
) -> None:
    # The child's referral again would answer for the child; whether K2 suits the
    # grown-up asking is the dose referral ("should i take k2"), never topics offered.
    got = intents_in_conversation(dialogue, "k2 for my teenage son?", follow_up)
    assert got == ["safety_children", "safety_dose"]


def test_the_asker_in_russian_is_referred_in_russian(dialogue: Dialogue) -> None:
    dialogue.respond("me", "к2 детям можно?")
    (turn,) = dialogue.respond("me", "а мне?")
    assert turn.decision is Decision.THE_ASKER
    assert turn.reply.intent is not None and turn.reply.intent.id == "safety_dose"
    assert turn.reply.language == "ru"


def test_me_too_after_a_referral_is_the_same_referral(dialogue: Dialogue) -> None:
    got = intents_in_conversation(dialogue, "my mom is on warfarin, can she take k2", "me too")
    assert got == ["safety_medicines", "safety_medicines"]


def test_me_too_after_an_article_answer_is_not_made_a_referral(dialogue: Dialogue) -> None:
    got = intents_in_conversation(dialogue, "my calcium pills dont work", "me too")
    assert got[1] != "safety_dose"


def test_a_request_opened_with_ok_is_not_taken_for_thanks(dialogue: Dialogue) -> None:
    # "ok" alone is thanks; "ok just tell me what it does" asks what K2 does.
    got = intents_in_conversation(
        dialogue, "k2 for my teenage son?", "ok just tell me what it does"
    )
    assert got[1] in {"benefits_overview", "what_is_k2"}


def test_ok_thanks_alone_is_still_thanks(dialogue: Dialogue) -> None:
    assert intents_in_conversation(dialogue, "what is k2", "ok thanks, that's all")[1] == "thanks"


@pytest.mark.parametrize("follow_up", ["explain simpler", "explain it in plain english"])
def test_explain_simpler_goes_on_with_the_topic(dialogue: Dialogue, follow_up: str) -> None:
    dialogue.respond("me", "what is osteocalcin")
    (turn,) = dialogue.respond("me", follow_up)
    assert turn.decision is Decision.CONTINUED
    assert turn.reply.intent is not None


@pytest.mark.parametrize(
    ("first", "why"),
    [
        ("does k2 help bone density", "why?"),
        ("what does k2 do for bones", "how come"),
        ("к2 помогает костям?", "а почему?"),
    ],
)
def test_why_after_bone_density_gets_what_works_underneath(
    dialogue: Dialogue, first: str, why: str
) -> None:
    # Fracture risk is another outcome, no reason; bone loss (osteoclasts held back) is
    # the article's account of what K2 does in bone.
    assert intents_in_conversation(dialogue, first, why) == [
        "bone_density",
        "osteoclasts_bone_loss",
    ]


def test_tell_me_more_after_bone_density_still_goes_to_the_nearest(dialogue: Dialogue) -> None:
    # Only a why or a how looks for the reason: "tell me more" keeps the related order.
    got = intents_in_conversation(dialogue, "does k2 help bone density", "tell me more")
    assert got == ["bone_density", "fracture_risk"]
