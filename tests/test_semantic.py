"""The paraphrase signal: static word vectors answer what the words alone leave unsure.

It may turn a "did you mean" or a fallback into an answer, never overriding safety, the
domain requirement, the article's subject or the words that tell against a match.
"""

from __future__ import annotations

import gzip
import json
import logging
from importlib import resources

import pytest

from bot.content.model import base_language_only
from bot.intents import Content
from bot.matching import Matcher, Outcome, Reason, SemanticLimits, semantic
from bot.matching.semantic import WordVectorError, WordVectors, load_word_vectors
from builders import K2bot


@pytest.fixture(name="matcher", scope="module")
def _matcher(content: Content) -> Matcher:
    return Matcher(content)


@pytest.fixture(name="words_only", scope="module")
def _words_only(content: Content) -> Matcher:
    return Matcher(content, semantic_limits=SemanticLimits(enabled=False))


@pytest.mark.parametrize(
    ("question", "intent", "unshared"),
    [
        # "the odds of a break": no phrasing of fracture risk is worded so; the words alone
        # suggest. ("what is this 87 percent thing people say about mk7" the words now
        # answer: the article's figure beside MK-7 names the fracture claim.)
        ("does mk7 cut the odds of a break", "fracture_risk", {"odds", "cut"}),
        # "colon": no phrasing of where the forms are made uses it; the words alone suggest.
        # ("is mk7 made in the colon" the words now answer: the runner-up, the gut
        # bacteria, explains only part of what the forms' places explain.)
        ("mk7 in the colon?", "where_forms_made", {"colon"}),
    ],
)
def test_a_paraphrase_the_words_miss_reaches_the_right_answer(
    matcher: Matcher, words_only: Matcher, question: str, intent: str, unshared: set[str]
) -> None:
    """A question phrased unlike the patterns is answered when its meaning is clear."""
    assert not unshared & matcher.intent_terms(intent)
    assert Outcome.ANSWER is not words_only.match(question).outcome
    match = matcher.match(question)
    assert (Outcome.ANSWER, intent) == (match.outcome, match.intent and match.intent.id)
    assert Reason.SEMANTIC is match.reason
    assert match.semantic is not None and match.semantic.promoted


@pytest.mark.parametrize(
    ("question", "why"),
    [
        # Closest in meaning to the MK-4/MK-7 answer ("carbon"), but not about K2 at all.
        ("how many carbon atoms in glucose", "subject is not named"),
        # Names K2 (the mountain) with words no intent uses.
        ("k2 vs everest which is harder", "against a match"),
        # Bones, but collagen: a near miss, not the bone-density answer.
        ("is collagen good for bone strength", "subject is not named"),
        # Reads like calcium absorption, but names no calcium: the words held that answer
        # back, and the near miss about other minerals is as close.
        ("can k2 boost zinc absorption", "is as close"),
    ],
)
def test_off_topic_and_near_misses_stay_unanswered(
    matcher: Matcher, question: str, why: str
) -> None:
    """The signal sees a likeness, but the words that tell against a match keep it silent."""
    match = matcher.match(question)
    assert Outcome.ANSWER is not match.outcome
    assert match.semantic is not None and not match.semantic.promoted
    assert why in match.semantic.why


def test_an_everyday_request_gets_no_article_answer(matcher: Matcher) -> None:
    """Without a domain term the signal is not even asked for an article answer."""
    match = matcher.match("what type of battery does my phone take")
    assert match.intent is None or match.intent.kind.value != "article"


def test_safety_is_decided_before_the_signal(matcher: Matcher) -> None:
    """A safety trigger routes the question; the signal is not consulted."""
    match = matcher.match("my son swallowed a handful of my k2 capsules")
    assert match.intent is not None and match.intent.kind.value == "safety"
    assert match.semantic is None


def test_a_question_in_another_language_is_left_to_the_words(matcher: Matcher) -> None:
    """Words without vectors (Cyrillic) do not let the subject's name alone decide."""
    evidence = matcher.semantic_evidence(matcher.normalizer.normalize("к2 полезен ли он вообще"))
    assert evidence.covered < SemanticLimits().coverage


def test_explain_shows_the_signal_and_its_part(k2bot: K2bot) -> None:
    """`k2bot ask --explain` shows the semantic score and why it answered."""
    result = k2bot("ask", "--explain", "does mk7 cut the odds of a break")
    assert 0 == result.returncode
    assert "semantic: closest fracture_risk" in result.stdout
    assert "promoted to an answer" in result.stdout
    assert "outcome: answer (semantic agreement): fracture_risk" in result.stdout


def test_json_explain_carries_the_semantic_object(k2bot: K2bot) -> None:
    """`--json --explain` adds the signal's figures beside the unchanged contract keys."""

    result = k2bot("ask", "--json", "--explain", "is collagen good for bone strength")
    reply = json.loads(result.stdout)
    assert {"question", "intent", "score", "answer", "suggestions", "elapsed_ms"} < set(reply)
    semantic_part = reply["explain"]["semantic"]
    assert semantic_part["consulted"] is True
    assert semantic_part["promoted"] is False
    assert 0.0 < semantic_part["similarity"] <= 1.0


def test_the_table_ships_inside_the_package() -> None:
    """The vectors are read from the installed package: no model, no download."""
    table = resources.files("bot.matching").joinpath(semantic.TABLE_NAME)
    assert table.is_file()
    vectors = load_word_vectors()
    assert {"k2", "bone", "calcium", "coffee"} <= set(vectors.rows)


def test_a_damaged_table_fails_with_a_clear_message() -> None:
    """Garbage or a cut-short table is refused, saying how to get a good one."""
    good = resources.files("bot.matching").joinpath(semantic.TABLE_NAME).read_bytes()
    cut_short = gzip.compress(gzip.decompress(good)[:-1000])
    for damaged in (b"not a table", cut_short):
        with pytest.raises(WordVectorError, match=r"damaged.*benchmarks\.word_vectors"):
            WordVectors.decode(damaged, "word_vectors.bin.gz")


def test_a_missing_table_leaves_the_words_to_decide_and_says_so_once(
    k2bot: K2bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A broken install still answers (on words alone) and logs the problem once."""
    k2bot.builds_its_own = True  # the table is read when a responder is built
    monkeypatch.setattr(semantic, "TABLE_NAME", "no_such_table.bin.gz")
    monkeypatch.setattr(semantic, "_loaded", None)
    monkeypatch.setattr(semantic, "_failed", None)
    with caplog.at_level(logging.ERROR):
        result = k2bot("ask", "does mk7 cut the odds of a break")
    assert 0 == result.returncode
    assert "Traceback" not in result.stderr
    # On words alone the paraphrase stays a "did you mean".
    assert result.stdout.startswith("I'm not sure I understood. Did you mean:")
    missing = [r for r in caplog.records if "no_such_table.bin.gz is missing" in r.getMessage()]
    assert 1 == len(missing)


@pytest.fixture(name="english", scope="module")
def _english(content: Content) -> Matcher:
    # English questions are matched on the English patterns alone, as the bot does.
    return Matcher(base_language_only(content))


def test_a_close_call_is_answered_when_the_signal_agrees_with_the_first_suggestion(
    english: Matcher,
) -> None:
    """The words score an answer but a runner-up came close; meaning picks the same one."""
    question = "how is k2 delivered to bones"
    words_only = Matcher(english.content, semantic_limits=SemanticLimits(enabled=False))
    alone = words_only.match(question)
    assert (Outcome.SUGGEST, Reason.AMBIGUOUS) == (alone.outcome, alone.reason)
    assert "reaches_bone" == alone.candidates[0].intent.id
    match = english.match(question)
    assert (Outcome.ANSWER, "reaches_bone") == (match.outcome, match.intent and match.intent.id)
    assert match.semantic is not None and "close call" in match.semantic.why


def test_a_close_call_stays_a_suggestion_when_the_signal_prefers_the_runner_up(
    english: Matcher,
) -> None:
    """Meaning that sides with the second suggestion is no evidence for the first."""
    match = english.match("osteoclasts vs osteocalcin k2 what's the difference")
    assert (Outcome.SUGGEST, Reason.AMBIGUOUS) == (match.outcome, match.reason)
