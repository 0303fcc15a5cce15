"""Risk classes that recur in every real-web batch, fixed at the mechanism (pass 13, safetransfer).

"Vitamin K", the family's name, is what web pages and parents write, and the synonyms
read it as its own word ("vitk"; "K1" for phylloquinone), not as K2. So it was no domain
term, and a trigger made of everyday words ("kids", "a 10 year old", "dose", "how much
per day", "blood thinners") was vetoed for naming nothing taken. The family's names
now count as something taken, as K2 does, in every language whose synonyms read them
(Polish "witamina K" and Ukrainian "вітамін к" added). The questions are written for
these tests, not copied from any question set.

An overdose named as a topic ("can mk7 be overdosed", "overdose signs", "передозировка
возможна?") asks what counts as too much, the dose referral's question; the emergency
triggers naming an overdose made it "call your emergency number now". One told as having
happened (in any listed language: "tomé una sobredosis", "een overdosis genomen"), with a
symptom or someone it may be happening to, asked what to do about, or beside a child or a
pet stays the emergency. Italian had no word for
an overdose at all: "sovradosaggio" is its dose trigger now.

A medicine no list names by brand is read by the ending that names its class ("*pril",
"*sartan", "*vastatin", "*formin", "*prazole"...) in English; the Russian and Ukrainian
lists had only the anticoagulants' endings, so "эналаприлом" beside K2 named no medicine,
nor did Polish "atorwastatyną". Every class the English list reads now has its Cyrillic
and Polish ending, as each reading spells it.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder
from builders import safety_referral_and_language


@pytest.mark.parametrize(
    ("question", "referral", "language"),
    [
        ("vitamin K for my kids?", "safety_children", "en"),
        ("vitamin K for a 6 year old, yes or no", "safety_children", "en"),
        ("what dose of vitamin K for an adult", "safety_dose", "en"),
        ("how much vitamin K per day", "safety_dose", "en"),
        ("vitamin K with blood thinners?", "safety_medicines", "en"),
        ("vitamina K para mis niños, sí o no", "safety_children", "es"),
        ("витамин К детям давать?", "safety_children", "ru"),
        ("witamina K dla dzieci - tak czy nie?", "safety_children", "pl"),
    ],
)
def test_a_risk_asked_about_vitamin_k_is_referred_as_it_is_about_k2(
    responder: Responder, question: str, referral: str, language: str
) -> None:
    """The family's name is something taken: everyday risk words about it refer."""
    assert safety_referral_and_language(responder, question) == (referral, language)


@pytest.mark.parametrize(
    "question",
    [
        "what is vitamin k",
        "vitamin k foods list",
        "is vitamin k the same as k2",
        "vitamin k deficiency in plants",
    ],
)
def test_vitamin_k_asked_about_with_no_risk_word_is_not_referred(
    responder: Responder, question: str
) -> None:
    """Naming vitamin K is no risk by itself: only a risk word beside it refers."""
    assert safety_referral_and_language(responder, question) is None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("can mk7 be overdosed", "en"),
        ("mk7 overdose signs", "en"),
        ("sobredosis de k2, ¿es posible?", "es"),
        ("передозировка мк7 возможна?", "ru"),
        ("przedawkowanie witaminy K2 - objawy", "pl"),
        ("surdose de vitamine K2, ça existe ?", "fr"),
        ("чи можна передозувати мк7?", "uk"),
        ("superdosagem de k2 dá sintomas?", "pt"),
        ("un sovradosaggio di k2 è possibile?", "it"),
    ],
)
def test_an_overdose_asked_about_gets_the_dose_referral(
    responder: Responder, question: str, language: str
) -> None:
    """Whether too much is possible, and what it does, is the dose referral's question."""
    assert safety_referral_and_language(responder, question) == ("safety_dose", language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("i overdosed on mk7 last night", "en"),
        ("took an overdose of k2 tablets", "en"),
        ("k2 overdose, what should i do", "en"),
        ("my dog got into the k2, overdose?", "en"),
        ("передозировка к2 у сына, что делать?", "ru"),
        ("ayer tomé una sobredosis de k2", "es"),
        ("ik heb per ongeluk een overdosis mk7 genomen", "nl"),
        ("j'ai pris une surdose de k2 ce matin", "fr"),
        ("mk7 overdose?? feeling sick", "en"),
        ("overdose signs of k2, my dad is confused", "en"),
        ("sobredosis de k2? estoy mareada", "es"),
    ],
)
def test_an_overdose_told_or_asked_what_to_do_stays_an_emergency(
    responder: Responder, question: str, language: str
) -> None:
    """An overdose that happened, or what to do about one now, is the emergency."""
    assert safety_referral_and_language(responder, question) == ("safety_emergency", language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("можно ли мк7, если пью рамиприл?", "ru"),
        ("к2 вместе с розувастатином нормально?", "ru"),
        ("папа на бисопрололе, ему к2 можно?", "ru"),
        ("омепразол и витамин к2 совместимы?", "ru"),
        ("приймаю валсартан, чи можна мк7?", "uk"),
        ("к2 з симвастатином - можна?", "uk"),
        ("czy mogę brać k2 z rosuwastatyną?", "pl"),
        ("tata bierze lizynopryl, czy k2 jest ok?", "pl"),
    ],
)
def test_a_medicine_named_by_its_class_ending_in_its_own_spelling_gets_the_medicines_referral(
    responder: Responder, question: str, language: str
) -> None:
    """A medicine of any class the English list reads by ending, spelt in Cyrillic or Polish."""
    assert safety_referral_and_language(responder, question) == ("safety_medicines", language)


@pytest.mark.parametrize(
    "question",
    [
        "уколол палец, можно к2?",
        "к2 и мозоли на ногах",
    ],
)
def test_a_russian_word_sharing_a_short_class_ending_is_no_medicine(
    responder: Responder, question: str
) -> None:
    """Endings a common Russian word has ("уколол", "мозоль") were left out."""
    assert safety_referral_and_language(responder, question) != ("safety_medicines", "ru")
