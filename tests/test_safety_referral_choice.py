"""Safety: the risk a user names gets its referral, in the languages the bot refers in.

A stroke or a heart attack is followed by blood thinners: the medicines referral, not the
general one about conditions. Someone who fell and cannot get up, or cannot stand, is an
emergency; so is a child who swallowed several pills, said in Spanish. "I take 10 tablets
a day" in German, "so should I take it?" in Russian and "heart failure patient" were not
referred at all. The questions are written for these tests.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent", "said"),
    [
        ("i had a stroke, can i take k2?", "safety_medicines", "blood thinner"),
        (
            "my husband had a heart attack in june, is mk7 ok for him",
            "safety_medicines",
            "warfarin",
        ),
        ("after a mini stroke my doctor put me on aspirin, k2?", "safety_medicines", "warfarin"),
        ("у папы был инсульт, ему можно к2?", "safety_medicines", "врач"),
        # However long ago: a stroke is why blood thinners are taken now.
        ("had a stroke back in 2015, what does k2 even do?", "safety_medicines", "warfarin"),
        (
            "nursing home says: is it an emergency if she cant stand up",
            "safety_emergency",
            "emergency",
        ),
        ("grandpa fell and cannot get up, he takes k2", "safety_emergency", "emergency"),
        ("mi hija se tomó muchas pastillas de k2", "safety_emergency", "112"),
        ("ich nehme 12 Tabletten täglich, geht k2?", "safety_dose", "Arzt"),
        ("ну так мне его пить?", "safety_dose", "врач"),
        ("heart failure patient, is k2 for me?", "safety_dose", "doctor"),
    ],
)
def test_a_risk_gets_its_referral(
    responder: Responder, question: str, intent: str, said: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert said in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "i cant stand up to my boss",
        "emergency plumber cant come until monday",
        "what does a stroke of luck mean",
    ],
)
def test_the_same_words_about_something_else_get_no_referral(
    responder: Responder, question: str
) -> None:
    intent = responder.respond(question).intent
    assert intent is None or intent.kind is not Kind.SAFETY


@pytest.mark.parametrize(
    "question",
    [
        "so should i take k2 instead?",
        "should i take mk7 instead of mk4",
        "should i take k2 or d3?",
        "should we switch to mk7 rather than mk4",
    ],
)
def test_choosing_what_to_take_oneself_gets_the_dose_referral(
    responder: Responder, question: str
) -> None:
    """Which one to take oneself is personal advice the article doesn't give, as "should i
    take it" is: the doctor, not the forms answer or "my source doesn't cover that"."""
    assert "safety_dose" == responder.respond(question).intent.id


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which is better, mk7 or mk4?", "forms_mk4_mk7"),
        ("is k2 or d3 made by gut bacteria?", "gut_bacteria"),
    ],
)
def test_a_choice_asked_about_the_forms_is_still_answered(
    responder: Responder, question: str, expected: str
) -> None:
    """Comparing the forms, not asking which to take, keeps its article answer."""
    assert expected == responder.respond(question).intent.id


@pytest.mark.parametrize(
    "question",
    ["is 1000mcg too strong", "found a cheap 1000mcg one, is that too strong", "is 2000iu fine"],
)
def test_an_amount_written_against_its_unit_is_a_dose(responder: Responder, question: str) -> None:
    """ "1000mcg" is "1000 mcg": a unit only supplements and medicines use, so the dose
    referral needs no word about taking, as with the space (it got "my source doesn't
    cover that")."""
    assert "safety_dose" == responder.respond(question).intent.id
