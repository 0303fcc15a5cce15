"""The shortcuts that keep a new question quick give what the long way gives.

A user's question is nearly always new: its words miss every per-word memo, so what a
new word costs is what a user waits for. Each shortcut here skips work whose result is
known without it; these tests hold it to the result of the long way.
"""

from __future__ import annotations

import snowballstemmer  # type: ignore[import-untyped]

from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import Content
from bot.text import fold, word_reducer
from builders import REPO

DEV_SETS = [DEV_QUESTIONS, *sorted((REPO / "tests" / "data").glob("dev_questions_ru*.jsonl"))]
DEV_SETS += sorted((REPO / "tests" / "data").glob("dev_safety_multilingual_*.jsonl"))


def words_of(content: Content) -> set[str]:
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
