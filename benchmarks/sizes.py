"""Matching figures for one content size, measured in a process of its own.

`python -m benchmarks` starts one process per size so each memory figure is that size's
alone (Python rarely hands freed memory back). It prints one JSON object on stdout:

    python -m benchmarks.sizes --size 100000 [--peers floor,difflib] [--rounds N]

Size 0 means the shipped intents as they are; any other size is the total number of
patterns, grown from the shipped intents by `benchmarks.synthetic`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from benchmarks.common import (
    OTHER_LANGUAGE_SETS,
    QUESTION_SETS,
    peak_rss_mb,
    percentile,
    rss_mb,
    time_each,
)
from benchmarks.synthetic import synthesize
from bot.data import DEV_QUESTIONS
from bot.evaluate import evaluate, read_examples
from bot.intents import Content, load_content
from bot.matching import SEGMENTED_WORDS, Candidate, Matcher
from bot.referral_language import ReferralLanguage
from bot.responder import Responder, keep_loaded
from bot.settings import SHIPPED_INTENTS

PEERS = ("floor", "difflib")
# Seconds each peer may spend per size; past it, the peer is timed on the questions done
# (difflib needs seconds per question over 100,000 patterns). Peers get one round.
PEER_BUDGET_S = 20.0
# The one question a fresh responder answers, untimed, before the first pass.
WARM_UP_QUESTION = "hi"


@dataclass
class CopiesAreOneIntent(Matcher):
    """The bot's matcher, with every synthetic copy ranked as the shipped intent it copies.

    Copies of one intent carry one answer, so they must not make each other look
    ambiguous ("did you mean A or A?"); mapping the ranking back before the decision is
    what lets the development set, labelled with shipped ids, be scored at every size.
    The index and the scoring are the bot's own.
    """

    original: Mapping[str, str] = field(default_factory=dict)

    def rank_normalized(self, normalized: str, *, exclude: int | None = None) -> list[Candidate]:
        best: dict[str, Candidate] = {}
        for candidate in super().rank_normalized(normalized, exclude=exclude):
            shipped = self.content.by_id[self.original[candidate.intent.id]]
            current = best.get(shipped.id)
            if current is None or (candidate.score, candidate.exact) > (
                current.score,
                current.exact,
            ):
                best[shipped.id] = Candidate(
                    shipped, candidate.score, candidate.pattern, candidate.exact, candidate.guess
                )
        return sorted(best.values(), key=lambda c: (c.score, c.exact), reverse=True)


@dataclass
class SyntheticResponder(Responder):
    """The bot's responder over synthetic content, with copies mapped back (see above)."""

    original: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.matcher = CopiesAreOneIntent(self.content, self.thresholds, self.original)
        self.referral_language = ReferralLanguage(
            self.content, self.matcher.normalizer, self.matcher.safety.reader
        )


def questions() -> list[str]:
    """Every question of the development and check sets, and of the other languages'
    development sets: real user phrasings, in English, Russian and the safety languages."""
    sets = (*QUESTION_SETS, *OTHER_LANGUAGE_SETS)
    return [e.question for path in sets for e in read_examples(path)]


def measure(
    size: int, *, peers: tuple[str, ...] = PEERS, rounds: int = 3, seed: int = 0
) -> dict[str, object]:
    """Build the index for `size` patterns and time the bot and its peers on it."""
    shipped = load_content(SHIPPED_INTENTS)
    content: Content = shipped
    original: dict[str, str] = {i.id: i.id for i in shipped.intents}
    if size:
        synthetic = synthesize(shipped, size, seed=seed)
        content, original = synthetic.content, dict(synthetic.original)
    asked = questions()
    before = rss_mb()
    started = time.perf_counter()
    responder = SyntheticResponder(content, original=original) if size else Responder(content)
    build_s = time.perf_counter() - started
    after = rss_mb()
    # First what a user meets: each question once, new to every per-word memo, on a
    # responder that has only just started. Then warm rounds over the same questions.
    first_ms = first_pass(responder, asked)
    bot_ms = time_each(responder.respond, asked, rounds=rounds)
    report = evaluate(responder, read_examples(DEV_QUESTIONS))
    figures: dict[str, object] = {
        "size": size or "shipped",
        "patterns": sum(len(i.patterns) for i in content.intents),
        "intents": len(content.intents),
        "questions": len(asked),
        "rounds": rounds,
        "build_s": build_s,
        "index_rss_mb": after - before,
        "peak_rss_mb": peak_rss_mb(),
        "first_pass": _summary(*first_ms),
        "bot": _summary(*bot_ms),
        # Long messages are also read sentence by sentence (several rankings each): the
        # tail of both passes is theirs, so each pass is also split by message length.
        "first_pass_by_length": by_length(list(dict.fromkeys(asked)), first_ms[1]),
        "bot_by_length": by_length(asked, bot_ms[1]),
        "bot_least_of_rounds": least_of_rounds(len(asked), bot_ms[1]),
        "dev_accuracy": report.accuracy,
        "dev_false_accepts": report.false_accept_rate,
        "dev_safety": f"{report.safety_routed}/{report.safety_total}",
    }
    normalizer = responder.matcher.normalizer
    started = time.perf_counter()
    patterns = [normalizer.normalize(p) for i in content.intents for p in i.patterns]
    figures["floor_build_s"] = time.perf_counter() - started
    # Peers get the questions in a shuffled order, so a sample cut short by the time
    # budget is not just the first, shortest, questions of one set.
    sample = random.Random(seed).sample(asked, len(asked))

    def floor(question: str) -> object:
        return process.extractOne(normalizer.normalize(question), patterns, scorer=fuzz.WRatio)

    def naive(question: str) -> object:
        return difflib.get_close_matches(normalizer.normalize(question), patterns, n=1)

    for name, function in (("floor", floor), ("difflib", naive)):
        if name in peers:
            timings = time_each(function, sample, budget_s=PEER_BUDGET_S, warm_up=False)
            figures[name] = _summary(*timings)
    return figures


def first_pass(responder: Responder, asked: list[str]) -> tuple[list[float], list[float]]:
    """Milliseconds per question (wall clock, CPU time) on a responder just built.

    As a user meets the bot: every distinct question asked once, in order, so each brings
    words the per-word memos (`functools.lru_cache` in `bot.text`, `bot.language`,
    `bot.matching`) have not seen, and whatever a first question loads is timed too.
    The responder is warmed up first, as `k2bot run` and `k2bot chat` do before they
    serve (`Responder.warm_up`, `keep_loaded`), and answers one untimed question ("hi").
    """
    responder.warm_up()
    keep_loaded()
    responder.respond(WARM_UP_QUESTION)
    wall: list[float] = []
    cpu: list[float] = []
    for question in dict.fromkeys(asked):
        started, used = time.perf_counter_ns(), time.process_time_ns()
        responder.respond(question)
        cpu.append((time.process_time_ns() - used) / 1e6)
        wall.append((time.perf_counter_ns() - started) / 1e6)
    return wall, cpu


def by_length(asked: list[str], cpu: list[float]) -> dict[str, dict[str, float | int]]:
    """CPU p50/p99 of short messages (up to `SEGMENTED_WORDS` words) and of longer ones.

    `cpu` holds one figure per question of `asked`, in order, round after round.
    """
    split: dict[str, list[float]] = {"short": [], "long": []}
    for n, ms in enumerate(cpu):
        words = len(asked[n % len(asked)].split())
        split["long" if words > SEGMENTED_WORDS else "short"].append(ms)
    return {
        name: {
            "calls": len(values),
            "cpu_p50_ms": percentile(values, 0.50),
            "cpu_p99_ms": percentile(values, 0.99),
        }
        for name, values in split.items()
    }


def least_of_rounds(questions: int, cpu: list[float]) -> dict[str, float | int]:
    """CPU p50/p99 of each question's least time over the warm rounds.

    On a shared machine one call in a hundred waits for a cache or a core; a question's
    least time over the rounds leaves most of that noise out, so two runs (before and
    after a change) compare at a finer grain than the p99 of every call.
    """
    least = [min(cpu[n::questions]) for n in range(questions)] if cpu else []
    return {
        "calls": len(least),
        "cpu_p50_ms": percentile(least, 0.50),
        "cpu_p99_ms": percentile(least, 0.99),
    }


def _summary(wall: list[float], cpu: list[float]) -> dict[str, float | int]:
    return {
        "calls": len(wall),
        "p50_ms": percentile(wall, 0.50),
        "p99_ms": percentile(wall, 0.99),
        "max_ms": max(wall, default=float("nan")),
        "cpu_p50_ms": percentile(cpu, 0.50),
        "cpu_p99_ms": percentile(cpu, 0.99),
        "cpu_max_ms": max(cpu, default=float("nan")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=0, help="total patterns; 0: the shipped")
    parser.add_argument("--peers", default=",".join(PEERS), help="floor,difflib or none")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic content")
    args = parser.parse_args(argv)
    peers = tuple(p for p in args.peers.split(",") if p and p != "none")
    print(json.dumps(measure(args.size, peers=peers, rounds=args.rounds, seed=args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
