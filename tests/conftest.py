"""Fixtures shared by the whole suite, and the fuzzing profiles."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from bot.intents import Content, load_content
from bot.responder import Responder
from builders import SHIPPED_INTENTS

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


@pytest.fixture(name="content", scope="session")
def _content() -> Content:
    return load_content(SHIPPED_INTENTS)


@pytest.fixture(name="responder", scope="session")
def _responder(content: Content) -> Responder:
    return Responder(content)
