"""Lint: which patterns would the bot itself mix up with another intent?

Each pattern is matched against all the other patterns (its own left out) with the
bot's real matcher and thresholds: the one a question worded like the pattern is matched
with (English on the English patterns, a Russian or transliterated one on every
language's, see `Responder.matcher_for`). A pattern that another intent would answer (it scores
at least the accept threshold there and beats its own intent), or that a safety trigger
would capture, is flagged: a user who types it may get the wrong answer.
"""

from __future__ import annotations

from bot.errors import Problem
from bot.intents import Content, Intent, Kind
from bot.matching import Thresholds
from bot.responder import Responder


def confusable_patterns(content: Content, thresholds: Thresholds) -> list[Problem]:
    """Warnings for every pattern the matcher would answer with another intent."""
    responder = Responder(content, thresholds=thresholds)
    places: dict[int, dict[tuple[str, str], int]] = {}
    problems = []
    for intent, text in _every_pattern(responder):
        if intent.kind is Kind.SAFETY:
            continue  # safety intents are reached by their triggers first
        matcher = responder.matcher_for(text)
        if id(matcher) not in places:
            listed = matcher.pattern_list()
            places[id(matcher)] = {(i.id, t): n for n, (i, t) in enumerate(listed)}
        index = places[id(matcher)].get((intent.id, text))
        if index is None:
            continue  # a pattern of another language, never matched on this index
        normalized = matcher.normalizer.normalize(text)
        trigger = matcher.safety_intent_for(normalized)
        if trigger is not None:
            problems.append(
                _warning(
                    intent,
                    text,
                    f"would get the safety answer "
                    f"{trigger.id!r} because it contains one of its triggers",
                )
            )
            continue
        ranked = matcher.rank_normalized(normalized, exclude=index)
        if not ranked:
            continue
        top = ranked[0]
        own = next((c.score for c in ranked if c.intent.id == intent.id), 0.0)
        # Within the margin of its own intent the bot asks "did you mean", listing both.
        if (
            top.intent.id != intent.id
            and top.score >= thresholds.accept
            and top.score - own >= thresholds.margin
        ):
            problems.append(
                _warning(
                    intent,
                    text,
                    f"would be answered by {top.intent.id!r} "
                    f"(score {top.score:.0f} vs {own:.0f} for its own intent; closest pattern "
                    f"{top.pattern!r})",
                )
            )
    return problems


def _every_pattern(responder: Responder) -> list[tuple[Intent, str]]:
    """Every intent's patterns in every language, each once."""
    full = responder.translated if responder.translated is not None else responder.matcher
    return list(dict.fromkeys(full.pattern_list()))


def _warning(intent: Intent, text: str, message: str) -> Problem:
    return Problem(
        intent.path,
        _pattern_line(intent, text),
        f"pattern {text!r} of {intent.id!r} {message}",
        severity="warning",
    )


def _pattern_line(intent: Intent, text: str) -> int:
    """The line the pattern was read from, carried on the intent (no file is read again)."""
    try:
        return intent.pattern_line(intent.patterns.index(text))
    except ValueError:  # not one of the intent's own patterns as written
        return intent.line
