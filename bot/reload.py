"""Live reload: the intents folder is watched, re-checked, and swapped in whole or not at all.

A reload reads again only the files whose bytes changed (the others come from the content
cache, `bot.content.cache`, already parsed and normalised), runs the checks across files,
builds a new `Responder` and replaces the old one with a single assignment, so every
question is answered by one consistent set of intents, never a mix. An edit with errors
leaves the last good intents serving.

The interface catalogues (`bot/data/interface`: the bot's own words per language) are
watched the same way when a folder is given: an edit is checked as `k2bot validate` checks
it and swapped in whole, and an edit with errors keeps the last good texts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from watchfiles import Change, DefaultFilter, awatch

from bot import messages
from bot.aio import sleep_unless
from bot.content.catalogues import CatalogueChange, read_catalogues
from bot.data import is_installed_copy
from bot.errors import Problem
from bot.intents import Content, ContentCache, Intent, check_content, shared_cache
from bot.matching import Thresholds
from bot.messages import in_language, reload_html, texts_reload_html
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

    def summary(self, language: str = "en") -> str:
        """The change in one line, for the logs (English) and the admins (their language)."""
        parts = [
            in_language(label, language).format(count=len(ids))
            + (f": {', '.join(ids)}" if ids else "")
            for label, ids in (
                (messages.CHANGE_ADDED, self.added),
                (messages.CHANGE_CHANGED, self.changed),
                (messages.CHANGE_REMOVED, self.removed),
            )
        ]
        if self.other:
            parts.append(in_language(messages.CHANGE_OTHER, language))
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """The outcome of one reload: applied with its change, or refused with its problems."""

    applied: bool
    intents: int
    change: ContentChange = ContentChange()
    problems: tuple[Problem, ...] = ()
    # An applied edit's new warnings: those of the new content the serving one had not.
    warnings: tuple[Problem, ...] = ()
    # Where the time went: reading and checking the files, building the new index.
    parsed_files: int = 0
    load_seconds: float = 0.0
    build_seconds: float = 0.0

    @property
    def worth_telling(self) -> bool:
        """Whether the editors should hear of it: refused, changed, or new warnings."""
        return not self.applied or bool(self.change) or bool(self.warnings)

    def html(self, language: str = "en") -> str:
        """A short report for the admins; the wording lives in `bot.messages.reload_html`."""
        return reload_html(self, language)


@dataclass(frozen=True, slots=True)
class TextsReloadResult:
    """The outcome of one reload of the interface catalogues: applied, or refused."""

    applied: bool
    change: CatalogueChange = field(default_factory=CatalogueChange)
    problems: tuple[Problem, ...] = ()

    @property
    def worth_telling(self) -> bool:
        """Whether the editors should hear of it: refused, or something changed."""
        return not self.applied or bool(self.change)

    def html(self, language: str = "en") -> str:
        """A short report for the admins (`bot.messages.texts_reload_html`)."""
        return texts_reload_html(self.applied, self.change, self.problems, language)


def reload_texts(folder: Path) -> TextsReloadResult:
    """Read the interface catalogues in `folder` again; use them if they have no errors.

    A catalogue edit with an error (bad YAML, an unknown key, a placeholder missing) is
    refused whole: the last good texts stay in use and the problems name file and line.
    """
    current = messages.catalogues_in(folder)
    fresh = read_catalogues(folder, messages.ENGLISH)
    errors = tuple(p for p in fresh.problems if p.severity == "error")
    if errors:
        for problem in errors:
            logger.error("interface texts not reloaded: %s", problem)
        return TextsReloadResult(False, problems=errors)
    messages.use_catalogues(folder, fresh)
    change = CatalogueChange.between(current, fresh)
    if change:
        logger.info("interface texts reloaded: %s", messages.catalogue_change_summary(change))
    return TextsReloadResult(True, change)


AnyReload = ReloadResult | TextsReloadResult
"""What a watcher reports: a reload of the intents or of the interface texts."""


class LiveContent:
    """The responder currently serving, replaced whole by every successful reload."""

    def __init__(
        self,
        directory: Path,
        thresholds: Thresholds,
        responder: Responder,
        *,
        cache: ContentCache | None = None,
        interface: Path | None = None,
        warm_up: bool = False,
        language: str | None = None,
    ) -> None:
        """Serve `responder` until a reload replaces it.

        Args:
            directory: the intents folder.
            thresholds: the matcher's thresholds, for every responder a reload builds.
            responder: the responder serving now.
            cache: the content cache reloads read through (None: the process's own).
            interface: the interface catalogues' folder, reloaded with the intents.
            warm_up: whether a reloaded responder loads its tables (`Responder.warm_up`)
                before it is swapped in, so no question after a reload waits for them.
            language: the language every reloaded responder answers in (`--lang`); None
                tells it per message, as `responder` does.
        """
        self.directory = directory
        self.warm_up = warm_up
        self.language = language
        # The interface catalogues' folder, watched and reloaded with the intents (None: not).
        self.interface = interface
        self.thresholds = thresholds
        self.responder = responder
        self.cache = cache if cache is not None else shared_cache()
        self._lock = threading.Lock()  # reloads never interleave: the last edit wins
        self._texts_lock = threading.Lock()
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
            fresh = Responder(content, thresholds=self.thresholds, language=self.language)
            if self.warm_up:
                fresh.warm_up()
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
            for warning in (new_warnings := _new(content.warnings, current.warnings)):
                logger.warning("intents reloaded with a warning: %s", warning)
            return ReloadResult(
                True,
                len(content.intents),
                change,
                warnings=new_warnings,
                parsed_files=parsed,
                load_seconds=loaded - started,
                build_seconds=built - loaded,
            )

    def reload_texts(self) -> TextsReloadResult | None:
        """Reload the interface catalogues (None when this content has no folder for them)."""
        if self.interface is None:
            return None
        with self._texts_lock:
            return reload_texts(self.interface)

    def _watched(self) -> list[Path]:
        """The folders to watch: the intents and the catalogues, unless installed."""
        watched = []
        for folder, what, how in (
            (self.directory, "the intents", "copy the folder and set INTENTS_DIR"),
            (self.interface, "the interface texts", "run from a checkout (pip install -e .)"),
        ):
            if folder is None:
                continue
            if is_installed_copy(folder):
                logger.info(
                    "live reload: not watching %s, %s installed with the package; "
                    "%s to edit them live",
                    folder,
                    what,
                    how,
                )
            else:
                watched.append(folder)
        return watched

    async def _reload_for(
        self, changes: set[tuple[Change, str]], on_reload: Callable[[AnyReload], Awaitable[None]]
    ) -> None:
        """Reload what a burst of saves touched: the catalogues, the intents, or both."""
        interface = self.interface.resolve() if self.interface is not None else None
        in_interface = [
            interface is not None and Path(path).resolve().is_relative_to(interface)
            for _, path in changes
        ]
        touched_texts, touched_intents = any(in_interface), not all(in_interface)
        if touched_texts:
            texts = await asyncio.to_thread(self.reload_texts)
            if texts is not None:
                await on_reload(texts)
        if touched_intents:
            await on_reload(await asyncio.to_thread(self.reload))

    async def watch(
        self,
        on_reload: Callable[[AnyReload], Awaitable[None]],
        stop: asyncio.Event,
    ) -> None:
        """Reload after every burst of saves under the folders until `stop` is set.

        The intents folder is watched, and the interface catalogues' folder when given. A
        folder inside an installed package is not watched: nobody edits site-packages,
        and the next install would undo it. Editors copy the intents and set `INTENTS_DIR`;
        an editable checkout's `bot/data` folders are watched as usual.
        """
        watched = self._watched()
        if not watched:
            return
        while not stop.is_set():
            try:
                batches = awatch(
                    *watched,
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
                        await self._reload_for(batch, on_reload)
                        batch = await anext(batches, None)
            except Exception:
                # The folder itself was removed or renamed, say: keep serving, retry shortly.
                self.watching.clear()
                logger.exception(
                    "watching %s failed; trying again in 2 s", ", ".join(map(str, watched))
                )
                await sleep_unless(stop, 2.0)


def _new(warnings: tuple[Problem, ...], known: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """The warnings not among `known` (what an edit brought, not what was there before)."""
    seen = set(known)
    return tuple(warning for warning in warnings if warning not in seen)


def saved_state(directory: Path) -> frozenset[tuple[str, int, int]]:
    """The content files under `directory` as saved now: (path, size, mtime) of each.

    One `stat` per file, cheap enough to ask before every line of a terminal chat: when it
    differs from the last answer, an edit was saved (or a file added, renamed or deleted).
    """
    found = set()
    for path in directory.rglob("*"):
        if path.suffix not in WATCHED_SUFFIXES:
            continue
        with contextlib.suppress(OSError):  # deleted between listing and stat: gone
            saved = path.stat()
            found.add((str(path), saved.st_size, saved.st_mtime_ns))
    return frozenset(found)


_default_filter = DefaultFilter()


def _content_files(change: Change, path: str) -> bool:
    # Editors' swap and backup files are ignored by DefaultFilter; only content counts.
    return path.endswith(WATCHED_SUFFIXES) and _default_filter(change, path)
