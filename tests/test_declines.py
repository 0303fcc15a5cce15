"""Near misses: the bot declines, and says by name what its source doesn't cover (issue 12)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks import decline_topics
from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Reply, Responder

# What a fallback always goes on to say: what the bot can answer.
CAPABILITIES = "I can answer questions about"


def _decline(reply: Reply) -> str:
    """The reply's first paragraph: the decline itself."""
    return reply.text.split("\n\n", 1)[0]


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("k2 and migraines", "“migraines”"),
        ("is there k2 in sardines", "“sardines”"),
        ("k2 for marathon training", "“marathon training”"),
        ("does mk7 help with eczema", "“eczema”"),
        # An out-of-scope intent's decline ("the heart, arteries, other conditions") is
        # followed by the user's own word for what it doesn't mention.
        ("can k2 fix my wrinkles", "“wrinkles”"),
        # The user's apostrophe comes back as typed, not as an HTML entity.
        ("k2 and alzheimer's", "“alzheimer's”"),
    ],
)
def test_a_decline_names_what_the_question_asks_about(
    responder: Responder, question: str, named: str
) -> None:
    """No article answer; the decline names the topic in the user's words, then the
    reply still says what the bot can answer."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.FALLBACK
    assert reply.intent is None
    assert named in _decline(reply)
    assert CAPABILITIES in reply.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("wat is vitamine k2 and wher it comes frm", ""),
        ("does k2 help with migraines frm stress", "“migraines” or “stress”"),
        ("k2 wich helps eczema", "“eczema”"),
        # A real topic a letter longer than a phrasing word is still named ("lots").
        ("can k2 cause blood clots", "clots”"),
    ],
)
def test_a_misspelt_everyday_word_is_never_named_as_a_topic(
    responder: Responder, question: str, named: str
) -> None:
    """ "wher", "frm", "wich" are "where", "from", "which" typed in a hurry: a reply never
    says the article "doesn't mention" them, and names the real topics on their own."""
    reply = responder.respond(question)
    quoted_words = " ".join(re.findall(r"“([^”]*)”", reply.text)).split()
    assert not {"wher", "frm", "wich"} & set(quoted_words), reply.text
    assert named in reply.text


def test_a_decline_that_already_names_the_topic_does_not_name_it_twice(
    responder: Responder,
) -> None:
    """The side-effects decline says "side effects" itself: nothing is added to it."""
    reply = responder.respond("what are the side effects of k2")
    assert reply.outcome is Outcome.FALLBACK
    decline = _decline(reply)
    assert decline.count("side effects") == 1
    assert "“" not in decline


def test_a_question_without_k2_content_gets_the_plain_decline(responder: Responder) -> None:
    """Nothing of the article's domain named: no word is quoted back as a K2 topic."""
    reply = responder.respond("what's a good name for a cat")
    assert reply.outcome is Outcome.FALLBACK
    assert _decline(reply) == "My source, one article about vitamin K2, doesn't cover that."


def test_a_russian_decline_names_no_english_words(responder: Responder) -> None:
    """The named words are the question's own English ones: a Russian reply stays as written."""
    reply = responder.respond("к2 и морщины")
    assert reply.outcome is Outcome.FALLBACK
    assert reply.language == "ru"
    assert "“" not in reply.text


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # What the forms intent doesn't cover: how MK-4 and MK-7 behave in the body.
        ("what is the half life of mk4", "half-life"),
        ("is mk4 absorbed better than mk7", "absorption"),
        # Signs of a K2 deficiency and tests for it are not in the article.
        ("signs you are low in k2", "deficiency"),
        ("k2 deficiency symptoms in adults", "deficiency"),
    ],
)
def test_near_miss_classes_are_declined_not_answered_from_the_article(
    responder: Responder, question: str, says: str
) -> None:
    """Questions next to the article's topics get the decline that names them."""
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    assert reply.outcome is Outcome.FALLBACK
    assert says in _decline(reply)


def test_decline_topics_counts_declines_that_name_the_topic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The measurement: one decline naming its topic, one article answer, one in scope."""
    lines = [
        {"question": "k2 and migraines", "expect": [], "kind": "near_miss", "topic": ["migraine"]},
        {"question": "what is mk7", "expect": [], "kind": "near_miss", "topic": ["half-life"]},
        {"question": "what is k2", "expect": ["what_is_k2"], "kind": "in_scope"},
    ]
    questions = tmp_path / "near.jsonl"
    questions.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert decline_topics.main([str(questions)]) == 0
    printed = capsys.readouterr().out
    assert "Near misses with a topic: 2" in printed
    assert "Decline names the topic: 1/2 = 50.0%" in printed


def test_a_did_you_mean_says_first_what_the_source_does_not_mention(
    responder: Responder,
) -> None:
    """A near miss offered article topics is told first that its own topic isn't covered."""
    reply = responder.respond("does k2 help with fibromyalgia")
    assert reply.outcome is Outcome.SUGGEST
    assert reply.suggestions
    first_line, rest = reply.text.split("\n", 1)
    assert first_line == "My source, one article about vitamin K2, doesn't mention “fibromyalgia”."
    assert "Did you mean" in rest


def test_a_did_you_mean_for_a_covered_question_names_no_phrasing_word(
    responder: Responder,
) -> None:
    """An everyday word of a paraphrase ("straight") is no topic: nothing is named, whether
    the question is offered (as now) or answered."""
    reply = responder.respond("can k2 go straight into bone")
    assert reply.outcome is not Outcome.FALLBACK
    assert "doesn't mention" not in reply.text
