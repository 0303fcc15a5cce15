"""Risks as real people word them, tenth pass (branch realsafety16, issue 12).

Anticoagulants named in Cyrillic ("ривароксабан", "апиксабаном", "дабигатран") were no
medicine at all: the English list reaches any "*xaban" or "*gatran" by the ending that
names the class, the Russian and Ukrainian lists named only a few brands. The Polish
and Latin spellings of acenocoumarol and phenprocoumon ("acenokumarol", "fenprokumon")
were not reached either. The questions are written for these tests, not copied from any
question set.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.responder import Responder


def _referral(responder: Responder, question: str) -> tuple[str, str] | None:
    """The safety referral a question gets and the reply's language, or None."""
    reply = responder.respond(question)
    intent = reply.intent
    if intent is None or intent.kind is not Kind.SAFETY:
        return None
    return intent.id, reply.language


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
    assert _referral(responder, question) == ("safety_medicines", language)
