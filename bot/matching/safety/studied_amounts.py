"""A study's amount is not the asker's dose: the one rule that says so.

What research gave ("participants took 180 mcg of mk7", "does 180 mcg of K2 a day protect
bone strength?") is the study's method, asked for its finding, not an amount anyone asks
to take. A safety trigger said only by such an amount refers nobody
(`only_a_studied_amount`), and a question that names a study and asks its finding is
referred by no safety pattern either (`study_finding_asked`). Two rounds wrote it twice
(realsafety17: a study named and its finding asked; realfix4: an amount asked as its
effect on bone); pass 12 made it one rule, catching what either caught.
"""

from __future__ import annotations

import re

from bot.matching.safety.backstory import (
    _EFFECT_ASKED,
    _STILL_ASKS_AN_AMOUNT,
    _SUBJECT_AFTER_DOSE,
    _asks_about_taking,
)
from bot.matching.safety.context import ASKING_ADVICE, UNIT_WORDS, _stems
from bot.matching.safety.expressions import _DIGIT, URGENT
from bot.matching.safety.readings import _Hit

# The asker, named in any way (I, my, we, you...; Russian too): an amount said beside them
# is theirs, whatever study it came from.
_ASKER_WORDS = _stems(
    "i im ive id me my mine myself we weve us our ours you your youre yours "
    "я мне меня мой моя мое моё мои мы нам нас наш наша вы вам вас ваш ваша"
)


def only_a_studied_amount(stems: list[str], hit: _Hit) -> bool:
    """Whether a trigger says only an amount a study gave, asked for what it did.

    The message tells it is the study's amount, nobody's dose, in either of two ways: it
    names a study and asks its finding ("in the trial they took 180 mcg, what happened to
    their bones?", `_STUDY_WORDS`), or it asks what "180 mcg [of k2] [a day]" does to what
    the article studies, naming nobody who takes it nor a risk ("does 180 mcg of K2 a day
    protect bone strength?", `_STUDY_UNITS`). Either way no asker is named: "my son took
    180 mcg in a study, what do i do" and "does 180 mcg a day help my bones" still refer.

    Args:
        stems: the message's words, English-stemmed.
        hit: a trigger found in them.
    """
    return _amount_of_a_named_study(stems, hit) or _amount_asked_as_its_effect(stems, hit)


# An amount or dose told of a study, its finding asked ("in the study, participants took
# 180 mcg of mk7 for three years - what happened to their bone density?", "what dose of
# k2 was used in the Rotterdam study and what did they find", Russian "in the study they
# gave 180 мкг", "what with the bones?"): what was given in research is its method, not the
# asker's dose (2026-11-30, realsafety17). The message names a study, asks a finding, and
# names no asker (I, my, we, you...) nor advice; the trigger says only the amount: numbers,
# units, a dose word, the subject's names, a taking verb, "what". Urgent "took 180 mcg"
# included: participants are nobody's emergency. "my son took 180 mcg in a study, what do
# i do" names the asker and keeps its referral.
_STUDY_WORDS = _stems(
    "study studies studied trial trials research researcher researchers participant "
    "participants volunteer volunteers cohort placebo experiment experiments rct rcts"
)
_STUDY_PREFIXES_ELSEWHERE = ("исследован", "испытан", "участник", "эксперимент")
_FINDING_WORDS = _stems(
    "find finds found finding findings show shows showed shown happen happens happened "
    "result results conclude concluded conclusion outcome outcomes observe observed "
    "report reported see saw discover discovered change changed"
)
# Russian as normalised ("что" reads "what") and stemmed.
_FINDING_ELSEWHERE = ("what с", "показа", "результат", "выяв", "случил", "стал с")
_AMOUNT_WORDS = UNIT_WORDS | _stems(
    "dose doses dosage dosages dosing what which of a per day daily took take taking "
    "given gave give used use received k2 mk7 mk4 vitamin menaquinone мкг мг доза дозы "
    "дозу дозировка давали принимали получали mk7 k2"
)


def study_finding_asked(stems: list[str]) -> bool:
    """Whether a message names a study, asks what it found and names no asker nor advice.

    See `_STUDY_WORDS`. Also keeps the safety patterns from referring such a question
    (`SafetyTriggers.patterns_may_refer`): "what did the trial of 360 mcg a day show" asks
    a finding, whatever pattern its amount resembles.
    """
    text = " ".join(stems)
    return (
        any(word in _STUDY_WORDS or word.startswith(_STUDY_PREFIXES_ELSEWHERE) for word in stems)
        and (
            any(word in _FINDING_WORDS for word in stems)
            or any(phrase in text for phrase in _FINDING_ELSEWHERE)
        )
        and not any(word in _ASKER_WORDS or word in ASKING_ADVICE for word in stems)
    )


def _amount_of_a_named_study(stems: list[str], hit: _Hit) -> bool:
    """Whether a trigger says only an amount told of a study whose finding is asked.

    See `_STUDY_WORDS`.
    """
    return (
        bool(hit.covered)
        and all(
            stems[index] in _AMOUNT_WORDS or _DIGIT.search(stems[index]) for index in hit.covered
        )
        and study_finding_asked(stems)
    )


# An amount a study gave, asked as its effect on what the article is about ("does 180 mcg
# of K2 a day protect bone strength in women 55-65?"): a number with a dose unit, the
# subject and a time per day after it if said, in a question asking an effect on bone,
# fractures or calcium. Read without the amount, the question must say nothing of the
# asker (I, my, you...), taking, advice, "too" or "enough", nor name a risk (clotting,
# bleeding, blood, stroke, side effects): "does 180 mcg a day help my bones", "is 180 mcg a
# day too much" and "does 500 mcg of k2 a day increase clotting" still refer.
_STUDY_UNITS = _stems("mcg mcgs mg mgs ug µg microgram micrograms milligram milligrams")
_UNIT_GLUED = re.compile(r"\d+(?:[.,]\d+)?(?:mcg|mcgs|mg|mgs|ug|µg)")
_PER_DAY_LEAD = _stems("a per each every")
_PER_DAY = _stems("day daily")
_STUDIED_OUTCOMES = _stems(
    "bone bones fracture fractures density osteoporosis osteopenia osteocalcin strength "
    "calcium loss mineral"
)
_RISK_PREFIXES = ("clot", "bleed", "blood", "inr", "thin", "stroke", "side", "heart", "kidney")


def _study_amount_span(stems: list[str]) -> tuple[int, int] | None:
    """The first and last index of "180 mcg [of k2] [a day]" in `stems`, if it is there."""
    for start, word in enumerate(stems):
        if _UNIT_GLUED.fullmatch(word):
            end = start
        elif word.isdigit() and start + 1 < len(stems) and stems[start + 1] in _STUDY_UNITS:
            end = start + 1
        else:
            continue
        named = end + 2 if end + 1 < len(stems) and stems[end + 1] == "of" else end + 1
        subject = named
        while (
            subject < len(stems) and subject < named + 2 and stems[subject] in _SUBJECT_AFTER_DOSE
        ):
            subject += 1
        if subject > named:
            end = subject - 1
        if end + 1 < len(stems) and stems[end + 1] in _PER_DAY:
            end += 1
        elif (
            end + 2 < len(stems) and stems[end + 1] in _PER_DAY_LEAD and stems[end + 2] in _PER_DAY
        ):
            end += 2
        return start, end
    return None


def _amount_asked_as_its_effect(stems: list[str], hit: _Hit) -> bool:
    """Whether a dose hit is only a studied amount asked as its effect (see _STUDY_UNITS)."""
    if hit.tier == URGENT or not hit.covered or hit.intent.id != "safety_dose":
        return False
    span = _study_amount_span(stems)
    if span is None:
        return False
    first, last = span
    if not all(first <= at <= last for at in hit.covered):
        return False
    rest = [word for i, word in enumerate(stems) if not first <= i <= last]
    return (
        _EFFECT_ASKED.search(" ".join(rest)) is not None
        and any(word in _STUDIED_OUTCOMES for word in rest)
        and not any(word.startswith(_RISK_PREFIXES) for word in rest)
        and not _asks_about_taking(rest)
        and ASKING_ADVICE.isdisjoint(rest)
        and _ASKER_WORDS.isdisjoint(rest)
        and _STILL_ASKS_AN_AMOUNT.isdisjoint(rest)
    )
