"""The content shipped inside the package: the intents folder and the dev question set.

Both are read through `importlib.resources`, so an installed wheel finds them wherever it
lives, and an editable checkout finds them in `bot/data/` where editors change them.
`INTENTS_DIR` (or `--intents`) points the bot at another folder instead.
"""

from __future__ import annotations

import sysconfig
from importlib.resources import files
from pathlib import Path


def _packaged(*parts: str) -> Path:
    resource = files(__name__).joinpath(*parts)
    # Wheels are always unpacked into a folder, so the resource is a real path; a zipped
    # install would need copying out, which the loader's file:line messages could not name.
    if not isinstance(resource, Path):  # pragma: no cover - zip imports are not supported
        raise RuntimeError(f"K2 Bot must be installed as files, not zipped: {resource}")
    return resource


SHIPPED_INTENTS = _packaged("intents")
"""The intents folder shipped with K2 Bot (the default of `INTENTS_DIR`)."""

SHIPPED_INTERFACE = _packaged("interface")
"""The interface catalogues shipped with K2 Bot: `<code>.yaml` per language, `no_content.yaml`."""

LANGUAGE_DETECTION = _packaged("languages", "detection.yaml")
"""How a message's language is told: scripts, and Latin-script languages' letters and words."""

DEV_QUESTIONS = _packaged("questions", "dev.jsonl")
"""The labelled dev question set `k2bot eval` measures by default."""

SETTINGS_TEMPLATE = _packaged("env.example")
"""Every setting with a comment, to copy to `.env` (the checkout's `.env.example` links here)."""


def is_installed_copy(folder: Path) -> bool:
    """Whether `folder` lies inside an installed environment's site-packages.

    Editing files there is pointless (the next install replaces them), so live reload
    does not watch such a folder; an editable checkout's `bot/data/intents` is watched.
    """
    resolved = folder.resolve()
    roots = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    return any(resolved.is_relative_to(Path(root).resolve()) for root in roots)
