"""The interface catalogues: the bot's own texts in languages other than English, as data.

A catalogue is one YAML file per language, named by its code (`ru.yaml`, `uk.yaml`), that
maps message keys to texts. The keys and the English texts live in `bot/messages.py`, the
one source of English; a catalogue translates any of them, and a key it leaves out is said
in English. `no_content.yaml`, beside the catalogues, holds the honest reply to a message in
a language the content has no answers in, per language, with the names of the languages.

Every way a file can be wrong becomes a `Problem` with file:line, the same machinery
`k2bot validate` uses for intent files: bad YAML, a key English does not have, a text that
is not text, and a placeholder (`{topic}`) missing or added compared with the English text.
The bot itself reads the same way, drops what is wrong (that text is said in English) and
logs the problems, so a broken catalogue never stops it.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.problems import Problems
from bot.content.yaml_reader import LineMap, parse_yaml
from bot.errors import Problem

# A catalogue's file name is a language code, as Telegram's `language_code` and the intent
# files' `translations:` write it.
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
NO_CONTENT_FILE = "no_content.yaml"
"""The honest replies for languages without content (see `HonestReply`)."""
DEFAULT_HONEST_REPLY = "default"
"""The entry of `no_content.yaml` said to any language without an entry of its own."""


def placeholders(text: str) -> frozenset[str] | None:
    """The `{names}` a text is formatted with; None when its braces are malformed."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class HonestReply:
    """How one language says "I can answer in English and Russian; here is what I can answer".

    Attributes:
        sentence: the sentence, with `{languages}` where the list of languages goes.
        names: each content language's name as the sentence needs it ("англійською").
        conjunction: what joins the last two names (" and ", "和").
        separator: what joins the others (", ", "、").
    """

    sentence: str
    names: Mapping[str, str]
    conjunction: str
    separator: str = ", "
    line: int = 1

    def say(self, languages: Sequence[str]) -> str | None:
        """The sentence naming `languages`; None when there are none or a name is missing."""
        if not languages or any(code not in self.names for code in languages):
            return None
        names = [self.names[code] for code in languages]
        listed = self.separator.join(names[:-1]) + self.conjunction + names[-1]
        return self.sentence.format(languages=listed if len(names) > 1 else names[0])


@dataclass(frozen=True, slots=True)
class Catalogues:
    """What the catalogue folder holds, with everything wrong already left out.

    Attributes:
        texts: per language, its texts by message key (only keys English has, with the
            same placeholders).
        honest: per language (and `DEFAULT_HONEST_REPLY`), its honest reply.
        problems: what was wrong, each with file:line.
    """

    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    honest: Mapping[str, HonestReply] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def read_catalogues(folder: Path, english: Mapping[str, str]) -> Catalogues:
    """Read and check every catalogue in `folder` against the English texts.

    Args:
        folder: the folder with `<code>.yaml` catalogues and `no_content.yaml`.
        english: the English text of every message key (`bot.messages.ENGLISH`).

    Returns:
        The usable texts and honest replies, and the problems found.
    """
    problems = Problems()
    texts: dict[str, dict[str, str]] = {}
    honest: dict[str, HonestReply] = {}
    if not folder.is_dir():
        problems.error(folder, 1, "the interface catalogue folder does not exist")
        return Catalogues(problems=tuple(problems))
    for path in sorted(folder.glob("*.yaml")):
        if path.name == NO_CONTENT_FILE:
            honest = _read_honest_replies(path, problems)
        elif path.stem == "en":
            problems.error(
                path, 1, "English is the source, in bot/messages.py; a catalogue translates it"
            )
        elif not _LANGUAGE_CODE.fullmatch(path.stem):
            problems.error(
                path, 1, "a catalogue is named by its language code, such as uk.yaml or pt.yaml"
            )
        else:
            texts[path.stem] = _read_catalogue(path, english, problems)
    return Catalogues(texts, honest, tuple(problems))


def _read_catalogue(path: Path, english: Mapping[str, str], problems: Problems) -> dict[str, str]:
    data = parse_yaml(path, problems)
    if data is None:
        return {}
    if not isinstance(data, LineMap):
        problems.error(path, 1, "a catalogue maps message keys to texts (key: text)")
        return {}
    texts = {}
    for key, text in data.items():
        line = data.key_lines.get(key, data.line)
        if key not in english:
            close = difflib.get_close_matches(str(key), list(english), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            problems.error(path, line, f"unknown message key {key!r}{hint}")
            continue
        if not isinstance(text, str) or not text.strip():
            problems.error(path, line, f"{key}: the text must be non-empty text")
            continue
        found, wanted = placeholders(text), placeholders(english[key])
        if found is None:
            problems.error(
                path, line, f"{key}: unbalanced braces; write {{{{ and }}}} for literal ones"
            )
            continue
        if found != wanted:
            problems.error(path, line, f"{key}: {_placeholder_difference(found, wanted or set())}")
            continue
        texts[key] = text
    return texts


def _placeholder_difference(found: frozenset[str], wanted: frozenset[str] | set[str]) -> str:
    missing = ", ".join(f"{{{name}}}" for name in sorted(set(wanted) - found))
    extra = ", ".join(f"{{{name}}}" for name in sorted(found - set(wanted)))
    said = []
    if missing:
        said.append(f"missing {missing}")
    if extra:
        said.append(f"{extra} not in the English text")
    return "placeholders differ from English: " + "; ".join(said)


def _read_honest_replies(path: Path, problems: Problems) -> dict[str, HonestReply]:
    data = parse_yaml(path, problems)
    if not isinstance(data, LineMap):
        if data is not None:
            problems.error(path, 1, "no_content.yaml maps language codes to honest replies")
        return {}
    replies = {}
    for code, entry in data.items():
        line = data.key_lines.get(code, data.line)
        if code != DEFAULT_HONEST_REPLY and not (
            isinstance(code, str) and _LANGUAGE_CODE.fullmatch(code)
        ):
            problems.error(path, line, f"{code!r} is not a language code nor 'default'")
            continue
        reply = _honest_reply(path, line, code, entry, problems)
        if reply is not None:
            replies[code] = reply
    if DEFAULT_HONEST_REPLY not in replies:
        problems.error(path, data.line, "no 'default' entry (said in any other language)")
    return replies


def _honest_reply(
    path: Path, line: int, code: str, entry: object, problems: Problems
) -> HonestReply | None:
    if not isinstance(entry, LineMap):
        problems.error(path, line, f"{code}: give sentence, names and and")
        return None
    unknown = set(entry) - {"sentence", "names", "and", "separator"}
    for key in sorted(unknown, key=str):
        problems.error(path, entry.key_lines.get(key, line), f"{code}: unknown field {key!r}")
    sentence, names = entry.get("sentence"), entry.get("names")
    conjunction, separator = entry.get("and"), entry.get("separator", ", ")
    if not isinstance(sentence, str) or placeholders(sentence) != frozenset({"languages"}):
        problems.error(
            path,
            entry.key_lines.get("sentence", line),
            f"{code}: sentence must be text with one {{languages}} placeholder",
        )
        return None
    if not isinstance(names, LineMap) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in names.items()
    ):
        problems.error(
            path,
            entry.key_lines.get("names", line),
            f"{code}: names maps language codes to names",
        )
        return None
    if not isinstance(conjunction, str) or not isinstance(separator, str):
        problems.error(
            path, entry.key_lines.get("and", line), f"{code}: 'and' and 'separator' are text"
        )
        return None
    return HonestReply(sentence, dict(names), conjunction, separator, line)


def missing_language_names(
    catalogues: Catalogues, languages: Sequence[str], folder: Path
) -> list[Problem]:
    """Warnings for content languages an honest reply cannot name.

    Such a language's honest reply falls back to the default one (English) whenever the
    content has answers in a language it has no name for, so an editor adding a language
    to the content should add its name to every entry of `no_content.yaml`.
    """
    path = folder / NO_CONTENT_FILE
    warnings = []
    for code, reply in catalogues.honest.items():
        missing = [language for language in languages if language not in reply.names]
        if missing:
            warnings.append(
                Problem(
                    path,
                    reply.line,
                    f"{code}: no name for {', '.join(missing)}, which the content answers in; "
                    "the honest reply falls back to "
                    + ("English" if code != DEFAULT_HONEST_REPLY else "the language codes"),
                    severity="warning",
                )
            )
    return warnings


@dataclass(frozen=True, slots=True)
class CatalogueChange:
    """What a catalogue reload changed: texts per language, and the honest replies.

    Attributes:
        texts: per language, the message keys whose text was added, changed or removed
            (a language whose catalogue appeared or went away lists all of its keys).
        honest: the `no_content.yaml` entries added, changed or removed.
    """

    texts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    honest: tuple[str, ...] = ()

    @classmethod
    def between(cls, old: Catalogues, new: Catalogues) -> CatalogueChange:
        """What changed from `old` to `new`."""
        texts = {}
        for language in sorted({*old.texts, *new.texts}):
            before, after = old.texts.get(language, {}), new.texts.get(language, {})
            keys = tuple(k for k in sorted({*before, *after}) if before.get(k) != after.get(k))
            if keys:
                texts[language] = keys
        honest = tuple(
            code
            for code in sorted({*old.honest, *new.honest})
            if _honest_said(old.honest.get(code)) != _honest_said(new.honest.get(code))
        )
        return cls(texts, honest)

    def __bool__(self) -> bool:
        return bool(self.texts or self.honest)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages whose texts changed."""
        return tuple(self.texts)


def _honest_said(reply: HonestReply | None) -> object:
    # What a reply says, not where it is written: moving an entry is not changing it.
    if reply is None:
        return None
    return (reply.sentence, dict(reply.names), reply.conjunction, reply.separator)
