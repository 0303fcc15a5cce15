"""Tests of the fake Telegram Bot API server itself (testing/k2bot_testing/fake_bot_api.py)."""

from __future__ import annotations

import asyncio
import datetime as dtm
import http.client
import json
import threading
import time

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from builders import HANG_GUARD_SECONDS
from k2bot_testing.fake_bot_api import (
    FakeBotApi,
    FloodLimits,
    check_telegram_html,
    parse_telegram_html,
    utf16_len,
)

# ------------------------------------------------------------------------------------ helpers


@pytest.fixture
def fake():
    server = FakeBotApi().start()
    try:
        yield server
    finally:
        server.stop()


def encode_like_ptb(params: dict) -> dict:
    """Form fields the way PTB's HTTPXRequest sends them: str as is, the rest JSON-encoded."""
    return {
        k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items() if v is not None
    }


def api(fake: FakeBotApi, method: str, **params) -> tuple[int, dict]:
    """POST like PTB does; the HTTP timeout outlasts a getUpdates long poll by 5 s."""
    http_timeout = 5.0 + float(params.get("timeout") or 0)
    response = httpx.post(fake.url(method), data=encode_like_ptb(params), timeout=http_timeout)
    return response.status_code, response.json()


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d or "x", callback_data=d)] for d in data])


def retry_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# ------------------------------------------------------------------------- basics and routing


def test_get_me_returns_a_bot_user(fake):
    """getMe answers a Telegram-shaped bot user with the documented flags."""
    status, body = api(fake, "getMe")
    assert status == 200
    assert body["ok"] is True
    me = body["result"]
    assert me["is_bot"] is True
    assert me["username"] == "k2_test_bot"
    assert me["can_join_groups"] is True
    assert me["supports_inline_queries"] is True
    assert me["id"] == int(fake.token.split(":")[0])
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert fake.base_url.endswith("/bot")


def test_wrong_token_and_unknown_method_are_rejected_like_telegram(fake):
    """A wrong token gets 401, a malformed one 404, an unknown method 404 'method not found'."""
    base = fake.base_url
    r = httpx.post(f"{base}999:WRONG-token/getMe", timeout=5)
    assert r.status_code == 401
    assert r.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert httpx.post(f"{base}not-a-token/getMe", timeout=5).status_code == 404
    status, body = api(fake, "fooBar")
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}


def test_connections_are_kept_alive(fake):
    """The server speaks HTTP/1.1 keep-alive: two requests reuse one socket."""
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)
    try:
        conn.request("POST", f"/bot{fake.token}/getMe")
        first = conn.getresponse()
        assert first.status == 200
        assert json.loads(first.read())["ok"]
        sock = conn.sock
        conn.request("GET", f"/bot{fake.token}/getMe")
        second = conn.getresponse()
        assert second.status == 200
        assert json.loads(second.read())["ok"]
        assert conn.sock is sock
    finally:
        conn.close()


def test_parameters_are_decoded_from_form_json_and_query(fake):
    """Form values are JSON-decoded except string fields; JSON bodies and query strings work."""
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": "a"}]]}
    status, body = api(fake, "sendMessage", chat_id=5, text="123", reply_markup=markup)
    assert status == 200
    assert body["result"]["text"] == "123"
    assert body["result"]["reply_markup"] == markup
    r = httpx.post(fake.url("sendMessage"), json={"chat_id": 5, "text": "true"}, timeout=5)
    assert r.json()["result"]["text"] == "true"
    r = httpx.get(fake.url("sendMessage"), params={"chat_id": "5", "text": "q"}, timeout=5)
    assert r.json()["result"]["text"] == "q"
    calls = fake.calls("sendMessage")
    assert calls[0] == ("sendMessage", {"chat_id": 5, "text": "123", "reply_markup": markup})
    assert [p["text"] for _, p in calls] == ["123", "true", "q"]


# ------------------------------------------------------------------------------ getUpdates


def test_get_updates_offset_confirms_and_deletes_older_updates(fake):
    """Updates stay pending until a later getUpdates passes an offset above their ids."""
    ids = [fake.user_sends(f"m{i}", user_id=1) for i in range(3)]
    _, body = api(fake, "getUpdates")
    assert [u["update_id"] for u in body["result"]] == ids
    _, body = api(fake, "getUpdates")  # no offset: the same updates again
    assert [u["update_id"] for u in body["result"]] == ids
    assert fake.confirmed_update_ids == []
    _, body = api(fake, "getUpdates", offset=ids[1])
    assert [u["update_id"] for u in body["result"]] == ids[1:]
    assert fake.confirmed_update_ids == ids[:1]
    _, body = api(fake, "getUpdates", offset=ids[-1] + 1)
    assert body["result"] == []
    assert fake.pending_updates() == []
    assert fake.confirmed_update_ids == ids
    assert fake.delivered_update_ids == set(ids)


def test_get_updates_limit_and_negative_offset(fake):
    """limit caps the batch (0 or >100 means 100); a negative offset keeps only the last -N."""
    ids = [fake.user_sends(f"m{i}", user_id=1) for i in range(5)]
    _, body = api(fake, "getUpdates", limit=2)
    assert [u["update_id"] for u in body["result"]] == ids[:2]
    _, body = api(fake, "getUpdates", limit=0)
    assert len(body["result"]) == 5
    _, body = api(fake, "getUpdates", offset=-2)
    assert [u["update_id"] for u in body["result"]] == ids[-2:]
    assert fake.confirmed_update_ids == ids[:3]


def test_long_poll_returns_as_soon_as_an_update_arrives(fake):
    """getUpdates with a timeout blocks until an update is pushed, then answers at once."""
    result = {}
    # The poll's 600 s far outlast the join's bound, which only guards against a hang.
    poll = threading.Thread(target=lambda: result.update(r=api(fake, "getUpdates", timeout=600)))
    poll.start()
    fake.wait_until(lambda: fake.long_polls_begun == 1, timeout=5)
    fake.user_sends("late", user_id=1)
    poll.join(
        timeout=HANG_GUARD_SECONDS
    )  # far less than the poll's 600 s: it answered on the update
    assert not poll.is_alive()
    assert result["r"][1]["result"][0]["message"]["text"] == "late"


def test_long_poll_times_out_with_an_empty_result(fake):
    """getUpdates with nothing to return waits for its timeout and answers []."""
    result = {}
    started = time.monotonic()
    poll = threading.Thread(target=lambda: result.update(r=api(fake, "getUpdates", timeout=1)))
    poll.start()
    poll.join(timeout=HANG_GUARD_SECONDS)
    # It waited its timeout rather than answering at once (a lower bound: load only adds).
    assert time.monotonic() - started >= 0.9
    assert result["r"][1] == {"ok": True, "result": []}


def test_stop_releases_a_waiting_long_poll_promptly():
    """stop() answers a pending 30 s long poll and shuts down within a second or two."""
    server = FakeBotApi().start()
    result = {}

    def poll():
        try:
            result["body"] = api(server, "getUpdates", timeout=40)[1]
        except httpx.HTTPError as exc:
            result["error"] = exc

    thread = threading.Thread(target=poll)
    try:
        thread.start()
        server.wait_until(lambda: server.long_polls_begun == 1, timeout=3)
    finally:
        server.stop()
    thread.join(timeout=5)  # far less than the poll's 40 s: stop() answered it
    assert not thread.is_alive()
    assert result.get("body", {}).get("result") == [] or "error" in result


def test_stop_is_prompt_with_idle_keep_alive_connections():
    """stop() closes idle keep-alive connections instead of waiting for them."""
    server = FakeBotApi().start()
    with httpx.Client(timeout=5) as client:
        assert client.post(server.url("getMe")).status_code == 200
        stopping = threading.Thread(target=server.stop)
        stopping.start()
        stopping.join(timeout=5)  # while the client still holds its idle connection
        assert not stopping.is_alive()
        with pytest.raises(httpx.HTTPError):
            client.post(server.url("getMe"))


def test_allowed_updates_is_stored_sticky_and_filters(fake):
    """allowed_updates is remembered across calls and filters the returned update kinds."""
    sent = api(
        fake,
        "sendMessage",
        chat_id=1,
        text="menu",
        reply_markup={"inline_keyboard": [[{"text": "go", "callback_data": "go"}]]},
    )[1]["result"]
    fake.user_sends("hi", user_id=1)
    press = fake.user_presses(sent, "go", user_id=1)
    _, body = api(fake, "getUpdates", allowed_updates=["callback_query"])
    assert [u["update_id"] for u in body["result"]] == [press]
    assert fake.allowed_updates == ["callback_query"]
    _, body = api(fake, "getUpdates")  # omitted: the previous setting still applies
    assert [u["update_id"] for u in body["result"]] == [press]
    _, body = api(fake, "getUpdates", allowed_updates=[])  # [] = default set
    assert len(body["result"]) == 2


def test_default_allowed_updates_exclude_chat_member_and_reactions(fake):
    """Without allowed_updates, chat_member and message_reaction updates are not returned."""
    fake.push_raw_update({"chat_member": {"date": 1}})
    fake.push_raw_update({"message_reaction": {"date": 1}})
    kept = fake.push_raw_update({"some_future_kind": {"x": 1}})
    _, body = api(fake, "getUpdates")
    assert [u["update_id"] for u in body["result"]] == [kept]


def test_a_second_poller_terminates_the_first_with_409(fake):
    """A getUpdates arriving while another long-polls ends the first with 409 Conflict."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(r=api(fake, "getUpdates", timeout=5)))
    thread.start()
    fake.wait_until(lambda: fake.long_polls_begun == 1, timeout=3)
    status, _ = api(fake, "getUpdates", timeout=0)
    thread.join(timeout=5)
    assert status == 200
    assert result["r"][0] == 409
    assert result["r"][1]["description"].startswith("Conflict: terminated by other getUpdates")


def test_webhook_blocks_get_updates_until_deleted(fake):
    """With a webhook set getUpdates gets 409; deleteWebhook(drop_pending_updates) clears it."""
    assert api(fake, "setWebhook", url="http://example.com/hook")[0] == 400
    assert api(fake, "setWebhook", url="https://example.com:8443/hook")[1]["result"] is True
    assert api(fake, "getWebhookInfo")[1]["result"]["url"] == "https://example.com:8443/hook"
    status, body = api(fake, "getUpdates")
    assert status == 409
    assert "webhook is active" in body["description"]
    fake.user_sends("x", user_id=1)
    assert api(fake, "deleteWebhook", drop_pending_updates=True)[1]["result"] is True
    assert api(fake, "getUpdates")[1]["result"] == []
    assert fake.webhook_url == ""


# ------------------------------------------------------------------------ test-side updates


def test_user_sends_adds_bot_command_entities(fake):
    """A leading /command (also /cmd@bot) gets a bot_command entity of the right length."""
    fake.user_sends("/start", user_id=1)
    fake.user_sends("/help@k2_test_bot now", user_id=1)
    fake.user_sends("say /start", user_id=1)
    fake.user_sends("/", user_id=1)
    messages = [u["message"] for u in api(fake, "getUpdates")[1]["result"]]
    assert messages[0]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert messages[1]["entities"] == [{"type": "bot_command", "offset": 0, "length": 17}]
    assert "entities" not in messages[2]
    assert "entities" not in messages[3]
    assert messages[0]["chat"] == {"id": 1, "type": "private", "first_name": "Tester"}
    assert isinstance(messages[0]["date"], int)
    assert messages[0]["from"]["is_bot"] is False


def test_user_edits_and_group_messages_and_raw_updates(fake):
    """user_edits makes edited_message updates; groups need a chat_id; raw updates pass as is."""
    uid = fake.user_sends("hello", user_id=2, chat_id=-100500, chat_type="supergroup")
    edit = fake.user_edits(uid, "/start hello")
    raw = fake.push_raw_update(
        {
            "channel_post": {
                "message_id": 9,
                "date": 1,
                "text": "news",
                "chat": {"id": -1009, "type": "channel"},
            }
        }
    )
    with pytest.raises(ValueError, match="chat_id is required"):
        fake.user_sends("x", user_id=2, chat_type="group")
    updates = {u["update_id"]: u for u in api(fake, "getUpdates")[1]["result"]}
    edited = updates[edit]["edited_message"]
    assert edited["text"] == "/start hello"
    assert edited["entities"][0]["length"] == 6
    assert edited["message_id"] == updates[uid]["message"]["message_id"]
    assert "edit_date" in edited
    assert edited["chat"]["type"] == "supergroup"
    assert "from" not in updates[raw]["channel_post"]


def test_user_presses_needs_an_existing_button_unless_unchecked(fake):
    """user_presses builds a callback_query from the stored message; unknown data is refused."""
    sent = api(
        fake,
        "sendMessage",
        chat_id=3,
        text="pick",
        reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
    )[1]["result"]
    with pytest.raises(ValueError, match="no button"):
        fake.user_presses(sent, "zzz", user_id=3)
    uid = fake.user_presses((3, sent["message_id"]), "zzz", user_id=3, check=False)
    query = fake.get_update(uid)["callback_query"]
    assert query["message"] == sent
    assert query["data"] == "zzz"
    assert query["chat_instance"]
    assert query["id"]
    assert query["from"]["id"] == 3


def test_privacy_mode_hides_group_chatter(fake):
    """With privacy_mode, groups deliver only commands for this bot and replies to it."""
    fake.privacy_mode = True
    assert fake.user_sends("hi all", user_id=4, chat_id=-77, chat_type="group") is None
    assert fake.user_sends("/faq@other_bot", user_id=4, chat_id=-77, chat_type="group") is None
    assert fake.user_sends("/faq", user_id=4, chat_id=-77, chat_type="group") is not None
    bot_msg = api(fake, "sendMessage", chat_id=-77, text="answer")[1]["result"]
    assert (
        fake.user_sends(
            "thanks", user_id=4, chat_id=-77, chat_type="group", reply_to_message=bot_msg
        )
        is not None
    )
    assert fake.user_sends("private", user_id=4) is not None


# -------------------------------------------------------------------------- validations


def test_html_checker_accepts_nested_tags_and_entities():
    """Valid nested HTML with named and numeric entities parses to visible text + entities."""
    text, entities = parse_telegram_html(
        "<b>bold <i>it <u>u</u></i></b> &lt;tag&gt; &amp; &quot;q&quot; &#169; &#x1F600; "
        '<a href="https://example.com/?a=1&amp;b=2">link</a> <code>x</code> '
        '<pre><code class="language-python">print(1)</code></pre> '
        '<blockquote expandable>q</blockquote> <span class="tg-spoiler">s</span> '
        "<tg-spoiler>t</tg-spoiler> <s>a</s><del>b</del><strike>c</strike><ins>d</ins>"
        '<em>e</em><strong>f</strong> <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    assert text.startswith('bold it u <tag> & "q" © 😀 link x print(1) q s t abcdef 👍')
    kinds = {e["type"] for e in entities}
    assert kinds >= {
        "bold",
        "italic",
        "underline",
        "text_link",
        "code",
        "pre",
        "expandable_blockquote",
        "spoiler",
        "strikethrough",
        "custom_emoji",
    }
    link = next(e for e in entities if e["type"] == "text_link")
    assert link["url"] == "https://example.com/?a=1&b=2"
    assert next(e for e in entities if e["type"] == "pre")["language"] == "python"
    emoji = next(e for e in entities if e["type"] == "custom_emoji")
    assert emoji["offset"] == utf16_len(text) - 2
    assert emoji["length"] == 2


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("<p>hi</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("x <b", "Unclosed start tag at byte offset 2"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("é<ul>", 'Unsupported start tag "ul" at byte offset 2'),  # byte, not char, offsets
        ('<a href="x"y">z</a>', 'Empty attribute name in the tag "a" at byte offset 0'),
        ("Tom & Jerry", 'Unsupported HTML entity "&" at byte offset 4'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;" at byte offset 0'),
    ],
)
def test_html_checker_rejects_malformed_markup(markup, error):
    """Malformed or unsupported HTML yields Telegram's "can't parse entities" description."""
    description = check_telegram_html(markup)
    assert description is not None
    assert description.startswith(f"Bad Request: can't parse entities: {error}")


def test_html_checker_lenient_mode_matches_telegram_on_bare_ampersand():
    """With strict=False a bare '&' or unknown entity is shown literally, as Telegram does."""
    assert check_telegram_html("Tom & Jerry &nbsp; &lt", strict=False) is None
    assert parse_telegram_html("Tom & Jerry &lt", strict=False)[0] == "Tom & Jerry <"


@pytest.mark.asyncio
async def test_message_length_is_4096_utf16_units_of_visible_text(fake):
    """Text over 4096 UTF-16 units after HTML parsing is 'message is too long'; markup is free."""
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        assert (await bot.send_message(1, "a" * 4096)).text == "a" * 4096
        await bot.send_message(1, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
        await bot.send_message(1, "😀" * 2048)  # 2048 astral chars = 4096 UTF-16 units
        for text in ("a" * 4097, "😀" * 2049, "&amp;" * 4097):
            with pytest.raises(BadRequest, match=r"(?i)message is too long"):
                await bot.send_message(1, text, parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bot.send_message(1, " \n ")
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bot.send_message(1, "<b></b>", parse_mode="HTML")
    assert len(fake.sent_messages(1)) == 3


@pytest.mark.asyncio
async def test_malformed_html_is_rejected_through_ptb(fake):
    """PTB gets BadRequest "can't parse entities" for bad HTML; valid HTML is accepted."""
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities: unsupported start tag"):
            await bot.send_message(1, "<p>para</p>", parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(1, "1 < 2", parse_mode="HTML")
        message = await bot.send_message(1, "<b>a <i>b</i></b> &lt;3", parse_mode="HTML")
        assert message.text == "a b <3"
        assert [(e.type, e.offset, e.length) for e in message.entities] == [
            ("bold", 0, 3),
            ("italic", 2, 1),
        ]
        assert (await bot.send_message(1, "1 < 2 & <p>")).text == "1 < 2 & <p>"  # no parse_mode
    record = fake.sent_messages(1)[0]
    assert record.parse_mode == "HTML"
    assert record.raw_text == "<b>a <i>b</i></b> &lt;3"


@pytest.mark.asyncio
async def test_callback_data_over_64_bytes_is_button_data_invalid(fake):
    """callback_data may be 1-64 UTF-8 bytes; 65 bytes (or 33 Cyrillic letters) is rejected."""
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        message = await bot.send_message(1, "ok", reply_markup=keyboard("x" * 64, "я" * 32))
        assert message.reply_markup.inline_keyboard[0][0].callback_data == "x" * 64
        for data in ("x" * 65, "я" * 33):
            with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
                await bot.send_message(1, "no", reply_markup=keyboard("ok", data))
    status, body = api(
        fake,
        "sendMessage",
        chat_id=1,
        text="t",
        reply_markup={"inline_keyboard": [[{"text": "e", "callback_data": ""}]]},
    )
    assert status == 400
    assert body["description"] == "Bad Request: BUTTON_DATA_INVALID"
    assert len(fake.sent_messages()) == 1


@pytest.mark.asyncio
async def test_sent_messages_are_real_message_objects(fake):
    """sendMessage returns a Message with per-chat ids, int date, the bot as sender, markup."""
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        fake.user_sends("hi", user_id=10)  # takes message_id 1 in chat 10
        before = int(time.time())  # the date is whole seconds
        first = await bot.send_message(10, "one", reply_markup=keyboard("a"))
        after = time.time()
        second = await bot.send_message(10, "two", reply_to_message_id=first.message_id)
        other = await bot.send_message(11, "other")
        assert (first.message_id, second.message_id, other.message_id) == (2, 3, 1)
        assert first.from_user.id == bot.id
        assert first.from_user.is_bot
        assert first.chat.id == 10
        assert first.chat.type == "private"
        assert before <= first.date.timestamp() <= after  # sent between the two, however slow
        assert first.reply_markup == keyboard("a")
        assert second.reply_to_message.message_id == first.message_id
        with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
            await bot.send_message(10, "x", reply_to_message_id=999)
    records = fake.sent_messages(10)
    assert [r.text for r in records] == ["one", "two"]
    assert records[0].callback_data == ["a"]
    assert fake.message(10, 1)["text"] == "hi"


@pytest.mark.asyncio
async def test_edits_follow_telegram_rules(fake):
    """Edits need an existing bot message, must change something, and drop omitted keyboards."""
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        message = await bot.send_message(1, "v1", reply_markup=keyboard("a"))
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("v1", 1, message.message_id, reply_markup=keyboard("a"))
        edited = await bot.edit_message_text("v2", 1, message.message_id)
        assert edited.text == "v2"
        assert edited.reply_markup is None
        again = await bot.edit_message_reply_markup(
            1, message.message_id, reply_markup=keyboard("b")
        )
        assert again.reply_markup == keyboard("b")
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("x", 1, 999)
        assert await bot.delete_message(1, message.message_id) is True
        with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
            await bot.delete_message(1, message.message_id)
    assert [e.method for e in fake.edited_messages(1)] == [
        "editMessageText",
        "editMessageReplyMarkup",
    ]
    assert fake.deleted_messages() == [(1, message.message_id)]


@pytest.mark.asyncio
async def test_answer_callback_query_validates_id_and_text(fake):
    """answerCallbackQuery: text <= 200 chars; a second or unknown answer is 'query is too old'."""
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        message = await bot.send_message(1, "m", reply_markup=keyboard("a"))
        query_id = fake.get_update(fake.user_presses(message, "a", user_id=1))["callback_query"][
            "id"
        ]
        with pytest.raises(BadRequest):
            await bot.answer_callback_query(query_id, text="x" * 201)
        assert await bot.answer_callback_query(query_id, text="y" * 200) is True
        for qid in (query_id, "12345"):
            with pytest.raises(BadRequest, match=r"(?i)query is too old"):
                await bot.answer_callback_query(qid)
    assert fake.callback_answers() == [{"callback_query_id": query_id, "text": "y" * 200}]


@pytest.mark.asyncio
async def test_answer_inline_query_limits(fake):
    """answerInlineQuery takes at most 50 results with ids of at most 64 bytes."""
    from telegram import InlineQueryResultArticle, InputTextMessageContent

    def results(n, id_len=3):
        return [
            InlineQueryResultArticle(
                str(i).zfill(id_len),
                f"t{i}",
                InputTextMessageContent(f"<b>{i}</b>", parse_mode="HTML"),
            )
            for i in range(n)
        ]

    async with Bot(fake.token, base_url=fake.base_url) as bot:
        query_id = fake.get_update(fake.user_inline_query("faq", user_id=5))["inline_query"]["id"]
        with pytest.raises(BadRequest, match=r"(?i)results_too_much"):
            await bot.answer_inline_query(query_id, results(51))
        with pytest.raises(BadRequest, match=r"(?i)result_id_invalid"):
            await bot.answer_inline_query(query_id, results(1, id_len=65))
        assert await bot.answer_inline_query(query_id, results(50)) is True
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_inline_query(query_id, results(1))
    assert len(fake.inline_answers()[0]["results"]) == 50


@pytest.mark.asyncio
async def test_set_my_commands_validates_and_stores(fake):
    """setMyCommands: 1-100 commands of [a-z0-9_]{1,32} with 1-256 char descriptions."""
    from telegram import BotCommand, BotCommandScopeAllGroupChats

    async with Bot(fake.token, base_url=fake.base_url) as bot:
        assert await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("faq", "FAQ")])
        await bot.set_my_commands(
            [BotCommand("help", "Help")], scope=BotCommandScopeAllGroupChats()
        )
        assert [c.command for c in await bot.get_my_commands()] == ["start", "faq"]
        groups = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
        assert [c.command for c in groups] == ["help"]
        bad = [
            [BotCommand("Start", "x")],
            [BotCommand("a" * 33, "x")],
            [BotCommand("ok", "d" * 257)],
            [BotCommand("ok", "")],
            [BotCommand(f"c{i}", "x") for i in range(101)],
            [],
        ]
        for commands in bad:
            with pytest.raises(BadRequest):
                await bot.set_my_commands(commands)
    assert [c["command"] for c in fake.commands()] == ["start", "faq"]


@pytest.mark.asyncio
async def test_chat_action_block_and_unknown_chat(fake):
    """sendChatAction checks the action; a user who blocked the bot gives 403 Forbidden."""
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        assert await bot.send_chat_action(8, "typing") is True
        with pytest.raises(BadRequest):
            await bot.send_chat_action(8, "dancing")
        fake.user_blocks_bot(8)
        with pytest.raises(Forbidden, match=r"(?i)blocked"):
            await bot.send_message(8, "hello?")
        fake.strict_chats = True
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(424242, "who?")
    assert fake.chat_actions(8) == ["typing"]


# --------------------------------------------------------------------- faults and flood control


@pytest.mark.asyncio
async def test_fail_next_500_then_recovers(fake):
    """fail_next(method, 500, count=2) fails exactly the next two calls with a NetworkError."""
    fake.fail_next("sendMessage", 500, count=2)
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        for _ in range(2):
            with pytest.raises(NetworkError, match="Internal Server Error"):
                await bot.send_message(1, "x")
        assert (await bot.send_message(1, "x")).text == "x"
    assert [c["status"] for c in fake.call_log("sendMessage")] == [500, 500, 200]
    assert len(fake.sent_messages()) == 1


@pytest.mark.asyncio
async def test_fail_next_429_carries_retry_after(fake, monkeypatch):
    """A 429 fault carries parameters.retry_after, which PTB raises as RetryAfter."""
    # Without PTB_TIMEDELTA, PTB 22.x warns (PTBDeprecationWarning) while *building* RetryAfter,
    # which filterwarnings=error turns into an exception instead of RetryAfter.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    fake.fail_next("sendMessage", 429, retry_after=3)
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(1, "x")
    assert retry_seconds(info.value) == 3
    assert fake.too_many_requests_count == 1


@pytest.mark.asyncio
async def test_fail_next_drop_closes_the_connection(fake):
    """A 'drop' fault closes the socket without an answer: PTB sees a NetworkError."""
    fake.fail_next("getMe", "drop")
    bot = Bot(fake.token, base_url=fake.base_url)
    async with bot._request[1]:  # the plain request object, without Bot.initialize()'s getMe
        with pytest.raises(NetworkError):
            await bot.get_me()
        assert (await bot.get_me()).username == "k2_test_bot"
    assert [c["status"] for c in fake.call_log("getMe")] == ["drop", 200]


@pytest.mark.asyncio
async def test_fail_next_timeout_exceeds_client_timeout_and_can_deliver(fake):
    """A 'timeout' fault outlasts the client's read timeout (TimedOut); deliver=True still sends."""
    fake.fail_next("sendMessage", "timeout", delay=10, deliver=True)
    request = HTTPXRequest(read_timeout=0.5)
    async with Bot(fake.token, base_url=fake.base_url, request=request) as bot:
        with pytest.raises(TimedOut):  # after 0.5 s, not the fault's 10 s
            await bot.send_message(1, "maybe delivered")
    assert [m.text for m in fake.sent_messages()] == ["maybe delivered"]
    await fake.wait_for(lambda: fake.call_log("sendMessage")[0]["status"] == "timeout", timeout=3)


@pytest.mark.asyncio
async def test_fail_next_conflict_on_get_updates(fake):
    """Any status works, e.g. 409 on getUpdates becomes PTB's Conflict."""
    fake.fail_next("getUpdates", 409)
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        with pytest.raises(Conflict):
            await bot.get_updates(timeout=0)
        assert await bot.get_updates(timeout=0) == ()


def test_flood_limits_per_chat_burst_then_429():
    """With enforce_flood_limits a private chat gets a short burst, then 429 with retry_after."""
    # A token every 100 s: a slow machine cannot earn one back between the requests.
    limits = FloodLimits(per_chat_rate=0.01, per_chat_burst=3)
    with FakeBotApi(enforce_flood_limits=True, flood_limits=limits) as fake:
        statuses = [api(fake, "sendMessage", chat_id=1, text=str(i))[0] for i in range(5)]
        assert statuses[:3] == [200, 200, 200]
        assert statuses[3:] == [429, 429]
        status, body = api(fake, "sendMessage", chat_id=1, text="again")
        assert status == 429
        assert body["parameters"]["retry_after"] >= 1
        assert body["description"].startswith("Too Many Requests: retry after")
        assert api(fake, "sendMessage", chat_id=2, text="other chat")[0] == 200
        assert fake.too_many_requests_count == 3


def test_flood_limits_group_per_minute():
    """A group (negative chat id) is limited per minute even when the per-chat rate is high."""
    limits = FloodLimits(per_chat_rate=1000, per_chat_burst=1000, group_per_minute=5)
    with FakeBotApi(enforce_flood_limits=True, flood_limits=limits) as server:
        group = [api(server, "sendMessage", chat_id=-100, text="g")[0] for _ in range(6)]
        assert group == [200] * 5 + [429]
        assert api(server, "sendMessage", chat_id=1, text="private")[0] == 200
        assert server.too_many_requests_count == 1


def test_flood_limits_global_per_second():
    """The bot as a whole is limited per second across all chats."""
    limits = FloodLimits(per_chat_rate=1000, per_chat_burst=1000, global_per_second=3)
    with (
        FakeBotApi(enforce_flood_limits=True, flood_limits=limits) as server,
        httpx.Client(timeout=5) as client,
    ):
        statuses = [
            client.post(
                server.url("sendMessage"), data={"chat_id": str(i), "text": "p"}
            ).status_code
            for i in range(1, 5)
        ]
        assert statuses == [200, 200, 200, 429]


def test_wait_until_raises_timeout_error(fake, monkeypatch):
    """wait_until gives up with TimeoutError after its timeout."""
    # The suite multiplies every bound by the fake's patience (conftest.py): this test waits
    # the bound out, so it waits 0.3 s, not 3 s.
    monkeypatch.setattr(fake, "patience", 1.0)
    with pytest.raises(TimeoutError):
        fake.wait_until(lambda: fake.sent_messages(), timeout=0.3)


# ---------------------------------------------------------------------- full PTB application


@pytest.mark.asyncio
async def test_ptb_application_polls_and_replies_end_to_end(fake):
    """A real PTB Application polls the fake: command, callback button, edit, clean shutdown."""

    async def start(update, context):
        await update.message.reply_html("<b>Welcome</b>", reply_markup=keyboard("more"))

    async def more(update, context):
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("More info")

    async def echo(update, context):
        await update.effective_message.reply_text(f"echo {update.effective_message.text}")

    app = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.base_url)
        .get_updates_read_timeout(2)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(more))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(timeout=2, allowed_updates=["message", "callback_query"])
    try:
        fake.user_sends("/start@k2_test_bot", user_id=42)
        fake.user_sends("/start@other_bot", user_id=42)  # not for us: ignored
        fake.user_sends("hello", user_id=42)
        messages = await fake.wait_for_messages(2, chat_id=42, timeout=5)
        assert [m.text for m in messages] == ["Welcome", "echo hello"]
        fake.user_presses(messages[0], "more", user_id=42)
        await fake.wait_for(lambda: fake.edited_messages(42), timeout=5)
        assert fake.edited_messages(42)[0].text == "More info"
        assert len(fake.callback_answers()) == 1
    finally:
        await asyncio.wait_for(app.updater.stop(), 10)
        await app.stop()
        await app.shutdown()
    assert fake.pending_updates() == []
    assert len(fake.confirmed_update_ids) == 4
    assert fake.calls("getUpdates")[0][1]["allowed_updates"] == ["message", "callback_query"]
    assert fake.calls("getUpdates")[-1][1]["timeout"] == 0  # PTB's cleanup call on stop


def test_go_down_refuses_connections_and_come_back_keeps_the_state(fake):
    """While down, requests are refused; back on the same port, queued updates are still there."""
    url = fake.url("getUpdates")
    fake.user_sends("before", user_id=1)
    fake.go_down()
    with pytest.raises(httpx.ConnectError):
        httpx.post(url, timeout=2)
    fake.user_sends("while down", user_id=1)
    fake.come_back()
    texts = [u["message"]["text"] for u in httpx.post(url, timeout=5).json()["result"]]
    assert ["before", "while down"] == texts


def test_a_request_read_once_going_down_has_begun_is_dropped_unprocessed(fake):
    """A send that reaches the fake after it began going down is not recorded: its answer could
    never reach the bot, which would send again and the user would get the message twice (a
    fault campaign saw exactly that once)."""
    fake.user_sends("hi", user_id=3)
    with fake._cond:
        fake._stopping = True  # what stop() sets first, before the drain
    try:
        with pytest.raises(httpx.TransportError):
            httpx.post(fake.url("sendMessage"), json={"chat_id": 3, "text": "x"}, timeout=5)
    finally:
        with fake._cond:
            fake._stopping = False
    assert [] == fake.sent_messages()
    httpx.post(fake.url("sendMessage"), json={"chat_id": 3, "text": "x"}, timeout=5)
    assert ["x"] == [m.text for m in fake.sent_messages()]


# ------------------------------------------------- Telegram-native: issue 16 (Bot API 7.0-10.0)


@pytest.mark.asyncio
async def test_answer_guest_query_answers_once_and_rejects_malformed_calls(fake):
    """answerGuestQuery (Bot API 10.0): one valid InlineQueryResult per known query; the
    guest chat itself cannot be written to."""
    from telegram import InlineQueryResultArticle, InputTextMessageContent

    def result(html: str) -> InlineQueryResultArticle:
        return InlineQueryResultArticle("1", "t", InputTextMessageContent(html, parse_mode="HTML"))

    fake.bot_username = "k2_test_bot"
    update_id = fake.user_summons("@k2_test_bot what is k2?", user_id=5, chat_id=-777)
    guest = fake.get_update(update_id)["guest_message"]
    assert guest["entities"] == [{"type": "mention", "offset": 0, "length": 12}]
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_guest_query("no-such-query", result("hi"))
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.answer_guest_query(guest["guest_query_id"], result("<b>open"))
        status, body = api(fake, "answerGuestQuery", guest_query_id=guest["guest_query_id"])
        assert status == 400 and "result" in body["description"]
        sent = await bot.answer_guest_query(guest["guest_query_id"], result("<b>K2</b>"))
        assert sent.inline_message_id
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_guest_query(guest["guest_query_id"], result("again"))
        with pytest.raises(BadRequest, match=r"(?i)peer_id_invalid"):
            await bot.send_message(-777, "not a member here")
    assert len(fake.guest_answers()) == 1


@pytest.mark.asyncio
async def test_reactions_are_delivered_only_when_allowed_and_carry_the_old_reaction(fake):
    """message_reaction updates: off by default, as Telegram; old_reaction follows the user's."""
    fake.user_sends("hello", user_id=6)
    message = (6, 1)
    first = fake.user_reacts(message, "👍", user_id=6)
    second = fake.user_reacts(message, ["👎"], user_id=6)
    _, body = api(fake, "getUpdates")
    assert [u["update_id"] for u in body["result"]] == [first - 1]  # only the message
    _, body = api(fake, "getUpdates", allowed_updates=["message", "message_reaction"])
    reactions = [u["message_reaction"] for u in body["result"] if "message_reaction" in u]
    assert [first, second] == [u["update_id"] for u in body["result"] if "message_reaction" in u]
    assert reactions[1]["old_reaction"] == [{"type": "emoji", "emoji": "👍"}]
    assert reactions[1]["new_reaction"] == [{"type": "emoji", "emoji": "👎"}]


@pytest.mark.asyncio
async def test_inline_results_button_and_chosen_chat_share_are_validated(fake):
    """InlineQueryResultsButton needs a valid start parameter; a chosen-chat button must
    allow at least one kind of chat."""
    from telegram import InlineQueryResultsButton, SwitchInlineQueryChosenChat

    async with Bot(fake.token, base_url=fake.base_url) as bot:
        query_id = fake.get_update(fake.user_inline_query("x", user_id=7))["inline_query"]["id"]
        bad = InlineQueryResultsButton("Ask", start_parameter="has space")
        with pytest.raises(BadRequest, match=r"(?i)start_param_invalid"):
            await bot.answer_inline_query(query_id, [], button=bad)
        good = InlineQueryResultsButton("Ask", start_parameter="ask-d2hhdA")
        assert await bot.answer_inline_query(query_id, [], button=good) is True
        nowhere = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        "Share", switch_inline_query_chosen_chat=SwitchInlineQueryChosenChat("q")
                    )
                ]
            ]
        )
        with pytest.raises(BadRequest, match=r"(?i)button_type_invalid"):
            await bot.send_message(7, "share", reply_markup=nowhere)
        anywhere = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        "Share",
                        switch_inline_query_chosen_chat=SwitchInlineQueryChosenChat(
                            "q", allow_group_chats=True
                        ),
                    )
                ]
            ]
        )
        assert (await bot.send_message(7, "share", reply_markup=anywhere)).message_id
    assert fake.inline_answers()[0]["button"]["start_parameter"] == "ask-d2hhdA"
