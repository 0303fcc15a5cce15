"""Real-web question classes of the third batch: two article topics at once, how K2 works.

Each case is a mechanism, not one question: the questions are written for the test, not
copied from a measured set.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


def answered(responder: Responder, question: str) -> str | None:
    """The intent the user gets an answer from (None: a suggestion or a fallback)."""
    reply = responder.respond(question)
    return reply.intent.id if reply.intent is not None else None


@pytest.mark.parametrize(
    "question",
    [
        "with osteoporosis does mk7 actually lower fractures in the long run",
        "в пожилом возрасте с остеопорозом к2 реально снижает переломы или нет",
    ],
)
def test_two_article_topics_no_answer_joins_keep_the_best_answer(
    responder: Responder, question: str
) -> None:
    """Fractures and osteoporosis in one question: no answer's patterns name both, so no
    answer is lowered for leaving one out, and the question is answered, not suggested."""
    assert answered(responder, question) in {"fracture_risk", "mk7_elderly_osteoporosis"}


@pytest.mark.parametrize(
    "question",
    ["so how exactly does vitamin k2 work?", "как действует витамин к2"],
)
def test_how_k2_works_asks_its_mechanism(responder: Responder, question: str) -> None:
    """ "How does K2 work", with K2 named in the frame, asks how it works (osteocalcin
    leading calcium into bone), not whether it works (the benefits)."""
    assert answered(responder, question) == "osteocalcin"


def test_how_k2_works_with_d3_is_still_the_pair(responder: Responder) -> None:
    assert answered(responder, "how does k2 work with d3") == "k2_with_d3"


@pytest.mark.parametrize(
    "question",
    [
        "where does k2 fit in bone remodelling",
        "what part does k2 play when bone is broken down and rebuilt",
    ],
)
def test_bone_remodelling_is_bone_turnover(responder: Responder, question: str) -> None:
    """Bone remodelling (broken down and rebuilt) is the article's bone turnover, and
    "where does k2 fit in" asks the part K2 plays in it, not where K2 comes from."""
    assert answered(responder, question) == "osteoclasts_bone_loss"


@pytest.mark.parametrize(
    "question", ["k2 and calcium score", "my heart scan calcium score is 300, does k2 help"]
)
def test_a_coronary_calcium_score_is_no_calcium_answer(responder: Responder, question: str) -> None:
    """A calcium score is a heart scan's count of calcium in the arteries: a heart topic
    the article leaves out, not calcium absorption or the benefits."""
    assert answered(responder, question) is None


def test_a_study_dose_told_then_a_question_ending_in_too_is_answered(
    responder: Responder,
) -> None:
    """A study's dose told as a finding, then "does it help ... too?": "too" last means
    "also", not "too much", so the told amount is back-story and the question answered."""
    question = "in one trial women got 180 mcg of mk7. does it help bone density too?"
    assert answered(responder, question) == "bone_density"


@pytest.mark.parametrize(
    "question", ["i take 200 mcg of k2. is that too much?", "i take 500mcg mk7. is it too high?"]
)
def test_too_before_what_it_judges_still_refers(responder: Responder, question: str) -> None:
    assert answered(responder, question) == "safety_dose"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The level of a studied or sold product, asked about as an effect: answered.
        ("does low-dose mk7 help slow bone loss with age", "osteoclasts_bone_loss"),
        ("low dose k2 prevents fractures, is it so?", "fracture_risk"),
        # Asking about taking it, enough of it, or per day: still the dose referral.
        ("is low dose k2 enough for my bones", "safety_dose"),
        ("should i take low dose k2 to slow bone loss", "safety_dose"),
        ("can low dose k2 daily help my bones", "safety_dose"),
        ("what is a low dose of k2", "safety_dose"),
    ],
)
def test_a_dose_level_describing_what_was_studied_is_no_dose_asked(
    responder: Responder, question: str, expected: str
) -> None:
    assert answered(responder, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A study's length and "a study says" frame the claim, which is the question...
        (
            "4-year study says mk-7 helps stop bone loss in postmenopausal women - is it real?",
            "osteoclasts_bone_loss",
        ),
        # ...while asking which studies show something is about the studies.
        ("which studies show k2 works", None),
    ],
)
def test_a_study_reported_frames_the_claim(
    responder: Responder, question: str, expected: str | None
) -> None:
    assert answered(responder, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The head names what the question asks K2 to help with: read whole.
        ("hair loss - does k2 help?", None),
        ("weak bones after menopause - does k2 help?", "bone_density"),
        # A question of its own after a label is still read first.
        ("What Is Vitamin K2? | Bone Health Explained", "what_is_k2"),
        ("Quick q - does K2 help bones?", "bone_density"),
    ],
)
def test_a_heading_asking_only_whether_k2_helps_is_about_its_head(
    responder: Responder, question: str, expected: str | None
) -> None:
    assert answered(responder, question) == expected
