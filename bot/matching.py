"""Decide what a question is about: answer, suggest, or fall back.

Scoring, per pattern, mixes two signals:

* a weighted word overlap, where each word weighs by how well it separates intents (an
  IDF over the intents), so "vitamin" and "k2" barely count while "d3" or "osteoclast"
  decide, and words the bot has never seen count against a match;
* rapidfuzz's `fuzz.ratio` over the whole normalised question, which rewards questions
  shaped like a pattern ("what is k2").

Safety questions are recognised first, by trigger words, and always win. Out-of-scope
intents are matched like any other and then decline, so near misses are data, not code.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.intents import Content, Intent, Kind
from bot.text import QUESTION_WORDS, Normalizer, content_tokens, stem


class Outcome(StrEnum):
    """The three things the bot can do with a question."""

    ANSWER = "answer"
    SUGGEST = "suggest"
    FALLBACK = "fallback"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When to answer, when to offer "did you mean", and when two intents are too close.

    Args:
        accept: a score at or above this answers.
        suggest: a score at or above this (and below `accept`) offers suggestions.
        margin: when the two best intents are closer than this, suggest instead of guessing.
    """

    accept: float = 62.0
    suggest: float = 55.0
    margin: float = 3.0

    def __post_init__(self) -> None:
        if not 0 <= self.suggest <= self.accept <= 100:
            raise ValueError("thresholds must satisfy 0 <= suggest <= accept <= 100")
        if self.margin < 0:
            raise ValueError("the ambiguity margin must not be negative")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An intent and how well the question matched its best pattern."""

    intent: Intent
    score: float
    pattern: str


@dataclass(frozen=True, slots=True)
class Match:
    """What the matcher decided for one question.

    `intent` is the answered intent for ANSWER, the declining out-of-scope intent (or None)
    for FALLBACK, and None for SUGGEST, where `suggestions` holds up to three intents.
    """

    outcome: Outcome
    intent: Intent | None
    score: float
    suggestions: tuple[Intent, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Pattern:
    intent: Intent
    text: str
    normalized: str
    tokens: frozenset[str]
    weight: float
    # The words that can carry an answer: for article intents only words of the article
    # itself (and synonym forms), so a pattern's chance wording ("meaning") cannot.
    evidence: frozenset[str]


# Weight of a word the intents never use: it is evidence the question is about something else.
UNKNOWN_WORD_WEIGHT = 1.0
# Words used by nearly every intent still count a little, so "what is k2" can be answered.
MIN_WORD_WEIGHT = 0.12
# A question needs this much distinguishing overlap, or a near-identical shape, to be answered.
DISTINCT_WORD = 1.0
MODE = "intent"
SHAPE_SCORER = fuzz.token_set_ratio
SHAPE_MATCH = 0.86
# Overlap is recall-heavy: a long message may say more than a pattern, not less.
RECALL_BIAS = 1.0
OVERLAP_SHARE = 0.8
QUESTION_WORD_WEIGHT = 0.4
SMALLTALK_OTHER_WORD_WEIGHT = 1.5
# Typos: only words this long are corrected, by one edit (two for long words).
MIN_CORRECTED_LENGTH = 6
LONG_WORD = 9
# Only long trigger words (warfarin, pregnant) are matched despite a typo.
LONG_TRIGGER = 8
MAX_SUGGESTIONS = 3
# Safety answers come by their triggers; offering them as guesses would only alarm.
SUGGESTIBLE = frozenset({Kind.ARTICLE})


@dataclass(slots=True)
class Matcher:
    """An index over the intents' patterns that matches one question at a time.

    Build it once per content version; it is not changed afterwards, so a reload builds a
    new Matcher and swaps one reference.
    """

    content: Content
    thresholds: Thresholds = field(default_factory=Thresholds)
    normalizer: Normalizer = field(init=False)
    _patterns: list[_Pattern] = field(init=False)
    _weights: dict[str, float] = field(init=False)
    _postings: dict[str, list[int]] = field(init=False)
    _vocabulary: list[str] = field(init=False)
    _chatter: frozenset[str] = field(init=False)
    _triggers: list[tuple[str, Intent]] = field(init=False)
    _trigger_words: dict[str, Intent] = field(init=False)
    _corrections: dict[str, str] = field(init=False)
    _intent_vocab: dict[str, frozenset[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.normalizer = Normalizer(self.content.synonyms)
        per_intent: dict[str, set[str]] = defaultdict(set)
        raw: list[tuple[Intent, str, str, frozenset[str]]] = []
        for intent in self.content.intents:
            for pattern in intent.patterns:
                normalized = self.normalizer.normalize(pattern)
                tokens = frozenset(content_tokens(normalized))
                raw.append((intent, pattern, normalized, tokens))
                per_intent[intent.id] |= tokens
        n_intents = max(len(per_intent), 1)
        frequency: dict[str, int] = defaultdict(int)
        for tokens in per_intent.values():
            for token in tokens:
                frequency[token] += 1
        self._weights = {
            t: max(math.log(n_intents / df), MIN_WORD_WEIGHT) for t, df in frequency.items()
        }
        for word in QUESTION_WORDS & self._weights.keys():
            self._weights[word] = min(self._weights[word], QUESTION_WORD_WEIGHT)
        smalltalk = {i.id for i in self.content.of_kind(Kind.SMALLTALK)}
        substantive = set().union(*(t for i, t in per_intent.items() if i not in smalltalk))
        self._chatter = frozenset(
            set().union(*(per_intent[i] for i in smalltalk)) - substantive
        )
        domain = set(content_tokens(self.normalizer.normalize(self.content.document.text)))
        for canonical in self.content.synonyms:
            domain.update(content_tokens(self.normalizer.normalize(canonical)))
        article_words = set().union(
            *(per_intent[i.id] for i in self.content.of_kind(Kind.ARTICLE))
        )

        repeated: dict[str, set[str]] = defaultdict(set)
        seen_once: dict[str, set[str]] = defaultdict(set)
        for intent, _, _, tokens in raw:
            for token in tokens:
                (repeated if token in seen_once[intent.id] else seen_once)[intent.id].add(token)

        def evidence(intent: Intent, tokens: frozenset[str]) -> frozenset[str]:
            if intent.kind is Kind.ARTICLE:
                # A word of the article, or one the intent's patterns keep using; a chance
                # word of one pattern ("explained") must not answer "sql join explained".
                return (tokens & (domain | repeated[intent.id])) - QUESTION_WORDS
            if intent.kind is Kind.OUT_OF_SCOPE:
                return tokens - QUESTION_WORDS
            # Safety and small talk answer on their own words, never on article words
            # they happen to share ("can I take too much k2" must not catch "what is k2").
            return tokens - article_words - QUESTION_WORDS

        self._patterns = [
            _Pattern(
                intent, text, normalized, tokens, sum(self._weights[t] for t in tokens),
                evidence(intent, tokens),
            )
            for intent, text, normalized, tokens in raw
        ]
        self._intent_vocab = {i: frozenset(t) for i, t in per_intent.items()}
        self._postings = defaultdict(list)
        for index, pattern in enumerate(self._patterns):
            for token in pattern.tokens:
                self._postings[token].append(index)
        self._vocabulary = sorted(t for t in frequency if len(t) >= MIN_CORRECTED_LENGTH - 1)
        self._triggers = []
        self._trigger_words = {}
        for intent in self.content.of_kind(Kind.SAFETY):
            for trigger in intent.triggers:
                phrase = " ".join(stem(w) for w in self.normalizer.normalize(trigger).split())
                if phrase:
                    self._triggers.append((phrase, intent))
                    if " " not in phrase and len(phrase) >= LONG_TRIGGER:
                        self._trigger_words.setdefault(phrase, intent)
        self._corrections = {}

    # -- public API ---------------------------------------------------------------------

    def match(self, question: str) -> Match:
        """Decide the outcome for one question. Never raises on user text."""
        normalized = self.normalizer.normalize(question)
        words = normalized.split()
        if not words:
            return Match(Outcome.FALLBACK, None, 0.0, reason="empty")
        safety = self._safety_intent(words)
        if safety is not None:
            return Match(Outcome.ANSWER, safety, 100.0, reason="safety trigger")
        ranked = self.rank_normalized(normalized)
        return self._decide(ranked)

    def pattern_list(self) -> list[tuple[Intent, str]]:
        """Every (intent, pattern) in index order, for tools such as the confusability lint."""
        return [(p.intent, p.text) for p in self._patterns]

    def safety_intent_for(self, normalized: str) -> Intent | None:
        """The safety intent whose trigger appears in already-normalised text, if any."""
        return self._safety_intent(normalized.split())

    def rank(self, question: str, *, limit: int = 5) -> list[Candidate]:
        """The best-scoring distinct intents for a question, best first (no safety check)."""
        return self.rank_normalized(self.normalizer.normalize(question))[:limit]

    # -- internals ----------------------------------------------------------------------

    def _safety_intent(self, words: list[str]) -> Intent | None:
        stems = [stem(w) for w in words]
        haystack = f" {' '.join(stems)} "
        for phrase, intent in self._triggers:
            if f" {phrase} " in haystack:
                return intent
        if self._trigger_words:
            for word in stems:
                if len(word) >= LONG_TRIGGER:
                    hit = process.extractOne(
                        word, self._trigger_words.keys(), scorer=Levenshtein.distance,
                        score_cutoff=1,
                    )
                    if hit is not None:
                        return self._trigger_words[hit[0]]
        return None

    def _correct(self, token: str) -> str:
        if token in self._weights or len(token) < MIN_CORRECTED_LENGTH or token.isdigit():
            return token
        cached = self._corrections.get(token)
        if cached is None:
            max_edits = 2 if len(token) >= LONG_WORD else 1
            hit = process.extractOne(
                token, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=max_edits
            )
            cached = hit[0] if hit is not None else token
            if len(self._corrections) < 50_000:
                self._corrections[token] = cached
        return cached

    def _query_tokens(self, normalized: str) -> list[str]:
        return list(dict.fromkeys(self._correct(t) for t in content_tokens(normalized)))

    def rank_normalized(self, normalized: str, *, exclude: int | None = None) -> list[Candidate]:
        """Score every intent that shares a distinguishing word or the shape of the question.

        Args:
            normalized: the question after `Normalizer.normalize`.
            exclude: index of one pattern to leave out (the lint matches a pattern against
                all the others).
        """
        tokens = self._query_tokens(normalized)
        if not tokens and not normalized:
            return []
        candidates: set[int] = set()
        for token in tokens:
            if self._weights.get(token, 0.0) > MIN_WORD_WEIGHT:
                candidates.update(self._postings.get(token, ()))
        shaped = process.extract(
            normalized,
            [p.normalized for p in self._patterns],
            scorer=fuzz.ratio,
            limit=8,
            score_cutoff=60,
        )
        candidates.update(index for _, _, index in shaped)
        candidates.discard(exclude)  # type: ignore[arg-type]
        if not candidates:
            return []
        best: dict[str, Candidate] = {}
        with_chatter = self._weigh_for_smalltalk(tokens)
        without_chatter = self._weigh([t for t in tokens if t not in self._chatter])
        for index in candidates:
            pattern = self._patterns[index]
            query = with_chatter if pattern.intent.kind is Kind.SMALLTALK else without_chatter
            score = self._score(normalized, query, pattern)
            current = best.get(pattern.intent.id)
            if current is None or score > current.score:
                best[pattern.intent.id] = Candidate(pattern.intent, score, pattern.text)
        return sorted(best.values(), key=lambda c: c.score, reverse=True)

    def _weigh_for_smalltalk(self, tokens: Iterable[str]) -> tuple[dict[str, float], float]:
        # Small talk must explain a whole message: any other word counts fully against it.
        weights = {
            t: self._weights[t] if t in self._chatter else max(
                self._weights.get(t, SMALLTALK_OTHER_WORD_WEIGHT), SMALLTALK_OTHER_WORD_WEIGHT
            )
            for t in tokens
        }
        return weights, sum(weights.values())

    def _weigh(self, tokens: Iterable[str]) -> tuple[dict[str, float], float]:
        weights = {t: self._weights.get(t, UNKNOWN_WORD_WEIGHT) for t in tokens}
        return weights, sum(weights.values())

    def _score(
        self, normalized: str, query: tuple[dict[str, float], float], pattern: _Pattern
    ) -> float:
        weights, query_weight = query
        shared = sum(self._weights[t] for t in pattern.tokens if t in weights)
        evidence = max((self._weights[t] for t in pattern.evidence if t in weights), default=0.0)
        shape = SHAPE_SCORER(normalized, pattern.normalized) / 100.0
        overlap = 0.0
        if shared > 0 and query_weight > 0 and pattern.weight > 0:
            recall = shared / pattern.weight
            if MODE == "intent" and pattern.intent.kind is not Kind.SMALLTALK:
                vocab = self._intent_vocab[pattern.intent.id]
                explained = sum(w for t, w in weights.items() if t in vocab)
                precision = explained / query_weight
            else:
                precision = sum(weights[t] for t in pattern.tokens if t in weights) / query_weight
            if MODE == "geo":
                overlap = math.sqrt(precision * recall)
            elif MODE == "prod":
                overlap = precision * recall
            else:
                # Small talk must explain nearly all of a message to claim it.
                bias = 0.5 if pattern.intent.kind is Kind.SMALLTALK else RECALL_BIAS
                beta2 = bias**2
                overlap = (1 + beta2) * precision * recall / (beta2 * precision + recall)
        score = OVERLAP_SHARE * overlap + (1 - OVERLAP_SHARE) * shape
        if evidence < DISTINCT_WORD and shape < SHAPE_MATCH:
            # Only words common to many intents matched: not enough to answer on.
            score = min(score, (self.thresholds.accept + self.thresholds.suggest) / 200.0)
        return round(100.0 * score, 1)

    def _decide(self, ranked: list[Candidate]) -> Match:
        limits = self.thresholds
        candidates = tuple(ranked[:5])
        if not ranked or ranked[0].score < limits.suggest:
            return Match(Outcome.FALLBACK, None, ranked[0].score if ranked else 0.0,
                         candidates=candidates, reason="low score")
        top = ranked[0]
        if not top.intent.answers_the_question:
            return Match(Outcome.FALLBACK, top.intent, top.score, candidates=candidates,
                         reason="out of scope")
        answerable = [c for c in ranked if c.intent.answers_the_question and c is not top]
        runner_up = answerable[0] if answerable else None
        close_call = runner_up is not None and top.score - runner_up.score < limits.margin
        if top.score >= limits.accept and not close_call:
            return Match(Outcome.ANSWER, top.intent, top.score, candidates=candidates,
                         reason="match")
        suggestions = tuple(
            c.intent for c in [top, *answerable]
            if c.score >= limits.suggest and c.intent.kind in SUGGESTIBLE
        )[:MAX_SUGGESTIONS]
        if not suggestions:
            return Match(Outcome.FALLBACK, None, top.score, candidates=candidates,
                         reason="low score")
        return Match(Outcome.SUGGEST, None, top.score, suggestions=suggestions,
                     candidates=candidates, reason="ambiguous" if close_call else "medium score")

