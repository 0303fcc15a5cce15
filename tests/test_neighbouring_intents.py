"""Of two neighbouring article answers, the bot gives the one that answers the question.

Each case is a question that used to get a neighbouring intent's answer, or only a "did you
mean", next to a question that must keep its old answer.
"""

from __future__ import annotations

import pytest

from bot.matching import Outcome
from bot.matching.scoring import query_tokens
from bot.responder import Responder


def _answered(responder: Responder, question: str) -> str | None:
    reply = responder.respond(question)
    if reply.outcome is not Outcome.ANSWER or reply.intent is None:
        return None
    return reply.intent.id


@pytest.mark.parametrize(
    "question",
    ["would k2 stop my wrist breaking again", "k2 so my bones stop breaking"],
)
def test_a_break_beside_a_bone_is_a_fracture(responder: Responder, question: str) -> None:
    """A bone that breaks is a fracture: the fracture answer, not bone density or a guess."""
    assert _answered(responder, question) == "fracture_risk"


def test_a_break_without_a_bone_stays_an_everyday_word() -> None:
    """Only beside a bone does a break read as a fracture ("spring break" is no fracture)."""
    assert "fracture" not in query_tokens("k2 on spring break", lambda word: word)
    assert "fracture" in query_tokens("k2 so my wrist does not break", lambda word: word)


@pytest.mark.parametrize(
    "question",
    ["is k2 any use against thinning bones in my forties", "k2 for bone thinning"],
)
def test_thinning_bones_get_the_bone_density_answer(responder: Responder, question: str) -> None:
    """Thinning bones are falling density: the density answer, not the elderly-osteoporosis one."""
    assert _answered(responder, question) == "bone_density"


def test_osteoporosis_keeps_its_answer(responder: Responder) -> None:
    assert _answered(responder, "is mk7 good for old people with osteoporosis") == (
        "mk7_elderly_osteoporosis"
    )


@pytest.mark.parametrize(
    "question",
    [
        "how does k2 take calcium out of the blood and into the bone",
        "k2 getting calcium from blood into bones how",
    ],
)
def test_calcium_going_into_bone_is_osteocalcin(responder: Responder, question: str) -> None:
    """The answer that names calcium wins over a close one sharing only the other words."""
    assert _answered(responder, question) == "osteocalcin"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("how does k2 get from the blood into the bone", "reaches_bone"),
        ("does vitamin k2 build bone density", "bone_density"),
    ],
)
def test_without_calcium_the_other_answer_stays(
    responder: Responder, question: str, intent: str
) -> None:
    """Without calcium named, how K2 itself travels, or bone density, keep their answer."""
    assert _answered(responder, question) == intent


def test_bone_breaking_down_is_bone_loss_not_a_fracture(responder: Responder) -> None:
    """'Bone breaking down' is bone loss (osteoclasts), though 'bone breaking' is a fracture."""
    assert _answered(responder, "what does k2 do to bone breaking down cells") == (
        "osteoclasts_bone_loss"
    )


@pytest.mark.parametrize(
    "question",
    ["k2 for osteopenia", "does k2 help fragile bones", "is k2 good for frail bones"],
)
def test_lay_words_for_weak_bones_get_the_bone_density_answer(
    responder: Responder, question: str
) -> None:
    """Osteopenia (low density short of the disease) and brittle or fragile bones are weak
    bones, not osteoporosis: with no old age or MK-7 named, the density answer."""
    assert _answered(responder, question) == "bone_density"


@pytest.mark.parametrize(
    "question",
    [
        "my grandma has brittle bones, is mk7 good for her",
        "my nan has brittle bones, would mk-7 be good for her",
    ],
)
def test_weak_bones_of_someone_old_keep_the_elderly_answer(
    responder: Responder, question: str
) -> None:
    """Old age and MK-7 named beside brittle bones: the elderly-osteoporosis answer."""
    assert _answered(responder, question) == "mk7_elderly_osteoporosis"
