"""Risks as real people word them, tenth pass (branch realsafety15, issue 12).

Russian dose questions fell back: "противопоказания к2" because the trigger written as
the family's stem ("?противопоказан") was stemmed again by Snowball ("противопоказа")
while the noun users write stems to "противопоказан"; "как принимать к2" and "к2 мк7 как
пить" had no trigger of the English "how to take k2" shape. Hormonal contraception ("does
K2 affect the pill": "the pill" reads "the supplement" after the synonyms) and "the right
way to take k2" were not referred. And look-alikes were: "I never miss a dose" told in a
calcium post, "did i take my medicine today", and Russian everyday words that stood alone
because they were weighed in English ("как научить ребенка читать"). The questions are
written for these tests, not copied from any question set.
"""

from __future__ import annotations

import re

import pytest

from bot.matching.safety import trigger_expression
from bot.responder import Responder
from bot.text import Normalizer, _stem_once
from builders import safety_referral


def test_a_russian_trigger_written_as_a_stem_meets_the_longer_words() -> None:
    # Snowball stems "противопоказания" to "противопоказан" but "противопоказан" itself to
    # "противопоказа": the trigger as written is also read as the family's stem.
    expression = trigger_expression("противопоказан", Normalizer(), _stem_once)
    assert expression is not None
    for question in ("противопоказания", "противопоказаний", "противопоказан"):
        assert re.fullmatch(expression, _stem_once(question)), question
    # An English word is read as before: its reduction alone.
    english = trigger_expression("kids", Normalizer(), _stem_once)
    assert english is not None and not re.fullmatch(english, "kids")


@pytest.mark.parametrize(
    "question",
    [
        "противопоказания к2 мк7",
        "Есть ли противопоказания у витамина К2?",
        "какие противопоказания у д3 к2",
        "как правильно принимать к2?",
        "к2 мк7 как пить",
        "K2 MK-7 как принимать",
        "подскажите, как принимать витамин к2",
        "витамин к2 как принимать взрослым",
        "схема приема д3 и к2",
        "к2 мк7 инструкция по применению",
        "можно ли пить д3 с к2 постоянно",
    ],
)
def test_russian_dose_and_how_to_take_questions_get_the_dose_referral(
    responder: Responder, question: str
) -> None:
    assert safety_referral(responder, question) == "safety_dose"


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        ("does vitamin k2 affect the pill", "safety_medicines"),
        ("will mk7 make the pill less effective", "safety_medicines"),
        ("is it safe to take k2 with the pill", "safety_medicines"),
        ("k2 while on nexplanon", "safety_medicines"),
        ("on yaz, is it fine to add vitamin k2", "safety_medicines"),
        ("whats the correct way of taking k2", "safety_dose"),
        ("how do i take k2 mk7 properly?", "safety_dose"),
        ("how long is it safe to stay on vitamin k2", "safety_dose"),
        ("ok but should I actually be taking k2 or not", "safety_dose"),
        ("directions for taking k2? the label is tiny", "safety_dose"),
    ],
)
def test_english_contraception_and_how_to_take_it_are_referred(
    responder: Responder, question: str, referral: str
) -> None:
    assert safety_referral(responder, question) == referral


@pytest.mark.parametrize(
    "question",
    [
        # A dose told as kept faithfully, in a post asking the article's question.
        "60F, on calcium 600mg twice a day for two years, I never miss a dose, and my legs "
        "still cramp at night. My friend says k2 is the missing piece. Is that why calcium "
        "isn't doing anything?",
        # One's own record of taking, which a diary answers.
        "did i take my medicine today",
        "have i taken my pills yet",
        # Russian everyday words, weighed in Russian: nothing taken is named.
        "как научить ребенка читать",
        "ребенок не хочет спать днем, что делать",
        "почки на яблоне набухли, когда обрезать",
        # Russian verbs of taking are as everyday as "take": no intake words alone.
        "сколько чаевых давать в ресторане",
        "сколько раз в день принимать душ",
        # The pair, which the article covers; the K2 pill with a meal.
        "как принимать к2 с д3",
        "should i take the pill with food",
    ],
)
def test_look_alikes_are_not_referred(responder: Responder, question: str) -> None:
    assert safety_referral(responder, question) is None


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        ("I never miss a dose of calcium. Is 1200mg too much?", "safety_dose"),
        ("missed a dose of my mk7, should i take two?", "safety_dose"),
        ("did i take my warfarin twice today", "safety_medicines"),
        ("можно ли давать к2 ребенку 5 лет", "safety_children"),
        ("ребенку 3 года можно?", "safety_children"),
        # A child's amount is the children's referral (pass 12, realsafety18: the dose
        # referral yields to whom the amount is for).
        ("сколько капель давать ребенку", "safety_children"),
        ("я беременна, можно пить к2?", "safety_pregnancy"),
    ],
)
def test_the_risks_beside_the_look_alikes_stay_referred(
    responder: Responder, question: str, referral: str
) -> None:
    assert safety_referral(responder, question) == referral
