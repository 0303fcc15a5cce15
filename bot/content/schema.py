"""What one intent file may hold, checked key by key and intent by intent.

Each file is read on its own into a `FileContent`; the checks that need every file at
once (duplicate ids, related ids, the article) are in `bot.content.checks`.

To add an optional key to intents: add a field to `Intent` (bot/content/model.py), then
either a row in `TEXT_LISTS` (a list of text items, read and checked for you) or a name in
`OTHER_INTENT_KEYS` with the reading in `read_intent`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.model import BASE_LANGUAGE, Intent, IntentLines, Kind, Translation
from bot.content.problems import Problems
from bot.content.yaml_reader import (
    LineMap,
    item_line,
    key_line,
    map_line,
    parse_yaml,
    parse_yaml_bytes,
)
from bot.markup import MESSAGE_LIMIT, html_problems, to_plain_text, utf16_length

# Short answers read well in a chat; longer ones are allowed but flagged.
ANSWER_AIM_CHARS = 600
# Ids travel in Telegram callback data (64 bytes) and deep links (64 characters).
INTENT_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TOP_LEVEL_KEYS = frozenset(
    {"intents", "synonyms", "source_document", "source_title", "patterns_for"}
)


@dataclass(frozen=True, slots=True)
class TextList:
    """An intent key holding a list of text items.

    Attributes:
        required_for: the kinds that must have at least one item (empty: always optional).
        strip: whether items are stripped; cited passages are kept exactly as written, so
            they can be found verbatim in the article.
    """

    required_for: frozenset[Kind] = frozenset()
    strip: bool = True

    def required(self, kind: Kind | None) -> bool:
        """Whether an intent of `kind` (None: its kind is broken) must have this key."""
        return self.required_for == frozenset(Kind) or kind in self.required_for


# Read in this order, so problems are reported in the order of this table.
TEXT_LISTS: dict[str, TextList] = {
    "patterns": TextList(required_for=frozenset(Kind)),
    "source": TextList(required_for=frozenset({Kind.ARTICLE}), strip=False),
    "related": TextList(),
    "triggers": TextList(),
}
OTHER_INTENT_KEYS = frozenset({"id", "kind", "title", "answer", "translations"})
# A language code as editors write it: "ru", "uk", "pt-br".
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
TRANSLATION_KEYS = frozenset({"patterns", "answer", "title", "triggers", "source"})
INTENT_KEYS = OTHER_INTENT_KEYS | TEXT_LISTS.keys()


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A file's `source_document:` entry: the article's path relative to the folder."""

    path: Path
    line: int
    target: str
    # The article's title per other language (`source_title:` beside it), as
    # (language, title) pairs; the base language's title is the article's first line.
    titles: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class FileContent:
    """What one file contributes.

    `usable` is False when it could not be read as a mapping (it may be the file that named the
    article).
    """

    path: Path
    usable: bool = True
    intents: list[Intent] = field(default_factory=list)
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    document_refs: list[DocumentRef] = field(default_factory=list)
    # `patterns_for:` (written by /unanswered's "add" button): intent id -> (line, patterns)
    # more ways users ask an intent that is defined in another file.
    patterns_for: dict[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    # The ids of intents written here but refused for their errors: other intents naming
    # them are not also reported (the refused intent's own error says what to fix).
    refused_ids: list[str] = field(default_factory=list)


def read_file(path: Path, problems: Problems, *, raw: bytes | None = None) -> FileContent:
    """Read one intent file, appending every problem found to `problems`.

    Args:
        path: the file, named in every problem.
        problems: where the problems found are appended.
        raw: the file's bytes when already read (within the size limit); None reads them.
    """
    found = FileContent(path)
    reported = len(problems)
    data = parse_yaml(path, problems) if raw is None else parse_yaml_bytes(path, raw, problems)
    if data is None and len(problems) == reported:
        problems.error(
            path, 1, "the file is empty (or only comments): add intents to it, or delete it"
        )
    if not isinstance(data, dict):
        if data is not None:
            problems.error(path, 1, "the file must be a mapping with an 'intents:' list at the top")
        found.usable = False
        return found
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            problems.error(
                path,
                key_line(data, key),
                f"unknown top-level key {key!r}"
                + (
                    did_you_mean(key, TOP_LEVEL_KEYS)
                    or f"; expected one of: {', '.join(sorted(TOP_LEVEL_KEYS))}"
                ),
            )
    if "source_document" in data:
        value = data["source_document"]
        line = key_line(data, "source_document")
        if isinstance(value, str) and value.strip():
            titles = _read_source_titles(path, data, problems)
            found.document_refs.append(DocumentRef(path, line, value, titles))
        else:
            problems.error(
                path,
                line,
                "source_document must be a path to the article, relative to the intents folder",
            )
    elif "source_title" in data:
        problems.error(
            path,
            key_line(data, "source_title"),
            "source_title belongs next to source_document, in the file that names the article",
        )
    if "synonyms" in data:
        found.synonyms = _read_synonyms(path, data, problems)
    if "patterns_for" in data:
        table = data["patterns_for"]
        if not isinstance(table, dict):
            problems.error(
                path,
                key_line(data, "patterns_for"),
                "'patterns_for' must map an intent id to a list of patterns",
            )
        else:
            for intent_id in table:
                patterns = _text_list(
                    path,
                    table,
                    intent_id,
                    str(intent_id),
                    TEXT_LISTS["patterns"],
                    required=True,
                    problems=problems,
                )
                if patterns is not None:
                    found.patterns_for[str(intent_id)] = (key_line(table, intent_id), patterns)
    if "intents" in data:
        items = data["intents"]
        if not isinstance(items, list):
            problems.error(
                path,
                key_line(data, "intents"),
                "'intents' must be a list of intents (each item starting with '- id: ...')",
            )
            return found
        for index, item in enumerate(items):
            intent = read_intent(path, item_line(items, index), item, problems)
            if intent is not None:
                found.intents.append(intent)
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                found.refused_ids.append(item["id"])
    return found


def _read_source_titles(path: Path, data: Any, problems: Problems) -> tuple[tuple[str, str], ...]:
    """`source_title:`: the article's title rendered per language ({ru: "..."})."""
    if "source_title" not in data:
        return ()
    table = data["source_title"]
    line = key_line(data, "source_title")
    if not isinstance(table, dict):
        problems.error(
            path, line, "source_title must map a language code to the title in it (ru: ...)"
        )
        return ()
    titles = []
    for language, title in table.items():
        at = key_line(table, language) or line
        if not (isinstance(language, str) and LANGUAGE_CODE.match(language)):
            problems.error(path, at, f"source_title: {language!r} is not a language code")
        elif language == BASE_LANGUAGE:
            problems.error(
                path,
                at,
                f"source_title: the {BASE_LANGUAGE!r} title is the article's first line; "
                "list only its renderings in other languages",
            )
        elif not (isinstance(title, str) and title.strip()):
            problems.error(path, at, f"source_title: the {language!r} title must be text")
        else:
            titles.append((language, " ".join(title.split())))
    return tuple(titles)


def _read_synonyms(path: Path, data: Any, problems: Problems) -> dict[str, tuple[str, ...]]:
    synonyms: dict[str, tuple[str, ...]] = {}
    table = data["synonyms"]
    if not isinstance(table, dict):
        problems.error(
            path,
            key_line(data, "synonyms"),
            "'synonyms' must map a canonical word to a list of variants",
        )
        return synonyms
    for canonical, variants in table.items():
        line = key_line(table, canonical)
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(canonical, str) or not _is_list_of_text(variants):
            problems.error(
                path, line, f"synonym {canonical!r} must map to a list of words or phrases"
            )
            continue
        synonyms[canonical] = synonyms.get(canonical, ()) + tuple(variants)
    return synonyms


def did_you_mean(key: Any, known: Collection[str]) -> str:
    """The hint for a misspelt key or id ("anser": " (did you mean 'answer'?)"), or "".

    "" when nothing known is close.

    Args:
        key: what the editor wrote.
        known: what it may be meant as.
    """
    close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def read_intent(path: Path, line: int, item: Any, problems: Problems) -> Intent | None:
    """Read one intent written at `path:line`; None (with its problems recorded) if broken.

    A bad id or kind is reported and the rest of the intent is still checked, so an editor
    sees every problem at once.
    """
    if not isinstance(item, dict):
        problems.error(
            path, line, "each intent must be a mapping with id, kind, patterns and answer"
        )
        return None
    reported = len(problems)
    for key in item:
        if key not in INTENT_KEYS:
            hint = did_you_mean(key, INTENT_KEYS)
            problems.error(path, key_line(item, key), f"unknown key {key!r}{hint}")
    raw_id = item.get("id")
    intent_id = raw_id if isinstance(raw_id, str) else f"at line {line}"
    if not isinstance(raw_id, str) or not INTENT_ID.match(raw_id):
        problems.error(
            path,
            key_line(item, "id") if "id" in item else line,
            "'id' is required: lowercase letters, digits and _ (at most 40), "
            f"starting with a letter; got {raw_id!r}",
        )
    kind = _read_kind(path, line, item, intent_id, problems)
    item, translations = _split_languages(path, item, intent_id, problems)
    lists: dict[str, tuple[str, ...] | None] = {
        key: _text_list(
            path,
            item,
            key,
            intent_id,
            rule,
            required=rule.required(kind),
            problems=problems,
        )
        for key, rule in TEXT_LISTS.items()
    }
    answer_line = key_line(item, "answer") if "answer" in item else line
    answer = _read_answer(path, answer_line, item, intent_id, problems)
    patterns = lists["patterns"]
    title = item.get("title", patterns[0] if patterns else intent_id)
    if not isinstance(title, str) or not title.strip():
        problems.error(path, key_line(item, "title"), f"intent {intent_id!r}: 'title' must be text")
    if kind is not None and kind is not Kind.ARTICLE and lists["source"]:
        problems.error(
            path,
            key_line(item, "source"),
            f"intent {intent_id!r}: only article intents "
            f"cite the article; a {kind.value} answer must not claim a source",
        )
    if kind is not None and kind is not Kind.SAFETY and any(t.triggers for t in translations):
        problems.error(
            path,
            key_line(item, "translations"),
            f"intent {intent_id!r}: 'triggers' are for safety intents only",
        )
    if kind is not None and kind is not Kind.SAFETY and lists["triggers"]:
        problems.error(
            path,
            key_line(item, "triggers"),
            f"intent {intent_id!r}: 'triggers' are for safety intents only",
        )
    texts = {key: value for key, value in lists.items() if value is not None}
    broken = any(p.severity == "error" for p in problems[reported:])
    if broken or kind is None or len(texts) < len(lists) or answer is None:
        return None
    for found in translations:
        # A translated passage stands beside its English one, so they pair one to one.
        if found.source and len(found.source) != len(texts.get("source", ())):
            problems.error(
                path,
                key_line(item, "translations"),
                f"intent {intent_id!r}: {len(found.source)} translated source passages "
                f"in {found.language!r} for {len(texts.get('source', ()))} English ones; "
                "give one per English passage, in the same order",
            )
            return None
    if kind is not Kind.ARTICLE:
        # Safety and small-talk answers must reach every language they are asked in.
        for found in translations:
            if found.patterns and not found.answer:
                problems.warn(
                    path,
                    line,
                    f"intent {intent_id!r}: patterns in {found.language!r} but no answer "
                    f"in {found.language!r}; the English answer is given",
                )
    assert isinstance(title, str)  # a bad title is an error above, so `broken` is set
    return Intent(
        id=intent_id,
        kind=kind,
        title=title.strip(),
        answer=answer,
        path=path,
        line=line,
        lines=IntentLines(
            answer=answer_line,
            patterns=_item_lines(item, "patterns", texts),
            source=_item_lines(item, "source", texts),
            related=_item_lines(item, "related", texts),
        ),
        translations=translations,
        **texts,
    )


def _split_languages(
    path: Path, item: Any, intent_id: str, problems: Problems
) -> tuple[Any, tuple[Translation, ...]]:
    """Separate the base-language patterns and answer of `item` from its other languages.

    Three forms are read: `patterns: {en: [...], ru: [...]}`, `answer: {en: ..., ru: ...}`
    and a `translations: {ru: {patterns: [...], answer: ..., title: ...}}` block. The plain
    form (`patterns: [...]`, `answer: ...`) is the base language only.

    Returns:
        `item` with `patterns` and `answer` holding the base language only (a copy when it
        had other languages), and the other languages in the order they were written.
    """
    per_language: dict[str, dict[str, Any]] = {}

    def slot(language: str) -> dict[str, Any]:
        return per_language.setdefault(
            language,
            {
                "patterns": (),
                "answer": "",
                "title": "",
                "answer_line": 0,
                "triggers": (),
                "source": (),
            },
        )

    def language_ok(table: Any, language: Any, where: str) -> bool:
        if isinstance(language, str) and LANGUAGE_CODE.match(language):
            return True
        problems.error(
            path,
            key_line(table, language),
            f"intent {intent_id!r}: {where} key {language!r} is not a language code "
            "(lowercase, like 'en', 'ru' or 'pt-br')",
        )
        return False

    def read_answer(table: Any, key: str, language: str) -> None:
        text = table[key]
        answer_line = key_line(table, key)
        if not isinstance(text, str) or not text.strip():
            problems.error(
                path,
                answer_line,
                f"intent {intent_id!r}: the answer in {language!r} must be text",
            )
            return
        if slot(language)["answer"]:
            problems.error(
                path,
                answer_line,
                f"intent {intent_id!r}: a second answer in {language!r}; keep one",
            )
            return
        _check_answer(path, answer_line, intent_id, text.strip(), problems)
        slot(language).update(answer=text.strip(), answer_line=answer_line)

    def read_patterns(table: Any, key: str, language: str) -> None:
        found = _text_list(
            path,
            table,
            key,
            intent_id,
            TEXT_LISTS["patterns"],
            required=True,
            problems=problems,
        )
        if found:
            slot(language)["patterns"] += found

    base = _copy(item)
    # `patterns:` and `answer:` may each be a table by language: English stays on the intent,
    # every other language goes to its translation.
    for key, what, read_other in (
        ("patterns", "a 'patterns'", read_patterns),
        ("answer", "an 'answer'", read_answer),
    ):
        by_language = item.get(key)
        if not isinstance(by_language, dict):
            continue
        base.pop(key)
        for language in by_language:
            if not language_ok(by_language, language, what):
                continue
            if language == BASE_LANGUAGE:
                base[key] = by_language[language]
                _copy_line(base, key, key_line(by_language, language))
            else:
                read_other(by_language, language, language)
        if key == "patterns" and key not in base:
            problems.error(
                path,
                key_line(item, key),
                f"intent {intent_id!r}: 'patterns' needs an {BASE_LANGUAGE!r} list too",
            )
            base[key] = None
    table = item.get("translations")
    if table is not None and not isinstance(table, dict):
        problems.error(
            path,
            key_line(item, "translations"),
            f"intent {intent_id!r}: 'translations' must map a language code to "
            "patterns, answer and title",
        )
    elif table is not None:
        for language in table:
            if not language_ok(table, language, "a 'translations'"):
                continue
            entry = table[language]
            if not isinstance(entry, dict):
                problems.error(
                    path,
                    key_line(table, language),
                    f"intent {intent_id!r}: translation {language!r} must be a mapping "
                    "with patterns, answer and title",
                )
                continue
            for key in entry:
                if key not in TRANSLATION_KEYS:
                    problems.error(
                        path,
                        key_line(entry, key),
                        f"intent {intent_id!r}: unknown key {key!r} in translation "
                        f"{language!r}"
                        + (
                            did_you_mean(key, TRANSLATION_KEYS)
                            or f"; expected {', '.join(sorted(TRANSLATION_KEYS))}"
                        ),
                    )
            if "patterns" in entry:
                read_patterns(entry, "patterns", language)
            if "answer" in entry:
                read_answer(entry, "answer", language)
            if "triggers" in entry:
                found = _text_list(
                    path,
                    entry,
                    "triggers",
                    intent_id,
                    TEXT_LISTS["triggers"],
                    required=True,
                    problems=problems,
                )
                if found:
                    slot(language)["triggers"] += found
            if "source" in entry:
                passages = _text_list(
                    path,
                    entry,
                    "source",
                    intent_id,
                    TEXT_LISTS["source"],
                    required=True,
                    problems=problems,
                )
                if passages:
                    slot(language)["source"] += passages
            title = entry.get("title")
            if title is not None:
                if isinstance(title, str) and title.strip():
                    slot(language)["title"] = title.strip()
                else:
                    problems.error(
                        path,
                        key_line(entry, "title"),
                        f"intent {intent_id!r}: the title in {language!r} must be text",
                    )
    translations = tuple(
        Translation(
            language=language,
            patterns=tuple(values["patterns"]),
            answer=values["answer"],
            title=values["title"],
            answer_line=values["answer_line"],
            triggers=tuple(values["triggers"]),
            source=tuple(values["source"]),
        )
        for language, values in per_language.items()
        if language != BASE_LANGUAGE
    )
    return base, translations


def _copy(item: Any) -> Any:
    """A shallow copy of a parsed mapping that keeps the lines of its keys."""
    if isinstance(item, LineMap):
        copied = LineMap(item.line)
        copied.update(item)
        copied.key_lines.update(item.key_lines)
        return copied
    return dict(item)


def _copy_line(mapping: Any, key: str, line: int) -> None:
    if isinstance(mapping, LineMap):
        mapping.key_lines[key] = line


def _read_kind(path: Path, line: int, item: Any, intent_id: str, problems: Problems) -> Kind | None:
    kind_text = item.get("kind")
    try:
        return Kind(str(kind_text))
    except ValueError:
        problems.error(
            path,
            key_line(item, "kind") if "kind" in item else line,
            f"intent {intent_id!r}: 'kind' must be one of "
            f"{', '.join(k.value for k in Kind)}; got {kind_text!r}",
        )
        return None


def _read_answer(
    path: Path, line: int, item: Any, intent_id: str, problems: Problems
) -> str | None:
    answer = item.get("answer")
    if not isinstance(answer, str) or not answer.strip():
        problems.error(path, line, f"intent {intent_id!r}: 'answer' is required and must be text")
        return None
    answer = answer.strip()
    _check_answer(path, line, intent_id, answer, problems)
    return answer


def _item_lines(item: Any, key: str, texts: dict[str, tuple[str, ...]]) -> tuple[int, ...]:
    return tuple(item_line(item[key], i) for i in range(len(texts[key]))) if texts[key] else ()


def _text_list(
    path: Path,
    item: Any,
    key: str,
    intent_id: str,
    rule: TextList,
    *,
    required: bool,
    problems: Problems,
) -> tuple[str, ...] | None:
    if key not in item:
        if required:
            problems.error(path, map_line(item), f"intent {intent_id!r}: {key!r} is required")
            return None
        return ()
    value = item[key]
    if not isinstance(value, list) or (required and not value):
        problems.error(
            path,
            key_line(item, key),
            f"intent {intent_id!r}: {key!r} must be a list of text items ('- ...')",
        )
        return None
    result = []
    for index, entry in enumerate(value):
        if not isinstance(entry, str) or not entry.strip():
            problems.error(
                path,
                item_line(value, index),
                f"intent {intent_id!r}: every item of {key!r} must be non-empty text; "
                f"got {entry!r}",
            )
            return None
        result.append(entry.strip() if rule.strip else entry)
    return tuple(result)


def _check_answer(path: Path, line: int, intent_id: str, answer: str, problems: Problems) -> None:
    """Check an answer's HTML and length."""
    for problem in html_problems(answer):
        problems.error(
            path,
            line,
            f"intent {intent_id!r}: answer HTML that Telegram would reject: {problem}",
        )
    length = utf16_length(to_plain_text(answer))
    if length > MESSAGE_LIMIT:
        problems.error(
            path,
            line,
            f"intent {intent_id!r}: answer is {length} characters; Telegram allows {MESSAGE_LIMIT}",
        )
    elif length > ANSWER_AIM_CHARS:
        problems.warn(
            path,
            line,
            f"intent {intent_id!r}: answer is {length} characters; "
            f"aim for under {ANSWER_AIM_CHARS} so it reads well in a chat",
        )
    if "\n\n" in answer and any(html_problems(p) for p in answer.split("\n\n")):
        problems.error(
            path,
            line,
            f"intent {intent_id!r}: a tag spans a blank line; close it "
            "within the paragraph so long replies can be split safely",
        )


def _is_list_of_text(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
