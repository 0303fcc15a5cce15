"""A first pass to count instructions under callgrind: exact where timings are noise.

On a shared machine (load 5-17) two timings of the same code differ by more than a small
change saves; an instruction count does not. Run the workload under callgrind, collecting
only inside `functools.reduce` (which wraps the questions, and which the bot never calls):

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no \\
        --toggle-collect=functools_reduce --callgrind-out-file=/tmp/cg.out \\
        python -m benchmarks.instructions long

and compare the "Collected" figure of two trees (`PYTHONPATH=<tree>` picks the code).
`long`: every second dev message of more than `SEGMENTED_WORDS` words; `mixed`: every
25th dev question of any length. Dev sets only, read from the tree run, so the workload
grows as dev sets do: the run prints its size ("N questions (long)"), and two figures
compare only when both runs printed the same N. The responder is warmed up first, as
`k2bot run` does, so each question's words are new to the per-word memos.
"""

from __future__ import annotations

import functools
import sys

from benchmarks.common import DATA
from benchmarks.sizes import WARM_UP_QUESTION
from bot.data import DEV_QUESTIONS, SHIPPED_INTENTS
from bot.evaluate import read_examples
from bot.intents import load_content
from bot.matching import SEGMENTED_WORDS
from bot.responder import Responder, keep_loaded


def workload(kind: str) -> list[str]:
    """The dev questions asked: `long` or `mixed` (see the module's docstring)."""
    sets = [DEV_QUESTIONS, DATA / "dev_questions_ru.jsonl", DATA / "safety_multilingual.jsonl"]
    sets += sorted(p for p in DATA.glob("dev_*.jsonl") if "conversations" not in p.name)
    questions = list(dict.fromkeys(e.question for path in sets for e in read_examples(path)))
    if kind == "long":
        return [q for q in questions if len(q.split()) > SEGMENTED_WORDS][::2]
    return questions[::25]


def main(argv: list[str] | None = None) -> int:
    """Answer the workload's questions once each, inside `functools.reduce`."""
    args = sys.argv[1:] if argv is None else argv
    kind = args[0] if args else "long"
    if kind not in ("long", "mixed"):
        print("usage: python -m benchmarks.instructions [long|mixed]", file=sys.stderr)
        return 2
    questions = workload(kind)
    responder = Responder(load_content(SHIPPED_INTENTS))
    responder.warm_up()
    keep_loaded()
    responder.respond(WARM_UP_QUESTION)
    asked = functools.reduce(lambda count, q: (responder.respond(q), count + 1)[1], questions, 0)
    print(f"{asked} questions ({kind})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
