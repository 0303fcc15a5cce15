"""Readings: the triggers of the languages whose words are reduced one way.

A reading files its triggers by where they may start, holds the typo targets and respells
misspelt and short slipped words; here too what a question's word tries, and the triggers
and hits themselves (`_Entry`, `_Hit`).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, cast

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.intents import Intent
from bot.language import BASE_LANGUAGE
from bot.matching.lexicon import zipf
from bot.matching.one_edit import OneEditIndex
from bot.matching.safety.expression_reach import Reach, expression_reach
from bot.matching.safety.expression_starts import _first_character, needs_non_ascii
from bot.matching.safety.expressions import MIN_PREFIX, _unchanged
from bot.matching.safety.slips import (
    MAX_LOOKED_UP,
    OTHER_LANGUAGE_TYPO_WORD,
    SHORT_TYPO_MARGIN,
    SHORT_TYPO_WORD,
    TWO_TYPOS_WORD,
    TYPO_WORD,
    _deletions,
    _slip,
    _slip_likelihood,
)
from bot.matching.typos import REAL_WORD_ZIPF, is_real_word
from bot.text import (
    TYPED,
    word_reducer,
)

# Words (and characters) each reading, and each matcher's triggers, remember what they were
# reduced to and what is tried at them (see `_Reading.tried_at`, `SafetyTriggers._reduced`):
# a few megabytes at most.
MAX_REMEMBERED_WORDS = 10_000
# French and Italian write an article or preposition onto a word beginning with a vowel
# ("l'opération", "dell'intervento", "j'allaite"); folding drops the apostrophe and glues
# them ("dellintervento"). In a language matched as typed, a word so glued is also read
# from where its own word begins, when that is ELIDED_WORD letters or more.
_ELIDED = re.compile(
    r"(?:dell|dall|nell|sull|coll|all|quest|quell|lorsqu|puisqu|jusqu|qu|un|l|d|j|m|t|s|n|c)"
    r"(?=[aeiouyh])"
)
ELIDED_WORD = 4


class _Entry(NamedTuple):
    """Triggers of one intent and tier, tried together where one of them could start."""

    tier: int
    intent: Intent
    expression: str
    # Marked everyday ("~"): never routes without a word about taking something.
    everyday: bool = False


class _Hit(NamedTuple):
    """One trigger found in a question."""

    tier: int
    specificity: float
    weight: int
    intent: Intent
    text: str
    # The question's words the trigger itself said (by position): wholly inside the
    # match, and not words a `*` stood for.
    covered: tuple[int, ...]
    # Whether it routes with no word about taking something (see `_stands_alone`).
    alone: bool
    # Whether a reading of another language than English and Russian found it.
    other_language: bool = False


# `_end_reach` of a trigger that may consume any number of spaces.
NO_BOUND = sys.maxsize


class _EdgeReach(NamedTuple):
    """What of a reading's triggers may read a sentence's edges otherwise than a message's.

    See `expression_reach`. The triggers that may read its end otherwise (`at_end`), by
    where they are filed, with the most spaces each may consume; the most of all; and
    the longest look-back of any trigger.
    """

    by_word: dict[str, int]
    by_start: dict[str, int]
    anywhere: tuple[tuple[_Entry, int], ...]
    at_end: int
    behind: int


# A compiled trigger expression's `match`: the question's text and where to try it.
_Matcher = Callable[[str, int], "re.Match[str] | None"]


@dataclass(slots=True)
class _Reading:
    """The triggers of the languages whose words are reduced one way, and that reduction."""

    reduce: Callable[[str], str]
    # How a prefix or part of a word ("вагітн*", "#(mcg|mg)") is folded to meet the reduced
    # words: typed words fold letter variants; stemmed words take it as written.
    fold_part: Callable[[str], str]
    # Whether its words are other languages' than English (not stemmed as English is):
    # there a tie in specificity goes to the match with more letters outside function
    # words (every word is rare to English: "amamanto" beats "mi bebe") rather than to the
    # longer match as typed (English, as measured); and a word weighs no more than it
    # does read as English ("baby's", the German list's "babys", weighs as "baby").
    other_language: bool = False
    # Triggers are tried only where a word could start them (see `_Start`); Han and kana
    # (written without spaces) are searched for inside words.
    by_word: dict[str, list[_Entry]] = field(default_factory=dict)
    by_start: dict[str, list[_Entry]] = field(default_factory=dict)
    anywhere: list[_Entry] = field(default_factory=list)
    # What is tried where a question's word starts, by the word: its `by_word` and
    # `by_start` triggers and the `anywhere` ones that can begin with its first character
    # (most of those start with a number; see `_first_character`). Worked out when a word
    # is first met; a question's words are mostly ones met before.
    tried_at: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)
    # The same, each trigger with its compiled expression's `match`: the hottest loop of
    # the safety reading then neither looks an expression up nor calls a method to.
    matchers_at: dict[str, tuple[tuple[_Entry, _Matcher], ...]] = field(default_factory=dict)
    # The expressions that read nothing but the word where they are tried (`Reach.word_local`):
    # tried once on a word alone when it is first met, and kept among its `matchers_at`
    # only if they match it there. Worked out by `SafetyTriggers.warm_up`; until then, None:
    # every expression is kept, with the same hits.
    word_local: frozenset[str] | None = None
    # The `unspaced` triggers (by their place in it) that can begin with a character, by
    # that character: a question without Han or kana characters searches for none.
    unspaced_at: dict[str, frozenset[int]] = field(default_factory=dict)
    # The `anywhere` triggers that can begin with a character, by that character (what
    # `tried_at` adds to a word's own), so a new word does not look through them all.
    anywhere_at: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)
    unspaced: list[_Entry] = field(default_factory=list)
    # The places in `unspaced` of the triggers that may match a text of ASCII alone (most
    # in-word triggers are Chinese, Korean or Thai: `needs_non_ascii`). Worked out by
    # `SafetyTriggers.warm_up`; until then, None: every one is looked for.
    ascii_unspaced: frozenset[int] | None = None
    # A sentence read on its own is tried only at the words where its triggers may match
    # otherwise than in the message (`SafetyTriggers._edge_words`): what of the triggers
    # may (`_edge_reach`), and `_end_reach` by the word.
    edge_reach: _EdgeReach | None = None
    end_reach_at: dict[str, int] = field(default_factory=dict)
    # A misspelt word is read as the long trigger word it is closest to.
    typo_targets: list[str] = field(default_factory=list)
    # Short Latin trigger words, filed by their one-letter deletions (see SHORT_TYPO_WORD):
    # English only, where a word list says whether the misspelling is a word of its own.
    # Each is filed as written and with a plural "s" ("kids" for "kid"), with the word it
    # stands for.
    short_targets: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # Every plain word of the reading's triggers (never respelt as a short slip: "hrt").
    trigger_words: frozenset[str] = frozenset()
    # Words already looked up among the short targets, and what each was read as.
    short_looked_up: dict[str, str] = field(default_factory=dict)
    typo_target_set: frozenset[str] = frozenset()
    # Words already looked up among the typo targets, and what each was read as: the
    # lookup costs tens of microseconds, and questions keep bringing the same words.
    looked_up: dict[str, str] = field(default_factory=dict)
    # The typo targets filed for a one-edit lookup (built by `SafetyTriggers.warm_up`;
    # until then the targets are scanned, with the same result).
    near: OneEditIndex | None = None
    # Whether a word may hold an elided article glued on (see `_ELIDED`): typed words only.
    elided: bool = False

    def spelled(self, word: str, context: frozenset[str]) -> str:
        """`word`, or the long trigger word it misspells ("apixiban" -> "apixaban")."""
        if (
            len(word) < (OTHER_LANGUAGE_TYPO_WORD if self.other_language else TYPO_WORD)
            or word in self.typo_target_set
            or word in context
            or not self.typo_targets
            or is_real_word(word)
        ):
            return word
        known = self.looked_up.get(word)
        if known is not None:
            return known
        # Edits counted as the matcher's typo corrector counts them: two swapped neighbours
        # are one slip (optimal string alignment), so "apixbaan" is apixaban.
        edits = 2 if len(word) >= TWO_TYPOS_WORD and not self.other_language else 1
        near = self.near
        if edits == 1 and near is not None:
            found = near.closest(word) or word  # the scan's answer, without the scan
        else:
            hit = process.extractOne(
                word, self.typo_targets, scorer=OSA.distance, score_cutoff=edits
            )
            found = word if hit is None else hit[0]
        if len(self.looked_up) >= MAX_LOOKED_UP:
            self.looked_up.clear()  # bounded; threads may race here, and either result is right
        self.looked_up[word] = found
        return found

    def short_spelled(self, word: str, context: frozenset[str]) -> str:
        """`word`, or the short trigger word it is one slip from ("blod" -> "blood").

        See SHORT_TYPO_WORD. A word of a trigger, of the context (domain and intake
        words) or common in English is meant as typed ("hrt", "kidd").
        """
        if (
            len(word) < SHORT_TYPO_WORD
            or word in self.trigger_words
            or word in context
            or not word.isascii()
            or not word.isalpha()
        ):
            return word
        known = self.short_looked_up.get(word)
        if known is None:
            known = self._short_respelling(word)
            if len(self.short_looked_up) >= MAX_LOOKED_UP:
                self.short_looked_up.clear()  # bounded; threads may race, either result is right
            self.short_looked_up[word] = known
        return known

    def _short_respelling(self, word: str) -> str:
        frequency = zipf(word)
        if frequency >= REAL_WORD_ZIPF:
            return word
        candidates = {
            (_slip_likelihood(form, word), zipf(target), target)
            for variant in _deletions(word)
            for form, target in self.short_targets.get(variant, ())
            if form != word and _slip(form, word) and zipf(target) >= frequency + SHORT_TYPO_MARGIN
        }
        # The likeliest slip ("mnay" is "many" swapped before "may" with a letter added),
        # then the commonest word, then the last in order, so the choice is stable.
        return max(candidates)[2] if candidates else word


def _reading(language: str, readings: dict[str, _Reading]) -> tuple[str, _Reading]:
    """The reading of `language`'s words (created in `readings` when first needed), by key."""
    key, reduce = word_reducer(language)
    if key not in readings:
        fold_part = reduce if key == TYPED else _unchanged
        readings[key] = _Reading(
            reduce, fold_part, other_language=key != "stem", elided=key == TYPED
        )
    return key, readings[key]


def _triggers_by_language(intent: Intent) -> Iterable[tuple[str, tuple[str, ...]]]:
    yield BASE_LANGUAGE, intent.triggers
    for translation in intent.translations:
        yield translation.language, translation.triggers


def _tried_at(reading: _Reading, word: str, first: str) -> tuple[_Entry, ...]:
    """The triggers of `reading` that may match where `word` starts, in the order tried.

    Args:
        reading: the reading whose triggers are tried.
        word: the question's word, as the reading reduces it.
        first: the question's character where the word starts (a space, or nothing at
            the end, for an empty word): `anywhere` triggers that cannot begin with it
            are left out.
    """
    tried = reading.by_word.get(word, [])
    if len(word) >= MIN_PREFIX:
        tried = tried + reading.by_start.get(word[:MIN_PREFIX], [])
    anywhere = reading.anywhere_at.get(first)
    if anywhere is None:
        anywhere = _anywhere_at(reading, first)
    entries = (*tried, *anywhere)
    if word:  # an empty word's next character is not its own
        if len(reading.tried_at) >= MAX_REMEMBERED_WORDS:
            reading.tried_at.clear()  # threads may race here, and either result is right
        reading.tried_at[word] = entries
    return entries


def _anywhere_at(reading: _Reading, first: str) -> tuple[_Entry, ...]:
    """The `anywhere` triggers of `reading` that may begin with the character `first`.

    Remembered per character: a new word pays for looking through them only when it
    starts with a character no word started with before.
    """
    entries = tuple(entry for entry in reading.anywhere if _may_begin(entry, first))
    if len(reading.anywhere_at) >= MAX_REMEMBERED_WORDS:
        reading.anywhere_at.clear()  # threads may race here, and either result is right
    reading.anywhere_at[first] = entries
    return entries


def _unspaced_in(reading: _Reading, haystack: str) -> list[int]:
    """The places in `reading.unspaced` of the triggers that may be found in `haystack`.

    A match begins at one of the haystack's characters; in their order.
    """
    # "": the triggers that may match nothing or that `_first_character` cannot read.
    characters = {"", *haystack}
    remembered = list(map(reading.unspaced_at.get, characters))
    if None in remembered:  # characters met for the first time (or forgotten: see below)
        numbers = [_unspaced_at(reading, character) for character in characters]
    else:
        numbers = cast(list[frozenset[int]], remembered)
    return sorted(frozenset[int]().union(*numbers))


def _unspaced_at(reading: _Reading, character: str) -> frozenset[int]:
    """The places in `reading.unspaced` of the triggers that may begin with `character`."""
    unspaced_at = reading.unspaced_at
    numbers = unspaced_at.get(character)
    if numbers is None:
        numbers = frozenset(
            number for number, entry in enumerate(reading.unspaced) if _may_begin(entry, character)
        )
        if len(unspaced_at) >= MAX_REMEMBERED_WORDS:
            unspaced_at.clear()  # threads may race here, and either result is right
        unspaced_at[character] = numbers
    return numbers


def _may_begin(entry: _Entry, first: str) -> bool:
    """Whether a match of `entry` may begin with the character `first` ("": with nothing)."""
    test = _first_character(entry.expression)
    return test is None or test.match(first) is not None


@functools.lru_cache(maxsize=65_536)
def _elision(word: str) -> int:
    """How many letters of an elided article are glued onto a typed word (0: none)."""
    elided = _ELIDED.match(word)
    if elided is None or len(word) - elided.end() < ELIDED_WORD:
        return 0
    return elided.end()


def _without_elision(word: str) -> str:
    """A typed word without the elided article glued onto it ("dellintervento")."""
    return word[_elision(word) :]


def _end_spaces(reaches: Iterable[Reach]) -> int:
    """The most spaces one of `reaches` that reads a sentence's end may consume (-1: none)."""
    most = -1
    for reach in reaches:
        if reach.at_end:
            most = max(most, NO_BOUND if reach.spaces is None else reach.spaces)
    return most


def _word_local(reading: _Reading) -> frozenset[str]:
    """`reading.word_local`, worked out when first needed (from the kept reaches, if any)."""
    found = reading.word_local
    if found is None:
        tables = (*reading.by_word.values(), *reading.by_start.values(), reading.anywhere)
        found = reading.word_local = frozenset(
            entry.expression
            for group in tables
            for entry in group
            if expression_reach(entry.expression).word_local
        )
    return found


def _ascii_unspaced(reading: _Reading) -> frozenset[int]:
    """`reading.ascii_unspaced`, worked out when first needed."""
    found = reading.ascii_unspaced
    if found is None:
        found = reading.ascii_unspaced = frozenset(
            number
            for number, entry in enumerate(reading.unspaced)
            if not needs_non_ascii(entry.expression)
        )
    return found


def _edge_reach(reading: _Reading) -> _EdgeReach:
    """`reading.edge_reach`, worked out when first needed."""
    found = reading.edge_reach
    if found is None:

        def widest(entries: Iterable[_Entry]) -> int:
            return _end_spaces(expression_reach(entry.expression) for entry in entries)

        tables = (*reading.by_word.values(), *reading.by_start.values(), reading.anywhere)
        found = reading.edge_reach = _EdgeReach(
            {
                word: spaces
                for word, group in reading.by_word.items()
                if (spaces := widest(group)) >= 0
            },
            {
                start: spaces
                for start, group in reading.by_start.items()
                if (spaces := widest(group)) >= 0
            },
            tuple(
                (entry, spaces) for entry in reading.anywhere if (spaces := widest([entry])) >= 0
            ),
            widest(entry for group in tables for entry in group),
            max(
                (expression_reach(entry.expression).behind for group in tables for entry in group),
                default=0,
            ),
        )
    return found


def _end_reach(reading: _Reading, word: str) -> int:
    """How many spaces a trigger tried at `word` that reads a sentence's end may consume.

    Of what `_tried_at` and an elided article's word (`_elision`) try there: -1 when none
    reads the end otherwise, NO_BOUND when one may consume any number. Remembered by word,
    but for an empty word (a sentence's inner word, followed by a space).
    """
    edges = reading.edge_reach or _edge_reach(reading)
    reach = edges.by_word.get(word, -1)
    if edges.by_start and len(word) >= MIN_PREFIX:
        reach = max(reach, edges.by_start.get(word[:MIN_PREFIX], -1))
    for entry, spaces in edges.anywhere:
        if spaces > reach and _may_begin(entry, word[:1] or " "):
            reach = spaces
    elided = _elision(word) if reading.elided and (edges.by_word or edges.by_start) else 0
    if elided:
        rest = word[elided:]
        reach = max(reach, edges.by_word.get(rest, -1), edges.by_start.get(rest[:MIN_PREFIX], -1))
    if word:
        if len(reading.end_reach_at) >= MAX_REMEMBERED_WORDS:
            reading.end_reach_at.clear()  # threads may race here, and either result is right
        reading.end_reach_at[word] = reach
    return reach
