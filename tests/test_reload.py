"""Live reload with the real file watcher on a temporary intents folder."""

from __future__ import annotations

import asyncio
import logging
import sysconfig
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.data import SHIPPED_INTENTS, is_installed_copy
from bot.intents import ContentCache, load_content
from bot.matching import Thresholds
from bot.reload import LiveContent, ReloadResult
from bot.responder import Responder
from builders import HANG_GUARD_SECONDS, MINIMAL_INTENTS, copy_of_shipped, intent_folder

NEW_INTENT = """\
  - id: natto
    kind: article
    title: Is natto a source of K2?
    patterns: [is natto a source of k2, natto k2]
    answer: The article says vitamin K2 is a unique vitamin.
    source:
      - "Vitamin K2 is a unique vitamin"
"""


def live_content(folder: Path) -> LiveContent:
    return LiveContent(folder, Thresholds(), Responder(load_content(folder)))


def answer_to(live: LiveContent, question: str) -> str:
    return live.responder.respond(question).text


@asynccontextmanager
async def watching(live: LiveContent) -> AsyncIterator[list[ReloadResult]]:
    """The real watcher running; yields the reload results as they come."""
    results: list[ReloadResult] = []

    async def collect(result: ReloadResult) -> None:
        results.append(result)

    stop = asyncio.Event()
    task = asyncio.create_task(live.watch(collect, stop))
    await asyncio.wait_for(live.watching.wait(), HANG_GUARD_SECONDS)  # no edit before it watches
    try:
        yield results
    finally:
        stop.set()
        await asyncio.wait_for(task, HANG_GUARD_SECONDS)


async def until(condition, timeout: float = HANG_GUARD_SECONDS) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    while not condition():
        assert time.perf_counter() - started < timeout, "timed out"
        await asyncio.sleep(0.02)
    return time.perf_counter() - started


def test_reload_reports_added_changed_and_removed_intents(tmp_path: Path) -> None:
    """An edit that adds one intent, changes one and removes one is described exactly."""
    folder = intent_folder(tmp_path)
    live = live_content(folder)
    text = MINIMAL_INTENTS.replace("answer: Hello!", "answer: Hi there, friend!")
    text = text.replace("  - id: greeting", NEW_INTENT + "  - id: greeting")
    (folder / "main.yaml").write_text(text, encoding="utf-8")

    result = live.reload()

    assert result.applied
    assert ("natto",) == result.change.added
    assert ("greeting",) == result.change.changed
    assert () == result.change.removed
    assert "Hi there, friend!" == answer_to(live, "hello")
    assert "added 1: natto" in result.html()


def test_a_reload_tells_the_editor_of_the_warnings_its_edit_brought(tmp_path: Path) -> None:
    """An edit that is served but draws a warning says so on reload, with file:line, once.

    A live-reload editor never runs `k2bot validate`: a too-long answer, or a file saved
    as `evidence.yaml.txt` (which changes no intent), would otherwise go unnoticed.
    """
    folder = intent_folder(tmp_path)
    live = live_content(folder)
    long_answer = "Hello! " + "Ask me anything about vitamin K2. " * 20
    (folder / "main.yaml").write_text(
        MINIMAL_INTENTS.replace("answer: Hello!", f"answer: {long_answer}"), encoding="utf-8"
    )
    (folder / "evidence.yaml.txt").write_text("intents: []\n", encoding="utf-8")

    result = live.reload()

    assert result.applied
    assert long_answer.strip() == answer_to(live, "hello")
    shown = result.html()
    assert "New warnings to look at: 2" in shown and "(s)" not in shown
    assert f"{folder / 'main.yaml'}:" in shown and "aim for under" in shown
    assert f"{folder / 'evidence.yaml.txt'}:1: warning: not read" in shown
    again = live.reload()  # nothing new: nothing to tell
    assert again.applied and not again.change and not again.warnings


def test_a_broken_edit_keeps_the_last_good_intents_and_names_file_and_line(tmp_path: Path) -> None:
    """A syntax error is refused with file:line; the bot answers exactly as before."""
    folder = intent_folder(tmp_path)
    live = live_content(folder)
    before = live.responder
    (folder / "main.yaml").write_text(
        MINIMAL_INTENTS.replace("answer: Hello!", "answer: [Hello!"), encoding="utf-8"
    )

    result = live.reload()

    assert not result.applied
    assert live.responder is before
    assert "Hello!" == answer_to(live, "hello")
    (problem,) = result.problems  # and no knock-on error about the article
    assert folder / "main.yaml" == problem.path
    assert problem.line > 0
    assert f"main.yaml:{problem.line}" in result.html()
    assert "Still serving the last good intents (2)" in result.html()


async def test_a_saved_edit_is_served_without_a_restart(tmp_path: Path) -> None:
    """Saving a changed answer makes the bot give the new answer, without a restart."""
    folder = intent_folder(tmp_path)
    live = live_content(folder)
    async with watching(live) as results:
        (folder / "main.yaml").write_text(
            MINIMAL_INTENTS.replace("answer: Hello!", "answer: Welcome back!"), encoding="utf-8"
        )
        await until(lambda: answer_to(live, "hello") == "Welcome back!")
    assert [("greeting",)] == [r.change.changed for r in results]


async def test_half_written_deleted_and_renamed_files(tmp_path: Path) -> None:
    """Mid-typing saves are refused and later fixed; a delete removes, a rename changes nothing."""
    folder = intent_folder(
        tmp_path, {"main.yaml": MINIMAL_INTENTS, "more.yaml": "intents:\n" + NEW_INTENT}
    )
    live = live_content(folder)
    async with watching(live) as results:
        half = (
            MINIMAL_INTENTS[: MINIMAL_INTENTS.index("    answer: The article")]
            + "    answer: 'The art"
        )
        (folder / "main.yaml").write_text(half, encoding="utf-8")
        await until(lambda: results and not results[-1].applied)
        assert "main.yaml" in str(results[-1].problems[0].path)
        assert "Hello!" == answer_to(live, "hello")  # the last good intents still serve

        (folder / "main.yaml").write_text(MINIMAL_INTENTS, encoding="utf-8")
        await until(lambda: len(results) >= 2 and results[-1].applied)

        (folder / "more.yaml").rename(folder / "natto.yaml")
        await until(lambda: len(results) >= 3)
        assert results[-1].applied and not results[-1].change

        (folder / "natto.yaml").unlink()
        await until(lambda: len(results) >= 4)
        assert ("natto",) == results[-1].change.removed
        assert "natto" not in live.responder.content.by_id


async def test_rapid_saves_never_serve_a_mix_of_old_and_new(tmp_path: Path) -> None:
    """Twenty quick saves, each changing two answers together: every snapshot the bot answers
    from has both answers from the same save, and the last save wins."""
    template = MINIMAL_INTENTS.replace(
        "answer: The article says vitamin K2 is a unique vitamin.",
        "answer: The article says vitamin K2 is a unique vitamin. Save {n}",
    ).replace("answer: Hello!", "answer: Hello. Save {n}")
    # Figures in an answer must be in its source, so saves are numbered in letters.
    saves = [f"s{chr(ord('a') + n)}" for n in range(21)]
    folder = intent_folder(tmp_path, {"main.yaml": template.format(n=saves[0])})
    live = live_content(folder)
    mixes: list[tuple[str, str]] = []
    done = threading.Event()

    def ask_all_the_time() -> None:
        while not done.is_set():
            responder = live.responder  # what one question would be answered with
            greeting = responder.respond("hello").text
            k2 = responder.respond("what is vitamin k2").text
            if greeting.split()[-1] != k2.split()[-1]:
                mixes.append((greeting, k2))

    asker = threading.Thread(target=ask_all_the_time)
    asker.start()
    try:
        async with watching(live):
            for save in saves[1:]:
                (folder / "main.yaml").write_text(template.format(n=save), encoding="utf-8")
                await asyncio.sleep(0.03)
            await until(lambda: answer_to(live, "hello") == f"Hello. Save {saves[-1]}")
    finally:
        done.set()
        asker.join(10)
    assert [] == mixes


async def test_the_intents_installed_in_site_packages_are_not_watched(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Live reload leaves a folder inside site-packages alone (nobody edits it there) and
    says so, while the checkout's shipped folder and an editor's copy count as editable."""
    installed = Path(sysconfig.get_paths()["purelib"]) / "bot" / "data" / "intents"
    assert is_installed_copy(installed)
    assert not is_installed_copy(SHIPPED_INTENTS)  # the editable checkout under test
    assert not is_installed_copy(intent_folder(tmp_path))
    live = LiveContent(installed, Thresholds(), Responder(load_content(intent_folder(tmp_path))))

    async def never(_: ReloadResult) -> None:
        raise AssertionError("nothing is reloaded")

    caplog.set_level(logging.INFO, logger="bot.reload")
    # Returns on its own, with `stop` never set: there is nothing to watch.
    await asyncio.wait_for(live.watch(never, asyncio.Event()), timeout=10)
    assert "not watching" in caplog.text
    assert "set INTENTS_DIR" in caplog.text


def test_a_reload_parses_only_the_file_that_changed(tmp_path: Path) -> None:
    """Saving one file of a folder re-reads that file alone, and the content served is the
    same as a full load of the folder from scratch."""
    folder = copy_of_shipped(tmp_path)
    cache = ContentCache()
    live = LiveContent(
        folder, Thresholds(), Responder(load_content(folder, cache=cache)), cache=cache
    )
    parsed = cache.parsed
    smalltalk = folder / "smalltalk.yaml"
    smalltalk.write_text(
        smalltalk.read_text(encoding="utf-8").replace("Hello!", "Hello, edited!", 1),
        encoding="utf-8",
    )

    result = live.reload()

    assert result.applied
    assert 1 == result.parsed_files == cache.parsed - parsed
    assert ("greeting",) == result.change.changed
    from_scratch = load_content(folder, cache=ContentCache())
    assert from_scratch == live.responder.content
    assert [i.lines for i in from_scratch.intents] == [
        i.lines for i in live.responder.content.intents
    ]
    assert "Hello, edited!" in answer_to(live, "hello")


def test_a_reload_with_nothing_changed_parses_nothing(tmp_path: Path) -> None:
    """A burst of events with no change in bytes (a file touched, saved unchanged) costs no
    parsing, and the swap still happens whole."""
    folder = copy_of_shipped(tmp_path)
    cache = ContentCache()
    live = LiveContent(
        folder, Thresholds(), Responder(load_content(folder, cache=cache)), cache=cache
    )
    (folder / "article.yaml").touch()

    result = live.reload()

    assert result.applied
    assert 0 == result.parsed_files
    assert not result.change
