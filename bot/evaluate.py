"""Measure how well the bot understands: metrics over a labelled question set.

The set is JSON Lines: {"question": "...", "expect": ["intent_id", ...]}, where an empty
`expect` means the article does not answer it. Questions go through the same `Responder`
and thresholds as the bot, so the figures are what users get.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import K2BotError
from bot.intents import Kind
from bot.responder import Responder


@dataclass(frozen=True, slots=True)
class Example:
    question: str
    expect: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class EvalResult:
    example: Example
    got: str | None
    score: float

    @property
    def in_scope(self) -> bool:
        return bool(self.example.expect)

    @property
    def correct(self) -> bool:
        return self.got in self.example.expect if self.in_scope else self.got is None


@dataclass(frozen=True, slots=True)
class PerIntent:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class EvalReport:
    """The figures `k2bot eval` prints and gates on."""

    total: int
    in_scope: int
    out_of_scope: int
    accuracy: float
    false_accept_rate: float
    safety_total: int
    safety_routed: int
    per_intent: dict[str, PerIntent]
    confusions: list[EvalResult]
    results: list[EvalResult]

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "in_scope": self.in_scope,
            "out_of_scope": self.out_of_scope,
            "in_scope_accuracy": round(self.accuracy, 4),
            "out_of_scope_false_accept_rate": round(self.false_accept_rate, 4),
            "safety_questions": self.safety_total,
            "safety_routed_to_safety": self.safety_routed,
            "per_intent": {
                k: {
                    "precision": round(v.precision, 4),
                    "recall": round(v.recall, 4),
                    "f1": round(v.f1, 4),
                    "support": v.support,
                }
                for k, v in sorted(self.per_intent.items())
            },
            "worst_confusions": [
                {
                    "question": o.example.question,
                    "expected": list(o.example.expect),
                    "got": o.got,
                    "score": o.score,
                }
                for o in self.confusions
            ],
        }


def read_examples(path: Path) -> list[Example]:
    """Read a JSONL question set, naming file:line for any bad line."""
    examples = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise K2BotError(f"{path}: cannot read the question set: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            question, expect = item["question"], item["expect"]
            if not isinstance(question, str) or not isinstance(expect, list):
                raise TypeError
        except (ValueError, KeyError, TypeError) as exc:
            raise K2BotError(
                f"{path}:{number}: expected a JSON object with a 'question' string "
                "and an 'expect' list of intent ids"
            ) from exc
        examples.append(Example(question, tuple(str(e) for e in expect), number))
    if not examples:
        raise K2BotError(f"{path}: the question set is empty")
    return examples


def evaluate(responder: Responder, examples: list[Example], *, worst: int = 15) -> EvalReport:
    """Run every example through the responder and compute the report."""
    known = responder.content.by_id
    for example in examples:
        unknown = [e for e in example.expect if e not in known]
        if unknown:
            raise K2BotError(f"line {example.line}: unknown intent id {unknown[0]!r} in 'expect'")
    results = []
    for example in examples:
        reply = responder.respond(example.question)
        got = reply.intent.id if reply.intent is not None else None
        results.append(EvalResult(example, got, reply.score))
    in_scope = [r for r in results if r.in_scope]
    out_scope = [r for r in results if not r.in_scope]
    safety_ids = {i.id for i in responder.content.of_kind(Kind.SAFETY)}
    safety = [r for r in in_scope if set(r.example.expect) & safety_ids]
    wrong = [r for r in results if not r.correct]
    wrong.sort(key=lambda r: r.score, reverse=True)
    return EvalReport(
        total=len(results),
        in_scope=len(in_scope),
        out_of_scope=len(out_scope),
        accuracy=_ratio(sum(r.correct for r in in_scope), len(in_scope)),
        false_accept_rate=_ratio(sum(r.got is not None for r in out_scope), len(out_scope)),
        safety_total=len(safety),
        safety_routed=sum(r.got in safety_ids for r in safety),
        per_intent=_per_intent(results),
        confusions=wrong[:worst],
        results=results,
    )


def _per_intent(results: list[EvalResult]) -> dict[str, PerIntent]:
    predicted: Counter[str] = Counter()
    true_positive: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for r in results:
        # A question with several acceptable ids counts toward the one the bot chose if it
        # chose one of them, else toward the first.
        truth = r.got if r.got in r.example.expect else (r.example.expect or (None,))[0]
        if truth is not None:
            support[truth] += 1
        if r.got is not None:
            predicted[r.got] += 1
            if r.got == truth:
                true_positive[r.got] += 1
    report = {}
    for intent_id in set(predicted) | set(support):
        p = _ratio(true_positive[intent_id], predicted[intent_id])
        rec = _ratio(true_positive[intent_id], support[intent_id])
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        report[intent_id] = PerIntent(p, rec, f1, support[intent_id])
    return report


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0
