"""Decide what a question is about: answer, suggest, or fall back.

Each pattern is scored by mixing two signals:

* a weighted word overlap (an F-measure of how much of the question the intent explains
  and how much of the pattern the question covers). Each word weighs by how well it
  separates intents, an IDF over the intents, so "vitamin" and "k2" barely count while
  "d3" or "osteoclast" decide; words the bot has never seen count against a match;
* rapidfuzz's `token_set_ratio` over the normalised text, which rewards questions shaped
  like a pattern ("what is k2").

A question is answered only on evidence: a distinguishing word it shares with the intent,
or a near-identical shape. Safety questions are recognised first, by trigger words, and
always win. Out-of-scope intents are matched like any other and then decline, so near
misses are data in the intent files, not special cases here. Long messages are also
scored sentence by sentence, so a greeting and back-story cannot drown the question.

Candidates are gathered through an inverted index with set operations, so no Python
step runs per pattern that shares a word. Content of many thousands of patterns is
searched as a search engine does, approximately: each word offers its champions (its
shortest patterns) and only the best candidates by word overlap are scored in full
(see `LARGE_CONTENT`); smaller content, the shipped intents included, is scored
exhaustively.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.intents import Content, Intent, Kind
from bot.text import GENERIC_WORDS, QUESTION_WORDS, Normalizer, content_tokens, stem

# Where a long message is cut into sentences: end punctuation, or a comma before a new clause.
_SENTENCE_END = re.compile(
    r"[.!?;\n]+|,\s+(?=(?:but|so|and|can|does|is|will|should|what|why|how)\b)"
)


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

    accept: float = 56.0
    suggest: float = 46.0
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
    # The question, normalised, is exactly this pattern: no runner-up can make it ambiguous.
    exact: bool = False


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
    # The words that can carry an answer on their own (see `Matcher.__post_init__`).
    evidence: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Query:
    normalized: str
    weights: dict[str, float]
    weight: float


# Weight of a word the intents never use: it is evidence the question is about something else.
UNKNOWN_WORD_WEIGHT = 1.0
# Words used by nearly every intent still count a little, so "what is k2" can be answered.
MIN_WORD_WEIGHT = 0.12
# To be answered, a question shares an evidence word at least this distinguishing (about
# one intent in three uses it), or is shaped almost exactly like a pattern.
DISTINCT_WORD = 1.0
SHAPE_MATCH = 0.86
# How much of a score is word overlap; the rest is shape.
OVERLAP_SHARE = 0.8
# Caps on words that tell little: question words and everyday English.
QUESTION_WORD_WEIGHT = 0.4
GENERIC_WORD_WEIGHT = 0.8
# Small talk must explain a whole message: F-beta below 1 favours precision, and every
# word that is not small talk counts heavily against it.
SMALLTALK_PRECISION_BIAS = 0.5
SMALLTALK_OTHER_WORD_WEIGHT = 2.0
# Typos: only words this long are corrected, by one edit (two for long words).
MIN_CORRECTED_LENGTH = 6
LONG_WORD = 9
# Only long trigger words (warfarin, pregnant) are matched despite a typo.
LONG_TRIGGER = 8
MAX_SUGGESTIONS = 3
# Words lighter than this, and question words, do not make a pattern a candidate on
# their own ("k2", "what"); they still count once a pattern is a candidate.
CANDIDATE_WORD_WEIGHT = 0.3
# Messages longer than this many words are also scored sentence by sentence.
SEGMENTED_WORDS = 12
SENTENCE_DISCOUNT = 0.95
MAX_SENTENCES = 2
# Patterns this similar in shape become candidates even without a distinguishing word.
SHAPED_CUTOFF = 60
# Candidates (by word overlap) that also get the costlier shape score.
SHAPED_CANDIDATES = 24
# Safety answers come by their triggers; offering them as guesses would only alarm.
SUGGESTIBLE = frozenset({Kind.ARTICLE})
# Large content (a FAQ many times the shipped one) is searched as a search engine does,
# approximately: each word offers only its "champions", the patterns it matters most to
# (the shortest that hold it), and when the candidates still exceed the budget only the
# best of them by word overlap are scored in full. Smaller content is scored exhaustively,
# exactly as described above.
LARGE_CONTENT = 5_000
CHAMPION_POOL = 1_200
MIN_CHAMPIONS = 60
PAIRED_WORDS = 4
CANDIDATE_BUDGET = 200


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
    _postings: dict[str, frozenset[int]] = field(init=False)
    _evidence_postings: dict[str, frozenset[int]] = field(init=False)
    _intent_postings: dict[str, frozenset[int]] = field(init=False)
    _pattern_intent: list[int] = field(init=False)
    _pattern_weight: list[float] = field(init=False)
    _inverse_weight: list[float] = field(init=False)
    _large: bool = field(init=False)
    _champions: dict[str, tuple[int, ...]] = field(init=False)
    _vocabulary: list[str] = field(init=False)
    _chatter: frozenset[str] = field(init=False)
    _triggers: list[tuple[str, Intent]] = field(init=False)
    _trigger_words: dict[str, Intent] = field(init=False)
    _corrections: dict[str, str] = field(init=False)
    _intent_vocab: dict[str, frozenset[str]] = field(init=False)
    _sorted_patterns: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.normalizer = Normalizer(self.content.synonyms)
        per_intent: dict[str, set[str]] = defaultdict(set)
        raw: list[tuple[Intent, str, str, frozenset[str]]] = []
        # Equal word sets are one object: a large FAQ repeats them across its intents.
        interned: dict[frozenset[str], frozenset[str]] = {}
        for intent in self.content.intents:
            for pattern in intent.patterns:
                normalized = self.normalizer.normalize(pattern)
                tokens = frozenset(content_tokens(normalized))
                tokens = interned.setdefault(tokens, tokens)
                raw.append((intent, pattern, normalized, tokens))
                per_intent[intent.id] |= tokens
        n_intents = max(len(per_intent), 1)
        frequency: dict[str, int] = defaultdict(int)
        for vocabulary in per_intent.values():
            for token in vocabulary:
                frequency[token] += 1
        self._weights = {
            t: max(math.log(n_intents / df), MIN_WORD_WEIGHT) for t, df in frequency.items()
        }
        for word in QUESTION_WORDS & self._weights.keys():
            self._weights[word] = min(self._weights[word], QUESTION_WORD_WEIGHT)
        for word in GENERIC_WORDS & self._weights.keys():
            self._weights[word] = min(self._weights[word], GENERIC_WORD_WEIGHT)
        smalltalk = {i.id for i in self.content.of_kind(Kind.SMALLTALK)}
        substantive = set().union(*(t for i, t in per_intent.items() if i not in smalltalk))
        self._chatter = frozenset(set().union(*(per_intent[i] for i in smalltalk)) - substantive)
        domain = set(content_tokens(self.normalizer.normalize(self.content.document.text)))
        for canonical in self.content.synonyms:
            domain.update(content_tokens(self.normalizer.normalize(canonical)))
        article_words = set().union(*(per_intent[i.id] for i in self.content.of_kind(Kind.ARTICLE)))

        repeated: dict[str, set[str]] = defaultdict(set)
        seen_once: dict[str, set[str]] = defaultdict(set)
        for intent, _, _, tokens in raw:
            for token in tokens:
                (repeated if token in seen_once[intent.id] else seen_once)[intent.id].add(token)

        def evidence(intent: Intent, tokens: frozenset[str]) -> frozenset[str]:
            if intent.kind is Kind.ARTICLE:
                # A word of the article, or one the intent's patterns keep using; a chance
                # word of one pattern ("explained") must not answer "sql join explained".
                chosen = (tokens & domain) | (tokens & repeated[intent.id])
                return chosen - QUESTION_WORDS - GENERIC_WORDS
            if intent.kind is Kind.OUT_OF_SCOPE:
                return tokens - QUESTION_WORDS - GENERIC_WORDS
            # Safety and small talk answer on their own words, never on article words
            # they happen to share ("can I take too much k2" must not catch "what is k2").
            return tokens - article_words - QUESTION_WORDS - GENERIC_WORDS

        self._patterns = [
            _Pattern(
                intent,
                text,
                normalized,
                tokens,
                sum(self._weights[t] for t in tokens),
                _interned(interned, evidence(intent, tokens)),
            )
            for intent, text, normalized, tokens in raw
        ]
        shapes: dict[str, str] = {}
        self._sorted_patterns = [
            shapes.setdefault(shape, shape)
            for shape in (_sorted_words(p.normalized) for p in self._patterns)
        ]
        self._intent_vocab = {i: _interned(interned, frozenset(t)) for i, t in per_intent.items()}
        # Postings are sets, so candidates are gathered and split by set operations in C
        # rather than by a Python loop over every pattern that shares a word.
        postings: dict[str, list[int]] = defaultdict(list)
        evidence_postings: dict[str, list[int]] = defaultdict(list)
        for index, indexed in enumerate(self._patterns):
            for token in indexed.tokens:
                postings[token].append(index)
            for token in indexed.evidence:
                evidence_postings[token].append(index)
        self._postings = {t: frozenset(p) for t, p in postings.items()}
        self._evidence_postings = {
            # Most patterns' evidence is all their words: share the posting then.
            t: self._postings[t] if len(p) == len(self._postings[t]) else frozenset(p)
            for t, p in evidence_postings.items()
        }
        intent_number = {intent_id: n for n, intent_id in enumerate(per_intent)}
        intent_postings: dict[str, list[int]] = defaultdict(list)
        for intent_id, vocabulary in per_intent.items():
            for token in vocabulary:
                intent_postings[token].append(intent_number[intent_id])
        self._intent_postings = {t: frozenset(p) for t, p in intent_postings.items()}
        self._pattern_intent = [intent_number[p.intent.id] for p in self._patterns]
        self._pattern_weight = [p.weight for p in self._patterns]
        self._inverse_weight = [1.0 / w if w > 0 else 0.0 for w in self._pattern_weight]
        self._large = len(self._patterns) > LARGE_CONTENT
        self._champions = {}
        if self._large:
            # A shared word explains most of a short pattern: those come first.
            by_length = self._pattern_weight
            self._champions = {
                token: tuple(sorted(posting, key=lambda i: (by_length[i], i))[:CHAMPION_POOL])
                for token, posting in postings.items()
            }
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
        if len(words) > SEGMENTED_WORDS:
            ranked = self._with_sentences(question, ranked)
        return self._decide(ranked)

    def pattern_list(self) -> list[tuple[Intent, str]]:
        """Every (intent, pattern) in index order, for tools such as the confusability lint."""
        return [(p.intent, p.text) for p in self._patterns]

    def safety_intent_for(self, normalized: str) -> Intent | None:
        """The safety intent whose trigger appears in already-normalised text, if any."""
        return self._safety_intent(normalized.split())

    def word_weight(self, token: str) -> float:
        """How much a normalised word tells intents apart; unknown words tell the most."""
        return self._weights.get(token, math.log(max(len(self._intent_vocab), 2)))

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
                        word,
                        self._trigger_words.keys(),
                        scorer=Levenshtein.distance,
                        score_cutoff=1,
                    )
                    if hit is not None:
                        return self._trigger_words[hit[0]]
        return None

    def _with_sentences(self, question: str, ranked: list[Candidate]) -> list[Candidate]:
        """Also score each sentence of a long message, so back-story can't drown the question."""
        best = {c.intent.id: c for c in ranked}
        sentences = [self.normalizer.normalize(s) for s in _SENTENCE_END.split(question)]
        # People ask last: the final few sentences are enough, and keep long messages cheap.
        sentences = [s for s in sentences if len(content_tokens(s)) >= 2][-MAX_SENTENCES:]
        for normalized in sentences:
            for candidate in self.rank_normalized(normalized):
                if candidate.intent.kind is Kind.SMALLTALK:
                    continue  # a "hello" sentence must not answer the whole message
                score = round(candidate.score * SENTENCE_DISCOUNT, 1)
                current = best.get(candidate.intent.id)
                if current is None or score > current.score:
                    best[candidate.intent.id] = Candidate(
                        candidate.intent, score, candidate.pattern
                    )
        return sorted(best.values(), key=lambda c: c.score, reverse=True)

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
        if not normalized:
            return []
        # Accumulate shared weight through the inverted index, as a search engine does;
        # words too common to separate intents are added per candidate instead, so their
        # long posting lists never make a pattern a candidate.
        evidenced: set[int] = set()
        plain: set[int] = set()
        heavy: list[tuple[str, float]] = []
        common: list[tuple[str, float]] = []
        # A short question leans on its question word ("what is k2"); a long one need not.
        distinctive = sum(
            self._weights.get(t, 0.0) >= CANDIDATE_WORD_WEIGHT and t not in QUESTION_WORDS
            for t in tokens
        )
        generators = QUESTION_WORDS if distinctive > 1 else frozenset()
        for token in tokens:
            weight = self._weights.get(token)
            if weight is None:
                continue
            if weight < CANDIDATE_WORD_WEIGHT or token in generators:
                common.append((token, weight))
                continue
            heavy.append((token, weight))
        if self._large and heavy:
            found = self._champions_for(heavy)
        else:
            found = set().union(*(self._postings[t] for t, _ in heavy))
        # Patterns are grouped by their shared weight so far, and each word splits the
        # groups with set operations: the sums are the same, added in the same order, as
        # adding word by word to each pattern, without a Python step per pattern.
        groups: dict[float, set[int]] = {0.0: set(found)}
        for token, weight in heavy:
            groups = _split(groups, self._postings[token], weight)
        # Patterns shaped like the question, compared as sorted word sets so word order and
        # repeats don't matter; the choices are sorted once, at build time. On large
        # content the scan of every pattern is kept for questions without a distinguishing
        # word ("what is k2"): with one, the index finds the patterns that matter.
        if not self._large or not heavy:
            for _, _, index in process.extract(
                _sorted_words(normalized),
                self._sorted_patterns,
                scorer=fuzz.ratio,
                limit=8,
                score_cutoff=SHAPED_CUTOFF,
            ):
                if index not in found:
                    groups.setdefault(0.0, set()).add(index)
        if exclude is not None:
            for members in groups.values():
                members.discard(exclude)
        groups = {total: members for total, members in groups.items() if members}
        if not groups:
            return []
        for token, weight in common:
            is_plain = token not in QUESTION_WORDS and token not in GENERIC_WORDS
            groups = _split(groups, self._postings[token], weight, plain if is_plain else None)
        # Which candidates hold a word that is not generic, or one that is evidence.
        candidates: set[int] = set().union(*groups.values())
        for token, weight in heavy:
            if token not in QUESTION_WORDS and token not in GENERIC_WORDS:
                plain |= candidates & self._postings[token]
            if weight >= DISTINCT_WORD:
                evidenced |= candidates & self._evidence_postings.get(token, frozenset())
        query = _Query(normalized, *self._weigh(t for t in tokens if t not in self._chatter))
        smalltalk_query = _Query(normalized, *self._weigh_for_smalltalk(tokens))
        if self._large and len(candidates) > CANDIDATE_BUDGET:
            shared = self._shortlist(groups, query, evidenced)
        else:
            shared = {index: total for total, members in groups.items() for index in members}
        explained: dict[str, float] = {}
        rough: list[tuple[float, int, float]] = []
        for index, weight in shared.items():
            pattern = self._patterns[index]
            q = smalltalk_query if pattern.intent.kind is Kind.SMALLTALK else query
            overlap = self._overlap(q, pattern, weight, explained)
            rough.append((overlap, index, weight))
        rough.sort(reverse=True)
        best: dict[str, Candidate] = {}
        for rank, (overlap, index, _) in enumerate(rough):
            pattern = self._patterns[index]
            # The shape score costs most; only the leading candidates can use it.
            shape = (
                fuzz.token_set_ratio(normalized, pattern.normalized) / 100.0
                if rank < SHAPED_CANDIDATES
                else 0.0
            )
            score = OVERLAP_SHARE * overlap + (1 - OVERLAP_SHARE) * shape
            if shape < SHAPE_MATCH and index not in evidenced:
                score = self._capped(score, has_plain_word=index in plain)
            score = round(100.0 * score, 1)
            exact = pattern.normalized == normalized
            current = best.get(pattern.intent.id)
            if current is None or (score, exact) > (current.score, current.exact):
                best[pattern.intent.id] = Candidate(pattern.intent, score, pattern.text, exact)
        return sorted(best.values(), key=lambda c: (c.score, c.exact), reverse=True)

    def _champions_for(self, heavy: list[tuple[str, float]]) -> set[int]:
        """Candidates on large content: each word's champions, and two-word matches.

        Patterns that hold two of the question's most distinguishing words (shortest
        first) are what a question naming both most likely means.
        """
        offered = max(MIN_CHAMPIONS, CHAMPION_POOL // len(heavy))
        found: set[int] = set().union(*(self._champions[t][:offered] for t, _ in heavy))
        leading = sorted(heavy, key=lambda tw: tw[1], reverse=True)[:PAIRED_WORDS]
        weight_of = self._pattern_weight
        for n, (first, _) in enumerate(leading):
            for second, _ in leading[n + 1 :]:
                both = self._postings[first] & self._postings[second]
                if len(both) > offered:
                    found.update(sorted(both, key=weight_of.__getitem__)[:offered])
                else:
                    found |= both
        return found

    def _shortlist(
        self, groups: dict[float, set[int]], query: _Query, evidenced: set[int]
    ) -> dict[int, float]:
        """The candidates worth scoring in full when very many patterns share a word.

        Word overlap is estimated for every candidate (exactly, except for small talk,
        whose precision is weighed per pattern) and the best `CANDIDATE_BUDGET` are kept,
        and as many more of the next best that hold evidence: the score cap cannot hold
        those back, so they can outrank candidates with more overlap.
        """
        intent_of = self._pattern_intent
        covered: dict[int, float] = {}
        if query.weight > 0:
            # Only the candidates' intents: the question's words split them by how much
            # of the question each explains.
            reached = set(map(intent_of.__getitem__, set().union(*groups.values())))
            by_intent: dict[float, set[int]] = {0.0: reached}
            for token, weight in query.weights.items():
                posting = self._intent_postings.get(token)
                if posting:
                    by_intent = _split(by_intent, posting, weight)
            covered = {n: total / query.weight for total, ns in by_intent.items() for n in ns}
        inverse = self._inverse_weight
        precision_of = covered.get
        estimates: list[tuple[float, int, float]] = []
        add = estimates.append
        # The hottest loop on large content: arithmetic and lookups, no Python function.
        for total, members in groups.items():
            for index in members:
                precision = precision_of(intent_of[index], 0.0)
                recall = total * inverse[index]
                if precision + recall:
                    add((precision * recall / (precision + recall), index, total))
        estimates.sort(reverse=True)
        kept = estimates[:CANDIDATE_BUDGET]
        kept += [e for e in estimates[CANDIDATE_BUDGET:] if e[1] in evidenced][:CANDIDATE_BUDGET]
        return {index: total for _, index, total in kept}

    def _weigh_for_smalltalk(self, tokens: Iterable[str]) -> tuple[dict[str, float], float]:
        # Small talk must explain a whole message: any other word counts fully against it.
        weights = {
            t: self._weights[t]
            if t in self._chatter
            else max(self._weights.get(t, SMALLTALK_OTHER_WORD_WEIGHT), SMALLTALK_OTHER_WORD_WEIGHT)
            for t in tokens
        }
        return weights, sum(weights.values())

    def _weigh(self, tokens: Iterable[str]) -> tuple[dict[str, float], float]:
        weights = {t: self._weights.get(t, UNKNOWN_WORD_WEIGHT) for t in tokens}
        return weights, sum(weights.values())

    def _overlap(
        self, query: _Query, pattern: _Pattern, shared: float, explained: dict[str, float]
    ) -> float:
        """F-measure of how much of the question is explained and of the pattern covered."""
        if shared <= 0 or query.weight <= 0 or pattern.weight <= 0:
            return 0.0
        recall = shared / pattern.weight
        if pattern.intent.kind is Kind.SMALLTALK:
            # Small talk must explain nearly all of a message, with this one pattern.
            covered = sum(query.weights[t] for t in pattern.tokens if t in query.weights)
            bias = SMALLTALK_PRECISION_BIAS
        else:
            # Other intents may explain a long message with words from any of their
            # patterns, while the best single pattern must still be covered.
            intent_id = pattern.intent.id
            if intent_id not in explained:
                vocabulary = self._intent_vocab[intent_id]
                explained[intent_id] = sum(w for t, w in query.weights.items() if t in vocabulary)
            covered = explained[intent_id]
            bias = 1.0
        precision = covered / query.weight
        return (1 + bias**2) * precision * recall / (bias**2 * precision + recall)

    def _capped(self, score: float, *, has_plain_word: bool) -> float:
        """Cap the score of a match that rests on no distinguishing word."""
        limits = self.thresholds
        if has_plain_word:
            # Only words common to many intents ("k2", "vitamin"): worth a suggestion.
            return min(score, (limits.accept + limits.suggest) / 200.0)
        # Only "how", "make" and the like: not even worth a guess.
        return min(score, max(limits.suggest - 1.0, 0.0) / 100.0)

    def _decide(self, ranked: list[Candidate]) -> Match:
        limits = self.thresholds
        candidates = tuple(ranked[:5])
        if not ranked or ranked[0].score < limits.suggest:
            return Match(
                Outcome.FALLBACK,
                None,
                ranked[0].score if ranked else 0.0,
                candidates=candidates,
                reason="low score",
            )
        top = ranked[0]
        if not top.intent.answers_the_question:
            return Match(
                Outcome.FALLBACK,
                top.intent,
                top.score,
                candidates=candidates,
                reason="out of scope",
            )
        answerable = [c for c in ranked if c.intent.answers_the_question and c is not top]
        runner_up = answerable[0] if answerable else None
        close_call = (
            not top.exact and runner_up is not None and top.score - runner_up.score < limits.margin
        )
        if top.score >= limits.accept and not close_call:
            return Match(
                Outcome.ANSWER, top.intent, top.score, candidates=candidates, reason="match"
            )
        suggestions = tuple(
            c.intent
            for c in [top, *answerable]
            if c.score >= limits.suggest and c.intent.kind in SUGGESTIBLE
        )[:MAX_SUGGESTIONS]
        if not suggestions:
            return Match(
                Outcome.FALLBACK, None, top.score, candidates=candidates, reason="low score"
            )
        return Match(
            Outcome.SUGGEST,
            None,
            top.score,
            suggestions=suggestions,
            candidates=candidates,
            reason="ambiguous" if close_call else "medium score",
        )


def _interned(table: dict[frozenset[str], frozenset[str]], words: frozenset[str]) -> frozenset[str]:
    return table.setdefault(words, words)


def _sorted_words(text: str) -> str:
    return " ".join(sorted(set(text.split())))


def _split(
    groups: dict[float, set[int]],
    posting: frozenset[int],
    weight: float,
    collect: set[int] | None = None,
) -> dict[float, set[int]]:
    """Add `weight` to the patterns of every group that are in `posting`.

    Args:
        groups: shared weight so far -> the patterns with that weight.
        posting: the patterns that hold the word.
        weight: the word's weight.
        collect: if given, every pattern that holds the word is added to it.
    """
    split: dict[float, set[int]] = {}
    for total, members in groups.items():
        inside = members & posting
        if inside:
            if collect is not None:
                collect |= inside
            _merge(split, total + weight, inside)
            if len(inside) == len(members):
                continue
            members = members - posting
        _merge(split, total, members)
    return split


def _merge(groups: dict[float, set[int]], total: float, members: set[int]) -> None:
    if total in groups:
        groups[total] |= members
    else:
        groups[total] = members
