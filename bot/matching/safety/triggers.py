"""`SafetyTriggers`: the safety intents' triggers, and the referral their hits choose."""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from rapidfuzz.distance import OSA

from bot.intents import Content, Intent, Kind, shared_cache
from bot.language import FUNCTION_WORDS
from bot.matching.everyday_tasks import everyday_task
from bot.matching.lexicon import english_zipf, zipf
from bot.matching.one_edit import OneEditIndex
from bot.matching.safety import overdose
from bot.matching.safety.backstory import (
    _advisers_for_the_asker,
    _dose_level_described,
    _without_backstory,
)
from bot.matching.safety.breastfed import child_is_breastfed
from bot.matching.safety.context import (
    _K2_WORD,
    ADULT_RELATIVES,
    INFORMATIVE_ZIPF,
    INTAKE_WORDS,
    PRICE_WORDS,
    STRENGTH_WORDS,
    SUBSTANCE_PREFIXES,
    SUBSTANCE_WORDS,
    TASK_ASKS_RISK,
    VITAMIN_K_FAMILY,
    _advice_on_another_act,
    _animal_without_substance,
    _asks_a_history,
    _asks_an_amount_to_take,
    _asks_how_a_word_is_said,
    _asks_own_record,
    _blood_in_a_compound,
    _content_asked,
    _counts_body_parts,
    _domain_not_taken,
    _elderly_with_bone_loss,
    _everyday_sense_words,
    _intake_in_another_sense,
    _k2_the_mountain,
    _machine_swallowed,
    _medicine_compared,
    _sense_indices,
    _stopping_another_act,
    _thinner_as_adjective,
    _unit_conversion,
    _web_address_words,
    _why_together,
    _with_a_meal,
    _without_content_amounts,
    _without_effect_sizes,
    names_an_animal,
    tablet_as_a_device,
)
from bot.matching.safety.expression_starts import _first_character
from bot.matching.safety.expressions import (
    _DIGIT,
    _UNSPACED,
    GENERAL,
    MIN_PREFIX,
    PLAIN,
    URGENT,
    WORD,
    _longest_first,
    _plain_words,
    _spellings,
    _Start,
    _unspaced_gaps,
    is_everyday,
    trigger_tier,
)
from bot.matching.safety.programs import compiled
from bot.matching.safety.reactions import reaction_told
from bot.matching.safety.reader import TriggerReader
from bot.matching.safety.readings import (
    MAX_REMEMBERED_WORDS,
    _anywhere_at,
    _ascii_unspaced,
    _edge_reach,
    _elision,
    _end_reach,
    _Entry,
    _Hit,
    _Matcher,
    _Reading,
    _reading,
    _tried_at,
    _triggers_by_language,
    _unspaced_in,
    _word_local,
)
from bot.matching.safety.slips import (
    SHORT_TYPO_WORD,
    TYPO_TARGET_WORD,
    _deletions,
    _reads_as_another_language,
)
from bot.matching.safety.specificity import (
    ALONE_RARITY,
    _english_stem,
    _everyday_rarity,
    _everyday_rarity_elsewhere,
    _rarity_read_as_english_too,
    rarity,
    specificity,
)
from bot.matching.safety.studied_amounts import only_a_studied_amount, study_finding_asked
from bot.matching.safety.told_backstory import (
    DOSE_REFERRAL,
    MEDICINES_REFERRAL,
    may_be_told,
    sentence_pieces,
    told_sentences,
    without_told_backstory,
)
from bot.matching.safety.transliteration import latin_read_as_russian
from bot.matching.typos import REAL_WORD_ZIPF
from bot.text import (
    Normalizer,
    fold,
)

# Words typed without spaces ("canitakek2withwarfarin", "k2whilepregnant") are read apart
# when the run is RUN_TOGETHER_WORD letters or more, no English word of its own (rarer than
# RUN_TOGETHER_ZIPF), and splits into words common in English (REAL_WORD_ZIPF), the
# subject's terms or the triggers' own words, one of them a trigger's: the fewest such
# words, then the commonest. Only "i" and "a" may be one letter, and a word of two letters
# must be as common as TWO_LETTER_ZIPF ("on", "my", "is"; not "st", "cl"). A run the typo
# readings already read as a trigger word ("clopidogral") is that word misspelt.
RUN_TOGETHER_WORD = 8
RUN_TOGETHER_ZIPF = 1.0
# An amount written against its unit ("1000mcg", "2.5mg", "2000iu").
_AMOUNT_GLUED = re.compile(r"[\d.,]*\d(?P<unit>[^\W\d_]+)")
# The search tries every piece of a run, so its cost grows with the square of the run's
# length: a run longer than RUN_TOGETHER_MAX_WORD letters is no question typed without
# spaces (one Telegram message may be a single word of 4,000), and no piece is longer than
# the longest word a piece may be (the triggers', the subject's, or LONGEST_COMMON_WORD,
# "telecommunications", in English as common as REAL_WORD_ZIPF) plus a plural's ending.
RUN_TOGETHER_MAX_WORD = 60
LONGEST_COMMON_WORD = 18
_STEM_ENDING = 3
TWO_LETTER_ZIPF = 5.0
_ONE_LETTER_WORDS = frozenset({"i", "a"})
# Triggers tried together: reading, "spaced" or "unspaced", start, tier, intent id,
# whether they are everyday words (see EVERYDAY_MARK).
_Place = tuple[str, str, _Start, int, str, bool]


class _Gathered(NamedTuple):
    """The triggers found in a message's words, and how its words were read to find them."""

    hits: list[_Hit]
    # The words' English stems (None when no reading stems them).
    base_words: list[str] | None
    # The words as read (words typed without spaces read apart).
    words: list[str]
    # Each reading's words, by its key, as its triggers were tried on them.
    tried: dict[str, list[str]]
    # Whether a sentence of the words may be read as Russian typed in Latin letters.
    sentences_may_read_as_russian: bool
    # Each reading's matches at words, by its key: the word where each began and how many
    # spaces it consumed (see `_edge_words`).
    began: dict[str, list[tuple[int, int]]]


# How much of a message is read sentence by sentence: all safety reads, a Telegram message
# (`bot.matching.MAX_SAFETY_CHARS`, not imported: that module imports this one).
SENTENCE_READ_CHARS = 4096
# A sentence of at most this many words ("How much?", "and how many") is a fragment, read
# with the sentence before it.
FRAGMENT_WORDS = 3
# The words naming K2 that a mountaineering message means as the mountain.
MOUNTAIN_K2_WORDS = frozenset({"k2"})


def _cautious_intents(safety: Iterable[Intent]) -> frozenset[str]:
    """Referrals that can be urgent (any trigger marked "!"): on an exact tie they win.

    The cautious reading: "ابني بلع كبسولات" (a son and swallowing, in a language where
    every word weighs the same) is the emergency, not advice about children.
    """
    return frozenset(
        intent.id
        for intent in safety
        for _, triggers in _triggers_by_language(intent)
        if any(trigger_tier(trigger) == URGENT for trigger in triggers)
    )


def _word_starts(words: list[str]) -> list[int]:
    """Where each of `words` starts in `" ".join(words)`.

    The letters before a word and a space after each of them (worked out without a
    Python loop: it ran for every word of every reading of every message).
    """
    return list(
        map(operator.add, itertools.accumulate(map(len, words), initial=0), range(len(words)))
    )


def _only_function_words(hit: _Hit) -> bool:
    """Whether an English or Russian trigger found only another language's function words."""
    return not hit.other_language and all(word in FUNCTION_WORDS for word in hit.text.split())


class SafetyTriggers:
    """The safety intents' triggers: the most specific one a question holds wins.

    So the order of intents and files decides nothing.

    A trigger is as specific as its words are rare in general English (see `specificity`):
    "trying for a baby" is pregnancy rather than children's "baby"; "my son swallowed a
    handful" is an emergency ("swallowed a") rather than children ("my son"); "I take
    levothyroxine every morning" is about a medicine rather than daily use. An urgent
    trigger (written with "!") wins over any other. A tie goes to the longer match, then
    to a referral that can be urgent (an intent with a "!" trigger: "my son" and
    "swallowed", equally rare in Arabic, are the emergency), then to the intent whose
    triggers the question holds more of, then to the intent id, never to file order.
    Everyday English triggers need a word about taking something (see the module
    docstring). Overlapping matches are all weighed: "mon fils a avale des gelules"
    holds "a avale" and the more specific "avale des gelules".
    """

    def __init__(
        self,
        content: Content,
        normalizer: Normalizer,
        *,
        subject: frozenset[str] = frozenset(),
        domain: frozenset[str] = frozenset(),
        pattern_words: frozenset[str] = frozenset(),
        article_words: frozenset[str] = frozenset(),
        like: SafetyTriggers | None = None,
    ) -> None:
        """Compile the triggers of `content`'s safety intents.

        Args:
            content: the intents.
            normalizer: the matcher's, so triggers and questions fold alike.
            subject: the terms naming the article's subject ("k2", "mk7"): they say a
                question is about K2, not which referral it needs, so they add nothing
                to a trigger's specificity ("can i take k2" is not more specific than
                "pregnant").
            domain: the article's domain terms (k2, vitamin, calcium, supplement...): a
                question naming one is about taking something, so its everyday triggers
                count.
            pattern_words: the words of the safety intents' patterns, as the matcher
                indexes them: with the triggers' words, what a question no trigger caught
                must be made of to be referred by a pattern (`patterns_may_refer`).
            article_words: the words of the article intents' patterns, as the matcher
                indexes them: what the article explains ("benefit", "bone") says nothing
                to a safety pattern when someone only advised the asker to take K2 ("my
                daughter told me to take k2, what does it do").
            like: triggers already compiled from the same safety intents with the same
                normaliser (the responder's other matcher): shared, not read again. Ignored
                when the intents or the normaliser differ.
        """
        self._subject = subject
        self._article_words = article_words
        self._normalizer = normalizer
        # Other languages' function words weigh nothing in any reading: the English
        # list's "mio figlio" is no more specific than "ha ingerito" for its "mio".
        self._neutral = subject | FUNCTION_WORDS
        # Nor, in how specific or long a trigger is, do adults named as whose question it
        # is: "my husband has epilepsy" says which referral by "epilepsy", so "takes keppra"
        # (a medicine) is not outweighed by "husband". Children's words still count: they
        # are a referral of their own. Only the ranking reads this, so it changes which
        # referral a question gets, never whether it gets one.
        self._weightless = self._neutral | ADULT_RELATIVES
        self._domain = frozenset(domain)
        self._context = self._domain | INTAKE_WORDS | VITAMIN_K_FAMILY
        # Each word met, as every reading reduces and spells it (in `_readings` order):
        # questions keep bringing the same words. Per instance, as the context is.
        self._reduced: dict[str, tuple[str, ...]] = {}
        # Each long word met, and the words it was typed without spaces for (or ()).
        self._apart: dict[str, tuple[str, ...]] = {}
        # The last message's sentences as read (`_sentences_read`): `find` reads them for
        # the anchored triggers and again to check the hits.
        self._last_sentences: tuple[str, list[list[str]]] | None = None
        # The last message as typed, its English stems, whether it names only advisers and
        # its words inside an everyday sense (`patterns_may_refer`, once per ranked text).
        self._last_typed: tuple[list[str], list[str], bool, set[int]] | None = None
        safety = content.of_kind(Kind.SAFETY)
        self._cautious = _cautious_intents(safety)
        self._dose_intent = next((i for i in safety if i.id == DOSE_REFERRAL), None)
        self.reader: TriggerReader
        self._readings: dict[str, _Reading]
        self._compiled: dict[str, re.Pattern[str]]
        self._trigger_vocabulary: frozenset[str]
        if like is not None and like.reader.reads(safety, normalizer):
            self._share_reading(like, pattern_words)
            return
        # Kept for `TriggerLanguages` and a matcher built `like` this one.
        self.reader = TriggerReader(safety, normalizer, cache=shared_cache())
        self._readings = {}
        grouped, intents, trigger_words = self._read_triggers(safety)
        self._file_entries(grouped, intents)
        self._file_typo_targets(trigger_words)
        # The words of every trigger and safety pattern, as an English question's words
        # are stemmed (see `patterns_may_refer`).
        self._trigger_vocabulary = frozenset(
            _english_stem(word) for words in trigger_words.values() for word in words
        )
        self._vocabulary = self._trigger_vocabulary | pattern_words
        self.reader.keep()
        # Expressions are compiled when first needed (most words start no trigger a
        # question will ever hold), so starting the bot stays quick.
        self._compiled = {}

    def _share_reading(self, like: SafetyTriggers, pattern_words: frozenset[str]) -> None:
        """Take what `like` read from the same triggers with the same normaliser.

        What is read from the triggers depends on them and the normaliser alone; the
        subject and domain are this matcher's own.
        """
        self.reader = like.reader
        self._readings, self._compiled = like._readings, like._compiled
        self._trigger_vocabulary = like._trigger_vocabulary
        self._vocabulary = self._trigger_vocabulary | pattern_words

    def _read_triggers(
        self, safety: Iterable[Intent]
    ) -> tuple[dict[_Place, list[str]], dict[str, Intent], dict[str, set[str]]]:
        """Read every trigger of `safety` into expressions grouped by where they may start.

        Returns:
            The expressions by place (reading, spaced or not, start, tier, intent id,
            everyday), the intents by id, and each reading's plain trigger words.
        """
        grouped: dict[_Place, list[str]] = {}
        intents: dict[str, Intent] = {}
        trigger_words: dict[str, set[str]] = {}
        for intent in safety:
            intents[intent.id] = intent
            for language, triggers in _triggers_by_language(intent):
                key, reading = _reading(language, self._readings)
                for trigger in triggers:
                    tier = trigger_tier(trigger)
                    everyday = is_everyday(trigger)
                    for spelling in _spellings(trigger):
                        read = self.reader.read(spelling, key, reading)
                        if read is None:
                            continue
                        expression, starts = read
                        if _UNSPACED.search(spelling):
                            place: _Place = (key, "unspaced", None, tier, intent.id, everyday)
                            grouped.setdefault(place, []).append(_unspaced_gaps(expression))
                            continue
                        trigger_words.setdefault(key, set()).update(_plain_words(expression))
                        for start in starts:
                            place = (key, "spaced", start, tier, intent.id, everyday)
                            grouped.setdefault(place, []).append(expression)
        return grouped, intents, trigger_words

    def _file_entries(self, grouped: dict[_Place, list[str]], intents: dict[str, Intent]) -> None:
        """File each group's expressions, as one entry, where a question's word may start it."""
        for (key, kind, start, tier, intent_id, everyday), expressions in sorted(
            grouped.items(), key=lambda item: _group_order(item[0])
        ):
            reading = self._readings[key]
            # Longest first, so a phrase is preferred to a word it starts with.
            ordered = sorted(set(expressions), key=_longest_first)
            if kind == "unspaced":
                text = f"(?:{'|'.join(ordered)})"
                reading.unspaced.append(_Entry(tier, intents[intent_id], text, everyday))
                continue
            entry = _Entry(tier, intents[intent_id], rf"(?:{'|'.join(ordered)})(?!\S)", everyday)
            if start is None:
                reading.anywhere.append(entry)
            else:
                table = reading.by_word if start[0] == WORD else reading.by_start
                table.setdefault(start[1], []).append(entry)

    def _file_typo_targets(self, trigger_words: dict[str, set[str]]) -> None:
        """Give each reading its trigger words long enough to be read despite a typo.

        The English reading also files its short Latin words (see SHORT_TYPO_WORD).
        """
        for key, words in trigger_words.items():
            reading = self._readings[key]
            targets = sorted(w for w in words if len(w) >= TYPO_TARGET_WORD)
            reading.typo_targets = targets
            reading.typo_target_set = frozenset(targets)
            if reading.other_language:
                continue
            reading.trigger_words = frozenset(words)
            short: dict[str, list[tuple[str, str]]] = {}
            for word in sorted(words):
                if SHORT_TYPO_WORD <= len(word) < TYPO_TARGET_WORD and word.isascii():
                    for form in (word, word + "s"):
                        for variant in _deletions(form):
                            short.setdefault(variant, []).append((form, word))
            reading.short_targets = {variant: tuple(ws) for variant, ws in short.items()}

    def find(self, words: list[str], text: str | None = None) -> Intent | None:
        """The safety intent one of whose triggers the normalised words contain, if any.

        Args:
            words: the message's normalised words.
            text: the message as typed, when `words` are its normalisation: its sentences
                tell back-story from the question (`told_backstory`). Without it, nothing is
                read as told back-story.
        """
        typed = words
        gathered = self._gathered(words)
        hits, base_words, words = gathered.hits, gathered.base_words, gathered.words
        if text is not None and words is typed:
            hits = hits + self._anchored_in_sentences(text, gathered)
        if text is not None and hits:
            hits = self._within_sentences(text, typed, hits)
        if hits:
            if base_words is None:
                base_words = [_english_stem(w) for w in words]
            if _animal_without_substance(base_words):
                return None
            everyday = _everyday_sense_words(words, _folded_as_typed(text, typed))
            if everyday and not self._names_something_taken(words, base_words):
                # Only a hit said wholly inside the everyday phrase is dropped (a hit inside
                # a word of a script without spaces covers no word, and is kept).
                hits = [hit for hit in hits if not hit.covered or not set(hit.covered) <= everyday]
            address = _web_address_words(words)
            if address:
                # A web address names a shop or a page ("www.vitaminsforkids.com"): a
                # trigger said only inside it is no referral, unless urgent.
                hits = [
                    hit
                    for hit in hits
                    if hit.tier == URGENT or not hit.covered or not set(hit.covered) <= address
                ]
            hits = _without_content_amounts(base_words, hits)
            hits = _without_effect_sizes(base_words, hits)
            hits = [
                hit
                for hit in hits
                if not _dose_level_described(base_words, hit)
                and not only_a_studied_amount(base_words, hit)
            ]
            hits = [
                hit
                for hit in hits
                if not _advice_on_another_act(base_words, hit)
                and not _stopping_another_act(base_words, hit)
            ]
            hits = [
                hit
                for hit in hits
                if not _blood_in_a_compound(base_words, hit)
                and not _thinner_as_adjective(base_words, hit)
                and not (
                    hit.intent.id == MEDICINES_REFERRAL and _medicine_compared(base_words, hit)
                )
            ]
            hits = _without_backstory(base_words, hits, datetime.date.today().year)
            if text is not None and words is typed:
                hits = self._without_told_backstory(text, words, base_words, hits)
                hits = self._without_task_clauses(text, words, base_words, hits)
            if (
                _elderly_with_bone_loss(base_words)
                or _with_a_meal(base_words)
                or _why_together(words)
            ):
                # A general referral yields to the article's elderly answer, to how it
                # is absorbed with a meal ("do i need to take k2 with a fatty meal") and
                # to why two are taken together (the pair's answer).
                hits = [hit for hit in hits if hit.tier != GENERAL]
            if _unit_conversion(base_words, self._context):
                hits = [hit for hit in hits if hit.tier == URGENT]
            if (
                _asks_a_history(base_words) or _counts_body_parts(base_words)
            ) and not _K2_WORD.search(" ".join(words)):
                # "who discovered penicillin", "how many bones does a baby have": trivia
                # about a medicine or the body, nothing anyone takes.
                hits = [hit for hit in hits if hit.tier == URGENT]
            typed_folded = _folded_as_typed(text, typed)
            devices = tablet_as_a_device(typed_folded) if typed_folded is not None else set()
            if devices:
                assert typed_folded is not None
                rest = [w for i, w in enumerate(typed_folded) if i not in devices]
                if not self._names_something_taken(rest, [_english_stem(w) for w in rest]):
                    # "best tablet for a 7 year old": a device for a child, nothing taken.
                    hits = [hit for hit in hits if hit.tier == URGENT]
            if _machine_swallowed(base_words) and not any(
                word in SUBSTANCE_WORDS or word.startswith(SUBSTANCE_PREFIXES) for word in words
            ):
                # "the atm swallowed my card": a machine ate it, nobody swallowed anything.
                hits = []
            if (
                _asks_how_a_word_is_said(words)
                and not self._names_something_taken(words, base_words)
            ) or _asks_own_record(words):
                hits = [hit for hit in hits if hit.tier == URGENT]
            # A trigger said only by another language's function words is that language's
            # sentence when the rest of the message reads as another language too: Swedish
            # "med" is "with" ("k2 tillsammans med d3"), not the English "med" ("any med i
            # should avoid with k2" stays English: its own "med" tells nothing).
            hits = [
                hit
                for hit in hits
                if hit.tier == URGENT
                or not _only_function_words(hit)
                or not _reads_as_another_language(
                    [word for index, word in enumerate(words) if index not in hit.covered]
                )
            ]
        if any(not hit.alone for hit in hits):
            assert base_words is not None
            if not self._about_taking(base_words, hits):
                hits = [hit for hit in hits if hit.alone]
        if hits and any(hit.tier != URGENT for hit in hits):
            assert base_words is not None
            if self._asks_a_price(base_words):
                hits = [hit for hit in hits if hit.tier == URGENT]
        if hits and self._dose_intent is not None and overdose.only_named(words, hits):
            # "can k2 be overdosed?", "k2 overdose symptoms": what too much does, the dose
            # referral's question, not an emergency told (`overdose`).
            hits = [
                hit._replace(intent=self._dose_intent, tier=PLAIN)
                if hit.intent.id == overdose.EMERGENCY_REFERRAL
                else hit
                for hit in hits
            ]
        # "my breastfed baby", "bebé amamantado": the child's question, not the mother's.
        hits = child_is_breastfed(words, hits)
        hits = _dose_yields_to_whose(hits)
        if (
            not hits
            and text is not None
            and self._dose_intent is not None
            and reaction_told(text)
            and not any(names_an_animal(_english_stem(word)) for word in words)
        ):
            # "since i started mk7 i get palpitations", "после приема к2 болят суставы": a
            # symptom had now since starting something, the careful referral (`reactions`).
            return self._dose_intent
        best: tuple[int, float, int, bool, int] | None = None
        chosen: Intent | None = None
        counts: dict[str, int] = {}
        for hit in hits:
            counts[hit.intent.id] = counts.get(hit.intent.id, 0) + 1
        for hit in hits:
            intent = hit.intent
            rank = (
                hit.tier,
                round(hit.specificity, 6),
                hit.weight,
                intent.id in self._cautious,
                counts[intent.id],
            )
            if best is None or rank > best or (rank == best and chosen and intent.id < chosen.id):
                best, chosen = rank, intent
        return chosen

    def _gathered(self, words: list[str]) -> _Gathered:
        """The triggers found in `words`, and how the words were read (see `_Gathered`).

        The stems are None when no reading stems (`find` stems them when it needs them).
        """
        hits: list[_Hit] = []
        base_words: list[str] | None = None
        tried: dict[str, list[str]] = {}
        began: dict[str, list[tuple[int, int]]] = {}
        words = self._run_together_read(words)
        forms = [self._reduced.get(w) or self._reduce(w) for w in words]
        for number, (key, reading) in enumerate(self._readings.items()):
            reduced = [form[number] for form in forms]
            if key == "stem":
                reduced = self._short_slips_read(reading, words, reduced)
                base_words = reduced
            tried[key] = reduced
            began[key] = []
            hits.extend(self._hits(reading, reduced, began=began[key]))
        transliterated, may_read_as_russian = self._transliterated_hits(words)
        hits.extend(transliterated)
        return _Gathered(hits, base_words, words, tried, may_read_as_russian, began)

    def _sentence_hits(self, words: list[str], offset: int, message: _Gathered) -> list[_Hit]:
        """`_gathered(words).hits` for a sentence of `message`, less hits the message has.

        The sentence's words are the message's from `offset` on. Where a sentence is read
        as the message was (the same words, each reduced the same), a trigger tried at
        one of its words matches as it did in the message unless it may reach the
        sentence's start or end (`expression_reach`): only such words are tried, and a
        hit found elsewhere is one the message's own reading found. So the hits left out
        are all among `message.hits`, and the others come in `_gathered`'s order.
        """
        read = self._run_together_read(words)
        if read is not words:
            return self._gathered(words).hits  # read apart here, not in the message
        hits: list[_Hit] = []
        forms = [self._reduced.get(w) or self._reduce(w) for w in words]
        for number, (key, reading) in enumerate(self._readings.items()):
            reduced = [form[number] for form in forms]
            if key == "stem":
                reduced = self._short_slips_read(reading, words, reduced)
            as_in_message = reduced == message.tried[key][offset : offset + len(reduced)]
            at_words = (
                self._edge_words(reading, reduced, offset, message.began[key])
                if as_in_message
                else None
            )
            hits.extend(self._hits(reading, reduced, at_words))
        if message.sentences_may_read_as_russian:
            hits.extend(self._transliterated_hits(words)[0])
        return hits

    def _edge_words(
        self, reading: _Reading, reduced: list[str], offset: int, began: list[tuple[int, int]]
    ) -> list[int]:
        """The words of a sentence where its triggers may match otherwise than in the message.

        See `expression_reach`: the sentence's first and last words; words where a match
        the message's reading found (`began`: the message's word where each began, and how
        many spaces it consumed) ran on past the sentence's end; words near enough to the
        end for a trigger that reads it otherwise (`$`) to reach it; and words that start
        closer to the sentence's start than a trigger may look back.
        """
        last = len(reduced) - 1
        if last < 1:
            return list(range(last + 1))
        edges = {0, last}
        end = offset + last
        for index, spaces in began:
            if offset < index < end and index + spaces > end:
                edges.add(index - offset)
        widest = _edge_reach(reading)
        end_reach_at = reading.end_reach_at
        for index in range(last - 1, max(0, last - 1 - widest.at_end), -1):
            word = reduced[index]
            reach = end_reach_at.get(word) if word else None
            if reach is None:
                reach = _end_reach(reading, word)
            if index + reach >= last:
                edges.add(index)
        position = len(reduced[0]) + 1
        for index in range(1, last):
            if position >= widest.behind:
                break
            edges.add(index)
            position += len(reduced[index]) + 1
        return sorted(edges)

    def _within_sentences(self, text: str, words: list[str], hits: list[_Hit]) -> list[_Hit]:
        """`hits` less the non-urgent ones a synonym assembled across a sentence or line end.

        The normaliser reads the whole message at once, so a synonym may join the end of
        one sentence to the start of the next: "different kinds of K2?", then on a new
        line "How many forms", becomes "... how much k2 form ...", a dose. When the
        sentences, normalised one by one (a fragment with the one before), read otherwise,
        a non-urgent trigger counts only if it is found there too.
        """
        if all(hit.tier == URGENT for hit in hits):
            return hits
        read = self._sentences_read(text)
        if len(read) < 2:
            return hits
        one_by_one = [w for piece_words in read for w in piece_words]
        if one_by_one == words:
            return hits
        found = {(hit.intent.id, hit.text) for hit in self._gathered(one_by_one)[0]}
        return [hit for hit in hits if hit.tier == URGENT or (hit.intent.id, hit.text) in found]

    def _sentences_read(self, text: str) -> list[list[str]]:
        """The message's sentences and lines, each normalised on its own.

        A fragment of at most FRAGMENT_WORDS words ("Should I add K2? How much?") asks
        about the sentence before, and is read with it. Empty when the message is one
        sentence (its reading is the message's: no reader needs it). Remembered for the
        last message (a list its readers only read).
        """
        last = self._last_sentences
        if last is not None and last[0] == text:
            return last[1]
        read = self._read_sentences(text)
        self._last_sentences = (text, read)
        return read

    def _read_sentences(self, text: str) -> list[list[str]]:
        """`_sentences_read`, worked out."""
        pieces = sentence_pieces(text[:SENTENCE_READ_CHARS])
        if len(pieces) < 2:
            return []  # one sentence: normalising it again would tell nothing new
        sentences: list[str] = []
        read: list[list[str]] = []
        for piece in pieces:
            piece_words = self._normalizer.normalize(piece).split()
            if read and len(piece_words) <= FRAGMENT_WORDS:
                sentences[-1] += f" {piece}"
                read[-1] = self._normalizer.normalize(sentences[-1]).split()
            else:
                sentences.append(piece)
                read.append(piece_words)
        return read

    def _anchored_in_sentences(self, text: str, message: _Gathered) -> list[_Hit]:
        """Triggers tied to a question's start or end (`^`, `$`) found at a sentence's.

        A question is often one sentence of several: "Should I take K2? I'm 45 with no
        health issues" asks "should i take k2" as surely as the message alone would, and
        back-story may come first ("I'm 45 and healthy. Should I take K2?"). So each
        sentence is also read as a question of its own, and a trigger found there but not
        in the whole message (only an anchored one can be) is added, at its place in the
        message. Nothing is added when the sentences, normalised one by one, are not the
        message's words in order (a synonym read across a sentence end).
        """
        read = self._sentences_read(text)
        if len(read) < 2 or [w for piece_words in read for w in piece_words] != message.words:
            return []
        known = {(hit.intent.id, hit.text) for hit in message.hits}
        added: list[_Hit] = []
        offset = 0
        for piece_words in read:
            for hit in self._sentence_hits(piece_words, offset, message):
                if (hit.intent.id, hit.text) not in known:
                    known.add((hit.intent.id, hit.text))
                    added.append(hit._replace(covered=tuple(i + offset for i in hit.covered)))
            offset += len(piece_words)
        return added

    def _without_told_backstory(
        self, text: str, words: list[str], stems: list[str], hits: list[_Hit]
    ) -> list[_Hit]:
        """`hits` less an amount or a medicine told as back-story (see `told_backstory`).

        The message is cut into sentences only when a hit could be such back-story.
        """
        if not any(may_be_told(stems, hit) for hit in hits):
            return hits
        sentences = told_sentences(text, words, self._normalizer.normalize)
        if sentences is None:
            return hits
        return without_told_backstory(stems, hits, sentences, self._domain)

    def _without_task_clauses(
        self, text: str, words: list[str], stems: list[str], hits: list[_Hit]
    ) -> list[_Hit]:
        """`hits` less the non-urgent ones said inside a clause giving an assistant a task.

        "remind me to take my antibiotics at noon", "add ibuprofen to my shopping list",
        "find a pediatrician near me" ask no one whether anything is safe: the medicine is
        what to be reminded of, buy or find (`bot.matching.everyday_tasks`). A task clause
        still refers when it asks about a risk ("remind me whether it's safe...": a
        `TASK_ASKS_RISK` word) or names K2 beside a medicine ("remind me to take my k2
        with my warfarin"); a risk told in another clause ("remind me to take my k2, i'm
        on warfarin") is outside the task and refers as usual.
        """
        if all(hit.tier == URGENT for hit in hits) or everyday_task(text) is None:
            return hits
        sentences = told_sentences(text, words, self._normalizer.normalize)
        if sentences is None:
            return hits
        tasks = [
            sentence
            for sentence in sentences
            if everyday_task(sentence.typed) is not None
            and not any(word in TASK_ASKS_RISK for word in stems[sentence.start : sentence.end])
        ]

        def inside_task(hit: _Hit) -> bool:
            for task in tasks:
                if not hit.covered or not all(task.start <= i < task.end for i in hit.covered):
                    continue
                names_k2 = _K2_WORD.search(" ".join(words[task.start : task.end])) is not None
                return not (names_k2 and hit.intent.id == MEDICINES_REFERRAL)
            return False

        return [hit for hit in hits if hit.tier == URGENT or not inside_task(hit)]

    def _run_together_read(self, words: list[str]) -> list[str]:
        """The words, with words typed without spaces read apart (see RUN_TOGETHER_WORD)."""
        if max(map(len, words), default=0) < RUN_TOGETHER_WORD:
            return words
        read: list[str] = []
        for word in words:
            apart = self._apart.get(word) if len(word) >= RUN_TOGETHER_WORD else None
            if apart is None and len(word) >= RUN_TOGETHER_WORD:
                apart = self._split_run(word)
                if len(self._apart) >= MAX_REMEMBERED_WORDS:
                    self._apart.clear()  # threads may race here, and either result is right
                self._apart[word] = apart
            read.extend(apart or (word,))
        if len(read) == len(words) or _reads_as_another_language(words):
            return words
        return read

    def _split_run(self, word: str) -> tuple[str, ...]:
        """The words a run typed without spaces splits into, or () when it is no such run."""
        if (
            len(word) > RUN_TOGETHER_MAX_WORD
            or not word.isascii()
            or not word.isalnum()
            or english_zipf(word) >= RUN_TOGETHER_ZIPF
            or _english_stem(word) in self._vocabulary
            or any(
                form != reading.reduce(word)
                for form, reading in zip(self._reduce(word), self._readings.values(), strict=True)
            )
        ):
            return ()

        def known(piece: str) -> bool:
            if len(piece) == 1:
                return piece in _ONE_LETTER_WORDS
            if len(piece) == 2 and piece.isalpha():
                return english_zipf(piece) >= TWO_LETTER_ZIPF
            return (
                piece in self._subject
                or _english_stem(piece) in self._trigger_vocabulary
                or (piece.isalpha() and english_zipf(piece) >= REAL_WORD_ZIPF)
            )

        # best[end]: the fewest words the first `end` letters split into, then the most
        # common, as (words, -summed Zipf, the words).
        best: list[tuple[int, float, tuple[str, ...]] | None] = [None] * (len(word) + 1)
        best[0] = (0, 0.0, ())
        longest = self._longest_piece
        for end in range(1, len(word) + 1):
            for begin in range(max(0, end - longest), end):
                before = best[begin]
                piece = word[begin:end]
                if before is None or not known(piece):
                    continue
                found = (before[0] + 1, before[1] - english_zipf(piece), (*before[2], piece))
                current = best[end]
                if current is None or found[:2] < current[:2]:
                    best[end] = found
        split = best[-1]
        if split is None or len(split[2]) < 2:
            return ()
        pieces = split[2]
        if not any(_english_stem(piece) in self._trigger_vocabulary for piece in pieces):
            return ()
        return pieces

    @functools.cached_property
    def _longest_piece(self) -> int:
        """The most letters a piece of a run may have (see RUN_TOGETHER_MAX_WORD)."""
        named = max(map(len, self._trigger_vocabulary | self._subject), default=0)
        return max(named, LONGEST_COMMON_WORD) + _STEM_ENDING

    def _short_slips_read(
        self, reading: _Reading, words: list[str], reduced: list[str]
    ) -> list[str]:
        """The English reading's words with short slips respelt ("blod" -> "blood").

        Not in a message of another language ("cose la vitamina k2", "k2 kis kaam aata
        hai"): a word of it may be one slip from a short English trigger word.
        """
        if not reading.short_targets:
            return reduced
        respelt = [reading.short_spelled(word, self._context) for word in reduced]
        if respelt == reduced or _reads_as_another_language(words):
            return reduced
        return respelt

    def _reduce(self, word: str) -> tuple[str, ...]:
        """`word` as each reading reduces and spells it, remembered (see `_reduced`)."""
        forms = tuple(
            reading.spelled(reading.reduce(word), self._context)
            for reading in self._readings.values()
        )
        if len(self._reduced) >= MAX_REMEMBERED_WORDS:
            self._reduced.clear()  # threads may race here, and either result is right
        self._reduced[word] = forms
        return forms

    def patterns_may_refer(self, words: list[str], typed: list[str] | None = None) -> bool:
        """Whether a question no trigger caught may still be referred by a safety pattern.

        Only when it is about taking something (a domain or INTAKE_WORDS word) or says
        nothing informative that the safety intents' own triggers and patterns don't
        ("is this an emergency?", "dizzy and sweating since i started it"): a pattern is
        matched loosely, so "emergency plumber near me", "what's a pregnant pause" or "the
        surgery simulator game" must not reach a doctor by sounding like "is this an
        emergency" or "k2 before surgery" ("plumber", "pause", "game" are no health words).
        The words of an everyday sense (EVERYDAY_SENSES) are set aside when nothing taken
        is named: the rest decides.

        Args:
            words: the question's normalised words.
            typed: the whole message folded with no synonym rewritten, when known
                (`Matcher.match` sets it for every text of the message it ranks). A
                synonym may swallow an everyday sense ("overdosed on youtube" reads
                "overdosed tell") or the words that show who takes it, so both are also
                read there.
        """
        stems = [_english_stem(w) for w in words]
        if _animal_without_substance(stems) or _unit_conversion(stems, self._context):
            return False
        if study_finding_asked(stems):
            # "the trial gave 360 mcg of mk7, what did it show": a study's method, asked
            # for its finding by nobody who takes it.
            return False
        if _content_asked(stems) is not None or (
            (_asks_a_history(stems) or _counts_body_parts(stems))
            and not _K2_WORD.search(" ".join(words))
        ):
            # "how many mcg of k2 are in natto": what a food holds, no amount to take;
            # "teeth in a toddler", "who discovered penicillin": trivia.
            return False
        told, advisers_only, inside = stems, False, set[int]()
        if typed is not None:
            told, advisers_only, inside = self._typed_read(typed)
        if self._only_advisers_named(stems) or advisers_only:
            # "my daughter says i should also take k2": the child advised, the asker takes
            # it; her word alone must not make it the children's referral by a pattern.
            return False
        everyday = _everyday_sense_words(words, typed, inside)
        if everyday and not self._names_something_taken(words, stems):
            # An everyday sense ("nursing home", "dentist appointment", "overdosed on
            # youtube") explains its own words, so they neither count against a pattern
            # nor for one ("nursing" is a pattern's word), nor make it about taking
            # ("overdosed"): the rest of the message must say something to a safety
            # pattern ("nursing home, bleeding that wont stop" does; "nursing home visiting
            # hours" does not).
            stems = [stem for index, stem in enumerate(stems) if index not in everyday]
            # Read as typed when known: a synonym's word made from inside the sense is
            # none of the message's own ("on youtube" read "tell").
            rest = stems
            if typed is not None:
                rest = [stem for index, stem in enumerate(told) if index not in inside]
            if not any(stem in self._vocabulary and zipf(stem) < INFORMATIVE_ZIPF for stem in rest):
                return False
        if self._about_taking(stems, []):
            return True
        return not any(
            word not in self._vocabulary
            and word not in self._subject
            and not _DIGIT.search(word)
            and zipf(word) < INFORMATIVE_ZIPF
            for word in stems
        )

    def _typed_read(self, typed: list[str]) -> tuple[list[str], bool, set[int]]:
        """The message as typed, as `patterns_may_refer` reads it for each ranked text.

        Its English stems, whether people who advised the asker are all it names, and the
        indices of its words inside an everyday sense; remembered for the last message
        (the matcher asks once per text it ranks, always with the same message).
        """
        last = self._last_typed
        if last is not None and last[0] == typed:
            return last[1], last[2], last[3]
        told = [_english_stem(w) for w in typed]
        read = (list(typed), told, self._only_advisers_named(told), _sense_indices(typed))
        self._last_typed = read
        return read[1], read[2], read[3]

    def _only_advisers_named(self, stems: list[str]) -> bool:
        """Whether people who advised or bought K2 for the asker are all a message names.

        Nothing else in it is a safety word the article does not explain ("benefit" and
        "bone" are the article's): "my daughter told me to take k2, what does it do".
        """
        advisers = _advisers_for_the_asker(stems)
        return bool(advisers) and not any(
            stem in self._vocabulary
            and stem not in self._subject
            and stem not in self._article_words
            and zipf(stem) < INFORMATIVE_ZIPF
            for index, stem in enumerate(stems)
            if index not in advisers
        )

    def _transliterated_hits(self, words: list[str]) -> tuple[list[_Hit], bool]:
        """Russian triggers found in the Cyrillic reading of a Latin message (see module).

        And whether a stretch of the words (a sentence) may have such a reading: not when
        they are all Latin and none reads as Russian.
        """
        russian = self._readings.get("stem")
        if russian is None:
            return [], False
        read = latin_read_as_russian(words, self._normalizer, mixed=True)
        if read is None:
            return [], not "".join(words).isascii()
        cyrillic, clearly_russian = read
        reduced = [russian.spelled(russian.reduce(w), self._context) for w in cyrillic]
        hits = [
            hit
            for hit in self._hits(russian, reduced)
            if any(index in clearly_russian for index in hit.covered)
        ]
        return hits, True

    def _hits(
        self,
        reading: _Reading,
        reduced: list[str],
        at_words: Sequence[int] | None = None,
        *,
        began: list[tuple[int, int]] | None = None,
    ) -> list[_Hit]:
        """Every trigger of one reading found in the question's words, as that reading has them.

        Args:
            reading: the reading whose triggers are tried.
            reduced: the question's words, as `reading` reduces them.
            at_words: only the triggers starting at these words (by position) are tried,
                and those inside words (`unspaced`); None: at every word.
            began: where each match at a word began (the word's position) and how many
                spaces it consumed are added here, when given.
        """
        haystack = " ".join(reduced)
        starts = _word_starts(reduced)
        hits: list[_Hit] = []

        def add(entry: _Entry, found: re.Match[str], in_word: int | None = None) -> None:
            text = found.group(0)
            begin, end = found.span()
            first = bisect.bisect_left(starts, begin)  # the first word starting in it
            if in_word is not None:
                first = in_word  # found after an elided article: the glued word is said
            last = first
            while last < len(starts) and starts[last] + len(reduced[last]) <= end:
                last += 1
            # A word a `*` stood for, or a `...` skipped, is the question's own ("how much
            # *water* to drink"): the trigger did not say it.
            captured = [found.span(g) for g in range(1, found.re.groups + 1) if found.group(g)]
            covered = [
                i for i in range(first, last) if not any(a <= starts[i] < b for a, b in captured)
            ]
            # Words a `...` skipped (its capture ends with a space) weigh nothing either.
            skipped = [(a, b) for a, b in captured if found.string[b - 1] == " "]
            for a, b in reversed(skipped):
                text = text[: a - begin] + text[b - begin :]
            weight = len(text)
            rarity_of: Callable[[str], float] = rarity
            english_rarity_of: Callable[[str], float] = _everyday_rarity
            if reading.other_language:
                weight = self._content_length(text)
                rarity_of, english_rarity_of = (
                    _rarity_read_as_english_too,
                    _everyday_rarity_elsewhere,
                )
            hits.append(
                _Hit(
                    entry.tier,
                    specificity(text, self._weightless, rarity_of),
                    weight,
                    entry.intent,
                    text,
                    tuple(covered),
                    not entry.everyday and self._stands_alone(entry.tier, text, english_rarity_of),
                    reading.other_language,
                )
            )

        tried_at = reading.tried_at
        matchers_at = reading.matchers_at
        for index in range(len(reduced)) if at_words is None else at_words:
            word = reduced[index]
            at = starts[index]
            matchers = matchers_at.get(word)
            if matchers is None:
                entries = tried_at.get(word)
                if entries is None:
                    entries = _tried_at(reading, word, haystack[at : at + 1])
                matchers = self._matchers(reading, word, entries)
                if word:  # an empty word's next character is not its own (see `_tried_at`)
                    if len(matchers_at) >= MAX_REMEMBERED_WORDS:
                        matchers_at.clear()  # threads may race here, and either result is right
                    matchers_at[word] = matchers
            for entry, match in matchers:
                found = match(haystack, at)
                if found is not None:
                    add(entry, found)
                    if began is not None:
                        began.append((index, haystack.count(" ", at, found.end())))
            elided = _elision(word) if reading.elided else 0
            if elided:
                rest = word[elided:]
                tried = reading.by_word.get(rest, []) + reading.by_start.get(rest[:MIN_PREFIX], [])
                for entry in tried:
                    found = self._pattern(entry.expression).match(haystack, at + elided)
                    if found is not None:
                        add(entry, found, index)
                        if began is not None:
                            began.append((index, haystack.count(" ", at, found.end())))
        if reading.unspaced:
            may_be_ascii = reading.ascii_unspaced
            if may_be_ascii is None or not haystack.isascii():
                numbers = _unspaced_in(reading, haystack)
            elif may_be_ascii:
                numbers = [n for n in _unspaced_in(reading, haystack) if n in may_be_ascii]
            else:
                numbers = []
            for number in numbers:
                entry = reading.unspaced[number]
                begins = _first_character(entry.expression)
                for found in _overlapping(self._pattern(entry.expression), haystack, begins):
                    add(entry, found)
        return hits

    def _matchers(
        self, reading: _Reading, word: str, entries: tuple[_Entry, ...]
    ) -> tuple[tuple[_Entry, _Matcher], ...]:
        """`entries` with their expressions' `match`, for `matchers_at` (see `_hits`).

        An expression that reads nothing but the word where it is tried (`word_local`)
        matches there exactly when it matches the word alone between two spaces: one that
        does not is left out, and is not tried wherever the word stands again.
        """
        local = reading.word_local
        alone = f" {word} "
        matchers = []
        for entry in entries:
            match = self._pattern(entry.expression).match
            if word and local is not None and entry.expression in local and not match(alone, 1):
                continue
            matchers.append((entry, match))
        return tuple(matchers)

    def warm_up(self) -> None:
        """Compile every trigger's expression now (and read its reach), file the typo targets.

        Otherwise each is compiled when a question's word first reaches it (see
        `_pattern`), which spares a one-shot `k2bot ask` the 0.2 s but makes the first
        questions of a long-running bot pay it instead.
        """
        expressions = self._expressions()
        for expression in expressions:
            self._pattern(expression)
        self.reader.load_reaches()
        for reading in self._readings.values():
            _edge_reach(reading)  # what a sentence read alone tries (`_edge_words`)
            _word_local(reading)  # what is tried once per word (`_matchers`)
            _ascii_unspaced(reading)  # what an ASCII text is searched for inside words
            if reading.near is None:
                reading.near = OneEditIndex(reading.typo_targets, OSA.distance)
            # What may start where a word starts, for the characters most words start with.
            for first in WARM_CHARACTERS:
                if first not in reading.anywhere_at:
                    _anywhere_at(reading, first)
                if first not in reading.unspaced_at:
                    _unspaced_in(reading, first)
        # The longest piece a run of words typed together may hold (0.4-0.7 ms, once).
        _ = self._longest_piece
        self.reader.keep_reaches(expressions)

    @property
    def warm(self) -> bool:
        """Whether `warm_up` has nothing left: expressions compiled, typo targets filed."""
        return self.compiled == self.expressions and all(
            reading.near is not None for reading in self._readings.values()
        )

    @property
    def compiled(self) -> int:
        """How many trigger expressions are compiled so far (`warm_up` compiles them all)."""
        return len(self._compiled)

    @property
    def expressions(self) -> int:
        """How many distinct trigger expressions there are to compile."""
        return len(self._expressions())

    def expression_texts(self) -> set[str]:
        """Every expression a question may try, in any reading (what `warm_up` compiles)."""
        return self._expressions()

    def _expressions(self) -> set[str]:
        """Every expression a question may try, in any reading."""
        found: set[str] = set()
        for reading in self._readings.values():
            tables = (*reading.by_word.values(), *reading.by_start.values())
            for entries in (*tables, reading.anywhere, reading.unspaced):
                found.update(entry.expression for entry in entries)
        return found

    def _pattern(self, expression: str) -> re.Pattern[str]:
        pattern = self._compiled.get(expression)
        if pattern is None:
            # Two threads may compile one expression at once; either result will do.
            pattern = self._compiled[expression] = compiled(expression)
        return pattern

    def _stands_alone(self, tier: int, text: str, rarity_of: Callable[[str], float]) -> bool:
        """Whether a trigger found routes with no word about taking something.

        Urgent triggers do; others when one of their words, numbers aside, is rare enough
        in general English ("warfarin", "dialysis", any word of Cyrillic or another script;
        not "7 year old", "how many mg", nor another language's "operation").
        """
        if tier == URGENT:
            return True
        for word in text.split():
            # A number glued to its unit is the unit ("1000mcg" as "mcg", as "1000 mcg" is).
            glued = _AMOUNT_GLUED.fullmatch(word)
            if glued is not None:
                word = glued.group("unit")
            if word in self._subject or _DIGIT.search(word):
                continue
            if rarity_of(word) >= ALONE_RARITY:
                return True
        return False

    def _about_taking(self, stems: list[str], hits: list[_Hit]) -> bool:
        """Whether everyday triggers count in a question.

        They do when it is about taking something (a domain or INTAKE_WORDS word), holds
        a trigger that stands alone, or says nothing but its triggers ("how much is too
        much", "what about kids?"): every informative word is inside a trigger found.
        "kidney bean chili recipe" says more ("bean", "chili", "recipe"), so it does not.
        """
        context = INTAKE_WORDS if _domain_not_taken(stems) else self._context
        if _k2_the_mountain(stems):
            # K2 the mountain is nothing taken ("what surgery did the k2 climbers need").
            context = context - MOUNTAIN_K2_WORDS
        if any(
            word in context and not _intake_in_another_sense(stems, index)
            for index, word in enumerate(stems)
        ):
            return True
        if any(hit.alone for hit in hits):
            return True
        covered = {index for hit in hits for index in hit.covered}
        if any(_amount_with_unit(stems, index) for index in covered) and any(
            word in STRENGTH_WORDS for word in stems
        ):
            # An amount found by a dose trigger, called too strong or too much ("is 200mg
            # too strong"); an age is no amount ("how much allowance for a 10 year old").
            return True
        # Other languages' function words ("jaka", "cual") say nothing either.
        return not any(
            index not in covered
            and not _DIGIT.search(word)
            and word not in self._neutral
            and zipf(word) < INFORMATIVE_ZIPF
            for index, word in enumerate(stems)
        )

    def _names_something_taken(self, words: list[str], stems: list[str]) -> bool:
        """Whether a message names K2, a supplement, a medicine or taking (any script)."""
        return (
            any(word in self._context for word in stems)
            or any(word in SUBSTANCE_WORDS or word.startswith(SUBSTANCE_PREFIXES) for word in words)
            or _K2_WORD.search(" ".join(words)) is not None
        )

    def _asks_a_price(self, stems: list[str]) -> bool:
        """Whether a question asks what something costs, and names nothing taken nor a dose.

        "how much does a colonoscopy cost without insurance" is about paying; "k2 before a
        colonoscopy, what does it cost" names K2 and stays a referral.
        """
        if _asks_an_amount_to_take(stems):
            return False  # "is 1000 mcg too expensive or too much" asks a dose too
        return any(word in PRICE_WORDS for word in stems) and not any(
            word in self._context and not _intake_in_another_sense(stems, index)
            for index, word in enumerate(stems)
        )

    def _content_length(self, matched: str) -> int:
        """The letters of a match outside the subject and function words ("mi bebe": 4)."""
        return sum(len(w) for w in matched.split() if w not in self._weightless)


# The referrals saying whom or what an amount is for: a child, a pregnancy, a medicine,
# the kidneys, an operation (`_dose_yields_to_whose`).
WHOSE_REFERRALS = frozenset(
    {
        "safety_children",
        "safety_pregnancy",
        MEDICINES_REFERRAL,
        "safety_kidney",
        "safety_surgery",
    }
)


def _dose_yields_to_whose(hits: list[_Hit]) -> list[_Hit]:
    """`hits` less the dose referral's where one of WHOSE_REFERRALS has a hit of its tier.

    How much, how often or how long is asked for someone or something the amount is for:
    "how many mcg of k2 can a 12 year old have", "сколько k2 давать ребенку" and "Sind 2
    mg Vitamin K für mein Baby nicht viel zu hoch dosiert?" are the children's questions,
    however rare "mcg" or "dosiert" is. An emergency is weighed against a dose as before
    ("accidentally doubled my k2" by specificity), and an urgent hit is never dropped.
    """
    whose_tiers = {hit.tier for hit in hits if hit.intent.id in WHOSE_REFERRALS}
    if not whose_tiers:
        return hits
    return [
        hit
        for hit in hits
        if hit.intent.id != DOSE_REFERRAL or hit.tier == URGENT or hit.tier not in whose_tiers
    ]


def _group_order(key: _Place) -> tuple[str, str, str, int, str, bool]:
    reading, kind, start, tier, intent_id, everyday = key
    return (reading, kind, "" if start is None else ":".join(start), -tier, intent_id, everyday)


def _overlapping(
    expression: re.Pattern[str], haystack: str, begins: re.Pattern[str] | None = None
) -> list[re.Match[str]]:
    """Every match of `expression`, overlapping ones too (in-word triggers).

    `begins`, the class every match begins with (`_first_character`), when known: the
    expression is then tried only at the characters it may begin with. Searching tries
    every position in turn, so the matches are the same, in the same order; but a long
    English message holds a "k" or a digit that may begin a Korean or Chinese trigger
    ("k2는"), and searching it whole took about 35 µs a trigger.
    """
    if begins is not None:
        match_at = expression.match
        return [
            matched
            for character in begins.finditer(haystack)
            if (matched := match_at(haystack, character.start())) is not None
        ]
    found = []
    position = 0
    while (match := expression.search(haystack, position)) is not None:
        found.append(match)
        position = match.start() + 1
    return found


# The characters a word most often starts with (and "" and a space, for an empty word):
# `SafetyTriggers.warm_up` works out what may start at each before any question.
WARM_CHARACTERS = ("", " ", *"abcdefghijklmnopqrstuvwxyz0123456789абвгдежзийклмнопрстуфхцчшщыэюя")


def _folded_as_typed(text: str | None, words: list[str]) -> list[str] | None:
    """The message folded with no synonym rewritten, when it is known and `words` are its own.

    What the everyday senses also read (see `_everyday_sense_words`): a synonym may have
    swallowed the words that show one. None without the message as typed.
    """
    if text is None:
        return None
    return fold(text, limit=None).split() or None


# An amount with its unit, as one word ("200mg", "1000mcg") or two ("200 mg", "90 mcg").
_DOSE_UNIT = r"(?:mg|mcg|ug|µg|iu|milligram|milligrams|microgram|micrograms)"
_AMOUNT_AND_UNIT = re.compile(rf"^\d+(?:[.,]\d+)?{_DOSE_UNIT}$")
_AMOUNT = re.compile(r"^\d+(?:[.,]\d+)?$")
_UNIT = re.compile(rf"^{_DOSE_UNIT}$")


def _amount_with_unit(stems: list[str], index: int) -> bool:
    """Whether the word at `index` is an amount with a dose unit, or the unit after one."""
    word = stems[index]
    if _AMOUNT_AND_UNIT.match(word):
        return True
    if _AMOUNT.match(word):
        return index + 1 < len(stems) and _UNIT.match(stems[index + 1]) is not None
    return (
        _UNIT.match(word) is not None and index > 0 and _AMOUNT.match(stems[index - 1]) is not None
    )
