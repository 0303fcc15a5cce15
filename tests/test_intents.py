"""Loading and checking intent files: every mistake an editor makes gets file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.confusability import confusable_patterns
from bot.errors import IntentFileError
from bot.intents import Kind, check_content, load_content
from bot.matching import Thresholds
from builders import (
    ARTICLE,
    MINIMAL_INTENTS,
    REPO,
    SHIPPED_INTENTS,
    copy_of_shipped,
    intent_folder,
)


def errors_of(folder: Path) -> list[str]:
    _, problems = check_content(folder)
    return [str(p) for p in problems if p.severity == "error"]


def warnings_of(folder: Path) -> list[str]:
    _, problems = check_content(folder)
    return [str(p) for p in problems if p.severity == "warning"]


def test_shipped_content_loads_cleanly() -> None:
    """The shipped intents load with no errors."""
    content, problems = check_content(SHIPPED_INTENTS)
    assert content is not None
    assert [] == [str(p) for p in problems if p.severity == "error"]


def test_shipped_source_is_a_verbatim_copy_of_the_article() -> None:
    """The project's source document is byte for byte the shared article."""
    shared = REPO.parent / "shared" / "source" / ARTICLE.name
    if not shared.exists():
        pytest.skip("the shared article is not beside this checkout")
    assert shared.read_bytes() == ARTICLE.read_bytes()


def test_minimal_folder_loads(tmp_path: Path) -> None:
    """A small valid folder gives its intents with their kinds."""
    content = load_content(intent_folder(tmp_path))
    assert ["what_is_k2", "greeting"] == [i.id for i in content.intents]
    assert Kind.SMALLTALK is content.by_id["greeting"].kind


BROKEN = {
    "yaml syntax": ("intents:\n  - id: a\n    patterns: [unclosed\n", 4, "YAML syntax error"),
    "tab indentation": ("intents:\n\t- id: a\n", 2, "tab character"),
    "tab after a list item's dash": (
        "intents:\n  - id: a\n    kind: smalltalk\n    patterns:\n      -\tx\n",
        5,
        "tab character",
    ),
    "duplicate key": (
        "intents:\n  - id: a\n    kind: smalltalk\n    kind: article\n    patterns: [x]\n"
        "    answer: y\n",
        4,
        "duplicate key",
    ),
    "missing id": (
        "intents:\n  - kind: smalltalk\n    patterns: [x]\n    answer: y\n",
        2,
        "'id' is required",
    ),
    "bad kind": (
        "intents:\n  - id: a\n    kind: faq\n    patterns: [x]\n    answer: y\n",
        3,
        "'kind' must be one of",
    ),
    "patterns not a list": (
        "intents:\n  - id: a\n    kind: smalltalk\n    patterns: 5\n    answer: y\n",
        4,
        "must be a list",
    ),
    "empty pattern": (
        "intents:\n  - id: a\n    kind: smalltalk\n    patterns:\n      - ''\n    answer: y\n",
        5,
        "non-empty text",
    ),
    "missing answer": (
        "intents:\n  - id: a\n    kind: smalltalk\n    patterns: [x]\n",
        2,
        "'answer' is required",
    ),
    "unknown key": (
        "intents:\n  - id: a\n    kind: smalltalk\n    pattern: [x]\n    patterns: [x]\n    answer: y\n",
        4,
        "did you mean 'patterns'",
    ),
    "misspelt key": (
        "intents:\n  - id: a\n    kind: smalltalk\n    patterns: [x]\n    anser: y\n",
        5,
        "unknown key 'anser' (did you mean 'answer'?)",
    ),
    "misspelt top-level key": (
        "synonym:\n  k2: [kay two]\n",
        1,
        "unknown top-level key 'synonym' (did you mean 'synonyms'?)",
    ),
    "misspelt translation key": (
        "intents:\n  - id: a\n    kind: smalltalk\n    patterns: [x]\n    answer: y\n"
        "    translations:\n      ru:\n        answr: z\n",
        8,
        "unknown key 'answr' in translation 'ru' (did you mean 'answer'?)",
    ),
    "article without source": (
        "intents:\n  - id: a\n    kind: article\n    patterns: [x]\n    answer: y\n",
        2,
        "'source' is required",
    ),
    "safety with source": (
        "intents:\n  - id: a\n    kind: safety\n    patterns: [x]\n    answer: y\n    source: ['Vitamin K2']\n",
        6,
        "must not claim a source",
    ),
    "intents not a list": ("intents: {a: 1}\n", 1, "must be a list of intents"),
    "yaml alias bomb": ('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n', 2, "aliases"),
}


@pytest.mark.parametrize(("text", "line", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_file_names_file_line_and_reason(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    """Each kind of mistake is reported at its file and line, in plain words."""
    folder = intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "broken.yaml": text})
    errors = errors_of(folder)
    expected = f"{folder / 'broken.yaml'}:{line}: error:"
    assert any(e.startswith(expected) and message in e for e in errors), errors


def test_invalid_content_refuses_to_load(tmp_path: Path) -> None:
    """The bot does not start on content with an error: load_content raises."""
    folder = intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "bad.yaml": "intents: [\n"})
    with pytest.raises(IntentFileError) as caught:
        load_content(folder)
    assert "bad.yaml:" in str(caught.value)


def test_source_passage_must_be_verbatim(tmp_path: Path) -> None:
    """A misquoted source passage is an error at the passage's line."""
    folder = intent_folder(
        tmp_path,
        {
            "main.yaml": MINIMAL_INTENTS.replace(
                '"Vitamin K2 is a unique vitamin"', '"Vitamin K2 is a special vitamin"'
            )
        },
    )
    errors = errors_of(folder)
    assert any(":11: error:" in e and "not found verbatim" in e for e in errors), errors


@pytest.mark.parametrize("figure", ["88%", "MK-9", "D2"])
def test_figure_missing_from_cited_passages_is_an_error(tmp_path: Path, figure: str) -> None:
    """A typo in a figure (87% written as 88%) cannot reach users."""
    text = MINIMAL_INTENTS.replace(
        "answer: The article says vitamin K2 is a unique vitamin.",
        f"answer: The article says vitamin K2 is a unique vitamin ({figure}).",
    )
    errors = errors_of(intent_folder(tmp_path, {"main.yaml": text}))
    assert any(repr(figure.lower().replace("-", "")) in e for e in errors), errors


def test_figures_in_cited_passages_are_accepted(tmp_path: Path) -> None:
    """Figures that the cited passage contains (MK-7, 87%) pass, however written."""
    text = MINIMAL_INTENTS.replace(
        "answer: The article says vitamin K2 is a unique vitamin.",
        "answer: The article says MK 7 can reduce fracture risk by 87%.",
    ).replace(
        '"Vitamin K2 is a unique vitamin"',
        '"Supplementation of MK-7 can increase bone mineral density and reduce fracture risk by 87%."',
    )
    assert [] == errors_of(intent_folder(tmp_path, {"main.yaml": text}))


@pytest.mark.parametrize(
    "answer",
    [
        'The article calls K2 "a miracle cure for cancer".',
        "The article calls K2 “a miracle cure”.",
        "The article says K2 is «made by bacteria in the sun».",
        'It says "Vitamin K2 is a unique vitamin … that cures cancer".',
    ],
)
def test_an_answer_quoting_words_not_in_the_article_is_an_error(
    tmp_path: Path, answer: str
) -> None:
    """Words an answer puts in quotation marks must be the article's own, at the answer."""
    text = MINIMAL_INTENTS.replace(
        "answer: The article says vitamin K2 is a unique vitamin.", f"answer: '{answer}'"
    )
    errors = errors_of(intent_folder(tmp_path, {"main.yaml": text}))
    assert 1 == len(errors), errors
    assert "the answer quotes" in errors[0] and "not in" in errors[0], errors


@pytest.mark.parametrize(
    "answer",
    [
        'The article calls the pair "a dual guarantee of calcium supplementation."',
        "It literally says “vitamin   K2 is a UNIQUE vitamin”, “K2 is … synthesized by some bacteria”.",
        "The article’s words are plain; it does not quote anyone.",
    ],
)
def test_an_answer_quoting_the_article_passes(tmp_path: Path, answer: str) -> None:
    """Quotations of the article pass whatever their case, spacing, ellipses or end stop."""
    text = MINIMAL_INTENTS.replace(
        "answer: The article says vitamin K2 is a unique vitamin.", f"answer: '{answer}'"
    )
    assert [] == errors_of(intent_folder(tmp_path, {"main.yaml": text}))


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    """The same id in two files is an error naming both places."""
    other = "intents:\n  - id: greeting\n    kind: smalltalk\n    patterns: [yo]\n    answer: Yo!\n"
    folder = intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "more.yaml": other})
    errors = errors_of(folder)
    assert any(
        "more.yaml:2:" in e and "duplicate intent id 'greeting'" in e and "main.yaml:" in e
        for e in errors
    ), errors


def test_same_pattern_under_two_intents(tmp_path: Path) -> None:
    """One question (after normalisation) under two intents is an error."""
    other = "intents:\n  - id: hello_again\n    kind: smalltalk\n    patterns: ['Hello!!']\n    answer: Hi\n"
    errors = errors_of(intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "more.yaml": other}))
    assert any("more.yaml:4:" in e and "also a pattern of 'greeting'" in e for e in errors), errors


@pytest.mark.parametrize(
    ("name", "advice"),
    [
        ("evidence.yaml.txt", "rename it to evidence.yaml"),
        ("Evidence.YAML", "rename it to Evidence.yaml"),
        ("drafts/evidence.yaml", "intent files are read only in the folder itself"),
    ],
    ids=["saved as text", "upper-case extension", "in a sub-folder"],
)
def test_a_file_that_would_be_skipped_is_named_with_the_fix(
    tmp_path: Path, name: str, advice: str
) -> None:
    """Notepad's `.yaml.txt`, `.YAML` or a sub-folder: the file is not read, and validate says so.

    Silently skipped, its intents would be missing with validate saying OK.
    """
    folder = intent_folder(tmp_path)
    skipped = folder / name
    skipped.parent.mkdir(exist_ok=True)
    skipped.write_text("patterns_for:\n  greeting: [hiya there]\n", encoding="utf-8")
    warnings = warnings_of(folder)
    assert [w for w in warnings if w.startswith(f"{skipped}:1: warning: not read")], warnings
    assert any(advice in w for w in warnings), warnings


def test_files_beside_the_intents_are_not_flagged(tmp_path: Path) -> None:
    """The article under sources/, editors' backups and hidden files draw no warning."""
    folder = intent_folder(tmp_path)
    for name in ("article.yaml~", ".article.yaml.swp", ".#article.yaml", "notes.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    assert [] == warnings_of(folder)


def test_a_misquoted_passage_shows_where_it_leaves_the_article(tmp_path: Path) -> None:
    """One wrong word deep in a long passage: the error shows the article's words beside it.

    The editor sees what to fix ("tissues" where the article has "tissue") without
    comparing 200 characters by eye.
    """
    quoted = (
        "Vitamin K2 is a unique vitamin, which is synthesized by some bacteria in intestinal "
        "microorganisms. It can directly penetrate the blood vessel wall into bone and tissue, "
        "and play a variety of roles in the body."
    )
    assert quoted in ARTICLE.read_text(encoding="utf-8")
    misquoted = quoted.replace("bone and tissue,", "bone and tissues,")
    folder = intent_folder(
        tmp_path,
        {
            "main.yaml": MINIMAL_INTENTS.replace(
                '"Vitamin K2 is a unique vitamin"', f'"{misquoted}"'
            )
        },
    )
    (error,) = errors_of(folder)
    assert ":11: error:" in error and "not found verbatim" in error
    assert "wall into bone and tissues, and" in error
    assert "wall into bone and tissue, and" in error


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "patterns_for:\n  what_is_kk2: [whats k2]\n",
            "patterns_for: no intent has the id 'what_is_kk2' (did you mean 'what_is_k2'?)",
        ),
        (
            "intents:\n  - id: hiya\n    kind: smalltalk\n    patterns: [hiya]\n"
            "    answer: Hi!\n    related: [greting]\n",
            "intent 'hiya': related id 'greting' does not exist (did you mean 'greeting'?)",
        ),
    ],
    ids=["patterns_for", "related"],
)
def test_a_mistyped_intent_id_is_named_with_the_one_meant(
    tmp_path: Path, extra: str, message: str
) -> None:
    """An id one letter off names the intent the editor surely meant."""
    folder = intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "extra.yaml": extra})
    errors = errors_of(folder)
    assert any(e.endswith(message) for e in errors), errors


def test_unknown_related_id(tmp_path: Path) -> None:
    """A related id that does not exist is an error at its line."""
    text = MINIMAL_INTENTS.replace(
        "    answer: Hello!\n", "    answer: Hello!\n    related: [nope]\n"
    )
    errors = errors_of(intent_folder(tmp_path, {"main.yaml": text}))
    assert any("related id 'nope' does not exist" in e for e in errors), errors


@pytest.mark.parametrize(
    ("edit", "the_one_error"),
    [
        (
            ("      - what is k2\n", "\t  - what is k2\n"),
            "article.yaml:16: error: a tab character is used for indentation",
        ),
        (
            (
                '        title: "Что такое витамин K2?"\n        patterns:',
                '        title: "Что такое витамин K2?"\n        паттерны:',
            ),
            "article.yaml:60: error: intent 'what_is_k2': unknown key 'паттерны' in translation 'ru'",
        ),
    ],
    ids=["a file that cannot be read", "an intent refused for an error"],
)
def test_one_mistake_is_one_error_not_a_cascade(
    tmp_path: Path, edit: tuple[str, str], the_one_error: str
) -> None:
    """A slip in one place is reported there, and only there.

    The intents of a file that cannot be read, or an intent refused for its error, are not
    also reported as missing wherever another intent names them (`related`,
    `patterns_for`): the editor fixes the one line and is done.
    """
    folder = copy_of_shipped(tmp_path)
    (folder / "from_users.yaml").write_text(
        "patterns_for:\n  what_is_k2: [whats the deal with k2]\n", encoding="utf-8"
    )
    article = folder / "article.yaml"
    old, new = edit
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, new, 1), encoding="utf-8")
    errors = errors_of(folder)
    assert [the_one_error] == [e.split("/intents/")[1][: len(the_one_error)] for e in errors]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("<p>Hello</p>", "tag <p> is not allowed"),
        ("<b>bold", "<b> is never closed"),
        ("K2 & D3", "unescaped '&'"),
        ("1 < 2", "unescaped '<'"),
        ("<b>x</i>", "unexpected </i>"),
        ("&nbsp;", "unsupported entity"),
    ],
)
def test_answer_html_telegram_would_reject(tmp_path: Path, answer: str, message: str) -> None:
    """Answers use Telegram's HTML subset; anything it would reject is an error."""
    text = MINIMAL_INTENTS.replace("    answer: Hello!\n", f"    answer: '{answer}'\n")
    errors = errors_of(intent_folder(tmp_path, {"main.yaml": text}))
    assert any(message in e for e in errors), errors


@pytest.mark.parametrize(
    ("words", "error", "warning"),
    [(1000, True, False), (150, False, True), (100, False, False)],
)
def test_answer_longer_than_a_telegram_message(
    tmp_path: Path, words: int, error: bool, warning: bool
) -> None:
    """An answer over 4096 characters is an error; over 600 is a warning."""
    answer = "word " * words  # five characters a word: 5000, 750 and 500 characters
    text = MINIMAL_INTENTS.replace("    answer: Hello!\n", f"    answer: {answer}\n")
    folder = intent_folder(tmp_path, {"main.yaml": text})
    errors, warnings = errors_of(folder), warnings_of(folder)
    assert error == any("Telegram allows 4096" in e for e in errors), errors
    assert warning == any("aim for under 600" in w for w in warnings), warnings


def test_non_utf8_file(tmp_path: Path) -> None:
    """A file saved in another encoding is reported with the line of the first bad byte."""
    folder = intent_folder(tmp_path)
    (folder / "latin1.yaml").write_bytes(b"intents:\n  - id: caf\xe9\n")
    assert any("latin1.yaml:2:" in e and "not UTF-8" in e for e in errors_of(folder))


def test_huge_file_is_refused(tmp_path: Path) -> None:
    """A file over the size limit is refused without being parsed."""
    folder = intent_folder(tmp_path)
    (folder / "huge.yaml").write_text("# x\n" * 300_000, encoding="utf-8")
    assert any("huge.yaml" in e and "limit" in e for e in errors_of(folder))


def test_missing_source_document(tmp_path: Path) -> None:
    """Content with no source_document is refused with a hint."""
    folder = intent_folder(
        tmp_path,
        {
            "main.yaml": MINIMAL_INTENTS.replace(
                "source_document: sources/vitamin-k2-article.txt\n", ""
            )
        },
    )
    assert any("source_document" in e for e in errors_of(folder))


def test_every_problem_has_a_real_line(tmp_path: Path) -> None:
    """Problems in a file point at a line inside it, never at line 0."""
    for name, (text, _, _) in BROKEN.items():
        folder = intent_folder(tmp_path / re.sub(r"\W", "", name), {"broken.yaml": text})
        in_file = [e for e in errors_of(folder) if "broken.yaml" in e]
        assert in_file, name  # every broken case is reported, or this loop proves nothing
        for error in in_file:
            assert re.search(r"broken\.yaml:[1-9][0-9]*:", error), error


def test_every_problem_of_an_intent_is_reported_at_once(tmp_path: Path) -> None:
    """A bad kind does not hide the same intent's bad HTML: the editor sees both."""
    text = "intents:\n  - id: a\n    kind: faq\n    patterns: [x]\n    answer: '<p>x</p>'\n"
    errors = errors_of(intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "b.yaml": text}))
    assert any("b.yaml:3:" in e and "'kind' must be one of" in e for e in errors), errors
    assert any("b.yaml:5:" in e and "tag <p> is not allowed" in e for e in errors), errors


def test_a_single_string_where_a_list_belongs_is_an_error(tmp_path: Path) -> None:
    """`patterns: hello` (text, not a list) is reported, not silently accepted."""
    text = "intents:\n  - id: a\n    kind: smalltalk\n    patterns: hello\n    answer: Hi\n"
    errors = errors_of(intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "b.yaml": text}))
    assert any("b.yaml:4:" in e and "must be a list" in e for e in errors), errors


def test_figure_error_points_at_the_answer(tmp_path: Path) -> None:
    """A wrong figure is reported on the answer's line, where the editor fixes it."""
    text = MINIMAL_INTENTS.replace(
        "answer: The article says vitamin K2 is a unique vitamin.",
        "answer: The article says vitamin K2 is a unique vitamin (88%).",
    )
    errors = errors_of(intent_folder(tmp_path, {"main.yaml": text}))
    assert any("main.yaml:9:" in e and "'88%'" in e for e in errors), errors


PATTERN_INSIDE_AN_EARLIER_ONE = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns:
      - what is vitamin k2 and warfarin
      - vitamin k2 and warfarin
    answer: The article says vitamin K2 is a unique vitamin.
    source:
      - "Vitamin K2 is a unique vitamin"
  - id: safety_medicines
    kind: safety
    title: K2 and medicines
    patterns: [can i take k2 with blood thinners]
    triggers: [warfarin]
    answer: Please ask your doctor.
"""


def test_confusability_warning_points_at_the_pattern_s_own_line(tmp_path: Path) -> None:
    """A flagged pattern that is also part of an earlier line is reported on its own line."""
    content = load_content(intent_folder(tmp_path, {"main.yaml": PATTERN_INSIDE_AN_EARLIER_ONE}))
    warnings = confusable_patterns(content, Thresholds())
    assert [
        ("what is vitamin k2 and warfarin", 7),
        ("vitamin k2 and warfarin", 8),
    ] == [(p.message.split("'")[1], p.line) for p in warnings]


def test_confusability_lint_uses_the_lines_the_content_was_read_from(tmp_path: Path) -> None:
    """The lint does not read the file again: an edit after loading moves no line."""
    folder = intent_folder(tmp_path, {"main.yaml": PATTERN_INSIDE_AN_EARLIER_ONE})
    content = load_content(folder)
    (folder / "main.yaml").write_text("# rewritten\n" * 20, encoding="utf-8")
    assert [7, 8] == [p.line for p in confusable_patterns(content, Thresholds())]


def test_each_pattern_source_and_related_item_knows_its_line(tmp_path: Path) -> None:
    """The intent carries the line of its answer and of every list item, as written."""
    folder = intent_folder(tmp_path, {"main.yaml": PATTERN_INSIDE_AN_EARLIER_ONE})
    intent = load_content(folder).by_id["what_is_k2"]
    assert (7, 8) == (intent.pattern_line(0), intent.pattern_line(1))
    assert 9 == intent.answer_line
    assert 11 == intent.source_line(0)
    assert 3 == intent.line


def test_yaml_reads_words_as_text_as_an_editor_means_them(tmp_path: Path) -> None:
    """YAML 1.2, as before: yes, no, on and off are words, not true and false; a bare number
    or "true" is still not text, and is reported at its line."""
    words = (
        "intents:\n  - id: answers\n    kind: smalltalk\n"
        "    patterns: [yes, no, on, off, 'true', 1:20, 10 years]\n    answer: Noted.\n"
    )
    numbers = "intents:\n  - id: numbers\n    kind: smalltalk\n    patterns:\n      - 12\n      - true\n    answer: ok\n"
    folder = intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "words.yaml": words})
    assert ("yes", "no", "on", "off", "true", "1:20", "10 years") == (
        load_content(folder).by_id["answers"].patterns
    )
    (folder / "words.yaml").write_text(numbers, encoding="utf-8")
    assert [
        f"{folder / 'words.yaml'}:5: error: intent 'numbers': every item of 'patterns' must be "
        "non-empty text; got 12"
    ] == errors_of(folder)
