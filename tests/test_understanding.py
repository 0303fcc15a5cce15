"""The gate on how well the bot understands, with the thresholds users get."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import EvalReport, evaluate, read_examples
from bot.intents import Kind
from bot.responder import Responder

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(name="dev_report", scope="module")
def _dev_report(responder: Responder) -> EvalReport:
    return evaluate(responder, read_examples(DATA / "dev_questions.jsonl"))


def test_dev_set_is_big_and_varied_enough() -> None:
    """At least 350 questions, at least 120 of them out of scope."""
    examples = read_examples(DATA / "dev_questions.jsonl")
    assert len(examples) >= 350
    assert sum(not e.expect for e in examples) >= 120


def test_in_scope_accuracy(dev_report: EvalReport) -> None:
    """At least 95% of in-scope questions get the right answer first."""
    assert dev_report.accuracy >= 0.95, dev_report.as_json()["worst_confusions"]


def test_out_of_scope_false_accepts(dev_report: EvalReport) -> None:
    """At most 3% of out-of-scope questions get an answer instead of a fallback."""
    assert dev_report.false_accept_rate <= 0.03, dev_report.as_json()["worst_confusions"]


def test_every_safety_question_gets_its_safety_answer(dev_report: EvalReport) -> None:
    """Every safety question in the set is routed to a safety answer."""
    assert dev_report.safety_total >= 40
    assert dev_report.safety_routed == dev_report.safety_total


def test_content_covers_the_article(responder: Responder) -> None:
    """Every claim the issue lists has its own intent with at least 8 patterns."""
    required = {
        "what_is_k2",
        "gut_bacteria",
        "reaches_bone",
        "forms_mk4_mk7",
        "where_forms_made",
        "bone_density",
        "fracture_risk",
        "mk7_elderly_osteoporosis",
        "calcium_not_working",
        "calcium_absorption",
        "osteocalcin",
        "k2_with_d3",
        "osteoclasts_bone_loss",
        "benefits_overview",
        "greeting",
        "thanks",
        "goodbye",
        "about_bot",
        "safety_medicines",
        "safety_pregnancy",
        "safety_children",
        "safety_dose",
        "safety_kidney",
        "safety_surgery",
        "safety_emergency",
    }
    by_id = responder.content.by_id
    assert required <= set(by_id)
    for intent in responder.content.of_kind(Kind.ARTICLE):
        assert len(intent.patterns) >= 8, intent.id


def test_article_answers_are_short_attributed_and_sourced(responder: Responder) -> None:
    """Article answers stay under 600 characters, credit the article and cite it verbatim."""
    document = responder.content.document.text
    for intent in responder.content.of_kind(Kind.ARTICLE):
        reply = responder.answer(intent.id)
        assert reply is not None
        assert len(reply.text) < 600, intent.id
        assert "article" in reply.text.lower(), intent.id
        assert reply.sources and all(p in document for p in reply.sources), intent.id


def test_safety_answers_refer_to_a_doctor_and_cite_nothing(responder: Responder) -> None:
    """Safety answers say the article doesn't cover it and send people to a professional."""
    for intent in responder.content.of_kind(Kind.SAFETY):
        text = intent.answer.lower()
        assert () == intent.source
        assert "doctor" in text or "emergency" in text, intent.id
        assert "article" in text or "information bot" in text, intent.id
