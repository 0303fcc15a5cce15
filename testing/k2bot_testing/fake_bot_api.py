"""A fake Telegram Bot API HTTP server for end-to-end tests of a python-telegram-bot bot.

Standard library only (``http.server.ThreadingHTTPServer``, HTTP/1.1 keep-alive, threads).

Typical use::

    with FakeBotApi() as fake:
        app = (ApplicationBuilder().token(fake.token).base_url(fake.base_url).build())
        ...                                   # start polling
        uid = fake.user_sends("/start", user_id=42)
        msgs = await fake.wait_for_messages(chat_id=42)
        assert "Welcome" in msgs[-1].text

How python-telegram-bot (v22.8, ``HTTPXRequest``) talks to the server: every call is an HTTP
``POST`` to ``<base_url><token>/<method>`` with an ``application/x-www-form-urlencoded`` body
(``multipart/form-data`` only when files are uploaded).  String parameters are sent as they are,
every other value (ints, bools, lists, dicts such as ``reply_markup``) is ``json.dumps``-ed first
(``RequestParameter.json_value``).  ``None`` parameters are left out.  Responses are parsed with
``json.loads``; for a non-2xx status PTB reads ``description`` and ``parameters``
(``retry_after`` -> ``RetryAfter``, ``migrate_to_chat_id`` -> ``ChatMigrated``) and maps the
status: 400 BadRequest, 401/404 InvalidToken, 403 Forbidden, 409 Conflict, else NetworkError.
The server also accepts JSON bodies and GET query strings, as Telegram does.

The HTML checker (:func:`parse_telegram_html` / :func:`check_telegram_html`) follows Telegram's
(TDLib's) parsing rules, and in ``strict`` mode (the default) it is stricter in one respect:
Telegram itself shows a bare ``&`` or an unknown entity such as ``&nbsp;`` literally and accepts
``&lt`` without ``;``; the docs say every such ``&`` must be escaped, so strict mode rejects them.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import email.parser
import email.policy
import http.server
import json
import logging
import math
import re
import select
import socket
import sys
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = [
    "DEFAULT_TOKEN",
    "FakeBotApi",
    "FloodLimits",
    "SentMessage",
    "TelegramHtmlError",
    "check_telegram_html",
    "parse_telegram_html",
    "utf16_len",
]

_log = logging.getLogger("fake_bot_api")

DEFAULT_TOKEN = "123456:TEST-fake-token-abcdefghijklmnopqrstuv"
MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_INLINE_RESULTS = 50
MAX_INLINE_RESULT_ID_BYTES = 64
MAX_INLINE_QUERY_LENGTH = 256
# How long `stop` waits for requests being answered to finish before closing connections:
# a guard against a hang, not a decision. A request cut while its answer is written was
# recorded but looks lost to the bot, which then sends again (a duplicate no real outage
# between requests causes); under load, a 1 s wait cut answers and made "repeats nothing"
# tests fail by the clock.
ANSWERS_DRAIN_GUARD_SECONDS = 30.0
MAX_BUTTONS = 100  # undocumented; PTB's InlineKeyboardMarkupLimit records ~100

DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_DROP = object()  # handler result: close the connection without answering
_CLIENT_GONE = object()  # handler result: the client hung up (e.g. a cancelled long poll)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram counts in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# --------------------------------------------------------------------------------------------
# HTML parse mode
# --------------------------------------------------------------------------------------------


class TelegramHtmlError(ValueError):
    """HTML that Telegram refuses; ``str(err)`` is the part after "can't parse entities: "."""


_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "tg-time",
        "code",
        "pre",
        "blockquote",
    }
)
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = " \t\r\n\v\f"
_ATTR_NAME_END = _SPACES + "=>/\"'"
_DEC = "0123456789"
_HEX = "0123456789abcdefABCDEF"
_LINK_SCHEMES = frozenset({"http", "https", "tg", "ton", "tonsite"})


def _decode_char_ref(text: str, pos: int, strict: bool) -> tuple[int, int] | None:
    """Decode the character reference at ``text[pos] == '&'``: (code point, end) or None."""
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        digits = _DEC
        base = 10
        if end < n and text[end] == "x":
            end += 1
            digits, base = _HEX, 16
        start = end
        while end < n and text[end] in digits:
            end += 1
        if end - pos >= 10 or end == start:
            return None
        code_point = int(text[start:end], base)
        if code_point == 0 or code_point >= 0x10FFFF:
            return None
    else:
        while end < n and ("a" <= text[end] <= "z" or "A" <= text[end] <= "Z"):
            end += 1
        char = _NAMED_ENTITIES.get(text[pos + 1 : end])
        if char is None:
            return None
        code_point = ord(char)
    if end < n and text[end] == ";":
        end += 1
    elif strict:
        return None
    return code_point, end


def _check_link(url: str) -> str | None:
    """Roughly Telegram's link check for ``<a href>``: a normalized URL, or None (no entity)."""
    if not url or any(c.isspace() for c in url):
        return None
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", url)
    if match:
        scheme = match.group(1).lower()
        if scheme not in _LINK_SCHEMES:
            return None
        rest = url[match.end() :]
        url = f"{scheme}://{rest}"
    elif re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url) and not re.match(r"[^:/?#]+:\d", url):
        return None  # mailto:, javascript:, ... are not links Telegram accepts
    else:
        scheme, rest = "http", url
        url = f"http://{url}"
        if "." not in re.split(r"[/?#:]", rest, maxsplit=1)[0]:
            return None
    if scheme in ("http", "https"):
        host_end = len(rest)
        for sep in "/?#":
            idx = rest.find(sep)
            if idx != -1:
                host_end = min(host_end, idx)
        if host_end == 0:
            return None
        if host_end == len(rest) or rest[host_end] != "/":
            url = f"{scheme}://{rest[:host_end]}/{rest[host_end:]}"
    return url


def _valid_time_format(fmt: str) -> bool:
    if fmt in ("", "r"):
        return True
    return all(c in "wWdDtT" for c in fmt)


def parse_telegram_html(text: str, *, strict: bool = True) -> tuple[str, list[dict]]:
    """Parse Telegram HTML; return (visible text, entities with UTF-16 offsets).

    Raises :class:`TelegramHtmlError` with Telegram's wording (byte offsets are UTF-8 bytes of
    the input).  Allowed: b/strong, i/em, u/ins, s/strike/del, span class="tg-spoiler",
    tg-spoiler, a href, tg-emoji emoji-id, tg-time, code, pre, blockquote [expandable]; the named
    entities &lt; &gt; &amp; &quot; and numeric entities.  With ``strict`` a bare ``&`` (or an
    unknown named entity, or an entity without ``;``) is an error; Telegram shows it literally.
    """
    out: list[str] = []
    u16 = 0
    stack: list[dict] = []
    entities: list[list] = []  # [entity dict, pending code language]
    bad_surrogate = False
    n = len(text)
    i = 0

    def byte_offset(k: int) -> int:
        return len(text[:k].encode("utf-8", "surrogatepass"))

    def amp_error(k: int) -> TelegramHtmlError:
        snippet = re.match(r"&[#A-Za-z0-9]{0,10};?", text[k:]).group(0)
        return TelegramHtmlError(
            f'Unsupported HTML entity "{snippet}" at byte offset {byte_offset(k)}: a literal "&" '
            'must be escaped as "&amp;" (the fake server is stricter than Telegram here)'
        )

    def emit(code_point: int) -> None:
        nonlocal u16
        out.append(chr(code_point))
        u16 += 2 if code_point > 0xFFFF else 1

    while i < n:
        c = text[i]
        if c == "&":
            ref = _decode_char_ref(text, i, strict)
            if ref is not None:
                code_point, i = ref
                if 0xD800 <= code_point <= 0xDFFF:
                    bad_surrogate = True
                    code_point = 0xFFFD
                emit(code_point)
                continue
            if strict:
                raise amp_error(i)
            emit(ord("&"))
            i += 1
            continue
        if c != "<":
            emit(ord(c))
            i += 1
            continue

        begin = i
        i += 1
        if i < n and text[i] == "/":  # end tag
            if not stack:
                raise TelegramHtmlError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            i += 1
            name_start = i
            while i < n and text[i] not in _SPACES and text[i] != ">":
                i += 1
            end_name = text[name_start:i].lower()
            while i < n and text[i] in _SPACES:
                i += 1
            if i >= n or text[i] != ">":
                raise TelegramHtmlError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            i += 1
            open_tag = stack[-1]
            if end_name and end_name != open_tag["tag"]:
                raise TelegramHtmlError(
                    f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                    f'expected "</{open_tag["tag"]}>", found "</{end_name}>"'
                )
            if u16 > open_tag["u16"]:
                _close_tag(open_tag, u16 - open_tag["u16"], entities, out)
            stack.pop()
            continue

        # start tag
        while i < n and text[i] not in _SPACES and text[i] != ">":
            i += 1
        if i >= n:
            raise TelegramHtmlError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        tag = text[begin + 1 : i].lower()
        if tag not in _HTML_TAGS:
            raise TelegramHtmlError(
                f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}'
            )
        argument = ""
        unix_time = 0
        while True:
            while i < n and text[i] in _SPACES:
                i += 1
            if i < n and text[i] == ">":
                i += 1
                break
            attr_start = i
            while i < n and text[i] not in _ATTR_NAME_END:
                i += 1
            attr = text[attr_start:i]
            if not attr:
                raise TelegramHtmlError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            while i < n and text[i] in _SPACES:
                i += 1
            if i >= n:
                raise TelegramHtmlError(
                    f'Unclosed start tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            if text[i] != "=":
                if tag == "blockquote" and attr.lower() == "expandable":
                    argument = "1"
                continue
            i += 1
            while i < n and text[i] in _SPACES:
                i += 1
            if i >= n:
                raise TelegramHtmlError(
                    f'Unclosed start tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            if text[i] not in "'\"":
                token_start = i
                while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                    i += 1
                value = text[token_start:i].lower()
                if i < n and text[i] not in _SPACES and text[i] != ">":
                    raise TelegramHtmlError(
                        f"Unexpected end of name token at byte offset {byte_offset(token_start)}"
                    )
            else:
                quote = text[i]
                i += 1
                buf: list[str] = []
                while i < n and text[i] != quote:
                    if text[i] == "&":
                        ref = _decode_char_ref(text, i, strict)
                        if ref is not None:
                            code_point, i = ref
                            if 0xD800 <= code_point <= 0xDFFF:
                                bad_surrogate = True
                                code_point = 0xFFFD
                            buf.append(chr(code_point))
                            continue
                        if strict:
                            raise amp_error(i)
                    buf.append(text[i])
                    i += 1
                if i < n:
                    i += 1
                value = "".join(buf)
            if i >= n:
                raise TelegramHtmlError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            attr_l = attr.lower()
            if tag == "a" and attr_l == "href":
                argument = value
            elif tag == "code" and attr_l == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
            elif tag == "span" and attr_l == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
            elif (tag == "tg-emoji" and attr_l == "emoji-id") or (
                tag == "tg-time" and attr_l == "format"
            ):
                argument = value
            elif tag == "tg-time" and attr_l == "unix":
                m = re.match(r"-?\d+", value)
                unix_time = int(m.group(0)) if m else 0
            elif tag == "blockquote" and attr_l == "expandable":
                argument = "1"
        if tag == "span" and argument != "spoiler":
            raise TelegramHtmlError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        stack.append(
            {"tag": tag, "arg": argument, "unix": unix_time, "u16": u16, "outpos": len(out)}
        )

    if stack:
        raise TelegramHtmlError(
            f'Can\'t find end tag corresponding to start tag "{stack[-1]["tag"]}"'
        )
    if bad_surrogate:
        raise TelegramHtmlError(
            "Text contains invalid Unicode characters after decoding HTML entities, check for "
            "unmatched surrogate code units"
        )
    result = [item[0] for item in entities]
    result.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), result


def _close_tag(open_tag: dict, length: int, entities: list[list], out: list[str]) -> None:
    tag, offset, arg = open_tag["tag"], open_tag["u16"], open_tag["arg"]
    prev = entities[-1] if entities else None
    same_span = prev is not None and prev[0]["offset"] == offset and prev[0]["length"] == length
    if tag in _SIMPLE_TAGS:
        entities.append([{"type": _SIMPLE_TAGS[tag], "offset": offset, "length": length}, ""])
    elif tag == "tg-emoji":
        if not (arg.isascii() and arg.isdigit() and 0 < int(arg) < 2**63):
            raise TelegramHtmlError("Invalid custom emoji identifier specified")
        entities.append(
            [
                {
                    "type": "custom_emoji",
                    "offset": offset,
                    "length": length,
                    "custom_emoji_id": arg,
                },
                "",
            ]
        )
    elif tag == "tg-time":
        if not _valid_time_format(arg):
            raise TelegramHtmlError("Invalid date format used")
        if open_tag["unix"] > 0:
            entity = {
                "type": "date_time",
                "offset": offset,
                "length": length,
                "unix_time": open_tag["unix"],
            }
            if arg:
                entity["date_time_format"] = arg
            entities.append([entity, ""])
    elif tag == "a":
        url = _check_link(arg if arg else "".join(out[open_tag["outpos"] :]))
        if url is not None:
            entities.append(
                [{"type": "text_link", "offset": offset, "length": length, "url": url}, ""]
            )
    elif tag == "pre":
        if same_span and prev[0]["type"] == "code" and prev[1]:
            prev[0] = {"type": "pre", "offset": offset, "length": length, "language": prev[1]}
            prev[1] = ""
        else:
            entities.append([{"type": "pre", "offset": offset, "length": length}, ""])
    elif tag == "code":
        if same_span and prev[0]["type"] == "pre" and "language" not in prev[0] and arg:
            prev[0]["language"] = arg
        else:
            entities.append([{"type": "code", "offset": offset, "length": length}, arg])
    elif tag == "blockquote":
        kind = "expandable_blockquote" if arg else "blockquote"
        entities.append([{"type": kind, "offset": offset, "length": length}, ""])


def check_telegram_html(text: str, *, strict: bool = True) -> str | None:
    """None if Telegram accepts ``text`` with parse_mode HTML, else the error description.

    The description is exactly as the fake server answers it ("Bad Request: can't parse
    entities: ...").
    """
    try:
        parse_telegram_html(text, strict=strict)
    except TelegramHtmlError as exc:
        return f"Bad Request: can't parse entities: {exc}"
    return None


def _trim(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Telegram trims leading/trailing whitespace of message text, shifting entities."""
    stripped = text.strip(_SPACES)
    if stripped == text:
        return text, entities
    left = utf16_len(text[: len(text) - len(text.lstrip(_SPACES))])
    total = utf16_len(stripped)
    result = []
    for entity in entities:
        start = max(0, entity["offset"] - left)
        end = min(total, entity["offset"] + entity["length"] - left)
        if end > start:
            result.append(dict(entity, offset=start, length=end - start))
    return stripped, result


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentMessage:
    """One successful sendMessage / editMessageText / editMessageReplyMarkup by the bot."""

    method: str
    chat_id: int | str | None
    message_id: int | None
    text: str | None  # visible text after entity parsing and trimming
    raw_text: str | None  # the ``text`` parameter as sent
    parse_mode: str | None
    entities: list
    reply_markup: dict | None  # the reply_markup parameter as sent (any keyboard type)
    params: dict
    message: dict | None  # the Message object returned to the bot (None for inline messages)
    time: float

    @property
    def buttons(self) -> list[dict]:
        """All inline keyboard buttons, flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def callback_data(self) -> list[str]:
        """The callback data of the message's buttons."""
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]


@dataclass
class _Call:
    method: str
    params: dict
    time: float
    status: int | str | None = None
    description: str | None = None


@dataclass
class _Fault:
    status: int | str
    retry_after: int | None
    delay: float
    deliver: bool
    description: str | None


# A queued "fault" that lets one call through: how `fail_next(after=n)` waits its turn.
_PASS = _Fault(200, None, 0.0, False, None)


@dataclass(frozen=True)
class FloodLimits:
    """Token buckets used when ``enforce_flood_limits`` is on.

    Telegram publishes no exact numbers; these follow the FAQ: ~1 msg/s per chat with short
    bursts, 20/min per group, 30/s overall.
    """

    per_chat_rate: float = 1.0
    per_chat_burst: int = 3
    group_per_minute: int = 20
    global_per_second: int = 30


class _Bucket:
    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = now

    def wait_time(self, now: float) -> float:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class _ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(description: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {description}")


# Parameters that Telegram treats as strings: kept verbatim from form/query data (PTB sends
# str values unencoded, so json-decoding a text like "123" or "true" would corrupt it).
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "caption_parse_mode",
        "callback_query_id",
        "inline_query_id",
        "guest_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "ip_address",
        "action",
        "language_code",
        "next_offset",
        "switch_pm_text",
        "switch_pm_parameter",
        "description",
        "short_description",
        "name",
        "title",
        "query",
        "message_effect_id",
        "business_connection_id",
        "emoji",
        "photo",
        "document",
        "audio",
        "video",
        "voice",
        "sticker",
        "animation",
        "video_note",
        "game_short_name",
        "custom_emoji_id",
        "address",
        "first_name",
        "last_name",
        "phone_number",
        "vcard",
        "foursquare_id",
        "google_place_id",
    }
)
# Parameters holding JSON objects/arrays; a JSON body may carry them as JSON strings.
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "results",
        "result",
        "allowed_updates",
        "reply_parameters",
        "link_preview_options",
        "button",
        "media",
    }
)
_ID_PARAMS = frozenset({"chat_id", "from_chat_id", "user_id"})


def _decode_form_value(key: str, raw: str) -> Any:
    if key in _STRING_PARAMS:
        return raw
    if key in _ID_PARAMS:
        try:
            return int(raw)
        except ValueError:
            return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _int_param(params: dict, key: str, default: Any = None) -> Any:
    value = params.get(key, default)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad(f'field "{key}" must be of type Integer') from None


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true") or value == 1


# --------------------------------------------------------------------------------------------
# HTTP layer
# --------------------------------------------------------------------------------------------


class _Conn:
    """What a method handler may ask about the HTTP connection it runs on."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def client_gone(self) -> bool:
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
            if not readable:
                return False
            return self.sock.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128
    fake: FakeBotApi

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client killed mid-request (a crash test's SIGKILL) is normal here, not an error."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            _log.debug("client %s went away: %r", client_address, error)
            return
        super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx/1.18.0"
    sys_version = ""
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without TCP_NODELAY, Nagle + delayed ACK add
        # ~40 ms to every keep-alive response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.fake._register_connection(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.fake._unregister_connection(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        _log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except (OSError, ValueError):
            self.close_connection = True
            return
        fake = self.server.fake
        if not fake._begin_request(self.connection):
            # Going down: a request read after the drain began is not processed, as a server
            # that has gone away processes nothing; its answer could not reach the bot, which
            # would send again and be answered twice.
            self._answer(_DROP)
            return
        try:
            self._answer(fake._handle_http(self.path, self.headers, body, _Conn(self.connection)))
        finally:
            fake._end_request(self.connection)

    def _answer(self, outcome: Any) -> None:
        if outcome is _DROP:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        status, payload = outcome
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True


# --------------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------------


class FakeBotApi:
    """A fake Telegram Bot API server (see the module docstring).

    All public methods are thread-safe and return immediately (except ``wait_until``), so they
    can be called from sync tests and from asyncio tests alike.

    Bot side: getMe, logOut, close, getUpdates (offset/limit/long-poll timeout/sticky
    allowed_updates; a newer getUpdates ends a waiting one with 409), setWebhook, deleteWebhook,
    getWebhookInfo, set/get/deleteMyCommands, sendMessage, editMessageText,
    editMessageReplyMarkup, deleteMessage, answerCallbackQuery, answerInlineQuery,
    sendChatAction.  Anything else: 404 "Not Found: method not found".

    Test side: user_sends / user_edits / user_presses / user_inline_query / user_blocks_bot /
    push_raw_update queue updates; sent_messages, edited_messages, message, calls, call_log,
    callback_answers, inline_answers, pending_updates, confirmed_update_ids read the state;
    wait_for / wait_for_messages (async) and wait_until (sync) poll it; fail_next injects faults;
    enforce_flood_limits answers 429s (counted in too_many_requests_count).

    ``patience`` multiplies every wait's bound: a wait returns as soon as its condition
    holds, so a larger bound costs a passing test nothing, and on a loaded shared machine
    the bot may need longer than a bound chosen on an idle one.
    """

    patience: float = 1.0

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "k2_test_bot",
        bot_first_name: str = "K2 Test Bot",
        enforce_flood_limits: bool = False,
        flood_limits: FloodLimits = FloodLimits(),
        flood_limited_methods: Iterable[str] = (
            "sendMessage",
            "editMessageText",
            "editMessageReplyMarkup",
        ),
        strict_html: bool = True,
        strict_chats: bool = False,
        privacy_mode: bool = False,
        query_timeout: float | None = None,
        first_update_id: int = 100_000,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """enforce_flood_limits: answer 429 when a chat/group/the bot sends too fast.

        Strict_html: reject a bare "&" (Telegram shows it literally; see module docstring).
        strict_chats: sending to a chat no user has written from -> 400 "chat not found".
        privacy_mode: in groups deliver only commands and replies to the bot (Telegram's default for
        bots; off here so tests can check that the bot ignores group chatter itself). query_timeout:
        seconds after which callback/inline queries can no longer be answered.
        """
        if not re.fullmatch(r"\d+:[\w-]+", token):
            raise ValueError("token must look like '<digits>:<letters>'")
        self._token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_user = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.enforce_flood_limits = enforce_flood_limits
        self.flood_limits = flood_limits
        self.flood_limited_methods = {m.lower() for m in flood_limited_methods}
        self.strict_html = strict_html
        self.strict_chats = strict_chats
        self.privacy_mode = privacy_mode
        self.query_timeout = query_timeout
        self._host = host
        self._port_wanted = port

        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._stop_event = threading.Event()
        self._stopping = False
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._busy: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()

        # updates
        self._next_update_id = first_update_id
        self._pending: list[dict] = []
        self._history: dict[int, dict] = {}
        self._confirmed: list[int] = []
        self._delivered: set[int] = set()
        self._allowed_updates: list[str] | None = None
        self._poll_generation = 0
        # chats, users, messages
        self._users: dict[int, dict] = {}
        self._chats: dict[int, dict] = {}
        self._blocked: set[int] = set()
        self._message_counters: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict] = {}
        self._deleted: set[tuple[int, int]] = set()
        self._sent: list[SentMessage] = []
        self._edits: list[SentMessage] = []
        self._deletions: list[tuple[int, int]] = []
        self._chat_actions: list[tuple[Any, str]] = []
        # queries
        self._query_counter = 0
        self._callback_queries: dict[str, dict] = {}
        self._inline_queries: dict[str, dict] = {}
        self._callback_answers: list[dict] = []
        self._inline_answers: list[dict] = []
        self._guest_queries: dict[str, dict] = {}
        self._guest_answers: list[dict] = []
        self._guest_chats: set[Any] = set()
        # Each user's current reactions on each message: (chat_id, message_id, user_id).
        self._reactions: dict[tuple[Any, int, int], list[dict]] = {}
        # bot settings
        self._commands: dict[tuple[str, str], list[dict]] = {}
        # setMyDescription / setMyShortDescription, by language_code ("" for the default).
        self._descriptions: dict[str, str] = {}
        self._short_descriptions: dict[str, str] = {}
        self._webhook: dict = {"url": ""}
        # diagnostics
        self._calls: list[_Call] = []
        self._faults: dict[str, deque[_Fault]] = {}
        self._buckets: dict[Any, _Bucket] = {}
        self.too_many_requests_count = 0

        self._methods: dict[str, tuple[str, Callable[[dict, _Conn], Any]]] = {}
        for name in (
            "getMe",
            "logOut",
            "close",
            "getUpdates",
            "setWebhook",
            "deleteWebhook",
            "getWebhookInfo",
            "setMyCommands",
            "getMyCommands",
            "deleteMyCommands",
            "setMyDescription",
            "getMyDescription",
            "setMyShortDescription",
            "getMyShortDescription",
            "sendMessage",
            "editMessageText",
            "editMessageReplyMarkup",
            "deleteMessage",
            "answerCallbackQuery",
            "answerInlineQuery",
            "answerGuestQuery",
            "sendChatAction",
        ):
            self._methods[name.lower()] = (name, getattr(self, f"_m_{name}"))

    # ---------------------------------------------------------------- lifecycle / properties

    def start(self) -> FakeBotApi:
        """Bind 127.0.0.1 on a free port and serve in a background thread."""
        if self._server is not None:
            raise RuntimeError("FakeBotApi already started")
        server = _Server((self._host, self._port_wanted), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeBotApi:{server.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: release long polls and delayed requests, close every connection."""
        server = self._server
        if server is None or self._stopping:
            return
        with self._cond:
            self._stopping = True  # long polls return [] at once
            self._cond.notify_all()
        self._stop_event.set()  # "timeout" faults end
        server.shutdown()
        server.server_close()
        deadline = time.monotonic() + ANSWERS_DRAIN_GUARD_SECONDS
        while time.monotonic() < deadline:  # let answers being written finish
            with self._lock:
                if not self._busy:
                    break
            time.sleep(0.01)
        with self._lock:
            conns = list(self._connections)
            threads = list(self._handler_threads)
        for sock in conns:  # idle keep-alive connections: unblock their readline()
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=max(1.0, deadline - time.monotonic()))
        if self._thread is not None:
            self._thread.join(timeout=2)

    def go_down(self) -> None:
        """Stop serving as if Telegram (or the network) were down.

        Connections are refused until :meth:`come_back`, on the same port; updates, messages and
        faults are kept.
        """
        port = self.port
        self.stop()
        with self._lock:
            self._server = None
            self._thread = None
            self._stopping = False
            self._port_wanted = port
        self._stop_event.clear()

    def come_back(self) -> FakeBotApi:
        """Serve again after :meth:`go_down` (or start a fake created with a fixed port)."""
        return self.start()

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on (once started)."""
        if self._server is None:
            raise RuntimeError("FakeBotApi not started")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)`` / ``Bot(base_url=...)``.

        Known before :meth:`start` when a fixed ``port`` was given (a bot can start while the fake
        is down).
        """
        port = self._port_wanted if self._server is None and self._port_wanted else self.port
        return f"http://{self._host}:{port}/bot"

    @property
    def token(self) -> str:
        """The bot token the server accepts."""
        return self._token

    def url(self, method: str) -> str:
        """Full URL of a Bot API method, for raw HTTP tests."""
        return f"{self.base_url}{self._token}/{method}"

    def _register_connection(self, sock: socket.socket) -> None:
        with self._lock:
            self._connections.add(sock)
            self._handler_threads.add(threading.current_thread())

    def _unregister_connection(self, sock: socket.socket) -> None:
        with self._lock:
            self._connections.discard(sock)
            self._busy.discard(sock)
            self._handler_threads.discard(threading.current_thread())

    def _begin_request(self, sock: socket.socket) -> bool:
        """Mark the connection busy; False (nothing marked) once :meth:`stop` has begun."""
        with self._lock:
            if self._stopping:
                return False
            self._busy.add(sock)
            return True

    def _end_request(self, sock: socket.socket) -> None:
        with self._lock:
            self._busy.discard(sock)

    # ---------------------------------------------------------------- HTTP dispatch

    def _handle_http(self, path: str, headers: Any, body: bytes, conn: _Conn) -> Any:
        split = urlsplit(path)
        match = re.fullmatch(r"/bot([^/]+)/([A-Za-z0-9_]+)/?", split.path)
        if not match:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        token, method = match.groups()
        if token != self._token:
            if re.fullmatch(r"\d+:[\w-]+", token):
                return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        try:
            params = self._parse_params(split.query, headers, body)
        except _ApiError as exc:
            return exc.code, exc.payload()
        return self._dispatch(method, params, conn)

    @staticmethod
    def _parse_params(query: str, headers: Any, body: bytes) -> dict:
        params: dict[str, Any] = {}
        for key, value in parse_qsl(query, keep_blank_values=True):
            params[key] = _decode_form_value(key, value)
        content_type = headers.get("Content-Type", "") or ""
        mime = content_type.split(";")[0].strip().lower()
        if body:
            if mime == "application/json":
                try:
                    obj = json.loads(body.decode("utf-8"))
                except (ValueError, UnicodeDecodeError):
                    raise _bad("can't parse JSON object") from None
                if not isinstance(obj, dict):
                    raise _bad("JSON object expected")
                params.update(obj)
            elif mime == "multipart/form-data":
                message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                    b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
                )
                for part in message.iter_parts():
                    name = part.get_param("name", header="content-disposition")
                    payload = part.get_payload(decode=True) or b""
                    filename = part.get_filename()
                    if filename is not None:
                        params[name] = {
                            "filename": filename,
                            "size": len(payload),
                            "content": payload,
                        }
                    else:
                        params[name] = _decode_form_value(name, payload.decode("utf-8"))
            else:
                try:
                    pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
                except UnicodeDecodeError:
                    raise _bad("request body is not valid UTF-8") from None
                for key, value in pairs:
                    params[key] = _decode_form_value(key, value)
        for key in _JSON_PARAMS & params.keys():
            if isinstance(params[key], str):
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(params[key])
        return params

    def _dispatch(self, method: str, params: dict, conn: _Conn) -> Any:
        entry = self._methods.get(method.lower())
        name = entry[0] if entry else method
        call = _Call(name, params, time.time())
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()
            fault = self._take_fault(name) if entry else None

        def finish(status: int | str, payload: dict | None = None) -> Any:
            with self._cond:
                call.status = status
                if payload is not None and not payload.get("ok"):
                    call.description = payload.get("description")
                if status == 429:
                    self.too_many_requests_count += 1
                self._cond.notify_all()
            return _DROP if payload is None else (status, payload)

        if entry is None:
            return finish(
                404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
            )
        handler = entry[1]
        if fault is not None:
            if fault.deliver:
                with contextlib.suppress(_ApiError):
                    handler(params, conn)
            if fault.status == "drop":
                return finish("drop")
            if fault.status == "timeout":
                deadline = time.monotonic() + fault.delay
                while not self._stop_event.is_set() and not conn.client_gone():
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._stop_event.wait(min(remaining, 0.05))
                return finish("timeout")
            return finish(fault.status, self._fault_payload(fault))
        try:
            if self.enforce_flood_limits and name.lower() in self.flood_limited_methods:
                self._check_flood(params)
            result = handler(params, conn)
        except _ApiError as exc:
            return finish(exc.code, exc.payload())
        except Exception as exc:  # a bug in the fake: make it loud, not a hang
            _log.exception("FakeBotApi failed on %s", name)
            return finish(
                500,
                {
                    "ok": False,
                    "error_code": 500,
                    "description": f"Internal Server Error: fake bug: {exc!r}",
                },
            )
        if result is _DROP:
            return finish("drop")
        if result is _CLIENT_GONE:
            return finish("client_gone")
        if isinstance(result, tuple) and len(result) == 2 and result[0] == "__ok_desc__":
            return finish(200, {"ok": True, "result": True, "description": result[1]})
        return finish(200, {"ok": True, "result": result})

    @staticmethod
    def _fault_payload(fault: _Fault) -> dict:
        status = int(fault.status)
        retry_after = fault.retry_after
        if status == 429 and retry_after is None:
            retry_after = 1
        if fault.description is not None:
            description = fault.description
        elif status == 429:
            description = f"Too Many Requests: retry after {retry_after}"
        else:
            defaults = {
                400: "Bad Request: injected failure",
                401: "Unauthorized",
                403: "Forbidden: bot was blocked by the user",
                404: "Not Found",
                409: "Conflict: terminated by other getUpdates request; make sure that only one "
                "bot instance is running",
            }
            try:
                phrase = HTTPStatus(status).phrase
            except ValueError:
                phrase = "Error"
            description = defaults.get(status, phrase)
        payload: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            payload["parameters"] = {"retry_after": retry_after}
        return payload

    # ---------------------------------------------------------------- fault injection

    def fail_next(
        self,
        method: str,
        status: int | str = 500,
        count: int = 1,
        retry_after: int | None = None,
        *,
        delay: float = 30.0,
        deliver: bool = False,
        description: str | None = None,
        after: int = 0,
    ) -> None:
        """Make the next ``count`` calls of ``method`` ("*" = any method) fail.

        after: let this many calls of ``method`` succeed first (the second piece of a reply
            fails, say, while the first goes out).

        status: an HTTP error code (500, 502, 429, 400, 403, 409, ...) answered with a Telegram
            error body; 429 (or any status given ``retry_after``) carries
            ``parameters.retry_after`` (default 1 s for 429);
            "drop": close the connection without answering;
            "timeout": hold the request ``delay`` seconds (released early by stop() or when the
            client gives up), then close it without answering.
        deliver: run the method anyway before failing (the "sent, but the answer was lost" case).
        """
        if not (
            status in ("drop", "timeout") or (isinstance(status, int) and 400 <= status <= 599)
        ):
            raise ValueError("status must be an HTTP error code (400-599), 'drop' or 'timeout'")
        if count < 1 or after < 0:
            raise ValueError("count must be >= 1 and after >= 0")
        key = method if method == "*" else method.lower()
        fault = _Fault(status, retry_after, float(delay), deliver, description)
        with self._lock:
            queue = self._faults.setdefault(key, deque())
            queue.extend(_PASS for _ in range(after))
            queue.extend(fault for _ in range(count))

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        with self._lock:
            self._faults.clear()

    def _take_fault(self, method: str) -> _Fault | None:
        for key in (method.lower(), "*"):
            queue = self._faults.get(key)
            if queue:
                fault = queue.popleft()
                return None if fault is _PASS else fault
        return None

    # ---------------------------------------------------------------- flood control

    def _check_flood(self, params: dict) -> None:
        chat_id = params.get("chat_id")
        limits = self.flood_limits
        now = time.monotonic()
        with self._lock:
            wanted = [("global", limits.global_per_second, limits.global_per_second)]
            if chat_id is not None:
                wanted.append((("chat", chat_id), limits.per_chat_burst, limits.per_chat_rate))
                if self._is_group(chat_id):
                    wanted.append(
                        (
                            ("group", chat_id),
                            limits.group_per_minute,
                            limits.group_per_minute / 60.0,
                        )
                    )
            buckets = []
            for key, capacity, rate in wanted:
                bucket = self._buckets.get(key)
                if bucket is None:
                    bucket = self._buckets[key] = _Bucket(capacity, rate, now)
                buckets.append(bucket)
            wait = max(bucket.wait_time(now) for bucket in buckets)
            if wait > 0:
                retry_after = max(1, math.ceil(wait))
                raise _ApiError(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after},
                )
            for bucket in buckets:
                bucket.tokens -= 1

    def _is_group(self, chat_id: Any) -> bool:
        if isinstance(chat_id, str):
            return True
        chat = self._chats.get(chat_id)
        if chat is not None:
            return chat["type"] != "private"
        return chat_id < 0

    # ---------------------------------------------------------------- updates (test side)

    def _push(self, update: dict) -> int:
        with self._cond:
            if "update_id" not in update:
                update["update_id"] = self._next_update_id
            update_id = int(update["update_id"])
            self._next_update_id = max(self._next_update_id, update_id + 1)
            self._pending.append(update)
            self._pending.sort(key=lambda u: u["update_id"])
            self._history[update_id] = update
            self._cond.notify_all()
            return update_id

    def _user(
        self,
        user_id: int,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> dict:
        user = self._users.get(user_id)
        if user is None:
            user = {"id": user_id, "is_bot": False, "first_name": first_name or "Tester"}
            if language_code:
                user["language_code"] = language_code
            self._users[user_id] = user
        elif first_name:
            user["first_name"] = first_name
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        return dict(user)

    def _chat_for(self, chat_id: int, chat_type: str, user: dict, title: str | None) -> dict:
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_type == "private":
                chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
                for key in ("last_name", "username"):
                    if key in user:
                        chat[key] = user[key]
            else:
                chat = {"id": chat_id, "type": chat_type, "title": title or "Test group"}
            self._chats[chat_id] = chat
        elif title and chat_type != "private":
            chat["title"] = title
        return dict(chat)

    def _next_message_id(self, chat_id: Any) -> int:
        self._message_counters[chat_id] = self._message_counters.get(chat_id, 0) + 1
        return self._message_counters[chat_id]

    def _command_entities(self, text: str) -> list[dict]:
        match = re.match(r"/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])", text)
        if not match:
            return []
        return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]

    def _resolve_message(self, message: Any) -> tuple[Any, int]:
        """(chat_id, message_id) from a SentMessage, a Message dict / PTB Message, or a tuple."""
        if isinstance(message, SentMessage):
            return message.chat_id, message.message_id
        if isinstance(message, tuple) and len(message) == 2:
            return message[0], int(message[1])
        if isinstance(message, dict):
            if "chat" in message:
                return message["chat"]["id"], int(message["message_id"])
            return message["chat_id"], int(message["message_id"])
        if hasattr(message, "chat_id") and hasattr(message, "message_id"):
            return message.chat_id, int(message.message_id)
        raise TypeError(f"cannot find a message from {message!r}")

    def _stored(self, key: tuple[Any, int]) -> dict:
        msg = self._messages.get(key)
        if msg is None or key in self._deleted:
            raise ValueError(f"no message {key[1]} in chat {key[0]} (or it was deleted)")
        return msg

    def user_sends(
        self,
        text: str,
        *,
        user_id: int,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        entities: list[dict] | None = None,
        reply_to_message: Any = None,
        chat_title: str | None = None,
        quote: str | None = None,
    ) -> int | None:
        """Queue a ``message`` update from a user; returns its update_id.

        A leading "/cmd" or "/cmd@bot" gets a bot_command entity unless ``entities`` is given.
        ``quote`` (with ``reply_to_message``) is the part of that message the user quoted.
        Returns None when ``privacy_mode`` hides the message from the bot.
        """
        if not isinstance(text, str) or not text:
            raise ValueError("text must be a non-empty string")
        if utf16_len(text) > MAX_MESSAGE_LENGTH:
            raise ValueError("users cannot send messages over 4096 UTF-16 code units")
        if chat_type not in ("private", "group", "supergroup"):
            raise ValueError(
                "chat_type must be private, group or supergroup "
                "(use push_raw_update for channel posts)"
            )
        if chat_id is None:
            if chat_type != "private":
                raise ValueError("chat_id is required for group chats")
            chat_id = user_id
        with self._cond:
            user = self._user(user_id, first_name, last_name, username, language_code)
            chat = self._chat_for(chat_id, chat_type, user, chat_title)
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "from": user,
                "chat": chat,
                "date": int(time.time()),
                "text": text,
            }
            ents = copy.deepcopy(entities) if entities is not None else self._command_entities(text)
            if ents:
                message["entities"] = ents
            reply_is_to_bot = False
            if reply_to_message is not None:
                target = copy.deepcopy(self._stored(self._resolve_message(reply_to_message)))
                target.pop("reply_to_message", None)
                message["reply_to_message"] = target
                reply_is_to_bot = target.get("from", {}).get("id") == self.bot_id
                if quote is not None:
                    replied = str(target.get("text", ""))
                    if quote not in replied:
                        raise ValueError("a quote must be an exact part of the replied message")
                    position = utf16_len(replied.split(quote, 1)[0])
                    message["quote"] = {"text": quote, "position": position, "is_manual": True}
            self._messages[(chat_id, message["message_id"])] = message
            if self.privacy_mode and chat_type != "private" and not reply_is_to_bot:
                command = re.match(r"/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?", text)
                if not command or (
                    command.group(1) and command.group(1).lower() != self.bot_username.lower()
                ):
                    return None
            return self._push({"message": copy.deepcopy(message)})

    def user_edits(self, message: Any, new_text: str) -> int:
        """Queue an ``edited_message`` update.

        ``message`` is the update_id returned by :meth:`user_sends` or anything :meth:`user_presses`
        accepts.
        """
        with self._cond:
            if isinstance(message, int):
                update = self._history.get(message)
                if update is None:
                    raise ValueError(f"unknown update_id {message}")
                inner = update.get("message") or update.get("edited_message")
                if inner is None:
                    raise ValueError(f"update {message} has no message")
                key = (inner["chat"]["id"], inner["message_id"])
            else:
                key = self._resolve_message(message)
            stored = self._stored(key)
            if stored.get("from", {}).get("id") == self.bot_id:
                raise ValueError("users cannot edit the bot's messages")
            stored["text"] = new_text
            stored["edit_date"] = int(time.time())
            ents = self._command_entities(new_text)
            if ents:
                stored["entities"] = ents
            else:
                stored.pop("entities", None)
            return self._push({"edited_message": copy.deepcopy(stored)})

    def user_presses(
        self,
        message: Any,
        callback_data: str,
        *,
        user_id: int,
        first_name: str | None = None,
        check: bool = True,
    ) -> int:
        """Queue a ``callback_query`` update for an inline button of a bot message.

        ``message``: a :class:`SentMessage`, a Message dict, a PTB ``Message`` or a
        ``(chat_id, message_id)`` tuple.  With ``check`` the button must exist in the message's
        current keyboard (pass ``check=False`` to simulate stale or forged buttons).
        """
        with self._cond:
            key = self._resolve_message(message)
            stored = self._stored(key)
            if check:
                rows = (stored.get("reply_markup") or {}).get("inline_keyboard") or []
                available = [b.get("callback_data") for row in rows for b in row]
                if callback_data not in available:
                    raise ValueError(
                        f"message {key} has no button with callback_data "
                        f"{callback_data!r}; buttons: {available!r}"
                    )
            user = self._user(user_id, first_name)
            self._query_counter += 1
            query_id = str(7_000_000_000_000_000_000 + self._query_counter * 7919)
            chat_id = key[0]
            query = {
                "id": query_id,
                "from": user,
                "message": copy.deepcopy(stored),
                "chat_instance": str(zlib.crc32(f"ci{chat_id}".encode()) * 7919 + 10**15),
                "data": callback_data,
            }
            update_id = self._push({"callback_query": query})
            self._callback_queries[query_id] = {
                "answered": False,
                "created": time.monotonic(),
                "update_id": update_id,
            }
            return update_id

    def user_inline_query(
        self,
        query: str,
        *,
        user_id: int,
        offset: str = "",
        chat_type: str | None = "private",
        first_name: str | None = None,
    ) -> int:
        """Queue an ``inline_query`` update; returns its update_id."""
        if utf16_len(query) > MAX_INLINE_QUERY_LENGTH:
            raise ValueError("inline queries are at most 256 characters")
        with self._cond:
            user = self._user(user_id, first_name)
            self._query_counter += 1
            query_id = str(8_000_000_000_000_000_000 + self._query_counter * 7919)
            inline = {"id": query_id, "from": user, "query": query, "offset": offset}
            if chat_type:
                inline["chat_type"] = chat_type
            update_id = self._push({"inline_query": inline})
            self._inline_queries[query_id] = {
                "answered": False,
                "created": time.monotonic(),
                "update_id": update_id,
            }
            return update_id

    def user_reacts(
        self,
        message: Any,
        emoji: str | list[str] | None,
        *,
        user_id: int,
        first_name: str | None = None,
    ) -> int:
        """Queue a ``message_reaction`` update.

        The user's reactions on ``message`` become ``emoji`` (one, several, or None to remove them);
        ``old_reaction`` is what they had.

        ``message``: anything :meth:`user_presses` accepts.  As Telegram, the update is
        delivered only if ``message_reaction`` is in the bot's ``allowed_updates``.
        """
        wanted = [emoji] if isinstance(emoji, str) else list(emoji or [])
        with self._cond:
            key = self._resolve_message(message)
            self._stored(key)
            user = self._user(user_id, first_name)
            old = self._reactions.get((key[0], key[1], user_id), [])
            new = [{"type": "emoji", "emoji": e} for e in wanted]
            self._reactions[(key[0], key[1], user_id)] = new
            return self._push(
                {
                    "message_reaction": {
                        "chat": dict(self._chat_of(key[0])),
                        "message_id": key[1],
                        "user": user,
                        "date": int(time.time()),
                        "old_reaction": copy.deepcopy(old),
                        "new_reaction": new,
                    }
                }
            )

    def user_summons(
        self,
        text: str,
        *,
        user_id: int,
        chat_id: int,
        chat_type: str = "supergroup",
        chat_title: str | None = None,
        first_name: str | None = None,
    ) -> int:
        """Queue a ``guest_message`` update (Bot API 10.0).

        A user mentions the bot in a chat it is not a member of.  The bot answers it once, with
        answerGuestQuery.
        """
        if f"@{self.bot_username}".lower() not in text.lower():
            raise ValueError("a guest message mentions the bot by its @username")
        with self._cond:
            user = self._user(user_id, first_name)
            if chat_type == "private":
                chat = {"id": chat_id, "type": "private", "first_name": "Friend"}
            else:
                chat = {"id": chat_id, "type": chat_type, "title": chat_title or "Family"}
            if chat_id not in self._chats:
                self._guest_chats.add(chat_id)
            mention = text.lower().index(f"@{self.bot_username}".lower())
            self._query_counter += 1
            query_id = str(9_000_000_000_000_000_000 + self._query_counter * 7919)
            guest = {
                "message_id": 10_000 + self._query_counter,
                "from": user,
                "chat": chat,
                "date": int(time.time()),
                "text": text,
                "entities": [
                    {
                        "type": "mention",
                        "offset": utf16_len(text[:mention]),
                        "length": utf16_len(self.bot_username) + 1,
                    }
                ],
                "guest_query_id": query_id,
            }
            update_id = self._push({"guest_message": guest})
            self._guest_queries[query_id] = {
                "answered": False,
                "created": time.monotonic(),
                "update_id": update_id,
            }
            return update_id

    def user_blocks_bot(self, user_id: int) -> int:
        """The user blocks the bot: queue a my_chat_member update; sends to them now get 403."""
        with self._cond:
            user = self._user(user_id)
            chat = self._chat_for(user_id, "private", user, None)
            self._blocked.add(user_id)
            return self._push(
                {
                    "my_chat_member": {
                        "chat": chat,
                        "from": user,
                        "date": int(time.time()),
                        "old_chat_member": {"status": "member", "user": dict(self.bot_user)},
                        "new_chat_member": {
                            "status": "kicked",
                            "user": dict(self.bot_user),
                            "until_date": 0,
                        },
                    }
                }
            )

    def push_raw_update(self, update: dict) -> int:
        """Queue any update dict as is (channel posts, no ``from``, unknown kinds...).

        An update_id is assigned unless present.  Messages inside are remembered, so the bot can
        reply to / edit them.
        """
        update = copy.deepcopy(update)
        with self._cond:
            for kind in (
                "message",
                "edited_message",
                "channel_post",
                "edited_channel_post",
                "business_message",
            ):
                msg = update.get(kind)
                if (
                    isinstance(msg, dict)
                    and isinstance(msg.get("chat"), dict)
                    and "message_id" in msg
                ):
                    chat_id = msg["chat"].get("id")
                    self._chats.setdefault(chat_id, dict(msg["chat"]))
                    self._messages[(chat_id, msg["message_id"])] = copy.deepcopy(msg)
                    self._message_counters[chat_id] = max(
                        self._message_counters.get(chat_id, 0), int(msg["message_id"])
                    )
            return self._push(update)

    # ---------------------------------------------------------------- state (test side)

    def pending_updates(self) -> list[dict]:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._lock:
            return copy.deepcopy(self._pending)

    @property
    def confirmed_update_ids(self) -> list[int]:
        """The update ids the bot has confirmed, by the offsets it sent."""
        with self._lock:
            return list(self._confirmed)

    @property
    def delivered_update_ids(self) -> set[int]:
        """Updates returned by getUpdates at least once."""
        with self._lock:
            return set(self._delivered)

    @property
    def allowed_updates(self) -> list[str] | None:
        """The update kinds the bot last asked for (None: not asked)."""
        with self._lock:
            return None if self._allowed_updates is None else list(self._allowed_updates)

    def get_update(self, update_id: int) -> dict | None:
        """A queued update by its id, or None."""
        with self._lock:
            update = self._history.get(update_id)
            return copy.deepcopy(update) if update is not None else None

    def calls(self, method: str | None = None) -> list[tuple[str, dict]]:
        """(method, params) of every request received (params decoded to Python objects)."""
        with self._lock:
            return [
                (c.method, copy.deepcopy(c.params))
                for c in self._calls
                if method is None or c.method.lower() == method.lower()
            ]

    def call_log(self, method: str | None = None, *, start: int = 0) -> list[dict]:
        """Like :meth:`calls` with the outcome.

        Status (an int, "drop" / "timeout" for injected faults, "client_gone" when the client hung
        up first, None while still running) and the error description.  ``start``: skip the first
        calls (``call_count()`` taken earlier), so a long test need not copy the whole log each
        time.
        """
        with self._lock:
            return [
                {
                    "method": c.method,
                    "params": copy.deepcopy(c.params),
                    "time": c.time,
                    "status": c.status,
                    "description": c.description,
                }
                for c in self._calls[start:]
                if method is None or c.method.lower() == method.lower()
            ]

    def call_count(self) -> int:
        """How many requests the server has received so far."""
        with self._lock:
            return len(self._calls)

    def sent_messages(self, chat_id: Any = None) -> list[SentMessage]:
        """Successful sendMessage calls in order (optionally for one chat)."""
        with self._lock:
            return [m for m in self._sent if chat_id is None or m.chat_id == chat_id]

    def edited_messages(self, chat_id: Any = None) -> list[SentMessage]:
        """Successful editMessageText / editMessageReplyMarkup calls in order."""
        with self._lock:
            return [m for m in self._edits if chat_id is None or m.chat_id == chat_id]

    def message(self, chat_id: Any, message_id: int) -> dict | None:
        """Current state of a stored message (after edits), or None if unknown/deleted."""
        with self._lock:
            key = (chat_id, message_id)
            if key in self._deleted or key not in self._messages:
                return None
            return copy.deepcopy(self._messages[key])

    def deleted_messages(self) -> list[tuple[Any, int]]:
        """The (chat id, message id) of every deleted message."""
        with self._lock:
            return list(self._deletions)

    def chat_actions(self, chat_id: Any = None) -> list[str]:
        """The chat actions sent ("typing", ...), optionally to one chat."""
        with self._lock:
            return [a for c, a in self._chat_actions if chat_id is None or c == chat_id]

    def callback_answers(self) -> list[dict]:
        """Params of every successful answerCallbackQuery."""
        with self._lock:
            return copy.deepcopy(self._callback_answers)

    def inline_answers(self) -> list[dict]:
        """Params of every successful answerInlineQuery."""
        with self._lock:
            return copy.deepcopy(self._inline_answers)

    def guest_answers(self) -> list[dict]:
        """Params of every successful answerGuestQuery (``result`` as a dict)."""
        with self._lock:
            return copy.deepcopy(self._guest_answers)

    def descriptions(self) -> dict[str, tuple[str, str]]:
        """Per language_code ("" default): (description, short description) as set."""
        with self._lock:
            languages = set(self._descriptions) | set(self._short_descriptions)
            return {
                code: (self._descriptions.get(code, ""), self._short_descriptions.get(code, ""))
                for code in languages
            }

    def commands(self, scope: dict | None = None, language_code: str = "") -> list[dict]:
        """The command menu set for `scope` and `language_code`."""
        with self._lock:
            return copy.deepcopy(self._commands.get(self._commands_key(scope, language_code), []))

    @property
    def long_polls_begun(self) -> int:
        """How many getUpdates requests have begun (a later one ends a waiting one with 409)."""
        with self._lock:
            return self._poll_generation

    @property
    def webhook_url(self) -> str:
        """The webhook URL the bot set ("" when polling)."""
        with self._lock:
            return self._webhook["url"]

    def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Block until ``predicate()`` is truthy (returns it) or raise TimeoutError.

        Do not call this from a coroutine that shares the loop with the bot: use wait_for.
        """
        timeout *= self.patience
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(self._timeout_message(timeout))
            with self._cond:
                self._cond.wait(min(remaining, 0.05))

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.02
    ) -> Any:
        """Await until ``predicate()`` is truthy (returns it) or raise TimeoutError."""
        timeout *= self.patience
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(self._timeout_message(timeout))
            await asyncio.sleep(interval)

    async def wait_for_messages(
        self, count: int = 1, *, chat_id: Any = None, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Await until at least ``count`` messages were sent (to ``chat_id``); returns them all."""

        def enough() -> list[SentMessage] | None:
            messages = self.sent_messages(chat_id)
            return messages if len(messages) >= count else None

        return await self.wait_for(enough, timeout=timeout)

    def _timeout_message(self, timeout: float) -> str:
        with self._lock:
            recent = [f"{c.method}->{c.status}" for c in self._calls[-8:]]
            return (
                f"condition not met within {timeout}s; pending updates: "
                f"{[u['update_id'] for u in self._pending]}; last calls: {recent}"
            )

    # ---------------------------------------------------------------- bot-side methods

    def _sender(self) -> dict:
        """The bot as the ``from`` of its messages (getMe's extra flags are not included)."""
        return {key: self.bot_user[key] for key in ("id", "is_bot", "first_name", "username")}

    def _m_getMe(self, params: dict, conn: _Conn) -> dict:
        return dict(self.bot_user)

    def _m_logOut(self, params: dict, conn: _Conn) -> bool:
        return True

    def _m_close(self, params: dict, conn: _Conn) -> bool:
        return True

    def _deliverable(self, limit: int) -> list[dict]:
        allowed = self._allowed_updates
        batch = []
        for update in self._pending:
            kinds = [k for k in update if k != "update_id"]
            if kinds:
                if allowed:  # explicit list
                    if not any(k in allowed for k in kinds):
                        continue
                elif all(k in DEFAULT_EXCLUDED_UPDATES for k in kinds):
                    continue
            batch.append(update)
            if len(batch) >= limit:
                break
        return batch

    def _confirm_below(self, offset: int) -> None:
        keep = []
        for update in self._pending:
            if update["update_id"] < offset:
                self._confirmed.append(update["update_id"])
            else:
                keep.append(update)
        self._pending = keep

    def _m_getUpdates(self, params: dict, conn: _Conn) -> Any:
        offset = _int_param(params, "offset")
        limit = _int_param(params, "limit", 100)
        timeout = params.get("timeout") or 0
        try:
            timeout = max(0.0, float(timeout))
        except (TypeError, ValueError):
            raise _bad('field "timeout" must be of type Integer') from None
        limit = 100 if limit <= 0 or limit > 100 else limit
        with self._cond:
            if self._webhook["url"]:
                raise _ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is "
                    "active; use deleteWebhook to delete the webhook first",
                )
            allowed = params.get("allowed_updates")
            if allowed is not None:
                if not isinstance(allowed, list):
                    raise _bad("can't parse allowed updates")
                self._allowed_updates = [str(a) for a in allowed]
            if offset is not None and offset > 0:
                self._confirm_below(offset)
            elif offset is not None and offset < 0:
                keep_from = max(0, len(self._pending) + offset)
                if keep_from:
                    self._confirm_below(self._pending[keep_from]["update_id"])
            self._poll_generation += 1
            generation = self._poll_generation
            self._cond.notify_all()  # an older long poll is terminated with 409
            deadline = time.monotonic() + timeout
            while True:
                if generation != self._poll_generation:
                    raise _ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                batch = self._deliverable(limit)
                if batch or self._stopping:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(min(remaining, 0.05))
                if conn.client_gone():
                    return _CLIENT_GONE
            self._delivered.update(u["update_id"] for u in batch)
            return copy.deepcopy(batch)

    def _m_setWebhook(self, params: dict, conn: _Conn) -> Any:
        url = params.get("url") or ""
        with self._lock:
            if not url:
                self._webhook = {"url": ""}
                return ("__ok_desc__", "Webhook was deleted")
            parts = urlsplit(url)
            if parts.scheme != "https":
                raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
            if parts.port not in (None, 80, 88, 443, 8443):
                raise _bad("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
            secret = params.get("secret_token")
            if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
                raise _bad("secret token contains unallowed characters")
            max_connections = _int_param(params, "max_connections", 40)
            if not 1 <= max_connections <= 100:
                raise _bad("bad max_connections")
            if params.get("allowed_updates") is not None:
                self._allowed_updates = list(params["allowed_updates"])
            if _truthy(params.get("drop_pending_updates")):
                self._confirm_below(self._next_update_id)
            self._webhook = {"url": url, "max_connections": max_connections}
            if secret is not None:
                self._webhook["secret_token"] = secret
            return ("__ok_desc__", "Webhook was set")

    def _m_deleteWebhook(self, params: dict, conn: _Conn) -> Any:
        with self._cond:
            had = bool(self._webhook["url"])
            self._webhook = {"url": ""}
            if _truthy(params.get("drop_pending_updates")):
                self._confirm_below(self._next_update_id)
            return ("__ok_desc__", "Webhook was deleted" if had else "Webhook is already deleted")

    def _m_getWebhookInfo(self, params: dict, conn: _Conn) -> dict:
        with self._lock:
            info: dict[str, Any] = {
                "url": self._webhook["url"],
                "has_custom_certificate": False,
                "pending_update_count": len(self._pending),
            }
            if self._webhook["url"]:
                info["max_connections"] = self._webhook["max_connections"]
            if self._allowed_updates:
                info["allowed_updates"] = list(self._allowed_updates)
            return info

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
        scope = scope or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    def _m_setMyCommands(self, params: dict, conn: _Conn) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if not 1 <= len(commands) <= 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH" if commands else "commands must be non-empty")
        stored = []
        for item in commands:
            if not isinstance(item, dict):
                raise _bad("can't parse BotCommand")
            command, description = item.get("command"), item.get("description")
            if not isinstance(command, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", command):
                raise _bad("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
            stored.append({"command": command, "description": description})
        with self._lock:
            self._commands[self._commands_key(params.get("scope"), params.get("language_code"))] = (
                stored
            )
        return True

    def _m_getMyCommands(self, params: dict, conn: _Conn) -> list:
        with self._lock:
            key = self._commands_key(params.get("scope"), params.get("language_code"))
            return copy.deepcopy(self._commands.get(key, []))

    def _m_deleteMyCommands(self, params: dict, conn: _Conn) -> bool:
        with self._lock:
            key = self._commands_key(params.get("scope"), params.get("language_code"))
            self._commands.pop(key, None)
        return True

    def _set_text(self, table: dict[str, str], params: dict, key: str, limit: int) -> bool:
        # As the Bot API: an empty or missing text removes the one for that language.
        text = params.get(key) or ""
        if not isinstance(text, str) or len(text) > limit:
            raise _bad(f"{key.upper()}_INVALID")
        language = str(params.get("language_code") or "")
        with self._lock:
            if text:
                table[language] = text
            else:
                table.pop(language, None)
        return True

    def _m_setMyDescription(self, params: dict, conn: _Conn) -> bool:
        return self._set_text(self._descriptions, params, "description", 512)

    def _m_getMyDescription(self, params: dict, conn: _Conn) -> dict:
        with self._lock:
            text = self._descriptions.get(str(params.get("language_code") or ""), "")
        return {"description": text}

    def _m_setMyShortDescription(self, params: dict, conn: _Conn) -> bool:
        return self._set_text(self._short_descriptions, params, "short_description", 120)

    def _m_getMyShortDescription(self, params: dict, conn: _Conn) -> dict:
        with self._lock:
            text = self._short_descriptions.get(str(params.get("language_code") or ""), "")
        return {"short_description": text}

    # messages

    def _chat_of(self, chat_id: Any) -> dict:
        """The chat the bot addresses (lock held)."""
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if isinstance(chat_id, str):
            if re.fullmatch(r"-?\d+", chat_id):
                chat_id = int(chat_id)
            else:
                for chat in self._chats.values():
                    if "@" + str(chat.get("username", "")).lower() == chat_id.lower():
                        return chat
                if self.strict_chats or not chat_id.startswith("@"):
                    raise _bad("chat not found")
                fake_id = -1_000_000_000_000 - zlib.crc32(chat_id.lower().encode())
                chat = {
                    "id": fake_id,
                    "type": "channel",
                    "title": chat_id[1:],
                    "username": chat_id[1:],
                }
                self._chats[fake_id] = chat
                return chat
        chat = self._chats.get(chat_id)
        if chat is None and chat_id in self._guest_chats:
            # As Telegram: a guest bot is not in the chat; only answerGuestQuery reaches it.
            raise _bad("PEER_ID_INVALID")
        if chat is None:
            if self.strict_chats:
                raise _bad("chat not found")
            if chat_id > 0:
                chat = {"id": chat_id, "type": "private", "first_name": "Unknown"}
            else:
                kind = "supergroup" if str(chat_id).startswith("-100") else "group"
                chat = {"id": chat_id, "type": kind, "title": "Unknown group"}
            self._chats[chat_id] = chat
        if chat["id"] in self._blocked:
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _render_text(
        self,
        params: dict,
        text_key: str = "text",
        entities_key: str = "entities",
        mode_key: str = "parse_mode",
    ) -> tuple[str, list[dict]]:
        raw = params.get(text_key)
        if raw is None or raw == "":
            raise _bad("message text is empty")
        raw = str(raw)
        parse_mode = params.get(mode_key)
        explicit = params.get(entities_key)
        if explicit:
            if not isinstance(explicit, list):
                raise _bad("can't parse entities JSON object")
            text, entities = raw, copy.deepcopy(explicit)
        elif not parse_mode:
            text, entities = raw, []
        elif str(parse_mode).lower() == "html":
            try:
                text, entities = parse_telegram_html(raw, strict=self.strict_html)
            except TelegramHtmlError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        elif str(parse_mode).lower() in ("markdown", "markdownv2"):
            text, entities = raw, []  # not parsed by the fake: visible text = raw text
        else:
            raise _bad("unsupported parse_mode")
        text, entities = _trim(text, entities)
        if not text:
            raise _bad("message text is empty")
        if utf16_len(text) > MAX_MESSAGE_LENGTH:
            raise _bad("message is too long")
        return text, entities

    def _check_markup(self, markup: Any) -> dict | None:
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return markup
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        count = 0
        actions = (
            "url",
            "callback_data",
            "web_app",
            "login_url",
            "switch_inline_query",
            "switch_inline_query_current_chat",
            "switch_inline_query_chosen_chat",
            "copy_text",
            "callback_game",
            "pay",
        )
        for row in rows:
            for button in row:
                count += 1
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise _bad(
                        'can\'t parse inline keyboard button: Field "text" must be of type String'
                    )
                if "callback_data" in button:
                    data = button["callback_data"]
                    if (
                        not isinstance(data, str)
                        or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
                    ):
                        raise _bad("BUTTON_DATA_INVALID")
                elif not any(key in button for key in actions):
                    raise _bad(
                        "can't parse inline keyboard button: Text buttons are "
                        "unallowed in the inline keyboard"
                    )
                if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
                    raise _bad("BUTTON_URL_INVALID")
                if "switch_inline_query_chosen_chat" in button:
                    self._check_chosen_chat(button["switch_inline_query_chosen_chat"])
        if count > MAX_BUTTONS:
            raise _bad("REPLY_MARKUP_TOO_LONG")
        return markup

    @staticmethod
    def _check_chosen_chat(chosen: Any) -> None:
        # As Telegram (PTB's caution on SwitchInlineQueryChosenChat): at least one kind of
        # chat must be allowed, and the query is an inline query (at most 256 characters).
        if not isinstance(chosen, dict):
            raise _bad("can't parse inline keyboard button: SwitchInlineQueryChosenChat")
        kinds = ("allow_user_chats", "allow_bot_chats", "allow_group_chats", "allow_channel_chats")
        if not any(chosen.get(k) is True for k in kinds):
            raise _bad("BUTTON_TYPE_INVALID")
        query = chosen.get("query", "")
        if not isinstance(query, str) or utf16_len(query) > MAX_INLINE_QUERY_LENGTH:
            raise _bad("BUTTON_DATA_INVALID")

    def _check_inline_result(self, result: Any) -> None:
        if not isinstance(result, dict) or "type" not in result:
            raise _bad("can't parse InlineQueryResult")
        result_id = str(result.get("id", ""))
        if not 1 <= len(result_id.encode("utf-8")) <= MAX_INLINE_RESULT_ID_BYTES:
            raise _bad("RESULT_ID_INVALID")
        self._check_markup(result.get("reply_markup"))
        content = result.get("input_message_content")
        if isinstance(content, dict) and "message_text" in content:
            self._render_text(content, "message_text", "entities", "parse_mode")

    def _record(
        self,
        bucket: list,
        method: str,
        chat_id: Any,
        message_id: int | None,
        text: str | None,
        params: dict,
        message: dict | None,
        entities: list,
    ) -> SentMessage:
        record = SentMessage(
            method=method,
            chat_id=chat_id,
            message_id=message_id,
            text=text,
            raw_text=params.get("text"),
            parse_mode=params.get("parse_mode"),
            entities=copy.deepcopy(entities),
            reply_markup=copy.deepcopy(params.get("reply_markup")),
            params=copy.deepcopy(params),
            message=copy.deepcopy(message),
            time=time.time(),
        )
        bucket.append(record)
        self._cond.notify_all()
        return record

    def _m_sendMessage(self, params: dict, conn: _Conn) -> dict:
        with self._cond:
            chat = self._chat_of(params.get("chat_id"))
            markup = self._check_markup(params.get("reply_markup"))
            text, entities = self._render_text(params)
            reply_to = None
            reply_parameters = params.get("reply_parameters")
            reply_id = _int_param(params, "reply_to_message_id")
            allow_without = _truthy(params.get("allow_sending_without_reply"))
            if isinstance(reply_parameters, dict):
                reply_id = reply_parameters.get("message_id", reply_id)
                allow_without = allow_without or _truthy(
                    reply_parameters.get("allow_sending_without_reply")
                )
            quote = None
            if reply_id is not None:
                key = (chat["id"], int(reply_id))
                if key in self._messages and key not in self._deleted:
                    reply_to = copy.deepcopy(self._messages[key])
                    reply_to.pop("reply_to_message", None)
                    if isinstance(reply_parameters, dict) and reply_parameters.get("quote"):
                        # As Telegram: the quote must be an exact part of the replied text.
                        quote = str(reply_parameters["quote"])
                        if quote not in str(reply_to.get("text", "")) or len(quote) > 1024:
                            raise _bad("QUOTE_TEXT_INVALID")
                elif not allow_without:
                    raise _bad("message to be replied not found")
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat["id"]),
                "from": self._sender(),
                "chat": dict(chat),
                "date": int(time.time()),
                "text": text,
            }
            if entities:
                message["entities"] = entities
            if reply_to is not None:
                message["reply_to_message"] = reply_to
            if quote is not None:
                position = reply_parameters.get("quote_position")
                if position is None:
                    position = utf16_len(str(reply_to["text"]).split(quote, 1)[0])
                message["quote"] = {"text": quote, "position": int(position), "is_manual": True}
            if markup is not None and "inline_keyboard" in markup:
                message["reply_markup"] = copy.deepcopy(markup)
            self._messages[(chat["id"], message["message_id"])] = message
            self._record(
                self._sent,
                "sendMessage",
                chat["id"],
                message["message_id"],
                text,
                params,
                message,
                entities,
            )
            return copy.deepcopy(message)

    def _edit_target(self, params: dict) -> tuple[tuple[Any, int] | None, dict | None]:
        if params.get("inline_message_id"):
            return None, None
        chat = self._chat_of(params.get("chat_id"))
        message_id = _int_param(params, "message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        key = (chat["id"], message_id)
        if key not in self._messages or key in self._deleted:
            raise _bad("message to edit not found")
        stored = self._messages[key]
        if stored.get("from", {}).get("id") != self.bot_id:
            raise _bad("message can't be edited")
        return key, stored

    _NOT_MODIFIED = (
        "message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )

    def _m_editMessageText(self, params: dict, conn: _Conn) -> Any:
        with self._cond:
            markup = self._check_markup(params.get("reply_markup"))
            text, entities = self._render_text(params)
            key, stored = self._edit_target(params)
            if key is None:
                self._record(
                    self._edits, "editMessageText", None, None, text, params, None, entities
                )
                return True
            new_markup = markup if markup is not None and "inline_keyboard" in markup else None
            if (
                stored.get("text") == text
                and stored.get("entities", []) == entities
                and stored.get("reply_markup") == new_markup
            ):
                raise _bad(self._NOT_MODIFIED)
            stored["text"] = text
            if entities:
                stored["entities"] = entities
            else:
                stored.pop("entities", None)
            if new_markup is not None:
                stored["reply_markup"] = copy.deepcopy(new_markup)
            else:
                stored.pop("reply_markup", None)  # editing without reply_markup drops it
            stored["edit_date"] = int(time.time())
            self._record(
                self._edits, "editMessageText", key[0], key[1], text, params, stored, entities
            )
            return copy.deepcopy(stored)

    def _m_editMessageReplyMarkup(self, params: dict, conn: _Conn) -> Any:
        with self._cond:
            markup = self._check_markup(params.get("reply_markup"))
            key, stored = self._edit_target(params)
            if key is None:
                self._record(
                    self._edits, "editMessageReplyMarkup", None, None, None, params, None, []
                )
                return True
            new_markup = markup if markup is not None and "inline_keyboard" in markup else None
            if stored.get("reply_markup") == new_markup:
                raise _bad(self._NOT_MODIFIED)
            if new_markup is not None:
                stored["reply_markup"] = copy.deepcopy(new_markup)
            else:
                stored.pop("reply_markup", None)
            stored["edit_date"] = int(time.time())
            self._record(
                self._edits,
                "editMessageReplyMarkup",
                key[0],
                key[1],
                stored.get("text"),
                params,
                stored,
                stored.get("entities", []),
            )
            return copy.deepcopy(stored)

    def _m_deleteMessage(self, params: dict, conn: _Conn) -> bool:
        with self._cond:
            chat = self._chat_of(params.get("chat_id"))
            key = (chat["id"], _int_param(params, "message_id"))
            if key not in self._messages or key in self._deleted:
                raise _bad("message to delete not found")
            self._deleted.add(key)
            self._deletions.append(key)
            self._cond.notify_all()
            return True

    def _take_query(self, registry: dict, query_id: Any) -> dict:
        entry = registry.get(str(query_id)) if query_id is not None else None
        too_old = _bad("query is too old and response timeout expired or query ID is invalid")
        if entry is None or entry["answered"]:
            raise too_old
        if (
            self.query_timeout is not None
            and time.monotonic() - entry["created"] > self.query_timeout
        ):
            raise too_old
        return entry

    def _m_answerCallbackQuery(self, params: dict, conn: _Conn) -> bool:
        with self._cond:
            entry = self._take_query(self._callback_queries, params.get("callback_query_id"))
            text = params.get("text")
            if text is not None and utf16_len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
                raise _bad("MESSAGE_TOO_LONG")
            entry["answered"] = True
            self._callback_answers.append(copy.deepcopy(params))
            self._cond.notify_all()
            return True

    def _m_answerInlineQuery(self, params: dict, conn: _Conn) -> bool:
        with self._cond:
            results = params.get("results")
            if not isinstance(results, list):
                raise _bad("can't parse inline query results JSON object")
            if len(results) > MAX_INLINE_RESULTS:
                raise _bad("RESULTS_TOO_MUCH")
            seen = set()
            for result in results:
                self._check_inline_result(result)
                result_id = str(result.get("id", ""))
                if result_id in seen:
                    raise _bad("RESULT_ID_DUPLICATE")
                seen.add(result_id)
            button = params.get("button")
            if button is not None:
                # InlineQueryResultsButton: a text and exactly one of web_app, start_parameter.
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise _bad("can't parse InlineQueryResultsButton")
                if ("web_app" in button) == ("start_parameter" in button):
                    raise _bad("BUTTON_TYPE_INVALID")
                start = button.get("start_parameter")
                if start is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", str(start)):
                    raise _bad("START_PARAM_INVALID")
            next_offset = params.get("next_offset")
            if next_offset is not None and len(str(next_offset).encode("utf-8")) > 64:
                raise _bad("NEXT_OFFSET_INVALID")
            entry = self._take_query(self._inline_queries, params.get("inline_query_id"))
            entry["answered"] = True
            self._inline_answers.append(copy.deepcopy(params))
            self._cond.notify_all()
            return True

    def _m_answerGuestQuery(self, params: dict, conn: _Conn) -> dict:
        """Bot API 10.0: one reply, an InlineQueryResult, per guest query."""
        with self._cond:
            result = params.get("result")
            if result is None:
                raise _bad('Bad Request: parameter "result" is required')
            self._check_inline_result(result)
            entry = self._take_query(self._guest_queries, params.get("guest_query_id"))
            entry["answered"] = True
            self._guest_answers.append(copy.deepcopy(params))
            self._query_counter += 1
            self._cond.notify_all()
            return {"inline_message_id": f"guest-{self._query_counter}"}

    def _m_sendChatAction(self, params: dict, conn: _Conn) -> bool:
        with self._cond:
            chat = self._chat_of(params.get("chat_id"))
            action = params.get("action")
            if action not in CHAT_ACTIONS:
                raise _bad("wrong parameter action in request")
            self._chat_actions.append((chat["id"], action))
            self._cond.notify_all()
            return True
