"""Text in, reply out: the one place replies are composed.

The terminal and Telegram adapters both call `Responder`; they only render what it
returns (HTML for Telegram, plain text for the terminal) and add their own affordances.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

from bot.intents import Content, Intent, Kind
from bot.markup import escape, to_plain_text
from bot.matching import Match, Matcher, Outcome, Reason, Thresholds

FALLBACK_LINE = "My source, one article about vitamin K2, doesn't cover that."
NOT_MEDICAL_ADVICE = (
    "This is information from one article, not medical advice; for your own health, ask a doctor."
)
CAPABILITIES = (
    "I can answer questions about what vitamin K2 is, where it comes from, MK-4 and MK-7, "
    "bone density, fractures, osteoporosis, calcium absorption, osteocalcin, K2 with D3 "
    "and bone loss."
)


@dataclass(frozen=True, slots=True)
class Reply:
    """Everything an adapter needs to show one answer.

    Attributes:
        html: the reply in Telegram's HTML subset (render with `text` for a terminal).
        intent: the intent answered, or None when the bot suggests or falls back.
        suggestions: "did you mean" intents, best first (SUGGEST only).
        related: follow-up intents worth offering under an answer.
        sources: the verbatim article passages behind the answer (article intents only).
    """

    question: str
    outcome: Outcome
    intent: Intent | None
    score: float
    html: str
    suggestions: tuple[Intent, ...] = ()
    related: tuple[Intent, ...] = ()
    sources: tuple[str, ...] = ()
    elapsed_ms: float = 0.0

    @property
    def text(self) -> str:
        """The reply as plain text, for terminals and logs."""
        return to_plain_text(self.html)

    def as_json(self) -> dict[str, Any]:
        """The public JSON contract of `k2bot ask --json`: exactly these keys."""
        return {
            "question": self.question,
            "intent": self.intent.id if self.intent is not None else None,
            "score": self.score,
            "answer": self.text,
            "suggestions": [i.id for i in self.suggestions],
            "elapsed_ms": round(self.elapsed_ms, 3),
        }


@dataclass(slots=True)
class Responder:
    """Answers questions from one loaded `Content`."""

    content: Content
    thresholds: Thresholds = field(default_factory=Thresholds)
    matcher: Matcher = field(init=False)

    def __post_init__(self) -> None:
        self.matcher = Matcher(self.content, thresholds=self.thresholds)

    def respond(self, question: str) -> Reply:
        """Reply to what a user typed. Never raises on user text."""
        started = time.perf_counter()
        match = self.matcher.match(question)
        reply = self._compose(question, match)
        elapsed = (time.perf_counter() - started) * 1000.0
        return replace(reply, elapsed_ms=elapsed)

    def answer(self, intent_id: str) -> Reply | None:
        """The reply for a known intent (a button press or a deep link); None if unknown."""
        intent = self.content.by_id.get(intent_id)
        if intent is None or not intent.answers_the_question:
            return None
        return self._answer_reply(intent.title, intent, 100.0)

    def search(self, text: str, *, limit: int = 10) -> tuple[Intent, ...]:
        """Answers worth offering for a search such as Telegram's inline mode, best first."""
        if not text.strip():
            return self.topics()[:limit]
        match = self.matcher.match(text)
        if match.outcome is Outcome.ANSWER and match.intent is not None:
            if match.intent.kind is Kind.SAFETY:
                return (match.intent,)
            first: tuple[Intent, ...] = (match.intent,)
        else:
            first = ()
        if match.outcome is Outcome.FALLBACK and match.intent is not None:
            return ()  # a recognised near miss: nothing in the article fits
        ranked = tuple(
            c.intent
            for c in self.matcher.rank(text, limit=limit + 1)
            if c.intent.kind is Kind.ARTICLE
            and c.score >= self.thresholds.suggest
            and c.intent not in first
        )
        return (first + ranked)[:limit]

    def topics(self) -> tuple[Intent, ...]:
        """The article questions the bot can answer, in content order."""
        return self.content.of_kind(Kind.ARTICLE)

    def source_passages(self, intent_id: str) -> tuple[str, ...]:
        """The verbatim passages behind an intent's answer (empty if it has none)."""
        intent = self.content.by_id.get(intent_id)
        return intent.source if intent is not None else ()

    def about_source_html(self) -> str:
        """What the source is and how answers are drawn from it."""
        title = escape(self.content.document.title)
        return (
            f"All my answers come from one article: <b>{title}</b>\n\n"
            "Each answer says what the article says, without adding claims of its own, and "
            "can show the passage it came from, quoted word for word. Questions the article "
            "doesn't cover get an honest \"my source doesn't cover that\"; questions about "
            "medicines, pregnancy, children, doses or emergencies get a referral to a doctor."
            f"\n\n<i>{escape(NOT_MEDICAL_ADVICE)}</i>"
        )

    def _compose(self, question: str, match: Match) -> Reply:
        if match.outcome is Outcome.ANSWER and match.intent is not None:
            return self._answer_reply(question, match.intent, match.score)
        if match.outcome is Outcome.SUGGEST:
            lines = "\n".join(f"• {escape(i.title)}" for i in match.suggestions)
            html = f"I'm not sure I understood. Did you mean:\n{lines}"
            return Reply(
                question, match.outcome, None, match.score, html, suggestions=match.suggestions
            )
        if match.reason is Reason.EMPTY:
            html = (
                "I didn't catch a question there. Ask me something about vitamin K2, for "
                'example "what is vitamin K2?", or send /topics.'
            )
            return Reply(question, Outcome.FALLBACK, None, 0.0, html)
        decline = match.intent.answer if match.intent is not None else escape(FALLBACK_LINE)
        html = f"{decline}\n\n{escape(CAPABILITIES)} Send /topics to see them all."
        return Reply(question, Outcome.FALLBACK, None, match.score, html)

    def _answer_reply(self, question: str, intent: Intent, score: float) -> Reply:
        related = tuple(self.content.by_id[r] for r in intent.related if r in self.content.by_id)
        return Reply(
            question,
            Outcome.ANSWER,
            intent,
            score,
            intent.answer,
            related=related,
            sources=intent.source,
        )
