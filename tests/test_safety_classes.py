"""Safety, round 7: trigger classes, ties and narrow everyday senses, as a user meets them.

Medicines named by the ending of their class or by a class word in the asker's language,
ties between a child and swallowing, adults named as whose question it is, and the few
everyday senses of medical words that are no referral. Nothing here takes a referral away
from a question that names something taken. The questions are written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.intents import load_content
from bot.matching import Matcher
from bot.responder import Responder
from builders import intent_folder


def referral(responder: Responder, question: str) -> tuple[str | None, str]:
    """The safety intent a question is routed to (None for any other reply), and its language."""
    reply = responder.respond(question)
    if reply.intent is None or not reply.intent.id.startswith("safety_"):
        return None, reply.language
    return reply.intent.id, reply.language


ENDINGS = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns: [what is vitamin k2, tell me about vitamin k2]
    answer: The article says vitamin K2 is a unique vitamin.
    source: ["Vitamin K2 is a unique vitamin"]
  - id: medicines
    kind: safety
    title: Medicines
    triggers: ["*(xaban|pril)", "*gatran", "*dogrel"]
    patterns: [k2 with medicines]
    answer: Ask your doctor.
"""


@pytest.fixture(name="matcher")
def _matcher(tmp_path: Path) -> Matcher:
    return Matcher(load_content(intent_folder(tmp_path, {"main.yaml": ENDINGS})))


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # "*ending": any word ending so, with at least two letters before the ending.
        ("k2 with zorbaxaban", "medicines"),
        ("can i take k2 with ramipril", "medicines"),
        ("k2 and quxgatran together", "medicines"),
        ("is k2 ok in april", None),
        ("k2 with xaban", None),
        ("my mongrel likes k2", None),
        ("k2 and clopidogrel", "medicines"),
    ],
)
def test_a_word_ending_names_a_class(matcher: Matcher, question: str, intent: str | None) -> None:
    found = matcher.safety_intent_for(matcher.normalizer.normalize(question))
    assert (found and found.id) == intent


@pytest.mark.parametrize(
    "question",
    [
        # Medicines never listed by name, recognised by the ending of their class.
        "taking tofacitinib and ustekinumab, also want mk7",
        "can i take mk7 with candesartan",
        "k2 and nebivolol ok?",
        "on edoxaban, any issue with vitamin k2",
        "is k2 fine alongside pitavastatin",
        "my mum takes ibandronate, should she add mk7",
        # Brand names the endings don't reach.
        "on entresto and jardiance, is mk7 ok",
        # A class's own name, which no ending reaches, is English too (it was read as the
        # German "cortison*" and referred in German).
        "k2 and cortisone",
    ],
)
def test_medicines_named_by_their_class_get_the_medicines_referral(
    responder: Responder, question: str
) -> None:
    assert referral(responder, question) == ("safety_medicines", "en")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Statements without a question mark keep their referral, as before this pass.
        ("im on warfarin", "safety_medicines"),
        ("dad on dialysis three times a week", "safety_kidney"),
        ("eliquis user here", "safety_medicines"),
        ("pregnancy", "safety_pregnancy"),
        ("bruising all over since i started warfarin", "safety_emergency"),
        # An animal that ate pills keeps the emergency advice (poison control, a vet).
        ("my dog ate my k2 softgels", "safety_emergency"),
        ("the cat knocked over my mk7 and ate a couple, is he going to be ok", "safety_emergency"),
        ("the cat got on the table and ate some of my lunch", None),
    ],
)
def test_referrals_kept(responder: Responder, question: str, intent: str | None) -> None:
    assert referral(responder, question)[0] == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # One exception per everyday sense, when nothing taken is named...
        ("dentist appointment at 3", None),
        ("my heart is bleeding for you", None),
        ("Записатися до стоматолога на третю годину", None),
        ("¿A qué hora abre la farmacia de guardia?", None),
        # ...and the same words with something taken, or another risk, keep their referral.
        ("dentist appointment at 3, im on warfarin", "safety_medicines"),
        ("dentist appointment tomorrow, should i stop k2", "safety_surgery"),
        ("Записатися до стоматолога, чи можна пити К2?", "safety_surgery"),
        ("¿A qué hora abre la farmacia de guardia? tomo warfarina", "safety_medicines"),
        ("my heart is bleeding", "safety_emergency"),
        ("nursing home, she has bruises all over", "safety_emergency"),
        ("still nursing, is k2 ok for me", "safety_pregnancy"),
    ],
)
def test_everyday_senses_of_medical_words_are_not_referred(
    responder: Responder, question: str, intent: str | None
) -> None:
    assert referral(responder, question)[0] == intent


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # A child and swallowing weigh the same in these languages: the urgent reading wins.
        ("ابني بلع كبسولات فيتامين K2", "ar"),
        ("Moje dziecko połknęło kapsułki witaminy K2, co robić?", "pl"),
        # Getting into the bottle with pills gone is swallowing too.
        ("my little brother got hold of my k2 bottle and some are missing", "en"),
    ],
)
def test_a_child_swallowing_pills_gets_the_emergency_referral_in_its_language(
    responder: Responder, question: str, language: str
) -> None:
    assert referral(responder, question) == ("safety_emergency", language)


@pytest.mark.parametrize(
    ("question", "intent", "language"),
    [
        # A named medicine is not outweighed by who has the condition.
        ("my wife has epilepsy and takes lamictal, can she have k2", "safety_medicines", "en"),
        # A regimen of supplements taken with K2 is for a pharmacist.
        ("can i take k2 with my other supplements", "safety_medicines", "en"),
        # An age as a German adjective; a German dental compound.
        ("Ist K2 für eine 9-Jährige okay?", "safety_children", "de"),
        ("Nächste Woche Zahnextraktion, K2 absetzen?", "safety_surgery", "de"),
    ],
)
def test_risks_said_as_classes_reach_the_right_referral(
    responder: Responder, question: str, intent: str, language: str
) -> None:
    assert referral(responder, question) == (intent, language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # A class of medicines named in the asker's language gets the medicines referral there.
        ("Пью статины, совместим ли К2?", "ru"),
        ("Приймаю бета-блокатори, чи можна К2?", "uk"),
        ("Tomo antidepresivos, ¿puedo tomar K2?", "es"),
        ("Tomo estatina, posso tomar K2?", "pt"),
        ("Biorę statyny, czy mogę brać K2?", "pl"),
        ("スタチンを飲んでいますが、K2は大丈夫ですか", "ja"),
        ("أتناول الستاتين، هل يمكنني تناول K2؟", "ar"),
        ("من استاتین مصرف می‌کنم، می‌توانم K2 بخورم؟", "fa"),
        ("Статин ішемін, К2 ішуге бола ма?", "kk"),
    ],
)
def test_medicine_classes_in_other_languages_get_the_medicines_referral(
    responder: Responder, question: str, language: str
) -> None:
    assert referral(responder, question) == ("safety_medicines", language)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Groups named by a condition, stopping at once, grafts, a school year, a past stent.
        ("can diabetics take k2", "safety_dose"),
        ("can i stop k2 cold turkey", "safety_dose"),
        ("gum graft next week and im on k2", "safety_surgery"),
        ("year 9 student wants to take k2", "safety_children"),
        ("had a stent put in last year, can i take k2", "safety_medicines"),
        # The same words elsewhere are no referral.
        ("i quit smoking cold turkey", None),
        ("year 9 maths homework help", None),
    ],
)
def test_groups_stopping_grafts_and_school_years_reach_their_referral(
    responder: Responder, question: str, intent: str | None
) -> None:
    assert referral(responder, question)[0] == intent


def test_an_emergency_told_after_a_long_story_is_still_read(responder: Responder) -> None:
    # Matching reads a long message's start and end: people tell the story, then ask.
    story = "so this is what happened today at home. " * 60
    assert referral(responder, story + "my son swallowed 30 capsules") == (
        "safety_emergency",
        "en",
    )


def test_a_zero_width_character_inside_a_word_leaves_the_word_whole(
    responder: Responder,
) -> None:
    assert referral(responder, "my son swal\u200blowed 30 capsules") == ("safety_emergency", "en")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A dropped letter in a trigger word of six letters or more is still that word.
        ("k2 with my kidny disease", "safety_kidney"),
        ("k2 and statns", "safety_medicines"),
    ],
)
def test_a_trigger_word_missing_a_letter_still_refers(
    responder: Responder, question: str, intent: str
) -> None:
    assert referral(responder, question) == (intent, "en")
