"""Record every reply to the question and conversation sets, to prove a refactor changed none.

    python -m benchmarks.snapshot before.jsonl      # on the old code
    python -m benchmarks.snapshot after.jsonl       # on the new code
    cmp before.jsonl after.jsonl

One JSON line per question, in the sets' order, with everything a user would notice of
the reply: its text and HTML, outcome, intent, exact score, suggestions, related intents
and source passages. The conversation sets follow, one line per turn, each conversation
through a fresh `Dialogue` as `k2bot eval --conversations` runs it, so follow-ups that
lean on the previous answer are covered too. Timings are left out: they differ on every
run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import CONVERSATION_SETS, QUESTION_SETS
from bot.data import SHIPPED_INTENTS
from bot.dialogue import Dialogue, merged
from bot.dialogue_eval import read_conversations
from bot.evaluate import read_examples
from bot.intents import load_content
from bot.responder import Reply, Responder


def replies(intents: Path = SHIPPED_INTENTS) -> Iterator[dict[str, object]]:
    """Every question of the question sets, then every turn of the conversation sets,
    with the reply the bot gives it."""
    responder = Responder(load_content(intents))
    for path in QUESTION_SETS:
        for example in read_examples(path):
            yield _record(path.name, example.question, responder.respond(example.question))
    for path in CONVERSATION_SETS:
        for number, conversation in enumerate(read_conversations(path)):
            dialogue = Dialogue(responder)
            for turn in conversation.turns:
                reply = merged(dialogue.respond(number, turn.say))
                yield _record(f"{path.name}:{conversation.line}", turn.say, reply)


def _record(set_name: str, question: str, reply: Reply) -> dict[str, object]:
    return {
        "set": set_name,
        "question": question,
        "outcome": str(reply.outcome),
        "intent": reply.intent.id if reply.intent is not None else None,
        "score": repr(reply.score),  # repr: every digit, so a rounding change shows
        "text": reply.text,
        "html": reply.html,
        "suggestions": [i.id for i in reply.suggestions],
        "related": [i.id for i in reply.related],
        "sources": list(reply.sources),
    }


def main(argv: list[str] | None = None) -> int:
    """Write the snapshot to the given file (or stdout)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--intents", type=Path, default=SHIPPED_INTENTS, help="intent folder")
    args = parser.parse_args(argv)
    lines = (
        json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in replies(args.intents)
    )
    if args.out is None:
        sys.stdout.writelines(lines)
    else:
        with args.out.open("w", encoding="utf-8") as out:
            out.writelines(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
