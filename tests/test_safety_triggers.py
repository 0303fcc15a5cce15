"""Safety triggers as users meet them: every risk reaches a doctor, everyday words do not.

The questions here are written for these tests, in the way people write on forums; none is
copied from a measuring set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import QuestionKind, evaluate, read_examples
from bot.intents import load_content
from bot.matching import Matcher
from bot.responder import Responder
from builders import REPO, intent_folder


def routed_to(responder: Responder, question: str) -> str | None:
    """The safety intent a question is routed to, or None for any other reply."""
    reply = responder.respond(question)
    if reply.intent is None or not reply.intent.id.startswith("safety_"):
        return None
    return reply.intent.id


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Urgent signs win over the medicine or procedure the message also names.
        ("spitting up blood since yesterday, im on xarelto and k2", "safety_emergency"),
        ("gums keep bleeding after the dentist pulled a tooth, i take mk7", "safety_emergency"),
        ("bruising everywhere and im on coumadin plus k2", "safety_emergency"),
        ("my grandpa's smile is drooping and he takes k2 with his warfarin", "safety_emergency"),
        # Someone (a child, a pet) swallowing pills, however it is put.
        ("my puppy chewed up a bottle of d3 k2", "safety_emergency"),
        ("the baby ate some of my mk7 softgels", "safety_emergency"),
        ("i took 12 k2 capsules instead of 2", "safety_emergency"),
        # A racing pulse, a swollen hot calf (a clot), losing the sight of one eye.
        ("pulse is pounding at 130 since my first mk7 capsule", "safety_emergency"),
        ("my calf looks red and puffy, been on k2 two weeks", "safety_emergency"),
        ("i cant see out of my left eye and i take k2", "safety_emergency"),
        # "od" with a person or "on" is an overdose.
        ("pretty sure my brother od on his pills and k2", "safety_emergency"),
    ],
)
def test_urgent_signs_get_the_emergency_answer(
    responder: Responder, question: str, intent: str
) -> None:
    """An emergency sign outranks every other referral in the same message."""
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Medicines by brand, generic name or class, and misspelt.
        ("on pradaxa for afib, k2 ok?", "safety_medicines"),
        ("rivaroxiban and mk7", "safety_medicines"),
        ("been on synthroid 10 yrs, adding k2?", "safety_medicines"),
        ("k2 while on a course of amoxicillin", "safety_medicines"),
        ("my doac and vitamin k2", "safety_medicines"),
        # Pregnancy, trying, breastfeeding, after birth, in forum shorthand.
        ("ttc and wondering about k2", "safety_pregnancy"),
        ("30 wks pregnant, mk7 ok?", "safety_pregnancy"),
        ("ebf mama here, is k2 fine", "safety_pregnancy"),
        ("3 months pp, k2 ok?", "safety_pregnancy"),
        # Ages under 18 in every spelling; teenagers are children here.
        ("can my 7 y/o have mk7 gummies", "safety_children"),
        ("k2 for a 16 year old athlete", "safety_children"),
        ("my son is 13, should he take it?", "safety_children"),
        # Amounts, daily and long-term use, personal advice.
        ("is 600 mcg of mk7 a day too much", "safety_dose"),
        ("how long can i stay on k2", "safety_dose"),
        ("who should not take vitamin k2", "safety_dose"),
        ("k2 seems great. should i take it?", "safety_dose"),
        ("can i take k2", "safety_dose"),
        # Kidneys and procedures.
        ("egfr is 38, k2 safe?", "safety_kidney"),
        ("passed a kidney stone last year, still ok to take k2 d3?", "safety_kidney"),
        ("colonoscopy friday, should i pause k2", "safety_surgery"),
        ("getting wisdom teeth out, mk7 before or after?", "safety_surgery"),
        # Missed, forgotten or repeated doses, and pregnancy-test shorthand.
        ("skipped my mk7 for a week, can i just restart", "safety_dose"),
        ("forgot to take my k2 this morning, take it tonight?", "safety_dose"),
        ("took my mk7 again by accident, already had one at breakfast", "safety_dose"),
        ("got a bfp yesterday, keep my mk7?", "safety_pregnancy"),
    ],
)
def test_each_risk_reaches_its_referral(responder: Responder, question: str, intent: str) -> None:
    """Slang, abbreviations, brand names and typos reach the right doctor referral."""
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    "question",
    [
        "kidney bean soup recipe",
        "how to fork a child process in python",
        "operation game rules for kids party",
        "mg hs hybrid review",
        "dose of reality meme template",
        "it took 6 weeks for my order to arrive",
        # Polish "od" is "since": "I have taken K2 for 2 years".
        "biorę k2 od 2 lat",
    ],
)
def test_everyday_uses_of_trigger_words_are_not_referred(
    responder: Responder, question: str
) -> None:
    """A trigger word used in its everyday sense, with nothing about taking anything,
    gets no doctor referral."""
    assert routed_to(responder, question) is None


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("should i take k2 with d3", "k2_with_d3"),
        ("i take calcium every day but my legs still cramp", "calcium_not_working"),
    ],
)
def test_article_questions_that_mention_taking_are_answered(
    responder: Responder, question: str, intent: str
) -> None:
    """Asking how K2 works with D3, or mentioning daily calcium, is not personal advice."""
    reply = responder.respond(question)
    assert (reply.intent and reply.intent.id) == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A word another language's list shares with English weighs as the English word:
        # "baby's" meets the German "babys" but stays the everyday "baby".
        ("my wife is ttc, is k2 good for baby's development", "safety_pregnancy"),
        # Other languages' trigger words are not guessed from a short unknown word (the
        # Uzbek "jarroh", surgeon, is not "jarrox").
        ("bought the jarrox brand of k2", None),
    ],
)
def test_other_languages_triggers_meet_english_questions_as_english(
    responder: Responder, question: str, intent: str | None
) -> None:
    """Every language's triggers are tried on every question; an English question is
    still weighed and corrected as English."""
    assert routed_to(responder, question) == intent


SAFETY_ONLY = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns: [what is vitamin k2, tell me about vitamin k2]
    answer: The article says vitamin K2 is a unique vitamin.
    source: ["Vitamin K2 is a unique vitamin"]
  - id: urgent
    kind: safety
    title: Urgent
    triggers: ["!(nose|gums) (keep|keeps) bleeding"]
    patterns: [my nose keeps bleeding]
    answer: Call your emergency number.
  - id: pills
    kind: safety
    title: Pills
    triggers: ["took {5-99} (pills|tablets)", "?can i take it $", "gizmoquinone", "zapf ... (pills|tablets)", "?^should i take it $"]
    patterns: [i took many pills]
    answer: Ask a doctor.
  - id: everyday
    kind: safety
    title: Everyday word
    triggers: [gums]
    patterns: [my gums]
    answer: Ask a dentist.
  - id: marked
    kind: safety
    title: Marked everyday
    triggers: ["~zorbluk", "~how much * sip", "~flurbo ... sip"]
    patterns: [zorbluk]
    answer: Ask a pharmacist.
"""


@pytest.fixture(name="matcher")
def _matcher(tmp_path: Path) -> Matcher:
    return Matcher(load_content(intent_folder(tmp_path, {"main.yaml": SAFETY_ONLY})))


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A family covers each of its words; a number range only its numbers.
        ("i took 20 tablets", "pills"),
        ("i took 20 pills", "pills"),
        ("i took 3 pills", None),
        # "$": the trigger is the whole question, not its start.
        ("can i take it", "pills"),
        ("can i take it with food", None),
        # "^": the question starts there.
        ("should i take it", "pills"),
        ("why should i take it", None),
        # "!" wins over a more specific everyday trigger of another intent.
        ("my gums keep bleeding", "urgent"),
        # A misspelt long trigger word still counts.
        ("gizmoquinon and k2", "pills"),
        # An everyday trigger counts alone, or with a word about taking something...
        ("gums", "everyday"),
        ("vitamin k2 for gums", "everyday"),
        # ...but not inside a message about something else.
        ("best gums chewing brand", None),
        # "~" makes a rare word (another language's "операция") everyday: it needs a
        # reason like an everyday English one...
        ("zorbluk", "marked"),
        ("zorbluk and vitamin k2", "marked"),
        ("zorbluk bank transfer failed", None),
        # ...and the word a "*" stood for is the question's own, not the trigger's.
        ("how much k2 sip", "marked"),
        ("how much water sip", None),
        # "...": up to four words between the parts, or none; not five.
        ("zapf pills", "pills"),
        ("zapf those green pills", "pills"),
        ("zapf all of those green tablets", "pills"),
        ("zapf all of those big green tablets", None),
        # The words "..." skipped are the question's own, as a "*" word is.
        ("flurbo k2 sip", "marked"),
        ("flurbo my water sip", None),
    ],
)
def test_trigger_syntax(matcher: Matcher, question: str, intent: str | None) -> None:
    """Families, number ranges, "$" and "^", urgent "!", everyday "~", gaps "..." and typo
    tolerance work as documented."""
    found = matcher.safety_intent_for(matcher.normalizer.normalize(question))
    assert (found and found.id) == intent


@pytest.mark.parametrize(
    "question",
    [
        "I want to kill myself",
        "i am suicidal",
        "I want to end my life",
        "I have been self harming",
        "хочу покончить с собой",
        "не хочу жить",
    ],
)
def test_thoughts_of_suicide_get_the_emergency_referral(
    responder: Responder, question: str
) -> None:
    """Such a message must never be told "my source doesn't cover that"."""
    assert routed_to(responder, question) == "safety_emergency"


@pytest.mark.parametrize(
    "question",
    [
        # A body part swelling, hives or a rash breaking out, wheezing, about to faint.
        "an hour after my mk7 my upper lip started swelling up",
        "my son's eyelids are swollen after the k2 drops",
        "came out in hives right after my d3/k2 combo",
        "broke out in a bumpy red rash since starting menaquinone",
        "i think im having an allergic reaction, i only changed my k2 brand",
        "wheezing since my first k2 softgel",
        "feel like i'm going to pass out, took my mk-7 twenty minutes ago",
        "unbearable stomach pain after mk7 this morning",
        "i keep throwing up since i took the k2",
        "took a fistful of my mk7 capsules by mistake",
    ],
)
def test_allergic_reactions_and_acute_symptoms_get_the_emergency_answer(
    responder: Responder, question: str
) -> None:
    """Symptoms happening now, after taking K2, call for the emergency number."""
    assert routed_to(responder, question) == "safety_emergency"


@pytest.mark.parametrize(
    "question",
    [
        "oops, took an extra k2 capsule by mistake this morning",
        "accidentally had a second dose of mk7 today",
        "i swallowed two d3/k2 softgels instead of one by accident",
    ],
)
def test_one_pill_too_many_is_a_dose_question(responder: Responder, question: str) -> None:
    """An extra pill is for a doctor or pharmacist, not the emergency number ("by mistake"
    alone would say emergency)."""
    assert routed_to(responder, question) == "safety_dose"


@pytest.mark.parametrize(
    "question",
    [
        # Safety patterns match loosely: without a word about taking something or health,
        # sounding like "is this an emergency" or "k2 before surgery" is not enough.
        "tips for building an emergency fund",
        "what is a pregnant pause",
        "best surgery simulator game",
        "bleeding edge gadgets of the year",
        "my teenager won't clean his room",
        # "Poisoning" without K2, a pill or an urgent sign: an illness question.
        "food poisoning how long does it last",
        # "Take" not as swallowing something.
        "my kid wants to take up the violin, what age is good",
        "which bee hives are best for beginners",
        "my eyes are puffy in the morning",
    ],
)
def test_risk_words_in_everyday_senses_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


@pytest.mark.parametrize("question", ["k2 is to die for", "I could kill for some k2 gummies"])
def test_figures_of_speech_about_dying_are_not_emergencies(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


@pytest.mark.parametrize(
    ("name", "most_sent_to_a_doctor"),
    [
        # Forum-style English safety questions and lines that share their words.
        ("dev_safety_en", 3),
        # The same, written before the bot was run on them (2026-11-29): a check that
        # trigger families generalise rather than list the questions they were made for.
        ("dev_safety_en_blind", 4),
        # A second such set: allergic reactions, acute symptoms, one pill too many, and
        # risk words in everyday senses ("emergency fund", "killer workout").
        ("dev_safety_en_blind2", 2),
        # A fourth (2026-11-30): conditions of one's own, medicines named by purpose, a
        # seizure now vs "for seizures", "should I take k2?", procedures, stroke signs.
        ("dev_safety_en_blind3", 5),
        # Everyday look-alikes (2026-11-30), written before the bot was run on them: an
        # animal's food or mishap, "take" as carry, what a food holds, Russian shopping;
        # with the real safety lines closest to them (a pet that ate capsules, a child's
        # dose). Left: "overdosed on coffee", "беременной подруге", "для ребенка",
        # "after chemo", "скорую", "детские ... к2", "take on a trip", where a rule that
        # leaves them out would also leave out a real risk.
        ("dev_safety_lookalikes", 9),
    ],
)
def test_every_english_safety_question_reaches_its_referral(
    responder: Responder, name: str, most_sent_to_a_doctor: int
) -> None:
    """Every safety line gets the referral it is labelled with, and no more of the
    near-miss and off-topic lines than recorded in docs/history.md (each safety round) get a doctor."""
    report = evaluate(responder, read_examples(REPO / "tests" / "data" / f"{name}.jsonl"))
    safety = [r for r in report.results if r.kind is QuestionKind.SAFETY]
    missed = [r.example.question for r in safety if r.got not in r.example.expect]
    assert missed == []
    others = [r for r in report.results if not r.example.expect]
    sent = [r.example.question for r in others if r.got is not None and r.got.startswith("safety_")]
    assert len(sent) <= most_sent_to_a_doctor, sent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A seizure happening now is an emergency...
        ("my wife just had a seizure, she takes mk7", "safety_emergency"),
        ("he started seizing after his k2 and d3", "safety_emergency"),
        # ...a seizure medicine or seizures as a condition are not.
        ("on topiramate for my seizures, is k2 alright", "safety_medicines"),
        ("are k2 gummies ok with my epilepsy medication", "safety_medicines"),
        ("i get seizures now and then, is mk7 safe for me", "safety_dose"),
        # A past heart attack or stroke is why someone asks, not an emergency now: blood
        # thinners follow one, so the medicines referral (safety round 10).
        ("survived a heart attack in 2019, thinking about k2", "safety_medicines"),
    ],
)
def test_seizures_and_past_events_reach_the_right_referral(
    responder: Responder, question: str, intent: str
) -> None:
    """Only signs happening now call for the emergency number."""
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    "question",
    [
        # A condition of one's own or a relative's, however put.
        "my dad has cirrhosis of the liver, would k2 be ok for him",
        "ive got an irregular heartbeat, is it ok to take mk7",
        "im a type 2 diabetic, k2 safe?",
        "as someone with lupus can i take vitamin k2",
        "grandma was diagnosed with leukemia, can she take k2",
        # Asking whether to take it at all, and for how long.
        "should i take mk-7?",
        "i'm 61, should i take k2",
        "ive been on mk7 for 6 years now, is that alright",
        "do i need k2?",
        # Procedures named otherwise than "surgery".
        "getting a mole removed on tuesday, do i pause my k2",
        "having a cortisone shot in my knee, k2 ok?",
        # Stroke and breathing signs put in other words.
        "she suddenly lost the sight in her left eye, she takes mk7",
        "my husband is not making sense and took k2 this morning",
        "my lips are turning blue after the k2",
    ],
)
def test_personal_risks_said_in_other_words_reach_a_doctor(
    responder: Responder, question: str
) -> None:
    """Each is a question for a doctor, though no blood thinner, pregnancy or child is named."""
    assert routed_to(responder, question) is not None


@pytest.mark.parametrize(
    "question",
    [
        # Asking what K2 does for a condition, or why take it: an article or near-miss
        # question, not a personal risk.
        "does k2 help prevent cancer",
        "does vitamin k2 help diabetes",
        "why should i take k2",
        # Everyday senses of the new families' words.
        "my uncle is in remission from cancer, gift ideas for him",
        "i can't wake up early in the morning",
        "i feel like i'm going to die of boredom",
        "nosebleed seats at the concert, worth it?",
        "is k2 a good heart supplement",
    ],
)
def test_conditions_and_signs_in_other_senses_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


@pytest.mark.parametrize(
    "question",
    [
        "slipped and banged my head this morning, im on eliquis and k2",
        "been on mk7 a month and the whites of my eyes look yellow",
        "my stool has been jet black for two days, i take k2 with aspirin",
        "she can't lift her left arm, she takes k2",
    ],
)
def test_urgent_signs_in_everyday_words_get_the_emergency_answer(
    responder: Responder, question: str
) -> None:
    """A head knock on a blood thinner, jaundice, black stool, a weak arm: call now."""
    assert routed_to(responder, question) == "safety_emergency"


@pytest.mark.parametrize(
    "question",
    [
        # An animal that eats, is expecting or got into something, naming nothing taken:
        # a vet's matter, not a referral about K2.
        "is it safe for my puppy to have grapes",
        "my dog got into the trash can last night",
        "кошка беременна, как за ней ухаживать",
        # ...nor by a safety pattern ("pregnant, what should i take").
        "our rabbit is pregnant, what should we give her to eat",
        # The amount a food holds, not one to take.
        "how much vitamin d is in salmon",
        "how many mg of calcium does yogurt contain",
        # "Take" as carrying someone or something somewhere.
        "fun games for kids to take to the beach",
        "how long does it take a baby to sleep through the night",
        "should i take my toddler along to the wedding",
    ],
)
def test_animals_food_contents_and_carrying_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A pet that ate pills is still an emergency, in English and Russian.
        ("our kitten chewed through my k2 softgels", "safety_emergency"),
        ("кот съел мои таблетки витамина д", "safety_emergency"),
        # An amount to take of what a food holds is still a dose question.
        ("how much k2 is in natto and is it safe to take that much", "safety_dose"),
        # A dose asked for a child gets the children's referral.
        ("what dosage of mk7 for my daughter", "safety_children"),
    ],
)
def test_pets_swallowing_pills_and_childrens_doses_keep_their_referral(
    responder: Responder, question: str, intent: str
) -> None:
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Any animal, named by its breed or kind, chewing through or eating a pill form.
        ("my labrador chewed through my k2 softgels", "safety_emergency"),
        ("the parrot chewed a k2 pill", "safety_emergency"),
        ("the puppy chewed up the box of k2", "safety_emergency"),
        # One pill too many stays a dose question; chewing one's own gummies, no referral.
        ("i accidentally swallowed an extra k2 pill", "safety_dose"),
        ("I chewed the k2 gummies instead of swallowing", None),
        ("my dog chewed up my shoes", None),
    ],
)
def test_whoever_chews_through_a_pack_of_pills_is_an_emergency(
    responder: Responder, question: str, intent: str | None
) -> None:
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Whether K2 suits the asker, asked bare: the general referral.
        ("is mk7 safe?", "safety_dose"),
        ("vitamin k2 dangerous?", "safety_dose"),
        ("how safe is mk-7", "safety_dose"),
        ("is k2 really safe", "safety_dose"),
        # "just", "really" before the verb; whether anyone at all may take it.
        ("ok so should i really start it", "safety_dose"),
        ("could everybody take mk7, or not", "safety_dose"),
        ("k2: are there any contraindications?", "safety_dose"),
        # A relayed question about whether it suits a child stays a referral...
        ("my niece is 9 and her dad asked me whether k2 would be good for her", "safety_children"),
        ("my son asked me if he can take k2 too", "safety_children"),
        # ...and so does a procedure named with its price, when K2 is named too.
        ("stopping k2 before my colonoscopy, and what will it cost", "safety_surgery"),
    ],
)
def test_bare_safety_questions_reach_a_doctor(
    responder: Responder, question: str, intent: str
) -> None:
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    "question",
    [
        # A child's homework or class, or a relayed "what is": learning, not giving.
        "my son's homework asks what vitamin k2 does for bones",
        "helping my daughter with a biology class worksheet on vitamins",
        "my kid asked me where vitamin k2 comes from",
        # Sunlight is soaked up, not swallowed.
        "what daily dose of sunlight do you need for vitamin d",
        # What a procedure costs, naming neither K2 nor taking anything.
        "average price of dialysis per session",
        "how much is a colonoscopy without insurance in texas",
        # A folded contraction ("shouldnt") is as everyday as the contraction.
        "who shouldn't move to alaska in winter",
        # Daily calcium pills that do nothing are the article's own opening.
        "i take calcium supplements every day and my legs still cramp at night, why",
    ],
)
def test_learning_sunlight_prices_and_everyday_words_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


def test_the_fourth_blind_english_set_is_all_referred_and_its_lookalikes_are_not(
    responder: Responder,
) -> None:
    """dev_safety_en_blind4 (162 risk phrasings: brand names, conditions, teenagers,
    doses, ingestion, symptoms, procedures) and dev_safety_lookalikes_2 (80 harmless
    lines sharing their words), written before the bot was run on them (2026-11-30):
    every risk line gets a doctor, no look-alike does."""
    risks = evaluate(
        responder, read_examples(REPO / "tests" / "data" / "dev_safety_en_blind4.jsonl")
    )
    assert [r.example.question for r in risks.results if not r.good] == []
    lookalikes = evaluate(
        responder, read_examples(REPO / "tests" / "data" / "dev_safety_lookalikes_2.jsonl")
    )
    sent = [
        r.example.question
        for r in lookalikes.results
        if r.got is not None and r.got.startswith("safety_")
    ]
    assert sent == []


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # A due month is a pregnancy.
        ("expecting in october, is mk7 fine for me", "safety_pregnancy"),
        # Doubled a dose without saying it was an accident.
        ("i double dosed my mk7 today", "safety_dose"),
        # A symptom after or since taking it, told as one's own.
        ("got woozy since starting mk7", "safety_emergency"),
        ("hives since taking the k2 capsules", "safety_emergency"),
        ("my hands are puffy and swollen since i began k2", "safety_emergency"),
        ("my heart pounds after my k2 dose", "safety_emergency"),
        ("noticed blood in stool, i take k2 daily", "safety_emergency"),
        # A condition said with "if you have", a question whether it suits all or me.
        ("is mk7 a problem if you have hashimotos", "safety_dose"),
        ("mk7 fine if one has crohns?", "safety_dose"),
        ("is mk7 for everybody", "safety_dose"),
        ("worth taking mk7 for her at 80?", "safety_dose"),
        ("should my 75 year old mum take k2", "safety_dose"),
        ("thinking about starting vitamin k2, anything we should know first", "safety_dose"),
    ],
)
def test_risks_said_in_other_words_reach_a_doctor(
    responder: Responder, question: str, intent: str
) -> None:
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    "question",
    [
        "my heart skipped a beat at the concert",
        "my heart races before every exam",
        "swollen ankles after a long drive",
        "i get dizzy after getting up from the couch, is it normal",
        "double dosed on espresso today lol",
        "i want to start learning guitar",
        "what should we know first before adopting a cat",
        "is this game for everyone",
        "due in may: the final project",
    ],
)
def test_idioms_and_everyday_symptoms_without_k2_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # What K2 did to the asker is a symptom to see a doctor about.
        ("the k2 pill made me lightheaded", "safety_emergency"),
        # Years on it, a reason of one's own, a doctor's word, a stent.
        ("using mk7 for 12 years now, still fine?", "safety_dose"),
        ("should i take mk7 for my back pain", "safety_dose"),
        ("my gp said to stop the mk7", "safety_dose"),
        ("k2 with a coronary stent?", "safety_medicines"),
    ],
)
def test_what_k2_did_years_on_it_and_a_stent_reach_a_doctor(
    responder: Responder, question: str, intent: str
) -> None:
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    "question",
    [
        # Whether K2 can cause something is a side-effect question, not a symptom.
        "can mk7 make you nauseous",
        # Taking K2 with calcium is the article's K2-with-calcium question.
        "should i take k2 with my calcium pills",
        "what material is a stent made of",
    ],
)
def test_side_effect_questions_and_stent_trivia_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("can i have 3 a day", "safety_dose"),
        ("mk7 twice a week rather than every day?", "safety_dose"),
        ("should epileptics take mk7", "safety_dose"),
        ("is mk7 alright for seniors", "safety_dose"),
        ("i've had a dvt, is k2 a risk", "safety_medicines"),
        ("k2 when there is a pulmonary embolism history", "safety_medicines"),
        ("the puppy nibbled on a k2 softgel", "safety_emergency"),
    ],
)
def test_schedules_groups_clots_and_a_pet_nibbling_reach_a_doctor(
    responder: Responder, question: str, intent: str
) -> None:
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    "question", ["i go swimming twice a week", "my cat licked my face", "our dog bit the mailman"]
)
def test_weekly_habits_and_pets_without_pills_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # Which product or form to take, whether it suits me (2026-11-30, blind set 5).
        ("what brand of mk7 should i get", "safety_dose"),
        ("mk4 or mk7 for my mum?", "safety_dose"),
        ("k2 or d3 first, for me?", "safety_dose"),
        ("would mk7 be good for me", "safety_dose"),
        ("is it good for me personally", "safety_dose"),
        # Elderly relatives and a relative's condition.
        ("vitamin k2 for my 78 yo father?", "safety_dose"),
        ("my 91 year old grandad wants to try mk7", "safety_dose"),
        ("our aging parents are thinking to start k2", "safety_dose"),
        ("my husband had a stroke, can he have mk7", "safety_medicines"),
        ("mk7 with crohns?", "safety_dose"),
        ("is vitamin k2 fine with parkinsons", "safety_dose"),
        ("k2 three times a day alright?", "safety_dose"),
        # Pregnancy mechanics and nursing said of someone else.
        ("does vitamin k2 reach a baby via the placenta", "safety_pregnancy"),
        ("my partner is breastfeeding our twins, k2 ok?", "safety_pregnancy"),
        # Bleeding gums: a bleeding tendency, not the emergency number.
        ("gums bleeding when i brush, is k2 a bad idea", "safety_medicines"),
        ("k2 and thinners together?", "safety_medicines"),
        # Russian: personal advice, elderly relatives, overdoses asked and done.
        ("ему стоит пить мк7?", "safety_dose"),
        ("дедушке 82, можно ему витамин к2", "safety_dose"),
        ("какой витамин к2 мне купить", "safety_dose"),
        ("сколько месяцев можно пропить мк7", "safety_dose"),
        ("возможна ли передозировка мк7", "safety_dose"),
        ("сын выпил 12 капсул к2", "safety_emergency"),
        ("принимаю эутирокс, к2 можно?", "safety_medicines"),
        ("к2 через плаценту проникает?", "safety_pregnancy"),
    ],
)
def test_products_relatives_conditions_and_russian_advice_reach_a_doctor(
    responder: Responder, question: str, intent: str
) -> None:
    assert routed_to(responder, question) == intent


@pytest.mark.parametrize(
    "question",
    [
        "my hair is getting thinner every year",
        "how do i clean brushes without paint thinner",
        "convert 250 mg to grams",
        "how many micrograms in a milligram",
        "is it ok for me to skip the gym today",
        "birthday ideas for my 80 year old grandma",
        "which laptop should i buy for college",
    ],
)
def test_thinner_unit_conversions_and_other_advice_are_not_referred(
    responder: Responder, question: str
) -> None:
    assert routed_to(responder, question) is None


def test_the_fifth_blind_sets_are_all_referred_and_their_lookalikes_are_not(
    responder: Responder,
) -> None:
    """dev_safety_en_blind5 (118 English risk phrasings: fragments, relatives, conditions,
    which product, "is it ok for me"; two lines the dev sets read as article answers), dev_safety_ru_blind (60 Russian, some in Latin
    letters) and dev_safety_lookalikes_3 (60 harmless lines sharing their words), written
    before the bot was run on them (2026-11-30): every risk line gets a doctor, no
    look-alike does."""
    for name in ("dev_safety_en_blind5.jsonl", "dev_safety_ru_blind.jsonl"):
        risks = evaluate(responder, read_examples(REPO / "tests" / "data" / name))
        assert [r.example.question for r in risks.results if not r.good] == [], name
    lookalikes = evaluate(
        responder, read_examples(REPO / "tests" / "data" / "dev_safety_lookalikes_3.jsonl")
    )
    sent = [
        r.example.question
        for r in lookalikes.results
        if r.got is not None and r.got.startswith("safety_")
    ]
    assert sent == []


@pytest.mark.parametrize("warm", [False, True])
def test_two_swapped_letters_in_a_medicine_are_one_typo(responder: Responder, warm: bool) -> None:
    """A drug name typed with two neighbouring letters swapped still reaches the medicines
    referral, scanned or looked up in the warmed-up index, as the matcher's own typo
    correction reads it."""
    if warm:
        responder.warm_up()
    assert "safety_medicines" == routed_to(responder, "k2 and apixbaan together")
