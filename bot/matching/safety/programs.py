"""Trigger expressions compiled once per process, and what they compile to kept between starts.

Compiling the shipped triggers' expressions (about 4,600) is two thirds of a warm-up, about
2 s of CPU that every start and every reload paid. `re` cannot keep a compiled pattern
between processes (a pickled pattern is compiled again when loaded), so this module keeps
what `re`'s compiler makes of an expression, the program its engine (`_sre`) runs, in the
content cache, and the next start builds its patterns from those programs: about 0.1 s
for all of them. It calls `re`'s internals (`re._parser`, `re._compiler`, `_sre.compile`)
exactly as `re.compile` does; the programs are keyed by Python's version and the engine's
`MAGIC`, the engine checks a program before it runs it, and where the internals are not
what this module expects, expressions are compiled by `re.compile` and nothing is kept.
"""

from __future__ import annotations

import array
import base64
import functools
import logging
import re
import sys
from collections.abc import Iterable
from typing import Any

from bot.content.cache import ContentCache

try:  # CPython's own modules behind `re.compile` (3.11 and later)
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _INTERNALS = callable(getattr(_sre, "compile", None)) and hasattr(_compiler, "_code")
    _CODE_TYPE = next(t for t in "IL" if array.array(t).itemsize == _sre.CODESIZE)
except (ImportError, AttributeError, StopIteration):  # pragma: no cover - other Pythons
    _INTERNALS = False

logger = logging.getLogger(__name__)

# Enough for every expression of the shipped triggers several times over, so a
# long-running bot reloading edit after edit keeps the current ones compiled.
COMPILED_EXPRESSIONS = 32_768
# Programs are kept only for a responder of at least this many expressions (the shipped
# content's, or grown content): a test's handful is not worth a file, and keeping it would
# replace the shipped content's programs.
KEPT_PROGRAMS = 1_000
NAME = "trigger-programs"

# An expression's program: its flags, group count, group names both ways, and its code
# (4 bytes an operation: the engine takes it as a list, made only while it builds).
Program = tuple[int, int, dict[str, int], tuple[str | None, ...], "array.array[int]"]

# Programs a start kept (see `load`), as stored, each let go once it is built; the
# expressions the cache holds; and the programs compiled here that it does not hold yet.
_loaded: dict[str, list[Any]] = {}
_kept_names: set[str] = set()
_fresh: dict[str, Program] = {}
_load_tried = False
_compiled_here = 0


def _key() -> str:
    """What a program depends on besides its expression: the Python that compiled it."""
    return f"{sys.version} {_sre.MAGIC} {_sre.CODESIZE}" if _INTERNALS else ""


@functools.lru_cache(maxsize=COMPILED_EXPRESSIONS)
def compiled(expression: str) -> re.Pattern[str]:
    """`expression` compiled once per process, whichever responder asks.

    Built from the program a start kept when there is one (see `load`). A reload after
    an edit, or a second responder over the same triggers, compiles only the expressions
    the edit changed. (`re`'s own cache holds 512.)
    """
    global _compiled_here
    if not _INTERNALS:
        return re.compile(expression)
    stored = _loaded.pop(expression, None)
    if stored is not None:
        try:
            return _pattern(expression, _decoded(stored))
        except (RuntimeError, TypeError, ValueError, IndexError, OverflowError) as exc:
            # The engine refused a program from the cache (damaged, or another engine's):
            # compiled here, and kept again by the next `keep`.
            logger.debug("kept program of %r unusable: %s", expression, exc)
            _kept_names.discard(expression)
    try:
        program = _compile(expression)
        pattern = _pattern(expression, program)
    except (TypeError, AttributeError, RuntimeError) as exc:  # `re`'s internals changed
        logger.debug("compiling %r as re.compile does failed: %s", expression, exc)
        return re.compile(expression)
    _fresh[expression] = program
    _compiled_here += 1
    return pattern


def compiled_here() -> int:
    """How many expressions this process compiled rather than built from a kept program."""
    return _compiled_here


def _compile(expression: str) -> Program:
    """The program `re.compile(expression)` builds, as `re._compiler.compile` makes it."""
    parsed = _parser.parse(expression, 0)
    code = array.array(_CODE_TYPE, _compiler._code(parsed, 0))
    names = parsed.state.groupdict
    groups: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        groups[index] = name
    return parsed.state.flags, parsed.state.groups - 1, dict(names), tuple(groups), code


def _pattern(expression: str, program: Program) -> re.Pattern[str]:
    flags, groups, names, indexes, code = program
    pattern: re.Pattern[str] = _sre.compile(
        expression, flags, code.tolist(), groups, names, indexes
    )
    return pattern


def load(cache: ContentCache) -> None:
    """Let `compiled` build from the programs an earlier start kept in `cache`, if any.

    Once per process: a later responder or reload finds its unchanged expressions
    compiled already.
    """
    global _load_tried
    if _load_tried or not _INTERNALS:
        return
    _load_tried = True
    stored = cache.derived(NAME, _key()) or {}
    _loaded.update(stored)
    _kept_names.update(stored)


def keep(cache: ContentCache, expressions: Iterable[str]) -> None:
    """Keep in `cache` the programs of a responder's `expressions`, unless kept already.

    Only these: an edited trigger's old expression is not carried from start to start,
    nor another responder's. The programs the cache holds are read again (only when
    something is new), so a process holds none of them once its patterns are built.
    """
    wanted = set(expressions)
    if not _INTERNALS or len(wanted) < KEPT_PROGRAMS:
        return
    _loaded.clear()  # what is not built by now is not this content's
    if wanted <= _kept_names:
        return
    stored = cache.derived(NAME, _key()) or {}
    programs = {e: stored[e] for e in wanted if e in stored}
    # Compiled here wins: it replaces a program the engine refused.
    programs |= {e: _encoded(_fresh[e]) for e in wanted if e in _fresh}
    if cache.keep_derived(NAME, _key(), programs):
        _kept_names.clear()
        _kept_names.update(programs)
        for expression in programs:
            _fresh.pop(expression, None)


def _encoded(program: Program) -> list[Any]:
    flags, groups, names, indexes, code = program
    packed = base64.b64encode(code.tobytes()).decode("ascii")
    return [flags, groups, names, list(indexes), packed]


def _decoded(encoded: list[Any]) -> Program:
    flags, groups, names, indexes, packed = encoded
    code = array.array(_CODE_TYPE)
    code.frombytes(base64.b64decode(packed, validate=True))
    if not isinstance(names, dict):
        raise TypeError("group names")
    return int(flags), int(groups), names, tuple(indexes), code
