"""What users notice about matching: the right answer, the honest fallback, safety first."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from bot.data import DEV_QUESTIONS
from bot.evaluate import read_examples
from bot.intents import Content, Kind, load_content
from bot.matching import Matcher, Outcome, Reason, SemanticLimits, Thresholds
from bot.responder import Responder
from bot.text import Normalizer, fold
from builders import K2bot, intent_folder


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
    """A medium-confidence question offers up to three different intents (words alone)."""
    matcher = Matcher(
        content,
        thresholds=Thresholds(accept=99.9, suggest=20, margin=0),
        semantic_limits=SemanticLimits(enabled=False),
    )
    match = matcher.match("k2 calcium bones")
    assert Outcome.SUGGEST is match.outcome
    ids = [i.id for i in match.suggestions]
    assert 1 <= len(ids) <= 3
    assert len(set(ids)) == len(ids)


def test_close_call_suggests_instead_of_guessing(content: Content) -> None:
    """When the two best intents score almost the same, the bot asks rather than guesses.

    (With the words alone: the paraphrase signal may settle a close call, see
    tests/test_semantic.py.)
    """
    matcher = Matcher(
        content,
        thresholds=Thresholds(accept=40, suggest=20, margin=100),
        semantic_limits=SemanticLimits(enabled=False),
    )
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


# Run in a fresh interpreter: imports every module of `bot` outside bot.telegram, found by
# pkgutil.walk_packages, then prints them. walk_packages imports each package to look inside
# it, so the adapter is refused at the import system: the walk skips it, and a core module
# importing it fails loudly. bot.__main__ is left out because importing it runs the program.
IMPORT_THE_CORE = """
import importlib, pkgutil, sys

class RefuseTheAdapter:
    def find_spec(self, name, path=None, target=None):
        if name == "bot.telegram" or name.startswith("bot.telegram."):
            raise ImportError(f"the core imported {name}")
        return None

sys.meta_path.insert(0, RefuseTheAdapter())
import bot

names = [
    m.name
    for m in pkgutil.walk_packages(bot.__path__, "bot.")
    if m.name != "bot.__main__" and not m.name.startswith("bot.telegram")
]
for name in names:
    importlib.import_module(name)  # raises again what the walk ignored
assert "telegram" not in sys.modules, "a core module imported python-telegram-bot"
print("\\n".join(names))
"""


def test_core_never_imports_telegram() -> None:
    """Every module outside bot/telegram/ imports without loading python-telegram-bot."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_THE_CORE], capture_output=True, text=True, check=False
    )
    assert 0 == done.returncode, done.stderr
    imported = set(done.stdout.split())
    # The walk found the whole core, not a hand-picked part of it.
    assert {"bot.cli", "bot.questionlog", "bot.report.render", "bot.settings"} <= imported
    assert {"bot.matching.scoring", "bot.content.schema", "bot.reload"} <= imported


TWO_CLOSE_INTENTS = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: bone_density
    kind: article
    title: Bone density
    patterns:
      - does vitamin k2 keep bones strong
    answer: The article says K2 maintains bone mineral density.
    source:
      - "vitamin K2 supplementation can effectively maintain bone mineral density"
  - id: fracture_risk
    kind: article
    title: Fracture risk
    patterns:
      - does vitamin k2 keep bones from breaking
    answer: The article says supplementation can reduce fracture risk.
    source:
      - "reduce fracture risk by 87%"
"""


def test_default_margin_turns_a_near_tie_into_a_question(tmp_path: Path) -> None:
    """With the shipped thresholds, two intents within the margin get "did you mean", not a guess.

    Two intents written to fit one question almost equally (the dev set's own near ties come
    and go as readings improve, so they cannot be relied on to hold one). By the words alone:
    the paraphrase signal may settle a near tie, see tests/test_semantic.py.
    """
    content = load_content(intent_folder(tmp_path, {"main.yaml": TWO_CLOSE_INTENTS}))
    limits = Thresholds()
    matcher = Matcher(content, semantic_limits=SemanticLimits(enabled=False))
    match = matcher.match("vitamin k2 keep bones strong or from breaking")
    first, second = match.candidates[:2]
    assert first.score >= limits.accept  # an answer, were it not for the runner-up
    assert first.score - second.score < limits.margin
    assert Outcome.SUGGEST is match.outcome
    assert {"bone_density", "fracture_risk"} == {i.id for i in match.suggestions}


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


# -- Issue 12: understanding that generalises ----------------------------------------------
# Each table is one failure class; the rows are our own variants, a few from the issue.


@pytest.mark.parametrize(
    "question",
    [
        "what type of battery does my phone take",
        "what are the benefits of a gym membership",
        "how many days until christmas",
        "convert 30 euros to dollars",
        "what number should i call for a taxi",
        "health insurance for students",
        "what kind of dog is best for a flat",
        "what are the benefits of meditation",
    ],
)
def test_generic_words_carry_no_answer_and_no_suggestion(
    responder: Responder, question: str
) -> None:
    """Type, number, how many, convert, benefits, health: without a word about K2, bones,
    calcium and the like, the bot neither answers from the article nor offers its topics."""
    reply = responder.respond(question)
    assert reply.outcome is Outcome.FALLBACK
    assert reply.intent is None and reply.suggestions == ()


@pytest.mark.parametrize(
    "question",
    [
        "does coffee stop calcium absorption",
        "does green tea block calcium uptake",
        "collagen for bones",
        "is there k2 in eggs",
        "what is vitamin k",
        "why do my legs cramp at night",
        "does swimming make bones denser",
        "is magnesium good for osteoporosis",
        "does soda leach calcium from bones",
        "k2 for gum disease",
        "how tall is k2 and who climbed it first",
    ],
)
def test_unexplained_content_words_keep_the_bot_from_answering(
    responder: Responder, question: str
) -> None:
    """A near miss (the article doesn't address coffee, collagen, eggs, exercise...) falls
    back or is offered topics; it never gets an article answer."""
    reply = responder.respond(question)
    assert not (reply.outcome is Outcome.ANSWER and reply.intent.kind is Kind.ARTICLE), reply.intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("k2 and vitamin d together?", "k2_with_d3"),
        ("should i take vit d with my k2", "k2_with_d3"),
        ("what does vitamin k2 do for bones", "bone_density"),
        ("k2 function", "benefits_overview"),
        ("what does k2 even do", "benefits_overview"),
        # "exactly" is an intensifier, not a topic: only one intent happened to use it.
        ("what does k2 do exactly", "benefits_overview"),
        ("can k2 make my bones stronger", "bone_density"),
        ("i broke my hip, could k2 lower the chance of another break", "fracture_risk"),
        ("d3k2 combo, why?", "k2_with_d3"),
    ],
)
def test_everyday_phrasings_reach_the_covered_topic(
    responder: Responder, question: str, intent: str
) -> None:
    """Users say "vitamin D", "function", "for bones", "broke": synonyms carry them over."""
    reply = responder.respond(question)
    assert (Outcome.ANSWER, intent) == (reply.outcome, reply.intent and reply.intent.id)


def test_a_fragment_offers_the_topics_it_begins(responder: Responder) -> None:
    """ "osteo" is offered the osteo- topics as suggestions, never answered outright."""
    reply = responder.respond("osteo")
    assert reply.outcome is Outcome.SUGGEST
    offered = {i.id for i in reply.suggestions}
    assert len(offered) >= 2
    assert offered <= {"osteocalcin", "osteoclasts_bone_loss", "mk7_elderly_osteoporosis"}


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("my son swallowed a handful of my k2 capsules", "safety_emergency"),
        ("took 20 k2 pills by accident", "safety_emergency"),
        ("my toddler ate some of my mk7 tablets", "safety_emergency"),
        ("i accidentally took a double handful of vitamin k2", "safety_emergency"),
        ("can a 15 year old take mk7", "safety_children"),
        ("is k2 ok for my 16yo", "safety_children"),
        ("k2 for teens?", "safety_children"),
        ("is it ok to take k2 every day", "safety_dose"),
        ("can i take mk7 long term", "safety_dose"),
        ("when should you not take k2", "safety_dose"),
        ("ok so should i take it?", "safety_dose"),
        ("who shouldnt use vitamin k2", "safety_dose"),
        ("is 500mcg of k2 too high", "safety_dose"),
        ("im on coumadin", "safety_medicines"),
        ("does k2 clash with marcumar", "safety_medicines"),
        ("xarelto and mk7", "safety_medicines"),
        ("estoy embarazada, puedo tomar k2?", "safety_pregnancy"),
        ("kann mein sohn k2 nehmen", "safety_children"),
        # Personal decisions: whether to take it is for a doctor.
        ("is it ok for me to take k2", "safety_dose"),
        ("should my mom take k2", "safety_dose"),
        ("is k2 safe for older people", "safety_dose"),
        ("im 70, is k2 a good idea at my age", "safety_dose"),
        ("k2 every morning ok?", "safety_dose"),
        ("can i take k2 if i have high blood pressure", "safety_dose"),
        ("can you overdose on k2", "safety_dose"),
        # Overdoses, however phrased, and whoever took them.
        ("my daughter took an overdose of k2", "safety_emergency"),
        ("my son swallowed like 15 of my k2 capsules", "safety_emergency"),
        # Medicines named generically.
        ("im on statins is k2 ok", "safety_medicines"),
        ("does k2 interfere with my medication", "safety_medicines"),
        ("k2 and blood pressure meds", "safety_medicines"),
    ],
)
def test_safety_triggers_have_recall(responder: Responder, question: str, intent: str) -> None:
    """Overdoses, teenagers, daily use, who should not take it, anticoagulant brands, and
    other languages all reach the doctor (or emergency) referral."""
    reply = responder.respond(question)
    assert intent == (reply.intent and reply.intent.id)


@pytest.mark.parametrize(
    "question", ["i take calcium every day but my legs still cramp", "i took 2 k2 pills today"]
)
def test_ordinary_mentions_of_days_and_pills_are_not_emergencies(
    responder: Responder, question: str
) -> None:
    """Triggers are phrases, not loose words: taking calcium daily is no overdose."""
    reply = responder.respond(question)
    assert not (reply.intent is not None and reply.intent.id == "safety_emergency")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("helo", "greeting"),
        ("hellooo there", "greeting"),
        ("ok thanks bye", "goodbye"),
        ("thanks, bye!", "goodbye"),
        ("how does this bot work", "about_bot"),
        ("who made you", "about_bot"),
    ],
)
def test_small_talk_is_recognised(responder: Responder, question: str, intent: str) -> None:
    """Misspelt greetings, thanks-and-bye and questions about the bot get small talk."""
    reply = responder.respond(question)
    assert (Outcome.ANSWER, intent) == (reply.outcome, reply.intent and reply.intent.id)


@pytest.mark.parametrize(
    "question",
    [
        "translate good morning into french",
        "yo does k2 even work lol",
        "good morning, what is k2?",
        "thanks for nothing, where does k2 come from",
    ],
)
def test_a_message_with_more_than_small_talk_is_not_small_talk(
    responder: Responder, question: str
) -> None:
    """A greeting inside a request or a question is not answered with a greeting."""
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.SMALLTALK


@pytest.mark.parametrize("question", ["how?", "what?", "who?"])
def test_a_bare_question_word_is_not_small_talk(responder: Responder, question: str) -> None:
    """ "how?" after an answer is not "how are you": small talk needs its own words."""
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.SMALLTALK


def test_many_phrasings_of_one_intent_do_not_win_others_questions(content: Content) -> None:
    """An intent stuffed with noisy phrasings (every other article pattern with "benefits",
    "good" or "pros" in front, as an editor pasting carelessly might) does not take the
    questions that belong to the other intents."""
    from dataclasses import replace

    noisy = content.by_id["benefits_overview"]
    others = [p for i in content.of_kind(Kind.ARTICLE) if i is not noisy for p in i.patterns]
    extra = tuple(f"{word} {p}" for p in others for word in ("benefits", "good", "pros"))
    stuffed = replace(noisy, patterns=noisy.patterns + extra)
    intents = tuple(stuffed if i.id == noisy.id else i for i in content.intents)
    matcher = Matcher(replace(content, intents=intents))
    for question, intent in [
        ("is mk7 good for old people with osteoporosis", "mk7_elderly_osteoporosis"),
        ("how does k2 get calcium into bones", "osteocalcin"),
        ("can k2 lower my risk of a broken bone", "fracture_risk"),
        ("why are my calcium pills not working", "calcium_not_working"),
        ("does k2 slow bone loss", "osteoclasts_bone_loss"),
    ]:
        match = matcher.match(question)
        assert (Outcome.ANSWER, intent) == (match.outcome, match.intent and match.intent.id)


def test_fallback_names_what_the_article_does_not_cover(responder: Responder) -> None:
    """A question about K2 in food is told foods aren't covered, and what is."""
    reply = responder.respond("what about eating natto or cheese for my k2, any good?")
    assert reply.outcome is Outcome.FALLBACK
    assert "foods" in reply.text
    assert "I can answer questions about" in reply.text


def test_explain_shows_what_counted_for_and_against(responder: Responder) -> None:
    """An editor sees the words for and against with weights, the domain check, the
    runner-up, the thresholds and the reason."""
    explanation = responder.matcher.explain("does coffee stop calcium absorption")
    data = explanation.as_dict()
    assert data["domain_check"]["passed"] is True
    assert "calcium" in data["best"]["words_for"]
    assert data["best"]["words_against"]["coffee"] > 0
    assert data["runner_up"] is not None
    assert data["thresholds"]["accept"] == responder.thresholds.accept
    assert data["reason"] == responder.matcher.match("does coffee stop calcium absorption").reason
    text = explanation.render()
    assert "words against: coffee" in text and "domain check: passed" in text

    generic = responder.matcher.explain("what type of battery does my phone take").as_dict()
    assert generic["domain_check"]["passed"] is False
    assert generic["outcome"] == "fallback"


def test_ask_explain_keeps_the_json_contract(responder: Responder) -> None:
    """`k2bot ask --json --explain` keeps every contract key and adds one 'explain' object;
    without --explain the keys are exactly the contract."""
    import json

    from bot.cli import main

    def run(*args: str) -> dict[str, object]:
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["ask", *args, "is there k2 in eggs"]) == 0
        return json.loads(out.getvalue())

    plain = run("--json")
    explained = run("--json", "--explain")
    assert list(plain) == ["question", "intent", "score", "answer", "suggestions", "elapsed_ms"]
    assert list(explained) == [*plain, "explain"]
    assert explained["explain"]["best"]["intent"] == "oos_food_sources"


def test_explain_names_the_safety_trigger_the_reply_was_given_for(
    responder: Responder, k2bot: K2bot
) -> None:
    """Polish typed without its letters also reads as Russian in Latin letters ("dawka" as
    "давка"): the referral comes from the words as typed, and `ask --explain` names that
    trigger, as text and as JSON, instead of saying none was found."""
    import json

    # ("witaminy k", the family's name, is a Polish synonym now: "witamin" is not.)
    question = "jaka dawka witamin k2"
    matcher = responder.matcher_for(question)
    normalized = matcher.normalizer.normalize(question)
    assert matcher.safety_intent_for(normalized) is None, "premise: the Russian reading has none"

    shown = json.loads(k2bot("ask", "--json", "--explain", question).stdout)
    assert "safety_dose" == shown["intent"]
    assert "safety_dose" == shown["explain"]["safety_trigger"]
    assert ["jaka", "dawka", "witamin", "k2"] == shown["explain"]["safety_words_as_typed"]
    printed = k2bot("ask", "--explain", question).stdout
    assert (
        "safety trigger: safety_dose (checked before anything else; "
        "found in the words as typed: jaka dawka witamin k2)"
    ) in printed


def test_every_word_of_the_article_counts_as_its_vocabulary(content: Content) -> None:
    """The article's domain terms come from all of it, not from the first 1,500 characters
    a user's message is cut to: osteoclast, apoptosis, D3 and mineralization appear only
    past that point, and count as the article's own words, not only through synonyms."""
    late = ["osteoclast", "apoptosis", "d3", "mineralization", "absorption"]
    normalizer = Normalizer()
    opening = set(normalizer.tokens(content.document.text[:1500]))
    assert [] == [w for w in late if w in opening], "premise: these words come later"
    assert set(late) <= Matcher(content).index.domain


@pytest.fixture(name="safety_orders", scope="module")
def _safety_orders(content: Content) -> list[Matcher]:
    """Matchers over the shipped content with its safety intents in three orders."""
    safety = content.of_kind(Kind.SAFETY)
    others = tuple(i for i in content.intents if i.kind is not Kind.SAFETY)
    orders = (safety, safety[::-1], tuple(sorted(safety, key=lambda i: i.id)))
    return [Matcher(dataclasses.replace(content, intents=order + others)) for order in orders]


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("we are trying for a baby, is k2 ok", "safety_pregnancy"),
        ("my son swallowed a handful of my k2 capsules", "safety_emergency"),
        ("my kid took 20 k2 pills", "safety_emergency"),
    ],
)
def test_the_most_specific_safety_trigger_wins_whatever_the_order(
    safety_orders: list[Matcher], question: str, intent: str
) -> None:
    """Which referral a question gets does not depend on the order of the safety intents
    in their file: the longest trigger it holds decides ("trying for a baby" is not about
    children; a swallowed handful is an emergency, whoever swallowed it)."""
    for matcher in safety_orders:
        match = matcher.match(question)
        order = [i.id for i in matcher.content.of_kind(Kind.SAFETY)]
        assert intent == (match.intent and match.intent.id), order


def test_no_safety_question_of_the_dev_set_depends_on_the_file_order(
    safety_orders: list[Matcher],
) -> None:
    """Every safety question of the dev set gets the same referral with the safety
    intents in reverse order."""
    forward, backward = safety_orders[:2]
    questions = [e.question for e in read_examples(DEV_QUESTIONS) if e.kind == "safety"]
    assert len(questions) > 100
    changed = [q for q in questions if forward.match(q).intent != backward.match(q).intent]
    assert [] == changed


def test_safety_triggers_fire_on_no_other_question_of_the_dev_set(content: Content) -> None:
    """No article question, near miss, off-topic request or small talk of the dev set holds
    a safety trigger: the triggers' recall costs no false referrals ("i take it every
    morning" about calcium, "can i take vitamin d3 and k2 at the same time")."""
    matcher = Matcher(content)
    others = [e for e in read_examples(DEV_QUESTIONS) if e.kind != "safety"]
    assert len(others) > 700
    triggered = [
        e.question for e in others if matcher.match(e.question).reason is Reason.SAFETY_TRIGGER
    ]
    assert [] == triggered


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("my husband bought a bottle of k2, what's the point of it", "benefits_overview"),
        ("i keep seeing vitamin k2 all over instagram, what is that", "what_is_k2"),
        ("we talked about mk7 at dinner, where does it come from", "where_forms_made"),
        # A frame swallows the pointer ("what is it meant to do" reads as "benefit").
        (
            "my gym buddy handed me a bottle of k2 and called it a miracle pill, "
            "what is it really meant to do",
            "benefits_overview",
        ),
    ],
)
def test_it_in_the_last_clause_is_the_subject_named_before(
    responder: Responder, question: str, intent: str
) -> None:
    """Back-story naming K2, then a short question about "it": the question is about K2,
    and is answered rather than only offered."""
    reply = responder.respond(question)
    assert intent == (reply.intent and reply.intent.id)


@pytest.mark.parametrize(
    "question",
    [
        "A colleague recommended vitamin k2 to me. Before I buy a bottle, what are the benefits?",
        "My neighbour started taking k2 last spring. Honestly, what is the purpose?",
        # A synonym swallows the question word ("what does it do" reads as "benefit").
        "My sister keeps talking about k2 at dinner. Seriously, what does it do?",
    ],
)
def test_an_elliptical_last_question_asks_about_the_subject_named_before(
    responder: Responder, question: str
) -> None:
    """Back-story naming K2 in one sentence, then "what are the benefits?" in the next:
    the benefits of K2 are answered, not lost to the back-story's words."""
    reply = responder.respond(question)
    assert "benefits_overview" == (reply.intent and reply.intent.id)


@pytest.mark.parametrize(
    "question",
    ["we went hiking near k2. what should i pack?", "trekking to k2 base camp, how many days"],
)
def test_an_unrelated_last_question_is_not_read_as_about_k2(
    responder: Responder, question: str
) -> None:
    """A question in words no intent uses, or an aside in the same sentence, stays unanswered."""
    match = responder.matcher.match(question)
    assert match.outcome is not Outcome.ANSWER


def test_it_is_not_the_subject_when_the_last_clause_names_something_else(
    responder: Responder,
) -> None:
    """ "k2 mountain looks amazing, how tall is it" stays the mountain: declined."""
    match = responder.matcher.match("k2 mountain looks amazing, how tall is it")
    assert match.reason is Reason.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("my old man is 80, does k2 work with vitamin d?", "k2_with_d3"),
        ("pensioner here - where is mk7 made?", "where_forms_made"),
        ("Could you kindly explain to an old man what this vitamin K2 is?", "what_is_k2"),
        # Still the elderly intent when the question is about older people.
        ("is mk7 good for my grandma's osteoporosis", "mk7_elderly_osteoporosis"),
    ],
)
def test_who_asks_does_not_outweigh_what_is_asked(
    responder: Responder, question: str, intent: str
) -> None:
    """Words naming people ("my old man", "pensioner") say who asks, not what is asked."""
    reply = responder.respond(question)
    assert intent == (reply.intent and reply.intent.id)


def test_people_terms_come_from_the_synonyms(responder: Responder) -> None:
    """A term whose synonyms name people ("older people", "grandma") is a people term."""
    assert "elderly" in responder.matcher.index.people
    assert not {"calcium", "bone", "k2"} & responder.matcher.index.people


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("I'm 72. What is vitamin K2?", "what_is_k2"),
        ("I'm 72, what is vitamin k2?", "what_is_k2"),
        ("my mom is 77 and has brittle bones. does k2 stop osteoclasts?", "osteoclasts_bone_loss"),
    ],
)
def test_a_whole_question_after_back_story_is_read_alone(
    responder: Responder, question: str, intent: str
) -> None:
    """Back-story before a question that names K2 itself only blurs its shape."""
    reply = responder.respond(question)
    assert intent == (reply.intent and reply.intent.id)


@pytest.mark.parametrize(
    "question",
    ["My mum is 70. Is k2 good for her heart?", "I'm 72. Does k2 help with sleep?"],
)
def test_a_near_miss_after_back_story_stays_unanswered(responder: Responder, question: str) -> None:
    """Read alone, a question the article doesn't answer is still not answered."""
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("I heard about osteoclasts. what are the overall benefits of k2?", "benefits_overview"),
        ("my wife has osteoporosis. where does k2 come from?", "gut_bacteria"),
        ("I'm 68 with osteopenia. How does k2 get into my bones?", "reaches_bone"),
        # A question with nothing of its own leans on what came before.
        ("I broke my wrist last year. Can k2 help?", "fracture_risk"),
        ("My grandmother has osteoporosis. Would mk7 help her?", "mk7_elderly_osteoporosis"),
    ],
)
def test_the_sentence_that_asks_outweighs_the_back_story(
    responder: Responder, question: str, intent: str
) -> None:
    """After statements, a last sentence that asks something of its own is what is asked."""
    reply = responder.respond(question)
    assert intent == (reply.intent and reply.intent.id)


def test_a_person_word_weighs_little_against_the_topic(responder: Responder) -> None:
    """ "woman" in "as a 65 year old woman" says who asks: osteocalcin is what is asked."""
    reply = responder.respond("As a 65 year old woman, I want to know what k2 does to osteocalcin")
    assert "osteocalcin" == (reply.intent and reply.intent.id)


def test_it_in_a_question_after_statements_is_the_subject_they_named(
    responder: Responder,
) -> None:
    """The statements name K2 and gut bacteria; "does it help fractures?" asks about K2."""
    reply = responder.respond("I've read k2 is made by gut bacteria. does it help fractures?")
    assert "fracture_risk" == (reply.intent and reply.intent.id)
