"""Every sentence a user or an editor reads that is not an intent's answer, in one place.

English is written here, and only here: each text is a `Text`, an English string that
carries its message key (the constant's name in lowercase). Other languages are data:
`bot/data/interface/<code>.yaml` translates any of these keys, and `in_language(text,
language)` picks the translation, or the English text when the catalogue lacks that key.
The languages with a catalogue are the interface languages (`interface_languages()`), so
adding one is adding a YAML file (see docs/editors.md, "Other languages").

Adapters render these: the terminal chat prints them as text, the Telegram adapter sends
the HTML ones. Answers themselves come from the intent files, composed by the responder.
Texts in Telegram's HTML subset end in `_html`; everything a user typed is escaped (the
report summaries with `html.escape`, which also escapes quotes; both render the same).
Templates are filled with `str.format`, so a translation keeps the English placeholders.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import data
from bot.content.catalogues import (
    DEFAULT_HONEST_REPLY,
    CatalogueChange,
    Catalogues,
    missing_language_names,
    read_catalogues,
)
from bot.content.checks import mistyped_language
from bot.errors import Problem
from bot.markup import escape

if TYPE_CHECKING:  # only for type hints: the report and reload import this module
    from bot.reload import ReloadResult
    from bot.report import Group, UsageReport

logger = logging.getLogger(__name__)


class Text(str):
    """An English interface text that knows its message key in the catalogues."""

    key: str

    def __new__(cls, key: str, english: str) -> Text:  # noqa: D102 - a str with a key
        text = super().__new__(cls, english)
        text.key = key
        return text

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        # So a copy or a pickle (of a menu holding texts, say) makes the same Text again.
        return (self.key, str(self))


ENGLISH: dict[str, Text] = {}
"""Every English text by its message key: what a catalogue may translate."""


def _en(key: str, english: str) -> Text:
    if key in ENGLISH:  # pragma: no cover - a programming error, caught by any test run
        raise ValueError(f"message key {key!r} is defined twice")
    ENGLISH[key] = Text(key, english)
    return ENGLISH[key]


# -- the catalogues ----------------------------------------------------------------------------


# The catalogues in use, by folder: read on first use, replaced whole by `use_catalogues`
# (a reload), so a reader sees the old texts or the new ones, never a mix.
_in_use: dict[Path, Catalogues] = {}
_in_use_lock = threading.Lock()


def catalogues_in(folder: Path) -> Catalogues:
    """The catalogues in use for `folder`: read on first use, then as the last reload left them.

    A problem found on that first read is logged and its text said in English; the rest of
    the catalogue is used (a broken catalogue never stops the bot).
    """
    found = _in_use.get(folder)
    if found is not None:
        return found
    read = read_catalogues(folder, ENGLISH)
    with _in_use_lock:
        found = _in_use.setdefault(folder, read)
    if found is read:
        for problem in read.problems:
            logger.warning("interface catalogue: %s (said in English instead)", problem)
    return found


def use_catalogues(folder: Path, catalogues: Catalogues) -> None:
    """Serve `catalogues` for `folder` from now on (a reload that found no errors)."""
    with _in_use_lock:
        _in_use[folder] = catalogues


def catalogues() -> Catalogues:
    """The interface catalogues in use (those in `bot/data/interface`, as last reloaded)."""
    return catalogues_in(data.SHIPPED_INTERFACE)


def interface_languages() -> frozenset[str]:
    """The languages the interface speaks: English and every language with a catalogue."""
    return frozenset({"en", *catalogues().texts})


def recognised_languages(found: Catalogues | None = None) -> frozenset[str]:
    """The languages a question can be told to be in, so that answers in them are given.

    English, every language with interface texts (`ru.yaml`) and every language
    `no_content.yaml` has an honest reply for: a language added to `detection.yaml` is
    added there too (docs/editors.md, "Other languages").

    Args:
        found: the catalogues to read them from; None: those in use.
    """
    found = catalogues() if found is None else found
    return frozenset({"en", *found.texts, *found.honest}) - {DEFAULT_HONEST_REPLY}


def in_language(text: str, language: str) -> str:
    """`text` (an English `Text`, or its message key) in `language`, else in English.

    A text with no translation in `language`'s catalogue (or any language without one) is
    said in English; a plain string that is no message is returned as it is.
    """
    key = text.key if isinstance(text, Text) else text
    translated = catalogues().texts.get(language, {}).get(key)
    if translated is not None:
        return translated
    return ENGLISH.get(key, text)


def _own(text: Text, language: str) -> str | None:
    """`text` in `language` only when its catalogue translates it (never English)."""
    return catalogues().texts.get(language, {}).get(text.key)


def no_content_line(language: str, answered_in: Sequence[str]) -> str:
    """The honest reply to a message in `language`, which the content has no answers in.

    Args:
        language: the message's language; its entry in `no_content.yaml`, else the default.
        answered_in: the languages with article answers, English first.

    Returns:
        Such as "I can answer in English and Russian; here is what I can answer:", in
        `language` when it has an entry naming every language of `answered_in`.
    """
    honest = catalogues().honest
    for code in (language, DEFAULT_HONEST_REPLY):
        reply = honest.get(code)
        said = reply.say(answered_in) if reply is not None else None
        if said is not None:
            return said
    return f"I can answer in: {', '.join(answered_in)}. Here is what I can answer:"


# -- both adapters: answers' frame, the source, fall-backs and refusals --------------------

# Under the greeting and the source view, in both adapters.
NOT_MEDICAL_ADVICE = _en(
    "not_medical_advice",
    "This is information from one article, not medical advice; for your own health, ask a doctor.",
)
# The start of a fall-back when no out-of-scope intent explains the decline.
FALLBACK_LINE = _en("fallback_line", "My source, one article about vitamin K2, doesn't cover that.")
# The same, naming what the question asks about that the source doesn't address ("wrinkles"),
# in the user's words (`bot.matching.uncovered`); {topic} is one or two quoted phrases.
UNCOVERED_LINE = _en(
    "uncovered_line", "My source, one article about vitamin K2, doesn't mention {topic}."
)
# After an out-of-scope intent's decline that doesn't already name it.
NOT_MENTIONED = _en("not_mentioned", "Nothing in it mentions {topic}.")
# Joins two named phrases: “wrinkles” or “hair loss”.
TOPIC_OR = _en("topic_or", "or")
# What the bot can answer, after every fall-back.
CAPABILITIES = _en(
    "capabilities",
    "I can answer questions about what vitamin K2 is, where it comes from, MK-4 and MK-7, "
    "bone density, fractures, osteoporosis, calcium absorption, osteocalcin, K2 with D3 "
    "and bone loss.",
)
# Marks passages left out of an answer's quote to keep the message within Telegram's limit.
OMITTED_PASSAGES = _en("omitted_passages", "[…] (📖 Source shows the rest)")
# A message with no words in it (only punctuation, emoji or spaces).
EMPTY_QUESTION_HTML = _en(
    "empty_question_html",
    "I didn't catch a question there. Ask me something about vitamin K2, for "
    'example "what is vitamin K2?", or send /topics.',
)
# A command that does not exist, in a private chat or the terminal.
UNKNOWN_COMMAND = _en(
    "unknown_command",
    "I don't know that command. Try /help, /topics or /source, or just type your question.",
)


# The end of a fall-back, after what the bot can answer.
SEE_ALL_TOPICS = _en("see_all_topics", "Send /topics to see them all.")
# Above a suggestion's list of intents.
DID_YOU_MEAN = _en("did_you_mean", "I'm not sure I understood. Did you mean:")
# Under a decline, above the article topic it offers: the question also asked what the
# article covers (`bot.matching.runner_up`).
OFFER_AFTER_DECLINE = _en("offer_after_decline", "It does answer this, if it's what you meant:")
# A "yes" to a "did you mean" that offered several topics: it doesn't say which.
WHICH_OFFERED = _en("which_offered", "Which one do you mean?")


def fallback_html(decline_html: str, language: str = "en") -> str:
    """A fall-back: why the bot declines (HTML), then what it can answer."""
    capabilities = escape(in_language(CAPABILITIES, language))
    return f"{decline_html}\n\n{capabilities} {escape(in_language(SEE_ALL_TOPICS, language))}"


def offer_after_decline_html(decline_html: str, titles: Sequence[str], language: str = "en") -> str:
    """A decline (HTML), then the article topics offered under it instead of the full list."""
    lines = "\n".join(f"• {escape(title)}" for title in titles)
    offer = escape(in_language(OFFER_AFTER_DECLINE, language))
    return f"{decline_html}\n\n{offer}\n{lines}"


def did_you_mean_html(titles: Sequence[str], language: str = "en") -> str:
    """A suggestion: the intents the question may have meant, best first."""
    lines = "\n".join(f"• {escape(title)}" for title in titles)
    return f"{escape(in_language(DID_YOU_MEAN, language))}\n{lines}"


def which_offered_html(titles: Sequence[str], language: str = "en") -> str:
    """The question back to a "yes" to several offered topics: which one, and the list."""
    lines = "\n".join(f"• {escape(title)}" for title in titles)
    return f"{escape(in_language(WHICH_OFFERED, language))}\n{lines}"


def _in_a_sentence(title: str) -> str:
    """A topic's title inside a sentence: no "?", its first letter lowercase ("MK-7" kept)."""
    text = title.rstrip("?")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# The article's title for a reader whose language the content gives no rendering of it in
# (`source_title:`): the original, marked in that reader's catalogue as in English.
UNTRANSLATED_TITLE = _en("untranslated_title", "{title}")


def article_title(original: str, translated: str | None, language: str = "en") -> str:
    """The article's title as shown to a reader of `language` (plain text).

    Args:
        original: the article's own title (its first line).
        translated: its rendering in `language` from the content, or None.
        language: the reader's language.

    Returns:
        The rendering when there is one, else the original title, marked as untranslated
        where `language`'s catalogue says how.
    """
    if translated:
        return translated
    return in_language(UNTRANSLATED_TITLE, language).format(title=original)


ABOUT_SOURCE_HTML = _en(
    "about_source_html",
    "All my answers come from one article: <b>{title}</b>\n\n"
    "Each answer says what the article says, without adding claims of its own, and "
    "can show the passage it came from, quoted word for word. Questions the article "
    "doesn't cover get an honest \"my source doesn't cover that\"; questions about "
    "medicines, pregnancy, children, doses or emergencies get a referral to a doctor."
    "\n\n<i>{not_medical_advice}</i>",
)


def about_source_html(title: str, language: str = "en") -> str:
    """/source: what the source is and how answers are drawn from it."""
    return in_language(ABOUT_SOURCE_HTML, language).format(
        title=escape(title), not_medical_advice=escape(in_language(NOT_MEDICAL_ADVICE, language))
    )


# -- the terminal chat (`k2bot chat`) ------------------------------------------------------

# The terminal chat's own frame (greeting, help, prompts) follows the conversation's
# language: the language of the bot's last reply, English before the first.
TERMINAL_GREETING = _en(
    "terminal_greeting",
    "Hi! I answer questions about vitamin K2 from one article. Type /help for help.",
)
TERMINAL_HELP = _en(
    "terminal_help",
    'Ask me anything about vitamin K2, in your own words ("mk7 vs mk4?", "k2 and d3 '
    'together??").\n'
    "Commands:\n"
    "  /topics   the questions I can answer (type a number to ask one)\n"
    "  /source   the article passage behind my last answer\n"
    "  /reset    start over: I forget what we were talking about\n"
    "  /language the languages I answer in; /language ru chooses one, /language auto\n"
    "            goes back to the language you write in\n"
    "  /help     this help\n"
    "  /quit     leave (Ctrl-D works too)\n"
    "When I offer numbered choices, type the number to pick one.",
)
FAREWELL = _en("farewell", "Bye, take care!")
TOPICS_HEADING = _en("topics_heading", "Questions I can answer:")
SUGGESTIONS_HEADING = _en("suggestions_heading", "Type a number:")
RELATED_HEADING = _en("related_heading", "Related:")
SOURCE_HINT = _en("source_hint", "(type /source to see the passage from the article)")
NO_LIST_ON_SCREEN = _en(
    "no_list_on_screen",
    "There is no numbered list on screen to pick from. Ask your question in words, or type "
    "/topics to see the questions I can answer.",
)
PICK_THE_ONE = _en("pick_the_one", "Please type 1 to pick the choice above.")
PICK_A_NUMBER = _en(
    "pick_a_number", "Please type a number from 1 to {count} to pick from the list above."
)


def pick_a_number(count: int, language: str = "en") -> str:
    """A number outside the list on screen."""
    if count == 1:
        return in_language(PICK_THE_ONE, language)
    return in_language(PICK_A_NUMBER, language).format(count=count)


SOURCE_HEADING = _en("source_heading", 'From the article "{title}":')


def source_heading(title: str, language: str = "en") -> str:
    """The line above the quoted passages of an answer, in plain text."""
    return in_language(SOURCE_HEADING, language).format(title=title)


# -- Telegram: greeting, help, commands -----------------------------------------------------

# Logged questions: said in the greeting when the question log is on.
PRIVACY_HTML = _en(
    "privacy_html",
    "🔒 Your questions are logged, without your name or id, to improve my answers. "
    "/optout stops that; /forget deletes what is stored about you.",
)
GREETING_HTML = _en(
    "greeting_html",
    "Hello! 👋 I'm K2 Bot. I answer questions about vitamin K2 from one article, and can "
    "show you the passage behind every answer.\n\nYou can ask, for example: {examples}…\n\n"
    "Send /topics for the full list or /help for tips.\n\n"
    "<i>{not_medical_advice}</i>",
)


def greeting_html(topics: Sequence[str], *, logged: bool, language: str = "en") -> str:
    """/start: who the bot is, a few example topics, and (when logged) the privacy note."""
    html = in_language(GREETING_HTML, language).format(
        examples=", ".join(escape(_in_a_sentence(t)) for t in topics),
        not_medical_advice=escape(in_language(NOT_MEDICAL_ADVICE, language)),
    )
    return f"{html}\n\n{in_language(PRIVACY_HTML, language)}" if logged else html


# The command menu Telegram shows beside the input field: (command, description).
COMMAND_MENU = (
    ("start", _en("command_start", "Start: what I can answer")),
    ("help", _en("command_help", "How to ask, and what the buttons do")),
    ("topics", _en("command_topics", "The questions I can answer")),
    ("source", _en("command_source", "The article my answers come from")),
    ("reset", _en("command_reset", "Start over: forget what we were talking about")),
    ("language", _en("command_language", "Choose the language I answer in")),
    ("forget", _en("command_forget", "Delete what is stored about you")),
    ("optout", _en("command_optout", "Stop logging your questions")),
)


def command_menus() -> dict[str, tuple[tuple[str, str], ...]]:
    """The command menu per interface language other than English (`setMyCommands`).

    A description the catalogue lacks is shown in English.
    """
    return {
        language: tuple((command, in_language(text, language)) for command, text in COMMAND_MENU)
        for language in sorted(interface_languages() - {"en"})
    }


HELP_HTML = _en(
    "help_html",
    "Ask me about vitamin K2 in your own words, for example:\n"
    "• <i>mk7 vs mk4?</i>\n• <i>why doesn't my calcium work?</i>\n• <i>k2 and d3 together?</i>\n\n"
    "/topics lists the questions I can answer; /source says where my answers come from. "
    "I remember what we were talking about for a few minutes, so you can follow up with "
    "<i>and with d3?</i>; /reset starts over. "
    "Under an answer, 📖 Source shows the article's own words.\n"
    "In a group, mention me or reply to my message. In any chat, type my @username and a "
    "question to share an answer.",
)
TOPICS_TAP = _en("topics_tap", "Questions I can answer. Tap one:")
PREVIOUS_PAGE = _en("previous_page", "« Prev")
NEXT_PAGE = _en("next_page", "Next »")
NON_TEXT_REPLY = _en(
    "non_text_reply",
    "I can read text questions only. Type your question about vitamin K2, or send /topics.",
)
# A question-log request failed (the database is busy or unreachable).
STORAGE_TROUBLE = _en(
    "storage_trouble", "Sorry, I can't reach my storage just now. Please try again in a minute."
)
# The flood guard, once per burst; and the error handler, after a handler failed.
SLOW_DOWN = _en(
    "slow_down", "You're sending messages very fast. I'll answer again in a few seconds."
)
APOLOGY = _en("apology", "Sorry, something went wrong on my side. Please try again in a moment.")

# -- Telegram: buttons under answers, votes, sharing ---------------------------------------

SOURCE_BUTTON = _en("source_button", "📖 Source")
SHARE_BUTTON = _en("share_button", "↗️ Share")
HELPFUL_BUTTON = _en("helpful_button", "👍 Helpful")
NOT_HELPFUL_BUTTON = _en("not_helpful_button", "👎 Not helpful")
STALE_BUTTON = _en(
    "stale_button", "Sorry, that button is out of date. Send /topics to see what I can answer."
)
# The acknowledgement of a 👍/👎 press, by what the question log did with it.
VOTE_RECORDED = _en("vote_recorded", "Thanks for the feedback!")
VOTE_REPEATED = _en("vote_repeated", "You've already rated this answer.")
VOTE_UNKNOWN = _en("vote_unknown", "Sorry, that button is out of date.")
VOTE_NOT_STORED = _en("vote_not_stored", "Thanks! (Your feedback was not stored.)")
# Under an answer shared with `@bot question`: the button to the bot's private chat.
ASK_THE_BOT = _en("ask_the_bot", "Ask K2 Bot")
# The title of a guest-mode answer whose question has no title of its own.
BOT_NAME = "K2 Bot"


SHARED_SIGNATURE_HTML = _en("shared_signature_html", "From the article “{title}”, via @{username}")


def shared_answer_html(answer_html: str, title: str, username: str, language: str = "en") -> str:
    """An answer shared through inline mode, signed with the article and the bot."""
    signature = in_language(SHARED_SIGNATURE_HTML, language).format(
        title=escape(title), username=escape(username)
    )
    return f"{answer_html}\n\n<i>{signature}</i>"


# -- Telegram: privacy requests (/forget, /optout, /optin) ---------------------------------

NOT_LOGGING = _en("not_logging", "I don't log questions, so there is nothing to delete or change.")
# /privacy when the question log is off.
NOT_LOGGING_AT_ALL = _en(
    "not_logging_at_all", "🔒 I don't log your questions: nothing you ask is stored."
)
OPTED_OUT = _en(
    "opted_out",
    "Done: I no longer log your questions, and what was stored is deleted. "
    "Send /optin to change your mind.",
)
OPTED_IN = _en(
    "opted_in", "Done: your questions are logged again (without your name or id). /optout stops it."
)


FORGOTTEN = _en(
    "forgotten",
    "Done: I deleted {questions} question(s) and {votes} vote(s) of yours. "
    "New questions will be logged again; send /optout to stop that.",
)


# /forget sent in a group: done, but no counts, which would tell the group that this member
# has been asking the bot things.
FORGOTTEN_IN_GROUP = _en(
    "forgotten_in_group",
    "Done: I deleted the questions and votes of yours I had stored. "
    "New questions will be logged again; send /optout to stop that.",
)


def forgotten(questions: int, votes: int, language: str = "en") -> str:
    """/forget done: how much was deleted, in `language` when it has interface texts."""
    return in_language(FORGOTTEN, language).format(questions=questions, votes=votes)


NO_PASSAGE = _en(
    "no_passage", "This answer is not from the article, so there is no passage to show."
)
# The title in quotation marks as well as bold: the terminal and `k2bot ask` show no bold,
# and the title's own "?" and "." would run into the colon.
SOURCE_HEADING_HTML = _en("source_heading_html", "📖 From the article “<b>{title}</b>”:")
# Marks a rendering of a passage: the article's words are the English quote above it. Only
# a language whose catalogue has this marker shows renderings; English has none to show.
SOURCE_TRANSLATION = _en("source_translation", "Translation (not the article's words):")


def translation_marker(language: str) -> str | None:
    """The marker of a passage's rendering in `language`; None: show the English only."""
    return _own(SOURCE_TRANSLATION, language)


def source_html(
    title: str, passages: Sequence[str], translated: Sequence[str] = (), language: str = "en"
) -> str:
    """The verbatim passages behind an answer, as quotes under the article's title.

    Args:
        title: the article's title.
        passages: the article's own words, quoted as they are.
        translated: the passages rendered in `language`, one per passage; each is shown
            under its English passage, marked as a translation (never as a quote).
        language: the reader's language (its heading when there is one, else English).
    """
    if not passages:
        return in_language(NO_PASSAGE, language)
    heading = in_language(SOURCE_HEADING_HTML, language).format(title=escape(title))
    marker = translation_marker(language)
    paired = len(translated) == len(passages) and marker is not None
    parts = []
    for index, passage in enumerate(passages):
        parts.append(f"<blockquote>{escape(passage.strip())}</blockquote>")
        if paired:
            parts.append(f"<i>{marker}</i> {escape(translated[index].strip())}")
    return heading + "\n" + "\n".join(parts)


def quoted_passage_html(passage: str, rendering: str = "", language: str = "en") -> str:
    """One passage inside the expandable quote under an answer (HTML).

    The article's words verbatim; then, when `rendering` is given in a language with a
    marker, the rendering on a line of its own, marked in italics as a translation so it
    never passes for the article's words.
    """
    quoted = escape(passage.strip())
    marker = translation_marker(language)
    if not rendering.strip() or marker is None:
        return quoted
    return f"{quoted}\n<i>{marker}</i> {escape(rendering.strip())}"


# -- editors: reloads and the usage report ---------------------------------------------------

# The editors' commands in Telegram's menu (shown to admins only).
ADMIN_COMMAND_MENU = (
    ("stats", _en("command_stats", "Editors: questions and fall-backs this week")),
    ("unanswered", _en("command_unanswered", "Editors: what the bot could not answer")),
    ("reload", _en("command_reload", "Editors: reload the intents and interface texts now")),
)


def admin_command_menus() -> dict[str, tuple[tuple[str, str], ...]]:
    """The admins' whole command menu per interface language other than English."""
    return {
        language: tuple(
            (command, in_language(text, language))
            for command, text in (*COMMAND_MENU, *ADMIN_COMMAND_MENU)
        )
        for language in sorted(interface_languages() - {"en"})
    }


EDITORS_ONLY_BUTTONS = _en(
    "editors_only_buttons", "Sorry, these buttons are only for the bot's editors."
)


EDITORS_ONLY = _en("editors_only", "Sorry, /{command} is only for the bot's editors.")
PRIVATE_CHAT_ONLY = _en("private_chat_only", "Please send /{command} to me in a private chat.")
ADD_TO_BUTTON = _en("add_to_button", "{number}. ➕ add to {intent}")
ANOTHER_INTENT_BUTTON = _en("another_intent_button", "{number}. another intent…")
IGNORE_BUTTON = _en("ignore_button", "{number}. 🙈 ignore")
UNDO_BUTTON = _en("undo_button", "↩️ Undo")


def editors_only(command: str, language: str = "en") -> str:
    """An editors' command sent by someone who is not an admin."""
    return in_language(EDITORS_ONLY, language).format(command=command)


def private_chat_only(command: str, language: str = "en") -> str:
    """An editors' command sent in a group."""
    return in_language(PRIVATE_CHAT_ONLY, language).format(command=command)


def add_to_button(number: int, intent_id: str, language: str = "en") -> str:
    """/unanswered's button adding group `number` to its closest intent."""
    return in_language(ADD_TO_BUTTON, language).format(number=number, intent=intent_id)


def another_intent_button(number: int, language: str = "en") -> str:
    """/unanswered's button choosing another intent for group `number`."""
    return in_language(ANOTHER_INTENT_BUTTON, language).format(number=number)


def ignore_button(number: int, language: str = "en") -> str:
    """/unanswered's button ignoring group `number`."""
    return in_language(IGNORE_BUTTON, language).format(number=number)


PROBLEMS_SHOWN = 10
# A reload: refused (the problems follow), done with no change, done with a change.
RELOAD_REFUSED_HTML = _en(
    "reload_refused_html",
    "⚠️ <b>Intents not reloaded</b>: the edit has {problems} problem(s). "
    "Still serving the last good intents ({intents}).",
)
MORE_PROBLEMS_HTML = _en("more_problems_html", "…and {more} more; run <code>k2bot validate</code>.")
RELOADED_UNCHANGED = _en(
    "reloaded_unchanged", "✅ Intents reloaded: nothing changed ({intents} intents)."
)
RELOADED_HTML = _en("reloaded_html", "✅ <b>Intents reloaded</b> ({intents} intents): {change}.")
# The warnings an applied edit brought (a long answer, a file that is not read).
# A count as a label ("New warnings: 1"), so one warning reads as well as two.
RELOAD_WARNINGS_HTML = _en(
    "reload_warnings_html", "⚠️ The edit is served. New warnings to look at: {count}"
)


# What a reload changed, by intent id (the ids themselves are never translated).
CHANGE_ADDED = _en("change_added", "added {count}")
CHANGE_CHANGED = _en("change_changed", "changed {count}")
CHANGE_REMOVED = _en("change_removed", "removed {count}")
CHANGE_OTHER = _en("change_other", "synonyms or the article changed")


def reload_html(result: ReloadResult, language: str = "en") -> str:
    """What a reload did, for the admins, in Telegram's HTML subset.

    In another language the frame and the change are translated; the problems keep the
    words of `k2bot validate`, so an editor can search for them (a translated frame may
    say so, as the Russian one does).
    """
    if not result.applied:
        refused = in_language(RELOAD_REFUSED_HTML, language).format(
            problems=len(result.problems), intents=result.intents
        )
        return f"{refused}\n{_problems_html(result.problems, language)}"
    if not result.change:
        done = in_language(RELOADED_UNCHANGED, language).format(intents=result.intents)
    else:
        done = in_language(RELOADED_HTML, language).format(
            intents=result.intents, change=escape(result.change.summary(language))
        )
    if not result.warnings:
        return done
    heading = in_language(RELOAD_WARNINGS_HTML, language).format(count=len(result.warnings))
    return f"{done}\n{heading}\n{_problems_html(result.warnings, language)}"


def _problems_html(problems: Sequence[Problem], language: str) -> str:
    """At most `PROBLEMS_SHOWN` problems as `k2bot validate` prints them, then how many more."""
    shown = "\n".join(f"• <code>{escape(str(p))}</code>" for p in problems[:PROBLEMS_SHOWN])
    more = len(problems) - PROBLEMS_SHOWN
    if more > 0:
        shown += "\n" + in_language(MORE_PROBLEMS_HTML, language).format(more=more)
    return shown


# A reload of the interface catalogues (bot/data/interface): refused, or what changed.
TEXTS_REFUSED_HTML = _en(
    "texts_refused_html",
    "⚠️ <b>Interface texts not reloaded</b>: the edit has {problems} problem(s). "
    "Still saying the last good texts.",
)
TEXTS_RELOADED_HTML = _en("texts_reloaded_html", "✅ <b>Interface texts reloaded</b>: {change}.")
TEXTS_UNCHANGED = _en("texts_unchanged", "✅ Interface texts reloaded: nothing changed.")
# One language's changed texts ("ru: 2 text(s): greeting_html, help_html").
TEXTS_CHANGED = _en("texts_changed", "{language}: {count} text(s): {keys}")
HONEST_CHANGED = _en("honest_changed", "the reply to other languages: {codes}")


def catalogue_change_summary(change: CatalogueChange, language: str = "en") -> str:
    """A catalogue reload's change in one line: the message keys changed per language."""
    parts = [
        in_language(TEXTS_CHANGED, language).format(
            language=code, count=len(keys), keys=", ".join(keys)
        )
        for code, keys in change.texts.items()
    ]
    if change.honest:
        codes = ", ".join(change.honest)
        parts.append(in_language(HONEST_CHANGED, language).format(codes=codes))
    return "; ".join(parts)


def texts_reload_html(
    applied: bool,
    change: CatalogueChange,
    problems: Sequence[Problem] = (),
    language: str = "en",
) -> str:
    """What a reload of the interface catalogues did, for the admins (HTML)."""
    if not applied:
        refused = in_language(TEXTS_REFUSED_HTML, language).format(problems=len(problems))
        return f"{refused}\n{_problems_html(problems, language)}"
    if not change:
        return in_language(TEXTS_UNCHANGED, language)
    summary = escape(catalogue_change_summary(change, language))
    return in_language(TEXTS_RELOADED_HTML, language).format(change=summary)


STATS_HTML = _en(
    "stats_html",
    "📊 <b>Last {days} days</b>: {questions} questions, {answered} answered, "
    "{suggested} suggested, {fell_back} fell back (fall-back rate {rate}).\n\n"
    "<b>Most asked</b>\n{top}\n\n<b>Most 👎</b>\n{votes}\n\n"
    "/unanswered lists what the bot could not answer.",
)
NONE_YET = _en("none_yet", "• none yet")
NONE = _en("none", "• none")


def stats_html(report: UsageReport, language: str = "en") -> str:
    """The short usage summary an admin gets from /stats."""
    top = "\n".join(f"• {html.escape(i)}: {n}" for i, n in report.top_intents[:5])
    disliked = [v for v in report.votes if v.down][:3]
    votes = "\n".join(f"• {html.escape(v.intent)}: 👎 {v.down}, 👍 {v.up}" for v in disliked)
    return in_language(STATS_HTML, language).format(
        days=f"{report.since_days:g}",
        questions=report.questions,
        answered=report.answered,
        suggested=report.suggested,
        fell_back=report.fell_back,
        rate=f"{report.fallback_rate:.1%}",
        top=top or in_language(NONE_YET, language),
        votes=votes or in_language(NONE, language),
    )


NOTHING_UNANSWERED = _en(
    "nothing_unanswered", "Nothing unanswered in the last {days} days{declined}. 🎉"
)
DECLINED_CORRECTLY = _en("declined_correctly", " ({declined} declined correctly as out of scope)")
UNANSWERED_HEADING_HTML = _en(
    "unanswered_heading_html",
    "❓ <b>Unanswered and low-confidence questions, last {days} days</b>: {count}",
)
# What an editor should do about a group (as `Group.advice` says it in the report).
ADVICE_ADD = _en("advice_add", "add these as patterns to {intent}")
ADVICE_NEW_INTENT = _en(
    "advice_new_intent",
    "consider a new intent if the article answers this, or add them to an "
    "out_of_scope intent if it does not{closest}",
)
ADVICE_CLOSEST = _en("advice_closest", " (closest: {intent}, score {score})")
UNGROUPED = _en("ungrouped", "{count} more in no group shown")
DECLINED_NOT_LISTED = _en("declined_not_listed", "{count} declined correctly (not listed)")
DISLIKED_HEADING_HTML = _en("disliked_heading_html", "<b>Answers that got 👎</b>")
UNANSWERED_BUTTONS_HTML = _en(
    "unanswered_buttons_html",
    "The buttons add a group's questions as patterns (to <code>from_users.yaml</code> in "
    "the intents folder), or ignore them. Full list: <code>k2bot report</code>",
)


def _advice(group: Group, language: str) -> str:
    if group.suggestion == "add" and group.closest_intent:
        return in_language(ADVICE_ADD, language).format(intent=group.closest_intent)
    closest = (
        in_language(ADVICE_CLOSEST, language).format(
            intent=group.closest_intent, score=f"{group.closest_score:.0f}"
        )
        if group.closest_intent
        else ""
    )
    return in_language(ADVICE_NEW_INTENT, language).format(closest=closest)


def unanswered_html(report: UsageReport, limit: int = 8, language: str = "en") -> str:
    """The largest groups of unanswered questions an admin gets from /unanswered.

    The users' questions are quoted as they wrote them.
    """
    days = f"{report.since_days:g}"
    if not report.unanswered and not report.disliked:
        declined = (
            in_language(DECLINED_CORRECTLY, language).format(declined=report.declined)
            if report.declined
            else ""
        )
        return in_language(NOTHING_UNANSWERED, language).format(days=days, declined=declined)
    items = []
    for number, group in enumerate(report.groups[:limit], start=1):
        examples = "; ".join(f"“{html.escape(x[:80])}”" for x in group.examples[:3])
        advice = html.escape(_advice(group, language))
        items.append(f"{number}. <b>{group.count}×</b> {examples}\n   → {advice}")
    left_out = []
    if report.ungrouped:
        left_out.append(in_language(UNGROUPED, language).format(count=report.ungrouped))
    if report.declined:
        left_out.append(in_language(DECLINED_NOT_LISTED, language).format(count=report.declined))
    disliked = "".join(
        f"\n• “{html.escape(d.question[:80])}” → {html.escape(d.intent)} (👎 {d.down})"
        for d in report.disliked[:5]
    )
    heading = in_language(UNANSWERED_HEADING_HTML, language).format(
        days=days, count=report.unanswered
    )
    return (
        f"{heading}\n\n"
        + "\n".join(items)
        + (f"\n\n{'; '.join(left_out)}." if left_out else "")
        + (f"\n\n{in_language(DISLIKED_HEADING_HTML, language)}{disliked}" if disliked else "")
        + f"\n\n{in_language(UNANSWERED_BUTTONS_HTML, language)}"
    )


ADDED_HTML = _en(
    "added_html",
    "✅ Added {count} phrasing(s) to <b>{intent}</b> in <code>{file}</code>:\n{listed}",
)
UNDONE_HTML = _en("undone_html", "↩️ Undone: <code>{file}</code> is back as it was.")
EDIT_REFUSED = _en("edit_refused", "⚠️ Not added: {reason}.")
IGNORED = _en(
    "ignored", "🙈 Ignored {count} question(s): /unanswered and the report won't list them again."
)


def added_html(
    intent_id: str,
    added: Sequence[str],
    file_name: str,
    reload: ReloadResult,
    figures: str,
    language: str = "en",
) -> str:
    """What an "add to <intent>" press did: the phrasings, the reload, the eval figures."""
    added_line = in_language(ADDED_HTML, language).format(
        count=len(added),
        intent=html.escape(intent_id),
        file=html.escape(file_name),
        listed="\n".join(f"• {html.escape(p)}" for p in added),
    )
    return f"{added_line}\n\n{reload_html(reload, language)}\n{html.escape(figures)}"


def undone_html(file_name: str, reload: ReloadResult, language: str = "en") -> str:
    """What "undo" did."""
    undone = in_language(UNDONE_HTML, language).format(file=html.escape(file_name))
    return f"{undone}\n{reload_html(reload, language)}"


def edit_refused_html(reason: str, problems: Sequence[object] = (), language: str = "en") -> str:
    """Why an addition was not made (nothing was written)."""
    shown = "".join(f"\n• <code>{escape(str(p))}</code>" for p in problems[:PROBLEMS_SHOWN])
    return in_language(EDIT_REFUSED, language).format(reason=escape(reason)) + shown


def ignored_html(count: int, language: str = "en") -> str:
    """What "ignore" did."""
    return in_language(IGNORED, language).format(count=count)


# Why an "add to <intent>" press was refused (`bot.content.editing.EditError`).
NO_INTENT_ANY_MORE = _en("no_intent_any_more", "there is no intent {intent} any more")
ALREADY_HAS_PHRASINGS = _en(
    "already_has_phrasings", "{intent} already has every one of these phrasings"
)
EDIT_WOULD_BREAK = _en(
    "edit_would_break",
    "adding these phrasings to {intent} would break the intents, so nothing was written",
)
FOLDER_INSTALLED = _en(
    "folder_installed",
    "The intents folder {folder} is the copy installed with the package, which the next "
    "install replaces. Copy it, set INTENTS_DIR to the copy and restart, then add phrasings "
    "there.",
)
FOLDER_READ_ONLY = _en(
    "folder_read_only",
    "The intents folder {folder} is read-only for the bot, so nothing was added. Make it "
    "writable, or copy it, set INTENTS_DIR to the copy and restart.",
)
FOLDER_UNWRITABLE = _en(
    "folder_unwritable",
    "The intents folder {folder} cannot be written ({why}), so nothing was added. Make it "
    "writable, or copy it, set INTENTS_DIR to the copy and restart.",
)
# After an addition: how the dev set's figures moved (`bot.content.editing.dev_set_change`).
DEV_SET_FIGURES = _en(
    "dev_set_figures",
    "Dev set ({total} questions): in-scope accuracy {accuracy_before} → {accuracy_after}, "
    "out-of-scope false accepts {false_accepts_before} → {false_accepts_after}, safety "
    "{safety_before} → {safety_after}.",
)
STALE_LIST = _en("stale_list", "This list is out of date: send /unanswered again.")
NOTHING_TO_UNDO = _en("nothing_to_undo", "There is nothing to undo.")
CHOOSE_INTENT = _en("choose_intent", "Add these questions to which intent? (closest first)")


# `k2bot report` on a log with no questions in the period.
# `k2bot report` is English only (a plain string: no message key).
EMPTY_LOG = (
    "The question log has no questions in this period. Fill it by talking to the bot: "
    "`k2bot chat` logs every question (with QUESTION_LOG=on, the default), "
    '`k2bot ask --log "question"` logs a batch, and the Telegram bot logs what its users ask.'
)

# The visible line over an answer that used the conversation's context.
CONTEXT_LINE = _en("context_line", "↪ about: {topic}")
# "why?" / "tell me more" when every related answer was already shown.
NOTHING_MORE = _en(
    "nothing_more",
    "That's all my source says about “{topic}”; I've shown you everything it has on that. "
    "Send /topics to see the other questions I can answer.",
)
# "why?" / "tell me more" just after a decline: the source has nothing behind the decline
# to go on with; the earlier topics are offered as buttons instead of being resumed.
NOTHING_MORE_AFTER_DECLINE = _en(
    "nothing_more_after_decline",
    "My source doesn't say more about that. Here are topics it does cover:",
)
# "why?" after a doctor referral: why the bot refers, before the referral's own sentence.
WHY_REFERRAL = _en(
    "why_referral",
    "My source is a general article: it gives no personal medical advice, so I can't "
    "answer that for you.",
)
# A follow-up on the topic about something the article doesn't say ("what about for men?").
NOT_COVERED_ON_TOPIC = _en(
    "not_covered_on_topic",
    "My source doesn't say anything about that in connection with “{topic}”, so I can't "
    "answer it from there. Send /topics to see what it does cover.",
)
# The answer to /reset (and the terminal's /reset).
STARTED_OVER = _en(
    "started_over", "OK, let's start over: I've forgotten what we were talking about."
)
NOTHING_TO_FORGET = _en(
    "nothing_to_forget", "We're starting fresh already: ask me anything about vitamin K2."
)

# -- Telegram-native: guest mode, sharing, reactions, "Ask a person" -------------------------

# Above inline results that match nothing, or a question for a doctor: opens the bot's chat.
ASK_PRIVATELY = _en("ask_privately", "Ask K2 Bot privately")
# Under a guest-mode answer (the bot answered in a chat it is not a member of).
GUEST_MORE = _en("guest_more", "More answers from K2 Bot")
# The button under a fall-back, and the offer after a 👎. Its label says what is sent.
HANDOFF_BUTTON = _en("handoff_button", "🙋 Ask a person (sends only your question)")
HANDOFF_CONFIRM_BUTTON = _en("handoff_confirm_button", "Yes, send my question")
HANDOFF_OFFER = _en(
    "handoff_offer",
    "Sorry that didn't help. If you like, I can pass your question to the people who edit "
    "my answers; only the question is sent, not your name or account.",
)
HANDOFF_CONSENT = _en(
    "handoff_consent",
    "You asked me not to log your questions, so I check first: shall I send this question "
    "to my editors? Only its text goes to them, not your name or account:\n\n<i>{question}</i>",
)
HANDOFF_SENT = _en(
    "handoff_sent",
    "I've passed your question to my editors. If one of them answers, I'll send the answer "
    "here. Only your question was sent, not your name or account.",
)
HANDOFF_ALREADY_SENT = _en("handoff_already_sent", "Your question is already with my editors.")
HANDOFF_GONE = _en(
    "handoff_gone", "Sorry, that offer has expired. Ask your question again and I'll offer it anew."
)
HANDOFF_FAILED = _en(
    "handoff_failed", "Sorry, I couldn't reach my editors just now. Please try again later."
)
# In the editors' chat: the forwarded question, and the tip for answering it. Said in the
# question's language: whoever answers it reads that language anyway.
HANDOFF_TO_EDITORS = _en(
    "handoff_to_editors",
    "🙋 <b>A user asks a person</b> (only the question was shared):\n\n<i>{question}</i>\n\n"
    "Reply to this message to answer; I'll relay your reply to them.",
)
# To the user: an editor's reply.
EDITOR_ANSWER = _en(
    "editor_answer", "👤 <b>One of my editors answered your question</b> “{question}”:\n\n{answer}"
)
# In the editors' chat, after a reply was relayed (or could not be): in the question's
# language, as the forwarded question was.
RELAYED = _en("relayed", "✅ Sent to the user.")
RELAY_FAILED = _en("relay_failed", "⚠️ Could not reach the user (they may have blocked the bot).")


LANGUAGE_CHOICE_HTML = _en(
    "language_choice_html",
    "I can answer in: {codes}. {now}\n"
    "Send <code>/language ru</code> to choose one, or <code>/language auto</code> "
    "to answer in the language you write in.",
)
LANGUAGE_NOW_HTML = _en("language_now_html", "Now: <b>{language}</b>.")
LANGUAGE_NOW_AUTO = _en("language_now_auto", "Now: the language you write in.")
LANGUAGE_SET_AUTO = _en("language_set_auto", "OK: I answer in the language you write in.")
# A language without a confirmation of its own: in the interface language, naming its code.
LANGUAGE_SET_HTML = _en("language_set_html", "OK: I answer in <b>{language}</b>.")
# The confirmation of choosing a language, said in that language by its own catalogue.
LANGUAGE_SET_TO_THIS = _en("language_set_to_this", "OK: I answer in English.")
LANGUAGE_UNKNOWN_HTML = _en(
    "language_unknown_html", "I have no answers in <code>{asked}</code>. I can answer in: {codes}."
)


def language_choice_html(available: list[str], chosen: str | None, language: str = "en") -> str:
    """The answer to a bare /language: the languages there are and how to choose one."""
    now = (
        in_language(LANGUAGE_NOW_HTML, language).format(language=chosen)
        if chosen
        else escape(in_language(LANGUAGE_NOW_AUTO, language))
    )
    codes = ", ".join(f"<code>{code}</code>" for code in available)
    return in_language(LANGUAGE_CHOICE_HTML, language).format(codes=codes, now=now)


def language_set_html(language: str | None, interface: str = "en") -> str:
    """The confirmation of a /language choice (None: back to the message's language).

    Args:
        language: the language chosen, or None for the language of each message.
        interface: the language to confirm an automatic choice in.
    """
    if language is None:
        return escape(in_language(LANGUAGE_SET_AUTO, interface))
    # A language with a catalogue confirms in itself ("Хорошо: отвечаю по-русски.").
    confirmed = _own(LANGUAGE_SET_TO_THIS, language)
    if confirmed is not None:
        return escape(confirmed)
    return in_language(LANGUAGE_SET_HTML, interface).format(language=escape(language))


def language_unknown_html(asked: str, available: list[str], language: str = "en") -> str:
    """A /language argument the content has no answers in."""
    codes = ", ".join(f"<code>{code}</code>" for code in available)
    return in_language(LANGUAGE_UNKNOWN_HTML, language).format(asked=escape(asked), codes=codes)


# The bot's Telegram profile per language: what people see before pressing Start
# (setMyDescription, up to 512 characters; setMyShortDescription, up to 120).
PROFILE_DESCRIPTION = _en(
    "profile_description",
    "I answer questions about vitamin K2, only from one article, and can show the "
    "passage behind every answer. Not medical advice: for your own health, ask a doctor.",
)
PROFILE_SHORT_DESCRIPTION = _en(
    "profile_short_description", "Answers about vitamin K2 from one article, with its source."
)


def profiles() -> dict[str, tuple[str, str]]:
    """(description, short description) per `language_code`; "" is the default, English.

    Only the languages whose catalogue has a description of their own get a profile, so
    Telegram shows them the default one rather than a copy in English.
    """
    found = {"": (str(PROFILE_DESCRIPTION), str(PROFILE_SHORT_DESCRIPTION))}
    for language in sorted(interface_languages() - {"en"}):
        if _own(PROFILE_DESCRIPTION, language) is not None:
            found[language] = (
                in_language(PROFILE_DESCRIPTION, language),
                in_language(PROFILE_SHORT_DESCRIPTION, language),
            )
    return found


def catalogue_problems(content_languages: Sequence[str] = ()) -> list[Problem]:
    """What is wrong in the interface catalogues, each at file:line (for `k2bot validate`).

    Read afresh, not from the cache, so an editor sees their latest edit.

    Args:
        content_languages: the languages the content has article answers in; a warning
            names each honest reply that cannot name one of them.
    """
    folder = data.SHIPPED_INTERFACE
    found = read_catalogues(folder, ENGLISH)
    # A mistyped language ("rus" for "ru") is the intent file's mistake, warned at its
    # line (`checks.translations_recognised`), not once per honest reply here.
    recognised = recognised_languages(found)
    named = [code for code in content_languages if mistyped_language(code, recognised) is None]
    return [*found.problems, *missing_language_names(found, named, folder)]
