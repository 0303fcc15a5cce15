"""Telegram HTML: the checker, escaping, plain rendering, and splitting long replies."""

from __future__ import annotations

import pytest

from bot.markup import escape, html_problems, split_message, to_plain_text, visible_length
from k2bot_testing.fake_bot_api import check_telegram_html


@pytest.mark.parametrize(
    "markup",
    [
        "plain",
        "<b>bold</b> and <i>it</i>",
        "&lt;tag&gt; &amp; &quot;",
        "<blockquote>q</blockquote>",
        '<a href="https://t.me/x">link</a>',
        "<b><i>nested</i></b>",
        "&#128512;",
    ],
)
def test_valid_markup_passes(markup: str) -> None:
    """What Telegram accepts, the checker accepts (and so does the fake server)."""
    assert [] == html_problems(markup)
    assert check_telegram_html(markup) is None


def test_escaped_user_text_is_always_valid() -> None:
    """Anything a user types, escaped, is valid markup that renders back to the same text."""
    text = "<script>alert(1)</script> & <b>k2 & d3</b> 1 < 2 > 0"
    assert [] == html_problems(escape(text))
    assert text == to_plain_text(escape(text))


def test_long_reply_is_split_at_paragraphs_into_valid_pieces() -> None:
    """A reply over the limit becomes several messages, each within 4096 and valid on its own."""
    paragraph = "<b>Bold</b> " + escape("k2 & d3 ") * 60
    markup = "\n\n".join([paragraph] * 20)
    pieces = split_message(markup)
    assert len(pieces) > 1
    assert all(visible_length(p) <= 4096 for p in pieces)
    assert all(html_problems(p) == [] for p in pieces)
    assert to_plain_text(markup).split() == to_plain_text(" ".join(pieces)).split()


def test_one_huge_word_is_cut_without_breaking_entities() -> None:
    """Even a single 10,000-character word is split within the limit, never inside &amp;."""
    pieces = split_message(escape("&" * 10_000))
    assert all(visible_length(p) <= 4096 for p in pieces)
    assert all(html_problems(p) == [] for p in pieces)
