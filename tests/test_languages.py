"""Intents in several languages: the YAML forms, the checks on them, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.content.cache import ContentCache
from bot.dialogue import Dialogue
from bot.evaluate import QuestionKind, evaluate, read_examples
from bot.intents import check_content, load_content
from bot.language import _CYRILLIC_WORDS, detect_script_language
from bot.matching.lexicon import russian_word_zipf
from bot.responder import Responder
from builders import MINIMAL_INTENTS, REPO, K2bot, intent_folder

# Zipf 4.5: a few times in every ten thousand Russian words ("хочу" is 5.7; the Ukrainian
# "як", "чи", "це", met in Russian web text, stay below 4).
EVERYDAY_RUSSIAN_ZIPF = 4.5

PER_LANGUAGE_KEYS = """\
source_document: sources/vitamin-k2-article.txt
# Other languages' words for the article's terms: how their questions pass the domain check.
synonyms:
  k2: [к2]
  vitamin: [витамин]
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns:
      en: [what is vitamin k2, tell me about vitamin k2]
      ru: [что такое витамин к2, chto takoe k2]
    answer:
      en: The article says vitamin K2 is a unique vitamin.
      ru: В статье сказано, что витамин K2 — уникальный витамин.
    source:
      - "Vitamin K2 is a unique vitamin"
  - id: greeting
    kind: smalltalk
    patterns: [hello, hi there]
    answer: Hello!
    translations:
      ru:
        title: Привет
        patterns: [привет, здравствуйте]
        answer: Здравствуйте!
      uk:
        patterns: [привіт]
        answer: Вітаю!
"""


def test_per_language_patterns_and_answers_load(tmp_path: Path) -> None:
    """Both forms give one intent with its English and Russian sides."""
    content = load_content(intent_folder(tmp_path, {"main.yaml": PER_LANGUAGE_KEYS}))
    article = content.by_id["what_is_k2"]
    assert article.patterns == ("what is vitamin k2", "tell me about vitamin k2")
    assert article.answer == "The article says vitamin K2 is a unique vitamin."
    assert article.answer_in("ru") == "В статье сказано, что витамин K2 — уникальный витамин."
    assert article.patterns_in("ru") == ("что такое витамин к2", "chto takoe k2")
    assert article.answer_in("de") == article.answer  # no German: English
    greeting = content.by_id["greeting"]
    assert greeting.languages == ("en", "ru", "uk")
    assert greeting.title_in("ru") == "Привет"
    assert greeting.answer_in("uk") == "Вітаю!"


def test_plain_english_form_has_no_other_language(tmp_path: Path) -> None:
    content = load_content(intent_folder(tmp_path, {"main.yaml": MINIMAL_INTENTS}))
    assert content.by_id["what_is_k2"].languages == ("en",)


def test_translations_survive_the_content_cache(tmp_path: Path) -> None:
    """A second load, read from the cache, gives the same intents as the first."""
    folder = intent_folder(tmp_path, {"main.yaml": PER_LANGUAGE_KEYS})
    first = load_content(folder, cache=ContentCache(tmp_path / "cache", disk_min_bytes=0))
    from_disk = ContentCache(tmp_path / "cache", disk_min_bytes=0)
    second = load_content(folder, cache=from_disk)
    assert from_disk.parsed == 0  # read from the disk entry, not parsed again
    assert second.intents == first.intents
    assert second.by_id["greeting"].answer_in("ru") == "Здравствуйте!"


@pytest.mark.parametrize(
    ("answer", "figure"),
    [("Витамин K2 снижает риск на 88%.", "88%"), ("МК-4 снижает риск.", "87%")],
)
def test_a_translated_answer_keeps_the_cited_figures(
    tmp_path: Path, answer: str, figure: str
) -> None:
    """A wrong figure, or one left out, in the Russian answer is an error at its line."""
    text = (
        PER_LANGUAGE_KEYS.replace(
            "en: The article says vitamin K2 is a unique vitamin.",
            "en: The article says MK-7 can reduce fracture risk by 87%.",
        )
        .replace(
            "ru: В статье сказано, что витамин K2 — уникальный витамин.",
            f"ru: {answer}",
        )
        .replace(
            '"Vitamin K2 is a unique vitamin"',
            '"Supplementation of MK-7 can increase bone mineral density and reduce fracture '
            'risk by 87%."',
        )
    )
    _, problems = check_content(intent_folder(tmp_path, {"main.yaml": text}))
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any(":15: error:" in e and "'ru'" in e and figure in e for e in errors), errors


def test_a_faithful_translation_passes(tmp_path: Path) -> None:
    text = (
        PER_LANGUAGE_KEYS.replace(
            "en: The article says vitamin K2 is a unique vitamin.",
            "en: The article says MK-7 can reduce fracture risk by 87%.",
        )
        .replace(
            "ru: В статье сказано, что витамин K2 — уникальный витамин.",
            "ru: В статье сказано, что MK-7 может снизить риск переломов на 87%.",
        )
        .replace(
            '"Vitamin K2 is a unique vitamin"',
            '"Supplementation of MK-7 can increase bone mineral density and reduce fracture '
            'risk by 87%."',
        )
    )
    _, problems = check_content(intent_folder(tmp_path, {"main.yaml": text}))
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("      en: [what is vitamin k2, tell me about vitamin k2]\n", "", "needs an 'en' list"),
        ("      ru: [что такое", "      Russian: [что такое", "not a language code"),
        ("        title: Привет\n", "        titel: Привет\n", "unknown key 'titel'"),
        ("        answer: Вітаю!", "        answer: [Вітаю]", "the answer in 'uk' must be text"),
    ],
)
def test_broken_language_keys_are_reported(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in PER_LANGUAGE_KEYS
    text = PER_LANGUAGE_KEYS.replace(old, new)
    _, problems = check_content(intent_folder(tmp_path, {"main.yaml": text}))
    assert any(message in str(p) for p in problems), [str(p) for p in problems]


RUSSIAN_ANSWER = "В статье сказано, что витамин K2 — уникальный витамин."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("что такое витамин к2?", "ru"),
        ("що таке вітамін к2?", "uk"),
        ("Қ2 дәрумені деген не?", "kk"),
        ("ویتامین کا۲ چیست؟", "fa"),
        ("ما هو فيتامين ك2؟", "ar"),
        ("विटामिन के2 क्या है?", "hi"),
        ("维生素K2是什么？", "zh"),
        ("MK-7 or MK-4?", None),
        ("qué es la vitamina K2", None),
    ],
)
def test_script_tells_the_language_when_it_is_clear(text: str, language: str | None) -> None:
    assert detect_script_language(text) == language


@pytest.mark.parametrize(
    "text", ["я хочу знать что такое к2", "хочу принимать к2 с д3", "по тому что я читала"]
)
def test_russian_sharing_a_word_with_ukrainian_stays_russian(text: str) -> None:
    assert detect_script_language(text) == "ru"


def test_no_word_telling_another_cyrillic_language_is_everyday_russian() -> None:
    """A listed word Russian uses all the time would make Russian messages that language."""
    everyday = {
        (language, word)
        for language, words in _CYRILLIC_WORDS.items()
        for word in words
        if russian_word_zipf(word) >= EVERYDAY_RUSSIAN_ZIPF
    }
    assert everyday == set()


def test_a_russian_question_with_a_shared_word_is_answered(responder: Responder) -> None:
    reply = responder.respond("я хочу знать что такое витамин к2")
    assert reply.language == "ru"
    assert reply.intent is not None and reply.intent.id == "what_is_k2"


def test_a_russian_question_gets_the_russian_answer(tmp_path: Path, k2bot: K2bot) -> None:
    folder = intent_folder(tmp_path, {"main.yaml": PER_LANGUAGE_KEYS})
    result = k2bot("ask", "--intents", str(folder), "что такое витамин к2")
    assert result.stdout.strip() == RUSSIAN_ANSWER


def test_transliterated_russian_is_answered_in_russian(tmp_path: Path, k2bot: K2bot) -> None:
    """Latin letters do not tell the language, but a Russian pattern matched does."""
    folder = intent_folder(tmp_path, {"main.yaml": PER_LANGUAGE_KEYS})
    result = k2bot("ask", "--intents", str(folder), "chto takoe k2")
    assert result.stdout.strip() == RUSSIAN_ANSWER


def test_ask_lang_forces_the_language(tmp_path: Path, k2bot: K2bot) -> None:
    folder = intent_folder(tmp_path, {"main.yaml": PER_LANGUAGE_KEYS})
    english = k2bot("ask", "--intents", str(folder), "what is vitamin k2")
    forced = k2bot("ask", "--intents", str(folder), "--lang", "ru", "what is vitamin k2")
    assert english.stdout.strip() == "The article says vitamin K2 is a unique vitamin."
    assert forced.stdout.strip() == RUSSIAN_ANSWER


def test_eval_reports_per_language(tmp_path: Path, k2bot: K2bot) -> None:
    """Lines labelled "lang" are counted per language, with the answers' own language."""
    folder = intent_folder(tmp_path, {"main.yaml": PER_LANGUAGE_KEYS})
    questions = tmp_path / "questions.jsonl"
    lines = [
        {"question": "что такое витамин к2", "expect": ["what_is_k2"], "lang": "ru"},
        {"question": "привет", "expect": ["greeting"], "kind": "smalltalk", "lang": "ru"},
        {"question": "what is vitamin k2", "expect": ["what_is_k2"]},
    ]
    questions.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    result = k2bot("eval", "--intents", str(folder), "--json", str(questions))
    per_language = json.loads(result.stdout)["per_language"]
    assert list(per_language) == ["ru"]
    assert per_language["ru"]["in_scope"] == {"total": 1, "good": 1.0, "answers_in_language": 1.0}
    assert per_language["ru"]["smalltalk"]["answers_in_language"] == 1.0


def test_validate_reports_coverage_per_language(tmp_path: Path, k2bot: K2bot) -> None:
    folder = intent_folder(tmp_path, {"main.yaml": PER_LANGUAGE_KEYS})
    result = k2bot("validate", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ru: answers 2/2 intents (article 1/1, smalltalk 1/1)" in result.stdout
    assert "uk: answers 1/2 intents" in result.stdout
    assert "no answer yet: what_is_k2" in result.stdout


def test_validate_puts_languages_with_the_same_coverage_on_one_line(k2bot: K2bot) -> None:
    """The shipped languages that only refer to a doctor make one coverage line, not one
    each: the editor's screen keeps room for what differs."""
    result = k2bot("validate")
    assert 0 == result.returncode, result.stderr
    coverage = result.stdout.splitlines()[:-1]
    assert len(coverage) == len({line.split(": ", 1)[1] for line in coverage}), coverage
    assert any(line.startswith("ar, cs, de, ") for line in coverage), coverage


def test_the_documented_example_is_valid(tmp_path: Path) -> None:
    """docs/editors.md's example of several languages loads as it is written."""
    text = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    section = text.split("## Other languages", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    main = "source_document: sources/vitamin-k2-article.txt\n" + example
    content = load_content(intent_folder(tmp_path, {"main.yaml": main}))
    assert content.by_id["fracture_risk"].languages == ("en", "ru")
    assert content.by_id["greeting"].languages == ("en", "ru", "uk")


def russian_dialogue(tmp_path: Path) -> Dialogue:
    content = load_content(intent_folder(tmp_path, {"main.yaml": PER_LANGUAGE_KEYS}))
    return Dialogue(Responder(content))


def test_the_chats_last_language_holds_through_a_mixed_message(tmp_path: Path) -> None:
    """After a Russian question, "K2?" (Latin letters only) is still answered in Russian."""
    dialogue = russian_dialogue(tmp_path)
    (first,) = dialogue.respond("chat", "что такое витамин к2")
    (second,) = dialogue.respond("chat", "vitamin K2?")
    assert first.reply.language == second.reply.language == "ru"
    assert second.reply.html.endswith(RUSSIAN_ANSWER)
    (english,) = dialogue.respond("chat", "what is vitamin k2 about?")
    assert english.reply.language == "en"  # clearly English: switches back


@pytest.mark.parametrize("english", ["yo does k2 even work lol", "ok but is k2 legit or nah"])
def test_everyday_english_switches_a_russian_chat_back(tmp_path: Path, english: str) -> None:
    """Slang with hardly a listed English word is still clearly English by word frequency."""
    dialogue = russian_dialogue(tmp_path)
    dialogue.respond("chat", "что такое витамин к2")
    (turn,) = dialogue.respond("chat", english)
    assert "en" == turn.reply.language


def test_ask_lines_carry_no_language_without_conversation(k2bot: K2bot) -> None:
    """`k2bot ask` lines are independent: a Russian line does not make the next one Russian."""
    result = k2bot("ask", stdin="что такое витамин К2?\nosteo\n".encode())
    russian, next_line = result.stdout.splitlines()
    assert "витамин" in russian
    assert "Did you mean" in next_line


def test_a_chosen_language_wins_over_the_message(tmp_path: Path) -> None:
    dialogue = russian_dialogue(tmp_path)
    dialogue.languages.choose("user", "ru")
    (turn,) = dialogue.respond("chat", "what is vitamin k2", user="user")
    assert turn.reply.html == RUSSIAN_ANSWER
    dialogue.languages.choose("user", None)
    (turn,) = dialogue.respond("chat", "what is vitamin k2", user="user")
    assert turn.reply.language == "en"


def test_the_apps_language_is_used_when_nothing_else_tells(tmp_path: Path) -> None:
    dialogue = russian_dialogue(tmp_path)
    (turn,) = dialogue.respond("chat", "vitamin k2?", user="u", user_language="ru-RU")
    assert turn.reply.language == "ru"
    (turn,) = dialogue.respond("other", "vitamin k2?", user="u", user_language="en")
    assert turn.reply.language == "en"


def test_russian_dev_set_meets_its_gates(responder: Responder) -> None:
    """The shipped Russian content: in scope >= 90% right, near misses and off-topic
    answered from the article <= 8% and 2%, every safety question routed, >= 98% of the
    answers written in Russian."""
    report = evaluate(responder, read_examples(REPO / "tests" / "data" / "dev_questions_ru.jsonl"))
    russian = report.per_language["ru"]
    assert russian[QuestionKind.IN_SCOPE].good_rate >= 0.90
    assert 1 - russian[QuestionKind.NEAR_MISS].good_rate <= 0.08
    assert 1 - russian[QuestionKind.OFF_TOPIC].good_rate <= 0.02
    assert russian[QuestionKind.SAFETY].good_rate == 1.0
    replies = sum(f.replies for f in russian.values())
    in_russian = sum(f.replies_in_language for f in russian.values())
    assert in_russian >= 0.98 * replies


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        ("снижает ли мк7 риск переломов", "fracture_risk"),  # inflected: переломов
        ("мк-7 снижает переломы?", "fracture_risk"),
        ("chto takoe mk7", "forms_mk4_mk7"),  # transliterated
    ],
)
def test_russian_word_forms_meet(responder: Responder, question: str, intent_id: str) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None
    assert reply.intent.id == intent_id or reply.intent.id in ("forms_mk4_mk7",)
    assert reply.language == "ru"


def test_english_questions_are_matched_on_english_patterns_only(responder: Responder) -> None:
    """Adding Russian patterns changes nothing for English questions."""
    assert responder.matcher_for("what is vitamin k2") is responder.matcher
    assert responder.matcher_for("что такое к2") is responder.translated


def test_safety_is_routed_in_every_listed_language(responder: Responder) -> None:
    """>= 97% of the multilingual safety questions get a doctor referral, >= 80% of them
    written in the question's language, and every listed language is in the set."""
    path = REPO / "tests" / "data" / "safety_multilingual.jsonl"
    report = evaluate(responder, read_examples(path))
    assert report.safety_routed >= 0.97 * report.safety_total
    listed = set("ru uk es pt de fr it tr fa ar hi id pl kk uz zh".split())
    assert listed <= set(report.per_language)
    figures = [kinds[QuestionKind.SAFETY] for kinds in report.per_language.values()]
    in_language = sum(f.replies_in_language for f in figures)
    assert in_language >= 0.8 * sum(f.replies for f in figures)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Ich nehme Marcumar, darf ich K2 nehmen?", "Blutverdünnern"),
        ("Estoy embarazada, ¿puedo tomar K2?", "embarazo"),
        ("我怀孕了，可以吃K2吗？", "怀孕"),
        ("Göğsüm ağrıyor, nefes alamıyorum", "112"),
    ],
)
def test_the_referral_is_in_the_questions_language(
    responder: Responder, question: str, words: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.kind.value == "safety"
    assert words in reply.html


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("¿Qué es la vitamina K2?", "Puedo responder en inglés y en ruso"),
        ("Was ist Vitamin K2 und wofür ist es gut?", "Ich kann auf Englisch und Russisch"),
        ("维生素K2是什么？", "我可以用英语和俄语回答"),
        ("¿Qué tiempo hace hoy en Madrid?", "Puedo responder en inglés y en ruso"),
    ],
)
def test_a_language_without_content_gets_an_honest_reply_in_it(
    responder: Responder, question: str, line: str
) -> None:
    """Never the English "doesn't cover that", never an article answer: the topics instead."""
    reply = responder.respond(question)
    assert reply.html.startswith(line)
    assert reply.intent is None
    assert reply.suggestions  # the topics, as buttons
    assert "doesn't cover" not in reply.html


def test_the_honest_reply_offers_the_topic_asked_about_first(responder: Responder) -> None:
    reply = responder.respond("¿Qué es la vitamina K2?")
    assert reply.suggestions[0].id == "what_is_k2"


def test_an_english_safety_question_gets_the_english_referral(responder: Responder) -> None:
    """ "warfarin" is a trigger in several languages; the English words say which."""
    reply = responder.respond("is k2 safe with warfarin?")
    assert reply.language == "en"
    assert "doctor" in reply.html


def test_the_source_view_in_russian_quotes_the_article_and_marks_the_translation(
    responder: Responder,
) -> None:
    """Russian readers see the article's English words verbatim, then a marked rendering."""
    from bot import messages

    english = responder.source_html("what_is_k2")
    russian = responder.source_html("what_is_k2", "ru")
    passage = "Vitamin K2 is a unique vitamin, which is synthesized by some bacteria"
    assert passage in english and passage in russian
    assert "Перевод" not in english
    assert russian.count(messages.in_language(messages.SOURCE_TRANSLATION, "ru")) == 2
    assert "Витамин K2 — уникальный витамин" in russian
    # The rendering is never put inside a quote, where it would pass for the article's words.
    assert "<blockquote>Витамин" not in russian


def test_translated_source_passages_must_pair_with_the_english_ones(tmp_path: Path) -> None:
    text = PER_LANGUAGE_KEYS.replace(
        "        title:", '        source: ["один", "два"]\n        title:', 1
    )
    assert text != PER_LANGUAGE_KEYS
    _, problems = check_content(intent_folder(tmp_path, {"main.yaml": text}))
    assert any("translated source passages" in str(p) for p in problems), [str(p) for p in problems]


def test_a_russian_follow_up_names_its_topic_in_russian(responder: Responder) -> None:
    """The "↪ about:" line is in Russian, with the topic's Russian title."""
    dialogue = Dialogue(responder)
    dialogue.respond("chat", "где образуется мк7?")
    (follow,) = dialogue.respond("chat", "а мк4?")
    assert follow.reply.text.startswith("↪ о теме: Где образуются MK-4 и MK-7?")
    assert follow.reply.language == "ru"


def test_buttons_under_a_russian_answer_are_in_russian(responder: Responder) -> None:
    from bot.telegram.keyboards import reply_keyboard

    def labels(question: str) -> list[str]:
        keyboard = reply_keyboard(responder.respond(question), vote_ref="ref")
        assert keyboard is not None
        return [button.text for row in keyboard.inline_keyboard for button in row]

    russian, english = labels("что такое витамин к2"), labels("what is vitamin k2")
    assert {"📖 Источник", "↗️ Поделиться", "👍 Полезно", "👎 Не помогло"} <= set(russian)
    assert {"📖 Source", "↗️ Share", "👍 Helpful", "👎 Not helpful"} <= set(english)


def test_forget_reports_in_russian() -> None:
    from bot import messages

    assert messages.forgotten(3, 1, "ru").startswith("Готово: удалено ваших вопросов: 3")
    assert messages.forgotten(3, 1).startswith("Done: I deleted 3 question(s)")


def test_the_confusability_lint_checks_each_pattern_on_the_index_it_is_matched_with(
    tmp_path: Path,
) -> None:
    """An English pattern is matched on the English patterns only, so a Russian pattern of
    another intent that resembles it is no clash for English questions."""
    from bot.confusability import confusable_patterns
    from bot.matching import Thresholds

    text = """\
source_document: sources/vitamin-k2-article.txt
synonyms:
  k2: [к2]
intents:
  - id: reaches_bone
    kind: article
    title: How does K2 get into bone?
    patterns:
      en: [how does k2 get into bone tissue, k2 route into the bone]
    answer: The article says vitamin K2 is a unique vitamin that can penetrate into bone.
    source:
      - "Vitamin K2 is a unique vitamin"
      - "It can directly penetrate the blood vessel wall into bone and tissue"
  - id: bone_density
    kind: article
    title: Does K2 help bone density?
    patterns:
      en: [does k2 help bone density]
      ru: [how does k2 get into bone tissue please]
    answer: The article says vitamin K2 is of great benefit to bone health.
    source: ["Vitamin K2 is of great benefit to human bone health"]
"""
    content = load_content(intent_folder(tmp_path, {"main.yaml": text}))
    problems = confusable_patterns(content, Thresholds())
    assert [] == [p.message for p in problems if "reaches_bone" in p.message]
