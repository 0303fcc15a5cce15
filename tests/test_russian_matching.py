"""Russian as Russians type it: inflected synonyms, typos, and Russian in Latin letters."""

from __future__ import annotations

import shutil
import sys
import threading
from pathlib import Path

import pytest
import snowballstemmer  # type: ignore[import-untyped]

from bot.intents import load_content
from bot.language import detect_language
from bot.matching.lexicon import zipf
from bot.matching.typos import TypoCorrector, is_real_word
from bot.responder import Responder
from bot.text import Normalizer, russian_reading, stem
from builders import SHIPPED_INTENTS, shipped_responder


def test_a_russian_synonym_matches_every_inflection_of_its_words() -> None:
    normalizer = Normalizer({"d3": ("витамин д",), "calcium": ("кальций",)})
    assert normalizer.normalize("пить с витамином Д") == "пить с d3"
    assert normalizer.normalize("усвоение кальция") == "усвоение calcium"


def test_russian_typed_in_latin_letters_is_read_in_cyrillic() -> None:
    normalizer = Normalizer({"bone": ("кости", "костей")})
    assert normalizer.normalize("chto daet k2 dlya kostey") == "что дает k2 для bone"
    # A left-out soft sign is put back when that makes a Russian word: "kalciy" -> "кальций".
    assert russian_reading("kalciy")[0] == "кальции"  # folded: "й" is "и"
    assert russian_reading("obrazuetsya")[0] == "образуется"
    assert russian_reading("pobochnye")[0] == "побочные"


@pytest.mark.parametrize(
    "english",
    ["what is k2 good for", "pro tip take k2 with d3", "no k2 to buy", "MK-7 or MK-4?"],
)
def test_english_is_never_transliterated(english: str) -> None:
    normalizer = Normalizer({})
    assert normalizer.normalize(english) == normalizer.normalize(english.lower())
    assert not any("\u0400" <= ch <= "\u04ff" for ch in normalizer.normalize(english))


@pytest.mark.parametrize(
    "other",
    [
        "tomo sintrom puedo tomar vitamina k2",  # Spanish: "tomo" is no Russian word form
        "posso dar k2 para uma crianca",  # Portuguese: "dar", "para", "uma" look Russian
        "jestem w ciąży, czy mogę brać k2",  # accented letters: never transliterated
    ],
)
def test_other_latin_languages_are_not_read_as_russian(other: str) -> None:
    assert not any("\u0400" <= ch <= "\u04ff" for ch in Normalizer({}).normalize(other))


def test_latin_names_in_a_cyrillic_message_stay_latin() -> None:
    assert Normalizer({}).normalize("e coli производит мк7") == "e coli производит мк7"


def test_russian_words_are_weighed_by_general_russian() -> None:
    """Every inflection shares its stem's frequency; a misspelling has none."""
    assert zipf(stem("переломов")) == zipf(stem("перелома")) > 3.0
    assert is_real_word(stem("работает"))
    assert not is_real_word(stem("остиопороз"))


def test_the_common_tsya_misspelling_meets_the_right_form() -> None:
    assert stem("отличаеться") == stem("отличается")
    assert stem("вырабатываеться") == stem("вырабатывается")


def test_a_cyrillic_typo_is_corrected_to_the_synonym_it_misspells() -> None:
    corrector = TypoCorrector(
        ["osteoporosis"], {"osteoporosis"}, aliases={"остеопороз": "osteoporosis"}
    )
    assert corrector.correct("остиопороз") == "osteoporosis"
    # A real Russian word is meant as written, however close to a known one.
    assert corrector.correct(stem("работает")) == stem("работает")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("chto daet k2 dlya kostey", "ru"),
        ("mk7 i mk4 v chem raznica", "ru"),
        ("vitamina k2 para huesos", "es"),  # Spanish words: not Russian
        ("MK-7 or MK-4?", None),
        ("does k2 help bones", "en"),
    ],
)
def test_latin_typed_russian_is_told_russian(text: str, language: str | None) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("question", "intent_ids"),
    [
        ("pomogaet li k2 kostyam", ("bone_density", "benefits_overview")),
        ("k2 nuzhno pit vmeste s vitaminom d", ("k2_with_d3",)),
        ("к2 пить вместе с витамином д", ("k2_with_d3",)),
        ("помогает ли мк7 при остиопорозе", ("mk7_elderly_osteoporosis", "fracture_risk")),
        ("что делает к2 с остиокальцином", ("osteocalcin",)),
    ],
)
def test_russian_as_typed_is_answered_in_russian(
    responder: Responder, question: str, intent_ids: tuple[str, ...]
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id in intent_ids
    assert reply.language == "ru"


@pytest.mark.parametrize("question", ["к2 и витамин а", "чем отличается к1 от к2"])
def test_other_vitamins_in_russian_get_no_article_answer(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind.value != "article"


def test_russian_words_stem_right_when_threads_stem_at_once() -> None:
    """A reload builds its index in a worker thread while replies stem on the event loop."""
    roots = ["перелом", "остеопороз", "кальци", "витамин", "беремен", "кост", "лекарств"]
    endings = ["ами", "ов", "ом", "ей", "ях", "ого", "ыми", "ая", "ую", "ении"]
    words = [
        f"{prefix}{root}{ending}"
        for prefix in ("", "пере", "недо", "при", "за", "вы")
        for root in roots
        for ending in endings
        for _ in "ab"
    ]
    words = list(dict.fromkeys(f"{w}{i % 7 * 'а'}" for i, w in enumerate(words)))
    reference = snowballstemmer.stemmer("russian")
    expected = {word: reference.stemWord(word) for word in words}
    got: dict[str, str] = {}
    failures: list[BaseException] = []

    def stem_share(share: list[str]) -> None:
        try:
            got.update((word, stem(word)) for word in share)
        except BaseException as error:  # an IndexError from a stemmer two threads share
            failures.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=stem_share, args=(words[i::4],)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
    assert got == expected


@pytest.mark.parametrize(
    "text",
    ["хочу понять, зачем нужен к2", "лет пять тому назад врач советовал к2"],
)
def test_words_russian_shares_with_ukrainian_do_not_make_a_message_ukrainian(text: str) -> None:
    assert detect_language(text) == "ru"


@pytest.mark.parametrize(
    ("question", "intent_ids"),
    [
        ("у мамы кости ломаются от любой ерунды, к2 тут поможет?", ("fracture_risk",)),
        ("какие есть разновидности к2?", ("forms_mk4_mk7",)),
        ("нашли остеопению, к2 имеет смысл?", ("bone_density", "mk7_elderly_osteoporosis")),
        ("кишечные микробы делают к2?", ("gut_bacteria",)),
        ("к2 мешает вымыванию кальция из костей?", ("osteoclasts_bone_loss",)),
    ],
)
def test_everyday_russian_words_for_the_articles_concepts_are_understood(
    responder: Responder, question: str, intent_ids: tuple[str, ...]
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id in intent_ids
    assert reply.language == "ru"


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [("perelomy k2", "fracture_risk"), ("k2 i kalcii", "calcium_absorption")],
)
def test_a_transliterated_keyword_query_of_one_word_is_answered_in_russian(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ru"


@pytest.mark.parametrize("question", ["k2 dawka", "k2 huesos", "k2 natto"])
def test_a_lone_latin_word_of_another_language_is_not_read_as_russian(
    responder: Responder, question: str
) -> None:
    assert not responder.matcher.normalizer.reads_as_russian(question)
    assert responder.respond(question).language != "ru"


def test_a_soft_sign_left_out_at_a_long_words_end_is_restored() -> None:
    # Four places could lose the sign in "plotnost"; the end is where people drop it.
    assert russian_reading("plotnost")[0] == "плотность"


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        ("здарова", "greeting"),
        ("к2 правда делает кости прочнее?", "bone_density"),
        ("к2 способен проникнуть прямо в кость?", "reaches_bone"),
    ],
)
def test_spoken_russian_words_reach_their_intent(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ru"


@pytest.mark.parametrize(
    "question",
    [
        "к2 дает энергию?",  # "дает" is the frame of "что дает к2", energy the topic
        "мужчинам нужен к2?",  # "нужен" is as generic as English "need"
        "k2 лыжи какие лучше",  # skis, not the forms of K2
        "golf mk4 тюнинг",  # a car, not the MK-4 form
        "к2 для молодых нужен?",
    ],
)
def test_russian_near_misses_and_look_alikes_get_no_article_answer(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind.value != "article"
    assert reply.language == "ru"


def test_a_russian_topic_written_down_as_a_near_miss_holds_an_article_answer_back(
    tmp_path: Path,
) -> None:
    """Writing a near-miss topic in Russian is enough: no code or tuning per word."""
    question = "что дает к2 для аквариума"
    before = shipped_responder().respond(question)
    assert before.intent is not None and before.intent.id == "benefits_overview"

    intents = tmp_path / "intents"
    shutil.copytree(SHIPPED_INTENTS, intents)
    out_of_scope = intents / "out_of_scope.yaml"
    text = out_of_scope.read_text(encoding="utf-8")
    anchor = '          - "как дела"\n'
    assert anchor in text
    out_of_scope.write_text(
        text.replace(anchor, anchor + '          - "чистая вода в аквариуме"\n'), encoding="utf-8"
    )
    after = Responder(load_content(intents)).respond(question)
    assert after.intent is None or after.intent.kind.value != "article"


@pytest.mark.parametrize(
    ("question", "expected"),
    [("што такое мк4", "forms_mk4_mk7"), ("што за к2", "what_is_k2")],
)
def test_chat_spellings_of_what_read_as_what(
    responder: Responder, question: str, expected: str
) -> None:
    """ "Што", "шо", "чо" are "что" spelt as said: the definition frame reads as with "что"."""
    reply = responder.respond(question)
    assert expected == (reply.intent and reply.intent.id)
