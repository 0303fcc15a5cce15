"""Synthetic content: a FAQ many times larger, made from the shipped intents.

A FAQ a thousand times larger has many more intents, not a few intents with thousands of
patterns each, so the generator makes *copies* of the shipped intents: each copy has its
own id, the original's kind and answer, and patterns that are paraphrase-like
perturbations of the original's patterns (fillers such as "can you tell me", word swaps,
dropped function words, synonyms, typos, reordering, stray punctuation). `original` maps
every id, copy or not, back to the shipped id, so the development set can still be scored.

Article and out-of-scope intents are copied; safety intents are not (they route by
trigger words, and a larger FAQ does not multiply its emergency triggers), nor is small
talk (a larger FAQ still says hello one way). The shipped intents stay unchanged.

Everything is deterministic for a given seed, and no two patterns are the same question
after normalisation (as the loader requires of patterns of different intents), so the
content can also be written out as a folder and loaded (`benchmarks.phrasings`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from bot.intents import Content, Intent, Kind
from bot.text import STOPWORDS, Normalizer

COPIED_KINDS = frozenset({Kind.ARTICLE, Kind.OUT_OF_SCOPE})
# Roughly how many patterns a copied intent gets, like a hand-written intent.
PATTERNS_PER_COPY = 12

# Fillers are function words only, as an editor would write them: a filler such as
# "thanks" or "hey" in every intent would turn small talk's own words into noise.
PREFIXES = (
    "can you tell me",
    "could you tell me",
    "do you know",
    "does anyone know",
    "i want to know",
    "i would like to know",
    "please tell me",
    "so",
    "ok so",
    "just",
    "hmm",
)
SUFFIXES = ("please", "pls", "really", "actually", "at all", "lol")
PUNCTUATION = ("?", "??", "?!", ".", "", "", "")
# Everyday paraphrases: the word on the left may become any on the right.
PARAPHRASES: Mapping[str, tuple[str, ...]] = {
    "help": ("aid", "support", "assist"),
    "does": ("can", "will", "do"),
    "reduce": ("lower", "cut", "decrease"),
    "improve": ("boost", "increase", "raise"),
    "take": ("use", "have"),
    "work": ("function", "act"),
    "what": ("which",),
    "how": ("in what way",),
    "bones": ("skeleton", "bone"),
    "good": ("beneficial", "helpful"),
    "is": ("are",),
    "my": ("our", "the"),
    "about": ("regarding", "on"),
    "difference": ("diff",),
    "together": ("combined",),
    "risk": ("chance", "odds"),
}


@dataclass(frozen=True, slots=True)
class Synthetic:
    """Content of a requested size and the way back to the shipped intent ids.

    Attributes:
        content: the shipped intents followed by their copies.
        original: every intent id in `content` -> the shipped id it stands for.
        patterns: how many patterns `content` holds in all.
    """

    content: Content
    original: Mapping[str, str]
    patterns: int


def synthesize(content: Content, patterns: int, *, seed: int = 0) -> Synthetic:
    """Grow `content` to `patterns` patterns in all by adding perturbed copies of its intents.

    Args:
        content: the shipped content.
        patterns: the total number of patterns wanted, at least as many as `content` has.
        seed: the random seed; the same seed gives the same content.

    Raises:
        ValueError: when `patterns` is fewer than the shipped content already has.
    """
    shipped = sum(len(i.patterns) for i in content.intents)
    if patterns < shipped:
        raise ValueError(f"the shipped intents already have {shipped} patterns; asked {patterns}")
    rng = random.Random(seed)
    sources = [i for i in content.intents if i.kind in COPIED_KINDS]
    variants = _variants(content.synonyms)
    normalize = Normalizer(content.synonyms).normalize
    seen = {normalize(p) for i in content.intents for p in i.patterns}
    original = {i.id: i.id for i in content.intents}
    copies: list[Intent] = []
    remaining = patterns - shipped
    copy_number = 0
    while remaining > 0:
        source = sources[copy_number % len(sources)]
        wanted = min(PATTERNS_PER_COPY, remaining)
        made: list[str] = []
        attempts = 0
        while len(made) < wanted:
            attempts += 1
            # More edits when the easy paraphrases are used up, so every pattern is new.
            edits = 1 + attempts // 20 + rng.randrange(3)
            text = perturb(rng.choice(source.patterns), rng, variants, edits=edits)
            key = normalize(text)
            if key and key not in seen:
                seen.add(key)
                made.append(text)
        copy_id = f"{source.id[:30]}_c{copy_number}"
        copies.append(replace(source, id=copy_id, patterns=tuple(made), triggers=()))
        original[copy_id] = source.id
        remaining -= wanted
        copy_number += 1
    grown = Content(
        content.intents + tuple(copies), content.synonyms, content.document, content.files
    )
    return Synthetic(grown, original, patterns)


def perturb(
    pattern: str,
    rng: random.Random,
    variants: Mapping[str, tuple[str, ...]] | None = None,
    *,
    edits: int = 1,
) -> str:
    """A paraphrase-like variant of one pattern, as a user might type it."""
    words = pattern.split()
    for _ in range(edits):
        edit = rng.choice(_EDITS)
        words = edit(words, rng, variants or {})
    text = " ".join(w for w in words if w)
    return (text or pattern) + rng.choice(PUNCTUATION)


def _variants(synonyms: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    table = {word: tuple(options) for word, options in PARAPHRASES.items()}
    for canonical, forms in synonyms.items():
        # English variants only: the copies are perturbed as English-speaking users write.
        english = tuple(f for f in forms if f.isascii())
        if " " not in canonical and english:
            table.setdefault(canonical, english)
    return table


_Edit = Callable[[list[str], random.Random, Mapping[str, tuple[str, ...]]], list[str]]


def _prefix(words: list[str], rng: random.Random, _: Mapping[str, tuple[str, ...]]) -> list[str]:
    return [*rng.choice(PREFIXES).split(), *words]


def _suffix(words: list[str], rng: random.Random, _: Mapping[str, tuple[str, ...]]) -> list[str]:
    return [*words, *rng.choice(SUFFIXES).split()]


def _swap(words: list[str], rng: random.Random, _: Mapping[str, tuple[str, ...]]) -> list[str]:
    if len(words) < 2:
        return words
    i = rng.randrange(len(words) - 1)
    return [*words[:i], words[i + 1], words[i], *words[i + 2 :]]


def _drop(words: list[str], rng: random.Random, _: Mapping[str, tuple[str, ...]]) -> list[str]:
    # Users leave out little words ("k2 help bones"), not the topic.
    droppable = [i for i, w in enumerate(words) if w.lower() in STOPWORDS]
    if len(words) < 3 or not droppable:
        return words
    i = rng.choice(droppable)
    return words[:i] + words[i + 1 :]


def _reorder(words: list[str], rng: random.Random, _: Mapping[str, tuple[str, ...]]) -> list[str]:
    if len(words) < 4:
        return words
    cut = rng.randrange(1, len(words) - 1)
    return words[cut:] + words[:cut]


def _synonym(
    words: list[str], rng: random.Random, variants: Mapping[str, tuple[str, ...]]
) -> list[str]:
    replaceable = [i for i, w in enumerate(words) if w.lower() in variants]
    if not replaceable:
        return words
    i = rng.choice(replaceable)
    return [*words[:i], rng.choice(variants[words[i].lower()]), *words[i + 1 :]]


def _typo(words: list[str], rng: random.Random, _: Mapping[str, tuple[str, ...]]) -> list[str]:
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return words
    i = rng.choice(long)
    word = words[i]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # two letters swapped
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == 1:  # a letter left out
        word = word[:at] + word[at + 1 :]
    else:  # a letter doubled
        word = word[:at] + word[at] + word[at:]
    return [*words[:i], word, *words[i + 1 :]]


def _shout(words: list[str], rng: random.Random, _: Mapping[str, tuple[str, ...]]) -> list[str]:
    return [w.upper() if rng.random() < 0.5 else w.capitalize() for w in words]


_EDITS: tuple[_Edit, ...] = (
    _prefix,
    _prefix,
    _suffix,
    _swap,
    _drop,
    _reorder,
    _synonym,
    _synonym,
    _typo,
    _typo,
    _shout,
)


def kind_counts(content: Content) -> dict[str, int]:
    """How many intents of each kind `content` holds, for the report."""
    counts: dict[str, int] = {}
    for intent in content.intents:
        counts[intent.kind.value] = counts.get(intent.kind.value, 0) + 1
    return counts
