"""The decision: answer, suggest or fall back, from the ranked candidates.

Rasa-style: a fallback threshold on the top intent's score and an ambiguity margin
between the top two answerable intents. Out-of-scope intents that win decline.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.intents import Intent, Kind

MAX_SUGGESTIONS = 3

# A fallback names what the question touches that the article doesn't cover (foods, side
# effects...) when an out-of-scope intent scored at least this share of `suggest`.
NAMED_DECLINE_SHARE = 0.75
# Safety answers come by their triggers; offering them as guesses would only alarm.
SUGGESTIBLE = frozenset({Kind.ARTICLE})


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
    for SUGGEST, where `suggestions` holds up to three intents.
    """

    outcome: Outcome
    intent: Intent | None
    score: float
    suggestions: tuple[Intent, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    reason: Reason = Reason.MATCH


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
