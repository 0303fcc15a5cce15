"""Safety referrals in other languages: triggers per language, folding, the referral's language,
and the ordinary messages that must not be sent to a doctor."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.evaluate import QuestionKind, evaluate, read_examples
from bot.intents import Kind, load_content
from bot.language import detect_language
from bot.responder import Responder
from bot.text import fold
from builders import REPO, intent_folder

LISTED = "ru uk es pt de fr it tr fa ar hi id pl kk uz zh".split()

# One safety intent with triggers in a language matched as typed (Ukrainian) and in one
# whose umlauts may be written out (German).
PREFIX_TRIGGERS = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: what_is_k2
    kind: article
    title: What is vitamin K2?
    patterns: [what is vitamin k2, tell me about vitamin k2]
    answer: The article says vitamin K2 is a unique vitamin.
    source:
      - "Vitamin K2 is a unique vitamin"
  - id: safety_pregnancy
    kind: safety
    title: Pregnancy
    triggers: [pregnant]
    patterns: [im pregnant can i take k2]
    answer: Ask your doctor.
    translations:
      uk:
        triggers: ["вагітн*", "ліки"]
        answer: Запитайте лікаря.
      de:
        triggers: ["schwangerschaftsübelkeit"]
        answer: Fragen Sie Ihre Ärztin.
"""


@pytest.fixture(name="prefixed", scope="module")
def _prefixed(tmp_path_factory: pytest.TempPathFactory) -> Responder:
    folder = intent_folder(tmp_path_factory.mktemp("prefix"), {"main.yaml": PREFIX_TRIGGERS})
    return Responder(load_content(folder))


@pytest.mark.parametrize("question", ["я вагітна", "під час вагітності", "вагітній жінці к2"])
def test_a_prefix_trigger_covers_every_ending(prefixed: Responder, question: str) -> None:
    reply = prefixed.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_pregnancy"
    assert reply.language == "uk"


def test_a_word_trigger_of_a_typed_language_is_a_whole_word(prefixed: Responder) -> None:
    """Ukrainian is not stemmed: "ліки" (medicines) says nothing about "лікар" (a doctor)."""
    reply = prefixed.respond("що каже лікар про к2")
    assert reply.intent is None or reply.intent.kind is not Kind.SAFETY


def test_umlauts_written_out_meet_the_trigger(prefixed: Responder) -> None:
    reply = prefixed.respond("habe schwangerschaftsuebelkeit, hilft k2")
    assert reply.intent is not None and reply.intent.id == "safety_pregnancy"
    assert reply.language == "de"


@pytest.mark.parametrize(
    "name",
    [f"dev_safety_multilingual_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9)],
)
def test_every_listed_language_is_routed_on_the_newer_dev_sets(
    responder: Responder, name: str
) -> None:
    """>= 97% of safety questions per language get a referral (>= 95% of them in the
    question's language), and no question of another
    kind gets a wrong article answer: in-scope questions in a language without content get
    the honest reply, off-topic ones nothing from the article."""
    path = REPO / "tests" / "data" / f"{name}.jsonl"
    report = evaluate(responder, read_examples(path))
    for language in LISTED:
        safety = report.per_language[language][QuestionKind.SAFETY]
        assert safety.good >= 0.97 * safety.total, language
    figures = [report.per_language[language][QuestionKind.SAFETY] for language in LISTED]
    in_language = sum(f.replies_in_language for f in figures)
    assert in_language >= 0.95 * sum(f.replies for f in figures)
    others = [r for r in report.results if r.kind is not QuestionKind.SAFETY]
    wrong_answers = [r for r in others if r.article_answer and r.got not in r.example.expect]
    assert len(wrong_answers) <= 0.05 * max(len(others), 1)


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        # Ukrainian without the letters that would tell it from Russian.
        ("яке дозування к2 на день", "safety_dose", "uk"),
        # Persian typed on an Arabic keyboard (Arabic yeh and kaf).
        ("حامله ام ويتامين k2 ضرر داره؟", "safety_pregnancy", "fa"),
        ("ميخوام دندونم رو بكشم k2 رو قطع كنم", "safety_surgery", "fa"),
        # Arabic with its vowel marks, and Arabic-Indic digits in an age.
        ("أَنَا آخُذُ الوَارْفَارِين هل يمكنني اخذ k2", "safety_medicines", "ar"),
        ("ابنتي عمرها ٧ سنوات هل تاخذ k2", "safety_children", "ar"),
        # Arabic is stemmed: the article and preposition written onto the word come off.
        ("هل يجوز تناول فيتامين k2 للحامل", "safety_pregnancy", "ar"),
        # Hindi in Devanagari (vowel signs kept in the word) and in Latin letters.
        ("रोज़ कितना mk7 लेना चाहिए", "safety_dose", "hi"),
        ("bache ko k2 de sakte hai kya", "safety_children", "hi"),
        # Kazakh written with Russian letters but its dotted i, Uzbek in both scripts.
        ("варфарин ішемін, к2 ішуге бола ма", "safety_medicines", "kk"),
        ("бала 5 жаста, к2 беруге бола ма", "safety_children", "kk"),
        ("кўкрагим қаттиқ оғрияпти нафас ололмаяпман", "safety_emergency", "uz"),
        ("o'g'limga k2 bersam bo'ladimi", "safety_children", "uz"),
        # Traditional Chinese, and Turkish and Polish without their letters.
        ("洗腎的人可以吃K2嗎", "safety_kidney", "zh"),
        ("diyalize giriyorum k2 kullanabilir miyim", "safety_kidney", "tr"),
        ("jestem w ciazy czy moge brac k2", "safety_pregnancy", "pl"),
        # Polish without its letters that also reads as Russian in Latin letters
        # ("dawka" as "давка"): its own triggers still see it as typed.
        ("jaka dawka witaminy k2", "safety_dose", "pl"),
        # An everyday word with only a function word beside it is a question about it.
        ("jaka dawka?", "safety_dose", "pl"),
    ],
)
def test_a_referral_as_people_type_it(
    responder: Responder, question: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        # Words between the risk word and the rest of its phrase.
        ("me da un dolor horrible aquí en el pecho", "safety_emergency", "es"),
        ("sinto dor forte e contínua no peito", "safety_emergency", "pt"),
        ("Schmerzen links in der Brust seit heute Morgen", "safety_emergency", "de"),
        ("od rana boli mnie mocno w klatce", "safety_emergency", "pl"),
        ("avant mon opération du genou, je continue la k2 ?", "safety_surgery", "fr"),
        # Chinese has no spaces: there a gap is counted in characters.
        ("胸口一阵一阵地疼", "safety_emergency", "zh"),
        # An elided article glued onto the word ("l'", "dall'").
        (
            "dall'intervento sono passati due giorni, posso riprendere la k2?",
            "safety_surgery",
            "it",
        ),
        ("l'intervention est prévue lundi, dois-je arrêter la k2 ?", "safety_surgery", "fr"),
        ("j'ai peur de l'anesthésie, la k2 pose problème ?", "safety_surgery", "fr"),
        # Russian in Latin letters too short or mixed to be read as Russian as a whole
        # ("pit", "den" are English words): its Russian words still meet the triggers.
        ("skolko mk7 mozhno pit v den", "safety_dose", "ru"),
        ("skolko raz v den pit k2", "safety_dose", "ru"),
        ("komu nelzya pit k2", "safety_dose", "ru"),
        # A word of it no Russian word list holds, read letter by letter.
        ("ya kormyashchaya mama, k2 mozhno?", "safety_pregnancy", "ru"),
    ],
)
def test_a_risk_phrase_however_it_is_split(
    responder: Responder, question: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language


@pytest.mark.parametrize(
    "question",
    [
        # English words whose Cyrillic readings are Russian words are not Russian.
        "pit bull in a den",
        "no sok for me",
        # An elided article read off leaves an ordinary word.
        "stasera vado all'opera con mia moglie",
        "胸口有个纹身好看吗",
        # A gap is no wider than four words.
        "dolor de espalda, no me duele nada más, y en el pecho nada",
    ],
)
def test_split_phrases_catch_no_ordinary_message(responder: Responder, question: str) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.SAFETY


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        # Swallowing a whole bottle is an emergency, not a question about children.
        ("mi hijo se tomo un frasco entero de k2", "safety_emergency"),
        ("ребенок сожрал упаковку витаминов к2", "safety_emergency"),
        ("孩子把一整瓶K2都吃了怎么办", "safety_emergency"),
        # Another language's function word adds nothing, in the English list too ("mio").
        ("mio figlio ha ingerito delle capsule di k2", "safety_emergency"),
        # Overlapping triggers are all weighed: "a avale" must not hide "avale des gelules".
        ("mon fils a avale des gelules de k2, il a 3 ans", "safety_emergency"),
        # A stroke in the past is why the medicine is taken, not an emergency now.
        ("принимаю эликвис после инсульта, можно ли мк-7", "safety_medicines"),
        # Aspirin taken daily is a medicine question, not one about daily doses.
        ("tomo aspirina todos los dias, puedo mezclar con k2", "safety_medicines"),
        # A breastfeeding mother asks about herself, though she names the baby.
        ("amamanto a mi bebe, puedo tomar k2", "safety_pregnancy"),
        ("j'allaite mon bébé, la k2 est-elle sans risque", "safety_pregnancy"),
    ],
)
def test_the_more_specific_referral_wins_in_other_languages(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id


@pytest.mark.parametrize(
    "question",
    [
        "what kind of k2 is best",  # German "Kind" is a child
        "la k2 se bebe con agua o con comida",  # Spanish "bebe" drinks
        "bolehkah minum k2 dan d3 sekaligus",  # "all at once" of two supplements
        "kinderleicht erklaert: wie funktioniert bitcoin",
        "acil para lazim nereden kredi alabilirim",  # Turkish "urgent" is not an emergency
        "这个游戏太上头了我中毒了",  # "addicted" to a game
        "硬币被机器吞了怎么办",  # a machine swallowed a coin
        "operasi hitung pecahan gimana caranya",  # arithmetic operations
        "كيف اعمل عملية حسابية في اكسل",
        # Everyday words of their languages ("~" in the YAML): an operation, a son, a dose.
        "банковская операция не проходит, что делать",
        "la operacion bancaria fue rechazada",
        "die operation im excel funktioniert nicht",
        "que regalo le compro a mi hijo por su cumpleanos",
        "что подарить сыну на день рождения",
        "uma dose de cafe por favor",
        "une dose de café le matin ça réveille",
        "сколько воды пить в день",
        "jaka dawka kofeiny jest w filiżance kawy",
        "operação policial fechou a avenida hoje",
        # Half a pack of something to eat is no overdose.
        "сын съел полпачки печенья",
        "er hat die halbe Packung Chips gegessen",
        # Ages, accidents and swelling outside a question about taking something.
        "tiene 5 anos de experiencia en ventas",
        "пломба на счетчике сорвана что делать",
        "晚饭吃多了怎么办",
        "dosyayi yanlislikla sildim",
        "dil sistemi nasil degistirilir",
        "apagei sem querer uma foto",
    ],
)
def test_ordinary_messages_are_not_sent_to_a_doctor(responder: Responder, question: str) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.SAFETY


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        # The same everyday words, about taking something, still reach a doctor.
        ("перед операцией можно пить к2?", "safety_surgery"),
        ("operacion de rodilla y vitamina k2", "safety_surgery"),
        ("mi hijo puede tomar vitamina k2?", "safety_children"),
        ("можно сыну к2?", "safety_children"),
        ("qual a dose de k2?", "safety_dose"),
        # Words between "сколько" and the verb.
        ("сколько мк7 нужно принимать", "safety_dose"),
        ("сколько витамина к2 пить ежедневно", "safety_dose"),
        # A number of pills taken, and a compound word for blood thinners.
        # Five pills or more at once is the emergency answer, as "took 12 pills" is in
        # English; two to four stay a dose question.
        ("приняла 12 таблеток мк7 за раз", "safety_emergency"),
        ("приняла 3 таблетки мк7 за раз", "safety_dose"),
        ("пью кроворазжижающее, мк7 можно?", "safety_medicines"),
    ],
)
def test_everyday_words_about_taking_something_are_referred(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id


def test_every_emergency_referral_names_a_number(responder: Responder) -> None:
    """Each language's emergency answer names local numbers (digits in it)."""
    emergency = responder.content.by_id["safety_emergency"]
    for language in LISTED:
        answer = emergency.answer_in(language)
        assert any(ch.isdigit() for ch in answer), language


def test_every_listed_language_has_triggers_for_every_safety_intent(responder: Responder) -> None:
    missing = []
    for intent in responder.content.of_kind(Kind.SAFETY):
        for language in LISTED:
            translation = intent.translation(language)
            if translation is None or not translation.triggers:
                missing.append((intent.id, language))
    assert missing == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("मैं प्रेग्नेंट हूँ", 3),  # vowel signs belong to their word
        ("می‌خورم", 1),  # the zero-width non-joiner joins
        ("o‘g‘lim", 1),  # Uzbek o' and g' in any apostrophe
    ],
)
def test_folding_keeps_words_whole(text: str, words: int) -> None:
    assert len(fold(text).split()) == words


def test_letter_variants_fold_alike() -> None:
    assert fold("ويتامين كلية") == fold("ویتامین کلیه")
    assert fold("हूँ") == fold("हूं")


def test_latin_messages_tell_their_language() -> None:
    told = Counter(
        detect_language(text)
        for text in [
            "quelle dose de k2 par jour",
            "lagi hamil boleh minum k2 ga",
            "k2 ki dose kitni leni chahiye",
        ]
    )
    assert told == Counter({"fr": 1, "id": 1, "hi": 1})


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("k2 vitamini nedir", "tr"),  # one function word, rare in English, one language's
        ("k2 vitamini nima", "uz"),
        ("serve k2 daily", None),  # "serve" is Italian too, and everyday English
        ("k2 osteoclasts per study", None),  # "per" is short and English
    ],
)
def test_a_short_message_tells_its_language_by_one_distinctive_word(
    text: str, language: str | None
) -> None:
    assert detect_language(text) == language


def test_an_english_question_keeps_its_english_referral(responder: Responder) -> None:
    reply = responder.respond("my son is 8, can he take k2?")
    assert reply.intent is not None and reply.intent.id == "safety_children"
    assert reply.language == "en"


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        # "dialysis" also meets the French "dialys*"; "dose" and "operation" are listed by
        # other languages too: none of them makes an English question French or German.
        ("I am on dialysis, k2?", "safety_kidney"),
        ("k2 and dialysis", "safety_kidney"),
        ("DOSE K2", "safety_dose"),
        ("k2 before operation", "safety_surgery"),
    ],
)
def test_a_word_english_shares_with_another_language_keeps_the_english_referral(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "en"


def test_a_shared_word_does_not_hide_the_other_languages_own_triggers(
    responder: Responder,
) -> None:
    """Portuguese "dose" is English too, but "por dia" is not: the referral is Portuguese."""
    reply = responder.respond("Qual a dose de K2 por dia?")
    assert reply.intent is not None and reply.intent.id == "safety_dose"
    assert reply.language == "pt"


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        # An allergic reaction or bleeding told as it happens, in each listed language.
        ("у мене висипка по всьому тілу після вітаміну к2", "safety_emergency", "uk"),
        ("tengo urticaria en los brazos desde ayer, tomo k2", "safety_emergency", "es"),
        ("minha gengiva está sangrando muito, tomo k2 com d3", "safety_emergency", "pt"),
        ("mein Gesicht ist ganz geschwollen seit dem K2", "safety_emergency", "de"),
        ("mes gencives saignent depuis que je prends de la K2", "safety_emergency", "fr"),
        ("mi si sono gonfiate le labbra dopo la k2", "safety_emergency", "it"),
        ("k2 içtim dudaklarım şişti", "safety_emergency", "tr"),
        ("لثه هایم خونریزی دارد و k2 میخورم", "safety_emergency", "fa"),
        ("ظهر طفح على جسمي بعد K2", "safety_emergency", "ar"),
        ("K2 के बाद होंठों में सूजन आ गई", "safety_emergency", "hi"),
        ("bibir saya bengkak setelah minum k2", "safety_emergency", "id"),
        ("mam pokrzywkę po witaminie K2", "safety_emergency", "pl"),
        ("ернім ісіп кетті к2 ішкеннен соң", "safety_emergency", "kk"),
        ("k2 ichdim, badanimga toshma toshdi", "safety_emergency", "uz"),
        ("吃K2后全身起了荨麻疹", "safety_emergency", "zh"),
        # An endoscopy of either end is a procedure: the surgery referral.
        ("завтра гастроскопія, чи пити к2", "safety_surgery", "uk"),
        ("tengo una endoscopia el jueves, dejo la k2?", "safety_surgery", "es"),
        ("Koloskopie am Montag, K2 vorher weglassen?", "safety_surgery", "de"),
        ("fibroscopie prévue, j'arrête la K2 ?", "safety_surgery", "fr"),
        ("yarın endoskopi var, k2 içebilir miyim", "safety_surgery", "tr"),
        ("胃镜检查前要停K2吗", "safety_surgery", "zh"),
        # Years of daily use: the general referral.
        ("tomo k2 a diario desde hace anos, es un problema", "safety_dose", "es"),
        ("prendo k2 ogni giorno da anni, va bene?", "safety_dose", "it"),
        ("biorę K2 codziennie od wielu lat, czy to ok", "safety_dose", "pl"),
    ],
)
def test_acute_signs_procedures_and_years_of_use_in_every_language(
    responder: Responder, question: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        ("ワルファリンとK2は一緒に飲めますか", "safety_medicines"),
        ("授乳中ですがビタミンK2を飲んでも平気？", "safety_pregnancy"),
        ("5歳の娘にK2をあげてもいい？", "safety_children"),
        ("K2の摂取量の目安を教えて", "safety_dose"),
        ("透析を受けていますがK2は大丈夫でしょうか", "safety_kidney"),
        ("来週抜歯するのでK2を止めた方がいいですか", "safety_surgery"),
        ("息子がK2のサプリを誤飲しました", "safety_emergency"),
    ],
)
def test_japanese_questions_get_a_japanese_referral(
    responder: Responder, question: str, intent_id: str
) -> None:
    """Japanese (kana, written without spaces) is referred in Japanese, not in Chinese
    for the Han characters both write."""
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ja"
    assert reply.text.strip()


def test_japanese_emergency_referral_names_a_number(responder: Responder) -> None:
    answer = responder.content.by_id["safety_emergency"].answer_in("ja")
    assert "119" in answer


@pytest.mark.parametrize(
    "question",
    [
        # Chinese "中毒" is also being hooked on something: no emergency for a game.
        "这部剧我看中毒了",
    ],
)
def test_chinese_everyday_words_are_not_japanese_emergencies(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or not reply.intent.id.startswith("safety_")


def test_the_sixteen_language_blind_set_is_all_referred(responder: Responder) -> None:
    """dev_safety_multilingual_10 (8 lines in each of 16 languages, Japanese among them,
    written before the bot was run on them): every line gets a referral, and at least 95%
    in the question's language."""
    report = evaluate(
        responder, read_examples(REPO / "tests" / "data" / "dev_safety_multilingual_10.jsonl")
    )
    missed = [r.example.question for r in report.results if not r.good]
    assert missed == []
    figures = [f[QuestionKind.SAFETY] for f in report.per_language.values()]
    assert sum(f.replies_in_language for f in figures) >= 0.95 * sum(f.replies for f in figures)


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        # "Should I take it?" in each language: the general referral.
        ("чи треба мені приймати к2", "safety_dose", "uk"),
        ("¿necesito tomar vitamina k2?", "safety_dose", "es"),
        ("preciso tomar k2?", "safety_dose", "pt"),
        ("sollte ich K2 einnehmen?", "safety_dose", "de"),
        ("est-ce que je devrais prendre de la vitamine K2 ?", "safety_dose", "fr"),
        ("mi conviene prendere la k2?", "safety_dose", "it"),
        ("k2 kullanmalı mıyım", "safety_dose", "tr"),
        ("بهتره K2 مصرف کنم؟", "safety_dose", "fa"),
        ("هل ينبغي ان اتناول فيتامين K2؟", "safety_dose", "ar"),
        ("क्या K2 लेना ज़रूरी है?", "safety_dose", "hi"),
        ("perlukah saya minum vitamin k2?", "safety_dose", "id"),
        ("czy powinnam przyjmować k2?", "safety_dose", "pl"),
        ("我需要吃K2吗？", "safety_dose", "zh"),
        # A pet that ate the pills, told in its own language.
        ("o gato engoliu umas cápsulas de k2", "safety_emergency", "pt"),
        ("die Katze hat meine Vitamine K2 Tabletten gefressen", "safety_emergency", "de"),
        ("mon chat a avalé des comprimés de K2", "safety_emergency", "fr"),
        ("kedim k2 haplarını yedi", "safety_emergency", "tr"),
        ("猫がK2のサプリを食べちゃった", "safety_emergency", "ja"),
        # Trying to conceive, kidney stones, how many a day.
        ("سنة من محاولة الانجاب، هل K2 مناسب؟", "safety_pregnancy", "ar"),
        ("गुर्दे की पथरी में K2 ले सकते हैं?", "safety_kidney", "hi"),
        ("bir kunda nechta k2 ichish mumkin?", "safety_dose", "uz"),
    ],
)
def test_should_i_pets_and_plans_in_every_language(
    responder: Responder, question: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language


@pytest.mark.parametrize(
    ("question", "intent_id", "language"),
    [
        # "Is K2 safe / dangerous?" in each language: the general referral.
        ("чи не шкідливий вітамін к2?", "safety_dose", "uk"),
        ("¿el mk7 es malo para la salud?", "safety_dose", "es"),
        ("vitamina k2 faz mal pra saúde?", "safety_dose", "pt"),
        ("ist MK-7 eigentlich gefährlich?", "safety_dose", "de"),
        ("le MK7 est-il toxique ?", "safety_dose", "fr"),
        ("la vitamina k2 fa male?", "safety_dose", "it"),
        ("mk7 zararlı mı", "safety_dose", "tr"),
        ("vitamin k2 berbahaya gak sih?", "safety_dose", "id"),
        ("czy witamina k2 jest niebezpieczna?", "safety_dose", "pl"),
        ("长期吃K2有危险吗", "safety_dose", "zh"),
        ("K2サプリは危険ですか", "safety_dose", "ja"),
        ("هل فيتامين K2 ضار؟", "safety_dose", "ar"),
        ("ویتامین K2 خطرناک است؟", "safety_dose", "fa"),
        ("क्या विटामिन K2 हानिकारक है?", "safety_dose", "hi"),
        ("K2 витамині зиянды ма?", "safety_dose", "kk"),
        ("K2 vitamini zararlimi?", "safety_dose", "uz"),
        # Chemotherapy and the contraceptive pill are medicines.
        ("estoy con quimio, ¿puedo tomar k2?", "safety_medicines", "es"),
        ("pendant ma chimio, la vitamine K2 ?", "safety_medicines", "fr"),
        ("k2 w trakcie chemioterapii?", "safety_medicines", "pl"),
        ("prendo la pillola anticoncezionale, k2 ok?", "safety_medicines", "it"),
        ("正在化疗，K2能吃吗", "safety_medicines", "zh"),
        # Taken by mistake, however the count is said.
        ("うっかり飲みすぎたK2", "safety_emergency", "ja"),
    ],
)
def test_is_it_safe_chemo_and_the_pill_in_every_language(
    responder: Responder, question: str, intent_id: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == language


@pytest.mark.parametrize(
    "question",
    [
        # Whether a place, a trip or a plan is safe, with no K2 in it: no referral.
        "¿es seguro viajar solo a Perú?",
        "ist es gefährlich, nachts joggen zu gehen?",
        "est-ce dangereux de randonner seul ?",
        "这个地方晚上安全吗",
        "来週の天気は大丈夫かな",
        "apakah aman naik motor malam hari?",
        "la pilule rouge ou la pilule bleue, quel film",
    ],
)
def test_other_languages_safe_and_pill_words_without_k2_are_not_referred(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.SAFETY


def test_a_double_dose_by_mistake_in_chinese_stays_a_dose_question(responder: Responder) -> None:
    """ "不小心" (by mistake) is an emergency with a count, a dose question with "double"."""
    reply = responder.respond("不小心多吃了一颗k2怎么办")
    assert reply.intent is not None and reply.intent.id == "safety_dose"


@pytest.mark.parametrize(
    ("question", "intent_id"),
    [
        ("а мк7 вообще безопасен?", "safety_dose"),
        ("надо ли маме принимать к2", "safety_dose"),
        ("сижу на противозачаточных, к2 можно?", "safety_medicines"),
        ("после химиотерапии можно ли мк7", "safety_medicines"),
        ("мужу поставили стент, ему к2 можно?", "safety_medicines"),
        ("у папы эпилепсия, можно ему к2", "safety_dose"),
        ("с утра после к2 кружится голова", "safety_emergency"),
        ("пью мк7 и десны начали кровоточить", "safety_emergency"),
        ("сердце колотится с тех пор как начала к2", "safety_emergency"),
    ],
)
def test_russian_safety_said_in_other_words(
    responder: Responder, question: str, intent_id: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == intent_id
    assert reply.language == "ru"


@pytest.mark.parametrize(
    "question",
    [
        "стоит ли пить к2 вместе с д3",
        "у меня рак живет в аквариуме",
        "безопасный пароль как придумать",
    ],
)
def test_russian_article_questions_and_everyday_words_are_not_referred(
    responder: Responder, question: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.SAFETY


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # "Who should avoid it / must not take it?" in the languages that lacked it.
        ("k2yi kimler kullanmamalı", "tr"),
        ("¿hay gente que deba evitar la vitamina k2?", "es"),
        ("a k2 é contraindicada para alguém?", "pt"),
        ("für wen ist MK-7 kontraindiziert?", "de"),
        ("la K2 est-elle contre-indiquée pour certains ?", "fr"),
        ("chi non dovrebbe prendere la vitamina k2?", "it"),
        ("apa ada yang tidak boleh minum k2?", "id"),
        ("K2を飲んではいけない人はいますか", "ja"),
        ("К2 кімге ішуге болмайды?", "kk"),
        ("K2 ni kimlar ichmasligi kerak?", "uz"),
    ],
)
def test_who_should_not_take_it_in_every_language(
    responder: Responder, question: str, language: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is not None and reply.intent.id == "safety_dose"
    assert reply.language == language


@pytest.mark.parametrize(
    "question",
    ["¿cómo evitar el tráfico en Madrid?", "wie kann ich Stress vermeiden?", "mumkin emas"],
)
def test_avoid_words_without_k2_are_not_referred(responder: Responder, question: str) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.SAFETY
