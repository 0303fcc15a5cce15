"""Live reload: the intents folder is watched, re-checked, and swapped in whole or not at all.

A reload reads again only the files whose bytes changed (the others come from the content
cache, `bot.content.cache`, already parsed and normalised), runs the checks across files,
builds a new `Responder` and replaces the old one with a single assignment, so every
question is answered by one consistent set of intents, never a mix. An edit with errors
leaves the last good intents serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

from watchfiles import Change, DefaultFilter, awatch

from bot.aio import sleep_unless
from bot.data import is_installed_copy
from bot.errors import Problem
from bot.intents import Content, ContentCache, Intent, check_content, shared_cache
from bot.matching import Thresholds
from bot.messages import reload_html
from bot.responder import Responder

logger = logging.getLogger(__name__)

# Editors save in bursts (a temporary file, a rename, a second file), all within a few
# milliseconds: wait for 150 ms of quiet, at most 1 s, before reloading, so a reload sees
# the whole edit.
QUIET_MILLISECONDS = 150
MAX_WAIT_MILLISECONDS = 1000
WATCHED_SUFFIXES = (".yaml", ".yml", ".txt")


@dataclass(frozen=True, slots=True)
class ContentChange:
    """What a reload changed, by intent id."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    other: bool = False  # synonyms or the source document changed

    @classmethod
    def between(cls, old: Content, new: Content) -> ContentChange:
        """What changed from `old` to `new`: intents added, changed and removed."""

        def essence(intent: Intent) -> Intent:
            return replace(intent, path=Path(), line=0)  # moving an intent is not changing it

        added = tuple(i for i in new.by_id if i not in old.by_id)
        removed = tuple(i for i in old.by_id if i not in new.by_id)
        changed = tuple(
            i
            for i, intent in new.by_id.items()
            if i in old.by_id and essence(intent) != essence(old.by_id[i])
        )
        other = dict(old.synonyms) != dict(new.synonyms) or old.document.text != new.document.text
        return cls(added, changed, removed, other)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.other)

    def summary(self) -> str:
        """The change in one line, for the logs and the admins."""
        parts = [
            f"{label} {len(ids)}: {', '.join(ids)}" if ids else f"{label} 0"
            for label, ids in (
                ("added", self.added),
                ("changed", self.changed),
                ("removed", self.removed),
            )
        ]
        if self.other:
            parts.append("synonyms or the article changed")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """The outcome of one reload: applied with its change, or refused with its problems."""

    applied: bool
    intents: int
    change: ContentChange = ContentChange()
    problems: tuple[Problem, ...] = ()
    # Where the time went: reading and checking the files, building the new index.
    parsed_files: int = 0
    load_seconds: float = 0.0
    build_seconds: float = 0.0

    def html(self) -> str:
        """A short report for the admins; the wording lives in `bot.messages.reload_html`."""
        return reload_html(self)


class LiveContent:
    """The responder currently serving, replaced whole by every successful reload."""

    def __init__(
        self,
        directory: Path,
        thresholds: Thresholds,
        responder: Responder,
        *,
        cache: ContentCache | None = None,
    ) -> None:
        self.directory = directory
        self.thresholds = thresholds
        self.responder = responder
        self.cache = cache if cache is not None else shared_cache()
        self._lock = threading.Lock()  # reloads never interleave: the last edit wins
        # Set once the watcher records changes: an edit saved after it is never missed.
        self.watching = asyncio.Event()

    def reload(self) -> ReloadResult:
        """Load the folder again; swap it in if it has no errors. Blocking: CPU and disk.

        Only the files whose bytes changed since they were last read are parsed again.
        """
        with self._lock:
            started = time.perf_counter()
            parsed_before = self.cache.parsed
            content, problems = check_content(self.directory, cache=self.cache)
            loaded = time.perf_counter()
            parsed = self.cache.parsed - parsed_before
            errors = tuple(p for p in problems if p.severity == "error")
            current = self.responder.content
            if errors or content is None:
                for problem in errors or tuple(problems):
                    logger.error("intents not reloaded: %s", problem)
                return ReloadResult(
                    False,
                    len(current.intents),
                    problems=errors or tuple(problems),
                    parsed_files=parsed,
                    load_seconds=loaded - started,
                )
            fresh = Responder(content, thresholds=self.thresholds)
            self.responder = fresh  # one assignment: a question sees the old set or the new
            built = time.perf_counter()
            change = ContentChange.between(current, content)
            logger.info(
                "intents reloaded (%d intents; %d file(s) parsed, %.2f s reading, "
                "%.2f s building): %s",
                len(content.intents),
                parsed,
                loaded - started,
                built - loaded,
                change.summary(),
            )
            return ReloadResult(
                True,
                len(content.intents),
                change,
                parsed_files=parsed,
                load_seconds=loaded - started,
                build_seconds=built - loaded,
            )

    async def watch(
        self,
        on_reload: Callable[[ReloadResult], Awaitable[None]],
        stop: asyncio.Event,
    ) -> None:
        """Reload after every burst of saves under the folder until `stop` is set.

        The intents shipped inside an installed package are not watched: nobody edits
        site-packages, and the next install would undo it. Editors copy the folder and set
        `INTENTS_DIR`; an editable checkout's `bot/data/intents` is watched as usual.
        """
        if is_installed_copy(self.directory):
            logger.info(
                "live reload: not watching %s, the intents installed with the package; "
                "copy the folder and set INTENTS_DIR to edit content live",
                self.directory,
            )
            return
        while not stop.is_set():
            try:
                batches = awatch(
                    self.directory,
                    watch_filter=_content_files,
                    debounce=MAX_WAIT_MILLISECONDS,
                    step=QUIET_MILLISECONDS,
                    stop_event=stop,
                    rust_timeout=1000,
                    yield_on_timeout=False,
                )
                async with contextlib.aclosing(batches):
                    first = asyncio.ensure_future(anext(batches, None))
                    # awatch starts its watcher (a thread recording every change from then
                    # on) in its first step, before it awaits anything: one turn of the
                    # event loop runs that step, and from then on no save is missed.
                    await asyncio.sleep(0)
                    if not first.done() or first.exception() is None:
                        self.watching.set()
                    batch = await first
                    while batch is not None:
                        result = await asyncio.to_thread(self.reload)
                        await on_reload(result)
                        batch = await anext(batches, None)
            except Exception:
                # The folder itself was removed or renamed, say: keep serving, retry shortly.
                self.watching.clear()
                logger.exception("watching %s failed; trying again in 2 s", self.directory)
                await sleep_unless(stop, 2.0)


_default_filter = DefaultFilter()


def _content_files(change: Change, path: str) -> bool:
    # Editors' swap and backup files are ignored by DefaultFilter; only content counts.
    return path.endswith(WATCHED_SUFFIXES) and _default_filter(change, path)
