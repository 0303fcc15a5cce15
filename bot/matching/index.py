"""The frozen index over the intents' patterns, built once per content version.

Each word weighs by how well it separates intents, an IDF over the intents, so "vitamin"
and "k2" barely count while "d3" or "osteoclast" decide. Postings are sets, so candidates
are gathered and split by set operations in C rather than by a Python loop per pattern.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from dataclasses import dataclass

from bot.intents import Content, Intent, Kind
from bot.matching.lexicon import zipf
from bot.text import GENERIC_WORDS, QUESTION_WORDS, Normalizer, content_tokens

# Words used by nearly every intent still count a little, so "what is k2" can be answered.
MIN_WORD_WEIGHT = 0.12
# Caps on words that tell little: question words and everyday English.
QUESTION_WORD_WEIGHT = 0.4
GENERIC_WORD_WEIGHT = 0.8
# Everyday English in an article intent's patterns ("important", "everyone", "talking",
# Zipf >= 5.2) is the question's frame, not its topic, however few intents happen to use
# it: it weighs at most this, so "why is k2 so important for d3" is about D3, not
# about whatever pattern said "important". Domain terms keep their weight.
EVERYDAY_WORD_ZIPF = 5.2
EVERYDAY_WORD_WEIGHT = 2.0
# A number no article or out-of-scope pattern uses weighs as a generic word at most (see
# `Index.build`).
NUMBER_WEIGHT = GENERIC_WORD_WEIGHT
ANSWERED_BY_WORDS = frozenset({Kind.ARTICLE, Kind.OUT_OF_SCOPE})
# Large content: each word offers only its "champions", the patterns it matters most to
# (the shortest that hold it); see `bot.matching.scoring`.
CHAMPION_POOL = 1_200
# A domain term is a word the article and its intents use that is rarer than this in
# general English (Zipf scale): "osteocalcin" 1.4, "calcium" 3.8, "bone" 4.5 are; "type"
# 5.3, "health" 5.4, "benefit" 4.8 are not. An article answer needs one.
DOMAIN_ZIPF = 4.5
# An article intent's core terms are the domain terms at least this share of its patterns
# use ("calcium" for "why doesn't my calcium work", "k2" for most). A question naming none
# of them is at most offered that intent, never answered with it ("why do my legs cramp
# at night" names no calcium).
CORE_SHARE = 0.3
# When nearly every pattern of an intent names one distinguishing domain term (IDF at least
# REQUIRED_WEIGHT, so not "k2"), that term alone is its core: "d3" for "K2 with D3", so
# "k2 with my calcium pills at the same time" is not that intent.
REQUIRED_SHARE = 0.8
REQUIRED_WEIGHT = 1.0
# The article's subject: its topic terms (domain terms in at least TOPIC_SHARE of all
# article patterns: "k2") and its specific terms (domain terms rarer than SPECIFIC_ZIPF in
# general English: "osteocalcin", "mk7"). An intent whose patterns nearly all (ANCHOR_SHARE)
# name the subject is answered only for a question that names it too: "does walking help
# bone density" or "collagen for bone strength" are about bones, not about K2.
TOPIC_SHARE = 0.5
SPECIFIC_ZIPF = 2.5
ANCHOR_SHARE = 0.9
# A domain term whose English synonyms mostly name people ("elderly": "older people",
# "old man", "grandma") says whom a question is about or who is asking, not what it asks:
# "I'm 72, my old man asks what k2 is" asks what K2 is (see `bot.matching.scoring`).
# At least PEOPLE_SHARE of its ASCII synonyms hold one of these nouns.
PERSON_NOUNS = frozenset(
    """
    people person persons man men woman women lady ladies adult adults folk folks citizen
    citizens individuals patients population generation mother father mom mum dad parents
    grandmother grandfather grandma grandpa granny grandparents granddad grandad gramps nana
    """.split()
)
PEOPLE_SHARE = 0.3
# People named by their role rather than by kin or age: who advised the asker ("my
# pharmacist asked", "my physio says calcium alone isn't enough"), who the asker is or
# asks for ("a D3-K2 protocol for lifters", "if you're an athlete"), someone they know.
# Real questions tell this back-story around what they ask; like the people of
# PERSON_NOUNS, these words say who asks or who told them, never what is asked, so they
# are people terms (`Index.people`) whether or not a synonym names them.
ROLE_NOUNS = frozenset(
    """
    doctor doc gp physician pharmacist nutritionist dietitian dietician nurse physio
    physiotherapist chiropractor naturopath trainer coach dentist specialist
    endocrinologist rheumatologist orthopedist orthopaedist surgeon practitioner therapist
    athlete lifter weightlifter powerlifter bodybuilder runner cyclist climber swimmer
    husband wife friend coworker colleague neighbour neighbor son daughter grandson
    granddaughter grandkid grandchild sister brother aunt uncle boyfriend girlfriend
    """.split()
)


@dataclass(frozen=True, slots=True)
class IndexedPattern:
    """One pattern of one intent, normalised, with its content words."""

    intent: Intent
    text: str
    normalized: str
    tokens: frozenset[str]
    weight: float
    # The words that can carry an answer on their own (see `Index.build`).
    evidence: frozenset[str]


@dataclass(frozen=True, slots=True)
class Index:
    """Everything the scorer looks up, computed from the content and never changed.

    Attributes:
        patterns: every pattern, in content order.
        weights: word -> how well it separates intents.
        postings: word -> the patterns that hold it.
        evidence_postings: word -> the patterns for which it is evidence.
        intent_postings: word -> the intents (by number) whose patterns use it.
        pattern_intent, pattern_intent_id, pattern_weight, inverse_weight: per pattern, by
            position (its intent's number and id, its weight and 1 / weight), so the
            scorer's per-candidate loops index a tuple instead of following attributes.
        large: whether the content is searched approximately (champions and shortlist).
        champions: word -> its patterns, shortest first (large content only).
        vocabulary: known words, sorted, that a typo may be corrected to.
        chatter: words only small talk uses.
        intent_vocab: intent id -> every word of its patterns.
        sorted_patterns: each pattern's words, sorted, for the shape scan.
        by_shape_length, shape_lengths: the positions ordered by the length of their
            `sorted_patterns` entry, and those lengths, so the shape scan can skip the
            patterns too short or too long to look like the question.
        shapes_by_length: the `sorted_patterns` entries in that order, so the patterns
            whose length may look like the question are one slice.
        token_sorted: each pattern's words, sorted, repeats kept: what `token_sort_ratio`
            compares, prepared once instead of on every comparison.
        domain: the domain terms (see `DOMAIN_ZIPF`).
        core: article intent id -> its core terms (see `CORE_SHARE`).
        exclusive: article intent id -> the specific terms of the subject no other intent
            uses ("pancreas", "testis" for where the forms are made): named beside another
            term of the subject ("does the pancreas make k2"), one counts as a core term.
        anchors: the terms that name the article's subject (see `TOPIC_SHARE`).
        anchored: the article intents answered only when the question names the subject.
        people: the domain terms that name people rather than a topic (see `PEOPLE_SHARE`),
            and the roles no pattern uses (see `ROLE_NOUNS`).
        smalltalk_shapes: small-talk pattern position -> its content words, sorted, and
            False; or all its words and True when its content words are only question
            words ("how are you" is not "how?").
        smalltalk_positions: the small-talk patterns' positions, to set them apart from
            a group of candidates with one set operation.
        out_of_scope_words: the words only out-of-scope patterns use (the near-miss
            topics the editors named: "magnesium", "zinc"), worked out once instead of
            by walking a word's postings in every question.
        article_words: every word some article intent's patterns use: what the article
            addresses.
    """

    patterns: tuple[IndexedPattern, ...]
    weights: dict[str, float]
    postings: dict[str, frozenset[int]]
    evidence_postings: dict[str, frozenset[int]]
    intent_postings: dict[str, frozenset[int]]
    pattern_intent: tuple[int, ...]
    pattern_intent_id: tuple[str, ...]
    pattern_weight: tuple[float, ...]
    inverse_weight: tuple[float, ...]
    large: bool
    champions: dict[str, tuple[int, ...]]
    vocabulary: tuple[str, ...]
    chatter: frozenset[str]
    intent_vocab: dict[str, frozenset[str]]
    sorted_patterns: tuple[str, ...]
    by_shape_length: array[int]
    shape_lengths: array[int]
    shapes_by_length: tuple[str, ...]
    token_sorted: tuple[str, ...]
    domain: frozenset[str]
    core: dict[str, frozenset[str]]
    exclusive: dict[str, frozenset[str]]
    anchors: frozenset[str]
    anchored: frozenset[str]
    people: frozenset[str]
    smalltalk_shapes: dict[int, tuple[str, bool]]
    smalltalk_positions: frozenset[int]
    out_of_scope_words: frozenset[str]
    article_words: frozenset[str]

    @classmethod
    def build(
        cls,
        content: Content,
        normalizer: Normalizer,
        *,
        large_content: int,
        like: Index | None = None,
    ) -> Index:
        """Index `content`; over `large_content` patterns it is searched approximately.

        Args:
            content: the intents.
            normalizer: reads the patterns as questions are read.
            large_content: above this many patterns, the index is searched approximately.
            like: an index built with the same normaliser (another language's view of the
                same intents): the patterns it holds are not normalised again.
        """
        known = {p.text: p.normalized for p in like.patterns} if like is not None else {}
        per_intent: dict[str, set[str]] = defaultdict(set)
        raw: list[tuple[Intent, str, str, frozenset[str]]] = []
        # Equal word sets are one object: a large FAQ repeats them across its intents.
        interned: dict[frozenset[str], frozenset[str]] = {}
        for intent in content.intents:
            # All of a hand-written intent's patterns; of one grown by thousands of pasted
            # phrasings, the informative ones (see `bot.content.phrasings`).
            for pattern in content.indexed_patterns(intent):
                normalized = known.get(pattern)
                if normalized is None:
                    normalized = normalizer.normalize(pattern)
                tokens = frozenset(content_tokens(normalized))
                tokens = interned.setdefault(tokens, tokens)
                raw.append((intent, pattern, normalized, tokens))
                per_intent[intent.id] |= tokens
        n_intents = max(len(per_intent), 1)
        frequency: dict[str, int] = defaultdict(int)
        for vocabulary in per_intent.values():
            for token in vocabulary:
                frequency[token] += 1
        weights = {t: max(math.log(n_intents / df), MIN_WORD_WEIGHT) for t, df in frequency.items()}
        for word in QUESTION_WORDS & weights.keys():
            weights[word] = min(weights[word], QUESTION_WORD_WEIGHT)
        for word in GENERIC_WORDS & weights.keys():
            weights[word] = min(weights[word], GENERIC_WORD_WEIGHT)
        smalltalk = {i.id for i in content.of_kind(Kind.SMALLTALK)}
        declines = {i.id for i in content.of_kind(Kind.OUT_OF_SCOPE)}
        substantive = set().union(*(t for i, t in per_intent.items() if i not in smalltalk))
        chatter = frozenset(set().union(*(per_intent[i] for i in smalltalk)) - substantive)
        # The whole article: a question is matched on its start only, the article never.
        domain = set(content_tokens(normalizer.normalize(content.document.text, limit=None)))
        for canonical in content.synonyms:
            domain.update(content_tokens(normalizer.normalize(canonical)))
        article_words = set().union(*(per_intent[i.id] for i in content.of_kind(Kind.ARTICLE)))
        named = set(domain)
        domain_terms = frozenset(
            t
            for t in article_words & named
            if zipf(t) < DOMAIN_ZIPF and t not in QUESTION_WORDS and t not in GENERIC_WORDS
        )
        core = _core_terms(raw, domain_terms, weights)
        for word in article_words - domain_terms:
            # Measured on English questions only: other scripts keep their weight.
            if word.isascii() and zipf(word) >= EVERYDAY_WORD_ZIPF:
                weights[word] = min(weights[word], EVERYDAY_WORD_WEIGHT)
        answers = set().union(
            *(per_intent.get(i.id, ()) for i in content.intents if i.kind in ANSWERED_BY_WORDS)
        )
        for word in weights.keys() - answers:
            # A number only safety patterns use ("my 5 year old", "200 mcg") is no topic of
            # the article's: safety refers by its triggers, and in "5 Surprising Benefits
            # of Vitamin K2" or "top 10 k2 facts" it is a count, not a child's age.
            if word.isdigit():
                weights[word] = min(weights[word], NUMBER_WEIGHT)
        anchors, anchored = _subject(raw, domain_terms)
        people = _people_terms(content, normalizer, domain_terms) | _role_terms(weights)
        exclusive = _exclusive_terms(per_intent, anchors, content)

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

        patterns = tuple(
            IndexedPattern(
                intent,
                text,
                normalized,
                tokens,
                # `fsum` rounds once, exactly: a sum over the set's (hash-seeded) order
                # could differ in the last bit between processes and swap tied replies.
                math.fsum([weights[t] for t in tokens]),
                _interned(interned, evidence(intent, tokens)),
            )
            for intent, text, normalized, tokens in raw
        )
        shapes: dict[str, str] = {}
        sorted_patterns = tuple(
            shapes.setdefault(shape, shape)
            for shape in (sorted_words(p.normalized) for p in patterns)
        )
        # Machine integers, not a tuple of int objects: 100,000 patterns would take MBs.
        by_shape_length = array(
            "l", sorted(range(len(sorted_patterns)), key=lambda n: len(sorted_patterns[n]))
        )
        intent_vocab = {i: _interned(interned, frozenset(t)) for i, t in per_intent.items()}
        postings_lists: dict[str, list[int]] = defaultdict(list)
        evidence_lists: dict[str, list[int]] = defaultdict(list)
        for position, indexed in enumerate(patterns):
            for token in indexed.tokens:
                postings_lists[token].append(position)
            for token in indexed.evidence:
                evidence_lists[token].append(position)
        postings = {t: frozenset(p) for t, p in postings_lists.items()}
        evidence_postings = {
            # Most patterns' evidence is all their words: share the posting then.
            t: postings[t] if len(p) == len(postings[t]) else frozenset(p)
            for t, p in evidence_lists.items()
        }
        intent_number = {intent_id: n for n, intent_id in enumerate(per_intent)}
        intent_lists: dict[str, list[int]] = defaultdict(list)
        for intent_id, vocabulary in per_intent.items():
            for token in vocabulary:
                intent_lists[token].append(intent_number[intent_id])
        pattern_weight = tuple(p.weight for p in patterns)
        large = len(patterns) > large_content
        champions: dict[str, tuple[int, ...]] = {}
        if large:
            # A shared word explains most of a short pattern: those come first.
            champions = {
                token: tuple(sorted(posting, key=lambda i: (pattern_weight[i], i))[:CHAMPION_POOL])
                for token, posting in postings_lists.items()
            }
        return cls(
            patterns=patterns,
            weights=weights,
            postings=postings,
            evidence_postings=evidence_postings,
            intent_postings={t: frozenset(p) for t, p in intent_lists.items()},
            pattern_intent=tuple(intent_number[p.intent.id] for p in patterns),
            pattern_intent_id=tuple(p.intent.id for p in patterns),
            pattern_weight=pattern_weight,
            inverse_weight=tuple(1.0 / w if w > 0 else 0.0 for w in pattern_weight),
            large=large,
            champions=champions,
            vocabulary=tuple(sorted(frequency)),
            chatter=chatter,
            intent_vocab=intent_vocab,
            sorted_patterns=sorted_patterns,
            by_shape_length=by_shape_length,
            shape_lengths=array("l", (len(sorted_patterns[n]) for n in by_shape_length)),
            shapes_by_length=tuple(sorted_patterns[n] for n in by_shape_length),
            token_sorted=tuple(
                shapes.setdefault(shape, shape)
                for shape in (token_sorted(p.normalized) for p in patterns)
            ),
            domain=domain_terms,
            core=core,
            exclusive=exclusive,
            anchors=anchors,
            anchored=anchored,
            people=people,
            smalltalk_shapes={
                n: _smalltalk_shape(p)
                for n, p in enumerate(patterns)
                if p.intent.kind is Kind.SMALLTALK
            },
            smalltalk_positions=frozenset(
                n for n, p in enumerate(patterns) if p.intent.kind is Kind.SMALLTALK
            ),
            out_of_scope_words=frozenset(
                set().union(*(per_intent.get(i.id, ()) for i in content.of_kind(Kind.OUT_OF_SCOPE)))
                - set().union(
                    *(t for i, t in per_intent.items() if i not in declines),
                )
            ),
            article_words=frozenset(article_words),
        )


def _subject(
    raw: list[tuple[Intent, str, str, frozenset[str]]], domain: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The terms naming the article's subject, and the intents that need one named."""
    article = [(intent.id, tokens) for intent, _, _, tokens in raw if intent.kind is Kind.ARTICLE]
    if not article:
        return frozenset(), frozenset()
    usage: dict[str, int] = defaultdict(int)
    for _, tokens in article:
        for token in tokens & domain:
            usage[token] += 1
    anchors = frozenset(
        t for t, n in usage.items() if n >= TOPIC_SHARE * len(article) or zipf(t) < SPECIFIC_ZIPF
    )
    named: dict[str, list[bool]] = defaultdict(list)
    for intent_id, tokens in article:
        named[intent_id].append(bool(tokens & anchors))
    anchored = frozenset(i for i, marks in named.items() if sum(marks) >= ANCHOR_SHARE * len(marks))
    return anchors, anchored


def _role_terms(weights: dict[str, float]) -> frozenset[str]:
    """The role nouns (`ROLE_NOUNS`), as the matcher reads them, that no pattern uses.

    A role a pattern names is that pattern's word: it keeps its weight and its part.
    """
    return frozenset(
        token for word in ROLE_NOUNS for token in content_tokens(word) if token not in weights
    )


def _people_terms(
    content: Content, normalizer: Normalizer, domain: frozenset[str]
) -> frozenset[str]:
    """The domain terms whose English synonyms mostly name people (see `PEOPLE_SHARE`)."""
    people = set()
    for canonical, variants in content.synonyms.items():
        terms = content_tokens(normalizer.normalize(canonical))
        english = [v for v in variants if v.isascii()]
        if len(terms) != 1 or terms[0] not in domain or not english:
            continue
        naming = sum(bool(PERSON_NOUNS & set(v.lower().split())) for v in english)
        if naming >= PEOPLE_SHARE * len(english):
            people.add(terms[0])
    return frozenset(people)


def _exclusive_terms(
    per_intent: dict[str, set[str]], anchors: frozenset[str], content: Content
) -> dict[str, frozenset[str]]:
    """Each article intent's specific subject terms that no other intent's patterns use.

    Words, not numbers: "87" is also a petrol grade.
    """
    users: dict[str, int] = defaultdict(int)
    for vocabulary in per_intent.values():
        for token in vocabulary & anchors:
            users[token] += 1
    return {
        intent.id: frozenset(
            t for t in per_intent[intent.id] & anchors if users[t] == 1 and t.isalpha()
        )
        for intent in content.of_kind(Kind.ARTICLE)
    }


def _core_terms(
    raw: list[tuple[Intent, str, str, frozenset[str]]],
    domain: frozenset[str],
    weights: dict[str, float],
) -> dict[str, frozenset[str]]:
    """Each article intent's core terms: the given domain terms many of its patterns use."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sizes: dict[str, int] = defaultdict(int)
    for intent, _, _, tokens in raw:
        if intent.kind is not Kind.ARTICLE:
            continue
        sizes[intent.id] += 1
        for token in tokens & domain:
            counts[intent.id][token] += 1
    core = {}
    for intent_id, size in sizes.items():
        used = counts[intent_id]
        required = frozenset(
            t
            for t, n in used.items()
            if n >= REQUIRED_SHARE * size and weights[t] >= REQUIRED_WEIGHT
        )
        frequent = frozenset(t for t, n in used.items() if n >= CORE_SHARE * size)
        core[intent_id] = required or frequent or frozenset(used)
    return core


def _smalltalk_shape(pattern: IndexedPattern) -> tuple[str, bool]:
    if pattern.tokens - QUESTION_WORDS:
        return sorted_words(" ".join(pattern.tokens)), False
    return sorted_words(pattern.normalized), True


def sorted_words(text: str) -> str:
    """The distinct words of `text`, sorted: a shape that ignores order and repeats."""
    return " ".join(sorted(set(text.split())))


def token_sorted(text: str) -> str:
    """The words of `text`, sorted, repeats kept: what `fuzz.token_sort_ratio` compares.

    So `fuzz.ratio(token_sorted(a), token_sorted(b))` equals `token_sort_ratio(a, b)`.
    """
    return " ".join(sorted(text.split()))


def _interned(table: dict[frozenset[str], frozenset[str]], words: frozenset[str]) -> frozenset[str]:
    return table.setdefault(words, words)
