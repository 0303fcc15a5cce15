"""Intents: the content an editor writes, loaded and checked as one consistent set.

The public face of `bot.content`: the data model, and `load_content` / `check_content`,
which read every YAML file of a folder (`bot.content.schema`, over the safe reader in
`bot.content.yaml_reader`) and then check them together (`bot.content.checks`).

Every problem is reported with file:line and a plain-language message, all at once, so an
editor fixes a file in one pass. Content with any error is never served.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.content import checks
from bot.content.checks import MAX_DOCUMENT_BYTES, figures
from bot.content.model import Content, Intent, IntentLines, Kind, SourceDocument
from bot.content.problems import Problems
from bot.content.schema import INTENT_KEYS, TOP_LEVEL_KEYS, FileContent, read_file
from bot.content.yaml_reader import MAX_FILE_BYTES, MAX_NESTING
from bot.errors import IntentFileError, Problem

__all__ = [
    "INTENT_KEYS",
    "MAX_DOCUMENT_BYTES",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "TOP_LEVEL_KEYS",
    "Content",
    "Intent",
    "IntentLines",
    "Kind",
    "SourceDocument",
    "check_content",
    "figures",
    "intent_files",
    "load_content",
]


def intent_files(directory: Path) -> list[Path]:
    """The YAML files that make up the content of `directory`, in a stable order."""
    return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_content(directory: Path) -> Content:
    """Load and check every intent file in `directory`.

    Raises:
        IntentFileError: with every problem found, when any of them is an error.
    """
    content, problems = check_content(directory)
    errors = [p for p in problems if p.severity == "error"]
    if errors or content is None:
        raise IntentFileError(errors or problems)
    return content


def check_content(directory: Path) -> tuple[Content | None, list[Problem]]:
    """Load `directory` and return the content (None if unusable) with all problems found."""
    directory = Path(directory)
    if not directory.is_dir():
        return None, [Problem(directory, 0, "no such folder of intent files")]
    files = tuple(intent_files(directory))
    if not files:
        return None, [Problem(directory, 0, "the folder has no .yaml intent files")]
    problems = Problems()
    read = [read_file(path, problems) for path in files]
    intents = [intent for one in read for intent in one.intents]
    synonyms: dict[str, tuple[str, ...]] = {}
    for one in read:
        for canonical, variants in one.synonyms.items():
            synonyms[canonical] = synonyms.get(canonical, ()) + variants

    document = checks.source_document(
        directory,
        files,
        [ref for one in read for ref in one.document_refs],
        any_unusable=not all(one.usable for one in read),
        problems=problems,
    )
    by_id = checks.unique_ids(intents, problems)
    _add_patterns_for(read, by_id, problems)
    intents = [  # the first of each id now carries its added patterns; duplicates stay as read
        by_id[i.id] if (by_id[i.id].path, by_id[i.id].line) == (i.path, i.line) else i
        for i in intents
    ]
    checks.related_ids_exist(intents, by_id, problems)
    if document is not None:
        checks.sources_are_quoted(intents, document, problems)
    checks.patterns_are_not_shared(intents, synonyms, problems)
    if document is None and not problems.has_errors:
        return None, list(problems)
    content = Content(
        intents=tuple(by_id.values()),
        synonyms=synonyms,
        document=document or SourceDocument(directory, ""),
        files=files,
        warnings=tuple(p for p in problems if p.severity == "warning"),
    )
    return content, list(problems)


def _add_patterns_for(
    read: list[FileContent], by_id: dict[str, Intent], problems: Problems
) -> None:
    """Merge each file's `patterns_for:` (phrasings added from /unanswered) into the intents
    they name; an id that names no intent is an error at its line."""
    for one in read:
        for intent_id, (line, patterns) in one.patterns_for.items():
            intent = by_id.get(intent_id)
            if intent is None:
                problems.error(one.path, line, f"patterns_for: no intent has the id {intent_id!r}")
                continue
            new = tuple(p for p in patterns if p not in intent.patterns)
            by_id[intent_id] = replace(intent, patterns=intent.patterns + new)
