"""Conversations: follow-ups that lean on the last answer, and several questions in one message.

`Dialogue` wraps a `Responder` with a `ConversationMemory`. Every message is first matched
on its own, exactly as without memory; the conversation's context (the last answered
intent, or the answer a Telegram message replies to) is used only when the message needs
it and has no confident topic of its own:

The matcher answers an article question only when it names the article's subject ("k2")
and the intent's core terms (`Matcher.subject`, `Matcher.core_terms`), so a follow-up that
leaves them out is read with them named:

1. No context, small talk, or a recognised off-topic decline (an out-of-scope intent
   won): the reply to the message alone. Safety alone wins too, unless the message has a
   pronoun and, with "it" read as the subject, is an article question that triggers no
   safety answer ("should i take it with d3?" after K2 is "should i take k2 with d3?").
2. A continuation ("why?", "tell me more", "explain simply", "and?"): the next related
   answer of the topic not yet shown, never the same text again; when there is none, say
   so and offer the topics further on. Doubt ("really?") gets the source passages.
   Straight after a decline ("my source doesn't cover that"), the source has nothing
   more: say so and offer the earlier topics as buttons, never resume one. After a
   referral, why (no personal medical advice) and the referral's doctor sentence again.
3. Complete (no follow-up cue, no pronoun, not short, and answered alone or naming the
   subject): the message alone. One the matcher doesn't answer alone and that doesn't
   name the subject leans on the conversation ("which is better for old people?").
4. A form named instead of K2 ("and mk4?" after "Where does vitamin K2 come from?"): the
   topic's title asked about it ("where does mk4 come from"). Only the topic's core terms
   ("and mk4?" after where MK-7 is made): the topic again ("tell me more about" it: more).
5. Matched with the subject and the topic's core terms in front ("and with d3?" after
   "what is K2?" is "k2 vitamin and with d3?"): another confident article answer that
   explains what the message adds is the follow-up's answer.
6. Matched with the subject named ("it" spelled out as "k2", or "k2" in front): another
   confident answer explaining a word of the message besides the subject ("what about
   calcium absorption?" after MK-7 for the elderly).
   Last, the topic's title in front ("What are the benefits of K2? and for bones?").
7. Otherwise a confident answer of its own (a switch), the topic again when its answer
   speaks of the message's words, or an honest "my source doesn't say that about this
   topic".

`Dialogue._decide` lists these readings in the order they are tried; each is one method
of `_FirstMessage` (no topic yet) or `_FollowUp` (after an answer), named for the reading
it tries, returning its turn or None.

The words that tell a follow-up (continuations, source requests, openers, pronouns,
fillers) are data: `bot/data/dialogue/<language>.yaml`, read by `bot.dialogue_cues`. A
message is read with English's cues and its own language's.

The core never imports `telegram`; adapters pass an opaque conversation id.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from rapidfuzz import fuzz

from bot import messages
from bot.dialogue_cues import CueBook, Cues, shipped_cues
from bot.intents import Content, Intent, Kind
from bot.language import (
    BASE_LANGUAGE,
    LanguageHint,
    LanguageMemory,
    answering_with,
    detect_language,
    detect_script_language,
    normalize_language_code,
    requested_language,
)
from bot.markup import escape
from bot.matching import Matcher, Outcome, Reason
from bot.matching.smalltalk import ASSENT_EMOJI_WORDS, emoji_meaning
from bot.memory import ConversationMemory
from bot.responder import Reply, Responder
from bot.text import GENERIC_WORDS, QUESTION_WORDS, STOPWORDS, stem


class Decision(StrEnum):
    """How a message was read; shown by `--explain` and recorded by the eval."""

    NO_CONTEXT = "no context: answered on its own"
    SAFETY = "safety: answered on its own, whatever came before"
    SMALLTALK = "small talk: answered on its own"
    DECLINE = "off-topic or not covered: declined on its own"
    COMPLETE = "a complete question: answered on its own"
    SWITCH = "a topic of its own: answered on its own"
    CONTINUED = "a continuation: the next related answer of the topic"
    NOTHING_MORE = "a continuation, but the article has nothing more on the topic"
    REASON_IN_TOPIC = "asks how or why: the topic's answer holds all the article says of it"
    MORE_AFTER_DECLINE = "a continuation of a decline: nothing more, the topics offered"
    WHY_REFERRAL = "a continuation of a referral: why, and the referral's doctor sentence"
    FOLLOW_UP = "elliptical: matched again with the topic named"
    SUBJECT_NAMED = "leaves the subject out: matched again with it named"
    SAME_TOPIC = "elliptical: the topic's answer already covers it"
    OFFERED = "elliptical: not answered, with the subject named or not: topics offered"
    NOT_COVERED = "elliptical: the article doesn't say that about the topic"
    SOURCE = "asks for the source: the topic's passages, word for word"
    ABOUT_SOURCE = "asks for the source before any answer: what the source is"
    LANGUAGE = "asks for the last answer in another language: given again in it"
    ACCEPTED = 'says yes to a topic a "did you mean" offered, or picks one: its answer'
    WHICH_OFFERED = 'says yes to several topics a "did you mean" offered: asked which one'
    SOMEONE_ELSE = "names only another person: whether it is right for them, a referral"
    THE_ASKER = "names only the person asking: whether it is right for them, a referral"
    AFTER_ASIDE = "after a referral aside: read on the topic before it"
    CORRECTED = "a correction: the question on the topic, or a related answer not the same"
    UNANSWERED_NAMED = "leans on a question left unanswered: read after it"
    UNANSWERED_ASKED_OF = "names only a term: the question left unanswered, asked of it"


CONTEXT_DECISIONS = frozenset(
    {
        Decision.CONTINUED,
        Decision.NOTHING_MORE,
        Decision.REASON_IN_TOPIC,
        Decision.WHY_REFERRAL,
        Decision.FOLLOW_UP,
        Decision.SUBJECT_NAMED,
        Decision.SAME_TOPIC,
        Decision.NOT_COVERED,
        Decision.SOURCE,
        Decision.SOMEONE_ELSE,
        Decision.THE_ASKER,
        Decision.AFTER_ASIDE,
    }
)


@dataclass(frozen=True, slots=True)
class Turn:
    """One answered question of a conversation.

    Attributes:
        part: the text answered: the whole message, or one of its questions.
        reply: the reply, with a "↪ about: ..." line when context was used.
        context: the intent the conversation was about before this message (None if none).
        decision: how the message was read.
        matched_as: the text the reply was matched from, when not the part itself ("k2
            vitamin and with d3?" for "and with d3?"); "" otherwise.
    """

    part: str
    reply: Reply
    context: Intent | None
    decision: Decision
    matched_as: str = ""

    @property
    def used_context(self) -> bool:
        """Whether the reply depends on what came before."""
        return self.decision in CONTEXT_DECISIONS

    def explain(self) -> str:
        """One line for `--explain`: the context there was and what was decided."""
        about = f"context {self.context.id}" if self.context is not None else "no context"
        matched = f'; matched as "{self.matched_as}"' if self.matched_as else ""
        return f"{about}; {self.decision.value}{matched}"


# The cue words (continuations, pronouns, openers...) live in bot/data/dialogue/<code>.yaml
# (see `bot.dialogue_cues`); a message is read with English's and its own language's.
def cues_for(text: str, language: str | None = None, book: CueBook | None = None) -> Cues:
    """The cues to read `text` with: English, its script's language and `language`.

    Args:
        text: the message.
        language: the language the message is answered in (`Responder.language_for`).
        book: the cue files to use (default: the shipped ones).
    """
    book = book if book is not None else shipped_cues()
    return book.for_languages(language, detect_script_language(text))


def asks_for_source(text: str, cues: Cues | None = None) -> bool:
    """Whether the whole message asks for the last answer's source ("source?", "пруф?")."""
    cues = cues if cues is not None else cues_for(text)
    return cues.asks_for_source(words(text))


_WORD = re.compile(r"[^\W_]+")
_APOSTROPHE = re.compile(r"['\u2019\u02bc`]")
# "MK-4", "mk 7" and "mk4" are one word, as the matcher reads them.
_MK = re.compile(r"\bmk[\s_-]*(\d+)\b")
_SUFFIXES = ("ies", "es", "s", "ing", "ed", "ly")
# More questions than this in one message are answered as one message: a reply each would
# flood the chat (and Telegram's per-chat limit).
MAX_QUESTIONS = 3
# Under "that's all my source says about ...", at most this many topics further on.
MAX_FURTHER = 3
# A figure in an answer ("by 87%"; not the digit of "K2" or "MK-7"): what a bare "by how
# much?" after it asks about.
_FIGURE = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)?")
# A question word this near the start makes a message a question without "?" ("by how much").
QUESTION_WORD_AT = 2
# Greetings and thanks are looked for in this many sentences at each end of a message.
EDGE_SENTENCES = 2
# Where a message is cut into questions: after ? ! or . and before a new line.
_SENTENCE = re.compile(r"[^?!.\n]+[?!.]*", re.UNICODE)
# A forum post's appeal to its readers ("Anyone else tried it for their calcium score?",
# "Thoughts?") asks for their experience of the question before it, not a question of its
# own: it stays with that question.
_APPEAL_TO_READERS = re.compile(
    r"^\W*(?:(?:has|have|does|did|is)\s+)?any\s*(?:one|body)"
    r"(?:\s+else\b|(?:\s+(?:here|on\s+here|out\s+there))?\s+(?:tried|try|taken|taking|used"
    r"|using|noticed|notice|experienced|had|seen|felt)\b|\s+know\W*$)"
    r"|^\W*(?:any\s+)?(?:thoughts|advice|experiences?|opinions?|input|ideas)\W*$",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    """Lower-case words of a message, with "MK-4" as one word and apostrophes dropped.

    Words are runs of letters and digits of any script ("к2", "почему"), with "ё" read as
    its plain form; in English text they are exactly its runs of a-z and 0-9. Chat
    spellings are read as the words they stand for ("wat" is "what", "n" is "and": the
    `shorthand` of the shipped cue files), so "n mk4?" leans back as "and mk4?" does.
    """
    folded = _MK.sub(r"mk\1", _APOSTROPHE.sub("", text.lower().replace("ё", "е")))
    shorthand = shipped_cues().shorthand
    return [shorthand.get(w, w) for w in _WORD.findall(folded)]


def written_out(text: str) -> str:
    """The message with its chat spellings written out ("old ppl?" is "old people?").

    Everything else is kept as typed, punctuation included, for the matcher to read.
    """
    shorthand = shipped_cues().shorthand
    return _WORD.sub(
        lambda found: shorthand.get(found.group().lower().replace("ё", "е"), found.group()), text
    )


def _stem(word: str) -> str:
    if not word.isascii():
        return stem(word)  # Snowball's stemmer for Cyrillic, as the matcher stems it
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _same_word(one: str, other: str) -> bool:
    """Whether two stems are one word: equal, or "study" and "stud" (of "studies").

    The crude stemmer leaves some forms apart; a shared start of four letters or more,
    three quarters of the shorter stem, joins them.
    """
    if one == other:
        return True
    shorter = min(len(one), len(other))
    if shorter < 4:
        return False
    shared = next((i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), shorter)
    return shared >= 4 and shared * 4 >= shorter * 3


def topic_words(text: str, cues: Cues | None = None) -> set[str]:
    """The stems of the words that can name a topic: no function, question or filler words."""
    cues = cues if cues is not None else cues_for(text)
    # "makes" is as vague as "make": compared stem to stem.
    vague = _vague_stems(cues.vague)
    return {
        _stem(w)
        for w in words(text)
        if w not in STOPWORDS
        and w not in QUESTION_WORDS
        and w not in cues.question_words
        and w not in cues.vague
        and w not in cues.pronouns
        and w not in cues.subject_words
        and _stem(w) not in vague
    }


@functools.cache
def _vague_stems(vague: frozenset[str]) -> frozenset[str]:
    return frozenset(_stem(w) for w in vague)


def is_continuation(text: str, cues: Cues | None = None) -> bool:
    """Whether the whole message asks to go on with the last answer ("why?", "tell me more")."""
    cues = cues if cues is not None else cues_for(text)
    return cues.asks_to_continue(words(text))


def opens_with_continuation(text: str, cues: Cues | None = None) -> bool:
    """Whether the message opens with a continuation and names something after it.

    "tell me more about bone density", "explain the dual guarantee", "расскажи подробнее
    про остеокальцин". A question word first does not count: it opens an ordinary
    question ("why is it called mk7?"); nor does filler alone ("and mk4?").
    """
    cues = cues if cues is not None else cues_for(text)
    found = _past_fillers(words(text), cues)
    if not found or found[0] in QUESTION_WORDS or found[0] in cues.question_words:
        return False
    return any(cues.asks_to_continue(found[:end]) for end in range(1, len(found)))


def leans_back(text: str, cues: Cues | None = None, *, subject_named: bool = False) -> bool:
    """Whether a message points back: a follow-up opener or closer, or a pronoun.

    Args:
        text: the message.
        cues: the cues to read it with.
        subject_named: the message names the subject itself, so a pronoun that stands
            for the subject ("it" in "vitamin k2, what is it?") points at that, not back.
    """
    cues = cues if cues is not None else cues_for(text)
    found = words(text)
    while len(found) > 1 and found[0] in cues.leading_filler:
        found = found[1:]
    joined = " ".join(found)
    pointing = cues.pronouns - cues.subject_pronouns if subject_named else cues.pronouns
    return (
        any(joined == o or joined.startswith(o + " ") for o in cues.follow_up_openers)
        or any(joined.endswith(" " + c) for c in cues.follow_up_closers)
        or any(w in pointing for w in found)
    )


def needs_context(text: str, cues: Cues | None = None, *, subject_named: bool = False) -> bool:
    """Whether a message leans on what came before: short, a follow-up cue, or a pronoun.

    With `subject_named`, a pronoun standing for the subject doesn't count (see `leans_back`).
    """
    cues = cues if cues is not None else cues_for(text)
    found = words(text)
    short = len(found) <= cues.short_words and not (
        # "what is mk4?" is short but whole; "which form?" and "and mk4?" are not.
        len(found) >= 3 and found[0] in cues.question_words and found[1] in cues.auxiliaries
    )
    return bool(found) and (short or leans_back(text, cues, subject_named=subject_named))


def _past_fillers(found: list[str], cues: Cues) -> list[str]:
    """The words from the first that is no filler on ("so um why" is ["why"])."""
    while found and (found[0] in cues.leading_filler or found[0] in cues.filler):
        found = found[1:]
    return found


def asks(text: str, cues: Cues | None = None) -> bool:
    """Whether a message is a question: a "?", or a question word among its first words.

    People in chats often drop the "?" ("by how much", "why in the testis lol"); "cool"
    and "men" are remarks, not questions about the topic. A verb put before a pronoun
    asks too ("does it help them", "is that true"), first or later in the message with a
    word after it ("ok and for bones in general is it good"; "so that is it" is a remark).
    """
    if "?" in text:
        return True
    cues = cues if cues is not None else cues_for(text)
    found = _past_fillers(words(text), cues)
    inverted = any(
        found[at] in cues.auxiliaries
        and found[at + 1] in cues.pronouns
        and (at == 0 or at + 2 < len(found))
        for at in range(len(found) - 1)
    )
    return inverted or any(
        w in QUESTION_WORDS or w in cues.question_words for w in found[:QUESTION_WORD_AT]
    )


def split_questions(text: str) -> list[str]:
    """Cut a message into its questions, each an exact slice of the message.

    Only sentences ending in "?" start a new question; any other sentence stays with the
    question after it (a back-story), or before it when it trails, as does an appeal to
    the readers right after a question ("... Anyone else tried it?", "Thoughts?"). A
    message with fewer than two questions, or more than `MAX_QUESTIONS` (a list, a paste,
    a flood), comes back whole.
    """
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    parts: list[tuple[int, int]] = []
    start: int | None = None
    for begin, end in spans:
        sentence = text[begin:end]
        if start is None and parts and _APPEAL_TO_READERS.match(sentence):
            parts[-1] = (parts[-1][0], end)
            continue
        if start is None:
            start = begin
        if sentence.rstrip().endswith("?"):
            parts.append((start, end))
            start = None
    if not 2 <= len(parts) <= MAX_QUESTIONS:
        return [text]
    if start is not None:  # a trailing remark ("thanks!") goes with the last question
        parts[-1] = (parts[-1][0], spans[-1][1])
    return [text[a:b].strip() for a, b in parts]


class Dialogue:
    """Answers one message of a conversation, using the conversation's memory when needed.

    Args:
        responder: the responder, or a function returning the current one (a reload swaps
            it; the dialogue always uses the latest).
        memory: the conversations' memory; a private one by default.
        languages: the users' and conversations' languages; a private memory by default.
        cues: the conversation cue words of each language (default: the shipped
            `bot/data/dialogue/*.yaml`).
    """

    def __init__(
        self,
        responder: Responder | Callable[[], Responder],
        memory: ConversationMemory | None = None,
        languages: LanguageMemory | None = None,
        cues: CueBook | None = None,
    ) -> None:
        if isinstance(responder, Responder):
            fixed = responder
            self._responder: Callable[[], Responder] = lambda: fixed
        else:
            self._responder = responder
        self.memory = memory if memory is not None else ConversationMemory()
        self.languages = languages if languages is not None else LanguageMemory()
        self.cues = cues if cues is not None else shipped_cues()

    @property
    def responder(self) -> Responder:
        """The responder in use now."""
        return self._responder()

    def record_answer(self, conversation: Hashable, intent_id: str) -> None:
        """Remember an answer shown without a question (a picked topic, a button press)."""
        self.memory.remember(conversation, intent_id)

    def start_over(self, conversation: Hashable) -> bool:
        """Forget what the conversation was about; True if there was something to forget."""
        return self.memory.forget(conversation)

    def respond(
        self,
        conversation: Hashable,
        text: str,
        *,
        replied_to: str | None = None,
        user: Hashable | None = None,
        user_language: str | None = None,
    ) -> list[Turn]:
        """Answer a message: one `Turn` per question it holds, in order.

        The replies are in the user's chosen language (`LanguageMemory.choose`), else the
        message's when it tells, else the conversation's last, else `user_language`, else
        English (see `Responder.language_for`).

        Args:
            conversation: the adapter's opaque conversation id.
            text: what the user typed.
            replied_to: the intent id of the bot answer the message replies to or quotes,
                if any: it is the context, whatever the memory holds (see `intent_of_answer`).
            user: who wrote it, for their chosen language (None: no choice).
            user_language: the language the user's app is set to (Telegram's
                `language_code`), if known.
        """
        asked = requested_language(text)
        if asked is not None:
            return [self._again_in(conversation, text, asked, replied_to)]
        hint = self.language_hint(conversation, user=user, user_language=user_language)
        with answering_with(hint):
            turns = self._respond(conversation, text, replied_to)
        first = turns[0].reply if turns else None
        spoken = detect_language(text)
        # Transliterated Russian tells its language by the pattern it matched.
        answered_in = first.language if first is not None and first.intent is not None else None
        if spoken is None and answered_in not in (None, BASE_LANGUAGE, hint.chosen):
            spoken = answered_in
        if spoken is not None:
            self.languages.spoke(conversation, spoken)
        return turns

    def _again_in(
        self, conversation: Hashable, text: str, language: str, replied_to: str | None
    ) -> Turn:
        """The last answer again in `language`, which the message asks for ("по-русски").

        The conversation goes on in that language; with no answer to repeat, the message
        is answered as it stands, in that language.
        """
        self.languages.spoke(conversation, language)
        recollection = self.memory.recall(conversation)
        last = replied_to or (recollection.intent_id if recollection is not None else None)
        context = self.responder.content.by_id.get(last) if last is not None else None
        with answering_with(LanguageHint(chosen=language)):
            again = self.responder.answer(context.id) if context is not None else None
            reply = again if again is not None else self.responder.respond(text)
        return Turn(text, replace(reply, question=text), context, Decision.LANGUAGE)

    def language_hint(
        self,
        conversation: Hashable,
        *,
        user: Hashable | None = None,
        user_language: str | None = None,
    ) -> LanguageHint:
        """What decides the conversation's reply language besides the message itself."""
        usual = self.languages.last(conversation) or normalize_language_code(user_language)
        return LanguageHint(chosen=self.languages.chosen(user), usual=usual)

    def _respond(self, conversation: Hashable, text: str, replied_to: str | None) -> list[Turn]:
        responder = self.responder
        parts = split_questions(text)
        if len(parts) > 1:
            # A greeting or thanks around a question is not a question of its own.
            trimmed = (_trim_smalltalk(responder, p) for p in parts)
            questions = [p for p in trimmed if p]
            parts = questions if questions else [text]
        turns: list[Turn] = []
        for number, part in enumerate(parts):
            # An explicit reply is the context of the message's first question; the
            # questions after it follow on from the one before, through the memory, and
            # share the subject an earlier one names, even one the bot didn't answer
            # ("is k2 vegan? and does it help fractures?").
            subject_named = any(self._named(responder, t.part).names_it() for t in turns)
            turns.append(
                self.turn(
                    responder,
                    conversation,
                    part,
                    replied_to if number == 0 else None,
                    subject_named=subject_named,
                )
            )
        return turns

    def turn(
        self,
        responder: Responder,
        conversation: Hashable,
        text: str,
        replied_to: str | None = None,
        *,
        subject_named: bool = False,
    ) -> Turn:
        """Answer one question of a conversation and remember what was answered.

        Args:
            responder: the responder in use.
            conversation: the adapter's opaque conversation id.
            text: the question.
            replied_to: the intent id of the answer the message replies to, if any.
            subject_named: whether an earlier question of the same message names the
                article's subject, which this one may leave out.
        """
        content = responder.content
        recollection = self.memory.recall(conversation)
        shown: tuple[str, ...] = ()
        context: Intent | None = None
        topic: Intent | None = None
        declined = False
        unanswered = ""
        if replied_to is not None and replied_to in content.by_id:
            context = topic = content.by_id[replied_to]
            if recollection is not None:
                shown = recollection.shown
                if recollection.intent_id == replied_to:
                    topic = content.by_id.get(recollection.topic, context)
        elif recollection is not None:
            context = content.by_id.get(recollection.intent_id)
            topic = content.by_id.get(recollection.topic, context)
            shown = recollection.shown
            declined = recollection.declined
            unanswered = recollection.unanswered
            # "is k2 good for the heart?" declined: "what about bones then?" is about K2.
            subject_named = subject_named or recollection.subject_only
        if context is not None and context.id not in shown:
            shown = (*shown, context.id)
        offered = recollection.offered if recollection is not None and replied_to is None else ()
        turn = self._decide(
            responder,
            text,
            context,
            topic or context,
            shown,
            subject_named,
            after_decline=declined,
            offered=offered,
            unanswered=unanswered,
        )
        aside = _topic_before_aside(content, context, shown)
        if aside is not None and turn.decision in (Decision.OFFERED, Decision.NOT_COVERED):
            # "ok she's fine now. where is it made btw": a referral in the middle is an
            # aside; what it leaves unanswered is read on the article topic before it (not
            # "source?" or "why?", which ask about the referral itself).
            resumed = self._decide(responder, text, aside, aside, shown, subject_named)
            if resumed.reply.intent is not None and resumed.reply.intent.kind is Kind.ARTICLE:
                turn = replace(resumed, decision=Decision.AFTER_ASIDE)
        answered = turn.reply.intent
        if answered is not None and answered.kind in (Kind.ARTICLE, Kind.SAFETY):
            continued = turn.decision is Decision.CONTINUED and turn.context is not None
            self.memory.remember(
                conversation,
                answered.id,
                topic=turn.context.id if continued and turn.context is not None else None,
            )
            return turn
        if _declines(turn):
            # A "why?" next asks about the decline, not the topic before it.
            self.memory.mark_declined(conversation)
        if (answered is None or answered.kind is Kind.OUT_OF_SCOPE) and self._named(
            responder, text
        ).names_it():
            # No answer to remember, but the subject was named: a follow-up may leave it
            # out (kept only when no topic is remembered; a topic carries the subject).
            self.memory.remember_subject(conversation)
        if answered is None or answered.kind is Kind.OUT_OF_SCOPE:
            # Nothing from the article: what it named is what a follow-up with no topic
            # may lean on ("what does d3 do", declined, then "and k2 with it?").
            self.memory.remember_unanswered(conversation, text)
        # "Did you mean ...?": a "yes" next says yes to what it offered; any other reply
        # ends the offer.
        suggested = tuple(i.id for i in turn.reply.suggestions) if answered is None else ()
        if suggested or offered:
            self.memory.offer(conversation, suggested)
        return turn

    # -- the decision ---------------------------------------------------------------------

    def _reading(self, responder: Responder, text: str) -> tuple[Cues, Matcher, str]:
        """The cues to read a message with, the matcher that reads its words, its language.

        English cues always, with those of the language it is answered in and of its
        script; a message read with another language's cues is matched on every
        language's patterns (`Responder.matcher_for`), an English one on English alone.
        """
        language = responder.language_for(text)
        cues = cues_for(text, language, self.cues)
        if cues.languages == (BASE_LANGUAGE,):
            return cues, responder.matcher, language
        return cues, responder.matcher_for(text), language

    def _named(self, responder: Responder, text: str) -> _Named:
        cues, matcher, _ = self._reading(responder, text)
        return _Named(responder, text, matcher, cues)

    def _decide(
        self,
        responder: Responder,
        text: str,
        context: Intent | None,
        topic: Intent | None,
        shown: tuple[str, ...],
        subject_named: bool = False,
        *,
        after_decline: bool = False,
        offered: tuple[str, ...] = (),
        unanswered: str = "",
    ) -> Turn:
        """Read a message in its conversation: the first reading that fits, in this order."""
        cues, matcher, language = self._reading(responder, text)
        accepted = self._accepted(responder, text, context, offered, cues)
        if accepted is not None:
            return accepted
        if asks_for_source(text, cues):
            return self._source(responder, text, context)
        if context is not None:
            restated = self._restated(
                responder,
                text,
                (cues, matcher),
                context,
                topic,
                shown,
                subject_named,
                after_decline,
                offered,
            )
            if restated is not None:
                # "нет, я про другую форму" is a rephrase too: a correction all the same.
                again = _FollowUp(
                    self,
                    responder,
                    text,
                    cues,
                    matcher,
                    language,
                    context,
                    topic,
                    shown,
                    after_decline,
                )
                return again.corrected(restated) or restated
        if context is None and offered:
            leaning = self._leans_on_offer(responder, text, offered, matcher)
            if leaning is not None:
                return leaning
        if context is None:
            first = _FirstMessage(
                self, responder, text, cues, matcher, language, subject_named, unanswered
            )
            return _first_reading(
                (
                    first.someone_else_after_unanswered,
                    first.risk_fragment_after_declined_subject,
                    first.subject_carried_over,
                    first.read_with_unanswered,
                    first.unanswered_asked_of_named,
                ),
                otherwise=first.on_its_own,
            )
        r = _FollowUp(
            self, responder, text, cues, matcher, language, context, topic, shown, after_decline
        )
        # "it" is the subject first ("how does it get into the bone?" asks how K2 does);
        # "that one", "they" and what a message leaves out are the topic first.
        subject_or_topic = (
            (r.it_read_as_subject, r.another_topic_with_topic_named)
            if r.subject_first
            else (r.another_topic_with_topic_named, r.it_read_as_subject)
        )
        turn = _first_reading(
            (
                r.referral_set_aside,
                r.safety_alone,
                r.risk_with_it_spelled_out,
                r.risk_fragment,
                r.someone_else,
                r.the_asker,
                r.the_person_asked_for,
                r.continuation,
                r.small_talk,
                r.courtesy_in_a_remark,
                r.what_it_does_there,
                r.declined_alone,
                r.new_question_naming_subject,
                r.twist_after_restating,
                r.complete_question,
                r.it_asks_what_is_not_covered,
                r.form_instead_of_subject,
                r.only_topic_terms,
                r.they_are_the_topic,
                *subject_or_topic,
                r.another_topic_with_title_in_front,
                r.it_is_the_topic,
                r.switch,
                r.declined_with_topic_named,
                r.words_the_topic_covers,
                r.not_a_question,
                r.referral_again,
                r.topics_offered,
            ),
            otherwise=r.not_covered_on_topic,
        )
        return r.corrected(turn) or turn

    @staticmethod
    def _person_referral(
        responder: Responder, text: str, cues: Cues, matcher: Matcher, language: str
    ) -> tuple[Reply, str] | None:
        """The referral for a message naming only another person, and the question read.

        "and for my mom?", "what about my husband, he's 70?": "should my mom take k2",
        answered in the message's language; None when the message names more than people
        and ages, or no person.
        """
        people = {_stem(w) for w in cues.people}
        own = topic_words(text, cues)
        named = own & people
        if not named:
            return None
        ages = {_stem(w) for w in cues.ages}
        if any(not (w.isdigit() or w in ages) for w in own - people):
            return None
        subject = matcher.subject()
        person = " ".join(w for w in words(text) if _stem(w) in named)
        for question in cues.person_questions:
            reading = question.replace("{person}", person).replace("{subject}", subject or "")
            found = responder.respond(reading).intent
            # Answered in the message's language, whichever language's question found it.
            reply = responder.answer(found.id, language=language) if found else None
            if found is not None and found.kind is Kind.SAFETY and reply is not None:
                return replace(reply, question=text), reading
        return None

    @staticmethod
    def _fragment_referral(
        responder: Responder,
        text: str,
        context: Intent | None,
        matcher: Matcher,
        cues: Cues,
        named: _Named,
    ) -> Reply | None:
        """The referral a fragment asks for once the subject is named, if a trigger says so.

        The subject is tried in front ("k2 and with warfarin?") and at the end ("how much
        k2?"), and only a safety trigger counts, not a pattern's closeness. A bare quantity
        ("by how much?", no word of its own) after an answer that states a figure ("by
        87%") asks about that figure, not a dose.
        """
        subject = matcher.subject()
        if subject is None or named.names_it():
            return None
        # Read as spelled out ("hw much shud she take" is "how much should she take").
        bare = " ".join(words(text))
        for reading in (f"{subject} {bare}", f"{bare} {subject}"):
            if matcher.match(reading).reason is not Reason.SAFETY_TRIGGER:
                continue
            reply = responder.respond(reading)
            if reply.intent is None or reply.intent.kind is not Kind.SAFETY:
                continue
            language = responder.language_for(text)
            if (
                context is not None
                and context.kind is Kind.ARTICLE
                and not topic_words(text, cues)
                and _FIGURE.search(context.answer_in(language))
            ):
                return None
            return reply
        return None

    @staticmethod
    def _referral_again(
        responder: Responder, text: str, context: Intent, cues: Cues, language: str
    ) -> Reply | None:
        """The referral again, for a fragment after it that only speaks of what it covers.

        "he seems fine, is that ok?" after the emergency advice, "how long for?" after how
        much to take: nothing else answers them, and the referral does ("even if they seem
        fine", "daily or long term"). A fragment naming something the referral doesn't
        speak of ("which brand?") gets its own reply.
        """
        if context.kind is not Kind.SAFETY or not needs_context(text, cues):
            return None
        if not topic_words(text, cues) <= _vocabulary(context, cues, language, with_answer=True):
            return None
        return responder.answer(context.id)

    def _restated(
        self,
        responder: Responder,
        text: str,
        reading: tuple[Cues, Matcher],
        context: Intent,
        topic: Intent | None,
        shown: tuple[str, ...],
        subject_named: bool,
        after_decline: bool,
        offered: tuple[str, ...],
    ) -> Turn | None:
        """A follow-up that doubts a claim or says the question again, read for its core.

        "the 87% thing, is that real" doubts what its first part names; "i meant how it
        gets into the bone" is the rest, read in the conversation. None for any other.
        """
        cues, matcher = reading
        doubted = _before_doubt(text, cues)
        if doubted:
            # "the 87% thing, is that real": the doubt is about what the first part names,
            # read in the conversation; its answer holds the article's words on it.
            turn = self._decide(responder, doubted, context, topic, shown, subject_named)
            if turn.reply.intent is not None and turn.reply.intent.kind is Kind.ARTICLE:
                return replace(turn, part=text)
        rephrased = _after_rephrase_opener(text, cues)
        if rephrased:
            # "i meant how it gets into the bone": the rest is the message, read in the
            # conversation ("meant" alone named nothing the article covers).
            restated = _Named(responder, rephrased, matcher, cues)
            spelled = restated.spelled_out() if restated.subject_pronoun else None
            if (
                spelled is not None
                and spelled.intent == context
                and restated.answered_by(spelled, read_as_is=False)
            ):
                # Said again about the topic itself, "it" as K2: the topic again, which
                # the follow-up readings leave to the message alone ("how it gets into
                # the bone" alone is osteocalcin).
                visible = self._visible(spelled, rephrased, context)
                return Turn(rephrased, visible, context, Decision.SUBJECT_NAMED, spelled.question)
            return self._decide(
                responder,
                rephrased,
                context,
                topic,
                shown,
                subject_named,
                after_decline=after_decline,
                offered=offered,
            )
        return None

    @staticmethod
    def _accepted(
        responder: Responder,
        text: str,
        context: Intent | None,
        offered: tuple[str, ...],
        cues: Cues,
    ) -> Turn | None:
        """A "yes" to the one topic the last reply offered as "did you mean": its answer.

        A pick by its place ("the second one", "2") is that topic's answer. With several
        offered, "yes" doesn't say which: the person is asked which one, with the topics
        listed again (in their language), so a pick can follow.
        """
        said = words(text)
        if offered and not said and emoji_meaning(text, ASSENT_EMOJI_WORDS) is not None:
            said = ["yes"]  # 👍 to "did you mean" says yes, not thanks
        picked = cues.picked(said) if offered else None
        if picked is None and offered and cues.accepts_offer(said):
            if len(offered) > 1:
                return Dialogue._which_offered(responder, text, context, offered)
            picked = 0
        if picked is None or picked >= len(offered):
            return None
        reply = responder.answer(offered[picked])
        if reply is None:
            return None
        return Turn(text, replace(reply, question=text), context, Decision.ACCEPTED)

    def _leans_on_offer(
        self,
        responder: Responder,
        text: str,
        offered: tuple[str, ...],
        matcher: Matcher,
    ) -> Turn | None:
        """A message after a "did you mean" that goes on with one of the topics offered.

        "my mum has osteoporosis" is offered MK-7 for the elderly; "would mk7 help her?"
        alone finds the forms of K2 only just, and with the offered topic in front finds
        that topic, better: the offer named what the person is talking about. The first
        offered topic that reads the message better than it reads alone is taken.
        """
        alone = responder.respond(text)
        # Only words of its own that the topic speaks of ("mk7") carry a message over to
        # it: "the third one" after two offered picks nothing.
        asked = matcher.terms(written_out(text)) - QUESTION_WORDS - GENERIC_WORDS
        for intent_id in offered:
            intent = responder.content.by_id.get(intent_id)
            if intent is None or intent.kind is not Kind.ARTICLE or alone.intent == intent:
                continue
            if not (asked - {matcher.subject()}) & matcher.intent_terms(intent_id):
                continue
            topical = self._with_topic(responder, text, intent, matcher)
            if topical.intent == intent and _confident(topical) and topical.score > alone.score:
                visible = self._visible(topical, text, intent)
                return Turn(text, visible, intent, Decision.FOLLOW_UP, topical.question)
        return None

    @staticmethod
    def _which_offered(
        responder: Responder, text: str, context: Intent | None, offered: tuple[str, ...]
    ) -> Turn | None:
        """Which one the person means, and the offered topics, as a "did you mean" lists them."""
        topics = tuple(i for i in (responder.content.by_id.get(o) for o in offered) if i)
        if not topics:
            return None
        language = responder.language_for(text)
        # The frame is in the language when its texts exist, as a suggestion's is.
        framed = language if language in messages.interface_languages() else BASE_LANGUAGE
        html = messages.which_offered_html([i.title_in(framed) for i in topics], framed)
        reply = Reply(text, Outcome.SUGGEST, None, 0.0, html, suggestions=topics, language=framed)
        return Turn(text, reply, context, Decision.WHICH_OFFERED)

    @staticmethod
    def _source(responder: Responder, text: str, context: Intent | None) -> Turn:
        """The topic's passages, word for word, as the Source button shows them.

        Before any answer, what the source is (as /source says).
        """
        language = responder.language_for(text)
        if context is None:
            html = responder.about_source_html(language)
            about = Reply(text, Outcome.FALLBACK, None, 0.0, html, language=language)
            return Turn(text, about, None, Decision.ABOUT_SOURCE)
        html = responder.source_html(context.id, language)
        outcome = Outcome.ANSWER if context.source else Outcome.FALLBACK
        intent = context if context.source else None
        reply = Reply(text, outcome, intent, 100.0, html, language=language)
        return Turn(text, reply, context, Decision.SOURCE)

    @staticmethod
    def _about_other_subject(
        responder: Responder,
        text: str,
        context: Intent,
        matcher: Matcher,
        cues: Cues,
        language: str,
    ) -> Reply | None:
        """The topic's question asked about what the message names instead of K2, if answered.

        "and mk4?" after "Where does vitamin K2 come from?" asks "where does mk4 come
        from?" (where MK-4 is formed). Only for a short follow-up that names a term as
        specific as the subject ("mk4", "osteocalcin"), after a topic whose title names the
        subject itself; the answer must be another article answer that speaks of that term.
        """
        if not needs_context(text, cues):
            return None
        named = _after_opener(text, cues)
        specific = (matcher.terms(" ".join(named)) & matcher.subject_terms()) - {matcher.subject()}
        if not specific:
            return None
        if len(named) > cues.short_words:
            # Longer, but naming nothing else ("is it the same for mk4?"): the words that
            # name the term stand in for the subject.
            naming = [w for w in named if matcher.terms(w) & specific]
            if topic_words(" ".join(w for w in named if w not in naming), cues):
                return None
            named = naming
        title = words(context.title_in(language))
        at = next((n for n, w in enumerate(title) if w in cues.subject_words), None)
        if at is None:
            return None
        end = at
        while end < len(title) and title[end] in cues.subject_words:
            end += 1
        question = " ".join([*title[:at], *named, *title[end:]])
        reply = responder.respond(question)
        if reply.outcome is Outcome.SUGGEST and reply.suggestions:
            # The framed question is the follow-up's reading: its closest topic is the
            # answer ("where does mk7 come from?" comes close to where MK-7 is formed).
            closest = responder.answer(reply.suggestions[0].id)
            reply = replace(closest, question=question) if closest is not None else reply
        if (
            reply.intent is None
            or not _confident(reply)
            or not _is_article(reply)
            or reply.intent == context
            or not specific & matcher.intent_terms(reply.intent.id)
        ):
            return None
        return reply

    @staticmethod
    def _with_topic(responder: Responder, text: str, context: Intent, matcher: Matcher) -> Reply:
        """The message matched with the topic named.

        The subject and the topic's core terms in front ("and with d3?" after "what is K2?" is "k2
        vitamin and with d3?").
        """
        named = [matcher.subject() or "", *sorted(matcher.core_terms(context.id))]
        return responder.respond(
            " ".join([*dict.fromkeys(w for w in named if w), written_out(text)])
        )

    def _continue(
        self, responder: Responder, text: str, context: Intent, shown: tuple[str, ...]
    ) -> Turn:
        """The topic's closest related answer not yet shown, or an honest "that's all"."""
        content = responder.content
        language = responder.language_for(text)
        if context.kind is Kind.SAFETY:
            # A referral is the whole answer: "why?" gets why (the article gives no personal
            # advice) and the referral's own doctor sentence again, no new claim.
            why = escape(messages.in_language(messages.WHY_REFERRAL, language))
            cues = cues_for(text, language, self.cues)
            html = f"{why}\n\n{_referral_sentences(context.answer_in(language), cues)}"
            reply = Reply(text, Outcome.ANSWER, context, 100.0, html, language=language)
            return Turn(text, self._visible(reply, text, context), context, Decision.WHY_REFERRAL)
        if self._asks_reason(text, language):
            # "why?" or "how?" after "does k2 help bone density": the related answer
            # about the topic's things and more (bone and osteoclasts, not fractures)
            # says what works underneath; another outcome is no reason.
            for related_id in _related_order(content, context):
                if related_id in shown or not _goes_deeper(responder.matcher, context, related_id):
                    continue
                related = responder.answer(related_id)
                if related is not None:
                    visible = self._visible(related, text, context)
                    return Turn(text, visible, context, Decision.CONTINUED)
        explains = self._explains_topic(responder, text, context, language)
        for related_id in _related_order(content, context):
            if related_id in shown or not explains(related_id):
                continue
            related = responder.answer(related_id)
            if related is not None:
                return Turn(
                    text, self._visible(related, text, context), context, Decision.CONTINUED
                )
        if explains is not _ANY_RELATED:
            # "how does it do that?" after bone loss: the topic's own answer is all the
            # article says of how (osteoclasts held back); no related answer explains it.
            again = responder.answer(context.id)
            if again is not None:
                visible = self._visible(again, text, context)
                return Turn(text, visible, context, Decision.REASON_IN_TOPIC)
        template = messages.in_language(messages.NOTHING_MORE, language)
        html = escape(template.format(topic=context.title_in(language)))
        # The topics one step further, not shown yet, as buttons: where to go from here.
        further = tuple(
            content.by_id[i] for i in _further_order(content, context) if i not in shown
        )[:MAX_FURTHER]
        nothing = Reply(text, Outcome.FALLBACK, None, 0.0, html, related=further, language=language)
        return Turn(text, self._visible(nothing, text, context), context, Decision.NOTHING_MORE)

    def _asks_reason(self, text: str, language: str) -> bool:
        """Whether a continuation asks why or how ("why?", "how come", "почему?")."""
        cues = cues_for(text, language, self.cues)
        return bool((cues.mechanism_words | cues.reason_words) & set(words(text)))

    def _explains_topic(
        self, responder: Responder, text: str, context: Intent, language: str
    ) -> Callable[[str], bool]:
        """Which related answers a continuation may go on to.

        Any, for "tell me more" or a bare "why?"; for "how?", "how does it do that?" or
        "why is that?" (a why pointing at the topic's claim), only one whose answer speaks
        of what sets the topic apart: its core terms that the fewest article answers are
        about ("osteoclast" for bone loss, "calcium" for calcium absorption). The
        osteocalcin answer says how K2 helps calcium absorption; bone density says nothing
        of how K2 holds back osteoclasts, so after bone loss "how does it do that?" gets
        the topic's own answer, which holds the article's how.
        """
        cues = cues_for(text, language, self.cues)
        said = set(words(text))
        asks_how = bool(cues.mechanism_words & said)
        asks_why_that = bool(cues.reason_words & said and cues.pronouns & said)
        if not (asks_how or asks_why_that):
            # A bare "why?" goes on as "tell me more" does.
            return _ANY_RELATED
        matcher = responder.matcher
        content = responder.content
        about = matcher.core_terms(context.id) - {matcher.subject()}
        if not about:
            return _ANY_RELATED
        articles = [i.id for i in content.intents if i.kind is Kind.ARTICLE]
        spread = {t: sum(t in matcher.core_terms(i) for i in articles) for t in about}
        rarest = {t for t, n in spread.items() if n == min(spread.values())}

        def explains(intent_id: str) -> bool:
            return bool(rarest & matcher.terms(content.by_id[intent_id].answer))

        return explains

    @staticmethod
    def _more_after_decline(
        responder: Responder, text: str, context: Intent, shown: tuple[str, ...]
    ) -> Turn:
        """An honest "my source doesn't say more about that", with the topics as buttons.

        The topic before the decline first, then the topics related to it not shown yet:
        the person picks one rather than being taken back to it.
        """
        content = responder.content
        language = responder.language_for(text)
        html = escape(messages.in_language(messages.NOTHING_MORE_AFTER_DECLINE, language))
        offered = [context] if context.kind is Kind.ARTICLE else []
        offered += [content.by_id[i] for i in _related_order(content, context) if i not in shown]
        offered += [content.by_id[i] for i in _further_order(content, context) if i not in shown]
        topics = tuple(dict.fromkeys(offered))[:MAX_FURTHER]
        reply = Reply(text, Outcome.FALLBACK, None, 0.0, html, related=topics, language=language)
        return Turn(text, reply, context, Decision.MORE_AFTER_DECLINE)

    @staticmethod
    def _visible(reply: Reply, text: str, context: Intent) -> Reply:
        template = messages.in_language(messages.CONTEXT_LINE, reply.language)
        line = escape(template.format(topic=context.title_in(reply.language)))
        return replace(reply, question=text, html=f"<i>{line}</i>\n\n{reply.html}")

    def intent_of_answer(self, text: str) -> str | None:
        """The intent whose answer a message of the bot shows, or None.

        Found from the message's text itself (the answer, or the title a context line or
        a "that's all" names), so a reply to an answer sent hours ago, or before a restart,
        still finds its topic.
        """
        return _answer_index(self.responder.content).find(text)


# -- the readings of a message --------------------------------------------------------------

# One reading of a message: the turn it gives, or None when the message is not read so.
_Reading = Callable[[], Turn | None]


def _asks_of_subject_named(text: str, cues: Cues, matcher: Matcher) -> bool:
    """Whether an "it" asked about ("is it", "does it") stands for a term named before it.

    "yo whats the deal with k2 bro is it legit for bones" asks whether K2 is: the "it"
    after a verb is what the question is about, and the message named that itself.
    "how does k2 help it?" keeps its "it" for the topic: no verb asks of it.
    """
    said = words(text)
    for i, word in enumerate(said):
        if i > 1 and word in cues.subject_pronouns and said[i - 1] in cues.auxiliaries:
            before = matcher.terms(" ".join(said[: i - 1]))
            if before & matcher.subject_terms():
                return True
    return False


def _first_reading(readings: tuple[_Reading, ...], *, otherwise: Callable[[], Turn]) -> Turn:
    """The turn of the first reading that fits, else `otherwise`'s."""
    for reading in readings:
        turn = reading()
        if turn is not None:
            return turn
    return otherwise()


class _Message:
    """One message being read: what every reading of it needs, worked out once.

    Args:
        dialogue: the dialogue reading it.
        responder: the responder in use.
        text: the message (one question of it).
        cues: the cues it is read with.
        matcher: the matcher that reads its words.
        language: the language it is answered in.
    """

    def __init__(
        self,
        dialogue: Dialogue,
        responder: Responder,
        text: str,
        cues: Cues,
        matcher: Matcher,
        language: str,
    ) -> None:
        self.dialogue = dialogue
        self.responder = responder
        self.text = text
        self.cues = cues
        self.matcher = matcher
        self.language = language
        self.named = _Named(responder, text, matcher, cues)

    @functools.cached_property
    def standalone(self) -> Reply:
        """The reply to the message on its own, as without memory."""
        return self.responder.respond(self.text)

    @functools.cached_property
    def confident_alone(self) -> bool:
        """Whether the message alone gets a confident answer."""
        return _confident(self.standalone)


class _FirstMessage(_Message):
    """A message with no topic before it; the subject may have been named ("is k2 vegan?").

    Args:
        subject_named: an earlier message or question named the subject, which this one
            may leave out.
    """

    def __init__(
        self,
        dialogue: Dialogue,
        responder: Responder,
        text: str,
        cues: Cues,
        matcher: Matcher,
        language: str,
        subject_named: bool,
        unanswered: str = "",
    ) -> None:
        super().__init__(dialogue, responder, text, cues, matcher, language)
        self.subject_named = subject_named
        self.unanswered = unanswered

    def someone_else_after_unanswered(self) -> Turn | None:
        """Another person alone after a question left unanswered: the referral.

        "is k2 in cheese?" declined, then "and for my mom?": whether K2 is right for her,
        which the article doesn't say, as after a topic (`_FollowUp.someone_else`).
        """
        if not self.unanswered or self.confident_alone:
            return None
        found = self.dialogue._person_referral(
            self.responder, self.text, self.cues, self.matcher, self.language
        )
        if found is None:
            return None
        reply, reading = found
        return Turn(self.text, reply, None, Decision.SOMEONE_ELSE, reading)

    def read_with_unanswered(self) -> Turn | None:
        """A follow-up read after the unanswered question it leans on, when that answers it.

        "what does d3 do" (not covered alone), then "and k2 with it?": what the first
        named is the second's context, as a topic would be ("d3 ... k2 with it" is K2
        with D3). The follow-up must lean back and add a word the answer uses; "why?"
        asks about the decline.
        """
        text, cues = self.text, self.cues
        if not self.unanswered or self.confident_alone or is_continuation(text, cues):
            return None
        if not needs_context(text, cues, subject_named=self.subject_named):
            return None
        together = f"{written_out(self.unanswered)} {written_out(text)}"
        reply = self.responder.respond(together)
        if reply.intent is None or not (_confident(reply) and _is_article(reply)):
            return None
        own = self.matcher.terms(written_out(text)) - QUESTION_WORDS - GENERIC_WORDS
        if not own & self.matcher.intent_terms(reply.intent.id):
            return None
        return Turn(text, replace(reply, question=text), None, Decision.UNANSWERED_NAMED, together)

    def unanswered_asked_of_named(self) -> Turn | None:
        """A follow-up naming only a term: the unanswered question asked of that term.

        "what is k1" (not covered), then "and k2?" or "i mean k2": "what is k2". The term
        takes the place of the unanswered question's word it is most like in form ("k1",
        the "k" of "vitamin k"), as "and mk4?" asks the topic's
        question of MK-4 after an answer. Only a term as specific as the subject counts,
        and only a confident article answer. With no word alike (no letter in common), it
        takes the place of the one word no article answer is about ("magnesium"); with two
        alike as much, or several such words, there is no reading.
        """
        text, cues, matcher = self.text, self.cues, self.matcher
        if not self.unanswered or self.confident_alone or is_continuation(text, cues):
            return None
        rest = _after_rephrase_opener(text, cues)
        named = _after_opener(rest if rest is not None else text, cues)
        if not named or len(named) > 2:
            return None
        terms = matcher.terms(" ".join(named))
        if not terms or not terms <= matcher.subject_terms():
            return None
        asked = words(written_out(self.unanswered))
        term = " ".join(named)
        likeness = [
            fuzz.ratio(term, word) if word not in cues.pronouns and word not in named else 0.0
            for word in asked
        ]
        best = max(likeness, default=0.0)
        if best > 0:
            if likeness.count(best) > 1:
                return None
            at = likeness.index(best)
        else:
            # None alike: the one word no article answer is about ("magnesium" in "does
            # magnesium help calcium absorption", then "and k2?").
            article = self.responder.content
            about = frozenset().union(
                *(matcher.intent_terms(i.id) for i in article.intents if i.kind is Kind.ARTICLE)
            )
            off = [
                n
                for n, word in enumerate(asked)
                if word not in cues.pronouns and (seen := matcher.terms(word)) and not seen & about
            ]
            if len(off) != 1:
                return None
            at = off[0]
        reading = " ".join([*asked[:at], term, *asked[at + 1 :]])
        reply = self.responder.respond(reading)
        if reply.intent is None or not (_confident(reply) and _is_article(reply)):
            return None
        return Turn(
            text, replace(reply, question=text), None, Decision.UNANSWERED_ASKED_OF, reading
        )

    def on_its_own(self) -> Turn:
        """No context: the reply to the message alone."""
        return Turn(self.text, self.standalone, None, Decision.NO_CONTEXT)

    def risk_fragment_after_declined_subject(self) -> Turn | None:
        """A fragment about a risk after a declined K2 question: the referral.

        "is k2 good for the heart?" declined, then "how much?": still a referral. So is a
        remark that states a risk ("ive got kidney disease btw"), however long, as after a
        topic (`_FollowUp.risk_fragment`): the conversation is about K2 all the same.
        """
        text, cues = self.text, self.cues
        if not (self.subject_named and not self.confident_alone):
            return None
        alone = self.standalone.intent
        if (alone is not None and alone.kind is Kind.SMALLTALK) or is_continuation(text, cues):
            return None
        referral = self.dialogue._fragment_referral(
            self.responder, text, None, self.matcher, cues, self.named
        )
        if referral is None:
            return None
        reply = replace(referral, question=text)
        return Turn(text, reply, None, Decision.SAFETY, referral.question)

    def subject_carried_over(self) -> Turn | None:
        """The message with the subject named earlier put in, when that answers its words."""
        text, cues, named = self.text, self.cues, self.named
        inherited = (
            named.reply()
            if self.subject_named
            and not self.confident_alone
            # "why not?" after a declined K2 question asks about the decline.
            and not is_continuation(text, cues)
            else None
        )
        # K2 named must answer the message's own words ("why cant you tell me" is no
        # question about the benefits of K2); "it" read as K2 answers as it is.
        if inherited is None or not named.answered_by(inherited, read_as_is=named.subject_pronoun):
            return None
        # Only the subject is carried over: there is no topic to name.
        matched_as = inherited.question
        reply = replace(inherited, question=text)
        return Turn(text, reply, None, Decision.SUBJECT_NAMED, matched_as)


class _FollowUp(_Message):
    """A message after an answer: the readings that may lean on the conversation's topic.

    Args:
        context: the intent the conversation was about (the last answer, or the one
            replied to).
        topic: the topic a run of "tell me more" started from (default: `context`).
        shown: the intents already shown in the conversation.
        after_decline: the last reply said the source doesn't cover what was asked.
    """

    def __init__(
        self,
        dialogue: Dialogue,
        responder: Responder,
        text: str,
        cues: Cues,
        matcher: Matcher,
        language: str,
        context: Intent,
        topic: Intent | None,
        shown: tuple[str, ...],
        after_decline: bool,
    ) -> None:
        super().__init__(dialogue, responder, text, cues, matcher, language)
        self.context = context
        self.topic = topic or context
        self.shown = shown
        self.after_decline = after_decline

    # -- what the readings share ----------------------------------------------------------

    @functools.cached_property
    def kind(self) -> Kind | None:
        """The kind of intent the message alone is answered by, if any."""
        return self.standalone.intent.kind if self.standalone.intent is not None else None

    @functools.cached_property
    def answered_alone(self) -> bool:
        """Whether the message alone gets a confident article answer.

        Such a message is not made a referral by reading its "it" as K2 ("I take it every
        morning but..." is about the calcium it names).
        """
        return self.confident_alone and _is_article(self.standalone)

    @functools.cached_property
    def own(self) -> set[str]:
        """The message's own topic words."""
        return topic_words(self.text, self.cues)

    @functools.cached_property
    def echoes_answer(self) -> bool:
        """Whether the message, naming no subject, picks up a word the last answer said.

        "whats the difference between the forms" after What is K2 (which says K2 comes in
        several forms), "e coli? isnt that bad" after where K2 comes from: people follow up
        on the words they were just given, however long the message.
        """
        matcher = self.matcher
        if matcher.subject() in matcher.terms(self.text):
            return False
        said = _answer_words(self.context, self.cues, self.language)
        return any(_same_word(own, word) for own in self.own for word in said)

    @functools.cached_property
    def only_subject_unanswered(self) -> bool:
        """Whether the message names the subject, no topic word besides, and gets no answer.

        "so should i add k2?" after calcium absorption, "к2 поможет?" ("will k2
        help?") after why calcium pills don't work: K2 is all it names, and alone it is no
        question the article answers or declines; the topic is what it asks K2 about.
        """
        return (
            not self.own
            and self.standalone.intent is None
            and not self.confident_alone
            and self.named.names_it()
        )

    @functools.cached_property
    def confident(self) -> bool:
        """Whether the message alone gets a confident answer other than the topic's."""
        return self.confident_alone and self.standalone.intent != self.context

    @functools.cached_property
    def near_alone(self) -> Intent | None:
        """The other article answer the message alone gets or is offered first, if any."""
        standalone = self.standalone
        if _confident(standalone):
            near = standalone.intent
        elif standalone.outcome is Outcome.SUGGEST and standalone.suggestions:
            near = standalone.suggestions[0]
        else:
            near = None
        if near is None or near == self.context or near.kind is not Kind.ARTICLE:
            return None
        return near

    @functools.cached_property
    def names_subject(self) -> bool:
        """Whether the message names the subject and is answered alone.

        It uses "it" for the subject it names ("vitamin k2, what is it?", "does my gut
        make k2 on its own?"): a full new question, not one about the last topic.
        """
        return self.named.names_it() and self.confident_alone

    @functools.cached_property
    def added(self) -> frozenset[str]:
        """What the message adds to the topic: "d3" in "and with d3?" after fracture risk."""
        matcher = self.matcher
        return self.asked - matcher.core_terms(self.context.id) - {matcher.subject()}

    @functools.cached_property
    def asked(self) -> frozenset[str]:
        """The terms the message asks about, without its opener and question words.

        Russian "what about" is two words.
        """
        rest = _after_opener(self.text, self.cues)
        return self.matcher.terms(" ".join(rest) if rest else self.text) - QUESTION_WORDS

    @functools.cached_property
    def said(self) -> set[str]:
        """The message's words."""
        return set(words(self.text))

    @functools.cached_property
    def subject_first(self) -> bool:
        """Whether "it" stands for the subject before the topic.

        "it" is the subject first; "that one", "they" and what a message leaves out are
        the topic first, and so is a message pointing at the topic besides ("how does it
        get there?" after bones).
        """
        cues = self.cues
        return (
            bool(cues.subject_pronouns & self.said)
            and not (self.said & (cues.pronouns - cues.subject_pronouns))
            and not self.named.names_it()
            and not self.form_reads_better
        )

    @functools.cached_property
    def form_reads_better(self) -> bool:
        """Whether "it" reads better as the form of K2 the topic is about than as K2.

        After "MK-4 vs MK-7" (asked as "what is mk7?"), "where is it made?" is where MK-7
        is made, not where K2 comes from: the topic's question names a form instead of K2
        and the message with the topic named scores higher than with "it" read as K2. "does
        it help bones?" after where MK-4 and MK-7 are formed reads better as K2.
        """
        matcher = self.matcher
        title = matcher.terms(self.context.title)
        forms = matcher.subject_terms() - {matcher.subject()}
        if matcher.subject() in title or not title & forms:
            return False
        topical, as_subject = self.topical, self.named.reply()
        return (
            _confident(topical)
            and _is_article(topical)
            and (
                as_subject is None or not _confident(as_subject) or topical.score > as_subject.score
            )
        )

    @functools.cached_property
    def topical(self) -> Reply:
        """The message matched with the subject and the topic's core terms in front."""
        return self.dialogue._with_topic(self.responder, self.text, self.context, self.matcher)

    def alone(self, decision: Decision) -> Turn:
        """The reply to the message on its own."""
        return Turn(self.text, self.standalone, self.context, decision)

    def with_context(self, reply: Reply, decision: Decision) -> Turn:
        """A reply that leans on the topic, headed by the line naming it."""
        text = self.text
        # A reply matched from other words than the message's says which (--explain).
        rematched = decision in (Decision.FOLLOW_UP, Decision.SUBJECT_NAMED, Decision.DECLINE)
        matched_as = reply.question if rematched and reply.question != text else ""
        visible = self.dialogue._visible(reply, text, self.context)
        return Turn(text, visible, self.context, decision, matched_as)

    def again_or_more(self) -> Turn | None:
        """What the topic's answer covers: that answer again.

        But "tell me more about bone density" after bone density asks for more, not the
        same answer again.
        """
        if opens_with_continuation(self.text, self.cues):
            return self.dialogue._continue(self.responder, self.text, self.topic, self.shown)
        again = self.responder.answer(self.context.id)
        return self.with_context(again, Decision.SAME_TOPIC) if again is not None else None

    # -- the readings, in the order `Dialogue._decide` tries them ---------------------------

    def referral_set_aside(self) -> Turn | None:
        """What a message asks after setting the referral just given aside.

        "ok forget the dose, why take them together" after the dose referral asks why K2
        and D3 go together: the clause before the comma names only the referral's matter,
        with a `dismissals` phrase, and the person has had that referral. The rest is read
        in the conversation, safety first as always; the same referral again is no reading.
        """
        if self.context.kind is not Kind.SAFETY:
            return None
        parts = _after_dismissal(self.text, self.cues)
        if parts is None:
            return None
        head, tail = parts
        dismissing = {_stem(w) for phrase in self.cues.dismissals for w in phrase.split()}
        beyond = topic_words(head, self.cues) - dismissing
        if beyond - _vocabulary(self.context, self.cues, self.language, with_answer=True):
            return None  # "forget the dose, i'm on warfarin, ...": a risk of its own
        turn = self.dialogue._decide(
            self.responder, tail, self.context, self.topic, self.shown, after_decline=False
        )
        if turn.reply.intent is None or turn.reply.intent == self.context:
            return None
        return turn

    def safety_alone(self) -> Turn | None:
        """A message that triggers a safety answer alone gets it.

        "should i take it with d3?" after K2 is "should i take k2 with d3?": judged as if
        the subject were named, safety triggers included. Only an article answer for the
        named question replaces the referral.
        """
        if self.kind is not Kind.SAFETY:
            return None
        spelled = self.named.spelled_out()
        if spelled is not None and _confident(spelled) and _is_article(spelled):
            return self.with_context(spelled, Decision.SUBJECT_NAMED)
        return self.alone(Decision.SAFETY)

    def risk_with_it_spelled_out(self) -> Turn | None:
        """With "it" read as K2, a referral, judged as if typed.

        "and how much of it to drink?" (in Russian, no trigger alone) is "how much k2 to
        drink?".
        """
        spelled = self.named.spelled_out() if self.kind is not Kind.SMALLTALK else None
        if (
            spelled is None
            or self.answered_alone
            or spelled.intent is None
            or spelled.intent.kind is not Kind.SAFETY
        ):
            return None
        reply = replace(spelled, question=self.text)
        return Turn(self.text, reply, self.context, Decision.SAFETY, spelled.question)

    def risk_fragment(self) -> Turn | None:
        """A fragment about a risk: the referral it asks for with the subject typed.

        "how much?" after K2 with D3 is "how much k2?": judged for safety before the topic
        can absorb it.
        """
        text, cues = self.text, self.cues
        if self.kind is Kind.SMALLTALK or self.answered_alone or is_continuation(text, cues):
            return None
        referral = self.dialogue._fragment_referral(
            self.responder, text, self.context, self.matcher, cues, self.named
        )
        if referral is None:
            return None
        reply = replace(referral, question=text)
        return Turn(text, reply, self.context, Decision.SAFETY, referral.question)

    def someone_else(self) -> Turn | None:
        """A follow-up naming only another person ("and for my mom?"): is it right for them.

        The article doesn't say who should take K2, so the answer is the referral the
        question asked in full gets ("should mom take k2": the doctor). After a referral,
        the same referral again when the follow-up says its matter carries over ("and my
        mom? she's on it too" after warfarin); a new person alone is not the child or the
        pregnancy asked about before.
        """
        cues, responder, matcher = self.cues, self.responder, self.matcher
        people = {_stem(w) for w in cues.people}
        named = self.own & people
        if not named or self.kind is Kind.SMALLTALK:
            return None
        ages = {_stem(w) for w in cues.ages}
        if any(not (w.isdigit() or w in ages) for w in self.own - people):
            return None
        if self.context.kind is Kind.SAFETY and _says_too(self.text, cues):
            again = responder.answer(self.context.id, language=self.language)
            if again is not None:
                return self.with_context(again, Decision.SOMEONE_ELSE)
        found = self.dialogue._person_referral(responder, self.text, cues, matcher, self.language)
        if found is None:
            return None
        reply, reading = found
        return Turn(self.text, reply, self.context, Decision.SOMEONE_ELSE, reading)

    def the_asker(self) -> Turn | None:
        """A follow-up naming only the person asking ("what about me, im 40?", "and me?").

        It asks whether K2 is right for them, which the article doesn't say: the referral
        the question asked in full gets ("should i take k2": the doctor), whatever the
        topic was. A child asked about before is not the asker, so the child's referral
        again would answer someone else. After a referral, "me too" says the matter is
        shared: that referral again. After an article answer, "me too" is left to the
        other readings ("my calcium pills don't work" ... "me too").
        """
        cues, responder = self.cues, self.responder
        if not cues.askers or self.kind is Kind.SMALLTALK or is_continuation(self.text, cues):
            return None
        ages = {_stem(w) for w in cues.ages}
        if any(not (w.isdigit() or w in ages) for w in self.own):
            return None
        found = words(self.text)
        while len(found) > 1 and found[0] in cues.leading_filler:
            found = found[1:]
        rest = _after_opener(self.text, cues)
        # "what about me", "and me?", "me? im 65": an opener, or the asker first; "can
        # you help me" or "tell me why" name the bot's listener, not whom K2 is for.
        if not set(rest) & cues.askers or (rest == found and rest[0] not in cues.askers):
            return None
        shared = _says_too(self.text, cues)
        if shared and self.context.kind is Kind.SAFETY:
            again = responder.answer(self.context.id, language=self.language)
            return None if again is None else self.with_context(again, Decision.THE_ASKER)
        if shared:
            return None
        subject = self.matcher.subject() or ""
        for question in cues.asker_questions:
            reading = question.replace("{subject}", subject)
            found_intent = responder.respond(reading).intent
            if found_intent is None or found_intent.kind is not Kind.SAFETY:
                continue
            reply = responder.answer(found_intent.id, language=self.language)
            if reply is not None:
                reply = replace(reply, question=self.text)
                return Turn(self.text, reply, self.context, Decision.THE_ASKER, reading)
        return None

    def the_person_asked_for(self) -> Turn | None:
        """K2 for the person the topic was asked for, naming nothing else: the topic again.

        "would k2 help her" after "my wife takes calcium but still gets leg cramps" asks
        whether K2 would help with what she has, which the topic's answer says; alone it
        would get the benefits overview.
        """
        said, cues = self.said, self.cues
        if self.context.kind is not Kind.ARTICLE or self.own or not said & cues.person_pronouns:
            return None
        if not (self.named.names_it() or said & cues.subject_pronouns):
            return None
        return self.again_or_more()

    def continuation(self) -> Turn | None:
        """A continuation ("why?", "tell me more"): the next related answer of the topic.

        "tell me more about mk7" after MK-4 vs MK-7 is answered alone by the same answer:
        it asks for more, not for that answer again.
        """
        text, cues = self.text, self.cues
        if not (
            is_continuation(text, cues)
            or (self.standalone.intent == self.context and opens_with_continuation(text, cues))
        ):
            closing = self._continuation_after_remark()
            if closing is None:
                return None
            text = closing
        # "cool thanks, that is it" says the person is done; "thanks, is that it?" asks.
        if "?" not in text and cues.closes(words(text)):
            return None
        if self.after_decline and is_continuation(text, cues):
            # "why?" after "my source doesn't cover that" asks about the decline: the
            # source has nothing behind it; going back to the older topic would answer
            # a question nobody asked.
            return self.dialogue._more_after_decline(self.responder, text, self.context, self.shown)
        # A run of "tell me more" stays on the topic it started from.
        return self.dialogue._continue(self.responder, text, self.topic, self.shown)

    def _continuation_after_remark(self) -> str | None:
        """The closing sentence of a reaction that then asks to go on, or None.

        "87% wow. how" and "ok that makes sense. but why?" react to the last answer, then
        ask how or why: the remark before asks nothing (no "?", no question) and gets no
        confident answer alone, and the last sentence alone is a continuation.
        """
        text, cues = self.text, self.cues
        breaks = list(_SENTENCE_END.finditer(text.rstrip(" ?!.\u2026")))
        if not breaks or self.confident_alone:
            return None
        head, tail = text[: breaks[-1].start()], text[breaks[-1].end() :].strip()
        if not words(head) or "?" in head or asks(head, cues):
            return None
        return tail if is_continuation(tail, cues) else None

    def small_talk(self) -> Turn | None:
        """Small talk, unless K2 named answers it.

        "who makes it?" is about the bot alone; after an answer, "it" is the subject. "who
        benefits most?" after fracture risk is about K2, not the bot, when K2 named
        answers it by the message's own words.
        """
        text, cues, named = self.text, self.cues, self.named
        rest = _trim_smalltalk(self.responder, text)
        if not (self.kind is Kind.SMALLTALK or not rest):
            return None
        if rest and rest != text and asks(rest, cues):
            # "спасибо. почему там?": thanks mid-chat, then the next follow-up, which
            # the thanks alone would answer for.
            return None
        spelled = named.spelled_out() if asks(text, cues) else None
        if spelled is not None and _confident(spelled) and _is_article(spelled):
            return self.with_context(spelled, Decision.SUBJECT_NAMED)
        about = named.reply() if asks(text, cues) and not named.pronoun else None
        if about is not None and named.answered_by(about, read_as_is=False):
            return self.with_context(about, Decision.SUBJECT_NAMED)
        if about is not None and _is_decline(self.responder, about, self.matcher):
            # "at night or morning?" after K2 with D3 (a greeting alone, by "morning") asks
            # when to take K2: declined by name, as the question with K2 typed would be.
            return self.with_context(about, Decision.DECLINE)
        return self.alone(Decision.SMALLTALK)

    def courtesy_in_a_remark(self) -> Turn | None:
        """Thanks or goodbye at an edge of a remark that asks nothing.

        "fine. thanks i guess", "thanks, ill ask her gp", "ok I'll ask his doctor then. bye":
        the rest of the message only acknowledges, so the thanks (or the goodbye) is what
        it says; read with the topic in front, its words were matched to an article answer
        ("thanks that makes sense" got where K2 is made, by "makes").
        """
        text = self.text
        if asks(text, self.cues) or _is_article(self.standalone):
            return None
        # A remark that names K2 is about K2 ("ok so my nan ... could k2 be the missing
        # piece lol", a question that dropped its "?"), however its words fared alone.
        if self.named.names_it():
            return None
        # A later sentence may ask ("ok just bones then. what's the main benefit").
        if any(asks(m.group(), self.cues) for m in _SENTENCE.finditer(text)):
            return None
        for part in _edge_courtesies(text):
            courtesy = self.responder.respond(part)
            if courtesy.intent is None or courtesy.intent.kind is not Kind.SMALLTALK:
                continue
            rest = text.replace(part, " ", 1)
            if words(rest) and self.responder.respond(rest).outcome is not Outcome.FALLBACK:
                # Something else is asked or named ("thanks, and mk4"): not a closing.
                return None
            # "ok just tell me what it does" asks, as a request: its "it" read as K2, the
            # rest is an article question, not an acknowledgement.
            spelled = _Named(self.responder, rest, self.matcher, self.cues).spelled_out()
            if spelled is not None and _confident(spelled) and _is_article(spelled):
                return None
            return Turn(text, replace(courtesy, question=text), self.context, Decision.SMALLTALK)
        return None

    def what_it_does_there(self) -> Turn | None:
        """With "it" at a place the topic named: the related answer about the place, or the topic.

        "what does it do there?" after how K2 gets into bone and tissue asks what K2 does
        in the bone: the osteocalcin answer (it leads calcium into the bone). With no
        related answer about the place, the topic's answer holds all the article says of
        it. "what does k2 do" alone is K2's benefits in general, and the topic named reads
        "do" as benefit, bone density: neither is about the place. Not when the message
        asks how ("how does it get there?" after bone density asks how K2 reaches the
        bones), names a word the topic's answer doesn't say, or is a question of its own.
        """
        cues, said = self.cues, self.said
        if (
            self.context.kind is not Kind.ARTICLE
            or not said & cues.subject_pronouns
            or not said & cues.place_pronouns
            or said & cues.mechanism_words
            or self.named.names_it()
            or self.confident
        ):
            return None
        context, matcher, content = self.context, self.matcher, self.responder.content
        if not self.own <= _vocabulary(context, cues, self.language, with_answer=True):
            return None
        # The place is what the topic is about besides K2 ("bone", "tissue" for how K2
        # gets into bone); the nearest related answer not shown about it says what K2
        # does there (osteocalcin leads calcium into the bone).
        place = matcher.core_terms(context.id) - matcher.subject_terms()
        for word in cues.subject_words:
            place -= matcher.terms(word)
        for related in _related_order(content, context):
            if related not in self.shown and place & matcher.core_terms(related):
                reply = self.responder.answer(related, language=self.language)
                if reply is not None:
                    return self.with_context(reply, Decision.FOLLOW_UP)
        return self.again_or_more()

    def declined_alone(self) -> Turn | None:
        """Declined alone: with the subject named, maybe an article question; else declined.

        "how are they different?" (two of anything) and "what about vitamin d?" (another
        vitamin) are declined alone; a follow-up so declined may be a question the
        article answers once the subject is named.
        """
        text, cues, named = self.text, self.cues, self.named
        if not _is_decline(self.responder, self.standalone, self.matcher):
            return None
        leaning = needs_context(text, cues) or self.echoes_answer
        with_subject = named.reply() if leaning else None
        if with_subject is not None and named.answered_by(with_subject, read_as_is=named.pronoun):
            if with_subject.intent == self.context:
                # "where is it formed" after MK-4 vs MK-7: "it" as K2 finds the forms again
                # ("formed" is the forms' own word), "it" as the topic's forms asks where.
                if (
                    named.pronoun
                    and self.correction is None
                    and self.form_reads_better
                    and self.topical.intent != self.context
                ):
                    return self.with_context(self.topical, Decision.FOLLOW_UP)
                return self.with_context(with_subject, Decision.SAME_TOPIC)
            return self.with_context(with_subject, Decision.SUBJECT_NAMED)
        again = self.dialogue._referral_again(
            self.responder, text, self.context, cues, self.language
        )
        if again is not None:
            return self.with_context(again, Decision.SAME_TOPIC)
        return self.alone(Decision.DECLINE)

    def new_question_naming_subject(self) -> Turn | None:
        """A whole new question naming K2 and answered on its own: a switch.

        "ok and how does k2 get in the bones?" after calcium absorption; an opener doesn't
        bend it back.
        """
        matcher = self.matcher
        subject = matcher.subject()
        if (
            self.confident
            and not self.named.pronoun
            and subject is not None
            and subject in matcher.terms(self.text)
            and len(words(self.text)) > self.cues.short_words
        ):
            return self.alone(Decision.SWITCH)
        return None

    def twist_after_restating(self) -> Turn | None:
        """What a long message asks after restating the topic ("..., but which is better?").

        "right so mk7 comes from e coli in the colon and mk4 from the artery wall, but which
        of the two would be better for someone old with osteoporosis" is matched, whole, to
        where the forms are made, the answer just given: its own question is after the
        "but", and is read in the conversation.
        """
        if self.standalone.intent != self.context:
            return None
        tail = _after_last_twist(self.text, self.cues)
        if tail is None or not asks(tail, self.cues):
            return None
        turn = self.dialogue._decide(
            self.responder,
            tail,
            self.context,
            self.topic,
            self.shown,
            after_decline=self.after_decline,
        )
        answered = turn.reply.intent
        if answered is None or answered == self.context or answered.kind is Kind.SMALLTALK:
            return None
        return turn

    def complete_question(self) -> Turn | None:
        """A message that doesn't lean on the conversation: answered alone.

        Without the subject named, the matcher answers few questions: one it does not
        answer alone leans on the conversation's subject ("which is better for old
        people?" after MK-4 vs MK-7).
        """
        text, cues, standalone = self.text, self.cues, self.standalone
        # "did you mean <the topic>?" while on that topic ("why in the testis?" after where
        # MK-4 is formed) leans on it too, whatever it names.
        suggests_topic = not self.confident_alone and self.context in standalone.suggestions
        elliptical = (
            needs_context(text, cues, subject_named=self.names_subject)
            or not (self.confident_alone or self.named.names_it())
            or suggests_topic
            # "87 percent?? in who" after fracture risk: a term the answer just stated,
            # picked up, is no new question however specific the term.
            or (self.echoes_answer and not self.confident_alone)
            # "so should i add k2?" after calcium absorption: K2 named and nothing else
            # the message is about, unanswered alone, asks of K2 in the topic.
            or self.only_subject_unanswered
        )
        if not elliptical or not (self.own or leans_back(text, cues) or asks(text, cues)):
            return self.alone(Decision.COMPLETE)  # "cool", "ok": nothing to carry over either
        if (
            self.confident
            and not self.own
            and not leans_back(text, cues, subject_named=self.names_subject)
        ):
            # "what is k2?", "k2 worth it?": nothing to add to it. With an opener as well
            # ("and how does k2 help it?"), "it" is the topic.
            return self.alone(Decision.COMPLETE)
        return None

    def it_asks_what_is_not_covered(self) -> Turn | None:
        """With "it" read as K2, a question the article declines by name.

        "when's the best time to take it?" after K2 with D3 asks when to take K2, which
        the article doesn't cover: declined by name, not the topic's answer again.
        """
        with_subject = self.named.reply()
        if (
            self.named.pronoun
            and with_subject is not None
            and _is_decline(self.responder, with_subject, self.matcher)
        ):
            return self.with_context(with_subject, Decision.DECLINE)
        return None

    def form_instead_of_subject(self) -> Turn | None:
        """A form named instead of K2: the topic's question asked about it.

        "and mk4?" after "Where does vitamin K2 come from?" (the message's own answer,
        when the same, is a switch: "mk7 vs mk4?").
        """
        framed = self.dialogue._about_other_subject(
            self.responder, self.text, self.context, self.matcher, self.cues, self.language
        )
        if framed is not None and not (self.confident and framed.intent == self.standalone.intent):
            return self.with_context(framed, Decision.FOLLOW_UP)
        return None

    def only_topic_terms(self) -> Turn | None:
        """Only the topic's own terms ("and mk4?" after where MK-7 is made): the topic again.

        The topic's answer covers them; unless "it" read as K2 asks another question ("how
        does it get into bone?" after bone density).
        """
        if not self.asked or self.added:
            return None
        found = self.it_read_as_subject() if self.subject_first else None
        if found is not None:
            return found
        return self.again_or_more()

    def they_are_the_topic(self) -> Turn | None:
        """K2 is one thing: "they" is the topic's things, which its answer covers.

        "where are they made?" after where MK-4 and MK-7 are formed. So is a pointer
        that asks about nothing else ("and the other one?", "why there?" after the same
        answer): it points at one of the topic's things; what the topic's own terms find
        with it ("k2 mk4 mk7": the forms) would answer the topic, not the message.
        """
        context, cues = self.context, self.cues
        pointed = self.said & cues.pronouns
        points_at_topic = (
            pointed <= cues.plural_pronouns
            and self.topical.intent == context
            and _confident(self.topical)
        ) or (not self.asked and not pointed & cues.subject_pronouns)
        if (
            pointed
            and points_at_topic
            and self.own <= _vocabulary(context, cues, self.language, with_answer=True)
        ):
            again = self.responder.answer(context.id)
            if again is not None:
                return self.with_context(again, Decision.SAME_TOPIC)
        return None

    def another_topic_with_topic_named(self) -> Turn | None:
        """Matched with the subject and the topic's core terms in front: another answer.

        "and with d3?" after "what is K2?" is "k2 vitamin and with d3?".
        """
        topical, named = self.topical, self.named
        if (
            topical.intent is not None
            and _confident(topical)
            and _is_article(topical)
            and topical.intent != self.context
            and (not self.confident or topical.score >= self.standalone.score or named.pronoun)
            # Another topic must answer what the message adds ("so what should i do?"
            # after calcium pills adds nothing calcium absorption answers).
            and (named.pronoun or self.added & self.matcher.intent_terms(topical.intent.id))
        ):
            own = self.own_terms_answer(topical) or self.answer_the_topic_words_missed(topical)
            if own is not None:
                return self.with_context(own, Decision.SUBJECT_NAMED)
            return self.with_context(topical, Decision.FOLLOW_UP)
        return None

    def answer_the_topic_words_missed(self, topical: Reply) -> Reply | None:
        """The answer with K2 named, when the topic's own words decided the topical one.

        After where MK-4 and MK-7 are formed, "k2 mk4 mk7" alone finds MK-4 vs MK-7, so
        "which one is better for old people?" read with the topic named finds that too,
        whatever it asks. With K2 named it finds MK-7 for the elderly, by "old people",
        a word of the message the forms answer doesn't use: that one.
        """
        matcher, named = self.matcher, self.named
        subject = matcher.subject() or ""
        topic_words_only = " ".join(
            dict.fromkeys(w for w in [subject, *sorted(matcher.core_terms(self.context.id))] if w)
        )
        if self.responder.respond(topic_words_only).intent != topical.intent:
            return None
        own = named.reply()
        if (
            own is None
            or own.intent is None
            or not _confident(own)
            or not _is_article(own)
            or own.intent in (self.context, topical.intent)
            or topical.intent is None
        ):
            return None
        asked = matcher.terms(written_out(self.text)) - QUESTION_WORDS - GENERIC_WORDS
        asked -= matcher.subject_terms()
        unexplained = asked - matcher.intent_terms(topical.intent.id)
        return own if unexplained & matcher.intent_terms(own.intent.id) else None

    def own_terms_answer(self, topical: Reply) -> Reply | None:
        """The answer about exactly what the message names, when the topic's terms bent it.

        "and calcium?" after bone density asks about K2 and calcium (calcium absorption),
        not about calcium in bone (osteocalcin, found only with the topic's "bone" put in).
        Taken when, with only the subject named, the message gets an article answer whose
        core terms it names all of, and the topic-named answer's core terms it doesn't.
        """
        own, matcher = self.named.reply(), self.matcher
        if (
            own is None
            or own.intent is None
            or not _confident(own)
            or not _is_article(own)
            or own.intent in (self.context, topical.intent)
            or topical.intent is None
        ):
            return None
        core = matcher.core_terms(own.intent.id) - {matcher.subject()}
        asked = self.asked
        if (
            core
            and core <= asked
            and not matcher.core_terms(topical.intent.id) <= asked | {matcher.subject()}
        ):
            return own
        return None

    def it_read_as_subject(self) -> Turn | None:
        """Matched with the subject named ("it" spelled out as K2, or K2 in front)."""
        with_subject, named = self.named.reply(), self.named
        if (
            with_subject is not None
            and with_subject.intent is not None
            and _confident(with_subject)
            and with_subject.intent != self.context
            # Not a referral made by reading "it" as K2 in a question answered alone.
            and not (self.answered_alone and with_subject.intent.kind is Kind.SAFETY)
            # "it" read as K2 answers as it stands; "that" read as K2 only when the
            # answer speaks of the message's words ("in what people was that?" after
            # fracture risk is not "in what people was k2?", What is K2).
            and (named.subject_pronoun or named.explains(with_subject.intent.id))
        ):
            if self.topic_reads_better(with_subject):
                return self.again_or_more()
            return self.with_context(with_subject, Decision.SUBJECT_NAMED)
        return None

    def topic_reads_better(self, as_subject: Reply) -> bool:
        """Whether the topic answers the message better than "it" read as K2 does.

        "does it help them?" after bone density for women is "does k2 help them?" only by
        the subject: the benefits of K2 speak of no word of the message, while with the
        topic named the message is the topic's own question again.
        """
        topical = self.topical
        if not (as_subject.intent is not None and topical.intent == self.context):
            return False
        if not _confident(topical):
            return False
        if not self.named.explains(as_subject.intent.id):
            return True
        # A why or how with no "it" to stand for K2, about words the topic's answer says,
        # asks why that answer's claim holds: "why in the colon" after where the forms are
        # made, not where K2 comes from, though that answer says colon too.
        cues = self.cues
        reason = self.said & (cues.reason_words | cues.mechanism_words)
        return (
            bool(reason)
            and not self.named.subject_pronoun
            and bool(self.own)
            and self.own <= _vocabulary(self.context, cues, self.language, with_answer=True)
        )

    def another_topic_with_title_in_front(self) -> Turn | None:
        """The topic's question as the frame, when its terms alone found nothing.

        "and for bones?" after "What are the benefits of K2?" asks for bones' benefits.
        """
        titled = self.responder.respond(f"{self.context.title_in(self.language)} {self.text}")
        if (
            titled.intent is not None
            and _confident(titled)
            and _is_article(titled)
            and titled.intent != self.context
            and not self.confident
            and (self.named.pronoun or self.added & self.matcher.intent_terms(titled.intent.id))
        ):
            return self.with_context(titled, Decision.FOLLOW_UP)
        return None

    def it_is_the_topic(self) -> Turn | None:
        """With the subject named, "it" is the topic: "how does k2 help it?" after osteocalcin.

        Not when the message is answered alone by another topic that speaks of what it
        adds and the topic doesn't: "one more, does k2 help with bone loss?" after
        osteocalcin asks about bone loss ("one" points at nothing there).
        """
        matcher = self.matcher
        beyond_topic = self.added - matcher.intent_terms(self.context.id)
        # Offered alone is enough: "yo whats the deal with k2 bro is it legit for bones or
        # nah" after MK-4 vs MK-7 is only offered bone density, but its "it" is the K2 it
        # names, and the bones are nothing the forms speak of.
        near = self.near_alone
        # Only offered, it must be for a term of its own ("bones"), not a word any answer
        # shares ("how does k2 affect it?" in Russian after osteocalcin is offered bone density).
        if near is not None:
            near_terms = (
                matcher.intent_terms(near.id) if self.confident else matcher.core_terms(near.id)
            )
            if beyond_topic & near_terms:
                return None
        if _asks_of_subject_named(self.text, self.cues, matcher):
            return None
        if self.named.pronoun and self.named.names_it() and self.topical.intent == self.context:
            again = self.responder.answer(self.context.id)
            if again is not None:
                return self.with_context(again, Decision.SAME_TOPIC)
        return None

    def switch(self) -> Turn | None:
        """A confident answer of its own: a switch of topic."""
        return self.alone(Decision.SWITCH) if self.confident else None

    def declined_with_topic_named(self) -> Turn | None:
        """Declined by name once the topic is named."""
        if _is_decline(self.responder, self.topical, self.matcher):
            return self.with_context(self.topical, Decision.DECLINE)
        return None

    def words_the_topic_covers(self) -> Turn | None:
        """Words the topic's answer speaks of, or none in a bare fragment: the topic again.

        "and for women?" after bone density; "by how much?", "через что?" read as whatever
        the topic named ("so what should i do?" is a question of its own).
        """
        text, cues = self.text, self.cues
        said = _past_fillers(words(text), cues)
        # A yes-or-no question that only points back ("so if i add k2 it'll fix it?") is
        # bare too, however long; one opening with a question word asks its own ("so what
        # should i do?").
        points_back = (
            any(w in cues.pronouns for w in said)
            and bool(said)
            and said[0] not in QUESTION_WORDS
            and said[0] not in cues.question_words
        )
        bare = not self.own and (len(words(text)) <= cues.short_words or points_back)
        vocabulary = _vocabulary(self.context, cues, self.language, with_answer=True)
        if (self.topical.intent == self.context or bare) and self.own <= vocabulary:
            return self.answer_that_says_it() or self.again_or_more()
        if self.echo_only(vocabulary):
            return self.again_or_more()
        return None

    def echo_only(self, vocabulary: set[str]) -> bool:
        """Whether the message picks up the last answer's words and points nowhere else.

        "who was in the study" after bone density (its answer cites clinical studies),
        "and whats the second half of the guarantee" after K2 with D3 (the "dual
        guarantee"): besides the echoed words, none the article's answers are about, and
        the message alone gets no confident answer. The topic's answer holds all the
        article says of it.
        """
        if not self.echoes_answer or self.confident_alone:
            return False
        new = {o for o in self.own if not any(_same_word(o, v) for v in vocabulary)}
        beyond = [w for w in words(self.text) if _stem(w) in new]
        return not (self.matcher.terms(" ".join(beyond)) - QUESTION_WORDS) if beyond else True

    def answer_that_says_it(self) -> Turn | None:
        """A related answer, when only it says what the message adds to the topic.

        "in women too?" after fracture risk: a way of asking about fractures names women,
        but the fracture answer doesn't; the related bone density answer ("women of
        childbearing age") does. The nearest related answer that says every added word.
        """
        cues, language, content = self.cues, self.language, self.responder.content
        unsaid = self.own - _answer_words(self.context, cues, language)
        if not unsaid:
            return None
        for related in _related_order(content, self.context):
            intent = content.by_id[related]
            if unsaid <= _answer_words(intent, cues, language):
                reply = self.responder.answer(related, language=language)
                if reply is not None:
                    return self.with_context(reply, Decision.FOLLOW_UP)
        return None

    @functools.cached_property
    def correction(self) -> str | None:
        """What a message saying the last answer was not the one meant says it meant.

        The words after a rephrase opener ("no i meant the other form": "the other form"),
        or beside a correction phrase ("not that one, mk4": "one mk4"); None when it says
        no such thing.
        """
        rest = _after_rephrase_opener(self.text, self.cues)
        said = f" {' '.join(words(rest if rest is not None else self.text))} "
        found = [p for p in self.cues.corrections if f" {p} " in said]
        if rest is None and not found:
            return None
        for phrase in found:
            said = said.replace(f" {phrase} ", " ")
        return said.strip()

    def corrected(self, turn: Turn) -> Turn | None:
        """A correction naming nothing beyond the topic's words, read on the topic.

        A correction keeps the question asked and changes what it is about ("where is mk4
        made", then "no i meant the other form": where MK-7 is made). When the topic's
        answer says that too, it is the answer, however the words alone read ("the other
        form" alone is MK-4 vs MK-7). When the reading gives the corrected answer itself
        again and the message names none of the topic's own terms (the forms overview
        already says both forms), the "no" would go unheard: the nearest related answer
        not shown whose words (title, patterns, answer) hold the message's is given
        instead ("what is mk4", MK-4 vs MK-7, then "no i meant the other form": where the
        forms are made); else the reading stands.
        """
        context, content, cues, language = (
            self.context,
            self.responder.content,
            self.cues,
            self.language,
        )
        if turn.decision is Decision.CORRECTED:
            # A rephrase reads what follows its opener again, corrected there already.
            return None
        if context.kind is not Kind.ARTICLE or self.correction is None:
            return None
        meant = topic_words(self.correction, cues)
        if meant - _vocabulary(context, cues, language, with_answer=True):
            return None
        answered = turn.reply.intent
        if answered is None or answered.kind is not Kind.ARTICLE:
            return None
        if answered.id != context.id:
            if self.confident_alone:
                # "no, i mean why my calcium supplements dont work": a question of its
                # own, answered as it reads.
                return None
            again = self.responder.answer(context.id, language=language)
            return self.with_context(again, Decision.CORRECTED) if again is not None else None
        if self.matcher.terms(written_out(self.correction)) & self.matcher.core_terms(context.id):
            # "no i meant mk4" after where MK-7 is made: the same question of the other
            # form, which the topic's answer says (where MK-4 is made too).
            return None
        unseen = [i for i in _related_order(content, context) if i not in self.shown]
        # The one that says the message's words, else the nearest: the message names
        # nothing beyond the topic, so any related answer is about the same thing (the
        # Russian title of where the forms are made doesn't say "форма").
        saying = [
            i
            for i in unseen
            if meant <= _vocabulary(content.by_id[i], cues, language, with_answer=True)
        ]
        for related in (*saying, *unseen):
            reply = self.responder.answer(related, language=language)
            if reply is not None:
                return self.with_context(reply, Decision.CORRECTED)
        return None

    def not_a_question(self) -> Turn | None:
        """No question about the topic ("cool", "men"): answered alone."""
        if not (leans_back(self.text, self.cues) or asks(self.text, self.cues)):
            return self.alone(Decision.COMPLETE)
        return None

    def referral_again(self) -> Turn | None:
        """After a referral, a fragment speaking only of what it covers: the referral again."""
        again = self.dialogue._referral_again(
            self.responder, self.text, self.context, self.cues, self.language
        )
        return self.with_context(again, Decision.SAME_TOPIC) if again is not None else None

    def topics_offered(self) -> Turn | None:
        """Close to some topics, with the subject named or not: those offered.

        Offering them helps more than "not about this topic" ("and does it help bones?"
        after warfarin); when only one answers the message's words ("and for women of
        childbearing age?" after MK-7 for the elderly), that one.
        """
        text, named = self.text, self.named
        offered = next(
            (r for r in (named.reply(), self.standalone) if r is not None and r.suggestions),
            None,
        )
        if offered is None:
            return None
        explained = [i for i in offered.suggestions if named.explains(i.id)]
        if (
            len(explained) == 1
            and explained[0] != self.context
            and explained[0].kind is Kind.ARTICLE
        ):
            chosen = self.responder.answer(explained[0].id)
            if chosen is not None:
                return self.with_context(chosen, Decision.SUBJECT_NAMED)
        matched_as = offered.question if offered.question != text else ""
        reply = replace(offered, question=text)
        return Turn(text, reply, self.context, Decision.OFFERED, matched_as)

    def not_covered_on_topic(self) -> Turn:
        """An honest "my source doesn't say that about this topic"."""
        language = self.language
        template = messages.in_language(messages.NOT_COVERED_ON_TOPIC, language)
        html = escape(template.format(topic=self.context.title_in(language)))
        declined = Reply(
            self.text, Outcome.FALLBACK, None, self.topical.score, html, language=language
        )
        return self.with_context(declined, Decision.NOT_COVERED)


def merged(turns: list[Turn], *, question: str | None = None) -> Reply:
    """One reply holding every turn's answer, for outputs of one row per message.

    Its intent is what a reader of the row most needs to see: a safety referral if any
    question got one, else the first question answered, else the first real question's
    (a greeting is none); each answer is headed by its part when there are several.

    Args:
        turns: the turns of one message, in order.
        question: the message as sent, for the reply's `question` (default: the parts).
    """
    if len(turns) == 1:
        only = turns[0].reply
        return only if question is None else replace(only, question=question)
    real = [
        t.reply
        for t in turns
        if t.reply.intent is None or t.reply.intent.kind is not Kind.SMALLTALK
    ]
    first = next(
        (r for r in real if r.intent is not None and r.intent.kind is Kind.SAFETY),
        next((r for r in real if r.intent is not None), real[0] if real else turns[0].reply),
    )
    html = "\n\n".join(f"<b>{escape(t.part)}</b>\n{t.reply.html}" for t in turns)
    question = question if question is not None else " ".join(t.part for t in turns)
    elapsed = sum(t.reply.elapsed_ms for t in turns)
    return replace(first, question=question, html=html, elapsed_ms=elapsed)


# -- helpers --------------------------------------------------------------------------------


def _is_smalltalk(responder: Responder, text: str) -> bool:
    reply = responder.respond(text)
    return reply.intent is not None and reply.intent.kind is Kind.SMALLTALK


# A word as typed, apostrophes inside it ("i'm"), to find where an opener ends.
_TYPED_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc`][^\W_]+)*")


def _before_doubt(text: str, cues: Cues) -> str | None:
    """The part of a message before a closing doubt ("the 87% thing, is that real"), or None.

    The last clause must be a source request or a doubt on its own, and something must
    come before it.
    """
    clauses = list(_CLAUSE.finditer(text))
    if len(clauses) < 2 or not asks_for_source(clauses[-1].group(), cues):
        return None
    head = text[: clauses[-1].start()].strip(" ,;:-\u2014")
    return head if words(head) else None


def _after_rephrase_opener(text: str, cues: Cues) -> str | None:
    """The message after an opener that says it is the last one reworded, or None.

    "i meant how it gets into the bone" gives "how it gets into the bone": an exact slice of
    the message, so Telegram can quote it. Nothing after the opener gives None.
    """
    found = words(text)
    # "no sorry i meant mk4", "oh wait i meant mk4": interjections before the opener, and
    # the words that open one ("no", "sorry" of "no i meant", "sorry i meant"), in any order.
    openers = [opener.split() for opener in cues.rephrase_openers]
    interjections = cues.filler | cues.leading_filler
    interjections |= {said[0] for said in openers if len(said) > 1 and said[1] == "i"}
    skipped = 0
    while skipped < len(found) - 1 and found[skipped] in interjections:
        if any(found[skipped : skipped + len(said)] == said for said in openers):
            break
        skipped += 1
    for said in sorted(openers, key=len, reverse=True):
        end = skipped + len(said)
        if found[skipped:end] != said or len(found) == end:
            continue
        typed = list(_TYPED_WORD.finditer(text))
        if len(typed) <= end:
            return None
        rest = text[typed[end].start() :].strip()
        return rest or None
    return None


def _after_dismissal(text: str, cues: Cues) -> tuple[str, str] | None:
    """A message's clause setting something aside and the rest after it, or None.

    "ok forget the dose, why take them together" gives ("ok forget the dose", "why take
    them together"): the first clause (up to punctuation or a twist word) must hold a
    `dismissals` phrase, and something must follow it.
    """
    if not cues.dismissals:
        return None
    twists = "|".join(re.escape(w) for w in cues.twist_words) or "(?!)"
    boundary = re.compile(rf"[,.;:!?\n]+|(?<![^\W_])(?:{twists})(?![^\W_])", re.IGNORECASE)
    for found in boundary.finditer(text):
        head = text[: found.start()]
        said = f" {' '.join(words(head))} "
        if not any(f" {phrase} " in said for phrase in cues.dismissals):
            continue
        tail = text[found.end() :].strip(" ,;:-\u2014")
        return (head, tail) if words(tail) else None
    return None


def _after_last_twist(text: str, cues: Cues) -> str | None:
    """The part of a message after its last twist word ("but"), or None.

    Only when something comes before it, and at least three words after it: "but why?"
    is a continuation, read whole.
    """
    if not cues.twist_words:
        return None
    alternatives = "|".join(re.escape(w) for w in cues.twist_words)
    found = list(re.finditer(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", text, re.IGNORECASE))
    if not found or not words(text[: found[-1].start()]):
        return None
    tail = text[found[-1].end() :].strip(" ,;:-\u2014")
    return tail if len(words(tail)) >= 3 else None


# Where a remark is cut into clauses, to find a thanks or goodbye at its edges.
_CLAUSE = re.compile(r"[^,.;:!?\n]+")
# Where one sentence of a chat message ends and the next begins ("87% wow. how").
_SENTENCE_END = re.compile(r"[.!?\u2026\n]+\s*")


def _edge_courtesies(text: str) -> list[str]:
    """The first and last clauses of a remark, then each one's first word.

    "fine. thanks i guess" gives "fine", "thanks i guess", then "thanks": where a thanks
    or a goodbye is typed, at either end, with or without the words around it.
    """
    clauses = [m.group().strip() for m in _CLAUSE.finditer(text) if m.group().strip()]
    if not clauses:
        return []
    edges = list(dict.fromkeys((clauses[0], clauses[-1])))
    firsts = [c.split()[0] for c in edges if len(c.split()) > 1]
    return list(dict.fromkeys(edges + firsts))


def _trim_smalltalk(responder: Responder, part: str) -> str:
    """The part without the greetings and thanks at its edges ("" if nothing else is left)."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(part) if m.group().strip()]
    for _ in range(EDGE_SENTENCES):
        if sentences and _is_smalltalk(responder, sentences[0]):
            sentences.pop(0)
    for _ in range(EDGE_SENTENCES):
        if sentences and _is_smalltalk(responder, sentences[-1]):
            sentences.pop()
    if not sentences:
        return ""
    # An exact slice of the message, so Telegram can quote it.
    start = part.find(sentences[0])
    end = part.rfind(sentences[-1]) + len(sentences[-1])
    return part[start:end]


# Readings that decline whatever the reply: a "why?" after one asks about the decline.
_DECLINING = frozenset({Decision.DECLINE, Decision.NOT_COVERED, Decision.MORE_AFTER_DECLINE})


def _topic_before_aside(
    content: Content, context: Intent | None, shown: tuple[str, ...]
) -> Intent | None:
    """The article topic answered just before the referrals that followed it, if any.

    None unless the conversation's last answer is a referral ("my kid ate a bunch of my
    mk4 pills" after "what is mk4"): then the latest article answer shown before it.
    """
    if context is None or context.kind is not Kind.SAFETY:
        return None
    for intent_id in reversed(shown):
        intent = content.by_id.get(intent_id)
        if intent is not None and intent.kind is Kind.ARTICLE:
            return intent
    return None


def _says_too(text: str, cues: Cues) -> bool:
    """Whether the message says its matter is shared ("she's on it too", "тоже")."""
    said = f" {' '.join(words(text))} "
    return any(f" {closer} " in said for closer in cues.follow_up_closers)


def _declines(turn: Turn) -> bool:
    """Whether the turn's reply said the source doesn't cover what was asked.

    A declining reading, or a recognised off-topic answer (an out-of-scope intent). Not a
    bare fallback to "interesting" or "hmm": "tell me more" after one still goes on.
    """
    answered = turn.reply.intent
    if answered is not None:
        return answered.kind is Kind.OUT_OF_SCOPE
    return turn.decision in _DECLINING


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _referral_sentences(answer_html: str, cues: Cues) -> str:
    """The referral's sentences that name whom it sends to ("please ask your doctor").

    The whole referral when none does (a language without `referral_words`): repeating
    it adds no claim either.
    """
    sentences = [s for s in _SENTENCE_END.split(answer_html.strip()) if s]
    naming = [s for s in sentences if cues.names_referral(words(s))]
    return " ".join(naming) if naming else answer_html


def _confident(reply: Reply) -> bool:
    return reply.outcome is Outcome.ANSWER and reply.intent is not None


def _is_article(reply: Reply) -> bool:
    return reply.intent is not None and reply.intent.kind is Kind.ARTICLE


def _is_decline(responder: Responder, reply: Reply, matcher: Matcher) -> bool:
    """Whether a reply is a recognised off-topic decline: an out-of-scope intent won.

    A fallback that only names an out-of-scope intent which came close ("what about for
    men?" is near no intent at all) is not one: context may still make sense of it.
    """
    if reply.outcome is not Outcome.FALLBACK:
        return False
    content = responder.content
    declines = (i.answer_in(reply.language) for i in content.of_kind(Kind.OUT_OF_SCOPE))
    if not any(reply.html.startswith(answer) for answer in declines):
        return False
    return matcher.match(reply.question).reason is Reason.OUT_OF_SCOPE


def _vocabulary(intent: Intent, cues: Cues, language: str, *, with_answer: bool) -> set[str]:
    """The topic words of an intent's title and patterns, and of its answer if asked.

    In English, and in `language` too when the intent is written in it.
    """
    texts = [intent.title, *intent.patterns, *((intent.answer,) if with_answer else ())]
    translation = intent.translation(language) if language != BASE_LANGUAGE else None
    if translation is not None:
        texts += [translation.title, *translation.patterns]
        texts += [translation.answer] if with_answer else []
    found: set[str] = set()
    for text in texts:
        found |= topic_words(text, cues)
    return found


def _answer_words(intent: Intent, cues: Cues, language: str) -> set[str]:
    """The topic words of an intent's answer alone, in English and in `language`."""
    found = topic_words(intent.answer, cues)
    translation = intent.translation(language) if language != BASE_LANGUAGE else None
    if translation is not None:
        found |= topic_words(translation.answer, cues)
    return found


class _Named:
    """A message that leaves out the article's subject, matched again with it named ("k2").

    "it" is spelled out as the subject, or the subject is put in front.

    Args:
        responder: the responder in use.
        text: the message.
        matcher: the matcher that reads the message's words.
        cues: the cues the message is read with.
    """

    def __init__(self, responder: Responder, text: str, matcher: Matcher, cues: Cues) -> None:
        self._responder = responder
        self._text = text
        self._matcher = matcher
        self._cues = cues
        said = words(text)
        self.pronoun = any(w in cues.pronouns for w in said)
        # A pronoun that stands for the subject ("it"), not only for one of the topic's things.
        self.subject_pronoun = any(w in cues.subject_pronouns for w in said)
        self._reply: Reply | None = None
        self._names_it: bool | None = None

    def named_text(self) -> str | None:
        """The message with the subject named; None when it names it already."""
        subject = self._matcher.subject()
        if subject is None:
            return None
        if self.names_it():
            # Named already: "it" in "how does k2 help it?" is the topic, not the subject.
            return None
        if self.pronoun:
            return _replace_pronouns(self._text, subject, self._cues)
        return f"{subject} {written_out(self._text)}"

    def without_opener(self) -> str | None:
        """The message with the subject named in place of its opening filler, if it has one.

        Russian "and with d3?" is "k2 with d3?": the opener only said that the message leans
        back (tried when the message with its opener finds nothing).
        """
        subject = self._matcher.subject()
        found = words(self._text)
        if subject is None or self.pronoun or self.names_it():
            return None
        if len(found) > 1 and found[0] in self._cues.filler:
            return " ".join([subject, *found[1:]])
        return None

    def names_it(self) -> bool:
        """Whether the message names the subject ("k2", "mk7", "osteocalcin").

        A pronoun names nothing by itself: "what is it then?" is one term to the matcher
        ("what is it" counts as asking what K2 is), but the "it" is what the conversation
        was about, so the words are read without their pronouns.
        """
        if self._names_it is None:
            matcher = self._matcher
            text = self._text
            if self.pronoun:
                text = " ".join(w for w in words(text) if w not in self._cues.pronouns)
            self._names_it = bool(matcher.terms(text) & matcher.subject_terms())
        return self._names_it

    def reply(self) -> Reply | None:
        """The reply to the message with the subject named (None if it names it)."""
        if self._reply is None:
            named = self.named_text()
            if named is None:
                return None
            self._reply = self._responder.respond(named)
            retry = self.without_opener() if not _confident(self._reply) else None
            if retry is not None:
                again = self._responder.respond(retry)
                if _confident(again):
                    self._reply = again
        return self._reply

    def spelled_out(self) -> Reply | None:
        """The reply with "it" spelled out as the subject; None without a pronoun."""
        return self.reply() if self.pronoun else None

    def answered_by(self, reply: Reply, *, read_as_is: bool) -> bool:
        """Whether `reply` is a confident article answer to this message.

        Its intent must use a word of the message besides the subject (`explains`), unless
        `read_as_is`: a pronoun read as the subject answers as it stands.
        """
        return (
            reply.intent is not None
            and _confident(reply)
            and _is_article(reply)
            and (read_as_is or self.explains(reply.intent.id))
        )

    def explains(self, intent_id: str) -> bool:
        """Whether the intent uses a word of the message besides the subject and question words.

        "k2 what about for men?" finds "what is K2?" by "k2" alone, which is no answer to "men".
        """
        matcher = self._matcher
        asked = matcher.terms(written_out(self._text)) - QUESTION_WORDS - GENERIC_WORDS
        return bool((asked - matcher.subject_terms()) & matcher.intent_terms(intent_id))


def _after_opener(text: str, cues: Cues) -> list[str]:
    """The message's words after its leading filler and follow-up opener, before its closer.

    "ok and what about mk7 too?" is ["mk7"].
    """
    found = words(text)
    while len(found) > 1 and found[0] in cues.leading_filler:
        found = found[1:]
    joined = " ".join(found)
    opener = max(
        (o for o in cues.follow_up_openers if joined.startswith(o + " ")), key=len, default=""
    )
    found = found[len(opener.split()) :]
    closer = next((c for c in cues.follow_up_closers if " ".join(found).endswith(" " + c)), "")
    return found[: len(found) - len(closer.split())] if closer else found


def _replace_pronouns(text: str, subject: str, cues: Cues) -> str:
    found = words(text)
    while len(found) > 1 and (found[0] in cues.leading_filler or found[0] in cues.filler):
        found = found[1:]
    # Only the first pronoun is the subject: "there" in "what does it do there?" is not.
    first = next((n for n, w in enumerate(found) if w in cues.pronouns), None)
    return " ".join(subject if n == first else w for n, w in enumerate(found))


def _goes_deeper(matcher: Matcher, topic: Intent, other_id: str) -> bool:
    """Whether the other answer is about all the topic is about, and more.

    Its core terms, the subject aside, strictly hold the topic's, and the topic's answer
    doesn't already say the rest: bone loss (bone, osteoclast) after bone density (bone).
    Such an answer says what works underneath the topic's claim; fracture risk (fracture)
    after bone density is another claim.
    """
    subject = {matcher.subject()}
    about = matcher.core_terms(topic.id) - subject
    theirs = matcher.core_terms(other_id) - subject
    if not about or not about < theirs:
        return False
    # What the other adds, the topic's answer may say already: why calcium pills don't
    # work names osteocalcin itself, so osteocalcin is no further reason for it.
    return not theirs - about <= matcher.terms(topic.answer)


def _any_related(_: str) -> bool:
    return True


# Every related answer may continue a "tell me more" (see `Dialogue._explains_topic`).
_ANY_RELATED: Callable[[str], bool] = _any_related


def _related_order(content: Content, intent: Intent) -> Iterator[str]:
    """The intent's related article answers, nearest first.

    Only one level: the related answers of related answers drift off the topic.
    """
    for candidate in dict.fromkeys(intent.related):
        found = content.by_id.get(candidate)
        if candidate != intent.id and found is not None and found.kind is Kind.ARTICLE:
            yield candidate


def _further_order(content: Content, intent: Intent) -> Iterator[str]:
    """The related article answers of the intent's related answers, nearest first."""
    seen = {intent.id, *_related_order(content, intent)}
    for related_id in _related_order(content, intent):
        for candidate in _related_order(content, content.by_id[related_id]):
            if candidate not in seen:
                seen.add(candidate)
                yield candidate


@dataclass(frozen=True, slots=True)
class _AnswerIndex:
    """Finds the intent behind a bot message's text, by its answer or its title."""

    answers: tuple[tuple[str, str], ...]
    titles: tuple[tuple[str, str], ...]
    # What starts the line naming a topic ("↪ about:"), in each language of the content.
    context_line: re.Pattern[str]

    def find(self, text: str) -> str | None:
        flat = " ".join(words(text))
        if not flat:
            return None
        hits = [(len(key), i) for key, i in self.answers if key and key in flat]
        if hits:
            return max(hits)[1]
        # A title counts only where the bot names a topic (its "↪ about" line, or “…” in
        # "that's all" and "not covered" replies), not in a list such as /start's.
        for found in self.context_line.finditer(text):
            named = " ".join(words(found.group(1) or found.group(2)))
            for key, intent_id in self.titles:
                if key and key == named:
                    return intent_id
        return None


_INDEXES: dict[int, tuple[Content, _AnswerIndex]] = {}
# An answer's first words identify it; a long message may be split into pieces by Telegram.
INDEXED_WORDS = 24


def _answer_index(content: Content) -> _AnswerIndex:
    cached = _INDEXES.get(id(content))
    if cached is not None and cached[0] is content:
        return cached[1]
    from bot.markup import to_plain_text

    answered = [i for i in content.intents if i.kind in (Kind.ARTICLE, Kind.SAFETY)]
    # Every language an answer is written in: a reply to a Russian answer finds it too.
    languages = [
        BASE_LANGUAGE,
        *sorted({c for i in answered for c in i.languages} - {BASE_LANGUAGE}),
    ]
    answers = dict.fromkeys(
        (" ".join(words(to_plain_text(i.answer_in(code)))[:INDEXED_WORDS]), i.id)
        for code in languages
        for i in answered
    )
    titles = dict.fromkeys(
        (" ".join(words(i.title_in(code))), i.id) for code in languages for i in answered
    )
    prefixes = dict.fromkeys(
        re.escape(messages.in_language(messages.CONTEXT_LINE, code).split("{topic}")[0].strip())
        for code in languages
    )
    index = _AnswerIndex(
        answers=tuple(answers),
        titles=tuple(titles),
        context_line=re.compile("(?:" + "|".join(prefixes) + r")\s*([^\n]+)|“([^”]+)”"),
    )
    if len(_INDEXES) > 4:  # a few content versions at most: reloads replace the old ones
        _INDEXES.clear()
    _INDEXES[id(content)] = (content, index)
    return index
