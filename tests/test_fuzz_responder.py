"""Fuzzing the responder: whatever a user types, a reply Telegram accepts, never an exception.

A short campaign runs in CI; `K2_FUZZ=long pytest tests/test_fuzz_responder.py` runs the
long one (100,000 inputs per property).
"""

from __future__ import annotations

from hypothesis import given

from bot.markup import MESSAGE_LIMIT, split_message, utf16_length
from bot.responder import Responder
from k2bot_testing.fake_bot_api import check_telegram_html, parse_telegram_html
from strategies import inline_queries, intent_ids, message_texts


def assert_sendable(html: str) -> None:
    """Every piece the Telegram adapter would send is valid HTML within 4096 UTF-16 units."""
    for piece in split_message(html):
        assert check_telegram_html(piece) is None, piece
        visible, _ = parse_telegram_html(piece)
        assert 0 < utf16_length(visible.strip()) <= MESSAGE_LIMIT


@given(text=message_texts())
def test_any_message_gets_a_sendable_reply(responder: Responder, text: str) -> None:
    """Any text up to 4096 characters gets a reply that Telegram accepts, in one message."""
    reply = responder.respond(text)
    assert_sendable(reply.html)
    assert 1 == len(split_message(reply.html))
    assert reply.as_json()["question"] == text


@given(intent_id=intent_ids())
def test_any_intent_id_answers_or_returns_none(responder: Responder, intent_id: str) -> None:
    """A button press or deep link with any id gets that answer, or None for unknown ids."""
    reply = responder.answer(intent_id)
    if reply is None:
        known = responder.content.by_id.get(intent_id)
        assert known is None or not known.answers_the_question
    else:
        assert reply.intent is not None
        assert intent_id == reply.intent.id
        assert_sendable(reply.html)


@given(query=inline_queries())
def test_any_search_offers_at_most_the_limit_of_known_answers(
    responder: Responder, query: str
) -> None:
    """Inline mode's search never raises and offers at most 50 distinct answers, each sendable."""
    found = responder.search(query, limit=50)
    assert len(found) <= 50
    assert len({i.id for i in found}) == len(found)
    for intent in found:
        assert intent.id in responder.content.by_id
        assert_sendable(intent.answer)
