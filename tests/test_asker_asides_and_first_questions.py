"""Real web posts: the asker's search and doubts, and a question asked word for word first.

Found on the real-web question sets (docs/pass12/realfix5.md): people say how they looked
("googled it and got confused", "honestly") beside what they ask, and join a question the
article answers exactly to a second one ("What is vitamin K2 and how does it work?"). Each
test asks the real responder for the reply a user sees.
"""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "confused" was a word of one "what is K2" phrasing: it pulled these there.
        ("k2 with d3? googled it and got confused", "k2_with_d3"),
        ("where does k2 come from? googled it, still confused", "gut_bacteria"),
        ("k2 benefits, googled it and got confused", "benefits_overview"),
    ],
)
def test_how_the_asker_searched_does_not_change_the_answer(
    responder: Responder, question: str, answer: str
) -> None:
    """The asker's search and doubts are neither for nor against an answer."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer, reply.intent


def test_a_first_question_asked_word_for_word_is_answered_first(responder: Responder) -> None:
    """ "What is vitamin K2" asked first, then another question: what K2 is is the answer."""
    reply = responder.respond("What is vitamin K2 and how does it work in the body?")
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "what_is_k2", reply.intent


def test_a_title_pointing_at_its_subject_is_read_whole(responder: Responder) -> None:
    """ "What it is" under a heading naming MK-7 is a title's phrasing, not a question verbatim."""
    reply = responder.respond("MK-7: what it is and why older bones need it")
    assert reply.intent is not None and reply.intent.id != "what_is_k2", reply.intent


def test_a_second_question_the_article_leaves_out_is_still_declined(
    responder: Responder,
) -> None:
    """The whole message is declined (foods): the first question's answer does not replace it."""
    reply = responder.respond("what is vitamin k2 and which foods have the most of it?")
    assert reply.outcome is Outcome.FALLBACK
