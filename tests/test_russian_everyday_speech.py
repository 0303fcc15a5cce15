"""Russian as spoken: what a Russian user sees for spoken numbers, fillers and everyday words."""

from __future__ import annotations

import pytest

from bot.responder import Responder
from bot.text import QUESTION_WORDS, fold, stem


@pytest.mark.parametrize(
    ("question", "intent_id", "words_in_reply"),
    [
        # Letters and numbers said as words: "к два", "мк семь", "д три".
        ("витамин к два что это", "what_is_k2", ("уникальный витамин",)),
        ("мк семь или мк четыре в чём разница", "forms_mk4_mk7", ("MK-4", "MK-7")),
        ("д три и к два зачем вместе", "k2_with_d3", ("D3",)),
        # Chemical names of both vitamins.
        ("холекальциферол и менахинон вместе", "k2_with_d3", ("D3",)),
    ],
)
def test_spoken_numbers_and_chemical_names_get_the_russian_answer(
    responder: Responder, question: str, intent_id: str, words_in_reply: tuple[str, ...]
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ru"
    assert all(word in reply.text for word in words_in_reply)


@pytest.mark.parametrize(
    ("question", "intent_id", "word_in_reply"),
    [
        # "почему" is a question word, not a rare topic word weighed against the match;
        # "кальциевые" is calcium; "неэффективны" says the supplement does little.
        ("почему кальциевые таблетки неэффективны", "calcium_not_working", "остеокальцин"),
        # "зверь", "такой", "вообще": slang and fillers around "что за к2".
        ("к2 что за зверь такой вообще", "what_is_k2", "кишечнике"),
        # "Из чего синтезируется" asks where K2 comes from, not what it is for ("для чего").
        ("из чего синтезируется витамин к2", "gut_bacteria", "бактери"),
        ("из чего образуется к2 у нас", "gut_bacteria", "бактери"),
        # Carried to the bone ("доставляется") is how K2 gets there.
        ("как к2 доставляется к костям", "reaches_bone", "стенку"),
    ],
)
def test_everyday_russian_frames_get_the_russian_answer(
    responder: Responder, question: str, intent_id: str, word_in_reply: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ru"
    assert word_in_reply in reply.text


@pytest.mark.parametrize(
    ("question", "named_in_reply"),
    [
        # Fillers do not make a near miss an article question; the reply names the topic.
        ("в каких продуктах к2 типа", "продуктах"),
        # "какой-то" is "some", not the question "какой"; pressure is not in the article.
        ("ну чё, какой-то к2 от давления норм?", "сердце"),
    ],
)
def test_russian_near_misses_with_fillers_stay_declined_by_name(
    responder: Responder, question: str, named_in_reply: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind.value != "article"
    assert reply.language == "ru"
    assert named_in_reply in reply.text


def test_a_russian_pregnancy_question_with_slang_is_referred_to_a_doctor_in_russian(
    responder: Responder,
) -> None:
    reply = responder.respond("я беременна, можно к2 типа")
    assert reply.intent is not None and reply.intent.id == "safety_pregnancy"
    assert reply.language == "ru"
    assert "врача" in reply.text


def test_thanks_with_an_acknowledgement_is_thanks(responder: Responder) -> None:
    reply = responder.respond("благодарю, всё понятно")
    assert reply.intent is not None and reply.intent.id == "thanks"
    assert reply.language == "ru"


def test_russian_question_words_are_capped_as_the_matcher_reads_them() -> None:
    """The matcher weighs stems: "почему" is read as its stem, which must be capped too."""
    for word in ("почему", "когда", "откуда", "как", "где", "кто"):
        assert stem(fold(word)) in QUESTION_WORDS


def test_pronouns_in_a_story_about_a_relative_do_not_outweigh_the_question(
    responder: Responder,
) -> None:
    """ "Моей", "неё", "ей" are pronouns in other cases: no topic, as "her" in English."""
    reply = responder.respond("моей маме 72 года, у неё остеопороз, мк7 ей поможет?")
    assert reply.intent is not None and reply.intent.id == "mk7_elderly_osteoporosis"
    assert reply.language == "ru"
    assert "остеопороз" in reply.text
