"""A term alone after a question left unanswered ("what is k1", then "and k2?"), a question
put late in a remark ("ok and for bones in general is it good"), and a comparison that only
restates the answer ("so less bone loss?").

Every conversation drives the real responder on the shipped content, turn by turn.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Decision, Dialogue, asks
from builders import intents_in_conversation

# -- a term alone after an unanswered question ----------------------------------------------


@pytest.mark.parametrize(
    ("unanswered", "follow_up", "expected"),
    [
        # The term takes the place of the word it is most like: "k1", the "k" of "vitamin k".
        ("what is k1", "and k2?", "what_is_k2"),
        ("what does k1 do", "and k2?", "benefits_overview"),
        ("what is vitamin k", "i mean k2", "what_is_k2"),
        ("what is k1 for", "and k2?", "benefits_overview"),
        # No word alike: the one word no article answer is about ("magnesium").
        ("does magnesium help calcium absorption", "and k2?", "calcium_absorption"),
        ("does magnesium help bones", "and k2?", "bone_density"),
    ],
)
def test_a_term_alone_asks_the_unanswered_question_of_it(
    dialogue: Dialogue, unanswered: str, follow_up: str, expected: str
) -> None:
    first, second = intents_in_conversation(dialogue, unanswered, follow_up)
    assert first is None
    assert second == expected
    (turn,) = dialogue.respond("another", unanswered)
    (turn,) = dialogue.respond("another", follow_up)
    assert turn.decision is Decision.UNANSWERED_ASKED_OF


@pytest.mark.parametrize(
    ("unanswered", "follow_up"),
    [
        # "mk7" is most like "k2", and "is mk7 in cheese" is not covered either.
        ("is k2 in cheese", "and mk7?"),
        # Nothing alike, and two words no article answer is about: no reading.
        ("is zinc or magnesium good for bones", "and mk7?"),
    ],
)
def test_a_term_alone_is_not_forced_into_an_unanswered_question(
    dialogue: Dialogue, unanswered: str, follow_up: str
) -> None:
    intents_in_conversation(dialogue, unanswered)
    (turn,) = dialogue.respond("me", follow_up)
    assert turn.decision is not Decision.UNANSWERED_ASKED_OF


def test_the_follow_up_with_it_still_reads_on_what_the_question_named(
    dialogue: Dialogue,
) -> None:
    assert intents_in_conversation(dialogue, "what does d3 do", "and k2 with it?") == [
        None,
        "k2_with_d3",
    ]


# -- a question put late in a remark -----------------------------------------------------------


def test_a_question_late_in_a_remark_after_a_referral_is_no_thanks(dialogue: Dialogue) -> None:
    got = intents_in_conversation(
        dialogue,
        "is k2 bad for kidneys",
        "i have ckd stage 3",
        "ok and for bones in general is it good",
    )
    assert got == ["safety_kidney", "safety_kidney", "bone_density"]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("ok and for bones in general is it good", True),
        ("does it help them", True),
        ("so that is it", False),
        ("cool", False),
    ],
)
def test_a_verb_before_a_pronoun_asks_wherever_it_stands(text: str, question: bool) -> None:
    assert asks(text) is question


# -- a comparison that restates the answer -------------------------------------------------


@pytest.mark.parametrize(
    ("question", "restated"),
    [
        ("does k2 stop bone loss", "so less bone loss?"),
        ("does k2 reduce fracture risk", "so fewer fractures?"),
    ],
)
def test_a_comparison_restating_the_answer_gets_it_again(
    dialogue: Dialogue, question: str, restated: str
) -> None:
    first, second = intents_in_conversation(dialogue, question, restated)
    assert second == first is not None


# -- a yes-or-no question that only points back ------------------------------------------------


def test_a_long_yes_or_no_question_pointing_back_gets_the_topic_again(dialogue: Dialogue) -> None:
    # "it'll" is "it" once the apostrophe is dropped, and "add k2" names no topic.
    got = intents_in_conversation(
        dialogue, "why doesnt my calcium work", "so if i add k2 it'll fix it?"
    )
    assert got == ["calcium_not_working", "calcium_not_working"]


def test_a_question_word_question_pointing_nowhere_is_not_the_topic_again(
    dialogue: Dialogue,
) -> None:
    got = intents_in_conversation(dialogue, "why doesnt my calcium work", "so what should i do?")
    assert got == ["calcium_not_working", None]


# -- a why about the topic's own words ---------------------------------------------------------


def test_a_why_about_words_the_answer_says_stays_on_the_topic(dialogue: Dialogue) -> None:
    # Where K2 comes from says colon too; the why asks about the answer just given.
    got = intents_in_conversation(dialogue, "where is mk7 made", "why in the colon")
    assert got == ["where_forms_made", "where_forms_made"]


def test_a_question_of_its_own_about_the_answers_words_still_moves_on(
    dialogue: Dialogue,
) -> None:
    # The forms answer says elderly too, but "which is better for the elderly" asks anew.
    got = intents_in_conversation(dialogue, "мк4 и мк7 в чем разница", "что лучше для пожилых?")
    assert got == ["forms_mk4_mk7", "mk7_elderly_osteoporosis"]
