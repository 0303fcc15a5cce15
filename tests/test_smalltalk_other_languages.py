"""Greetings and thanks in languages the bot has no content in, through the real responder.

They are understood (the greeting or thanks intent) and the honest line is written in the
asker's language, also for Han, kana, Hangul and Arabic script and for Hindi and
Indonesian typed in Latin letters.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


@pytest.mark.parametrize(
    ("message", "intent_id", "language"),
    [
        ("您好", "greeting", "zh"),
        ("多谢", "thanks", "zh"),
        ("こんにちは", "greeting", "ja"),
        ("ありがとうございます", "thanks", "ja"),
        ("고마워요", "thanks", "ko"),
        ("اهلا", "greeting", "ar"),
        ("شكرا لك", "thanks", "ar"),
        ("shukriya", "thanks", "hi"),
        ("terima kasih", "thanks", "id"),
        ("cảm ơn", "thanks", "vi"),
    ],
)
def test_small_talk_is_understood_and_answered_in_the_askers_language(
    responder: Responder, message: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language
