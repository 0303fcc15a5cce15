"""How informative a word is in general English, from the `wordfreq` package's word lists.

The Zipf scale is log10 of occurrences per billion words: "the" is about 7.7, "coffee" 4.9,
"osteocalcin" 1.4, and a word the list has never seen is 0. Words rarer than `FLOOR_ZIPF`
are left out: every rule here treats them like unknown words.

The list is read from `zipf_en.bin.gz` beside this module, a table generated from
wordfreq's English list and shipped in the package: 321,000 words sorted, looked up by
bisection, each with its frequency in centibels. Building a dict of them took a quarter
of the shipped content's cold start (0.1 s); the table loads in about 20 ms. Regenerate it
after upgrading `wordfreq` (a test compares it with the installed list)::

    python -m benchmarks.zipf_table

Russian has its own table, `zipf_ru_stems.bin.gz`, built the same way from wordfreq's
Russian list but keyed by what the matcher compares: each word folded (`bot.text.fold`:
letters lose their diacritics, as "ё" and "й" do) and reduced to its Snowball stem, the
frequencies of a stem's forms summed ("переломы", "переломов" are one entry). `zipf`
reads it for any Cyrillic word, so every rule weighing a word by how common it is (typo
correction, the weight of a word the intents don't explain, the main-word check) treats a
Russian question as it treats an English one.

If the table is missing or damaged, wordfreq's own data file is read as before
(`read_wordfreq_list`, its documented cBpack format: a header, then lists of words by
frequency in centibels); importing `wordfreq` itself would cost as much as the whole
start-up, as it pulls in its tokenisers.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import importlib.util
import json
import math
import sys
import threading
import zlib
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

import msgpack  # type: ignore[import-untyped]  # no type stubs published

LANGUAGE = "en"
FLOOR_ZIPF = 1.0
_FORMAT = {"format": "cB", "version": 1}
TABLE = Path(__file__).with_name(f"zipf_{LANGUAGE}.bin.gz")
_TABLE_HEADER = {"table": "k2bot zipf", "version": 1, "language": LANGUAGE, "floor": FLOOR_ZIPF}

RUSSIAN = "ru"
RUSSIAN_TABLE = Path(__file__).with_name(f"zipf_{RUSSIAN}_stems.bin.gz")
_RUSSIAN_HEADER = {
    "table": "k2bot zipf",
    "version": 1,
    "language": RUSSIAN,
    "floor": FLOOR_ZIPF,
    "keys": "folded snowball stems",
}

# Whole Russian words, folded, as common as a transliterated word must be to be read as
# Russian (see `bot.text.transliterated_russian`): a stem's summed figure would take
# "томо" (Spanish "tomo") for the common "том".
RUSSIAN_WORDS_TABLE = Path(__file__).with_name(f"zipf_{RUSSIAN}_words.bin.gz")
RUSSIAN_WORDS_FLOOR = 2.5
_RUSSIAN_WORDS_HEADER = {
    "table": "k2bot zipf",
    "version": 1,
    "language": RUSSIAN,
    "floor": RUSSIAN_WORDS_FLOOR,
    "keys": "folded words",
}

_lookup: Callable[[str], float] | None = None
_russian_lookup: Callable[[str], float] | None = None
_russian_words_lookup: Callable[[str], float] | None = None
_lock = threading.Lock()


def zipf(word: str) -> float:
    """The word's Zipf frequency in its own language (0 for a word the list doesn't hold).

    A Cyrillic word is taken for a folded Snowball stem, as the matcher's words are, and
    looked up in the Russian table (`russian_zipf`); any other in the English list.
    """
    if word and "\u0400" <= word[0] <= "\u04ff":
        return russian_zipf(word)
    return english_zipf(word)


def english_zipf(word: str) -> float:
    """The word's Zipf frequency in general English, whatever its script (0 if unlisted)."""
    lookup = _lookup if _lookup is not None else _load()
    return lookup(word)


def stem_zipf(stem: str) -> float:
    """How common an English light stem is: the commonest word it may stand for.

    `bot.text.stem` cuts a plural's "s" ("bones" -> "bone"), and with it the "s" of words
    that are no plural: "always" becomes "alway", "besides" "beside", "series" "sery".
    Looked up as it is, such a stem reads as a rare word, and a rare word no intent uses
    counts heavily against a match; so the stem weighs as its commonest source. A Cyrillic
    stem is looked up as `zipf` does.

    Args:
        stem: a word as the matcher holds it, stemmed.
    """
    frequency = zipf(stem)
    if not stem.isascii() or not stem.isalpha():
        return frequency
    sources = [stem + "s", stem + "es"]
    if stem.endswith("y"):
        sources.append(stem[:-1] + "ies")
    return max(frequency, *(english_zipf(source) for source in sources))


def russian_zipf(stem: str) -> float:
    """How common a Russian stem is in general Russian: all its forms' frequencies summed.

    Args:
        stem: a folded Snowball stem (`bot.text.stem`), as the matcher's words are; a
            stem is not stemmed again (Snowball would cut "перелом" to "перел").

    Returns:
        Its Zipf figure, 0 when unknown.
    """
    lookup = _russian_lookup if _russian_lookup is not None else _load_russian()
    return lookup(stem)


def russian_word_zipf(word: str) -> float:
    """How common a whole folded Russian word form is (0 below `RUSSIAN_WORDS_FLOOR`)."""
    global _russian_words_lookup
    lookup = _russian_words_lookup
    if lookup is None:
        with _lock:
            if _russian_words_lookup is None:
                table = _table_lookup(RUSSIAN_WORDS_TABLE, _RUSSIAN_WORDS_HEADER)
                _russian_words_lookup = (
                    table if table is not None else _dict_lookup(russian_word_list() or {})
                )
            lookup = _russian_words_lookup
    return lookup(word)


def warm_up() -> None:
    """Read every table now, rather than when a question first brings a word of it."""
    english_zipf("")
    russian_zipf("")
    russian_word_zipf("")


def loaded() -> bool:
    """Whether every table has been read (by `warm_up` or by the words met so far)."""
    return None not in (_lookup, _russian_lookup, _russian_words_lookup)


def _load_russian() -> Callable[[str], float]:
    global _russian_lookup
    with _lock:
        if _russian_lookup is None:
            table = _table_lookup(RUSSIAN_TABLE, _RUSSIAN_HEADER)
            # No table shipped: build it from wordfreq's list (slower).
            _russian_lookup = (
                table if table is not None else _dict_lookup(russian_stem_list() or {})
            )
        return _russian_lookup


def _load() -> Callable[[str], float]:
    global _lookup
    with _lock:
        if _lookup is None:
            table = _table_lookup(TABLE)
            _lookup = table if table is not None else _dict_lookup(_read_list())
        return _lookup


def _dict_lookup(table: dict[str, float]) -> Callable[[str], float]:
    return lambda word: table.get(word, 0.0)


def _table_lookup(
    path: Path, expected: dict[str, object] | None = None
) -> Callable[[str], float] | None:
    """A lookup over a shipped table, or None when it cannot be read.

    Args:
        path: the table file.
        expected: the header it must carry (the English table's by default).
    """
    try:
        header, text, values = gzip.decompress(path.read_bytes()).split(b"\0", 2)
        if json.loads(header) != (expected or _TABLE_HEADER):
            return None
        words = text.decode("utf-8").split("\n")
        centibels = array("H")
        centibels.frombytes(values)
    except (OSError, ValueError, EOFError, zlib.error):
        return None
    if sys.byteorder != "little":
        centibels.byteswap()
    if len(words) != len(centibels):
        return None
    count = len(words)

    # Bounded: questions bring words of their own; the content's few thousand stay cached.
    @functools.lru_cache(maxsize=65_536)
    def lookup(word: str) -> float:
        at = bisect.bisect_left(words, word)
        if at < count and words[at] == word:
            return round(9.0 - centibels[at] / 100.0, 2)
        return 0.0

    return lookup


def _read_list() -> dict[str, float]:
    """The English list read from wordfreq's data file (or its lookup, failing that)."""
    table = read_wordfreq_list()
    return table if table is not None else _WordfreqLookup()


def russian_stem_list() -> dict[str, float] | None:
    """The Russian wordfreq list keyed as the matcher compares words: folded Snowball stems.

    A stem's frequency is the sum of its forms' (Zipf is log10 per billion words, so the
    sum is taken in linear space). Words that fold to more than one word ("кто-то") or
    to no Cyrillic word are left out. None when wordfreq's Russian list can't be read.
    """
    from bot.text import fold, stem

    words = read_wordfreq_list(RUSSIAN)
    if words is None:
        return None
    per_billion: dict[str, float] = {}
    for word, value in words.items():
        folded = fold(word, limit=None)
        if not folded or " " in folded or not "\u0400" <= folded[0] <= "\u04ff":
            continue
        key = stem(folded)
        per_billion[key] = per_billion.get(key, 0.0) + 10.0**value
    return {key: round(math.log10(total), 2) for key, total in per_billion.items()}


def russian_word_list() -> dict[str, float] | None:
    """The Russian wordfreq list's words at or above `RUSSIAN_WORDS_FLOOR`, folded.

    Forms that fold alike (with and without "ё") keep the commoner figure. None when the list can't
    be read.
    """
    from bot.text import fold

    words = read_wordfreq_list(RUSSIAN)
    if words is None:
        return None
    table: dict[str, float] = {}
    for word, value in words.items():
        if value < RUSSIAN_WORDS_FLOOR:
            continue
        folded = fold(word, limit=None)
        if folded and " " not in folded and "\u0400" <= folded[0] <= "\u04ff":
            table[folded] = max(value, table.get(folded, 0.0))
    return table


def read_wordfreq_list(language: str = LANGUAGE) -> dict[str, float] | None:
    """Every word of one wordfreq list at or above `FLOOR_ZIPF`, with its Zipf value.

    Args:
        language: the list's language code (English by default).

    Returns:
        The words, or None when the installed wordfreq's data file is not in the
        expected format.
    """
    spec = importlib.util.find_spec("wordfreq")
    origin = spec.origin if spec is not None else None
    if origin is None:
        return None
    path = Path(origin).parent / "data" / f"large_{language}.msgpack.gz"
    try:
        with gzip.open(path, "rb") as stream:
            data = msgpack.load(stream, raw=False)
    except (OSError, ValueError, msgpack.UnpackException):
        return None
    if not (isinstance(data, list) and data and data[0] == _FORMAT):
        return None
    table: dict[str, float] = {}
    for centibels, words in enumerate(data[1:]):
        value = round(9.0 - centibels / 100.0, 2)
        if value < FLOOR_ZIPF:
            break
        table.update(dict.fromkeys(words, value))  # a word listed twice keeps the rarer
    return table


def encode_table(table: dict[str, float], header: dict[str, object] | None = None) -> bytes:
    """The shipped table's bytes for `table` (word -> Zipf value in hundredths).

    Args:
        table: word -> Zipf value.
        header: the table's header (the English table's by default).
    """
    words: Sequence[str] = sorted(table)
    if any("\n" in w or "\0" in w for w in words):
        raise ValueError("a word holds a newline or NUL")
    centibels = array("H", (round((9.0 - table[w]) * 100) for w in words))
    if sys.byteorder != "little":
        centibels.byteswap()
    encoded_header = json.dumps(header or _TABLE_HEADER, sort_keys=True).encode()
    body = encoded_header + b"\0" + "\n".join(words).encode("utf-8") + b"\0" + centibels.tobytes()
    return gzip.compress(body, compresslevel=9, mtime=0)


class _WordfreqLookup(dict[str, float]):
    """Falls back on `wordfreq.zipf_frequency` (slower to import, same figures)."""

    def get(self, word: str, default: float = 0.0) -> float:  # type: ignore[override]
        from wordfreq import zipf_frequency

        value = float(zipf_frequency(word, LANGUAGE))
        return value if value >= FLOOR_ZIPF else default
