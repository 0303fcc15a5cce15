"""A "yes" to a "did you mean", and a question of its own after a topic it doesn't lean on.

Every test drives the real responder on the shipped content through one conversation, and
checks the answer a user sees.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Decision, Dialogue, merged
from bot.memory import ConversationMemory
from bot.responder import Responder

# One topic offered alone ("k2 mineral": "did you mean: Does K2 help bone density?"), and
# two ("e coli": where K2 comes from, where MK-4 and MK-7 are formed).
ONE_OFFERED = "k2 mineral"
TWO_OFFERED = "e coli"


def chat(dialogue: Dialogue, *messages: str) -> list[str | None]:
    """The intent id each message of one conversation gets (None: no answer)."""
    got: list[str | None] = []
    for text in messages:
        reply = merged(dialogue.respond("me", text))
        got.append(reply.intent.id if reply.intent is not None else None)
    return got


def test_the_offers_used_here_are_what_the_bot_offers(responder: Responder) -> None:
    """The questions below get a "did you mean" with one topic, and with two."""
    one = responder.respond(ONE_OFFERED)
    two = responder.respond(TWO_OFFERED)
    assert (None, ["bone_density"]) == (one.intent, [i.id for i in one.suggestions])
    assert (None, 2) == (two.intent, len(two.suggestions))


@pytest.mark.parametrize("yes", ["yes", "yep that one", "Yes please!", "ok yes", "да"])
def test_yes_to_the_one_topic_offered_gets_its_answer(responder: Responder, yes: str) -> None:
    """ "yes" after "did you mean: Does K2 help bone density?" is that topic's answer."""
    dialogue = Dialogue(responder)
    assert [None, "bone_density"] == chat(dialogue, ONE_OFFERED, yes)
    (turn,) = dialogue.respond("me", "and for women?")
    assert "bone_density" == (turn.reply.intent.id if turn.reply.intent else None)


def test_yes_is_read_as_saying_yes(responder: Responder) -> None:
    """The reading is named, for --explain."""
    dialogue = Dialogue(responder)
    dialogue.respond("me", ONE_OFFERED)
    (turn,) = dialogue.respond("me", "yes")
    assert Decision.ACCEPTED == turn.decision


def test_yes_after_another_reply_does_not_reach_back_to_an_old_offer(
    responder: Responder,
) -> None:
    """Any reply in between ends the offer: a later "yes" says yes to nothing offered."""
    dialogue = Dialogue(responder)
    assert [None, None, None] == chat(dialogue, ONE_OFFERED, "hmm dunno", "yes")


def test_yes_to_several_topics_offered_picks_none(responder: Responder) -> None:
    """ "yes" to a list doesn't say which: no topic is picked for the person."""
    assert [None, None] == chat(Dialogue(responder), TWO_OFFERED, "yes")


@pytest.mark.parametrize(
    ("offer", "yes", "which", "pick", "picked"),
    [
        (TWO_OFFERED, "yes", "Which one do you mean?", "2", "where_forms_made"),
        ("кишечная палочка", "да", "Какую из этих тем", "второй", "where_forms_made"),
    ],
)
def test_yes_to_several_topics_offered_asks_which_one(
    responder: Responder, offer: str, yes: str, which: str, pick: str, picked: str
) -> None:
    """ "yes" to two offered topics is asked which one, in the person's language, with both
    topics listed again; a pick by its place then gets that topic's answer."""
    dialogue = Dialogue(responder)
    offered = merged(dialogue.respond("me", offer)).suggestions
    (turn,) = dialogue.respond("me", yes)
    assert (Decision.WHICH_OFFERED, None) == (turn.decision, turn.reply.intent)
    assert turn.reply.text.startswith(which)
    assert offered == turn.reply.suggestions
    assert all(i.title_in(turn.reply.language) in turn.reply.text for i in offered)
    assert [picked] == chat(dialogue, pick)


def test_yes_to_several_offered_after_an_answer_asks_which_one(responder: Responder) -> None:
    """A "did you mean" on a topic ("osteo" after bone density) and "yes": which one, and
    "the second one" picks osteocalcin, not the topic before."""
    dialogue = Dialogue(responder)
    assert ["bone_density", None] == chat(dialogue, "does k2 help bone density", "osteo")
    (turn,) = dialogue.respond("me", "yes")
    assert Decision.WHICH_OFFERED == turn.decision
    assert ["osteoclasts_bone_loss", "osteocalcin"] == [i.id for i in turn.reply.suggestions]
    assert ["osteocalcin"] == chat(dialogue, "the second one")


def test_yes_after_an_answer_is_no_new_answer(responder: Responder) -> None:
    """Without an offer, "yes" answers nothing (it was never a question)."""
    assert ["bone_density", None] == chat(Dialogue(responder), "does k2 help bone density", "yes")


def test_an_offer_alone_does_not_carry_the_subject() -> None:
    """A "did you mean" remembered with nothing else keeps no subject for the next message."""
    memory = ConversationMemory()
    memory.offer("me", ("gut_bacteria", "where_forms_made"))
    recollection = memory.recall("me")
    assert recollection is not None
    assert (("gut_bacteria", "where_forms_made"), False) == (
        recollection.offered,
        recollection.subject_only,
    )
    memory.offer("me", ())
    recollection = memory.recall("me")
    assert recollection is not None
    assert () == recollection.offered


def test_a_new_question_naming_k2_is_not_bent_back_by_one_more(responder: Responder) -> None:
    """ "one more, does k2 help with bone loss?" after osteocalcin asks about bone loss."""
    dialogue = Dialogue(responder)
    assert ["osteocalcin", "thanks", "osteoclasts_bone_loss"] == chat(
        dialogue,
        "how does k2 activate osteocalcin",
        "thanks!",
        "one more, does k2 help with bone loss?",
    )


def test_it_beside_k2_is_still_the_topic(responder: Responder) -> None:
    """ "and how does k2 help it?" after osteocalcin is about osteocalcin."""
    assert ["osteocalcin", "osteocalcin"] == chat(
        Dialogue(responder), "what does k2 do to osteocalcin?", "and how does k2 help it?"
    )


@pytest.mark.parametrize("question", ["does it help them", "is it good for them"])
def test_a_question_without_its_mark_after_an_answer_is_about_k2_not_the_bot(
    responder: Responder, question: str
) -> None:
    """ "does it help them" (no "?") after bone density asks about K2, not what the bot does:
    read with "it" as K2, or as the topic's question again (bone density, for "them")."""
    dialogue = Dialogue(responder)
    dialogue.respond("me", "does k2 help bone density")
    (turn,) = dialogue.respond("me", question)
    assert turn.reply.intent is not None
    assert "article" == turn.reply.intent.kind.value
    assert turn.decision in (Decision.SUBJECT_NAMED, Decision.SAME_TOPIC)


@pytest.mark.parametrize(
    ("pick", "expected"),
    [
        ("the first one", "gut_bacteria"),
        ("2", "where_forms_made"),
        ("no i meant the second one", "where_forms_made"),
        ("второй", "where_forms_made"),
        ("the third one", None),  # only two were offered
    ],
)
def test_one_of_several_topics_offered_is_picked_by_its_place(
    responder: Responder, pick: str, expected: str | None
) -> None:
    """ "the second one" after a "did you mean" listing two topics is the second's answer."""
    offered = [i.id for i in responder.respond(TWO_OFFERED).suggestions]
    assert ["gut_bacteria", "where_forms_made"] == offered
    assert [None, expected] == chat(Dialogue(responder), TWO_OFFERED, pick)


def test_a_number_without_an_offer_picks_nothing(responder: Responder) -> None:
    """ "2" after an answer is no pick: nothing was offered."""
    assert ["bone_density", None] == chat(Dialogue(responder), "does k2 help bone density", "2")


def test_a_question_taken_for_a_greeting_is_declined_by_name(responder: Responder) -> None:
    """ "at night or morning?" after K2 with D3 asks when to take it: the article doesn't say."""
    dialogue = Dialogue(responder)
    dialogue.respond("me", "k2 and d3 together?")
    (turn,) = dialogue.respond("me", "at night or morning?")
    assert (None, Decision.DECLINE) == (turn.reply.intent, turn.decision)
    assert "doesn't cover" in turn.reply.html


@pytest.mark.parametrize(
    ("said", "expected"), [("good morning", "greeting"), ("thanks!", "thanks")]
)
def test_a_greeting_or_thanks_after_an_answer_stays_small_talk(
    responder: Responder, said: str, expected: str
) -> None:
    """Only a question is read with K2 named; a plain greeting is answered as one."""
    assert ["k2_with_d3", expected] == chat(Dialogue(responder), "k2 and d3 together?", said)
