"""The benchmark suite: it refuses nonsense clearly, and its synthetic content is sound."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bot.matching
from benchmarks import run
from benchmarks.sizes import SyntheticResponder
from benchmarks.synthetic import PREFIXES, PUNCTUATION, SUFFIXES, Synthetic, _variants, synthesize
from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import Content, Kind
from bot.matching import Outcome
from bot.text import Normalizer
from builders import REPO, copy_of_shipped, sized, spread

# Words separated by single spaces: no stray tabs, newlines or doubled spaces.
QUESTION_SHAPE = re.compile(r"^\S+(?: \S+)*$")
# Ordinary edits an editor makes: a pattern with a hyphen, as people type product names,
# and new small talk. The checks of the grown content must hold for any such content.
EDITORS_PATTERNS = {
    "article.yaml": {
        "forms_mk4_mk7": ["is mk-7 better than mk-4", "mk-4 or mk-7 which one"],
        "what_is_k2": ["what is vitamin k-2 exactly"],
    },
    "out_of_scope.yaml": {"oos_other_k2": ["what is the k-2 tax schedule"]},
    "smalltalk.yaml": {"thanks": ["thank-you so much", "cheers mate", "ta very much"]},
}


@pytest.fixture(name="shipped_patterns", scope="module")
def _shipped_patterns(content: Content) -> int:
    return sum(len(i.patterns) for i in content.intents)


@pytest.fixture(name="grown", scope="module")
def _grown(content: Content) -> Synthetic:
    return synthesize(content, 6_000, seed=7)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sizes", "-5"], "argument --sizes: -5 is negative"),
        (["--sizes", "shipped,-1000"], "argument --sizes: -1000 is negative"),
        (["--sizes", "lots"], "argument --sizes: 'lots' is not a size"),
        (["--sizes", "0"], "use 'shipped' for the shipped intents"),
        (["--sizes", "100"], "--sizes: 100 is fewer than the"),
        (["--peers", "floor,elasticsearch"], "argument --peers: unknown peer 'elasticsearch'"),
        (["--rounds", "0"], "--rounds must be 1-20"),
        (["--messages", "-1"], "--messages must be 1-10000"),
    ],
)
def test_refuses_nonsense_arguments(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Nonsense arguments end the run before any work, with exit code 2 and a clear reason."""
    with pytest.raises(SystemExit) as exited:
        run.main(argv)
    assert 2 == exited.value.code
    assert message in capsys.readouterr().err


def test_refusal_is_one_message_without_a_traceback() -> None:
    """Run as a command, an unknown peer gets usage and one error line, not a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--peers", "lucene"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert 2 == done.returncode
    assert "Traceback" not in done.stderr
    assert "unknown peer 'lucene': choose from floor, difflib (or none)" in done.stderr


def test_sizes_keep_their_order_and_drop_repeats() -> None:
    """--sizes reads 'shipped' as 0, allows 100_000, and measures each size once."""
    assert [0, 1000, 100000] == run.parse_sizes("shipped, 1000,100_000,1000")


def test_skips_sizes_too_large_for_bounded_time(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A size above the bound is reported as skipped, in the table and the JSON, not run."""

    def never(*_: object) -> dict[str, object]:
        raise AssertionError("a size above the bound was measured")

    monkeypatch.setattr(run, "_measure_size", never)
    monkeypatch.setattr(
        run, "_cold_start", lambda runs: {"runs": runs, "median_s": 0.3, "max_s": 0.4}
    )
    figures = tmp_path / "figures.json"
    assert 0 == run.main(["--sizes", "300000", "--skip-throughput", "--json", str(figures)])
    assert "size 300000: skipped: above 200,000 patterns" in capsys.readouterr().out
    assert [300000] == [s["size"] for s in json.loads(figures.read_text())["skipped"]]


@pytest.mark.parametrize("extra", [0, 1, 600, 5_600])
def test_synthetic_content_has_the_requested_size(content: Content, extra: int) -> None:
    """The shipped patterns plus the copies' patterns are exactly the requested count."""
    patterns = sum(len(i.patterns) for i in content.intents) + extra
    grown = synthesize(content, patterns, seed=1)
    assert patterns == sum(len(i.patterns) for i in grown.content.intents) == grown.patterns


def test_synthetic_content_is_deterministic_with_a_seed(content: Content) -> None:
    """The same seed gives the same content; another seed gives other patterns."""
    first, again, other = (synthesize(content, 2_000, seed=s) for s in (3, 3, 4))
    assert first.content.intents == again.content.intents
    assert first.content.intents != other.content.intents


def test_synthetic_content_refuses_fewer_patterns_than_shipped(
    content: Content, shipped_patterns: int
) -> None:
    """Synthetic content grows the shipped intents; it cannot shrink them."""
    with pytest.raises(ValueError, match=f"already have {shipped_patterns} patterns"):
        synthesize(content, shipped_patterns - 1)


def test_every_copy_maps_to_a_real_intent_of_its_kind(content: Content, grown: Synthetic) -> None:
    """Each id maps to a shipped intent with the same kind and answer; shipped ones to
    themselves; safety and small talk are never copied."""
    assert set(grown.original.values()) <= set(content.by_id)
    for intent in grown.content.intents:
        shipped = content.by_id[grown.original[intent.id]]
        assert (shipped.kind, shipped.answer) == (intent.kind, intent.answer)
        if intent.id in content.by_id:
            assert shipped == intent
        else:
            assert intent.kind in {Kind.ARTICLE, Kind.OUT_OF_SCOPE}


@pytest.fixture(name="edited", scope="module")
def _edited(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """The shipped intents with `EDITORS_PATTERNS` added, loaded from a folder copy."""
    from bot.intents import ContentCache, load_content

    folder = copy_of_shipped(tmp_path_factory.mktemp("edited"))
    for name, added in EDITORS_PATTERNS.items():
        path = folder / name
        lines = path.read_text(encoding="utf-8").split("\n")
        for intent_id, patterns in added.items():
            at = lines.index(f"  - id: {intent_id}")
            at = lines.index("    patterns:", at) + 1
            lines[at:at] = [f"      - {p}" for p in patterns]
        path.write_text("\n".join(lines), encoding="utf-8")
    return load_content(folder, cache=ContentCache())


def test_synthetic_patterns_look_like_questions(content: Content, grown: Synthetic) -> None:
    """Copies' patterns are new, question-sized, typed like user text and about their intent."""
    _assert_copies_look_like_questions(content, grown)


def test_growth_checks_hold_after_an_editors_ordinary_edits(
    edited: Content, tmp_path: Path
) -> None:
    """A hyphen in a pattern ("k-2") and new small talk are ordinary edits: the grown
    content still passes every check (they once made these tests fail, not the bot)."""
    assert sum(len(i.patterns) for i in edited.intents) > sum(
        len(ps) for added in EDITORS_PATTERNS.values() for ps in added.values()
    )
    grown = synthesize(edited, 6_000, seed=7)
    copies = [p for i in grown.content.intents if i.id not in edited.by_id for p in i.patterns]
    assert any("-" in p for p in copies)  # the edit is exercised, not skipped
    _assert_copies_look_like_questions(edited, grown)
    _assert_phrasings_grow_in_proportion(edited, tmp_path)


def _assert_copies_look_like_questions(content: Content, grown: Synthetic) -> None:
    normalizer = Normalizer(content.synonyms)
    copies = [i for i in grown.content.intents if i.id not in content.by_id]
    patterns = [p for i in copies for p in i.patterns]
    assert len(patterns) == len({p.casefold() for p in patterns})
    assert not {p.casefold() for p in patterns} & {
        p.casefold() for i in content.intents for p in i.patterns
    }
    assert all(QUESTION_SHAPE.match(p) and 1 <= len(p.split()) <= 30 for p in patterns)
    made_of = set(" ".join(PREFIXES + SUFFIXES + PUNCTUATION).casefold())
    made_of |= {
        c for forms in _variants(content.synonyms).values() for f in forms for c in f.casefold()
    }
    on_topic = 0
    for intent in copies:
        shipped = content.by_id[grown.original[intent.id]]
        # Only the characters of what it is made from: its intent's patterns, the fillers,
        # the paraphrases and end punctuation (a hyphen typed by the editor stays a hyphen).
        typed = made_of | {c for p in shipped.patterns for c in p.casefold()}
        assert all(set(p.casefold()) <= typed for p in intent.patterns), intent.patterns
        vocabulary = {t for p in shipped.patterns for t in normalizer.tokens(p)}
        on_topic += sum(bool(vocabulary & set(normalizer.tokens(p))) for p in intent.patterns)
    # A typo can hide a pattern's one topic word ("menqauinone"), as it does for users.
    assert on_topic >= 0.95 * len(patterns)


def test_copies_are_answered_as_their_shipped_intent(grown: Synthetic) -> None:
    """Over synthetic content the benchmark's responder answers with shipped intents."""
    responder = SyntheticResponder(grown.content, original=grown.original)
    reply = responder.respond("mk7 vs mk4?")
    assert (Outcome.ANSWER, "forms_mk4_mk7") == (reply.outcome, reply.intent and reply.intent.id)


def test_large_content_search_answers_like_the_exhaustive_one(
    monkeypatch: pytest.MonkeyPatch, grown: Synthetic
) -> None:
    """Over 6,000 patterns the champion lists and shortlist give dev questions (a spread
    of 160) the same outcome and intent as scoring every candidate."""
    questions = spread([e.question for e in read_examples(DEV_QUESTIONS)], sized(60, 160))
    outcomes = []
    for threshold in (10**9, 5_000):
        monkeypatch.setattr(bot.matching, "LARGE_CONTENT", threshold)
        responder = SyntheticResponder(grown.content, original=grown.original)
        outcomes.append(
            [(r.outcome, r.intent and r.intent.id) for r in map(responder.respond, questions)]
        )
    exhaustive, large = outcomes
    assert exhaustive == large


def test_more_phrasings_keep_the_shipped_intents_and_load_from_a_folder(
    content: Content, tmp_path: Path
) -> None:
    """The second kind of growth: the same intents, each with more phrasings in
    proportion to what it has, written one file per intent, and loaded back unchanged."""
    _assert_phrasings_grow_in_proportion(content, tmp_path)


def _assert_phrasings_grow_in_proportion(content: Content, tmp_path: Path) -> None:
    from benchmarks.phrasings import grow_phrasings, write_folder
    from bot.intents import ContentCache, load_content

    shipped = sum(len(i.patterns) for i in content.intents)
    # Four times what the content has, whatever it has: every intent should end with
    # four times its own patterns, give or take the one a rounding hands out.
    total = 4 * shipped
    grown = grow_phrasings(content, total, seed=3)
    assert [i.id for i in content.intents] == [i.id for i in grown.intents]
    assert total == sum(len(i.patterns) for i in grown.intents)
    for before, after in zip(content.intents, grown.intents, strict=True):
        assert before.patterns == after.patterns[: len(before.patterns)]
        assert abs(len(after.patterns) - 4 * len(before.patterns)) <= 1, before.id
    # The article comes from the folder the content was loaded from (sources/ in it).
    write_folder(grown, tmp_path / "intents", source_folder=content.document.path.parents[1])
    loaded = load_content(tmp_path / "intents", cache=ContentCache())
    assert len(grown.intents) + 1 == len(loaded.files)  # one file per intent, and synonyms
    assert sorted((i.id, i.patterns, i.answer) for i in grown.intents) == sorted(
        (i.id, i.patterns, i.answer) for i in loaded.intents
    )


def test_synthetic_copies_load_from_a_folder(content: Content, tmp_path: Path) -> None:
    """The first kind of growth, written as a folder (copies with the intent they copy),
    loads with no error: no two intents share a question after normalisation."""
    from benchmarks.phrasings import make_folder
    from bot.intents import ContentCache, load_content

    patterns = sum(len(i.patterns) for i in content.intents) + 2_000
    folder = make_folder(tmp_path / "intents", patterns, copies=True, seed=5)
    loaded = load_content(folder, cache=ContentCache())
    assert patterns == sum(len(i.patterns) for i in loaded.intents)


@pytest.mark.slow
def test_startup_benchmark_prints_start_up_and_reload_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`python -m benchmarks.startup` on the shipped folder times whole `k2bot ask`
    processes and a real reload, and prints them in one table with the projection."""
    from benchmarks import startup

    assert 0 == startup.main(
        [
            *("--sizes", "shipped", "--starts", "1", "--edits", "1", "--rounds", "1"),
            *("--questions", str(sized(30, 0))),
        ]
    )
    table = capsys.readouterr().out
    row = next(line for line in table.splitlines() if line.startswith("| shipped | "))
    assert re.search(r"\| \d+\.\d\d s / \d+\.\d\d s \| \d+ MB \|", row), row
    assert re.search(r"\| \d+\.\d\d s \(1; ", row), row  # one file parsed by the reload
    assert "indexing every pattern" in table


@pytest.mark.parametrize(
    ("arguments", "told"),
    [
        (["--growth", "phrasing"], "unknown growth 'phrasing'"),
        (["--questions", "-5"], "--questions -5"),
    ],
)
def test_startup_benchmark_refuses_nonsense_before_any_work(
    capsys: pytest.CaptureFixture[str], arguments: list[str], told: str
) -> None:
    """A typo in --growth or a negative --questions ends the run at once, saying which."""
    from benchmarks import startup

    with pytest.raises(SystemExit) as exited:
        startup.main(arguments)
    assert 2 == exited.value.code
    assert told in capsys.readouterr().err
