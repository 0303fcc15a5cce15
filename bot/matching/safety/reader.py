"""Triggers read once: a reader shared by a responder's matchers, kept between starts."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.content.cache import ContentCache, code_fingerprint
from bot.intents import Intent
from bot.matching.safety.expression_reach import Reach, expression_reach, remember_reaches
from bot.matching.safety.expressions import _read_trigger, _Start
from bot.matching.safety.readings import _Reading
from bot.text import (
    Normalizer,
)


class _Memo:
    """A normaliser that remembers what it folded (triggers repeat words and families)."""

    def __init__(self, normalizer: Normalizer) -> None:
        self._normalizer = normalizer
        self._folded: dict[str, str] = {}

    def normalize(self, text: str) -> str:
        """The normaliser's reading of `text`."""
        folded = self._folded.get(text)
        if folded is None:
            # A trigger is in its own language's letters: never read as transliteration.
            folded = self._folded[text] = self._normalizer.normalize(text, transliterated=False)
        return folded


_Read = tuple[str, list[_Start]] | None


class TriggerReader:
    """The safety intents' triggers, each spelling read once per word reduction.

    A responder's two matchers (its base language's and every language's) and its
    `TriggerLanguages` read the same triggers with the same normaliser: sharing one reader
    spares reading them three times. With a `cache`, the readings of many triggers (as
    many as the shipped content's) are also kept between starts and reloads, keyed by the
    code that reads them and the synonyms: a start reads only the triggers it has not met.

    Args:
        safety: the safety intents whose triggers are read.
        normalizer: folds triggers as questions are folded.
        cache: where readings are kept (see `ContentCache.derived`); None: nowhere.
    """

    def __init__(
        self,
        safety: tuple[Intent, ...],
        normalizer: Normalizer,
        *,
        cache: ContentCache | None = None,
    ) -> None:
        self.safety = safety
        self.normalizer = normalizer
        self.folding = _Memo(normalizer)
        self._read: dict[tuple[str, str], _Read] = {}
        self._used: set[tuple[str, str]] = set()
        self._fresh = 0
        self._cache: ContentCache | None = None
        self._key = ""
        # Whether what the cache keeps is in `_read` (it is let go once kept, see `keep`).
        self._loaded = False
        # The expressions whose reaches the cache kept (see `keep_reaches`).
        self._kept_reaches: frozenset[str] = frozenset()
        if cache is not None and sum(len(i.all_triggers) for i in safety) >= KEPT_TRIGGERS:
            self._cache, self._key = cache, _readings_key(normalizer)
            self._load()

    def _load(self) -> None:
        self._loaded = True
        kept = self._cache.derived(KEPT_NAME, self._key) if self._cache is not None else None
        if kept is not None:
            self._read.update(_decoded_readings(kept))

    def reads(self, safety: tuple[Intent, ...], normalizer: Normalizer) -> bool:
        """Whether this reader reads exactly these intents (the same objects) so folded."""
        return (
            normalizer is self.normalizer
            and len(safety) == len(self.safety)
            and all(mine is theirs for mine, theirs in zip(self.safety, safety, strict=True))
        )

    def read(self, spelling: str, key: str, reading: _Reading) -> _Read:
        """`_read_trigger` of one spelling with the reduction named `key` (remembered)."""
        found = self._read.get((key, spelling), _UNREAD)
        if found is _UNREAD and not self._loaded:
            self._load()
            found = self._read.get((key, spelling), _UNREAD)
        if found is _UNREAD:
            found = _read_trigger(spelling, self.folding, reading.reduce, reading.fold_part)
            self._read[key, spelling] = found
            self._fresh += 1
        self._used.add((key, spelling))
        return found  # type: ignore[return-value]

    def keep(self) -> None:
        """Keep the readings used so far in the cache, if any are new or some went unused.

        Then they are let go (about 1 MB for the shipped triggers): a later reader (the
        first referral's `TriggerLanguages`) loads them from the cache again.
        """
        if self._cache is None:
            return
        kept = not self._fresh and len(self._used) == len(self._read)
        if not kept:
            used = {
                f"{key}\0{spelling}": self._read[key, spelling]
                for key, spelling in sorted(self._used)
            }
            kept = self._cache.keep_derived(KEPT_NAME, self._key, used)
        if kept:
            self.release()

    def load_reaches(self) -> None:
        """Give `expression_reach` the reaches an earlier start kept, if any."""
        if self._cache is None:
            return
        kept = _decoded_reaches(self._cache.derived(REACHES_NAME, self._key) or {})
        remember_reaches(kept)
        self._kept_reaches = frozenset(kept)

    def keep_reaches(self, expressions: Iterable[str]) -> None:
        """Keep the reaches of `expressions` for the next start, unless kept already."""
        wanted = set(expressions)
        if self._cache is None or wanted <= self._kept_reaches:
            return
        reaches = {expression: expression_reach(expression) for expression in sorted(wanted)}
        if self._cache.keep_derived(REACHES_NAME, self._key, reaches):
            self._kept_reaches = frozenset(reaches)

    def release(self) -> None:
        """Let the readings go from memory when the cache keeps them (loaded again if read)."""
        if self._cache is not None:
            self._read.clear()
            self._used.clear()
            self._fresh, self._loaded = 0, False


_UNREAD = object()
# Readings are kept between starts for content with at least this many triggers: reading
# the shipped content's takes about 70 ms, a test's handful nothing worth a file.
KEPT_TRIGGERS = 1_000
KEPT_NAME = "safety-triggers"
REACHES_NAME = "trigger-reaches"


def _readings_key(normalizer: Normalizer) -> str:
    """What readings depend on: the reading code, this package, Python's `re`, the synonyms."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    digest.update(sys.version.encode())
    digest.update(json.dumps(list(normalizer.synonyms.items()), ensure_ascii=False).encode())
    return digest.hexdigest()


def _decoded_readings(kept: dict[str, Any]) -> dict[tuple[str, str], _Read]:
    """Readings as `TriggerReader.keep` stored them; {} when anything is out of shape."""
    readings: dict[tuple[str, str], _Read] = {}
    for name, value in kept.items():
        key, _, spelling = name.partition("\0")
        if value is None:
            readings[key, spelling] = None
            continue
        if not isinstance(value, list) or len(value) != 2:
            return {}
        expression, starts = value
        if not isinstance(expression, str) or not isinstance(starts, list):
            return {}
        decoded: list[_Start] = []
        for start in starts:
            if start is None:
                decoded.append(None)
            elif (
                isinstance(start, list)
                and len(start) == 2
                and all(isinstance(part, str) for part in start)
            ):
                decoded.append((start[0], start[1]))
            else:
                return {}
        readings[key, spelling] = (expression, decoded)
    return readings


def _decoded_reaches(kept: dict[str, Any]) -> dict[str, Reach]:
    """Reaches as `TriggerReader.keep_reaches` stored them; {} when anything is out of shape."""
    reaches: dict[str, Reach] = {}
    for expression, value in kept.items():
        if not (isinstance(value, list) and len(value) == 4):
            return {}
        spaces, behind, at_end, word_local = value
        if not (
            (spaces is None or type(spaces) is int)
            and type(behind) is int
            and type(at_end) is bool
            and type(word_local) is bool
        ):
            return {}
        reaches[expression] = Reach(spaces, behind, at_end, word_local)
    return reaches
