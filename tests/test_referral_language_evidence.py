"""Which language a referral, or a greeting, is answered in when the message's words disagree.

A message told in one language none of whose safety triggers it holds was referred by
another language's words: those words say which language the asker writes (German
"Schwangerschaft" beside "in" and "ok"; Kazakh told Ukrainian by the dotted i both write).
Triggers several languages share by prefix ("anticoagula*") tie, and the language that
writes the message's word whole decides. Russian typed in Latin letters tying with Uzbek
triggers is Russian. Greetings, thanks and goodbyes of languages without content are
understood and answered under the honest line in the asker's language, and a dose asked
"too much" in other languages is referred as English "too much" is.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        ("Vitamin K2 in der Stillzeit ok?", "safety_pregnancy", "de"),
        ("к2 ішкеннен кейін бетім ісіп кетті", "safety_emergency", "kk"),
        ("mi gato se comió un frasco de k2 mk7", "safety_emergency", "es"),
        ("anticoagulanti e k2?", "safety_medicines", "it"),
        ("anticoagulant et k2 ?", "safety_medicines", "fr"),
        ("skolko mkg k2 nado pit v den", "safety_dose", "ru"),
        ("parso operation hai, k2 band karun?", "safety_surgery", "hi"),
        ("meri maa dialysis par hain, k2 de sakte?", "safety_kidney", "hi"),
        ("mk7 pendant la grosesse?", "safety_pregnancy", "fr"),
    ],
)
def test_a_referral_is_in_the_language_its_trigger_and_words_tell(
    responder: Responder, question: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("k2 with warfarin", "en"),
        ("is k2 safe while breastfeeding", "en"),
        ("клопидогрел ішемін, к2 витаминін ішуге бола ма?", "kk"),
        ("po operacji kolana kiedy wrocic do k2", "pl"),
        ("пью варфарин, можно ли к2", "ru"),
    ],
)
def test_a_referral_keeps_a_language_its_own_words_tell(
    responder: Responder, question: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id.startswith("safety_")
    assert reply.language == language


@pytest.mark.parametrize(
    ("message", "intent_id", "language"),
    [
        ("tchau", "goodbye", "pt"),
        ("muito obrigada!", "thanks", "pt"),
        ("buongiorno!", "greeting", "it"),
        ("ciao", "greeting", "it"),
        ("ciao ciao", "goodbye", "it"),
        ("ahoj", "greeting", "cs"),
        ("děkuji moc", "thanks", "cs"),
        ("dank je wel", "thanks", "nl"),
        ("vielen dank", "thanks", "de"),
        ("tschüss, bis bald", "goodbye", "de"),
        ("au revoir", "goodbye", "fr"),
        ("नमस्ते", "greeting", "hi"),
        ("rahmat", "thanks", "uz"),
    ],
)
def test_small_talk_of_other_languages_is_answered_in_them(
    responder: Responder, message: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("zu viel mk7 auf einmal?", "de"),
        ("trop de k2 d'un coup ?", "fr"),
        ("troppa vitamina k2 tutta insieme?", "it"),
        ("demasiado k2 de golpe?", "es"),
        ("te veel mk7 tegelijk?", "nl"),
        ("za dużo mk7 na raz?", "pl"),
    ],
)
def test_too_much_of_a_dose_is_referred_in_other_languages(
    responder: Responder, question: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_dose"
    assert reply.language == language


@pytest.mark.parametrize(
    "question", ["k2 trop cher", "mk7 troppo caro?", "zu teuer, die k2 kapseln"]
)
def test_a_price_too_high_is_no_referral(responder: Responder, question: str) -> None:
    intent = responder.respond(question).intent
    assert intent is None or not intent.id.startswith("safety_")
