"""Ways real people ask on web pages that our own question sets missed.

Found on the real-web question sets (docs/history.md#pass-9--realscope-why-real-web-questions-fail-where-our-imagined-ones-pass): people say "vitamin K" for
the family K2 belongs to while asking about one of the article's own facts, and ask about
K2 with D3 from the D3 side ("is D3 enough on its own?"). Each test asks the real
responder for the reply a user sees.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Responder


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("why does osteocalcin depend on vitamin k", "osteocalcin"),
        ("is vitamin k made by the bacteria in our gut", "gut_bacteria"),
        ("can vitamin k stop osteoclasts eating away at bone", "osteoclasts_bone_loss"),
        # A term an article answer rests on that is no everyday word (pass 10, realscope11).
        ("does vitamin K help calcium absorption", "calcium_absorption"),
    ],
)
def test_vitamin_k_asked_about_the_articles_own_fact_is_answered(
    responder: Responder, question: str, answer: str
) -> None:
    """ "Vitamin K" beside a term only the article's answers use asks K2's fact."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer, reply.intent


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Vitamin K and broken hips - can K2 lower the risk?", "fracture_risk"),
        ("Vitamin K for osteocalcin: what does K2 do to it?", "osteocalcin"),
    ],
)
def test_a_heading_naming_vitamin_k_before_a_question_naming_k2_is_answered(
    responder: Responder, question: str, answer: str
) -> None:
    """A heading names the family, its question K2: the same vitamin (pass 10, realscope12)."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer, reply.intent


@pytest.mark.parametrize(
    "question",
    [
        # The family itself, or its other members: the other-vitamins decline.
        "what is vitamin k",
        "vitamin k deficiency symptoms",
        # Vitamin K asked about (named first), or the two compared.
        "is vitamin k the same as k2",
        "what's the difference between vitamin k and k2",
        # Asking more than whether K2 is vitamin K: the heart, foods.
        "is k2 a kind of vitamin k that helps the heart",
        "k2 is a type of vitamin k right? what foods have it",
        "vitamin k1 vs vitamin k for osteocalcin",
        # Another decline's topic stays declined.
        "which foods are rich in vitamin k",
        # K2 named beside the family in the same part of a heading compares them.
        "vitamin K vs K2: which one helps fractures?",
        "Vitamin K or K2 for hip fractures?",
    ],
)
def test_vitamin_k_the_family_is_not_answered_from_the_article(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE, reply.intent


@pytest.mark.parametrize(
    "question",
    [
        "is mk7 with d3 recommended or just optional",
        "is it a problem that my d3 has no k2",
    ],
)
def test_d3_alone_asked_from_the_d3_side_is_k2_with_d3(responder: Responder, question: str) -> None:
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "k2_with_d3", reply.intent


@pytest.mark.parametrize(
    "question",
    [
        "Vitamin K2 explained in 2 minutes",
        "VITAMIN K2 EXPLAINED IN 90 SECONDS | mk-4, mk-7 and your bones",
    ],
)
def test_a_titles_promised_length_is_not_what_it_asks(responder: Responder, question: str) -> None:
    """A video title's "in 60 seconds" is how long the page takes: "explained" asks what K2 is."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "what_is_k2", reply.intent


def test_a_length_asked_of_the_effect_is_kept(responder: Responder) -> None:
    """Without a title word before it, the time is part of the question, not answered."""
    reply = responder.respond("does k2 work in 5 minutes")
    assert reply.outcome is not Outcome.ANSWER


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("K2 drives calcium into bone like a traffic cop | is this legit?", "osteocalcin"),
        ("D3 opens the door, K2 shows calcium the way - right?", "k2_with_d3"),
    ],
)
def test_a_heading_that_only_checks_its_claim_asks_about_the_claim(
    responder: Responder, question: str, answer: str
) -> None:
    """ "Is that right?" names nothing of its own: the claim before it is the question."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer, reply.intent


def test_a_vitamin_or_a_protein_asks_what_k2_is(responder: Responder) -> None:
    """ "A vitamin or a protein/hormone" asks what kind of thing K2 is, like "or a mineral"."""
    reply = responder.respond("is k2 a vitamin or a hormone")
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "what_is_k2", reply.intent
    # Osteocalcin named, the question is about osteocalcin.
    about = responder.respond("is osteocalcin a vitamin or a protein")
    assert about.intent is not None and about.intent.id == "osteocalcin", about.intent


@pytest.mark.parametrize(
    "question",
    [
        "is k2 just another name for vitamin k?",
        "is k2 just another word for vitamin k",
        "is K2 just a different name for vitamin K or its own thing",
        "is k2 basically the same thing as vitamin k",
    ],
)
def test_whether_k2_is_just_vitamin_k_asks_what_k2_is(responder: Responder, question: str) -> None:
    """K2 named first and "vitamin K" after an identity phrase: what K2 is (pass 10)."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "what_is_k2", reply.intent


@pytest.mark.parametrize(
    "question",
    [
        "taking calcium but my bone density keeps going down",
        "I've taken calcium for 3 years and my bone density scan got worse. why?",
        "bone density didn't improve despite calcium",
        "take calcium daily and my t-score is still dropping",
        "i take calcium religiously but my bones are still thin",
        "DEXA no better after 2 years of calcium and D, doctor is puzzled",
        "been on caltrate forever and still osteopenic",
        # Whether calcium on its own is enough (pass 14, realweb6: a class in four real-web
        # batches by different sessions; "enough" and "alone" had counted against it).
        "is it enough to take only calcium",
        "calcium on its own - enough?",
        "my gp put me on calcium, is calcium alone really enough",
        "already taking calcium tablets, why add k2 on top",
        "does calcium alone do anything for bones",
    ],
)
def test_calcium_not_working_told_by_its_outcome_is_the_complaint(
    responder: Responder, question: str
) -> None:
    """Calcium taken and a bone outcome that did not get better, or calcium asked about as
    enough on its own: why calcium supplements do little."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "calcium_not_working", reply.intent


@pytest.mark.parametrize(
    "question",
    [
        # Asking whether to take it, or whether it prevents the decline: no complaint.
        "my bones are still weak, should i take calcium",
        "can calcium and k2 stop bone density dropping",
        # A heart scan's calcium score is no calcium taken.
        "my calcium score is still high even though i take k2",
    ],
)
def test_calcium_named_without_a_complaint_is_not_the_complaint(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.id != "calcium_not_working", reply.intent


def test_a_d3_that_has_no_k2_asks_about_d3_without_k2(responder: Responder) -> None:
    """ "has no K2 in it" says "without K2": the question is D3 without K2 (pass 10)."""
    reply = responder.respond("my D3 bottle has no K2 in it. Is that a problem?")
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == "k2_with_d3", reply.intent


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("should I take D and K together", "k2_with_d3"),
        ("is D+K better than D alone", "k2_with_d3"),
        ("does D with K cut the risk of a broken hip", "fracture_risk"),
    ],
)
def test_d_and_k_named_by_their_letters_are_d3_and_k2(
    responder: Responder, question: str, answer: str
) -> None:
    """The pair as a label writes it ("D+K", "D and K") names D3 and K2 (pass 10, realscope12)."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert reply.intent is not None and reply.intent.id == answer, reply.intent


@pytest.mark.parametrize(
    "question",
    ["is magnesium alone enough for bones", "is vitamin c alone enough for immunity"],
)
def test_another_nutrient_alone_is_still_not_the_article(
    responder: Responder, question: str
) -> None:
    """The words "alone" and "enough" carry no article answer without calcium or K2."""
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE, reply.intent
