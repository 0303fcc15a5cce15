"""Regenerate the word-frequency tables shipped in the package.

`bot/matching/zipf_en.bin.gz` (English words), `bot/matching/zipf_ru_stems.bin.gz`
(Russian, keyed by folded Snowball stems) and `bot/matching/zipf_ru_words.bin.gz` (common
Russian word forms, folded); see `bot.matching.lexicon`. Run after upgrading
`wordfreq` or `snowballstemmer`; `tests/test_lexicon_table.py` fails while a shipped table
differs from the installed lists::

    python -m benchmarks.zipf_table
"""

from __future__ import annotations

import sys

from bot.matching.lexicon import (
    _RUSSIAN_HEADER,
    _RUSSIAN_WORDS_HEADER,
    RUSSIAN_TABLE,
    RUSSIAN_WORDS_TABLE,
    TABLE,
    encode_table,
    read_wordfreq_list,
    russian_stem_list,
    russian_word_list,
)


def main() -> int:
    """Write both tables from the installed wordfreq's English and Russian lists."""
    table = read_wordfreq_list()
    if table is None:
        print("wordfreq's English list is not in the expected format", file=sys.stderr)
        return 1
    TABLE.write_bytes(encode_table(table))
    print(f"{TABLE}: {len(table):,} words")
    stems = russian_stem_list()
    if stems is None:
        print("wordfreq's Russian list is not in the expected format", file=sys.stderr)
        return 1
    RUSSIAN_TABLE.write_bytes(encode_table(stems, _RUSSIAN_HEADER))
    print(f"{RUSSIAN_TABLE}: {len(stems):,} stems")
    words = russian_word_list()
    if words is None:
        return 1
    RUSSIAN_WORDS_TABLE.write_bytes(encode_table(words, _RUSSIAN_WORDS_HEADER))
    print(f"{RUSSIAN_WORDS_TABLE}: {len(words):,} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
