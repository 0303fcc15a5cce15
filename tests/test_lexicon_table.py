"""The word-frequency table shipped in the package gives wordfreq's own figures."""

from __future__ import annotations

from pathlib import Path

from bot.matching import lexicon


def test_the_shipped_table_holds_every_word_of_the_installed_list_with_its_value() -> None:
    wordfreq_list = lexicon.read_wordfreq_list()
    lookup = lexicon._table_lookup(lexicon.TABLE)
    assert wordfreq_list is not None and lookup is not None
    assert len(wordfreq_list) > 300_000
    differing = [w for w, value in wordfreq_list.items() if lookup(w) != value]
    assert differing == [], "regenerate it: python -m benchmarks.zipf_table"
    assert lookup("osteocalcin") == 1.4
    assert lookup("not-a-word-at-all") == 0.0


def test_a_damaged_table_is_refused(tmp_path: Path) -> None:
    damaged = tmp_path / "zipf.bin.gz"
    damaged.write_bytes(lexicon.TABLE.read_bytes()[:1000])
    assert lexicon._table_lookup(damaged) is None
    assert lexicon._table_lookup(tmp_path / "missing.bin.gz") is None


def test_a_table_written_from_a_list_reads_back_the_same(tmp_path: Path) -> None:
    table = tmp_path / "zipf.bin.gz"
    table.write_bytes(lexicon.encode_table({"coffee": 4.86, "the": 7.73, "k2": 3.11}))
    lookup = lexicon._table_lookup(table)
    assert lookup is not None
    assert [lookup(w) for w in ("coffee", "the", "k2", "tea")] == [4.86, 7.73, 3.11, 0.0]


def test_the_russian_table_is_keyed_by_stem_and_not_taken_for_the_english() -> None:
    lookup = lexicon._table_lookup(lexicon.RUSSIAN_TABLE, lexicon._RUSSIAN_HEADER)
    assert lookup is not None
    assert lexicon._table_lookup(lexicon.RUSSIAN_TABLE) is None  # not the English header
    # "кость", "кости", "костей" are one stem, commoner than any of its forms alone.
    assert lookup("кост") > 4.5
    assert lookup("кости") == 0.0
