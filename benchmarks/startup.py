"""Start-up and reload as a user meets them, at each size and for both kinds of growth.

    python -m benchmarks.startup [--sizes shipped,10000,100000] [--growth phrasings,copies]
                                 [--starts 3] [--edits 3] [--rounds 2] [--json PATH]

For each kind of growth (`phrasings`: the shipped 32 intents with perturbed phrasings, one
file per intent, `benchmarks.phrasings`; `copies`: more intents, `benchmarks.synthetic`,
the copies of one intent in one file) and each size, an intents folder is written, then:

1. whole-process start-up, files to first answer: `k2bot ask --intents FOLDER "hi"` as a
   new process, with an empty content cache ("cold", a first start or new code) and with
   the cache the previous start left ("warm", every later start); wall clock and the
   process's peak RSS;
2. in a process of its own: reading and checking the files (no cache), building the
   index (`Responder`), p50/p99 per question over the dev and check sets, and accuracy;
3. reload: the real watcher on the folder, one intent file saved with a changed answer,
   timed from the save until `respond("hello")` gives the new answer; with the files
   parsed and the seconds spent reading and building, from the reload's own report.

The content cache of the measured processes lives in a temporary HOME, so the user's own
cache is left alone and "cold" means cold. Figures, not pass/fail: the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import QUESTION_SETS, peak_rss_mb, percentile, time_each, write_json
from benchmarks.editors import served_edit_seconds
from benchmarks.phrasings import make_folder
from benchmarks.run import parse_sizes
from benchmarks.sizes import SyntheticResponder
from bot.data import SHIPPED_INTENTS
from bot.evaluate import Example
from bot.intents import Content, ContentCache, load_content
from bot.responder import Responder

GROWTH = ("phrasings", "copies")
DEFAULT_SIZES = "shipped,10000,100000"
EDITED_FILE = "*_greeting.yaml"  # the greeting's own file in a written folder
SHIPPED_EDITED_FILE = "smalltalk.yaml"


def start_once(folder: Path, home: Path) -> dict[str, float]:
    """One `k2bot ask "hi"` process over `folder`: seconds to its answer, peak RSS in MB."""
    command = [sys.executable, "-m", "bot", "ask", "--intents", str(folder), "hi"]
    environment = {**os.environ, "HOME": str(home)}
    started = time.perf_counter()
    # wait4, not wait: it gives this one process's peak RSS.
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE)
    assert process.stdout is not None
    with process.stdout:
        output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or b"Hello" not in output:
        raise RuntimeError(f"`k2bot ask` failed ({process.returncode}): {output[:200]!r}")
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024}


def start_up(folder: Path, starts: int) -> dict[str, Any]:
    """Cold starts (each with an empty cache) and warm starts (the cache of the last)."""
    cold, warm = [], []
    with tempfile.TemporaryDirectory(prefix="k2-home-") as scratch:
        for n in range(starts):
            home = Path(scratch) / f"cold{n}"
            home.mkdir()
            cold.append(start_once(folder, home))
        for _ in range(starts):
            warm.append(start_once(folder, home))
    return {
        "cold_median_s": statistics.median(r["seconds"] for r in cold),
        "warm_median_s": statistics.median(r["seconds"] for r in warm),
        "warm_max_s": max(r["seconds"] for r in warm),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in cold + warm),
        "starts": starts,
    }


def in_process(
    folder: Path, rounds: int, edits: int, edited: str, questions_kept: int = 0
) -> dict[str, Any]:
    """Load, build, latency, accuracy and reload of `folder`, in this process, over every
    question of the question sets or, with `questions_kept`, every n-th of each set."""
    from bot.evaluate import evaluate, read_examples

    started = time.perf_counter()
    content = load_content(folder, cache=ContentCache())
    loaded = time.perf_counter()
    original = _original_ids(content)
    if any(copy != shipped for copy, shipped in original.items()):
        # Copies of one intent share its answer: ranked as that intent (see sizes.py).
        responder: Responder = SyntheticResponder(content, original=original)
    else:
        responder = Responder(content)
    built = time.perf_counter()
    asked = {path.stem: _kept(read_examples(path), questions_kept) for path in QUESTION_SETS}
    questions = [e.question for examples in asked.values() for e in examples]
    wall, cpu = time_each(responder.respond, questions, rounds=rounds)
    accuracy = {stem: evaluate(responder, examples).accuracy for stem, examples in asked.items()}
    figures: dict[str, Any] = {
        "patterns": sum(len(i.patterns) for i in content.intents),
        "intents": len(content.intents),
        "files": len(content.files),
        "load_s": loaded - started,
        "build_s": built - loaded,
        "p50_ms": percentile(wall, 0.5),
        "p99_ms": percentile(wall, 0.99),
        "cpu_p99_ms": percentile(cpu, 0.99),
        "accuracy": accuracy,
    }
    figures["every_pattern"] = _every_pattern(content, original, asked)
    figures["reload"] = asyncio.run(_reload(folder, edits, edited))
    figures["peak_rss_mb"] = peak_rss_mb()
    return figures


def _kept(examples: list[Example], kept: int) -> list[Example]:
    """`kept` of `examples`, evenly spaced through the set (all of them for 0)."""
    if not kept or kept >= len(examples):
        return examples
    return [examples[n * len(examples) // kept] for n in range(kept)]


def _every_pattern(
    content: Content, original: dict[str, str], asked: dict[str, list[Example]]
) -> dict[str, Any]:
    """Index build and accuracy if the matcher indexed every pattern, as it did before
    `Content.indexed_patterns` (see `bot.content.phrasings`): the same questions."""
    from bot.evaluate import evaluate

    everything = Content(content.intents, content.synonyms, content.document, content.files)
    started = time.perf_counter()
    responder = (
        SyntheticResponder(everything, original=original)
        if any(copy != shipped for copy, shipped in original.items())
        else Responder(everything)
    )
    built = time.perf_counter()
    return {
        "patterns": sum(len(i.patterns) for i in content.intents),
        "indexed": sum(len(content.indexed_patterns(i)) for i in content.intents),
        "build_s": built - started,
        "accuracy": {
            stem: evaluate(responder, examples).accuracy for stem, examples in asked.items()
        },
    }


def _original_ids(content: Content) -> dict[str, str]:
    """Every intent id -> the shipped id it copies (`benchmarks.synthetic` names copies
    `<shipped id, cut to 30 characters>_c<n>`)."""
    shipped = [i.id for i in load_content(SHIPPED_INTENTS).intents]
    original = {}
    for intent in content.intents:
        base = re.sub(r"_c\d+$", "", intent.id)
        original[intent.id] = (
            intent.id
            if intent.id in shipped
            else next((s for s in shipped if s[:30] == base), intent.id)
        )
    return original


async def _reload(folder: Path, edits: int, edited: str) -> dict[str, Any]:
    from bot.reload import LiveContent, ReloadResult

    cache = ContentCache()
    serving = Responder(load_content(folder, cache=cache))
    live = LiveContent(folder, serving.thresholds, serving, cache=cache)
    results: list[ReloadResult] = []

    async def collect(result: ReloadResult) -> None:
        results.append(result)

    timings = await served_edit_seconds(
        live, folder / edited, edits, on_reload=collect, timeout=30, pause=0.5
    )
    applied = [r for r in results if r.applied]
    return {
        "edits": edits,
        "served_median_s": statistics.median(timings),
        "served_max_s": max(timings),
        "parsed_files": max((r.parsed_files for r in applied), default=0),
        "load_median_s": statistics.median(r.load_seconds for r in applied) if applied else 0,
        "build_median_s": statistics.median(r.build_seconds for r in applied) if applied else 0,
    }


def measure(
    growth: str, size: int, *, starts: int, edits: int, rounds: int, questions: int = 0
) -> dict[str, Any]:
    """Every figure of one kind of growth at one size (0: the shipped intents)."""
    with tempfile.TemporaryDirectory(prefix="k2-intents-") as scratch:
        folder = make_folder(Path(scratch) / "intents", size, copies=growth == "copies")
        edited = next(folder.glob(EDITED_FILE)).name if size else SHIPPED_EDITED_FILE
        figures: dict[str, Any] = {"growth": growth, "size": size or "shipped"}
        figures["start_up"] = start_up(folder, starts)
        # A process of its own, so its memory and index are that size's alone.
        command = [
            sys.executable, "-m", "benchmarks.startup", "--inner", str(folder),
            "--rounds", str(rounds), "--edits", str(edits), "--edited", edited,
            "--questions", str(questions),
        ]  # fmt: skip
        inner = subprocess.run(command, capture_output=True, text=True, check=True)
        figures.update(json.loads(inner.stdout))
        return figures


def render(rows: list[dict[str, Any]]) -> str:
    """The figures as one Markdown table."""
    lines = [
        "| growth | patterns | intents | files | start-up cold / warm | peak RSS of `ask`"
        " | load (no cache)"
        " | index build | p50 / p99 | reload: served (files parsed; read + build) "
        "| dev / check accuracy |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        start, reload = row["start_up"], row["reload"]
        accuracy = " / ".join(f"{100 * a:.1f}%" for a in row["accuracy"].values())
        lines.append(
            f"| {row['growth'] if row['size'] != 'shipped' else 'shipped'} "
            f"| {row['patterns']:,} | {row['intents']:,} | {row['files']} "
            f"| {start['cold_median_s']:.2f} s / {start['warm_median_s']:.2f} s "
            f"| {start['peak_rss_mb']:.0f} MB "
            f"| {row['load_s']:.2f} s | {row['build_s']:.2f} s "
            f"| {row['p50_ms']:.2f} / {row['p99_ms']:.1f} ms "
            f"| {reload['served_median_s']:.2f} s ({reload['parsed_files']}; "
            f"{reload['load_median_s']:.2f} + {reload['build_median_s']:.2f} s) "
            f"| {accuracy} |"
        )
    lines += [
        "",
        "Indexed patterns, and what indexing every pattern (as before) would give:",
        "",
        "| growth | patterns | indexed | build: indexed / every pattern "
        "| dev / check: indexed / every pattern |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        every = row["every_pattern"]
        ours = " / ".join(f"{100 * a:.1f}%" for a in row["accuracy"].values())
        theirs = " / ".join(f"{100 * a:.1f}%" for a in every["accuracy"].values())
        lines.append(
            f"| {row['growth'] if row['size'] != 'shipped' else 'shipped'} "
            f"| {row['patterns']:,} | {every['indexed']:,} "
            f"| {row['build_s']:.2f} / {every['build_s']:.2f} s | {ours} / {theirs} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=DEFAULT_SIZES)
    parser.add_argument("--growth", default=",".join(GROWTH), help="phrasings,copies")
    parser.add_argument("--starts", type=int, default=3, help="cold and warm starts each")
    parser.add_argument("--edits", type=int, default=3, help="saves timed per size")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the questions")
    parser.add_argument(
        "--questions",
        type=int,
        default=0,
        help="time and score this many questions of each set, evenly spaced (default: all)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--inner", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--edited", default=SHIPPED_EDITED_FILE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.questions < 0:
        parser.error(f"--questions {args.questions}: give a number of questions, or 0 for all")
    if args.inner:
        figures = in_process(args.inner, args.rounds, args.edits, args.edited, args.questions)
        print(json.dumps(figures))
        return 0
    growths = [g for g in args.growth.split(",") if g]
    if unknown := [g for g in growths if g not in GROWTH]:
        parser.error(f"unknown growth {unknown[0]!r}: choose from {', '.join(GROWTH)}")
    rows = []
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", file=sys.stderr)
    for size in args.sizes:
        for growth in growths if size else growths[:1]:
            print(f"{growth} {size or 'shipped'}: measuring...", file=sys.stderr, flush=True)
            rows.append(
                measure(
                    growth,
                    size,
                    starts=args.starts,
                    edits=args.edits,
                    rounds=args.rounds,
                    questions=args.questions,
                )
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(render(rows))
    write_json(args.json, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
