"""Risks as real users type them in other languages, through the real responder.

Arabic in Latin letters and digits (Arabizi) is told as Arabic and gets the Arabic
referral; Malay and Indonesian say pregnant as "mengandung" after "while" (alone it is
"contains"); Italian joins the pronoun to the verb ("operarmi"); Czech "operace" is also
everyday, so an operating system is no surgery.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        ("ana hamel, k2 mumkin?", "safety_pregnancy", "ar"),
        ("ena 7amel w bdi a5od k2", "safety_pregnancy", "ar"),
        ("hal yumkin akhd k2 ma3 warfarin", "safety_medicines", "ar"),
        ("boleh minum k2 semasa mengandung?", "safety_pregnancy", None),
        ("domani devo operarmi, posso continuare con la k2?", "safety_surgery", "it"),
        ("mam operaci kolena, muzu brat k2?", "safety_surgery", "cs"),
    ],
)
def test_a_loosely_typed_risk_is_referred(
    responder: Responder, question: str, intent_id: str, language: str | None
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    if language is not None:
        assert reply.language == language


@pytest.mark.parametrize(
    "question",
    [
        "susu ini mengandung vitamin k2",
        "jaky operacni system je nejlepsi",
        "bankovni operace online",
    ],
)
def test_the_same_words_in_everyday_senses_get_no_referral(
    responder: Responder, question: str
) -> None:
    intent = responder.respond(question).intent
    assert intent is None or not intent.id.startswith("safety_")
