"""The shortcuts that keep a new question quick give what the long way gives.

A user's question is nearly always new: its words miss every per-word memo, so what a
new word costs is what a user waits for. Each shortcut here skips work whose result is
known without it; these tests hold it to the result of the long way.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
import pytest
import snowballstemmer  # type: ignore[import-untyped]
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import Content, Kind
from bot.matching.one_edit import OneEditIndex
from bot.responder import Responder
from bot.text import fold, word_reducer
from builders import REPO, sized, spread

DATA = REPO / "tests" / "data"
DEV_SETS = [DEV_QUESTIONS, *sorted((REPO / "tests" / "data").glob("dev_questions_ru*.jsonl"))]
DEV_SETS += sorted((REPO / "tests" / "data").glob("dev_safety_multilingual_*.jsonl"))


_WORDS: dict[int, frozenset[str]] = {}


def words_of(content: Content) -> frozenset[str]:
    """Every folded word of the content's patterns and triggers and of the dev questions."""
    if id(content) not in _WORDS:
        _WORDS[id(content)] = frozenset(_read_words(content))
    return _WORDS[id(content)]


def _read_words(content: Content) -> set[str]:
    """Every folded word of the content's patterns and triggers and of the dev questions."""
    texts = [e.question for path in DEV_SETS for e in read_examples(path)]
    for intent in content.intents:
        texts += intent.patterns
        texts += intent.all_triggers
        for translation in intent.translations:
            texts += translation.patterns
    return {word for text in texts for word in fold(text).split()}


def test_the_arabic_reduction_skips_only_words_the_stemmer_leaves_alone(
    content: Content,
) -> None:
    """Words without Arabic letters skip the Arabic stemmer, and it would not change them."""
    key, reduce = word_reducer("ar")
    assert key == "snowball:arabic"
    stemmer = snowballstemmer.stemmer("arabic")
    words = words_of(content)
    arabic = [w for w in words if any("\u0600" <= c <= "\u06ff" for c in w)]
    assert arabic, "the content holds Arabic words: the stemmer is still used for them"
    for word in words:
        expected = stemmer.stemWord(word.translate(str.maketrans({"ی": "ي", "ک": "ك"})))
        assert expected == reduce(word), word
    # An Arabic word is still stemmed: its article comes off.
    assert reduce("الحامل") != "الحامل"


def misspellings(word: str) -> list[str]:
    """Every one-letter deletion of `word`, and a few substitutions and insertions."""
    out = [word[:at] + word[at + 1 :] for at in range(len(word))]
    out += [word[:at] + "x" + word[at + 1 :] for at in range(0, len(word), 3)]
    out += [word[:at] + "e" + word[at:] for at in range(0, len(word) + 1, 4)]
    return out


def by_reach_of_one_edit(listed: list[str]) -> dict[int, list[str]]:
    """For each word length, the listed words one edit can reach from it (one longer,
    shorter or the same length), in their listed order: a scan over those finds what a
    scan over all of them finds, in a fraction of the time."""
    lengths = {len(word) for word in listed}
    reach = range(min(lengths) - 1, max(lengths) + 2)
    return {size: [w for w in listed if abs(len(w) - size) <= 1] for size in reach}


def scanned(
    words: Sequence[str], reachable: dict[int, list[str]], scorer: Callable[..., int]
) -> list[str | None]:
    """For each word, what `process.extractOne(word, reachable[len(word)], scorer=scorer,
    score_cutoff=1)` finds: the listed word with the fewest edits (at most one), the first
    listed among equals. The same scan, with every word of a length scored at once by
    `process.cdist` (extractOne word by word took 50 s of the suite's CPU)."""
    by_length: dict[int, list[int]] = defaultdict(list)
    for at, word in enumerate(words):
        by_length[len(word)].append(at)
    found: list[str | None] = [None] * len(words)
    for size, ats in by_length.items():
        near = reachable.get(size, [])
        for start in range(0, len(ats) if near else 0, 2_000):
            rows = ats[start : start + 2_000]
            distances = process.cdist(
                [words[at] for at in rows], near, scorer=scorer, score_cutoff=1, dtype=np.uint8
            )
            # argmin gives the first of equal distances, as extractOne keeps the first best.
            for at, distance, best in zip(rows, distances, distances.argmin(axis=1), strict=True):
                found[at] = near[best] if distance[best] <= 1 else None
    # The matrix is extractOne's scan: checked word by word on a sample.
    for at in range(0, len(words), 97):
        hit = process.extractOne(
            words[at], reachable.get(len(words[at]), []), scorer=scorer, score_cutoff=1
        )
        assert (hit[0] if hit is not None else None) == found[at], words[at]
    return found


def test_the_one_edit_index_finds_what_a_scan_finds(responder: Responder) -> None:
    """Over every reading's typo targets, and misspellings of them and of the dev words,
    the index answers as `process.extractOne` with a cutoff of one edit does: the fewest
    edits, then the first in the list."""
    readings = responder.matcher.safety._readings
    probes = sorted(words_of(responder.content))
    for reading in readings.values():
        targets = reading.typo_targets
        index = OneEditIndex(targets)
        reachable = by_reach_of_one_edit(list(targets))
        asked = probes + [m for t in targets for m in misspellings(t)]
        expected = scanned(asked, reachable, Levenshtein.distance)
        for word, hit in zip(asked, expected, strict=True):
            assert hit == index.closest(word), word


def test_with_swaps_counted_once_the_index_finds_what_a_scan_finds(content: Content) -> None:
    """The typo corrector counts two swapped neighbours as one edit (optimal string
    alignment): filed by deletions, it still finds what that scan finds."""
    words = sorted(w for w in words_of(content) if len(w) >= 5)
    index = OneEditIndex(words, OSA.distance)
    swapped_words = spread(words, sized(1500, len(words)))
    reachable = by_reach_of_one_edit(words)
    swapped = [
        w[:at] + w[at + 1] + w[at] + w[at + 2 :] for w in swapped_words for at in range(len(w) - 1)
    ]
    corrected = 0
    for word, hit in zip(swapped, scanned(swapped, reachable, OSA.distance), strict=True):
        assert hit == index.closest(word), word
        corrected += hit is not None and hit != word
    assert corrected > len(swapped_words)  # most swaps are found, not just words that are listed


def test_a_tie_goes_to_the_first_listed_word() -> None:
    index = OneEditIndex(["bat", "cat", "hat"])
    assert "bat" == index.closest("at")
    assert "cat" == index.closest("cat")
    assert index.closest("dog") is None
    assert "hat" == OneEditIndex(["hat", "bat"]).closest("at")


@pytest.fixture(name="cold", scope="module")
def _cold(content: Content) -> Responder:
    """A responder of its own that is never warmed up: its readings scan, as before warm_up."""
    return Responder(content)


@pytest.fixture(name="warm", scope="module")
def _warm(content: Content) -> Responder:
    """A responder of its own, warmed up (building and warming one costs ~5 s of CPU, so the
    tests comparing warm tables with the cold scan share it)."""
    responder = Responder(content)
    responder.warm_up()
    return responder


def test_warmed_up_spelling_reads_words_as_the_scan_did(
    content: Content, cold: Responder, warm: Responder
) -> None:
    """A warmed-up responder's safety readings spell words as a cold one's do (a spread of
    the content's and dev questions' words, and their misspellings)."""
    context = frozenset({"k2"})
    words = spread(sorted(words_of(content)), sized(1200, 4000))
    words += [m for w in words if len(w) >= 6 for m in misspellings(w)[:4]]
    for key, reading in warm.matcher.safety._readings.items():
        assert reading.near is not None
        other = cold.matcher.safety._readings[key]
        assert other.near is None
        for word in words:
            assert other.spelled(word, context) == reading.spelled(word, context), word


def test_warmed_up_typo_correction_corrects_as_the_scan_did(
    content: Content, cold: Responder, warm: Responder
) -> None:
    """Each matcher's typo corrector, warmed up, corrects words as a cold one does (a spread
    of the content's and dev questions' words, and their misspellings)."""
    words = spread(sorted(words_of(content)), sized(1200, 4000))
    words += [m for w in words if len(w) >= 5 for m in misspellings(w)[:5]]
    pairs = [(cold.matcher, warm.matcher), (cold.translated, warm.translated)]
    for cold_matcher, warm_matcher in pairs:
        assert cold_matcher is not None and warm_matcher is not None
        assert warm_matcher.typos.warm and not cold_matcher.typos.warm
        for word in words:
            assert cold_matcher.typos.correct(word) == warm_matcher.typos.correct(word), word


def test_a_new_word_is_tried_against_the_triggers_a_known_one_would_be(warm: Responder) -> None:
    """What is tried where a word starts is the same from the per-character table (a
    warmed-up responder's) as worked out for the word alone."""
    from bot.matching.safety import MIN_PREFIX, _may_begin

    questions = [e.question for path in DEV_SETS for e in read_examples(path)]
    for question in spread(questions, sized(600, len(questions))):
        warm.respond(question)
    for reading in warm.matcher.safety._readings.values():
        assert reading.anywhere_at
        for word, entries in reading.tried_at.items():
            first = word[:1]
            tried = reading.by_word.get(word, [])
            if len(word) >= MIN_PREFIX:
                tried = tried + reading.by_start.get(word[:MIN_PREFIX], [])
            expected = (*tried, *(e for e in reading.anywhere if _may_begin(e, first)))
            assert expected == entries, word


def reference_transliterations(word: str, *, soft_signs: bool = True) -> list[str]:
    """The readings worked out the long way: every group tried in order at each letter."""
    from bot.text import _IOTATED, _SOFTENED, _TRANSLIT_GROUPS, _TRANSLIT_VOWELS

    letters: list[str] = []
    at = 0
    while at < len(word):
        after_consonant = bool(letters) and letters[-1][-1] not in _TRANSLIT_VOWELS
        for latin, cyrillic in _TRANSLIT_GROUPS:
            if latin == "ye" and after_consonant:
                continue
            if word.startswith(latin, at):
                letters.append(cyrillic)
                at += len(latin)
                break
        else:
            after_vowel = bool(letters) and letters[-1][-1] in _TRANSLIT_VOWELS
            letters.append(("и" if after_vowel else "ы") if word[at] == "y" else word[at])
            at += 1
    plain = "".join(letters)
    readings = [plain] + (["э" + plain[1:]] if plain.startswith("е") else [])
    if not soft_signs:
        return readings
    ends = [len("".join(letters[: n + 1])) for n in range(len(letters))]
    soft = [
        ends[n]
        for n in range(len(letters))
        if letters[n] in _SOFTENED
        and (n + 1 == len(letters) or letters[n + 1][0] not in _TRANSLIT_VOWELS - _IOTATED)
    ]
    plain_readings = len(readings)
    if soft and soft[-1] == len(plain):
        soft = [soft[-1], *soft[:-1]]
    for offset in sorted(soft[:3], reverse=True):
        readings += [reading[:offset] + "ь" + reading[offset:] for reading in readings]
    return readings[plain_readings:]


def test_transliteration_reads_every_word_as_trying_each_group_in_order(
    content: Content,
) -> None:
    """One expression per letter gives the readings that trying each group in turn gives."""
    from bot.text import _transliterations

    words = sorted(w for w in words_of(content) if w.isascii() and w.isalpha())
    words += ["pobochnye", "yest", "moye", "shchi", "kalciy", "pyu", "plotnost", "tsya", "yyy"]
    for word in words:
        for soft_signs in (False, True):
            expected = reference_transliterations(word, soft_signs=soft_signs)
            assert expected == _transliterations(word, soft_signs=soft_signs), word


def _read_every_word(words: list[str], keep: frozenset[str], terms: frozenset[str]) -> list[str]:
    """`transliterated_russian` the long way: every word's reading counted before deciding."""
    from bot.matching.lexicon import zipf
    from bot.text import (
        ALWAYS_ENGLISH_ZIPF,
        TRANSLIT_MARGIN,
        TRANSLIT_MIN_WORDS,
        TRANSLIT_RUSSIAN_ZIPF,
        _lone_russian_keyword,
        is_cyrillic,
        russian_reading,
    )

    if any(is_cyrillic(word) for word in words):
        return words
    names = {word for word, after in itertools.pairwise(words) if after.isdigit()}
    english_of = {
        word: zipf(word)
        for word in words
        if len(word) > 1 and word.isalpha() and word.isascii() and word not in keep
        if word not in names
    }
    english = sum(value >= ALWAYS_ENGLISH_ZIPF for value in english_of.values())
    if len(english_of) - english < TRANSLIT_MIN_WORDS and not _lone_russian_keyword(
        words, english_of, terms
    ):
        return words
    russian = other = 0
    if len(english_of) == 1:
        russian, english_of = TRANSLIT_MIN_WORDS, {}
    for word, in_english in english_of.items():
        if in_english >= ALWAYS_ENGLISH_ZIPF:
            continue
        frequency = russian_reading(word)[1]
        if frequency >= TRANSLIT_RUSSIAN_ZIPF and frequency >= in_english + TRANSLIT_MARGIN:
            russian += 1
        elif in_english >= TRANSLIT_RUSSIAN_ZIPF:
            english += 1
        else:
            other += 1
    if russian < TRANSLIT_MIN_WORDS or russian <= english or 3 * russian < 2 * (russian + other):
        return words
    return [
        (russian_reading(w)[0] if w.isalpha() and w.isascii() and w not in keep else "") or w
        for w in words
    ]


def test_transliteration_stops_reading_words_only_when_the_message_cannot_be_russian(
    responder: Responder,
) -> None:
    """Reading stops once the words left could not make a message Russian: same answer.

    Over every development question (English, Russian in both scripts, Latin-letter
    Russian, other languages) and each one's first half, which is where a message is
    decided by few words.
    """
    from bot.text import transliterated_russian

    normalizer = responder.matcher.normalizer
    keep, terms = normalizer._latin_words, normalizer._russian_terms
    paths = [*DEV_SETS, *sorted((REPO / "tests" / "data").glob("dev_languages_*.jsonl"))]
    texts = [e.question for path in paths for e in read_examples(path)]
    texts += [" ".join(t.split()[: max(2, len(t.split()) // 2)]) for t in texts]
    read_as_russian = 0
    for text in texts:
        words = fold(text).split(" ")
        expected = _read_every_word(words, keep, terms)
        assert transliterated_russian(words, keep, terms) == expected, text
        read_as_russian += expected != words
    assert read_as_russian > 50  # the sets hold Russian typed in Latin letters


def test_a_hyphenated_ascii_message_is_told_by_the_words_the_general_reading_finds() -> None:
    """ASCII with a hyphen skips the Unicode normalisations, and finds the same words.

    The general reading (any message with a letter outside ASCII) is held to: a snowman
    added at the end is no letter, so it adds no word but takes that way. Every dev
    question is read as typed, with its spaces as hyphens, and with French and Spanish
    joined and marked words ("raconte-moi", "est-ce") that the word lists name.
    """
    from bot.language import _latin_words

    texts = [e.question for path in DEV_SETS for e in read_examples(path)]
    texts += ["Raconte-moi la vitamine K2", "est-ce que K2 aide?", "MK-7 o MK-4, que es?"]
    hyphenated = [t for t in texts if t.isascii()]
    hyphenated += [t.replace(" ", "-") for t in hyphenated]
    hyphenated = [t for t in hyphenated if "-" in t]
    assert len(hyphenated) > 1000
    joined = 0
    for text in hyphenated:
        words = _latin_words(text)
        assert words == _latin_words(text + " \u2603"), text
        joined += any(w.startswith("-") for w in words)
    assert joined, "some words are read as joined after a hyphen"


class _AnyWord(dict[str, object]):
    """Every first word may go on with any word: the synonym scan tries every length."""

    def __getitem__(self, word: str) -> object:
        return _Everything()


class _Everything:
    def __contains__(self, word: object) -> bool:
        return True


def test_the_synonym_scan_skips_only_variants_the_next_word_cannot_continue(
    content: Content,
) -> None:
    """Variants of several words are tried only when the next word can continue one.

    Held to trying every length at every word, over every dev question, its words joined
    in pairs the variants begin with, and every pattern of the content.
    """
    from bot.text import Normalizer

    pruned = Normalizer(content.synonyms)
    every_length = Normalizer(content.synonyms)
    object.__setattr__(every_length, "_second_words", _AnyWord())
    texts = [e.question for path in DEV_SETS for e in read_examples(path)]
    texts += [p for intent in content.intents for p in intent.patterns]
    texts += [" ".join(variants) for variants in content.synonyms.values()]
    texts += [f"so {v} and {v}s" for variants in content.synonyms.values() for v in variants]
    assert len(texts) > 5000
    rewritten = 0
    for text in texts:
        expected = every_length.normalize(text)
        assert pruned.normalize(text) == expected, text
        rewritten += expected != fold(text)
    assert rewritten > 1000, "many texts hold a variant of a synonym"


def test_in_word_triggers_tried_at_their_first_characters_find_what_a_search_finds(
    content: Content,
) -> None:
    """An in-word trigger (Chinese, Korean, Thai...) tried only where its first character
    stands finds every match a search over the whole message finds, in the same order."""
    from bot.matching.safety.expression_starts import _first_character
    from bot.matching.safety.triggers import _overlapping

    responder = Responder(content)
    questions = [e.question for path in DEV_SETS for e in read_examples(path)]
    spellings = [t for i in content.intents for t in i.all_triggers if not t.isascii()]
    # Each spelling alone, glued into a word, after a digit, and in an English message.
    texts = [fold(t) for t in questions]
    for spelling in spellings:
        texts += [fold(f"{spelling}"), fold(f"k2{spelling}x"), fold(f"7{spelling}")]
        texts.append(fold(f"my son is 5 and took k2 {spelling} what now"))
    found_somewhere = 0
    for reading in responder.matcher.safety._readings.values():
        for entry in reading.unspaced:
            expression = responder.matcher.safety._pattern(entry.expression)
            begins = _first_character(entry.expression)
            for text in texts:
                searched = [m.span() for m in _overlapping(expression, text)]
                tried = [m.span() for m in _overlapping(expression, text, begins)]
                assert tried == searched, (entry.expression[:60], text)
                found_somewhere += bool(searched)
    assert found_somewhere > 100, "the texts hold in-word triggers: the test compares matches"


def test_ascii_text_is_folded_as_the_general_reading_folds_it(content: Content) -> None:
    """Plain ASCII takes classes of ASCII ranges; the scripts' classes give the same text."""
    import random

    from bot.text import _APOSTROPHES, _NON_WORD, _STRETCHED

    def general(text: str) -> str:
        text = _APOSTROPHES.sub("", text.casefold())
        return _NON_WORD.sub(" ", _STRETCHED.sub(r"\1", text)).strip()

    texts = [e.question for path in DEV_SETS for e in read_examples(path)]
    texts += [p for i in content.intents for p in i.patterns]
    rng = random.Random(12)
    every_ascii = "".join(map(chr, range(128)))
    texts += [
        "".join(rng.choice(every_ascii if rng.random() < 0.3 else "aaeK2 _-'`.!") for _ in range(n))
        for n in [rng.randint(0, 40) for _ in range(20_000)]
    ]
    texts += ["heyyy_sooo", "__k2__", "AAAh", "a\tb\nc", "mk-7's", "1110000", "_"]
    checked = 0
    for text in filter(str.isascii, texts):
        assert fold(text, limit=None) == general(text), text
        checked += 1
    assert checked > 20_000


SAFETY_SETS = [DATA / "safety_multilingual.jsonl", *sorted(DATA.glob("dev_safety_*.jsonl"))]


def test_a_few_languages_triggers_are_found_as_counting_every_language_finds_them(
    responder: Responder,
) -> None:
    """`holds_any` runs only the languages asked about: a yes is always in `count`, and
    a no too, but for Russian, which `count` also meets on Latin letters read in Cyrillic."""
    table = responder.referral_language.table()
    languages = sorted({language for _, language, _ in table._languages})
    assert len(languages) > 10
    normalize = responder.matcher.normalizer.normalize
    questions = [e.question for path in SAFETY_SETS + DEV_SETS for e in read_examples(path)]
    found = 0
    for question in spread(questions, sized(800, 2800)):
        words = normalize(question).split()
        hits = table.count(words)
        for language in languages:
            held = table.holds_any(words, (language, "en"))
            found += held
            if held or language != "ru":
                assert held == (language in hits or "en" in hits), (question, language)
    assert found > 1000


def test_a_referral_language_ends_early_only_where_counting_every_language_would(
    responder: Responder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The told or the base language's triggers end `ReferralLanguage._language_instead` before
    every language is counted: it gives what it gives when every language is counted."""
    questions = spread(
        [e.question for path in SAFETY_SETS for e in read_examples(path)], sized(500, 1600)
    )
    cases = [
        (question, told, intent)
        for question in questions
        for told in ("en", "de", "ru", "kk")
        for intent in responder.content.of_kind(Kind.SAFETY)[:1]
    ]
    quick = [responder.referral_language._language_instead(q, told, i) for q, told, i in cases]
    table = responder.referral_language.table()
    monkeypatch.setattr(type(table), "holds_any", lambda *_: False)
    slow = [responder.referral_language._language_instead(q, told, i) for q, told, i in cases]
    assert quick == slow
    assert any(quick)


def test_texts_folding_alike_are_normalised_as_each_would_be_alone(content: Content) -> None:
    """A text whose folded form was normalised just before gets that normal form back.

    Held to normalising each text the long way, over every dev question, its sentences
    and the question without its closing mark or in capitals (a message's parts fold
    alike that way), with and without reading Latin letters as Russian. A text with an
    accented letter folds as its plain spelling but is never read as transliterated
    Russian, so it is not given the plain spelling's Russian reading.
    """
    import re

    from bot.text import Normalizer

    normalizer = Normalizer(content.synonyms)
    texts = ["mozhno li pit k2 pri beremennosti", "mózhno li pit k2 pri beremennosti"]
    for question in (e.question for path in DEV_SETS for e in read_examples(path)):
        texts += [question, question.rstrip("?!. "), question.upper()]
        texts += re.split(r"(?<=[.?!])\s+", question)
    alike = 0
    seen: set[tuple[str, bool]] = set()
    for text in texts:
        for transliterated in (True, False):
            expected = normalizer._normalize(text, limit=1500, transliterated=transliterated)
            assert normalizer.normalize(text, transliterated=transliterated) == expected, text
            key = (fold(text), transliterated)
            alike += key in seen
            seen.add(key)
    assert alike > 1000, "many texts fold as one normalised before them"
    assert normalizer.normalize(texts[0]) != normalizer.normalize(texts[1])


def test_a_language_is_held_where_finding_its_triggers_finds_one(responder: Responder) -> None:
    """`holds_any` stops at the first trigger found; finding them all finds one just there.

    Over a spread of the safety and dev questions and every language, with French and Italian
    elided articles glued on and read off ("l'anesthésie", "dell'intervento").
    """
    from bot.matching.safety.languages import _found, _holds

    table = responder.referral_language.table()
    normalize = responder.matcher.normalizer.normalize
    questions = [e.question for path in SAFETY_SETS + DEV_SETS for e in read_examples(path)]
    questions = spread(questions, sized(800, 2800))
    questions += ["k2 avant l'anesthésie", "posso prendere k2 prima dell'intervento"]
    held = 0
    for question in questions:
        words = normalize(question).split()
        found_in: dict[int, str] = {}
        held_in: dict[int, str] = {}
        for pattern, language, reading in table._languages:
            expected = bool(_found(pattern, language, reading, words, found_in))
            assert _holds(pattern, language, reading, words, held_in) == expected, question
            held += expected
    # A guard that the spread met triggers to compare, not a figure: which questions the
    # spread picks moves with every safety set added, so it scales with the spread.
    assert held > len(questions) // 2
