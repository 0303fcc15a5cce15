"""Settings: one frozen object, every setting documented, bad values named."""

from __future__ import annotations

import os
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
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:SECRET-token-value-" + "x" * 20)
    settings = load_settings()
    assert "SECRET" not in repr(settings)
    assert "SECRET" not in str(settings)
    assert not re.search(r"SECRET", str(settings.model_dump()))


def test_a_test_sees_no_env_file_and_no_setting_it_did_not_write(
    request: pytest.FixtureRequest,
) -> None:
    """Tests run in an empty folder of their own with no K2 Bot setting in the environment, so
    a developer's `.env` (with the real token) or exported settings never reach one."""
    assert Path(request.config.invocation_params.dir).resolve() != Path.cwd().resolve()
    assert [] == list(Path.cwd().iterdir())
    assert [] == [name for name in Settings.model_fields if name.upper() in os.environ]
    assert Settings() == Settings(_env_file=None)


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "123456:short",
        "123456:" + "a" * 29,  # one character short
        "123456:" + "a" * 30 + " and a note",
        "bot123456:" + "a" * 35,  # pasted with the URL's "bot" prefix
        "123456:" + "ä" * 35,
    ],
)
def test_a_token_not_shaped_like_one_is_refused_without_quoting_it(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    """TELEGRAM_BOT_TOKEN must look like @BotFather's (digits, a colon, 30+ URL-safe
    characters); otherwise one ConfigError names the setting and never shows the value."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN") as refused:
        load_settings()
    assert token not in str(refused.value)
    assert token.split(":")[-1] not in str(refused.value)


def test_a_real_token_shape_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token as @BotFather gives it (here with a stray newline from a paste) is kept."""
    token = "1234567890:AAH" + "Zz9_-" * 7
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token + "\n")
    settings = load_settings()
    assert settings.telegram_bot_token is not None
    assert token == settings.telegram_bot_token.get_secret_value()


@pytest.mark.parametrize("secret", ["has spaces!", "x" * 257, "ключ", "a/b", "a=b"])
def test_a_webhook_secret_telegram_would_refuse_is_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    """WEBHOOK_SECRET must be 1-256 of A-Z a-z 0-9 _ - (Telegram's rule), checked at start
    rather than at setWebhook; the message names the setting, not the value."""
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET") as refused:
        load_settings()
    assert secret not in str(refused.value)


@pytest.mark.parametrize("secret", ["a", "Secret_-0123", "x" * 256])
def test_a_webhook_secret_telegram_accepts_is_kept(
    monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    """Every secret Telegram accepts is accepted."""
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    settings = load_settings()
    assert settings.webhook_secret is not None
    assert secret == settings.webhook_secret.get_secret_value()


def test_an_unknown_log_level_is_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """LOG_LEVEL=LOUD is one ConfigError naming the setting (it used to be a traceback from
    the logging module); levels are read in any case."""
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    with pytest.raises(ConfigError, match="LOG_LEVEL"):
        load_settings()
    monkeypatch.setenv("LOG_LEVEL", "debug")
    assert "DEBUG" == load_settings().log_level


@pytest.mark.parametrize(
    ("encoding", "line"),
    [("utf-16", "TELEGRAM_BOT_TOKEN=123:abc\n"), ("cp1251", "# токен бота\nLOG_LEVEL=INFO\n")],
)
def test_an_env_file_not_in_utf8_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, line: str
) -> None:
    """A .env from PowerShell's `>` (UTF-16) or an ANSI editor stopped k2bot with "invalid
    MATCH_* thresholds: 'utf-8' codec can't decode byte 0xff": wrong setting, no file."""
    (tmp_path / ".env").write_text(line, encoding=encoding)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    said = str(raised.value)
    assert str(tmp_path / ".env") in said
    assert "UTF-8" in said
    assert "MATCH" not in said
