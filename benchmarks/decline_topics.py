"""Does the bot's decline name what a near miss asks about? (issue 12)

A near miss is a question about K2's neighbourhood that the article doesn't cover (foods,
side effects, timing, brands, the heart...). The honest reply declines, and should say
*what* it can't answer, by name, rather than a bare "my source doesn't cover that".

Each near-miss line of a question set may carry `"topic"`: the words (or word beginnings)
a reply may use to name it, e.g. `["food", "natto", "cheese"]`. A reply names the topic
when its first paragraph (the decline, before the list of what the bot can answer) holds
one of them, case-insensitively.

Usage: python -m benchmarks.decline_topics tests/data/dev_nearmiss_blind2.jsonl [--misses N]
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.data import SHIPPED_INTENTS
from bot.evaluate import QuestionKind, read_examples
from bot.intents import Kind, load_content
from bot.matching import Outcome
from bot.responder import Reply, Responder


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one near miss was replied to."""

    question: str
    topic: tuple[str, ...]
    # "article" (answered anyway), "safety", "smalltalk", "suggest" (did you mean) or
    # "decline".
    outcome: str
    # The decline, or the line before a "did you mean", names the topic.
    names_topic: bool
    decline: str


def decline_text(reply: Reply) -> str:
    """The reply's first paragraph: the decline, without the list of what the bot covers
    (for a "did you mean", its first line, before the offered topics)."""
    first = reply.text.split("\n\n", 1)[0]
    return first.split("\n", 1)[0] if reply.outcome is Outcome.SUGGEST else first


def names_topic(reply: Reply, topic: tuple[str, ...]) -> bool:
    """Whether the reply's decline names one of the topic's words."""
    said = decline_text(reply).lower()
    return any(word.lower() in said for word in topic)


def judge(responder: Responder, question: str, topic: tuple[str, ...]) -> Verdict:
    """Reply to one near miss and say what became of it."""
    reply = responder.respond(question)
    if reply.outcome is Outcome.ANSWER and reply.intent is not None:
        outcome = "safety" if reply.intent.kind is Kind.SAFETY else "article"
        if reply.intent.kind is Kind.SMALLTALK:
            outcome = "smalltalk"
    elif reply.outcome is Outcome.SUGGEST:
        outcome = "suggest"
    else:
        outcome = "decline"
    named = outcome in ("decline", "suggest") and names_topic(reply, topic)
    return Verdict(question, topic, outcome, named, decline_text(reply))


def read_topics(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """The near misses of a question set that carry a `topic`, with it."""
    return [
        (example.question, example.topic)
        for example in read_examples(path)
        if example.kind is QuestionKind.NEAR_MISS and example.topic
    ]


def main(argv: list[str] | None = None) -> int:
    """Print how many near misses get a decline that names their topic."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--misses", type=int, default=0, help="list this many unnamed declines")
    args = parser.parse_args(argv)
    responder = Responder(load_content(SHIPPED_INTENTS))
    verdicts = [judge(responder, q, t) for path in args.files for q, t in read_topics(path)]
    total = len(verdicts)
    if not total:
        print("no near misses with a topic")
        return 1
    outcomes = Counter(v.outcome for v in verdicts)
    named = sum(v.names_topic for v in verdicts if v.outcome == "decline")
    offered = sum(v.names_topic for v in verdicts if v.outcome == "suggest")
    print(f"Near misses with a topic: {total}")
    for outcome in ("decline", "suggest", "article", "safety", "smalltalk"):
        print(f"  {outcome:<10} {outcomes[outcome]:>4}  {outcomes[outcome] / total:6.1%}")
    declined = outcomes["decline"]
    print(f"Decline names the topic: {named}/{total} = {named / total:.1%} of near misses", end="")
    print(f" ({named / declined:.1%} of declines)" if declined else "")
    print(f"Did-you-mean names the topic: {offered}/{outcomes['suggest']}")
    unnamed = [v for v in verdicts if v.outcome == "decline" and not v.names_topic]
    for verdict in unnamed[: args.misses]:
        print(f"  {verdict.question!r} -> {verdict.decline[:90]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
