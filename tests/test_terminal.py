"""`k2bot chat` as a terminal user meets it: numbers, commands, the greeting, "did you mean",
question logging, and answers wrapped to the real width of a real pseudo-terminal."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import shutil
import sqlite3
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import messages
from bot.content.cache import ContentCache, default_folder
from bot.intents import load_content
from bot.markup import to_plain_text
from bot.matching import Thresholds
from bot.questionlog import QuestionLog
from bot.reload import LiveContent
from bot.responder import Responder
from bot.terminal import TerminalChat
from builders import SHIPPED_INTENTS


def chat(responder: Responder, *lines: str, log: QuestionLog | None = None) -> str:
    """Everything the chat printed for these lines typed in a row, then /quit."""
    out = io.StringIO()
    typed = iter([*lines, "/quit"])
    TerminalChat(responder, out=out, read=lambda _: next(typed), log=log).run()
    return out.getvalue()


def replies(output: str) -> list[str]:
    """The chat's replies, one per "k2bot>" block (prompts are not echoed here)."""
    return [" ".join(part.split()) for part in output.split("k2bot> ")[1:]]


def test_greeting_says_it_is_one_article_not_medical_advice(responder: Responder) -> None:
    first = replies(chat(responder))[0]
    assert "from one article" in first
    assert messages.NOT_MEDICAL_ADVICE in first


def test_a_number_picks_only_from_the_list_on_screen(responder: Responder) -> None:
    """/topics then 6 then 7: 7 picks from the list now on screen (the answer's related
    questions), never "mk7"; out of range says which numbers are valid."""
    topics = list(responder.topics())
    output = chat(responder, "/topics", "6", "99")
    said = replies(output)
    assert said[1].startswith(" ".join(responder.answer(topics[5].id).text.split())[:40])  # type: ignore[union-attr]
    shown = output.split("k2bot> ")[2]
    count = len(re.findall(r"^  \d+\. ", shown, flags=re.MULTILINE))
    assert count >= 1
    assert messages.pick_a_number(count) == said[2]


@pytest.mark.parametrize("number", ["7", "3", "0"])
def test_a_bare_number_with_no_list_is_not_mk7_or_d3(responder: Responder, number: str) -> None:
    said = replies(chat(responder, number))
    assert " ".join(messages.NO_LIST_ON_SCREEN.split()) == said[1]
    assert "MK-7" not in said[1] and "D3" not in said[1]


def test_a_digit_sign_that_is_no_number_is_read_as_a_question(responder: Responder) -> None:
    """ "➎" is a digit to str.isdigit but not a number int() reads: no crash, no pick."""
    said = replies(chat(responder, "/topics", "➎"))
    assert len(said) >= 3 and said[2]


def test_after_another_reply_the_old_list_is_gone(responder: Responder) -> None:
    """A list is for picking while it is on screen: after /help, "2" is not a pick."""
    said = replies(chat(responder, "/topics", "/help", "2"))
    assert " ".join(messages.NO_LIST_ON_SCREEN.split()) == said[-2]


@pytest.mark.parametrize("command", ["/stats", "/foo", "/unanswered now"])
def test_unknown_commands_point_to_help(responder: Responder, command: str) -> None:
    assert messages.UNKNOWN_COMMAND == replies(chat(responder, command))[1]


def test_did_you_mean_choices_are_printed_once(responder: Responder) -> None:
    question = "does k2 make u sleepy"
    reply = responder.respond(question)
    assert reply.suggestions  # the case under test: a "did you mean"
    output = chat(responder, question)
    for intent in reply.suggestions:
        assert 1 == output.count(intent.title)
    assert f"  1. {reply.suggestions[0].title}" in output


def test_chat_logs_questions_like_the_bot(responder: Responder, tmp_path: Path) -> None:
    """Questions (not commands, not picks) are logged, with no user and chat_kind terminal."""
    path = tmp_path / "questions.sqlite3"
    log = QuestionLog(path, salt=b"s", batch_seconds=0.01)
    chat(responder, "what is k2", "/topics", "1", "/help", "bank transfer fees", log=log)
    log.close()
    db = sqlite3.connect(path)
    rows = list(db.execute("SELECT question, outcome, user_hash, chat_kind FROM questions"))
    db.close()
    assert [
        ("what is k2", "answered", None, "terminal"),
        ("bank transfer fees", "fell_back", None, "terminal"),
    ] == rows


def test_edits_saved_during_a_chat_answer_the_next_question(tmp_path: Path) -> None:
    """An editor saves a pattern while `k2bot chat` runs: the next question uses it, no restart.

    The chat says what the reload changed; an edit with an error is refused with its
    file:line, and the last good intents keep answering.
    """
    drafts = tmp_path / "drafts"
    shutil.copytree(SHIPPED_INTENTS, drafts)
    live = LiveContent(
        drafts, Thresholds(), Responder(load_content(drafts)), cache=ContentCache(None)
    )
    addition = (
        "patterns_for:\n  oos_heart_and_other_conditions:\n"
        "    - does k2 help migraines\n    - k2 and migraines\n"
    )

    def editor_at_work() -> Iterator[str]:
        yield "does k2 help migraines"
        (drafts / "from_users.yaml").write_text(addition, encoding="utf-8")
        yield "does k2 help migraines"
        (drafts / "broken.yaml").write_text("patterns_for:\n\tthanks: [ta]\n", encoding="utf-8")
        yield "k2 and migraines"
        yield "/quit"

    typed = editor_at_work()
    out = io.StringIO()
    TerminalChat(live.responder, out=out, read=lambda _: next(typed), live=live).run()
    said = replies(out.getvalue())
    before, reloaded, after_addition, refused, still = said[1:6]
    assert "Did you mean" in before
    assert "Intents reloaded" in reloaded and "oos_heart_and_other_conditions" in reloaded
    assert "says nothing about the heart" in after_addition
    assert "not reloaded" in refused and "broken.yaml:2: error" in refused
    assert "says nothing about the heart" in still


# -- a real pseudo-terminal ----------------------------------------------------------------

PROMPT = b"you> "
QUESTIONS = ["what is vitamin k2", "mk7 vs mk4?", "k2 and d3 together??"]


def read_until_prompt(fd: int, seen: bytearray, prompts: int) -> None:
    """Read the terminal until `prompts` prompts have appeared (or 60 s pass: a failure)."""
    while seen.count(PROMPT) < prompts:
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, f"no prompt after: {bytes(seen)[-400:]!r}"
        seen += os.read(fd, 65536)


# Each answer is shown at its own width, the window resized before each question: widest
# first, so an answer wrapped to a width read only at start would not fit the next.
WIDTHS = [120, 60, 80]


def test_answers_wrap_between_words_at_the_real_terminal_width(
    responder: Responder, tmp_path: Path
) -> None:
    """In a real pseudo-terminal resized to 120, 60 and 80 columns between questions, every
    line of each answer fits the width it was shown at (so the terminal never breaks it),
    and every word of every answer arrives whole."""
    master, slave = pty.openpty()

    def resize(columns: int) -> None:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))

    resize(WIDTHS[0])
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}}
    env |= {"HOME": str(tmp_path), "DATA_DIR": str(tmp_path / "data"), "TERM": "dumb"}
    env["XDG_CACHE_HOME"] = str(default_folder().parents[1])  # its own home, a warm cache
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=tmp_path,
        close_fds=True,
    )
    seen = bytearray()
    shown: list[tuple[int, bytes]] = []
    try:
        read_until_prompt(master, seen, 1)
        for number, (question, columns) in enumerate(zip(QUESTIONS, WIDTHS, strict=True), 2):
            resize(columns)
            start = len(seen)
            os.write(master, question.encode() + b"\r")
            read_until_prompt(master, seen, number)
            shown.append((columns, bytes(seen[start:]).split(b"\n", 1)[1]))  # past the echo
        os.write(master, b"/quit\r")
        assert 0 == process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(slave)
        os.close(master)
    words = {"k2bot>"}
    for question in QUESTIONS:
        reply = responder.respond(question)
        words |= set(reply.text.split()) | {w for i in reply.related for w in i.title.split()}
    words |= set(f"{messages.RELATED_HEADING} {messages.SOURCE_HINT}".split())
    for columns, answer in shown:
        lines = answer.decode("utf-8", "replace").replace("\r", "").split("\n")
        answer_lines = [line for line in lines if line and not line.startswith("you>")]
        assert len(answer_lines) > 3
        if columns == max(WIDTHS):  # the room is used, not a narrow width kept for safety
            assert max(map(len, answer_lines)) > min(WIDTHS)
        for line in answer_lines:
            assert len(line) < columns, line
            for token in line.split():
                if not re.fullmatch(r"\d+\.", token):  # the numbers of a list
                    assert token in words, f"{token!r} is a broken word, in: {line!r}"


def test_source_after_thanks_shows_the_last_answers_passage(responder: Responder) -> None:
    """/help promises "the article passage behind my last answer": a "thanks" (or any
    reply with no passage) in between does not replace it with the general note."""
    output = chat(responder, "mk7 vs mk4?", "thanks", "/source")
    thanks_then_source = " ".join(output.split("k2bot> ")[3].split())
    passage = responder.respond("mk7 vs mk4?").sources[0]
    assert " ".join(passage.split())[:40] in thanks_then_source
    general_note = " ".join(to_plain_text(responder.about_source_html()).split())
    assert general_note[:40] not in thanks_then_source


def test_language_command_works_as_in_telegram(responder: Responder) -> None:
    """/language lists the languages, /language ru answers in Russian from then on,
    an unknown code names the choices, /language auto goes back to the asker's language."""
    said = replies(
        chat(
            responder,
            "/language",
            "/language ru",
            "mk7 vs mk4?",
            "/language xx",
            "/language auto",
            "mk7 vs mk4?",
        )
    )
    assert "I can answer in: en, ru." in said[1]
    assert "/language ru" in said[1]
    assert "по-русски" in said[2]
    assert "MK-4 и MK-7" in said[3]
    assert "У меня нет ответов на xx" in said[4]
    assert "на языке, на котором вы пишете" in said[5]
    assert " ".join(responder.respond("mk7 vs mk4?").text.split())[:40] in said[6]
    assert messages.UNKNOWN_COMMAND not in " ".join(said)
