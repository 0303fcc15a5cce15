"""Topics set aside, everyday senses of article words, manners around a question.

Each test asks the real responder for the reply a user sees: a topic set aside with
"apart from" is not the answer, an everyday sense of an article word is offered nothing,
and the other readings of this pass.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "set_aside"),
    [
        # Plural or singular, the topic set aside is not the answer...
        ("what does k2 do apart from bones", "bone_density"),
        ("what is k2 good for besides bones", "bone_density"),
        # ...and its words don't count against what is asked ("what does k2 do").
        ("what does k2 do apart from bone density", "bone_density"),
        ("what does k2 do except for strengthening bones", "bone_density"),
        ("Besides bone density, what else does K2 do?", "bone_density"),
    ],
)
def test_a_topic_set_aside_leaves_the_question_it_frames(
    responder: Responder, question: str, set_aside: str
) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "benefits_overview", reply.intent


def test_setting_the_subject_aside_is_still_not_answered(responder: Responder) -> None:
    """Only a topic is read away: "besides k2" asks about something else altogether."""
    reply = responder.respond("what should i take besides k2 for my bones")
    assert reply.outcome is not Outcome.ANSWER


@pytest.mark.parametrize(
    "question",
    [
        "fractured phone screen",
        "my phone screen is fractured",
        "the team is fractured after the layoffs",
    ],
)
def test_an_everyday_sense_of_an_article_word_is_offered_nothing(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.FALLBACK
    assert not reply.suggestions


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        # The article's own words beside the term: still offered.
        ("fractured hip", "fracture_risk"),
        ("calcium tablets but my legs still hurt, what am i missing", "calcium_not_working"),
    ],
)
def test_the_article_sense_keeps_its_topic(
    responder: Responder, question: str, offered: str
) -> None:
    reply = responder.respond(question)
    got = {i.id for i in reply.suggestions} | ({reply.intent.id} if reply.intent else set())
    assert offered in got
    assert all(i.kind is Kind.ARTICLE for i in reply.suggestions)


def test_another_nutrients_kind_gets_the_other_nutrients_decline(responder: Responder) -> None:
    """ "Is X a vitamin or a mineral" asks about X: the decline for other nutrients, by name."""
    reply = responder.respond("is calcium a vitamin or mineral")
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    assert "other vitamins or minerals" in reply.text
    assert "brands" not in reply.text
    # The same frame about K2 is the definition.
    about_k2 = responder.respond("is k2 a vitamin or a mineral")
    assert about_k2.intent is not None and about_k2.intent.id == "what_is_k2"


def test_a_short_question_beside_vitamin_tells_its_language(responder: Responder) -> None:
    """ "Vitamin" is spelt so in most languages: the other word tells the language."""
    typed = responder.respond("Vitamin K2 nedir?")
    assert typed.language == "tr"
    assert typed.language == responder.respond("K2 vitamini nedir").language


def test_a_dictated_name_is_no_foreign_word(responder: Responder) -> None:
    """ "em" twice is "M" dictated twice, not two Portuguese words."""
    reply = responder.respond("em kay four versus em kay seven")
    assert reply.language == "en"
    assert reply.intent is not None and reply.intent.id == "forms_mk4_mk7"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("which vitamin works together with D3 to help calcium", "k2_with_d3"),
        ("which vitamin do gut bugs produce", "gut_bacteria"),
        (
            "what form of vitamin is most beneficial to the elderly with osteoporosis",
            "mk7_elderly_osteoporosis",
        ),
    ],
)
def test_asking_which_vitamin_does_what_k2_does_is_answered(
    responder: Responder, question: str, answer: str
) -> None:
    """The vitamin asked for is the article's subject, told by the article's own facts."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer


@pytest.mark.parametrize(
    "question",
    [
        # Only everyday domain words: a question about vitamins in general.
        "what vitamin is good for bones",
        # Many vitamins asked for, or a topic the article leaves out.
        "what vitamins should i take for osteoporosis",
        "what vitamin helps with hair loss",
    ],
)
def test_asking_which_vitamin_about_anything_else_is_not_answered(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


def test_thanks_after_the_question_leaves_it_the_question(responder: Responder) -> None:
    """A closing "Thank you." is manners: the question before it is still what is asked."""
    story = (
        "I watched a programme on the BBC last night about vitamins and they mentioned "
        "K2 briefly. What sort of vitamin is it?"
    )
    reply = responder.respond(f"{story} Thank you.")
    assert reply.intent is not None and reply.intent.id == "what_is_k2"


def test_a_message_of_manners_only_is_still_small_talk(responder: Responder) -> None:
    reply = responder.respond("Hello. Thank you.")
    assert reply.intent is not None and reply.intent.kind is Kind.SMALLTALK


def test_a_bone_scan_is_the_bone_density_scan(responder: Responder) -> None:
    """ "Bone scan" is how people say DEXA: a claim about one asks about bone density."""
    reply = responder.respond(
        "My sister swears K2 made her bone scan better. Is there any truth in that?"
    )
    assert reply.intent is not None and reply.intent.id == "bone_density"


def test_a_health_food_shop_is_no_food_question(responder: Responder) -> None:
    """Where the asker read a label is not what they ask: an article answer, no decline."""
    reply = responder.respond(
        "I have been reading labels at the health food shop and some say menaquinone-7 "
        "and some say MK-4. Could you please explain what the two forms are?"
    )
    assert reply.intent is not None and reply.intent.kind is Kind.ARTICLE


def test_explain_reads_the_message_as_the_matcher_does(responder: Responder) -> None:
    from bot.matching.explain import explain

    why = explain(responder.matcher, "Good afternoon. What are the two forms of K2? Thank you.")
    assert "afternoon" not in why.normalized.split()
    assert "thank" not in why.normalized.split()
