"""What a responder reads once and remembers (the safety triggers both languages' matchers
share, a normaliser's recent texts, misspelt trigger words) follows an edit of the intents:
a reload on a real folder gives the new answers, in every language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.intents import ContentCache, load_content
from bot.matching import Thresholds
from bot.matching.safety import expression_reach as reach
from bot.matching.safety import reader as safety_reader
from bot.matching.safety import triggers as safety_triggers
from bot.reload import LiveContent
from bot.responder import Responder
from builders import copy_of_shipped, intent_folder

# An article intent, a safety intent with English and Ukrainian triggers, and a synonym:
# enough for a responder with two matchers (English alone, and every language).
TWO_LANGUAGES = """\
source_document: sources/vitamin-k2-article.txt
synonyms:
  k2: [menaquinone]
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns: [what is vitamin k2, tell me about vitamin k2]
    answer: The article says vitamin K2 is a unique vitamin.
    source:
      - "Vitamin K2 is a unique vitamin"
    translations:
      uk:
        patterns: [що таке вітамін к2]
        answer: У статті сказано, що вітамін K2 унікальний.
        title: Що таке вітамін K2?
  - id: safety_medicines
    kind: safety
    title: Medicines
    triggers: [warfarin]
    patterns: [does k2 mix with my medicine]
    answer: Ask your doctor before taking K2 with a medicine.
    translations:
      uk:
        triggers: ["варфарин*"]
        answer: Запитайте лікаря, перш ніж поєднувати K2 з ліками.
"""


def referral(responder: Responder, question: str) -> tuple[str | None, str]:
    """The intent a question is answered with, and the language of the reply."""
    reply = responder.respond(question)
    return (reply.intent.id if reply.intent is not None else None), reply.language


@pytest.fixture(name="live")
def _live(tmp_path: Path) -> LiveContent:
    folder = intent_folder(tmp_path, {"main.yaml": TWO_LANGUAGES})
    return LiveContent(folder, Thresholds(), Responder(load_content(folder)))


def edit(live: LiveContent, old: str, new: str) -> None:
    """Change the intents file on disk and reload it, as the file watcher would."""
    path = live.directory / "main.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert live.reload().applied


def test_both_languages_refer_by_the_same_triggers(live: LiveContent) -> None:
    """An English and a Ukrainian question are referred, each in its own language."""
    assert ("safety_medicines", "en") == referral(live.responder, "i take warfarin, can i take k2")
    assert ("safety_medicines", "uk") == referral(live.responder, "я п'ю варфарин, чи можна к2")


def test_an_added_trigger_refers_after_a_reload_in_every_language(live: LiveContent) -> None:
    """Triggers are read once per content version: a new one counts at once, in both."""
    assert referral(live.responder, "i take apixaban, can i take k2")[0] is None
    assert referral(live.responder, "я п'ю апіксабан, чи можна к2")[0] is None

    edit(live, "triggers: [warfarin]", "triggers: [warfarin, apixaban]")
    edit(live, 'triggers: ["варфарин*"]', 'triggers: ["варфарин*", "апіксабан*"]')

    assert ("safety_medicines", "en") == referral(live.responder, "i take apixaban, can i take k2")
    assert ("safety_medicines", "uk") == referral(live.responder, "я п'ю апіксабан, чи можна к2")


def test_a_removed_trigger_no_longer_refers_after_a_reload(live: LiveContent) -> None:
    """Nothing read from the old triggers survives a reload."""
    edit(live, "triggers: [warfarin]", "triggers: [levothyroxine]")

    assert referral(live.responder, "i take warfarin, can i take k2")[0] is None
    assert referral(live.responder, "i take levothyroxine, can i take k2")[0] == "safety_medicines"


def test_a_misspelt_trigger_word_is_read_alike_until_the_trigger_is_removed(
    live: LiveContent,
) -> None:
    """A misspelling is looked up once and remembered; a reload forgets it with the trigger."""
    for _ in range(2):  # the second time from what was remembered
        assert referral(live.responder, "i take warfrin, can i take k2")[0] == "safety_medicines"

    edit(live, "triggers: [warfarin]", "triggers: [levothyroxine]")

    assert referral(live.responder, "i take warfrin, can i take k2")[0] is None


def test_an_edited_synonym_is_followed_after_a_reload(live: LiveContent) -> None:
    """A normaliser's remembered texts belong to one synonym table: a new table, new readings."""
    question = "what is vitamin mk7"
    assert live.responder.respond(question).intent is None
    live.responder.respond(question)  # now among the texts the normaliser remembers

    edit(live, "k2: [menaquinone]", "k2: [menaquinone, mk7]")

    reply = live.responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "what_is_k2"


# -- readings kept between starts (the content cache's folder) ----------------------------

# Safety questions in several languages, each with the referral and its language.
REFERRALS = [
    ("i take warfarin, can i take k2", "safety_medicines", "en"),
    ("can my 7 year old take k2", "safety_children", "en"),
    ("я беременна, можно пить к2?", "safety_pregnancy", "ru"),
    ("Ich nehme Marcumar, darf ich Vitamin K2 nehmen?", "safety_medicines", "de"),
    ("هل يجوز تناول فيتامين k2 للحامل", "safety_pregnancy", "ar"),
    ("洗腎的人可以吃K2嗎", "safety_kidney", "zh"),
]


def kept_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{safety_reader.KEPT_NAME}-*.json"))


def start(intents: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> Responder:
    """A responder as a new process builds it: a fresh cache over the same folder."""
    cache = ContentCache(store)
    monkeypatch.setattr(safety_triggers, "shared_cache", lambda: cache)
    return Responder(load_content(intents, cache=cache))


def referrals(responder: Responder) -> list[tuple[str | None, str]]:
    return [referral(responder, question) for question, _, _ in REFERRALS]


EXPECTED = [(intent_id, language) for _, intent_id, language in REFERRALS]


def test_readings_kept_by_one_start_refer_alike_at_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped triggers are read once and kept; the next start refers exactly alike."""
    intents, store = copy_of_shipped(tmp_path), tmp_path / "cache"

    assert EXPECTED == referrals(start(intents, store, monkeypatch))
    assert 1 == len(kept_files(store))
    assert EXPECTED == referrals(start(intents, store, monkeypatch))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"data":{', '"data":{"stem\\u0000x":"not a reading",', 1),
        lambda text: text.replace('"key":"', '"key":"another', 1),
    ],
    ids=["cut short", "out of shape", "another key"],
)
def test_damaged_kept_readings_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
) -> None:  # type: ignore[no-untyped-def]
    """Whatever is found on disk, the referrals are what the triggers say."""
    intents, store = copy_of_shipped(tmp_path), tmp_path / "cache"
    start(intents, store, monkeypatch)
    for kept in kept_files(store):
        kept.write_text(damage(kept.read_text(encoding="utf-8")), encoding="utf-8")

    assert EXPECTED == referrals(start(intents, store, monkeypatch))


def test_an_edited_trigger_is_read_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept readings are per spelling: a new trigger is read, a removed one is gone."""
    intents, store = copy_of_shipped(tmp_path), tmp_path / "cache"
    start(intents, store, monkeypatch)
    safety = intents / "safety.yaml"
    text = safety.read_text(encoding="utf-8")
    assert "      - jantoven\n" in text
    safety.write_text(text.replace("      - jantoven\n", "      - zyxoban\n"), encoding="utf-8")

    responder = start(intents, store, monkeypatch)
    assert ("safety_medicines", "en") == referral(responder, "zyxoban and k2")
    assert referral(responder, "jantoven and k2")[0] is None


def test_kept_readings_belong_to_their_synonyms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trigger word that a new synonym rewrites is read again with the new synonyms."""
    monkeypatch.setattr(safety_reader, "KEPT_TRIGGERS", 1)
    intents = intent_folder(
        tmp_path,
        {"main.yaml": TWO_LANGUAGES.replace("triggers: [warfarin]", "triggers: [marevan]")},
    )
    store = tmp_path / "cache"
    assert referral(start(intents, store, monkeypatch), "i take marevan, k2?")[0] == (
        "safety_medicines"
    )
    main = intents / "main.yaml"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            "k2: [menaquinone]", "k2: [menaquinone]\n  blood thinner: [marevan]"
        ),
        encoding="utf-8",
    )

    # "marevan" now reads "blood thinner", in the question and in the trigger alike.
    responder = start(intents, store, monkeypatch)
    assert referral(responder, "i take marevan, k2?")[0] == "safety_medicines"


# -- trigger expressions' reaches kept between starts ---------------------------------------


def reaches_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{safety_reader.REACHES_NAME}-*.json"))


def warm_start(intents: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> Responder:
    """A new process's responder, warmed up: it has forgotten every reach worked out before."""
    monkeypatch.setattr(reach, "_remembered", {})
    reach._parsed_reach.cache_clear()
    monkeypatch.setattr(safety_reader, "KEPT_TRIGGERS", 1)  # a small content is kept too
    responder = start(intents, store, monkeypatch)
    responder.warm_up()
    return responder


TWO_REFERRALS = [
    (("safety_medicines", "en"), "i take warfarin, can i take k2"),
    (("safety_medicines", "uk"), "я п'ю варфарин, чи можна к2"),
]


def test_a_warm_up_parses_no_expression_an_earlier_start_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing every trigger's expression for its reach is a third of a warm-up: the first
    start keeps the reaches, the next takes them, and refers exactly alike."""
    intents, store = intent_folder(tmp_path, {"main.yaml": TWO_LANGUAGES}), tmp_path / "cache"
    warm_start(intents, store, monkeypatch)
    assert 1 == len(reaches_files(store))

    responder = warm_start(intents, store, monkeypatch)  # forgets, then parses nothing
    assert 0 == reach._parsed_reach.cache_info().misses
    for expected, question in TWO_REFERRALS:
        assert expected == referral(responder, question)


def test_kept_reaches_read_back_as_parsing_gives_them(responder: Responder) -> None:
    """Every shipped expression's reach, written and read back, is what parsing gives."""
    expressions = sorted(responder.matcher.safety._expressions())
    parsed = {expression: reach.expression_reach(expression) for expression in expressions}
    assert parsed == safety_reader._decoded_reaches(json.loads(json.dumps(parsed)))
    assert len({r for r in parsed.values()}) > 3  # not one reach for all


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"data":{', '"data":{"x":[1,"far",true],', 1),
        lambda text: text.replace('"data":{', '"data":{"x":[null,0],', 1),
    ],
    ids=["cut short", "out of shape", "too short"],
)
def test_damaged_kept_reaches_are_worked_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
) -> None:  # type: ignore[no-untyped-def]
    """A damaged file of reaches is not taken: the warm-up parses, and refers alike."""
    intents, store = intent_folder(tmp_path, {"main.yaml": TWO_LANGUAGES}), tmp_path / "cache"
    warm_start(intents, store, monkeypatch)
    for kept in reaches_files(store):
        kept.write_text(damage(kept.read_text(encoding="utf-8")), encoding="utf-8")

    responder = warm_start(intents, store, monkeypatch)
    assert reach._parsed_reach.cache_info().misses > 0
    for expected, question in TWO_REFERRALS:
        assert expected == referral(responder, question)
