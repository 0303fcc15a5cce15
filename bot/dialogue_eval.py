"""Measure conversations: follow-up accuracy per kind of turn, and first turns against no memory.

The set is JSON Lines, one conversation per line:

    {"turns": [{"say": "mk7 vs mk4?", "expect": ["forms_mk4_mk7"], "kind": "first"},
               {"say": "and where is mk4 made?", "expect": ["where_forms_made"],
                "kind": "elliptical"}]}

An empty `expect` means no intent is answered (an honest "not covered", or "that's all");
a null among the ids accepts that too ("the article may well not cover this").
Each conversation runs through one `Dialogue` with a fresh memory, as one person's chat;
a turn is right when its first answered intent is one of `expect`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.dialogue import Dialogue, Turn, merged
from bot.errors import K2BotError
from bot.responder import Responder

KINDS = (
    "first",
    "elliptical",
    "continue",
    "pronoun",
    "switch",
    "safety",
    "not_covered",
    "smalltalk",
)


@dataclass(frozen=True, slots=True)
class ExpectedTurn:
    """One turn of a scripted conversation and the answer it should get."""

    say: str
    expect: tuple[str | None, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class Conversation:
    """A scripted conversation: its turns, in order."""

    turns: tuple[ExpectedTurn, ...]
    line: int


@dataclass(frozen=True, slots=True)
class TurnResult:
    """What the bot answered to one turn, in the conversation and on its own."""

    conversation: Conversation
    expected: ExpectedTurn
    got: str | None
    alone: str | None
    explanation: str

    @property
    def correct(self) -> bool:
        """Whether the turn got the expected answer in the conversation."""
        return _right(self.expected, self.got)

    @property
    def correct_alone(self) -> bool:
        """Whether the turn, asked on its own, got the expected answer."""
        return _right(self.expected, self.alone)


@dataclass(frozen=True, slots=True)
class ConversationReport:
    """Accuracy with memory, per kind of turn, beside the same turns answered alone."""

    results: tuple[TurnResult, ...]
    per_kind: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def follow_ups(self) -> list[TurnResult]:
        """The results of the turns after a conversation's first."""
        return [r for r in self.results if r.expected.kind != "first"]

    @property
    def first_turns(self) -> list[TurnResult]:
        """The results of the conversations' first turns."""
        return [r for r in self.results if r.expected.kind == "first"]

    @property
    def follow_up_accuracy(self) -> float:
        """The share of follow-ups answered as expected."""
        return _share(r.correct for r in self.follow_ups)

    @property
    def follow_up_accuracy_alone(self) -> float:
        """The share of follow-ups answered as expected when asked on their own."""
        return _share(r.correct_alone for r in self.follow_ups)

    @property
    def first_turn_accuracy(self) -> float:
        """The share of first turns answered as expected."""
        return _share(r.correct for r in self.first_turns)

    @property
    def first_turn_accuracy_alone(self) -> float:
        """The share of first turns answered as expected when asked on their own."""
        return _share(r.correct_alone for r in self.first_turns)

    def kind_accuracy(self, kind: str) -> float:
        """The share of turns of one kind answered as expected (0.0 when there are none)."""
        right, total = self.per_kind.get(kind, (0, 0))
        return right / total if total else 1.0

    def failures(self) -> list[TurnResult]:
        """The turns not answered as expected."""
        return [r for r in self.results if not r.correct]

    def summary(self, *, worst: int = 15) -> str:
        """The report as text: overall figures, per kind, and the first failures."""
        conversations = len({id(r.conversation) for r in self.results})
        lines = [
            f"Conversations: {conversations}, turns: {len(self.results)}",
            f"Follow-up turns right:  {self.follow_up_accuracy:.1%} "
            f"(each message alone: {self.follow_up_accuracy_alone:.1%})",
            f"First turns right:      {self.first_turn_accuracy:.1%} "
            f"(each message alone: {self.first_turn_accuracy_alone:.1%})",
            "",
            "Per kind:        right  total  accuracy",
        ]
        for kind, (right, total) in self.per_kind.items():
            lines.append(f"  {kind:13} {right:6d} {total:6d}  {right / total:8.1%}")
        failures = self.failures()[:worst]
        if failures:
            lines += ["", "Wrong turns (line | said | expected | got | why):"]
            for r in failures:
                expected = ",".join(e or "(none)" for e in r.expected.expect) or "(none)"
                lines.append(
                    f"  {r.conversation.line} | {r.expected.say[:60]!r} | {expected} | "
                    f"{r.got or '(none)'} | {r.explanation}"
                )
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        """The figures and failures, as JSON-ready data."""
        return {
            "conversations": len({id(r.conversation) for r in self.results}),
            "turns": len(self.results),
            "follow_up_accuracy": round(self.follow_up_accuracy, 4),
            "follow_up_accuracy_without_memory": round(self.follow_up_accuracy_alone, 4),
            "first_turn_accuracy": round(self.first_turn_accuracy, 4),
            "first_turn_accuracy_without_memory": round(self.first_turn_accuracy_alone, 4),
            "per_kind": {
                kind: {"correct": right, "total": total, "accuracy": round(right / total, 4)}
                for kind, (right, total) in self.per_kind.items()
            },
            "failures": [
                {
                    "line": r.conversation.line,
                    "say": r.expected.say,
                    "kind": r.expected.kind,
                    "expect": list(r.expected.expect),
                    "got": r.got,
                    "why": r.explanation,
                }
                for r in self.failures()
            ],
        }


def read_conversations(path: Path) -> list[Conversation]:
    """Read a conversation set; every problem is reported with its line.

    Raises:
        K2BotError: when the file is missing or a line is not a conversation.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise K2BotError(f"cannot read {path}: {exc.strerror or exc}") from None
    conversations = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            turns = tuple(
                ExpectedTurn(
                    str(t["say"]),
                    tuple(None if e is None else str(e) for e in t["expect"]),
                    str(t["kind"]),
                )
                for t in data["turns"]
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise K2BotError(
                f"{path}:{number}: not a conversation ({exc}); expected "
                '{"turns": [{"say": ..., "expect": [...], "kind": ...}]}'
            ) from None
        unknown = sorted({t.kind for t in turns} - set(KINDS))
        if unknown or not turns:
            raise K2BotError(
                f"{path}:{number}: unknown turn kind {', '.join(unknown)}; use one of "
                f"{', '.join(KINDS)}"
                if unknown
                else f"{path}:{number}: a conversation needs at least one turn"
            )
        conversations.append(Conversation(turns, number))
    return conversations


def evaluate_conversations(
    responder: Responder, conversations: Iterable[Conversation]
) -> ConversationReport:
    """Run each conversation through a fresh `Dialogue` and score every turn."""
    results: list[TurnResult] = []
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for number, conversation in enumerate(conversations):
        dialogue = Dialogue(responder)
        for expected in conversation.turns:
            turns: list[Turn] = dialogue.respond(number, expected.say)
            reply = merged(turns)
            alone = responder.respond(expected.say)
            result = TurnResult(
                conversation,
                expected,
                reply.intent.id if reply.intent is not None else None,
                alone.intent.id if alone.intent is not None else None,
                " | ".join(t.explain() for t in turns),
            )
            results.append(result)
            per_kind[expected.kind][0] += result.correct
            per_kind[expected.kind][1] += 1
    ordered = {k: (per_kind[k][0], per_kind[k][1]) for k in KINDS if k in per_kind}
    return ConversationReport(tuple(results), ordered)


def _right(expected: ExpectedTurn, got: str | None) -> bool:
    return got in expected.expect if expected.expect else got is None


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 1.0
