"""A complaint about something taken: "taking calcium but my bone density keeps going down".

The article answers "why don't my calcium supplements work" with its cramps and leg pain;
people tell the same complaint by what they measure: a bone scan, a T-score, bone density
that "didn't improve despite calcium", bones "still thin". Read word by word, such a
question is about bone density (its heaviest words), and the bone-density answer (what K2
does for density) is not what was asked: why the calcium isn't working.

So the complaint's shape is read (`complaint_reading`): a thing the asker takes (one the
content has a "not working" answer for, `complaint_subjects`), an outcome of the body
("bone", "density", "cramp", "osteoporosis", a scan's "result"), and words that say the
outcome did not get better ("still", "despite", "no better", "got worse", "didn't
improve", "keeps going down", or the synonyms' `useless`). The question is then also read
as that complaint: the outcome, the words about it and the story around it ("spent a
fortune", "my doctor is puzzled") give way to `useless` after the thing taken ("calcium
useless"); the article's other terms and the question words are kept, so a question
asking more ("... do i need k2 with my d3?") still weighs them. The reading is ranked as a
sentence is (discounted); the whole question's own reading competes with it.

Asking whether something prevents the decline ("can calcium stop bone density dropping")
is no complaint, nor is a measure of the thing itself ("my calcium score is still high":
a heart scan's figure, not calcium taken).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.text import stem

# The synonyms' word for a supplement failing ("not working", "no effect", "no results":
# see `useless` in bot/data/intents/synonyms.yaml).
FAILING = "useless"
# Outcomes of the body a person takes something for and watches: bones and their density
# or scan, the article's cramps and leg pain, osteoporosis. Stems, as `stem` gives them.
# Not "weak", "pain" or "level" alone: "my teeth are still weak", "back pain", "my vitamin
# d level is still low" are no outcome the article's complaint names ("weak bones" and
# "osteopenic" name a bone, "leg pain" a leg).
OUTCOME_WORDS = frozenset(
    stem(w)
    for w in "bone mineral density osteoporosis fracture cramp leg symptom scan result".split()
)
# Words that say the outcome persists or the thing taken did not help.
PERSISTING = frozenset("still despite yet".split())
# "even though", "even with", "even on": the second word after "even".
_EVEN_AFTER = frozenset("though with on when if".split())
# The outcome got worse or fell.
WORSE = frozenset(
    "worse worsened worsening dropping dropped falling fell declining declined down".split()
)
# Words that say "not" before "improve" ("didnt improve", "hasnt improve").
NEGATORS = frozenset(
    "not no didnt doesnt dont hasnt havent isnt arent wont never nothing zero".split()
)
# The synonyms' word for improving, getting better.
IMPROVE = "improve"
# Before a fall, these ask about preventing it, not about one seen ("stop it dropping").
PREVENTING = frozenset("stop stops prevent slow slows halt reduce help avoid".split())
# Words that make a thing taken: the asker takes it, has taken it for a time, is on it.
INTAKE = frozenset(
    "take takes taking taken took on my been using lots plenty loads supplement daily every "
    "year month week ages forever religiously alone".split()
)
# Up to two words before "take" (the plain verb), these ask whether to take it ("should i
# take calcium", "do i need to take"): not taken. "Does taking calcium even do anything"
# is taking it.
ASKING_TO_TAKE = frozenset("should shall could can would need to do does".split())
PLAIN_TAKE = "take"
# How far (in words) an intake word may stand from the thing taken.
INTAKE_REACH = 3
# Nouns that make the named thing a measure, not something taken ("calcium score").
MEASURE_NOUNS = frozenset("score scan level levels deposit deposits buildup".split())

# Every word `_marker_positions` can mark at: a message holding none has no marker.
_MARKER_WORDS = PERSISTING | WORSE | {FAILING, "even", IMPROVE, "same", "unchanged", "better"}


def _is_taken(words: list[str], position: int) -> bool:
    """Whether the word at `position` names a thing the asker takes."""
    after = words[position + 1] if position + 1 < len(words) else ""
    if after in MEASURE_NOUNS:
        return False
    start = max(0, position - INTAKE_REACH)
    end = position + 1 + INTAKE_REACH
    before = words[position - 1] if position else ""
    return (
        any(
            words[i] in INTAKE
            and not (
                words[i] == PLAIN_TAKE and ASKING_TO_TAKE.intersection(words[max(0, i - 2) : i])
            )
            for i in range(start, min(end, len(words)))
            if i != position
        )
        or before in PERSISTING
        or before == "even"
    )


def _marker_positions(words: list[str]) -> set[int]:
    """Where the question says its outcome did not get better (the words to read away)."""
    marked: set[int] = set()
    for i, word in enumerate(words):
        if word in PERSISTING or word == FAILING:
            marked.add(i)
        elif word == "even" and i + 1 < len(words) and words[i + 1] in _EVEN_AFTER:
            marked.update((i, i + 1))
        elif word in WORSE:
            if any(w in PREVENTING for w in words[max(0, i - 3) : i]):
                continue
            marked.add(i)
            # "keeps going down", "got worse", "getting worse": the verb goes with it.
            for j in (i - 1, i - 2):
                if j >= 0 and words[j] in ("keep", "keeps", "going", "got", "getting", "gotten"):
                    marked.add(j)
        elif word == IMPROVE:
            negator = next((j for j in (i - 1, i - 2) if j >= 0 and words[j] in NEGATORS), None)
            if negator is not None:
                marked.update(range(negator, i + 1))
        elif word in ("same", "unchanged") or (
            word == "better" and i and words[i - 1] in ("no", "not")
        ):
            marked.add(i)
            if word == "better":
                marked.add(i - 1)
    return marked


def complaint_reading(
    words: list[str], subjects: frozenset[str], keeps: Callable[[str], bool]
) -> str | None:
    """The question read as "`subject` useless", or None when it is no such complaint.

    Args:
        words: the normalised question's words, stopwords kept.
        subjects: the things taken that the content has a "not working" answer for
            (`complaint_subjects`).
        keeps: whether a word of the question stays in the reading (the article's terms
            and question words: "d3", "k2", "why"); the rest tells the complaint's story
            ("spent a fortune", "my doctor is puzzled") and is read away with the outcome.

    Returns:
        The question with its outcome, the words about it and its story read away and
        `useless` put after the thing taken ("calcium useless why"), or None.
    """
    if subjects.isdisjoint(words) or _MARKER_WORDS.isdisjoint(words):
        # No subject, or no word `_marker_positions` marks: no complaint (most questions;
        # checked whole rather than word by word).
        return None
    taken = next((i for i, w in enumerate(words) if w in subjects and _is_taken(words, i)), None)
    if taken is None:
        return None
    outcome = {i for i, w in enumerate(words) if stem(w) in OUTCOME_WORDS}
    if not outcome:
        return None
    marked = _marker_positions(words)
    if not marked:
        return None
    kept: list[str] = []
    for i, word in enumerate(words):
        if i == taken:
            kept += (word, FAILING)
        elif i not in outcome and i not in marked and keeps(word):
            kept.append(word)
    return " ".join(kept)
