"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from bot.intents import Content, load_content
from bot.responder import Responder
from builders import SHIPPED_INTENTS


@pytest.fixture(name="content", scope="session")
def _content() -> Content:
    return load_content(SHIPPED_INTENTS)


@pytest.fixture(name="responder", scope="session")
def _responder(content: Content) -> Responder:
    return Responder(content)
