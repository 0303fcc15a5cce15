"""How informative a word is in general English, from the `wordfreq` package.

`wordfreq` ships its frequency lists inside the package, so nothing is downloaded. The
Zipf scale is log10 of occurrences per billion words: "the" is about 7.7, "coffee" 4.9,
"osteocalcin" 1.4, and a word wordfreq has never seen is 0.
"""

from __future__ import annotations

from wordfreq import zipf_frequency

LANGUAGE = "en"


def zipf(word: str) -> float:
    """The word's Zipf frequency in general English (0 for a word never seen).

    wordfreq memoises lookups (a thread-safe, bounded cache), so repeated words are cheap.
    """
    return float(zipf_frequency(word, LANGUAGE))
