"""Warming up: a long-running bot loads its tables at start, so no user's question waits.

A fresh responder loads some tables on first use (the paraphrase signal's word vectors
and embeddings, each safety expression, the safety triggers by language): one question
once paid up to 0.14 s for them. `Responder.warm_up` loads them all; `k2bot run`,
`k2bot chat` and a reload call it, a one-shot `k2bot ask` does not. These tests assert
on what is loaded, not on time.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

import bot.referral_language
from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import Content
from bot.matching import Thresholds, lexicon, semantic
from bot.reload import LiveContent
from bot.responder import Responder
from bot.settings import SHIPPED_INTENTS, Settings
from bot.telegram.app import application_from_settings
from builders import REPO, K2bot, sized, spread

# Questions that reach every lazily loaded table: a referral (the triggers by language),
# Russian and other scripts, unsure questions (the paraphrase signal).
ASKED = [e.question for e in read_examples(DEV_QUESTIONS)] + [
    e.question for e in read_examples(REPO / "tests" / "data" / "dev_questions_ru.jsonl")
]


class Loads:
    """Counts the loads a question could cause, by replacing what performs them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.semantic = 0
        self.trigger_languages = 0
        build = semantic.SemanticIndex.build
        languages = bot.referral_language.TriggerLanguages

        def counted_build(*args: Any, **kwargs: Any) -> semantic.SemanticIndex:
            self.semantic += 1
            return build(*args, **kwargs)

        def counted_languages(*args: Any, **kwargs: Any) -> Any:
            self.trigger_languages += 1
            return languages(*args, **kwargs)

        monkeypatch.setattr(semantic.SemanticIndex, "build", counted_build)
        monkeypatch.setattr(bot.referral_language, "TriggerLanguages", counted_languages)


def compiled(responder: Responder) -> int:
    return responder.matcher.safety.compiled


def test_first_questions_load_tables_on_a_fresh_responder(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without warming up, the questions themselves load the tables (what users paid)."""
    responder = Responder(content)
    loads = Loads(monkeypatch)
    before = compiled(responder)
    for question in spread(ASKED, sized(300, len(ASKED))):
        responder.respond(question)
    assert loads.semantic >= 1
    assert loads.trigger_languages == 1
    assert compiled(responder) > before


def test_after_warm_up_no_question_loads_anything(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `warm_up`, the same questions load nothing and compile no expression."""
    responder = Responder(content)
    assert not responder.warm
    responder.warm_up()
    assert responder.warm
    assert lexicon.loaded()
    loads = Loads(monkeypatch)
    before = compiled(responder)
    asked = spread(ASKED, sized(300, len(ASKED)))
    replies = [responder.respond(question) for question in asked]
    assert (0, 0) == (loads.semantic, loads.trigger_languages)
    assert before == compiled(responder)
    assert responder.matcher.safety.expressions == before
    # Warming up changes no reply.
    cold = Responder(content)
    assert [r.html for r in replies] == [cold.respond(q).html for q in asked]


def test_warm_up_works_out_what_a_first_run_together_word_or_pointer_would(
    content: Content,
) -> None:
    """The subject term and the longest piece of words typed together are worked out at start.

    Each was worked out by the first question that needed it, once per matcher: the
    longest piece took 0.4-0.7 ms inside the first message with a run-together candidate
    ("menaquinone"), in English and again in another language.
    """
    responder = Responder(content)
    matchers = [m for m in (responder.matcher, responder.translated) if m is not None]
    assert len(matchers) == 2
    assert all("_longest_piece" not in vars(m.safety) for m in matchers)
    responder.warm_up()
    for matcher in matchers:
        assert "_longest_piece" in vars(matcher.safety)
        assert matcher._subject == (matcher.subject(),)
        assert matcher.subject() == "k2"


def test_warm_up_twice_loads_nothing_again(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is loaded stays loaded: a second `warm_up` builds nothing again."""
    responder = Responder(content)
    responder.warm_up()
    loads = Loads(monkeypatch)
    responder.warm_up()
    assert (0, 0) == (loads.semantic, loads.trigger_languages)


def test_the_telegram_bot_starts_warm_and_a_reload_swaps_in_a_warm_responder(
    tmp_path: Path,
) -> None:
    """`k2bot run` builds its application warm, and every reload warms before the swap."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:" + "x" * 35,  # never used: nothing is sent
        data_dir=tmp_path,
    )
    application = application_from_settings(settings)
    live = application.bot_data.services.live
    assert live.responder.warm
    served = live.responder
    assert live.reload().applied
    assert live.responder is not served
    assert live.responder.warm


def test_a_reload_without_warm_up_leaves_loading_to_first_use(content: Content) -> None:
    """LiveContent warms only when told (tests and tools building many responders don't)."""
    live = LiveContent(SHIPPED_INTENTS, Thresholds(), Responder(content))
    assert live.reload().applied
    assert not live.responder.warm


def test_the_terminal_chat_starts_warm_and_ask_does_not(
    k2bot: K2bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`k2bot chat` is long-running: warm before the prompt; a one-shot `ask` stays quick."""
    k2bot.builds_its_own = True  # whether a fresh responder is warm is the point here
    seen: list[bool] = []
    frozen: list[int] = []

    def record_chat(chat: Any) -> int:
        seen.append(chat.responder.warm)
        frozen.append(gc.get_freeze_count())
        return 0

    monkeypatch.setattr("bot.terminal.TerminalChat.run", record_chat)
    gc.unfreeze()
    try:
        assert 0 == k2bot("chat").returncode
    finally:
        gc.unfreeze()  # the test process goes on collecting as before
    assert frozen[0] > 0  # what was loaded is out of the collector's walks

    def record_ask(args: Any, responder: Responder, *rest: Any) -> None:
        seen.append(responder.warm)

    monkeypatch.setattr("bot.cli._answer_all", record_ask)
    assert 0 == k2bot("ask", "hi").returncode
    assert [True, False] == seen
