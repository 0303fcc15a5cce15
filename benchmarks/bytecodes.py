"""Python bytecodes executed per question, first pass: a count, where timings are noise.

On a shared machine (load 10-20) two timings of the same code differ by more than a small
change saves; the bytecodes a question executes do not (with PYTHONHASHSEED=0). Counted
with `sys.settrace` opcode events, per question and per function (inclusive: a function's
own bytecodes and its callees'), on a responder warmed up as `k2bot run` does, each
question asked once in order, as the benchmark's first pass asks them:

    PYTHONHASHSEED=0 PYTHONPATH=<tree> python -m benchmarks.bytecodes mix out.json
    PYTHONHASHSEED=0 PYTHONPATH=<tree> python -m benchmarks.bytecodes long out.json

`mix`: the development part of the shipped benchmark's questions (the English dev set, the
Russian dev set and the multilingual safety set, in the benchmark's order); `long`: every
dev message of more than `SEGMENTED_WORDS` words, of every dev set. Regular expressions,
rapidfuzz and other C code count as the one bytecode that calls them. Compare two trees
with `--compare BEFORE.json AFTER.json` (the slowest 1% and 2% by BEFORE's counts).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

from benchmarks.common import DATA
from benchmarks.sizes import WARM_UP_QUESTION
from bot.data import DEV_QUESTIONS, SHIPPED_INTENTS
from bot.evaluate import read_examples
from bot.intents import load_content
from bot.matching import SEGMENTED_WORDS
from bot.responder import Responder, keep_loaded


def workload(kind: str) -> list[str]:
    """The questions asked: `mix` or `long` (see the module docstring)."""
    sets = [DEV_QUESTIONS, DATA / "dev_questions_ru.jsonl", DATA / "safety_multilingual.jsonl"]
    if kind == "long":
        sets += sorted(p for p in DATA.glob("dev_*.jsonl") if "conversations" not in p.name)
    questions = list(dict.fromkeys(e.question for path in sets for e in read_examples(path)))
    if kind == "long":
        return [q for q in questions if len(q.split()) > SEGMENTED_WORDS]
    return questions


class _Counter:
    """Opcode events of one call, in all and by function (inclusive, recursion once)."""

    def __init__(self) -> None:
        self.total = 0
        self.by_code: dict[CodeType, int] = {}
        self._stack: list[list[Any]] = []  # [code, bytecodes so far]

    def on_call(self, frame: FrameType, _event: str, _arg: object) -> Any:
        frame.f_trace_opcodes = True
        self._stack.append([frame.f_code, 0])
        return self.on_event

    def on_event(self, _frame: FrameType, event: str, _arg: object) -> Any:
        if event == "opcode":
            self.total += 1
            self._stack[-1][1] += 1
        elif event == "return":
            code, count = self._stack.pop()
            if all(outer is not code for outer, _ in self._stack):
                self.by_code[code] = self.by_code.get(code, 0) + count
            if self._stack:
                self._stack[-1][1] += count
        return self.on_event


def _name(code: CodeType) -> str:
    return f"{code.co_filename.rsplit('/bot/', 1)[-1]}:{code.co_qualname}"


def count(kind: str) -> dict[str, Any]:
    """Bytecodes per question of the workload, and per function of each question."""
    questions = workload(kind)
    responder = Responder(load_content(SHIPPED_INTENTS))
    responder.warm_up()
    keep_loaded()
    responder.respond(WARM_UP_QUESTION)
    totals: list[int] = []
    functions: list[dict[str, int]] = []
    for question in questions:
        counter = _Counter()
        sys.settrace(counter.on_call)
        try:
            responder.respond(question)
        finally:
            sys.settrace(None)
        totals.append(counter.total)
        functions.append({_name(code): n for code, n in counter.by_code.items()})
    return {"questions": questions, "bytecodes": totals, "functions": functions}


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Lines: mean bytecodes of the slowest 1%, 2% and all questions, and p50/p98/p99."""
    if before["questions"] != after["questions"]:
        raise SystemExit("the two runs asked different questions")
    old, new = before["bytecodes"], after["bytecodes"]
    slowest = sorted(range(len(old)), key=lambda i: -old[i])
    lines = []
    for share in (0.01, 0.02, 1.0):
        chosen = slowest[: max(1, int(len(old) * share))]
        was, now = sum(old[i] for i in chosen), sum(new[i] for i in chosen)
        lines.append(
            f"slowest {share:.0%} ({len(chosen)}): {was / len(chosen):,.0f} -> "
            f"{now / len(chosen):,.0f} ({now / was - 1:+.1%})"
        )
    for share in (0.5, 0.98, 0.99):
        was, now = sorted(old)[int(share * len(old))], sorted(new)[int(share * len(new))]
        lines.append(f"p{share * 100:g}: {was:,} -> {now:,} ({now / was - 1:+.1%})")
    return lines


def main(argv: list[str] | None = None) -> int:
    """`mix|long OUT.json`, or `--compare BEFORE.json AFTER.json`."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 3 and args[0] == "--compare":
        before, after = (json.loads(Path(a).read_text()) for a in args[1:])
        print("\n".join(compare(before, after)))
        return 0
    if len(args) != 2 or args[0] not in ("mix", "long"):
        print(__doc__, file=sys.stderr)
        return 2
    figures = count(args[0])
    Path(args[1]).write_text(json.dumps(figures))
    print(f"{len(figures['questions'])} questions ({args[0]})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
