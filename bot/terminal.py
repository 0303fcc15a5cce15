"""The terminal adapter: `k2bot chat`, a readline chat over the same responder as Telegram."""

from __future__ import annotations

import contextlib
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bot import messages
from bot.dialogue import Dialogue
from bot.intents import Intent
from bot.language import available_languages
from bot.markup import to_plain_text
from bot.questionlog import QuestionLog
from bot.reload import LiveContent, saved_state
from bot.responder import Reply, Responder

HISTORY_FILE = Path.home() / ".k2bot_history"
PROMPT = "k2bot> "
USER_PROMPT = "you> "
INDENT = " " * len(PROMPT)
FALLBACK_SIZE = (88, 24)  # when the output is not a terminal (a pipe, a file)
MIN_WIDTH = 20
MAX_WIDTH = 100  # very wide terminals: lines stay readable
COMMANDS = {
    "/quit",
    "/exit",
    "/q",
    "/help",
    "/start",
    "/topics",
    "/source",
    "/reset",
    "/new",
    "/language",
}
# The terminal is one person's one chat: one conversation, and one user whose /language
# choice holds for the session (as a Telegram user's does).
CONVERSATION = "terminal"
USER = "terminal"


@dataclass
class TerminalChat:
    """One chat session in a terminal: reads lines, prints rendered replies."""

    responder: Responder
    # Looked up when the chat starts, not at import: the process may have replaced stdout.
    out: TextIO = field(default_factory=lambda: sys.stdout)
    read: Callable[[str], str] = input
    offered: list[Intent] = field(default_factory=list)
    last: Reply | None = None
    # The last reply that drew on the article: what /source shows, even after a "thanks"
    # or a fallback came in between (their replies have no passage of their own).
    last_sourced: Reply | None = None
    dialogue: Dialogue | None = None
    # The question log (QUESTION_LOG): questions are logged as the Telegram bot logs them,
    # with no user id (one person at one terminal) and chat_kind "terminal".
    log: QuestionLog | None = None
    # The chat's own words (help, prompts, /topics) follow the language of the last reply.
    language: str = "en"
    # The intents folder, live: an edit saved during the chat is checked and, without
    # errors, answers the next line (None: the intents stay as loaded).
    live: LiveContent | None = None
    # The folder as saved when the responder was loaded (`saved_state`, taken before loading,
    # so an edit saved meanwhile is picked up); None: as saved when the chat starts.
    loaded_from: frozenset[tuple[str, int, int]] | None = None
    # Input is no terminal (`printf 'what is k2\n' | k2bot chat`): nobody sees a prompt wait,
    # so none is left open before the reply; each line read is shown after it instead, and
    # the transcript reads as a chat ("you> what is k2" then "k2bot> ...").
    echo: bool = False

    def __post_init__(self) -> None:
        if self.dialogue is None:
            # The same follow-up memory as Telegram, for this one conversation, over the
            # responder of the moment (a reload replaces it, the memory stays).
            self.dialogue = Dialogue(lambda: self.responder)
        if self.live is not None and self.loaded_from is None:
            self.loaded_from = saved_state(self.live.directory)

    def run(self) -> int:
        """Chat until /quit or end of input."""
        greeting = self._in_language(messages.TERMINAL_GREETING)
        self._say(f"{greeting}\n{self._in_language(messages.NOT_MEDICAL_ADVICE)}")
        while True:
            try:
                line = self.read("" if self.echo else USER_PROMPT)
            except (EOFError, KeyboardInterrupt):
                if not self.echo:
                    self._write("\n")  # end the prompt's line
                return 0
            if self.echo:
                said = line.rstrip("\r")  # a file saved on Windows
                self._write(f"{USER_PROMPT}{said}\n")
            if not self.handle(line):
                return 0

    def handle(self, line: str) -> bool:
        """Act on one line; False means the user asked to leave."""
        self._pick_up_edits()
        command = line.strip().lower()
        if command in {"/quit", "/exit", "/q"}:
            self._say(self._in_language(messages.FAREWELL))
            return False
        if not command.isdigit() and command != "/topics":
            self.offered = []  # the list scrolls out of mind: a later number is not a pick
        if command in {"/help", "/start"}:
            self._say(self._in_language(messages.TERMINAL_HELP))
        elif command == "/topics":
            heading = self._in_language(messages.TOPICS_HEADING)
            self._offer(heading, list(self.responder.topics()), self.language)
        elif command == "/source":
            self._show_source()
        elif command.split()[0] == "/language":
            self._choose_language(command.split()[1:])
        elif command in {"/reset", "/new"}:
            forgot = self._dialogue.start_over(CONVERSATION)
            said = messages.STARTED_OVER if forgot else messages.NOTHING_TO_FORGET
            self._say(self._in_language(said))
        elif command.startswith("/") and command.split()[0] not in COMMANDS:
            self._say(self._in_language(messages.UNKNOWN_COMMAND))
        elif command.isdecimal() and self.offered:
            # A bare number picks from the numbered list on screen, and only from it.
            number = int(command)
            if not 1 <= number <= len(self.offered):
                self._say(messages.pick_a_number(len(self.offered), self.language))
                return True
            language = self._dialogue.languages.chosen(USER) or (
                self.last.language if self.last is not None else None
            )
            reply = self.responder.answer(self.offered[number - 1].id, language=language)
            if reply is not None and reply.intent is not None:
                self._dialogue.record_answer(CONVERSATION, reply.intent.id)
                self._show(reply)
        elif command.isdecimal():
            # No list on screen: a number alone is not "mk7" or "d3", it is a question the
            # bot cannot answer; say what numbers are for.
            self.offered = []
            self._say(self._in_language(messages.NO_LIST_ON_SCREEN))
        else:
            turns = self._dialogue.respond(CONVERSATION, line, user=USER)
            for turn in turns:
                if len(turns) > 1:
                    self._write(f"  » {turn.part}\n")
                self._log(turn.part, turn.reply)
                self._show(turn.reply)
        return True

    def _choose_language(self, words: list[str]) -> None:
        """/language as in Telegram: list the languages, choose one, or go back to auto."""
        languages = self._dialogue.languages
        available = available_languages(self.responder.topics())
        if not words:
            listing = messages.language_choice_html(
                available, languages.chosen(USER), self.language
            )
            self._say(to_plain_text(listing))
            return
        asked = words[0]
        if asked in ("auto", "off", "reset"):
            languages.choose(USER, None)
            self._say(to_plain_text(messages.language_set_html(None, self.language)))
        elif asked in available:
            languages.choose(USER, asked)
            self._say(to_plain_text(messages.language_set_html(asked, self.language)))
            self.language = asked  # the chat's own words follow the choice
        else:
            unknown = messages.language_unknown_html(asked[:16], available, self.language)
            self._say(to_plain_text(unknown))

    def _pick_up_edits(self) -> None:
        """Reload the intents if a file was saved since the last line, and say how it went.

        As the Telegram bot's live reload: an edit with errors is refused with its
        file:line problems, and the last good intents keep answering.
        """
        if self.live is None:
            return
        saved = saved_state(self.live.directory)
        if saved == self.loaded_from:
            return
        self.loaded_from = saved
        result = self.live.reload()
        self.responder = self.live.responder
        if result.worth_telling:  # not a file saved again unchanged
            self._say(to_plain_text(result.html(self.language)))

    def _log(self, question: str, reply: Reply) -> None:
        if self.log is not None:
            self.log.record(
                question,
                reply.outcome,
                reply.intent.id if reply.intent is not None else None,
                reply.score,
                user_id=None,
                chat_kind="terminal",
            )

    @property
    def _dialogue(self) -> Dialogue:
        if self.dialogue is None:
            self.dialogue = Dialogue(self.responder)
        return self.dialogue

    def _in_language(self, text: str) -> str:
        return messages.in_language(text, self.language)

    def _show(self, reply: Reply) -> None:
        self.last = reply if reply.intent is not None else self.last
        if reply.sources and reply.intent is not None:
            self.last_sourced = reply
        self.language = reply.language
        text = reply.text
        if reply.suggestions:
            # The choices are printed once, numbered, below: drop the message's own bullets.
            text = "\n".join(line for line in text.split("\n") if not line.startswith("• "))
        self._say(text)
        language = reply.language
        if reply.suggestions:
            heading = messages.in_language(messages.SUGGESTIONS_HEADING, language)
            self._offer(heading, list(reply.suggestions), language)
        elif reply.related:
            heading = messages.in_language(messages.RELATED_HEADING, language)
            self._offer(heading, list(reply.related), language)
        else:
            self.offered = []
        if reply.sources:
            self._write(f"  {messages.in_language(messages.SOURCE_HINT, language)}\n")

    def _offer(self, heading: str, intents: list[Intent], language: str = "en") -> None:
        self.offered = intents
        lines = [heading] + [
            f"  {n}. {i.title_in(language)}" for n, i in enumerate(intents, start=1)
        ]
        self._write("\n".join(lines) + "\n")

    def _show_source(self) -> None:
        """The article's words behind the last answer; under each, its rendering, if any.

        The rendering (in the last answer's language) is marked as a translation and not
        set as a quote, so only the article's own words read as quoted.
        """
        last = self.last_sourced
        if last is None or last.intent is None:
            self._say(to_plain_text(self.responder.about_source_html()))
            return
        language = last.language
        title = self.responder.article_title(language)
        rendered = last.intent.source_in(language)
        marker = messages.translation_marker(language)
        width = terminal_width()
        shown = []
        for index, passage in enumerate(last.sources):
            shown.append(_fill(f'"{passage}"', width, initial="  > ", subsequent="  > "))
            if marker is not None and len(rendered) == len(last.sources):
                line = f"{marker} {rendered[index]}"
                shown.append(_fill(line, width, initial="    ", subsequent="    "))
        quoted = "\n".join(shown)
        self._write(f"{messages.source_heading(title, language)}\n{quoted}\n")

    def _say(self, text: str) -> None:
        width = terminal_width()
        paragraphs = [
            _fill(p, width, initial=PROMPT if n == 0 else INDENT, subsequent=INDENT)
            for n, p in enumerate(text.split("\n"))
        ]
        self._write("\n".join(paragraphs) + "\n")

    def _write(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()


def terminal_width() -> int:
    """The width to wrap to.

    The terminal's real width, read at each reply (the window may have been resized), one column
    short so a full line never wraps by itself.
    """
    columns = shutil.get_terminal_size(FALLBACK_SIZE).columns
    return max(MIN_WIDTH, min(columns - 1, MAX_WIDTH))


def _fill(text: str, width: int, *, initial: str, subsequent: str) -> str:
    """Wrap between words only.

    A word longer than the line (a URL) gets a line of its own rather than being cut.
    """
    if not text.strip():
        return initial.rstrip()
    return textwrap.fill(
        text,
        width,
        initial_indent=initial,
        subsequent_indent=subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )


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
