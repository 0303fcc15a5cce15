"""The terminal adapter: `k2bot chat`, a readline chat over the same responder as Telegram."""

from __future__ import annotations

import contextlib
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bot import messages
from bot.dialogue import Dialogue
from bot.intents import Intent
from bot.markup import to_plain_text
from bot.responder import Reply, Responder

HISTORY_FILE = Path.home() / ".k2bot_history"
WIDTH = 88
# The terminal is one person's one chat.
CONVERSATION = "terminal"


@dataclass
class TerminalChat:
    """One chat session in a terminal: reads lines, prints rendered replies."""

    responder: Responder
    # Looked up when the chat starts, not at import: the process may have replaced stdout.
    out: TextIO = field(default_factory=lambda: sys.stdout)
    read: Callable[[str], str] = input
    offered: list[Intent] = field(default_factory=list)
    last: Reply | None = None
    dialogue: Dialogue | None = None

    def __post_init__(self) -> None:
        if self.dialogue is None:
            # The same follow-up memory as Telegram, for this one conversation.
            self.dialogue = Dialogue(self.responder)

    def run(self) -> int:
        """Chat until /quit or end of input."""
        self._say(messages.TERMINAL_GREETING)
        while True:
            try:
                line = self.read("you> ")
            except (EOFError, KeyboardInterrupt):
                self._write("\n")
                return 0
            if not self.handle(line):
                return 0

    def handle(self, line: str) -> bool:
        """Act on one line; False means the user asked to leave."""
        command = line.strip().lower()
        if command in {"/quit", "/exit", "/q"}:
            self._say(messages.FAREWELL)
            return False
        if command in {"/help", "/start"}:
            self._say(messages.TERMINAL_HELP)
        elif command == "/topics":
            self._offer(messages.TOPICS_HEADING, list(self.responder.topics()))
        elif command == "/source":
            self._show_source()
        elif command in {"/reset", "/new"}:
            forgot = self._dialogue.start_over(CONVERSATION)
            self._say(messages.STARTED_OVER if forgot else messages.NOTHING_TO_FORGET)
        elif command.isdigit() and 1 <= int(command) <= len(self.offered):
            reply = self.responder.answer(self.offered[int(command) - 1].id)
            if reply is not None and reply.intent is not None:
                self._dialogue.record_answer(CONVERSATION, reply.intent.id)
                self._show(reply)
        else:
            turns = self._dialogue.respond(CONVERSATION, line)
            for turn in turns:
                if len(turns) > 1:
                    self._write(f"  » {turn.part}\n")
                self._show(turn.reply)
        return True

    @property
    def _dialogue(self) -> Dialogue:
        if self.dialogue is None:
            self.dialogue = Dialogue(self.responder)
        return self.dialogue

    def _show(self, reply: Reply) -> None:
        self.last = reply if reply.intent is not None else self.last
        self._say(reply.text)
        if reply.suggestions:
            self._offer(messages.SUGGESTIONS_HEADING, list(reply.suggestions))
        elif reply.related:
            self._offer(messages.RELATED_HEADING, list(reply.related))
        else:
            self.offered = []
        if reply.sources:
            self._write(f"  {messages.SOURCE_HINT}\n")

    def _offer(self, heading: str, intents: list[Intent]) -> None:
        self.offered = intents
        lines = [heading] + [f"  {n}. {i.title}" for n, i in enumerate(intents, start=1)]
        self._write("\n".join(lines) + "\n")

    def _show_source(self) -> None:
        if self.last is None or not self.last.sources:
            self._say(to_plain_text(self.responder.about_source_html()))
            return
        title = self.responder.content.document.title
        quoted = "\n".join(
            textwrap.fill(f'"{p}"', WIDTH, initial_indent="  > ", subsequent_indent="  > ")
            for p in self.last.sources
        )
        self._write(f"{messages.source_heading(title)}\n{quoted}\n")

    def _say(self, text: str) -> None:
        paragraphs = [textwrap.fill(p, WIDTH, replace_whitespace=False) for p in text.split("\n")]
        self._write("k2bot> " + "\n".join(paragraphs).replace("\n", "\n       ") + "\n")

    def _write(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()


def enable_line_editing() -> None:
    """Turn on readline editing and a persistent history, where the platform has them."""
    try:
        import atexit
        import readline
    except ImportError:  # Windows without pyreadline: plain input still works
        return
    with contextlib.suppress(OSError, ValueError):
        readline.read_history_file(HISTORY_FILE)
    readline.set_history_length(1000)
    atexit.register(_save_history, readline)


def _save_history(readline: object) -> None:
    with contextlib.suppress(OSError):
        readline.write_history_file(HISTORY_FILE)  # type: ignore[attr-defined]
