"""The problems found while reading content, gathered so an editor sees them all at once."""

from __future__ import annotations

from pathlib import Path

from bot.errors import Problem


class Problems(list[Problem]):
    """Problems in the order they were found, each with file:line."""

    def error(self, path: Path, line: int, message: str) -> None:
        """Record an error: content with any error is never served."""
        self.append(Problem(path, line, message))

    def warn(self, path: Path, line: int, message: str) -> None:
        """Record a warning: the content is served, but an editor should look."""
        self.append(Problem(path, line, message, severity="warning"))

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error."""
        return any(p.severity == "error" for p in self)
