"""Short questions read by their frame: where from, how much, whose D, what else is named."""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.matching import Outcome
from bot.responder import Responder

# What the gut-bacteria answer says, and what the reaches-bone answer says instead.
GUT_BACTERIA = "bacteria"
BLOOD_VESSEL_WALL = "blood vessel wall"


@pytest.mark.parametrize(
    "question",
    [
        "where is k2 from",
        "where does the body get k2",
        "where do we get k2 from naturally",
        "where is mk7 from?",
    ],
)
def test_where_from_asks_for_the_origin_not_the_way_into_bone(
    responder: Responder, question: str
) -> None:
    """ "where ... from" and "where does the body get" ask where K2 comes from (gut
    bacteria), not where it goes (through the blood vessel wall into bone)."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert GUT_BACTERIA in reply.text
    assert BLOOD_VESSEL_WALL not in reply.text


def test_where_k2_goes_is_still_the_way_into_bone(responder: Responder) -> None:
    """The origin frame leaves "where does k2 go" alone: that is the path into bone."""
    reply = responder.respond("where does k2 go in the body")
    assert reply.outcome is Outcome.ANSWER
    assert BLOOD_VESSEL_WALL in reply.text


@pytest.mark.parametrize("question", ["k2 how much?", "mk7 how many mcg", "k2 how much"])
def test_a_quantity_asked_after_the_name_gets_the_dose_referral(
    responder: Responder, question: str
) -> None:
    """Keyword first, "k2 how much?" is "how much k2": the article gives no doses, so a
    doctor or pharmacist, not the benefits overview."""
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.kind is Kind.SAFETY
    assert "doesn't give doses" in reply.text
    assert "bone health" not in reply.text


def test_a_price_asked_with_how_much_is_not_a_dose(responder: Responder) -> None:
    """The keyword-first frame is "k2 how much", not every "how much" near K2."""
    reply = responder.respond("how much does k2 cost")
    assert reply.intent is None or reply.intent.kind is not Kind.SAFETY


@pytest.mark.parametrize(
    "question", ["is k2 better with your D", "does your D work better with k2"]
)
def test_your_d_is_vitamin_d(responder: Responder, question: str) -> None:
    """ "Your D" is someone's vitamin D supplement: the K2-with-D3 answer."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.ANSWER
    assert "dual guarantee" in reply.text


def test_a_word_the_closest_topic_never_uses_stops_the_paraphrase_signal(
    responder: Responder,
) -> None:
    """ "does k2 thicken your blood" reads like "can k2 thicken bones" to the word vectors,
    but "blood" is not a bone-density word: no bone-density answer, at most an offer."""
    reply = responder.respond("does k2 thicken your blood")
    assert reply.outcome is not Outcome.ANSWER
    assert "bone mineral density of women" not in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "should i take magnesium with d3 and k2",
        "does magnesium help d3 and k2 work",
        "d3 k2 and vitamin a?",
        "do you need magnesium with k2 and d3?",
    ],
)
def test_another_nutrient_beside_k2_and_d3_gets_the_other_nutrients_decline(
    responder: Responder, question: str
) -> None:
    """Naming magnesium or vitamin A beside K2 and D3 asks about that nutrient: the
    decline for other vitamins and minerals (which mentions K2 with D3), not the K2-with-D3
    answer as if the rest were not there."""
    reply = responder.respond(question)
    assert reply.outcome is not Outcome.ANSWER
    assert "other vitamins or minerals" in reply.text


def test_k2_with_d3_alone_is_still_answered(responder: Responder) -> None:
    """Only another nutrient holds the answer back: K2 with D3 and calcium is answered."""
    reply = responder.respond("should i take k2 with d3")
    assert reply.outcome is Outcome.ANSWER
    assert "dual guarantee" in reply.text


def test_a_food_named_in_a_forms_question_does_not_hold_the_forms_answer_back(
    responder: Responder,
) -> None:
    """A near-miss word (a food) far behind the article answer holds nothing back."""
    reply = responder.respond("k2 natto mk7 difference vs mk4")
    assert reply.outcome is Outcome.ANSWER
    assert "MK-4" in reply.text


def test_a_path_to_bone_is_the_way_in(responder: Responder) -> None:
    """ "Path" is a way: "k2 path to bone" is how K2 gets into bone."""
    reply = responder.respond("k2 path to bone")
    assert reply.outcome is Outcome.ANSWER
    assert BLOOD_VESSEL_WALL in reply.text


def test_uses_after_the_name_asks_what_it_is_for(responder: Responder) -> None:
    """Keyword first, "k2 uses" asks what K2 is used for: the benefits overview."""
    reply = responder.respond("k2 uses")
    assert reply.outcome is Outcome.ANSWER
    assert "bone health" in reply.text


@pytest.mark.parametrize("question", ["where can i get k2", "where to get k2"])
def test_where_can_i_get_asks_where_to_buy(responder: Responder, question: str) -> None:
    """ "where can i get k2" is shopping: the brands-and-buying decline, not how K2
    reaches bone (nor where the body gets it)."""
    reply = responder.respond(question)
    assert reply.outcome is not Outcome.ANSWER
    assert "brands" in reply.text
    assert BLOOD_VESSEL_WALL not in reply.text
