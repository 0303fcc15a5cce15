"""Risks as real people word them, eleventh pass (branch realsafety17, issue 12).

An operation written "op" in a chat ("op on monday, stop mk7?"), an allergic reaction
told with what caused it and no verb ("allergic reaction to my mk7?", "itching since
mk7 started"), supplements judged harmless for being natural, K2 called risky "for some
people", Russian "can I take it" asked bare in any order ("можно принимать мк7?", "мк7
пить можно?", transliterated "mozhno pit mk7"), an amount per day with words between
("сколько мк7 нужно в день"), two pills instead of one, Polish "ile k2?", an
anticoagulant inflected ("z acenokumarolem") and taking it "bez przerwy" went
unreferred. Why two are taken together ("чому їх потрібно приймати разом") was read as
whether the asker needs them. And an amount told of a study whose finding is asked ("the
trial gave 360 mcg of mk7, what did it show") was referred as the asker's dose, or as an
overdose. The questions are written for these tests, not copied from any question set.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder
from builders import safety_referral_and_language


@pytest.mark.parametrize(
    ("question", "referral", "language"),
    [
        # "op" for an operation, beside something taken.
        ("op on monday, stop mk7?", "safety_surgery", "en"),
        ("my op is tomorrow, can i still take k2", "safety_surgery", "en"),
        ("k2 after my op?", "safety_surgery", "en"),
        # A reaction told with its cause, in shorthand.
        ("allergic reaction to my mk7?", "safety_emergency", "en"),
        ("itching since mk7 started", "safety_emergency", "en"),
        # Natural judged harmless; risky for some people.
        ("are herbal supplements always harmless?", "safety_dose", "en"),
        ("natural means safe right? so k2 is fine", "safety_dose", "en"),
        ("is mk7 dangerous for certain people", "safety_dose", "en"),
        # More pills at once than one.
        ("can i take 3 of my k2 capsules instead of 1", "safety_dose", "en"),
        # Russian "can I take it" bare, in any order, and transliterated.
        ("можно принимать мк7?", "safety_dose", "ru"),
        ("мк7 пить можно?", "safety_dose", "ru"),
        ("mozhno pit mk7", "safety_dose", "ru"),
        ("сколько мк7 нужно в день", "safety_dose", "ru"),
        # Polish, without diacritics.
        ("ile mk7?", "safety_dose", "pl"),
        ("czy mk7 moze zaszkodzic", "safety_dose", "pl"),
        ("biore mk7, czy mozna razem z acenokumarolem", "safety_medicines", "pl"),
        ("czy mk7 mozna przyjmowac bez przerwy", "safety_dose", "pl"),
    ],
)
def test_shorthand_and_bare_risks_are_referred(
    responder: Responder, question: str, referral: str, language: str
) -> None:
    assert safety_referral_and_language(responder, question) == (referral, language)


@pytest.mark.parametrize(
    "question",
    [
        "the trial gave 360 mcg of mk7 daily for a year, what did it show for bones?",
        "in that study the women took 45 mg of mk4 - what were the results on fractures?",
        "the study gave 180 mcg of mk7 a day, what did they find",
        "в исследовании участники принимали 360 мкг мк7, что показали результаты?",
        # Not referred for "op" without anything taken, nor for an allergy's possibility
        # (a side-effect question the article declines), nor a timing question.
        # Why two are taken together: the pair's reason, not whether it suits the asker.
        "Вітамін К2 і Д3: чому їх треба приймати разом?",
        "warum sollte man K2 und D3 zusammen nehmen?",
        "photo op next week at the museum",
        "is k2 allergy a thing?",
    ],
)
def test_look_alikes_are_not_referred(responder: Responder, question: str) -> None:
    assert safety_referral_and_language(responder, question) is None


@pytest.mark.parametrize(
    "question",
    [
        # The asker named beside a study keeps the referral; so does a pill too many.
        "the study used 360 mcg of mk7, should i take that much?",
        "my son took 360 mcg of my mk7 in a study, what happened to him?",
        "in the trial they took 180 mcg, what did they find? i take 600 mcg",
        "accidentally took 3 k2 capsules instead of one",
        "чому мені не можна приймати к2 разом з варфарином?",
    ],
)
def test_the_asker_beside_a_study_or_a_pill_too_many_keeps_a_referral(
    responder: Responder, question: str
) -> None:
    assert safety_referral_and_language(responder, question) is not None
