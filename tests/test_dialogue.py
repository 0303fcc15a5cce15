"""Conversations: follow-ups lean on the last answer only when they need it, and several
questions in one message get an answer each."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.dialogue import Decision, Dialogue, merged, split_questions
from bot.markup import to_plain_text
from bot.matching import Outcome
from bot.memory import ConversationMemory
from bot.responder import Responder


def ask(dialogue: Dialogue, text: str, conversation: object = "me") -> str | None:
    """The intent id of the (single) answer to `text`."""
    (turn,) = dialogue.respond(conversation, text)
    return turn.reply.intent.id if turn.reply.intent is not None else None


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        ("where is mk7 made?", "and mk4?", "where_forms_made"),
        (
            "does k2 help bone density?",
            "what about for elderly people?",
            "mk7_elderly_osteoporosis",
        ),
        ("what is vitamin k2", "does it help fractures too?", "fracture_risk"),
        ("what is vitamin k2", "and with d3?", "k2_with_d3"),
        ("what is k2?", "where is it made?", "gut_bacteria"),
        ("mk7 vs mk4?", "and where is mk4 made?", "where_forms_made"),
        ("does k2 reduce fracture risk", "by how much?", "fracture_risk"),
        # With the topic's core term too, K2+D3 and fracture risk are too close to call;
        # with the subject named, "k2 and with d3?" is K2+D3.
        ("does k2 reduce fracture risk", "and with d3?", "k2_with_d3"),
        # A topic of its own once the subject is named: "k2 what about calcium absorption?".
        (
            "is mk7 good for elderly people with osteoporosis",
            "what about calcium absorption?",
            "calcium_absorption",
        ),
        # Declined alone as another vitamin; about K2 with D once K2 is named.
        ("does k2 help bone density?", "what about vitamin d?", "k2_with_d3"),
        # Not short, but unanswered without the subject: it leans on the conversation.
        ("are mk4 and mk7 the same", "which is better for old people?", "mk7_elderly_osteoporosis"),
        # The subject is named, so "it" is the topic.
        ("what is osteocalcin", "and how does k2 help it?", "osteocalcin"),
        # The topic's question as the frame: the benefits of K2 for bones.
        ("what are the benefits of k2", "and for bones?", "bone_density"),
        # "who makes it?" alone is about the bot; after an answer "it" is K2.
        ("is k2 a vitamin?", "who makes it?", "gut_bacteria"),
    ],
)
def test_elliptical_follow_ups_are_about_the_last_topic(
    dialogue: Dialogue, first: str, follow_up: str, expected: str
) -> None:
    """A short follow-up is read as a question about what was just answered."""
    ask(dialogue, first)
    assert expected == ask(dialogue, follow_up)


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("is it safe with warfarin?", "safety_medicines"),
        ("how much of it should i take?", "safety_dose"),
        ("can my kid take it?", "safety_children"),
        # "do i need to take" is a personal need: a referral even with K2 named.
        ("do i need to take it with d3?", "safety_dose"),
        # Alone, "should i take it" is a referral; with "it" read as K2 it is the K2+D3
        # question ("should i take k2 with d3?" is answered on its own).
        ("should i take it with d3?", "k2_with_d3"),
        ("should i take it?", "safety_dose"),
    ],
)
def test_pronouns_refer_back_and_safety_still_wins(
    dialogue: Dialogue, follow_up: str, expected: str
) -> None:
    """After an answer, "it" questions get the referral or the K2+D3 answer they need:
    "it" is read as the subject, and the question so read is judged as if typed so."""
    ask(dialogue, "mk7 vs mk4?")
    assert expected == ask(dialogue, follow_up)


@pytest.mark.parametrize("cue", ["why?", "how?", "tell me more", "explain simply", "go on"])
def test_a_continuation_gives_a_related_answer_never_the_same_text(
    dialogue: Dialogue, cue: str
) -> None:
    """ "why?" and "tell me more" continue with a related answer not shown yet."""
    (first,) = dialogue.respond("me", "what does k2 do to osteocalcin")
    (more,) = dialogue.respond("me", cue)
    assert more.decision is Decision.CONTINUED
    assert more.reply.intent is not None
    assert more.reply.intent.id in ("calcium_absorption", "calcium_not_working")
    assert first.reply.text not in more.reply.text


@pytest.mark.parametrize(
    "cue",
    [
        # A bare opener waits for the rest: the filler words are the cue.
        "and?",
        "so?",
        "ok and then?",
        "so what?",
        "why though?",
        "why would it?",
        "how is that possible?",
        "any more details?",
        "i want to know more",
        "is that all?",
        "what else does the article say?",
        "interesting, tell me more",
        "wow, why?",
        "is that all it says?",
        "could you go into more detail?",
        "how's that?",
        "in plain english?",
    ],
)
def test_everyday_continuations_go_on_with_the_topic(dialogue: Dialogue, cue: str) -> None:
    """The ways people ask to go on get the topic's next related answer, not the topic again."""
    ask(dialogue, "what does k2 do to osteocalcin")
    (more,) = dialogue.respond("me", cue)
    assert more.decision is Decision.CONTINUED, more.explain()
    assert more.reply.intent is not None
    assert more.reply.intent.id in ("calcium_absorption", "calcium_not_working")


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        ("does k2 help bone density?", "tell me more about bone density", "fracture_risk"),
        ("mk7 vs mk4?", "tell me more about mk7", "where_forms_made"),
        ("what is osteocalcin", "а расскажи подробнее про остеокальцин", "calcium_absorption"),
    ],
)
def test_more_about_the_topic_itself_is_more_not_the_same_answer(
    dialogue: Dialogue, first: str, follow_up: str, expected: str
) -> None:
    """ "tell me more about X" right after the answer about X goes on to the next answer."""
    ask(dialogue, first)
    (turn,) = dialogue.respond("me", follow_up)
    assert Decision.CONTINUED is turn.decision, turn.explain()
    assert expected == (turn.reply.intent.id if turn.reply.intent else None)


@pytest.mark.parametrize(
    ("first", "question", "expected"),
    [
        ("mk7 vs mk4?", "why is it called mk7", "forms_mk4_mk7"),
        ("where is mk7 made", "and mk4?", "where_forms_made"),
    ],
)
def test_a_question_word_or_an_opener_first_is_no_request_for_more(
    dialogue: Dialogue, first: str, question: str, expected: str
) -> None:
    ask(dialogue, first)
    assert expected == ask(dialogue, question)


@pytest.mark.parametrize(
    "doubt",
    [
        "really?",
        "are you sure?",
        "is that true?",
        "where does that come from?",
        # The article names no study: its own words are what there is to show.
        "which study?",
        "can i see the source?",
    ],
)
def test_doubt_is_answered_with_the_articles_own_words(
    dialogue: Dialogue, responder: Responder, doubt: str
) -> None:
    """ "really?" after "87% fewer fractures" gets the passage it came from, not another topic."""
    ask(dialogue, "does k2 reduce fracture risk")
    (turn,) = dialogue.respond("me", doubt)
    assert Decision.SOURCE is turn.decision
    assert "fracture_risk" == (turn.reply.intent.id if turn.reply.intent else None)


def test_where_does_it_come_from_is_still_a_question_about_k2(dialogue: Dialogue) -> None:
    """ "it" is K2 (where K2 comes from); only "that" and "this" point at the claim."""
    ask(dialogue, "what is vitamin k2")
    assert "gut_bacteria" == ask(dialogue, "where does it come from?")


def test_continuing_runs_out_honestly(dialogue: Dialogue) -> None:
    """Once every related answer was shown, "tell me more" says so instead of repeating."""
    ask(dialogue, "where are mk4 and mk7 formed")
    seen = []
    for _ in range(6):
        (turn,) = dialogue.respond("me", "tell me more")
        seen.append(turn.reply.text)
        if turn.decision is Decision.NOTHING_MORE:
            break
    assert turn.decision is Decision.NOTHING_MORE
    assert turn.reply.intent is None
    assert "That's all my source says" in turn.reply.text
    assert len(seen) == len(set(seen))


def test_a_complete_question_is_answered_on_its_own(dialogue: Dialogue) -> None:
    """Context never overrides a question the bot answers confidently by itself."""
    ask(dialogue, "where is mk7 made?")
    assert "what_is_k2" == ask(dialogue, "what is k2?")
    assert "forms_mk4_mk7" == ask(dialogue, "what is mk4?")
    assert "calcium_absorption" == ask(dialogue, "what about calcium absorption?")


def test_small_talk_stays_small_talk(dialogue: Dialogue) -> None:
    """Thanks after an answer is thanks, and "how?" is not a greeting then."""
    ask(dialogue, "k2 and d3 together?")
    assert "thanks" == ask(dialogue, "thanks!")
    assert "how?" and ask(dialogue, "how?") != "greeting"


@pytest.mark.parametrize("follow_up", ["and which foods have it?", "any side effects?"])
def test_a_follow_up_the_article_does_not_cover_is_declined(
    dialogue: Dialogue, follow_up: str
) -> None:
    """A not-covered follow-up gets the honest decline, not the previous answer again."""
    (before,) = dialogue.respond("me", "what is k2?")
    (turn,) = dialogue.respond("me", follow_up)
    assert turn.reply.intent is None
    assert "doesn't" in turn.reply.text
    assert to_plain_text(before.reply.html) not in turn.reply.text


def test_a_facet_the_topic_lacks_is_not_covered(dialogue: Dialogue) -> None:
    """ "what about for men?" after MK-7 for the elderly: the article says nothing of men."""
    ask(dialogue, "is mk7 good for elderly people with osteoporosis")
    (turn,) = dialogue.respond("me", "what about for men?")
    assert turn.decision is Decision.NOT_COVERED
    assert turn.reply.intent is None
    assert "Is MK-7 good for elderly people with osteoporosis?" in turn.reply.text


def test_the_answer_shows_when_context_was_used(dialogue: Dialogue) -> None:
    """A line names the topic a follow-up was read against; a standalone answer has none."""
    (first,) = dialogue.respond("me", "where is mk7 made?")
    (follow,) = dialogue.respond("me", "and mk4?")
    assert not first.used_context
    assert "↪" not in first.reply.text
    assert follow.reply.text.startswith("↪ about: Where are MK-4 and MK-7 formed?")
    assert "context where_forms_made" in follow.explain()


def test_conversations_do_not_share_context(dialogue: Dialogue) -> None:
    """One person's topic is not another's: the key is the adapter's conversation id."""
    ask(dialogue, "where is mk7 made?", conversation=(1, 1))
    (turn,) = dialogue.respond((1, 2), "and mk4?")
    assert turn.decision is Decision.NO_CONTEXT


def test_starting_over_forgets_the_topic(dialogue: Dialogue) -> None:
    """After a reset, a follow-up is answered as a first message."""
    ask(dialogue, "where is mk7 made?")
    assert dialogue.start_over("me") is True
    (turn,) = dialogue.respond("me", "and mk4?")
    assert turn.decision is Decision.NO_CONTEXT


def test_context_expires_after_silence(responder: Responder) -> None:
    """Minutes of silence end the topic."""
    now = [0.0]
    dialogue = Dialogue(responder, ConversationMemory(ttl_seconds=600, clock=lambda: now[0]))
    ask(dialogue, "where is mk7 made?")
    now[0] += 601
    (turn,) = dialogue.respond("me", "and mk4?")
    assert turn.decision is Decision.NO_CONTEXT


def test_a_reply_to_an_answer_is_context_even_with_no_memory(dialogue: Dialogue) -> None:
    """The answer replied to gives the topic, after a restart or hours later."""
    answer = dialogue.responder.answer("where_forms_made")
    assert answer is not None
    replied_to = dialogue.intent_of_answer("↪ about: something\n\n" + answer.text)
    assert "where_forms_made" == replied_to
    (turn,) = dialogue.respond("fresh", "and mk4?", replied_to=replied_to)
    assert turn.reply.intent is not None
    assert "where_forms_made" == turn.reply.intent.id
    assert turn.used_context


def test_a_reply_index_does_not_guess(dialogue: Dialogue) -> None:
    """Text that is no answer of the bot gives no context, nor does a list of topics."""
    assert dialogue.intent_of_answer("the weather is lovely today") is None
    assert dialogue.intent_of_answer("") is None
    greeting = "You can ask, for example: what is vitamin k2, how does k2 get into bone…"
    assert dialogue.intent_of_answer(greeting) is None


def test_a_reply_to_a_that_is_all_message_finds_its_topic(dialogue: Dialogue) -> None:
    """Replies the bot writes about a topic (not an answer) still name it findably."""
    dialogue.respond("me", "is mk7 good for elderly people with osteoporosis")
    (turn,) = dialogue.respond("me", "what about for men?")
    assert "mk7_elderly_osteoporosis" == dialogue.intent_of_answer(turn.reply.text)


def test_several_questions_get_an_answer_each_in_order(dialogue: Dialogue) -> None:
    """Each question is answered with the part it answers; greetings and thanks are not."""
    turns = dialogue.respond("me", "hi! what is k2? and should i take it with d3? thanks")
    assert ["what is k2?", "and should i take it with d3?"] == [t.part for t in turns]
    assert ["what_is_k2", "k2_with_d3"] == [
        t.reply.intent.id if t.reply.intent else None for t in turns
    ]


def test_a_later_question_shares_the_subject_of_an_unanswered_one(dialogue: Dialogue) -> None:
    """ "is k2 vegan?" is declined, yet the next question's "it" is still K2."""
    turns = dialogue.respond("me", "is k2 vegan? and does it help fractures?")
    assert [None, "fracture_risk"] == [t.reply.intent.id if t.reply.intent else None for t in turns]
    assert turns[1].decision is Decision.SUBJECT_NAMED
    assert 'matched as "does k2 help fractures"' in turns[1].explain()


def test_a_follow_up_close_to_topics_offers_them(dialogue: Dialogue) -> None:
    """After a referral, a follow-up the bot can't place offers the closest topics rather
    than "my source says nothing about that in connection with" the referral."""
    # "osteo" is three topics at once (osteocalcin, osteoclasts, osteoporosis): even with
    # the subject named the bot can only offer them. ("does it help bones?" was used here
    # until the content answered it as bone density.)
    premise = dialogue.responder.respond("does k2 do anything for osteo")
    assert premise.outcome is Outcome.SUGGEST, "premise: the follow-up, K2 named, is unplaced"
    ask(dialogue, "is k2 safe with warfarin?")
    (turn,) = dialogue.respond("me", "and does it do anything for osteo?")
    assert turn.decision is Decision.OFFERED
    assert turn.reply.suggestions
    assert "in connection with" not in turn.reply.text


def test_the_explanation_says_what_a_follow_up_was_matched_as(dialogue: Dialogue) -> None:
    """`--explain` shows the words the follow-up was matched with, not only the decision."""
    ask(dialogue, "what is vitamin k2")
    (turn,) = dialogue.respond("me", "and with d3?")
    assert turn.decision is Decision.FOLLOW_UP
    assert turn.matched_as == "k2 vitamin and with d3?"
    assert 'matched as "k2 vitamin and with d3?"' in turn.explain()


def test_one_row_per_message_holds_every_answer(dialogue: Dialogue) -> None:
    """Merged, the answers stay in order and the intent is the first question's."""
    turns = dialogue.respond("me", "what is k2? and should i take it with d3?")
    reply = merged(turns)
    assert reply.intent is not None
    assert "what_is_k2" == reply.intent.id
    text = reply.text
    assert text.index("K2 as a unique vitamin") < text.index('"dual guarantee"')


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        ("what is k2?", ["what is k2?"]),
        (
            "my mom takes calcium. why doesn't it work?",
            ["my mom takes calcium. why doesn't it work?"],
        ),
        ("what is k2?  and mk7?", ["what is k2?", "and mk7?"]),
        ("mk7? I'm 70. is it good for me?", ["mk7?", "I'm 70. is it good for me?"]),
        ("k2? d3? mk4? mk7?", ["k2? d3? mk4? mk7?"]),
    ],
)
def test_questions_are_exact_slices_of_the_message(message: str, parts: list[str]) -> None:
    """Back-story stays with its question; every part can be quoted from the message; more
    than three questions are one message, so a list never floods the chat with answers."""
    assert parts == split_questions(message)
    assert all(part in message for part in parts)


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        # The topic's question about MK-4 instead of K2: "where does mk4 come from?".
        ("where does k2 come from", "and mk4?", "where_forms_made"),
        ("where does k2 come from", "what about mk7?", "where_forms_made"),
        ("откуда берется к2", "а мк4?", "where_forms_made"),
        ("где образуется мк7", "а что насчёт мк7?", "where_forms_made"),
        # "what is mk7?" is the forms answer.
        ("what is vitamin k2", "and mk7?", "forms_mk4_mk7"),
        # A title without K2 in it gives no such question: the topic covers MK-4 already.
        ("where is mk7 made", "and mk4?", "where_forms_made"),
    ],
)
def test_a_form_named_instead_of_k2_asks_the_topics_question_about_it(
    dialogue: Dialogue, first: str, follow_up: str, expected: str
) -> None:
    ask(dialogue, first)
    assert expected == ask(dialogue, follow_up)


def test_a_question_answered_alone_the_same_way_is_no_follow_up(dialogue: Dialogue) -> None:
    """ "mk7 vs mk4?" after "what is vitamin k2" is its own question: no "↪ about" line."""
    ask(dialogue, "what is vitamin k2")
    (turn,) = dialogue.respond("me", "mk7 vs mk4?")
    assert "forms_mk4_mk7" == (turn.reply.intent.id if turn.reply.intent else None)
    assert not turn.used_context, turn.explain()


@pytest.mark.parametrize(
    ("first", "question", "expected"),
    [
        # "it" stands for the K2 the question names, not for the last topic.
        ("mk7 vs mk4?", "vitamin k2, what is it?", "what_is_k2"),
        ("should k2 be taken with d3?", "menaquinone, what is it", "what_is_k2"),
        ("mk7 vs mk4?", "does my gut make vitamin k2 on its own?", "gut_bacteria"),
        (
            "does k2 help bone density?",
            "how does it get into the bones tho, k2 i mean",
            "reaches_bone",
        ),
        # "it" is the calcium the message speaks of: no dose referral for "I take it".
        (
            "what is vitamin k2",
            "my doctor put me on calcium last year, I take it every morning but I still have "
            "leg cramps, could something else be missing?",
            "calcium_not_working",
        ),
    ],
)
def test_a_new_question_is_not_bent_toward_the_last_topic(
    dialogue: Dialogue, first: str, question: str, expected: str
) -> None:
    """A full question answered confidently on its own keeps its answer after any topic."""
    ask(dialogue, first)
    assert expected == ask(dialogue, question)


def test_it_read_as_k2_may_ask_more_than_the_topics_own_words(dialogue: Dialogue) -> None:
    """ "how does it get into bone?" after bone density asks how K2 does, not density again."""
    ask(dialogue, "does k2 help bones")
    assert "reaches_bone" == ask(dialogue, "how does it get into bone?")


def test_a_pointer_at_the_topic_besides_it_reads_the_topic_first(dialogue: Dialogue) -> None:
    """ "there" in "how does it get there?" is the bones just talked about."""
    ask(dialogue, "does k2 help bones")
    assert "reaches_bone" == ask(dialogue, "how does it get there?")


def test_the_dialogue_never_imports_telegram() -> None:
    """The conversation core runs without the Telegram library loaded."""
    code = (
        "import sys, bot.dialogue, bot.memory, bot.dialogue_eval, bot.messages; "
        "assert 'telegram' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    "request_",
    [
        "source?",
        "where does it say that?",
        "show me the source pls",
        "ok and your source?",
        "пруф?",
    ],
)
def test_asking_for_the_source_shows_the_last_answers_passages(
    dialogue: Dialogue, responder: Responder, request_: str
) -> None:
    """ "source?" after an answer quotes that answer's passages, as the Source button does."""
    ask(dialogue, "does k2 reduce fracture risk")
    (turn,) = dialogue.respond("me", request_)
    assert Decision.SOURCE is turn.decision
    assert "fracture_risk" == (turn.reply.intent.id if turn.reply.intent else None)
    for passage in responder.source_passages("fracture_risk"):
        assert passage.strip() in to_plain_text(turn.reply.html)
    # The conversation stays on the topic: "and with d3?" still follows on from it.
    assert "k2_with_d3" == ask(dialogue, "and with d3?")


def test_asking_for_the_source_before_any_answer_or_after_a_referral(
    dialogue: Dialogue, responder: Responder
) -> None:
    """With nothing answered yet: what the source is; after a referral: that it has none."""
    (first,) = dialogue.respond("new", "source?")
    assert Decision.ABOUT_SOURCE is first.decision
    assert responder.content.document.title in to_plain_text(first.reply.html)
    ask(dialogue, "im pregnant, can i take k2?", conversation="new")
    (after,) = dialogue.respond("new", "source?")
    assert after.reply.intent is None
    assert "no passage" in to_plain_text(after.reply.html)


@pytest.mark.parametrize(
    "question",
    ["what is the source of vitamin k2", "link between k2 and d3", "any source of k2 in cheese?"],
)
def test_a_question_about_sources_of_k2_is_not_a_request_for_the_passage(
    dialogue: Dialogue, question: str
) -> None:
    ask(dialogue, "does k2 reduce fracture risk")
    (turn,) = dialogue.respond("me", question)
    assert Decision.SOURCE is not turn.decision


@pytest.mark.parametrize(
    ("before", "declined", "cue"),
    [
        (["what is k2?", "where is it made?"], "and which foods have it?", "why?"),
        (["does k2 help bone density?"], "what about for men?", "tell me more"),
        (["what is k2"], "and k2 mountain?", "go on"),
        (["что такое к2?"], "а из каких продуктов?", "почему?"),
    ],
)
def test_a_continuation_after_a_decline_says_so_and_offers_the_topics(
    dialogue: Dialogue, before: list[str], declined: str, cue: str
) -> None:
    """ "why?" straight after "my source doesn't cover that" asks about the decline: an honest
    "nothing more", in the conversation's language, with the earlier topic as a button, not
    a jump back to that topic's next answer."""
    topic = [ask(dialogue, text) for text in before][-1]
    assert ask(dialogue, declined) is None
    (turn,) = dialogue.respond("me", cue)
    assert turn.reply.intent is None
    assert turn.decision is Decision.MORE_AFTER_DECLINE
    assert topic in [i.id for i in turn.reply.related]
    expected = "больше ничего" if cue == "почему?" else "doesn't say more about that"
    assert expected in turn.reply.text


def test_after_a_decline_a_follow_up_still_leans_on_the_topic(dialogue: Dialogue) -> None:
    """The decline and its "why?" don't lose the topic: "and mk4?" is still about it."""
    ask(dialogue, "where is mk7 made")
    assert ask(dialogue, "what's the weather like in london?") is None
    assert ask(dialogue, "tell me more") is None
    assert ask(dialogue, "and mk4?") == "where_forms_made"


def test_tell_me_more_after_an_unanswered_remark_still_goes_on(dialogue: Dialogue) -> None:
    """Only a decline counts: after "interesting" (no answer, no decline), "tell me more"
    goes on with the topic."""
    ask(dialogue, "what is k2")
    ask(dialogue, "interesting")
    assert ask(dialogue, "tell me more") == "gut_bacteria"


@pytest.mark.parametrize(
    ("referral", "cue", "intent", "doctor"),
    [
        ("is k2 safe with warfarin?", "why?", "safety_medicines", "talk to your doctor"),
        ("can my kid take k2?", "why not?", "safety_children", "ask your child's doctor"),
        ("можно ли к2 при беременности?", "почему?", "safety_pregnancy", "спросите своего врача"),
    ],
)
def test_why_after_a_referral_explains_and_repeats_the_doctor_sentence(
    dialogue: Dialogue, referral: str, cue: str, intent: str, doctor: str
) -> None:
    """ "why?" after a referral: the article gives no personal advice, and the referral's
    doctor sentence again; nothing else from the referral (no new claim)."""
    assert ask(dialogue, referral) == intent
    (turn,) = dialogue.respond("me", cue)
    assert turn.reply.intent is not None and turn.reply.intent.id == intent
    assert doctor in turn.reply.text
    if intent == "safety_medicines":
        assert "personal medical advice" in turn.reply.text
        assert "such as warfarin work" not in turn.reply.text  # only the doctor sentence
    if intent == "safety_pregnancy":
        assert "личных медицинских советов" in turn.reply.text
