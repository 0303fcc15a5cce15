"""How informative a word is in general English, from the `wordfreq` package's word list.

`wordfreq` ships its frequency lists inside the package, so nothing is downloaded. The
Zipf scale is log10 of occurrences per billion words: "the" is about 7.7, "coffee" 4.9,
"osteocalcin" 1.4, and a word the list has never seen is 0.

Importing `wordfreq` itself costs about as much as the whole bot's start-up (it pulls in
its tokenisers), so the English list is read directly from the package's data file, in
its documented cBpack format (`wordfreq.read_cBpack`): a header, then lists of words by
frequency in centibels. Words rarer than `FLOOR_ZIPF` are left out: every rule here
treats them like unknown words. If the file is not in the expected format, `wordfreq`'s
own lookup is used instead.
"""

from __future__ import annotations

import gzip
import importlib.util
import threading
from pathlib import Path

import msgpack  # type: ignore[import-untyped]  # no type stubs published

LANGUAGE = "en"
FLOOR_ZIPF = 1.0
_FORMAT = {"format": "cB", "version": 1}

_table: dict[str, float] | None = None
_lock = threading.Lock()


def zipf(word: str) -> float:
    """The word's Zipf frequency in general English (0 for a word the list doesn't hold)."""
    table = _table if _table is not None else _load()
    return table.get(word, 0.0)


def _load() -> dict[str, float]:
    global _table
    with _lock:
        if _table is None:
            _table = _read_list()
        return _table


def _read_list() -> dict[str, float]:
    spec = importlib.util.find_spec("wordfreq")
    origin = spec.origin if spec is not None else None
    if origin is not None:
        path = Path(origin).parent / "data" / f"large_{LANGUAGE}.msgpack.gz"
        try:
            with gzip.open(path, "rb") as stream:
                data = msgpack.load(stream, raw=False)
        except (OSError, ValueError, msgpack.UnpackException):
            data = None
        if isinstance(data, list) and data and data[0] == _FORMAT:
            table: dict[str, float] = {}
            for centibels, words in enumerate(data[1:]):
                value = round(9.0 - centibels / 100.0, 2)
                if value < FLOOR_ZIPF:
                    break
                table.update(dict.fromkeys(words, value))
            return table
    return _WordfreqLookup()


class _WordfreqLookup(dict[str, float]):
    """Falls back on `wordfreq.zipf_frequency` (slower to import, same figures)."""

    def get(self, word: str, default: float = 0.0) -> float:  # type: ignore[override]
        from wordfreq import zipf_frequency

        value = float(zipf_frequency(word, LANGUAGE))
        return value if value >= FLOOR_ZIPF else default
