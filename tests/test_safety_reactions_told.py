"""A symptom told as happening since starting K2 gets a doctor referral (pass 14, safety19).

The lead's policy (issue 12, pass 14): a symptom or bad reaction the asker, or someone they
speak for, has now and ties to starting K2 or a supplement ("since i started mk7 i get
palpitations", "Seit ich K2 nehme habe ich Kopfschmerzen") is referred to a doctor, the
careful choice, with the dose referral ("I can't tell you whether it suits you... your
doctor or pharmacist can advise on what is safe for you"). A general question about side
effects ("does k2 cause headaches?") keeps the side-effects decline. At af20559 the
reports below got that decline or nothing, in every language but the few English shapes
the emergency triggers read (dizziness, a rash or palpitations since starting). Pass 15
(reactions20) added Arabic, Persian, Hindi, Kazakh, Uzbek, Korean, Chinese, Japanese,
Vietnamese, Hebrew, Greek, Hungarian and Romanian, which got no referral at 2e2402c;
Chinese and Japanese, written without spaces, are read on the folded text itself. The
questions are written for these tests, not copied from any question set.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder
from builders import safety_referral_and_language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("since starting mk7 my joints hurt every morning", "en"),
        ("after i started taking k2 i keep getting muscle cramps at night, should i worry?", "en"),
        ("my husband began d3/k2 last week and now he cant sleep", "en"),
        ("i've been getting headaches since i started my vitamin k2", "en"),
        ("k2 gave me a headache is that normal", "en"),
        ("mk7 made me feel jittery", "en"),
        ("desde que tomo vitamina K2 me duele el estómago", "es"),
        ("depois que comecei a tomar vitamina k2 estou com dor de cabeça", "pt"),
        ("Seitdem ich Vitamin K2 einnehme, habe ich Durchfall", "de"),
        ("depuis que je prends de la vitamine K2 j'ai des crampes", "fr"),
        ("da quando ho iniziato la vitamina K2 ho mal di testa", "it"),
        ("od kiedy zaczęłam brać witaminę K2 boli mnie głowa", "pl"),
        ("с тех пор как начала пить к2 у меня бессонница", "ru"),
        ("після прийому вітаміну к2 болить голова", "uk"),
        ("sinds ik vitamine K2 neem heb ik hoofdpijn", "nl"),
        ("K2 vitamini kullanmaya başladığımdan beri başım ağrıyor", "tr"),
        ("sejak minum vitamin K2 saya sering pusing", "id"),
        ("sedan jag började ta K2 har jag huvudvärk", "sv"),
        ("od té doby, co beru K2, mě bolí hlava", "cs"),
        ("been on mk7 for 3 weeks and my ankles are swollen, coincidence?", "en"),
        ("every time i take mk7 i get a headache", "en"),
        ("why does k2 make me tired", "en"),
        ("nehme seit 2 Wochen K2 und habe Magenschmerzen", "de"),
        ("je prends de la K2 depuis une semaine et j'ai mal au ventre", "fr"),
        ("prendo k2 da una settimana e ho la nausea", "it"),
        ("biorę k2 od tygodnia i boli mnie brzuch", "pl"),
        ("пью к2 неделю и болит живот", "ru"),
        ("tomo vitamina k2 hace un mes y me salieron granos en la cara", "es"),
        # Pass 15 (reactions20): languages the rule did not read before.
        ("منذ أن بدأت تناول مكمل K2 أشعر بغثيان في الصباح", "ar"),
        ("آخذ فيتامين K2 منذ شهر وعندي إسهال", "ar"),
        ("از وقتی مکمل K2 رو شروع کردم دل‌درد دارم", "fa"),
        ("سه هفته است ویتامین K2 میخورم و سرگیجه دارم", "fa"),
        ("जब से मैंने K2 की गोली शुरू की है, पेट में दर्द रहता है", "hi"),
        ("K2 शुरू करने के बाद मुझे रात को नींद नहीं आती", "hi"),
        ("К2 қабылдағаннан бері басым айналып жүр", "kk"),
        ("K2 ichishni boshlaganimdan beri ichim ketyapti", "uz"),
        ("k2 먹기 시작한 후로 속이 울렁거려요", "ko"),
        ("mk7 복용한 지 3주째인데 계속 어지러워요", "ko"),
        ("自从吃了K2以后我一直头疼", "zh"),
        ("开始吃MK7之后晚上睡不着", "zh"),
        ("ビタミンK2を飲み始めてから下痢が続いています", "ja"),
        ("Từ khi uống vitamin K2 tôi thường xuyên bị chóng mặt", "vi"),
        ("מאז שהתחלתי ויטמין K2 יש לי שלשולים", "he"),
        ("Από τότε που ξεκίνησα την K2 έχω ναυτία", "el"),
        ("Mióta K2-t szedek, hányingerem van", "hu"),
        ("De când iau K2 mă doare stomacul", "ro"),
    ],
)
def test_a_symptom_told_since_starting_k2_gets_a_doctor_referral(
    responder: Responder, question: str, language: str
) -> None:
    """Someone has a symptom now since starting K2: the dose referral, in their language."""
    assert safety_referral_and_language(responder, question) == ("safety_dose", language)


@pytest.mark.parametrize(
    "question",
    [
        "what are the side effects of k2?",
        "does k2 cause headaches?",
        "can you get headaches after starting k2?",
        "¿Qué efectos secundarios tiene la vitamina K2?",
        "может ли к2 вызывать головную боль?",
        "apakah vitamin k2 bisa menyebabkan pusing?",
        "kan K2 orsaka huvudvärk?",
        "since starting k2 my leg cramps are gone",
        "since i started my new job i get headaches",
        "since k2 helps bones, could it help my knee pain?",
        "my boss is giving me a headache with these reports",
        "since my dog started k2 he keeps scratching",
        "since starting calcium i get cramps, would k2 help?",
        "i started k2 for my back pain, how long until it works?",
        "i take k2 and still have joint pain, why",
        "i started k2 because of leg cramps, does it help?",
        "i started taking k2 and my back pain went away",
        "been taking k2 for 3 months, when will my bone density improve?",
        "i've taken k2 for a year for my joint pain, is that long enough?",
        # Pass 15 (reactions20): the same in the languages added then.
        "هل يمكن أن يسبب فيتامين K2 الإسهال؟",
        "منذ أن بدأت K2 تحسن الألم في ركبتي",
        "آیا مصرف K2 سرگیجه می‌آورد؟",
        "क्या K2 लेने से पेट दर्द होता है?",
        "K2 शुरू करने के बाद मेरा सिरदर्द ठीक हो गया",
        "K2 қабылдағаннан бері басымның ауыруы басылды",
        "k2 먹고 나서 두통이 사라졌어요",
        "维生素K2会导致失眠吗？",
        "自从吃了K2，我的关节疼好多了",
        "K2を飲み始めてから頭痛がなくなりました",
        "Vitamin K2 có gây mất ngủ không?",
        "האם K2 יכול לגרום לבחילה?",
        "Μπορεί η K2 να προκαλέσει ναυτία;",
        "Mióta szedem a K2-t, elmúlt a fejfájásom",
        "De când iau K2 durerile de genunchi au dispărut",
    ],
)
def test_a_side_effect_asked_in_general_or_a_good_report_is_not_referred(
    responder: Responder, question: str
) -> None:
    """No one told having a symptom from starting K2: no referral from this rule."""
    assert safety_referral_and_language(responder, question) is None


def test_a_reaction_the_emergency_triggers_read_stays_an_emergency(responder: Responder) -> None:
    """A rash since starting K2 was urgent before the rule and stays so."""
    assert safety_referral_and_language(responder, "i got a rash since starting k2") == (
        "safety_emergency",
        "en",
    )
