"""The gate on how well the bot understands, with the thresholds users get."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.data import DEV_QUESTIONS
from bot.evaluate import EvalReport, QuestionKind, evaluate, read_examples
from bot.intents import Kind
from bot.responder import Responder

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(name="dev_report", scope="module")
def _dev_report(responder: Responder) -> EvalReport:
    return evaluate(responder, read_examples(DEV_QUESTIONS))


@pytest.fixture(name="check_report", scope="module")
def _check_report(responder: Responder) -> EvalReport:
    return evaluate(responder, read_examples(DATA / "check_questions.jsonl"))


def test_dev_set_is_big_and_varied_enough(dev_report: EvalReport) -> None:
    """At least 800 questions, at least 300 of them out of scope, every kind well present."""
    assert dev_report.total >= 800
    assert dev_report.out_of_scope >= 300
    sizes = {kind: f.total for kind, f in dev_report.per_kind.items()}
    assert sizes[QuestionKind.NEAR_MISS] >= 150
    assert sizes[QuestionKind.OFF_TOPIC] >= 100
    assert sizes[QuestionKind.SAFETY] >= 100
    assert sizes[QuestionKind.SMALLTALK] >= 40


# The gates, per set and kind: the figure must be at least (right, routed) or at most
# (answered) this. Dev is tuned on; the check set never is, and its gap to dev is the
# honest estimate of what unseen questions get (see docs/matching.md).
GATES = {
    "dev": {
        QuestionKind.IN_SCOPE: 0.94,
        QuestionKind.NEAR_MISS: 0.03,
        QuestionKind.OFF_TOPIC: 0.01,
        QuestionKind.SAFETY: 1.0,
        QuestionKind.SMALLTALK: 0.97,
    },
    "check": {
        QuestionKind.IN_SCOPE: 0.86,
        QuestionKind.NEAR_MISS: 0.03,
        QuestionKind.OFF_TOPIC: 0.01,
        QuestionKind.SAFETY: 1.0,
        QuestionKind.SMALLTALK: 0.95,
    },
}
AT_MOST = {QuestionKind.NEAR_MISS, QuestionKind.OFF_TOPIC}


@pytest.mark.parametrize("kind", list(GATES["dev"]))
@pytest.mark.parametrize("name", ["dev", "check"])
def test_understanding_per_kind_of_question(
    name: str, kind: QuestionKind, dev_report: EvalReport, check_report: EvalReport
) -> None:
    """In-scope right, near misses and off-topic rarely answered from the article, every
    safety question routed, small talk right: on the dev set and the untuned check set."""
    report = dev_report if name == "dev" else check_report
    rate = report.kind_rate(kind)
    gate = GATES[name][kind]
    wrong = [(r.example.question, r.got) for r in report.results if r.kind is kind and not r.good]
    if kind in AT_MOST:
        assert rate <= gate, wrong
    else:
        assert rate >= gate, wrong


def test_every_safety_question_gets_its_safety_answer(dev_report: EvalReport) -> None:
    """Every safety question in the set is routed to a safety answer."""
    assert dev_report.safety_total >= 100
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


def test_kinds_are_read_or_inferred(tmp_path: Path, responder: Responder) -> None:
    """A labelled kind is kept; a missing one is inferred from expect and the words; the
    report counts an article answer to a near miss against the bot."""
    from bot.evaluate import kind_of

    lines = [
        '{"question": "what is k2", "expect": ["what_is_k2"]}',
        '{"question": "is k2 good for my cat", "expect": [], "kind": "off-topic"}',
        '{"question": "does coffee stop calcium absorption", "expect": []}',
        '{"question": "best pizza in town", "expect": []}',
        '{"question": "im pregnant, k2?", "expect": ["safety_pregnancy"]}',
        '{"question": "thx", "expect": ["thanks"]}',
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    examples = read_examples(path)
    kinds = [kind_of(e, responder.content) for e in examples]
    assert kinds == [
        QuestionKind.IN_SCOPE,
        QuestionKind.OFF_TOPIC,
        QuestionKind.NEAR_MISS,
        QuestionKind.OFF_TOPIC,
        QuestionKind.SAFETY,
        QuestionKind.SMALLTALK,
    ]
    report = evaluate(responder, examples)
    assert report.per_kind[QuestionKind.IN_SCOPE].total == 1
    assert report.kind_rate(QuestionKind.SAFETY) == 1.0
    assert set(report.as_json()["per_kind"]) == {k.value for k in kinds}


def test_an_article_question_in_another_language_is_wrong_only_with_a_wrong_answer(
    tmp_path: Path, responder: Responder
) -> None:
    """in_scope_other counts an article answer against the bot unless `expect` allows it."""
    lines = [
        '{"question": "what is vitamin k2", "expect": [], "kind": "in_scope_other"}',
        '{"question": "what is vitamin k2", "expect": ["what_is_k2"], "kind": "in_scope_other"}',
        '{"question": "hello there", "expect": [], "kind": "in_scope_other"}',
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = evaluate(responder, read_examples(path))
    assert [False, True, True] == [r.good for r in report.results]
    assert report.kind_rate(QuestionKind.OTHER_LANGUAGE) == pytest.approx(1 / 3)


def test_an_unknown_kind_names_its_line(tmp_path: Path) -> None:
    """A typo in a kind is reported with file:line, not silently inferred."""
    from bot.errors import K2BotError

    path = tmp_path / "set.jsonl"
    path.write_text('{"question": "q", "expect": [], "kind": "nearmiss"}\n', encoding="utf-8")
    with pytest.raises(K2BotError, match=r"set\.jsonl:1: unknown kind 'nearmiss'"):
        read_examples(path)
