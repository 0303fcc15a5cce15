"""Every sentence a user or an editor reads that is not an intent's answer, in one place.

Adapters render these: the terminal chat prints them as text, the Telegram adapter sends
the HTML ones. Answers themselves come from the intent files, composed by the responder.
Texts in Telegram's HTML subset end in `_html`; everything a user typed is escaped (the
report summaries with `html.escape`, which also escapes quotes; both render the same).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.markup import escape

if TYPE_CHECKING:  # only for type hints: the report and reload import this module
    from bot.reload import ReloadResult
    from bot.report import UsageReport

# -- both adapters: answers' frame, the source, fall-backs and refusals --------------------

# Under the greeting and the source view, in both adapters.
NOT_MEDICAL_ADVICE = (
    "This is information from one article, not medical advice; for your own health, ask a doctor."
)
# The start of a fall-back when no out-of-scope intent explains the decline.
FALLBACK_LINE = "My source, one article about vitamin K2, doesn't cover that."
# What the bot can answer, after every fall-back.
CAPABILITIES = (
    "I can answer questions about what vitamin K2 is, where it comes from, MK-4 and MK-7, "
    "bone density, fractures, osteoporosis, calcium absorption, osteocalcin, K2 with D3 "
    "and bone loss."
)
# Marks passages left out of an answer's quote to keep the message within Telegram's limit.
OMITTED_PASSAGES = "[…] (📖 Source shows the rest)"
# A message with no words in it (only punctuation, emoji or spaces).
EMPTY_QUESTION_HTML = (
    "I didn't catch a question there. Ask me something about vitamin K2, for "
    'example "what is vitamin K2?", or send /topics.'
)
# A command that does not exist, in a private chat or the terminal.
UNKNOWN_COMMAND = (
    "I don't know that command. Try /help, /topics or /source, or just type your question."
)


def fallback_html(decline_html: str, language: str = "en") -> str:
    """A fall-back: why the bot declines (HTML), then what it can answer."""
    if language == "ru":
        return f"{decline_html}\n\n{escape(CAPABILITIES_RU)} Отправьте /topics, чтобы увидеть все."
    return f"{decline_html}\n\n{escape(CAPABILITIES)} Send /topics to see them all."


def did_you_mean_html(titles: Sequence[str], language: str = "en") -> str:
    """A suggestion: the intents the question may have meant, best first."""
    lines = "\n".join(f"• {escape(title)}" for title in titles)
    if language == "ru":
        return f"Не уверен, что понял. Вы имели в виду:\n{lines}"
    return f"I'm not sure I understood. Did you mean:\n{lines}"


# -- Russian -------------------------------------------------------------------------------
# The languages whose interface texts below exist; others get the English ones.
INTERFACE_LANGUAGES = frozenset({"en", "ru"})
NOT_MEDICAL_ADVICE_RU = (
    "Это информация из одной статьи, а не медицинская консультация; по вопросам своего "
    "здоровья обратитесь к врачу."
)
FALLBACK_LINE_RU = "Мой источник, одна статья о витамине K2, этого не охватывает."
CAPABILITIES_RU = (
    "Я могу ответить на вопросы о том, что такое витамин K2, откуда он берётся, об MK-4 и "
    "MK-7, плотности костей, переломах, остеопорозе, усвоении кальция, остеокальцине, K2 "
    "вместе с D3 и потере костной массы."
)
EMPTY_QUESTION_HTML_RU = (
    "Я не увидел здесь вопроса. Спросите меня что-нибудь о витамине K2, например "
    "«что такое витамин K2?», или отправьте /topics."
)
PRIVACY_HTML_RU = (
    "🔒 Ваши вопросы записываются, без имени и id, чтобы улучшать ответы. "
    "/optout отключает это; /forget удаляет то, что хранится о вас."
)
COMMAND_MENU_RU = (
    ("start", "Начало: на что я могу ответить"),
    ("help", "Как спрашивать и что делают кнопки"),
    ("topics", "Вопросы, на которые я могу ответить"),
    ("source", "Статья, из которой мои ответы"),
    ("reset", "Начать заново: забыть, о чём мы говорили"),
    ("language", "Выбрать язык ответов"),
    ("forget", "Удалить то, что хранится о вас"),
    ("optout", "Не записывать ваши вопросы"),
)
HELP_HTML_RU = (
    "Спрашивайте о витамине K2 своими словами, например:\n"
    "• <i>мк7 или мк4?</i>\n• <i>почему не усваивается кальций?</i>\n"
    "• <i>к2 и д3 вместе?</i>\n\n"
    "/topics показывает вопросы, на которые я могу ответить; /source — откуда мои ответы. "
    "Я несколько минут помню, о чём мы говорили, так что можно уточнить: "
    "<i>а с д3?</i>; /reset начинает заново. "
    "Под ответом кнопка 📖 Source показывает слова самой статьи (по-английски).\n"
    "/language en или /language ru выбирает язык ответов."
)


def _in_a_sentence(title: str) -> str:
    """A topic's title inside a sentence: no "?", its first letter lowercase ("MK-7" kept)."""
    text = title.rstrip("?")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def greeting_html_ru(topics: Sequence[str], *, logged: bool) -> str:
    """/start in Russian: who the bot is, a few example topics, the privacy note if logged."""
    examples = ", ".join(escape(_in_a_sentence(t)) for t in topics)
    html = (
        "Здравствуйте! 👋 Я K2 Bot. Я отвечаю на вопросы о витамине K2 по одной статье и "
        f"могу показать отрывок, на котором основан каждый ответ.\n\nМожно спросить, "
        f"например: {examples}…\n\n"
        "Отправьте /topics, чтобы увидеть весь список, или /help, чтобы получить подсказки.\n\n"
        f"<i>{escape(NOT_MEDICAL_ADVICE_RU)}</i>"
    )
    return f"{html}\n\n{PRIVACY_HTML_RU}" if logged else html


def about_source_html(title: str, language: str = "en") -> str:
    """/source: what the source is and how answers are drawn from it."""
    if language == "ru":
        return (
            f"Все мои ответы взяты из одной статьи: <b>{escape(title)}</b>\n\n"
            "Каждый ответ передаёт то, что говорит статья, не добавляя своих утверждений, "
            "и может показать отрывок, из которого он взят, дословно (по-английски, с "
            "переводом). На вопросы, которых статья не касается, я честно отвечаю «мой "
            "источник этого не охватывает»; с вопросами о лекарствах, беременности, детях, "
            "дозах или неотложных состояниях я направляю к врачу."
            f"\n\n<i>{escape(NOT_MEDICAL_ADVICE_RU)}</i>"
        )
    return (
        f"All my answers come from one article: <b>{escape(title)}</b>\n\n"
        "Each answer says what the article says, without adding claims of its own, and "
        "can show the passage it came from, quoted word for word. Questions the article "
        "doesn't cover get an honest \"my source doesn't cover that\"; questions about "
        "medicines, pregnancy, children, doses or emergencies get a referral to a doctor."
        f"\n\n<i>{escape(NOT_MEDICAL_ADVICE)}</i>"
    )


# -- the terminal chat (`k2bot chat`) ------------------------------------------------------

TERMINAL_GREETING = "Hi! I answer questions about vitamin K2 from one article. Type /help for help."
TERMINAL_HELP = """\
Ask me anything about vitamin K2, in your own words ("mk7 vs mk4?", "k2 and d3 together??").
Commands:
  /topics   the questions I can answer (type a number to ask one)
  /source   the article passage behind my last answer
  /reset    start over: I forget what we were talking about
  /help     this help
  /quit     leave (Ctrl-D works too)
When I offer numbered choices, type the number to pick one."""
FAREWELL = "Bye, take care!"
TOPICS_HEADING = "Questions I can answer:"
SUGGESTIONS_HEADING = "Type a number:"
RELATED_HEADING = "Related:"
SOURCE_HINT = "(type /source to see the passage from the article)"
NO_LIST_ON_SCREEN = (
    "There is no numbered list on screen to pick from. Ask your question in words, or type "
    "/topics to see the questions I can answer."
)


def pick_a_number(count: int) -> str:
    """A number outside the list on screen."""
    return (
        "Please type 1 to pick the choice above."
        if count == 1
        else (f"Please type a number from 1 to {count} to pick from the list above.")
    )


def source_heading(title: str, language: str = "en") -> str:
    """The line above the quoted passages of an answer, in plain text."""
    if language == "ru":
        return f'Из статьи "{title}" (слова статьи, по-английски):'
    return f'From the article "{title}":'


# -- Telegram: greeting, help, commands -----------------------------------------------------

# Logged questions: said in the greeting when the question log is on.
PRIVACY_HTML = (
    "🔒 Your questions are logged, without your name or id, to improve my answers. "
    "/optout stops that; /forget deletes what is stored about you."
)


def greeting_html(topics: Sequence[str], *, logged: bool) -> str:
    """/start: who the bot is, a few example topics, and (when logged) the privacy note."""
    examples = ", ".join(escape(_in_a_sentence(t)) for t in topics)
    html = (
        "Hello! 👋 I'm K2 Bot. I answer questions about vitamin K2 from one article, and can "
        f"show you the passage behind every answer.\n\nYou can ask, for example: {examples}…\n\n"
        "Send /topics for the full list or /help for tips.\n\n"
        f"<i>{escape(NOT_MEDICAL_ADVICE)}</i>"
    )
    return f"{html}\n\n{PRIVACY_HTML}" if logged else html


# The command menu Telegram shows beside the input field: (command, description).
COMMAND_MENU = (
    ("start", "Start: what I can answer"),
    ("help", "How to ask, and what the buttons do"),
    ("topics", "The questions I can answer"),
    ("source", "The article my answers come from"),
    ("reset", "Start over: forget what we were talking about"),
    ("language", "Choose the language I answer in"),
    ("forget", "Delete what is stored about you"),
    ("optout", "Stop logging your questions"),
)

HELP_HTML = (
    "Ask me about vitamin K2 in your own words, for example:\n"
    "• <i>mk7 vs mk4?</i>\n• <i>why doesn't my calcium work?</i>\n• <i>k2 and d3 together?</i>\n\n"
    "/topics lists the questions I can answer; /source says where my answers come from. "
    "I remember what we were talking about for a few minutes, so you can follow up with "
    "<i>and with d3?</i>; /reset starts over. "
    "Under an answer, 📖 Source shows the article's own words.\n"
    "In a group, mention me or reply to my message. In any chat, type my @username and a "
    "question to share an answer."
)
TOPICS_TAP = "Questions I can answer. Tap one:"
PREVIOUS_PAGE = "« Prev"
NEXT_PAGE = "Next »"
NON_TEXT_REPLY = (
    "I can read text questions only. Type your question about vitamin K2, or send /topics."
)
# A question-log request failed (the database is busy or unreachable).
STORAGE_TROUBLE = "Sorry, I can't reach my storage just now. Please try again in a minute."
# The flood guard, once per burst; and the error handler, after a handler failed.
SLOW_DOWN = "You're sending messages very fast. I'll answer again in a few seconds."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."

# -- Telegram: buttons under answers, votes, sharing ---------------------------------------

SOURCE_BUTTON = "📖 Source"
SHARE_BUTTON = "↗️ Share"
HELPFUL_BUTTON = "👍 Helpful"
NOT_HELPFUL_BUTTON = "👎 Not helpful"
STALE_BUTTON = "Sorry, that button is out of date. Send /topics to see what I can answer."
# The acknowledgement of a 👍/👎 press, by what the question log did with it.
VOTE_RECORDED = "Thanks for the feedback!"
VOTE_REPEATED = "You've already rated this answer."
VOTE_UNKNOWN = "Sorry, that button is out of date."
VOTE_NOT_STORED = "Thanks! (Your feedback was not stored.)"
# Under an answer shared with `@bot question`: the button to the bot's private chat.
ASK_THE_BOT = "Ask K2 Bot"
# The title of a guest-mode answer whose question has no title of its own.
BOT_NAME = "K2 Bot"


def shared_answer_html(answer_html: str, title: str, username: str) -> str:
    """An answer shared through inline mode, signed with the article and the bot."""
    return f"{answer_html}\n\n<i>From the article “{escape(title)}”, via @{escape(username)}</i>"


# -- Telegram: privacy requests (/forget, /optout, /optin) ---------------------------------

NOT_LOGGING = "I don't log questions, so there is nothing to delete or change."
# /privacy when the question log is off.
NOT_LOGGING_AT_ALL = "🔒 I don't log your questions: nothing you ask is stored."
OPTED_OUT = (
    "Done: I no longer log your questions, and what was stored is deleted. "
    "Send /optin to change your mind."
)
OPTED_IN = "Done: your questions are logged again (without your name or id). /optout stops it."


def forgotten(questions: int, votes: int, language: str = "en") -> str:
    """/forget done: how much was deleted, in `language` when it has interface texts."""
    if language == "ru":
        return (
            f"Готово: удалено ваших вопросов: {questions}, оценок: {votes}. "
            "Новые вопросы снова будут записываться; /optout отключает это."
        )
    return (
        f"Done: I deleted {questions} question(s) and {votes} vote(s) of yours. "
        "New questions will be logged again; send /optout to stop that."
    )


NO_PASSAGE = "This answer is not from the article, so there is no passage to show."
NO_PASSAGE_RU = "Этот ответ не из статьи, поэтому показать отрывок нельзя."


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
        return NO_PASSAGE_RU if language == "ru" else NO_PASSAGE
    if language == "ru":
        heading = f"📖 Из статьи <b>{escape(title)}</b> (слова статьи, по-английски):"
    else:
        heading = f"📖 From the article <b>{escape(title)}</b>:"
    marker = SOURCE_TRANSLATION.get(language)
    paired = len(translated) == len(passages) and marker is not None
    parts = []
    for index, passage in enumerate(passages):
        parts.append(f"<blockquote>{escape(passage.strip())}</blockquote>")
        if paired:
            parts.append(f"<i>{marker}</i> {escape(translated[index].strip())}")
    return heading + "\n" + "\n".join(parts)


# Marks a rendering of a passage: the article's words are the English quote above it.
SOURCE_TRANSLATION_RU = "Перевод (не слова статьи):"
# The marker per language with renderings; a language without one shows the English only.
SOURCE_TRANSLATION = {"ru": SOURCE_TRANSLATION_RU}


def quoted_passage_html(passage: str, rendering: str = "", language: str = "en") -> str:
    """One passage inside the expandable quote under an answer (HTML).

    The article's words verbatim; then, when `rendering` is given in a language with a
    marker, the rendering on a line of its own, marked in italics as a translation so it
    never passes for the article's words.
    """
    quoted = escape(passage.strip())
    marker = SOURCE_TRANSLATION.get(language)
    if not rendering.strip() or marker is None:
        return quoted
    return f"{quoted}\n<i>{marker}</i> {escape(rendering.strip())}"


# -- editors: reloads and the usage report ---------------------------------------------------

# The editors' commands in Telegram's menu (shown to admins only).
ADMIN_COMMAND_MENU = (
    ("stats", "Editors: questions and fall-backs this week"),
    ("unanswered", "Editors: what the bot could not answer"),
    ("reload", "Editors: reload the intents now"),
)
EDITORS_ONLY_BUTTONS = "Sorry, these buttons are only for the bot's editors."


def editors_only(command: str, language: str = "en") -> str:
    """An editors' command sent by someone who is not an admin."""
    if language == "ru":
        return f"Извините, /{command} — только для редакторов бота."
    return f"Sorry, /{command} is only for the bot's editors."


def private_chat_only(command: str, language: str = "en") -> str:
    """An editors' command sent in a group."""
    if language == "ru":
        return f"Пожалуйста, отправьте /{command} мне в личном чате."
    return f"Please send /{command} to me in a private chat."


def add_to_button(number: int, intent_id: str, language: str = "en") -> str:
    """/unanswered's button adding group `number` to its closest intent."""
    if language == "ru":
        return f"{number}. ➕ добавить в {intent_id}"
    return f"{number}. ➕ add to {intent_id}"


def another_intent_button(number: int, language: str = "en") -> str:
    """/unanswered's button choosing another intent for group `number`."""
    if language == "ru":
        return f"{number}. другой интент…"
    return f"{number}. another intent…"


UNDO_BUTTON = "↩️ Undo"


def ignore_button(number: int, language: str = "en") -> str:
    """/unanswered's button ignoring group `number`."""
    if language == "ru":
        return f"{number}. 🙈 пропустить"
    return f"{number}. 🙈 ignore"


PROBLEMS_SHOWN = 10


def reload_html(result: ReloadResult, language: str = "en") -> str:
    """What a reload did, for the admins, in Telegram's HTML subset.

    In Russian the frame is Russian; the problems and the change keep the words of
    `k2bot validate` and the logs, so an editor can search for them.
    """
    if language == "ru":
        return _reload_html_ru(result)
    if not result.applied:
        listed = result.problems[:PROBLEMS_SHOWN]
        shown = "\n".join(f"• <code>{escape(str(p))}</code>" for p in listed)
        more = len(result.problems) - PROBLEMS_SHOWN
        more_line = f"\n…and {more} more; run <code>k2bot validate</code>." if more > 0 else ""
        return (
            f"⚠️ <b>Intents not reloaded</b>: the edit has {len(result.problems)} problem(s). "
            f"Still serving the last good intents ({result.intents}).\n{shown}{more_line}"
        )
    if not result.change:
        return f"✅ Intents reloaded: nothing changed ({result.intents} intents)."
    return (
        f"✅ <b>Intents reloaded</b> ({result.intents} intents): {escape(result.change.summary())}."
    )


def _reload_html_ru(result: ReloadResult) -> str:
    if not result.applied:
        listed = result.problems[:PROBLEMS_SHOWN]
        shown = "\n".join(f"• <code>{escape(str(p))}</code>" for p in listed)
        more = len(result.problems) - PROBLEMS_SHOWN
        more_line = f"\n…и ещё {more}; запустите <code>k2bot validate</code>." if more > 0 else ""
        return (
            f"⚠️ <b>Интенты не перезагружены</b>: в правке проблем: {len(result.problems)}. "
            f"Работают последние исправные интенты ({result.intents}).\n{shown}{more_line}"
        )
    if not result.change:
        return f"✅ Интенты перезагружены: ничего не изменилось (интентов: {result.intents})."
    return (
        f"✅ <b>Интенты перезагружены</b> (интентов: {result.intents}): "
        f"{escape(result.change.summary())}."
    )


def stats_html(report: UsageReport, language: str = "en") -> str:
    """The short usage summary an admin gets from /stats (in `language` when it is "ru")."""
    russian = language == "ru"
    none_yet = "• пока нет" if russian else "• none yet"
    top = "\n".join(f"• {html.escape(i)}: {n}" for i, n in report.top_intents[:5]) or none_yet
    disliked = [v for v in report.votes if v.down][:3]
    votes = "\n".join(f"• {html.escape(v.intent)}: 👎 {v.down}, 👍 {v.up}" for v in disliked) or (
        "• нет" if russian else "• none"
    )
    if russian:
        return (
            f"📊 <b>За {report.since_days:g} дн.</b>: вопросов {report.questions}, "
            f"отвечено {report.answered}, с подсказкой {report.suggested}, без ответа "
            f"{report.fell_back} (доля без ответа {report.fallback_rate:.1%}).\n\n"
            f"<b>Чаще всего спрашивали</b>\n{top}\n\n<b>Больше всего 👎</b>\n{votes}\n\n"
            "/unanswered показывает, на что бот не смог ответить."
        )
    return (
        f"📊 <b>Last {report.since_days:g} days</b>: {report.questions} questions, "
        f"{report.answered} answered, {report.suggested} suggested, {report.fell_back} fell back "
        f"(fall-back rate {report.fallback_rate:.1%}).\n\n<b>Most asked</b>\n{top}\n\n"
        f"<b>Most 👎</b>\n{votes or '• none'}\n\n/unanswered lists what the bot could not answer."
    )


def unanswered_html(report: UsageReport, limit: int = 8, language: str = "en") -> str:
    """The largest groups of unanswered questions an admin gets from /unanswered."""
    if language == "ru":
        return _unanswered_html_ru(report, limit)
    if not report.unanswered and not report.disliked:
        declined = (
            f" ({report.declined} declined correctly as out of scope)" if report.declined else ""
        )
        return f"Nothing unanswered in the last {report.since_days:g} days{declined}. 🎉"
    items = []
    for number, group in enumerate(report.groups[:limit], start=1):
        examples = "; ".join(f"“{html.escape(x[:80])}”" for x in group.examples[:3])
        items.append(
            f"{number}. <b>{group.count}×</b> {examples}\n   → {html.escape(group.advice())}"
        )
    left_out = []
    if report.ungrouped:
        left_out.append(f"{report.ungrouped} more in no group shown")
    if report.declined:
        left_out.append(f"{report.declined} declined correctly (not listed)")
    disliked = "".join(
        f"\n• “{html.escape(d.question[:80])}” → {html.escape(d.intent)} (👎 {d.down})"
        for d in report.disliked[:5]
    )
    return (
        f"❓ <b>Unanswered and low-confidence questions, last {report.since_days:g} days</b>: "
        f"{report.unanswered}\n\n"
        + "\n".join(items)
        + (f"\n\n{'; '.join(left_out)}." if left_out else "")
        + (f"\n\n<b>Answers that got 👎</b>{disliked}" if disliked else "")
        + "\n\nThe buttons add a group's questions as patterns (to <code>"
        + "from_users.yaml</code> in the intents folder), or ignore them. Full list: "
        + "<code>k2bot report</code>"
    )


def _unanswered_html_ru(report: UsageReport, limit: int) -> str:
    """/unanswered in Russian (the users' questions quoted as they wrote them)."""
    if not report.unanswered and not report.disliked:
        declined = f" ({report.declined} верно отклонены как вне темы)" if report.declined else ""
        return f"За {report.since_days:g} дн. нет вопросов без ответа{declined}. 🎉"
    items = []
    for number, group in enumerate(report.groups[:limit], start=1):
        examples = "; ".join(f"“{html.escape(x[:80])}”" for x in group.examples[:3])
        if group.suggestion == "add" and group.closest_intent:
            advice = f"добавьте их как паттерны в {group.closest_intent}"
        else:
            closest = (
                f" (ближайший: {group.closest_intent}, оценка {group.closest_score:.0f})"
                if group.closest_intent
                else ""
            )
            advice = (
                "подумайте о новом интенте, если статья на это отвечает, или добавьте их в "
                f"интент out_of_scope, если нет{closest}"
            )
        items.append(f"{number}. <b>{group.count}×</b> {examples}\n   → {html.escape(advice)}")
    left_out = []
    if report.ungrouped:
        left_out.append(f"ещё {report.ungrouped} вне показанных групп")
    if report.declined:
        left_out.append(f"{report.declined} верно отклонены (не показаны)")
    disliked = "".join(
        f"\n• “{html.escape(d.question[:80])}” → {html.escape(d.intent)} (👎 {d.down})"
        for d in report.disliked[:5]
    )
    return (
        f"❓ <b>Вопросы без ответа и с низкой уверенностью за {report.since_days:g} дн.</b>: "
        f"{report.unanswered}\n\n"
        + "\n".join(items)
        + (f"\n\n{'; '.join(left_out)}." if left_out else "")
        + (f"\n\n<b>Ответы с 👎</b>{disliked}" if disliked else "")
        + "\n\nКнопки добавляют вопросы группы как паттерны (в <code>"
        + "from_users.yaml</code> в папке интентов) или пропускают их. Полный список: "
        + "<code>k2bot report</code>"
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
    listed = "\n".join(f"• {html.escape(p)}" for p in added)
    if language == "ru":
        return (
            f"✅ Добавлено формулировок: {len(added)} в <b>{html.escape(intent_id)}</b>, файл "
            f"<code>{html.escape(file_name)}</code>:\n{listed}\n\n"
            f"{reload_html(reload, language)}\n{html.escape(figures)}"
        )
    return (
        f"✅ Added {len(added)} phrasing(s) to <b>{html.escape(intent_id)}</b> in "
        f"<code>{html.escape(file_name)}</code>:\n{listed}\n\n{reload_html(reload)}\n"
        f"{html.escape(figures)}"
    )


def undone_html(file_name: str, reload: ReloadResult, language: str = "en") -> str:
    """What "undo" did."""
    if language == "ru":
        return (
            f"↩️ Отменено: <code>{html.escape(file_name)}</code> снова такой, как был.\n"
            f"{reload_html(reload, language)}"
        )
    return (
        f"↩️ Undone: <code>{html.escape(file_name)}</code> is back as it was.\n{reload_html(reload)}"
    )


def edit_refused_html(reason: str, problems: Sequence[object] = (), language: str = "en") -> str:
    """Why an addition was not made (nothing was written)."""
    shown = "".join(f"\n• <code>{escape(str(p))}</code>" for p in problems[:PROBLEMS_SHOWN])
    if language == "ru":
        return f"⚠️ Не добавлено: {escape(reason)}.{shown}"
    return f"⚠️ Not added: {escape(reason)}.{shown}"


def ignored_html(count: int, language: str = "en") -> str:
    """What "ignore" did."""
    if language == "ru":
        return f"🙈 Пропущено вопросов: {count}; /unanswered и отчёт больше не будут их показывать."
    return f"🙈 Ignored {count} question(s): /unanswered and the report won't list them again."


STALE_LIST = "This list is out of date: send /unanswered again."
NOTHING_TO_UNDO = "There is nothing to undo."
CHOOSE_INTENT = "Add these questions to which intent? (closest first)"


# `k2bot report` on a log with no questions in the period.
EMPTY_LOG = (
    "The question log has no questions in this period. Fill it by talking to the bot: "
    "`k2bot chat` logs every question (with QUESTION_LOG=on, the default), "
    '`k2bot ask --log "question"` logs a batch, and the Telegram bot logs what its users ask.'
)

# The visible line over an answer that used the conversation's context.
CONTEXT_LINE = "↪ about: {topic}"
# "why?" / "tell me more" when every related answer was already shown.
NOTHING_MORE = (
    "That's all my source says about “{topic}”; I've shown you everything it has on that. "
    "Send /topics to see the other questions I can answer."
)
# "why?" after a doctor referral: there is no article answer behind it to continue.
NOTHING_MORE_SAFETY = (
    "I can't say more about that: my source doesn't cover it, and it depends on your own "
    "health, so it's a question for your doctor or pharmacist."
)
# A follow-up on the topic about something the article doesn't say ("what about for men?").
NOT_COVERED_ON_TOPIC = (
    "My source doesn't say anything about that in connection with “{topic}”, so I can't "
    "answer it from there. Send /topics to see what it does cover."
)
# The answer to /reset (and the terminal's /reset).
STARTED_OVER = "OK, let's start over: I've forgotten what we were talking about."
NOTHING_TO_FORGET = "We're starting fresh already: ask me anything about vitamin K2."

# -- Telegram-native: guest mode, sharing, reactions, "Ask a person" -------------------------

# Above inline results that match nothing, or a question for a doctor: opens the bot's chat.
ASK_PRIVATELY = "Ask K2 Bot privately"
# Under a guest-mode answer (the bot answered in a chat it is not a member of).
GUEST_MORE = "More answers from K2 Bot"
# The button under a fall-back, and the offer after a 👎. Its label says what is sent.
HANDOFF_BUTTON = "🙋 Ask a person (sends only your question)"
HANDOFF_CONFIRM_BUTTON = "Yes, send my question"
HANDOFF_OFFER = (
    "Sorry that didn't help. If you like, I can pass your question to the people who edit "
    "my answers; only the question is sent, not your name or account."
)
HANDOFF_CONSENT = (
    "You asked me not to log your questions, so I check first: shall I send this question "
    "to my editors? Only its text goes to them, not your name or account:\n\n<i>{question}</i>"
)
HANDOFF_SENT = (
    "I've passed your question to my editors. If one of them answers, I'll send the answer "
    "here. Only your question was sent, not your name or account."
)
HANDOFF_ALREADY_SENT = "Your question is already with my editors."
HANDOFF_GONE = "Sorry, that offer has expired. Ask your question again and I'll offer it anew."
HANDOFF_FAILED = "Sorry, I couldn't reach my editors just now. Please try again later."
# In the editors' chat: the forwarded question, and the tip for answering it.
HANDOFF_TO_EDITORS = (
    "🙋 <b>A user asks a person</b> (only the question was shared):\n\n<i>{question}</i>\n\n"
    "Reply to this message to answer; I'll relay your reply to them."
)
# To the user: an editor's reply.
EDITOR_ANSWER = "👤 <b>One of my editors answered your question</b> “{question}”:\n\n{answer}"
# In the editors' chat, after a reply was relayed (or could not be).
RELAYED = "✅ Sent to the user."
RELAY_FAILED = "⚠️ Could not reach the user (they may have blocked the bot)."


def language_choice_html(available: list[str], chosen: str | None, language: str = "en") -> str:
    """The answer to a bare /language: the languages there are and how to choose one."""
    codes = ", ".join(f"<code>{code}</code>" for code in available)
    if language == "ru":
        now_ru = f"Сейчас: <b>{chosen}</b>." if chosen else "Сейчас: язык, на котором вы пишете."
        return (
            f"Я могу отвечать на языках: {codes}. {now_ru}\n"
            "Отправьте <code>/language ru</code>, чтобы выбрать язык, или "
            "<code>/language auto</code>, чтобы я отвечал на языке вашего сообщения."
        )
    now = f"Now: <b>{chosen}</b>." if chosen else "Now: the language you write in."
    return (
        f"I can answer in: {codes}. {now}\n"
        "Send <code>/language ru</code> to choose one, or <code>/language auto</code> "
        "to answer in the language you write in."
    )


def language_set_html(language: str | None, interface: str = "en") -> str:
    """The confirmation of a /language choice (None: back to the message's language).

    Args:
        language: the language chosen, or None for the language of each message.
        interface: the language to confirm an automatic choice in.
    """
    if language is None:
        if interface == "ru":
            return "Хорошо: отвечаю на языке, на котором вы пишете."
        return "OK: I answer in the language you write in."
    if language == "ru":
        return "Хорошо: отвечаю по-русски."
    return f"OK: I answer in <b>{language}</b>."


def language_unknown_html(asked: str, available: list[str], language: str = "en") -> str:
    """A /language argument the content has no answers in."""
    codes = ", ".join(f"<code>{code}</code>" for code in available)
    asked = escape(asked)
    if language == "ru":
        return f"У меня нет ответов на <code>{asked}</code>. Я могу отвечать на языках: {codes}."
    return f"I have no answers in <code>{asked}</code>. I can answer in: {codes}."


# The bot's Telegram profile per language: what people see before pressing Start
# (setMyDescription, up to 512 characters; setMyShortDescription, up to 120).
PROFILE = {
    "": (
        "I answer questions about vitamin K2, only from one article, and can show the "
        "passage behind every answer. Not medical advice: for your own health, ask a doctor.",
        "Answers about vitamin K2 from one article, with its source.",
    ),
    "ru": (
        "Я отвечаю на вопросы о витамине K2 только по одной статье и могу показать отрывок, "
        "на котором основан каждый ответ. Это не медицинская консультация: по вопросам своего "
        "здоровья обратитесь к врачу.",
        "Ответы о витамине K2 по одной статье, с источником.",
    ),
}
# The command menu per language_code, besides the default (English) one.
COMMAND_MENUS = {"ru": COMMAND_MENU_RU}


# For a message in a language the content has no answers in: said in that language, with
# the topics as buttons under it (in English, the language they are answered in).
NO_CONTENT_IN_LANGUAGE = {
    "uk": "Я можу відповідати англійською та російською; ось на що я можу відповісти:",
    "es": "Puedo responder en inglés y en ruso; esto es lo que puedo responder:",
    "pt": "Posso responder em inglês e em russo; eis o que posso responder:",
    "de": "Ich kann auf Englisch und Russisch antworten; das kann ich beantworten:",
    "fr": "Je peux répondre en anglais et en russe ; voici ce à quoi je peux répondre :",
    "it": "Posso rispondere in inglese e in russo; ecco a cosa posso rispondere:",
    "tr": "İngilizce ve Rusça yanıt verebilirim; yanıtlayabildiklerim şunlar:",
    "fa": "من می‌توانم به انگلیسی و روسی پاسخ دهم؛ این‌ها پرسش‌هایی است که می‌توانم پاسخ دهم:",
    "ar": "يمكنني الإجابة بالإنجليزية والروسية؛ هذه هي الأسئلة التي يمكنني الإجابة عنها:",
    "hi": "मैं अंग्रेज़ी और रूसी में जवाब दे सकता हूँ; ये हैं वे सवाल जिनका मैं जवाब दे सकता हूँ:",
    "id": "Saya bisa menjawab dalam bahasa Inggris dan Rusia; ini yang bisa saya jawab:",
    "pl": "Mogę odpowiadać po angielsku i po rosyjsku; oto na co mogę odpowiedzieć:",
    "kk": "Мен ағылшын және орыс тілдерінде жауап бере аламын; мына сұрақтарға жауап бере аламын:",
    "uz": "Men ingliz va rus tillarida javob bera olaman; mana men javob bera oladigan savollar:",
    "zh": "我可以用英语和俄语回答；以下是我能回答的问题：",
    "ja": "英語とロシア語で答えられます。答えられる質問はこちらです：",
    "ko": "영어와 러시아어로 답할 수 있습니다. 답할 수 있는 질문은 다음과 같습니다:",
}
# Any other language the content has no answers in.
NO_CONTENT_IN_LANGUAGE_DEFAULT = "I can answer in English and Russian; here is what I can answer:"


# Interface texts in Russian, keyed by their English text: `in_language` picks one.
RUSSIAN = {
    NOT_LOGGING: "Я не записываю вопросы, так что удалять или менять нечего.",
    NOT_LOGGING_AT_ALL: (
        "🔒 Я не записываю ваши вопросы: ничего из того, что вы спрашиваете, не хранится."
    ),
    OPTED_OUT: (
        "Готово: я больше не записываю ваши вопросы, а то, что хранилось, удалено. "
        "Отправьте /optin, если передумаете."
    ),
    OPTED_IN: ("Готово: ваши вопросы снова записываются (без имени и id). /optout отключает это."),
    TOPICS_TAP: "Вопросы, на которые я могу ответить. Нажмите на любой:",
    PREVIOUS_PAGE: "« Назад",
    NEXT_PAGE: "Далее »",
    SOURCE_BUTTON: "📖 Источник",
    SHARE_BUTTON: "↗️ Поделиться",
    HELPFUL_BUTTON: "👍 Полезно",
    NOT_HELPFUL_BUTTON: "👎 Не помогло",
    CONTEXT_LINE: "↪ о теме: {topic}",
    OMITTED_PASSAGES: "[…] (остальное покажет кнопка 📖 Источник)",
    UNKNOWN_COMMAND: (
        "Я не знаю такой команды. Попробуйте /help, /topics или /source или просто "
        "напишите свой вопрос."
    ),
    NON_TEXT_REPLY: (
        "Я понимаю только текстовые вопросы. Напишите свой вопрос о витамине K2 или "
        "отправьте /topics."
    ),
    STORAGE_TROUBLE: (
        "Извините, сейчас я не могу обратиться к своему хранилищу. Попробуйте ещё раз через минуту."
    ),
    SLOW_DOWN: "Вы отправляете сообщения очень быстро. Я снова отвечу через несколько секунд.",
    APOLOGY: "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
    STALE_BUTTON: (
        "Извините, эта кнопка устарела. Отправьте /topics, чтобы увидеть, на что я могу ответить."
    ),
    VOTE_RECORDED: "Спасибо за отзыв!",
    VOTE_REPEATED: "Вы уже оценили этот ответ.",
    VOTE_UNKNOWN: "Извините, эта кнопка устарела.",
    VOTE_NOT_STORED: "Спасибо! (Ваш отзыв не сохранён.)",
    STARTED_OVER: "Хорошо, начнём сначала: я забыл, о чём мы говорили.",
    NOTHING_TO_FORGET: "Мы и так начинаем с чистого листа: спрашивайте что угодно о витамине K2.",
    # The topic stays in “…”: that is how a reply to this message finds its topic again.
    NOTHING_MORE: (
        "Это всё, что мой источник говорит о теме “{topic}”; я показал всё, что в нём об "
        "этом есть. Отправьте /topics, чтобы увидеть другие вопросы, на которые я могу ответить."
    ),
    NOTHING_MORE_SAFETY: (
        "Больше ничего сказать об этом не могу: мой источник этого не охватывает, а ответ "
        "зависит от вашего здоровья, так что это вопрос к вашему врачу или фармацевту."
    ),
    NOT_COVERED_ON_TOPIC: (
        "Мой источник ничего не говорит об этом в связи с темой “{topic}”, поэтому ответить "
        "по нему я не могу. Отправьте /topics, чтобы увидеть, что в нём есть."
    ),
    ASK_THE_BOT: "Спросить K2 Bot",
    ASK_PRIVATELY: "Спросить K2 Bot лично",
    GUEST_MORE: "Больше ответов от K2 Bot",
    HANDOFF_BUTTON: "🙋 Спросить человека (уйдёт только ваш вопрос)",
    HANDOFF_CONFIRM_BUTTON: "Да, отправить мой вопрос",
    HANDOFF_OFFER: (
        "Жаль, что это не помогло. Если хотите, я передам ваш вопрос людям, которые "
        "редактируют мои ответы; уйдёт только вопрос, без вашего имени и аккаунта."
    ),
    HANDOFF_CONSENT: (
        "Вы просили не записывать ваши вопросы, поэтому сначала уточню: отправить этот вопрос "
        "моим редакторам? Им уйдёт только его текст, без вашего имени и аккаунта:\n\n"
        "<i>{question}</i>"
    ),
    HANDOFF_SENT: (
        "Я передал ваш вопрос моим редакторам. Если кто-то из них ответит, я пришлю ответ "
        "сюда. Отправлен только ваш вопрос, без вашего имени и аккаунта."
    ),
    HANDOFF_ALREADY_SENT: "Ваш вопрос уже у моих редакторов.",
    HANDOFF_GONE: (
        "Извините, это предложение устарело. Задайте вопрос ещё раз, и я предложу снова."
    ),
    HANDOFF_FAILED: "Извините, сейчас я не могу связаться с редакторами. Попробуйте позже.",
    EDITOR_ANSWER: (
        "👤 <b>Один из моих редакторов ответил на ваш вопрос</b> “{question}”:\n\n{answer}"
    ),
    # Editors' texts, for an editor whose language is Russian.
    EDITORS_ONLY_BUTTONS: "Извините, эти кнопки только для редакторов бота.",
    STALE_LIST: "Этот список устарел: отправьте /unanswered ещё раз.",
    NOTHING_TO_UNDO: "Отменять нечего.",
    CHOOSE_INTENT: "В какой интент добавить эти вопросы? (сначала ближайшие)",
    UNDO_BUTTON: "↩️ Отменить",
    # The terminal chat (`k2bot chat`).
    SUGGESTIONS_HEADING: "Введите номер:",
    RELATED_HEADING: "По теме:",
    SOURCE_HINT: "(введите /source, чтобы увидеть отрывок из статьи)",
}


def in_language(text: str, language: str) -> str:
    """`text` (an English interface text here) in `language`, or as it is without one."""
    if language == "ru":
        return RUSSIAN.get(text, text)
    return text
