"""Decide what a question is about: answer, suggest, or fall back.

The package splits the work:

* `index`: a frozen `Index` over the intents' patterns, built once per content version;
* `typos`: `TypoCorrector`, the bounded, thread-safe typo memory;
* `safety`: `SafetyTriggers`, recognised before anything else and always winning;
* `scoring`: ranks the intents for one question (with `smalltalk`, whether a small-talk
  pattern fits the whole message);
* `decide`: thresholds turn the ranking into an outcome with a `Reason`;
* `semantic`: the paraphrase signal consulted when the words leave the outcome unsure;
* `web_posts` and `everyday_tasks`: headings and forum posts cut into parts, and tasks
  for an assistant told from questions;
* `word_senses`: domain words said in an everyday sense ("colon vs semicolon");
* `uncovered`: what a decline names as not in the article;
* `lexicon` and `one_edit`: general-English word frequencies, and one-edit lookups;
* `explain`: why a question got its outcome (`k2bot ask --explain`).

`Matcher` here is the facade the bot uses. Out-of-scope intents are matched like any
other and then decline, so near misses are data in the intent files, not special cases
here. Long messages are also scored sentence by sentence, so a greeting and back-story
cannot drown the question.
"""

from __future__ import annotations

import contextvars
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import InitVar, dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.intents import Content, Intent, Kind
from bot.matching import lexicon
from bot.matching.complaints import FAILING, complaint_reading
from bot.matching.decide import (
    MAX_SUGGESTIONS,
    Candidate,
    Match,
    Outcome,
    Reason,
    SemanticEvidence,
    SemanticLimits,
    Thresholds,
    decide,
    needs_second_look,
    promote,
)
from bot.matching.everyday_tasks import everyday_task
from bot.matching.index import Index
from bot.matching.main_content import (
    ASIDE_WORDS,
    WHAT_IT_IS,
    identity_asked,
    made_from_near_miss,
    mainly_elsewhere,
    read_as_tokens,
    without_topics_set_aside,
)
from bot.matching.runner_up import offer_under_decline
from bot.matching.safety import SafetyTriggers
from bot.matching.scoring import (
    DISTINCT_WORD,
    EVERYDAY_DOMAIN_ZIPF,
    NEAR_MISS_REACH,
    expand_fragments,
    gate,
    near_miss_terms,
    query_tokens,
    rank,
    settle_close_call,
)
from bot.matching.smalltalk import asks as smalltalk_asks
from bot.matching.smalltalk import emoji_meaning, remark_meaning, without_smalltalk
from bot.matching.typos import Respeller, TypoCorrector
from bot.matching.uncovered import (
    SUGGESTION_NAMING_ZIPF,
    hold_back_for_declined_topics,
    names_uncovered_topic,
)
from bot.matching.web_posts import (
    asks_to_choose,
    compared_pair,
    contrast_tail,
    heading_parts,
    part_asks,
    pointer_read_as,
    question_before_offers,
    separate_questions,
    without_page_marks,
)
from bot.matching.word_senses import everyday_senses
from bot.text import (
    AUXILIARY_VERBS,
    GENERIC_WORDS,
    MAX_MATCHED_CHARS,
    QUESTION_WORDS,
    RECENTLY_NORMALIZED,
    Normalizer,
    content_tokens,
    fold,
    stem,
)

if TYPE_CHECKING:
    from bot.matching.explain import Explanation
    from bot.matching.semantic import SemanticIndex

__all__ = [
    "LARGE_CONTENT",
    "MAX_SUGGESTIONS",
    "Candidate",
    "Match",
    "Matcher",
    "Outcome",
    "Reason",
    "SemanticLimits",
    "Thresholds",
]

# Content with more patterns than this is searched approximately, as a search engine does
# (see `bot.matching.scoring`); smaller content, the shipped intents included, exhaustively.
LARGE_CONTENT = 5_000
# The effect a question asks of the subject with nothing it would act on: "does k2 help",
# "is mk7 any good", "does it work", "worth it?" (see `Matcher._asks_only_whether_it_helps`).
_EFFECT_ALONE = frozenset(
    "help work good useful effective worth benefit helpful beneficial any".split()
)
# Where a long message is cut into sentences: end punctuation, or a comma before a new clause.
_SENTENCE_END = re.compile(
    r"[.!?;\n]+|,\s+(?=(?:but|so|and|can|does|is|will|should|what|why|how)\b)"
)
# The same cuts, kept in the split (sentences at even places, their marks at odd ones).
_SENTENCE_MARKS = re.compile(f"({_SENTENCE_END.pattern})")
# A question asking which vitamin does what the article says K2 does ("which vitamin do
# gut bacteria make", "what form of vitamin helps the elderly with osteoporosis"). One
# vitamin: "what vitamins should i take" asks for a list, not for K2.
_ASKS_WHICH_VITAMIN = re.compile(
    r"\W*(?:(?:so|and|but|ok|okay)\W+)?(?:what|which|whats|what's)\s+"
    r"(?:(?:kind|type|form|sort)\s+of\s+)?vitamin\b"
)
# "Vitamin K", the family's name, as the synonyms write it; K1 and K3 are other members.
_VITAMIN_K = "vitk"
_OTHER_K_VITAMINS = frozenset({"k1", "k3"})
# Words commoner than this in general English ("own", "thing", "right") ask nothing of
# their own beside "is k2 just vitamin k" (`Matcher._identity_asked`).
_EVERYDAY_ZIPF = 5.0
# Safety reads this much of a message, a Telegram message's most: the whole of what a
# user can send, where matching reads only a long message's start and end.
MAX_SAFETY_CHARS = 4096
# A greeting or thanks around a question is a few words ("thank you so much dear").
MAX_PLEASANTRY_WORDS = 6
# Messages longer than this many words are also scored sentence by sentence.
SEGMENTED_WORDS = 12
# Where a message's last clause starts: sentence ends and commas.
_CLAUSE_END = re.compile(r"[.!?;,\n]+")
# A run of Latin letters: the words `Respeller` knows and aims at.
_WORD = re.compile(r"[a-z]+")
# Where a message's sentences end (no commas).
_QUESTION_SENTENCE_END = re.compile(r"[.!?;\n]+")
# A sentence and the marks that end it ("?" tells a question).
# Where a page heading or a post breaks into parts: a spaced dash, a colon, a bar, a
# sentence end.
_HEADING_PARTS = re.compile(r"\s[-\u2013\u2014]+\s|[:|.!?;\n]+")
_MARKED_SENTENCE = re.compile(r"([^.!?;\n]+)([.!?;\n]*)")
# Words that point back at something named earlier in the message ("i keep seeing k2
# everywhere, what is that"): read as the subject the message named.
BACK_REFERENCES = frozenset(
    {"it", "its", "that", "thats", "this", "they", "them", "these", "those"}
)
# Words a yes/no question starts with ("does k2...", "is mk7..."): the auxiliaries, but not
# "am", which this list has never held ("am i..." is left to the words; unmeasured).
QUESTION_OPENERS = AUXILIARY_VERBS - {"am"}
SENTENCE_DISCOUNT = 0.95
# Words a question may open with before it asks ("but how does k2...", "so, is mk7...").
FILLER_OPENERS = frozenset(
    "but so and ok okay anyway well now then also honestly question quick basically".split()
)
# After statements, or beside a heading's label or hook, the one question's own reading
# outranks the whole message's (`_question_first`).
CONTEXT_DISCOUNT = 0.9


def _points_back(sentence: str, normalized: set[str]) -> bool:
    """Whether a sentence points back at something named earlier ("what even is it").

    As typed too: a synonym may have swallowed the pointer ("what even is it" ->
    "whatitis").
    """
    typed = {w.lower().strip("'\"?!.,-") for w in sentence.split()}
    return bool((normalized | typed) & BACK_REFERENCES)


def _without_fillers(sentence: str) -> str:
    """The sentence without the filler words it opens with ("but how does..." -> "how does...")."""
    typed = sentence.split()
    while typed and typed[0].lower().strip("'\"-:,") in FILLER_OPENERS:
        typed.pop(0)
    return " ".join(typed)


def _opener(sentence: str) -> str:
    """A sentence's first word as typed (lower-cased, punctuation stripped), fillers skipped."""
    for word in sentence.split():
        word = word.lower().strip("'\"-:,")
        if word and word not in FILLER_OPENERS:
            return word
    return ""


MAX_SENTENCES = 2


def _opens_as_question(sentence: str) -> bool:
    """Whether a sentence opens as a question ("does k2...", "so how...", "what is...").

    A question word further on is as often a conjunction ("...when i picked up calcium").
    """
    opener = _opener(sentence)
    return opener in QUESTION_OPENERS or opener in QUESTION_WORDS


# The message being matched, as typed, while `Matcher.match` reads it: a text ranked for
# it that a safety pattern may answer asks `SafetyTriggers.patterns_may_refer` with its
# words folded (see `Matcher.rank_normalized`). A context variable, so threads and tasks
# each have their own.
_MESSAGE_AS_TYPED: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "message_as_typed", default=None
)


@lru_cache(maxsize=8)
def _folded_words(message: str) -> tuple[str, ...]:
    """A message's words folded with no synonym rewritten.

    Folded only when a safety pattern is among a text's candidates, and once per message:
    folding a long message costs tens of microseconds, and most messages never need it.
    """
    return tuple(fold(message, limit=None).split())


def _message_as_typed() -> list[str] | None:
    """The words of the message `Matcher.match` is reading, as typed, or None."""
    message = _MESSAGE_AS_TYPED.get()
    words = _folded_words(message) if message is not None else ()
    return list(words) or None


@dataclass(slots=True)
class Matcher:
    """Matches one question at a time against one content version.

    Build it once per content version; it is not changed afterwards (the typo memory is
    internally locked), so a reload builds a new Matcher and swaps one reference.
    """

    content: Content
    thresholds: Thresholds = field(default_factory=Thresholds)
    # When the paraphrase signal may answer what the words alone leave unsure (keyword
    # only, so subclasses' positional fields are unchanged).
    semantic_limits: SemanticLimits = field(default_factory=SemanticLimits, kw_only=True)
    # A matcher over the same intents and synonyms (another language's view of them): its
    # normaliser and read safety triggers are shared rather than built again.
    like: InitVar[Matcher | None] = field(default=None, kw_only=True)
    normalizer: Normalizer = field(init=False)
    index: Index = field(init=False)
    typos: TypoCorrector = field(init=False)
    # Misspellings of the synonyms' words, respelt before normalising (`Respeller`).
    respeller: Respeller = field(init=False)
    safety: SafetyTriggers = field(init=False)
    # Every word some article intent's patterns use: what a decline does not name as
    # uncovered (`uncovered_phrases`).
    article_words: frozenset[str] = field(init=False)
    # What a question may complain is not working ("calcium"): see `bot.matching.complaints`.
    complaint_subjects: frozenset[str] = field(init=False)
    # Built on first use (`semantic_evidence`): numpy and the table stay out of cold starts.
    _semantic: SemanticIndex | None = field(init=False, repr=False)
    _semantic_lock: threading.Lock = field(init=False, repr=False)
    # `subject()`, worked out on first use (it counts postings; the index never changes).
    _subject: tuple[str | None] | None = field(init=False, repr=False)
    # The last texts' words as ranked (`_tokens`): a message's texts are read for their
    # words by ranking, the close-call check and the paraphrase signal alike.
    _recent_tokens: dict[str, tuple[tuple[str, ...], bool]] = field(init=False, repr=False)

    def __post_init__(self, like: Matcher | None) -> None:
        self._semantic = None
        self._semantic_lock = threading.Lock()
        self._subject = None
        self._recent_tokens = {}
        if like is not None and like.content.synonyms is self.content.synonyms:
            self.normalizer = like.normalizer
        else:
            self.normalizer = Normalizer(self.content.synonyms)
        # Patterns the other matcher normalised with this same normaliser are not read again.
        known = like.index if like is not None and like.normalizer is self.normalizer else None
        self.index = Index.build(
            self.content, self.normalizer, large_content=LARGE_CONTENT, like=known
        )
        self.typos = TypoCorrector(
            self.index.vocabulary,
            self.index.weights,
            aliases=self.normalizer.cyrillic_aliases(),
        )
        self.respeller = Respeller(
            lambda: _synonym_words(self.content) | _content_words(self.content, triggers=False),
            lambda: _content_words(self.content),
        )
        self.article_words = self.index.article_words
        self.complaint_subjects = _complaint_subjects(self.index)
        self.safety = SafetyTriggers(
            self.content,
            self.normalizer,
            subject=self.index.anchors,
            domain=self.index.domain,
            pattern_words=frozenset().union(
                *(self.index.intent_vocab.get(i.id, ()) for i in self.content.of_kind(Kind.SAFETY))
            ),
            article_words=frozenset().union(
                *(self.index.intent_vocab.get(i.id, ()) for i in self.content.of_kind(Kind.ARTICLE))
            ),
            like=like.safety if like is not None else None,
        )

    # -- public API ---------------------------------------------------------------------

    def match(self, question: str) -> Match:
        """Decide the outcome for one question. Never raises on user text."""
        # A safety pattern's leave to refer is read in the whole message as typed too:
        # the normaliser drops who takes it ("told me to take") and a synonym may swallow
        # an everyday sense ("on youtube") (see `SafetyTriggers.patterns_may_refer`).
        token = _MESSAGE_AS_TYPED.set(question)
        try:
            return self._match(question)
        finally:
            _MESSAGE_AS_TYPED.reset(token)

    def _match(self, question: str) -> Match:
        """`match`, with the message as typed set aside for the safety patterns."""
        normalized = self.normalizer.normalize(question)
        words = normalized.split()
        if not words:
            # A message of emoji alone ("👋", "🙏") is read as what it says, if small talk.
            said = emoji_meaning(question)
            if said is None:
                return Match(Outcome.FALLBACK, None, 0.0, reason=Reason.EMPTY)
            question, normalized = said, self.normalizer.normalize(said)
            words = normalized.split()
        safety = self.safety.find(self._safety_words(question, words), question)
        if safety is None:
            # Read as Russian in Latin letters, it may be Polish or Uzbek all the same.
            as_typed = self.normalizer.words_as_typed(question)
            if as_typed is not None:
                safety = self.safety.find(as_typed)
        if safety is not None:
            return Match(Outcome.ANSWER, safety, 100.0, reason=Reason.SAFETY_TRIGGER)
        # A short remark alone ("ok", "lol", "good bot", "useless", "test") is read as what
        # it says: its words are stopwords or tell nothing to the scorer.
        remark = remark_meaning(question, self.normalizer.normalize)
        if remark is not None:
            question, normalized = remark, self.normalizer.normalize(remark)
            words = normalized.split()
        # Links, forum names and a page's furniture (buttons, counts, tags, signatures) say
        # where a question was read, not what it asks: the rest is ranked (safety, above,
        # has read the whole message). Misspelt words inside the synonyms' phrases
        # ("brkoen bones") are respelt, so the synonyms read them (safety reads the
        # message as typed: its own typo rules).
        respelt = self.respeller.respell(without_page_marks(question, self._knows_tag))
        # Courtesies before the question and after it ("thanks! and does it help with
        # bone density?", "Good morning. ... What is it? Thank you.") are manners, not what
        # is asked: their words ("morning", "thanks") must not carry an answer or count
        # against one, nor keep the question from being the last sentence.
        # What is left is read alone; it is the reply when it asks something placed (an
        # answer, an offer or a decline), or asks the bot ("hello! are you a bot?"). Else
        # ("thanks, that helped", "hi, lol") the message may be small talk throughout,
        # read whole; courtesy words never carry an article answer, so the whole message
        # only answers as small talk.
        # The message, its pieces, its sentences and its last clause are often the same
        # text: each distinct text is ranked once per message.
        ranks: dict[str, list[Candidate]] = {}
        read = self.without_pleasantries(respelt, ranks)
        if read == respelt:
            return self._decided(respelt, words, ranks)
        alone = self._decided(read, words, ranks)
        if alone.outcome is Outcome.SUGGEST or (
            alone.intent is not None
            and (alone.intent.kind is not Kind.SMALLTALK or smalltalk_asks(read))
        ):
            return alone
        whole = self._decided(respelt, words, ranks)
        if whole.intent is not None and whole.intent.kind is Kind.SMALLTALK:
            return whole
        return alone

    def said_otherwise(self, question: str, normalized: str) -> str | None:
        """Why the question's domain words are all said in an everyday sense, or None.

        "colon vs semicolon" names the intestine only as punctuation, "mk4 vs mk7 golf"
        the forms only as a car's generations (`bot.matching.word_senses`). A question
        naming another domain term ("is k2 good for my gut, my gut feeling says yes")
        is read as usual.

        Args:
            question: the message as typed (or the part of it being read).
            normalized: its normalised form.

        Returns:
            The words and their senses, for `k2bot ask --explain` ("'colon' as
            punctuation"), or None when the question is read as usual.
        """
        senses = everyday_senses(question)
        if not senses:
            return None
        claimed = {
            token for sense in senses for token in self.normalizer.normalize(sense.word).split()
        }
        tokens, _ = expand_fragments(self.index, query_tokens(normalized, self.typos.correct))
        named = {token for token in tokens if token in self.index.domain}
        if not named or not named <= claimed:
            return None
        return "; ".join(dict.fromkeys(f"{s.word!r} as {s.sense}" for s in senses))

    def _knows_tag(self, tag: str) -> bool:
        """Whether a hashtag's word is one the intents use ("#k2", "#osteoporosis").

        A tag made of glued words ("#guthealth", "#healthtips") is none: it labels the
        post, and read as an unknown word it would count against the answer.
        """
        words = self.normalizer.normalize(tag).split()
        return len(words) == 1 and words[0] in self.index.weights

    def _safety_words(self, question: str, words: list[str]) -> list[str]:
        """The normalised words safety reads: the whole message, up to `MAX_SAFETY_CHARS`.

        Matching reads a long message's start and end only (`MAX_MATCHED_CHARS`); a risk
        told in the middle of a long post ("... I'm on warfarin since my stroke ...")
        must still be referred.
        """
        if len(question) <= MAX_MATCHED_CHARS:
            return words
        return self.normalizer.normalize(question, limit=MAX_SAFETY_CHARS).split() or words

    def _decided(self, question: str, words: list[str], ranks: dict[str, list[Candidate]]) -> Match:
        """`match` of a message already read for safety, remarks and courtesies.

        Args:
            question: the message, respelt, or what is left of it without its courtesies.
            words: the whole message's normalised words, for a question of none.
            ranks: the texts of this message ranked so far (see `_ranked`).
        """
        normalized = self.normalizer.normalize(question)
        words = normalized.split() or words
        ranked = self._with_parts_of(question, words, self._ranked(normalized, ranks), ranks)
        asked_for = self._subject_asked_for(question, normalized)
        if asked_for is not None:
            # Also read with the subject it asks for named: the facts asked about are K2's.
            ranked = self._with_clause(asked_for, ranked, ranks)
        identity = self._identity_asked(normalized)
        if identity is not None:
            # "is k2 just another name for vitamin k" asks what K2 is: read so alone, as
            # the family's name read with the rest would carry the other-vitamins decline.
            ranked = self._with_clause(identity, [], ranks)
        family = self._vitamin_k_as_subject(normalized, question)
        if family is not None:
            # "Vitamin K" asked about one of the article's own facts is asked about K2.
            ranked = self._with_clause(family, ranked, ranks)
        complaint = complaint_reading(words, self.complaint_subjects, self._kept_in_complaint)
        if complaint is not None:
            # "taking calcium but my bone density keeps going down" complains that the
            # calcium isn't working: read so too, the outcome it tells read away.
            ranked = self._with_clause(complaint, ranked, ranks)
        if everyday_task(question) is not None:
            # A task for an assistant names K2 or calcium only as the thing to buy, take
            # or spell: no article answer or offer (`bot.matching.everyday_tasks`).
            ranked = [c for c in ranked if c.intent.kind is not Kind.ARTICLE]
            decided = decide(ranked, self.thresholds)
            if decided.outcome is Outcome.ANSWER:
                return decided
            return replace(decided, reason=Reason.EVERYDAY_TASK)
        if self.said_otherwise(question, normalized) is not None:
            # Its only domain words are said in an everyday sense ("colon vs semicolon",
            # "mk4 vs mk7 golf"): no article answer or offer (`bot.matching.word_senses`).
            ranked = [c for c in ranked if c.intent.kind is not Kind.ARTICLE]
            decided = decide(ranked, self.thresholds)
            if decided.outcome is Outcome.ANSWER:
                return decided
            return replace(decided, reason=Reason.EVERYDAY_SENSE)
        # A runner-up explaining only part of what the leader explains is no rival; but in
        # a message of several questions ("K2 - what is it and where does it come from?")
        # the leader may only blur two of them, and each is read alone below.
        # (Settled first: it rarely changes anything, and telling the questions apart costs.)
        tokens, _ = self._tokens(normalized)
        settled = settle_close_call(self.index, tokens, ranked, self.thresholds)
        if settled is not ranked and separate_questions(question):
            settled = ranked
        decided = decide(settled, self.thresholds)
        if decided.outcome is not Outcome.ANSWER:
            clause = self._last_clause_named(question)
            if clause is not None:
                decided = decide(self._with_clause(clause, ranked, ranks), self.thresholds)
        if decided.outcome is not Outcome.ANSWER:
            pointed = self._pointer_as_subject(question, words)
            if pointed is not None:
                decided = decide(self._with_clause(pointed, ranked, ranks), self.thresholds)
        if decided.outcome is not Outcome.ANSWER and not _declined(decided):
            # Several questions, none of which the whole message answers ("Vitamin K2:
            # What Is It and Where Does It Come From?"): the first one answered alone is.
            first = self._first_question_answered(question, ranks)
            if first is not None:
                decided = first
        elif decided.intent is not None and decided.intent.kind is Kind.ARTICLE:
            declined = self._every_question_declined(question, ranks)
            if declined is not None:
                decided = declined
            else:
                decided = self._first_question_verbatim(question, decided, ranks) or decided
        if self.semantic_limits.enabled and needs_second_look(decided):
            evidence = self.semantic_evidence(normalized)
            if evidence is not None:
                evidence = self._with_main_content(normalized, evidence, decided)
                decided = promote(decided, evidence, self.semantic_limits)
        # A decline won on its one rare word, and the article answers the rest of the
        # question: that answer is offered under the decline ("natto" declined, "made in
        # the colon by bacteria" offered) (`bot.matching.runner_up`).
        offer = offer_under_decline(
            self.index,
            tokens,
            decided,
            self.thresholds,
            made_from=self._made_from(normalized, tokens, decided),
        )
        if offer is not None:
            decided = replace(decided, suggestions=(offer.intent,), offer=offer)
        return decided

    def _made_from(self, normalized: str, tokens: list[str], decided: Match) -> str | None:
        """The near-miss term a declined question names as what the subject is made from.

        Only read for a decline (`bot.matching.main_content.made_from_near_miss`).
        """
        if decided.outcome is not Outcome.FALLBACK or decided.reason is not Reason.OUT_OF_SCOPE:
            return None
        terms = near_miss_terms(self.index, set(tokens))
        if not terms:
            return None
        read = read_as_tokens(normalized.split(), self.typos.correct)
        return made_from_near_miss(self.index, read, terms)

    def warm_up(self) -> None:
        """Load now what a question would otherwise load on first use.

        The paraphrase signal's word vectors and pattern embeddings, the subject term
        (`subject`), every safety expression compiled (`SafetyTriggers.warm_up`), the
        word-frequency tables and the typo corrector's one-edit lookups: a long-running
        bot calls this at start (see `Responder.warm_up`) so no user's first question
        waits for them; a one-shot `k2bot ask` does not, and starts quicker for it.
        """
        self._semantic_index()
        self.subject()  # counted over the postings once (0.15 ms)
        self.safety.warm_up()
        lexicon.warm_up()
        self.typos.warm_up()
        self.respeller.warm_up()

    @property
    def semantic_ready(self) -> bool:
        """Whether the paraphrase signal is loaded (or known to be unavailable)."""
        from bot.matching import semantic

        return self._semantic is not None or semantic.unavailable()

    def _semantic_index(self) -> SemanticIndex | None:
        """The paraphrase signal's index, built on first use; None when the table is broken."""
        from bot.matching.semantic import SemanticIndex, WordVectorError, load_word_vectors

        with self._semantic_lock:
            if self._semantic is None:
                try:
                    vectors = load_word_vectors()
                except WordVectorError:
                    return None
                self._semantic = SemanticIndex.build(self.content, self.normalizer, vectors)
            return self._semantic

    def semantic_evidence(self, normalized: str) -> SemanticEvidence | None:
        """What the paraphrase signal says about an already-normalised question.

        The word vectors are read, and the patterns embedded, on first use. None when the
        shipped table is missing or damaged: the words alone decide then, and the problem
        is logged once per process (see `semantic.load_word_vectors`), so a broken install
        degrades the bot instead of failing every unsure question.
        """
        semantic = self._semantic_index()
        if semantic is None:
            return None
        tokens, _ = self._tokens(normalized)
        return semantic.evidence(self.index, tokens, normalized)

    def pattern_list(self) -> list[tuple[Intent, str]]:
        """Every (intent, pattern) in index order, for tools such as the confusability lint."""
        return [(p.intent, p.text) for p in self.index.patterns]

    def safety_intent_for(self, normalized: str) -> Intent | None:
        """The safety intent whose trigger appears in already-normalised text, if any."""
        return self.safety.find(normalized.split())

    def word_weight(self, token: str) -> float:
        """How much a normalised word tells intents apart; unknown words tell the most."""
        return self.index.weights.get(token, math.log(max(len(self.index.intent_vocab), 2)))

    def explain(self, question: str) -> Explanation:
        """Why `question` gets its outcome: words for and against, checks, thresholds."""
        from bot.matching.explain import explain

        return explain(self, question)

    def terms(self, text: str) -> frozenset[str]:
        """The content words of `text` as the matcher reads them.

        Normalised, stemmed and typos corrected: what `core_terms` and `intent_terms` are
        compared with.
        """
        return frozenset(query_tokens(self.normalizer.normalize(text), self.typos.correct))

    def intent_terms(self, intent_id: str) -> frozenset[str]:
        """Every content word of an intent's patterns (empty for an unknown intent)."""
        return self.index.intent_vocab.get(intent_id, frozenset())

    def core_terms(self, intent_id: str) -> frozenset[str]:
        """The terms an article intent is answered on (empty for other intents).

        A question naming none of them is at most offered the intent.
        """
        return self.index.core.get(intent_id, frozenset())

    def subject_terms(self) -> frozenset[str]:
        """The terms that name the article's subject ("k2", "mk7", "osteocalcin")."""
        return self.index.anchors

    def subject(self) -> str | None:
        """The subject term the most article patterns use ("k2").

        What users call the article's subject, to name it in a question that leaves it out
        ("and with d3?").
        """
        known = self._subject
        if known is None:
            usage = {
                term: sum(
                    1
                    for position in self.index.postings.get(term, ())
                    if self.index.patterns[position].intent.kind is Kind.ARTICLE
                )
                for term in self.index.anchors
            }
            # Threads may both work it out; the answer is the same.
            known = self._subject = (max(sorted(usage), key=usage.__getitem__) if usage else None,)
        return known[0]

    def rank(self, question: str, *, limit: int = 5) -> list[Candidate]:
        """The best-scoring distinct intents for a question, best first (no safety check)."""
        return self.rank_normalized(self.normalizer.normalize(question))[:limit]

    def rank_normalized(self, normalized: str, *, exclude: int | None = None) -> list[Candidate]:
        """Score every intent that shares a distinguishing word or the shape of the question.

        Args:
            normalized: the question after `Normalizer.normalize`.
            exclude: index of one pattern to leave out (the lint matches a pattern against
                all the others).
        """
        tokens, guess = self._tokens(normalized)
        ranked = rank(self.index, tokens, normalized, self.thresholds, exclude=exclude)
        if any(c.intent.kind is Kind.SAFETY for c in ranked) and not (
            self.safety.patterns_may_refer(normalized.split(), _message_as_typed())
        ):
            # Triggers refer on their own (`match`); loose pattern matches need a question
            # about taking something (see `SafetyTriggers.patterns_may_refer`).
            ranked = [c for c in ranked if c.intent.kind is not Kind.SAFETY]
        gated = gate(
            self.index,
            tokens,
            ranked,
            self.thresholds,
            guess=guess,
            normalized=normalized,
            correct=self.typos.correct,
        )
        # A topic only a decline names holds a close article answer back.
        ceiling = round((self.thresholds.accept + self.thresholds.suggest) / 2.0, 1)
        return hold_back_for_declined_topics(self, tokens, gated, ceiling)

    # -- internals ----------------------------------------------------------------------

    def _tokens(self, normalized: str) -> tuple[list[str], bool]:
        """The words `rank` reads in a normalised text, fragments expanded, and whether any was.

        `expand_fragments(query_tokens(...))`, remembered for the last few texts (a new
        list each time, so a reader may keep or change its own).
        """
        recent = self._recent_tokens
        known = recent.get(normalized)
        if known is None:
            tokens, guess = expand_fragments(
                self.index, query_tokens(normalized, self.typos.correct)
            )
            if len(recent) >= RECENTLY_NORMALIZED:
                recent.clear()  # threads may race here, and either result is right
            known = recent[normalized] = (tuple(tokens), guess)
        return list(known[0]), known[1]

    def _ranked(self, normalized: str, ranks: dict[str, list[Candidate]] | None) -> list[Candidate]:
        """`rank_normalized(normalized)`, remembered in `ranks` (one question's texts).

        The result is never changed by its readers, so one list serves every part.
        """
        if ranks is None:
            return self.rank_normalized(normalized)
        ranked = ranks.get(normalized)
        if ranked is None:
            ranked = ranks[normalized] = self.rank_normalized(normalized)
        return ranked

    def _with_main_content(
        self, normalized: str, evidence: SemanticEvidence, decided: Match
    ) -> SemanticEvidence:
        """`evidence`, told whether the question is mainly about something else.

        When the question is mainly about something its closest article intent doesn't
        address (`bot.matching.main_content`), the words held that intent back for it, and
        the vectors must not answer it all the same.
        """
        best = evidence.best
        if best is None or best.kind is not Kind.ARTICLE:
            return evidence
        tokens, _ = self._tokens(normalized)
        ranked = list(decided.candidates)
        # Whether a close decline explains the main word is asked again only of an intent
        # the words held back ("is k2 good for my hair"); of one they merely scored low,
        # only how the question's words are joined is asked (no rival to compare).
        candidate = next((c for c in ranked if c.intent.id == best.id), None)
        if candidate is None or not candidate.guess:
            candidate, ranked = Candidate(best, 0.0, ""), []
        why = mainly_elsewhere(
            self.index,
            tokens,
            normalized.split(),
            near_miss_terms(self.index, set(tokens)),
            candidate,
            ranked,
            NEAR_MISS_REACH,
            self.typos.correct,
        )
        return evidence if why is None else replace(evidence, elsewhere=why)

    def _last_clause_named(self, question: str) -> str | None:
        """The last clause with "it" or "that" read as the subject an earlier one names.

        "my husband bought k2, what's the point of it" -> "whats the point of k2"; an
        elliptical question after the subject is read the same way ("i'm new to k2. what
        are the benefits?" -> "what are the benefits k2"). A last sentence that is a whole
        question of its own comes back alone (`_final_question_sentence`); None when the
        message is shaped neither way.
        """
        raw = [c for c in _CLAUSE_END.split(question) if self.normalizer.normalize(c)]
        clauses = [self.normalizer.normalize(c) for c in raw]
        if len(clauses) < 2:
            return None
        anchors = self.subject_terms()
        asked = self._final_question_sentence(question, anchors)
        if asked is not None:
            return asked
        last = clauses[-1].split()
        # A synonym may swallow the question word ("what does it do" -> "benefit"): the
        # clause still asks if it did so as typed.
        typed = raw[-1].split()
        asks = last[0] in QUESTION_WORDS or (
            bool(typed) and typed[0].lower().strip("'\"") in QUESTION_WORDS
        )
        earlier = {w for clause in clauses[:-1] for w in clause.split()}
        subject = self.subject()
        if subject is None or not _names_a_subject(earlier, anchors) or set(last) & anchors:
            return None
        if not BACK_REFERENCES & set(last) and _points_back(raw[-1], set(last)):
            # A synonym swallowed the pointer ("what is it supposed to do" -> "benefit"):
            # the clause still asks about what an earlier clause named.
            return " ".join([*last, subject])
        if not BACK_REFERENCES & set(last):
            # An elliptical question ("my husband wants us on k2. what are the
            # advantages?") asks about the subject named before it, as "it" would.
            # Only when an earlier sentence named the subject: after a comma in the same
            # sentence the clause is an aside ("trekking to k2 base camp, how many days").
            sentences = [c for c in _QUESTION_SENTENCE_END.split(question) if c.strip()]
            final = set(self.normalizer.normalize(sentences[-1]).split())
            if (
                len(sentences) > 1
                and not final & anchors
                and asks
                and not set(last) & self.index.domain
                and self._asks_only_known_words(clauses[-1])
            ):
                return " ".join([*last, subject])
            return None
        # A clause asks of its own when it names a distinguishing word of the intents
        # ("what does it do", "is it good for bones"); a word no intent uses does not count.
        if last[0] in QUESTION_OPENERS and not self._names_besides_subject(
            clauses[-1], unknown_words=False
        ):
            # "k2 goes right through your veins into the bone, is that actually what
            # happens?": a yes/no clause that asks nothing but whether the earlier ones
            # are so points at their claim, not at the subject ("is k2 what happens");
            # "what is that" does ask about the subject.
            return None
        return " ".join(subject if w in BACK_REFERENCES else w for w in last)

    def _final_question_sentence(self, question: str, anchors: frozenset[str]) -> str | None:
        """The message's last sentence (or clause), normalised, when it is a question of its own.

        Back-story before a whole question ("I'm 72. What is vitamin K2?") only blurs its
        shape: the question is also read alone. Only a last sentence that asks (a question
        mark, or a question word or auxiliary first; after a comma, only the latter),
        names the subject itself and points back at nothing earlier ("can k2 help with
        that" leans on what came before).
        """
        for split, marked in ((_QUESTION_SENTENCE_END, True), (_CLAUSE_END, False)):
            parts = [s for s in split.split(question) if s.strip()]
            if len(parts) < 2:
                continue
            final = self.normalizer.normalize(parts[-1])
            words = set(final.split())
            if not words & anchors or _points_back(parts[-1], words):
                continue
            opener = _opener(parts[-1])
            # After a comma only a clause that opens as a question is one of its own.
            if opener in QUESTION_WORDS | QUESTION_OPENERS or (
                marked and question.rstrip().endswith("?")
            ):
                return final
        return None

    def _asks_only_known_words(self, clause: str) -> bool:
        """Whether the clause asks something, all in words some intent uses ("benefits").

        So an unrelated question after a mention of K2 ("what should i pack") stays one.
        """
        asked = [w for w in content_tokens(clause) if w not in QUESTION_WORDS]
        return bool(asked) and all(w in self.index.weights for w in asked)

    def _with_clause(
        self,
        clause: str,
        ranked: list[Candidate],
        ranks: dict[str, list[Candidate]] | None = None,
    ) -> list[Candidate]:
        """`ranked` with the clause's own candidates, discounted as a sentence's are."""
        return self._with_parts(ranked, [clause], ranks)

    def _with_parts_of(
        self,
        question: str,
        words: list[str],
        ranked: list[Candidate],
        ranks: dict[str, list[Candidate]] | None = None,
    ) -> list[Candidate]:
        """`ranked` (the whole message's) with what its parts say on their own.

        A long message's last sentences are scored too, so back-story can't drown the
        question; after statements, a last sentence that asks about the subject on its
        own is what the message asks: the whole message's candidates, which the
        statements' words may have carried, are then discounted below it.
        """
        found = self._asked_after_statements(question)
        if len(words) > SEGMENTED_WORDS or self._question_then_remarks(question):
            # A question after statements is read on its own in full below: its sentence
            # need not also be read as one, discounted.
            read_first = found[0] if found is not None and not found[1] else None
            ranked = self._with_sentences(question, ranked, ranks, read_first)
        parts = heading_parts(question)
        if parts:
            ranked = self._with_heading(parts, ranked, ranks)
        offered = question_before_offers(question)
        if offered is not None:
            # "What is K2 good for? Bones? Calcium? Both?": the offers are not the question.
            ranked = self._question_first(self.normalizer.normalize(offered), ranked, ranks)
        compared = self._comparison(question)
        if compared is not None:
            ranked = self._question_first(compared, ranked, ranks)
        contrasted = self._without_contrast(question)
        if contrasted is not None:
            ranked = self._with_parts(ranked, [contrasted], ranks)
        if not ASIDE_WORDS.isdisjoint(words):
            kept = self._without_topics_set_aside(question)
            if kept is not None:
                ranked = self._with_parts(ranked, [kept], ranks)
        if found is None:
            return ranked
        asked, remarks_after = found
        if remarks_after:
            # What follows the question may narrow it ("would k2 be good for me? i'm 60
            # and have osteopenia"): the question counts as a sentence, not above the rest.
            return self._with_parts(ranked, [asked], ranks)
        return self._question_first(asked, ranked, ranks)

    def _question_then_remarks(self, question: str) -> bool:
        """Whether a message asks one question ("?"), then remarks on it in passing.

        "Can someone explain what K2 actually is? Half this sub seems to take it.": a forum
        title and its one-line remark, short as they are, are read sentence by sentence
        too, so the remark's words ("half", "sub") cannot hold the answer back. Not when
        the remark names a topic the article leaves out ("is k2 good for you? my dentist
        mentioned gum disease" asks about gums), nor a term an article answer rests on
        (`Index.core`): "what are the benefits of k2? more on the bone part" narrows the
        question to bones. Where they met it ("saw it on my mum's tablets") is no topic.
        """
        marked = [
            (m.group(1), "?" in m.group(2))
            for m in _MARKED_SENTENCE.finditer(question)
            if m.group(1).strip()
        ]
        asking = [n for n, (_, asks) in enumerate(marked) if asks]
        if len(marked) < 2 or len(asking) != 1 or asking[0] == len(marked) - 1:
            return False
        remarks = " ".join(sentence for sentence, asks in marked if not asks)
        said = set(query_tokens(self.normalizer.normalize(remarks), self.typos.correct))
        topics = self.index.anchors.union(*self.index.core.values())
        return not (
            said & topics or names_uncovered_topic(self, remarks, rarer_than=SUGGESTION_NAMING_ZIPF)
        )

    def _without_contrast(self, question: str) -> str | None:
        """The message without what it contrasts the subject's effect with, normalised.

        "does k2 direct calcium into bone instead of elsewhere": the question is where K2
        sends calcium; "elsewhere" (or "the arteries") is only the contrast, and counts
        against the answer read whole. Only when the rest names the subject and the
        contrast does not: "can i eat natto instead of taking k2" asks about the exchange.
        None otherwise.
        """
        found = contrast_tail(question)
        if found is None:
            return None
        kept, contrast = found
        anchors = self.subject_terms()
        kept_words = set(self.normalizer.normalize(kept).split())
        if not kept_words & anchors or set(self.normalizer.normalize(contrast).split()) & anchors:
            return None
        return self.normalizer.normalize(kept)

    def _comparison(self, question: str) -> str | None:
        """The two things a message compares ("MK-7 vs MK-4"), normalised, if both are K2's.

        "MK-7 vs MK-4 for bone health: which is better?" asks about the forms: read whole,
        its purpose ("bone health") outweighs them. Only when the rest asks to choose
        (`web_posts.asks_to_choose`): "where does the body make mk4 vs mk7" asks where
        each is made. Both sides must name the subject or a
        specific term of the article (rarer than `EVERYDAY_DOMAIN_ZIPF`: "d3", "calcium";
        not "bone"), and the rest of the message must name no topic the article leaves
        out ("MK-7 vs MK-4 half-life: which lasts longer?"), nor a word only the declines
        use ("which is cheaper?", "which brand is best?"). None otherwise.
        """
        pair = compared_pair(question)
        if pair is None:
            return None
        first, second, rest = pair
        if not asks_to_choose(rest) or not all(map(self._names_a_specific_term, (first, second))):
            return None
        if names_uncovered_topic(self, rest, rarer_than=SUGGESTION_NAMING_ZIPF):
            return None
        # "MK-7 vs MK-4: which is cheaper?" asks a price, as "which is cheaper, mk4 or
        # mk7" does: a word only the declines use chooses by what the article leaves out.
        asked = query_tokens(self.normalizer.normalize(rest), self.typos.correct)
        if not self.index.out_of_scope_words.isdisjoint(asked):
            return None
        return self.normalizer.normalize(f"{first} vs {second}")

    def _names_a_specific_term(self, text: str) -> bool:
        """Whether text names the subject or a domain term rarer than everyday words."""
        tokens = query_tokens(self.normalizer.normalize(text), self.typos.correct)
        return any(
            t in self.index.anchors
            or (
                t in self.index.domain
                and not t.isdigit()
                and lexicon.zipf(t) < EVERYDAY_DOMAIN_ZIPF
            )
            for t in tokens
        )

    def _without_topics_set_aside(self, question: str) -> str | None:
        """The normalised message without the topics it sets aside, or None if it sets none.

        "So what is K2 good for, besides being in every D3 bottle?" asks about K2's
        benefits: D3 is set aside (`main_content.without_topics_set_aside`, clause by
        clause), so its words neither count against the benefits nor pass for the topic.
        """
        clauses = [self.normalizer.normalize(c).split() for c in _CLAUSE_END.split(question)]
        whole = [w for clause in clauses for w in clause]
        kept = [w for clause in clauses for w in without_topics_set_aside(clause)]
        if not kept or len(kept) == len(whole):
            return None
        return " ".join(kept)

    def _question_first(
        self,
        asked: str,
        ranked: list[Candidate],
        ranks: dict[str, list[Candidate]] | None = None,
    ) -> list[Candidate]:
        """`ranked` discounted below what the message's one question says on its own.

        The whole message's candidates count `CONTEXT_DISCOUNT` of their score, the
        normalised question's (small talk aside) in full, the best kept per intent.
        """
        # A discounted candidate no longer stands for the question exactly.
        best = {
            c.intent.id: Candidate(
                c.intent, round(c.score * CONTEXT_DISCOUNT, 1), c.pattern, False, c.guess
            )
            for c in ranked
        }
        for candidate in self._ranked(asked, ranks):
            if candidate.intent.kind is Kind.SMALLTALK:
                continue
            current = best.get(candidate.intent.id)
            if current is None or candidate.score > current.score:
                best[candidate.intent.id] = candidate
        return sorted(best.values(), key=lambda c: (c.score, c.exact), reverse=True)

    def _with_heading(
        self,
        parts: list[str],
        ranked: list[Candidate],
        ranks: dict[str, list[Candidate]] | None = None,
    ) -> list[Candidate]:
        """`ranked` with what a heading's parts say on their own (see `web_posts.heading_parts`).

        A part that leaves the subject out leans on the part that names it: it is read with
        the subject only when that part names nothing else ("Vitamin K2 - Where Does It
        Come From?"); "Vitamin K2 and Arteries: Where Does the Calcium Go?" asks about
        arteries, which only the whole message says, so such a part is not read alone.
        When one part asks and the others don't, it is the question and the rest a label
        or a hook ("What Is Vitamin K2? | Bone Health Explained", "Quick q - does K2 help
        bones?"): its candidates outrank the whole message's. Otherwise every part counts
        as a sentence would: "Vitamin K2 and Osteocalcin: The Missing Link in Calcium
        Metabolism" is about what its head names.
        """
        anchors = self.subject_terms()
        subject = self.subject()
        normalized = [self.normalizer.normalize(part) for part in parts]
        naming = [text for text in normalized if _names_a_subject(text.split(), anchors)]
        only_the_subject = bool(naming) and not any(map(self._names_besides_subject, naming))
        read: list[tuple[bool, str]] = []
        leaning_question = False
        # "Vitamin K2: The Missing Link for Calcium": a part that only names the subject
        # is the title's label when another part names something the intents know; read
        # alone it would be "what is vitamin K2".
        labelled = any(map(self._names_a_known_topic, normalized))
        for part, text in zip(parts, normalized, strict=True):
            words = set(text.split())
            if not words:
                continue
            if labelled and not part_asks(part) and self._only_names_the_subject(text):
                continue
            if not words & anchors:
                if not only_the_subject or subject is None:
                    leaning_question = leaning_question or part_asks(part)
                    continue
                if words & BACK_REFERENCES:
                    text = " ".join(subject if w in BACK_REFERENCES else w for w in text.split())
                else:
                    text = f"{text} {subject}"
            read.append((part_asks(part), text))
        asking = [text for question, text in read if question]
        claims = self._claim_checked(parts, normalized)
        if claims is not None:
            # "D3 is the loader and K2 the navigator - is that analogy right?": the
            # question only asks whether the head is so; the head is what it asks about.
            return self._question_first(claims, ranked, ranks)
        if leaning_question and not asking:
            # "K2 and calcium: will it clog my arteries?": the head is what the question
            # is about, not a question of its own; the whole message is the question.
            return ranked
        if len(asking) != 1 or (len(read) < 2 and len(parts) < 2):
            return self._with_parts(ranked, [text for _, text in read], ranks)
        if any(
            names_uncovered_topic(self, part, rarer_than=SUGGESTION_NAMING_ZIPF)
            for part in parts
            if not part_asks(part)
        ):
            # "Natto vs Cheese: Which Has More Vitamin K2?": the label names what the
            # question asks about, a topic the article leaves out; the whole message is read.
            return ranked
        if self._asks_only_whether_it_helps(asking[0]) and any(
            self._names_besides_subject(text)
            for part, text in zip(parts, normalized, strict=True)
            if not part_asks(part)
        ):
            # "Hair loss - does K2 help?", "Night cramps: is mk7 any good?": the question
            # asks only whether the subject helps, and what with is the head's topic,
            # which only the whole message says.
            return ranked
        return self._question_first(asking[0], ranked, ranks)

    def _asks_only_whether_it_helps(self, normalized: str) -> bool:
        """Whether normalised text asks only whether the subject helps or works.

        "does k2 help", "is mk7 any good", "does it work": the subject's names, question
        words and the effect asked (`_EFFECT_ALONE`), nothing else.
        """
        anchors = self.subject_terms()
        tokens = [
            t for t in content_tokens(normalized) if t not in anchors and t not in QUESTION_WORDS
        ]
        return bool(tokens) and all(t in _EFFECT_ALONE for t in tokens)

    def _claim_checked(self, parts: list[str], normalized: list[str]) -> str | None:
        """The claim a heading's last part only asks to check, normalised, or None.

        "D3 is the loader and K2 the navigator for calcium - is that analogy right?",
        "K2 pulls calcium out of arteries | true or not?": the last part asks, leaves the
        subject out, opens as a yes/no question or is a question of two words at most,
        and names nothing to ask about of its own ("true", "right", "analogy":
        `_names_besides_subject`); the parts before it tell something of the subject and
        don't ask. They are what the question is about.
        """
        if len(parts) < 2 or not part_asks(parts[-1]):
            return None
        anchors = self.subject_terms()
        last = normalized[-1].split()
        if (
            not last
            or set(last) & anchors
            or self._names_besides_subject(normalized[-1], unknown_words=False)
        ):
            return None
        if last[0] not in QUESTION_OPENERS and len(content_tokens(normalized[-1])) > 2:
            return None
        head = parts[:-1]
        if any(map(part_asks, head)):
            return None
        claim = " ".join(normalized[:-1])
        if not _names_a_subject(claim.split(), anchors):
            return None
        return claim

    def _names_a_known_topic(self, normalized: str) -> bool:
        """Whether normalised text names a distinguishing word of the intents ("calcium")."""
        weights = self.index.weights
        return any(
            t not in QUESTION_WORDS
            and t not in GENERIC_WORDS
            and t not in self.index.chatter
            and weights.get(t, 0.0) >= DISTINCT_WORD
            for t in content_tokens(normalized)
        )

    def _only_names_the_subject(self, normalized: str) -> bool:
        """Whether normalised text names the subject and nothing else ("vitamin k2").

        Its words are all domain terms that many intents share ("k2", "vitamin"); a
        specific term ("osteocalcin", "mk7") is a topic of its own, and any other word
        says something of the subject ("Vitamin K2 explained").
        """
        weights = self.index.weights
        words = content_tokens(normalized)
        if len(words) != len(normalized.split()):
            return False  # a word the tokens leave out ("tell" for "explained") says more
        return bool(words) and all(
            (t in self.index.domain or t in self.index.anchors)
            and weights.get(t, DISTINCT_WORD) < DISTINCT_WORD
            for t in words
        )

    def _names_besides_subject(self, normalized: str, *, unknown_words: bool = True) -> bool:
        """Whether normalised text names something besides the subject ("vitamin k2 arteries").

        Something is a distinguishing word of the intents (as `DISTINCT_WORD`), not the
        subject's name, a question word, a generic word or small talk. "is that true", "is
        that actually what happens" name nothing.

        Args:
            normalized: the normalised text.
            unknown_words: whether a word no intent uses counts (it is what the article may
                not cover); False asks only for the intents' own words.
        """
        anchors = self.subject_terms()
        weights = self.index.weights
        unknown_weight = DISTINCT_WORD if unknown_words else 0.0
        return any(
            t not in anchors
            and t not in QUESTION_WORDS
            and t not in GENERIC_WORDS
            and t not in self.index.chatter
            and weights.get(t, unknown_weight) >= DISTINCT_WORD
            for t in content_tokens(normalized)
        )

    def _first_question_answered(
        self, question: str, ranks: dict[str, list[Candidate]] | None = None
    ) -> Match | None:
        """The outcome of the first of a message's several questions answered on its own.

        "Few questions: 1) what is it 2) where does it come from", "Vitamin K2: What Is It
        and Where Does It Come From?" (`web_posts.separate_questions`): read whole, the
        questions blur into a "did you mean"; read one by one, each is clear, and the
        first the article answers is what the reply gives. A question that leaves the
        subject out ("where does it come from") is read with the subject the message named
        before it; one whose message named no subject before it is not read. None when
        the message holds fewer than two questions, or none is answered from the article.
        """
        questions = separate_questions(question)
        subject = self.subject()
        if not questions or subject is None:
            return None
        for start, asked in questions:
            text = self._question_read_alone(asked, question[:start], subject)
            if text is None:
                continue
            decided = decide(self._ranked(text, ranks), self.thresholds)
            if (
                decided.outcome is Outcome.ANSWER
                and decided.intent is not None
                and decided.intent.kind is Kind.ARTICLE
            ):
                return decided
        return None

    def _first_question_verbatim(
        self, question: str, decided: Match, ranks: dict[str, list[Candidate]] | None = None
    ) -> Match | None:
        """The first question's answer when it is asked as an article pattern is, word for word.

        "What is vitamin K2 and how does it work in bone?", "What is vitamin K2 and why
        haven't I heard of it before?": the first question is one the article answers
        exactly ("what is vitamin k2"); read whole, the words the second adds ("how",
        "work", "bone", "why") outweigh it and pick another answer. Asked verbatim, the
        first question is what the asker wants answered first: its answer is given. None
        when the message holds fewer than two questions, the first is not exactly a
        pattern of an article intent, or the whole message already gets that answer.
        """
        if " and " not in question.lower() and question.count("?") < 2:
            return None  # cheap: joined questions say "and", or end in "?" each
        questions = separate_questions(question)
        if not questions:
            return None
        # As typed: a pointer read as the subject a heading names ("Vitamin K2 MK-7: What
        # It Is and Why Seniors Need It") is a title's phrasing, not a question verbatim.
        first = decide(
            self._ranked(self.normalizer.normalize(questions[0][1]), ranks), self.thresholds
        )
        if (
            first.outcome is Outcome.ANSWER
            and first.intent is not None
            and first.intent.kind is Kind.ARTICLE
            and first.intent is not decided.intent
            and first.candidates
            and first.candidates[0].exact
        ):
            return first
        return None

    def _every_question_declined(
        self, question: str, ranks: dict[str, list[Candidate]] | None = None
    ) -> Match | None:
        """The first question's decline when each of a message's questions is declined alone.

        "Does magnesium help calcium absorption too? Everyone talks about D3 and K2 but
        what about magnesium?": read whole, the words of the remark between the questions
        ("D3 and K2") carry an answer neither question asks for; read one by one, both
        ask about magnesium, which the article leaves out. None when the message holds
        fewer than two questions, or one of them is not declined by name (an out-of-scope
        intent) when read alone with the subject it leans on.
        """
        if question.count("?") < 2 and "\n" not in question:
            return None  # cheap: several questions end in "?" or stand on lines of their own
        questions = separate_questions(question)
        subject = self.subject()
        if not questions or subject is None:
            return None
        first: Match | None = None
        for start, asked in questions:
            text = self._question_read_alone(asked, question[:start], subject)
            if text is None:
                text = self.normalizer.normalize(asked)
            decided = decide(self._ranked(text, ranks), self.thresholds)
            if not _declined(decided):
                return None
            first = first or decided
        return first

    def _question_read_alone(self, asked: str, before: str, subject: str) -> str | None:
        """One of several questions normalised, with the subject it leans on named.

        A question that names the subject is read as it is; one that leaves it out, or
        names it only by pointing ("what is it", "where does it come from"), is read with
        the subject the message named `before` it, in place of the pointer or after the
        question. None when neither it nor the text before it names the subject (a pointer
        there names nothing: "what is it and where does it come from" asks about nothing
        named).
        """
        anchors = self.subject_terms()
        typed = _without_fillers(asked).split()
        unpointed = [w for w in typed if _bare(w) not in BACK_REFERENCES]
        if set(self.normalizer.normalize(" ".join(unpointed)).split()) & anchors:
            return self.normalizer.normalize(" ".join(typed)) or None
        named_before = " ".join(w for w in before.split() if _bare(w) not in BACK_REFERENCES)
        # A figure the article gives ("87") is no subject a pointer can stand for: "'cuts
        # fracture risk by 87%' - where does it come from?" asks where the claim comes from.
        if not _names_a_subject(self.normalizer.normalize(named_before).split(), anchors):
            return None
        if len(unpointed) < len(typed):
            return self.normalizer.normalize(
                " ".join(subject if _bare(w) in BACK_REFERENCES else w for w in typed)
            )
        return f"{self.normalizer.normalize(' '.join(typed))} {subject}"

    def _pointer_as_subject(self, question: str, words: list[str]) -> str | None:
        """The message with the "this" it asks about read as the subject, normalised.

        On a product page, or to a bot about one subject, "does this help calcium absorb
        better?" asks about that subject (see `web_posts.pointer_read_as`). Only for a
        message that names no subject term but speaks of the article's domain, so "does
        this work on windows" stays unanswered.
        """
        subject = self.subject()
        anchors = self.subject_terms()
        said = set(words)
        if subject is None or said & anchors or not said & (self.index.domain - anchors):
            return None
        topics = self.index.domain - anchors

        def names_a_topic(word: str) -> bool:
            return bool(set(self.normalizer.normalize(word).split()) & topics)

        read = pointer_read_as(question, subject, names_a_topic)
        return None if read is None else self.normalizer.normalize(read)

    def without_pleasantries(
        self, question: str, ranks: dict[str, list[Candidate]] | None = None
    ) -> str:
        """The message without the small talk it opens or closes with.

        See `bot.matching.smalltalk.without_smalltalk`; a piece is small talk when, read
        alone, small talk answers it (`_is_pleasantry`). `ranks` remembers the texts of one
        message ranked so far (see `_ranked`), so a piece the message is later read by is
        ranked once.
        """
        return without_smalltalk(question, lambda piece: self._is_pleasantry(piece, ranks))

    def _is_pleasantry(self, sentence: str, ranks: dict[str, list[Candidate]] | None) -> bool:
        """Whether a short sentence, read alone, is answered as small talk.

        One naming the article's domain is not read (it is no pleasantry, and a question
        sentence is read once, with the message).
        """
        normalized = self.normalizer.normalize(sentence)
        words = normalized.split()
        if len(words) > MAX_PLEASANTRY_WORDS or any(
            w in self.index.domain or w in self.index.anchors for w in content_tokens(normalized)
        ):
            return False
        decided = decide(self._ranked(normalized, ranks), self.thresholds)
        return (
            decided.outcome is Outcome.ANSWER
            and decided.intent is not None
            and decided.intent.kind is Kind.SMALLTALK
        )

    def _subject_asked_for(self, question: str, normalized: str) -> str | None:
        """The question with the subject it asks for named, normalised, or None.

        "which vitamin works with d3 to help calcium", "what form of vitamin is best for
        the elderly with osteoporosis": the answer asked for is the article's subject, told
        by the article's own facts. Only a question that opens so, names no subject term
        and names a specific term of the article (rarer than `EVERYDAY_DOMAIN_ZIPF`:
        "d3", "osteoporosis", "intestine"; not "bone" or "vitamin", so "what vitamin is
        good for bones" stays a question about vitamins in general).
        """
        subject = self.subject()
        if subject is None or not _ASKS_WHICH_VITAMIN.match(question.lower()):
            return None
        tokens = set(query_tokens(normalized, self.typos.correct))
        if tokens & self.subject_terms():
            return None
        if not any(
            t in self.index.domain and not t.isdigit() and lexicon.zipf(t) < EVERYDAY_DOMAIN_ZIPF
            for t in tokens
        ):
            return None
        return f"{normalized} {subject}"

    def _vitamin_k_as_subject(self, normalized: str, question: str = "") -> str | None:
        """The question with "vitamin K" read as the subject, normalised, or None.

        People say "vitamin K" for the family K2 belongs to: "what is osteocalcin and why
        does it need vitamin K", "do gut microbes make vitamin k". Said beside a domain word
        that only article patterns use ("osteocalcin", "bacteria", "fracture"; not
        "deficiency" or "food", which declines use), the facts asked about are K2's, so the
        question is also read with K2 in its place (discounted as a sentence is). Not when
        K2, K1 or K3 is named as well ("is K2 just another name for vitamin K"): that
        compares the vitamins, which the other-vitamins decline answers; nor "what is
        vitamin k" alone. K2 named too is read so only when no part of the message
        (`question`, split at its heading breaks and sentence ends) names both: a page
        heading names the family and its question K2 ("Vitamin K benefits hip fractures -
        does K2 speed up recovery?"), the same vitamin, not a comparison.
        """
        subject = self.subject()
        words = normalized.split()
        if subject is None or _VITAMIN_K not in words:
            return None
        tokens = set(query_tokens(normalized, self.typos.correct))
        if tokens & _OTHER_K_VITAMINS:
            return None
        if subject in tokens and not self._named_apart(question, subject):
            return None
        if not any(t != _VITAMIN_K and self._names_a_fact(t) for t in tokens):
            return None
        return " ".join(subject if w == _VITAMIN_K else w for w in words)

    def frames_read(self, normalized: str, question: str = "") -> tuple[str, ...]:
        """What a question's frames also read it as, for `k2bot ask --explain`.

        "is k2 just another name for vitamin k" → "what K2 is: 'is k2 whatitis just'";
        "taking calcium but my bone density keeps going down" → "a complaint: 'calcium
        useless'" (the readings `_decided` ranks beside the whole question's).
        """
        words = normalized.split()
        found = (
            ("what K2 is", self._identity_asked(normalized)),
            ("vitamin K as K2", self._vitamin_k_as_subject(normalized, question)),
            (
                "a complaint",
                complaint_reading(words, self.complaint_subjects, self._kept_in_complaint),
            ),
        )
        return tuple(f"{label}: {reading!r}" for label, reading in found if reading is not None)

    def _named_apart(self, question: str, subject: str) -> bool:
        """Whether "vitamin K" and `subject` are named only in different parts of `question`.

        Parts are split at heading breaks (" - ", ":", "|") and sentence ends: "Vitamin K
        benefits hip fractures - does K2 speed up recovery?" names them apart; "is vitamin
        K the same as K2", "vitamin K vs K2" name them together (a comparison).
        """
        parts = [self.normalizer.normalize(p).split() for p in _HEADING_PARTS.split(question)]
        family = [n for n, p in enumerate(parts) if _VITAMIN_K in p]
        named = [n for n, p in enumerate(parts) if subject in p]
        return bool(family) and bool(named) and not set(family) & set(named)

    def _identity_asked(self, normalized: str) -> str | None:
        """The question read as "what is K2", when it asks whether K2 is vitamin K.

        "is k2 just another name for vitamin k", "is k2 basically the same thing as
        vitamin k": K2 named first, the family after it (`main_content.identity_asked`).
        "Is vitamin K the same as K2" asks about vitamin K, and "what's the difference
        between vitamin K and K2" compares them: both stay declined, as does any question
        naming K1 or K3.
        """
        subject = self.subject()
        words = normalized.split()
        if subject is None or _VITAMIN_K not in words or subject not in words:
            return None
        if set(words) & _OTHER_K_VITAMINS:
            return None
        reading = identity_asked(words, subject, _VITAMIN_K)
        if reading is None:
            return None
        # Only when that is all it asks: "is k2 a kind of vitamin k that helps the heart",
        # "... right? what foods have it" ask about the heart and foods. What is left may
        # be everyday words no intent uses ("or its own thing"), nothing else.
        rest = set(query_tokens(reading, self.typos.correct)) - {subject, WHAT_IT_IS}
        if any(t in self.index.weights or lexicon.zipf(t) < _EVERYDAY_ZIPF for t in rest):
            return None
        return reading

    def _names_a_fact(self, term: str) -> bool:
        """Whether `term` names one of the article's facts, beside "vitamin K".

        A domain word only article patterns use ("osteocalcin", "bacteria"), or a term an
        article answer is answered on that is no everyday word ("calcium", "d3": "does
        vitamin K help calcium absorption" asks the article's fact with the family's name;
        not "bone" or "vitamin").
        """
        if self._article_only(term):
            return True
        return (
            term in self.index.domain
            and not term.isdigit()
            and lexicon.zipf(term) < EVERYDAY_DOMAIN_ZIPF
            and any(term in core for core in self.index.core.values())
        )

    def _kept_in_complaint(self, word: str) -> bool:
        """Whether a complaint's reading keeps `word`: an article term or a question word."""
        return word in QUESTION_WORDS or stem(word) in self.index.domain

    def _article_only(self, term: str) -> bool:
        """Whether `term` is a domain word only article patterns use.

        No decline's or referral's word: one of the article's own facts ("osteocalcin",
        "bacteria").
        """
        if term not in self.index.domain or term.isdigit():
            return False
        kinds = {self.index.patterns[p].intent.kind for p in self.index.postings.get(term, ())}
        return kinds == {Kind.ARTICLE}

    def _asked_after_statements(self, question: str) -> tuple[str, bool] | None:
        """The one sentence that asks about the subject, among sentences that don't ask.

        The last sentence, or the only one marked with "?" wherever it stands: a forum
        post often ends on a remark after its question ("... Is it good for older people
        with osteoporosis? My endo is not a fan of supplements."). Returned normalised,
        with "it" read as the subject the statements named, and whether sentences follow.
        """
        marked = [(m.group(1), "?" in m.group(2)) for m in _MARKED_SENTENCE.finditer(question)]
        marked = [(s, q) for s, q in marked if s.strip()]
        asking = [n for n, (_, q) in enumerate(marked) if q]
        if len(marked) < 2 or len(asking) > 1:
            return None
        at = asking[0] if asking else len(marked) - 1
        sentences = [s for s, _ in marked]
        asked = sentences[at]
        others = sentences[:at] + sentences[at + 1 :]
        if any(_opener(s) in QUESTION_WORDS | QUESTION_OPENERS for s in others):
            return None
        remarks_after = at < len(sentences) - 1
        if remarks_after and at == 0:
            return None  # nothing before it to lean on (see below)
        final = self.normalizer.normalize(_without_fillers(asked))
        words = set(final.split())
        anchors = self.subject_terms()
        if remarks_after and not _points_back(asked, words):
            # A question that names its subject reads as well in the whole message, whose
            # later sentences may narrow it ("would k2 be good for me? i'm 60 and have
            # osteopenia"); only one that leans on the sentences before it is read alone.
            return None
        # "What is it exactly?" names the subject only by pointing: the definition frame
        # ("whatitis") its pointer makes is a question of its own, about what came before.
        framed = self._named_by_pointing(asked, words)
        if _points_back(asked, words):
            # "I've read k2 is made by gut bacteria. does it help fractures?": "it" is the
            # subject the statements named, if they named it and the question doesn't.
            subject = self.subject()
            earlier = set(self.normalizer.normalize(" ".join(sentences[:at])).split())
            if (
                subject is None
                or words & anchors - framed
                or not _names_a_subject(earlier, anchors)
            ):
                return None
            if framed:
                final = self.normalizer.normalize(
                    " ".join(
                        subject if _bare(w) in BACK_REFERENCES else w
                        for w in _without_fillers(asked).split()
                    )
                )
            elif words & BACK_REFERENCES:
                final = " ".join(subject if w in BACK_REFERENCES else w for w in final.split())
            else:  # a synonym swallowed the pointer ("what does it do" -> "benefit")
                final = f"{final} {subject}"
            words = set(final.split())
        if not words & anchors:
            return None
        # It must ask something of its own: "does k2 help?" after "I broke my wrist" asks
        # about the wrist, "where does k2 come from?" after "my wife has osteoporosis" not.
        own = [
            t
            for t in content_tokens(final)
            if t not in anchors
            and t not in QUESTION_WORDS
            and t not in GENERIC_WORDS
            and t not in self.index.chatter
            and self.index.weights.get(t, 0.0) >= DISTINCT_WORD
        ]
        if not own and not framed:
            return None
        if _opener(asked) in QUESTION_WORDS | QUESTION_OPENERS or asking:
            return final, remarks_after
        return None

    def _named_by_pointing(self, sentence: str, words: set[str]) -> frozenset[str]:
        """The subject terms a sentence's normalised `words` hold only through its pointer.

        "what is it exactly" -> {"whatitis"}: the synonyms read "what is it" as the
        definition frame, a subject term; without "it" the frame is gone. Empty when the
        sentence names the subject in words of its own ("what is mk7 exactly").
        """
        anchors = words & self.subject_terms()
        if not anchors:
            return frozenset()
        unpointed = " ".join(w for w in sentence.split() if _bare(w) not in BACK_REFERENCES)
        return frozenset(anchors - set(self.normalizer.normalize(unpointed).split()))

    def _with_sentences(
        self,
        question: str,
        ranked: list[Candidate],
        ranks: dict[str, list[Candidate]] | None = None,
        read_first: str | None = None,
    ) -> list[Candidate]:
        """Also score each sentence of a long message, so back-story can't drown the question.

        Of the last `MAX_SENTENCES`, those that ask (end with "?" or open as a question);
        when none asks, those that name something of the article's. A sentence whose words
        `read_first` holds (pointers aside) is left out: the question after statements,
        which the caller reads in full (`_question_first`).
        """
        # People ask last: the final few sentences are enough, and keep long messages cheap
        # (read from the end, so earlier ones are not even normalised).
        sentences: list[tuple[str, bool]] = []
        # Sentences and the marks between them, alternating: "?" tells a question.
        pieces = _SENTENCE_MARKS.split(question)
        for at in range(len(pieces) - 1, -1, -2):
            if len(sentences) == MAX_SENTENCES:
                break
            normalized = self.normalizer.normalize(pieces[at])
            if len(content_tokens(normalized)) < 2:
                continue
            ended = pieces[at + 1] if at + 1 < len(pieces) else ""  # the last has no mark
            sentences.append((normalized, "?" in ended or _opens_as_question(pieces[at])))
        # A statement only repeats what the whole message's reading already weighed when a
        # sentence beside it asks, or when it names nothing of the article's ("my sister
        # says so"): not ranked again, which spares a long message a third ranking.
        if any(asks for _, asks in sentences):
            kept = [normalized for normalized, asks in sentences if asks]
            if read_first is not None:
                # `read_first` ("does k2 help") is read in full: its sentence ("does it
                # help") adds nothing, discounted below it.
                covered = set(read_first.split()) | BACK_REFERENCES
                kept = [n for n in kept if not set(n.split()) <= covered]
        else:
            kept = [
                normalized for normalized, _ in sentences if self._names_the_article(normalized)
            ]
        return self._with_parts(ranked, kept[::-1], ranks)

    def _names_the_article(self, normalized: str) -> bool:
        """Whether a text names the article's subject or one of its words, typos corrected."""
        index = self.index
        return any(
            token in index.domain or token in index.anchors
            for token in query_tokens(normalized, self.typos.correct)
        )

    def _with_parts(
        self,
        ranked: list[Candidate],
        parts: list[str],
        ranks: dict[str, list[Candidate]] | None = None,
    ) -> list[Candidate]:
        """`ranked` with each normalised part's candidates, discounted, the best kept per intent.

        A part's small talk never counts: a "hello" sentence must not answer the message.

        Args:
            ranked: the whole message's candidates.
            parts: the normalised sentences or clause.
            ranks: texts already ranked for this question (see `match`), added to.
        """
        best = {c.intent.id: c for c in ranked}
        for normalized in parts:
            for candidate in self._ranked(normalized, ranks):
                if candidate.intent.kind is Kind.SMALLTALK:
                    continue
                score = round(candidate.score * SENTENCE_DISCOUNT, 1)
                current = best.get(candidate.intent.id)
                if current is None or score > current.score:
                    # A sentence's candidate does not stand for the whole message exactly.
                    # Built directly: `dataclasses.replace` costs several times more.
                    best[candidate.intent.id] = Candidate(
                        candidate.intent, score, candidate.pattern, False, candidate.guess
                    )
        return sorted(best.values(), key=lambda c: c.score, reverse=True)


def _complaint_subjects(index: Index) -> frozenset[str]:
    """The things an article answer says may not be working ("calcium").

    A core term of an article intent, named by one of its patterns beside the synonyms'
    word for failing ("calcium not working", "calcium no results"): the content, not the
    code, tells what a complaint can be about (`bot.matching.complaints`). Not the
    article's subject (K2 is what it recommends, not a complaint it answers), nor an
    everyday term ("vitamin", "supplement": a complaint about any of them is no
    complaint the article answers).
    """
    found: set[str] = set()
    for pattern in index.patterns:
        if pattern.intent.kind is Kind.ARTICLE and FAILING in pattern.tokens:
            found |= pattern.tokens & index.core.get(pattern.intent.id, frozenset())
    return frozenset(
        term
        for term in found
        if term not in index.anchors and lexicon.zipf(term) < EVERYDAY_DOMAIN_ZIPF
    )


def _names_a_subject(words: Iterable[str], anchors: frozenset[str]) -> bool:
    """Whether normalised words name the subject a later "it" can stand for.

    A figure the article gives ("87") is an anchor but no such subject: in "'cuts fracture
    risk by 87%' - where does it come from?" the "it" is the claim, not K2.
    """
    return any(w in anchors and not w.isdigit() for w in words)


def _bare(word: str) -> str:
    """A typed word lower-cased, without the punctuation around it ("It?" -> "it")."""
    return word.lower().strip("'\"?!.,:;()-")


def _declined(decided: Match) -> bool:
    """Whether a fallback names what the article doesn't cover (an out-of-scope intent)."""
    return decided.intent is not None and decided.intent.kind is Kind.OUT_OF_SCOPE


def _synonym_words(content: Content) -> frozenset[str]:
    """Every Latin word of the synonyms, canonical forms and variants (what `Respeller` aims at)."""
    words: set[str] = set()
    for canonical, variants in content.synonyms.items():
        for phrase in (canonical, *variants):
            words.update(_WORD.findall(phrase.lower()))
    return frozenset(words)


def _content_words(content: Content, *, triggers: bool = True) -> frozenset[str]:
    """Every Latin word the intents use: patterns (and triggers), in every language."""
    words: set[str] = set()
    for intent in content.intents:
        texts = [*intent.patterns, *(intent.triggers if triggers else ())]
        for translation in intent.translations:
            texts += [*translation.patterns, *(translation.triggers if triggers else ())]
        for text in texts:
            words.update(_WORD.findall(text.lower()))
    return frozenset(words)
