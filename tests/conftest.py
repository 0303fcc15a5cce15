"""Fixtures shared by the whole suite, and the fuzzing profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from bot.dialogue import Dialogue
from bot.intents import Content
from bot.responder import Responder
from bot.settings import Settings
from builders import DEPTH, DEPTHS, K2bot, shipped_responder
from k2bot_testing.fake_bot_api import FakeBotApi

# Property tests run a short campaign in CI; `K2_FUZZ=long` runs the long one (see README,
# "Reliability"). Handler properties go through a fake server and scale down from these.
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("K2_FUZZ", "ci"))

# Waits on the fake Bot API are bounds, not delays (each returns once its condition holds),
# so a generous bound costs a passing test nothing and only guards against a hang. Three
# times the written bound was not enough: at load 11-20 on two cores a process gets a tenth
# of a core, and a reply that takes 3 s alone took over 30 s. Ten times the written bound.
FakeBotApi.patience = 10.0


def pytest_configure(config: pytest.Config) -> None:
    if DEPTH not in DEPTHS:
        raise pytest.UsageError(
            f"K2_TESTS={DEPTH!r} is not a depth: use one of {', '.join(DEPTHS)}"
        )


def pytest_report_header(config: pytest.Config) -> str:
    return f"K2_TESTS={DEPTH}: the checks that scale run at their {DEPTH} size"


@pytest.fixture(name="content", scope="session")
def _content() -> Content:
    return shipped_responder().content


@pytest.fixture(name="responder", scope="session")
def _responder() -> Responder:
    return shipped_responder()


@pytest.fixture(name="dialogue")
def _dialogue(responder: Responder) -> Dialogue:
    """A fresh conversation memory over the shipped content's responder."""
    return Dialogue(responder)


@pytest.fixture(autouse=True)
def _no_settings_from_the_developer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in an empty folder of its own, with no K2 Bot setting in its environment.

    `Settings` reads `.env` from the working folder, and a developer who followed the README
    keeps the real token there: a test (or a `k2bot` process it starts, which inherits the
    folder and the environment) must never reach the real Telegram with it.
    """
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture(name="k2bot")
def _k2bot(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> K2bot:
    """k2bot in a clean folder (no developer's .env) with no settings in the environment."""
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "INTENTS_", "MATCH_")):
            monkeypatch.delenv(name)
    workdir = tmp_path / "workdir"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    # The chat's line editing would read and write ~/.k2bot_history: not in a test.
    monkeypatch.setattr("bot.terminal.enable_line_editing", lambda: None)
    return K2bot(monkeypatch, capsys)
