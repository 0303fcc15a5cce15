"""The words that tell how a message leans on the conversation, per language, from YAML.

Each language has one file, `bot/data/dialogue/<code>.yaml` (`en.yaml`, `ru.yaml`), holding
its continuations ("why?", "почему?"), source requests, follow-up openers and closers,
pronouns, fillers and the like (the keys are described in `en.yaml`). Adding a language
is adding its file: nothing in the code names a language but English, the base, which
every message is also read with (Russians type "mk7?" and "source?" too).

The files are read once, through `importlib.resources`, with the intent files' YAML
reader, so a mistake is reported as `file:line: error: ...` (a `ConfigError`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.content.yaml_reader import item_line, key_line, map_line, parse_yaml
from bot.errors import ConfigError, Problem
from bot.language import BASE_LANGUAGE

# Keys whose values are regular expressions matched against the whole message.
_EXPRESSION_KEYS = ("continuations", "source_requests", "acceptances", "closings")
# Keys whose values are phrases (words joined by single spaces).
_PHRASE_KEYS = (
    "follow_up_openers",
    "follow_up_closers",
    "manner_phrases",
    "rephrase_openers",
    "twist_words",
    "person_questions",
    "asker_questions",
    "corrections",
    "dismissals",
)
# Keys whose values are single words.
_WORD_KEYS = (
    "pronouns",
    "subject_pronouns",
    "plural_pronouns",
    "vague",
    "subject_words",
    "leading_filler",
    "filler",
    "trailing_filler",
    "question_words",
    "auxiliaries",
    "referral_words",
    "reason_words",
    "mechanism_words",
    "picks_first",
    "picks_second",
    "picks_third",
    "pick_filler",
    "people",
    "ages",
    "person_pronouns",
    "place_pronouns",
    "askers",
)
_NUMBER_KEYS = ("short_words",)
# Keys whose values map one word to another (chat spellings to the words they stand for).
_MAP_KEYS = ("shorthand",)
_KNOWN_KEYS = frozenset((*_EXPRESSION_KEYS, *_PHRASE_KEYS, *_WORD_KEYS, *_NUMBER_KEYS, *_MAP_KEYS))
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
# Up to this many words, a message is short enough to lean on context ("and mk4?"), unless
# a language's file says otherwise (`short_words`).
DEFAULT_SHORT_WORDS = 3
# The largest `short_words` that makes sense: longer messages are questions of their own.
MAX_SHORT_WORDS = 10


def fold_cue(text: str) -> str:
    """A cue word or phrase as messages are read: lower case, "ё" plain, single spaces."""
    return " ".join(text.lower().replace("ё", "е").split())


@dataclass(frozen=True, slots=True)
class Cues:
    """The cues messages are read with: one language's, or several merged.

    Attributes:
        continuations: whole messages that ask to go on with the last answer.
        source_requests: whole messages that ask where the last answer came from.
        acceptances: whole messages that say yes to the topic a "did you mean" offered.
        closings: whole messages that say the person is done when typed without a question
            mark ("thats it", "that is all", "это всё"); with one they ask "is that all?".
        follow_up_openers: phrases that open a follow-up ("and", "what about").
        follow_up_closers: phrases that close one ("too", "as well").
        pronouns: words that point back.
        subject_pronouns: the pronouns that stand for the article's subject ("it").
        plural_pronouns: the pronouns that point at several things ("they"): never the
            subject, which is one thing, but the topic's things (MK-4 and MK-7).
        vague: words that name no topic.
        subject_words: words that name the article's subject, not a topic of it.
        leading_filler: dropped before looking for an opener.
        filler: dropped at the start of a continuation or a source request.
        trailing_filler: dropped at the end of one.
        manner_phrases: how to go on, dropped at the end of a continuation or a source
            request ("what does that mean in plain english" is "what does that mean").
        rephrase_openers: phrases that open the last message said again in other words
            ("i meant", "я имел в виду"): what follows them is the message.
        twist_words: words that turn a message from what it restates to what it asks
            ("..., but which is better for old people?").
        question_words: words opening a question ("what is mk4" is whole).
        auxiliaries: words that, after a question word, make a short question whole.
        referral_words: the beginnings of words that name whom a safety referral sends the
            reader to ("doctor", "врач"): its sentences holding one are repeated to "why?".
        reason_words: words that, with a pointer, make a continuation ask why the last
            answer's claim holds ("why is that?", "почему так?"), not just for more.
        mechanism_words: words that make a continuation ask how it holds, with a pointer
            or without ("how?", "how does it do that?", "как?").
        picks: the words that pick the first, second and third topic a "did you mean"
            offered ("first", "2", "второй"), in that order.
        pick_filler: the words around a pick ("the", "one", "i meant"), dropped.
        short_words: up to this many words, a message is short enough to lean on context.
        people: words naming someone the person asks for ("mom", "мама"): a follow-up
            naming only one ("and for my mom?") asks whether it is right for them.
        ages: words that only give someone's age ("years", "лет"), besides the numbers.
        person_pronouns: pronouns that stand for a person ("her", "him"), never for K2:
            "would k2 help her" asks about the person the topic was asked for.
        place_pronouns: pronouns that point at a place the last answer named ("there",
            "там"): "what does it do there?" asks about that place, not K2 in general.
        corrections: phrases that say the last answer was not the one meant ("not that
            one", "the other", "не то"), besides the rephrase openers ("no i meant").
        dismissals: phrases that set a referral just given aside ("forget the dose, why
            take them together?", "забудь про дозу"): the clause after is what is asked.
        person_questions: how such a follow-up is asked in full, "{person}" standing for
            the people it names and "{subject}" for the article's subject ("should
            {person} take {subject}"): the referral it gets is the answer.
        askers: words by which the person asking names themself ("me", "мне"): a
            follow-up naming only them ("what about me, im 40?") asks whether K2 is
            right for them.
        asker_questions: how such a follow-up is asked in full ("should i take
            {subject}"), tried in turn until one gets a referral.
        languages: the languages merged, the base language first.
        continuation_words: the words of four letters or more the continuations spell
            out, for reading one typed with two letters swapped ("mroe").
    """

    continuations: re.Pattern[str] | None
    source_requests: re.Pattern[str] | None
    acceptances: re.Pattern[str] | None
    follow_up_openers: tuple[str, ...]
    follow_up_closers: tuple[str, ...]
    pronouns: frozenset[str]
    subject_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    vague: frozenset[str]
    subject_words: frozenset[str]
    leading_filler: frozenset[str]
    filler: frozenset[str]
    trailing_filler: frozenset[str]
    manner_phrases: tuple[str, ...]
    question_words: frozenset[str]
    auxiliaries: frozenset[str]
    referral_words: frozenset[str]
    picks: tuple[frozenset[str], ...]
    pick_filler: frozenset[str]
    short_words: int
    languages: tuple[str, ...]
    continuation_words: frozenset[str] = frozenset()
    closings: re.Pattern[str] | None = None
    rephrase_openers: tuple[str, ...] = ()
    twist_words: tuple[str, ...] = ()
    reason_words: frozenset[str] = frozenset()
    mechanism_words: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    ages: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    place_pronouns: frozenset[str] = frozenset()
    person_questions: tuple[str, ...] = ()
    askers: frozenset[str] = frozenset()
    asker_questions: tuple[str, ...] = ()
    corrections: tuple[str, ...] = ()
    dismissals: tuple[str, ...] = ()

    def asks_to_continue(self, found: list[str]) -> bool:
        """Whether the message's words ask to go on with the last answer ("why?").

        A word typed with two letters swapped ("tell me mroe") is read as the cue word it
        spells, when that is the only way the message reads as a continuation.
        """
        if any(_whole_match(self.continuations, t) for t in self._trimmed(found)):
            return True
        respelled = [self._cue_word_swapped(w) for w in found]
        return respelled != found and any(
            _whole_match(self.continuations, t) for t in self._trimmed(respelled)
        )

    def closes(self, found: list[str]) -> bool:
        """Whether the words say the person is done ("thats it", "это всё"), asked or not.

        The statement order of "is that it?": a continuation only with a question mark,
        which `found` (words) no longer shows; the caller decides.
        """
        return any(_whole_match(self.closings, t) for t in self._trimmed(found))

    def _cue_word_swapped(self, word: str) -> str:
        """The continuation cue word `word` spells with two neighbouring letters swapped.

        Only words of four letters or more, and never a cue word itself: "mroe" is "more",
        "epxlain" is "explain"; "how" or "more" stay as they are.
        """
        if len(word) < 4 or word in self.continuation_words:
            return word
        for i in range(len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped in self.continuation_words:
                return swapped
        return word

    def asks_for_source(self, found: list[str]) -> bool:
        """Whether the message's words ask where the last answer came from ("source?")."""
        return any(_whole_match(self.source_requests, t) for t in self._trimmed(found))

    def accepts_offer(self, found: list[str]) -> bool:
        """Whether the message's words say yes to a topic offered ("yes", "yep that one")."""
        return any(_whole_match(self.acceptances, t) for t in self._trimmed(found))

    def picked(self, found: list[str]) -> int | None:
        """Which offered topic the words pick (0 for the first), or None ("the second one": 1)."""
        left = [w for w in found if w not in self.pick_filler]
        if len(left) != 1:
            return None
        return next((n for n, words in enumerate(self.picks) if left[0] in words), None)

    def names_referral(self, found: list[str]) -> bool:
        """Whether the words name whom a safety referral sends to ("your doctor", "врачу")."""
        return any(w.startswith(r) for w in found for r in self.referral_words)

    def _trimmed(self, found: list[str]) -> list[list[str]]:
        """The message without its trailing filler, then less and less of its opening filler.

        Every step is a reading: "ok and then?" is tried as "ok and then", "and then" and
        "then", so an expression may hold a filler word itself ("and then", "and?", "so
        what"), and one made of filler alone ("и?") is still read.
        """
        start, end = 0, len(found)
        while end > start and found[end - 1] in self.trailing_filler:
            end -= 1
        untrimmed_end = end
        trimmed = True
        while trimmed:
            trimmed = False
            while end > start and found[end - 1] in self.trailing_filler:
                end -= 1
            for phrase in self.manner_phrases:
                size = len(phrase.split())
                # Never the whole message: "in simple words" alone is matched as it stands.
                if end - start > size and " ".join(found[end - size : end]) == phrase:
                    end -= size
                    trimmed = True
                    break
        # The message as typed comes first: a manner phrase can be the continuation
        # itself ("можно подробнее?" is not "можно").
        readings: list[list[str]] = []
        for last in dict.fromkeys((untrimmed_end, end)):
            first = 0
            readings.append(found[first:last])
            while first < last and found[first] in self.filler:
                first += 1
                readings.append(found[first:last])
        return readings


def _whole_match(expression: re.Pattern[str] | None, found: list[str]) -> bool:
    return bool(found) and expression is not None and expression.match(" ".join(found)) is not None


@dataclass(frozen=True, slots=True)
class _LanguageCues:
    """One language's file, as read: expressions as text, to be merged before compiling."""

    language: str
    expressions: Mapping[str, tuple[str, ...]]
    phrases: Mapping[str, tuple[str, ...]]
    words: Mapping[str, frozenset[str]]
    short_words: int | None
    shorthand: Mapping[str, str] = field(default_factory=dict)


class CueBook:
    """Every language's cues, merged on demand with the base language's.

    Args:
        languages: each language's cues, by code; the base language's must be there.
    """

    def __init__(self, languages: Mapping[str, _LanguageCues]) -> None:
        if BASE_LANGUAGE not in languages:
            raise ConfigError(f"no conversation cues for the base language ({BASE_LANGUAGE})")
        self._languages = dict(languages)
        self._merged: dict[tuple[str, ...], Cues] = {}

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages with cues, the base language first."""
        return (BASE_LANGUAGE, *sorted(set(self._languages) - {BASE_LANGUAGE}))

    @functools.cached_property
    def shorthand(self) -> Mapping[str, str]:
        """Every language's chat spellings and the words they stand for ("wat": "what").

        One map for all: a message is read through it before its language is known, and
        the languages' spellings are written in their own scripts.
        """
        merged: dict[str, str] = {}
        for code in self.languages:
            for typed, meant in self._languages[code].shorthand.items():
                merged.setdefault(typed, meant)
        return MappingProxyType(merged)

    def for_languages(self, *codes: str | None) -> Cues:
        """The base language's cues merged with those of `codes` that have cues.

        Where the languages differ on `short_words`, the first of `codes` with cues decides.
        """
        chosen = tuple(
            dict.fromkeys(
                [BASE_LANGUAGE, *(c for c in codes if c is not None and c in self._languages)]
            )
        )
        found = self._merged.get(chosen)
        if found is None:
            found = self._merged[chosen] = self._merge(chosen)
        return found

    def _merge(self, chosen: tuple[str, ...]) -> Cues:
        parts = [self._languages[code] for code in chosen]
        # The message's own language decides how short is short; else the base language.
        short = next(
            (p.short_words for p in (*parts[1:], parts[0]) if p.short_words is not None),
            DEFAULT_SHORT_WORDS,
        )

        def expression(key: str) -> re.Pattern[str] | None:
            alternatives = [a for p in parts for a in p.expressions.get(key, ())]
            if not alternatives:
                return None
            return re.compile("^(?:" + "|".join(alternatives) + ")$")

        def phrases(key: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(a for p in parts for a in p.phrases.get(key, ())))

        def words(key: str) -> frozenset[str]:
            return frozenset(w for p in parts for w in p.words.get(key, frozenset()))

        return Cues(
            continuations=expression("continuations"),
            source_requests=expression("source_requests"),
            acceptances=expression("acceptances"),
            closings=expression("closings"),
            follow_up_openers=phrases("follow_up_openers"),
            follow_up_closers=phrases("follow_up_closers"),
            pronouns=words("pronouns"),
            subject_pronouns=words("subject_pronouns"),
            plural_pronouns=words("plural_pronouns"),
            vague=words("vague"),
            subject_words=words("subject_words"),
            leading_filler=words("leading_filler"),
            filler=words("filler"),
            trailing_filler=words("trailing_filler"),
            manner_phrases=phrases("manner_phrases"),
            rephrase_openers=phrases("rephrase_openers"),
            twist_words=phrases("twist_words"),
            question_words=words("question_words"),
            auxiliaries=words("auxiliaries"),
            referral_words=words("referral_words"),
            reason_words=words("reason_words"),
            mechanism_words=words("mechanism_words"),
            people=words("people"),
            ages=words("ages"),
            person_pronouns=words("person_pronouns"),
            place_pronouns=words("place_pronouns"),
            person_questions=phrases("person_questions"),
            askers=words("askers"),
            asker_questions=phrases("asker_questions"),
            corrections=phrases("corrections"),
            dismissals=phrases("dismissals"),
            picks=(words("picks_first"), words("picks_second"), words("picks_third")),
            pick_filler=words("pick_filler"),
            short_words=short,
            languages=chosen,
            continuation_words=frozenset(
                w
                for p in parts
                for a in p.expressions.get("continuations", ())
                for w in re.findall(r"[^\W\d_]{4,}", a)
            ),
        )


def load_cues(folder: Path) -> CueBook:
    """Read every language's cue file in `folder` (`<code>.yaml`).

    Raises:
        ConfigError: a file cannot be read or holds a mistake; the message names each
            problem as `file:line: error: ...`.
    """
    problems: list[Problem] = []
    languages: dict[str, _LanguageCues] = {}
    paths = sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    for path in paths:
        read = _read_file(path, problems)
        if read is not None:
            languages[read.language] = read
    if problems:
        raise ConfigError("conversation cues: " + "; ".join(str(problem) for problem in problems))
    if BASE_LANGUAGE not in languages:
        raise ConfigError(
            f"conversation cues: {folder} has no {BASE_LANGUAGE}.yaml for the base language"
        )
    return CueBook(languages)


@functools.cache
def shipped_cues() -> CueBook:
    """The cues shipped with K2 Bot (`bot/data/dialogue`), read once."""
    folder = files("bot.data").joinpath("dialogue")
    if not isinstance(folder, Path):  # pragma: no cover - zip imports are not supported
        raise ConfigError(f"K2 Bot must be installed as files, not zipped: {folder}")
    return load_cues(folder)


def _read_file(path: Path, problems: list[Problem]) -> _LanguageCues | None:
    language = path.stem.lower()
    if not _LANGUAGE_CODE.fullmatch(language):
        problems.append(
            Problem(
                path, 1, f"the file name must be a language code such as ru.yaml, not {path.name}"
            )
        )
        return None
    before = len(problems)
    data: Any = parse_yaml(path, problems)
    if len(problems) > before:
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(path, map_line(data) or 1, "expected a mapping of cue lists"))
        return None
    expressions: dict[str, tuple[str, ...]] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    words: dict[str, frozenset[str]] = {}
    short_words: int | None = None
    shorthand: dict[str, str] = {}
    for key, value in data.items():
        line = key_line(data, key)
        if key not in _KNOWN_KEYS:
            known = ", ".join(sorted(_KNOWN_KEYS))
            problems.append(Problem(path, line, f"unknown key {key!r}; the keys are {known}"))
            continue
        if key in _NUMBER_KEYS:
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 1 <= value <= MAX_SHORT_WORDS
            ):
                problems.append(
                    Problem(path, line, f"{key} must be a whole number from 1 to {MAX_SHORT_WORDS}")
                )
            else:
                short_words = value
            continue
        if key in _MAP_KEYS:
            shorthand = _word_map(path, key, value, line, problems)
            continue
        items = _strings(path, key, value, line, problems)
        if key in _EXPRESSION_KEYS:
            checked = []
            for index, item in enumerate(items):
                folded = item.lower().replace("ё", "е")
                try:
                    re.compile(folded)
                except re.error as exc:
                    where = item_line(value, index)
                    problems.append(
                        Problem(path, where, f"{key}: not a valid regular expression ({exc})")
                    )
                    continue
                checked.append(f"(?:{folded})")
            expressions[key] = tuple(checked)
        elif key in _PHRASE_KEYS:
            phrases[key] = tuple(dict.fromkeys(fold_cue(i) for i in items if fold_cue(i)))
        else:
            for index, item in enumerate(items):
                if len(fold_cue(item).split()) != 1:
                    where = item_line(value, index)
                    problems.append(Problem(path, where, f"{key}: {item!r} is not one word"))
            words[key] = frozenset(fold_cue(i) for i in items if len(fold_cue(i).split()) == 1)
    return _LanguageCues(language, expressions, phrases, words, short_words, shorthand)


def _word_map(
    path: Path, key: str, value: Any, line: int, problems: list[Problem]
) -> dict[str, str]:
    """A mapping of one word to one word ("wat: what"), folded as messages are read."""
    if not isinstance(value, dict):
        problems.append(Problem(path, line, f"{key} must be a mapping of one word to another"))
        return {}
    found: dict[str, str] = {}
    for typed, meant in value.items():
        where = key_line(value, typed)
        folded = [
            fold_cue(str(w)) if isinstance(w, str | int) and not isinstance(w, bool) else ""
            for w in (typed, meant)
        ]
        if any(len(w.split()) != 1 for w in folded):
            problems.append(
                Problem(path, where, f"{key}: {typed!r}: {meant!r} is not one word for one word")
            )
            continue
        found[folded[0]] = folded[1]
    return found


def _strings(path: Path, key: str, value: Any, line: int, problems: list[Problem]) -> list[str]:
    if not isinstance(value, list):
        problems.append(Problem(path, line, f"{key} must be a list"))
        return []
    found: list[str] = []
    for index, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, str | int):
            where = item_line(value, index)
            problems.append(Problem(path, where, f"{key}: each item must be text"))
            continue
        found.append(str(item))
    return found
