"""Which language a referral is written in when the message hardly tells its own.

A short message names a medicine or condition that several languages' triggers share
("varfarina" is Spanish, Portuguese and Italian; "insuficiencia renal" is English-looking
too): the one word of its own language it holds ("com", "con", "dan") decides among them.
Italian writes "al", "del" as Spanish does: listed for both, they no longer make an
Italian question Spanish. Everyday senses of "dosis" and the Polish "operacja" need a word
about K2 or taking something to be referred.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        ("varfarina com k2", "safety_medicines", "pt"),
        ("k2 con insuficiencia renal", "safety_kidney", "es"),
        ("k2 dan warfarin", "safety_medicines", "id"),
        ("prendo la k2 al mattino, devo sospenderla prima del intervento?", "safety_surgery", "it"),
        ("me opero la semana que viene, dejo la k2?", "safety_surgery", "es"),
    ],
)
def test_a_referral_is_in_the_language_the_message_leans_to(
    responder: Responder, question: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("k2 with warfarin", "en"),
        ("warfarin k2", "en"),
        ("tomo k2 al dia con el desayuno y warfarina", "es"),
    ],
)
def test_english_and_clearly_told_messages_keep_their_language(
    responder: Responder, question: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_medicines"
    assert reply.language == language


@pytest.mark.parametrize(
    "question",
    ["dosis de realidad frases", "una dosis de paciencia", "operacja plastyczna cena"],
)
def test_everyday_dose_and_operation_words_alone_are_no_referral(
    responder: Responder, question: str
) -> None:
    intent = responder.respond(question).intent
    assert intent is None or not intent.id.startswith("safety_")


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        ("dosis maxima de k2 al dia", "safety_dose"),
        ("mam operacje w piatek, czy odstawic k2?", "safety_surgery"),
    ],
)
def test_the_same_words_about_k2_are_still_referred(
    responder: Responder, question: str, intent_id: str
) -> None:
    intent = responder.respond(question).intent
    assert intent is not None and intent.id == intent_id
