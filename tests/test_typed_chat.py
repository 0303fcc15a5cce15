"""Questions typed the way people type to a bot in a chat (issue 12, typed11).

Names glued to a word ("k2calcium"), chat fillers ("bro", "rn"), shorthand for question
words ("y take k2", "whr"), emoji in a noun's place ("k2 for my 🦴"), a keyword-first
quantity with a pill word ("k2 pills how many"), timing asked with "when", inverted benefit
frames ("k2 does what") and voice typing ("vitamin kay to"). Each failed before: a
fallback, a suggestion, another topic, or an article answer to a dose question.
"""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder
from bot.text import Normalizer


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Glued names: "k2calcium" was corrected to "calcium" (the K2 dropped), and the
        # respeller read "calciumk2" as "calcium" + "2".
        ("k2calcium link", "calcium_absorption"),
        ("calciumk2", "calcium_absorption"),
        ("k2bones", "bone_density"),
        # Chat fillers and address words weighed as rare words against every pattern.
        ("bro does k2 actually do anything", "benefits_overview"),
        ("dude what is k2", "what_is_k2"),
        # Shorthand for question words.
        ("y take k2", "benefits_overview"),
        ("whr does k2 come frm", "gut_bacteria"),
        ("hw does k2 get in2 bone", "reaches_bone"),
        ("k2 for old ppl bones", "mk7_elderly_osteoporosis"),
        # Emoji in a noun's place were dropped as punctuation.
        ("k2 for my 🦴🦴", "bone_density"),
        # Inverted benefit frames read as the definition.
        ("k2 does what exactly", "benefits_overview"),
        ("what k2 for", "benefits_overview"),
        # Voice typing: "kay" is the spelt-out K, "to" the two.
        ("vitamin kay to benefits", "benefits_overview"),
    ],
)
def test_the_typed_question_gets_its_answer(
    responder: Responder, question: str, intent: str
) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Was the MK-4/MK-7 answer: a keyword-first quantity with a pill word is a dose.
        ("k2 pills how many", "safety_dose"),
        ("mk7 capsules how many", "safety_dose"),
        # An emoji for pregnancy is pregnancy.
        ("🤰 can i take mk7", "safety_pregnancy"),
    ],
)
def test_the_typed_risk_gets_its_referral(responder: Responder, question: str, intent: str) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent


@pytest.mark.parametrize("question", ["when to take k2", "when do i take k2"])
def test_when_to_take_it_is_declined_as_timing(responder: Responder, question: str) -> None:
    # "when" is a stopword: "when to take k2" read as "take k2" and got the benefits.
    reply = responder.respond(question)
    assert reply.outcome is Outcome.FALLBACK
    assert "when and how to take K2" in reply.html


def test_spanish_y_stays_and(responder: Responder) -> None:
    # Only "y" before a verb or pronoun is "why": "k2 y d3" is "k2 and d3".
    reply = responder.respond("vitamina k2 y d3 juntas")
    assert reply.intent is not None and reply.intent.id == "k2_with_d3"


def test_a_known_name_glued_to_a_common_word_is_split() -> None:
    normalizer = Normalizer({"k2": ("vit k2", "vitamink2"), "mk7": ("mk 7",)})
    assert normalizer.normalize("k2calcium mk7bones calciumk2") == "k2 calcium mk7 bones calcium k2"
    # A word the synonyms list whole is theirs; codes and unknown names stay as typed.
    assert normalizer.normalize("vitamink2") == "k2"
    assert normalizer.normalize("covid19vaccine abc12 xk2qz") == "covid19vaccine abc12 xk2qz"


def test_a_run_of_different_emoji_is_decoration(responder: Responder) -> None:
    # "🦴💪" after the question decorates it: the benefits, not bone density alone.
    reply = responder.respond("vitamin k2 benefits 🦴💪 #wellness")
    assert reply.intent is not None and reply.intent.id == "benefits_overview"
    # One emoji with a skin tone is one emoji: the baby still gets the children's referral.
    reply = responder.respond("👶🏽 k2 ok?")
    assert reply.intent is not None and reply.intent.id == "safety_children"
