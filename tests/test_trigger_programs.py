"""A restarted bot builds its safety triggers from what the last start compiled them to.

Compiling the shipped triggers' expressions was two thirds of every start's and reload's
warm-up. `bot.matching.safety.programs` keeps what they compile to in the content cache;
these tests assert that a later start compiles none of them again, that what it builds
finds what a compiled expression finds, and that a damaged entry costs only time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.content.cache import ContentCache
from bot.matching.safety import programs
from bot.responder import Responder
from builders import spread

# Every safety expression a responder compiles, as one digest: its triggers' (both
# matchers') and the referral language's, one per language.
_DIGEST = """
import hashlib
from bot.data import SHIPPED_INTENTS
from bot.intents import load_content
from bot.responder import Responder

def expressions_digest(responder):
    found = set()
    for matcher in (responder.matcher, responder.translated):
        if matcher is not None:
            found |= matcher.safety._expressions()
    found |= {source for source, _, _ in responder.referral_language.table()._sources}
    return hashlib.sha256("\\n".join(sorted(found)).encode()).hexdigest()
"""
_START = _DIGEST + "print(expressions_digest(Responder(load_content(SHIPPED_INTENTS))))"

# Texts the expressions are tried on: referral words of several languages, numbers, none.
TEXTS = [
    "can i take k2 with warfarin",
    "i am pregnant can i take mk7",
    "my son swallowed 20 capsules",
    "200 mcg of k2 every morning",
    "можно ли беременным витамин к2",
    "¿puedo tomar k2 durante el embarazo?",
    "kann ich k2 mit marcumar nehmen",
    "what is vitamin k2",
    "",
]


@pytest.fixture(name="fresh_process")
def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The module as a new process has it: nothing loaded, kept or compiled."""
    restart(monkeypatch)
    monkeypatch.setattr(programs, "KEPT_PROGRAMS", 10)


def restart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(programs, "_loaded", {})
    monkeypatch.setattr(programs, "_kept_names", set())
    monkeypatch.setattr(programs, "_fresh", {})
    monkeypatch.setattr(programs, "_load_tried", False)
    monkeypatch.setattr(programs, "_compiled_here", 0)


def expressions_of(responder: Responder, count: int) -> list[str]:
    return spread(sorted(responder.matcher.safety._expressions()), count)


def compile_each(expressions: list[str]) -> list[re.Pattern[str]]:
    # Past the per-process memo (`compiled`'s LRU), as a new process would.
    return [programs.compiled.__wrapped__(expression) for expression in expressions]


def first_start(cache: ContentCache, expressions: list[str]) -> tuple[list[re.Pattern[str]], Path]:
    """A start with nothing kept: it compiles `expressions` and keeps them; its entry."""
    programs.load(cache)
    patterns = compile_each(expressions)
    programs.keep(cache, expressions)
    assert programs.compiled_here() == len(expressions)
    assert cache.folder is not None
    (entry,) = cache.folder.glob(f"{programs.NAME}-*.json")
    return patterns, entry


@pytest.mark.usefixtures("fresh_process")
def test_a_restart_builds_every_trigger_from_the_last_starts_programs(
    responder: Responder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ContentCache(tmp_path / "cache")
    expressions = expressions_of(responder, 300)
    first, entry = first_start(cache, expressions)
    written = entry.stat().st_mtime_ns

    restart(monkeypatch)
    programs.load(cache)
    built = compile_each(expressions)
    programs.keep(cache, expressions)

    assert programs.compiled_here() == 0
    assert entry.stat().st_mtime_ns == written  # nothing new: not written again
    assert built == first  # the same flags, groups and code
    for pattern, again in zip(first, built, strict=True):
        for text in TEXTS:
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in again.finditer(text)
            ], (pattern.pattern, text)


@pytest.mark.usefixtures("fresh_process")
def test_a_damaged_entry_is_compiled_again_and_replaced(
    responder: Responder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ContentCache(tmp_path / "cache")
    expressions = expressions_of(responder, 40)
    expected, entry = first_start(cache, expressions)
    stored = json.loads(entry.read_text(encoding="utf-8"))
    for encoded in stored["data"].values():
        encoded[4] = "AAAAAP////8="  # a program the engine must refuse
    entry.write_text(json.dumps(stored), encoding="utf-8")

    restart(monkeypatch)
    programs.load(cache)
    assert compile_each(expressions) == expected
    assert programs.compiled_here() == len(expressions)
    programs.keep(cache, expressions)

    restart(monkeypatch)
    programs.load(cache)
    assert compile_each(expressions) == expected
    assert programs.compiled_here() == 0


@pytest.mark.usefixtures("fresh_process")
def test_a_handful_of_expressions_is_not_kept(responder: Responder, tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "cache")
    expressions = expressions_of(responder, programs.KEPT_PROGRAMS - 1)
    programs.load(cache)
    compile_each(expressions)
    programs.keep(cache, expressions)
    assert not list((tmp_path / "cache").glob(f"{programs.NAME}-*.json"))


@pytest.mark.slow
def test_the_expressions_are_the_same_text_under_another_hash_seed(responder: Responder) -> None:
    """No set's order leaks into an expression, so a start under another hash seed (every
    process has its own) finds each expression's program kept by the last start."""
    namespace: dict[str, Any] = {}
    exec(_DIGEST, namespace)
    here = namespace["expressions_digest"](responder)
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    done = subprocess.run(
        [sys.executable, "-c", _START],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == here


@pytest.mark.usefixtures("fresh_process")
def test_where_res_internals_differ_expressions_are_compiled_by_re_compile(
    responder: Responder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def changed_internals(*_: object) -> list[int]:
        raise TypeError("_code() takes 3 positional arguments")

    # As `_compile` would fail in a Python whose `re` internals changed (`re` still works).
    monkeypatch.setattr(programs, "_compile", changed_internals)
    expressions = expressions_of(responder, 20)
    assert compile_each(expressions) == [re.compile(e) for e in expressions]
    assert programs.compiled_here() == 0
    with pytest.raises(re.error):
        programs.compiled.__wrapped__("(unclosed")  # a broken expression still says so
