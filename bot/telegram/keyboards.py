"""Inline keyboards and the compact callback data behind their buttons.

Callback data is at most 64 bytes; ours is "<action>:<argument>" with intent ids of at
most 40 ASCII characters, so every button fits. Anything that does not decode (forged,
stale after a content change, or from an older version) decodes to None.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, SwitchInlineQueryChosenChat

from bot import messages
from bot.intents import Intent, Kind
from bot.matching import Outcome
from bot.responder import Reply

CALLBACK_DATA_LIMIT = 64
TOPICS_PER_PAGE = 6
BUTTON_LABEL_LIMIT = 60


class Action(StrEnum):
    ANSWER = "a"
    SOURCE = "s"
    TOPICS = "t"
    HELPFUL = "u"  # the argument is the logged question's reference
    NOT_HELPFUL = "d"
    HANDOFF = "h"  # "Ask a person"; the argument is the offer's token
    HANDOFF_CONFIRM = "c"  # "Yes, send it", from a user who opted out of logging


@dataclass(frozen=True, slots=True)
class Press:
    """A decoded button press."""

    action: Action
    argument: str


def encode(action: Action, argument: str) -> str:
    data = f"{action.value}:{argument}"
    if len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {data!r}")
    return data


def decode(data: object) -> Press | None:
    """The press behind callback data, or None when it is not ours."""
    if not isinstance(data, str) or len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
        return None
    code, _, argument = data.partition(":")
    try:
        action = Action(code)
    except ValueError:
        return None
    if not argument or not argument.replace("_", "").isalnum() or not argument.isascii():
        return None
    return Press(action, argument)


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_LABEL_LIMIT else text[: BUTTON_LABEL_LIMIT - 1] + "…"


def reply_keyboard(
    reply: Reply,
    *,
    share: bool = True,
    vote_ref: str | None = None,
    handoff: str | None = None,
) -> InlineKeyboardMarkup | None:
    """Buttons under a reply: source, share, 👍/👎, related questions, or "did you mean";
    under a fall-back, "Ask a person" when `handoff` (the offer's token) is given."""
    rows: list[list[InlineKeyboardButton]] = []
    if reply.intent is not None:
        first_row = []
        if reply.sources:
            first_row.append(
                InlineKeyboardButton(
                    "📖 Source", callback_data=encode(Action.SOURCE, reply.intent.id)
                )
            )
        if share and reply.intent.answers_the_question:
            # A chat picker; the chosen chat opens with `@bot <question>` typed, the
            # answer offered above the keyboard, one tap to send.
            first_row.append(
                InlineKeyboardButton(
                    "↗️ Share",
                    switch_inline_query_chosen_chat=SwitchInlineQueryChosenChat(
                        query=reply.intent.title,
                        allow_user_chats=True,
                        allow_group_chats=True,
                        allow_channel_chats=True,
                    ),
                )
            )
        if first_row:
            rows.append(first_row)
        if vote_ref is not None and reply.intent.kind in (Kind.ARTICLE, Kind.SAFETY):
            rows.append(
                [
                    InlineKeyboardButton(
                        "👍 Helpful", callback_data=encode(Action.HELPFUL, vote_ref)
                    ),
                    InlineKeyboardButton(
                        "👎 Not helpful", callback_data=encode(Action.NOT_HELPFUL, vote_ref)
                    ),
                ]
            )
    for intent in reply.suggestions or reply.related[:3]:
        rows.append([_answer_button(intent)])
    if handoff is not None and reply.intent is None and reply.outcome is Outcome.FALLBACK:
        rows.append([handoff_button(handoff)])
    return InlineKeyboardMarkup(rows) if rows else None


def handoff_button(token: str, *, confirm: bool = False) -> InlineKeyboardButton:
    """The "Ask a person" button (or, for a user who opted out, "Yes, send it")."""
    if confirm:
        return InlineKeyboardButton(
            messages.HANDOFF_CONFIRM_BUTTON, callback_data=encode(Action.HANDOFF_CONFIRM, token)
        )
    return InlineKeyboardButton(
        messages.HANDOFF_BUTTON, callback_data=encode(Action.HANDOFF, token)
    )


def topics_keyboard(topics: tuple[Intent, ...], page: int) -> InlineKeyboardMarkup:
    """One page of topic buttons with Prev/Next."""
    pages = max(1, -(-len(topics) // TOPICS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PER_PAGE
    rows = [[_answer_button(i)] for i in topics[start : start + TOPICS_PER_PAGE]]
    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton("« Prev", callback_data=encode(Action.TOPICS, str(page - 1)))
        )
    if page < pages - 1:
        nav.append(
            InlineKeyboardButton("Next »", callback_data=encode(Action.TOPICS, str(page + 1)))
        )
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def _answer_button(intent: Intent) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        _label(intent.title), callback_data=encode(Action.ANSWER, intent.id)
    )
