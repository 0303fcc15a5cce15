"""One digest of every reply per question set, to prove a speed change altered no reply.

    python -m benchmarks.reply_digest > before.txt     # on the old code
    python -m benchmarks.reply_digest > after.txt      # on the new code
    diff before.txt after.txt

Every question of the development sets, the check set and the held-out sets goes through
a fresh `Responder` (conversation sets turn by turn through a fresh `Dialogue` each, as
`k2bot eval --conversations` runs them), and each reply is recorded as
`benchmarks.snapshot` records it: text, HTML, outcome, intent, exact score, suggestions,
related intents and sources. Only a SHA-256 of each file's records and its count are
printed: no question or reply of a set kept blind is ever shown.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import DATA
from benchmarks.snapshot import _record
from bot.data import DEV_QUESTIONS, SHIPPED_INTENTS
from bot.dialogue import Dialogue, merged
from bot.dialogue_eval import read_conversations
from bot.evaluate import read_examples
from bot.intents import load_content
from bot.responder import Responder


def digest_sets() -> list[Path]:
    """The shipped dev set, then every JSONL set in tests/data, by name."""
    return [DEV_QUESTIONS, *sorted(DATA.glob("*.jsonl"))]


def _is_conversation_set(path: Path) -> bool:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return "turns" in json.loads(line)
    return False


def _records(responder: Responder, path: Path) -> Iterator[dict[str, object]]:
    if _is_conversation_set(path):
        for number, conversation in enumerate(read_conversations(path)):
            dialogue = Dialogue(responder)
            for turn in conversation.turns:
                reply = merged(dialogue.respond(number, turn.say))
                yield _record(path.name, turn.say, reply)
    else:
        for example in read_examples(path):
            yield _record(path.name, example.question, responder.respond(example.question))


def main(argv: list[str] | None = None) -> int:
    """Print `digest count name` for every set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intents", type=Path, default=SHIPPED_INTENTS, help="intent folder")
    args = parser.parse_args(argv)
    responder = Responder(load_content(args.intents))
    for path in digest_sets():
        digest = hashlib.sha256()
        count = 0
        for record in _records(responder, path):
            digest.update(json.dumps(record, ensure_ascii=False, sort_keys=True).encode())
            digest.update(b"\n")
            count += 1
        print(f"{digest.hexdigest()[:20]} {count:6d} {path.name}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
