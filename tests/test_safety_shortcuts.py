"""The safety check's per-message memos change no referral (speed round 12).

`SafetyTriggers.find` reads a message's sentences for the anchored triggers and again to
check its hits, and `patterns_may_refer` reads the message as typed for every text the
matcher ranks: each is now worked out once per message. These tests hold the memos to
reading afresh, with messages asked in turn, so a memo that answered for the wrong message
would fail them.
"""

from __future__ import annotations

import pytest

from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import Content, Kind
from bot.matching.safety.triggers import SafetyTriggers
from bot.responder import Responder
from bot.text import fold

# Messages of several sentences whose referral depends on reading them one by one, and
# one-sentence messages beside them: asked in turn, each must get its own reading.
_IN_TURN = [
    "should I take K2? I'm 45 with no health issues",
    "I'm 38 and healthy. Should I take K2?",
    "what is k2",
    "different kinds of K2?\nHow many forms are there",
    "should I take K2? I'm 45 with no health issues",
    "my daughter told me to take k2, what does it do",
    "my daughter took some of my k2 pills, what do I do",
    "my daughter told me to take k2, what does it do",
    "overdosed on youtube",
    "my daughter says i should take k2",
    "what does k2 do",
]


@pytest.fixture(name="dev_questions", scope="module")
def fixture_dev_questions() -> list[str]:
    """The English dev questions, with the messages above among them."""
    return [*_IN_TURN, *(e.question for e in read_examples(DEV_QUESTIONS))]


def _referral(responder: Responder, question: str) -> str | None:
    intent = responder.respond(question).intent
    return intent.id if intent is not None and intent.kind is Kind.SAFETY else None


def test_messages_asked_in_turn_get_the_referrals_of_a_fresh_responder_each(
    content: Content, responder: Responder
) -> None:
    """Each message's sentences and typed words are its own, whatever was asked before."""
    for question in _IN_TURN:
        fresh = Responder(content)
        assert _referral(responder, question) == _referral(fresh, question), question


def test_the_sentences_remembered_are_the_sentences_read_afresh(
    responder: Responder, dev_questions: list[str]
) -> None:
    """The last message's sentences are reused only for that message."""
    safety: SafetyTriggers = responder.matcher.safety
    for question in dev_questions:
        assert safety._sentences_read(question) == safety._read_sentences(question), question
    # A message of two sentences is read as two; one of one sentence needs no reading.
    assert len(safety._sentences_read("Should I take K2? I'm 45 and healthy")) == 2
    assert safety._sentences_read("should i take k2") == []


def test_patterns_may_refer_with_the_typed_message_remembered_answers_as_afresh(
    responder: Responder, dev_questions: list[str]
) -> None:
    """`patterns_may_refer` reads each ranked text with its own message as typed."""
    safety: SafetyTriggers = responder.matcher.safety
    normalize = responder.matcher.normalizer.normalize
    asked = [(normalize(q).split(), fold(q, limit=None).split() or None) for q in dev_questions]
    # Each text against the message before it too, so a memo keyed wrongly would answer
    # with the other message's reading ("my daughter told me..." is only advisers).
    pairs = [*asked, *((words, asked[i - 1][1]) for i, (words, _) in enumerate(asked))]
    remembered = [safety.patterns_may_refer(words, typed) for words, typed in pairs]
    afresh = []
    for words, typed in pairs:
        safety._last_typed = None
        afresh.append(safety.patterns_may_refer(words, typed))
    assert remembered == afresh
    # The message as typed decides on its own here: "overdosed on youtube" is an everyday
    # sense only as typed (normalised "overdosed tell"), and a daughter's advice names
    # only who advised. A memo that kept the message before would answer otherwise.
    overdosed = normalize("overdosed on youtube").split()
    assert not safety.patterns_may_refer(overdosed, fold("overdosed on youtube").split())
    assert safety.patterns_may_refer(overdosed, fold("what does k2 do").split())
    what = normalize("what does k2 do").split()
    assert safety.patterns_may_refer(what, fold("what does k2 do").split())
    assert not safety.patterns_may_refer(what, fold("my daughter says i should take k2").split())
