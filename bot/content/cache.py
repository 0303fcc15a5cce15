"""What each intent file yields, remembered by its content.

An unchanged file is not read into intents again: in memory for live reload, and on disk for
the next start.

An entry is keyed by the file's path and the SHA-256 of its bytes, and stamped with a
fingerprint of the code that reads files (`bot.content`, `bot.markup`, `bot.text`,
`bot.errors`, the word-frequency tables normalising reads, and the versions of PyYAML and
the stemmer): a changed byte or a changed reader is a miss, never a stale answer. Each
entry also keeps the file's patterns normalised for the check that no two intents share a
question, stamped with the synonyms they were normalised with.

On disk (`~/.cache/k2bot/content/`, or under `$XDG_CACHE_HOME`: see `default_folder`)
entries are JSON, one file per intent file, written atomically, readable by the user alone
(folder 0700, files 0600); a folder that is not private to the user is not used. JSON
cannot run code when read, and a damaged or foreign entry is a miss. Files under
`DISK_MIN_BYTES` are not written to disk: they are parsed in about a millisecond, and
tests make thousands of them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.model import Intent, IntentLines, Kind, Translation
from bot.content.phrasings import HAND_WRITTEN, informative_phrasings
from bot.content.problems import Problems
from bot.content.schema import DocumentRef, FileContent, read_file
from bot.content.yaml_reader import MAX_FILE_BYTES
from bot.errors import Problem
from bot.text import content_tokens

logger = logging.getLogger(__name__)

FORMAT = 5
# Smaller files are parsed faster than an entry is found; they stay in memory only.
DISK_MIN_BYTES = 32_000
# Entries of folders no longer used (a moved folder, old code) are deleted after this
# long, when an entry is next written (a start that finds all it needs only reads); one
# still in use is written again at the next start that misses it.
MAX_ENTRY_AGE_S = 30 * 86400


@dataclass(slots=True)
class FileRead:
    """One file as read: what it contributes, its own problems, and its normalised patterns.

    Attributes:
        digest: SHA-256 of the file's bytes ("" when the file could not be read).
        keys: per intent of `content`, its patterns normalised with the synonyms whose
            fingerprint is `keys_synonyms` (None until computed).
        indexed: per intent, the positions of its patterns worth indexing
            (`bot.content.phrasings`), computed with `keys`.
        fresh: read or normalised in this process, so not yet on disk.
    """

    path: Path
    digest: str
    size: int
    content: FileContent
    problems: tuple[Problem, ...]
    keys_synonyms: str = ""
    keys: tuple[tuple[str, ...], ...] | None = None
    indexed: tuple[tuple[int, ...], ...] = ()
    fresh: bool = False


@dataclass
class ContentCache:
    """Reads intent files through a memory of the last version of each, and a disk folder.

    Args:
        folder: where entries are kept between runs; None keeps them in memory only.
        disk_min_bytes: smaller files are kept in memory only.
    """

    folder: Path | None = None
    disk_min_bytes: int = DISK_MIN_BYTES
    _memory: dict[Path, FileRead] = field(default_factory=dict, repr=False)
    _disk_ok: bool | None = field(default=None, repr=False)
    _pruned: bool = field(default=False, repr=False)
    parsed: int = 0  # files parsed by this cache, for the benchmarks and tests

    def read(self, path: Path) -> FileRead:
        """The file at `path`, parsed only when its bytes are new to this cache."""
        try:
            raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
        except OSError:
            raw = None
        if raw is None:  # too large or unreadable: the reader says which, at line 1
            self._memory.pop(path, None)
            return self._parse(path, None, "")
        digest = hashlib.sha256(raw).hexdigest()
        known = self._memory.get(path)
        if known is not None and known.digest == digest:
            return known
        found = self._from_disk(path, digest) if len(raw) >= self.disk_min_bytes else None
        if found is None:
            found = self._parse(path, raw, digest)
        self._memory[path] = found
        return found

    def normalized(
        self, read: FileRead, synonyms: str, normalize: Callable[[str], str]
    ) -> tuple[tuple[str, ...], ...]:
        """The patterns of `read`'s intents normalised (cached per synonyms fingerprint)."""
        if read.keys is None or read.keys_synonyms != synonyms:
            read.keys = tuple(
                tuple(normalize(p) for p in intent.patterns) for intent in read.content.intents
            )
            read.indexed = tuple(
                informative_phrasings([frozenset(content_tokens(k)) for k in keys])
                if len(keys) > HAND_WRITTEN
                else tuple(range(len(keys)))
                for keys in read.keys
            )
            read.keys_synonyms = synonyms
            read.fresh = bool(read.digest)
        return read.keys

    def save(self, reads: Iterable[FileRead]) -> None:
        """Write the entries read or normalised anew in this process to the disk folder."""
        for read in reads:
            if read.fresh and read.size >= self.disk_min_bytes:
                self._to_disk(read)
            read.fresh = False

    def _parse(self, path: Path, raw: bytes | None, digest: str) -> FileRead:
        problems = Problems()
        content = read_file(path, problems, raw=raw)
        self.parsed += 1
        size = len(raw) if raw is not None else 0
        return FileRead(path, digest, size, content, tuple(problems), fresh=size >= DISK_MIN_BYTES)

    # -- disk -------------------------------------------------------------------------

    def _entry_path(self, path: Path) -> Path | None:
        if self.folder is None or not self._private_folder():
            return None
        name = hashlib.sha256(f"{_fingerprint()}\0{path}".encode()).hexdigest()[:32]
        return self.folder / f"{name}.json"

    def _private_folder(self) -> bool:
        if self._disk_ok is None:
            self._disk_ok = _make_private_folder(self.folder) if self.folder else False
        return self._disk_ok

    def _from_disk(self, path: Path, digest: str) -> FileRead | None:
        entry = self._entry_path(path)
        if entry is None:
            return None
        try:
            data = json.loads(entry.read_bytes())
            if (data["format"], data["code"], data["path"], data["digest"]) != (
                FORMAT,
                _fingerprint(),
                str(path),
                digest,
            ):
                return None
            return _decode(path, digest, data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            logger.debug("content cache entry %s unusable: %s", entry, exc)
            return None

    def derived(self, name: str, key: str) -> dict[str, Any] | None:
        """Data another layer derived from the content and kept under `name` (None: none).

        Such data (the safety triggers read into expressions) is kept whole, on disk only
        (the caller holds what it uses), under one key: `key` must change whenever anything
        it was derived from changes (the caller's inputs and code). A damaged or foreign
        entry is None.
        """
        entry = self._derived_path(name, key)
        if entry is None:
            return None
        try:
            stored = json.loads(entry.read_bytes())
            if stored["format"] != FORMAT or stored["key"] != key:
                return None
            data = stored["data"]
            if not isinstance(data, dict):
                return None
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            logger.debug("content cache entry %s unusable: %s", entry, exc)
            return None
        return data

    def keep_derived(self, name: str, key: str, data: dict[str, Any]) -> bool:
        """Keep `data` under `name` and `key` (see `derived`); whether it was written."""
        entry = self._derived_path(name, key)
        kept = {"format": FORMAT, "key": key, "data": data}
        return entry is not None and self._write(entry, kept)

    def _derived_path(self, name: str, key: str) -> Path | None:
        if self.folder is None or not self._private_folder():
            return None
        digest = hashlib.sha256(f"{name}\0{key}".encode()).hexdigest()[:32]
        return self.folder / f"{name}-{digest}.json"

    def _to_disk(self, read: FileRead) -> None:
        entry = self._entry_path(read.path)
        if entry is not None:
            self._write(entry, _encode(read))

    def _write(self, entry: Path, content: dict[str, Any]) -> bool:
        if not self._pruned:
            # Once per cache, and only when writing: a folder of a thousand entries takes
            # tens of milliseconds to look through, which a start that only reads need not pay.
            self._pruned = True
            _prune(entry.parent)
        data = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        temporary = ""
        try:
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:  # mkstemp makes it 0600
                out.write(data)
            os.replace(temporary, entry)  # readers see the old entry or the new, whole
        except OSError as exc:
            logger.debug("content cache entry %s not written: %s", entry, exc)
            if temporary:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            return False
        return True


def default_folder() -> Path:
    """Where entries are kept between runs: the user's cache folder.

    `$XDG_CACHE_HOME/k2bot/content` when that is set to an absolute path (the XDG base
    directory convention), else `~/.cache/k2bot/content`.
    """
    chosen = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(chosen) if os.path.isabs(chosen) else Path.home() / ".cache"
    return base / "k2bot" / "content"


def _make_private_folder(folder: Path) -> bool:
    """Create `folder` (0700) if needed; whether it is the user's own and private."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError as exc:
        logger.debug("content cache folder %s not usable: %s", folder, exc)
        return False
    private = (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )
    if not private:
        logger.warning("content cache folder %s is not private to this user; not used", folder)
    return private


_code_fingerprint = ""


def _prune(folder: Path) -> None:
    """Delete entries (and temporary files a crash left) not written for a long time."""
    oldest = time.time() - MAX_ENTRY_AGE_S
    for entry in [*folder.glob("*.json"), *folder.glob("*.tmp")]:
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < oldest:
                entry.unlink()


def code_fingerprint() -> str:
    """The fingerprint of the code that reads intent files (see `fingerprinted_files`).

    For other layers' keys in `ContentCache.derived`: what they derive passes through this
    code too.
    """
    return _fingerprint()


def _fingerprint() -> str:
    """The code that turns a file into intents: a change to it makes every entry stale."""
    global _code_fingerprint
    if not _code_fingerprint:
        # Imported here: a start that finds its entries in memory never needs them.
        import importlib.metadata

        import yaml

        stemmer = importlib.metadata.version("snowballstemmer")
        digest = hashlib.sha256(f"{FORMAT} {yaml.__version__} {stemmer}".encode())
        for source in sorted(fingerprinted_files()):
            digest.update(source.read_bytes())
        _code_fingerprint = digest.hexdigest()
    return _code_fingerprint


def fingerprinted_files() -> list[Path]:
    """The files whose bytes decide what an intent file yields."""
    import importlib.util

    import bot.content
    import bot.errors
    import bot.markup
    import bot.text

    sources = [*Path(bot.content.__file__).parent.glob("*.py")]
    sources += [Path(m.__file__ or "") for m in (bot.errors, bot.markup, bot.text)]
    # Normalising reads the word-frequency tables (Russian stems, transliteration); found
    # without importing bot.matching, which would build the whole matcher module.
    matching = importlib.util.find_spec("bot.matching")
    if matching is not None and matching.origin is not None:
        folder = Path(matching.origin).parent
        sources += [folder / "lexicon.py", *folder.glob("zipf_*.bin.gz")]
    return sources


# -- JSON -------------------------------------------------------------------------------


def _encode(read: FileRead) -> dict[str, Any]:
    content = read.content
    return {
        "format": FORMAT,
        "code": _fingerprint(),
        "path": str(read.path),
        "digest": read.digest,
        "size": read.size,
        "usable": content.usable,
        "intents": [_encode_intent(i) for i in content.intents],
        "synonyms": {k: list(v) for k, v in content.synonyms.items()},
        "document_refs": [
            [r.line, r.target, [list(t) for t in r.titles]] for r in content.document_refs
        ],
        "patterns_for": {k: [line, list(v)] for k, (line, v) in content.patterns_for.items()},
        "refused_ids": content.refused_ids,
        "problems": [[p.line, p.message, p.severity] for p in read.problems],
        "keys_synonyms": read.keys_synonyms,
        "keys": [list(k) for k in read.keys] if read.keys is not None else None,
        "indexed": [list(i) for i in read.indexed],
    }


def _encode_intent(intent: Intent) -> dict[str, Any]:
    lines = intent.lines
    return {
        "id": intent.id,
        "kind": intent.kind.value,
        "title": intent.title,
        "patterns": intent.patterns,
        "answer": intent.answer,
        "source": intent.source,
        "related": intent.related,
        "triggers": intent.triggers,
        "translations": [
            [
                t.language,
                list(t.patterns),
                t.answer,
                t.title,
                t.answer_line,
                list(t.triggers),
                list(t.source),
            ]
            for t in intent.translations
        ],
        "line": intent.line,
        "lines": [lines.answer, lines.patterns, lines.source, lines.related],
    }


def _decode(path: Path, digest: str, data: Mapping[str, Any]) -> FileRead:
    intents = [_decode_intent(path, item) for item in data["intents"]]
    content = FileContent(
        path,
        usable=bool(data["usable"]),
        intents=intents,
        synonyms={str(k): _texts(v) for k, v in data["synonyms"].items()},
        document_refs=[
            DocumentRef(path, int(line), str(t), tuple((str(c), str(n)) for c, n in titles))
            for line, t, titles in data["document_refs"]
        ],
        patterns_for={
            str(k): (int(line), _texts(v)) for k, (line, v) in data["patterns_for"].items()
        },
        refused_ids=[str(i) for i in data["refused_ids"]],
    )
    problems = tuple(Problem(path, int(line), str(m), str(s)) for line, m, s in data["problems"])
    keys = data["keys"]
    return FileRead(
        path,
        digest,
        int(data["size"]),
        content,
        problems,
        keys_synonyms=str(data["keys_synonyms"]),
        keys=tuple(_texts(k) for k in keys) if keys is not None else None,
        indexed=tuple(tuple(int(n) for n in i) for i in data["indexed"]),
    )


def _decode_intent(path: Path, item: Mapping[str, Any]) -> Intent:
    answer, patterns, source, related = item["lines"]
    return Intent(
        id=str(item["id"]),
        kind=Kind(item["kind"]),
        title=str(item["title"]),
        patterns=_texts(item["patterns"]),
        answer=str(item["answer"]),
        source=_texts(item["source"]),
        related=_texts(item["related"]),
        triggers=_texts(item["triggers"]),
        translations=tuple(
            Translation(
                str(language),
                _texts(patterns),
                str(answer),
                str(title),
                int(line),
                _texts(triggers),
                _texts(source_in_language),
            )
            for language, patterns, answer, title, line, triggers, source_in_language in item[
                "translations"
            ]
        ),
        path=path,
        line=int(item["line"]),
        lines=IntentLines(
            answer=int(answer),
            patterns=tuple(int(n) for n in patterns),
            source=tuple(int(n) for n in source),
            related=tuple(int(n) for n in related),
        ),
    )


def _texts(items: Sequence[Any]) -> tuple[str, ...]:
    if not all(isinstance(item, str) for item in items):
        raise TypeError("an entry holds a non-text item where text belongs")
    return tuple(items)
