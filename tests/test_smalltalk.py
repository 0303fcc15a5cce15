"""Small talk as Telegram users type it (round 7): emoji alone, languages the bot has no
answers in, praise, and questions that share a thanks pattern's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import QuestionKind, evaluate, read_examples
from bot.intents import Kind
from bot.matching import Outcome
from bot.matching.smalltalk import emoji_meaning
from bot.responder import Responder

DEV_SMALLTALK = Path(__file__).parent / "data" / "dev_smalltalk_blind.jsonl"

GREETING = "Hello! 👋 I answer questions about vitamin K2"
WELCOME = "You're welcome!"


@pytest.mark.parametrize(
    ("message", "reply_starts"),
    [
        ("👋", GREETING),
        ("👋🏽", GREETING),
        ("🙏", WELCOME),
        ("👍👍", WELCOME),
        ("❤️", WELCOME),
    ],
)
def test_an_emoji_alone_gets_the_small_talk_it_means(
    responder: Responder, message: str, reply_starts: str
) -> None:
    reply = responder.respond(message)
    assert reply.outcome is Outcome.ANSWER
    assert reply.text.startswith(reply_starts)


@pytest.mark.parametrize("message", ["🙂", "😂", "🤔", "…"])
def test_an_emoji_without_a_small_talk_meaning_is_still_asked_for_a_question(
    responder: Responder, message: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is None
    assert "didn't catch a question" in reply.text


def test_an_emoji_beside_words_leaves_the_words_to_decide() -> None:
    """ "👍 does k2 help bones" is a question: only a message of emoji alone is read so."""
    assert emoji_meaning("👍 does k2 help bones") is None
    assert emoji_meaning("👋!") == "hello"


@pytest.mark.parametrize(
    ("message", "intent_id", "honest_line"),
    [
        ("danke", "thanks", "Ich kann auf Englisch und Russisch antworten"),
        ("gracias", "thanks", "Puedo responder en inglés y en ruso"),
        ("merci", "thanks", "Je peux répondre en anglais et en russe"),
        ("привіт", "greeting", "Я можу відповідати англійською та російською"),
    ],
)
def test_small_talk_in_a_language_without_answers_is_answered_and_says_which_languages(
    responder: Responder, message: str, intent_id: str, honest_line: str
) -> None:
    """Was the honest list alone, headed by the small talk's own title ("• Thanks")."""
    reply = responder.respond(message)
    assert reply.intent is not None and reply.intent.id == intent_id
    # In the asker's language when the small talk has a text there (Ukrainian), else English.
    assert reply.text.startswith(reply.intent.answer_in(reply.language))
    assert honest_line in reply.text
    assert f"• {reply.intent.title}" not in reply.text
    # The topics offered under it are article questions, as buttons.
    assert reply.related and all(i.kind is Kind.ARTICLE for i in reply.related)


def test_an_article_question_in_a_language_without_answers_still_gets_no_answer(
    responder: Responder,
) -> None:
    reply = responder.respond("Was ist Vitamin K2 und wofür ist es gut?")
    assert reply.intent is None
    assert reply.text.startswith("Ich kann auf Englisch und Russisch antworten")


@pytest.mark.parametrize("message", ["where do you get your info", "what info do you have"])
def test_a_question_sharing_a_thanks_patterns_word_is_not_thanked(
    responder: Responder, message: str
) -> None:
    """ "thanks for the info" shares only "info" with these: they ask, they don't thank."""
    reply = responder.respond(message)
    assert not reply.text.startswith(WELCOME)


@pytest.mark.parametrize(
    ("message", "intent_id"),
    [
        ("great answer", "thanks"),
        ("you're the best", "thanks"),
        ("that's all for now", "goodbye"),
        ("can you help me", "about_bot"),
        ("what languages do you speak", "about_bot"),
        ("salam", "greeting"),
        ("anybody there?", "greeting"),
        # "whats up" was read as "what": with "bot" it was "what is this bot".
        ("what's up bot", "greeting"),
        ("wazzup", "greeting"),
    ],
)
def test_everyday_small_talk_is_answered(
    responder: Responder, message: str, intent_id: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.text == reply.intent.answer


@pytest.mark.parametrize(
    ("message", "intent_id"),
    [
        ("thanks, and what about mk7?", "forms_mk4_mk7"),
        ("hello, should i take k2 with d3", "k2_with_d3"),
        ("hi, my 3 year old ate a bunch of my k2 pills", "safety_emergency"),
    ],
)
def test_a_k2_question_or_a_risk_beside_small_talk_wins(
    responder: Responder, message: str, intent_id: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is not None and reply.intent.id == intent_id


@pytest.mark.parametrize(
    "message", ["translate good morning into french", "how do you say thank you in japanese"]
)
def test_a_request_about_small_talk_words_gets_no_small_talk(
    responder: Responder, message: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is None or reply.intent.kind is not Kind.SMALLTALK


def test_the_blind_small_talk_set_meets_its_gates(responder: Responder) -> None:
    """Issue 12 asks 92% small talk; no lookalike request gets an article answer."""
    report = evaluate(responder, read_examples(DEV_SMALLTALK), worst=0)
    assert report.kind_rate(QuestionKind.SMALLTALK) >= 0.92
    assert report.kind_rate(QuestionKind.OFF_TOPIC) == 0.0
    assert report.kind_rate(QuestionKind.SAFETY) == 1.0


@pytest.mark.parametrize(
    ("message", "intent_id"),
    [
        ("thanks! and does it help with bone density?", "bone_density"),
        ("thank you! how does k2 get into the bones?", "reaches_bone"),
        ("hey, thanks, what about mk4", "forms_mk4_mk7"),
    ],
)
def test_a_question_after_a_courtesy_is_answered_as_if_asked_alone(
    responder: Responder, message: str, intent_id: str
) -> None:
    """The courtesy word counted against the answer: "thanks! and does it help with bone
    density?" was only offered bone density."""
    reply = responder.respond(message)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.text == reply.intent.answer


@pytest.mark.parametrize(
    ("message", "intent_id"),
    [("thanks, that helps", "thanks"), ("thanks, that helps a lot", "thanks")],
)
def test_small_talk_after_a_courtesy_stays_the_whole_messages(
    responder: Responder, message: str, intent_id: str
) -> None:
    """ "that helps" alone reads as asking for help: the whole message says thanks."""
    reply = responder.respond(message)
    assert reply.intent is not None and reply.intent.id == intent_id


@pytest.mark.parametrize(
    ("message", "reply_starts"),
    [("thnak you", WELCOME), ("hlelo", GREETING)],
)
def test_a_short_word_with_two_letters_swapped_is_read(
    responder: Responder, message: str, reply_starts: str
) -> None:
    assert responder.respond(message).text.startswith(reply_starts)


def test_a_swapped_domain_word_is_read_too(responder: Responder) -> None:
    reply = responder.respond("does k2 help my bnoe density")
    assert reply.intent is not None and reply.intent.id == "bone_density"


def test_whats_up_with_k2_still_asks_what_k2_is(responder: Responder) -> None:
    reply = responder.respond("what is up with k2")
    assert reply.intent is not None and reply.intent.id == "what_is_k2"
