"""An article answer offered under a decline, when the question also asks what it covers.

Real questions often join a topic the article leaves out to one it covers: "is MK-7 made in
the colon by bacteria, or do we only get it from natto", "can my gut bacteria turn the K1
from kale into K2". A decline (an out-of-scope intent) wins them on the one rare word it
explains ("natto", "k1"), and the article intent that answers the
rest comes second: the user got an honest "my source doesn't cover natto" and nothing else,
though the article answers the other half. Scores alone cannot tell these from near misses
(the real ones and the near misses score in the same band), so the decline stays: the
runner-up is *offered* under it, as a "did you mean", never answered.

An offer is made when the decline won, the question names the article's subject (K2, MK-7),
and the best article candidate

* scores at least `suggest`, the bar every "did you mean" clears;
* explains a topic term of the question (a domain term besides the subject's names, weighing
  at least `COVERED_TERM_WEIGHT` in the index: "bone", "bacteria", "d3", not "vitamin") that
  the decline's patterns never use: the part of the question the decline leaves out;
* trails a decline whose lead rests on at most `MAX_DECLINE_WORDS` informative word of its
  own (not a domain term, index weight at least `DECLINE_WORD_WEIGHT`) that the article
  intent never uses: "natto", "k1". A question whose declined topic takes
  several such words ("amazon price", "hair growth") is about that topic.

A question asking what the subject is made from ("is K1 converted into MK-4 in the body?",
"MK-4 gets made from K1 in the testes?": `bot.matching.main_content.made_from_near_miss`)
needs no topic term: the decline explains the source, and the article candidate that
clears `suggest` answers the making the question asks about (where MK-4 and MK-7 are
formed, bacteria making K2), so it is offered. The decline's own words are still counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.intents import Intent, Kind
from bot.matching.decide import Match, Outcome, Reason, Thresholds
from bot.matching.index import Index

# A topic term the runner-up must explain weighs at least this in the index: "bone" (1.7),
# "calcium" (1.5), "d3" (2.4) do; "vitamin" (0.4) and "supplement" (1.2) name no topic.
COVERED_TERM_WEIGHT = 1.5
# A word of the decline's own counts when it weighs at least this (question words and
# generic words weigh less: "how", "what", "help").
DECLINE_WORD_WEIGHT = 1.0
# The decline may win on one such word; two or more make the question about its topic.
MAX_DECLINE_WORDS = 1


@dataclass(frozen=True, slots=True)
class RunnerUpOffer:
    """An article intent offered under a decline, and why (shown by `k2bot ask --explain`).

    Attributes:
        intent: the article intent offered.
        score: its score.
        decline: the out-of-scope intent that won.
        margin: how far it trailed the decline (the decline's score minus its own).
        covered: the question's topic terms it explains and the decline doesn't.
        declined: the decline's own informative words it doesn't explain (at most one).
    """

    intent: Intent
    score: float
    decline: Intent
    margin: float
    covered: tuple[str, ...]
    declined: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form (the `offer` object of `k2bot ask --json --explain`)."""
        return {
            "intent": self.intent.id,
            "score": self.score,
            "decline": self.decline.id,
            "margin": round(self.margin, 1),
            "covered_terms": list(self.covered),
            "decline_words": list(self.declined),
        }


def offer_under_decline(
    index: Index,
    tokens: Iterable[str],
    decided: Match,
    thresholds: Thresholds,
    *,
    made_from: str | None = None,
) -> RunnerUpOffer | None:
    """The article intent worth offering under `decided`'s decline, or None.

    Args:
        index: the matcher's index (weights, domain and subject terms, each intent's words).
        tokens: the question's words as the matcher reads them.
        decided: the decision; only a decline (an out-of-scope intent won) gets an offer.
        thresholds: the matcher's thresholds (`suggest` is the runner-up's bar).
        made_from: the near-miss term the question names as what the subject is made
            from, if any: when the decline explains it, no topic term is needed.
    """
    decline = decided.intent
    if (
        decided.outcome is not Outcome.FALLBACK
        or decided.reason is not Reason.OUT_OF_SCOPE
        or decline is None
        or decline.kind is not Kind.OUT_OF_SCOPE
    ):
        return None
    words = frozenset(tokens)
    if not words & index.anchors:
        return None
    runner_up = next((c for c in decided.candidates if c.intent.kind is Kind.ARTICLE), None)
    if runner_up is None or runner_up.score < thresholds.suggest:
        return None
    empty: frozenset[str] = frozenset()
    declined = words & index.intent_vocab.get(decline.id, empty)
    answered = words & index.intent_vocab.get(runner_up.intent.id, empty)
    covered = tuple(
        sorted(
            term
            for term in answered - declined
            if term in index.domain
            and term not in index.anchors
            and index.weights.get(term, 0.0) >= COVERED_TERM_WEIGHT
        )
    )
    source_declined = made_from is not None and made_from in declined
    if not covered and not source_declined:
        return None
    own = tuple(
        sorted(
            word
            for word in declined - answered
            if word not in index.domain and index.weights.get(word, 0.0) >= DECLINE_WORD_WEIGHT
        )
    )
    if len(own) > MAX_DECLINE_WORDS:
        return None
    return RunnerUpOffer(
        runner_up.intent,
        runner_up.score,
        decline,
        decided.score - runner_up.score,
        covered,
        own,
    )
