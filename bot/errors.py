"""The one error root of K2 Bot and its specific kinds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class K2BotError(Exception):
    """Root of every error K2 Bot raises on purpose; the CLI turns it into one clean line."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the intent files, located at file:line."""

    path: Path
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class IntentFileError(K2BotError):
    """The intent files cannot be served: carries every problem found, each with file:line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else "no details"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{first}{more}")


class ConfigError(K2BotError):
    """A setting is missing or invalid; the message names it."""
