"""Which phrasings of a grown intent are worth indexing: hand-written intents keep all."""

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


def test_a_grown_intent_keeps_the_first_of_each_word_set_and_drops_noise() -> None:
    """Past the hand-written size, near-duplicates collapse onto the first written, and a
    phrasing with a word almost no other phrasing of the intent uses (a typo) is left out."""
    grown = words(
        "what k2",  # 0: the editor's own
        "k2 what",  # the same words, swapped
        *["what k2"] * 150,  # pasted twins
        *["k2 vitamin"] * 50,  # 152..201: a second common wording
        "whaat k2",  # 202: a typo no other phrasing has
    )
    assert (0, 152) == informative_phrasings(grown)


def test_a_grown_intent_of_nothing_but_noise_keeps_its_first_phrasing() -> None:
    """An intent is never left with nothing to match."""
    assert (0,) == informative_phrasings(words(*(f"typo{n} word{n}" for n in range(300))))
