"""The content cache: an unchanged file is not parsed again, a changed byte always is, and
what is kept on disk is private to the user and never trusted past its key."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from bot.content import cache as cache_module
from bot.content.cache import default_folder
from bot.intents import Content, ContentCache, check_content, load_content
from builders import copy_of_shipped

# Every file of the shipped folder goes to disk (they are under the size that normally does).
ALL_FILES = 0


def disk_cache(folder: Path) -> ContentCache:
    return ContentCache(folder, disk_min_bytes=ALL_FILES)


def described(folder: Path, cache: ContentCache) -> tuple[object, list[str]]:
    """The content with every line it was read from, and every problem, as comparable data."""
    content, problems = check_content(folder, cache=cache)
    intents = [(i, i.lines) for i in content.intents] if content else None
    return intents, [str(p) for p in problems]


def test_the_next_start_reads_the_folder_from_disk_without_parsing(tmp_path: Path) -> None:
    """A second process (a new cache over the same folder) parses nothing and gets the same
    intents, lines and warnings as a parse from scratch."""
    intents = copy_of_shipped(tmp_path)
    store = tmp_path / "cache"
    first = described(intents, disk_cache(store))
    files = len(list(intents.glob("*.yaml")))

    again = disk_cache(store)
    assert first == described(intents, again)
    assert 0 == again.parsed
    assert first == described(intents, ContentCache())  # no cache at all
    assert files == len(list(store.glob("*.json")))


def test_the_cache_is_private_to_the_user(tmp_path: Path) -> None:
    """The folder is created 0700 and each entry 0600; a folder others can read is not used."""
    intents = copy_of_shipped(tmp_path)
    store = tmp_path / "cache"
    load_content(intents, cache=disk_cache(store))
    assert 0o700 == stat.S_IMODE(store.stat().st_mode)
    assert {0o600} == {stat.S_IMODE(p.stat().st_mode) for p in store.iterdir()}

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    load_content(intents, cache=disk_cache(shared))
    assert [] == list(shared.iterdir())


def test_a_changed_byte_is_parsed_again(tmp_path: Path) -> None:
    """An edit, even one byte, is read from the file, in memory and from disk alike."""
    intents = copy_of_shipped(tmp_path)
    store = tmp_path / "cache"
    memory = disk_cache(store)
    load_content(intents, cache=memory)
    smalltalk = intents / "smalltalk.yaml"
    smalltalk.write_text(
        smalltalk.read_text(encoding="utf-8").replace("Hello!", "Hello.", 1), encoding="utf-8"
    )
    parsed = memory.parsed

    assert load_content(intents, cache=memory).by_id["greeting"].answer.startswith("Hello.")
    assert parsed + 1 == memory.parsed
    from_disk = load_content(intents, cache=disk_cache(store))
    assert from_disk.by_id["greeting"].answer.startswith("Hello.")


def test_a_file_s_problems_come_back_from_the_cache(tmp_path: Path) -> None:
    """A file with errors is reported the same, file:line, whether parsed or remembered."""
    intents = copy_of_shipped(tmp_path)
    (intents / "broken.yaml").write_text(
        "intents:\n  - id: broken\n    kind: faq\n    patterns: [x]\n    answer: y\n",
        encoding="utf-8",
    )
    store = tmp_path / "cache"
    first = described(intents, disk_cache(store))
    assert any("broken.yaml:3: error: intent 'broken': 'kind'" in p for p in first[1])
    assert first == described(intents, disk_cache(store))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "{not json",
        lambda text: text[: len(text) // 2],
        lambda text: json.dumps({**json.loads(text), "intents": [{"id": 1}]}),
        lambda text: json.dumps({**json.loads(text), "digest": "0" * 64}),
        lambda text: json.dumps({**json.loads(text), "code": "another version"}),
    ],
    ids=["not json", "cut short", "wrong shape", "another file's digest", "older code"],
)
def test_a_damaged_or_foreign_entry_is_parsed_again(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    """Whatever is found on disk, the content is what the files say."""
    intents = copy_of_shipped(tmp_path)
    store = tmp_path / "cache"
    expected = described(intents, disk_cache(store))
    for entry in store.glob("*.json"):
        entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")

    again = disk_cache(store)
    assert expected == described(intents, again)
    assert len(list(intents.glob("*.yaml"))) == again.parsed


def test_a_change_to_the_reading_code_makes_every_entry_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries are stamped with the code that read them: new code parses every file again."""
    intents = copy_of_shipped(tmp_path)
    store = tmp_path / "cache"
    load_content(intents, cache=disk_cache(store))
    monkeypatch.setattr(cache_module, "_code_fingerprint", "new code")

    again = disk_cache(store)
    load_content(intents, cache=again)
    assert len(list(intents.glob("*.yaml"))) == again.parsed


def test_changed_synonyms_normalise_every_file_again(tmp_path: Path) -> None:
    """The check that no two intents share a question uses the synonyms of this load: a new
    synonym that makes two patterns one question is caught though no other file changed."""
    intents = copy_of_shipped(tmp_path)
    memory = ContentCache()
    load_content(intents, cache=memory)
    synonyms = intents / "synonyms.yaml"
    synonyms.write_text(
        synonyms.read_text(encoding="utf-8") + "  salutation: [hello, thanks]\n", encoding="utf-8"
    )
    _, problems = check_content(intents, cache=memory)
    assert any("is also a pattern of" in p.message for p in problems), [str(p) for p in problems]


def test_entries_not_written_for_a_month_are_deleted(tmp_path: Path) -> None:
    """A cache of folders long gone does not grow for ever; recent entries stay."""
    import os
    import time

    store = tmp_path / "cache"
    load_content(copy_of_shipped(tmp_path), cache=disk_cache(store))
    entries = sorted(store.glob("*.json"))
    old = time.time() - cache_module.MAX_ENTRY_AGE_S - 60
    os.utime(entries[0], (old, old))

    load_content(copy_of_shipped(tmp_path / "other"), cache=disk_cache(store))
    assert entries[0] not in set(store.glob("*.json"))
    assert set(entries[1:]) <= set(store.glob("*.json"))


def test_a_grown_intent_is_indexed_by_its_informative_phrasings(
    content: Content, tmp_path: Path
) -> None:
    """Content knows which patterns of an intent grown by pasted phrasings are worth
    indexing; hand-written intents are indexed whole; the cache gives the same choice."""
    from benchmarks.phrasings import grow_phrasings, write_folder
    from bot.content.phrasings import MAX_INDEXED

    assert all(content.indexed_patterns(i) == i.all_patterns for i in content.intents)
    folder = tmp_path / "grown"
    write_folder(grow_phrasings(content, 20_000, seed=1), folder)
    store = tmp_path / "cache"

    grown = load_content(folder, cache=disk_cache(store))
    greeting = grown.by_id["greeting"]
    indexed = grown.indexed_patterns(greeting)
    assert greeting.patterns[0] == indexed[0]
    assert set(indexed) < set(greeting.patterns)
    # At most the cap, well below what grew (the share depends on how many patterns the
    # shipped content has, which editors change: 150 of 448 once the near misses grew).
    assert len(indexed) <= MAX_INDEXED < len(greeting.patterns) * 0.4
    assert grown.indexed == load_content(folder, cache=disk_cache(store)).indexed


def test_the_word_frequency_tables_normalising_reads_are_part_of_the_fingerprint() -> None:
    """A regenerated frequency table (Russian stems, transliteration) invalidates the cache."""
    names = {path.name for path in cache_module.fingerprinted_files()}
    assert {"lexicon.py", "zipf_en.bin.gz", "zipf_ru_stems.bin.gz", "zipf_ru_words.bin.gz"} <= names
    assert "text.py" in names


def test_the_cache_lives_under_xdg_cache_home_when_it_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert default_folder() == tmp_path / "home" / ".cache" / "k2bot" / "content"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "caches"))
    assert default_folder() == tmp_path / "caches" / "k2bot" / "content"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/caches")  # not absolute: ignored, per the spec
    assert default_folder() == tmp_path / "home" / ".cache" / "k2bot" / "content"
