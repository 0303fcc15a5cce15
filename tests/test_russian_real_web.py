"""Russian as real users search: purpose, functions and a lack of K2, in their words."""

from __future__ import annotations

import pytest

from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "intent_id", "word_in_reply"),
    [
        # "Для чего" asks what K2 is for, as English "what for": the benefits, even with
        # the form named beside it (it used to get the MK-4/MK-7 answer).
        ("для чего пьют витамин к2 мк7", "benefits_overview", "остеокальцин"),
        # Its functions are what it does for you, as English "functions".
        ("какие функции у витамина к2", "benefits_overview", "остеокальцин"),
        # The same typed in Latin letters is read as Russian and answered in Russian.
        ("kakaya funkciya u vitamina k2", "benefits_overview", "остеокальцин"),
    ],
)
def test_purpose_and_functions_get_the_benefits_in_russian(
    responder: Responder, question: str, intent_id: str, word_in_reply: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ru"
    assert word_in_reply in reply.text


def test_a_lack_of_k2_said_as_a_noun_gets_the_calcium_answer(responder: Responder) -> None:
    # "Нехватка" is a deficiency, as "lack" is in English; it used to fall back unanswered.
    reply = responder.respond("нехватка к2 и плохое усвоение кальция")
    assert reply.intent is not None
    assert reply.intent.id in {"calcium_absorption", "calcium_not_working"}
    assert reply.language == "ru"
    assert "остеокальцин" in reply.text


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        # "в чём" opens the question; the comparison "чем" of "чем отличается" stays.
        ("в чем разница мк4 и мк7", "forms_mk4_mk7"),
        ("в чём польза к2", "benefits_overview"),
    ],
)
def test_v_chyom_questions_keep_their_answers(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ru"


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        # "Или нет" closing a yes/no question asks the claim; it is no negation that
        # pulls towards "calcium doesn't work" (both used to be offered, not answered).
        ("д3 с к2 работает или нет", "k2_with_d3"),
        ("к2 реально работает для костей или нет", "bone_density"),
    ],
)
def test_or_not_closing_a_question_is_no_negation(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ru"
