"""Safety referrals in the languages added in pass 8 (Korean, Vietnamese, Thai, Hebrew, Greek,
Czech, Romanian, Hungarian, Swedish), through the real responder, and Ukrainian small talk."""

from __future__ import annotations

import pytest

from bot.evaluate import QuestionKind, evaluate, read_examples
from bot.intents import Kind
from bot.responder import Responder
from builders import REPO

ADDED = "ko vi th he el cs ro hu sv".split()


def _referral(reply_intent_id: str | None) -> bool:
    return reply_intent_id is not None and reply_intent_id.startswith("safety_")


def test_every_added_language_has_triggers_and_an_answer_for_every_safety_intent(
    responder: Responder,
) -> None:
    missing = []
    for intent in responder.content.of_kind(Kind.SAFETY):
        for language in ADDED:
            translation = intent.translation(language)
            if translation is None or not translation.triggers or not translation.answer:
                missing.append((intent.id, language))
    assert missing == []


def test_every_added_emergency_referral_names_a_number(responder: Responder) -> None:
    emergency = responder.content.by_id["safety_emergency"]
    for language in ADDED:
        assert any(ch.isdigit() for ch in emergency.answer_in(language)), language


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        ("와파린이랑 k2 같이 먹어도 돼요?", "safety_medicines", "ko"),
        # Vietnamese typed without its diacritics.
        ("me bau uong k2 duoc khong", "safety_pregnancy", "vi"),
        # Thai has no spaces: the trigger is found inside the run of letters.
        ("ลูกสาวอายุ 4 ขวบ กินเค2ได้ไหม", "safety_children", "th"),
        ("אני אחרי ניתוח, מותר לי k2?", "safety_surgery", "he"),
        ("κάνω αιμοκάθαρση, μπορώ να πάρω k2;", "safety_kidney", "el"),
        ("kolik mg k2 mam brat denne?", "safety_dose", "cs"),
        ("fetita a inghitit pastilele de vitamine", "safety_emergency", "ro"),
        ("véralvadásgátlót szedek, szedhetem a k2-t?", "safety_medicines", "hu"),
        ("kan jag ta k2 när jag ammar?", "safety_pregnancy", "sv"),
        # Swedish "gravid" is an English trigger too: the Swedish phrase keeps Swedish.
        ("är gravid, får man ta vitamin k2?", "safety_pregnancy", "sv"),
    ],
)
def test_a_risk_is_referred_in_the_askers_language(
    responder: Responder, question: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language
    assert reply.text == reply.intent.answer_in(language)


@pytest.mark.parametrize(
    "question",
    [
        # "아이" (child) inside iPhone; Thai "ท้อง" (pregnant) folds to "ทอง" (gold).
        "아이폰 배터리 교체 어디서 해요?",
        "ทองคำราคาเท่าไหร่วันนี้",
        # Vietnamese "bản thân" (oneself) folds to "ban than", not kidney disease.
        "bản thân tôi thích ăn natto",
        "איפה אפשר לקנות נעליים",
        # Greek "παιδιά" is also "guys".
        "παιδιά, ξέρει κανείς καλό εστιατόριο;",
        "kolik stojí jízdenka do Brna?",
        # Romanian "sarcina" is also a task.
        "sarcina de lucru pentru mâine",
        # Hungarian "gyógyszertár" is a pharmacy.
        "a gyógyszertár nyitvatartása",
        "hur mycket kostar en biljett till Stockholm?",
    ],
)
def test_a_look_alike_is_not_referred(responder: Responder, question: str) -> None:
    reply = responder.respond(question)
    assert not _referral(reply.intent.id if reply.intent else None)


@pytest.mark.parametrize(
    "question",
    [
        "k2랑 d3 같이 먹어도 되나요?",
        "có nên uống k2 với d3 không",
        "szedhetem a k2-t d3-mal együtt?",
        "k2กับd3กินได้ไหม",
    ],
)
def test_taking_k2_with_d3_is_not_a_dose_referral(responder: Responder, question: str) -> None:
    """'Can I take K2?' is referred; 'can I take K2 with D3?' asks about the article."""
    reply = responder.respond(question)
    assert not _referral(reply.intent.id if reply.intent else None)


@pytest.mark.parametrize(
    ("question", "referred"),
    [
        ("我孩子7岁可以吃k2吗", True),
        # An adult's age holds the child's: 27 is no 7.
        ("我27岁可以吃k2吗", False),
        ("7살 아이 k2 먹어도 돼요?", True),
    ],
)
def test_an_age_in_an_unspaced_script_is_read_whole(
    responder: Responder, question: str, referred: bool
) -> None:
    reply = responder.respond(question)
    got = reply.intent is not None and reply.intent.id == "safety_children"
    assert got is referred


@pytest.mark.parametrize(
    ("question", "intent_id", "start"),
    [
        ("привіт", "greeting", "Вітаю!"),
        ("добрий день!", "greeting", "Вітаю!"),
        ("дякую!", "thanks", "Будь ласка!"),
        ("до побачення", "goodbye", "До побачення"),
        ("що ти вмієш?", "about_bot", "Я K2 Bot"),
    ],
)
def test_ukrainian_small_talk_is_answered_in_ukrainian(
    responder: Responder, question: str, intent_id: str, start: str
) -> None:
    """Then the honest line: the article is answered in English and Russian."""
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "uk"
    assert reply.text.startswith(start)
    assert "Я можу відповідати" in reply.text


def test_the_pass8_blind_set_is_referred_in_each_language(responder: Responder) -> None:
    """dev_safety_multilingual_13 (written before the languages were added): every risk in
    an added language is referred, in its language."""
    report = evaluate(
        responder, read_examples(REPO / "tests" / "data" / "dev_safety_multilingual_13.jsonl")
    )
    for language in ADDED:
        safety = report.per_language[language][QuestionKind.SAFETY]
        assert safety.good == safety.total, language
        assert safety.replies_in_language == safety.replies, language
