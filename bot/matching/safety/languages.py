"""Which languages' safety triggers a question holds: the referral's language."""

from __future__ import annotations

import re

from bot.intents import Content, Kind
from bot.language import BASE_LANGUAGE
from bot.matching.safety.expressions import _UNSPACED, _longest_first, _spellings, _unspaced_gaps
from bot.matching.safety.programs import compiled
from bot.matching.safety.reader import TriggerReader
from bot.matching.safety.readings import _Reading, _reading, _triggers_by_language, _without_elision
from bot.matching.safety.transliteration import latin_read_as_russian
from bot.text import (
    Normalizer,
)

# The languages whose triggers, telling a referral's language, are also looked for with
# the elided articles read off (trying every language's would double the work).
ELIDING_LANGUAGES = frozenset({"fr", "it"})
# The language whose triggers also meet a Latin message read in Cyrillic.
RUSSIAN = "ru"


class TriggerLanguages:
    """Which languages' safety triggers a question holds: the referral's language.

    Each language's triggers are read with its own reduction (see `word_reducer`). The
    base language's triggers count too: an English "k2 and dialysis" also holds the French
    "dialys*", and must not be referred in French for it.
    """

    def __init__(
        self, content: Content, normalizer: Normalizer, *, reader: TriggerReader | None = None
    ) -> None:
        """Read, per language (the base one included), the safety triggers written in it.

        Args:
            content: the intents.
            normalizer: the matcher's, so triggers and questions fold alike.
            reader: a reader of the same safety intents with the same normaliser (see
                `SafetyTriggers.reader`), so triggers are not read again; ignored when
                they differ.
        """
        per_language: dict[str, tuple[list[str], list[str]]] = {}
        # Each language's expression, compiled on the first count: most questions need
        # none, so a start or a reload does not wait for them.
        self._sources: list[tuple[str, str, _Reading]] = []
        self._compiled_languages: list[tuple[re.Pattern[str], str, _Reading]] | None = None
        self._normalizer = normalizer
        readings: dict[str, _Reading] = {}
        safety = content.of_kind(Kind.SAFETY)
        if reader is None or not reader.reads(safety, normalizer):
            reader = TriggerReader(safety, normalizer)
        folding = reader.folding
        if not any(intent.translations for intent in safety):
            return  # one language: nothing to tell apart
        # The base list holds a few other languages' words too ("enfant"): a trigger
        # that exactly one other language lists is that language's word, and says nothing
        # for the base language; one several list is international ("coumadin", "dose").
        listed_by: dict[str, set[str]] = {}
        for intent in safety:
            for translation in intent.translations:
                for trigger in translation.triggers:
                    listed_by.setdefault(folding.normalize(trigger), set()).add(
                        translation.language
                    )
        for intent in safety:
            for language, triggers in _triggers_by_language(intent):
                if language == BASE_LANGUAGE:
                    triggers = tuple(
                        t
                        for t in triggers
                        if len(listed_by.get(folding.normalize(t.lstrip("!?")), ())) != 1
                    )
                key, reading = _reading(language, readings)
                alternatives, unspaced = per_language.setdefault(language, ([], []))
                for trigger in triggers:
                    for spelling in _spellings(trigger):
                        read = reader.read(spelling, key, reading)
                        if read is None:
                            continue
                        if _UNSPACED.search(spelling):
                            unspaced.append(_unspaced_gaps(read[0]))
                        else:
                            alternatives.append(read[0])
        for language, (alternatives, unspaced) in per_language.items():
            pattern = _alternation(alternatives, unspaced)
            if pattern is not None:
                self._sources.append((pattern, language, _reading(language, readings)[1]))
        reader.release()  # the readings are in the expressions now

    def __bool__(self) -> bool:
        return bool(self._sources)

    def warm_up(self) -> None:
        """Compile each language's expression now rather than on the first count."""
        _ = self._languages

    def expression_texts(self) -> set[str]:
        """Each language's expression, as `warm_up` compiles them."""
        return {pattern for pattern, _, _ in self._sources}

    @property
    def compiled(self) -> bool:
        """Whether each language's expression is compiled (by `warm_up` or a count)."""
        return self._compiled_languages is not None

    @property
    def _languages(self) -> list[tuple[re.Pattern[str], str, _Reading]]:
        languages = self._compiled_languages
        if languages is None:
            # Two threads may compile at once; either list will do.
            languages = [(compiled(p), language, r) for p, language, r in self._sources]
            self._compiled_languages = languages
        return languages

    def count(self, words: list[str]) -> dict[str, float]:
        """How many triggers of each language the normalised words hold (none: absent).

        Another language's trigger found only on words a base-language trigger holds
        ("dialysis" for the French "dialys*", "dose") counts half for it: the base
        language wins on such words alone, and a second trigger of its own still tells.
        """
        haystacks: dict[int, str] = {}
        spans: dict[str, list[frozenset[int]]] = {}
        for pattern, language, reading in self._languages:
            found = _found(pattern, language, reading, words, haystacks)
            if found:
                spans[language] = found
        if RUSSIAN not in spans:
            # Russian typed in Latin letters, read in Cyrillic (see `latin_read_as_russian`).
            read = latin_read_as_russian(words, self._normalizer)
            russian = next((entry for entry in self._languages if entry[1] == RUSSIAN), None)
            if read is not None and russian is not None:
                cyrillic, clearly_russian = read
                pattern, _, reading = russian
                haystack = " ".join(reading.reduce(w) for w in cyrillic)
                found = [_word_span(haystack, m) for m in pattern.finditer(haystack)]
                found = [span for span in found if span & clearly_russian]
                if found:
                    spans[RUSSIAN] = found
        base = frozenset().union(*spans.get(BASE_LANGUAGE, []))
        hits: dict[str, float] = {}
        for language, found in spans.items():
            shared = 0 if language == BASE_LANGUAGE else sum(span <= base for span in found)
            hits[language] = len(found) - shared / 2
        return hits

    def holds_any(self, words: list[str], languages: tuple[str, ...]) -> bool:
        """Whether `count(words)` would hold one of `languages`, read by its expression.

        Cheaper than `count` when the answer is yes: only these languages' expressions
        run. (A no does not say `count` holds none of them: Russian is also met on Latin
        letters read in Cyrillic.)
        """
        haystacks: dict[int, str] = {}
        return any(
            _holds(pattern, language, reading, words, haystacks)
            for pattern, language, reading in self._languages
            if language in languages
        )


def _found(
    pattern: re.Pattern[str],
    language: str,
    reading: _Reading,
    words: list[str],
    haystacks: dict[int, str],
) -> list[frozenset[int]]:
    """The word spans of `language`'s triggers in `words`, each read as `reading` reads it.

    `haystacks` keeps each reading's text of the words, for the next language read alike.
    """
    haystack = haystacks.get(id(reading))
    if haystack is None:
        haystack = haystacks[id(reading)] = " ".join(reading.reduce(w) for w in words)
    found = [_word_span(haystack, m) for m in pattern.finditer(haystack)]
    if reading.elided and language in ELIDING_LANGUAGES:
        # Also with the French and Italian elided articles read off ("lanesthesie").
        key = -id(reading)
        bare = haystacks.get(key)
        if bare is None:
            bare = haystacks[key] = " ".join(map(_without_elision, haystack.split(" ")))
        if bare != haystack:
            found += [
                span
                for span in (_word_span(bare, m) for m in pattern.finditer(bare))
                if span not in found
            ]
    return found


def _holds(
    pattern: re.Pattern[str],
    language: str,
    reading: _Reading,
    words: list[str],
    haystacks: dict[int, str],
) -> bool:
    """`bool(_found(...))`, without finding every trigger: the first one found will do.

    A long message holding an English trigger stops being searched there, instead of
    having thousands of English triggers tried at each of its words (about 1 ms).
    """
    haystack = haystacks.get(id(reading))
    if haystack is None:
        haystack = haystacks[id(reading)] = " ".join(reading.reduce(w) for w in words)
    if pattern.search(haystack) is not None:
        return True
    if reading.elided and language in ELIDING_LANGUAGES:
        # `_found` adds a match found with the elided articles read off when it is not
        # among the spans found as typed, and here there are none.
        key = -id(reading)
        bare = haystacks.get(key)
        if bare is None:
            bare = haystacks[key] = " ".join(map(_without_elision, haystack.split(" ")))
        return bare != haystack and pattern.search(bare) is not None
    return False


def _word_span(haystack: str, found: re.Match[str]) -> frozenset[int]:
    """The positions of the words a match covers, in a haystack of words joined by spaces."""
    first = haystack.count(" ", 0, found.start())
    return frozenset(range(first, first + found.group().strip().count(" ") + 1))


def _alternation(alternatives: list[str], unspaced: list[str]) -> str | None:
    """One expression for whole-word triggers and in-word (unspaced script) triggers."""
    if not alternatives and not unspaced:
        return None
    # Longest first, so a phrase is preferred to a word it starts with.
    alternatives = sorted(set(alternatives), key=_longest_first)
    unspaced = sorted(set(unspaced), key=_longest_first)
    parts = []
    if alternatives:
        parts.append(rf"(?<!\S)(?:{'|'.join(alternatives)})(?!\S)")
    if unspaced:
        parts.append(f"(?:{'|'.join(unspaced)})")
    return "|".join(parts)
