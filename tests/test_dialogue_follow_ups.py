"""Follow-ups as people chat: the subject kept after a decline, questions without "?",
fragments that inherit the topic, and safety judged on a fragment read with the topic.

Every test drives the real responder on the shipped content through a multi-turn exchange.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Decision, Dialogue, asks, is_continuation, words
from bot.memory import ConversationMemory
from bot.responder import Responder
from builders import intents_in_conversation


@pytest.mark.parametrize(
    ("declined", "follow_up", "expected"),
    [
        ("is k2 good for the heart", "what about bones then", "bone_density"),
        ("does vitamin k2 help teeth", "what about bones", "bone_density"),
        ("is k2 the same as k1?", "and vitamin d3?", "k2_with_d3"),
    ],
)
def test_after_a_declined_k2_question_the_subject_carries_over(
    dialogue: Dialogue, declined: str, follow_up: str, expected: str
) -> None:
    """A question about K2 the article doesn't cover still makes K2 the subject."""
    assert [None, expected] == intents_in_conversation(dialogue, declined, follow_up)


def test_after_an_off_topic_decline_nothing_carries_over(dialogue: Dialogue) -> None:
    """Only a message that named the subject lends it to the next one."""
    assert [None, None] == intents_in_conversation(
        dialogue, "can u help me w my taxes", "what about bones"
    )


def test_a_carried_subject_then_gives_way_to_the_topic_answered(dialogue: Dialogue) -> None:
    """Once a follow-up is answered, its topic is what the next fragment leans on."""
    assert [None, "bone_density", "bone_density"] == intents_in_conversation(
        dialogue, "is k2 good for the heart", "what about bones then", "for women?"
    )


def test_the_subject_is_remembered_only_when_no_topic_is(responder: Responder) -> None:
    """A decline after an answer keeps the answered topic, not just the subject."""
    memory = ConversationMemory()
    dialogue = Dialogue(responder, memory)
    intents_in_conversation(dialogue, "mk7 vs mk4?", "is k2 good for the heart")
    recollection = memory.recall("me")
    assert recollection is not None
    assert "forms_mk4_mk7" == recollection.intent_id
    assert recollection.declined


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("by how much", True),
        ("ok why in the testis", True),
        ("so how", True),
        ("cool", False),
        ("men", False),
        ("nice one", False),
    ],
)
def test_a_question_word_first_is_a_question_without_a_question_mark(
    text: str, question: bool
) -> None:
    """Chats drop the "?": a question word at the start still makes a question."""
    assert question == asks(text)


def test_a_fragment_without_a_question_mark_still_leans_on_the_topic(
    dialogue: Dialogue,
) -> None:
    """ "by how much" after fracture risk asks about its figure, "?" or not."""
    assert ["fracture_risk", "fracture_risk"] == intents_in_conversation(
        dialogue, "does k2 reduce fracture risk", "by how much"
    )


def test_did_you_mean_the_topic_while_on_it_is_the_topic(dialogue: Dialogue) -> None:
    """A question the matcher only suggests the current topic for is about that topic."""
    assert ["where_forms_made", "where_forms_made"] == intents_in_conversation(
        dialogue, "mk4 made where", "why in the testis lol"
    )


def test_a_vague_verb_in_any_form_adds_nothing_to_the_topic(dialogue: Dialogue) -> None:
    """ "makes" is as vague as "make": "and e coli makes mk7?" is the topic's own words."""
    (first,) = dialogue.respond("me", "where is mk4 made")
    (turn,) = dialogue.respond("me", "and e coli makes mk7?")
    assert first.reply.intent is not None
    assert turn.reply.intent == first.reply.intent
    assert Decision.SAME_TOPIC is turn.decision


@pytest.mark.parametrize(
    ("conversation", "expected"),
    [
        # A bare quantity after an answer with no figure asks how much to take.
        (("should i take k2 with d3?", "how much?"), "safety_dose"),
        (("what is vitamin k2", "ok for my kid?"), "safety_children"),
        # After a declined K2 question, the carried subject is read the same way.
        (("is k2 good for the heart", "how much?"), "safety_dose"),
    ],
)
def test_a_fragment_is_judged_for_safety_with_the_subject_named(
    dialogue: Dialogue, conversation: tuple[str, ...], expected: str
) -> None:
    """ "how much?" is "how much k2?": the topic does not absorb a referral."""
    assert expected == intents_in_conversation(dialogue, *conversation)[-1]


def test_a_bare_quantity_after_a_figure_asks_about_the_figure(dialogue: Dialogue) -> None:
    """ "by how much?" after "fracture risk by 87%" is about the 87%, not a dose."""
    assert (
        "fracture_risk"
        == intents_in_conversation(dialogue, "does k2 reduce fracture risk", "by how much?")[-1]
    )


@pytest.mark.parametrize(
    ("conversation", "expected"),
    [
        # The emergency advice speaks of "even if they seem fine".
        (
            ("my toddler just ate 10 of my k2 pills", "he seems fine, is that ok?"),
            "safety_emergency",
        ),
        # The dose referral speaks of "daily or long term"; alone "how long" is timing.
        (("should i take k2 every day?", "how long for?"), "safety_dose"),
        # Something the referral doesn't speak of gets its own reply.
        (("should i take k2 every day?", "which brand?"), None),
    ],
)
def test_after_a_referral_a_fragment_it_covers_gets_it_again(
    dialogue: Dialogue, conversation: tuple[str, ...], expected: str | None
) -> None:
    """A vague follow-up to a referral is never left without the doctor."""
    assert expected == intents_in_conversation(dialogue, *conversation)[-1]


@pytest.mark.parametrize(
    "message",
    [
        "what does that mean in plain english",
        "explain it for a beginner please",
        "tell me more in simple words",
        "что это значит простыми словами",
    ],
)
def test_how_to_go_on_does_not_hide_a_continuation(message: str) -> None:
    """A manner at the end ("in plain english") still leaves a request to go on."""
    assert is_continuation(message)


def test_a_continuation_in_plain_words_goes_on_with_the_topic(dialogue: Dialogue) -> None:
    """Not read as a new question about what "k2 means": the topic goes on."""
    intents_in_conversation(dialogue, "does k2 stop bone loss")
    (turn,) = dialogue.respond("me", "what does that mean in plain english")
    assert Decision.CONTINUED is turn.decision
    assert turn.context is not None
    assert "osteoclasts_bone_loss" == turn.context.id


def test_a_contracted_question_word_still_asks_about_it(dialogue: Dialogue) -> None:
    """ "whats it good for" after an answer asks what K2 is good for, not about the bot."""
    assert (
        "benefits_overview"
        == intents_in_conversation(dialogue, "what is k2", "whats it good for")[-1]
    )


def test_a_pronoun_follow_up_declined_once_it_is_named_is_declined(dialogue: Dialogue) -> None:
    """ "when is the best time to take it?" is timing, not K2 with D3 once more."""
    intents_in_conversation(dialogue, "should i take k2 with vit d")
    (turn,) = dialogue.respond("me", "when is the best time to take it")
    assert turn.reply.intent is None
    assert Decision.DECLINE is turn.decision


@pytest.mark.parametrize(
    ("conversation", "expected"),
    [
        # "n" is "and": a form named instead of K2.
        (("where is mk7 made", "n mk4?"), "where_forms_made"),
        # "y" is "why": a continuation, the next related answer.
        (("k2 and d3?", "y?"), "calcium_absorption"),
        # Spelled out, a dose question: the referral.
        (("mk7 vs mk4", "hw much shud she take"), "safety_dose"),
        # "ppl" is "people", in the reading with the subject named.
        (
            ("whats the difference between mk4 and mk7", "which one is better for old ppl"),
            "mk7_elderly_osteoporosis",
        ),
        # Russian chat spelling: "скока" is "сколько".
        (("к2 с д3 нужно?", "а скока пить?"), "safety_dose"),
    ],
)
def test_chat_spellings_are_read_as_the_words_they_stand_for(
    dialogue: Dialogue, conversation: tuple[str, ...], expected: str
) -> None:
    """Shorthand ("n", "y", "hw", "shud", "скока") leans back as the full words do."""
    assert expected == intents_in_conversation(dialogue, *conversation)[-1]


def test_the_shorthand_of_every_language_is_one_map() -> None:
    """Read before the language is known; each language's spellings are its own script."""
    assert ["and", "mk4"] == words("n mk4?")
    assert ["what", "about", "that"] == words("wat abt dat")
    assert ["а", "сколько"] == words("а скока?")
    # A real word is never rewritten: "k" is vitamin K's.
    assert ["vitamin", "k"] == words("vitamin k")


@pytest.mark.parametrize(
    ("topic", "question", "expected"),
    [
        ("does k2 help calcium absorption", "ok and how does k2 get in the bones", "reaches_bone"),
        ("what does k2 do to osteocalcin", "and how does k2 get into bone", "reaches_bone"),
    ],
)
def test_a_whole_question_naming_k2_is_not_bent_by_an_opener(
    dialogue: Dialogue, topic: str, question: str, expected: str
) -> None:
    """ "and ..." before a full K2 question answered on its own does not pull in the topic."""
    assert expected == intents_in_conversation(dialogue, topic, question)[-1]


def test_they_is_the_topics_things_not_k2(dialogue: Dialogue) -> None:
    """K2 is one thing: "where are they made?" after where the forms are made is that again."""
    intents_in_conversation(dialogue, "mk7 vs mk4", "why?")
    (turn,) = dialogue.respond("me", "where are they made?")
    assert turn.reply.intent is not None
    assert "where_forms_made" == turn.reply.intent.id
    assert Decision.SAME_TOPIC is turn.decision


def test_they_with_words_the_topic_lacks_still_finds_another_answer(dialogue: Dialogue) -> None:
    """ "which of them is better for old people" after the forms is about MK-7 for the elderly."""
    assert (
        "mk7_elderly_osteoporosis"
        == intents_in_conversation(
            dialogue, "mk7 vs mk4", "which of them is better for old people"
        )[-1]
    )


@pytest.mark.parametrize(
    "doubt", ["is that proven?", "any research on that?", "is it backed by science"]
)
def test_doubting_the_evidence_gets_the_articles_own_words(dialogue: Dialogue, doubt: str) -> None:
    """Asking whether it is proven is doubt: the topic's passages, not another topic."""
    intents_in_conversation(dialogue, "why doesnt my calcium work")
    (turn,) = dialogue.respond("me", doubt)
    assert Decision.SOURCE is turn.decision
    assert turn.reply.intent is not None
    assert "calcium_not_working" == turn.reply.intent.id


@pytest.mark.parametrize("ask_how", ["а как он действует?", "как это помогает?"])
def test_russian_how_does_it_act_goes_on_with_the_topic(dialogue: Dialogue, ask_how: str) -> None:
    """ "how does it act/help?" in Russian asks to go on, as "how does it work?" does."""
    intents_in_conversation(dialogue, "к2 полезен для костей?")
    (turn,) = dialogue.respond("me", ask_how)
    assert Decision.CONTINUED is turn.decision


def test_that_read_as_k2_must_answer_the_messages_words(dialogue: Dialogue) -> None:
    """ "in what people was that?" after fracture risk is not "What is K2?"."""
    got = intents_in_conversation(
        dialogue, "does k2 reduce fracture risk", "in what people was that"
    )
    assert "what_is_k2" != got[-1]


def test_a_hedge_adds_nothing_to_the_topic(dialogue: Dialogue) -> None:
    """ "which bacteria exactly" after where K2 comes from is that topic's answer."""
    assert (
        "gut_bacteria"
        == intents_in_conversation(
            dialogue, "so k2 is made by gut bacteria?", "which bacteria exactly"
        )[-1]
    )


def test_a_longer_follow_up_naming_only_a_form_asks_the_topics_question_about_it(
    dialogue: Dialogue,
) -> None:
    """ "is it the same for mk4?" after where K2 comes from asks where MK-4 comes from."""
    assert (
        "where_forms_made"
        == intents_in_conversation(dialogue, "where does k2 come from", "is it the same for mk4?")[
            -1
        ]
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [("who benefits most", "benefits_overview"), ("who are you", "about_bot")],
)
def test_a_question_read_as_small_talk_is_about_k2_when_k2_named_answers_it(
    dialogue: Dialogue, question: str, expected: str
) -> None:
    """After an answer, "who benefits most" is about K2; "who are you" stays about the bot."""
    assert expected == intents_in_conversation(dialogue, "k2 and fractures", question)[-1]


@pytest.mark.parametrize("why", ["why not?", "why cant you tell me"])
def test_a_continuation_after_a_declined_k2_question_does_not_become_one(
    dialogue: Dialogue, why: str
) -> None:
    """ "why not?" after "does k2 cause side effects" (declined) is no K2 question."""
    assert [None, None] == intents_in_conversation(dialogue, "does k2 cause side effects", why)


def test_asking_why_not_after_a_referral_explains_it(dialogue: Dialogue) -> None:
    """Russian "why is it not allowed?" after the pregnancy referral: the referral's reason."""
    intents_in_conversation(dialogue, "я беременна, можно к2?")
    (turn,) = dialogue.respond("me", "а почему нельзя?")
    assert Decision.WHY_REFERRAL is turn.decision


def test_a_hedged_fragment_after_a_referral_gets_it_again(dialogue: Dialogue) -> None:
    """ "just roughly?" after how much to take still gets the doctor, not "not covered"."""
    assert (
        "safety_dose"
        == intents_in_conversation(dialogue, "how much k2 should i take", "just roughly?")[-1]
    )


@pytest.mark.parametrize(
    ("conversation", "expected"),
    [
        # "through what?": no word of its own, the topic's answer says through what.
        (("как к2 проникает в кости", "через что?"), "reaches_bone"),
        # "and then what?" asks to go on.
        (("к2 и остеокальцин", "а потом что?"), "calcium_absorption"),
    ],
)
def test_bare_russian_fragments_lean_on_the_topic(
    dialogue: Dialogue, conversation: tuple[str, ...], expected: str
) -> None:
    """A Russian fragment of prepositions and question words is about the topic."""
    assert expected == intents_in_conversation(dialogue, *conversation)[-1]


def test_a_longer_question_with_no_topic_words_is_not_the_topic_again(dialogue: Dialogue) -> None:
    """ "so what should i do?" asks for advice the topic's answer doesn't give."""
    assert (
        None
        is intents_in_conversation(
            dialogue, "why dont my calcium pills work", "so what should i do?"
        )[-1]
    )


def test_the_topics_term_with_another_topics_word_is_not_the_topic(dialogue: Dialogue) -> None:
    """ "and fractures?" names what another answer knows: not K2 with D3 again."""
    assert (
        "k2_with_d3"
        != intents_in_conversation(dialogue, "should k2 be taken with d3", "and fractures?")[-1]
    )


def test_of_the_topics_close_by_the_one_answering_its_words_is_the_answer(
    dialogue: Dialogue,
) -> None:
    """ "and for women of childbearing age?" after MK-7 for the elderly is bone density."""
    assert (
        "bone_density"
        == intents_in_conversation(
            dialogue,
            "is mk7 good for elderly people with osteoporosis",
            "and for women of childbearing age?",
        )[-1]
    )


def test_a_near_miss_is_still_only_offered_topics(dialogue: Dialogue) -> None:
    """ "what about exercise" answers nothing it is close to: topics, not an answer."""
    intents_in_conversation(dialogue, "does k2 help bone density")
    (turn,) = dialogue.respond("me", "what about exercise")
    assert turn.reply.intent is None


@pytest.mark.parametrize(
    ("topic", "near_miss", "again"),
    [
        ("what is k2", "k2 and migraines", "what_is_k2"),
        ("should k2 be taken with d3", "and d3 toxicity?", "k2_with_d3"),
    ],
)
def test_the_topics_term_with_a_word_no_answer_knows_is_not_the_topic_again(
    dialogue: Dialogue, topic: str, near_miss: str, again: str
) -> None:
    """Naming the topic's term with something its answer never speaks of is no repeat."""
    got = intents_in_conversation(dialogue, topic, near_miss)[-1]
    assert got is None or got.startswith("safety_")
    assert again != got
