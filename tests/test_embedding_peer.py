"""The embedding peer's decision rules, which need no torch (the embedding is not run in CI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import embedding_peer
from benchmarks.embedding_peer import (
    Judged,
    Nearest,
    Question,
    decide,
    figures_of,
    read_questions,
    triggered_safety,
    tune_threshold,
)


@pytest.mark.parametrize(
    ("intent_id", "kind", "score", "expected"),
    [
        ("forms_mk4_mk7", "article", 0.80, "forms_mk4_mk7"),
        ("forms_mk4_mk7", "article", 0.70, "forms_mk4_mk7"),  # at the threshold: answers
        ("forms_mk4_mk7", "article", 0.69, None),  # below it: falls back
        ("vitamin_c", "out_of_scope", 0.99, None),  # a near miss declines however close
        ("safety_warfarin", "safety", 0.75, "safety_warfarin"),  # routes to the doctor
        ("safety_warfarin", "safety", 0.50, None),
        ("greeting", "smalltalk", 0.90, "greeting"),
    ],
)
def test_the_peer_answers_falls_back_or_declines(
    intent_id: str, kind: str, score: float, expected: str | None
) -> None:
    assert expected == decide(intent_id, kind, score, threshold=0.70)


def test_the_threshold_keeps_right_answers_and_drops_false_accepts() -> None:
    """Right answers score 0.8-0.9, off-topic questions 0.5-0.6: the threshold splits them,
    halfway between the two groups, and answers none of the off-topic ones."""
    nearest = [
        Nearest("what_is_k2", "article", 0.90, ("what_is_k2",)),
        Nearest("bone_density", "article", 0.80, ("bone_density",)),
        Nearest("what_is_k2", "article", 0.60, ()),
        Nearest("bone_density", "article", 0.50, ()),
    ]
    tuned = tune_threshold(nearest)
    assert 0.70 == pytest.approx(tuned.threshold)
    assert (1.0, 0.0) == (tuned.in_scope_accuracy, tuned.false_accept_rate)


def test_a_wrong_answer_is_not_worth_a_false_accept() -> None:
    """A confident wrong answer (0.95) cannot be bought back by lowering the threshold, and
    an out-of-scope match near the top is declined anyway, so it need not be cut off."""
    nearest = [
        Nearest("fracture_risk", "article", 0.95, ("bone_density",)),
        Nearest("what_is_k2", "article", 0.70, ("what_is_k2",)),
        Nearest("vitamin_c", "out_of_scope", 0.99, ()),
        Nearest("what_is_k2", "article", 0.40, ()),
    ]
    tuned = tune_threshold(nearest)
    assert 0.40 < tuned.threshold <= 0.70
    assert (0.5, 0.0) == (tuned.in_scope_accuracy, tuned.false_accept_rate)


def test_when_every_answer_is_worse_than_none_the_peer_answers_nothing() -> None:
    nearest = [
        Nearest("what_is_k2", "article", 0.9, ()),
        Nearest("bone_density", "article", 0.8, ("fracture_risk",)),
    ]
    tuned = tune_threshold(nearest)
    assert tuned.threshold > 0.9
    assert 0.0 == tuned.false_accept_rate


TRIGGERS = [
    ("chest pain", "safety_emergency"),
    ("cant breathe", "safety_emergency"),
    ("warfarin", "safety_medicines"),
    ("child", "safety_children"),
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("I have CHEST PAIN after k2!!", "safety_emergency"),
        ("can't breathe after taking mk7", "safety_emergency"),  # apostrophe dropped
        ("Is K2 safe with warfarin?", "safety_medicines"),
        ("my child took k2 and has chest pain", "safety_emergency"),  # first in content wins
        ("children and k2", None),  # whole words only: "children" is not "child"
        ("what is k2", None),
    ],
)
def test_the_peer_variant_routes_safety_by_trigger_words(
    question: str, expected: str | None
) -> None:
    assert expected == triggered_safety(question, TRIGGERS)


def test_a_trigger_routes_even_below_the_threshold_or_on_a_near_miss() -> None:
    below = Nearest("what_is_k2", "article", 0.2, ("safety_medicines",), "safety_medicines")
    near_miss = Nearest("vitamin_c", "out_of_scope", 0.9, (), "safety_medicines")
    assert "safety_medicines" == below.decision(0.7)
    assert "safety_medicines" == near_miss.decision(0.7)
    assert None is Nearest("what_is_k2", "article", 0.2, ()).decision(0.7)


def test_tuning_needs_questions() -> None:
    with pytest.raises(ValueError, match="no questions"):
        tune_threshold([])


def test_figures_follow_the_evaluation_rules_per_kind() -> None:
    """Safety is routed when any safety intent answers; a near miss answered is a false
    accept; the figures per kind are given only because the lines carry a kind."""
    safety = Question("took 20 pills by accident", ("safety_emergency",), "safety")
    judged = [
        Judged(Question("mk7 vs mk4", ("forms_mk4_mk7",), "in_scope"), "forms_mk4_mk7", 0.9),
        Judged(Question("k2 function", ("benefits",), "in_scope"), "what_is_k2", 0.8),
        Judged(safety, "safety_dose", 0.7),
        Judged(Question("is there k2 in eggs", (), "near_miss"), "food_sources", 0.8),
        Judged(Question("battery type for my phone", (), "off_topic"), None, 0.3),
    ]
    figures = figures_of(judged, ["safety_emergency", "safety_dose"])
    # 1 right of 3: routed to another safety intent is routed, but not the expected answer.
    assert pytest.approx(1 / 3) == figures["in_scope_accuracy"]
    assert (1, 0.5) == (
        figures["out_of_scope_false_accepts"],
        figures["out_of_scope_false_accept_rate"],
    )
    assert (1, 1) == (figures["safety_routed"], figures["safety_questions"])
    assert ["in_scope", "safety", "near_miss", "off_topic"] == list(figures["per_kind"])
    assert {"questions": 1, "right": 0.0, "answered": 1.0} == figures["per_kind"]["near_miss"]
    assert 0.5 == figures["per_kind"]["in_scope"]["right"]


def test_sets_without_kinds_report_no_kinds(tmp_path: Path) -> None:
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({"question": "what is k2", "expect": ["what_is_k2"]}) + "\n")
    questions = read_questions(plain)
    assert [Question("what is k2", ("what_is_k2",), None)] == questions
    assert "per_kind" not in figures_of([Judged(questions[0], "what_is_k2", 1.0)], [])


def test_a_line_kind_is_read_beside_the_question(tmp_path: Path) -> None:
    lines = [
        {"question": "helo", "expect": ["greeting"], "kind": "smalltalk"},
        {"question": "gym membership benefits", "expect": [], "kind": "off_topic"},
    ]
    path = tmp_path / "kinds.jsonl"
    path.write_text("\n\n".join(json.dumps(line) for line in lines) + "\n")
    assert ["smalltalk", "off_topic"] == [q.kind for q in read_questions(path)]


def test_without_the_peer_packages_it_says_how_to_install_them(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(embedding_peer, "PEER_MODULES", ("no_such_module_for_k2bot_peer",))
    assert 2 == embedding_peer.main([])
    assert "pip install -e '.[peer]'" in capsys.readouterr().out


def test_the_default_sets_exist() -> None:
    """Run with no --set, the benchmark reads the shipped development set and the check set."""
    from benchmarks.embedding_peer import DEFAULT_SETS, DEFAULT_TUNE

    assert all(path.is_file() for path in (*DEFAULT_SETS, DEFAULT_TUNE))
