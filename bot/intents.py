"""Intents: the data model, and loading and checking the YAML files an editor writes.

Every problem is reported with file:line and a plain-language message, all at once, so an
editor fixes a file in one pass. Content with any error is never served.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from bot.errors import IntentFileError, Problem
from bot.markup import MESSAGE_LIMIT, html_problems, to_plain_text, utf16_length

# An editor's file is a few kilobytes; anything this large is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000
# The article is a few kilobytes too; a path to something huge (or endless) is refused.
MAX_DOCUMENT_BYTES = 5_000_000
# Intent files nest four levels deep; a parser takes quadratic time on thousands of "[[[[".
MAX_NESTING = 32
_BRACKET = re.compile(r"[\[\]{}\n]")
# Short answers read well in a chat; longer ones are allowed but flagged.
ANSWER_AIM_CHARS = 600
# Ids travel in Telegram callback data (64 bytes) and deep links (64 characters).
INTENT_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
INTENT_KEYS = frozenset(
    {"id", "kind", "title", "patterns", "answer", "source", "related", "triggers"}
)
TOP_LEVEL_KEYS = frozenset({"intents", "synonyms", "source_document"})
# "MK-7", "K _ 2" and "87%" all mean one figure each; join a letter prefix to its digits.
_FIGURE_JOINER = re.compile(
    r"(?<=[a-zA-Z])\s*[-_][\s_-]*(?=\d)|(?<=\b[A-Z])\s+(?=\d)|(?<=\b[A-Z]{2})\s+(?=\d)"
)
_FIGURE = re.compile(r"[a-z]*\d+(?:[.,]\d+)*%?")


class Kind(StrEnum):
    """What an intent is for; it decides how the answer is sourced and composed."""

    ARTICLE = "article"
    SMALLTALK = "smalltalk"
    SAFETY = "safety"
    OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True, slots=True)
class Intent:
    """One question users ask and the answer the bot gives."""

    id: str
    kind: Kind
    title: str
    patterns: tuple[str, ...]
    answer: str
    source: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    path: Path = Path()
    line: int = 0

    @property
    def answers_the_question(self) -> bool:
        """Whether matching this intent counts as answering (out-of-scope ones decline)."""
        return self.kind is not Kind.OUT_OF_SCOPE


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The article every answer is drawn from; passages are quoted from `text` verbatim."""

    path: Path
    text: str

    @property
    def title(self) -> str:
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")


@dataclass(frozen=True, slots=True)
class Content:
    """A consistent set of intents, synonyms and the source document, loaded together."""

    intents: tuple[Intent, ...]
    synonyms: Mapping[str, tuple[str, ...]]
    document: SourceDocument
    files: tuple[Path, ...] = ()
    warnings: tuple[Problem, ...] = ()
    by_id: Mapping[str, Intent] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {intent.id: intent for intent in self.intents})

    def of_kind(self, kind: Kind) -> tuple[Intent, ...]:
        return tuple(intent for intent in self.intents if intent.kind is kind)


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
    files = intent_files(directory)
    if not files:
        return None, [Problem(directory, 0, "the folder has no .yaml intent files")]
    collector = _Collector()
    for path in files:
        collector.read_file(path)
    return collector.finish(directory, tuple(files))


class _Collector:
    """Gathers intents from several files and the problems found along the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.intents: list[Intent] = []
        self.synonyms: dict[str, tuple[str, ...]] = {}
        self.document_refs: list[tuple[Path, int, str]] = []
        self.related_refs: list[tuple[Intent, int, str]] = []
        self.source_lines: dict[int, tuple[int, ...]] = {}
        self.pattern_lines: dict[int, tuple[int, ...]] = {}
        self.answer_lines: dict[int, int] = {}
        # Files that could not be read as a mapping: they may be where source_document was.
        self.unusable: list[Path] = []

    def error(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def warn(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message, severity="warning"))

    def read_file(self, path: Path) -> None:
        reported = len(self.problems)
        data = _parse_yaml(path, self.problems)
        if data is None and len(self.problems) == reported:
            self.error(
                path, 1, "the file is empty (or only comments): add intents to it, or delete it"
            )
        if not isinstance(data, dict):
            if data is not None:
                self.error(path, 1, "the file must be a mapping with an 'intents:' list at the top")
            self.unusable.append(path)
            return
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.error(
                    path,
                    _key_line(data, key),
                    f"unknown top-level key {key!r}; "
                    f"expected one of: {', '.join(sorted(TOP_LEVEL_KEYS))}",
                )
        if "source_document" in data:
            value = data["source_document"]
            line = _key_line(data, "source_document")
            if isinstance(value, str) and value.strip():
                self.document_refs.append((path, line, value))
            else:
                self.error(
                    path,
                    line,
                    "source_document must be a path to the article, relative to the intents folder",
                )
        if "synonyms" in data:
            self._read_synonyms(path, data)
        if "intents" in data:
            items = data["intents"]
            if not isinstance(items, list):
                self.error(
                    path,
                    _key_line(data, "intents"),
                    "'intents' must be a list of intents (each item starting with '- id: ...')",
                )
                return
            for index, item in enumerate(items):
                self._read_intent(path, _item_line(items, index), item)

    def _read_synonyms(self, path: Path, data: Any) -> None:
        table = data["synonyms"]
        if not isinstance(table, dict):
            self.error(
                path,
                _key_line(data, "synonyms"),
                "'synonyms' must map a canonical word to a list of variants",
            )
            return
        for canonical, variants in table.items():
            line = _key_line(table, canonical)
            if isinstance(variants, str):
                variants = [variants]
            if not isinstance(canonical, str) or not _is_list_of_text(variants):
                self.error(
                    path, line, f"synonym {canonical!r} must map to a list of words or phrases"
                )
                continue
            self.synonyms[canonical] = self.synonyms.get(canonical, ()) + tuple(variants)

    def _read_intent(self, path: Path, line: int, item: Any) -> None:
        if not isinstance(item, dict):
            self.error(
                path, line, "each intent must be a mapping with id, kind, patterns and answer"
            )
            return
        ok = True
        for key in item:
            if key not in INTENT_KEYS:
                hint = " (did you mean 'patterns'?)" if key == "pattern" else ""
                self.error(path, _key_line(item, key), f"unknown key {key!r}{hint}")
                ok = False
        # A bad id or kind is reported, and the rest of the intent is still checked, so
        # an editor sees every problem at once.
        raw_id = item.get("id")
        intent_id = raw_id if isinstance(raw_id, str) else f"at line {line}"
        if not isinstance(raw_id, str) or not INTENT_ID.match(raw_id):
            self.error(
                path,
                _key_line(item, "id") if "id" in item else line,
                "'id' is required: lowercase letters, digits and _ (at most 40), "
                f"starting with a letter; got {raw_id!r}",
            )
            ok = False
        kind_text = item.get("kind")
        kind: Kind | None
        try:
            kind = Kind(str(kind_text))
        except ValueError:
            self.error(
                path,
                _key_line(item, "kind") if "kind" in item else line,
                f"intent {intent_id!r}: 'kind' must be one of "
                f"{', '.join(k.value for k in Kind)}; got {kind_text!r}",
            )
            kind = None
            ok = False
        patterns = self._text_list(path, item, "patterns", intent_id, required=True)
        source = self._text_list(path, item, "source", intent_id, required=kind is Kind.ARTICLE)
        related = self._text_list(path, item, "related", intent_id, required=False)
        triggers = self._text_list(path, item, "triggers", intent_id, required=False)
        answer = item.get("answer")
        answer_line = _key_line(item, "answer") if "answer" in item else line
        if not isinstance(answer, str) or not answer.strip():
            self.error(
                path, answer_line, f"intent {intent_id!r}: 'answer' is required and must be text"
            )
            ok = False
        elif self._answer_problems(path, answer_line, intent_id, answer.strip()):
            ok = False
        title = item.get("title", patterns[0] if patterns else intent_id)
        if not isinstance(title, str) or not title.strip():
            self.error(
                path, _key_line(item, "title"), f"intent {intent_id!r}: 'title' must be text"
            )
            ok = False
        if kind is not None and kind is not Kind.ARTICLE and source:
            self.error(
                path,
                _key_line(item, "source"),
                f"intent {intent_id!r}: only article intents "
                f"cite the article; a {kind.value} answer must not claim a source",
            )
            ok = False
        if kind is not None and kind is not Kind.SAFETY and triggers:
            self.error(
                path,
                _key_line(item, "triggers"),
                f"intent {intent_id!r}: 'triggers' are for safety intents only",
            )
            ok = False
        if (
            patterns is None
            or source is None
            or related is None
            or triggers is None
            or kind is None
            or not ok
        ):
            return
        assert isinstance(answer, str)
        assert isinstance(title, str)
        intent = Intent(
            id=intent_id,
            kind=kind,
            title=title.strip(),
            patterns=patterns,
            answer=answer.strip(),
            source=source,
            related=related,
            triggers=triggers,
            path=path,
            line=line,
        )
        self.answer_lines[id(intent)] = answer_line
        self.pattern_lines[id(intent)] = tuple(
            _item_line(item["patterns"], i) for i in range(len(patterns))
        )
        if source:
            self.source_lines[id(intent)] = tuple(
                _item_line(item["source"], i) for i in range(len(source))
            )
        for index, ref in enumerate(related):
            self.related_refs.append((intent, _item_line(item["related"], index), ref))
        self.intents.append(intent)

    def _text_list(
        self, path: Path, item: Any, key: str, intent_id: str, *, required: bool
    ) -> tuple[str, ...] | None:
        if key not in item:
            if required:
                self.error(path, _map_line(item), f"intent {intent_id!r}: {key!r} is required")
                return None
            return ()
        value = item[key]
        if not isinstance(value, list) or (required and not value):
            self.error(
                path,
                _key_line(item, key),
                f"intent {intent_id!r}: {key!r} must be a list of text items ('- ...')",
            )
            return None
        result = []
        for index, entry in enumerate(value):
            if not isinstance(entry, str) or not entry.strip():
                self.error(
                    path,
                    _item_line(value, index),
                    f"intent {intent_id!r}: every item of {key!r} must be non-empty text; "
                    f"got {entry!r}",
                )
                return None
            result.append(entry.strip() if key != "source" else entry)
        return tuple(result)

    def _answer_problems(self, path: Path, line: int, intent_id: str, answer: str) -> bool:
        """Check an answer's HTML and length; True if it has an error."""
        found = False
        for problem in html_problems(answer):
            self.error(
                path,
                line,
                f"intent {intent_id!r}: answer HTML that Telegram would reject: {problem}",
            )
            found = True
        length = utf16_length(to_plain_text(answer))
        if length > MESSAGE_LIMIT:
            self.error(
                path,
                line,
                f"intent {intent_id!r}: answer is {length} characters; "
                f"Telegram allows {MESSAGE_LIMIT}",
            )
            found = True
        elif length > ANSWER_AIM_CHARS:
            self.warn(
                path,
                line,
                f"intent {intent_id!r}: answer is {length} characters; "
                f"aim for under {ANSWER_AIM_CHARS} so it reads well in a chat",
            )
        if "\n\n" in answer and any(html_problems(p) for p in answer.split("\n\n")):
            self.error(
                path,
                line,
                f"intent {intent_id!r}: a tag spans a blank line; close it "
                "within the paragraph so long replies can be split safely",
            )
            found = True
        return found

    def finish(
        self, directory: Path, files: tuple[Path, ...]
    ) -> tuple[Content | None, list[Problem]]:
        document = self._document(directory, files)
        seen_ids: dict[str, Intent] = {}
        for intent in self.intents:
            if intent.id in seen_ids:
                first = seen_ids[intent.id]
                self.error(
                    intent.path,
                    intent.line,
                    f"duplicate intent id {intent.id!r} "
                    f"(first defined at {first.path}:{first.line})",
                )
            else:
                seen_ids[intent.id] = intent
        for intent, line, ref in self.related_refs:
            if ref not in seen_ids:
                self.error(
                    intent.path, line, f"intent {intent.id!r}: related id {ref!r} does not exist"
                )
            elif ref == intent.id:
                self.error(
                    intent.path,
                    line,
                    f"intent {intent.id!r}: an intent cannot be related to itself",
                )
        if document is not None:
            for intent in self.intents:
                self._check_sources(intent, document)
        self._check_shared_patterns()
        if document is None and not any(p.severity == "error" for p in self.problems):
            return None, self.problems
        content = Content(
            intents=tuple(seen_ids.values()),
            synonyms=self.synonyms,
            document=document or SourceDocument(directory, ""),
            files=files,
            warnings=tuple(p for p in self.problems if p.severity == "warning"),
        )
        return content, self.problems

    def _check_shared_patterns(self) -> None:
        """The same question (after normalisation) under two intents can only match one."""
        from bot.text import Normalizer

        normalizer = Normalizer(self.synonyms)
        owner: dict[str, tuple[Intent, int]] = {}
        for intent in self.intents:
            lines = self.pattern_lines.get(id(intent), ())
            for index, pattern in enumerate(intent.patterns):
                line = lines[index] if index < len(lines) else intent.line
                key = normalizer.normalize(pattern)
                first = owner.setdefault(key, (intent, line))
                if first[0].id != intent.id:
                    self.error(
                        intent.path,
                        line,
                        f"pattern {pattern!r} of {intent.id!r} is also a "
                        f"pattern of {first[0].id!r} ({first[0].path}:{first[1]}); a "
                        "question can only have one answer",
                    )

    def _document(self, directory: Path, files: tuple[Path, ...]) -> SourceDocument | None:
        if not self.document_refs:
            if not self.unusable:  # else the broken file may name it; its error is enough
                self.error(
                    files[0] if files else directory,
                    1 if files else 0,
                    "no file names the article: add 'source_document: "
                    "sources/<article>.txt' to one intent file",
                )
            return None
        path, line, ref = self.document_refs[0]
        for other_path, other_line, _ in self.document_refs[1:]:
            self.error(other_path, other_line, f"source_document is already set at {path}:{line}")
        folder = directory.resolve()
        target = (directory / ref).resolve()
        if not target.is_relative_to(folder):
            self.error(
                path,
                line,
                f"the source document {ref!r} is outside the intents folder; "
                "keep the article inside it (e.g. sources/<article>.txt)",
            )
            return None
        try:
            if not target.is_file():
                raise FileNotFoundError(f"{ref} is not a file")
            size = target.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                self.error(
                    path,
                    line,
                    f"the source document {ref!r} is {size:,} bytes; "
                    f"the limit is {MAX_DOCUMENT_BYTES:,}",
                )
                return None
            text = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.error(path, line, f"cannot read the source document {ref!r}: {reason}")
            return None
        return SourceDocument(target, text)

    def _check_sources(self, intent: Intent, document: SourceDocument) -> None:
        lines = self.source_lines.get(id(intent), ())
        for index, passage in enumerate(intent.source):
            if passage not in document.text:
                line = lines[index] if index < len(lines) else intent.line
                self.error(
                    intent.path,
                    line,
                    f"intent {intent.id!r}: source passage not found "
                    f"verbatim in {document.path.name}: {_preview(passage)!r}",
                )
        if intent.kind is Kind.ARTICLE:
            cited = figures(" ".join(intent.source))
            for figure in sorted(figures(to_plain_text(intent.answer)) - cited):
                self.error(
                    intent.path,
                    self.answer_lines.get(id(intent), intent.line),
                    f"intent {intent.id!r}: the answer says "
                    f"{figure!r} but none of its cited passages does; check the figure "
                    "or cite the passage it comes from",
                )


def figures(text: str) -> set[str]:
    """The figures in `text` (87%, MK-7, D3, K2), in one comparable form."""
    return set(_FIGURE.findall(_FIGURE_JOINER.sub("", text).lower()))


def _preview(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_list_of_text(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _parse_yaml(path: Path, problems: list[Problem]) -> Any:
    """Parse one YAML file, turning every way it can fail into a Problem."""
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


def _map_line(mapping: Any) -> int:
    lc = getattr(mapping, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else 0


def _key_line(mapping: Any, key: Any) -> int:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return _map_line(mapping)


def _item_line(sequence: Any, index: int) -> int:
    try:
        return int(sequence.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return _map_line(sequence)
