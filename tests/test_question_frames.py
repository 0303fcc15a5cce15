"""How the matcher reads what a question asks for: its terms, its frame, its main clause."""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    "question",
    ["is k2 made in the testes", "can the pancreas produce vitamin k2"],
)
def test_a_term_only_one_topic_uses_answers_it_beside_the_subject(
    responder: Responder, question: str
) -> None:
    """The article names the pancreas and testis only where the forms are made: a question
    naming one and K2 is answered with that, though it names neither MK-4 nor MK-7."""
    reply = responder.respond(question)
    assert (Outcome.ANSWER, "where_forms_made") == (
        reply.outcome,
        reply.intent and reply.intent.id,
    )


def test_a_rare_article_word_alone_is_not_the_subject(responder: Responder) -> None:
    """ "mineralization" is also geology's: without K2 or another subject term it is
    at most offered, never answered with the osteocalcin topic."""
    reply = responder.respond("mineralization of rocks explained")
    assert not (reply.outcome is Outcome.ANSWER and reply.intent.kind is Kind.ARTICLE)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # "what does it actually do" asks what K2 is for, whatever filler sits inside it.
        ("my sister keeps talking about k2, what does it actually do", "benefits_overview"),
        ("k2 - what does it even do", "benefits_overview"),
        # "important" is the frame; D3 is the topic.
        ("why is k2 so important for d3", "k2_with_d3"),
        # "K2's" is K2.
        ("k2's role in calcium absorption", "calcium_absorption"),
    ],
)
def test_the_frame_does_not_outweigh_the_topic(
    responder: Responder, question: str, intent: str
) -> None:
    """Everyday words around a question ("talking", "important") don't pick its answer."""
    reply = responder.respond(question)
    assert (Outcome.ANSWER, intent) == (reply.outcome, reply.intent and reply.intent.id)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # An SEO title: the first question is what it is; "why it matters" follows it.
        ("vitamin k2: what is it, and why does it matter", "what_is_k2"),
        ("mk-7: what is it and why does it matter", "forms_mk4_mk7"),
        # The frame around the subject: "what menaquinone is".
        ("my doctor mentioned menaquinone but not what menaquinone is", "what_is_k2"),
    ],
)
def test_what_is_it_asks_for_a_definition(responder: Responder, question: str, intent: str) -> None:
    """ "what is it" keeps its frame ("is" alone is a stopword): the thing named, defined."""
    reply = responder.respond(question)
    assert (Outcome.ANSWER, intent) == (reply.outcome, reply.intent and reply.intent.id)


def test_russian_words_keep_their_weight(responder: Responder) -> None:
    """The everyday-English cap leaves other scripts alone: "путь" (way) stays evidence of
    how K2 reaches bone."""
    reply = responder.respond("путь к2 до кости")
    assert (Outcome.ANSWER, "reaches_bone") == (reply.outcome, reply.intent and reply.intent.id)


def test_an_answer_that_leaves_the_named_term_out_is_not_given(responder: Responder) -> None:
    """ "what does k2 do with calcium" is shaped like "what does k2 do", but asks about
    calcium, which the benefits overview's patterns never name: the calcium topic is
    given (the paraphrase signal agrees with the words' first choice) or offered first,
    never a confident benefits answer."""
    reply = responder.respond("What does K2 do with calcium?")
    if reply.outcome is Outcome.ANSWER:
        assert "calcium_absorption" == (reply.intent and reply.intent.id)
    else:
        assert reply.outcome is Outcome.SUGGEST
        assert "calcium_absorption" == reply.suggestions[0].id


def test_the_topic_a_question_names_outranks_its_frame(responder: Responder) -> None:
    """ "important" is a frame: osteoclasts are what the question is about."""
    reply = responder.respond("why is vitamin k2 important for osteoclasts")
    assert (Outcome.ANSWER, "osteoclasts_bone_loss") == (
        reply.outcome,
        reply.intent and reply.intent.id,
    )
