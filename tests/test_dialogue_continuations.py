"""Continuations typed as people type them: extra words, typos, slang, "можно подробнее?".

Every test drives the real responder on the shipped content through one conversation, and
checks the reply a user sees: more of the topic or a related answer, never a decline.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Dialogue, cues_for, is_continuation, merged
from bot.responder import Responder


def last_reply(responder: Responder, *messages: str) -> tuple[str | None, str]:
    """The intent id and text of the last message's reply in one conversation."""
    dialogue = Dialogue(responder)
    for text in messages:
        reply = merged(dialogue.respond("me", text))
    return (reply.intent.id if reply.intent is not None else None), reply.text


@pytest.mark.parametrize(
    ("question", "follow_up", "acceptable"),
    [
        # a manner word is the whole continuation, not something to trim off
        ("what is vitamin k2 good for", "можно подробнее?", {"benefits_overview", "bone_density"}),
        # two letters swapped in the cue word
        ("mk4 vs mk7 whats the diff", "tell me mroe", {"forms_mk4_mk7", "where_forms_made"}),
        # chat slang
        ("mk4 vs mk7 whats the diff", "tell me moar", {"forms_mk4_mk7", "where_forms_made"}),
        # a hesitation word in front
        (
            "does k2 lower fracture risk",
            "wait what does that mean",
            {"fracture_risk", "bone_density", "mk7_elderly_osteoporosis"},
        ),
        (
            "should i take k2 with d3",
            "and what happens then",
            {"k2_with_d3", "calcium_absorption", "osteocalcin"},
        ),
    ],
)
def test_a_continuation_as_typed_goes_on_with_the_topic(
    responder: Responder, question: str, follow_up: str, acceptable: set[str]
) -> None:
    intent, text = last_reply(responder, question, follow_up)
    assert intent in acceptable, text
    assert "doesn't say" not in text and "не говорит" not in text


def test_only_a_cue_word_is_respelled_and_only_when_the_message_then_reads_as_one() -> None:
    assert is_continuation("epxlain pls", cues_for("epxlain pls"))
    # "hwo" is too short to tell a swap from another word; "mroe k2 dose" asks more
    assert not is_continuation("hwo", cues_for("hwo"))
    assert not is_continuation("mroe k2 dose", cues_for("mroe k2 dose"))


def test_why_after_a_referral_repeats_the_doctor_sentence_whatever_its_wording(
    responder: Responder,
) -> None:
    _, referral = last_reply(responder, "can i take k2 with warfarin")
    intent, text = last_reply(responder, "can i take k2 with warfarin", "hmm why tho")
    assert intent == "safety_medicines"
    assert "doctor" in text and "doctor" in referral
