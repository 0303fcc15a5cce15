"""The bot's own words in Russian, where they were still English, and catalogue edits served live.

Editors' chat, admin notices and menus, the terminal chat's frame, the shared-answer signature,
the editors' intent choice; and an edit to `bot/data/interface/*.yaml` reaching users without a
restart. Through the real Application polling the fake Bot API on 127.0.0.1, and the real
terminal chat and file watcher.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from test_telegram import BOT, Running, replies_to, running_bot, wait_replies

from bot import data, messages
from bot.intents import load_content
from bot.matching import Thresholds
from bot.reload import LiveContent
from bot.settings import Settings
from bot.telegram.app import application_from_settings, serve_polling
from bot.telegram.inbox import Inbox
from bot.telegram.keyboards import choose_intent_keyboard
from bot.terminal import TerminalChat
from builders import (
    HANG_GUARD_SECONDS,
    SHIPPED_INTENTS,
    K2bot,
    copy_of_shipped,
    intent_folder,
    shipped_responder,
)
from k2bot_testing.fake_bot_api import FakeBotApi, SentMessage

ADMIN, USER = 900, 901
EDITORS = -100500
# Off topic, with no out-of-scope intent of its own: a fall-back, under which "Ask a person" is.
OFF_TOPIC_RU = "какая столица франции"


@pytest.fixture(name="interface")
def _interface(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped catalogue folder the bot reads instead (as if edited)."""
    folder = tmp_path / "interface"
    shutil.copytree(data.SHIPPED_INTERFACE, folder)
    monkeypatch.setattr(data, "SHIPPED_INTERFACE", folder)
    return folder


@asynccontextmanager
async def production_bot(**overrides: object) -> AsyncIterator[Running]:
    """The bot as `k2bot run` builds it (`application_from_settings`), on the fake Bot API."""
    with FakeBotApi(bot_username=BOT) as fake, tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=fake.token,
            telegram_base_url=fake.base_url,
            telegram_rate_limit=False,
            data_dir=Path(folder),
            **overrides,  # type: ignore[arg-type]
        )
        application = application_from_settings(settings)
        live = application.bot_data.services.live
        stop = asyncio.Event()
        task = asyncio.create_task(serve_polling(application, stop, Inbox(settings.database)))
        try:
            await fake.wait_for(lambda: fake.calls("getUpdates"), timeout=20)
            yield Running(fake, settings, live, None)
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=HANG_GUARD_SECONDS)


async def ask(bot: Running, text: str, user: int, language_code: str = "ru") -> SentMessage:
    before = len(replies_to(bot.fake, user))
    bot.fake.user_sends(text, user_id=user, language_code=language_code)
    return (await wait_replies(bot.fake, user, before + 1))[-1]


def labels(message: SentMessage) -> list[str]:
    return [button["text"] for button in message.buttons]


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the editors' chat and the admins -------------------------------------------------------


async def test_the_editors_chat_hears_a_russian_question_in_russian() -> None:
    """ "Ask a person" on a Russian question: the editors get it framed in Russian, and the
    confirmation of the relayed reply is Russian too (whoever answers reads Russian)."""
    async with running_bot(editors_chat_id=EDITORS) as bot:
        fallback = await ask(bot, OFF_TOPIC_RU, USER)
        (offer,) = [b for b in fallback.buttons if b.get("callback_data", "").startswith("h:")]
        assert offer["text"] == messages.in_language(messages.HANDOFF_BUTTON, "ru")
        bot.fake.user_presses(fallback, offer["callback_data"], user_id=USER)
        (forwarded,) = await wait_replies(bot.fake, EDITORS)
        assert forwarded.text.startswith("🙋 Пользователь просит ответа человека")
        assert OFF_TOPIC_RU in forwarded.text
        bot.fake.user_sends(
            "Париж, но это не о витамине K2.",
            user_id=ADMIN,
            chat_id=EDITORS,
            chat_type="supergroup",
            reply_to_message=forwarded,
            language_code="en",
        )
        confirmation = (await wait_replies(bot.fake, EDITORS, 2))[1]
        assert confirmation.text == "✅ Отправлено пользователю."


async def test_a_russian_admin_hears_of_a_live_reload_in_russian(tmp_path: Path) -> None:
    """The watcher's notice follows each admin's /language: the frame and the change in
    Russian, the intent ids as they are."""
    folder = copy_of_shipped(tmp_path)
    async with running_bot(
        admin_ids=frozenset({ADMIN}), intents_dir=folder, live_reload=True
    ) as bot:
        await ask(bot, "/language ru", ADMIN, language_code="en")
        await asyncio.wait_for(bot.live.watching.wait(), HANG_GUARD_SECONDS)
        rewrite(folder / "smalltalk.yaml", "Hello!", "Hello, editor-approved!")

        notice = (await wait_replies(bot.fake, ADMIN, 2, timeout=5))[-1]
        assert notice.text.startswith("✅ Интенты перезагружены")
        assert "изменено 1: greeting" in notice.text
        assert "changed" not in notice.text


async def test_a_russian_admin_has_the_editors_commands_in_russian() -> None:
    """The admins' own menu (with /stats, /unanswered, /reload) exists in Russian too."""
    async with running_bot(admin_ids=frozenset({ADMIN})) as bot:
        scope = {"type": "chat", "chat_id": ADMIN}
        await bot.fake.wait_for(lambda: bot.fake.commands(scope, language_code="ru"), timeout=10)
        menu = {c["command"]: c["description"] for c in bot.fake.commands(scope, "ru")}
        assert menu["reload"] == "Редакторам: перезагрузить интенты и тексты интерфейса сейчас"
        assert menu["topics"] == "Вопросы, на которые я могу ответить"
        assert {"stats", "unanswered", "reload", "start", "language"} <= set(menu)


def test_the_editors_intent_choice_is_titled_in_the_editors_language() -> None:
    """ "Another intent…" lists "id: title" with the title in the editor's language."""
    intents = list(shipped_responder().topics()[:2])

    keyboard = choose_intent_keyboard("abc", 1, intents, "ru")

    texts = [row[0].text for row in keyboard.inline_keyboard]
    assert texts == [f"{i.id}: {i.title_in('ru')}" for i in intents]
    assert texts[0] == "what_is_k2: Что такое витамин K2?"


# -- users: sharing, the terminal -------------------------------------------------------------


async def test_a_shared_russian_answer_is_signed_in_russian() -> None:
    """`@bot вопрос` in Russian: the answer sent into the chat ends with a Russian signature."""
    async with running_bot() as bot:
        bot.fake.user_inline_query("что такое витамин к2", user_id=USER)
        await bot.fake.wait_for(lambda: bot.fake.inline_answers(), timeout=10)
        (answer,) = bot.fake.inline_answers()
        text = answer["results"][0]["input_message_content"]["message_text"]
        # The article's title as rendered in Russian, not the English one.
        title = load_content(data.SHIPPED_INTENTS).document.translated_title("ru")
        assert f"«{title}», через @{BOT}</i>" in text
        assert "From the article" not in text


def terminal(lines: list[str], **options: object) -> str:
    out = io.StringIO()
    feed = iter(lines)

    def read(_: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    chat = TerminalChat(shipped_responder(), out=out, read=read, **options)  # type: ignore[arg-type]
    chat.run()
    return out.getvalue()


def test_the_terminal_chat_speaks_the_language_of_the_conversation() -> None:
    """After a Russian question, `k2bot chat`'s help, topics, prompts and farewell are Russian."""
    said = terminal(["что такое витамин к2?", "/topics", "99", "/help", "/quit"])

    assert said.startswith("k2bot> Hi! I answer questions")  # nothing asked yet: English
    assert "Вопросы, на которые я могу ответить:\n  1. Что такое витамин K2?" in said
    assert "введите номер от 1 до 14" in said
    assert "Команды:" in said
    assert "До свидания" in said
    for english in ("Questions I can answer", "Please type", "Commands:", "Bye"):
        assert english not in said


def test_k2bot_chat_lang_greets_in_that_language(k2bot: K2bot) -> None:
    """`k2bot chat --lang ru`: Russian from the first line."""
    result = k2bot("chat", "--lang", "ru", stdin=b"/quit\n")

    assert result.returncode == 0
    assert result.stdout.startswith("k2bot> Здравствуйте! Я отвечаю на вопросы о витамине K2")


def test_choosing_a_language_without_interface_texts_is_confirmed_in_the_users() -> None:
    """A Russian user choosing a language with answers but no catalogue is told in Russian."""
    assert messages.language_set_html("uk", "ru") == "Хорошо: отвечаю на языке <b>uk</b>."


# -- catalogue edits, live ---------------------------------------------------------------------


def test_a_catalogue_reload_applies_a_good_edit_and_refuses_a_broken_one(interface: Path) -> None:
    """A good edit is said at once; a broken one keeps the last good texts and names the
    file and line."""
    responder = shipped_responder()
    live = LiveContent(SHIPPED_INTENTS, Thresholds(), responder, interface=interface)
    catalogue = interface / "ru.yaml"
    assert messages.in_language(messages.SOURCE_BUTTON, "ru") == "📖 Источник"
    rewrite(catalogue, 'source_button: "📖 Источник"', 'source_button: "📖 Первоисточник"')

    applied = live.reload_texts()

    assert applied is not None and applied.applied
    assert dict(applied.change.texts) == {"ru": ("source_button",)}
    assert messages.in_language(messages.SOURCE_BUTTON, "ru") == "📖 Первоисточник"

    line = next(
        n
        for n, text in enumerate(catalogue.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("share_button:")
    )
    rewrite(catalogue, 'share_button: "↗️ Поделиться"', 'share_buton: "↗️ Поделиться"')
    rewrite(catalogue, 'source_button: "📖 Первоисточник"', 'source_button: "📖 Новое"')
    refused = live.reload_texts()

    assert refused is not None and not refused.applied
    assert [f"{catalogue}:{line}"] == [f"{p.path}:{p.line}" for p in refused.problems]
    assert "unknown message key 'share_buton'" in refused.problems[0].message
    # The whole edit is refused, its good part too: the last good texts are said.
    assert messages.in_language(messages.SOURCE_BUTTON, "ru") == "📖 Первоисточник"
    assert messages.in_language(messages.SHARE_BUTTON, "ru") == "↗️ Поделиться"
    html = refused.html("ru")
    assert html.startswith("⚠️ <b>Тексты интерфейса не перезагружены</b>")
    assert f"{catalogue}:{line}: error: unknown message key" in html


async def test_a_saved_catalogue_edit_reaches_users_and_admins_without_a_restart(
    interface: Path, tmp_path: Path
) -> None:
    """`k2bot run`'s bot watches the catalogues: a saved edit relabels the buttons and the
    Russian menu, the admins hear what changed; a broken save keeps the last good texts and
    tells them file and line."""
    intents = copy_of_shipped(tmp_path)
    async with production_bot(
        admin_ids=frozenset({ADMIN}), intents_dir=intents, live_reload=True
    ) as bot:
        await ask(bot, "/language ru", ADMIN, language_code="en")
        await asyncio.wait_for(bot.live.watching.wait(), HANG_GUARD_SECONDS)
        before = await ask(bot, "что такое витамин к2?", USER)
        assert "📖 Источник" in labels(before)
        catalogue = interface / "ru.yaml"
        rewrite(catalogue, 'source_button: "📖 Источник"', 'source_button: "📖 Первоисточник"')
        rewrite(
            catalogue,
            'command_topics: "Вопросы, на которые я могу ответить"',
            'command_topics: "Все вопросы, на которые я отвечаю"',
        )

        notice = (await wait_replies(bot.fake, ADMIN, 2, timeout=5))[-1]
        assert notice.text.startswith("✅ Тексты интерфейса перезагружены")
        assert "ru: текстов 2: command_topics, source_button" in notice.text
        after = await ask(bot, "что такое витамин к2?", USER)
        assert "📖 Первоисточник" in labels(after)

        def menu() -> dict[str, str]:
            return {c["command"]: c["description"] for c in bot.fake.commands(None, "ru")}

        await bot.fake.wait_for(
            lambda: menu().get("topics") == "Все вопросы, на которые я отвечаю", timeout=5
        )

        rewrite(catalogue, 'source_button: "📖 Первоисточник"', 'source_button: "📖 {oops"')
        warning = (await wait_replies(bot.fake, ADMIN, 3, timeout=5))[-1]
        assert warning.text.startswith("⚠️ Тексты интерфейса не перезагружены")
        assert (
            f"{catalogue}:" in warning.text and "source_button: unbalanced braces" in warning.text
        )
        still = await ask(bot, "что такое витамин к2?", USER)
        assert "📖 Первоисточник" in labels(still)


async def test_reload_command_reloads_the_interface_texts_too(
    interface: Path, tmp_path: Path
) -> None:
    """/reload (no watcher) applies a catalogue edit and says so beside the intents."""
    async with production_bot(
        admin_ids=frozenset({ADMIN}), intents_dir=copy_of_shipped(tmp_path), live_reload=False
    ) as bot:
        rewrite(interface / "ru.yaml", 'source_button: "📖 Источник"', 'source_button: "📖 Текст"')
        assert "📖 Источник" in labels(await ask(bot, "что такое витамин к2?", USER))

        reply = await ask(bot, "/reload", ADMIN)

        assert "✅ Интенты перезагружены: ничего не изменилось" in reply.text
        assert "✅ Тексты интерфейса перезагружены: ru: текстов 1: source_button." in reply.text
        assert "📖 Текст" in labels(await ask(bot, "что такое витамин к2?", USER))


def test_validate_says_the_bot_starts_when_only_a_catalogue_is_wrong(
    interface: Path, tmp_path: Path, k2bot: K2bot
) -> None:
    rewrite(interface / "ru.yaml", "source_button:", "source_buton:")

    result = k2bot("validate", str(intent_folder(tmp_path)), "--no-lint")

    assert result.returncode == 2
    assert "unknown message key 'source_buton'" in result.stdout
    assert "will not start" not in result.stderr
    assert "all in the interface catalogues: the bot starts" in result.stderr


def test_validate_still_says_the_bot_will_not_start_on_broken_intents(
    interface: Path, tmp_path: Path, k2bot: K2bot
) -> None:
    rewrite(interface / "ru.yaml", "source_button:", "source_buton:")
    folder = intent_folder(tmp_path)
    (folder / "broken.yaml").write_text("intents:\n  - id: [broken\n", encoding="utf-8")

    result = k2bot("validate", str(folder), "--no-lint")

    assert result.returncode == 2
    assert "the bot will not start on this content" in result.stderr


async def test_a_button_without_a_message_is_refused_in_the_users_language() -> None:
    """A press that comes with no message (a button under an inline-sent message, or a
    forged one) gets the "out of date" notice in the presser's language."""
    async with running_bot() as bot:
        presser = {"id": USER, "is_bot": False, "first_name": "Тест", "language_code": "ru"}
        bot.fake.push_raw_update(
            {
                "callback_query": {
                    "id": "7001",
                    "from": presser,
                    "inline_message_id": "AAAA",
                    "chat_instance": "1",
                    "data": "a:what_is_k2",
                }
            }
        )
        await bot.fake.wait_for(lambda: bot.fake.calls("answerCallbackQuery"), timeout=10)
        ((_, params),) = bot.fake.calls("answerCallbackQuery")
        assert params.get("text") == messages.in_language(messages.STALE_BUTTON, "ru")


async def test_a_russian_admin_adds_phrasings_and_reads_the_outcome_in_russian(
    tmp_path: Path,
) -> None:
    """/unanswered's "another intent…" lists Russian titles; the addition, the reload's change
    and the dev-set figures are said in Russian, and so is a refused second addition."""
    from test_telegram_editors import MIGRAINE, assert_unanswered_premise, press

    folder = copy_of_shipped(tmp_path)
    assert_unanswered_premise(MIGRAINE[:2])
    async with running_bot(admin_ids=frozenset({ADMIN}), intents_dir=folder) as bot:
        for question in MIGRAINE[:2]:
            await ask(bot, question, USER, language_code="en")
        listing = await ask(bot, "/unanswered", ADMIN)
        choose = next(d for d in listing.callback_data if d.startswith("ec:"))
        count = len(replies_to(bot.fake, ADMIN))
        await press(bot, listing, choose, ADMIN)
        # The edit's replies follow seconds of CPU in the bot (the test costs ~16 s of CPU,
        # most of it there): at load 28 on two cores the chooser took over 100 s, on the base
        # too. A bound on a hang, not a delay, like every wait here.
        chooser = (await wait_replies(bot.fake, ADMIN, count + 1, HANG_GUARD_SECONDS))[-1]
        target = "oos_heart_and_other_conditions"
        assert f"{target}: Сердце и другие болезни" in labels(chooser)
        pick = next(d for d in chooser.callback_data if d.endswith(":" + target))

        await press(bot, chooser, pick, ADMIN)
        added = (await wait_replies(bot.fake, ADMIN, count + 2, HANG_GUARD_SECONDS))[-1]
        assert added.text.startswith(f"✅ Добавлено формулировок: 2 в {target}")
        assert f"изменено 1: {target}" in added.text
        assert "Dev-набор (" in added.text and "точность по теме" in added.text

        await press(bot, chooser, pick, ADMIN)
        refused = (await wait_replies(bot.fake, ADMIN, count + 3))[-1]
        assert refused.text == f"⚠️ Не добавлено: в {target} уже есть все эти формулировки."
