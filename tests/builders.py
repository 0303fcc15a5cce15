"""Shared builders for tests: temporary intent folders with real files."""

from __future__ import annotations

import argparse
import functools
import io
import os
import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from bot import cli
from bot.cli import main
from bot.data import SHIPPED_INTENTS
from bot.dialogue import Dialogue, merged
from bot.intents import Kind, load_content
from bot.responder import Responder

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
ARTICLE = SHIPPED_INTENTS / "sources" / "vitamin-k2-article.txt"

# How large the checks that scale are: the shortcut-against-long-way comparisons, the
# crash, load and burst campaigns, the start-up benchmark. CI runs them at the quick size,
# which finds what they are for (every set keeps its share; a kill still lands mid-burst);
# `K2_TESTS=thorough` runs each at the size it was first written for, for a change to a
# shortcut or to the Telegram path (docs/testing.md, "How thorough").
DEPTHS = ("quick", "thorough")
DEPTH = os.environ.get("K2_TESTS", "quick")


def sized(quick: int, thorough: int) -> int:
    """`quick` in an ordinary run, `thorough` under `K2_TESTS=thorough`."""
    return thorough if DEPTH == "thorough" else quick


# A bound on a wait for an event (a reply sent, a process exited) that only guards against
# a hang: a passing test returns as soon as the event happens, however loaded the machine,
# so the bound can be generous. (Waits on the fake Bot API also multiply it by its patience.)
HANG_GUARD_SECONDS = 60.0


@functools.cache
def shipped_responder() -> Responder:
    """The shipped content's responder, built once per test process.

    Building one costs about a second of CPU (the indexes over every pattern), and its
    lazily loaded tables as much again on first use. What it keeps between questions is
    those tables and caches, which change no reply, so every test that reads the shipped
    content shares this one: the `content` and `responder` fixtures, the Telegram bots of
    `running_bot` and the fault tests' applications. Tests about building, warming or
    reloading a responder build their own.
    """
    return Responder(load_content(SHIPPED_INTENTS))


def spread(items: list[T], count: int) -> list[T]:
    """At most `count` of `items`, evenly spaced, so every file read into them has its share.

    The tests that hold a shortcut to the long way over every question of many sets cost
    seconds per thousand questions; a few thousand spread across the sets find what all of
    them find (each set's kinds of question recur through it), in a third of the time.
    """
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(n * step)] for n in range(count)]


MINIMAL_INTENTS = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns:
      - what is vitamin k2
      - tell me about vitamin k2
    answer: The article says vitamin K2 is a unique vitamin.
    source:
      - "Vitamin K2 is a unique vitamin"
  - id: greeting
    kind: smalltalk
    patterns: [hello, hi there]
    answer: Hello!
"""


def intent_folder(root: Path, files: dict[str, str] | None = None) -> Path:
    """A folder holding the article and the given YAML files (name -> text)."""
    folder = root / "intents"
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    shutil.copy(ARTICLE, folder / "sources" / ARTICLE.name)
    for name, text in (files if files is not None else {"main.yaml": MINIMAL_INTENTS}).items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def copy_of_shipped(root: Path) -> Path:
    """A writable copy of the shipped intents folder."""
    folder = root / "intents"
    shutil.copytree(SHIPPED_INTENTS, folder)
    return folder


@dataclass(frozen=True)
class Result:
    """What one k2bot command did: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


class K2bot:
    """Runs `main(argv)` with the given stdin, as the installed `k2bot` script would.

    A command over the shipped folder, with no --lang and the default thresholds, answers
    from `shipped_responder()` instead of building one (1-2 s of CPU per command, ~60
    commands in the suite); the command's own path (settings, folder, what it does with the
    responder) runs as written. Any other folder, language or threshold builds its own, and
    so does every command of a test that sets `builds_its_own` (one about a fresh responder).
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        self.builds_its_own = False
        build = cli._responder

        def shared_when_shipped(args: argparse.Namespace) -> Responder:
            settings = cli._settings(args)
            shipped = shipped_responder()
            if (
                not self.builds_its_own
                and settings.intents_dir.resolve() == SHIPPED_INTENTS.resolve()
                and not getattr(args, "lang", None)
                and settings.thresholds == shipped.thresholds
            ):
                return shipped
            return build(args)

        monkeypatch.setattr(cli, "_responder", shared_when_shipped)

    def __call__(self, *args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> Result:
        self.capsys.readouterr()  # start from nothing printed
        self.monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        with self.monkeypatch.context() as scoped:
            for name, value in (env or {}).items():
                scoped.setenv(name, value)
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's own exit, for --version and bad usage
                code = int(exc.code or 0)
        printed = self.capsys.readouterr()
        return Result(code, printed.out, printed.err)


def safety_referral(responder: Responder, question: str) -> str | None:
    """The safety referral a question gets, or None."""
    intent = responder.respond(question).intent
    return intent.id if intent is not None and intent.kind is Kind.SAFETY else None


def safety_referral_and_language(responder: Responder, question: str) -> tuple[str, str] | None:
    """The safety referral a question gets and the reply's language, or None."""
    reply = responder.respond(question)
    if reply.intent is None or reply.intent.kind is not Kind.SAFETY:
        return None
    return reply.intent.id, reply.language


def intents_through_a_chat(responder: Responder, *messages: str) -> list[str | None]:
    """The intent id each message of one conversation gets (None: no answer)."""
    dialogue = Dialogue(responder)
    got: list[str | None] = []
    for text in messages:
        reply = merged(dialogue.respond("me", text))
        got.append(reply.intent.id if reply.intent is not None else None)
    return got


def last_intent(responder: Responder, *messages: str) -> tuple[str | None, str]:
    """The intent id and the text of the last message's reply in one chat."""
    dialogue = Dialogue(responder)
    for text in messages:
        reply = merged(dialogue.respond("me", text))
    return (reply.intent.id if reply.intent else None), reply.text


def intents_in_conversation(dialogue: Dialogue, *messages: str) -> list[str | None]:
    """The intent id each message (one question each) gets in one conversation (None: no intent)."""
    got: list[str | None] = []
    for text in messages:
        (turn,) = dialogue.respond("me", text)
        got.append(turn.reply.intent.id if turn.reply.intent is not None else None)
    return got
