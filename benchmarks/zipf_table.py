"""Regenerate the word-frequency table shipped in the package (`bot/matching/zipf_en.bin.gz`).

Run after upgrading `wordfreq`; `tests/test_lexicon_table.py` fails while the shipped table
differs from the installed list::

    python -m benchmarks.zipf_table
"""

from __future__ import annotations

import sys

from bot.matching.lexicon import TABLE, encode_table, read_wordfreq_list


def main() -> int:
    """Write the table from the installed wordfreq's English list."""
    table = read_wordfreq_list()
    if table is None:
        print("wordfreq's English list is not in the expected format", file=sys.stderr)
        return 1
    TABLE.write_bytes(encode_table(table))
    print(f"{TABLE}: {len(table):,} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
