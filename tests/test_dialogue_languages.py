"""Conversations in other languages: Russian follow-ups, and cue words that are data.

The words that tell a follow-up (Russian "why?", "and it…", "source?") live in
`bot/data/dialogue/<code>.yaml`; a new language is a new file, and a broken file is one
clear error naming the file and line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.dialogue import Decision, Dialogue, Turn
from bot.dialogue_cues import load_cues, shipped_cues
from bot.dialogue_eval import evaluate_conversations, read_conversations
from bot.errors import ConfigError
from bot.markup import to_plain_text
from bot.matching import Outcome
from bot.responder import Responder
from builders import REPO

RUSSIAN_CONVERSATIONS = REPO / "tests" / "data" / "conversations_ru.jsonl"
SHIPPED_CUES = REPO / "bot" / "data" / "dialogue"


def say(dialogue: Dialogue, text: str, conversation: object = "me") -> Turn:
    (turn,) = dialogue.respond(conversation, text)
    return turn


def intent_of(turn: Turn) -> str | None:
    return turn.reply.intent.id if turn.reply.intent is not None else None


# -- Russian follow-ups ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        # A pronoun: "where is it made?"
        ("что такое к2", "а где он вырабатывается?", "gut_bacteria"),
        # Elliptical, with the Latin spelling Russians mix in.
        ("где образуется мк7", "а mk4?", "where_forms_made"),
        ("помогает ли к2 плотности костей?", "а для пожилых?", "mk7_elderly_osteoporosis"),
        # "and with d3?": named without its opener, "k2 with d3".
        ("к2 снижает риск переломов?", "а с д3?", "k2_with_d3"),
        # "is it good for bones?"
        ("что такое к2", "а для костей он полезен?", "bone_density"),
    ],
)
def test_russian_follow_ups_lean_on_the_last_answer(
    dialogue: Dialogue, first: str, follow_up: str, expected: str
) -> None:
    """A Russian follow-up is about the topic before it, and says so in Russian."""
    say(dialogue, first)
    turn = say(dialogue, follow_up)
    assert expected == intent_of(turn), turn.explain()
    assert turn.used_context
    assert to_plain_text(turn.reply.html).startswith("↪ о теме: ")


@pytest.mark.parametrize(
    "follow_up",
    [
        "почему?",
        "а почему?",
        "расскажи подробнее",
        "ещё",
        "и что?",
        # A bare "and?" or "and next?" waits for the rest; an interjection may come first.
        "и?",
        "а дальше?",
        "ещё что-нибудь?",
        "интересно, расскажи ещё",
        "а подробности?",
    ],
)
def test_russian_why_and_tell_me_more_continue_the_topic(
    dialogue: Dialogue, follow_up: str
) -> None:
    """ "почему?" and "расскажи подробнее" give the topic's next related answer, not a guess."""
    first = say(dialogue, "что такое к2")
    turn = say(dialogue, follow_up)
    assert Decision.CONTINUED is turn.decision, turn.explain()
    assert turn.reply.intent is not None
    assert turn.reply.intent.id in first.reply.intent.related  # type: ignore[union-attr]
    assert Outcome.ANSWER is turn.reply.outcome  # not topics offered


def test_a_russian_run_of_more_never_repeats_an_answer(dialogue: Dialogue) -> None:
    """ "ещё", "ещё", "ещё": each a new related answer, then an honest "that's all"."""
    say(dialogue, "что к2 делает с остеокальцином")
    texts = [say(dialogue, "ещё").reply.html for _ in range(3)]
    assert len(set(texts)) == 3
    last = say(dialogue, "ещё")
    assert Decision.NOTHING_MORE is last.decision
    assert last.reply.intent is None


@pytest.mark.parametrize(
    "ask", ["источник?", "где это написано?", "пруф?", "правда?", "точно?", "откуда ты знаешь?"]
)
def test_a_russian_source_request_quotes_the_last_answer(dialogue: Dialogue, ask: str) -> None:
    """The source of the answer before, as the Source button shows it."""
    say(dialogue, "надо ли пить к2 с д3")
    turn = say(dialogue, ask)
    assert Decision.SOURCE is turn.decision
    assert "k2_with_d3" == intent_of(turn)


def test_a_question_about_sources_of_k2_is_not_a_source_request(dialogue: Dialogue) -> None:
    """ "источники витамина к2" asks where K2 comes from, not for the answer's source."""
    say(dialogue, "что такое к2")
    assert Decision.SOURCE is not say(dialogue, "источники витамина к2?").decision


def test_safety_and_not_covered_still_win_in_russian(dialogue: Dialogue) -> None:
    """ "and for children?" is a referral; "and from which foods?" is honestly not covered."""
    say(dialogue, "к2 и д3 вместе?")
    assert "safety_children" == intent_of(say(dialogue, "а детям можно?"))
    say(dialogue, "что такое к2?", conversation="other")
    assert intent_of(say(dialogue, "а из каких продуктов?", conversation="other")) is None


def test_a_pronoun_that_spelled_out_asks_for_a_dose_gets_the_doctor(dialogue: Dialogue) -> None:
    """ "and how much of it to drink?" is "how much k2 to drink?": the dose referral."""
    say(dialogue, "к2 помогает усвоению кальция?")
    turn = say(dialogue, "а сколько его пить?")
    assert "safety_dose" == intent_of(turn), turn.explain()


def test_the_russian_dev_conversations_mostly_work(responder: Responder) -> None:
    """The Russian dev set: most follow-ups right, first turns no worse than alone."""
    report = evaluate_conversations(responder, read_conversations(RUSSIAN_CONVERSATIONS))
    assert report.follow_up_accuracy >= 0.85, report.summary()
    assert report.kind_accuracy("continue") >= 0.90, report.summary()
    assert report.first_turn_accuracy >= report.first_turn_accuracy_alone


# -- cue files --------------------------------------------------------------------------------


def copy_cues(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "cues"
    folder.mkdir()
    for name in names:
        shutil.copy(SHIPPED_CUES / name, folder / name)
    return folder


def test_a_new_language_is_a_new_file(tmp_path: Path, responder: Responder) -> None:
    """A Ukrainian cue file makes "розкажи більше" a continuation, with no code changed."""
    folder = copy_cues(tmp_path, "en.yaml", "ru.yaml")
    shipped = Dialogue(responder, cues=load_cues(folder))
    say(shipped, "what is k2")
    assert Decision.CONTINUED is not say(shipped, "розкажи більше").decision

    (folder / "uk.yaml").write_text(
        "continuations:\n  - чому\n  - (?:розкажи|розкажіть) (?:більше|детальніше)\n"
        "pronouns: [він, його, воно]\nsubject_pronouns: [він, його, воно]\n",
        encoding="utf-8",
    )
    book = load_cues(folder)
    assert "uk" in book.languages
    dialogue = Dialogue(responder, cues=book)
    first = say(dialogue, "what is k2")
    turn = say(dialogue, "розкажи більше")
    assert Decision.CONTINUED is turn.decision, turn.explain()
    assert turn.reply.intent is not None
    assert turn.reply.intent.id in first.reply.intent.related  # type: ignore[union-attr]


def test_a_yaml_mistake_in_a_cue_file_names_the_file_and_line(tmp_path: Path) -> None:
    """Broken YAML is one ConfigError naming file:line, not a traceback at the first message."""
    folder = copy_cues(tmp_path, "en.yaml")
    (folder / "ru.yaml").write_text(
        "continuations:\n  - почему\n pronouns: [он\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"ru\.yaml:3: error: YAML syntax error"):
        load_cues(folder)


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        (
            "continuations:\n  - почему\n  - '(?:как'\n",
            "ru.yaml:3",
            "not a valid regular expression",
        ),
        ("pronouns: [он]\nvage: [ну]\n", "ru.yaml:2", "unknown key 'vage'"),
        ("pronouns:\n  - он\n  - это самое\n", "ru.yaml:3", "is not one word"),
        ("short_words: many\n", "ru.yaml:1", "short_words must be a whole number"),
        ("shorthand: [чо]\n", "ru.yaml:1", "must be a mapping of one word to another"),
        ("shorthand:\n  чо: что это\n", "ru.yaml:2", "is not one word for one word"),
    ],
)
def test_a_wrong_cue_is_named_with_its_line(
    tmp_path: Path, text: str, where: str, says: str
) -> None:
    """A bad expression, an unknown key or a phrase where a word belongs: file, line, why."""
    folder = copy_cues(tmp_path, "en.yaml")
    (folder / "ru.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_cues(folder)
    assert where in str(caught.value)
    assert says in str(caught.value)


def test_cues_need_the_base_language(tmp_path: Path) -> None:
    """Without en.yaml there is nothing to read English with: a clear error."""
    folder = copy_cues(tmp_path, "ru.yaml")
    with pytest.raises(ConfigError, match=r"en\.yaml"):
        load_cues(folder)


def test_the_shipped_cues_cover_english_and_russian() -> None:
    """The package ships both files, read once."""
    assert ("en", "ru") == shipped_cues().languages
    assert shipped_cues() is shipped_cues()


def test_a_reply_to_a_russian_answer_takes_it_as_context(dialogue: Dialogue) -> None:
    """In Telegram, Russian "and where is it made?" sent as a reply to the Russian K2 answer."""
    answer = say(dialogue, "что такое к2", conversation="first chat")
    replied_to = dialogue.intent_of_answer(to_plain_text(answer.reply.html))
    assert "what_is_k2" == replied_to
    (turn,) = dialogue.respond("new chat", "а где он вырабатывается?", replied_to=replied_to)
    assert "gut_bacteria" == intent_of(turn)
    # The Russian "↪ about" line names the topic of a follow-up's answer.
    assert "gut_bacteria" == dialogue.intent_of_answer(to_plain_text(turn.reply.html))
