"""Follow-ups that name only K2 in the topic, and a yes before asking to go on.

Pass 11 (conv15): after an answer, people ask what K2 has to do with it ("so should i add
k2?", "and how is k2 involved", Russian "к2 поможет?"), shrug before a question ("ok
whatever. why d3 at all") and say yes before asking for more ("yes please, more", "да,
подробнее"), though the bot asked nothing. Every test drives the real responder on the
shipped content through one conversation and checks the reply a user sees.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder
from builders import last_intent


@pytest.mark.parametrize(
    ("question", "follow_up", "acceptable"),
    [
        # K2 named, nothing else: unanswered alone, it asks of K2 in the topic
        ("does k2 help calcium absorption", "so should i add k2?", {"calcium_absorption"}),
        # "involved", "role", "fit in" ask K2's part, which the topic's answer gives
        ("what does osteocalcin do", "and how is k2 involved", {"osteocalcin"}),
        (
            "why dont my calcium pills work",
            "and where does k2 fit in",
            {"calcium_not_working", "calcium_absorption"},
        ),
        # "поможет" is "will help", as vague as "помогает"
        ("почему кальций не усваивается", "а к2 поможет?", {"calcium_not_working"}),
    ],
)
def test_k2_alone_in_a_follow_up_asks_about_it_in_the_topic(
    responder: Responder, question: str, follow_up: str, acceptable: set[str]
) -> None:
    intent, text = last_intent(responder, question, follow_up)
    assert intent in acceptable, text


def test_a_shrug_before_a_question_does_not_hide_that_it_is_about_the_topic(
    responder: Responder,
) -> None:
    intent, text = last_intent(responder, "k2 and d3", "ok whatever. why d3 at all")
    assert intent == "k2_with_d3", text


@pytest.mark.parametrize(
    "follow_up", ["yes please, more", "sure, why?", "yep tell me more", "да, подробнее"]
)
def test_a_yes_before_asking_to_go_on_goes_on(responder: Responder, follow_up: str) -> None:
    # nothing was offered: the yes is a nod, and what follows it asks for more
    intent, text = last_intent(responder, "what is vitamin k2", follow_up)
    assert intent is not None and intent != "what_is_k2", text


def test_a_new_question_naming_k2_and_its_own_topic_is_still_its_own(
    responder: Responder,
) -> None:
    # "vegan" is a topic word of its own: the decline, not the topic again
    intent, text = last_intent(responder, "does k2 help calcium absorption", "is k2 vegan?")
    assert intent != "calcium_absorption", text


def test_a_yes_alone_without_an_offer_is_not_taken_for_more(responder: Responder) -> None:
    intent, text = last_intent(responder, "what is vitamin k2", "yes")
    assert intent in {None, "what_is_k2", "thanks", "greeting"}, text


@pytest.mark.parametrize(
    ("declined", "remark", "referral"),
    [
        ("does k2 help with leg cramps", "ive got kidney disease btw", "safety_kidney"),
        ("is k2 vegan", "my daughter is 8, she eats a lot of cheese", "safety_children"),
    ],
)
def test_a_risk_stated_after_a_k2_question_left_unanswered_is_referred(
    responder: Responder, declined: str, remark: str, referral: str
) -> None:
    # no topic to lean on, but the chat is about K2: the remark is judged with K2 named
    intent, text = last_intent(responder, declined, "why", remark)
    assert intent == referral, text


@pytest.mark.parametrize(
    ("question", "follow_up", "expected"),
    [
        # "thx" after "great": both nods, dropped before the opener
        ("where is mk7 made", "great, thx. what about mk4", "where_forms_made"),
        # "cheers" names no topic: "why there" still points at the topic's places
        ("where is mk7 made", "cheers. why there", "where_forms_made"),
        # thanks alone is small talk; thanks, then a question, is that question
        ("где образуется мк7", "спасибо. а почему там?", "where_forms_made"),
    ],
)
def test_thanks_mid_chat_before_a_follow_up_does_not_end_the_topic(
    responder: Responder, question: str, follow_up: str, expected: str
) -> None:
    intent, text = last_intent(responder, question, follow_up)
    assert intent == expected, text


@pytest.mark.parametrize("courtesy", ["thanks. bye", "thank you so much!", "спасибо!"])
def test_thanks_alone_mid_chat_is_still_small_talk(responder: Responder, courtesy: str) -> None:
    intent, text = last_intent(responder, "what is k2", courtesy)
    assert intent in {"thanks", "goodbye"}, text
