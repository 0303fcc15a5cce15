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
    """What a button under an answer does; its value starts the callback data."""

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
    """Callback data for a button; ValueError when over Telegram's 64 bytes."""
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
    """Buttons under a reply.

    Source, share, 👍/👎, related questions, or "did you mean"; under a fall-back,
    "Ask a person" when `handoff` (the offer's token) is given.
    """
    rows: list[list[InlineKeyboardButton]] = []
    if reply.intent is not None:
        first_row = []
        if reply.sources:
            first_row.append(
                InlineKeyboardButton(
                    messages.in_language(messages.SOURCE_BUTTON, reply.language),
                    callback_data=encode(Action.SOURCE, reply.intent.id),
                )
            )
        if share and reply.intent.answers_the_question:
            # A chat picker; the chosen chat opens with `@bot <question>` typed, the
            # answer offered above the keyboard, one tap to send.
            first_row.append(
                InlineKeyboardButton(
                    messages.in_language(messages.SHARE_BUTTON, reply.language),
                    switch_inline_query_chosen_chat=SwitchInlineQueryChosenChat(
                        query=reply.intent.title_in(reply.language),
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
                        messages.in_language(messages.HELPFUL_BUTTON, reply.language),
                        callback_data=encode(Action.HELPFUL, vote_ref),
                    ),
                    InlineKeyboardButton(
                        messages.in_language(messages.NOT_HELPFUL_BUTTON, reply.language),
                        callback_data=encode(Action.NOT_HELPFUL, vote_ref),
                    ),
                ]
            )
    for intent in reply.suggestions or reply.related[:3]:
        rows.append([_answer_button(intent, reply.language)])
    if handoff is not None and reply.intent is None and reply.outcome is Outcome.FALLBACK:
        rows.append([handoff_button(handoff, language=reply.language)])
    return InlineKeyboardMarkup(rows) if rows else None


def handoff_button(
    token: str, *, confirm: bool = False, language: str = "en"
) -> InlineKeyboardButton:
    """The "Ask a person" button (or, for a user who opted out, "Yes, send it")."""
    if confirm:
        return InlineKeyboardButton(
            messages.in_language(messages.HANDOFF_CONFIRM_BUTTON, language),
            callback_data=encode(Action.HANDOFF_CONFIRM, token),
        )
    return InlineKeyboardButton(
        messages.in_language(messages.HANDOFF_BUTTON, language),
        callback_data=encode(Action.HANDOFF, token),
    )


def topics_keyboard(
    topics: tuple[Intent, ...], page: int, language: str = "en"
) -> InlineKeyboardMarkup:
    """One page of topic buttons with Prev/Next, labelled in `language` where it has texts."""
    pages = max(1, -(-len(topics) // TOPICS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PER_PAGE
    rows = [[_answer_button(i, language)] for i in topics[start : start + TOPICS_PER_PAGE]]
    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(
                messages.in_language(messages.PREVIOUS_PAGE, language),
                callback_data=encode(Action.TOPICS, str(page - 1)),
            )
        )
    if page < pages - 1:
        nav.append(
            InlineKeyboardButton(
                messages.in_language(messages.NEXT_PAGE, language),
                callback_data=encode(Action.TOPICS, str(page + 1)),
            )
        )
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def _answer_button(intent: Intent, language: str = "en") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        _label(intent.title_in(language)), callback_data=encode(Action.ANSWER, intent.id)
    )


# -- editors: /unanswered's buttons ---------------------------------------------------------
# "e<verb>:<listing>:<group>[:<intent id>]": the listing is a short token naming the
# /unanswered message the group belongs to, so a press on an older list is recognised.
EDITOR_CALLBACK_PATTERN = r"^e[acitu]:"


class EditorAction(StrEnum):
    """What a button under /unanswered does; its value starts the callback data."""

    ADD = "ea"  # add the group's questions to its closest intent
    CHOOSE = "ec"  # show the intents to choose from
    TO = "et"  # add the group's questions to the intent named
    IGNORE = "ei"  # stop listing these questions
    UNDO = "eu"  # revert the last addition


@dataclass(frozen=True, slots=True)
class EditorPress:
    """A decoded press on one of /unanswered's buttons."""

    action: EditorAction
    listing: str
    group: int
    intent_id: str | None = None


def encode_editor(
    action: EditorAction, listing: str, group: int = 0, intent_id: str | None = None
) -> str:
    """Callback data for an editors' button (at most 64 bytes: intent ids are short)."""
    data = f"{action.value}:{listing}:{group}" + (f":{intent_id}" if intent_id else "")
    if len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {data!r}")
    return data


def decode_editor(data: object) -> EditorPress | None:
    """The editors' press behind callback data, or None when it is not one."""
    if not isinstance(data, str) or len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
        return None
    code, _, rest = data.partition(":")
    listing, _, rest = rest.partition(":")
    group, _, intent_id = rest.partition(":")
    try:
        action = EditorAction(code)
    except ValueError:
        return None
    if not listing.isalnum() or not group.isdigit():
        return None
    return EditorPress(action, listing, int(group), intent_id or None)


def unanswered_keyboard(
    listing: str, closest: list[str | None], *, label: int = 24, language: str = "en"
) -> InlineKeyboardMarkup:
    """Per group: "add to <closest intent>" (when it has one), "another intent…", "ignore"."""
    rows: list[list[InlineKeyboardButton]] = []
    for number, intent_id in enumerate(closest, start=1):
        if intent_id is not None:
            rows.append(
                [
                    InlineKeyboardButton(
                        messages.add_to_button(number, intent_id[:label], language),
                        callback_data=encode_editor(EditorAction.ADD, listing, number),
                    )
                ]
            )
        rows.append(
            [
                InlineKeyboardButton(
                    messages.another_intent_button(number, language),
                    callback_data=encode_editor(EditorAction.CHOOSE, listing, number),
                ),
                InlineKeyboardButton(
                    messages.ignore_button(number, language),
                    callback_data=encode_editor(EditorAction.IGNORE, listing, number),
                ),
            ]
        )
    return InlineKeyboardMarkup(rows)


def choose_intent_keyboard(
    listing: str, group: int, intents: list[Intent], language: str = "en"
) -> InlineKeyboardMarkup:
    """The intents a group's questions could be added to, closest first (titled in `language`)."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _label(f"{intent.id}: {intent.title_in(language)}"),
                    callback_data=encode_editor(EditorAction.TO, listing, group, intent.id),
                )
            ]
            for intent in intents
        ]
    )


def undo_keyboard(listing: str, language: str = "en") -> InlineKeyboardMarkup:
    """One button: revert the addition just made."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    messages.in_language(messages.UNDO_BUTTON, language),
                    callback_data=encode_editor(EditorAction.UNDO, listing),
                )
            ]
        ]
    )
