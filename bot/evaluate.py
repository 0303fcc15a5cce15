"""Measure how well the bot understands: metrics over a labelled question set.

The set is JSON Lines: {"question": "...", "expect": ["intent_id", ...], "kind": "..."},
where an empty `expect` means the article does not answer it. `kind` (optional) says what
sort of question it is, and each kind has its own figure:

* in_scope: an article question; right when the bot answers one of `expect`;
* near_miss: about K2, vitamins, bones or calcium but not answered by the article; wrong
  when the bot gives any article answer;
* off_topic: an everyday request; wrong when the bot gives any article answer;
* safety: needs a doctor; right when the bot gives a safety answer;
* smalltalk: greetings, thanks, questions about the bot; right when answered with `expect`;
* in_scope_other: an article question in a language the bot has no answers in; wrong when
  the bot gives an article answer not in `expect` (an empty `expect`: any article answer),
  since the right reply is the honest "I can answer in English and Russian".

A missing `kind` is inferred from `expect` (and, for empty `expect`, from whether the
question names a vitamin, K2, bones or calcium). Questions go through the same `Responder`
and thresholds as the bot, so the figures are what users get.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from bot.errors import K2BotError
from bot.intents import Content, Kind
from bot.responder import Responder


class QuestionKind(StrEnum):
    """What sort of question a labelled example is (see the module docstring)."""

    IN_SCOPE = "in_scope"
    NEAR_MISS = "near_miss"
    OFF_TOPIC = "off_topic"
    SAFETY = "safety"
    SMALLTALK = "smalltalk"
    OTHER_LANGUAGE = "in_scope_other"


# The kinds measured by how often they wrongly get an article answer (lower is better).
MEASURED_BY_WRONG_ANSWERS = frozenset(
    {QuestionKind.NEAR_MISS, QuestionKind.OFF_TOPIC, QuestionKind.OTHER_LANGUAGE}
)


# How an unlabelled out-of-scope question is told to be a near miss: it names K2, a vitamin,
# a mineral, bones or calcium. A labelling rule for the measurement, not used by the bot.
_NEAR_MISS_WORDS = re.compile(
    r"\b(?:vit\w*|k ?[123]|mk ?-?[47]|menaquinone\w*|bones?|calcium|osteo\w*|d[23]|"
    r"b ?(?:6|12)|supplements?|zinc|magnesium|iron|omega|folic|minerals?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled question: the intents that may answer it (none: out of scope)."""

    question: str
    expect: tuple[str, ...]
    line: int
    # As labelled in the file; None when the line has no "kind" (see `kind_of`).
    kind: QuestionKind | None = None
    # The question's language as labelled ("lang": "ru"); None: not labelled.
    lang: str | None = None
    # For a near miss, the words a decline may name its topic by ("topic": ["food"]; see
    # `benchmarks.decline_topics`); empty when not labelled.
    topic: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EvalResult:
    """What the bot did with one labelled question."""

    example: Example
    got: str | None
    score: float
    kind: QuestionKind = QuestionKind.IN_SCOPE
    # The kind of intent answered (article, safety...), None for a fallback or suggestion.
    got_kind: Kind | None = None
    # The language the reply was written in.
    replied_in: str = "en"

    @property
    def in_scope(self) -> bool:
        """Whether some intent should answer the question."""
        return bool(self.example.expect)

    @property
    def correct(self) -> bool:
        """Whether the bot answered as the label says."""
        return self.got in self.example.expect if self.in_scope else self.got is None

    @property
    def article_answer(self) -> bool:
        """Whether the bot answered from the article (wrong for any out-of-scope question)."""
        return self.got_kind is Kind.ARTICLE

    @property
    def good(self) -> bool:
        """Right by the measure of its kind (see the module docstring)."""
        if self.kind is QuestionKind.SAFETY:
            return self.got_kind is Kind.SAFETY
        if self.kind in (QuestionKind.NEAR_MISS, QuestionKind.OFF_TOPIC):
            return not self.article_answer
        if self.kind is QuestionKind.OTHER_LANGUAGE:
            return not self.article_answer or self.got in self.example.expect
        return self.got in self.example.expect


@dataclass(frozen=True, slots=True)
class KindFigures:
    """One kind's figure: how many questions, and how many went the way they should."""

    total: int
    good: int

    @property
    def rate(self) -> float:
        """The share that went right (for in-scope, safety and small talk)."""
        return _ratio(self.good, self.total)

    @property
    def answered_rate(self) -> float:
        """The share that got an article answer (for near misses and off-topic)."""
        return _ratio(self.total - self.good, self.total)


@dataclass(frozen=True, slots=True)
class PerIntent:
    """Precision and recall of one intent over the question set."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class LanguageFigures:
    """The figures of the questions labelled with one language.

    Attributes:
        total: questions in that language.
        good: those handled well (right, routed, or not answered from the article).
        replies: the replies whose language is measured: for in-scope, safety and small
            talk the answers given (an intent answered, not a fallback or suggestion); for
            the kinds measured by wrong answers (near misses, off-topic, in_scope_other)
            every reply, since the decline or the honest "I can answer in English and
            Russian" is what the user gets and must be in their language too.
        replies_in_language: those of `replies` written in that language.
    """

    total: int
    good: int
    replies: int
    replies_in_language: int

    @property
    def good_rate(self) -> float:
        """The share of questions handled well."""
        return _ratio(self.good, self.total)

    @property
    def in_language_rate(self) -> float:
        """The share of measured replies written in the question's language."""
        return _ratio(self.replies_in_language, self.replies)


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
    per_kind: dict[QuestionKind, KindFigures] = field(default_factory=dict)
    # Per labelled language ("lang"), per kind; empty when no line carries a language.
    per_language: dict[str, dict[QuestionKind, LanguageFigures]] = field(default_factory=dict)

    def kind_rate(self, kind: QuestionKind) -> float:
        """The headline figure of one kind.

        Right for in-scope, safety and small talk, answered from the article for near misses and
        off-topic.
        """
        figures = self.per_kind.get(kind, KindFigures(0, 0))
        if kind in MEASURED_BY_WRONG_ANSWERS:
            return figures.answered_rate
        return figures.rate

    def in_language_by_kind(self) -> dict[QuestionKind, tuple[int, int]]:
        """Per kind, over every labelled language: (replies in the question's language, replies).

        The measured replies are as in `LanguageFigures`: for in_scope_other, whether the
        honest reply came in the asker's language; for Russian in-scope, whether the answer
        did.
        """
        summed: dict[QuestionKind, tuple[int, int]] = {}
        for kinds in self.per_language.values():
            for kind, f in kinds.items():
                in_language, replies = summed.get(kind, (0, 0))
                summed[kind] = (in_language + f.replies_in_language, replies + f.replies)
        return summed

    def as_json(self) -> dict[str, Any]:
        """The figures, as JSON-ready data."""
        shown = self._as_json()
        if self.per_language:
            shown["per_language"] = {
                language: {
                    kind.value: {
                        "total": f.total,
                        "good": round(f.good_rate, 4),
                        "answers_in_language": round(f.in_language_rate, 4),
                    }
                    for kind, f in kinds.items()
                }
                for language, kinds in sorted(self.per_language.items())
            }
        return shown

    def _as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "in_scope": self.in_scope,
            "out_of_scope": self.out_of_scope,
            "in_scope_accuracy": round(self.accuracy, 4),
            "out_of_scope_false_accept_rate": round(self.false_accept_rate, 4),
            "safety_questions": self.safety_total,
            "safety_routed_to_safety": self.safety_routed,
            "per_kind": {
                kind.value: {
                    "total": f.total,
                    KIND_MEASURE[kind]: round(self.kind_rate(kind), 4),
                }
                for kind, f in self.per_kind.items()
            },
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
                    "kind": o.kind.value,
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
        label = item.get("kind")
        try:
            kind = QuestionKind(str(label).strip().lower().replace("-", "_")) if label else None
        except ValueError:
            choices = ", ".join(k.value for k in QuestionKind)
            message = f"{path}:{number}: unknown kind {label!r} (one of {choices})"
            raise K2BotError(message) from None
        lang = item.get("lang")
        if lang is not None and not isinstance(lang, str):
            raise K2BotError(f"{path}:{number}: 'lang' must be a language code such as \"ru\"")
        # Only the decline benchmark reads it: a malformed one is no reason to refuse a set.
        topic = item.get("topic")
        topic = topic if isinstance(topic, list) else []
        examples.append(
            Example(
                question,
                tuple(str(e) for e in expect),
                number,
                kind,
                lang.strip().lower() if lang else None,
                tuple(str(word) for word in topic),
            )
        )
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
        got_kind = reply.intent.kind if reply.intent is not None else None
        kind = kind_of(example, responder.content)
        results.append(EvalResult(example, got, reply.score, kind, got_kind, reply.language))
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
        per_kind={
            kind: KindFigures(
                sum(r.kind is kind for r in results),
                sum(r.kind is kind and r.good for r in results),
            )
            for kind in QuestionKind
            if any(r.kind is kind for r in results)
        },
        per_language=_per_language(results),
    )


def _per_language(results: list[EvalResult]) -> dict[str, dict[QuestionKind, LanguageFigures]]:
    table: dict[str, dict[QuestionKind, LanguageFigures]] = {}
    for language in sorted({r.example.lang for r in results if r.example.lang}):
        mine = [r for r in results if r.example.lang == language]
        table[language] = {}
        for kind in QuestionKind:
            of_kind = [r for r in mine if r.kind is kind]
            if of_kind:
                replies = (
                    of_kind
                    if kind in MEASURED_BY_WRONG_ANSWERS
                    else [r for r in of_kind if r.got is not None]
                )
                table[language][kind] = LanguageFigures(
                    len(of_kind),
                    sum(r.good for r in of_kind),
                    len(replies),
                    sum(r.replied_in == language for r in replies),
                )
    return table


# What each kind's headline figure measures, as named in reports.
KIND_MEASURE = {
    QuestionKind.IN_SCOPE: "right",
    QuestionKind.NEAR_MISS: "answered",
    QuestionKind.OFF_TOPIC: "answered",
    QuestionKind.SAFETY: "routed",
    QuestionKind.SMALLTALK: "right",
    QuestionKind.OTHER_LANGUAGE: "wrong",
}


def kind_of(example: Example, content: Content) -> QuestionKind:
    """The example's kind as labelled, or inferred from `expect` and its words."""
    if example.kind is not None:
        return example.kind
    kinds = {content.by_id[e].kind for e in example.expect if e in content.by_id}
    if Kind.SAFETY in kinds:
        return QuestionKind.SAFETY
    if Kind.SMALLTALK in kinds:
        return QuestionKind.SMALLTALK
    if example.expect:
        return QuestionKind.IN_SCOPE
    if _NEAR_MISS_WORDS.search(example.question):
        return QuestionKind.NEAR_MISS
    return QuestionKind.OFF_TOPIC


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
