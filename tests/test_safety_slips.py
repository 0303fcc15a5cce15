"""Safety as people type it: risk words with a slip, run together, or said with a verb.

A short trigger word ("blood", "baby", "kids", "many", "every") typed with one slip of the
fingers is read as that word, so the question gets its doctor, pharmacist or emergency
advice in the user's words; a word meant as typed, or a word of another language, is not
respelt. The questions are written for these tests.
"""

from __future__ import annotations

import pytest

from bot.matching.safety import _slip
from bot.responder import Responder


def referral(responder: Responder, question: str) -> str | None:
    """The safety intent a question is routed to (None for any other reply)."""
    reply = responder.respond(question)
    if reply.intent is None or not reply.intent.id.startswith("safety_"):
        return None
    return reply.intent.id


@pytest.mark.parametrize(
    ("question", "intent", "who"),
    [
        # Each was unreferred before this pass (a letter left out, swapped, or a key's
        # neighbour hit): the reply now sends the user to someone who can advise.
        ("is mk7 safe with blod thinners", "safety_medicines", "doctor or pharmacist"),
        ("my kidz want my k2 gummies", "safety_children", "child's doctor"),
        ("k2 for a bby?", "safety_children", "child's doctor"),
        ("how mnay mk7 capsules", "safety_dose", "doctor or pharmacist"),
        ("mk7 evry day for yrs?", "safety_dose", "doctor or pharmacist"),
    ],
)
def test_a_short_risk_word_with_one_slip_gets_its_referral(
    responder: Responder, question: str, intent: str, who: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert who in reply.text


@pytest.mark.parametrize(
    "question",
    [
        # A trigger word is never respelt into another ("hrt" is hormone therapy, one
        # slip from "hurt"), and a word common in English is meant as typed.
        "on hrt since march, can i add mk7",
    ],
)
def test_a_trigger_word_is_read_as_typed(responder: Responder, question: str) -> None:
    assert referral(responder, question) == "safety_medicines"


@pytest.mark.parametrize(
    "question",
    [
        # Words of another language one slip from a short English trigger word
        # ("cose" / "dose", "kis" / "kids") stay as typed in a message of that language.
        "che cose la vitamina k2",
        "vitamin k2 kis liye hai",
        "Maxfiy vitamin k2 nima",
        # A slip that is a word of its own ("doze") is meant as typed.
        "does k2 make you doze off at your desk",
    ],
)
def test_other_words_are_not_read_as_slips(responder: Responder, question: str) -> None:
    assert referral(responder, question) is None


@pytest.mark.parametrize(
    ("meant", "typed", "slip"),
    [
        ("blood", "blod", True),  # a letter left out
        ("many", "mnay", True),  # two neighbours swapped
        ("kids", "kidz", True),  # a neighbouring key
        ("baby", "babby", True),  # a letter doubled
        ("baby", "baky", False),  # k is no neighbour of b
        ("dose", "dosep", False),  # "p" is no neighbouring key of "e"
        ("baby", "bane", False),  # two edits
    ],
)
def test_a_slip_is_what_fingers_do(meant: str, typed: str, slip: bool) -> None:
    assert _slip(meant, typed) is slip


@pytest.mark.parametrize(
    ("question", "intent", "who"),
    [
        # Typed without spaces: unreferred before this pass, read apart now.
        ("ismk7okwhilebreastfeeding", "safety_pregnancy", "midwife or pharmacist"),
        ("k2andwarfarintogether", "safety_medicines", "doctor or pharmacist"),
        ("givemykidsk2", "safety_children", "child's doctor"),
    ],
)
def test_words_typed_without_spaces_are_read_apart(
    responder: Responder, question: str, intent: str, who: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert who in reply.text


@pytest.mark.parametrize(
    "question",
    [
        # A run with no trigger word in it stays one word; a misspelt trigger word is
        # read as that word, not cut into bits ("clopidogral" is clopidogrel).
        "howtomakesourdoughbread",
        "bloodmoonrising tonight",
    ],
)
def test_a_run_without_a_risk_is_not_referred(responder: Responder, question: str) -> None:
    assert referral(responder, question) is None


def test_a_misspelt_trigger_word_is_not_cut_into_bits(responder: Responder) -> None:
    assert referral(responder, "on clopidogral since the stent, k2 ok?") == "safety_medicines"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Chat shorthand the triggers now hold: a joining word shortened between K2 and
        # thinners, "pg" for pregnant (both unreferred before), "lil" for little (dose
        # before), "with child" (children before).
        ("mk7 n thinners?", "safety_medicines"),
        ("12 wks pg, mk7 ok?", "safety_pregnancy"),
        ("my lil guy is 4, can he have k2", "safety_children"),
        ("wife is with child, k2 safe?", "safety_pregnancy"),
    ],
)
def test_chat_shorthand_reaches_its_referral(
    responder: Responder, question: str, intent: str
) -> None:
    assert referral(responder, question) == intent


def test_a_rapper_named_lil_is_no_child(responder: Responder) -> None:
    assert referral(responder, "lil nas x songs") is None


@pytest.mark.parametrize(
    ("question", "intent", "language", "who"),
    [
        # Dutch had no triggers: these got "I can answer in English and Russian".
        ("mag ik k2 slikken met mijn bloedverdunners", "safety_medicines", "nl", "apotheker"),
        ("mijn dochtertje van 3 wil k2", "safety_children", "nl", "de arts van uw kind"),
        ("ons kind heeft een heel potje k2 ingeslikt", "safety_emergency", "nl", "112"),
        ("ben 20 weken zwanger, is mk7 goed?", "safety_pregnancy", "nl", "verloskundige"),
        # Turkish "k" turned "ğ" before a vowel (çocuğum) was no child.
        ("çocuğum için k2 uygun mu", "safety_children", "tr", "doktoruna"),
        # "Наглотался" (swallowed a lot) got the children's advice, not the emergency.
        ("внук наглотался капсул к2", "safety_emergency", "ru", "экстренной помощи"),
    ],
)
def test_a_risk_in_dutch_turkish_or_russian_is_referred_in_that_language(
    responder: Responder, question: str, intent: str, language: str, who: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert reply.language == language
    assert who in reply.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A short question about how a medicine's name is said or spelt, naming nothing
        # taken and nothing of the asker, is about the word: no referral...
        ("how is eliquis pronounced", None),
        ("como se pronuncia xarelto", None),
        ("what is the correct pronunciation of rivaroxaban", None),
        # ...while the asker on it, a longer story, K2, or another sense of "spell" keeps it.
        ("how to pronounce warfarin? im on it", "safety_medicines"),
        ("how do you spell warfarin, i take it with k2", "safety_medicines"),
        ("how do you pronounce apixaban, dad is on it and his inr is high", "safety_medicines"),
        ("had a dizzy spell on warfarin", "safety_medicines"),
        ("how do you pronounce apixaban and can i have too much k2", "safety_medicines"),
    ],
)
def test_how_a_medicines_name_is_said_is_no_referral_alone(
    responder: Responder, question: str, intent: str | None
) -> None:
    assert referral(responder, question) == intent


@pytest.mark.parametrize(
    ("question", "intent", "who"),
    [
        # An everyday sense ("nursing home", "dentist appointment") used to turn off every
        # safety pattern in a message naming nothing taken; now it sets aside its own words
        # only, and the rest of the message is read as before.
        ("at the nursing home, bleeding that wont stop", "safety_emergency", "emergency"),
        ("nursing home: is this an emergency", "safety_emergency", "emergency"),
        (
            "my doctor put me on blood thinners, dentist appointment tomorrow",
            "safety_medicines",
            "doctor or pharmacist",
        ),
    ],
)
def test_an_everyday_sense_sets_aside_only_its_own_words(
    responder: Responder, question: str, intent: str, who: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent
    assert who in reply.text


@pytest.mark.parametrize(
    "question",
    ["nursing home visiting hours", "my mum moved to a nursing home", "dentist appointment at 3"],
)
def test_an_everyday_sense_alone_is_still_no_referral(responder: Responder, question: str) -> None:
    assert referral(responder, question) is None


@pytest.mark.parametrize(
    "question",
    [
        # An operation said with the verb, not the noun ("hip replacement"), was unreferred.
        "I'm having my hip replaced next month. Should I stop the K2?",
        "getting both knees replaced in march, k2 fine?",
        "they are replacing my knee in may, can I keep my mk7",
    ],
)
def test_an_operation_said_with_a_verb_is_referred_before_surgery(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_surgery"
    assert "surgeon" in reply.text or "doctor" in reply.text


def test_replacing_a_thing_is_no_operation(responder: Responder) -> None:
    assert referral(responder, "I replaced my phone battery, does k2 help bones") is None


@pytest.mark.parametrize(
    ("question", "poison_control"),
    [
        # A child who took many pills got "ask before giving" (children) or nothing (pt):
        # in English and Russian the number of pills already called for poison control.
        ("mein Sohn hat 10 Tabletten genommen", "Giftnotruf"),
        ("mon fils a pris 10 comprimés", "antipoison"),
        ("mi niño se tomó 10 pastillas", "toxicología"),
        ("meu filho tomou 10 comprimidos", "intoxicações"),
        ("mio figlio ha preso 10 pillole", "antiveleni"),
    ],
)
def test_many_pills_taken_at_once_is_an_emergency_in_every_language(
    responder: Responder, question: str, poison_control: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_emergency"
    assert poison_control in reply.text


def test_pills_taken_every_day_are_no_emergency(responder: Responder) -> None:
    assert referral(responder, "tomo 5 pastillas de calcio al dia, puedo tomar k2?") != (
        "safety_emergency"
    )
