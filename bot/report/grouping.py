"""Group the questions the bot could not answer well, and say what to do about each group.

Each question joins the group of its topic word, and each group is matched to its closest
intent with the bot's own matcher. So forty ways of asking about natto show as one group
with a count, and each group comes with a suggestion: add these as patterns to an
intent, or consider a new one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.intents import Kind
from bot.matching import Matcher, Outcome
from bot.matching.decide import Reason
from bot.text import GENERIC_WORDS, QUESTION_WORDS, content_tokens

TYPO_MIN_LENGTH = 4  # shorter words one edit apart are different words ("mk4", "mk7")
IGNORED_WORDS = GENERIC_WORDS | QUESTION_WORDS  # "k2", "vitamin", "how": never a topic
EXAMPLES_PER_GROUP = 5


@dataclass(frozen=True, slots=True)
class Group:
    """Similar questions the bot could not answer well, with what to do about them."""

    count: int
    examples: tuple[str, ...]
    unanswered: int
    low_confidence: int
    closest_intent: str | None
    closest_score: float
    suggestion: str  # "add" (as patterns to closest_intent) or "new" (consider a new intent)
    all_texts: tuple[str, ...] = field(default=(), repr=False)
    topic: str = ""  # the word the group's questions share

    def advice(self) -> str:
        """What an editor should do about these questions, in one sentence."""
        if self.suggestion == "add" and self.closest_intent:
            return f"add these as patterns to {self.closest_intent}"
        closest = (
            f" (closest: {self.closest_intent}, score {self.closest_score:.0f})"
            if self.closest_intent
            else ""
        )
        return (
            "consider a new intent if the article answers this, or add them to an "
            f"out_of_scope intent if it does not{closest}"
        )


@dataclass(slots=True)
class _Tally:
    """A group while its questions are being counted."""

    count: int = 0
    unanswered: int = 0
    low_confidence: int = 0
    examples: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Grouping:
    """The groups, and the questions left out of them, counted so that everything adds up.

    `sum(g.count for g in groups) + declined + no_topic` is every question passed in.
    """

    groups: list[Group]
    declined: int = 0  # the bot now declines these with an out-of-scope intent: handled
    no_topic: int = 0  # no word to group by ("tell me more", emoji): listed, not grouped
    no_topic_examples: tuple[str, ...] = ()


def group_questions(texts: Sequence[tuple[str, int, int, int]], matcher: Matcher) -> Grouping:
    """Group (text, unanswered, low-confidence, count) rows by their topic word.

    A question's topic is its word that is both common among these questions and
    distinctive among the intents (frequency here times the matcher's word weight), so
    "natto k2?", "i hate natto, what else" and "is nato good" share "natto", while words
    every intent uses ("take", "k2") never become a topic.

    Args:
        texts: distinct question texts, most asked first, with how often each went
            unanswered, was answered with low confidence, and was asked in all.
        matcher: the bot's matcher: its normaliser, word weights and ranking.

    A question the bot now declines with an out-of-scope intent ("which foods have k2")
    is handled and left out; one with no topic word ("tell me more") is counted in
    `no_topic`. A group suggests adding its questions to its closest intent only when that
    intent's patterns hold the group's topic word: advice never sends "does k2 make u
    sleepy" to an intent that merely scored close.

    Returns:
        The groups, largest first, and what was left out of them.
    """
    rows = []
    frequency: Counter[str] = Counter()
    declined = no_topic = 0
    no_topic_examples: list[str] = []
    for text, unanswered, low, count in texts:
        match = matcher.match(text)
        if match.outcome is Outcome.FALLBACK and match.reason is Reason.OUT_OF_SCOPE:
            declined += count  # already declined honestly by an out_of_scope intent
            continue
        normalized = matcher.normalizer.normalize(text)
        words = {w for w in content_tokens(normalized) if w not in IGNORED_WORDS}
        if not words:
            no_topic += count  # follow-ups, emoji: counted, but no word to group them by
            if len(no_topic_examples) < EXAMPLES_PER_GROUP:
                no_topic_examples.append(text)
            continue
        rows.append((text, unanswered, low, count, normalized, words))
        for word in words:
            frequency[word] += count
    spelling = _common_spellings(frequency)
    rows = [(*row[:5], {spelling[w] for w in row[5]}) for row in rows]
    frequency = Counter()
    for *_, count, _, words in rows:
        for word in words:
            frequency[word] += count
    tallies: dict[str, _Tally] = {}
    closest_votes: dict[str, Counter[str | None]] = defaultdict(Counter)
    closest_scores: dict[tuple[str, str | None], list[float]] = defaultdict(list)
    for text, unanswered, low, count, normalized, words in rows:
        topic = max(sorted(words), key=lambda w: frequency[w] * matcher.word_weight(w))
        ranked = matcher.rank_normalized(normalized)
        closest = ranked[0].intent.id if ranked else None
        closest_votes[topic][closest] += count
        closest_scores[topic, closest].append(ranked[0].score if ranked else 0.0)
        tally = tallies.setdefault(topic, _Tally())
        tally.count += count
        tally.unanswered += unanswered
        tally.low_confidence += low
        tally.texts.append(text)
        if len(tally.examples) < EXAMPLES_PER_GROUP:
            tally.examples.append(text)  # rows come most asked first
    by_id = matcher.content.by_id
    vocabulary = matcher.index.intent_vocab
    groups = []
    for topic, tally in tallies.items():
        closest = closest_votes[topic].most_common(1)[0][0]
        scores = closest_scores[topic, closest]
        score = round(sum(scores) / len(scores), 1)
        if closest is not None and topic not in vocabulary.get(closest, frozenset()):
            closest, score = None, 0.0  # close by score only: not worth naming
        intent = by_id.get(closest) if closest else None
        useful = (
            intent is not None
            and intent.kind is not Kind.SMALLTALK
            and score >= matcher.thresholds.suggest
        )
        groups.append(
            Group(
                count=tally.count,
                examples=tuple(tally.examples),
                unanswered=tally.unanswered,
                low_confidence=tally.low_confidence,
                closest_intent=closest,
                closest_score=score,
                suggestion="add" if useful else "new",
                all_texts=tuple(tally.texts),
                topic=topic,
            )
        )
    return Grouping(
        sorted(groups, key=lambda g: (-g.count, g.examples[0])),
        declined=declined,
        no_topic=no_topic,
        no_topic_examples=tuple(no_topic_examples),
    )


def _common_spellings(frequency: Counter[str]) -> dict[str, str]:
    """Each word mapped to a more frequent word one typo away ("nato" -> "natto")."""
    spelling: dict[str, str] = {}
    leaders: list[str] = []
    for word, _ in frequency.most_common():
        found = (
            process.extractOne(word, leaders, scorer=Levenshtein.distance, score_cutoff=1)
            if len(word) >= TYPO_MIN_LENGTH and not word.isdigit()
            else None
        )
        if found is None:
            leaders.append(word)
            spelling[word] = word
        else:
            spelling[word] = found[0]
    return spelling
