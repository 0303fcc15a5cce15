"""Which phrasings of a grown intent are indexed: hand-written intents keep all."""

from __future__ import annotations

from bot.content.phrasings import informative_phrasings
from bot.intents import Content
from bot.text import Normalizer, content_tokens


def words(*phrasings: str) -> list[frozenset[str]]:
    return [frozenset(p.split()) for p in phrasings]


def test_a_hand_written_intent_keeps_every_pattern(content: Content) -> None:
    """Every shipped intent is indexed whole, word-set twins and one-off words included."""
    normalize = Normalizer(content.synonyms).normalize
    for intent in content.intents:
        phrasings = [frozenset(content_tokens(normalize(p))) for p in intent.patterns]
        assert tuple(range(len(phrasings))) == informative_phrasings(phrasings), intent.id


def test_a_grown_intent_keeps_its_first_phrasings_without_noise() -> None:
    """Past the hand-written size, a phrasing with a word almost no other phrasing of the
    intent uses (a typo) is left out, and at most the first 150 of the rest are kept."""
    grown = words(
        "what k2",  # 0: the editor's own
        "whaat k2",  # 1: a typo no other phrasing has
        *["k2 vitamin", "k2 what"] * 200,  # 2..401: common wordings, pasted again and again
    )
    kept = informative_phrasings(grown)
    assert (0, *range(2, 151)) == kept


def test_a_grown_intent_of_nothing_but_noise_keeps_its_first_phrasing() -> None:
    """An intent is never left with nothing to match."""
    assert (0,) == informative_phrasings(words(*(f"typo{n} word{n}" for n in range(300))))


def test_a_grown_intent_answers_as_well_as_the_shipped_one(content: Content, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Thousands of pasted phrasings (typos, fillers, swaps) do not cost accuracy: loaded
    from a folder, the grown content answers the dev set within 2 points of the shipped
    content, and the index holds at most 150 phrasings of each grown intent."""
    from benchmarks.phrasings import grow_phrasings, write_folder
    from bot.data import DEV_QUESTIONS
    from bot.evaluate import evaluate, read_examples
    from bot.intents import ContentCache, load_content
    from bot.responder import Responder

    # 8,000: a few hundred per intent, well over the 150 the index keeps of each.
    write_folder(grow_phrasings(content, 8_000, seed=2), tmp_path / "intents")
    grown = load_content(tmp_path / "intents", cache=ContentCache())
    assert all(len(grown.indexed_patterns(i)) <= 150 for i in grown.intents)
    assert 32 * 150 >= len(Responder(grown).matcher.pattern_list())
    examples = read_examples(DEV_QUESTIONS)
    shipped = evaluate(Responder(content), examples).accuracy
    assert evaluate(Responder(grown), examples).accuracy >= shipped - 0.02
