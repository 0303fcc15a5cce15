"""Score the intents for one normalised question.

Each pattern is scored by mixing two signals:

* a weighted word overlap (an F-measure of how much of the question the intent explains
  and how much of the pattern the question covers); words the bot has never seen count
  against a match;
* the question's shape: the mean of rapidfuzz's `token_set_ratio` and `token_sort_ratio`
  over the normalised text, which rewards questions shaped like a pattern ("what is k2")
  without taking a pattern inside a question (or the reverse) for a match.

A question is answered only on evidence: a distinguishing word it shares with the intent,
or a near-identical shape.

Content of many thousands of patterns is searched as a search engine does, approximately:
each word offers its champions (its shortest patterns) and only the best candidates by word
overlap are scored in full; smaller content, the shipped intents included, is scored
exhaustively.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import islice

from rapidfuzz import fuzz, process

from bot.intents import Kind
from bot.matching.decide import Candidate, Thresholds, prefer_place_of_making
from bot.matching.index import (
    CHAMPION_POOL,
    PERSON_NOUNS,
    Index,
    IndexedPattern,
    sorted_words,
    token_sorted,
)
from bot.matching.lexicon import stem_zipf, zipf
from bot.matching.main_content import made_from_near_miss, mainly_elsewhere, read_as_tokens
from bot.matching.smalltalk import smalltalk_misfit
from bot.text import GENERIC_WORDS, QUESTION_WORDS, content_tokens

# A word the intents never use is evidence the question is about something else, the more
# so the rarer it is in general English: its weight is UNKNOWN_WORD_SCALE per Zipf point
# below COMMON_ZIPF ("coffee" 4.9 weighs about 1.1, "collagen" 3.3 about 1.9), within
# these bounds. A word wordfreq has never seen (a typo, another language) gets the most.
UNKNOWN_WORD_SCALE = 0.5
COMMON_ZIPF = 7.0
MIN_UNKNOWN_WEIGHT = 0.5
MAX_UNKNOWN_WEIGHT = 3.0
# A word not in the English list at all is as likely another language or a typo as a rare
# topic, so it counts against a match only moderately.
ABSENT_WORD_WEIGHT = 1.5
# To be answered, a question shares an evidence word at least this distinguishing (about
# one intent in three uses it), or is shaped almost exactly like a pattern.
DISTINCT_WORD = 1.0
SHAPE_MATCH = 0.86
# A word this common in general English ("next", "week", "per", "many", "8") is no
# evidence however few intents use it: "set my alarm for 8" is not "is k2 ok for my 8 year
# old", and "request vacation for next week" is not "an operation next week". Domain terms
# stay evidence, and small talk's words stay its evidence ("later"); "amount" (5.1) is one.
EVERYDAY_ZIPF = 5.2
# Domain terms this common in general English ("bone", "vitamin", "supplement", "gut")
# are also everyday words. A question whose only domain terms are such words, that doesn't
# name the article's subject, and that is about something else an intent doesn't explain
# ("what vitamins are in spinach", "how many bones does a shark have") is not offered that
# intent: it is an everyday question, not a K2 one.
EVERYDAY_DOMAIN_ZIPF = 3.9
# An article candidate whose patterns never name a specific domain term the question names
# loses this many points (see `_weigh_unexplained_terms`).
UNEXPLAINED_TERM_PENALTY = 10.0
# A word only out-of-scope intents use and rarer than this in general English ("magnesium"
# 3.5, "zinc" 3.6; not "iron" 4.7 or "price") names a near miss: article answers are held
# back to suggestions (see `near_miss_terms`).
NEAR_MISS_TERM_ZIPF = EVERYDAY_DOMAIN_ZIPF
# ...when a decline that explains the word scores within this many points of the article
# answer (see `_near_miss_decline_score`).
NEAR_MISS_REACH = 10.0
# ...and when a rival within this many points (after the penalty) names every such term,
# the leader falls this many points behind it (see `_prefer_rival_naming_all`).
RIVAL_REACH = 10.0
RIVAL_LEAD = 3.5
# An article answer needs the intent to explain the question's main word: a word it
# doesn't explain may outweigh the heaviest one it does by at most this factor.
# Everyday words, and words no intent uses that are commoner than TOPIC_ZIPF in English
# ("five", "deal"), are not what a question is about, and don't count on either side.
MAIN_WORD_MARGIN = 3.0
TOPIC_ZIPF = 5.1
# A term naming people ("elderly": "my old man", "grandma") says who asks or whom the
# question is about, not what it asks: in the question it weighs at most this, and it is
# neither a specific term an answer must explain nor the question's main word.
PEOPLE_WEIGHT = 1.0
# How much the words of an intent's other patterns explain, against the matched pattern's own.
VOCABULARY_SHARE = 0.8
# How much of a score is word overlap; the rest is shape.
OVERLAP_SHARE = 0.8
# Small talk must explain a whole message: F-beta below 1 favours precision, and every
# word that is not small talk counts heavily against it.
SMALLTALK_PRECISION_BIAS = 0.5
SMALLTALK_OTHER_WORD_WEIGHT = 2.0
# A message naming the article's domain ("yo does k2 even do anything") is not small talk.
SMALLTALK_DOMAIN_WORD_WEIGHT = 4.0
# Words lighter than this, and question words, do not make a pattern a candidate on
# their own ("k2", "what"); they still count once a pattern is a candidate.
CANDIDATE_WORD_WEIGHT = 0.3
# Patterns this similar in shape become candidates even without a distinguishing word.
SHAPED_CUTOFF = 60
# Candidates (by word overlap) that also get the costlier shape score.
SHAPED_CANDIDATES = 24
# How many patterns shaped like the question join the candidates (`_shaped_like`).
SHAPED_PATTERNS = 8
MIN_CHAMPIONS = 60
PAIRED_WORDS = 4
CANDIDATE_BUDGET = 200
# The F-beta's constants for small talk, computed once (the same values as per call).
_SMALLTALK_BETA_SQUARED = SMALLTALK_PRECISION_BIAS**2
_SMALLTALK_BETA_FACTOR = 1 + _SMALLTALK_BETA_SQUARED


@dataclass(frozen=True, slots=True)
class _Query:
    normalized: str
    weights: dict[str, float]
    weight: float


# A word fragment this long that begins domain terms ("osteo") stands for all of them, and
# earns suggestions only; real English words ("calc" aside, a synonym) are not fragments.
MIN_FRAGMENT = 4
FRAGMENT_ZIPF = 3.0


# A bare break ("break", "breaking", "snapped": see synonyms.yaml) is an everyday word, but
# in a question that also names a bone it is the break of a bone, a fracture, however the
# words fall ("stop my bones breaking", "bones so they don't break"): it then reads as the
# domain term "fracture", the fracture answer's core term.
BREAK_WORD = "break"
FRACTURE_TERM = "fracture"
BONE_WORDS = frozenset({"bone", "hip", "wrist", "rib", "skeleton"})


def query_tokens(normalized: str, correct: Callable[[str], str]) -> list[str]:
    """The question's content words, typos corrected, each once, in order."""
    tokens = [correct(t) for t in content_tokens(normalized)]
    if BREAK_WORD in tokens and not BONE_WORDS.isdisjoint(tokens):
        tokens = [FRACTURE_TERM if t == BREAK_WORD else t for t in tokens]
    return list(dict.fromkeys(tokens))


def unknown_word_weight(token: str) -> float:
    """How much a word no intent uses counts against a match (see `UNKNOWN_WORD_SCALE`).

    A stem weighs as the commonest word it may come from ("alway" as "always").
    """
    frequency = stem_zipf(token)
    if frequency <= 0.0:
        return ABSENT_WORD_WEIGHT
    weight = UNKNOWN_WORD_SCALE * (COMMON_ZIPF - frequency)
    return min(max(weight, MIN_UNKNOWN_WEIGHT), MAX_UNKNOWN_WEIGHT)


def expand_fragments(index: Index, tokens: list[str]) -> tuple[list[str], bool]:
    """Replace word fragments ("osteo") by the domain terms they begin.

    Returns:
        The tokens, and whether any fragment was expanded (the match is then a guess).
    """
    expanded: list[str] = []
    any_fragment = False
    for token in tokens:
        if (
            len(token) >= MIN_FRAGMENT
            and token not in index.weights
            and token.isalpha()
            and zipf(token) < FRAGMENT_ZIPF
        ):
            completions = sorted(t for t in index.domain if t.startswith(token))
            if completions:
                expanded.extend(completions)
                any_fragment = True
                continue
        expanded.append(token)
    return list(dict.fromkeys(expanded)), any_fragment


def gate(
    index: Index,
    tokens: list[str],
    ranked: list[Candidate],
    limits: Thresholds,
    *,
    guess: bool = False,
    normalized: str = "",
    correct: Callable[[str], str] | None = None,
) -> list[Candidate]:
    """Apply the domain requirement and the core terms to ranked candidates.

    An article intent can be answered or offered only when the question names a domain
    term; it is answered only when the question names one of its core terms (and the
    article's subject, for intents whose patterns name it), never on a guessed fragment,
    and never when the question is mainly about something the article doesn't address
    (`bot.matching.main_content`: `normalized`, the question with its stopwords, tells
    how its words are joined; `correct`, the typo corrector, reads them as `tokens` are).
    """
    words = set(tokens)
    if not words & index.domain:
        return [c for c in ranked if c.intent.kind is not Kind.ARTICLE]
    off_topic_words = _everyday_off_topic_words(index, tokens)
    ceiling = round(_suggestion_ceiling(limits) * 100.0, 1)
    # A number the article uses ("87") is no name of its subject for the domain
    # requirement: "what is 87 percent of 200" names neither K2 nor a core term.
    names_subject = any(not w.isdigit() for w in words & index.anchors)
    other_codes = _sibling_codes(index, tokens)
    near_miss_score = _near_miss_decline_score(index, words, ranked)
    said = normalized.split()
    terms = near_miss_terms(index, words)
    # What the main-word and Russian near-miss checks need of each word does not depend on
    # the candidate: worked out once, on the first candidate that needs it.
    main_words: list[tuple[str, float, float]] | None = None
    russian_near_misses: list[str] | None = None
    gated = []
    for candidate in ranked:
        if candidate.intent.kind is Kind.ARTICLE and (
            (
                off_topic_words
                and not off_topic_words <= index.intent_vocab.get(candidate.intent.id, frozenset())
            )
            # Naming neither K2 nor the intent's core terms, the question shares only a side
            # word with it ("what color absorbs the most heat", "define bacteria"): not even
            # worth offering (the domain requirement for suggestions).
            or (not names_subject and not guess and _misses_core(index, candidate.intent.id, words))
        ):
            continue
        if (
            candidate.intent.kind is Kind.ARTICLE
            and candidate.score > ceiling
            and (
                guess
                or other_codes
                or _misses_core(index, candidate.intent.id, words)
                or (candidate.intent.id in index.anchored and not words & index.anchors)
                or _main_word_unexplained_of(
                    index.intent_vocab.get(candidate.intent.id, frozenset()),
                    main_words
                    if main_words is not None
                    else (main_words := _main_word_facts(index, tokens)),
                )
                or _explains_not(
                    index.intent_vocab.get(candidate.intent.id, frozenset()),
                    russian_near_misses
                    if russian_near_misses is not None
                    else (russian_near_misses := _russian_near_miss_words(index, tokens)),
                )
                or (not names_subject and _rests_on_one_word(index, candidate, words))
                or candidate.score - near_miss_score <= NEAR_MISS_REACH
                or mainly_elsewhere(
                    index, tokens, said, terms, candidate, ranked, NEAR_MISS_REACH, correct
                )
                is not None
            )
        ):
            candidate = replace(candidate, score=ceiling, exact=False, guess=True)
        gated.append(candidate)
    if terms and not guess:
        gated = _decline_what_it_is_made_from(index, said, terms, gated, ceiling, correct)
    if not guess:
        # A fragment's terms are alternatives ("osteo"), not all named at once.
        gated = _weigh_unexplained_terms(index, words, gated)
    gated.sort(key=lambda c: (c.score, c.exact), reverse=True)
    return prefer_place_of_making(words, gated, index.postings, index.pattern_intent_id)


# How far a decline that explains what the subject is said to be made from is put ahead of
# the article answers held back for it (`_decline_what_it_is_made_from`).
SOURCE_DECLINE_LEAD = 0.5


def _decline_what_it_is_made_from(
    index: Index,
    said: list[str],
    terms: frozenset[str],
    gated: list[Candidate],
    ceiling: float,
    correct: Callable[[str], str] | None,
) -> list[Candidate]:
    """`gated`, with the decline put first when the question asks what the subject is made of.

    "is K1 converted into MK-4 in the body?", "MK-4 gets made from K1 in the testes?": the
    question is about vitamin K1 (`main_content.made_from_near_miss`), which the article
    never mentions, so every article answer is held back to a suggestion (`gate`); a long
    question still scores low on the decline's short patterns ("vitamin k1"), so the held
    back answer would be the one offered, with no word of why. The decline that explains
    the term is put just ahead of the ceiling: it is given, and the article topic the rest
    asks about is offered under it (`bot.matching.runner_up`). Not when an article answer
    still stands above the ceiling (an exact match is never held back).
    """
    source = made_from_near_miss(index, read_as_tokens(said, correct or str), terms)
    if source is None or any(c.intent.kind is Kind.ARTICLE and c.score > ceiling for c in gated):
        return gated
    lifted = round(ceiling + SOURCE_DECLINE_LEAD, 1)
    return [
        replace(c, score=max(c.score, lifted))
        if c.intent.kind is Kind.OUT_OF_SCOPE
        and source in index.intent_vocab.get(c.intent.id, frozenset())
        else c
        for c in gated
    ]


# The small-talk words of the last few indexes (see `_smalltalk_words`), by the index's
# identity: a responder of several languages asks with two indexes in turn (one slot was
# swapped at every change of language, 20 µs each time); a reload builds new ones, and the
# old are let go once the slots are full.
_SMALLTALK_WORDS: dict[int, tuple[Index, frozenset[str], frozenset[str]]] = {}
SMALLTALK_WORDS_KEPT = 4


def _smalltalk_words(index: Index) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of the small-talk patterns, and the formulas among them.

    Formulas are the words only small talk uses that make a pattern on their own:
    "thanks", "bye", "hello".
    """
    cached = _SMALLTALK_WORDS.get(id(index))
    # The index is kept with its words, so its identity is never another's while kept.
    if cached is not None and cached[0] is index:
        return cached[1], cached[2]
    smalltalk = [index.patterns[p] for p in index.smalltalk_positions]
    vocabulary = frozenset().union(*(p.tokens for p in smalltalk))
    formulas = frozenset(
        word for p in smalltalk if len(p.tokens) == 1 for word in p.tokens if word in index.chatter
    )
    if len(_SMALLTALK_WORDS) >= SMALLTALK_WORDS_KEPT:
        _SMALLTALK_WORDS.clear()  # threads may race here, and either result is right
    _SMALLTALK_WORDS[id(index)] = (index, vocabulary, formulas)
    return vocabulary, formulas


def _unfit_smalltalk(
    index: Index, tokens: list[str], normalized: str, positions: set[int] | frozenset[int]
) -> set[int]:
    """The small-talk patterns among the candidates that don't fit the whole message.

    See `bot.matching.smalltalk.smalltalk_misfit`. Pattern by pattern, so an intent's
    fitting pattern ("hey" in "hey whats up") still counts when another ("hey how are you
    doing") doesn't. A topic word is an English word no small-talk pattern uses, and not a
    domain term (those are weighed apart), question word or generic word.

    Args:
        index: the content's index.
        tokens: the question's content words.
        normalized: the question after `Normalizer.normalize`.
        positions: the small-talk patterns among the candidates.
    """
    if not positions:
        return set()
    patterns = index.patterns
    vocabulary, formulas = _smalltalk_words(index)
    topics = frozenset(
        t
        for t in tokens
        if t not in vocabulary
        and t not in index.domain
        and t not in QUESTION_WORDS
        and t not in GENERIC_WORDS
        and zipf(t) > 0.0
    )
    # Read words and stems both: a synonym may fold "thank you" into "thanks" ("thank").
    said = normalized.split()
    words = set(said) | set(tokens)
    opener = said[0] if said else ""
    names_domain = any(t in index.domain for t in tokens)
    return {
        p
        for p in positions
        if patterns[p].normalized != normalized
        and smalltalk_misfit(
            patterns[p].normalized,
            patterns[p].tokens,
            words,
            topics,
            formulas,
            opener,
            names_domain=names_domain,
        )
        is not None
    }


def _rests_on_one_word(index: Index, candidate: Candidate, words: set[str]) -> bool:
    """Whether an article intent explains only one word of a question that doesn't name K2.

    "what does calcium do in the body" shares only "calcium" with "why doesn't my calcium
    work": without the subject named, one domain term is a topic the question shares
    with the article, not evidence that it asks what the article says ("calcium pills not
    working" shares "calcium", "supplement" and "work"; "why doesn't my calcium work",
    "calcium" and "work"). Question words and small talk don't count; a question said
    exactly as a pattern is that pattern's.
    """
    if candidate.exact:
        return False
    explained = words & index.intent_vocab.get(candidate.intent.id, frozenset())
    counted = [
        w
        for w in explained
        if w not in QUESTION_WORDS
        and w not in index.chatter
        and index.weights.get(w, 0.0) >= CANDIDATE_WORD_WEIGHT
    ]
    return len(counted) < 2


def _sibling_codes(index: Index, tokens: list[str]) -> list[str]:
    """Words no intent uses that are coded like a name of the subject, with other digits.

    "mk5" beside "mk4" and "mk7", "k3" beside "k2": the same naming scheme, another thing
    ("mk4 vs mk5 jetta" is about cars), which the article doesn't describe. A question
    naming one is at most offered an article answer.
    """
    codes = []
    for token in tokens:
        letters = token.rstrip("0123456789")
        if not letters or letters == token or not letters.isalpha() or token in index.weights:
            continue
        if any(a != token and a.rstrip("0123456789") == letters for a in index.anchors):
            codes.append(token)
    return codes


def specific_terms(index: Index, words: set[str] | frozenset[str]) -> frozenset[str]:
    """The question's specific domain terms, its subject's names aside ("calcium", "d3").

    Rarer than `EVERYDAY_DOMAIN_ZIPF` in general English; "k2" and the other names of the
    subject are left out, as most intents share them.
    """
    return frozenset(
        t
        for t in words & index.domain
        if t not in index.anchors and t not in index.people and zipf(t) < EVERYDAY_DOMAIN_ZIPF
    )


def most_terms_named(index: Index, specific: frozenset[str], ranked: list[Candidate]) -> int:
    """How many of the `specific` terms the article candidate naming the most of them names."""
    vocabulary = index.intent_vocab
    empty: frozenset[str] = frozenset()
    return max(
        (
            len(specific & vocabulary.get(c.intent.id, empty))
            for c in ranked
            if c.intent.kind is Kind.ARTICLE
        ),
        default=0,
    )


def left_out_terms(
    index: Index, candidate: Candidate, specific: frozenset[str], most_named: int | None = None
) -> frozenset[str]:
    """The `specific` terms an article candidate's patterns never name (none for others).

    With `most_named` (see `most_terms_named`), only when another article candidate names
    more of them: a term that no answer names beside the others is no reason to prefer
    one answer, and so costs none of them ("japan approved k2 for osteoporosis, does it
    lower fractures": the fracture answer names fractures, the elderly one osteoporosis,
    no answer both).
    """
    if candidate.intent.kind is not Kind.ARTICLE or candidate.exact:
        return frozenset()
    named = specific & index.intent_vocab.get(candidate.intent.id, frozenset())
    if most_named is not None and len(named) >= most_named:
        return frozenset()
    return specific - named


def _weigh_unexplained_terms(
    index: Index, words: set[str], ranked: list[Candidate]
) -> list[Candidate]:
    """Lower the article candidates that leave a specific domain term of the question out.

    "what does k2 do with calcium" is shaped like "what does k2 do" (the benefits), but
    calcium is what it asks about: an intent whose patterns never name a specific term the
    question names (see `specific_terms`) loses `UNEXPLAINED_TERM_PENALTY` points, so one
    that explains it can come first, or the two are offered. The penalty is measured
    against the article candidate naming the most of those terms: one that names as many
    as it loses nothing, so a question joining two topics no single answer joins
    (fractures and osteoporosis) keeps its best answer's score instead of every answer
    falling 10 points, to a suggestion or the fallback.
    """
    specific = specific_terms(index, words)
    if not specific:
        return ranked
    weighed = []
    intent_vocab = index.intent_vocab
    empty: frozenset[str] = frozenset()
    most_named = most_terms_named(index, specific, ranked)
    for candidate in ranked:
        # `left_out_terms(index, candidate, specific, most_named)`, without building the set.
        if (
            candidate.intent.kind is Kind.ARTICLE
            and not candidate.exact
            and len(specific & intent_vocab.get(candidate.intent.id, empty)) < most_named
        ):
            candidate = Candidate(
                candidate.intent,
                round(max(candidate.score - UNEXPLAINED_TERM_PENALTY, 0.0), 1),
                candidate.pattern,
                candidate.exact,
                candidate.guess,
            )
        weighed.append(candidate)
    return _prefer_rival_naming_all(index, specific, weighed, most_named)


def _prefer_rival_naming_all(
    index: Index, specific: frozenset[str], weighed: list[Candidate], most_named: int
) -> list[Candidate]:
    """Put first a close rival whose patterns name every specific term the leader leaves out.

    "how does k2 get calcium from the blood into the bones" shares more words with "how
    does k2 get from the blood into bone" (how K2 itself reaches bone) than with the
    osteocalcin answer, which is the one about calcium going into bone: the leader explains
    the question's everyday words, the rival what it asks about. Within `RIVAL_REACH`
    points (after the penalty), the rival comes first, `RIVAL_LEAD` points ahead, so the
    answer is the one that names what the question names.
    """
    ordered = sorted(weighed, key=lambda c: (c.score, c.exact), reverse=True)
    if not ordered:
        return ordered
    leader = ordered[0]
    if leader.intent.kind is not Kind.ARTICLE or not left_out_terms(
        index, leader, specific, most_named
    ):
        return ordered
    for rival in ordered[1:]:
        if leader.score - rival.score > RIVAL_REACH:
            break
        if (
            rival.intent.kind is Kind.ARTICLE
            and not rival.guess
            and not left_out_terms(index, rival, specific, most_named)
        ):
            lowered = replace(leader, score=round(max(rival.score - RIVAL_LEAD, 0.0), 1))
            rest = [c for c in ordered if c is not leader]
            return sorted([*rest, lowered], key=lambda c: (c.score, c.exact), reverse=True)
    return ordered


def _everyday_off_topic_words(index: Index, tokens: list[str]) -> frozenset[str]:
    """The topic words of an everyday question that merely mentions the domain.

    A question that names neither the article's subject nor a domain term rarer than
    `EVERYDAY_DOMAIN_ZIPF` ("calcium", "osteocalcin", "fracture"), only everyday ones
    ("bone", "vitamin", numbers such as "87"), is about its other topic words if it has
    any: "spinach" in "what vitamins are in spinach", "flu" in "what are the symptoms of
    the flu". An article intent that doesn't explain them is not answered or offered.

    Returns:
        Those topic words (English words that are not domain terms, small talk, question
        words or generic: "water" in "what's the density of water" too), or an empty set
        when the question names the subject or a specific domain term, or has no such word.
        A specific term counts as everyday too when no other topic word is one an article
        intent uses and they outnumber the domain terms ("fractured phone screen"). A
        word the English list lacks (a typo, another language) is no topic word.
    """
    if any(token in index.anchors for token in tokens):
        return frozenset()
    topic_words = frozenset(
        token
        for token in tokens
        if token not in index.domain
        and token not in index.chatter
        and token not in GENERIC_WORDS
        and token not in QUESTION_WORDS
        and 0.0 < zipf(token)
    )
    specific = [
        token
        for token in tokens
        if token in index.domain and not token.isdigit() and zipf(token) < EVERYDAY_DOMAIN_ZIPF
    ]
    if specific:
        # A specific term said in its everyday sense ("fractured phone screen", "the team
        # is fractured"): none of the question's other topic words is one the article's
        # intents ever use, and they outnumber its domain terms. "fractured hip" and
        # "calcium tablets but my legs still hurt" speak the article's words.
        if topic_words & index.article_words:
            return frozenset()
        named = sum(1 for token in tokens if token in index.domain and not token.isdigit())
        return topic_words if len(topic_words) > named else frozenset()
    return topic_words


def _main_word_facts(index: Index, tokens: list[str]) -> list[tuple[str, float, float]]:
    """Each word that may be what the question is about, with what it weighs for and against.

    (word, its weight for an intent that explains it, its weight against one that doesn't.)
    What `_main_word_unexplained_of` needs of the question, the same for every candidate,
    so `gate` works it out once per question rather than once per candidate.
    """
    facts: list[tuple[str, float, float]] = []
    for token in tokens:
        if (
            token in index.chatter
            or token in GENERIC_WORDS
            or token in QUESTION_WORDS
            or token in index.people
        ):
            continue
        known = index.weights.get(token)
        if known is not None:
            facts.append((token, known or 0.0, known))
        elif zipf(token) < TOPIC_ZIPF:
            # A word no intent uses is a topic only if it isn't everyday English ("five",
            # "deal" are not; "sleep", "liver" are).
            facts.append((token, 0.0, unknown_word_weight(token)))
    return facts


def _main_word_unexplained_of(
    vocabulary: frozenset[str], facts: list[tuple[str, float, float]]
) -> bool:
    """Whether the question's weightiest word is one the intent does not explain.

    "does k2 help with sleep": "sleep" far outweighs everything the benefits intent
    explains ("k2", "help"), so the question is about sleep, which the article doesn't
    address. Everyday words ("meaning", "need") and question words are not what a
    question is about, so they never count here (`_main_word_facts` leaves them out).

    Args:
        vocabulary: the intent's vocabulary (`Index.intent_vocab`).
        facts: the question's `_main_word_facts`.
    """
    explained = unexplained = 0.0
    for token, for_it, against_it in facts:
        if token in vocabulary:
            explained = max(explained, for_it)
        else:
            unexplained = max(unexplained, against_it)
    return unexplained > explained * MAIN_WORD_MARGIN


def near_miss_terms(index: Index, words: set[str] | frozenset[str]) -> frozenset[str]:
    """The question's words that only out-of-scope intents use, rarer than everyday words.

    "magnesium", "zinc", "vitamin A" (read as `vita`), "collagen": another nutrient named
    beside K2 and D3 makes the question about that nutrient, which the article doesn't
    cover, however well the rest matches "should K2 be taken with D3". Words as rare as
    `NEAR_MISS_TERM_ZIPF` at most, so an everyday word a decline happens to use
    ("price", "night") is no such term.
    """
    out_of_scope_only = index.out_of_scope_words
    return frozenset(
        word
        for word in words
        if word in out_of_scope_only
        and word not in index.domain
        and word not in QUESTION_WORDS
        and word not in GENERIC_WORDS
        and zipf(word) < NEAR_MISS_TERM_ZIPF
    )


def _near_miss_decline_score(index: Index, words: set[str], ranked: list[Candidate]) -> float:
    """The best score of a decline that explains a near-miss term the question names.

    "should i take magnesium with d3 and k2" is shaped like "should i take k2 with d3", but
    the decline for other minerals explains "magnesium" and scores close behind: an article
    answer within `NEAR_MISS_REACH` points of it is held back to a suggestion, so the
    decline (which still mentions K2 with D3) is given. A decline far behind ("k2 natto
    mk7 difference vs mk4": the forms are what it asks) holds nothing back.
    """
    terms = near_miss_terms(index, words)
    if not terms:
        return -1000.0
    return max(
        (
            c.score
            for c in ranked
            if c.intent.kind is Kind.OUT_OF_SCOPE
            and terms & index.intent_vocab.get(c.intent.id, frozenset())
        ),
        default=-1000.0,
    )


def _russian_near_miss_words(index: Index, tokens: list[str]) -> list[str]:
    """The question's Cyrillic words that name a near miss.

    Russian article patterns are few, so everyday Russian words in them ("дает", "нужен",
    "лучше", "организм") weigh as much as a topic, and the main-word check lets "к2 дает
    энергию" pass as "что дает к2". A Cyrillic word that only out-of-scope intents use
    ("энергия", "волосы", "бренд", "побочные": topics the editors wrote down as near
    misses), rarer than `TOPIC_ZIPF` in general Russian, and that a candidate's patterns
    don't explain (`_explains_not`) is evidence enough that the question is about that
    near miss: the candidate is at most offered. The same for every candidate, so `gate`
    works them out once per question.
    """
    out_of_scope_only = index.out_of_scope_words
    return [
        token
        for token in tokens
        if "\u0400" <= token[:1] <= "\u04ff"
        and token in out_of_scope_only
        and token not in index.domain
        and token not in QUESTION_WORDS
        and token not in GENERIC_WORDS
        # Everyday Russian ("лет", "брать", "кровь") is not what a question is about.
        and zipf(token) < TOPIC_ZIPF
    ]


def _explains_not(vocabulary: frozenset[str], words: list[str]) -> bool:
    """Whether an intent's vocabulary leaves out one of `words`."""
    return any(word not in vocabulary for word in words)


def _misses_core(index: Index, intent_id: str, words: set[str]) -> bool:
    """Whether the question names none of an intent's core terms (if it has any).

    A term of the subject only this intent uses counts as one when the question names the
    subject with another term too: "does the pancreas make k2" is where the forms are
    made, though it names neither form; "what does mineralization mean in geology" is not
    about osteocalcin.
    """
    return not names_core(index, intent_id, words)


def names_core(index: Index, intent_id: str, words: set[str] | frozenset[str]) -> bool:
    """Whether the question's words name one of the intent's core terms (see `_misses_core`).

    A figure of the article's names the claim it belongs to (`_names_figure_of`).
    """
    core = index.core.get(intent_id)
    if not core or core & words:
        return True
    if _names_figure_of(index, intent_id, words):
        return True
    own = index.exclusive.get(intent_id, frozenset()) & words
    return bool(own) and bool((words & index.anchors) - own)


def _names_figure_of(index: Index, intent_id: str, words: set[str] | frozenset[str]) -> bool:
    """Whether the question names a figure the intent states, beside the subject, and no topic.

    "k2 87%", "mk7 87 percent?" ask about the article's fracture figure, though they name
    no fracture. A figure alone names nothing ("what is 87 percent of 200"), and neither
    does one beside a topic no intent knows ("87 octane k2": an unknown word rarer than
    everyday English, `TOPIC_ZIPF`).
    """
    named = words & index.anchors
    figures = {t for t in named if t.isdigit()}
    return (
        bool(figures & index.intent_vocab.get(intent_id, frozenset()))
        and bool(named - figures)
        and not any(w not in index.weights and zipf(w) < TOPIC_ZIPF for w in words)
    )


def _suggestion_ceiling(limits: Thresholds) -> float:
    """The highest score a match without enough evidence may keep: worth a suggestion."""
    return (limits.accept + limits.suggest) / 200.0


def rank(
    index: Index,
    tokens: list[str],
    normalized: str,
    limits: Thresholds,
    *,
    exclude: int | None = None,
) -> list[Candidate]:
    """Score every intent that shares a distinguishing word or the shape of the question.

    In steps: the question's words are sorted into those that make a pattern a candidate
    and those that only add to one (`_candidate_words`); the candidates are gathered with
    the weight they share (`_gather`, then `_add_common_words`); the evidence each holds is
    read (`_evidence`); every candidate's word overlap is estimated (`_rough_overlaps`), the
    leading ones also get a shape score (`_shapes`), and each intent keeps its best pattern
    (`_best_per_intent`).

    Args:
        index: the content's index.
        tokens: the question's content words (see `query_tokens`).
        normalized: the question after `Normalizer.normalize`.
        limits: the thresholds, which bound scores that rest on no evidence.
        exclude: index of one pattern to leave out (the lint matches a pattern against
            all the others).
    """
    if not normalized:
        return []
    heavy, common = _candidate_words(index, tokens)
    groups = _gather(index, heavy, normalized, exclude)
    if not groups:
        return []
    groups, plain = _add_common_words(index, groups, common)
    candidates: set[int] = set().union(*groups.values())
    evidenced = _evidence(index, tokens, heavy, candidates, plain)
    query = _Query(normalized, *_weigh(index, (t for t in tokens if t not in index.chatter)))
    smalltalk_query = _Query(normalized, *_weigh_for_smalltalk(index, tokens))
    if index.large and len(candidates) > CANDIDATE_BUDGET:
        groups = _shortlist(index, groups, query, evidenced)
        candidates = set().union(*groups.values())
    # Small-talk patterns that don't fit the whole message are left out of the overlaps.
    unfit = _unfit_smalltalk(index, tokens, normalized, candidates & index.smalltalk_positions)
    rough = _rough_overlaps(index, groups, query, smalltalk_query, unfit)
    return _best_per_intent(index, rough, _Evidence(plain, evidenced), tokens, normalized, limits)


def _candidate_words(
    index: Index, tokens: list[str]
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The question's known words, as (word, weight), in two lists: heavy and common.

    Heavy words make a pattern a candidate. Common words, too common to separate intents,
    are only added to the candidates' shared weight, so their long posting lists never
    make a pattern a candidate.
    """
    weights_of = index.weights
    heavy: list[tuple[str, float]] = []
    common: list[tuple[str, float]] = []
    # A short question leans on its question word ("what is k2"); a long one need not.
    distinctive = sum(
        weights_of.get(t, 0.0) >= CANDIDATE_WORD_WEIGHT and t not in QUESTION_WORDS for t in tokens
    )
    generators = QUESTION_WORDS if distinctive > 1 else frozenset()
    for token in tokens:
        weight = weights_of.get(token)
        if weight is None:
            continue
        if weight < CANDIDATE_WORD_WEIGHT or token in generators:
            common.append((token, weight))
            continue
        heavy.append((token, weight))
    return heavy, common


def _gather(
    index: Index, heavy: list[tuple[str, float]], normalized: str, exclude: int | None
) -> dict[float, set[int]]:
    """The candidates, grouped by the weight of the `heavy` words they share.

    Shared weight is accumulated through the inverted index, as a search engine does.
    Patterns shaped like the question join with none shared (see `_shaped_like`); groups
    left empty are dropped.
    """
    postings_of = index.postings
    if index.large and heavy:
        found = _champions_for(index, heavy)
    else:
        found = set().union(*(postings_of[t] for t, _ in heavy))
    # Patterns are grouped by their shared weight so far, and each word splits the
    # groups with set operations: the sums are the same, added in the same order, as
    # adding word by word to each pattern, without a Python step per pattern.
    groups: dict[float, set[int]] = {0.0: set(found)}
    for token, weight in heavy:
        groups = _split(groups, postings_of[token], weight)
    # Patterns shaped like the question, compared as sorted word sets so word order and
    # repeats don't matter; the choices are sorted once, at build time. On large
    # content the scan of every pattern is kept for questions without a distinguishing
    # word ("what is k2"), or whose only ones are small talk's ("yo does k2 even do
    # anything"): with one, the index finds the patterns that matter.
    if not index.large or all(token in index.chatter for token, _ in heavy):
        for position in _shaped_like(index, sorted_words(normalized)):
            if position not in found:
                groups.setdefault(0.0, set()).add(position)
    if exclude is not None:
        for members in groups.values():
            members.discard(exclude)
    return {total: members for total, members in groups.items() if members}


def _add_common_words(
    index: Index, groups: dict[float, set[int]], common: list[tuple[str, float]]
) -> tuple[dict[float, set[int]], set[int]]:
    """The candidates' shared weight with the common words added.

    Returns:
        The regrouped candidates, and those that hold a common word that is neither a
        question word nor generic.
    """
    plain: set[int] = set()
    for token, weight in common:
        is_plain = token not in QUESTION_WORDS and token not in GENERIC_WORDS
        groups = _split(groups, index.postings[token], weight, plain if is_plain else None)
    return groups, plain


def _evidence(
    index: Index,
    tokens: list[str],
    heavy: list[tuple[str, float]],
    candidates: set[int],
    plain: set[int],
) -> set[int]:
    """The candidates that hold evidence (`plain` gains those with a heavy word not generic).

    Evidence is a word at least `DISTINCT_WORD` distinguishing (an everyday one only for
    small talk), or a word naming the article's subject ("k2"), however many intents use
    it: the domain gate and the negative evidence keep "k2 mountain" out.
    """
    postings_of = index.postings
    evidence_postings = index.evidence_postings
    evidenced: set[int] = set()
    for token, weight in heavy:
        if token not in QUESTION_WORDS and token not in GENERIC_WORDS:
            plain |= candidates & postings_of[token]
        if weight >= DISTINCT_WORD:
            carried = candidates & evidence_postings.get(token, frozenset())
            if not _evidence_word(index, token):
                # Small talk's own words stay its evidence ("see you later").
                carried &= index.smalltalk_positions
            evidenced |= carried
    for token in tokens:
        if token in index.anchors:
            evidenced |= candidates & evidence_postings.get(token, frozenset())
    return evidenced


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Which candidates hold a word that is not generic (`plain`), and which hold evidence."""

    plain: set[int]
    evidenced: set[int]


def _best_per_intent(
    index: Index,
    rough: list[tuple[float, int, str]],
    evidence: _Evidence,
    tokens: list[str],
    normalized: str,
    limits: Thresholds,
) -> list[Candidate]:
    """Each intent's best pattern, scored, best first.

    The leading candidates mix overlap and shape (the shape score costs most, so only they
    can use it); the rest are scored on overlap alone. Both in order, and only while they
    can still improve their intent's best.
    """
    plain, evidenced = evidence.plain, evidence.evidenced
    # intent id -> (score, exact, position, guess, unrounded score) of its best pattern so
    # far: plain tuples, and one `Candidate` per intent at the end, as building one per
    # improvement costs.
    best: dict[str, tuple[float, bool, int, bool, float]] = {}
    patterns = index.patterns
    # A match that rests on no distinguishing word is capped: with only words common to
    # many intents ("k2", "vitamin") it is worth a suggestion; with only "how", "make"
    # and the like, not even a guess. The caps are computed once per question.
    plain_cap = _suggestion_ceiling(limits)
    bare_cap = max(limits.suggest - 1.0, 0.0) / 100.0
    shape_share = 1 - OVERLAP_SHARE
    # The most a candidate without a shape score can reach, per unit of overlap.
    reach = 100.0 * OVERLAP_SHARE

    def consider(
        position: int, intent_id: str, overlap: float, shape: float, same_shape: bool
    ) -> None:
        score = OVERLAP_SHARE * overlap + shape_share * shape
        guess = position not in evidenced and not same_shape
        if guess:
            score = min(score, plain_cap if position in plain else bare_cap)
        exact = patterns[position].normalized == normalized
        # A message of stopwords only ("i have to go now", "tell me about yourself") has
        # no overlap to score: said exactly as a pattern, it is that pattern.
        scaled = 100.0 if exact and not tokens else 100.0 * score
        current = best.get(intent_id)
        if current is not None and scaled <= current[4] and not exact:
            # Rounding never reverses an order, so this cannot beat the intent's best:
            # `round` (a costly call) is spared.
            return
        score = round(scaled, 1)
        if current is None or (score, exact) > (current[0], current[1]):
            best[intent_id] = (score, exact, position, guess, scaled)

    shape_of = _shaper(index, tokens, normalized)
    # The most any candidate can reach, per unit of overlap, a perfect shape added.
    full_shape = shape_share * 1.0
    get_best = best.get
    for overlap, position, intent_id in rough[:SHAPED_CANDIDATES]:
        current = get_best(intent_id)
        if (
            current is not None
            and 100.0 * (OVERLAP_SHARE * overlap + full_shape) <= current[4]
            and patterns[position].normalized != normalized
        ):
            # Not even a perfect shape (1.0) lifts it past its intent's best: `consider`
            # would leave it unscored (rounding is monotone: its score cannot exceed this).
            continue
        consider(position, intent_id, overlap, *shape_of(position))
    for overlap, position, intent_id in islice(rough, SHAPED_CANDIDATES, None):
        current = get_best(intent_id)
        if current is not None and current[0] >= reach * overlap:
            continue  # sorted by overlap: this intent can no longer improve
        consider(position, intent_id, overlap, 0.0, False)
    ranked = [
        Candidate(patterns[position].intent, score, patterns[position].text, exact, guess)
        for score, exact, position, guess, _ in best.values()
    ]
    return sorted(ranked, key=lambda c: (c.score, c.exact), reverse=True)


def _shaped_like(index: Index, shape: str) -> list[int]:
    """The (at most 8) patterns whose sorted words are most like `shape`, best first.

    Each is at least `SHAPED_CUTOFF` alike by `fuzz.ratio`; equal scores in content order,
    as one `process.extract` over every pattern ranks them.

    `fuzz.ratio` is at most 200 * shorter / (sum of both lengths), so only patterns
    within a window of lengths can reach the cutoff (at 60: from 3/7 to 7/3 of the
    question's). The index keeps the shapes ordered by length (`shapes_by_length`), so
    the window is one slice, scored whole; the few that reach the cutoff are then put
    in the full scan's order (score, then content order) and the first 8 kept.
    """
    length = len(shape)
    reach = SHAPED_CUTOFF / (200.0 - SHAPED_CUTOFF)
    # One character of slack each way: the window must never leave out a pattern that
    # could reach the cutoff; a few extra are merely scored.
    shortest = math.floor(length * reach) - 1
    longest = math.ceil(length / reach) + 1
    lengths = index.shape_lengths
    first, last = bisect_left(lengths, shortest), bisect_right(lengths, longest)
    by_length = index.by_shape_length
    alike = process.extract(
        shape,
        index.shapes_by_length[first:last],
        scorer=fuzz.ratio,
        limit=None,
        score_cutoff=SHAPED_CUTOFF,
    )
    ranked = sorted((-score, by_length[first + n]) for _, score, n in alike)
    return [position for _, position in ranked[:SHAPED_PATTERNS]]


def _rough_overlaps(
    index: Index,
    groups: dict[float, set[int]],
    query: _Query,
    smalltalk_query: _Query,
    unfit: set[int] | frozenset[int] = frozenset(),
) -> list[tuple[float, int, str]]:
    """Each candidate's word overlap, best first, as (overlap, position, intent id).

    Positions are distinct, so the intent id never decides the order; it rides along to
    spare the caller a lookup per candidate.

    The overlap is an F-measure of how much of the question the intent explains
    (precision) and how much of the pattern the question covers (recall). Intents other
    than small talk may explain a long message with words from any of their patterns,
    while the best single pattern must still be covered; what the other patterns add is
    discounted, so an intent with many noisy phrasings (a large vocabulary) cannot explain
    every question away.

    This runs once per candidate, the hottest loop on the shipped content, so it does
    per candidate only what differs per pattern. Candidates come grouped by shared
    weight, and precision depends only on that weight and the intent: it is computed
    once per group and intent. Per-pattern facts come from the index's per-position
    tuples, and no function is called per pattern. Keep the arithmetic in this order:
    scores are compared to the last bit by the snapshot (`benchmarks.snapshot`).

    Args:
        index: the content's index.
        groups: shared weight -> the candidates (positions) that share that much.
        query: the question's word weights, for intents other than small talk.
        smalltalk_query: the question's word weights as small talk weighs them.
        unfit: small-talk candidates left out (see `_unfit_smalltalk`).
    """
    intent_ids = index.pattern_intent_id
    intent_of = index.pattern_intent
    intent_count = len(index.intent_vocab)
    pattern_weight = index.pattern_weight
    patterns = index.patterns
    intent_vocab = index.intent_vocab
    smalltalk = index.smalltalk_positions
    question_weight = query.weight
    question_words = tuple(query.weights.items())
    # What each intent's whole vocabulary explains of the question, once per intent.
    explained: dict[str, float] = {}
    rough: list[tuple[float, int, str]] = []
    add = rough.append
    for shared_weight, members in groups.items():
        if smalltalk and not members.isdisjoint(smalltalk):
            for position in members & smalltalk:
                if position in unfit:
                    continue
                add(
                    (
                        _smalltalk_overlap(smalltalk_query, patterns[position], shared_weight),
                        position,
                        intent_ids[position],
                    )
                )
            others = members - smalltalk
        else:
            others = members
        if shared_weight <= 0 or question_weight <= 0:
            rough.extend((0.0, position, intent_ids[position]) for position in others)
            continue
        # A pattern that shares a word weighs at least that word, so `weight` > 0 below.
        # intent number -> (precision, 2 * precision, intent id), in a list (an intent's
        # number indexes it): `2.0 * precision * recall` multiplies left to right, so
        # doubling once per intent gives the same bits.
        precision_of: list[tuple[float, float, str] | None] = [None] * intent_count
        for position in others:
            known = precision_of[intent_of[position]]
            if known is None:
                number = intent_of[position]
                intent_id = intent_ids[position]
                vocabulary_weight = explained.get(intent_id)
                if vocabulary_weight is None:
                    # What the intent's whole vocabulary explains of the question (a list
                    # sums as a generator does, in the same order, faster).
                    vocabulary = intent_vocab[intent_id]
                    vocabulary_weight = explained[intent_id] = sum(
                        [w for t, w in question_words if t in vocabulary]
                    )
                own = min(shared_weight, vocabulary_weight)
                covered = own + VOCABULARY_SHARE * (vocabulary_weight - own)
                precision = covered / question_weight
                known = precision_of[number] = (precision, 2.0 * precision, intent_id)
            precision, twice_precision, intent_id = known
            recall = shared_weight / pattern_weight[position]
            add((twice_precision * recall / (precision + recall), position, intent_id))
    rough.sort(reverse=True)
    return rough


def _shaper(
    index: Index, tokens: list[str], normalized: str
) -> Callable[[int], tuple[float, bool]]:
    """The shape score of a leading candidate, and whether it is the same shape, on demand.

    Article, safety and out-of-scope patterns: the mean of `token_set_ratio` (100 whenever
    one word set holds the other: a short pattern inside a long question, or the reverse)
    and `token_sort_ratio` (which sees the difference). The sort ratio is `fuzz.ratio`
    between the question's and the pattern's sorted words (what `token_sort_ratio`
    compares), the patterns' sorted at build time.

    Small talk must be shaped like the whole message, filler aside: "translate good
    morning into french" holds "good morning" but is not a greeting.

    Scored one pattern at a time, only when asked: a candidate whose intent already has a
    better pattern than any shape could lift it to is never asked (`_best_per_intent`).
    """
    smalltalk = index.smalltalk_shapes
    patterns = index.patterns
    token_sorted_of = index.token_sorted
    same_sort = 100.0 * SHAPE_MATCH
    # The question's own shapes, worked out on first need.
    shapes_of_question: list[str] = []

    def shape_of(position: int) -> tuple[float, bool]:
        if not shapes_of_question:
            shapes_of_question.extend(
                (token_sorted(normalized), sorted_words(" ".join(tokens)), sorted_words(normalized))
            )
        sorted_question, question_shape, whole_shape = shapes_of_question
        if position in smalltalk:
            pattern_shape, whole = smalltalk[position]
            shape = fuzz.ratio(whole_shape if whole else question_shape, pattern_shape) / 100.0
            # Small talk's shape is already the whole message's.
            return shape, shape >= SHAPE_MATCH
        sort_ratio = fuzz.ratio(sorted_question, token_sorted_of[position])
        set_ratio = fuzz.token_set_ratio(normalized, patterns[position].normalized)
        shape = (set_ratio + sort_ratio) / 200.0
        # `token_set_ratio` is 100 whenever one word set holds the other, so "vitamin"
        # looks like every pattern that names a vitamin: the word sets must match both ways.
        return shape, shape >= SHAPE_MATCH and sort_ratio >= same_sort

    return shape_of


def _champions_for(index: Index, heavy: list[tuple[str, float]]) -> set[int]:
    """Candidates on large content: each word's champions, and two-word matches.

    Patterns that hold two of the question's most distinguishing words (shortest
    first) are what a question naming both most likely means.
    """
    offered = max(MIN_CHAMPIONS, CHAMPION_POOL // len(heavy))
    found: set[int] = set().union(*(index.champions[t][:offered] for t, _ in heavy))
    leading = sorted(heavy, key=lambda tw: tw[1], reverse=True)[:PAIRED_WORDS]
    weight_of = index.pattern_weight
    for n, (first, _) in enumerate(leading):
        for second, _ in leading[n + 1 :]:
            both = index.postings[first] & index.postings[second]
            if len(both) > offered:
                found.update(sorted(both, key=weight_of.__getitem__)[:offered])
            else:
                found |= both
    return found


def _shortlist(
    index: Index, groups: dict[float, set[int]], query: _Query, evidenced: set[int]
) -> dict[float, set[int]]:
    """The candidates worth scoring in full when very many patterns share a word.

    Word overlap is estimated for every candidate (exactly, except for small talk,
    whose precision is weighed per pattern) and the best `CANDIDATE_BUDGET` are kept,
    and as many more of the next best that hold evidence: the score cap cannot hold
    those back, so they can outrank candidates with more overlap.

    Returns:
        The kept candidates, grouped as `groups` is: shared weight -> positions.
    """
    intent_of = index.pattern_intent
    covered: dict[int, float] = {}
    if query.weight > 0:
        # Only the candidates' intents: the question's words split them by how much
        # of the question each explains.
        reached = set(map(intent_of.__getitem__, set().union(*groups.values())))
        by_intent: dict[float, set[int]] = {0.0: reached}
        for token, weight in query.weights.items():
            posting = index.intent_postings.get(token)
            if posting:
                by_intent = _split(by_intent, posting, weight)
        covered = {n: total / query.weight for total, ns in by_intent.items() for n in ns}
    inverse = index.inverse_weight
    precision_of = covered.get
    estimates: list[tuple[float, int, float]] = []
    add = estimates.append
    # The hottest loop on large content: arithmetic and lookups, no Python function.
    for total, members in groups.items():
        for position in members:
            precision = precision_of(intent_of[position], 0.0)
            recall = total * inverse[position]
            if precision + recall:
                add((precision * recall / (precision + recall), position, total))
    estimates.sort(reverse=True)
    kept = estimates[:CANDIDATE_BUDGET]
    kept += [e for e in estimates[CANDIDATE_BUDGET:] if e[1] in evidenced][:CANDIDATE_BUDGET]
    shortlist: dict[float, set[int]] = {}
    for _, position, total in kept:
        shortlist.setdefault(total, set()).add(position)
    return shortlist


def _weigh_for_smalltalk(index: Index, tokens: Iterable[str]) -> tuple[dict[str, float], float]:
    # Small talk must explain a whole message: any other word counts fully against it.
    weights = {
        t: index.weights[t]
        if t in index.chatter
        else SMALLTALK_DOMAIN_WORD_WEIGHT
        if t in index.domain
        else max(index.weights.get(t, SMALLTALK_OTHER_WORD_WEIGHT), SMALLTALK_OTHER_WORD_WEIGHT)
        for t in tokens
    }
    return weights, sum(weights.values())


def names_people(index: Index, token: str) -> bool:
    """Whether a word names people (who asks, for whom, who told them): see `PEOPLE_WEIGHT`."""
    return token in index.people or token in PERSON_NOUNS


def _weigh(index: Index, tokens: Iterable[str]) -> tuple[dict[str, float], float]:
    weights = {
        t: min(index.weights.get(t) or unknown_word_weight(t), PEOPLE_WEIGHT)
        if names_people(index, t)
        else index.weights.get(t) or unknown_word_weight(t)
        for t in tokens
    }
    return weights, sum(weights.values())


def _smalltalk_overlap(query: _Query, pattern: IndexedPattern, shared: float) -> float:
    """F-beta of how much of the message one small-talk pattern explains, and vice versa.

    Small talk must explain nearly all of a message.
    """
    if shared <= 0 or query.weight <= 0 or pattern.weight <= 0:
        return 0.0
    recall = shared / pattern.weight
    weights = query.weights
    # `fsum`: the pattern's words are a set, iterated in a hash-seeded order (see `Index`).
    covered = math.fsum([weights[t] for t in pattern.tokens if t in weights])
    precision = covered / query.weight
    return (
        _SMALLTALK_BETA_FACTOR * precision * recall / (_SMALLTALK_BETA_SQUARED * precision + recall)
    )


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
        if members.isdisjoint(posting):
            # Most groups of a long message miss a given word: no new set for them.
            _merge(split, total, members)
            continue
        inside = members & posting
        if inside:
            if collect is not None:
                collect |= inside
            _merge(split, total + weight, inside)
            if len(inside) == len(members):
                continue
            # The same patterns as `members - posting`, but only the few moved are taken
            # out of the group's own set (the groups are this ranking's, and their order
            # never decides a score: `_rough_overlaps` sorts), instead of copying the rest
            # of a large group into a new set for every word.
            members.difference_update(inside)
        _merge(split, total, members)
    return split


def _merge(groups: dict[float, set[int]], total: float, members: set[int]) -> None:
    if total in groups:
        groups[total] |= members
    else:
        groups[total] = members


def _evidence_word(index: Index, word: str) -> bool:
    """Whether a word can be evidence for an intent: a domain term, or one rarer than everyday."""
    return word in index.domain or zipf(word) < EVERYDAY_ZIPF


def settle_close_call(
    index: Index, tokens: list[str], ranked: list[Candidate], limits: Thresholds
) -> list[Candidate]:
    """Let an answer stand against close runners-up that explain only part of what it does.

    A close call (runner-up within `Thresholds.margin`) means two intents read the question
    equally well. It doesn't when the runner-up's intent explains a strict part of what the
    leader's does: "Vitamin K2: Benefits for the Body" holds "vitamin k2", the whole of a
    "what is K2" pattern, but only the benefits intent also explains "benefits" and "body".
    Such a runner-up is put just outside the margin, so the leader is answered; one that
    explains a word the leader doesn't ("osteoclasts vs osteocalcin") keeps the close call.

    Only a leader that scored an answer on evidence (an article intent, no guess), and only
    article runners-up: the words the leader explains beyond the runner-up must weigh at
    least `DISTINCT_WORD`, question words, generic words and everyday words aside (as in
    `evidence_positions`: "come" in "what is it and where does it come from" is phrasing,
    not a topic only the leader reads).

    Args:
        index: the content's index.
        tokens: the question's content words (see `query_tokens`).
        ranked: the candidates, best first.
        limits: the thresholds (the accept score and the ambiguity margin).

    Returns:
        The candidates, best first, dominated runners-up lowered out of the margin.
    """
    if len(ranked) < 2:
        return ranked
    top = ranked[0]
    if top.intent.kind is not Kind.ARTICLE or top.guess or top.score < limits.accept:
        return ranked
    words = set(tokens)
    vocabulary = index.intent_vocab
    empty: frozenset[str] = frozenset()
    leader_explains = words & vocabulary.get(top.intent.id, empty)
    below = round(top.score - limits.margin - 0.1, 1)
    settled = [top]
    changed = False
    for candidate in ranked[1:]:
        if candidate.score > below and candidate.intent.answers_the_question:
            if candidate.intent.kind is not Kind.ARTICLE:
                return ranked
            theirs = words & vocabulary.get(candidate.intent.id, empty)
            beyond = sum(
                index.weights.get(w, 0.0)
                for w in leader_explains - theirs
                if w not in QUESTION_WORDS and w not in GENERIC_WORDS and _evidence_word(index, w)
            )
            if not theirs <= leader_explains or beyond < DISTINCT_WORD:
                return ranked
            candidate = replace(candidate, score=below, exact=False)
            changed = True
        settled.append(candidate)
    if not changed:
        return ranked
    return sorted(settled, key=lambda c: (c.score, c.exact), reverse=True)
