"""A symptom told since starting K2 is referred in the languages added in pass 15 (reactions20).

The reaction rule (`bot.matching.safety.reactions`) read fourteen languages; a report in
Arabic, Persian, Hindi, Kazakh, Uzbek, Korean, Chinese, Japanese, Vietnamese, Hebrew,
Greek, Hungarian or Romanian ("自从吃K2以后我一直头疼",
"از وقتی K2 می‌خورم سردرد دارم") got the bot's fallback at 2e2402c, with no doctor referral.
Chinese and Japanese are written without spaces and are read on the folded text itself.
A general side-effect question, a symptom given as the reason for taking K2, or a symptom
told as gone still gets no referral from this rule. The questions are written for these
tests, not copied from any question set.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder
from builders import safety_referral_and_language


@pytest.mark.parametrize(
    ("question", "language"),
    [
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
def test_a_general_question_or_a_good_report_is_not_referred(
    responder: Responder, question: str
) -> None:
    """No one told having a symptom from starting K2: no referral from this rule."""
    assert safety_referral_and_language(responder, question) is None
