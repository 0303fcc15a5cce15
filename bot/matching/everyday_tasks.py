"""Everyday assistant requests: a message that gives an assistant a task, not a question.

"add vitamin k2 and d3 to my shopping list", "remind me to take calcium after dinner",
"reorder my calcium supplements", "how do you spell osteoporosis": people say such things
to a voice or chat assistant, and they name K2, calcium or D3 only as the thing to buy,
take or spell. The article answers none of them, however many of its words they share, so
a message shaped as a task gets no article answer and no "did you mean" (small talk and
the out-of-scope declines still apply). The frame is read from the message as typed, by
its shape (an imperative task verb first, or an assistant's own object such as a reminder,
a timer or a shopping list), never from its topic.
"""

from __future__ import annotations

import re

from bot.text import QUESTION_WORDS

# Verbs that open a task for an assistant ("add", "remind", "reorder", "spell"). Questions
# about the article open with a question word or an auxiliary, or with verbs that ask to
# be told ("explain", "tell", "define", "show"), which are not here.
TASK_VERBS = frozenset(
    """
    add put remind set reorder order buy purchase text message call dial ring book reserve
    schedule reschedule cancel delete remove snooze log mark track play turn translate spell
    convert navigate wake refill pay transfer email find
    save share print bookmark forward jot rate quiz summarize summarise
    """.split()
)
# Words a request may open with before its verb ("please add...", "can you remind me...").
# A voice assistant's wake word opens it too ("alexa, share...", "hey google find...",
# "siri save this: ..."): it names whom the task is for, not what is asked.
WAKE_WORDS = frozenset("alexa siri google cortana bixby assistant".split())
POLITE_OPENERS = (
    frozenset("please pls plz kindly hey hi ok okay so now also and then quickly just".split())
    | WAKE_WORDS
)
# "can you add...", "could you please set...", "i need you to order...".
_ASKING_YOU = re.compile(
    r"^(?:(?:can|could|would|will)\s+(?:you|u)|(?:i\s+)?(?:need|want)\s+(?:you|u)\s+to)\s+"
)
# An assistant's own objects: a message about a reminder, an alarm, a timer, a calendar or
# a shopping or to-do list is a task whatever it names ("is calcium on my shopping list",
# "did i set a reminder for my pills"). "list" alone is not one ("k2 benefits list").
TASK_OBJECTS = frozenset(
    """
    reminder reminders alarm alarms timer timers calendar playlist cart
    """.split()
)
_LISTS = re.compile(r"\b(?:shopping|grocery|groceries|to\s*-?\s*do|todo|pharmacy)\s+list\b")
# Notes are an assistant's object too, said with their verb ("make a note that k2 helps
# bones", "note down my dose"): a bare "note" may be the article's ("a note on mk7").
_NOTES = re.compile(r"\b(?:make|take|add|create) an? note\b|\bnote (?:down|that)\b")
# Asking how a word is spelled is a task too, whatever the word ("how do you spell
# osteoporosis").
_SPELLING = re.compile(r"\bhow (?:do|would|should|to) (?:you |u |i |we )?spell\b|\bspelling of\b")
# Asking the assistant about one's own schedule ("what day is my bone density scan", "when
# is my next infusion"): a calendar question, whatever it names.
_SCHEDULE = re.compile(r"^(?:what (?:day|time|date) is (?:my|our)|when is (?:my|our) next)\b")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def everyday_task(question: str) -> str | None:
    """What makes `question` an everyday task for an assistant, or None when it isn't one.

    Returns:
        A short reason for `k2bot ask --explain` ("opens with the task verb 'add'", "names
        an assistant's object: 'reminder'"), or None.
    """
    text = question.lower().replace("\u2019", "'")
    listed = _LISTS.search(text)
    if listed is not None:
        return f"names an assistant's object: {' '.join(listed.group(0).split())!r}"
    if _SPELLING.search(text) is not None:
        return "asks how a word is spelled"
    noted = _NOTES.search(text)
    if noted is not None:
        return f"names an assistant's object: {noted.group(0)!r}"
    words = _WORD.findall(text)
    for word in words:
        if word in TASK_OBJECTS:
            return f"names an assistant's object: {word!r}"
    opened = _opener_words(words)
    if not opened:
        return None
    if _SCHEDULE.match(" ".join(opened)) is not None:
        return "asks about the user's own schedule"
    verb = opened[0]
    if verb not in TASK_VERBS:
        return None
    # "remind me what k2 does", "tell me why": the verb only introduces a question.
    after = [w for w in opened[1:3] if w not in ("me", "us")]
    if after and after[0] in QUESTION_WORDS:
        return None
    return f"opens with the task verb {verb!r}"


def _opener_words(words: list[str]) -> list[str]:
    """The words from the request's verb on: polite openers and "can you" skipped."""
    position = 0
    while position < len(words) and words[position] in POLITE_OPENERS:
        position += 1
    rest = " ".join(words[position:])
    asked = _ASKING_YOU.match(rest + " ")
    if asked is not None:
        rest = rest[asked.end() :]
    opened = rest.split()
    while opened and opened[0] in POLITE_OPENERS:
        opened.pop(0)
    return opened
