"""Which language a reply is in: scripts and Latin-script languages told from YAML data,
the honest reply in the asker's language, and asking for another language mid-conversation.

The scripts, letters and words live in `bot/data/languages/detection.yaml` (and the
generated `common_words.yaml`); the honest replies in `bot/data/interface/no_content.yaml`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.dialogue import Decision, Dialogue
from bot.language import detect_language, likely_languages, requested_language
from bot.matching import Outcome
from bot.messages import catalogues
from bot.responder import Responder
from builders import REPO, K2bot

LANGUAGES = REPO / "bot" / "data" / "languages"
DETECTION = yaml.safe_load((LANGUAGES / "detection.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("τι κάνει η βιταμίνη k2 στα κόκαλα", "el"),
        ("האם ויטמין k2 מחזק עצמות", "he"),
        ("วิตามินเค2 ช่วยเรื่องกระดูกไหม", "th"),
        ("ვიტამინი k2 ძვლებს ეხმარება?", "ka"),
        ("վիտամին k2-ը օգնում է ոսկորներին?", "hy"),
        ("ቫይታሚን k2 ለአጥንት ይጠቅማል?", "am"),
        ("ভিটামিন k2 কি হাড়ের জন্য ভালো", "bn"),
        ("வைட்டமின் k2 எலும்புக்கு நல்லதா", "ta"),
        ("भिटामिन k2 हड्डीका लागि राम्रो छ?", "ne"),
    ],
)
def test_a_script_without_content_gets_the_honest_reply_in_its_language(
    responder: Responder, question: str, language: str
) -> None:
    """Greek, Hebrew, Thai... got the English decline; now "I can answer in English and
    Russian" in their own language, with the topics as buttons."""
    reply = responder.respond(question)
    assert reply.language == language
    assert reply.intent is None and reply.outcome is Outcome.SUGGEST
    assert reply.suggestions
    sentence = catalogues().honest[language].say(["en", "ru"])
    assert sentence is not None and sentence in reply.text


def test_every_listed_language_has_its_own_honest_reply() -> None:
    """A language the detector can tell is never answered with the English default."""
    told = {entry["language"] for entry in DETECTION["scripts"]}
    for entry in DETECTION["scripts"]:
        told |= set(entry.get("words") or {})
    told |= set(DETECTION["latin"])
    missing = sorted(told - set(catalogues().honest))
    assert not missing, f"no honest reply in no_content.yaml for {missing}"


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("qual é a diferença entre as formas mk4 e mk7", "pt"),
        ("was ist der unterschied zwischen mk4 und mk7", "de"),
        ("qual è la differenza tra mk4 e mk7", "it"),
        ("wat is het verschil tussen mk4 en mk7", "nl"),
        ("czy witamina k2 wzmacnia zęby", "pl"),
        ("k2 vitamini kemikleri güçlendirir mi", "tr"),
    ],
)
def test_a_short_article_question_in_a_language_without_content_is_not_answered_in_english(
    responder: Responder, question: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.language == language
    assert reply.intent is None and reply.outcome is Outcome.SUGGEST


@pytest.mark.parametrize(
    "question",
    ["MK-7 or MK-4?", "mk4 vs mk7", "K2 + D3?", "k2 osteocalcin?", "d3&k2 ok?", "k2 from Łódź?"],
)
def test_short_mixed_messages_do_not_change_the_language(
    responder: Responder, question: str
) -> None:
    assert detect_language(question) is None
    assert likely_languages(question) == ()
    assert responder.respond(question).language == "en"
    assert responder.respond(question, usual="ru").language == "ru"


@pytest.mark.parametrize(
    "question",
    [
        "zachem pit k2 vmeste s d3",
        "pomogaet li k2 kostyam",
        "chto luchshe mk4 ili mk7",
        "k2 snizhaet risk perelomov?",
    ],
)
def test_transliterated_russian_is_still_read_as_russian(
    responder: Responder, question: str
) -> None:
    """The listed words of other languages never take Russian typed in Latin letters."""
    assert detect_language(question) == "ru"
    reply = responder.respond(question)
    assert reply.language == "ru" and reply.intent is not None


def test_words_of_two_languages_alone_are_answered_in_one_of_them_not_english(
    responder: Responder,
) -> None:
    """Spanish and Portuguese share "que" and "vitamina": the chat's language decides,
    else the first listed; never the English article answer."""
    question = "que vitamina k2"
    assert detect_language(question) is None
    assert likely_languages(question) == ("es", "pt")
    assert responder.respond(question).language == "es"
    reply = responder.respond(question, usual="pt")
    assert reply.language == "pt" and reply.intent is None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Folded, "é" and "qué" are words Spanish and Portuguese share; typed, they tell.
        ("o que é vitamina k2", "pt"),
        ("qué es la vitamina k2", "es"),
        ("vitamin k2 là gì", "vi"),
        ("què és la vitamina k2", "ca"),
        ("čo je vitamín k2", "sk"),
        # Words joined after a hyphen: French pronouns, Hungarian case endings.
        ("raconte-moi une blague", "fr"),
        ("mi a k2-vitamin", "hu"),
        # Languages added as YAML alone.
        ("hva er vitamin k2", "no"),
        ("hvad er vitamin k2", "da"),
        ("što je vitamin k2", "hr"),
        ("kaj je vitamin k2", "sl"),
    ],
)
def test_accents_as_typed_and_joined_words_tell_close_languages_apart(
    responder: Responder, question: str, language: str
) -> None:
    assert detect_language(question) == language
    reply = responder.respond(question)
    assert reply.language == language and reply.intent is None
    sentence = catalogues().honest[language].say(["en", "ru"])
    assert sentence is not None and sentence in reply.text


def test_a_tie_between_malay_and_indonesian_goes_to_indonesian(responder: Responder) -> None:
    """They share most words: the referral stays Indonesian unless a Malay word says Malay."""
    reply = responder.respond("saya minum warfarin, boleh minum k2?")
    assert reply.language == "id" and reply.intent is not None
    assert detect_language("apa beza mk4 dan mk7 menurut kajian, adakah sama") == "ms"


@pytest.mark.parametrize("question", ["raznitsa mk-4 mk-7", "perelomy k-2", "perelomy k2"])
def test_a_lone_transliterated_russian_word_beside_names_is_russian(
    responder: Responder, question: str
) -> None:
    """One Russian word in Latin letters beside names with figures ("mk-4" too, whose
    letters are a name, not a word): read as Russian and answered in Russian."""
    assert responder.matcher.normalizer.reads_as_russian(question)
    assert responder.respond(question).language == "ru"


@pytest.mark.parametrize("question", ["k2 dosage", "k2 natto", "mk-7 pro", "mk7 forms"])
def test_a_lone_english_word_beside_names_is_not_russian(
    responder: Responder, question: str
) -> None:
    assert not responder.matcher.normalizer.reads_as_russian(question)
    assert responder.respond(question).language != "ru"


def test_the_generated_common_words_are_reproducible(tmp_path: Path) -> None:
    """common_words.yaml is what `python -m benchmarks.language_words` writes today."""
    from benchmarks.language_words import OUTPUT, main

    fresh = tmp_path / "common_words.yaml"
    assert main(fresh) == 0
    assert fresh.read_text(encoding="utf-8") == OUTPUT.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("in english please", "en"),
        ("Can you answer in English?", "en"),
        ("на английском пожалуйста", "en"),
        ("и на русском?", "ru"),
        ("по-русски", "ru"),
        ("А можно по-русски?", "ru"),
        ("in russian please", "ru"),
        ("what is english", None),
        ("in english, what is k2", None),
    ],
)
def test_requests_for_a_language(text: str, language: str | None) -> None:
    assert requested_language(text) == language


def test_asking_for_another_language_gives_the_last_answer_again_in_it(
    responder: Responder,
) -> None:
    dialogue = Dialogue(responder)
    (first,) = dialogue.respond("chat", "что такое к2")
    assert first.reply.language == "ru"
    (again,) = dialogue.respond("chat", "in english please")
    assert again.decision is Decision.LANGUAGE
    assert again.reply.intent is not None and again.reply.intent.id == "what_is_k2"
    assert again.reply.language == "en"
    # The conversation goes on in English: a message that does not tell keeps it.
    (next_one,) = dialogue.respond("chat", "mk4 vs mk7")
    assert next_one.reply.language == "en"
    (back,) = dialogue.respond("chat", "и на русском?")
    assert back.reply.intent is not None and back.reply.intent.id == "forms_mk4_mk7"
    assert back.reply.language == "ru"


def test_eval_measures_the_language_of_the_honest_reply(tmp_path: Path, k2bot: K2bot) -> None:
    """For in_scope_other the reply that matters is the honest one: its language is measured."""
    questions = tmp_path / "questions.jsonl"
    lines = [
        {
            "question": "τι είναι η βιταμίνη k2",
            "expect": [],
            "kind": "in_scope_other",
            "lang": "el",
        },
        {"question": "מה זה ויטמין k2", "expect": [], "kind": "in_scope_other", "lang": "he"},
    ]
    questions.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = k2bot("eval", str(questions), "--json")
    per_language = json.loads(result.stdout)["per_language"]
    for language in ("el", "he"):
        assert per_language[language]["in_scope_other"]["answers_in_language"] == 1.0
