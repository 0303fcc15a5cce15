"""Intents: the content an editor writes, loaded and checked as one consistent set.

The public face of `bot.content`: the data model, and `load_content` / `check_content`,
which read every YAML file of a folder (`bot.content.schema`, over the safe reader in
`bot.content.yaml_reader`) and then check them together (`bot.content.checks`).

Every problem is reported with file:line and a plain-language message, all at once, so an
editor fixes a file in one pass. Content with any error is never served.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bot.content import checks
from bot.content.cache import ContentCache, default_folder
from bot.content.checks import MAX_DOCUMENT_BYTES, figures
from bot.content.model import Content, Intent, IntentLines, Kind, SourceDocument
from bot.content.problems import Problems
from bot.content.schema import INTENT_KEYS, TOP_LEVEL_KEYS, FileContent, did_you_mean
from bot.content.yaml_reader import MAX_FILE_BYTES, MAX_NESTING
from bot.errors import IntentFileError, Problem
from bot.text import Normalizer

__all__ = [
    "INTENT_KEYS",
    "MAX_DOCUMENT_BYTES",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "TOP_LEVEL_KEYS",
    "Content",
    "ContentCache",
    "Intent",
    "IntentLines",
    "Kind",
    "SourceDocument",
    "check_content",
    "figures",
    "intent_files",
    "load_content",
    "shared_cache",
]

_shared: ContentCache | None = None


def shared_cache() -> ContentCache:
    """The process's content cache: in memory, and on disk in the user's cache folder."""
    global _shared
    if _shared is None:
        _shared = ContentCache(default_folder())
    return _shared


def intent_files(directory: Path) -> list[Path]:
    """The YAML files that make up the content of `directory`, in a stable order."""
    return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_content(directory: Path, *, cache: ContentCache | None = None) -> Content:
    """Load and check every intent file in `directory`.

    Args:
        directory: the intents folder.
        cache: remembers files already read (see `bot.content.cache`); None uses the
            process's own, backed by the user's cache folder.

    Raises:
        IntentFileError: with every problem found, when any of them is an error.
    """
    content, problems = check_content(directory, cache=cache)
    errors = [p for p in problems if p.severity == "error"]
    if errors or content is None:
        raise IntentFileError(errors or problems)
    return content


def check_content(
    directory: Path, *, cache: ContentCache | None = None
) -> tuple[Content | None, list[Problem]]:
    """Load `directory` and return the content (None if unusable) with all problems found.

    Only files whose bytes `cache` has not seen are parsed; the checks across files run
    every time, over the normalised patterns the cache keeps.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return None, [Problem(directory, 0, "no such folder of intent files")]
    files = tuple(intent_files(directory))
    if not files:
        return None, [Problem(directory, 0, "the folder has no .yaml intent files")]
    cache = cache if cache is not None else shared_cache()
    problems = Problems()
    reads = [cache.read(path) for path in files]
    for file_read in reads:
        problems.extend(file_read.problems)
    problems.extend(checks.files_not_read(directory, files))
    read = [file_read.content for file_read in reads]
    intents = [intent for one in read for intent in one.intents]
    synonyms: dict[str, tuple[str, ...]] = {}
    for one in read:
        for canonical, variants in one.synonyms.items():
            synonyms[canonical] = synonyms.get(canonical, ()) + variants

    # An id missing because its intent was refused, or its file could not be read, is that
    # error's consequence: reported once, where the mistake is, not at every mention.
    refused = {intent_id for one in read for intent_id in one.refused_ids}
    any_unusable = not all(one.usable for one in read)

    def reported(intent_id: str) -> bool:
        return any_unusable or intent_id in refused

    document = checks.source_document(
        directory,
        files,
        [ref for one in read for ref in one.document_refs],
        any_unusable=any_unusable,
        problems=problems,
    )
    by_id = checks.unique_ids(intents, problems)
    as_read = dict(by_id)  # which intents are as their file has them (for `indexed`)
    _add_patterns_for(read, by_id, problems, reported)
    intents = [  # the first of each id now carries its added patterns; duplicates stay as read
        by_id[i.id] if (by_id[i.id].path, by_id[i.id].line) == (i.path, i.line) else i
        for i in intents
    ]
    checks.related_ids_exist(intents, by_id, problems, reported=reported)
    if document is not None:
        checks.sources_are_quoted(intents, document, problems)
    normalize = Normalizer(synonyms).normalize
    fingerprint = _synonyms_fingerprint(synonyms)
    checks.patterns_are_not_shared(
        intents,
        synonyms,
        problems,
        normalized=[
            # Patterns added under `patterns_for:` come after the file's own; the cache
            # knows only the latter.
            [*keys, *(normalize(p) for p in intent.patterns[len(keys) :])]
            for intent, keys in zip(
                intents,
                (
                    keys
                    for file_read in reads
                    for keys in cache.normalized(file_read, fingerprint, normalize)
                ),
                strict=True,
            )
        ],
    )
    cache.save(reads)
    indexed = {
        intent.id: positions
        for file_read in reads
        for intent, positions in zip(file_read.content.intents, file_read.indexed, strict=True)
        if len(positions) < len(intent.patterns) and as_read.get(intent.id) is intent
    }
    if document is None and not problems.has_errors:
        return None, list(problems)
    content = Content(
        intents=tuple(by_id.values()),
        synonyms=synonyms,
        document=document or SourceDocument(directory, ""),
        files=files,
        warnings=tuple(p for p in problems if p.severity == "warning"),
        indexed=indexed,
    )
    return content, list(problems)


def _synonyms_fingerprint(synonyms: dict[str, tuple[str, ...]]) -> str:
    # In order: a later variant of the same word overrides an earlier one.
    text = json.dumps(list(synonyms.items()), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _add_patterns_for(
    read: list[FileContent],
    by_id: dict[str, Intent],
    problems: Problems,
    reported: Callable[[str], bool],
) -> None:
    """Merge each file's `patterns_for:` into the intents they name.

    These are phrasings added from /unanswered; an id that names no intent is an error at its
    line, unless `reported` says that intent's own error is reported already.
    """
    for one in read:
        for intent_id, (line, patterns) in one.patterns_for.items():
            intent = by_id.get(intent_id)
            if intent is None:
                if not reported(intent_id):
                    problems.error(
                        one.path,
                        line,
                        f"patterns_for: no intent has the id {intent_id!r}"
                        + did_you_mean(intent_id, by_id),
                    )
                continue
            new = tuple(p for p in patterns if p not in intent.patterns)
            by_id[intent_id] = replace(intent, patterns=intent.patterns + new)
