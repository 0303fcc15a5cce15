"""Article questions asked in everyday words, with typos, or with back-story reach their topic.

Each case is a mechanism (a lay synonym, a respelling, a frame), not one question: the
questions here are written for the test, not copied from a measured set.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


def answered(responder: Responder, question: str) -> str | None:
    """The intent the user gets an answer from (None: a suggestion or a fallback)."""
    reply = responder.respond(question)
    return reply.intent.id if reply.intent is not None else None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Weak or thin bones, in any word order, are low bone density...
        ("is k2 any use if my bones are weak", "bone_density"),
        ("does k2 help with weaker bones", "bone_density"),
        # ...and with old age or MK-7 named, the elderly-osteoporosis answer.
        ("is mk7 good for old people whose bones are weak", "mk7_elderly_osteoporosis"),
    ],
)
def test_weak_or_thin_bones_read_as_bone_density(
    responder: Responder, question: str, expected: str
) -> None:
    """Lay words for low bone density get the bone-density answer unless age or MK-7 is named."""
    assert answered(responder, question) == expected


@pytest.mark.parametrize(
    "question", ["what can k2 actually do", "what is vitamin k2 used for", "whats k2 for"]
)
def test_what_k2_can_do_or_is_for_asks_for_its_benefits(
    responder: Responder, question: str
) -> None:
    """'What can k2 do' and 'what is k2 for' ask what it is good for, not what it is."""
    assert answered(responder, question) == "benefits_overview"


def test_going_straight_into_bone_is_how_k2_reaches_it(responder: Responder) -> None:
    """Going straight or directly into bone is the article's 'directly penetrate';
    calcium going into the arteries stays unanswered."""
    assert answered(responder, "does k2 go straight into your bones") == "reaches_bone"
    assert answered(responder, "does k2 stop calcium going into the arteries") is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("can k2 stop brkoen bones", "fracture_risk"),
        ("is mk7 helpful for old pepole", "mk7_elderly_osteoporosis"),
        ("what can vitamni k2 do", "benefits_overview"),
        ("does k2 make my bones stronnger", "bone_density"),
    ],
)
def test_a_typo_inside_a_synonym_phrase_is_read(
    responder: Responder, question: str, expected: str
) -> None:
    """A misspelt word of a synonym's phrase ('brkoen bones', 'old pepole') is respelt
    before the synonyms apply, so the phrase still names its topic."""
    assert answered(responder, question) == expected


def test_words_the_intents_use_are_never_respelt(responder: Responder) -> None:
    """A rare word the intents or safety triggers use ('gummies', German 'stille') stays
    as typed, though it is one letter from a synonym's word ('dummies', 'still')."""
    respell = responder.matcher.respeller.respell
    assert respell("my toddler ate k2 gummies") == "my toddler ate k2 gummies"
    assert respell("ich stille, darf ich k2 nehmen") == "ich stille, darf ich k2 nehmen"
    assert respell("Brkoen bones?") == "broken bones?"


def test_hearsay_is_framing_not_content(responder: Responder) -> None:
    """Where the asker met the topic ('on a podcast', 'someone mentioned') is no topic of
    its own: the question is answered on what it asks."""
    assert answered(responder, "i keep hearing about vitamin k2 on youtube, what is it") == (
        "what_is_k2"
    )
    assert answered(responder, "what the heck is menaquinone") == "what_is_k2"


def test_bones_hardening_is_mineralization(responder: Responder) -> None:
    """Bones hardening or calcifying are the article's bone mineralization; calcified
    arteries stay a near miss."""
    assert answered(responder, "does k2 help harden bones") == "osteocalcin"
    assert answered(responder, "can vitamin k2 help calcify bones") == "osteocalcin"
    reply = responder.respond("does k2 undo calcified arteries")
    assert reply.intent is None or reply.intent.kind.value != "article"


def test_whether_it_is_worth_it_for_me_is_the_referral(responder: Responder) -> None:
    """Deciding to take it ('is mk7 worth it for me', 'would k2 be good for me') is the
    general referral; what K2 does for people is still the article's benefits."""
    assert answered(responder, "i have thin bones, is mk7 worth it for me") == "safety_dose"
    assert answered(responder, "would mk7 be good for me") == "safety_dose"
    assert answered(responder, "what will k2 do for me") == "benefits_overview"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "Half" alone is no half-life: the post's topic is answered...
        ("half the forum swears by k2, what is it", "what_is_k2"),
        ("half my running club is on menaquinone now, what is it exactly", "what_is_k2"),
        # ...while the half-life itself is still a topic the article leaves out.
        ("how long is the half-life of menaquinone-7", None),
    ],
)
def test_half_alone_is_not_the_half_life(
    responder: Responder, question: str, expected: str | None
) -> None:
    assert expected == answered(responder, question)


@pytest.mark.parametrize(
    "question",
    ["what becomes of calcium when you lack k2", "if i lack vitamin k2 where does my calcium go"],
)
def test_a_deficiency_said_with_a_verb_is_the_calcium_answer(
    responder: Responder, question: str
) -> None:
    """ "If you lack k2" is a deficiency as much as "a lack of k2": what the article says a
    lack of K2 does to calcium, not the decline for signs of a deficiency."""
    assert answered(responder, question) in {"calcium_absorption", "calcium_not_working"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("weird q but why would the pancreas have anything to do with k2", "where_forms_made"),
        ("weird q but why is k2 in my gut at all", "gut_bacteria"),
        # Feeling weird, told of oneself since taking it, is a reaction: the doctor
        # referral of the pass 14 policy (`bot/matching/safety/reactions.py`).
        ("mk7 makes me feel weird", "safety_dose"),
    ],
)
def test_a_preface_excusing_the_question_is_not_its_topic(
    responder: Responder, question: str, expected: str | None
) -> None:
    """ "Weird q but...", "dumb question:": the preface's adjective is no symptom ("weird"
    is a side effect) and no topic; the question after it is answered."""
    assert expected == answered(responder, question)
