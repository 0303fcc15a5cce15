"""Text in, reply out: the one place replies are composed.

The terminal and Telegram adapters both call `Responder`; they only render what it
returns (HTML for Telegram, plain text for the terminal) and add their own affordances.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field, replace
from typing import Any

from bot import messages
from bot.content.model import base_language_only
from bot.intents import Content, Intent, Kind, shared_cache
from bot.language import (
    BASE_LANGUAGE,
    available_languages,
    current_hint,
    detect_language,
    likely_languages,
)
from bot.language import warm_up as warm_up_language_detection
from bot.markup import SPLIT_TARGET, escape, to_plain_text, visible_length
from bot.matching import Match, Matcher, Outcome, Reason, Thresholds, lexicon
from bot.matching.safety import programs
from bot.matching.uncovered import SUGGESTION_NAMING_ZIPF, uncovered_phrases
from bot.messages import (
    EMPTY_QUESTION_HTML,
    FALLBACK_LINE,
    NOT_MENTIONED,
    OMITTED_PASSAGES,
    TOPIC_OR,
    UNCOVERED_LINE,
    about_source_html,
    did_you_mean_html,
    fallback_html,
    in_language,
    interface_languages,
    no_content_line,
    offer_after_decline_html,
    quoted_passage_html,
)
from bot.referral_language import ReferralLanguage
from bot.text import content_tokens


@dataclass(frozen=True, slots=True)
class Reply:
    """Everything an adapter needs to show one answer.

    Attributes:
        html: the reply in Telegram's HTML subset (render with `text` for a terminal).
        intent: the intent answered, or None when the bot suggests or falls back.
        suggestions: "did you mean" intents, best first (a SUGGEST's, or the article topic
            offered under a decline: a FALLBACK's).
        related: follow-up intents worth offering under an answer.
        sources: the verbatim article passages behind the answer (article intents only).
        language: the language the reply is written in.
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
    language: str = BASE_LANGUAGE

    @property
    def text(self) -> str:
        """The reply as plain text, for terminals and logs."""
        return to_plain_text(self.html)

    @property
    def html_with_source(self) -> str:
        """The reply with its source passages quoted under it, collapsed to a few lines.

        The passages go in one `<blockquote expandable>` (Telegram shows its first lines and
        opens it with a tap). Whole passages only: those that would take the message past
        `SPLIT_TARGET` visible characters (under Telegram's 4096) are left out, and a marker
        says so. Replies without passages are returned as they are. A reply in another
        language than the article's shows each passage's rendering, marked as a translation,
        under the article's own words.
        """
        rendered = self.intent.source_in(self.language) if self.intent is not None else ()
        return self.html + source_quote_html(
            self.sources,
            room=SPLIT_TARGET - visible_length(self.html),
            translated=rendered,
            language=self.language,
        )

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


def source_quote_html(
    passages: tuple[str, ...],
    *,
    room: int,
    translated: tuple[str, ...] = (),
    language: str = BASE_LANGUAGE,
) -> str:
    """The passages as one expandable quote, with the blank line before it.

    The quote fits in `room` visible characters; "" when there are none or not even the
    first fits.

    Args:
        passages: the verbatim article passages, in order.
        room: how many visible characters (UTF-16 code units) the quote may take.
        translated: the passages rendered in `language`, one per passage (or none); each
            goes under its passage, marked as a translation, and is left out with it.
        language: the reader's language.
    """
    renderings = translated if len(translated) == len(passages) else ("",) * len(passages)
    wanted = [
        quoted_passage_html(p, r, language)
        for p, r in zip(passages, renderings, strict=True)
        if p.strip()
    ]
    if not wanted:
        return ""
    for keep in range(len(wanted), 0, -1):
        # Passages are separated by a line holding only "…" rather than a blank line:
        # a blank line is where long messages are split, and a tag must not span one.
        body = "\n…\n".join(wanted[:keep])
        if keep < len(wanted):
            body += f"\n{escape(in_language(OMITTED_PASSAGES, language))}"
        quote = f"\n\n<blockquote expandable>📖 {body}</blockquote>"
        if visible_length(quote) <= room:
            return quote
    return ""


def keep_loaded() -> None:
    """Take what is loaded now out of the garbage collector's walks, for a long-running bot.

    Call after `Responder.warm_up`. The content, index and tables live as long as the
    process; a full collection walked them all (40-60 ms, every few thousand questions,
    inside whichever question was being answered). Frozen, they are still freed when
    nothing refers to them (a reload's old responder is: it holds no cycles of note).
    """
    gc.collect()
    gc.freeze()


@dataclass(slots=True)
class Responder:
    """Answers questions from one loaded `Content`.

    Attributes:
        language: a language every reply is given in, whatever the message's (`k2bot ask
            --lang ru`); None tells it per message (see `language_for`).
    """

    content: Content
    thresholds: Thresholds = field(default_factory=Thresholds)
    language: str | None = None
    matcher: Matcher = field(init=False)
    # The matcher over every language's patterns, for questions holding a word of another
    # language (None: the content is in one language).
    # (A factory, not a default: a slotted dataclass loses plain defaults of init=False
    # fields, and a subclass that builds its own matchers must still find it.)
    translated: Matcher | None = field(init=False, default_factory=lambda: None)
    # Words (content tokens) of other languages' patterns that no base-language pattern
    # uses, each with the language of the first pattern that has it.
    _foreign_words: dict[str, str] = field(init=False, default_factory=dict)
    # The language a referral is given in (built with the matcher, which it shares).
    referral_language: ReferralLanguage = field(init=False)

    def __post_init__(self) -> None:
        if any(intent.translations for intent in self.content.intents):
            # English questions are matched on the English patterns alone, exactly as
            # before any translation was added; the rest on all of them.
            base = base_language_only(self.content)
            self.matcher = Matcher(base, thresholds=self.thresholds)
            # The same intents and synonyms: the normaliser and safety triggers are shared.
            self.translated = Matcher(self.content, thresholds=self.thresholds, like=self.matcher)
            base_words = set(self.matcher.index.weights)
            # The full index has every pattern normalised already.
            normalized = {p.text: p.normalized for p in self.translated.index.patterns}
            normalize = self.matcher.normalizer.normalize
            for intent in self.content.intents:
                for translation in intent.translations:
                    for pattern in translation.patterns:
                        folded = normalized.get(pattern) or normalize(pattern)
                        for word in content_tokens(folded):
                            if word not in base_words:
                                self._foreign_words.setdefault(word, translation.language)
        else:
            self.matcher = Matcher(self.content, thresholds=self.thresholds)
        self.referral_language = ReferralLanguage(
            self.content, self.matcher.normalizer, self.matcher.safety.reader
        )

    def warm_up(self) -> None:
        """Load now everything a question would otherwise load on first use.

        The paraphrase signal (numpy, the word vectors, every pattern embedded), every
        safety expression compiled, the safety triggers by language (for a referral's
        language), the word-frequency tables and the scripts' letter ranges: about 0.3 s
        that the first questions of a fresh bot would otherwise pay, up to 0.14 s one of
        them. Long-running modes (`k2bot run`, `k2bot chat`, a reload) call it before
        serving; a one-shot `k2bot ask` does not, and starts quicker for it. Safe to call
        again: what is loaded stays loaded. The safety expressions are built from what an
        earlier start compiled them to, when the content cache kept it (`programs`).
        """
        programs.load(shared_cache())
        for matcher in (self.matcher, self.translated):
            if matcher is not None:
                matcher.warm_up()
        self.referral_language.warm_up()
        warm_up_language_detection()
        programs.keep(shared_cache(), self._safety_expressions())

    def _safety_expressions(self) -> set[str]:
        """Every safety expression this responder's warm-up compiles."""
        found = self.referral_language.table().expression_texts()
        for matcher in (self.matcher, self.translated):
            if matcher is not None:
                found |= matcher.safety.expression_texts()
        return found

    @property
    def warm(self) -> bool:
        """Whether `warm_up` has nothing left to load: no question will load a table."""
        matchers = [m for m in (self.matcher, self.translated) if m is not None]
        return (
            all(m.semantic_ready and m.safety.warm and m.typos.warm for m in matchers)
            and self.referral_language.warm
            and lexicon.loaded()
        )

    def matcher_for(self, question: str) -> Matcher:
        """The matcher for `question`: all languages' when it holds another language's words."""
        if self.translated is None:
            return self.matcher
        # Another script, or Latin letters read as transliterated Russian ("chto takoe mk7").
        if detect_language(question) not in (None, BASE_LANGUAGE):
            return self.translated
        words = content_tokens(self.matcher.normalizer.normalize(question))
        if any(word in self._foreign_words for word in words):
            return self.translated
        return self.matcher

    def respond(
        self, question: str, *, language: str | None = None, usual: str | None = None
    ) -> Reply:
        """Reply to what a user typed. Never raises on user text.

        Args:
            question: what the user typed.
            language: the user's own choice of language (`/language`): always used.
            usual: the language to use when the message does not tell (the chat's last
                language, then Telegram's `language_code`); None: English.
        """
        started = time.perf_counter()
        match = self.matcher_for(question).match(question)
        chosen = self.language_for(question, match, language=language, usual=usual)
        reply = self._compose(question, match, chosen)
        elapsed = (time.perf_counter() - started) * 1000.0
        return replace(reply, elapsed_ms=elapsed)

    def language_for(
        self,
        question: str,
        match: Match | None = None,
        *,
        language: str | None = None,
        usual: str | None = None,
    ) -> str:
        """The language to reply to `question` in.

        In order: the forced language (`self.language`), the user's choice, the message's
        script (Cyrillic, Arabic...) or clearly English words, the language of the pattern
        it matched when that is not the base language (transliteration such as "chto takoe
        mk7"), `usual`, English. A choice or `usual` not given here comes from the hint
        of the message being answered (`bot.language.answering_with`).
        """
        if self.language is not None:
            return self.language
        hint = current_hint()
        language = language or hint.chosen
        usual = usual or hint.usual
        if language is not None:
            return language
        told = detect_language(question)
        safety = match.intent if match is not None and match.intent is not None else None
        if safety is not None and safety.kind is Kind.SAFETY:
            # A referral is given in the language of the triggers that called for it.
            referred = self.referral_language.choose(question, told, safety, usual)
            if referred is not None:
                return referred
        if told is not None:
            return told
        if match is not None and match.intent is not None and match.candidates:
            pattern = match.candidates[0].pattern
            for translation in match.intent.translations:
                if pattern in translation.patterns:
                    return translation.language
        if self.matcher.normalizer.reads_as_russian(question):
            # Russian typed in Latin letters that matched by a shared canonical word
            # ("perelomy k2" is "fracture k2") is still Russian.
            return "ru"
        if self._foreign_words:
            # A transliterated question matched on a shared word ("k2") still has its own.
            for word in content_tokens(self.matcher.normalizer.normalize(question)):
                if word in self._foreign_words:
                    return self._foreign_words[word]
        # Words of several other languages and none of English: one of those languages.
        likely = likely_languages(question)
        if likely:
            return usual if usual in likely else likely[0]
        return usual or BASE_LANGUAGE

    def answer(self, intent_id: str, *, language: str | None = None) -> Reply | None:
        """The reply for a known intent (a button press or a deep link); None if unknown.

        Args:
            intent_id: the intent's id.
            language: the language to answer in (None: the forced one, else English).
        """
        intent = self.content.by_id.get(intent_id)
        if intent is None or not intent.answers_the_question:
            return None
        chosen = self.language or language or current_hint().chosen or current_hint().usual
        chosen = chosen or BASE_LANGUAGE
        return self._answer_reply(intent.title_in(chosen), intent, 100.0, chosen)

    def search(self, text: str, *, limit: int = 10) -> tuple[Intent, ...]:
        """Answers worth offering for a search such as Telegram's inline mode, best first."""
        if not text.strip():
            return self.topics()[:limit]
        matcher = self.matcher_for(text)  # a Russian search is matched on Russian patterns too
        match = matcher.match(text)
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
            for c in matcher.rank(text, limit=limit + 1)
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

    def article_title(self, language: str = BASE_LANGUAGE) -> str:
        """The article's title for a reader of `language`: its rendering, else the original.

        The rendering comes from the content (`source_title:`); without one the English
        title is shown, marked as such in `language`'s catalogue.
        """
        document = self.content.document
        return messages.article_title(document.title, document.translated_title(language), language)

    def about_source_html(self, language: str = BASE_LANGUAGE) -> str:
        """What the source is and how answers are drawn from it."""
        return about_source_html(self.article_title(language), language)

    def source_html(self, intent_id: str, language: str = BASE_LANGUAGE) -> str:
        """The verbatim passages behind an answer, as quotes under the article's title.

        In another language each English passage is followed by its rendering, when the
        intent's YAML has one, marked as a translation.
        """
        intent = self.content.by_id.get(intent_id)
        translated = intent.source_in(language) if intent is not None else ()
        return messages.source_html(
            self.article_title(language), self.source_passages(intent_id), translated, language
        )

    def _compose(self, question: str, match: Match, language: str) -> Reply:
        answered = match.outcome is Outcome.ANSWER and match.intent is not None
        # A referral is given whatever the language; anything else, in a language without
        # content, gets the honest reply in that language.
        referral = answered and match.intent is not None and match.intent.kind is Kind.SAFETY
        if (
            not referral
            and language not in interface_languages()
            and not self._has_content_in(language)
        ):
            return self._no_content_reply(question, match, language)
        if match.outcome is Outcome.ANSWER and match.intent is not None:
            return self._answer_reply(question, match.intent, match.score, language)
        # The frame of a suggestion or fall-back is in the language when its texts exist.
        framed = language if language in interface_languages() else BASE_LANGUAGE
        if match.outcome is Outcome.SUGGEST:
            html = did_you_mean_html([i.title_in(framed) for i in match.suggestions], framed)
            uncovered = self._uncovered_html(question, framed)
            html = f"{uncovered}\n{html}" if uncovered else html
            return Reply(
                question,
                match.outcome,
                None,
                match.score,
                html,
                suggestions=match.suggestions,
                language=framed,
            )
        if match.reason is Reason.EMPTY:
            empty = in_language(EMPTY_QUESTION_HTML, framed)
            return Reply(question, Outcome.FALLBACK, None, 0.0, empty, language=framed)
        decline = self._decline_html(question, match, framed)
        if match.suggestions:
            # The decline stays; the article topic that answers the rest of the question is
            # offered under it, in place of the list of everything it can answer.
            titles = [i.title_in(framed) for i in match.suggestions]
            html = offer_after_decline_html(decline, titles, framed)
        else:
            html = fallback_html(decline, framed)
        return Reply(
            question,
            Outcome.FALLBACK,
            None,
            match.score,
            html,
            suggestions=match.suggestions,
            language=framed,
        )

    def _decline_html(self, question: str, match: Match, language: str) -> str:
        """Why the bot declines (HTML), naming what the source doesn't address.

        The out-of-scope intent's answer, or the plain line, with the question's phrases
        that no article intent explains ("“wrinkles”"): the question's own English words
        (`uncovered_phrases`), so named in English replies only. An out-of-scope answer
        that already says a phrase's every word ("side effects") is left as it is.
        """
        matcher = self.matcher_for(question)
        # A task given to an assistant ("set a reminder to take my vitamins") asks about no
        # topic the article leaves out: its words are not named as one.
        named_here = language == BASE_LANGUAGE and match.reason is not Reason.EVERYDAY_TASK
        phrases = uncovered_phrases(matcher, question) if named_here else ()
        if match.intent is None:
            if not phrases:
                return escape(in_language(FALLBACK_LINE, language))
            return self._uncovered_line(phrases, language)
        answer = match.intent.answer_in(language)
        if not phrases:
            return answer  # the answer's words are read only to compare with phrases
        said = set(matcher.normalizer.tokens(answer))
        if any(set(matcher.normalizer.tokens(p)) <= said for p in phrases):
            return answer
        named = self._named(phrases, language)
        return f"{answer} {escape(in_language(NOT_MENTIONED, language).format(topic=named))}"

    def _uncovered_html(self, question: str, language: str) -> str:
        """Before a "did you mean": the clear topic the source leaves out, or empty.

        For an English question naming K2. Only phrases with a word rarer than
        `SUGGESTION_NAMING_ZIPF`: a question the article covers, offered as suggestions,
        brings everyday words ("straight").
        """
        if language != BASE_LANGUAGE:
            return ""
        matcher = self.matcher_for(question)
        phrases = uncovered_phrases(matcher, question, rarer_than=SUGGESTION_NAMING_ZIPF)
        return self._uncovered_line(phrases, language) if phrases else ""

    def _uncovered_line(self, phrases: tuple[str, ...], language: str) -> str:
        """The line "My source ... doesn't mention “x”." (HTML) for the phrases."""
        line = in_language(UNCOVERED_LINE, language)
        return escape(line.format(topic=self._named(phrases, language)))

    @staticmethod
    def _named(phrases: tuple[str, ...], language: str) -> str:
        """The phrases quoted and joined: “wrinkles” or “hair loss”."""
        return f" {in_language(TOPIC_OR, language)} ".join(f"“{p}”" for p in phrases)

    def _has_content_in(self, language: str) -> bool:
        """Whether some article intent is answered in `language`."""
        return any(language in i.languages for i in self.content.of_kind(Kind.ARTICLE))

    def _no_content_reply(self, question: str, match: Match, language: str) -> Reply:
        """The honest reply to a message in a language without content, in that language.

        Says which languages the bot answers in and offers the topics as buttons: the ones
        the question came close to first, then the rest, so a question the article covers
        is one tap from its answer and an off-topic one never gets an article answer.
        Small talk ("danke", "merci") is answered first, in English, above that line.
        """
        line = no_content_line(language, available_languages(self.content.of_kind(Kind.ARTICLE)))
        close = [c.intent for c in match.candidates if c.intent.kind is Kind.ARTICLE]
        answered = match.intent if match.outcome is Outcome.ANSWER else None
        if answered is not None and answered.kind is not Kind.SMALLTALK:
            close.insert(0, answered)
        offered = tuple(dict.fromkeys([*close, *self.topics()]))[:5]
        lines = "\n".join(f"• {escape(i.title)}" for i in offered)
        if answered is not None and answered.kind is Kind.SMALLTALK:
            # "danke", "hola", "merci" are understood: the small talk is answered (in the
            # language when it has a text there, as Ukrainian does, else in English), then
            # the honest line and the topics, so the greeting or thanks is not met with a
            # list headed by "Hello".
            return Reply(
                question,
                Outcome.ANSWER,
                answered,
                match.score,
                f"{answered.answer_in(language)}\n\n{escape(line)}\n{lines}",
                related=offered,
                language=language,
            )
        return Reply(
            question,
            Outcome.SUGGEST,
            None,
            match.score,
            f"{escape(line)}\n{lines}",
            suggestions=offered,
            language=language,
        )

    def _answer_reply(self, question: str, intent: Intent, score: float, language: str) -> Reply:
        related = tuple(self.content.by_id[r] for r in intent.related if r in self.content.by_id)
        # An intent not yet written in `language` is answered in English, and says so by
        # its `language`, rather than pretending.
        written_in = language if language in intent.languages else BASE_LANGUAGE
        return Reply(
            question,
            Outcome.ANSWER,
            intent,
            score,
            intent.answer_in(written_in),
            related=related,
            sources=intent.source,
            language=written_in,
        )
