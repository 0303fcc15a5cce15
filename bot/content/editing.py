"""Writing phrasings users asked into the intents folder: checked first, undoable.

`/unanswered`'s "add to <intent>" button calls `add_phrasings`. The phrasings go to one
dedicated file, `from_users.yaml` in the intents folder, under `patterns_for:` (intent id ->
more patterns for an intent defined in another file), so the editors' own files are never
rewritten by the bot and every addition is a small, readable diff. The file is edited with
ruamel.yaml's round-trip mode: comments, order and quoting of what is there are kept.

Before anything is written, the whole folder is checked as it would be after the edit (in a
temporary copy); an edit that would leave any error is refused and nothing changes.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot import messages
from bot.data import is_installed_copy
from bot.errors import K2BotError, Problem
from bot.intents import check_content
from bot.messages import Text
from bot.responder import Responder

FROM_USERS_FILE = "from_users.yaml"
MAX_PHRASINGS = 20  # per press: a group's most asked wordings, not hundreds
HEADER = """\
# Phrasings real users asked, added by editors with /unanswered's "add to <intent>" button.
# Each list under `patterns_for:` holds more patterns for the intent of that id (defined in
# another file of this folder). Review, edit or delete lines freely: `k2bot validate`
# checks this file like the others.
"""


class EditError(K2BotError):
    """An edit was refused; nothing was written.

    Carries its reason as an interface text (`bot.messages`) with what fills it, so the
    admin who pressed the button reads it in their own language (`said_in`).
    """

    def __init__(self, reason: Text, problems: tuple[Problem, ...] = (), **params: object) -> None:
        super().__init__(reason.format(**params))
        self.problems = problems
        self.reason = reason
        self.params = params

    def said_in(self, language: str) -> str:
        """The reason in `language` (English when its catalogue lacks it)."""
        return messages.in_language(self.reason, language).format(**self.params)


class ReadOnlyFolder(EditError):
    """The intents folder cannot be written (installed inside a package, or read-only)."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One addition: what was added where, and the file as it was before (for undo)."""

    path: Path
    intent_id: str
    added: tuple[str, ...]
    before: bytes | None  # None: the file did not exist


def writable_or_why(directory: Path) -> str | None:
    """None when phrasings can be written to `directory`, else a sentence saying why not."""
    why = _unwritable(directory)
    return None if why is None else why.format(folder=directory)


def _unwritable(directory: Path) -> Text | None:
    """Why phrasings cannot be written to `directory` (a text filled with `folder`), or None."""
    if is_installed_copy(directory):
        return messages.FOLDER_INSTALLED
    target = directory / FROM_USERS_FILE
    if not os.access(directory, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return messages.FOLDER_READ_ONLY
    return None


def clean_phrasings(texts: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The phrasings as they will be written, in the order given (most asked first).

    One line each, whitespace collapsed, duplicates and empty ones dropped, at most
    MAX_PHRASINGS.
    """
    cleaned = dict.fromkeys(" ".join(t.split()) for t in texts)
    return tuple(t for t in cleaned if t)[:MAX_PHRASINGS]


def add_phrasings(directory: Path, intent_id: str, phrasings: list[str] | tuple[str, ...]) -> Edit:
    """Add `phrasings` as patterns of `intent_id`, in the folder's `from_users.yaml`.

    Phrasings the intent already has are skipped. The folder is checked as a whole with
    the edit applied before the file is replaced (atomically, by a rename).

    Raises:
        ReadOnlyFolder: the folder cannot be written; the message says what to do.
        EditError: nothing new to add, or the edit would leave errors (in `problems`).
    """
    why = _unwritable(directory)
    if why is not None:
        raise ReadOnlyFolder(why, folder=directory)
    content, _ = check_content(directory)
    existing = content.by_id[intent_id].patterns if content and intent_id in content.by_id else ()
    if content is not None and intent_id not in content.by_id:
        raise EditError(messages.NO_INTENT_ANY_MORE, intent=repr(intent_id))
    added = tuple(p for p in clean_phrasings(phrasings) if p not in existing)
    if not added:
        raise EditError(messages.ALREADY_HAS_PHRASINGS, intent=intent_id)
    path = directory / FROM_USERS_FILE
    before = path.read_bytes() if path.exists() else None
    text = _with_phrasings(before, intent_id, added)
    problems = _errors_with(directory, path.name, text)
    if problems:
        raise EditError(messages.EDIT_WOULD_BREAK, problems, intent=intent_id)
    try:
        _replace(path, text.encode("utf-8"))
    except OSError as exc:  # a read-only file system, say: the permission check can't see it
        raise ReadOnlyFolder(
            messages.FOLDER_UNWRITABLE, folder=directory, why=exc.strerror or exc
        ) from None
    return Edit(path, intent_id, added, before)


def undo(edit: Edit) -> None:
    """Put the file back as it was before `edit` (removing it if the edit created it)."""
    if edit.before is None:
        edit.path.unlink(missing_ok=True)
    else:
        _replace(edit.path, edit.before)


def _with_phrasings(before: bytes | None, intent_id: str, added: tuple[str, ...]) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one phrasing per line, never folded
    yaml.preserve_quotes = True
    data = yaml.load(before.decode("utf-8")) if before else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    table = data.get("patterns_for")
    if not isinstance(table, CommentedMap):
        table = CommentedMap()
        data["patterns_for"] = table
    patterns = table.get(intent_id)
    if not isinstance(patterns, CommentedSeq):
        patterns = CommentedSeq()
        table[intent_id] = patterns
    patterns.extend(added)
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    return text if before else HEADER + text


def _errors_with(directory: Path, name: str, text: str) -> tuple[Problem, ...]:
    """The errors the folder would have with `name` holding `text`, checked in a copy."""
    with tempfile.TemporaryDirectory(prefix="k2bot-edit-") as scratch:
        copy = Path(scratch) / "intents"
        shutil.copytree(directory, copy, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        (copy / name).write_text(text, encoding="utf-8")
        _, problems = check_content(copy)
    errors = tuple(p for p in problems if p.severity == "error")
    # Problems name the real folder's files, which is where the editor will look.
    return tuple(
        Problem(
            directory / p.path.relative_to(copy),
            p.line,
            p.message.replace(str(copy), str(directory)),
        )
        if p.path.is_relative_to(copy)
        else p
        for p in errors
    )


def _replace(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    A reader (the bot's watcher, an editor) sees the old file or the new one, never half of it.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".from_users-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = [
    "FROM_USERS_FILE",
    "Edit",
    "EditError",
    "ReadOnlyFolder",
    "add_phrasings",
    "clean_phrasings",
    "dev_set_change",
    "undo",
    "writable_or_why",
]


def dev_set_change(before: Responder, after: Responder, language: str = "en") -> str:
    """How the dev set's figures moved between two responders, in one line (in `language`)."""
    from bot.data import DEV_QUESTIONS
    from bot.evaluate import evaluate, read_examples

    examples = read_examples(DEV_QUESTIONS)
    old, new = evaluate(before, examples), evaluate(after, examples)
    return messages.in_language(messages.DEV_SET_FIGURES, language).format(
        total=old.total,
        accuracy_before=f"{old.accuracy:.1%}",
        accuracy_after=f"{new.accuracy:.1%}",
        false_accepts_before=f"{old.false_accept_rate:.1%}",
        false_accepts_after=f"{new.false_accept_rate:.1%}",
        safety_before=f"{old.safety_routed}/{old.safety_total}",
        safety_after=f"{new.safety_routed}/{new.safety_total}",
    )
