"""Telegram's HTML subset: check it, escape into it, render it as plain text, split it.

Answers are written in the HTML that Telegram accepts, so one text serves Telegram as is
and the terminal after `to_plain_text`. Nothing here imports `telegram`.
"""

from __future__ import annotations

import html
import re

# Telegram counts message length in UTF-16 code units of the visible text.
MESSAGE_LIMIT = 4096
# Leave room under the limit for a "(1/2)"-style marker and rounding in the client.
SPLIT_TARGET = 4000

_ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "ins": frozenset(),
    "s": frozenset(),
    "strike": frozenset(),
    "del": frozenset(),
    "tg-spoiler": frozenset(),
    "span": frozenset({"class"}),
    "a": frozenset({"href"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
    "tg-emoji": frozenset({"emoji-id"}),
}
_NAMED_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})
_TOKEN = re.compile(
    r"<(?P<close>/?)(?P<tag>[a-zA-Z][\w-]*)(?P<attrs>(?:\s[^<>]*)?)>"
    r"|&(?P<entity>#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);"
    r"|(?P<bare>[<>&])"
)
_ATTRIBUTE = re.compile(r"""([\w-]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
_TAG = re.compile(r"<[^<>]*>")


def escape(text: str) -> str:
    """Escape user-supplied text so it shows literally inside Telegram HTML."""
    return html.escape(text, quote=False)


def html_problems(markup: str) -> list[str]:
    """Return why Telegram would reject `markup` in HTML parse mode; empty when it is valid."""
    problems: list[str] = []
    open_tags: list[str] = []
    for match in _TOKEN.finditer(markup):
        where = f"at character {match.start() + 1}"
        if match.group("bare"):
            char = match.group("bare")
            problems.append(f"unescaped {char!r} {where}: write {escape(char)} instead")
        elif match.group("entity"):
            name = match.group("entity")
            if not name.startswith("#") and name not in _NAMED_ENTITIES:
                problems.append(f"unsupported entity &{name}; {where}")
        else:
            tag = match.group("tag").lower()
            if tag not in _ALLOWED_ATTRIBUTES:
                problems.append(f"tag <{tag}> is not allowed by Telegram {where}")
            elif match.group("close"):
                if not open_tags or open_tags[-1] != tag:
                    expected = f"</{open_tags[-1]}>" if open_tags else "no closing tag"
                    problems.append(f"unexpected </{tag}> {where} (expected {expected})")
                else:
                    open_tags.pop()
            else:
                attributes = {m.group(1).lower() for m in _ATTRIBUTE.finditer(match.group("attrs"))}
                unknown = attributes - _ALLOWED_ATTRIBUTES[tag]
                if unknown:
                    problems.append(
                        f"attribute {sorted(unknown)[0]!r} not allowed on <{tag}> {where}"
                    )
                open_tags.append(tag)
    problems.extend(f"<{tag}> is never closed" for tag in reversed(open_tags))
    return problems


def to_plain_text(markup: str) -> str:
    """Render Telegram HTML as the plain text a person would read."""
    return html.unescape(_TAG.sub("", markup))


def utf16_length(text: str) -> int:
    """Length as Telegram measures it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def visible_length(markup: str) -> int:
    """Length of the text Telegram would display for `markup`."""
    return utf16_length(to_plain_text(markup))


def split_message(markup: str, *, limit: int = SPLIT_TARGET) -> list[str]:
    """Split markup into messages within `limit`, at paragraph breaks, then between words.

    Each piece is valid on its own as long as no tag spans a paragraph, which the intent
    validator guarantees for answers; user text inside replies is escaped and has no tags.
    """
    if visible_length(markup) <= limit:
        return [markup]
    pieces: list[str] = []
    current = ""
    for paragraph in markup.split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if visible_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        *full, current = _split_long_paragraph(paragraph, limit) or [""]
        pieces.extend(full)
    if current:
        pieces.append(current)
    return pieces


def _split_long_paragraph(paragraph: str, limit: int) -> list[str]:
    if visible_length(paragraph) <= limit:
        return [paragraph]
    chunks: list[str] = []
    current = ""
    for word in re.split(r"(\s+)", paragraph):
        if visible_length(current + word) <= limit:
            current += word
            continue
        if current.strip():
            chunks.append(current.strip())
        current = word.lstrip()
        while visible_length(current) > limit:  # one "word" longer than a message
            cut = _cut_point(current, limit)
            chunks.append(current[:cut])
            current = current[cut:]
    if current.strip():
        chunks.append(current.strip())
    return chunks


def _cut_point(text: str, limit: int) -> int:
    """Largest prefix within `limit` UTF-16 units that does not end inside an entity or tag."""
    units = 0
    cut = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            break
        cut = index + 1
    for opener, closer in (("&", ";"), ("<", ">")):
        start = text.rfind(opener, 0, cut)
        if start != -1 and text.find(closer, start, cut) == -1 and start > 0:
            cut = start
    return max(cut, 1)
