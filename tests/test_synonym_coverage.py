"""The shipped synonyms carry everyday paraphrases to their topic, and keep near misses out.

Each family below is one article concept asked in words no pattern uses: a rarer synonym
("fortify", "lessen", "assimilate"), a framing that names no topic ("in a nutshell",
"is it true that"), an inflection. The near misses share a paraphrased word with an
article topic ("strengthen teeth", "beneficial for skin") but are about something the
article does not cover, and must not get an article answer.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Responder

PARAPHRASES = [
    # Framing words ask for an explanation; the topic is K2 itself.
    ("vitamin k2 in a nutshell", "what_is_k2"),
    ("tldr what is vitamin k2", "what_is_k2"),
    ("vitamin k2 in layman's terms", "what_is_k2"),
    # Strength, in the words people use for it.
    ("will vitamin k2 toughen my skeleton", "bone_density"),
    ("k2 to reinforce bones", "bone_density"),
    ("can k2 strengthen the skeleton", "bone_density"),
    ("does k2 give bones more strength", "bone_density"),
    # Density and not working, as people say them.
    ("can vitamin k2 make my bones more dense", "bone_density"),
    ("calcium tablets made no difference to my cramps, why", "calcium_not_working"),
    # Absorption and working together.
    ("does k2 enhance calcium bioavailability", "calcium_absorption"),
    ("k2 and d3 synergistic effect", "k2_with_d3"),
]

NEAR_MISSES = [
    "is k2 beneficial for skin",
    "is k2 good for female fertility",
    "k2 to strengthen teeth",
    "k2 for stronger hair",
    "in a nutshell what is vitamin k",
    "does k2 help brittle bone disease",
    "menaquinone and hair loss",
]


@pytest.mark.parametrize(("question", "intent_id"), PARAPHRASES)
def test_a_paraphrase_gets_its_topic_answered(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)

    assert reply.outcome is Outcome.ANSWER, reply.text()
    assert reply.intent is not None and reply.intent.id == intent_id


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_a_near_miss_sharing_a_paraphrased_word_gets_no_article_answer(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)

    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE, reply.text()


@pytest.mark.parametrize(
    ("framed", "plain"),
    [
        ("in a nutshell, what is k2?", "what is k2"),
        ("is it true that k2 reduces bone loss", "k2 reduces bone loss"),
        ("according to research does mk7 reduce fractures", "does mk7 reduce fractures"),
        ("explain bone density in plain english", "bone density"),
        ("what is menaquinone? a simple explanation", "what is menaquinone"),
        ("for my school project: where is mk7 made", "where is mk7 made"),
    ],
)
def test_a_framing_counts_neither_for_nor_against_a_match(
    responder: Responder, framed: str, plain: str
) -> None:
    tokens = responder.matcher.normalizer.tokens

    assert tokens(framed) == tokens(plain)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("does k2 lessen fracture risk", "does k2 reduce fracture risk"),
        ("does k2 help calcium get assimilated", "does k2 help calcium get absorbed"),
        ("does k2 originate in the gut", "does k2 come from the gut"),
        ("k2 for bone strenght", "k2 for bone strength"),
    ],
)
def test_inflections_and_misspellings_read_as_the_usual_word(
    responder: Responder, variant: str, canonical: str
) -> None:
    tokens = responder.matcher.normalizer.tokens

    assert tokens(variant) == tokens(canonical)
