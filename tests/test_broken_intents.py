"""A corpus of broken intent files: each gets a clear file:line error, never a traceback or a hang."""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.cli import main
from bot.errors import IntentFileError
from bot.intents import MAX_FILE_BYTES, check_content, load_content
from bot.matching import Thresholds
from bot.reload import LiveContent
from bot.responder import Responder
from builders import MINIMAL_INTENTS, intent_folder

CORPUS = Path(__file__).resolve().parent / "data" / "broken_intents"
SECONDS_PER_CASE = 10

# file name -> (the line an editor must look at, a word the message must contain)
EXPECTED = {
    "answer_over_4096.yaml": (6, "4096"),
    "article_without_source.yaml": (3, "'source' is required"),
    "bad_id_characters.yaml": (3, "lowercase letters"),
    "bad_indentation.yaml": (5, "YAML syntax error"),
    "deep_nesting.yaml": (5, "nested"),
    "duplicate_id.yaml": (7, "duplicate intent id"),
    "duplicate_key.yaml": (7, "duplicate key"),
    "empty_answer.yaml": (6, "'answer' is required"),
    "empty_file.yaml": (1, "empty"),
    "empty_pattern_item.yaml": (7, "non-empty text"),
    "empty_patterns.yaml": (5, "'patterns' must be a list"),
    "figure_not_in_source.yaml": (7, "'99%'"),
    "half_written.yaml": (9, "YAML syntax error"),
    "id_is_a_number.yaml": (3, "got 42"),
    "intent_is_text.yaml": (3, "must be a mapping"),
    "intents_is_a_mapping.yaml": (2, "must be a list"),
    "invalid_html.yaml": (6, "<div>"),
    "latin1_bytes.yaml": (5, "UTF-8"),
    "list_instead_of_mapping.yaml": (1, "must be a mapping"),
    "missing_source_document.yaml": (1, "source_document"),
    "nul_byte.yaml": (5, "control character"),
    "only_comments.yaml": (1, "empty"),
    "patterns_not_a_list.yaml": (5, "'patterns' must be a list"),
    "related_to_itself.yaml": (7, "related to itself"),
    "safety_claims_a_source.yaml": (8, "must not claim a source"),
    "same_pattern_twice.yaml": (9, "also a pattern of 'greeting'"),
    "source_document_not_found.yaml": (1, "cannot read the source document"),
    "source_document_outside_folder.yaml": (1, "outside the intents folder"),
    "source_not_in_article.yaml": (9, "not found verbatim"),
    "synonyms_not_a_mapping.yaml": (7, "'synonyms' must map"),
    "tab_indentation.yaml": (8, "tab character"),
    "tag_spans_blank_line.yaml": (6, "spans a blank line"),
    "title_not_text.yaml": (5, "'title' must be text"),
    "triggers_on_smalltalk.yaml": (6, "safety intents only"),
    "unclosed_quote.yaml": (5, "YAML syntax error"),
    "unknown_key.yaml": (7, "unknown key 'reply'"),
    "unknown_kind.yaml": (4, "'kind' must be one of"),
    "unknown_related.yaml": (7, "'no_such_intent' does not exist"),
    "unknown_top_level_key.yaml": (7, "unknown top-level key 'intent'"),
    "utf16_with_bom.yaml": (1, "UTF-8"),
    "yaml_bomb.yaml": (6, "aliases"),
}


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, if the block takes longer than `seconds`."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def folder_with(tmp_path: Path, case: Path) -> Path:
    """An intent folder holding the article and this one case file."""
    folder = intent_folder(tmp_path, {})
    shutil.copy(case, folder / case.name)
    return folder


def test_corpus_and_table_agree() -> None:
    """Every file in the corpus has an expectation, and there are at least 25 of them."""
    assert sorted(p.name for p in CORPUS.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gets_file_line_and_reason(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check_content, load_content and `k2bot validate` each point at file:line with the reason."""
    line, word = EXPECTED[name]
    folder = folder_with(tmp_path, CORPUS / name)
    with time_limit(SECONDS_PER_CASE):
        _, problems = check_content(folder)
        with pytest.raises(IntentFileError) as raised:
            load_content(folder)
        exit_code = main(["validate", "--no-lint", "--intents", str(folder), str(folder)])
    errors = [p for p in problems if p.severity == "error"]
    assert [p for p in errors if p.path.name == name and p.line == line and word in p.message], [
        str(p) for p in problems
    ]
    assert all(p.line >= 1 for p in problems), [str(p) for p in problems]
    assert f"{name}:{line}: error:" in str(raised.value)
    printed = capsys.readouterr()
    assert 2 == exit_code
    assert f"{name}:{line}: error: " in printed.out
    assert "Traceback" not in printed.out + printed.err


def test_a_file_over_the_size_limit_is_refused_quickly(tmp_path: Path) -> None:
    """A file over 1 MB (a pasted data dump) is refused at line 1 without being parsed."""
    folder = intent_folder(tmp_path, {})
    huge = folder / "huge.yaml"
    with huge.open("w", encoding="utf-8") as out:
        out.write("source_document: sources/vitamin-k2-article.txt\nintents:\n")
        while out.tell() <= MAX_FILE_BYTES:
            out.write("  - id: x\n    kind: smalltalk\n    patterns: [hello]\n    answer: Hi\n")
    with time_limit(SECONDS_PER_CASE):
        _, problems = check_content(folder)
    assert ["huge.yaml:1"] == [f"{p.path.name}:{p.line}" for p in problems]
    assert "limit" in problems[0].message


def test_a_utf8_byte_order_mark_is_fine(tmp_path: Path) -> None:
    """A UTF-8 file with a byte order mark (as some Windows editors save it) loads."""
    folder = intent_folder(tmp_path)
    main_file = folder / "main.yaml"
    main_file.write_bytes(b"\xef\xbb\xbf" + main_file.read_bytes())
    assert ["what_is_k2", "greeting"] == [i.id for i in load_content(folder).intents]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_live_reload_keeps_the_last_good_intents_serving(name: str, tmp_path: Path) -> None:
    """A good file saved over with the broken case: the reload is refused with the same
    file:line, and the bot keeps answering from the intents it had."""
    line, word = EXPECTED[name]
    folder = intent_folder(tmp_path, {name: MINIMAL_INTENTS})
    live = LiveContent(folder, Thresholds(), Responder(load_content(folder)))
    serving = live.responder
    shutil.copy(CORPUS / name, folder / name)

    with time_limit(SECONDS_PER_CASE):
        result = live.reload()

    assert not result.applied
    assert live.responder is serving
    assert "Hello!" == live.responder.respond("hello").text
    assert [
        p for p in result.problems if p.path.name == name and p.line == line and word in p.message
    ]
    assert f"{name}:{line}:" in result.html()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_python_parser_reports_the_same_as_libyaml(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where PyYAML was built without libyaml, its Python parser gives the same file:line
    and reason (a syntax error's details are worded by each parser its own way)."""
    import yaml

    from bot.content import yaml_reader

    def located(folder: Path) -> list[str]:
        return [
            f"{p.path.name}:{p.line}: {p.message.split(':')[0]}" for p in check_content(folder)[1]
        ]

    folder = folder_with(tmp_path, CORPUS / name)
    in_c = located(folder)
    monkeypatch.setattr(yaml_reader, "_LOADER", yaml.SafeLoader)
    assert in_c == located(folder)
