"""What users notice about matching: the right answer, the honest fallback, safety first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.evaluate import read_examples
from bot.intents import Content, Kind
from bot.matching import Matcher, Outcome, Reason, Thresholds
from bot.responder import Responder
from bot.text import Normalizer, fold

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("why doesnt my calcium work", "calcium_not_working"),
        ("mk7 vs mk4?", "forms_mk4_mk7"),
        ("k2 and d3 together??", "k2_with_d3"),
        ("WHAT IS VITAMIN K2", "what_is_k2"),
        ("does k2 help calcium absorption?", "calcium_absorption"),
        ("osteoperosis in old age mk7", "mk7_elderly_osteoporosis"),
        ("does vitamin k2 reduce fractures by 87%?", "fracture_risk"),
        ("osteoclasts", "osteoclasts_bone_loss"),
        ("what is osteocalcin", "osteocalcin"),
        ("where is menaquinone-7 made", "where_forms_made"),
        ("hi there! quick question: is k2 made by gut bacteria?", "gut_bacteria"),
        ("thx", "thanks"),
        ("heyyy 👋", "greeting"),
    ],
)
def test_answers_real_user_phrasings(responder: Responder, question: str, intent: str) -> None:
    """Typos, slang, caps and greetings in front still reach the right answer."""
    reply = responder.respond(question)
    assert (Outcome.ANSWER, intent) == (reply.outcome, reply.intent and reply.intent.id)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("I'm on warfarin, can I take mk-7 for my bones?", "safety_medicines"),
        ("im pregnant is k2 good for bone density", "safety_pregnancy"),
        ("can my kids take k2 with d3", "safety_children"),
        ("how many mcg of mk7 per day", "safety_dose"),
        ("i have kidney disease, does k2 help calcium absorption", "safety_kidney"),
        ("surgery next week, should i stop k2", "safety_surgery"),
        ("chest pain after taking calcium and k2", "safety_emergency"),
        ("warfrin and k2", "safety_medicines"),
    ],
)
def test_safety_questions_always_get_the_safety_answer(
    responder: Responder, question: str, intent: str
) -> None:
    """Safety is recognised before ordinary matching, even when an article topic is named."""
    reply = responder.respond(question)
    assert intent == (reply.intent and reply.intent.id)
    assert Kind.SAFETY is reply.intent.kind
    assert () == reply.sources


@pytest.mark.parametrize(
    "question",
    [
        "what does vitamin c do",
        "which foods are high in k2",
        "side effects of mk7",
        "how do i make a bank transfer",
        "what's the weather tomorrow in london",
        "how tall is k2",
        "tell me a joke",
        "k2 for heart health",
    ],
)
def test_falls_back_when_the_article_does_not_answer(responder: Responder, question: str) -> None:
    """Off-topic and near-miss questions fall back instead of getting the nearest K2 answer."""
    reply = responder.respond(question)
    assert (Outcome.FALLBACK, None) == (reply.outcome, reply.intent)
    assert "/topics" in reply.text


@pytest.mark.parametrize("question", ["vitamin", "vitamins please", "k2 stuff"])
def test_common_words_alone_are_never_answered(responder: Responder, question: str) -> None:
    """A question made only of words every intent shares is not answered outright."""
    assert Outcome.ANSWER is not responder.respond(question).outcome


def test_common_words_do_not_carry_a_match(content: Content) -> None:
    """'vitamin' and 'k2' weigh little; 'd3' and 'osteoclast' weigh a lot."""
    matcher = Matcher(content)
    weight = matcher.word_weight
    assert weight("k2") < 0.5
    assert weight("vitamin") < 0.7
    assert min(weight("d3"), weight("osteoclast"), weight("fracture"), weight("mk7")) > 1.0


def test_suggestions_are_distinct_and_at_most_three(content: Content) -> None:
    """A medium-confidence question offers up to three different intents."""
    matcher = Matcher(content, thresholds=Thresholds(accept=99.9, suggest=20, margin=0))
    match = matcher.match("k2 calcium bones")
    assert Outcome.SUGGEST is match.outcome
    ids = [i.id for i in match.suggestions]
    assert 1 <= len(ids) <= 3
    assert len(set(ids)) == len(ids)


def test_close_call_suggests_instead_of_guessing(content: Content) -> None:
    """When the two best intents score almost the same, the bot asks rather than guesses."""
    matcher = Matcher(content, thresholds=Thresholds(accept=40, suggest=20, margin=100))
    match = matcher.match("does k2 help calcium go into the bones")
    assert Outcome.SUGGEST is match.outcome
    assert len(match.suggestions) >= 2


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "?!?!...",
        "x" * 10_000,
        "k2\x00\x1b[31m\u200b\u202e",
        "витамин К2 что это",
        "K2とは何ですか",
        "<b>k2 & d3</b>",
        "\ud800 lone surrogate",
    ],
)
def test_weird_input_gets_a_polite_reply(responder: Responder, question: str) -> None:
    """Nothing a user types crashes the responder; every reply is non-empty text."""
    reply = responder.respond(question)
    assert reply.text.strip()
    assert len(reply.text) < 4096


def test_normalizer_folds_unicode_punctuation_and_synonyms() -> None:
    """Case, accents, emoji, zero-width characters and synonyms all fold to one form."""
    normalizer = Normalizer({"mk7": ("mk 7", "menaquinone 7")})
    assert "what is mk7" == normalizer.normalize("What is MENAQUINONE-7?! 🤔")
    assert "mk7" == normalizer.normalize("mk\u200b7")
    assert "cafe" == fold("Café")


def test_thresholds_reject_nonsense() -> None:
    """Thresholds out of order are refused with a clear message."""
    with pytest.raises(ValueError, match="suggest <= accept"):
        Thresholds(accept=40, suggest=60)


def test_core_never_imports_telegram() -> None:
    """The core (intents, text, matching, responder, evaluate, cli) runs without telegram."""
    code = (
        "import sys, bot.cli, bot.intents, bot.text, bot.matching, bot.responder, bot.evaluate, "
        "bot.terminal, bot.confusability, bot.markup; assert 'telegram' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_default_margin_turns_a_near_tie_into_a_question(responder: Responder) -> None:
    """With the shipped thresholds, two intents within the margin get "did you mean", not a guess."""
    matcher = responder.matcher
    limits = responder.thresholds
    near_ties = []
    for example in read_examples(DATA / "dev_questions.jsonl"):
        match = matcher.match(example.question)
        answerable = [c for c in match.candidates if c.intent.answers_the_question]
        if (
            match.reason is not Reason.SAFETY_TRIGGER
            and len(answerable) >= 2
            and match.candidates[0] is answerable[0]
            and answerable[0].score >= limits.accept
            and not answerable[0].exact
            and answerable[0].score - answerable[1].score < limits.margin
        ):
            near_ties.append((example.question, match))
    assert near_ties, "the dev set should hold some genuinely ambiguous questions"
    for question, match in near_ties:
        assert Outcome.SUGGEST is match.outcome, question
        assert len(match.suggestions) >= 2, question


def test_typo_memory_is_bounded_and_shared_safely_between_threads() -> None:
    """Many threads correcting many misspellings at once get the same answers as one
    thread, and the memory never grows past its bound."""
    from concurrent.futures import ThreadPoolExecutor

    from bot.matching.typos import TypoCorrector

    corrector = TypoCorrector(["osteoporosis", "osteocalcin", "fracture"], set(), max_remembered=8)
    words = [f"osteoporosiz{n % 3}" if n % 2 else "osteocalcim" for n in range(200)]
    expected = [TypoCorrector(["osteoporosis", "osteocalcin"], set()).correct(w) for w in words]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(corrector.correct, words))
    assert got == expected
    assert "osteocalcin" in got
    assert len(corrector) <= 8
