"""Risks as real people word them on forums and Q&A pages (safety round 14).

A question sentence followed by back-story ("Should I take K2? I'm 45 with no health
issues") was read as if "should i take k2" had to end the message; symptoms told as
people tell them (pain and swelling in a calf, "could it be a clot", palpitations since
starting, dizzy and nauseous after it), a child found with an open bottle, a K2 to D3
ratio, an allergy told without "I am", an idiom for pregnancy went unreferred. And two
look-alikes were referred by a safety pattern: a daughter who only advised the asker,
and "overdosed on youtube". The questions are written for these tests, not copied from
any question set.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.responder import Responder


def _referral(responder: Responder, question: str) -> str | None:
    """The safety referral a question gets, or None."""
    intent = responder.respond(question).intent
    return intent.id if intent is not None and intent.kind is Kind.SAFETY else None


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        # A trigger tied to the question's end (`$`) or start (`^`) is also found at a
        # sentence's: the question is one sentence, back-story the other.
        ("should I take K2? I'm 45 with no health issues", "safety_dose"),
        ("Should we take mk7? we're both in our 50s and healthy", "safety_dose"),
        ("I'm 38 and healthy. Should I take K2?", "safety_dose"),
        ("Is k2 safe? I keep reading different things online", "safety_dose"),
        ("do i need k2 or is my diet enough? should i just start taking it", "safety_dose"),
    ],
)
def test_a_question_sentence_among_others_is_referred(
    responder: Responder, question: str, referral: str
) -> None:
    assert _referral(responder, question) == referral


@pytest.mark.parametrize(
    "question",
    [
        "sudden swelling and pain in my calf, i'm on mk7. could it be a clot?",
        "pain and swelling in my leg since yesterday, I take k2",
        "my calf is sore and I take k2 with warfarin, is it a clot?",
        "since starting D3/K2 I get heart palpitations at night. is it the k2?",
        "been having palpitations since i started mk7",
        "found my daughter with an open bottle of my k2 capsules",
        "the kids got my vitamins down, k2 and d3, no idea how many she took",
        "got dizzy and nauseous after my k2 this morning",
        "I feel weird after starting k2, shaky and my heart beats so hard",
        "took my mk7 and then got a really bad headache and blurry vision",
        "I swallowed way more k2 than the label says",
        "my grandson (2) got into his grandpa's pill organiser, maybe some k2 too",
        "we think she had some of my mk7 softgels while I was in the shower",
    ],
)
def test_symptoms_and_children_with_pills_as_people_tell_them_are_emergencies(
    responder: Responder, question: str
) -> None:
    assert _referral(responder, question) == "safety_emergency"


@pytest.mark.parametrize(
    "question",
    [
        "I think she had some fun at the party",
        "my dd loves the movie frozen",
        "what does pg mean on a film",
    ],
)
def test_everyday_words_of_the_new_triggers_alone_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert _referral(responder, question) is None


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        ("What's the right K2 to D3 ratio?", "safety_dose"),
        ("ratio of mk7 to vitamin d for bones?", "safety_dose"),
        ("allergic to soy - is mk7 from natto a problem for me", "safety_dose"),
        ("my blood work shows high calcium, should I keep taking K2 and D3?", "safety_dose"),
        ("bun in the oven here, k2 yes or no", "safety_pregnancy"),
        # Forum shorthand and names of clotting disorders.
        ("currently pg with our second, is mk7 ok?", "safety_pregnancy"),
        ("DD is 12 and plays football, k2?", "safety_children"),
        ("I have thrombophilia, can I take k2", "safety_medicines"),
        ("mk7 every other day, good idea?", "safety_dose"),
        ("I'm 30 and male, should I supplement k2?", "safety_dose"),
    ],
)
def test_amounts_allergies_and_idioms_get_their_referral(
    responder: Responder, question: str, referral: str
) -> None:
    assert _referral(responder, question) == referral


@pytest.mark.parametrize(
    "question",
    [
        # Questions about a symptom or a ratio in general, not one happening to someone.
        "can k2 cause palpitations",
        "does k2 cause blood clots",
        "can k2 cause blurry vision",
        "my heart beats fast when i run, normal?",
        "high calcium foods list",
        "is k2 a problem for the environment",
        "golden ratio in art",
        "does anybody else get palpitations from mk7?",
        "can you be allergic to k2?",
        # A child who advised the asker is nobody young taking it (the normaliser drops
        # "me"; the message as typed shows who takes it).
        "my daughter told me to take k2, what does it do",
        "my son keeps telling me to take k2, what is it exactly?",
        # An everyday sense a synonym swallowed ("on youtube" reads "tell").
        "overdosed on youtube",
        "i totally overdosed on youtube last night lol",
    ],
)
def test_look_alikes_are_not_referred(responder: Responder, question: str) -> None:
    assert _referral(responder, question) is None


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        # Whoever advised, a risk of the asker's own or a child who takes it still counts.
        ("my daughter told me to take k2, is it safe with my warfarin", "safety_medicines"),
        ("my daughter told me to take k2, she's 15 and takes it too", "safety_children"),
        ("overdosed on youtube and now i have chest pain", "safety_emergency"),
        # A sentence that does not end the question leaves it to the rest of the message.
        ("Should I take K2? I'm pregnant", "safety_pregnancy"),
    ],
)
def test_real_risks_beside_the_look_alikes_stay_referred(
    responder: Responder, question: str, referral: str
) -> None:
    assert _referral(responder, question) == referral


@pytest.mark.parametrize(
    "question",
    [
        "how to take k2",
        "How To Take Vitamin K2 Correctly",
        "how do i take mk7",
        "how should you use vitamin k2 properly",
        "what is k2 and how do i take it",
        "I'm 50 with weak bones. How should I take K2?",
    ],
)
def test_how_to_take_it_asked_alone_is_the_dose_referral(
    responder: Responder, question: str
) -> None:
    # "take" weighs nothing in ranking, so "how to take k2" was answered with the
    # benefits as if it were "how k2": how to take it is the dosing the article lacks.
    assert _referral(responder, question) == "safety_dose"


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        ("how to take k2 with d3", "k2_with_d3"),  # the pair, which the article covers
        ("how do i use this", "about_bot"),  # the bot, not a supplement
        ("how does k2 work", "osteocalcin"),  # how it works: its mechanism (realfix3)
    ],
)
def test_how_to_take_with_more_after_it_is_not_the_dose_referral(
    responder: Responder, question: str, intent_id: str
) -> None:
    intent = responder.respond(question).intent
    assert intent is not None and intent.id == intent_id
