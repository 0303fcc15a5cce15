"""What a Russian user sees around the answers (issue 14): the source view with its Russian
rendering, the quote under an answer, buttons, `ask --explain`, and every reply of the
Telegram bot, walked through the fake Bot API."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from test_telegram import running_bot, wait_replies

from bot import messages
from bot.content.checks import figures
from bot.dialogue import Dialogue
from bot.evaluate import read_examples
from bot.intents import Content, Kind, check_content
from bot.markup import utf16_length
from bot.responder import Responder
from bot.terminal import TerminalChat
from builders import REPO, K2bot, intent_folder
from k2bot_testing.fake_bot_api import SentMessage, parse_telegram_html

RENDERED = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: fracture_risk
    kind: article
    title: Does K2 lower fracture risk?
    patterns: [does k2 lower fracture risk]
    answer: The article says MK-7 can reduce fracture risk by 87%.
    source:
      - "Supplementation of MK-7 can increase bone mineral density and reduce fracture risk by 87%."
    translations:
      ru:
        patterns: [снижает ли к2 риск переломов]
        answer: В статье сказано, что MK-7 может снизить риск переломов на 87%.
        source:
          - "{rendering}"
"""
FAITHFUL = "Приём MK-7 может повышать минеральную плотность костей и снижать риск переломов на 87%."


# -- 1. every article intent's source view has a Russian rendering ---------------------------


def test_every_article_passage_has_a_russian_rendering_with_its_figures(content: Content) -> None:
    """Each English passage of each article intent is rendered in Russian, figure for figure."""
    for intent in content.of_kind(Kind.ARTICLE):
        rendered = intent.source_in("ru")
        assert len(rendered) == len(intent.source) > 0, intent.id
        for passage, rendering in zip(intent.source, rendered, strict=True):
            assert figures(rendering) == figures(passage), (intent.id, rendering)
            assert sum("а" <= c.lower() <= "я" for c in rendering) > len(rendering) / 3


@pytest.mark.parametrize(
    ("rendering", "says"),
    [
        (FAITHFUL.replace("87%", "78%"), "adds '78%'"),  # a changed figure
        (FAITHFUL.replace(" на 87%", ""), "leaves out '87%'"),
        (FAITHFUL.replace("MK-7", "MK-4"), "adds 'mk4'"),
        (FAITHFUL.replace("MK-7", "МК-7"), "leaves out 'mk7'"),  # Cyrillic letters: not MK-7
    ],
    ids=["changed", "dropped", "other form", "cyrillic letters"],
)
def test_a_rendering_that_changes_a_figure_is_an_error(
    tmp_path: Path, rendering: str, says: str
) -> None:
    """`validate` holds a rendering to the figures of its English passage, at its line."""
    folder = intent_folder(tmp_path, {"main.yaml": RENDERED.format(rendering=rendering)})
    _, problems = check_content(folder)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any("'ru' rendering of source passage 1" in e and says in e for e in errors), errors


def test_a_faithful_rendering_passes(tmp_path: Path) -> None:
    folder = intent_folder(tmp_path, {"main.yaml": RENDERED.format(rendering=FAITHFUL)})
    _, problems = check_content(folder)
    assert [str(p) for p in problems] == []


# -- 2. the quote under a Russian answer carries the marked rendering ------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_answer_with_its_quote_is_valid_and_under_the_limit_in_each_language(
    responder: Responder, language: str
) -> None:
    """Over every intent, in English and in Russian: valid Telegram HTML within 4096, the
    article's words verbatim in the quote, and in Russian the rendering marked under them."""
    marker = messages.in_language(messages.SOURCE_TRANSLATION, "ru")
    for intent in responder.content.intents:
        reply = responder.answer(intent.id, language=language)
        if reply is None:
            continue
        text, entities = parse_telegram_html(reply.html_with_source)  # raises if invalid
        assert utf16_length(text) <= 4096, intent.id
        quotes = [e for e in entities if e["type"] == "expandable_blockquote"]
        assert len(quotes) == (1 if intent.source else 0), intent.id
        if not intent.source:
            continue
        (quote,) = quotes
        quoted = text[quote["offset"] : quote["offset"] + quote["length"]]
        first = intent.source[0]
        assert " ".join(first.split()) in " ".join(quoted.split()), intent.id
        if language == "en":
            assert marker not in text, intent.id
        else:
            # The first passage always fits; its rendering follows it, marked.
            rendering = intent.source_in("ru")[0]
            assert f"{marker} {rendering}" in quoted, intent.id
            assert quoted.count(marker) <= len(intent.source)


def test_english_answers_keep_their_quote_as_it_was(responder: Responder) -> None:
    """The English quote is the passages alone, exactly as before renderings existed."""
    reply = responder.respond("what is vitamin k2")
    assert reply.language == "en"
    body = "\n…\n".join(html.escape(p, quote=False) for p in reply.sources)
    assert (
        reply.html_with_source == f"{reply.html}\n\n<blockquote expandable>📖 {body}</blockquote>"
    )


def test_the_terminal_source_view_shows_the_rendering_under_a_russian_answer(
    responder: Responder,
) -> None:
    """`k2bot chat`: /source after a Russian answer quotes the English words, then the
    marked Russian rendering; after an English answer, the English words only."""
    out = io.StringIO()
    chat = TerminalChat(responder, out=out)
    chat.handle("как к2 влияет на кальций?")
    assert "/source" in out.getvalue() and "введите /source" in out.getvalue()
    chat.handle("/source")
    # Wrapped lines of a quoted passage start with "  > ": join them back up.
    shown = " ".join(re.sub(r"\n\s*> ", " ", out.getvalue()).split())
    assert chat.last is not None and chat.last.intent is not None
    intent = chat.last.intent
    assert "Из статьи" in shown
    for passage, rendering in zip(intent.source, intent.source_in("ru"), strict=True):
        assert " ".join(passage.split()) in shown
        assert (
            f"{messages.in_language(messages.SOURCE_TRANSLATION, 'ru')} {' '.join(rendering.split())}"
            in shown
        )
    out.truncate(0)
    chat.handle("what is vitamin k2")
    chat.handle("/source")
    assert "Перевод" not in out.getvalue() and "From the article" in out.getvalue()


# -- 4. ask --explain explains the index that decided -----------------------------------------


@pytest.mark.parametrize("forced", [(), ("--lang", "ru")])
def test_explain_for_a_russian_question_explains_the_russian_index(
    k2bot: K2bot, forced: tuple[str, ...]
) -> None:
    """The explanation's best intent is the one answered, found on a Russian pattern."""
    for question in ("как к2 попадает в кость", "chto takoe mk7"):
        result = k2bot("ask", "--json", "--explain", *forced, question)
        assert result.returncode == 0, result.stderr
        shown = json.loads(result.stdout)
        why = shown["explain"]
        assert "ru" in why["index_languages"]
        assert why["intent"] == shown["intent"] is not None
        assert why["best"]["intent"] == shown["intent"]
        assert why["best"]["words_against"] == {}, why["best"]
    printed = k2bot("ask", "--explain", "как к2 попадает в кость").stdout
    assert "index: patterns in en, ru" in printed


def test_explain_for_an_english_question_keeps_the_english_index(k2bot: K2bot) -> None:
    shown = json.loads(k2bot("ask", "--json", "--explain", "what is vitamin k2").stdout)
    assert shown["explain"]["index_languages"] == ["en"]
    assert shown["explain"]["best"]["intent"] == "what_is_k2"


# -- 3 and 5. every reply and button a Russian user meets, through the fake Bot API ---------

RUSSIAN_USER = 77
OTHER_RUSSIAN_USER = 78
EDITORS = -100777
# Words that stay as they are in a Russian text: commands, @names, ids and file names,
# figures such as K2 or MK-7, and the bot's own name.
_NOT_PROSE = re.compile(r"[/@]\w+|\S*[\d_.]\S*|\bK2 Bot\b|<code>.*?</code>")


def russian(text: str | None) -> bool:
    """Whether a text is written in Russian: its letters, past ids and figures, are Cyrillic."""
    prose = _NOT_PROSE.sub(" ", text or "")
    letters = [c for c in prose if c.isalpha()]
    cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    return len(letters) >= 5 and len(cyrillic) >= 0.9 * len(letters)


def labels(message: SentMessage) -> list[str]:
    return [b["text"] for b in message.buttons]


def unquoted(message: SentMessage) -> str:
    """A message's text without its expandable quote (the article's English words)."""
    units = (message.text or "").encode("utf-16-le")  # entity offsets count UTF-16 units
    for e in message.entities:
        if e["type"] == "expandable_blockquote":
            units = units[: 2 * e["offset"]] + units[2 * (e["offset"] + e["length"]) :]
    return units.decode("utf-16-le")


def a_russian_question_with_suggestions(responder: Responder) -> str:
    """Any Russian development question the bot answers with "did you mean"."""
    sets = sorted((REPO / "tests" / "data").glob("dev_questions_ru*.jsonl"))
    examples = [e for path in sets for e in read_examples(path)]
    return next(e.question for e in examples if responder.respond(e.question).suggestions)


async def test_a_russian_user_meets_russian_everywhere(
    responder: Responder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Russian user walks every surface; each reply, notice and button label is Russian."""
    unsure = a_russian_question_with_suggestions(responder)
    broken = "сломайся, пожалуйста"
    respond = Dialogue.respond

    def failing_respond(self: Dialogue, conversation: object, text: str, **kw: object) -> object:
        if text == broken:
            raise RuntimeError("a bug in the dialogue")
        return respond(self, conversation, text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Dialogue, "respond", failing_respond)
    async with running_bot(admin_ids=frozenset({RUSSIAN_USER}), editors_chat_id=EDITORS) as bot:
        fake, sent = bot.fake, 0

        async def say(text: str, user: int = RUSSIAN_USER) -> SentMessage:
            nonlocal sent
            sent += user == RUSSIAN_USER
            fake.user_sends(text, user_id=user, language_code="ru")
            if user != RUSSIAN_USER:
                return (await wait_replies(fake, user))[-1]
            return (await wait_replies(fake, RUSSIAN_USER, sent))[-1]

        async def press(message: SentMessage, data: str) -> None:
            fake.user_presses(message, data, user_id=RUSSIAN_USER)
            before = len(fake.callback_answers())
            await fake.wait_for(lambda: len(fake.callback_answers()) > before)

        async def press_for_reply(message: SentMessage, data: str) -> SentMessage:
            nonlocal sent
            sent += 1
            await press(message, data)
            return (await wait_replies(fake, RUSSIAN_USER, sent))[-1]

        def acknowledged() -> str:
            return fake.callback_answers()[-1].get("text") or ""

        title = responder.content.document.title  # the article's name, in English
        for command in ("/start", "/help", "/language", "/source", "/privacy"):
            reply = await say(command)
            assert russian((reply.text or "").replace(title, "")), (command, reply.text)
            assert "не знаю такой команды" not in (reply.text or ""), command

        # /topics: the titles and the page buttons.
        listing = await say("/topics")
        assert russian(listing.text) and "Далее »" in labels(listing)
        assert all(russian(label) for label in labels(listing)), labels(listing)
        await press(listing, "t:1")
        # The press is acknowledged before the list is edited: wait for the edit too.
        (page,) = await fake.wait_for(lambda: fake.edited_messages(RUSSIAN_USER))
        assert "« Назад" in labels(page) and all(russian(label) for label in labels(page))

        # An answer: Russian, its quote the article's English words with a marked rendering.
        answer = await say("что такое витамин к2?")
        assert russian(unquoted(answer)), answer.text
        quote = answer.text[len(unquoted(answer).rstrip()) :]
        assert "Vitamin K2 is a unique vitamin" in (answer.text or "")
        assert (
            messages.in_language(messages.SOURCE_TRANSLATION, "ru") in (answer.text or "") and quote
        )
        assert all(russian(label) for label in labels(answer)), labels(answer)
        # Share opens inline mode on the Russian title, which is answered in Russian.
        (shared,) = [b for b in answer.buttons if "switch_inline_query_chosen_chat" in b]
        assert shared["switch_inline_query_chosen_chat"]["query"] == "Что такое витамин K2?"
        # The source button: the English passage, then the Russian rendering.
        source = await press_for_reply(answer, next(d for d in answer.callback_data if d[0] == "s"))
        assert "Vitamin K2 is a unique vitamin" in (source.text or "")
        assert "Витамин K2 — уникальный витамин" in (source.text or "")
        assert source.text and source.text.startswith("📖 Из статьи")
        # A related question's button answers in Russian.
        related = await press_for_reply(
            answer, next(d for d in answer.callback_data if d[0] == "a")
        )
        assert russian(unquoted(related)), related.text
        # 👍, then 👍 again.
        await press(answer, next(d for d in answer.callback_data if d[0] == "u"))
        assert acknowledged() == "Спасибо за отзыв!"
        await press(answer, next(d for d in answer.callback_data if d[0] == "u"))
        assert russian(acknowledged()), acknowledged()

        # A suggestion, a fall-back with "Ask a person", and the hand-off itself.
        started_over = await say("/reset")  # the question is not a follow-up of the last
        assert russian(started_over.text), started_over.text
        suggestion = await say(unsure)
        assert "Вы имели в виду" in (suggestion.text or "")
        assert russian(suggestion.text) and all(russian(x) for x in labels(suggestion))
        fallback = await say("какая погода в москве завтра?")
        assert russian(fallback.text) and labels(fallback)
        assert all(russian(label) for label in labels(fallback)), labels(fallback)
        handed = await press_for_reply(fallback, fallback.callback_data[-1])
        assert russian(handed.text), handed.text

        # Odd messages, commands and the error reply.
        for odd in ("🙂🙂🙂", "???", "к" * 4096, "/nosuchcommand", "/reset", broken):
            reply = await say(odd)
            assert russian(reply.text), (odd[:20], reply.text)
        sticker = {"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1}
        sticker |= {"is_animated": False, "is_video": False, "type": "regular"}
        fake.push_raw_update(
            {
                "message": {
                    "message_id": 9999,
                    "date": 1_700_000_000,
                    "chat": {"id": RUSSIAN_USER, "type": "private"},
                    "from": {"id": RUSSIAN_USER, "is_bot": False, "first_name": "Ю"}
                    | {"language_code": "ru"},
                    "sticker": sticker,
                }
            }
        )
        sent += 1
        reply = (await wait_replies(fake, RUSSIAN_USER, sent))[-1]
        assert russian(reply.text), reply.text

        # Editors' commands, for an editor who writes Russian, and their buttons.
        for command in ("/reload", "/stats", "/unanswered"):
            reply = await say(command)
            assert russian(reply.text), (command, reply.text)
        assert labels(reply) and all(russian(label) for label in labels(reply)), labels(reply)
        ignore = next(d for d in reply.callback_data if d.startswith("ei:"))
        ignored = await press_for_reply(reply, ignore)
        assert russian(ignored.text), ignored.text
        # ... and for a Russian user who is not an editor.
        refused = await say("/stats", user=OTHER_RUSSIAN_USER)
        assert russian(refused.text), refused.text

        # The privacy requests, last: /forget and /optout delete what the log holds.
        for command in ("/optout", "/optin", "/forget"):
            reply = await say(command)
            assert russian(reply.text), (command, reply.text)


async def test_a_russian_user_sending_too_fast_is_told_in_russian() -> None:
    async with running_bot(flood_max_messages=2, flood_window_seconds=600) as bot:
        for _ in range(4):
            bot.fake.user_sends("что такое к2", user_id=RUSSIAN_USER, language_code="ru")
        await bot.fake.wait_for(lambda: not bot.fake.pending_updates(), timeout=10)
        replies = await wait_replies(bot.fake, RUSSIAN_USER, 3)
        # Updates are handled concurrently: the notice may be sent before the answers.
        assert any("Вы отправляете сообщения очень быстро" in (m.text or "") for m in replies)
        assert all(russian(unquoted(m)) for m in replies)


def test_follow_ups_the_article_has_nothing_for_are_declined_in_russian(
    responder: Responder,
) -> None:
    """ "My source says nothing about that for this topic", to a Russian follow-up, is Russian."""
    dialogue = Dialogue(responder)
    dialogue.respond("chat", "я беременна, можно пить к2?")
    (declined,) = dialogue.respond("chat", "а для мужчин?")
    assert declined.reply.language == "ru" and russian(declined.reply.text), declined.reply.text


async def test_a_russian_inline_query_offers_russian_answers_to_share() -> None:
    """`@bot что такое к2` offers the Russian answer, its Russian title and button, and the
    quote with its marked rendering; an English query is answered as before."""
    async with running_bot() as bot:
        bot.fake.user_inline_query("что такое витамин к2", user_id=RUSSIAN_USER)
        await bot.fake.wait_for(lambda: bot.fake.inline_answers())
        (first, *_) = bot.fake.inline_answers()[0]["results"]
        assert first["id"] == "what_is_k2" and first["title"] == "Что такое витамин K2?"
        text = first["input_message_content"]["message_text"]
        assert (
            "В статье витамин K2 описан" in text
            and messages.in_language(messages.SOURCE_TRANSLATION, "ru") in text
        )
        assert "Спросить K2 Bot" in str(first["reply_markup"])
        bot.fake.user_inline_query("what is vitamin k2", user_id=RUSSIAN_USER + 1)
        await bot.fake.wait_for(lambda: len(bot.fake.inline_answers()) > 1)
        (first, *_) = bot.fake.inline_answers()[1]["results"]
        assert first["title"] == "What is vitamin K2?" and "Перевод" not in str(first)
