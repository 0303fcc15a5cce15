"""Follow-ups that pick up the last answer's words, set a referral aside, or react first.

Pass 10 (conv14): people follow up on the words they were just given ("the forms", "the
study", "87%"), wave a referral away before asking something else ("ok forget the dose,
why take them together"), hesitate before a correction ("no sorry i meant mk4") and
react before asking on ("87% wow. how"). Every test drives the real responder on the
shipped content through one conversation and checks the reply a user sees.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Dialogue, merged
from bot.intents import Kind
from bot.responder import Responder


def last_reply(responder: Responder, *messages: str) -> tuple[str | None, Kind | None, str]:
    """The intent id, its kind and the text of the last message's reply in one chat."""
    dialogue = Dialogue(responder)
    for text in messages:
        reply = merged(dialogue.respond("me", text))
    intent = reply.intent
    return (intent.id if intent else None), (intent.kind if intent else None), reply.text


@pytest.mark.parametrize(
    ("question", "follow_up", "acceptable"),
    [
        # "forms": the What-is-K2 answer says K2 comes in several forms
        ("what is vitamin k2", "whats the difference between the forms", {"forms_mk4_mk7"}),
        # "study": bone density cites clinical studies ("studies" stems apart from "study")
        ("k2 bone density study", "who was in the study", {"bone_density"}),
        # "87": the figure fracture risk states, as specific a term as "mk7" to the matcher
        ("does k2 reduce fracture risk", "87 percent?? in who", {"fracture_risk"}),
    ],
)
def test_a_follow_up_picking_up_the_answers_words_stays_on_the_topic(
    responder: Responder, question: str, follow_up: str, acceptable: set[str]
) -> None:
    intent, _, text = last_reply(responder, question, follow_up)
    assert intent in acceptable, text


def test_an_unrelated_new_question_is_not_bent_toward_the_topic(responder: Responder) -> None:
    # "bones" is said by the forms answer's neighbours, not by it: a question of its own
    intent, _, text = last_reply(responder, "what is mk4", "does k2 help my bones")
    assert intent == "bone_density", text


def test_interjections_before_a_rephrase_opener_still_mark_a_rephrase(
    responder: Responder,
) -> None:
    intent, _, text = last_reply(responder, "where is mk7 made", "no sorry i meant mk4")
    assert intent == "where_forms_made", text


@pytest.mark.parametrize(
    ("referral", "follow_up", "acceptable"),
    [
        ("k2 with d3 dose?", "ok forget the dose, why take them together", {"k2_with_d3"}),
        (
            "how much k2 should i take",
            "fine no doses. but within the same idea, what does the k2 part do for bones",
            {"bone_density", "osteocalcin"},
        ),
        ("is k2 ok for kids", "forget it, thanks", {"thanks"}),
    ],
)
def test_a_referral_set_aside_lets_the_rest_be_answered(
    responder: Responder, referral: str, follow_up: str, acceptable: set[str]
) -> None:
    intent, _, text = last_reply(responder, referral, follow_up)
    assert intent in acceptable, text


@pytest.mark.parametrize(
    ("referral", "follow_up"),
    [
        # a risk of its own in the dismissing clause: never waved through
        ("how much k2", "forget the dose, im on warfarin, why take it with d3"),
        # the rest asks for the referral's matter again
        ("how much k2 should i take", "ok forget that, how many mg then"),
    ],
)
def test_setting_a_referral_aside_never_drops_a_risk(
    responder: Responder, referral: str, follow_up: str
) -> None:
    _, kind, text = last_reply(responder, referral, follow_up)
    assert kind is Kind.SAFETY, text


def test_a_reaction_then_how_goes_on_with_the_topic(responder: Responder) -> None:
    intent, _, text = last_reply(responder, "does k2 reduce fracture risk", "87% wow. how")
    assert intent in {"fracture_risk", "mk7_elderly_osteoporosis", "bone_density"}, text


def test_a_remark_with_a_risk_before_why_still_gets_the_referral(responder: Responder) -> None:
    _, kind, text = last_reply(responder, "k2 and d3", "i take 1000 iu. why")
    assert kind is Kind.SAFETY, text
