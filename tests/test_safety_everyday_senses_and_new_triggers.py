"""Look-alikes read as risks, and risks told in everyday words (safety round 12).

A synonym rewrote the words that showed an everyday sense before safety read them
("overdosed on youtube"); a child who advised the asker was read as the one taking K2;
an amount called too strong was not asked about K2 in words the bot knew; a missed dose
made up for, a liver condition named beside K2, advice to avoid vitamin K, "an fet
cycle" and tingling lips after K2 went unreferred. The questions are
written for these tests.
"""

from __future__ import annotations

import pytest

from bot.intents import Kind
from bot.responder import Responder
from builders import safety_referral


@pytest.mark.parametrize(
    "question",
    [
        # "on youtube" is a variant of the synonym "tell": the everyday sense ("overdosed
        # on youtube") is read in the message before the synonyms rewrite it.
        "overdosed on youtube all weekend lol",
        "i overdosed on tiktok last night",
        "overdosed on sugar at the party lol",
        # The child advised or bought for the asker: the asker takes it, as when an adult
        # says so ("my husband says i should take k2" was never the children's referral).
        "my daughter says I should also take K2",
        "my daughter told me to take k2",
        "my son recommended i try k2 for my bones",
        # Not a blood thinner: bones thinning is the article's subject.
        "my bones are getting thinner",
        "pregnancy announcement ideas",
        "how much allowance should a 10 year old get",
        "fatty liver diet plan",
        "hepatitis b vaccine schedule",
        "foods high in vitamin k",
        "lip balm for tingling lips",
        "numb lips at the dentist",
        "had too much wine last night and now im throwing up",
    ],
)
def test_look_alikes_get_no_referral(responder: Responder, question: str) -> None:
    assert safety_referral(responder, question) is None


def test_blood_in_a_compound_is_no_blood_thinning(responder: Responder) -> None:
    # "thin the blood" was read in "thin the blood vessel wall" (the synonyms even write
    # "vessel wall" as "blood vessel wall"); the article's answer is about the vessel wall.
    reply = responder.respond("does k2 thin the blood vessel wall or go through it")
    assert reply.intent is not None and reply.intent.kind is not Kind.SAFETY
    assert safety_referral(responder, "will k2 thin the blood, im on eliquis") == "safety_medicines"
    assert safety_referral(responder, "does k2 thin the blood") == "safety_medicines"


def test_thinner_after_a_verb_of_becoming_is_no_blood_thinner(responder: Responder) -> None:
    # "thinner with" was a medicines trigger ("thinners with k2"); after "getting" the word
    # is the comparative, whatever follows it.
    assert (
        safety_referral(responder, "are my bones getting thinner with age, would k2 help") is None
    )
    assert safety_referral(responder, "on a thinner with k2?") == "safety_medicines"
    assert (
        safety_referral(responder, "bones getting thinner, on warfarin, k2?") == "safety_medicines"
    )


def test_a_childs_advice_leaves_the_article_answer(responder: Responder) -> None:
    reply = responder.respond("my daughter says I should also take K2 with my D3, why together?")
    assert reply.intent is not None and reply.intent.id == "k2_with_d3"


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        # A real overdose keeps the emergency, even beside an everyday sense.
        ("overdosed on youtube and then took 30 k2 pills", "safety_emergency"),
        # A caffeine overdose can be a real emergency (a racing heart, seizures): kept.
        ("overdosed on coffee", "safety_emergency"),
        # Someone else takes it: still the child's referral.
        ("my daughter says i should give her k2", "safety_children"),
        ("my son says he wants to take k2, is it ok", "safety_children"),
        # An amount with a dose unit, called too strong or too much.
        ("is 200mg too strong", "safety_dose"),
        ("is 1000 mcg too high", "safety_dose"),
        ("200 mg is that a lot", "safety_dose"),
        # A missed dose made up for; a liver condition beside K2.
        ("missed 2 days of my mk-7, take 3 today to catch up?", "safety_dose"),
        ("forgot a dose of k2, double tomorrow?", "safety_dose"),
        ("fatty liver and vitamin k2, any risk", "safety_dose"),
        # Told to avoid vitamin K: the advice given with a blood thinner.
        ("the nurse said avoid vitamin k with my meds", "safety_medicines"),
        ("i was told to avoid vitamin k, what about k2", "safety_medicines"),
        # A frozen embryo transfer by its initials.
        ("doing an fet cycle, mk-7 fine?", "safety_pregnancy"),
        # Tingling lips or tongue after taking it: an allergic reaction may be starting.
        ("my lips are tingling after mk7", "safety_emergency"),
        ("tingly tongue since i took k2", "safety_emergency"),
        # Too much taken, then a symptom: poison control now, not the dose referral.
        ("took too much k2 and now i'm throwing up", "safety_emergency"),
        ("i think i took too much k2, feeling dizzy", "safety_emergency"),
        ("i took too much k2", "safety_dose"),
    ],
)
def test_risks_told_in_everyday_words_are_referred(
    responder: Responder, question: str, referral: str
) -> None:
    assert safety_referral(responder, question) == referral


@pytest.mark.parametrize(
    "question",
    ["how many mg of caffeine in an espresso", "my phone battery is 200 mAh too weak"],
)
def test_an_amount_not_taken_is_no_dose_question(responder: Responder, question: str) -> None:
    assert safety_referral(responder, question) is None
