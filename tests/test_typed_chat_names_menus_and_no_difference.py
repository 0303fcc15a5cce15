"""Typed chat, second set (issue 12, typed14): possessives of names, a bot's menu, no change felt.

"d3's partner" folded to "d3s", a word no intent uses, weighed against the question; a
Telegram user's "commands?", "menu" or "what can u tell me" fell back; "i take calcium but
dont feel any different" named no complaint; a headline's "Why Vitamin K2 Matters for Your
Bones" and "is mk7 worth adding" weighed their verb against the answer. Each failed before.
"""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.responder import Responder
from bot.text import Normalizer


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A possessive or plural of a name with a figure is the name.
        ("k2 enters the chat as d3's partner? do they work together", "k2_with_d3"),
        ("does k2 need d3's help", "k2_with_d3"),
        # Feeling or noticing no difference is the article's "little effect".
        ("i take calcium but dont feel any different, why", "calcium_not_working"),
        # A headline's "matters" is the patterns' "important".
        ("Why Vitamin K2 Matters for Your Bones", "benefits_overview"),
        # Worth adding to what one takes is worth taking.
        (
            "my mom is 78 and has osteoporosis, the doc put her on calcium, "
            "is mk7 worth adding for her bones",
            "mk7_elderly_osteoporosis",
        ),
        # The bot's menu, as chat-bot users ask for it.
        ("commands?", "about_bot"),
        ("menu", "about_bot"),
        ("instructions pls", "about_bot"),
        ("what can u tell me", "about_bot"),
    ],
)
def test_the_typed_question_gets_its_answer(
    responder: Responder, question: str, intent: str
) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == intent


@pytest.mark.parametrize(
    "question",
    [
        "commands in linux",
        "restaurant menu near me",
        "i dont feel any different after the flu shot",
    ],
)
def test_the_same_words_about_something_else_get_no_answer(
    responder: Responder, question: str
) -> None:
    assert responder.respond(question).outcome is not Outcome.ANSWER


def test_whether_timing_matters_is_not_the_benefits(responder: Responder) -> None:
    reply = responder.respond("does it matter when i take k2")
    assert reply.intent is None or reply.intent.id != "benefits_overview"


def test_only_a_known_name_loses_its_s() -> None:
    normalizer = Normalizer({"k2": ("vit k2",), "d3": ("vit d3",)})
    assert normalizer.normalize("d3's partner and k2s") == "d3 partner and k2"
    # Names the synonyms don't know keep their "s".
    assert normalizer.normalize("mp3s and ps4s") == "mp3s and ps4s"
