"""A decline won on one rare word offers the article answer that covers the rest (issue 12).

"is MK-7 made in the colon by bacteria, or do we only get it from natto" asks two things:
the article answers where MK-7 is made, not natto. The foods decline wins on "natto"; the
user keeps the honest decline and is offered the answer as a "did you mean" (a button on
Telegram, a number in the terminal, "yes" in a conversation). Every test drives the real
responder on the shipped content.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_telegram import running_bot, wait_replies

from benchmarks import offers
from bot.dialogue import Dialogue, merged
from bot.matching import Outcome
from bot.responder import Responder
from builders import K2bot

# Each joins a topic only a decline names (natto, arteries, K1) to one the article answers
# (where MK-7 is made, how calcium gets into bone, gut bacteria).
OFFERED = [
    ("is MK-7 made in the colon by bacteria, or do we only get it from natto", "gut_bacteria"),
    ("k2 sends calcium to bones not arteries right?", "osteocalcin"),
    (
        "can my gut bacteria turn the K1 from kale into K2 so I don't need supplements?",
        "gut_bacteria",
    ),
]
NATTO = OFFERED[0][0]


@pytest.mark.parametrize(("question", "offered"), OFFERED)
def test_the_decline_stays_and_the_covered_answer_is_offered(
    responder: Responder, question: str, offered: str
) -> None:
    """No article answer is given: the decline is there, and one topic is offered under it."""
    reply = responder.respond(question)
    assert (Outcome.FALLBACK, None) == (reply.outcome, reply.intent)
    assert [offered] == [i.id for i in reply.suggestions]
    title = responder.content.by_id[offered].title
    assert f"if it's what you meant:\n• {title}" in reply.text


# Vitamin K1 as what the subject is made from (the lead's decision, pass 16): the article
# never mentions K1, so the question gets the decline saying the source covers only K2,
# with the article answer about where the forms are made (or bacteria making K2) offered.
# English, Russian, a misspelling the typo corrector reads, and K1's other name.
K1_AS_THE_SOURCE = [
    ("is vitamin k1 converted to mk4 in the arterial wall?", "where_forms_made"),
    ("is MK-4 made from K1 in the pancreas?", "where_forms_made"),
    ("can vitamin k1 be converted to mk7 by bacteria in the colon?", "where_forms_made"),
    ("does k1 get converted to k2 by gut bacteria", "gut_bacteria"),
    ("is vitmain k1 converted into mk-4 in the pancreas", "where_forms_made"),
    ("does phylloquinone turn into mk4 in the body", "where_forms_made"),
    ("превращается ли к1 в мк-4 в организме?", "where_forms_made"),
    ("образуется ли мк4 из к1?", "where_forms_made"),
    ("может ли организм сделать к2 из к1", "gut_bacteria"),
    # A misspelt "филлохинон" is read as K1: declined, nothing close enough to offer.
    ("превращается ли филохинон в мк4", None),
]
# What each language's other-vitamins decline says first.
ONLY_K2 = {"en": "My source is about vitamin K2 only", "ru": "Мой источник только о витамине K2"}


@pytest.mark.parametrize(("question", "offered"), K1_AS_THE_SOURCE)
def test_k1_made_into_k2_gets_the_only_k2_decline_and_the_offer(
    responder: Responder, question: str, offered: str | None
) -> None:
    """Not the article's answer about MK-4: the decline, and what the article does say offered."""
    reply = responder.respond(question)
    assert (Outcome.FALLBACK, None) == (reply.outcome, reply.intent)
    assert reply.text.startswith(ONLY_K2[reply.language])
    assert ([offered] if offered else []) == [i.id for i in reply.suggestions]


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # K1 named in passing: the question is about K2, and the article answers it.
        ("i take k1 and k2 together, how does k2 help bone density", "bone_density"),
        ("do gut bacteria make k2 or just k1?", "gut_bacteria"),
        ("most vitamin k in food is k1, so where is mk4 formed?", "where_forms_made"),
        # Where K2 is made is still answered when nothing is said to be made into it.
        ("is mk4 formed in the testes", "where_forms_made"),
        ("is k2 made from bacteria in the gut", "gut_bacteria"),
        # A medicine named with K1 stays a referral, never a decline.
        ("i'm on warfarin, is k1 converted into k2? does it affect my INR", "safety_medicines"),
        ("on warfarin, can k1 turn into mk4 and change my inr", "safety_medicines"),
    ],
)
def test_k1_in_passing_keeps_its_answer_and_warfarin_its_referral(
    responder: Responder, question: str, answered: str
) -> None:
    """Only K1 as what K2 is made from declines: K2's own questions keep their answer."""
    reply = responder.respond(question)
    assert (Outcome.ANSWER, answered) == (
        reply.outcome,
        reply.intent.id if reply.intent is not None else None,
    )


def test_the_decline_still_names_what_the_source_leaves_out(responder: Responder) -> None:
    """The offer does not replace the honest decline: natto is still named as not covered."""
    first_paragraph = responder.respond(NATTO).text.split("\n\n")[0]
    assert "natto" in first_paragraph


@pytest.mark.parametrize(
    "question",
    [
        # The declined topic takes two words of its own: it is what the question is about.
        "what is the cheapest d3 k2 on amazon",
        "do k2 and d3 help hair growth",
        # The subject is not named: another nutrient's question, not K2's.
        "does magnesium help calcium absorption",
        # The article intent explains no topic word the decline doesn't ("vitamin" is none).
        "best time of day to take vitamin k2",
        # Everyday requests stay declined or fall back with nothing offered.
        "how to remove calcium deposits from a faucet",
    ],
)
def test_a_question_about_the_declined_topic_gets_no_offer(
    responder: Responder, question: str
) -> None:
    """A near miss whose decline explains its main point keeps the plain decline."""
    reply = responder.respond(question)
    assert (Outcome.FALLBACK, ()) == (reply.outcome, reply.suggestions)


def test_yes_after_the_offer_gets_the_offered_answer(responder: Responder) -> None:
    """In a conversation, "yes" after the decline's offer is that topic's answer."""
    dialogue = Dialogue(responder)
    first = merged(dialogue.respond("me", NATTO))
    second = merged(dialogue.respond("me", "yes"))
    assert (None, "gut_bacteria") == (
        first.intent,
        second.intent.id if second.intent is not None else None,
    )


def test_explain_says_why_the_offer_was_made(k2bot: K2bot) -> None:
    """`ask --json --explain` names the runner-up, its margin, and the words on each side."""
    result = k2bot("ask", "--json", "--explain", NATTO)
    shown = json.loads(result.stdout)
    assert ["gut_bacteria"] == shown["suggestions"]
    assert {
        "intent": "gut_bacteria",
        "decline": "oos_food_sources",
        "margin": 11.8,
        "covered_terms": ["bacteria", "intestine"],
        "decline_words": ["natto"],
    } == {k: v for k, v in shown["explain"]["offer"].items() if k != "score"}
    text = k2bot("ask", "--explain", NATTO).stdout
    assert "offered under the decline: gut_bacteria" in text
    assert "behind oos_food_sources" in text


async def test_telegram_shows_the_offer_as_a_button_that_answers(responder: Responder) -> None:
    """Through the real Application: the decline comes with the topic's button; a tap answers."""
    title = responder.content.by_id["gut_bacteria"].title
    async with running_bot() as bot:
        bot.fake.user_sends(NATTO, user_id=5)
        (declined,) = await wait_replies(bot.fake, 5)
        assert "natto" in declined.text
        offered = next(d for d in declined.callback_data if d.startswith("a:"))
        assert offered.endswith("gut_bacteria")
        bot.fake.user_presses(declined, offered, user_id=5)
        answer = (await wait_replies(bot.fake, 5, 2))[1]
        assert title in declined.text
        assert "bacteria" in answer.text and "E. coli" in answer.text


def test_the_offers_benchmark_counts_an_offer_apart_from_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m benchmarks.offers` reports an offered right answer as an offer, not an answer."""
    questions = tmp_path / "set.jsonl"
    lines = [
        {"question": NATTO, "expect": ["gut_bacteria"], "kind": "in_scope"},
        {"question": "what is vitamin k2", "expect": ["what_is_k2"], "kind": "in_scope"},
        {"question": "what is the cheapest d3 k2 on amazon", "expect": [], "kind": "near_miss"},
    ]
    questions.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert 0 == offers.main([str(questions)])
    assert [
        "in_scope: 2 questions: answered right 1, offered right 1",
        "near_miss: 1 questions: neither 1",
    ] == capsys.readouterr().out.splitlines()
