"""The matcher's shortcuts give exactly what the plain computation gives.

The scorer avoids work for speed: the shape scan skips patterns whose length cannot reach
its cutoff, and the sort ratio compares word lists sorted at build time. A shortcut that
drifted would change which intents are offered, silently; these tests compare each with
the rapidfuzz call it replaces, on the shipped patterns and on the dev questions.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from rapidfuzz import fuzz, process

from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import Content, Kind, load_content
from bot.matching import Candidate, Matcher, safety
from bot.matching.index import Index, sorted_words, token_sorted
from bot.matching.lexicon import zipf
from bot.matching.safety import readings as safety_readings
from bot.matching.safety import triggers as safety_triggers
from bot.matching.scoring import (
    MAIN_WORD_MARGIN,
    SHAPED_CUTOFF,
    SMALLTALK_WORDS_KEPT,
    TOPIC_ZIPF,
    _main_word_facts,
    _main_word_unexplained_of,
    _shaped_like,
    _smalltalk_words,
    expand_fragments,
    near_miss_terms,
    query_tokens,
    unknown_word_weight,
)
from bot.responder import Responder
from bot.text import GENERIC_WORDS, QUESTION_WORDS, Normalizer, stem
from builders import MINIMAL_INTENTS, intent_folder, sized, spread


@pytest.fixture(name="questions", scope="module")
def _questions(responder: Responder) -> list[str]:
    """Normalised questions of every length: the dev set, the patterns themselves, and
    their beginnings (short questions are where the length window is widest)."""
    normalize = responder.matcher.normalizer.normalize
    texts = [e.question for e in read_examples(DEV_QUESTIONS)]
    texts += [p.text for p in responder.matcher.index.patterns]
    texts += [text[:length] for text in texts[:200] for length in (3, 8, 15, 30)]
    return [q for q in map(normalize, texts) if q]


def test_the_shape_scan_finds_what_scanning_every_pattern_finds(
    responder: Responder, questions: list[str]
) -> None:
    index = responder.matcher.index
    for question in questions:
        shape = sorted_words(question)
        every = process.extract(
            shape, index.sorted_patterns, scorer=fuzz.ratio, limit=8, score_cutoff=SHAPED_CUTOFF
        )
        assert _shaped_like(index, shape) == [n for _, _, n in every], question


def test_sorted_words_compare_as_token_sort_ratio(
    responder: Responder, questions: list[str]
) -> None:
    index = responder.matcher.index
    for question in questions[:300]:
        for position, pattern in enumerate(index.patterns):
            assert fuzz.ratio(token_sorted(question), index.token_sorted[position]) == (
                fuzz.token_sort_ratio(question, pattern.normalized)
            )


# -- the matcher's per-question memo and the safety triggers' prefilter -------------------

DATA = Path(__file__).parent / "data"


class _RankingEveryPart(Matcher):
    """The matcher as it was: every part of a message ranked, repeats too."""

    def _ranked(self, normalized: str, ranks: dict[str, list[Candidate]] | None) -> list[Candidate]:
        return self.rank_normalized(normalized)


class _CountingRanks(Matcher):
    """A matcher that counts the texts it ranks."""

    ranked: ClassVar[list[str]] = []

    def rank_normalized(self, normalized: str, *, exclude: int | None = None) -> list[Candidate]:
        self.ranked.append(normalized)
        return super().rank_normalized(normalized, exclude=exclude)


def _long_messages(questions: list[str]) -> list[str]:
    """Messages whose sentences, clauses and whole often repeat one another."""
    messages = []
    for first, second in zip(questions[::7], questions[3::7], strict=False):
        messages += [
            f"{first}. {second}",  # two sentences
            f"{first}, {second}",  # two clauses
            f"{first}. {first}",  # the same sentence twice
            f"hi there, my doctor told me about it last week and {first}",  # one long sentence
            f"i have a question about k2 please. {second}, what about it?",
        ]
    return messages


def test_a_message_ranked_once_per_text_gets_the_replies_of_ranking_every_part(
    content: Content,
) -> None:
    questions = [e.question for e in read_examples(DEV_QUESTIONS)]
    questions += [e.question for e in read_examples(DATA / "dev_questions_ru.jsonl")]
    questions = spread(questions, sized(240, len(questions)))
    remembering = Matcher(content)
    plain = _RankingEveryPart(content, like=remembering)
    for question in questions + _long_messages(questions):
        assert remembering.match(question) == plain.match(question), question


def test_a_repeated_sentence_is_ranked_once(content: Content) -> None:
    matcher = _CountingRanks(content)
    sentence = "my grandmother wants to know whether vitamin k2 is good for her bones"
    matcher.ranked.clear()
    matcher.match(f"{sentence}. {sentence}")
    # The whole message, and its two sentences as one text.
    assert len(matcher.ranked) == 2
    assert len(set(matcher.ranked)) == 2


def _safety_questions(responder: Responder) -> list[list[str]]:
    texts = [e.question for e in read_examples(DEV_QUESTIONS)]
    for name in ("safety_multilingual.jsonl", "dev_safety_en.jsonl", "dev_questions_ru.jsonl"):
        texts += [e.question for e in read_examples(DATA / name)]
    # Triggers that start with a number or sit inside words (Han, kana).
    texts += [
        "my 3 year old swallowed 12 capsules",
        "i am 14 weeks pregnant, can i take 2 gummies every morning",
        "heart rate 150 bpm after k2",
        "ckd3 and k2?",
        "ckd 3, is k2 safe",
        "10 dpo and taking mk7",
        "我的3岁孩子吃了十粒",
        "孩子吃了 5 粒 k2",
        "妊娠中にビタミンk2を飲んでもいいですか",
        "mein 4 jahre alt sohn hat 10 kapseln",
        "4 о недели беременности",
        "",
        "7",
    ]
    normalize = responder.matcher.normalizer.normalize
    return [normalize(text).split() for text in texts]


def test_safety_triggers_tried_where_they_can_begin_find_what_trying_everywhere_finds(
    content: Content, responder: Responder, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = _safety_questions(responder)
    prefiltered = Matcher(content).safety
    found = [prefiltered.find(words) for words in questions]
    # Asked twice: the second time from what each reading remembers.
    assert [prefiltered.find(words) for words in questions] == found
    # Remembering only a few words at a time: the same.
    monkeypatch.setattr(safety_readings, "MAX_REMEMBERED_WORDS", 3)
    monkeypatch.setattr(safety_triggers, "MAX_REMEMBERED_WORDS", 3)
    forgetful = Matcher(content).safety
    assert [forgetful.find(words) for words in questions] == found
    assert len(forgetful._reduced) <= 3
    # Every trigger tried at every word, and every in-word trigger searched for.
    monkeypatch.setattr(safety_readings, "_first_character", lambda expression: None)
    everywhere = Matcher(content).safety
    assert [everywhere.find(words) for words in questions] == found
    assert sum(intent is not None for intent in found) > 100


@pytest.mark.parametrize(
    ("expression", "may_begin", "may_not_begin"),
    [
        (r"(?:(?:[1-9]|1[0-7]) (?:year|y) old)(?!\S)", "19", "0a "),
        (r"(?:ckd(?:[1-5]))(?!\S)", "c", "dk1"),
        (r"(?:(?<!\d)(?:[1-9]|1[0-7])(?!\d) (?:year|y) old)(?!\S)", "19", "0a "),
        (r"(?:\d+ ?mg|ab)(?!\S)", "7a٣", "bm "),
        (r"(?:(\S+) of k2)(?!\S)", "a7я", " "),
        (r"(?:a?b)", "ab", "c"),
        (r"(?:[-\]]x|\^y)", "-]^", "x\\"),
    ],
)
def test_the_first_character_read_from_an_expression(
    expression: str, may_begin: str, may_not_begin: str
) -> None:
    test = safety._first_character(expression)
    assert test is not None
    for character in may_begin:
        assert test.match(character), character
    for character in may_not_begin + "\n":
        assert not test.match(character), character
    assert not test.match("")


@pytest.mark.parametrize(
    "expression",
    [r"(?:x*)", r"(?:\s*x)", r"(?:[^a]b)", r"(?i:x)", r"(?:$)", r"(?:.x)", r"(?:(?=a)a)", "("],
)
def test_an_expression_that_may_begin_anywhere_is_tried_everywhere(expression: str) -> None:
    assert safety._first_character(expression) is None


def test_whether_a_message_reads_as_russian_is_remembered_right(content: Content) -> None:
    texts = [
        "chto takoe vitamin k2",
        "what is vitamin k2",
        # Alike at first, read differently.
        "vitamin k2 chto eto takoe",
        "vitamin k2 what is it",
        "k2 skolko nuzhno v den",
        "k2 how much a day",
        "что такое к2",
        "jaka dawka witaminy k2",
        "¿qué es la vitamina k2?",
        "",
    ]
    texts += [e.question for e in read_examples(DATA / "dev_questions_ru.jsonl")][:60]
    remembering = Normalizer(content.synonyms)
    # Asked over more texts than it remembers, twice: every answer as a new normaliser's.
    first = [remembering.reads_as_russian(text) for text in texts]
    second = [remembering.reads_as_russian(text) for text in reversed(texts)][::-1]
    fresh = [Normalizer(content.synonyms).reads_as_russian(text) for text in texts]
    assert first == second == fresh
    assert any(fresh) and not all(fresh)


# -- the gate's per-question word facts and the index's out-of-scope words ---------------


def _main_word_unexplained_word_by_word(index: Index, intent_id: str, tokens: list[str]) -> bool:
    """The main-word check as it was: every word weighed again for every candidate."""
    vocabulary = index.intent_vocab.get(intent_id, frozenset())
    explained = unexplained = 0.0
    for token in tokens:
        if token in index.chatter or token in GENERIC_WORDS or token in QUESTION_WORDS:
            continue
        if token in index.people:
            continue
        known = index.weights.get(token)
        if token in vocabulary:
            explained = max(explained, known or 0.0)
        elif known is not None:
            unexplained = max(unexplained, known)
        elif zipf(token) < TOPIC_ZIPF:
            unexplained = max(unexplained, unknown_word_weight(token))
    return unexplained > explained * MAIN_WORD_MARGIN


def test_the_main_word_facts_worked_out_once_judge_every_intent_as_before(
    responder: Responder,
) -> None:
    matcher = responder.translated or responder.matcher
    index = matcher.index
    texts = [e.question for e in read_examples(DEV_QUESTIONS)]
    texts += [e.question for e in read_examples(DATA / "dev_questions_ru.jsonl")]
    judged = 0
    for text in texts:
        tokens = query_tokens(matcher.normalizer.normalize(text), matcher.typos.correct)
        facts = _main_word_facts(index, tokens)
        for intent_id, vocabulary in index.intent_vocab.items():
            once = _main_word_unexplained_of(vocabulary, facts)
            assert once == _main_word_unexplained_word_by_word(index, intent_id, tokens), text
            judged += once
    assert judged > 100  # the check does hold intents back


def test_the_out_of_scope_words_are_those_only_declines_use(responder: Responder) -> None:
    index = responder.matcher.index
    walked = {
        word
        for word, posting in index.postings.items()
        if all(index.patterns[n].intent.kind is Kind.OUT_OF_SCOPE for n in posting)
    }
    assert index.out_of_scope_words == walked
    assert "magnesium" in walked


MAGNESIUM_DECLINE = """\
  - id: other_minerals
    kind: out_of_scope
    title: Other minerals
    patterns: [should i take magnesium, is magnesium good for bones]
    answer: The article does not cover magnesium.
"""


def test_an_edited_pattern_changes_the_near_miss_words_after_a_reload(tmp_path: Path) -> None:
    """The words only declines use belong to one content version: after an edit gives an
    article pattern the word, a reload reads it as an article word, for a question the
    old version had already answered too."""
    folder = intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS + MAGNESIUM_DECLINE})
    question = "should i take magnesium with vitamin k2"
    before = Responder(load_content(folder))
    words = set(before.matcher.terms(question))
    assert near_miss_terms(before.matcher.index, words) == {"magnesium"}
    first_reply = before.respond(question)

    edited = MINIMAL_INTENTS.replace(
        "      - tell me about vitamin k2\n",
        "      - tell me about vitamin k2\n      - vitamin k2 and magnesium\n",
    )
    (folder / "main.yaml").write_text(edited + MAGNESIUM_DECLINE, encoding="utf-8")
    after = Responder(load_content(folder))
    assert near_miss_terms(after.matcher.index, words) == frozenset()
    # The old version is unchanged by the new one (a reload swaps whole responders).
    assert near_miss_terms(before.matcher.index, words) == {"magnesium"}
    assert before.respond(question).text == first_reply.text


def test_the_aside_phrases_found_by_their_first_word_are_those_tried_at_every_word(
    responder: Responder,
) -> None:
    """`subject_set_aside` tries only the phrases a word can begin: the same finding as
    trying every phrase at every word, on every dev question and the phrases themselves."""
    from bot.matching.main_content import ASIDE_FILLERS, ASIDE_PHRASES, subject_set_aside

    index = responder.matcher.index

    def tried_everywhere(words: list[str]) -> str | None:
        for position in range(len(words)):
            for phrase in ASIDE_PHRASES:
                end = position + len(phrase)
                if tuple(words[position:end]) != phrase:
                    continue
                at = end
                while at < len(words) and words[at] in ASIDE_FILLERS:
                    at += 1
                if at < len(words) and words[at] in index.anchors:
                    return " ".join(words[position : at + 1])
        return None

    normalize = responder.matcher.normalizer.normalize
    texts = [e.question for e in read_examples(DEV_QUESTIONS)]
    texts += [f"is there {' '.join(p)} the vitamin k2 {' '.join(p)} k2" for p in ASIDE_PHRASES]
    texts += ["other than that, rather than k2 what else", "instead of k2 besides k2"]
    found = [subject_set_aside(index, normalize(t).split()) for t in texts]
    assert found == [tried_everywhere(normalize(t).split()) for t in texts]
    assert sum(f is not None for f in found) >= len(ASIDE_PHRASES)


@pytest.mark.parametrize("word", ["always", "perhaps", "besides", "sometimes", "series", "towards"])
def test_a_common_word_cut_by_the_stemmer_counts_as_common(word: str) -> None:
    """Light stemming cuts the "s" of words that are no plural ("always" -> "alway"): the
    stem is weighed as the common word it came from, not as a rare word (which would
    count against every answer as heavily as "collagen")."""
    assert stem(word) != word
    assert unknown_word_weight(stem(word)) == unknown_word_weight(word)


class _ReadingWordsEachTime(Matcher):
    """The matcher as it was: a text's words read again by every reader."""

    def _tokens(self, normalized: str) -> tuple[list[str], bool]:
        return expand_fragments(self.index, query_tokens(normalized, self.typos.correct))


def test_a_texts_words_remembered_give_the_replies_of_reading_them_each_time(
    content: Content,
) -> None:
    questions = [e.question for e in read_examples(DEV_QUESTIONS)]
    questions += [e.question for e in read_examples(DATA / "dev_questions_ru.jsonl")]
    questions = spread(questions, sized(240, len(questions)))
    remembering = Matcher(content)
    plain = _ReadingWordsEachTime(content, like=remembering)
    for question in questions + _long_messages(questions):
        assert remembering.match(question) == plain.match(question), question
    # A reader that changes the list it is given changes no later reading.
    text = remembering.normalizer.normalize("does k2 help my osteo bones")
    remembering._tokens(text)[0].clear()
    assert remembering._tokens(text) == plain._tokens(text)


def test_two_indexes_asked_in_turn_each_get_their_own_smalltalk_words(
    responder: Responder,
) -> None:
    """A responder of two languages ranks with two indexes in turn; a reload makes more."""
    english, every_language = responder.matcher.index, responder.translated.index
    assert every_language is not english

    def words_of(index: Index) -> tuple[frozenset[str], frozenset[str]]:
        smalltalk = [index.patterns[p] for p in index.smalltalk_positions]
        vocabulary = frozenset().union(*(p.tokens for p in smalltalk))
        return vocabulary, frozenset(
            w for p in smalltalk if len(p.tokens) == 1 for w in p.tokens if w in index.chatter
        )

    assert words_of(english) != words_of(every_language)
    for _ in range(3):
        for index in (english, every_language, english):
            assert _smalltalk_words(index) == words_of(index)
    # More indexes than are kept: each still gets its own.
    others = [Matcher(responder.content).index for _ in range(SMALLTALK_WORDS_KEPT + 1)]
    for index in [*others, english, *others, every_language]:
        assert _smalltalk_words(index) == words_of(index)


def test_unfit_small_talk_left_out_of_the_overlaps_is_what_filtering_them_after_leaves(
    responder: Responder,
) -> None:
    """Small talk unfit for the whole message is left out while the overlaps are computed;
    the list is the one computed whole and filtered afterwards."""
    from bot.matching import scoring

    matcher = responder.matcher
    index = matcher.index
    questions = [e.question for e in read_examples(DEV_QUESTIONS)]
    questions += [f"hi there, thanks! {q} bye" for q in questions[::5]]
    left_out = 0
    for question in questions:
        normalized = matcher.normalizer.normalize(question)
        tokens, _ = matcher._tokens(normalized)
        heavy, common = scoring._candidate_words(index, tokens)
        groups = scoring._gather(index, heavy, normalized, None)
        if not groups:
            continue
        groups, _ = scoring._add_common_words(index, groups, common)
        candidates = set().union(*groups.values())
        query = scoring._Query(
            normalized, *scoring._weigh(index, (t for t in tokens if t not in index.chatter))
        )
        smalltalk_query = scoring._Query(normalized, *scoring._weigh_for_smalltalk(index, tokens))
        unfit = scoring._unfit_smalltalk(
            index, tokens, normalized, candidates & index.smalltalk_positions
        )
        whole = scoring._rough_overlaps(index, groups, query, smalltalk_query)
        filtered = [r for r in whole if r[1] not in unfit]
        assert scoring._rough_overlaps(index, groups, query, smalltalk_query, unfit) == filtered
        left_out += len(whole) - len(filtered)
    assert left_out > 100, "some small talk is unfit: the test compares lists that differ"
