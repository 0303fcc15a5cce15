"""Real phrasings of the article's topics that reached another answer (pass 11, realscope13).

Found on realscope13's blind set of questions modelled on real web pages
(`tests/data/dev_scope_realweb13.jsonl`, docs/pass11/realscope13.md). Each test asks the
real responder for the reply a user sees.
"""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder
from bot.text import content_stem, stem


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "helping" was a rare word that only "why isnt calcium helping me" held.
        ("is k2 helping calcium?", "calcium_absorption"),
        ("is k2 helping my bones", "bone_density"),
        ("is K2 promoting osteoblasts or slowing osteoclasts?", "osteoclasts_bone_loss"),
    ],
)
def test_a_question_in_the_progressive_meets_the_verbs_patterns(
    responder: Responder, question: str, answer: str
) -> None:
    """ "Is k2 helping X" asks what "does k2 help X" asks."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer, reply.intent


@pytest.mark.parametrize(
    ("word", "read_as"),
    [
        ("helping", "help"),
        ("reducing", "reduce"),
        ("stopping", "stop"),
        # Nouns in "-ing" commoner than the word before it, and function words' forms.
        ("morning", "morning"),
        ("training", "training"),
        ("evening", "evening"),
        ("taking", "taking"),
        ("during", "during"),
    ],
)
def test_an_ing_form_is_read_as_its_verb_only_when_the_verb_is_the_commoner_word(
    word: str, read_as: str
) -> None:
    assert content_stem(word) == read_as


def test_safety_keeps_reading_ing_forms_as_typed() -> None:
    """Safety triggers are read with `stem`: "not responding" is a person's state."""
    assert stem("responding") == "responding"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "My doctor says my D levels are in the basement so I grabbed D3. Then I saw a "
            "headline saying D is useless without K2. Am I wasting my money taking D3 alone?",
            "k2_with_d3",
        ),
        ("wasting my money on calcium pills?", "calcium_not_working"),
    ],
)
def test_wasting_money_on_something_says_it_is_useless(
    responder: Responder, question: str, answer: str
) -> None:
    """ "Wasting my money" is the synonyms' `useless`, as "waste of money" was."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer, reply.intent
