"""Interface languages are data: a catalogue file makes the bot speak a language, no code.

The catalogues live in bot/data/interface (one `<code>.yaml` per language and
`no_content.yaml` for the honest reply); these tests point the bot at a copy of that
folder, as an editor's change to it would, and check what users and editors see.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from bot import data, messages
from bot.intents import load_content
from bot.matching import Outcome
from bot.responder import Responder
from builders import K2bot, intent_folder

# An article answered in English, Russian and Ukrainian, as an editor adding Ukrainian writes it.
THREE_LANGUAGES = """\
source_document: sources/vitamin-k2-article.txt
synonyms:
  k2: [к2]
  vitamin: [витамин, вітамін]
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns:
      en: [what is vitamin k2, tell me about vitamin k2]
      ru: [что такое витамин к2]
      uk: [що таке вітамін к2]
    answer:
      en: The article says vitamin K2 is a unique vitamin.
      ru: В статье сказано, что витамин K2 — уникальный витамин.
      uk: У статті сказано, що вітамін K2 — унікальний вітамін.
    source:
      - "Vitamin K2 is a unique vitamin"
  - id: greeting
    kind: smalltalk
    patterns: [hello, hi there]
    answer: Hello!
"""

# The Ukrainian interface, as an editor starts it (docs/editors.md's example): a few texts;
# the rest stays English.
_DOCS = (Path(__file__).resolve().parent.parent / "docs" / "editors.md").read_text("utf-8")
UKRAINIAN_CATALOGUE = (
    _DOCS.split("### The bot's own words", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
)


@pytest.fixture(name="interface")
def _interface(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped catalogue folder the bot reads instead (as if edited)."""
    folder = tmp_path / "interface"
    shutil.copytree(data.SHIPPED_INTERFACE, folder)
    monkeypatch.setattr(data, "SHIPPED_INTERFACE", folder)
    return folder


def test_the_shipped_catalogues_have_no_problems() -> None:
    assert messages.catalogue_problems(["en", "ru"]) == []
    assert messages.interface_languages() == {"en", "ru"}


def test_the_russian_catalogue_translates_every_english_text() -> None:
    """A Russian user never meets an English button, menu or notice by omission."""
    russian = messages.catalogues().texts["ru"]
    assert sorted(set(messages.ENGLISH) - set(russian)) == []
    for key, english in messages.ENGLISH.items():
        assert russian[key] != english, key


def test_a_missing_text_is_said_in_english_and_a_known_one_in_russian() -> None:
    assert messages.in_language(messages.SOURCE_BUTTON, "ru") == "📖 Источник"
    assert messages.in_language(messages.SOURCE_BUTTON, "de") == "📖 Source"
    assert messages.in_language("not a message", "ru") == "not a message"
    assert messages.in_language("source_button", "ru") == "📖 Источник"  # by its key too


def test_a_new_catalogue_makes_the_interface_speak_that_language(
    interface: Path, tmp_path: Path
) -> None:
    (interface / "uk.yaml").write_text(UKRAINIAN_CATALOGUE, encoding="utf-8")
    responder = Responder(load_content(intent_folder(tmp_path, {"main.yaml": THREE_LANGUAGES})))

    assert messages.interface_languages() == {"en", "ru", "uk"}
    answered = responder.respond("що таке вітамін к2?")
    assert answered.outcome is Outcome.ANSWER and answered.language == "uk"
    assert answered.html.startswith("У статті сказано")
    assert messages.in_language(messages.SOURCE_BUTTON, answered.language) == "📖 Джерело"

    declined = responder.respond("яка сьогодні погода в Києві?")
    assert declined.outcome is Outcome.FALLBACK and declined.language == "uk"
    assert declined.html.startswith("Моє джерело, одна стаття про вітамін K2, цього не охоплює.")
    assert "Я можу відповісти на запитання про вітамін K2." in declined.html
    # A text the catalogue does not have yet is said in English, not left out.
    assert declined.html.endswith("Send /topics to see them all.")

    menu = dict(messages.command_menus()["uk"])
    assert menu["topics"] == "Запитання, на які я можу відповісти"
    assert menu["help"] == "How to ask, and what the buttons do"
    # No description of its own: Telegram shows such users the default profile.
    assert "uk" not in messages.profiles()


def test_the_honest_reply_names_every_language_with_answers(
    interface: Path, tmp_path: Path
) -> None:
    responder = Responder(load_content(intent_folder(tmp_path, {"main.yaml": THREE_LANGUAGES})))

    spanish = responder.respond("¿Qué es la vitamina K2?")
    assert spanish.html.startswith(
        "Puedo responder en inglés, en ruso y en ucraniano; esto es lo que puedo responder:"
    )
    # Icelandic has no entry of its own: the default, in English.
    icelandic = responder.respond("hvað er vítamín K2?", language="is")
    assert icelandic.html.startswith(
        "I can answer in English, Russian and Ukrainian; here is what I can answer:"
    )
    assert icelandic.suggestions and icelandic.suggestions[0].id == "what_is_k2"


def test_validate_reports_catalogue_mistakes_at_their_line(
    interface: Path, tmp_path: Path, k2bot: K2bot
) -> None:
    (interface / "ru.yaml").write_text(
        textwrap.dedent(
            """\
            not_medical_advice: "Это не медицинская консультация."
            source_buton: "📖 Источник"
            context_line: "↪ о теме"
            forgotten: "Удалено: {questions}, {votes}, {extra}."
            """
        ),
        encoding="utf-8",
    )
    (interface / "uk.yaml").write_text('fallback_line: "unclosed\n', encoding="utf-8")

    result = k2bot("validate", str(intent_folder(tmp_path)), "--no-lint")

    assert result.returncode == 2
    ru, uk = interface / "ru.yaml", interface / "uk.yaml"
    assert f"{ru}:2: error: unknown message key 'source_buton' (did you mean" in result.stdout
    assert (
        f"{ru}:3: error: context_line: placeholders differ from English: missing {{topic}}"
        in result.stdout
    )
    assert (
        f"{ru}:4: error: forgotten: placeholders differ from English: {{extra}} not in the English text"
        in result.stdout
    )
    assert f"{uk}:" in result.stdout
    # The bot itself keeps going: what is wrong is said in English, the rest translated.
    assert messages.in_language(messages.CONTEXT_LINE, "ru") == messages.CONTEXT_LINE
    assert messages.in_language(messages.NOT_MEDICAL_ADVICE, "ru") == (
        "Это не медицинская консультация."
    )


def test_validate_warns_when_an_honest_reply_cannot_name_a_content_language(
    interface: Path, tmp_path: Path, k2bot: K2bot
) -> None:
    (interface / "no_content.yaml").write_text(
        textwrap.dedent(
            """\
            default:
              sentence: "I can answer in {languages}; here is what I can answer:"
              names: {en: English, ru: Russian}
              and: " and "
            """
        ),
        encoding="utf-8",
    )
    folder = intent_folder(tmp_path, {"main.yaml": THREE_LANGUAGES})

    result = k2bot("validate", str(folder), "--no-lint")

    assert result.returncode == 0
    assert f"{interface / 'no_content.yaml'}:1: warning: default: no name for uk" in result.stdout
    reply = Responder(load_content(folder)).respond("¿Qué es la vitamina K2?")
    assert reply.html.startswith("I can answer in: en, ru, uk.")


async def test_a_ukrainian_telegram_user_sees_the_new_catalogue(
    interface: Path, tmp_path: Path
) -> None:
    """Through the real bot and the fake Bot API: the menu and the buttons in Ukrainian."""
    from test_telegram import running_bot, wait_replies

    (interface / "uk.yaml").write_text(UKRAINIAN_CATALOGUE, encoding="utf-8")
    folder = intent_folder(tmp_path, {"main.yaml": THREE_LANGUAGES})
    async with running_bot(intents_dir=folder) as bot:
        await bot.fake.wait_for(lambda: bot.fake.commands(language_code="uk"), timeout=10)
        menu = {c["command"]: c["description"] for c in bot.fake.commands(language_code="uk")}
        assert menu["topics"] == "Запитання, на які я можу відповісти"
        bot.fake.user_sends("що таке вітамін к2?", user_id=21, language_code="uk")
        (answer,) = await wait_replies(bot.fake, 21)
        assert answer.text.startswith("У статті сказано")
        labels = [button["text"] for button in answer.buttons]
        assert "📖 Джерело" in labels
        assert "👍 Helpful" in labels  # not in uk.yaml yet: said in English


def test_the_honest_reply_never_fails_on_content_without_article_answers() -> None:
    from bot.messages import no_content_line

    assert no_content_line("es", []).endswith("Here is what I can answer:")
