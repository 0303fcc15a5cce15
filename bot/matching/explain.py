"""Why a question got its outcome, in terms an editor can act on (`k2bot ask --explain`).

The explanation re-derives, from the same index, what the matcher weighed: the words that
counted for the best intent and against it (with their weights), the domain check, the
core and subject terms, the runner-up, the thresholds and the reason. It is computed only
on request, so matching itself stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.content.model import BASE_LANGUAGE
from bot.intents import Kind
from bot.matching.decide import (
    Candidate,
    Match,
    Outcome,
    Reason,
    SemanticLimits,
    SemanticVerdict,
    Thresholds,
)
from bot.matching.everyday_tasks import everyday_task
from bot.matching.main_content import mainly_elsewhere
from bot.matching.runner_up import RunnerUpOffer
from bot.matching.scoring import (
    NEAR_MISS_REACH,
    PEOPLE_WEIGHT,
    RIVAL_LEAD,
    RIVAL_REACH,
    UNEXPLAINED_TERM_PENALTY,
    expand_fragments,
    left_out_terms,
    most_terms_named,
    names_core,
    names_people,
    near_miss_terms,
    query_tokens,
    specific_terms,
    unknown_word_weight,
)
from bot.text import content_tokens

if TYPE_CHECKING:
    from bot.matching import Matcher


@dataclass(frozen=True, slots=True)
class WordWeight:
    """One question word and how much it weighs (see `bot.matching.scoring`)."""

    word: str
    weight: float
    # Where the weight comes from: "intents" (an IDF over the intents), "general
    # English" (a word no intent uses, weighed by its rarity) or "people" (who asks or
    # told them, weighing at most `PEOPLE_WEIGHT`).
    source: str


@dataclass(frozen=True, slots=True)
class CandidateExplanation:
    """How one intent fared: its score, and the words for and against it."""

    intent: str
    kind: str
    score: float
    pattern: str
    words_for: tuple[WordWeight, ...]
    words_against: tuple[WordWeight, ...]
    core_terms: tuple[str, ...]
    names_core: bool
    needs_subject: bool
    held_back: bool
    # Specific terms the question names that the intent's patterns never do (a penalty).
    leaves_out: tuple[str, ...] = ()
    # Why the question is mainly about something this article intent doesn't address
    # (`bot.matching.main_content`), or None.
    elsewhere: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "intent": self.intent,
            "kind": self.kind,
            "score": self.score,
            "closest_pattern": self.pattern,
            "words_for": {w.word: round(w.weight, 2) for w in self.words_for},
            "words_against": {w.word: round(w.weight, 2) for w in self.words_against},
            "core_terms": list(self.core_terms),
            "names_a_core_term": self.names_core,
            "needs_the_subject": self.needs_subject,
            "held_back_to_a_suggestion": self.held_back,
            "leaves_out": list(self.leaves_out),
            "mainly_about_something_else": self.elsewhere,
        }


@dataclass(frozen=True, slots=True)
class SemanticExplanation:
    """The paraphrase signal's view of a question, and its part in the decision."""

    verdict: SemanticVerdict
    # Whether the decision consulted it (only unsure outcomes are given a second look).
    consulted: bool
    limits: SemanticLimits

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        evidence = self.verdict.evidence
        limits = self.limits
        return {
            "consulted": self.consulted,
            "promoted": self.verdict.promoted,
            "why": self.verdict.why,
            "closest": evidence.best.id if evidence.best else None,
            "similarity": evidence.similarity,
            "runner_up": evidence.runner_up.id if evidence.runner_up else None,
            "runner_up_similarity": evidence.runner_up_similarity,
            "words_with_vectors": evidence.covered,
            "heaviest_unexplained_word": evidence.unexplained_word,
            "heaviest_unexplained_weight": evidence.unexplained,
            "limits": {
                "enabled": limits.enabled,
                "similarity": limits.similarity,
                "margin": limits.margin,
                "other_margin": limits.other_margin,
                "unexplained": limits.unexplained,
                "coverage": limits.coverage,
            },
        }

    def render(self) -> list[str]:
        """Lines for the terminal."""
        evidence = self.verdict.evidence
        closest = (
            f"{evidence.best.id} {evidence.similarity:.3f}" if evidence.best else "(no vector)"
        )
        second = (
            f"{evidence.runner_up.id} {evidence.runner_up_similarity:.3f}"
            if evidence.runner_up
            else "none"
        )
        limits = self.limits
        return [
            f"semantic: closest {closest}, next {second}; "
            f"words with vectors {evidence.covered:.0%}",
            f"  {self.verdict.why}",
            f"  limits: similarity >= {limits.similarity:g}; lead >= {limits.margin:g} "
            f"(>= {limits.other_margin:g} when the words preferred another intent, "
            f">= {limits.close_call_margin:g} when they scored it an answer but a runner-up "
            "came close); "
            f"unexplained word <= {limits.unexplained:g}; words with vectors >= "
            f"{limits.coverage:.0%}; a domain term and the subject named",
        ]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything `k2bot ask --explain` shows for one question."""

    question: str
    normalized: str
    words: tuple[str, ...]
    corrections: dict[str, str]
    fragment_expanded: bool
    safety_trigger: str | None
    domain_terms: tuple[str, ...]
    subject_terms: tuple[str, ...]
    best: CandidateExplanation | None
    runner_up: CandidateExplanation | None
    thresholds: Thresholds
    outcome: str
    reason: str
    intent: str | None
    suggestions: tuple[str, ...]
    # The languages whose patterns the deciding index holds ("en" alone: English questions
    # are matched on the English patterns only).
    index_languages: tuple[str, ...] = ("en",)
    semantic: SemanticExplanation | None = None
    # Why the message is a task for an assistant (`bot.matching.everyday_tasks`), if it is one.
    everyday_task: str | None = None
    # Which domain words are said only in an everyday sense (`bot.matching.word_senses`).
    everyday_sense: str | None = None
    # The words as typed the safety trigger was found in, when the normalised words (read
    # as transliterated Russian) held none.
    safety_words_as_typed: tuple[str, ...] = ()
    # What the question's frames also read it as ("a complaint: 'calcium useless'"):
    # `Matcher.frames_read`.
    frames: tuple[str, ...] = ()
    # The article intent offered under a decline, and why (`bot.matching.runner_up`).
    offer: RunnerUpOffer | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form (the `explain` object of `k2bot ask --json --explain`)."""
        return {
            "normalized": self.normalized,
            "words": list(self.words),
            "typo_corrections": self.corrections,
            "fragment_expanded": self.fragment_expanded,
            "safety_trigger": self.safety_trigger,
            "safety_words_as_typed": list(self.safety_words_as_typed),
            "everyday_task": self.everyday_task,
            "everyday_sense": self.everyday_sense,
            "frames": list(self.frames),
            "domain_check": {
                "passed": bool(self.domain_terms),
                "domain_terms": list(self.domain_terms),
                "subject_terms": list(self.subject_terms),
            },
            "best": self.best.as_dict() if self.best else None,
            "runner_up": self.runner_up.as_dict() if self.runner_up else None,
            "thresholds": {
                "accept": self.thresholds.accept,
                "suggest": self.thresholds.suggest,
                "margin": self.thresholds.margin,
            },
            "outcome": self.outcome,
            "reason": self.reason,
            "intent": self.intent,
            "suggestions": list(self.suggestions),
            "index_languages": list(self.index_languages),
            "semantic": self.semantic.as_dict() if self.semantic else None,
            "offer": self.offer.as_dict() if self.offer else None,
        }

    def render(self) -> str:
        """The explanation as plain text for a terminal."""
        lines = [
            f"index: patterns in {', '.join(self.index_languages)}",
            f"question words: {' '.join(self.words) or '(none)'}",
        ]
        if self.corrections:
            fixed = ", ".join(f"{k} -> {v}" for k, v in self.corrections.items())
            lines.append(f"typos corrected: {fixed}")
        if self.fragment_expanded:
            lines.append("a word fragment stood for several domain terms: suggestions only")
        if self.safety_trigger:
            where = ""
            if self.safety_words_as_typed:
                where = f"; found in the words as typed: {' '.join(self.safety_words_as_typed)}"
            lines.append(
                f"safety trigger: {self.safety_trigger} (checked before anything else{where})"
            )
        if self.everyday_task:
            lines.append(f"everyday task ({self.everyday_task}): no article answer or suggestion")
        if self.everyday_sense:
            lines.append(f"everyday sense ({self.everyday_sense}): no article answer or suggestion")
        if self.domain_terms:
            lines.append(f"domain check: passed ({', '.join(self.domain_terms)})")
        else:
            lines.append("domain check: FAILED, no domain term: no article answer or suggestion")
        subject = ", ".join(self.subject_terms) or "none"
        lines.append(f"names the article's subject: {subject}")
        if self.frames:
            lines.append(f"also read as {'; '.join(self.frames)} (ranked as a sentence)")
        for label, candidate in (("best", self.best), ("runner-up", self.runner_up)):
            if candidate is None:
                lines.append(f"{label}: none")
                continue
            lines.append(
                f"{label}: {candidate.intent} ({candidate.kind}) score {candidate.score:.1f}, "
                f"closest pattern {candidate.pattern!r}"
            )
            lines.append(f"  words for:     {_weights(candidate.words_for)}")
            lines.append(f"  words against: {_weights(candidate.words_against)}")
            if candidate.core_terms:
                verdict = "named" if candidate.names_core else "NOT named: at most a suggestion"
                lines.append(f"  core terms ({', '.join(candidate.core_terms)}): {verdict}")
            if candidate.needs_subject and not self.subject_terms:
                lines.append("  needs the article's subject named: at most a suggestion")
            if candidate.leaves_out:
                lines.append(
                    f"  leaves out what the question names ({', '.join(candidate.leaves_out)}): "
                    f"-{UNEXPLAINED_TERM_PENALTY:g} points (and {RIVAL_LEAD:g} behind a rival "
                    f"within {RIVAL_REACH:g} that names it, if one does)"
                )
            if candidate.elsewhere:
                lines.append(f"  mainly about something else: {candidate.elsewhere}")
            if candidate.held_back:
                lines.append(
                    "  held back to a suggestion: too little evidence (no distinguishing "
                    "word, or a core term, the subject or the main word missing)"
                )
        if self.semantic is not None:
            lines.extend(self.semantic.render())
        if self.offer is not None:
            offer = self.offer
            won_on = ", ".join(offer.declined) or "no word of its own"
            lines.append(
                f"offered under the decline: {offer.intent.id} (score {offer.score:.1f}, "
                f"{offer.margin:.1f} behind {offer.decline.id}): it explains "
                f"{', '.join(offer.covered)}, which the decline doesn't; the decline won on "
                f"{won_on}"
            )
        limits = self.thresholds
        lines.append(
            f"thresholds: answer >= {limits.accept:g}, suggest >= {limits.suggest:g}, "
            f"margin {limits.margin:g}"
        )
        result = self.intent or ", ".join(self.suggestions) or "-"
        lines.append(f"outcome: {self.outcome} ({self.reason}): {result}")
        return "\n".join(lines)


def explain(matcher: Matcher, question: str) -> Explanation:
    """Explain the matcher's decision for one question."""
    match: Match = matcher.match(question)
    safety_first = match.reason is Reason.SAFETY_TRIGGER
    index = matcher.index
    # Read as the matcher reads it: a safety trigger as typed, the rest respelt, and a
    # greeting or thanks around the question read away.
    as_read = (
        question
        if safety_first
        else matcher.without_pleasantries(matcher.respeller.respell(question))
    )
    normalized = matcher.normalizer.normalize(as_read)
    raw = list(dict.fromkeys(content_tokens(normalized)))
    corrected = query_tokens(normalized, matcher.typos.correct)
    tokens, fragment = expand_fragments(index, corrected)
    fixed = {word: matcher.typos.correct(word) for word in raw}
    corrections = {before: after for before, after in fixed.items() if before != after}
    # The trigger the match itself found, so the explanation never disagrees with the reply:
    # in the normalised words, or else in the words as typed (`Normalizer.words_as_typed`),
    # which "question words" below does not show.
    safety = match.intent if safety_first else None
    as_typed: tuple[str, ...] = ()
    if safety is not None and matcher.safety_intent_for(normalized) is None:
        as_typed = tuple(matcher.normalizer.words_as_typed(question) or ())
    ranked = list(match.candidates) or matcher.rank_normalized(normalized)[:5]
    best = ranked[0] if ranked else None
    runner_up = next((c for c in ranked[1:] if best is None or c.intent.id != best.intent.id), None)
    words = set(tokens)
    return Explanation(
        question=question,
        normalized=normalized,
        words=tuple(tokens),
        corrections=corrections,
        fragment_expanded=fragment,
        safety_trigger=safety.id if safety is not None else None,
        safety_words_as_typed=as_typed,
        domain_terms=tuple(t for t in tokens if t in index.domain),
        subject_terms=tuple(t for t in tokens if t in index.anchors),
        best=_candidate(matcher, best, tokens, words, fragment, normalized, ranked)
        if best
        else None,
        runner_up=_candidate(matcher, runner_up, tokens, words, fragment, normalized, ranked)
        if runner_up
        else None,
        thresholds=matcher.thresholds,
        outcome=match.outcome.value,
        reason=match.reason.value,
        intent=match.intent.id if match.intent is not None else None,
        suggestions=tuple(i.id for i in match.suggestions),
        index_languages=_index_languages(matcher),
        semantic=_semantic(matcher, match, normalized),
        # A safety trigger is checked first: a task frame then decides nothing.
        everyday_task=None if safety_first else everyday_task(question),
        everyday_sense=None if safety_first else matcher.said_otherwise(as_read, normalized),
        offer=match.offer,
        frames=() if safety_first else matcher.frames_read(normalized, question),
    )


def _index_languages(matcher: Matcher) -> tuple[str, ...]:
    """The languages whose patterns the matcher indexes, the base language first."""
    if not matcher.content.with_translations:
        return (BASE_LANGUAGE,)
    others = {
        translation.language
        for intent in matcher.content.intents
        for translation in intent.translations
        if translation.patterns
    }
    return (BASE_LANGUAGE, *sorted(others))


# Outcomes the paraphrase signal has nothing to say about.
_NO_SEMANTIC = frozenset({Reason.EMPTY, Reason.SAFETY_TRIGGER})


def _semantic(matcher: Matcher, match: Match, normalized: str) -> SemanticExplanation | None:
    """The signal's part: its verdict when consulted, else what it would have seen."""
    limits = matcher.semantic_limits
    if match.semantic is not None:
        return SemanticExplanation(match.semantic, True, limits)
    if match.reason in _NO_SEMANTIC:
        return None
    if not limits.enabled:
        why = "not consulted: the semantic signal is switched off"
    elif match.outcome is Outcome.ANSWER:
        why = "not consulted: the words alone answered"
    else:
        why = "not consulted: an out-of-scope intent declined (near misses are data)"
    evidence = matcher.semantic_evidence(normalized)
    if evidence is None:
        return None  # no table: the error is logged, and the words alone decided
    return SemanticExplanation(SemanticVerdict(evidence, False, why), False, limits)


def _candidate(
    matcher: Matcher,
    candidate: Candidate,
    tokens: list[str],
    words: set[str],
    fragment: bool,
    normalized: str,
    ranked: list[Candidate],
) -> CandidateExplanation:
    index = matcher.index
    elsewhere = (
        mainly_elsewhere(
            index,
            tokens,
            normalized.split(),
            near_miss_terms(index, words),
            candidate,
            ranked,
            NEAR_MISS_REACH,
            matcher.typos.correct,
        )
        if candidate.intent.kind is Kind.ARTICLE
        else None
    )
    vocabulary = index.intent_vocab.get(candidate.intent.id, frozenset())
    words_for: list[WordWeight] = []
    words_against: list[WordWeight] = []
    for token in tokens:
        known = index.weights.get(token)
        weight = WordWeight(
            token,
            known if known is not None else unknown_word_weight(token),
            "intents" if known is not None else "general English",
        )
        if names_people(index, token):
            # Who asks or told them weighs as people do in the score (`PEOPLE_WEIGHT`).
            weight = WordWeight(token, min(weight.weight, PEOPLE_WEIGHT), "people")
        (words_for if token in vocabulary else words_against).append(weight)
    core = index.core.get(candidate.intent.id, frozenset())
    return CandidateExplanation(
        intent=candidate.intent.id,
        kind=candidate.intent.kind.value,
        score=candidate.score,
        pattern=candidate.pattern,
        words_for=tuple(words_for),
        words_against=tuple(words_against),
        core_terms=tuple(sorted(core)),
        names_core=names_core(index, candidate.intent.id, words),
        needs_subject=candidate.intent.kind is Kind.ARTICLE
        and candidate.intent.id in index.anchored,
        held_back=candidate.guess,
        elsewhere=elsewhere,
        leaves_out=()
        if fragment
        else tuple(
            sorted(
                left_out_terms(
                    index,
                    candidate,
                    specific_terms(index, words),
                    most_terms_named(index, specific_terms(index, words), ranked),
                )
            )
        ),
    )


def _weights(words: tuple[WordWeight, ...]) -> str:
    if not words:
        return "(none)"
    return ", ".join(
        f"{w.word} {w.weight:.2f}" + ("" if w.source == "intents" else f" ({w.source})")
        for w in words
    )
