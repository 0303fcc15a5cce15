"""A paraphrase signal from static word vectors: no model and no torch at run time.

The vectors were distilled offline from all-MiniLM-L6-v2 (`python -m
benchmarks.word_vectors`): each word of the intents and of the ~30,000 most frequent English
words embedded alone, reduced by PCA and stored as int8 in `word_vectors.bin.gz` beside
this module. Here:

* a text's vector is the mean of its words' vectors, each weighted SIF-style by how rare
  the word is in general English (`a / (a + p(word))`, p from the Zipf table of
  `bot.matching.lexicon`), so "the", "what", "does" barely count and "bones", "absorb",
  "gut" do;
* an intent's similarity to a question is the cosine with its closest pattern.

It is a *signal*, not a matcher: `bot.matching.decide.promote` uses it only where the
lexical matcher is unsure, and only within the limits set there.

Table format (gzip): a JSON header, NUL, the words joined by newlines, NUL, then
words x dims int8 values (row-major, each row a unit vector times 127).
"""

from __future__ import annotations

import gzip
import json
import logging
import threading
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.errors import K2BotError
from bot.intents import Kind
from bot.matching.decide import SemanticEvidence
from bot.matching.lexicon import zipf
from bot.matching.scoring import PEOPLE_WEIGHT, names_core, names_people, unknown_word_weight
from bot.text import GENERIC_WORDS, QUESTION_WORDS, STOPWORDS, stem

if TYPE_CHECKING:
    from bot.intents import Content, Intent
    from bot.matching.index import Index
    from bot.text import Normalizer

logger = logging.getLogger(__name__)

TABLE_NAME = "word_vectors.bin.gz"
TABLE = Path(__file__).with_name(TABLE_NAME)
_HEADER = {"table": "k2bot word vectors", "version": 1}
_SCALE = 127.0
# SIF's smoothing constant: a word's weight is a / (a + its share of English text).
SIF_SMOOTHING = 3e-4
# A pattern is embedded only when this share of its words have a vector.
PATTERN_COVERAGE = 0.75


class WordVectorError(K2BotError):
    """The shipped word-vector table is missing or damaged."""


def encode_table(words: Sequence[str], matrix: np.ndarray) -> bytes:
    """The table's bytes for `words` and their unit vectors (one row per word)."""
    if len(words) != matrix.shape[0]:
        raise ValueError("one row per word")
    if any("\n" in w or "\0" in w for w in words):
        raise ValueError("a word holds a newline or NUL")
    header = dict(_HEADER, dims=int(matrix.shape[1]), words=len(words))
    values = np.clip(np.rint(matrix * _SCALE), -127, 127).astype(np.int8)
    body = (
        json.dumps(header, sort_keys=True).encode()
        + b"\0"
        + "\n".join(words).encode("utf-8")
        + b"\0"
        + values.tobytes()
    )
    return gzip.compress(body, compresslevel=9, mtime=0)


@dataclass(frozen=True, slots=True)
class WordVectors:
    """Unit word vectors, looked up by (normalised) word."""

    rows: dict[str, int]
    # int8, words x dims, each row a unit vector times 127: kept so in memory (5 MB rather
    # than 20 as float32); only the rows a text uses are converted.
    matrix: np.ndarray

    @property
    def dims(self) -> int:
        """How many dimensions each vector has."""
        return int(self.matrix.shape[1])

    @classmethod
    def decode(cls, data: bytes, source: str) -> WordVectors:
        """Read a table's bytes (see `encode_table`).

        Raises:
            WordVectorError: the bytes are not a table of this version.
        """
        try:
            header_bytes, text, values = gzip.decompress(data).split(b"\0", 2)
            header = json.loads(header_bytes)
            if {k: header.get(k) for k in _HEADER} != _HEADER:
                raise ValueError(f"unexpected header {header!r}")
            words = text.decode("utf-8").split("\n")
            dims = int(header["dims"])
            if len(words) != int(header["words"]) or len(values) != len(words) * dims:
                raise ValueError("the table's size does not match its header")
        except (OSError, ValueError, EOFError, KeyError, TypeError, zlib.error) as error:
            raise WordVectorError(
                f"the word-vector table {source} is damaged ({error}); reinstall k2bot or "
                "rebuild it with `python -m benchmarks.word_vectors`"
            ) from error
        matrix = np.frombuffer(values, dtype=np.int8).reshape(len(words), dims)
        return cls({w: i for i, w in enumerate(words)}, matrix)

    def vector(self, words: Iterable[str]) -> np.ndarray | None:
        """The SIF-weighted mean of the known words' vectors, at unit length (None if none)."""
        rows: list[int] = []
        weights: list[float] = []
        for word in words:
            row = self._row(word)
            if row is not None:
                rows.append(row)
                weights.append(sif_weight(word))
        if not rows:
            return None
        mean = np.asarray(weights, dtype=np.float32) @ self.matrix[rows].astype(np.float32)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0.0 else None

    def coverage(self, words: Sequence[str]) -> float:
        """The share of `words` that have a vector (1.0 for none)."""
        if not words:
            return 1.0
        return round(sum(self._row(w) is not None for w in words) / len(words), 2)

    def _row(self, word: str) -> int | None:
        row = self.rows.get(word)
        if row is None and not ("\u0400" <= word[:1] <= "\u04ff"):
            row = self.rows.get(stem(word))
        return row


def sif_weight(word: str) -> float:
    """How much a word counts in a text's vector: little for common words, ~1 for rare ones."""
    frequency = zipf(word)  # log10 of occurrences per billion words; 0 when unseen
    share = 10.0 ** (frequency - 9.0) if frequency > 0.0 else 0.0
    return SIF_SMOOTHING / (SIF_SMOOTHING + share)


_loaded: WordVectors | None = None
_failed: WordVectorError | None = None
_lock = threading.Lock()


def load_word_vectors() -> WordVectors:
    """The shipped table, read once per process (from the installed package).

    Raises:
        WordVectorError: the table is missing or damaged.
    """
    global _loaded, _failed
    with _lock:
        if _failed is not None:
            raise _failed
        if _loaded is None:
            try:
                _loaded = _read_table()
            except WordVectorError as error:
                # Said once: every later unsure question is decided by the words alone.
                logger.error("paraphrase signal off, answering on words alone: %s", error)
                _failed = error
                raise
        return _loaded


def unavailable() -> bool:
    """Whether reading the table has failed in this process (it is not tried again)."""
    return _failed is not None


def _read_table() -> WordVectors:
    resource = resources.files(__package__).joinpath(TABLE_NAME)
    try:
        data = resource.read_bytes()
    except OSError as error:
        raise WordVectorError(
            f"the word-vector table {TABLE_NAME} is missing from the installed "
            f"package ({error}); reinstall k2bot or rebuild it with "
            "`python -m benchmarks.word_vectors`"
        ) from error
    return WordVectors.decode(data, TABLE_NAME)


@dataclass(frozen=True, slots=True)
class SemanticIndex:
    """Every pattern's vector, grouped by intent, for one content version."""

    vectors: WordVectors
    intents: tuple[Intent, ...]
    # Row ranges of `patterns` per intent: patterns[starts[i]:starts[i+1]] are intents[i]'s.
    starts: np.ndarray
    patterns: np.ndarray

    @classmethod
    def build(cls, content: Content, normalizer: Normalizer, vectors: WordVectors) -> SemanticIndex:
        """Embed the indexed patterns of every intent but the safety ones (triggers decide).

        Patterns whose words mostly have no vector (other languages) are left out.
        """
        intents: list[Intent] = []
        starts: list[int] = []
        rows: list[np.ndarray] = []
        for intent in content.intents:
            if intent.kind is Kind.SAFETY:
                continue
            embedded = []
            for pattern in content.indexed_patterns(intent):
                meaningful = words(normalizer.normalize(pattern))
                # A pattern mostly in another language would be its one English word ("k2").
                if vectors.coverage(meaningful) < PATTERN_COVERAGE:
                    continue
                vector = vectors.vector(meaningful)
                if vector is not None:
                    embedded.append(vector)
            if not embedded:
                continue
            intents.append(intent)
            starts.append(len(rows))
            rows.extend(embedded)
        matrix = np.stack(rows) if rows else np.zeros((0, vectors.dims), dtype=np.float32)
        return cls(vectors, tuple(intents), np.asarray(starts, dtype=np.intp), matrix)

    def similarities(self, normalized: str) -> dict[str, float]:
        """Each intent's cosine similarity to the question (its closest pattern's)."""
        question = self.vectors.vector(words(normalized))
        if question is None or not self.intents:
            return {}
        best = np.maximum.reduceat(self.patterns @ question, self.starts)
        return {intent.id: round(float(s), 3) for intent, s in zip(self.intents, best, strict=True)}

    def evidence(self, index: Index, tokens: Sequence[str], normalized: str) -> SemanticEvidence:
        """The closest two intents, and what the question's words say (for `promote`).

        Args:
            index: the lexical index of the same content (domain and subject terms).
            tokens: the question's content words as the lexical matcher read them.
            normalized: the question after `Normalizer.normalize`.
        """
        meaningful = words(normalized)
        similarities = self.similarities(normalized)
        ranked = sorted(similarities.items(), key=lambda item: item[1], reverse=True)
        by_id = {intent.id: intent for intent in self.intents}
        named = set(tokens)
        heaviest, heaviest_word = 0.0, None
        for token in tokens:
            if token in index.weights or token in GENERIC_WORDS or token in QUESTION_WORDS:
                continue
            weight = unknown_word_weight(token)
            if names_people(index, token):
                # "my pharmacist asked", "for lifters": who asks is no topic the
                # paraphrase could be wrong about (as in the lexical score).
                weight = min(weight, PEOPLE_WEIGHT)
            if weight > heaviest:
                heaviest, heaviest_word = weight, token
        best = ranked[0] if ranked else None
        second = ranked[1] if len(ranked) > 1 else None
        left_out, left_out_word = (
            _heaviest_left_out(index, tokens, best[0]) if best else (0.0, None)
        )
        return SemanticEvidence(
            best=by_id[best[0]] if best else None,
            similarity=best[1] if best else 0.0,
            runner_up=by_id[second[0]] if second else None,
            runner_up_similarity=second[1] if second else 0.0,
            names_domain=bool(named & index.domain),
            names_subject=bool(named & index.anchors),
            unexplained=round(heaviest, 2),
            unexplained_word=heaviest_word,
            covered=self.vectors.coverage(meaningful),
            left_out=round(left_out, 2),
            left_out_word=left_out_word,
        )


def _heaviest_left_out(
    index: Index, tokens: Sequence[str], intent_id: str
) -> tuple[float, str | None]:
    """The heaviest word of the question that other intents use and `intent_id` never does.

    "does k2 thicken your blood" reads like "can k2 thicken bones" to the vectors, but
    "blood" is a word of the content that the bone-density intent's patterns never use: the
    question is about something that intent doesn't explain. Only when the question names
    none of the intent's core terms (no "bone" here): a question that names one is about
    that intent's topic whatever else it says. Question words, everyday words and the
    subject's names don't count; words no intent uses are `unexplained`.
    """
    if names_core(index, intent_id, frozenset(tokens)):
        return 0.0, None
    vocabulary = index.intent_vocab.get(intent_id, frozenset())
    heaviest, heaviest_word = 0.0, None
    for token in tokens:
        if (
            token in vocabulary
            or token in index.anchors
            or token in GENERIC_WORDS
            or token in QUESTION_WORDS
        ):
            continue
        weight = index.weights.get(token, 0.0)
        if weight > heaviest:
            heaviest, heaviest_word = weight, token
    return heaviest, heaviest_word


def words(normalized: str) -> list[str]:
    """The words of normalised text that carry meaning (stopwords out, each once)."""
    return list(dict.fromkeys(w for w in normalized.split() if w not in STOPWORDS))
