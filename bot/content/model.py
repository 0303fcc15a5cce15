"""The content's data model: intents, the source article, and the content they make up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from bot.errors import Problem


class Kind(StrEnum):
    """What an intent is for; it decides how the answer is sourced and composed."""

    ARTICLE = "article"
    SMALLTALK = "smalltalk"
    SAFETY = "safety"
    OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True, slots=True)
class IntentLines:
    """Where the parts of one intent are written in its file (1-based; 0 when unknown).

    Carried on the intent so that every later check and lint (cross-file checks, the
    confusability lint) points at the right line without reading the file again.
    """

    answer: int = 0
    patterns: tuple[int, ...] = ()
    source: tuple[int, ...] = ()
    related: tuple[int, ...] = ()


# The language of an intent's plain `patterns:` and `answer:`; the cited article is in it too.
BASE_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Translation:
    """An intent in one more language: how users ask it there and the answer given there.

    Attributes:
        language: a language code ("ru", "uk", "pt-br"), lowercase.
        patterns: the ways users ask in that language (may be empty: answer only).
        answer: the answer in that language ("" when only patterns are given, and the base
            answer is used).
        title: the title in that language ("" uses the base title).
        answer_line: the line of that answer in its file (0 when unknown).
        triggers: a safety intent's trigger words and phrases in that language; a question
            holding one gets the referral in that language.
        source: an article intent's source passages rendered in that language, one per
            English passage and in the same order; shown as a translation beside the
            English words, which stay the quote.
    """

    language: str
    patterns: tuple[str, ...] = ()
    answer: str = ""
    title: str = ""
    answer_line: int = 0
    triggers: tuple[str, ...] = ()
    source: tuple[str, ...] = ()


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
    # The intent in other languages than `BASE_LANGUAGE`, in the order they were written.
    translations: tuple[Translation, ...] = ()
    path: Path = Path()
    line: int = 0
    # Not part of what the intent says: moving it in its file does not change it.
    lines: IntentLines = field(default=IntentLines(), compare=False, repr=False)

    @property
    def answers_the_question(self) -> bool:
        """Whether matching this intent counts as answering (out-of-scope ones decline)."""
        return self.kind is not Kind.OUT_OF_SCOPE

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the intent has an answer in, the base language first."""
        return (BASE_LANGUAGE, *(t.language for t in self.translations if t.answer))

    def translation(self, language: str) -> Translation | None:
        """The intent in `language`, or None when it has nothing in that language."""
        return next((t for t in self.translations if t.language == language), None)

    def answer_in(self, language: str) -> str:
        """The answer in `language`, or the base answer when there is none in it."""
        found = self.translation(language)
        return found.answer if found is not None and found.answer else self.answer

    def title_in(self, language: str) -> str:
        """The title in `language`, or the base title when there is none in it."""
        found = self.translation(language)
        return found.title if found is not None and found.title else self.title

    def source_in(self, language: str) -> tuple[str, ...]:
        """The source passages translated into `language` (empty when there are none)."""
        if language == BASE_LANGUAGE:
            return ()
        found = self.translation(language)
        return found.source if found is not None else ()

    def patterns_in(self, language: str) -> tuple[str, ...]:
        """The patterns written for `language` (the base patterns for the base language)."""
        if language == BASE_LANGUAGE:
            return self.patterns
        found = self.translation(language)
        return found.patterns if found is not None else ()

    @property
    def all_triggers(self) -> tuple[str, ...]:
        """The safety triggers of every language, the base language's first."""
        return self.triggers + tuple(w for t in self.translations for w in t.triggers)

    @property
    def all_patterns(self) -> tuple[str, ...]:
        """The patterns of every language, the base language's first."""
        return self.patterns + tuple(p for t in self.translations for p in t.patterns)

    @property
    def answer_line(self) -> int:
        """The line of the `answer:` key (the intent's own line when unknown)."""
        return self.lines.answer or self.line

    def pattern_line(self, index: int) -> int:
        """The line of pattern number `index` (the intent's own line when unknown)."""
        return _nth(self.lines.patterns, index, self.line)

    def source_line(self, index: int) -> int:
        """The line of cited passage number `index` (the intent's own line when unknown)."""
        return _nth(self.lines.source, index, self.line)

    def related_line(self, index: int) -> int:
        """The line of related id number `index` (the intent's own line when unknown)."""
        return _nth(self.lines.related, index, self.line)


def _nth(lines: tuple[int, ...], index: int, default: int) -> int:
    return lines[index] if 0 <= index < len(lines) else default


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The article every answer is drawn from; passages are quoted from `text` verbatim."""

    path: Path
    text: str
    # The title rendered in other languages (`source_title:`), as (language, title) pairs.
    titles: tuple[tuple[str, str], ...] = ()

    @property
    def title(self) -> str:
        """The article's first non-blank line: its title as written, in the base language."""
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")

    def translated_title(self, language: str) -> str | None:
        """The title rendered in `language`, or None when the content gives none."""
        return next((title for code, title in self.titles if code == language), None)

    def title_in(self, language: str) -> str:
        """The title in `language`: its rendering when given, else the original title."""
        return self.translated_title(language) or self.title


@dataclass(frozen=True, slots=True)
class Content:
    """A consistent set of intents, synonyms and the source document, loaded together."""

    intents: tuple[Intent, ...]
    synonyms: Mapping[str, tuple[str, ...]]
    document: SourceDocument
    files: tuple[Path, ...] = ()
    warnings: tuple[Problem, ...] = ()
    # Intent id -> the positions of its patterns worth indexing, for intents grown past
    # what an editor writes by hand (`bot.content.phrasings`); an intent not here: all.
    indexed: Mapping[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    # Whether other languages' patterns are indexed; the responder matches questions without
    # a word of another language on an index of the base language only, as before them.
    with_translations: bool = field(default=True, repr=False)
    by_id: Mapping[str, Intent] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {intent.id: intent for intent in self.intents})

    def indexed_patterns(self, intent: Intent) -> tuple[str, ...]:
        """The patterns of `intent` worth indexing.

        All of a hand-written intent's; of one grown by thousands of pasted phrasings, the first of
        each word set without noise; then the patterns of its other languages.
        """
        # Every language's patterns are indexed: a question is matched in whichever it is.
        others = (
            tuple(p for t in intent.translations for p in t.patterns)
            if self.with_translations
            else ()
        )
        positions = self.indexed.get(intent.id)
        if positions is None:
            return intent.patterns + others if others else intent.patterns
        return tuple(intent.patterns[k] for k in positions) + others

    def of_kind(self, kind: Kind) -> tuple[Intent, ...]:
        """The intents of one kind, in file order."""
        return tuple(intent for intent in self.intents if intent.kind is kind)


def base_language_only(content: Content) -> Content:
    """`content` indexed on its base-language patterns only (the same intents)."""
    return replace(content, with_translations=False)
