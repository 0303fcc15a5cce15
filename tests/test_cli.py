"""The `k2bot` command line, run as a user runs it: real files, real stdin and stdout.

Most tests call `main(argv)` in this process, which is what the `k2bot` script does;
a subprocess is kept where the process itself is the point (`python -m bot`, a reader
closing the pipe).
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from bot.content.cache import default_folder
from builders import MINIMAL_INTENTS, K2bot, copy_of_shipped, intent_folder

JSON_KEYS = ["question", "intent", "score", "answer", "suggestions", "elapsed_ms"]


def test_ask_prints_the_answer(k2bot: K2bot) -> None:
    """`k2bot ask QUESTION` prints the reply as readable text, no HTML tags."""
    result = k2bot("ask", "does k2 help calcium absorption?")
    assert 0 == result.returncode
    out = result.stdout
    assert "calcium absorption" in out
    assert "<" not in out


def test_ask_json_contract_one_object_per_stdin_line(k2bot: K2bot) -> None:
    """Reading stdin: one JSON object per input line, blank lines included, in order."""
    lines = ["hi", "", "mk7 vs mk4?", "what's the weather like", "i'm on warfarin, ok to take k2?"]
    result = k2bot("ask", "--json", stdin="\n".join(lines).encode() + b"\n")
    assert 0 == result.returncode
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [o["question"] for o in objects]
    for o in objects:
        assert JSON_KEYS == list(o)
        assert 0 <= o["score"] <= 100
        assert isinstance(o["suggestions"], list)
        assert o["elapsed_ms"] >= 0
    assert ["greeting", None, "forms_mk4_mk7", None, "safety_medicines"] == [
        o["intent"] for o in objects
    ]


def test_source_asked_in_words_sets_the_article_title_apart_in_plain_text(k2bot: K2bot) -> None:
    """ "source?" after an answer names the article in quotation marks where no bold shows
    it, so the title's own "?" and "." do not run into the heading's colon."""
    result = k2bot("ask", "--conversation", stdin=b"mk7 vs mk4?\nsource?\n")
    source = result.stdout.splitlines()[1]
    assert source.startswith("📖 From the article “Calcium supplements"), source
    assert "deficiency.”: " in source, source


def test_ask_typed_at_a_terminal_says_how_to_end_the_questions() -> None:
    """`k2bot ask` alone at a terminal says that Ctrl-D ends the questions, instead of
    waiting in silence as if it hung; the answers follow the end of input."""
    terminal, terminal_side = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask"],
        stdin=terminal_side,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(terminal_side)
    try:
        os.write(terminal, b"what is k2\n\x04")  # a line, then Ctrl-D at the line's start
        out, err = process.communicate(timeout=120)
    finally:
        os.close(terminal)
    assert 0 == process.returncode, err
    assert "Ctrl-D" in err
    assert "unique vitamin" in out


def test_run_without_a_token_at_a_terminal_starts_the_chat_it_offers(tmp_path: Path) -> None:
    """`k2bot run` with no token, at a terminal, offers the chat; "y" starts it and it answers
    (it ended in a traceback: `run` has no --lang for the chat to read)."""
    terminal, terminal_side = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "INTENTS_"))}
    env |= {"HOME": str(tmp_path), "DATA_DIR": str(tmp_path / "data"), "TERM": "dumb"}
    env["XDG_CACHE_HOME"] = str(default_folder().parents[1])  # its own home, a warm cache
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        stdin=terminal_side,
        stdout=terminal_side,
        stderr=terminal_side,
        env=env,
        cwd=tmp_path,
        close_fds=True,
    )
    os.close(terminal_side)
    seen = bytearray()
    try:
        os.write(terminal, b"y\nwhat is k2\n/quit\n")
        while True:
            ready, _, _ = select.select([terminal], [], [], 60)
            assert ready, f"no end after: {bytes(seen)[-400:]!r}"
            try:
                chunk = os.read(terminal, 65536)
            except OSError:  # the process closed its side of the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert 0 == process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(terminal)
    shown = bytes(seen).decode("utf-8", "replace")
    assert "Start the terminal chat now? [Y/n]" in shown
    assert "Traceback" not in shown
    assert "unique vitamin" in shown


def test_ask_splits_stdin_on_line_feeds_only(k2bot: K2bot) -> None:
    """A stray carriage return inside a line does not turn one question into two."""
    result = k2bot("ask", "--json", stdin=b"hi\rthanks\r\nbye\n")
    assert ["hi\rthanks", "bye"] == [json.loads(x)["question"] for x in result.stdout.splitlines()]


def test_ask_survives_invalid_utf8_and_control_characters(k2bot: K2bot) -> None:
    """Bad bytes on stdin get a reply like any other line, never a traceback."""
    result = k2bot("ask", stdin=b"\xff\xfe\xfa k2?\n\x00\x1b[2J\n" + b"x" * 10_000 + b"\n")
    assert 0 == result.returncode, result.stderr
    assert 3 == len(result.stdout.splitlines())
    assert "Traceback" not in result.stderr


def test_validate_reports_file_line_and_exits_two(k2bot: K2bot, tmp_path: Path) -> None:
    """A broken draft folder gets file:line problems and exit code 2, no traceback."""
    folder = intent_folder(
        tmp_path,
        {"main.yaml": MINIMAL_INTENTS, "draft.yaml": "intents:\n  - id: x\n    kind: nope\n"},
    )
    result = k2bot("validate", str(folder))
    assert 2 == result.returncode
    assert f"{folder / 'draft.yaml'}:3: error:" in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_strict_passes_on_the_shipped_content(k2bot: K2bot) -> None:
    """The shipped content validates clean, and every shipped pattern gets its own intent:
    no confusability warning (issue 12). (Plain `validate` differs from `--strict` only in
    letting warnings pass, so this one run of the whole lint, ~5 s of CPU, covers both.)"""
    result = k2bot("validate", "--strict")
    assert 0 == result.returncode, result.stdout + result.stderr
    assert "OK:" in result.stdout
    assert "0 warnings." in result.stdout


def test_validate_points_at_a_translation_in_a_language_it_cannot_recognise(
    k2bot: K2bot, tmp_path: Path
) -> None:
    """`rus:` for `ru:` (ISO 639-2 for ISO 639-1) is one warning at that intent, with the fix.

    No Russian question is ever told to be in "rus", so those answers would never be given;
    the warning names the intent's file and line and suggests 'ru', instead of one warning
    per entry of the interface's no_content.yaml, none of them in the editor's file.
    """
    folder = copy_of_shipped(tmp_path)
    article = folder / "article.yaml"
    text = article.read_text(encoding="utf-8")
    typo = text.replace("    translations:\n      ru:\n", "    translations:\n      rus:\n", 1)
    assert typo != text
    article.write_text(typo, encoding="utf-8")
    result = k2bot("validate", str(folder))
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert 1 == len(warnings), warnings
    (warning,) = warnings
    assert warning.startswith(f"{article}:")
    assert "'what_is_k2'" in warning and "'rus'" in warning and "did you mean 'ru'?" in warning


def test_validate_lint_flags_confusable_patterns(k2bot: K2bot, tmp_path: Path) -> None:
    """A pattern the bot would answer with another intent is flagged; --strict fails on it."""
    folder = copy_of_shipped(tmp_path)
    with (folder / "smalltalk.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "  - id: about_d3\n    kind: smalltalk\n    patterns:\n"
            "      - d3 and k2 work well together\n      - d3\n"
            "    answer: D3!\n"
        )
    result = k2bot("validate", str(folder), "--strict")
    assert 2 == result.returncode
    assert "would be answered by 'k2_with_d3'" in result.stdout


def test_every_subcommand_takes_intents_dir(k2bot: K2bot, tmp_path: Path) -> None:
    """--intents and INTENTS_DIR point the bot at a draft folder."""
    folder = intent_folder(tmp_path)
    by_option = k2bot("ask", "--json", "--intents", str(folder), "hello")
    by_env = k2bot("ask", "--json", "hello", env={"INTENTS_DIR": str(folder)})
    assert "Hello!" == json.loads(by_option.stdout)["answer"]
    assert "Hello!" == json.loads(by_env.stdout)["answer"]


def test_broken_intents_stop_the_bot_with_one_line(k2bot: K2bot, tmp_path: Path) -> None:
    """`ask` on invalid content exits 2 with one clear line, not a traceback."""
    folder = intent_folder(tmp_path, {"main.yaml": "intents: [\n"})
    result = k2bot("ask", "--intents", str(folder), "hi")
    assert 2 == result.returncode
    assert result.stderr.startswith("k2bot: ")
    assert "Traceback" not in result.stderr


def test_eval_gates_on_thresholds(k2bot: K2bot, tmp_path: Path) -> None:
    """`eval` exits non-zero when a figure is below the threshold passed in."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"question": "mk7 vs mk4", "expect": ["forms_mk4_mk7"]}\n'
        '{"question": "bank transfer fees", "expect": []}\n'
        '{"question": "what is osteocalcin", "expect": ["k2_with_d3"]}\n'
    )
    passing = k2bot("eval", str(questions), "--json", "--min-accuracy", "0.5")
    failing = k2bot("eval", str(questions), "--min-accuracy", "0.9")
    report = json.loads(passing.stdout)
    assert 0 == passing.returncode
    assert 0.5 == report["in_scope_accuracy"]
    assert 0.0 == report["out_of_scope_false_accept_rate"]
    assert "what is osteocalcin" == report["worst_confusions"][0]["question"]
    assert 1 == failing.returncode
    assert "FAIL" in failing.stderr


def test_eval_says_what_each_figure_is_and_flags_tiny_groups(k2bot: K2bot, tmp_path: Path) -> None:
    """The top figures say what they count, a kind of one question is flagged as too few to
    read as a rate, and the per-language section says how many questions it covers; the
    per-kind lines keep the shape scripts read (`  in_scope     right  50.0%  of 2`)."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"question": "mk7 vs mk4", "expect": ["forms_mk4_mk7"]}\n'
        '{"question": "what is osteocalcin", "expect": ["k2_with_d3"]}\n'
        '{"question": "hello", "expect": ["greeting"]}\n'
        '{"question": "bank transfer fees", "expect": []}\n'
        '{"question": "was ist vitamin k2", "expect": [], "kind": "in_scope_other", '
        '"lang": "de"}\n'
    )
    lines = k2bot("eval", str(questions), "--worst", "0").stdout.splitlines()
    assert "Questions: 5 (3 with an expected answer, 2 expecting none)" == lines[0]
    assert lines[1].startswith("Right answer, of the 3 with one:")
    assert "66.7%  (article, safety and small-talk questions together)" in lines[1]
    assert lines[2].startswith("Answered anyway, of the 2 with none:")
    assert lines[3].startswith("Safety questions routed:")
    assert "in_scope is article questions only" in lines[5]
    kinds = {line.split()[0]: line for line in lines[6:10]}
    assert kinds["in_scope"].startswith("  in_scope     right       50.0%  of 2")
    assert "(only 2 questions: each one is 50 points)" in kinds["in_scope"]
    assert "(only 1 question: each one is 100 points)" in kinds["in_scope_other"]
    assert any(line.startswith("  answered, wrong = given an article answer") for line in lines)
    assert '\nPer language (only the 1 of 5 questions labelled with a "lang"):' in "\n".join(lines)


def test_eval_rejects_a_malformed_question_set(k2bot: K2bot, tmp_path: Path) -> None:
    """A bad line in the question set is named by file:line."""
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"question": "hi", "expect": []}\nnot json\n')
    result = k2bot("eval", str(questions))
    assert 2 == result.returncode
    assert f"{questions}:2:" in result.stderr


def test_run_without_token_explains_how_to_get_one(k2bot: K2bot) -> None:
    """`k2bot run` with no token exits 2 and points at @BotFather and `k2bot chat`."""
    result = k2bot("run", stdin=b"")
    assert 2 == result.returncode
    err = result.stderr
    assert "@BotFather" in err
    assert "TELEGRAM_BOT_TOKEN" in err
    assert "k2bot chat" in err
    # The settings template is named by a path that exists, installed or in a checkout.
    [template] = [line.split()[1] for line in err.splitlines() if line.strip().startswith("cp ")]
    assert "TELEGRAM_BOT_TOKEN=" in Path(template).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [("ask", "--log", "what is k2"), ("chat",), ("run",)],
    ids=["ask --log", "chat", "run"],
)
def test_a_data_dir_that_is_a_file_is_one_clear_line(
    k2bot: K2bot, command: tuple[str, ...]
) -> None:
    """DATA_DIR naming a file (or a folder that cannot be created) ended `k2bot chat`,
    `ask --log` and `run` with a FileExistsError traceback."""
    Path("notes.txt").write_text("not a folder", encoding="utf-8")
    env = {
        "DATA_DIR": "notes.txt",
        # `run` stops at the folder, before reaching for Telegram (nothing listens there).
        "TELEGRAM_BOT_TOKEN": "123456789:" + "A" * 35,
        "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot",
    }
    result = k2bot(*command, stdin=b"/quit\n", env=env)
    assert 2 == result.returncode
    assert "Traceback" not in result.stderr
    assert "cannot use notes.txt as the data folder (DATA_DIR)" in result.stderr


def test_chat_in_a_terminal_session(k2bot: K2bot) -> None:
    """`k2bot chat` answers, lists topics, picks by number, shows the source and quits."""
    script = "mk7 vs mk4?\n/source\n/topics\n1\n/help\n/quit\n"
    result = k2bot("chat", stdin=script.encode())
    out = result.stdout
    assert 0 == result.returncode
    assert "MK-4" in out
    assert '> "There are more or less carbon atoms' in out
    assert "1. What is vitamin K2?" in out
    assert "The article describes vitamin K2 as a unique vitamin" in out
    assert "/topics" in out
    assert "<b>" not in out and "&quot;" not in out


def test_chat_with_piped_input_reads_as_a_transcript(k2bot: K2bot) -> None:
    """Piped into `k2bot chat`, each line is shown after "you> " and the reply starts a line
    of its own: no "you> k2bot> ..." (nobody typed at the prompt), no prompt left at the end.
    At a terminal the prompt is unchanged (test_terminal.py, a real pseudo-terminal)."""
    result = k2bot("chat", stdin=b"what is k2\nthanks\n")
    out = result.stdout
    assert 0 == result.returncode, result.stderr
    assert "you> what is k2\nk2bot> The article describes vitamin K2" in out
    assert "you> thanks\nk2bot> You're welcome!" in out
    assert "you> k2bot>" not in out
    assert not out.rstrip().endswith("you>")


def test_validate_counts_in_plain_english(k2bot: K2bot, tmp_path: Path) -> None:
    """ "1 error, 0 warnings", "1 intent in 1 file": not "1 error(s)" or "1 intents"."""
    broken = intent_folder(
        tmp_path / "broken",
        {"main.yaml": MINIMAL_INTENTS, "draft.yaml": "intents:\n  - id: x\n    kind: nope\n"},
    )
    failed = k2bot("validate", "--no-lint", str(broken))
    assert 2 == failed.returncode
    assert failed.stderr.startswith("3 errors, 0 warnings: ")
    draft = (
        "intents:\n  - id: x\n    answer: An answer.\n    patterns: [a question]\n    kind: nope\n"
    )
    one_error = intent_folder(tmp_path / "one", {"main.yaml": MINIMAL_INTENTS, "draft.yaml": draft})
    failed = k2bot("validate", "--no-lint", str(one_error))
    assert 2 == failed.returncode
    assert failed.stderr.startswith("1 error, 0 warnings: "), failed.stdout + failed.stderr
    only_the_first = MINIMAL_INTENTS.split("  - id: greeting")[0]
    single = intent_folder(tmp_path / "single", {"main.yaml": only_the_first})
    passed = k2bot("validate", "--no-lint", str(single))
    assert 0 == passed.returncode, passed.stdout + passed.stderr
    assert "OK: 1 intent in 1 file; 0 warnings." in passed.stdout


@pytest.mark.parametrize("command", ["ask", "chat"])
def test_an_unknown_lang_code_is_a_usage_error_naming_the_known_codes(
    k2bot: K2bot, command: str
) -> None:
    """`--lang xx` exits 2 as argparse errors do, says the code is unknown and lists the
    known ones, instead of answering "I can answer in English and Russian"."""
    result = k2bot(command, "--lang", "xx", "what is k2", stdin=b"what is k2\n")
    assert 2 == result.returncode
    assert "argument --lang: unknown language code 'xx'" in result.stderr
    known = result.stderr.split("the known codes are: ")[1].split(", ")
    assert {"en", "ru", "de"} <= {code.strip() for code in known}
    assert "" == result.stdout
    assert "Traceback" not in result.stderr


def test_a_known_lang_code_is_read_whatever_its_case(k2bot: K2bot) -> None:
    """`--lang RU` is Russian, as `--lang ru` is."""
    result = k2bot("ask", "--lang", " RU", "what is k2")
    assert 0 == result.returncode, result.stderr
    assert "витамин K2" in result.stdout


def test_python_dash_m_bot_works_like_k2bot() -> None:
    """`python -m bot` runs the same CLI, as its own process."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--version"],
        capture_output=True,
        text=True,
        cwd=Path.cwd(),  # the test's own empty folder: no .env
        timeout=60,
        check=False,
    )
    assert 0 == result.returncode
    assert result.stdout.startswith("k2bot ")


def test_version_in_process(k2bot: K2bot) -> None:
    """`k2bot --version` prints the version and exits 0."""
    result = k2bot("--version")
    assert 0 == result.returncode
    assert result.stdout.startswith("k2bot ")


@pytest.mark.parametrize("bad", [["eval", "--min-accuracy", "abc"], ["nonsense"]])
def test_bad_arguments_get_usage_not_traceback(k2bot: K2bot, bad: list[str]) -> None:
    """Nonsense arguments get argparse's usage message and exit 2."""
    result = k2bot(*bad)
    assert 2 == result.returncode
    assert "usage:" in result.stderr


def test_output_cut_short_by_the_reader_is_not_an_error() -> None:
    """`k2bot eval | head -1` ends quietly, with no traceback."""
    command = f"{sys.executable} -m bot eval | head -1"
    result = subprocess.run(
        command, shell=True, capture_output=True, cwd=Path.cwd(), timeout=60, check=False
    )
    assert b"Traceback" not in result.stderr
    assert result.stdout.startswith(b"Questions:")
