"""Settings, read once at the edge from the environment and `.env` into a frozen object.

Core code never reads `os.environ`; the CLI builds `Settings` and passes plain values in.
Every setting is listed, with a comment, in `bot/data/env.example` (shipped in the package;
the checkout's `.env.example` links to it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.data import SHIPPED_INTENTS
from bot.errors import ConfigError
from bot.matching import Thresholds

# What @BotFather hands out: the bot's id, a colon, and a long URL-safe secret. Anything else
# is a paste gone wrong, better refused at start than retried against Telegram forever.
TOKEN_SHAPE = re.compile(r"[0-9]{1,20}:[A-Za-z0-9_-]{30,}")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# What Telegram accepts as a webhook secret token (setWebhook refuses anything else).
WEBHOOK_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_DEFAULT_THRESHOLDS = Thresholds()
# Read from the folder k2bot is started in.
ENV_FILE = ".env"


class Settings(BaseSettings):
    """Every setting of K2 Bot; environment variables take precedence over `.env`."""

    model_config = SettingsConfigDict(
        env_file=ENV_FILE, env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    intents_dir: Path = SHIPPED_INTENTS
    match_accept: float = Field(default=_DEFAULT_THRESHOLDS.accept, ge=0, le=100)
    match_suggest: float = Field(default=_DEFAULT_THRESHOLDS.suggest, ge=0, le=100)
    match_margin: float = Field(default=_DEFAULT_THRESHOLDS.margin, ge=0, le=100)

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str | None = None
    telegram_rate_limit: bool = True
    flood_window_seconds: float = Field(default=10.0, gt=0)
    flood_max_messages: int = Field(default=8, ge=1)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None
    data_dir: Path = Path("data")
    remember_answered: bool = True
    # Minutes of silence after which a conversation's topic is forgotten (follow-ups).
    conversation_minutes: float = Field(default=10.0, gt=0)
    log_level: str = "INFO"

    # Editors' tools: admins, live reload, the question log.
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    # The editors' Telegram group: "Ask a person" forwards questions there and relays the
    # editors' replies back. None (the default): the button is not offered.
    editors_chat_id: int | None = None
    live_reload: bool = True
    question_log: bool = True
    question_log_retention_days: int = Field(default=90, ge=1)
    user_hash_salt: SecretStr | None = None

    @field_validator("editors_chat_id", mode="before")
    @classmethod
    def _empty_is_off(cls, value: object) -> object:
        # `EDITORS_CHAT_ID=` as .env.example has it: the feature is off.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        # Written as people write lists in .env: "123, 456". Telegram ids are integers.
        if isinstance(value, str):
            words = value.replace(",", " ").split()
            try:
                return frozenset(int(word) for word in words)
            except ValueError:
                raise ValueError(
                    "must be Telegram user ids (numbers) separated by commas"
                ) from None
        return value

    @field_validator(
        "telegram_bot_token", "webhook_secret", "telegram_base_url", "user_hash_salt", mode="before"
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _shaped_like_a_token(cls, value: SecretStr | None) -> SecretStr | None:
        # The message never quotes the value: a token one character off is still a secret.
        if value is not None and not TOKEN_SHAPE.fullmatch(value.get_secret_value().strip()):
            raise ValueError(
                "does not look like a bot token (digits, a colon, then 30 or more letters, "
                "digits, _ or -); copy it again from @BotFather"
            )
        return None if value is None else SecretStr(value.get_secret_value().strip())

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_accepts_the_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET_SHAPE.fullmatch(value.get_secret_value()):
            raise ValueError(
                "Telegram accepts only 1 to 256 characters A-Z, a-z, 0-9, _ and - "
                "(for example: openssl rand -hex 32)"
            )
        return value

    @field_validator("log_level")
    @classmethod
    def _a_level_logging_knows(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("data_dir", mode="before")
    @classmethod
    def _blank_is_data(cls, value: object) -> object:
        return Path("data") if isinstance(value, str) and not value.strip() else value

    @field_validator("intents_dir", mode="before")
    @classmethod
    def _blank_is_shipped(cls, value: object) -> object:
        # `.env.example` lists INTENTS_DIR= empty: that means "the shipped intents".
        return SHIPPED_INTENTS if isinstance(value, str) and not value.strip() else value

    @property
    def database(self) -> Path:
        """The SQLite file of update delivery: the inbox and the answered updates."""
        return self.data_dir / "k2bot.sqlite3"

    @property
    def question_log_file(self) -> Path:
        """The SQLite file of the question log and votes.

        A file of its own: its batched writes must never hold the lock that recording an answered
        update waits for.
        """
        return self.data_dir / "questions.sqlite3"

    @property
    def thresholds(self) -> Thresholds:
        """The matching thresholds these settings set."""
        return Thresholds(
            accept=self.match_accept, suggest=self.match_suggest, margin=self.match_margin
        )


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning a bad value into one ConfigError that names the setting."""
    try:
        settings = Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "a setting"
        raise ConfigError(f"invalid setting {name}: {error['msg']}") from None
    except UnicodeDecodeError:
        # Windows PowerShell's `echo ... > .env` writes UTF-16; Notepad may save ANSI.
        raise ConfigError(
            f"cannot read {Path(ENV_FILE).resolve()}: it is not UTF-8 text; "
            "save it as UTF-8 (PowerShell's `>` writes UTF-16)"
        ) from None
    try:
        settings.thresholds  # noqa: B018 -- validates suggest <= accept once, at start
    except ValueError as exc:
        raise ConfigError(f"invalid MATCH_* thresholds: {exc}") from None
    return settings
