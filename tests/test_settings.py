"""Settings: one frozen object, every setting documented, bad values named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.settings import SHIPPED_INTENTS, Settings, load_settings
from builders import REPO


def test_env_example_lists_every_setting_with_a_comment() -> None:
    """Each setting in Settings appears in .env.example, in a block under a comment."""
    lines = (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
    for name in Settings.model_fields:
        key = name.upper()
        index = next((i for i, line in enumerate(lines) if line.startswith(f"{key}=")), None)
        assert index is not None, f"{key} missing from .env.example"
        while index > 0 and re.match(r"[A-Z_]+=", lines[index - 1]):
            index -= 1
        assert lines[index - 1].startswith("# "), f"{key} has no comment"


def test_env_example_as_is_gives_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copying .env.example to .env unchanged runs with the defaults, shipped intents included."""
    (tmp_path / ".env").write_text((REPO / ".env.example").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    settings = load_settings()
    assert SHIPPED_INTENTS == settings.intents_dir
    assert settings.telegram_bot_token is None
    assert settings.telegram_rate_limit is True


def test_bad_value_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad value is one ConfigError naming the variable, not a pydantic dump."""
    monkeypatch.setenv("MATCH_ACCEPT", "lots")
    with pytest.raises(ConfigError, match="MATCH_ACCEPT"):
        load_settings()


def test_thresholds_out_of_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """MATCH_SUGGEST above MATCH_ACCEPT is refused at start."""
    monkeypatch.setenv("MATCH_ACCEPT", "40")
    monkeypatch.setenv("MATCH_SUGGEST", "60")
    with pytest.raises(ConfigError, match="thresholds"):
        load_settings()


def test_token_never_shows_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    """The token is a secret: repr and str of Settings never contain it."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:SECRET-token-value")
    settings = load_settings()
    assert "SECRET" not in repr(settings)
    assert "SECRET" not in str(settings)
    assert not re.search(r"SECRET", str(settings.model_dump()))
