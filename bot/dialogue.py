"""Conversations: follow-ups that lean on the last answer, and several questions in one message.

`Dialogue` wraps a `Responder` with a `ConversationMemory`. Every message is first matched
on its own, exactly as without memory; the conversation's context (the last answered
intent, or the answer a Telegram message replies to) is used only when the message needs
it and has no confident topic of its own:

1. No context, safety, small talk, or a recognised off-topic decline: the reply to the
   message alone, always. Context never turns a referral into an answer, nor a decline
   into the previous answer.
2. A continuation ("why?", "tell me more", "explain simply"): the next related answer of
   the topic not yet shown, never the same text again; when there is none, say so.
3. Not elliptical (no follow-up cue, no pronoun, not short): the message alone.
4. Elliptical with a topic word of its own that the previous answer lacks ("and what about
   calcium absorption?"), answered confidently on its own: the message alone (a switch).
5. Otherwise the message is matched again with the topic's title in front ("and mk4?" is
   matched as "Where are MK-4 and MK-7 formed? and mk4?"). A different confident answer is
   given; the same answer again only if the message asks nothing the answer lacks; else an
   honest "my source doesn't say that about this topic".

The core never imports `telegram`; adapters pass an opaque conversation id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from bot import messages
from bot.intents import Content, Intent, Kind
from bot.markup import escape
from bot.matching import Outcome
from bot.memory import ConversationMemory
from bot.responder import Reply, Responder
from bot.text import QUESTION_WORDS, STOPWORDS


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
    FOLLOW_UP = "elliptical: matched again with the topic's words"
    SAME_TOPIC = "elliptical: the topic's answer already covers it"
    NOT_COVERED = "elliptical: the article doesn't say that about the topic"


CONTEXT_DECISIONS = frozenset(
    {
        Decision.CONTINUED,
        Decision.NOTHING_MORE,
        Decision.FOLLOW_UP,
        Decision.SAME_TOPIC,
        Decision.NOT_COVERED,
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
    """

    part: str
    reply: Reply
    context: Intent | None
    decision: Decision

    @property
    def used_context(self) -> bool:
        """Whether the reply depends on what came before."""
        return self.decision in CONTEXT_DECISIONS

    def explain(self) -> str:
        """One line for `--explain`: the context there was and what was decided."""
        about = f"context {self.context.id}" if self.context is not None else "no context"
        return f"{about}; {self.decision.value}"


# Whole messages that ask to go on with the last answer. Leading "and", "ok", "so" are
# dropped before matching; see `_continuation`.
_CONTINUATIONS = re.compile(
    r"^(?:"
    r"why|how|how so|how come|why is that|why so|why does it|how does it|"
    r"how does (?:it|that) (?:work|happen)|why does (?:it|that) (?:work|happen)|"
    r"how does it do (?:it|that)|how does it do that exactly|why is it|"
    r"(?:can you |could you |please )?(?:tell|show) me more(?: about (?:it|that|this))?|"
    r"(?:can you |could you |please )?(?:say|explain|elaborate|expand)(?: on)?"
    r"(?: (?:it|that|this))?(?: more| further| simply| in simple (?:words|terms)| better"
    r"| again| like im five| like i am five)*|"
    r"in simple (?:words|terms)|simpler|more simply|eli5|"
    r"more|more please|more info|more details?|any more|anything else|what else|"
    r"go on|continue|keep going|and then|details|more on that|"
    r"what does (?:that|it|this) mean|what do you mean(?: by that)?|meaning|"
    r"i dont (?:understand|get it)|not sure i understand|huh|really|"
    r"why does that matter|so what|in what way|like what"
    r")$"
)
# Openers and closers that mark a message as leaning on the last one.
_FOLLOW_UP_OPENERS = (
    "and",
    "what about",
    "how about",
    "what if",
    "also",
    "but",
    "so",
    "ok so",
    "okay so",
    "then",
    "same for",
    "and for",
    "even",
    "plus",
)
_FOLLOW_UP_CLOSERS = ("too", "as well", "also", "either", "then")
_PRONOUNS = frozenset("it its itself that this them they these those one ones same there".split())
# Words that name no topic, though the matcher's stop list keeps them.
_VAGUE = frozenset(
    "good bad help helps helpful work works thing things explain mean means make better "
    "best true right wrong okay ok yes no sure thanks".split()
)
# Dropped before looking for an opener ("ok and for me?", "cool, where does it come from").
_LEADING_FILLER = frozenset("ok okay so well hmm oh right cool great nice wow thanks".split())
_AUXILIARIES = frozenset("is are was were does do did can could should would will".split())
# Up to this many words, a message is short enough to lean on context ("and mk4?").
SHORT_WORDS = 3
# Filler dropped before a continuation is recognised ("ok, and why?").
_FILLER = frozenset("and ok okay so but then hmm um oh ah right well please pls".split())
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"['\u2019\u02bc`]")
# "MK-4", "mk 7" and "mk4" are one word, as the matcher reads them.
_MK = re.compile(r"\bmk[\s_-]*(\d+)\b")
_SUFFIXES = ("ies", "es", "s", "ing", "ed", "ly")
# More questions than this in one message are answered as one message: a reply each would
# flood the chat (and Telegram's per-chat limit).
MAX_QUESTIONS = 3
# Greetings and thanks are looked for in this many sentences at each end of a message.
EDGE_SENTENCES = 2
# Where a message is cut into questions: after ? ! or . and before a new line.
_SENTENCE = re.compile(r"[^?!.\n]+[?!.]*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-case words of a message, with "MK-4" as one word and apostrophes dropped."""
    folded = _MK.sub(r"mk\1", _APOSTROPHE.sub("", text.lower()))
    return _WORD.findall(folded)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def topic_words(text: str) -> set[str]:
    """The stems of the words that can name a topic: no function, question or filler words."""
    return {
        _stem(w)
        for w in words(text)
        if w not in STOPWORDS
        and w not in QUESTION_WORDS
        and w not in _VAGUE
        and w not in _PRONOUNS
        and w not in {"vitamin", "k2", "k", "2"}
    }


def is_continuation(text: str) -> bool:
    """Whether the whole message asks to go on with the last answer ("why?", "tell me more")."""
    found = words(text)
    while found and found[0] in _FILLER:
        found = found[1:]
    while found and found[-1] in {"please", "pls", "then"}:
        found = found[:-1]
    return bool(found) and _CONTINUATIONS.match(" ".join(found)) is not None


def leans_back(text: str) -> bool:
    """Whether a message points back: a follow-up opener or closer, or a pronoun."""
    found = words(text)
    while len(found) > 1 and found[0] in _LEADING_FILLER:
        found = found[1:]
    joined = " ".join(found)
    return (
        any(joined == o or joined.startswith(o + " ") for o in _FOLLOW_UP_OPENERS)
        or any(joined.endswith(" " + c) for c in _FOLLOW_UP_CLOSERS)
        or any(w in _PRONOUNS for w in found)
    )


def needs_context(text: str) -> bool:
    """Whether a message leans on what came before: short, a follow-up cue, or a pronoun."""
    found = words(text)
    short = len(found) <= SHORT_WORDS and not (
        # "what is mk4?" is short but whole; "which form?" and "and mk4?" are not.
        len(found) >= 3 and found[0] in QUESTION_WORDS and found[1] in _AUXILIARIES
    )
    return bool(found) and (short or leans_back(text))


def split_questions(text: str) -> list[str]:
    """Cut a message into its questions, each an exact slice of the message.

    Only sentences ending in "?" start a new question; any other sentence stays with the
    question after it (a back-story), or before it when it trails. A message with fewer
    than two questions, or more than `MAX_QUESTIONS` (a list, a paste, a flood), comes
    back whole.
    """
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    parts: list[tuple[int, int]] = []
    start: int | None = None
    for begin, end in spans:
        if start is None:
            start = begin
        if text[begin:end].rstrip().endswith("?"):
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
    """

    def __init__(
        self,
        responder: Responder | Callable[[], Responder],
        memory: ConversationMemory | None = None,
    ) -> None:
        if isinstance(responder, Responder):
            fixed = responder
            self._responder: Callable[[], Responder] = lambda: fixed
        else:
            self._responder = responder
        self.memory = memory if memory is not None else ConversationMemory()

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
        self, conversation: Hashable, text: str, *, replied_to: str | None = None
    ) -> list[Turn]:
        """Answer a message: one `Turn` per question it holds, in order.

        Args:
            conversation: the adapter's opaque conversation id.
            text: what the user typed.
            replied_to: the intent id of the bot answer the message replies to or quotes,
                if any: it is the context, whatever the memory holds (see `intent_of_answer`).
        """
        responder = self.responder
        parts = split_questions(text)
        if len(parts) > 1:
            # A greeting or thanks around a question is not a question of its own.
            trimmed = (_trim_smalltalk(responder, p) for p in parts)
            questions = [p for p in trimmed if p]
            parts = questions if questions else [text]
        turns = []
        for number, part in enumerate(parts):
            # An explicit reply is the context of the message's first question; the
            # questions after it follow on from the one before, through the memory.
            turns.append(
                self.turn(responder, conversation, part, replied_to if number == 0 else None)
            )
        return turns

    def turn(
        self,
        responder: Responder,
        conversation: Hashable,
        text: str,
        replied_to: str | None = None,
    ) -> Turn:
        """Answer one question of a conversation and remember what was answered."""
        content = responder.content
        recollection = self.memory.recall(conversation)
        shown: tuple[str, ...] = ()
        context: Intent | None = None
        topic: Intent | None = None
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
        if context is not None and context.id not in shown:
            shown = (*shown, context.id)
        turn = self._decide(responder, text, context, topic or context, shown)
        answered = turn.reply.intent
        if answered is not None and answered.kind in (Kind.ARTICLE, Kind.SAFETY):
            continued = turn.decision is Decision.CONTINUED and turn.context is not None
            self.memory.remember(
                conversation,
                answered.id,
                topic=turn.context.id if continued and turn.context is not None else None,
            )
        return turn

    # -- the decision ---------------------------------------------------------------------

    def _decide(
        self,
        responder: Responder,
        text: str,
        context: Intent | None,
        topic: Intent | None,
        shown: tuple[str, ...],
    ) -> Turn:
        standalone = responder.respond(text)

        def alone(decision: Decision) -> Turn:
            return Turn(text, standalone, context, decision)

        if context is None:
            return alone(Decision.NO_CONTEXT)
        kind = standalone.intent.kind if standalone.intent is not None else None
        if kind is Kind.SAFETY:
            return alone(Decision.SAFETY)
        if is_continuation(text):
            # A run of "tell me more" stays on the topic it started from.
            return self._continue(responder, text, topic or context, shown)
        if kind is Kind.SMALLTALK or not _trim_smalltalk(responder, text):
            return alone(Decision.SMALLTALK)
        if _is_decline(responder.content, standalone):
            if _has_pronoun(text):
                # "what's the difference between them?" declined alone (K1 vs K2); with the
                # topic named it may be a question the article answers.
                combined = self._with_topic(responder, text, context)
                if _confident(combined) and combined.intent != context and _is_article(combined):
                    return Turn(
                        text, self._visible(combined, text, context), context, Decision.FOLLOW_UP
                    )
            return alone(Decision.DECLINE)
        own = topic_words(text)
        if not needs_context(text) or not (own or leans_back(text) or "?" in text):
            return alone(Decision.COMPLETE)  # "cool", "ok": nothing to carry over either
        confident = _confident(standalone) and standalone.intent != context
        if confident and not own:
            return alone(Decision.COMPLETE)  # "what is k2?": nothing to add to it
        combined = self._with_topic(responder, text, context)
        combined_kind = combined.intent.kind if combined.intent is not None else None
        better = (
            _confident(combined)
            and combined_kind is Kind.ARTICLE
            and combined.intent not in (context, standalone.intent)
        )

        def with_context(reply: Reply, decision: Decision) -> Turn:
            return Turn(text, self._visible(reply, text, context), context, decision)

        if confident and own - _vocabulary(context, with_answer=True):
            # A word of its own the topic lacks: a new topic, unless the topic's words lead
            # to a better answer still ("where is it made?" after "what is K2?").
            # A pronoun points back for sure ("which one is made by bacteria?").
            if better and (combined.score >= standalone.score or _has_pronoun(text)):
                return with_context(combined, Decision.FOLLOW_UP)
            return alone(Decision.SWITCH)
        if combined_kind is Kind.SAFETY and combined.intent != context:
            return with_context(combined, Decision.FOLLOW_UP)
        if _is_decline(responder.content, combined):
            return with_context(combined, Decision.DECLINE)
        if better:
            return with_context(combined, Decision.FOLLOW_UP)
        spelled_out = self._spelled_out(responder, text, context)
        if spelled_out is not None and not own:
            return with_context(spelled_out, Decision.FOLLOW_UP)
        if own <= _core_vocabulary(context) and (own or combined.intent == context):
            # Only the topic's own words ("and mk4?" after where MK-7 is made), or none
            # ("by how much?"): the topic's answer, which covers them, again.
            again = responder.answer(context.id)
            if again is not None:
                return with_context(again, Decision.SAME_TOPIC)
        if confident:
            return alone(Decision.SWITCH)
        if combined.intent == context and own <= _vocabulary(context, with_answer=True):
            # Words the topic's answer does speak of ("and for women?" after bone density).
            again = responder.answer(context.id)
            if again is not None:
                return with_context(again, Decision.SAME_TOPIC)
        if spelled_out is not None:
            return with_context(spelled_out, Decision.FOLLOW_UP)
        if not (leans_back(text) or "?" in text):
            return alone(Decision.COMPLETE)  # "cool", "men": not a question about the topic
        html = escape(messages.NOT_COVERED_ON_TOPIC.format(topic=context.title))
        declined = Reply(text, Outcome.FALLBACK, None, combined.score, html)
        return with_context(declined, Decision.NOT_COVERED)

    @staticmethod
    def _with_topic(responder: Responder, text: str, context: Intent) -> Reply:
        """The message matched with the topic's words in front: its title, and its most
        distinctive pattern words when those find a different confident answer."""
        titled = responder.respond(f"{context.title} {text}")
        if titled.intent != context and _confident(titled):
            return titled
        keywords = _distinctive_words(responder.content, context)
        if not keywords:
            return titled
        worded = responder.respond(f"{' '.join(keywords)} {text}")
        if _confident(worded) and worded.intent != context and _is_article(worded):
            return worded
        return titled

    @staticmethod
    def _spelled_out(responder: Responder, text: str, context: Intent) -> Reply | None:
        """The reply with "it" spelled out as what the content is about ("what does K2 do?").

        Only a confident answer other than the topic's counts; None otherwise.
        """
        subject = _subject(responder.content)
        if subject is None or not _has_pronoun(text):
            return None
        reply = responder.respond(_replace_pronouns(text, subject))
        if not _confident(reply) or reply.intent == context or reply.intent is None:
            return None
        return reply if reply.intent.kind in (Kind.ARTICLE, Kind.SAFETY) else None

    def _continue(
        self, responder: Responder, text: str, context: Intent, shown: tuple[str, ...]
    ) -> Turn:
        """The topic's closest related answer not yet shown, or an honest "that's all"."""
        content = responder.content
        if context.kind is Kind.SAFETY:
            # A referral is the whole answer: the rest is for a doctor, not the article.
            html = escape(messages.NOTHING_MORE_SAFETY)
            reply = Reply(text, Outcome.FALLBACK, None, 0.0, html)
            return Turn(text, self._visible(reply, text, context), context, Decision.NOTHING_MORE)
        for related_id in _related_order(content, context):
            if related_id in shown:
                continue
            related = responder.answer(related_id)
            if related is not None:
                return Turn(
                    text, self._visible(related, text, context), context, Decision.CONTINUED
                )
        html = escape(messages.NOTHING_MORE.format(topic=context.title))
        nothing = Reply(text, Outcome.FALLBACK, None, 0.0, html)
        return Turn(text, self._visible(nothing, text, context), context, Decision.NOTHING_MORE)

    @staticmethod
    def _visible(reply: Reply, text: str, context: Intent) -> Reply:
        line = escape(messages.CONTEXT_LINE.format(topic=context.title))
        return replace(reply, question=text, html=f"<i>{line}</i>\n\n{reply.html}")

    def intent_of_answer(self, text: str) -> str | None:
        """The intent whose answer a message of the bot shows, or None.

        Found from the message's text itself (the answer, or the title a context line or
        a "that's all" names), so a reply to an answer sent hours ago, or before a restart,
        still finds its topic.
        """
        return _answer_index(self.responder.content).find(text)


def merged(turns: list[Turn], *, question: str | None = None) -> Reply:
    """One reply holding every turn's answer, for outputs of one row per message.

    Its intent is the first real question's; each answer is headed by its part when there
    are several.

    Args:
        turns: the turns of one message, in order.
        question: the message as sent, for the reply's `question` (default: the parts).
    """
    if len(turns) == 1:
        only = turns[0].reply
        return only if question is None else replace(only, question=question)
    first = next(
        (
            t.reply
            for t in turns
            if t.reply.intent is None or t.reply.intent.kind is not Kind.SMALLTALK
        ),
        turns[0].reply,
    )
    html = "\n\n".join(f"<b>{escape(t.part)}</b>\n{t.reply.html}" for t in turns)
    question = question if question is not None else " ".join(t.part for t in turns)
    elapsed = sum(t.reply.elapsed_ms for t in turns)
    return replace(first, question=question, html=html, elapsed_ms=elapsed)


# -- helpers --------------------------------------------------------------------------------


def _is_smalltalk(responder: Responder, text: str) -> bool:
    reply = responder.respond(text)
    return reply.intent is not None and reply.intent.kind is Kind.SMALLTALK


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


def _confident(reply: Reply) -> bool:
    return reply.outcome is Outcome.ANSWER and reply.intent is not None


def _is_article(reply: Reply) -> bool:
    return reply.intent is not None and reply.intent.kind is Kind.ARTICLE


def _is_decline(content: Content, reply: Reply) -> bool:
    """Whether a reply is a recognised off-topic decline (an out-of-scope intent's answer)."""
    if reply.outcome is not Outcome.FALLBACK:
        return False
    return any(reply.html.startswith(i.answer) for i in content.of_kind(Kind.OUT_OF_SCOPE))


def _vocabulary(intent: Intent, *, with_answer: bool) -> set[str]:
    """The topic words of an intent's title and patterns, and of its answer if asked."""
    found: set[str] = set()
    texts = (intent.title, *intent.patterns, *((intent.answer,) if with_answer else ()))
    for text in texts:
        found |= topic_words(text)
    return found


def _distinctive_words(content: Content, intent: Intent, count: int = 3) -> list[str]:
    """The words of an intent's patterns that say most about it: frequent in its patterns,
    rare in other intents'."""
    return _distinctive_table(content).get(intent.id, [])[:count]


_DISTINCTIVE: dict[int, tuple[Content, dict[str, list[str]]]] = {}


def _distinctive_table(content: Content) -> dict[str, list[str]]:
    cached = _DISTINCTIVE.get(id(content))
    if cached is not None and cached[0] is content:
        return cached[1]
    uses: dict[str, dict[str, int]] = {}
    for intent in content.intents:
        counts: dict[str, int] = {}
        for pattern in intent.patterns:
            for word in set(words(pattern)) - STOPWORDS - QUESTION_WORDS - _VAGUE - _PRONOUNS:
                counts[word] = counts.get(word, 0) + 1
        uses[intent.id] = counts
    spread: dict[str, int] = {}
    for counts in uses.values():
        for word in counts:
            spread[word] = spread.get(word, 0) + 1
    table = {
        intent_id: sorted(counts, key=lambda w: (-counts[w] / spread[w], w))
        for intent_id, counts in uses.items()
    }
    if len(_DISTINCTIVE) > 4:
        _DISTINCTIVE.clear()
    _DISTINCTIVE[id(content)] = (content, table)
    return table


def _core_vocabulary(intent: Intent) -> set[str]:
    """The words that make a topic: its title's, and those two or more patterns share."""
    counts: dict[str, int] = {}
    for pattern in intent.patterns:
        for word in topic_words(pattern):
            counts[word] = counts.get(word, 0) + 1
    return topic_words(intent.title) | {w for w, n in counts.items() if n >= 2}


def _has_pronoun(text: str) -> bool:
    return any(w in _PRONOUNS for w in words(text))


def _replace_pronouns(text: str, subject: str) -> str:
    found = words(text)
    while len(found) > 1 and (found[0] in _LEADING_FILLER or found[0] in _FILLER):
        found = found[1:]
    return " ".join(subject if w in _PRONOUNS else w for w in found)


def _subject(content: Content) -> str | None:
    """What the content is about, as users name it: the word most article titles share."""
    counts: dict[str, int] = {}
    for intent in content.of_kind(Kind.ARTICLE):
        for word in set(words(intent.title)) - STOPWORDS - QUESTION_WORDS:
            counts[word] = counts.get(word, 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else None


def _related_order(content: Content, intent: Intent) -> Iterator[str]:
    """The intent's related article answers, nearest first.

    Only one level: the related answers of related answers drift off the topic.
    """
    for candidate in dict.fromkeys(intent.related):
        found = content.by_id.get(candidate)
        if candidate != intent.id and found is not None and found.kind is Kind.ARTICLE:
            yield candidate


@dataclass(frozen=True, slots=True)
class _AnswerIndex:
    """Finds the intent behind a bot message's text, by its answer or its title."""

    answers: tuple[tuple[str, str], ...]
    titles: tuple[tuple[str, str], ...]

    def find(self, text: str) -> str | None:
        flat = " ".join(words(text))
        if not flat:
            return None
        hits = [(len(key), i) for key, i in self.answers if key and key in flat]
        if hits:
            return max(hits)[1]
        # A title counts only where the bot names a topic (its "↪ about" line, or “…” in
        # "that's all" and "not covered" replies), not in a list such as /start's.
        prefix = re.escape(messages.CONTEXT_LINE.split("{topic}")[0].strip())
        for found in re.finditer(prefix + r"\s*([^\n]+)|“([^”]+)”", text):
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
    index = _AnswerIndex(
        answers=tuple(
            (" ".join(words(to_plain_text(i.answer))[:INDEXED_WORDS]), i.id) for i in answered
        ),
        titles=tuple((" ".join(words(i.title)), i.id) for i in answered),
    )
    if len(_INDEXES) > 4:  # a few content versions at most: reloads replace the old ones
        _INDEXES.clear()
    _INDEXES[id(content)] = (content, index)
    return index
