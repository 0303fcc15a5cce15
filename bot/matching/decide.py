"""The decision: answer, suggest or fall back, from the ranked candidates.

Rasa-style: a fallback threshold on the top intent's score and an ambiguity margin
between the top two answerable intents. Out-of-scope intents that win decline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.intents import Intent, Kind

if TYPE_CHECKING:
    from bot.matching.runner_up import RunnerUpOffer

MAX_SUGGESTIONS = 3

# A fallback names what the question touches that the article doesn't cover (foods, side
# effects...) when an out-of-scope intent scored at least this share of `suggest`.
NAMED_DECLINE_SHARE = 0.75
# Safety answers come by their triggers; offering them as guesses would only alarm.
SUGGESTIBLE = frozenset({Kind.ARTICLE})
# A close call whose best candidate scores this (the default accept threshold) may be
# answered when the paraphrase signal independently agrees (`SemanticLimits.close_call_margin`).
CLOSE_CALL_SCORE = 56.0


class Outcome(StrEnum):
    """The three things the bot can do with a question."""

    ANSWER = "answer"
    SUGGEST = "suggest"
    FALLBACK = "fallback"


class Reason(StrEnum):
    """Why the matcher chose its outcome; shown by `k2bot ask --explain`."""

    EMPTY = "empty"
    SAFETY_TRIGGER = "safety trigger"
    LOW_SCORE = "low score"
    OUT_OF_SCOPE = "out of scope"
    MATCH = "match"
    AMBIGUOUS = "ambiguous"
    MEDIUM_SCORE = "medium score"
    # An unsure outcome turned into an answer by the paraphrase signal (`promote`).
    SEMANTIC = "semantic agreement"
    # A task for an assistant ("add k2 to my shopping list"): no article answer or offer.
    EVERYDAY_TASK = "everyday task"
    # Domain words said only in an everyday sense ("colon vs semicolon"): no article answer
    # or offer (`bot.matching.word_senses`).
    EVERYDAY_SENSE = "everyday sense"


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
    # The score rests on too little evidence to answer (no distinguishing word, a missing
    # core term or subject, an unexplained main word, a word fragment): at most offered.
    guess: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """What the matcher decided for one question.

    `intent` is the answered intent for ANSWER, the declining out-of-scope intent (or None)
    for FALLBACK (the winner, or one that came close, see `NAMED_DECLINE_SHARE`), and None
    for SUGGEST, where `suggestions` holds up to three intents. A FALLBACK's `suggestions`
    hold the article intent offered under its decline, if any (`offer` says why).
    """

    outcome: Outcome
    intent: Intent | None
    score: float
    suggestions: tuple[Intent, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    reason: Reason = Reason.MATCH
    # What the paraphrase signal saw and did, when it was consulted (unsure outcomes only).
    semantic: SemanticVerdict | None = None
    # An article intent offered under a decline, and why (`bot.matching.runner_up`).
    offer: RunnerUpOffer | None = None


@dataclass(frozen=True, slots=True)
class SemanticLimits:
    """When the paraphrase signal (`bot.matching.semantic`) may answer an unsure question.

    Tuned on the development set only (the figures: docs/history.md, "The paraphrase
    signal: what it changed").

    Args:
        enabled: whether the signal is consulted at all.
        similarity: the closest intent's cosine similarity must reach this.
        margin: ...and lead the next intent (article, out of scope or small talk) by this
            much when it is also the lexical matcher's best candidate;
        other_margin: ...or by this much when the lexical matcher preferred another.
        left_out: no promotion of a candidate the words held back when a word of the
            question that other intents use, and its patterns never do, weighs this much
            or more: the vectors blur "thicken your blood" into "thicken bones", the words
            tell them apart.
        close_call_margin: ...or by only this much when the words scored that same intent
            an answer (at least `CLOSE_CALL_SCORE`, on evidence) and only a runner-up
            within the ambiguity margin made it a "did you mean": two independent signals
            then agree on the first suggestion ("how does k2 actually get to the bones").
        unexplained: no word that no intent uses may weigh more than this against the
            match (see `bot.matching.scoring.unknown_word_weight`): "collagen" (Zipf 3.3)
            weighs 1.85; a word outside the English list, 1.5.
        coverage: at least this share of the question's words must have a vector.
        near_miss_margin: no promotion of a candidate the words held back (a core term,
            the subject or the main word missing) when an out-of-scope intent scores within
            this many points of it: the words found something the article doesn't cover
            ("does k2 enhance iron absorption": no calcium, and "iron" is another mineral).
    """

    enabled: bool = True
    similarity: float = 0.75
    margin: float = 0.05
    other_margin: float = 0.10
    unexplained: float = 1.5
    coverage: float = 0.75
    near_miss_margin: float = 3.0
    close_call_margin: float = 0.02
    left_out: float = 1.0


@dataclass(frozen=True, slots=True)
class SemanticEvidence:
    """What the paraphrase signal and the question's words say about one question."""

    best: Intent | None
    similarity: float
    runner_up: Intent | None
    runner_up_similarity: float
    # The question names a domain term / the article's subject (see `bot.matching.index`).
    names_domain: bool
    names_subject: bool
    # The heaviest weight against a match of a word no intent uses (0: none).
    unexplained: float
    unexplained_word: str | None = None
    # The heaviest word of the question that other intents use but the closest intent's
    # patterns never do (0: none), and that word.
    left_out: float = 0.0
    left_out_word: str | None = None
    # The share of the question's words that have a vector: the rest (another language,
    # an unknown typo) is invisible to the signal.
    covered: float = 1.0
    # Why the question is mainly about something the closest intent doesn't address
    # (`bot.matching.main_content`), or None.
    elsewhere: str | None = None


@dataclass(frozen=True, slots=True)
class SemanticVerdict:
    """The paraphrase signal's part in a decision: its evidence, and why it did (not) act."""

    evidence: SemanticEvidence
    promoted: bool
    why: str


# Outcomes the paraphrase signal never touches: nothing to match, a safety trigger (always
# wins), an out-of-scope intent on top (a near miss recognised as data).
_FINAL_REASONS = frozenset(
    {
        Reason.EMPTY,
        Reason.SAFETY_TRIGGER,
        Reason.OUT_OF_SCOPE,
        Reason.EVERYDAY_TASK,
        Reason.EVERYDAY_SENSE,
    }
)


def needs_second_look(decided: Match) -> bool:
    """Whether the paraphrase signal may change `decided` (a suggestion or a low fallback)."""
    return decided.outcome is not Outcome.ANSWER and decided.reason not in _FINAL_REASONS


def promote(decided: Match, evidence: SemanticEvidence, limits: SemanticLimits) -> Match:
    """Answer an unsure question when the paraphrase signal clearly agrees, else keep it.

    The signal never overrides what keeps answers safe: a question must name a domain term
    (the domain requirement) and the article's subject, carry no heavy word that no intent
    uses (negative evidence), and be closest to an article intent by a clear margin over
    every other intent, out-of-scope ones (near misses as data) included.
    """
    if not needs_second_look(decided):
        return decided
    verdict = _verdict(decided, evidence, limits)
    if not verdict.promoted or evidence.best is None:
        return replace(decided, semantic=verdict)
    scores = {c.intent.id: c.score for c in decided.candidates}
    return Match(
        Outcome.ANSWER,
        evidence.best,
        scores.get(evidence.best.id, decided.score),
        candidates=decided.candidates,
        reason=Reason.SEMANTIC,
        semantic=verdict,
    )


def _verdict(decided: Match, evidence: SemanticEvidence, limits: SemanticLimits) -> SemanticVerdict:
    def no(why: str) -> SemanticVerdict:
        return SemanticVerdict(evidence, False, f"not promoted: {why}")

    best = evidence.best
    if not limits.enabled:
        return no("the semantic signal is switched off")
    if not evidence.names_domain:
        return no("no domain term (the domain requirement)")
    if not evidence.names_subject:
        return no("the article's subject is not named")
    if evidence.unexplained > limits.unexplained:
        return no(
            f"{evidence.unexplained_word!r} (no intent uses it) weighs "
            f"{evidence.unexplained:.2f} > {limits.unexplained:g} against a match"
        )
    if best is None or evidence.covered < limits.coverage:
        return no(f"only {evidence.covered:.0%} of the question's words have a vector")
    if best.kind is not Kind.ARTICLE:
        return no(f"closest intent {best.id} is {best.kind.value}")
    if evidence.similarity < limits.similarity:
        return no(f"similarity {evidence.similarity:.3f} < {limits.similarity:g}")
    lexical_top = decided.candidates[0].intent if decided.candidates else None
    agrees = lexical_top is not None and lexical_top.id == best.id
    near_miss = _near_miss_behind(decided, best, limits.near_miss_margin)
    if near_miss is not None:
        return no(f"the words held {best.id} back and {near_miss} is as close")
    if evidence.left_out >= limits.left_out and _held_back(decided, best):
        return no(
            f"the words held {best.id} back and {evidence.left_out_word!r} (other intents "
            f"use it, it never does) weighs {evidence.left_out:.2f} >= {limits.left_out:g}"
        )
    if evidence.elsewhere is not None:
        return no(f"the question is mainly about something else: {evidence.elsewhere}")
    needed = limits.margin if agrees else limits.other_margin
    if agrees and _clear_close_call(decided):
        needed = limits.close_call_margin
    lead = evidence.similarity - evidence.runner_up_similarity
    if lead < needed:
        return no(f"lead {lead:.3f} over the next intent < {needed:g}")
    how = "agrees with the lexical best candidate" if agrees else "clear lead over the rest"
    if needed == limits.close_call_margin and agrees:
        how = "agrees with the words' first suggestion in a close call"
    return SemanticVerdict(evidence, True, f"promoted to an answer: {how}")


def _clear_close_call(decided: Match) -> bool:
    """Whether the words' best candidate scored an answer and only a close runner-up held it."""
    return (
        decided.reason is Reason.AMBIGUOUS
        and bool(decided.candidates)
        and not decided.candidates[0].guess
        and decided.candidates[0].score >= CLOSE_CALL_SCORE
    )


def _held_back(decided: Match, best: Intent) -> bool:
    """Whether the words ranked `best` but held it back to a suggestion (too little evidence)."""
    held = next((c for c in decided.candidates if c.intent.id == best.id), None)
    return held is not None and held.guess


def _near_miss_behind(decided: Match, best: Intent, margin: float) -> str | None:
    """An out-of-scope intent the words rank within `margin` of `best`, held back by them.

    The paraphrase signal sees that "does k2 enhance iron absorption" reads like the
    calcium-absorption intent; the words saw that it names no calcium (so they held that
    intent back) and that a near miss (other minerals) explains what it names instead.
    """
    held = next((c for c in decided.candidates if c.intent.id == best.id), None)
    if held is None or not held.guess:
        return None
    for candidate in decided.candidates:
        if candidate.intent.kind is Kind.OUT_OF_SCOPE and candidate.score >= held.score - margin:
            return candidate.intent.id
    return None


def decide(ranked: list[Candidate], limits: Thresholds) -> Match:
    """Turn the ranked candidates (best first) into an outcome."""
    candidates = tuple(ranked[:5])
    if not ranked or ranked[0].score < limits.suggest:
        return Match(
            Outcome.FALLBACK,
            _named_decline(ranked, limits),
            ranked[0].score if ranked else 0.0,
            candidates=candidates,
            reason=Reason.LOW_SCORE,
        )
    top = ranked[0]
    if not top.intent.answers_the_question:
        return Match(
            Outcome.FALLBACK,
            top.intent,
            top.score,
            candidates=candidates,
            reason=Reason.OUT_OF_SCOPE,
        )
    answerable = [c for c in ranked if c.intent.answers_the_question and c is not top]
    runner_up = answerable[0] if answerable else None
    close_call = (
        not top.exact
        and runner_up is not None
        and top.score - runner_up.score < limits.margin
        # Two small-talk replies are equally harmless: no need to ask which was meant.
        and not (top.intent.kind is Kind.SMALLTALK and runner_up.intent.kind is Kind.SMALLTALK)
    )
    if top.score >= limits.accept and not close_call:
        return Match(
            Outcome.ANSWER, top.intent, top.score, candidates=candidates, reason=Reason.MATCH
        )

    suggestions = tuple(
        c.intent
        for c in [top, *answerable]
        if c.score >= limits.suggest and c.intent.kind in SUGGESTIBLE
    )[:MAX_SUGGESTIONS]
    if not suggestions:
        return Match(
            Outcome.FALLBACK,
            _named_decline(ranked, limits),
            top.score,
            candidates=candidates,
            reason=Reason.LOW_SCORE,
        )
    return Match(
        Outcome.SUGGEST,
        None,
        top.score,
        suggestions=suggestions,
        candidates=candidates,
        reason=Reason.AMBIGUOUS if close_call else Reason.MEDIUM_SCORE,
    )


def _named_decline(ranked: list[Candidate], limits: Thresholds) -> Intent | None:
    """The out-of-scope intent a fallback can name, if one came close enough."""
    floor = limits.suggest * NAMED_DECLINE_SHARE
    for candidate in ranked:
        if candidate.score < floor:
            return None
        if candidate.intent.kind is Kind.OUT_OF_SCOPE:
            return candidate.intent
    return None


# A "where" question about making ("where does the body make mk4 vs mk7", "where do the
# forms get made") asks for a place of making: the words "where" and "make" weigh little
# (a question word, an everyday verb), so a pattern sharing the question's heavier words
# ("vs", "forms") outranks the intent that answers where things are made.
PLACE_WORD = "where"
MAKING_WORDS = frozenset({"make", "form"})
# How far behind the leader such a rival may be, and how far ahead of it it is put (more
# than the ambiguity margin, so the place answer is given, not offered).
PLACE_REACH = 20.0
PLACE_LEAD = 3.5


def prefer_place_of_making(
    words: set[str],
    ranked: list[Candidate],
    postings: Mapping[str, frozenset[int]],
    pattern_intent_id: Sequence[str],
) -> list[Candidate]:
    """Put the best intent that answers where something is made ahead of close others.

    Only for a question naming both "where" and a making word. The place intents are those
    with a pattern asking where something is made; the best of them within `PLACE_REACH`
    of the leader goes `PLACE_LEAD` points ahead of every other article candidate above
    that, whether it led (a close "where does k2 go" then no longer makes it a "did you
    mean") or not. Both must be answers on evidence (no guess), so a question the words
    only half explain stays a suggestion.

    Args:
        words: the question's content words, after synonyms ("produced" is "make").
        ranked: the gated candidates, best first.
        postings: word -> the positions of the patterns that hold it (the index's).
        pattern_intent_id: each pattern's intent id, by position.

    Returns:
        The candidates, best first, the others lowered below the place intent if any.
    """
    if not asks_place_of_making(words) or not ranked:
        return ranked
    made = frozenset().union(*(postings.get(w, frozenset()) for w in MAKING_WORDS))
    place_intents = {pattern_intent_id[p] for p in postings.get(PLACE_WORD, frozenset()) & made}
    leader = ranked[0]
    if leader.intent.kind is not Kind.ARTICLE or leader.guess:
        return ranked
    place = next(
        (
            c
            for c in ranked
            if leader.score - c.score <= PLACE_REACH
            and c.intent.kind is Kind.ARTICLE
            and not c.guess
            and c.intent.id in place_intents
        ),
        None,
    )
    if place is None:
        return ranked
    below = round(max(place.score - PLACE_LEAD, 0.0), 1)
    lowered = [
        replace(c, score=below)
        if c.intent.kind is Kind.ARTICLE and c.intent.id not in place_intents and c.score > below
        else c
        for c in ranked
    ]
    return sorted(lowered, key=lambda c: (c.score, c.exact), reverse=True)


def asks_place_of_making(words: set[str] | frozenset[str]) -> bool:
    """Whether these words ask where something is made ("where", and "make" or "form")."""
    return PLACE_WORD in words and bool(words & MAKING_WORDS)
