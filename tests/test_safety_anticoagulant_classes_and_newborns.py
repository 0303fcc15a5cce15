"""Risks as real people word them, tenth pass (branch realsafety16, issue 12).

Anticoagulants named in Cyrillic ("ривароксабан", "апиксабаном", "дабигатран") were no
medicine at all: the English list reaches any "*xaban" or "*gatran" by the ending that
names the class, the Russian and Ukrainian lists named only a few brands. The Polish
and Latin spellings of acenocoumarol and phenprocoumon ("acenokumarol", "fenprokumon")
were not reached either. A risk asked about "vitamin K" rather than K2 is referred when it
names the risk (kidneys, children, surgery); "vitamin k for kidney patients - worth it?"
is not (a rule reading "worth" beside vitamin K was a special case for one word, dropped
at the merge; since pass 13 it is, as "vitamin K" counts as something taken like K2).
What vitamin K is ("is vitamin k the same as k2") is still declined. German "Überdosierung" and
Polish "czy trzeba ... suplementować" (should one take it) were no dose question; nor was
Ukrainian "як правильно приймати" (how to take it), and a newborn ("новорожденному",
"новонародженим") was no child. "Are supplements always safe" asked whether they suit the asker, with no
trigger of that shape. The questions are written for these tests, not copied from any
question set.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder
from builders import safety_referral_and_language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("ривароксабан и витамин к2 можно вместе?", "ru"),
        ("пью апиксабан, а к2 мне можно?", "ru"),
        ("мама на дабигатране, ей к2 не вредно?", "ru"),
        ("после эноксапарина можно начинать к2?", "ru"),
        ("тикагрелор и мк7 совместимы", "ru"),
        ("приймаю ривароксабан, чи можна вітамін к2?", "uk"),
        ("на апіксабані можна пити к2?", "uk"),
        ("Biorę acenokumarol, czy mogę brać K2?", "pl"),
        ("fenprokumon a witamina K2 - można łączyć?", "pl"),
    ],
)
def test_an_anticoagulant_named_by_its_class_ending_gets_the_medicines_referral(
    responder: Responder, question: str, language: str
) -> None:
    assert safety_referral_and_language(responder, question) == ("safety_medicines", language)


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        ("vitamin k for people with kidney disease, good idea?", "safety_kidney"),
        ("is vitamin k ok for my kids", "safety_children"),
        ("vitamin k1 before my surgery next week", "safety_surgery"),
        # As the same question about K2 is (pass 13, safetransfer: the family's name is
        # something taken, so everyday risk words beside it refer).
        ("how does vitamin k relate to kidney stones", "safety_kidney"),
        ("why is vitamin k injected into babies at birth", "safety_children"),
    ],
)
def test_a_risk_asked_about_vitamin_k_gets_the_referral_as_about_k2(
    responder: Responder, question: str, referral: str
) -> None:
    assert safety_referral_and_language(responder, question) == (referral, "en")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Was passiert bei einer Überdosierung von Vitamin K2?", "de"),
        ("Kann man Vitamin K2 überdosieren?", "de"),
        ("Czy trzeba suplementować witaminę K2 zimą?", "pl"),
        ("Witamina K - kiedy należy ją stosować?", "pl"),
    ],
)
def test_overdosing_and_whether_to_take_it_get_the_dose_referral_in_german_and_polish(
    responder: Responder, question: str, language: str
) -> None:
    assert safety_referral_and_language(responder, question) == ("safety_dose", language)


@pytest.mark.parametrize(
    "question",
    [
        "what is vitamin k",
        "vitamin k foods list",
        "is vitamin k the same as k2",
    ],
)
def test_vitamin_k_without_a_risk_is_still_declined_not_referred(
    responder: Responder, question: str
) -> None:
    assert safety_referral_and_language(responder, question) is None


@pytest.mark.parametrize(
    ("question", "referral", "language"),
    [
        ("як правильно пити мк7?", "safety_dose", "uk"),
        ("як приймати к2", "safety_dose", "uk"),
        ("мк7 як пити", "safety_dose", "uk"),
        ("вживати к2 з д3 - скільки крапель?", "safety_dose", "uk"),
        ("к2 для новонародженого - чи можна?", "safety_children", "uk"),
        ("новонародженому кололи вітамін к, а к2 теж треба?", "safety_children", "uk"),
        ("новорождённому можно капли к2?", "safety_children", "ru"),
    ],
)
def test_ukrainian_how_to_take_and_newborns_get_their_referral(
    responder: Responder, question: str, referral: str, language: str
) -> None:
    assert safety_referral_and_language(responder, question) == (referral, language)


@pytest.mark.parametrize(
    "question",
    [
        "are supplements always safe?",
        "k2 sounds great, but is mk7 always safe for everyone",
        "Vitamin K2 pills for bones: are they necessarily harmless?",
    ],
)
def test_whether_supplements_are_always_safe_gets_the_dose_referral(
    responder: Responder, question: str
) -> None:
    assert safety_referral_and_language(responder, question) == ("safety_dose", "en")
