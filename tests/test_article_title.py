"""The article's title per language (`source_title:` beside `source_document:`): a Russian
reader sees it in Russian wherever it is shown, while the quoted passages stay the article's
English words; content without a rendering falls back to the English title, marked, and
`k2bot validate` notes it without failing."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from bot.content.cache import ContentCache
from bot.intents import check_content, load_content
from bot.responder import Responder
from bot.terminal import TerminalChat
from builders import MINIMAL_INTENTS, K2bot, copy_of_shipped, intent_folder

RUSSIAN_TITLE = "Добавки кальция всегда мало помогают? Возможно, причина в нехватке витамина K2."
ENGLISH_TITLE = (
    "Calcium supplements always have little effect? This may be due to vitamin K2 deficiency."
)


def test_the_shipped_article_has_its_english_title_and_a_russian_rendering(
    responder: Responder,
) -> None:
    document = responder.content.document
    assert document.title == ENGLISH_TITLE
    assert document.translated_title("ru") == RUSSIAN_TITLE
    assert document.translated_title("de") is None


def test_a_russian_reader_of_source_sees_the_russian_title(responder: Responder) -> None:
    """/source: the Russian title, without the English one or an "in English" mark."""
    about = html.unescape(responder.about_source_html("ru"))
    assert RUSSIAN_TITLE in about
    assert ENGLISH_TITLE not in about and "(на английском)" not in about
    assert ENGLISH_TITLE in html.unescape(responder.about_source_html("en"))


def test_the_russian_source_view_titles_in_russian_and_quotes_in_english(
    responder: Responder,
) -> None:
    """The 📖 view: the heading names the Russian title; the passages stay verbatim English."""
    view = html.unescape(responder.source_html("what_is_k2", "ru"))
    assert view.startswith(f"📖 Из статьи {RUSSIAN_TITLE}") or RUSSIAN_TITLE in view.split("\n")[0]
    assert "Vitamin K2 is a unique vitamin" in view
    assert ENGLISH_TITLE in html.unescape(responder.source_html("what_is_k2", "en"))


def test_the_terminal_source_view_titles_in_russian(responder: Responder) -> None:
    import io

    out = io.StringIO()
    chat = TerminalChat(responder, out=out)
    chat.handle("что такое витамин к2?")
    chat.handle("/source")
    assert RUSSIAN_TITLE in " ".join(out.getvalue().split())


def without_russian_title(root: Path) -> Path:
    folder = copy_of_shipped(root)
    article = folder / "article.yaml"
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("source_title:", "  ru:"))]
    article.write_text("".join(kept), encoding="utf-8")
    return folder


def test_without_a_rendering_a_russian_reader_sees_the_english_title_marked(
    tmp_path: Path,
) -> None:
    responder = Responder(load_content(without_russian_title(tmp_path)))
    about = html.unescape(responder.about_source_html("ru"))
    assert f"{ENGLISH_TITLE} (на английском)" in about
    assert "(на английском)" not in html.unescape(responder.about_source_html("en"))


def test_validate_notes_a_missing_title_rendering_without_failing(
    tmp_path: Path, k2bot: K2bot
) -> None:
    folder = without_russian_title(tmp_path)
    result = k2bot("validate", str(folder))
    assert result.returncode == 0, result.stderr
    (russian,) = [line for line in result.stdout.splitlines() if line.startswith("ru:")]
    assert "title is not translated" in russian
    shipped = k2bot("validate")
    assert "title is not translated" not in shipped.stdout


@pytest.mark.parametrize(
    ("source_title", "error"),
    [
        ("source_title: Добавки\n", "must map a language code"),
        ("source_title:\n  en: Calcium\n", "the article's first line"),
        ("source_title:\n  Russian: Добавки\n", "is not a language code"),
        ("source_title:\n  ru: ''\n", "must be text"),
    ],
)
def test_a_malformed_source_title_is_an_error(
    tmp_path: Path, source_title: str, error: str
) -> None:
    text = MINIMAL_INTENTS.replace(
        "source_document: sources/vitamin-k2-article.txt\n",
        f"source_document: sources/vitamin-k2-article.txt\n{source_title}",
    )
    _, problems = check_content(intent_folder(tmp_path, {"main.yaml": text}))
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any("main.yaml:2:" in e or "main.yaml:3:" in e for e in errors), errors
    assert any(error in e for e in errors), errors


def test_a_source_title_away_from_source_document_is_an_error(tmp_path: Path) -> None:
    other = "source_title:\n  ru: Добавки\nintents:\n  - id: hi\n    kind: smalltalk\n"
    other += "    patterns: [hello there]\n    answer: Hello!\n"
    _, problems = check_content(
        intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS, "other.yaml": other})
    )
    assert any("other.yaml:1:" in str(p) and "next to source_document" in str(p) for p in problems)


def test_the_rendering_survives_the_content_cache(tmp_path: Path) -> None:
    """Read once into the on-disk cache, then from it: the title is still there."""
    folder = copy_of_shipped(tmp_path)
    for _ in range(2):
        cache = ContentCache(tmp_path / "cache", disk_min_bytes=0)
        content = load_content(folder, cache=cache)
        assert content.document.translated_title("ru") == RUSSIAN_TITLE
