"""A safe YAML reader that keeps line numbers: every way a file can fail becomes a Problem.

Intent files are parsed with ruamel.yaml's round-trip loader, whose mappings and lists
remember the line of each key and item (`key_line`, `item_line`). Before any data is
built, the file's size, encoding, nesting depth and anchors are checked, so a huge file,
a "YAML bomb" or thousands of "[[[[" are refused quickly with a plain message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.errors import Problem

# An editor's file is a few kilobytes; anything this large is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000
# Intent files nest four levels deep; a parser takes quadratic time on thousands of "[[[[".
MAX_NESTING = 32
_BRACKET = re.compile(r"[\[\]{}\n]")


def parse_yaml(path: Path, problems: list[Problem]) -> Any:
    """Parse one YAML file, turning every way it can fail into a Problem.

    Args:
        path: the file to read.
        problems: where the problems found are appended.

    Returns:
        The parsed data (ruamel's line-aware mappings and lists), or None when the file is
        empty or unusable; in the latter case `problems` says why.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
    from ruamel.yaml.reader import ReaderError

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    path,
                    1,
                    f"file is {size:,} bytes; the limit is "
                    f"{MAX_FILE_BYTES:,}: split it into several files",
                )
            )
            return None
        raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as exc:
        problems.append(Problem(path, 1, f"cannot read the file: {exc.strerror or exc}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, "the file is not UTF-8 text; save it as UTF-8"))
        return None
    too_deep = _too_deep(text)
    if too_deep:
        problems.append(Problem(path, too_deep, _TOO_DEEP))
        return None
    yaml = YAML(typ="rt")
    try:
        # Anchors and aliases can expand into huge documents (a "YAML bomb"); intents never
        # need them, so refuse them before building any data.
        depth = 0
        for event in yaml.parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    line = event.start_mark.line + 1 if event.start_mark else 1
                    problems.append(Problem(path, line, _TOO_DEEP))
                    return None
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            if isinstance(event, AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                problems.append(
                    Problem(
                        path,
                        line,
                        "anchors and aliases (&name / *name) are not "
                        "supported in intent files; write the text out",
                    )
                )
                return None
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(path, line, _yaml_message(exc)))
    except ReaderError as exc:  # a control character such as NUL that YAML does not allow
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else 1
        code = exc.character if isinstance(exc.character, int) else 0
        problems.append(
            Problem(
                path,
                line,
                f"the file contains a control character (#x{code:04x}) that YAML does not "
                "allow; delete it",
            )
        )
    except YAMLError as exc:
        problems.append(Problem(path, 1, f"YAML error: {' '.join(str(exc).split())}"))
    except RecursionError:
        problems.append(Problem(path, 1, _TOO_DEEP))
    return None


_TOO_DEEP = f"the YAML is nested more than {MAX_NESTING} levels deep; intent files need 4"


def _too_deep(text: str) -> int:
    """The line where "[" and "{" nest too deeply, or 0. Brackets in quotes count too, but
    no real intent file has dozens of them open at once."""
    depth = 0
    line = 1
    for match in _BRACKET.finditer(text):
        char = match.group()
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif depth:
            depth -= 1
    return 0


def _yaml_message(exc: Any) -> str:
    problem = str(exc.problem or exc.context or "invalid YAML")
    if "\\t" in problem or "'\\t'" in problem or "tab" in problem:
        return "a tab character is used for indentation; YAML needs spaces"
    if "duplicate key" in problem:
        return problem.replace("found ", "") + " (each key may appear once per intent)"
    context = f" ({exc.context})" if exc.context and exc.problem else ""
    return f"YAML syntax error: {problem}{context}"


def map_line(mapping: Any) -> int:
    """The line where a parsed mapping or list starts, or 0 when unknown."""
    lc = getattr(mapping, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else 0


def key_line(mapping: Any, key: Any) -> int:
    """The line of `key` in a parsed mapping (the mapping's own line when unknown)."""
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return map_line(mapping)


def item_line(sequence: Any, index: int) -> int:
    """The line of item `index` of a parsed list (the list's own line when unknown)."""
    try:
        return int(sequence.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return map_line(sequence)
