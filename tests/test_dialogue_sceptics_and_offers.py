"""Conversations: sceptics, rephrasings, long turns, and answers to a "did you mean".

Every test drives the real responder on the shipped content through one conversation, as
one person's chat, and checks the answer a user sees.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Dialogue, merged
from bot.responder import Responder
from builders import intents_through_a_chat as chat


def last_reply(responder: Responder, *messages: str) -> str:
    """The text the user sees in answer to the last message of one conversation."""
    dialogue = Dialogue(responder)
    for text in messages[:-1]:
        dialogue.respond("me", text)
    return merged(dialogue.respond("me", messages[-1])).text


@pytest.mark.parametrize(
    "doubt",
    [
        "is that proven or just marketing",
        "is that proven tho",
        "ok and where is the evidence for that",
        "wheres the proof",
    ],
)
def test_a_sceptics_doubt_gets_the_articles_own_words(responder: Responder, doubt: str) -> None:
    """Doubt after the 87% answer shows the article's passage on it, not a "did you mean"."""
    got = chat(responder, "does k2 actually reduce fractures", doubt)
    assert ["fracture_risk", "fracture_risk"] == got
    assert "87%" in last_reply(responder, "does k2 actually reduce fractures", doubt)


def test_russian_doubt_gets_the_articles_own_words(responder: Responder) -> None:
    """ "это доказано?" after where K2 comes from: the same topic, in the article's words."""
    got = chat(responder, "что такое витамин к2?", "а откуда он берется?", "это доказано?")
    assert ["what_is_k2", "gut_bacteria", "gut_bacteria"] == got


@pytest.mark.parametrize(
    ("remark", "expected"),
    [
        ("fine. thanks i guess", "thanks"),
        ("thanks, ill ask her gp", "thanks"),
        ("thanks that makes sense", "thanks"),
        ("typical. bye", "goodbye"),
        ("ok I'll ask his doctor then. bye", "goodbye"),
    ],
)
def test_thanks_or_goodbye_in_a_remark_closes_politely(
    responder: Responder, remark: str, expected: str
) -> None:
    """A remark that asks nothing but thanks or says bye gets the courtesy back, never an
    article answer matched from its other words ("makes" used to find where K2 is made)."""
    got = chat(responder, "k2 and d3 together?", remark)
    assert ["k2_with_d3", expected] == got


@pytest.mark.parametrize("message", ["thanks, and mk4?", "thanks! what about osteocalcin"])
def test_thanks_before_a_question_still_answers_the_question(
    responder: Responder, message: str
) -> None:
    """Thanks in front of a new question is no closing: the question is answered."""
    got = chat(responder, "k2 and d3 together?", message)
    assert got[1] in {"forms_mk4_mk7", "osteocalcin"}


@pytest.mark.parametrize(
    "message",
    [
        "ok so basically my nan has osteoporosis and the doc put her on calcium but she keeps "
        "breaking stuff, could k2 be the missing piece or am i clutching at straws here lol",
        "ok so my gran is 80 and the gp gave her calcium tablets but she still broke her wrist, "
        "could k2 help or is that daft lol",
    ],
)
def test_an_ok_before_a_long_question_about_k2_is_no_thanks(
    responder: Responder, message: str
) -> None:
    """ "ok so ... could k2 ..." after an answer is a question naming K2 that drops its "?",
    not an acknowledgement: the reply is never "You're welcome!"."""
    assert "welcome" not in last_reply(responder, "does k2 help bones", message)


@pytest.mark.parametrize(
    "rephrase",
    [
        "i meant how it gets into the bone",
        "no i mean how it gets into the bone",
        "sorry i meant, how it gets into the bone",
    ],
)
def test_a_rephrase_of_the_topic_gets_the_topic(responder: Responder, rephrase: str) -> None:
    """ "i meant how it gets into the bone" after a reply that missed: how K2 reaches bone
    ("it" is K2), not osteocalcin (what "how it gets into the bone" finds alone)."""
    got = chat(responder, "blood vessel k2", "the second", rephrase)
    assert "reaches_bone" == got[0]
    assert "reaches_bone" == got[2]


def test_a_rephrase_in_russian_is_read_without_its_opener(responder: Responder) -> None:
    """ "я имел в виду, как он попадает в кость" after what K2 is: how K2 reaches bone."""
    got = chat(responder, "что такое витамин к2", "я имел в виду, как он попадает в кость")
    assert ["what_is_k2", "reaches_bone"] == got


def test_a_rephrase_opener_alone_answers_nothing(responder: Responder) -> None:
    """ "i meant" with nothing after it names no topic: no article answer."""
    assert [None] == chat(responder, "k2 bones", "i meant")[1:]


def test_a_long_turn_restating_the_answer_is_read_for_its_twist(responder: Responder) -> None:
    """Restating where the forms are made, then "but which ... for someone old with
    osteoporosis": MK-7 for the elderly, not where the forms are made once more."""
    got = chat(
        responder,
        "where are mk4 and mk7 made",
        "right so mk7 comes from e coli in the colon and mk4 from the artery wall etc, "
        "but which of the two would be better for someone old with osteoporosis",
    )
    assert ["where_forms_made", "mk7_elderly_osteoporosis"] == got


def test_a_twist_never_drops_a_referral(responder: Responder) -> None:
    """A risk in the restated part still gets the doctor: safety reads the whole message."""
    got = chat(
        responder,
        "where are mk4 and mk7 made",
        "so mk7 is made in the colon and i'm on warfarin, but which one is better for old people",
    )
    assert "safety_medicines" == got[1]


def test_but_why_after_an_answer_is_still_a_continuation(responder: Responder) -> None:
    """ "ok but why?" has nothing to restate: it goes on from the topic as "why?" does."""
    got = chat(responder, "why isn't my calcium working", "ok but why?")
    assert got[1] is not None
    assert got[1] != "calcium_not_working"


def test_a_follow_up_to_an_offer_goes_on_with_the_topic_offered(responder: Responder) -> None:
    """ "my mum has osteoporosis" is offered MK-7 for the elderly; "would mk7 help her?" is
    that topic (alone it only just finds MK-4 vs MK-7), and the chat goes on from it."""
    got = chat(
        responder,
        "my mum has osteoporosis",
        "would mk7 help her?",
        "and with her calcium?",
        "she's on warfarin btw",
    )
    assert [None, "mk7_elderly_osteoporosis", "calcium_absorption", "safety_medicines"] == got


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is vitamin k2?", "what_is_k2"),
        ("does k2 help calcium absorption", "calcium_absorption"),
    ],
)
def test_a_new_question_after_an_offer_is_answered_on_its_own(
    responder: Responder, question: str, expected: str
) -> None:
    """An offer doesn't bend a question that is answered well alone."""
    assert [None, expected] == chat(responder, "my mum has osteoporosis", question)


@pytest.mark.parametrize("doubt", ["the 87% thing, is that real", "the 87 percent, source?"])
def test_a_doubt_about_a_named_claim_answers_that_claim(responder: Responder, doubt: str) -> None:
    """After the benefits overview, "the 87% thing, is that real" doubts the fracture claim:
    the answer on fracture risk (with the article's caveat), not "not covered"."""
    got = chat(responder, "k2 benefits", doubt)
    assert ["benefits_overview", "fracture_risk"] == got
    assert "87%" in last_reply(responder, "k2 benefits", doubt)


def test_a_question_with_a_comma_is_not_taken_for_a_doubt(responder: Responder) -> None:
    """ "ok, and for women?" has no doubt in it: the follow-up reading as before."""
    assert ["bone_density", "bone_density"] == chat(
        responder, "does k2 help bone density", "ok, and for women?"
    )


@pytest.mark.parametrize("assent", ["👍", "👍🏽", "👌", "✅"])
def test_a_thumbs_up_to_did_you_mean_says_yes(responder: Responder, assent: str) -> None:
    # The offer is one topic: 👍 takes it, as "yes" does (it was thanked before).
    offered, taken = chat(responder, "and does it help with bone density?", assent)
    assert offered is None
    assert taken == "bone_density"


def test_a_thumbs_up_to_several_offers_asks_which_one(responder: Responder) -> None:
    reply = last_reply(responder, "what is osteo", "👍")
    assert "Which one" in reply


def test_a_thumbs_up_after_an_answer_is_still_thanks(responder: Responder) -> None:
    assert chat(responder, "does k2 help bones", "👍") == ["bone_density", "thanks"]
