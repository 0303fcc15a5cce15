"""The language a safety referral is given in, told by the triggers that called for it.

A referral's words are its evidence of a language: "Vitamin K2 in der Schwangerschaft ok?"
is told English by "in" and "ok" but referred in German by its German trigger, "k2 com
varfarina" in Portuguese. `ReferralLanguage.choose` weighs them; the responder asks it
only for a referral, and otherwise tells a reply's language by the message alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.intents import Content, Intent, Kind
from bot.language import (
    BASE_LANGUAGE,
    LATIN_LANGUAGES,
    detect_script_language,
    fold_latin,
    leaning_languages,
    may_be_instead,
    word_evidence,
)
from bot.matching import lexicon
from bot.matching.safety import TriggerLanguages
from bot.matching.safety.reader import TriggerReader
from bot.text import Normalizer, russian_reading

# The language Russian typed in Latin letters is referred in.
RUSSIAN = "ru"
# Punctuation around a word as typed ("anticoagulanti?").
_WORD_EDGES = ".,;:!?¿¡()[]\"'«»“”„…"


# Below this Zipf a word is rare in English ("stillzeit" 0, "pregnancy" 4.1).
RARE_IN_ENGLISH = 2.5
_LATIN_LETTERS = re.compile(r"[^\W\d_]+")
# How common a Latin word's Cyrillic reading must be in Russian to count for Russian
# (`_more_russian_than_other`), as `bot.text` reads transliteration.
RUSSIAN_READING_ZIPF = 2.5


def _holds_a_word_english_hardly_uses(question: str) -> bool:
    """Whether a message holds a word of three letters or more that is rare in English.

    "Vitamin K2 in der Stillzeit ok?" does ("stillzeit"); "is k2 safe in pregnancy" does
    not, so another language's triggers cannot be what referred it.
    """
    return any(
        len(word) >= 3 and lexicon.zipf(word) < RARE_IN_ENGLISH
        for word in _LATIN_LETTERS.findall(question.lower())
    )


def _more_russian_than_other(question: str) -> bool:
    """Whether a Latin message's words read as Russian more than as nothing known.

    Looser than telling transliterated Russian (`bot.text.transliterated_russian`): a word
    whose Cyrillic reading is a common Russian word more common than the word is in
    English counts for Russian ("skolko", "mkg"); one that is neither such a word nor an
    English one counts against ("kiedy", "wrocic": Polish typed without its letters).
    At least two for Russian, and more than against.
    """
    russian = other = 0
    for word in question.lower().split():
        word = word.strip(_WORD_EDGES)
        if len(word) < 2 or not word.isascii() or not word.isalpha():
            continue
        in_english = lexicon.zipf(word)
        reading = russian_reading(word)[1]
        if reading >= RUSSIAN_READING_ZIPF and reading > in_english:
            russian += 1
        elif in_english < RUSSIAN_READING_ZIPF + 0.5:
            other += 1
    return russian >= 2 and russian > other


@dataclass(slots=True)
class ReferralLanguage:
    """Chooses the language of a safety referral from the triggers a message holds.

    Attributes:
        content: the intents, whose safety triggers are read per language.
        normalizer: the matcher's, so triggers and messages fold alike.
        reader: the matcher's reading of the triggers, shared rather than read again.
    """

    content: Content
    normalizer: Normalizer
    reader: TriggerReader
    # Per language, the safety triggers written in it (`table`).
    _trigger_languages: TriggerLanguages | None = field(init=False, default_factory=lambda: None)
    # Per folded word, the languages listing it as a whole safety trigger (no "*"), read by
    # `warm_up` or else on the first tie between trigger languages (see
    # `_written_as_trigger`).
    _literal_triggers: dict[str, frozenset[str]] | None = field(
        init=False, default_factory=lambda: None
    )

    def warm_up(self) -> None:
        """Read the triggers by language and the whole-word table now, not on first use."""
        self.table().warm_up()
        self._literal_triggers_table()  # else the first tie pays ~0.1 ms of folding for it

    @property
    def warm(self) -> bool:
        """Whether `warm_up` has nothing left to load."""
        return (
            self._trigger_languages is not None
            and (self._trigger_languages.compiled or not self._trigger_languages)
            and self._literal_triggers is not None
        )

    def choose(
        self, question: str, told: str | None, referral: Intent, usual: str | None = None
    ) -> str | None:
        """The language to give `referral` in for `question`, or None: the message's own.

        Args:
            question: the message as typed.
            told: the language the message tells by itself (`detect_language`), if any.
            referral: the safety intent it is referred to.
            usual: the chat's language, which breaks a tie.
        """
        if told is None or told not in referral.languages:
            # A referral is given in the language of the trigger that called for it, when
            # the message's own language does not already tell.
            return self._trigger_language(question, told, usual)
        if told != BASE_LANGUAGE or _holds_a_word_english_hardly_uses(question):
            # (An English message of everyday English words was referred by English
            # triggers: nothing to weigh, and most safety questions are so. Counting every
            # language's triggers costs about 0.2 ms.)
            return self._language_instead(question, told, referral)
        return None

    def table(self) -> TriggerLanguages:
        """Per language, the safety triggers written in it, each read as its language's words.

        Built by `warm_up`, or else for the first referral that needs it (most never do),
        from the matchers' reading of the triggers. Two threads may both build it; either
        will do.
        """
        trigger_languages = self._trigger_languages
        if trigger_languages is None:
            trigger_languages = self._trigger_languages = TriggerLanguages(
                self.content, self.normalizer, reader=self.reader
            )
        return trigger_languages

    def _trigger_language(
        self, question: str, told: str | None, usual: str | None = None
    ) -> str | None:
        """The language of the safety triggers `question` holds.

        The message's own language when its triggers are among them; for a message whose
        language is not told, the language its other words lean to among the languages
        with the most triggers besides the base one ("k2 com varfarina" is Portuguese,
        though "varfarina" is Spanish and Italian too); else the language with the most
        triggers in it, ties going to `usual` (the chat's language), then to another
        language than the base one.
        """
        hits = self._trigger_hits(question)
        if told in hits:
            return told
        if told is None and hits:
            # The message's other words break a tie between the languages with the most
            # triggers besides the base one.
            others = [count for language, count in hits.items() if language != BASE_LANGUAGE]
            most_other = max(others, default=0.0)
            among = [
                language
                for language in leaning_languages(question)
                if language != BASE_LANGUAGE and hits.get(language, 0.0) >= most_other > 0.0
            ]
            among = self._written_as_trigger(question, among)
            if among:
                return usual if usual in among else among[0]
            if (
                hits.get(RUSSIAN, 0.0) >= most_other > 0.0
                and not leaning_languages(question)
                and _more_russian_than_other(question)
            ):
                # Latin letters read as Russian, leaning to no other Latin language: a tie
                # with another language's triggers ("nado pit": Uzbek lists "pit" too)
                # goes to Russian.
                return RUSSIAN
        if told is not None:
            # The base language's triggers only keep an untold message from being referred
            # in a language it merely shares a word with; they never overrule a told one.
            hits.pop(BASE_LANGUAGE, None)
        if not hits:
            return None
        most = max(hits.values())
        best = self._written_as_trigger(
            question, [language for language, count in hits.items() if count == most]
        )
        if usual in best:
            return usual
        # Another language's triggers left after the base one's are its own words.
        return next((language for language in best if language != BASE_LANGUAGE), best[0])

    def _written_as_trigger(self, question: str, tied: list[str]) -> list[str]:
        """Of languages tied on triggers, those listing most of the message's words whole.

        Triggers shared by prefix ("anticoagula*" in Spanish, Portuguese, French and
        Italian) tie; the word as one language writes it whole ("anticoagulanti", Italian;
        "anticoagulant", French) tells which. `tied` unchanged when none or one is tied, or
        no tied language lists a word of the message whole.
        """
        if len(tied) < 2:
            return tied
        literal = self._literal_triggers_table()
        words = {fold_latin(word) for word in question.split()}
        listed = {
            language: sum(language in literal.get(word.strip(_WORD_EDGES), ()) for word in words)
            for language in tied
        }
        most = max(listed.values())
        return [language for language in tied if listed[language] == most] if most else tied

    def _literal_triggers_table(self) -> dict[str, frozenset[str]]:
        """Per folded word, the languages listing it as a whole safety trigger (no "*").

        Built by `warm_up`, or else on the first tie that needs it; two threads may both
        build it, and either will do.
        """
        literal = self._literal_triggers
        if literal is None:
            table: dict[str, set[str]] = {}
            for intent in self.content.of_kind(Kind.SAFETY):
                for translation in intent.translations:
                    for trigger in translation.triggers:
                        word = trigger.lstrip("!?").strip()
                        if word and " " not in word and "*" not in word and "{" not in word:
                            table.setdefault(fold_latin(word), set()).add(translation.language)
            literal = self._literal_triggers = {w: frozenset(langs) for w, langs in table.items()}
        return literal

    def _trigger_hits(self, question: str) -> dict[str, float]:
        """Per language, how many of its safety triggers `question` holds (none: absent)."""
        trigger_languages = self.table()
        if not trigger_languages:
            return {}
        normalizer = self.normalizer
        hits = trigger_languages.count(normalizer.normalize(question).split())
        if not hits:
            # As the matcher found its referral (see `Normalizer.words_as_typed`).
            as_typed = normalizer.words_as_typed(question)
            if as_typed is not None:
                hits = trigger_languages.count(as_typed)
        return hits

    def _language_instead(self, question: str, told: str, referral: Intent) -> str | None:
        """Another language to refer `question` in than the one it was told in, or None.

        When none of the told language's triggers is in the message, the referral was
        called for by another language's words, and those words are evidence of their
        language too. In a script two languages share, the one whose triggers the message
        holds ("к2 ден кейін бетім ісіп кетті" is told Ukrainian by its dotted i, and holds a
        Kazakh trigger). In Latin letters, the language whose triggers and listed words
        outnumber the told language's words ("Vitamin K2 in der Schwangerschaft ok?" is
        told English by "in" and "ok", and holds a German trigger and a German word; "mi
        perro se comió un frasco..." a Spanish trigger beside words Italian lists too).
        """
        trigger_languages = self.table()
        if trigger_languages and trigger_languages.holds_any(
            self.normalizer.normalize(question).split(), (told, BASE_LANGUAGE)
        ):
            # What `_trigger_hits` would find first, and return None for below: the
            # other languages' expressions need not run (most referrals end here).
            return None
        hits = self._trigger_hits(question)
        if not hits or told in hits or BASE_LANGUAGE in hits:
            # English triggers in the message ("dialysis" in Hinglish) may have called for
            # the referral: the words of another language they share tell nothing.
            return None
        others = {
            language: count
            for language, count in hits.items()
            if language not in (told, BASE_LANGUAGE) and language in referral.languages
        }
        if not others:
            return None
        if detect_script_language(question) is not None:
            grouped = {lang: c for lang, c in others.items() if may_be_instead(told, lang)}
            if not grouped:
                return None
            most = max(grouped.values())
            return next(language for language, count in grouped.items() if count == most)
        if told != BASE_LANGUAGE and told not in LATIN_LANGUAGES:
            return None  # Russian typed in Latin letters is told by its reading, not listed words
        evidence = word_evidence(question)
        weighed = {
            language: count + evidence.get(language, 0) for language, count in others.items()
        }
        best = max(weighed.values())
        if best <= evidence.get(told, 0):
            return None
        leaders = [language for language, weight in weighed.items() if weight == best]
        return leaders[0] if len(leaders) == 1 else None
