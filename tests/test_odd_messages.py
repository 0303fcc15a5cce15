"""Odd messages the reading rules must survive: courtesies, long runs, emoji, digit signs."""

from __future__ import annotations

import random
import string
from collections.abc import Callable

import pytest

from bot.matching import Matcher, Outcome
from bot.matching.safety import triggers as safety_triggers
from bot.matching.smalltalk import MAX_CLOSING_PIECES, MAX_OPENING_PIECES
from bot.responder import Responder

WELCOME = "You're welcome!"
GREETING = "Hello! 👋 I answer questions about vitamin K2"


@pytest.mark.parametrize("courtesy", ["hi, ", "thanks, ", "ok thanks, "])
def test_a_message_of_courtesies_up_to_telegrams_limit_is_answered(
    responder: Responder, courtesy: str
) -> None:
    """Each opening courtesy was read away by matching the rest again, one call deeper:
    "hi, " a thousand times (4,000 characters) raised RecursionError."""
    message = (courtesy * (4000 // len(courtesy))).strip()
    reply = responder.respond(message)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.kind.value == "smalltalk"


@pytest.mark.parametrize(
    ("message", "reply_starts"),
    [("thanks! 🙏", WELCOME), ("thank you! 👍", WELCOME), ("Hello! 👋", GREETING)],
)
def test_a_courtesy_then_an_emoji_is_still_the_courtesy(
    responder: Responder, message: str, reply_starts: str
) -> None:
    """Reading the thanks away as a pleasantry left the emoji alone, which has no words:
    "thanks! 🙏" got the fallback."""
    reply = responder.respond(message)
    assert reply.outcome is Outcome.ANSWER
    assert reply.text.startswith(reply_starts)


class _LookupBudget:
    """Counts the words looked up, and stops a runaway search once over its budget."""

    def __init__(self, lookup: Callable[[str], float], budget: int) -> None:
        self.lookup, self.budget, self.calls = lookup, budget, 0

    def __call__(self, word: str) -> float:
        self.calls += 1
        if self.calls > self.budget:
            raise RuntimeError("over budget")
        return self.lookup(word)


def test_a_long_run_of_letters_is_not_searched_for_every_split(
    responder: Responder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading words typed without spaces tried every piece of the run: a 4,000-letter
    word (one Telegram message) cost millions of lookups, 15 s of a core for one message.
    Nobody types a question of hundreds of letters without a space."""
    counted = _LookupBudget(safety_triggers._english_stem, budget=20_000)
    monkeypatch.setattr(safety_triggers, "_english_stem", counted)
    letters = random.Random(7)
    run = "".join(letters.choice(string.ascii_lowercase) for _ in range(4000))
    for message in (run, "canitakek2withwarfarin" * 180):
        responder.respond(message)
    assert counted.calls <= counted.budget


def test_only_the_first_and_last_few_sentences_are_read_as_pleasantries(
    responder: Responder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each sentence at either end was ranked alone while it read as small talk: a
    message of a thousand "hi!" ranked a thousand sentences (ten times the old cost)."""
    read: list[str] = []
    is_pleasantry = Matcher._is_pleasantry

    def counted(matcher: Matcher, sentence: str, ranks: dict | None) -> bool:
        read.append(sentence)
        return is_pleasantry(matcher, sentence, ranks)

    monkeypatch.setattr(Matcher, "_is_pleasantry", counted)
    assert responder.matcher.without_pleasantries("hi! " * 1000) != ""
    assert len(read) <= MAX_OPENING_PIECES + MAX_CLOSING_PIECES


@pytest.mark.parametrize(
    "message",
    [
        "thanks! and does it help with bone density?",
        "Thank you. So does it help with bone density?",
    ],
)
def test_a_courtesy_sentence_before_a_question_with_a_filler_is_read_away(
    responder: Responder, message: str
) -> None:
    """Two merged rules met: the thanks sentence was read away as a pleasantry first, so
    the courtesy rule never saw it and "and does it help..." kept its "and" (only offered)."""
    reply = responder.respond(message)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "bone_density"


@pytest.mark.parametrize("message", ["should i take k2 with d2", "k2 with ergocalciferol"])
def test_vitamin_d2_is_not_read_as_d3(responder: Responder, message: str) -> None:
    """The synonym rescan read its own output again: "d2" was written "vitd" (vitamin D2,
    kept apart), and "vitd", a way of writing D3, was then read as "d3": the article's
    answer about K2 with D3 was given to a question about D2, which it never mentions."""
    reply = responder.respond(message)
    assert reply.intent is None or reply.intent.id != "k2_with_d3"


def test_a_term_is_not_rewritten_inside_what_it_was_rewritten_to(responder: Responder) -> None:
    """ "vessel wall" is written "blood vessel wall", which holds "vessel wall" again: each
    rescan put another "blood" in front."""
    normalize = responder.matcher.normalizer.normalize
    assert normalize("vessel wall") == "blood vessel wall"


def test_a_frame_is_still_read_around_a_rewritten_term(responder: Responder) -> None:
    """What the rescan is for: a frame written around a term however the term was written."""
    normalize = responder.matcher.normalizer.normalize
    assert normalize("what vit k2 does") == normalize("what k2 does")


@pytest.mark.parametrize("message", ["👋\u200b", "\u200e🙏", "\ufeff👍"])
def test_an_emoji_with_an_invisible_mark_is_still_read(responder: Responder, message: str) -> None:
    """Copied text brings zero-width spaces and direction marks: "👋" with one got the
    fallback, as if it held a character of its own."""
    reply = responder.respond(message)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.kind.value == "smalltalk"


@pytest.mark.parametrize(
    "message", ["What is vitamin K2? warfarin ➎", "my mum is ➑⓿ with thin bones, k2?"]
)
def test_a_digit_sign_that_is_no_number_gets_a_reply(responder: Responder, message: str) -> None:
    # "➎" and "⓿" pass str.isdigit() but int() refuses them: the old-age check raised.
    reply = responder.respond(message)
    assert reply.text


def test_an_old_age_in_ordinary_digits_still_counts(responder: Responder) -> None:
    reply = responder.respond("my mum is 80 with osteoporosis, would mk7 help her")
    assert reply.intent is not None


def test_a_risk_told_mid_way_through_a_long_post_is_referred(responder: Responder) -> None:
    """Matching reads a long message's start and end only; safety read the same, so a
    blood thinner named in the middle of a long post got no referral."""
    story = (
        "My sister and I have been reading about vitamin K2 for months, comparing notes "
        "on the articles we find and the forums we follow about bones and calcium. "
    )
    middle = "I have been on warfarin for two years now. "
    message = story * 8 + middle + story * 8 + "So what do you think about K2?"
    assert len(message) < 4096  # one Telegram message
    reply = responder.respond(message)
    assert reply.intent is not None and reply.intent.id == "safety_medicines"
