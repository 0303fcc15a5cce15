"""What users get besides answers: "did you mean" offers, per kind of question (issue 12).

`k2bot eval` counts answers only: an article question offered its right answer as a "did
you mean" (a suggestion, or a decline with an offer under it) is not counted right, and a
near miss or everyday request offered an article topic is not counted answered. This
reports those offers beside the answers, so a change that turns misses into offers is seen
for what it is (one tap more than an answer, and a mild cost on a near miss):

* in_scope: answered right / offered the right answer (not answered) / offered only others;
* near_miss, off_topic, in_scope_other: answered from the article / offered an article topic;
* safety: referred / offered an article topic (should stay 0).

Usage: python -m benchmarks.offers FILE [FILE...] [--list KIND]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bot.data import SHIPPED_INTENTS
from bot.evaluate import QuestionKind, kind_of, read_examples
from bot.intents import Kind, load_content
from bot.responder import Responder


def tally(
    responder: Responder, files: list[Path], listed: str | None = None
) -> dict[str, Counter[str]]:
    """Per kind, how many questions were answered, offered, or neither (see the docstring)."""
    table: dict[str, Counter[str]] = {}
    for path in files:
        for example in read_examples(path):
            kind = kind_of(example, responder.content)
            reply = responder.respond(example.question)
            got = reply.intent
            offered = [i.id for i in reply.suggestions if i.kind is Kind.ARTICLE]
            counts = table.setdefault(kind.value, Counter())
            counts["total"] += 1
            if kind is QuestionKind.IN_SCOPE:
                if got is not None and got.id in example.expect:
                    verdict = "answered right"
                elif set(offered) & set(example.expect):
                    verdict = "offered right"
                elif offered:
                    verdict = "offered others"
                else:
                    verdict = "neither"
            elif kind is QuestionKind.SAFETY:
                verdict = (
                    "referred" if got is not None and got.kind is Kind.SAFETY else "not referred"
                )
                verdict += ", offered" if offered else ""
            else:
                if got is not None and got.kind is Kind.ARTICLE:
                    verdict = "answered"
                elif offered:
                    verdict = "offered"
                else:
                    verdict = "neither"
            counts[verdict] += 1
            if listed == kind.value:
                answered = got.id if got else None
                print(f"  {verdict:15} {example.question[:80]!r} -> {answered} {offered}")
    return table


def main(argv: list[str] | None = None) -> int:
    """Print the offers per kind over the files given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--list", metavar="KIND", help="print every question of this kind")
    args = parser.parse_args(argv)
    responder = Responder(load_content(SHIPPED_INTENTS))
    for kind, counts in tally(responder, args.files, args.list).items():
        total = counts.pop("total")
        shown = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
        print(f"{kind}: {total} questions: {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
