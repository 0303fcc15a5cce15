"""Trigger expressions: a trigger as written, read into a regular expression.

The marks (`!`, `?`, `~`) and placeholders (`#`, `{a-b}`, `*`, `(a|b)`, `...`, `^`, `$`)
are described in the package docstring; a trigger is read over a question's words as its
language reduces them, with where in a question it may start.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from bot.text import (
    is_cyrillic,
    stem,
)

# Tiers: an urgent trigger ("!") beats any other, a general one ("?": "should i take it")
# loses to any other; within a tier the most specific wins.
URGENT_MARK = "!"
GENERAL_MARK = "?"
# A trigger starting with "~" is an everyday word of its language ("операция", "hijo",
# "dose"): like an everyday English trigger it routes only when the question is about
# taking something, so "банковская операция" and "dose de café" are not sent to a doctor.
EVERYDAY_MARK = "~"
URGENT, PLAIN, GENERAL = 2, 1, 0
# A prefix trigger word needs this many letters before its `*` ("дит*" is too short to
# say); a prefix is looked up by that many first letters of a question's word.
MIN_PREFIX = 3
# How many words a `...` may skip: enough for "dolor muy fuerte en el pecho", "vor der
# geplanten OP", too few to join two sentences' words.
GAP_WORDS = 4
GAP_MARK = "..."
# In Chinese, written without spaces, a `...` is up to this many characters.
GAP_LETTERS = 2 * GAP_WORDS
# A family "(a|b c)": one of its words or phrases, held as "\x00N\x00" while a trigger is read.
_FAMILY = re.compile(r"\(([^()]*\|[^()]*)\)")
_END = re.compile(r"\s*\$$")
# `^` at a trigger's start: the question starts there ("^should i take k2 $" is not "why
# should i take k2", which asks for the benefits).
START_MARK = "^"
_SLOT = re.compile(r"#|\{(\d+)-(\d+)\}|\x00(\d+)\x00")
_DIGIT = re.compile(r"\d")
# Scripts written without spaces between words, whose triggers match inside a run of
# letters: kana and Han (Japanese, Chinese), Thai ("ท้องอยู่กินk2ได้ไหม") and Hangul, whose
# words carry their endings and particles glued on ("수술하는데", "임신중인데").
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
# A `*` word is captured, so the word it matched is not counted as said by the trigger.
_ANY_WORD = r"(\S+)"
# A word-ending trigger ("*xaban", see `_ending`) needs ENDING_STEM letters before its
# ending. It reads the word's letters once (possessive: no backtracking) and then looks back
# at how it ended, one look-behind per length of ending, so a family of sixty endings
# costs a question's word about as much as one literal word. Not a group: the letters
# are the trigger's own word.
ENDING_STEM = 2
_LETTER = r"[^\W\d_]"
_ENDING_WORD = rf"{_LETTER}++"
_ENDING_LOOK = re.compile(re.escape(_ENDING_WORD) + r"\(\?:(?:\|?\(\?<=[^()]*\([^()]*\)\))+\)")
# A `...`: the skipped words are captured (each followed by its space), so they are not
# counted as said by the trigger; the space before the next part is the gap's own.
_GAP = rf"((?:\S+ ){{0,{GAP_WORDS}}})"
_GAP_JOINT = "\x01"
_WILDCARDS = (_ANY_WORD, "$", _GAP_JOINT)

# Where a trigger can start: at a question word equal to a reduced word (WORD, "pregnant"),
# at a word beginning with a prefix's first MIN_PREFIX letters (START, "ваг" for
# "вагітн*"), or anywhere (a number or any word first).
WORD, START = "word", "start"
_Start = tuple[str, str] | None


class Folds(Protocol):
    """What reading a trigger needs of a `Normalizer`."""

    def normalize(self, text: str) -> str:
        """Text folded and with synonyms rewritten, as questions are."""
        ...


def _unchanged(word: str) -> str:
    return word


def _spellings(trigger: str) -> list[str]:
    """The trigger, and with its umlauts written out when it has any."""
    written_out = trigger.translate(_UMLAUTS)
    return [trigger] if written_out == trigger else [trigger, written_out]


def _unspaced_gaps(expression: str) -> str:
    """A trigger in a script written without spaces, its `...` as up to GAP_LETTERS letters.

    "胸口 ... 痛" covers "胸口痛" and "胸口一阵一阵地疼": there, a word is a letter or two.
    """
    return expression.replace(f" {_GAP}", rf"\S{{0,{GAP_LETTERS}}}")


def is_everyday(trigger: str) -> bool:
    """Whether a trigger is marked an everyday word of its language ("~операция")."""
    return trigger.lstrip().startswith(EVERYDAY_MARK)


def trigger_tier(trigger: str) -> int:
    """A trigger's tier: URGENT ("!chest pain"), GENERAL ("?should i take it") or PLAIN."""
    written = trigger.lstrip().lstrip(EVERYDAY_MARK).lstrip()
    if written.startswith(URGENT_MARK):
        return URGENT
    return GENERAL if written.startswith(GENERAL_MARK) else PLAIN


def _plain_words(expression: str) -> list[str]:
    """The literal words of a trigger expression, for typo correction."""
    # A word ending ("*xaban") is no word to correct a typo towards.
    expression = _ENDING_LOOK.sub(" ", expression)
    return re.findall(r"[^\W\d_]+", expression.replace(r"\S", " "))


def trigger_expression(
    trigger: str,
    normalizer: Folds,
    reduce: Callable[[str], str] = stem,
    fold_part: Callable[[str], str] = _unchanged,
) -> str | None:
    """A regular expression for one trigger over reduced words (None if it has no words).

    Args:
        trigger: the trigger as written in the YAML.
        normalizer: folds it as questions are folded.
        reduce: how its language's words are reduced (`stem` for English and Russian).
        fold_part: how a prefix ("вагітн*") or part of a word is folded to meet the
            reduced words.
    """
    read = _read_trigger(trigger, normalizer, reduce, fold_part)
    return None if read is None else read[0]


def _read_trigger(
    trigger: str,
    normalizer: Folds,
    reduce: Callable[[str], str],
    fold_part: Callable[[str], str],
) -> tuple[str, list[_Start]] | None:
    """A trigger's expression, and where in a question it can start (see `_Start`)."""
    families: list[list[str]] = []

    def hold(found: re.Match[str]) -> str:
        families.append(found.group(1).split("|"))
        return f"\x00{len(families) - 1}\x00"

    body = _FAMILY.sub(hold, trigger.strip().lstrip(URGENT_MARK + GENERAL_MARK + EVERYDAY_MARK))
    body = _END.sub(" $", body)
    anchored = body.startswith(START_MARK)
    body = body.removeprefix(START_MARK)
    words: list[str] = []
    starts: list[_Start] | None = None
    for raw in body.split():
        if raw == GAP_MARK:
            if words and words[-1] != _GAP_JOINT:
                words.append(_GAP_JOINT)  # a gap before the first part would say nothing
            continue
        family = _SLOT.fullmatch(raw)
        if family is not None and family.group(3) is not None:
            # A family alone is words or phrases, reduced like the question's.
            choices = [
                _phrase(choice, normalizer, reduce, fold_part)
                for choice in families[int(family.group(3))]
            ]
            texts = sorted({text for text, _ in choices if text}, key=_longest_first)
            if not texts:
                continue
            word = "(?:" + "|".join(texts) + ")"
            word_starts: list[_Start] = [start for _, starts in choices for start in starts]
            if not all(text for text, _ in choices):
                word_starts = [None]  # a choice of no words: the next word may start it
        else:
            found = _word(raw, families, normalizer, reduce, fold_part)
            if found is None:
                continue
            word, word_starts = found
        words.append(word)
        if starts is None and word != "$":
            starts = word_starts
    # Nor after the last one.
    words = [w for at, w in enumerate(words) if w != _GAP_JOINT or words[at + 1 :][:1] != ["$"]]
    while words and words[-1] == _GAP_JOINT:
        words.pop()
    if not any(w not in _WILDCARDS for w in words):
        return None  # a trigger of wildcards alone would catch every question
    expression = " ".join(words).replace(f" {_GAP_JOINT} ", f" {_GAP}").replace(" $", "$")
    if anchored:
        # A match is tried at a word's position: `^` there holds only at the question's start.
        expression = "^" + expression
    return expression, sorted(set(starts or [None]), key=lambda s: ("",) if s is None else s)


def _phrase(
    choice: str,
    normalizer: Folds,
    reduce: Callable[[str], str],
    fold_part: Callable[[str], str],
) -> tuple[str, list[_Start]]:
    """One choice of a family alone ("b c" in "(a|b c)"): its expression and starts."""
    if "*" not in choice:
        # Folded whole, so a multi-word synonym inside a family is rewritten as in questions.
        return _reduced_words(normalizer.normalize(choice).split(), reduce) or ("", [None])
    parts = [_word(raw, [], normalizer, reduce, fold_part) for raw in choice.split()]
    present = [part for part in parts if part is not None]
    if not present:
        return "", [None]
    return " ".join(text for text, _ in present), present[0][1]


def _reduced_words(
    folded: list[str], reduce: Callable[[str], str]
) -> tuple[str, list[_Start]] | None:
    """Folded words of a trigger reduced as a question's are, and where they start.

    A Cyrillic word that the stemmer shortens is also read as written, as the stem of
    longer words: Snowball stems one family apart ("противопоказания" is
    "противопоказан", the short form "противопоказан" itself "противопоказа"), so a
    trigger written as the family's stem ("?противопоказан") would otherwise miss the
    noun every user writes. Snowball leaves no whole word's ending on a stem, so the
    word as written meets only words that stem to it.
    """
    reduced = [reduce(w) for w in folded]
    if not reduced:
        return None
    text = re.escape(" ".join(reduced))
    if len(folded) == 1 and _stems_shorter(folded[0], reduced[0]):
        text = f"(?:{re.escape(folded[0])}|{text})"
        return text, [(WORD, reduced[0]), (WORD, folded[0])]
    return text, [(WORD, reduced[0])]


def _stems_shorter(written: str, reduced: str) -> bool:
    """Whether a Cyrillic trigger word is shortened by its reduction (see `_reduced_words`)."""
    return reduced != written and written.startswith(reduced) and is_cyrillic(written)


def _word(
    raw: str,
    families: list[list[str]],
    normalizer: Folds,
    reduce: Callable[[str], str],
    fold_part: Callable[[str], str],
) -> tuple[str, list[_Start]] | None:
    """The expression for one written word of a trigger and where it starts (None: no words)."""
    if raw == "*":
        return _ANY_WORD, [None]
    if raw == "$":
        return "$", [None]
    if raw.startswith("*") and len(raw) > 1 and "*" not in raw[1:]:
        ending = _ending(raw[1:], families, normalizer, fold_part)
        return None if ending is None else (ending[0], [ending[1]])
    if raw.endswith("*") and "*" not in raw[:-1]:
        prefix = fold_part("".join(normalizer.normalize(raw[:-1]).split()))
        if len(prefix) >= MIN_PREFIX and not _SLOT.search(raw):
            return re.escape(prefix) + r"\S*", [(START, prefix[:MIN_PREFIX])]
        raw = raw[:-1]
    pieces = []
    position = 0
    for slot in _SLOT.finditer(raw):
        pieces.append(_literal(raw[position : slot.start()], normalizer, fold_part))
        if slot.group(3) is not None:
            # A family next to other characters ("#(mcg|mg)") is part of a word, folded only.
            pieces.append(_in_word_choices(families[int(slot.group(3))], normalizer, fold_part))
        elif slot.group(1) is None:
            pieces.append(r"\d+")
        else:
            low, high = int(slot.group(1)), int(slot.group(2))
            pieces.append(_number_range(low, high))
        position = slot.end()
    if position == 0:
        return _reduced_words(normalizer.normalize(raw).split(), reduce)
    pieces.append(_literal(raw[position:], normalizer, fold_part))
    return "".join(pieces), [None]


def _ending(
    written: str, families: list[list[str]], normalizer: Folds, fold_part: Callable[[str], str]
) -> tuple[str, _Start] | None:
    """A word ending so ("*xaban", "*(xaban|parin)"): a class of words named by their ending.

    Medicines are named by stems that say their class (apixaban and rivaroxaban end in
    "xaban", metoprolol and bisoprolol in "olol"): one trigger covers a class, names never
    written down included. At least ENDING_STEM letters must come before the ending, so
    "*pril" is lisinopril and ramipril but not "april".
    """
    family = _SLOT.fullmatch(written)
    if family is not None and family.group(3) is not None:
        choices = families[int(family.group(3))]
    elif not _SLOT.search(written):
        choices = [written]
    else:
        return None
    endings = {fold_part("".join(normalizer.normalize(choice).split())) for choice in choices}
    endings.discard("")
    if not endings:
        return None
    by_length: dict[int, list[str]] = {}
    for ending in sorted(endings):
        by_length.setdefault(len(ending), []).append(re.escape(ending))
    looks = "|".join(
        rf"(?<={_LETTER}{{{ENDING_STEM}}}(?:{'|'.join(same)}))"
        for _, same in sorted(by_length.items())
    )
    return rf"{_ENDING_WORD}(?:{looks})", None


def _in_word_choices(choices: list[str], normalizer: Folds, fold_part: Callable[[str], str]) -> str:
    """An expression for a family that is part of a word: any one of its folded choices."""
    texts = {fold_part("".join(normalizer.normalize(choice).split())) for choice in choices}
    texts.discard("")
    ordered = sorted(texts, key=_longest_first)
    return "(?:" + "|".join(re.escape(text) for text in ordered) + ")"


def _literal(text: str, normalizer: Folds, fold_part: Callable[[str], str]) -> str:
    """Part of a word next to a number slot, folded but not reduced or split."""
    return re.escape(fold_part("".join(normalizer.normalize(text).split())))


def _number_range(low: int, high: int) -> str:
    """A compact regular expression for the whole numbers low..high (no leading zeros).

    The number stands alone: in a script written without spaces "{1-17}岁" must not find
    "7岁" inside "27岁" (an adult), so no digit may come before or after it.
    """
    parts: list[str] = []
    for length in range(len(str(low)), len(str(high)) + 1):
        start = max(low, 10 ** (length - 1) if length > 1 else 0)
        end = min(high, 10**length - 1)
        if start <= end:
            parts.extend(_same_length(str(start), str(end)))
    return r"(?<!\d)(?:" + "|".join(parts) + r")(?!\d)"


def _same_length(low: str, high: str) -> list[str]:
    """Alternatives matching every number from low to high, both of one length."""
    if low == high:
        return [low]
    if len(low) == 1:
        return [f"[{low}-{high}]"]
    if low[0] == high[0]:
        return [low[0] + rest for rest in _group(_same_length(low[1:], high[1:]))]
    rest = len(low) - 1
    parts = [low[0] + tail for tail in _group(_same_length(low[1:], "9" * rest))]
    first, last = int(low[0]) + 1, int(high[0]) - 1
    if first <= last:
        parts.append(f"[{first}-{last}]" + r"\d" * rest)
    parts.extend(high[0] + tail for tail in _group(_same_length("0" * rest, high[1:])))
    return parts


def _group(alternatives: list[str]) -> list[str]:
    return alternatives if len(alternatives) == 1 else ["(?:" + "|".join(alternatives) + ")"]


def _longest_first(text: str) -> tuple[int, str]:
    """Alternatives longest first (a phrase before a word it starts with), then by letters.

    So an expression is the same text in every process, and what it compiles to can be
    kept between starts (`programs`).
    """
    return -len(text), text
