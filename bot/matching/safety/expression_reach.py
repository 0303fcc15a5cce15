r"""How far a trigger expression's match can read around where it is tried.

A message's sentences are also read one by one for the triggers tied to a question's start
or end (`SafetyTriggers._anchored_in_sentences`). A sentence is a stretch of the message's
text with a space on either side (or the message's start or end). An expression tried at
one of its words sees the same characters in both until it reads past either edge:

- before the start only by `^` (at the sentence's first word) or by looking back
  (`behind` characters at most);
- at the end, where the sentence ends and the message goes on with a space. Consuming
  that space fails in the sentence, so a match that did not consume it in the message is
  found in the sentence too, unless an assertion there reads the end otherwise (`$`, a
  look-ahead that may take a space: `at_end`); `(?!\S)` reads it alike. Reaching the end
  from a word takes consuming a space per word up to it: at most `spaces`.

A word of the message is such a stretch too. An expression that can consume no space
(look-aheads included), asserts no start or end (`^`, `$`; `\b` reads a space and a
string's edge alike) and looks back only at characters none of which may be a space
(`word_local`) reads, tried where a word starts, nothing but that word and a space (or
the string's edge) on either side: it matches there exactly when it matches the word
alone between two spaces. `SafetyTriggers._hits` tries such an expression once per word,
not at every place the word stands.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# The parser `re` itself uses, as in `expression_starts`: no public API reads an
# expression's parts. Typeshed has no stubs for it.
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any, NamedTuple

_SPACE = ord(" ")


class Reach(NamedTuple):
    """What a match may read around where it is tried (see the module docstring)."""

    # How many spaces it may consume (None: no bound).
    spaces: int | None
    # How many characters it may look back.
    behind: int
    # Whether an assertion in it may read a sentence's end otherwise than the message.
    at_end: bool = False
    # Whether it reads nothing but the word where it is tried (see the module docstring).
    word_local: bool = False


UNBOUNDED = Reach(None, 0, True)


def widest(reaches: Iterable[Reach]) -> Reach:
    """The reach of one of several expressions, whichever is tried (Reach(0, 0) for none)."""
    spaces: int | None = 0
    behind = 0
    at_end = False
    for reach in reaches:
        spaces = None if spaces is None or reach.spaces is None else max(spaces, reach.spaces)
        behind = max(behind, reach.behind)
        at_end = at_end or reach.at_end
    return Reach(spaces, behind, at_end)


# Reaches an earlier start worked out and kept (`remember_reaches`): parsing every trigger's
# expression is about a third of a warm-up.
_remembered: dict[str, Reach] = {}


def remember_reaches(reaches: dict[str, Reach]) -> None:
    """Take `reaches` as `expression_reach` would work them out (kept by an earlier start)."""
    _remembered.update(reaches)


def expression_reach(expression: str) -> Reach:
    """The `Reach` of a regular expression (UNBOUNDED when unsure).

    Look-aheads are counted as if their characters were consumed too, which may only
    overstate the reach.
    """
    remembered = _remembered.get(expression)
    return remembered if remembered is not None else _parsed_reach(expression)


@functools.lru_cache(maxsize=16_384)
def _parsed_reach(expression: str) -> Reach:
    try:
        parsed = sre_parser.parse(expression)
    except re.error:
        return UNBOUNDED
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL):
        return UNBOUNDED
    return _sequence_reach(list(parsed))._replace(word_local=_word_local(list(parsed)))


def _sequence_reach(items: list[tuple[Any, Any]]) -> Reach:
    spaces: int | None = 0
    behind = 0
    at_end = False
    for op, argument in items:
        reach = _item_reach(op, argument)
        if reach.spaces is None or spaces is None:
            spaces = None
        else:
            spaces += reach.spaces
        behind = max(behind, reach.behind)
        at_end = at_end or reach.at_end
    return Reach(spaces, behind, at_end)


def _item_reach(op: Any, argument: Any) -> Reach:
    """`_sequence_reach` for one parsed item."""
    if op is sre_constants.LITERAL:
        return Reach(int(argument == _SPACE), 0)
    if op is sre_constants.IN:
        return Reach(int(_class_may_hold_a_space(argument)), 0)
    if op in (sre_constants.NOT_LITERAL, sre_constants.ANY):
        return Reach(1, 0)
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, pattern = argument
        return UNBOUNDED if add_flags or del_flags else _sequence_reach(list(pattern))
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence_reach(list(argument))
    if op is sre_constants.BRANCH:
        return widest(_sequence_reach(list(pattern)) for pattern in argument[1])
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        _low, high, pattern = argument
        inner = _sequence_reach(list(pattern))
        if inner.spaces is None or (inner.spaces and high == sre_constants.MAXREPEAT):
            return UNBOUNDED
        return Reach(inner.spaces * high, inner.behind, inner.at_end)
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        direction, pattern = argument
        inner = _sequence_reach(list(pattern))
        if direction > 0:
            # Counted as consumed; at the end it reads a space in the message and nothing
            # in the sentence, which changes nothing when it can take no space.
            return inner._replace(at_end=inner.at_end or inner.spaces != 0)
        width = pattern.getwidth()[1]
        if inner.spaces is None or width >= sre_constants.MAXREPEAT:
            return UNBOUNDED
        return Reach(0, max(width, inner.behind), inner.at_end)
    if op is sre_constants.AT:
        # `^` holds only where a sentence starts, whose first word is always read again;
        # `$` also where one ends. A word boundary reads the character before (and after:
        # a space in the message, nothing in the sentence, alike).
        if argument in (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING):
            return Reach(0, 0)
        if argument in (sre_constants.AT_BOUNDARY, sre_constants.AT_NON_BOUNDARY):
            return Reach(0, 1)
        return Reach(0, 1, True)  # `$`, `\Z` (or another, read as both)
    return UNBOUNDED  # a back-reference, a conditional: not read here


def _word_local(items: list[tuple[Any, Any]]) -> bool:
    r"""Whether parsed items read nothing but one word (see the module docstring).

    Nothing of them may match a space: a match tried at a word's start cannot pass the
    space after it, and a look-behind that reaches back past the word's start takes the
    space before it (or the string's start) and fails, both in the message and in the word
    alone. `\b` and `\B` read a space and a string's edge alike; `^` and `$` do not.
    """
    for op, argument in items:
        if op is sre_constants.LITERAL:
            if argument == _SPACE:
                return False
        elif op is sre_constants.IN:
            if _class_may_hold_a_space(argument):
                return False
        elif op is sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, pattern = argument
            if add_flags or del_flags or not _word_local(list(pattern)):
                return False
        elif op is sre_constants.ATOMIC_GROUP:
            if not _word_local(list(argument)):
                return False
        elif op is sre_constants.BRANCH:
            if not all(_word_local(list(pattern)) for pattern in argument[1]):
                return False
        elif op in (
            sre_constants.MAX_REPEAT,
            sre_constants.MIN_REPEAT,
            sre_constants.POSSESSIVE_REPEAT,
        ):
            if not _word_local(list(argument[2])):
                return False
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if not _word_local(list(argument[1])):
                return False
        elif op is sre_constants.AT:
            if argument not in (sre_constants.AT_BOUNDARY, sre_constants.AT_NON_BOUNDARY):
                return False
        else:
            return False  # any character, a back-reference, a conditional: not read here
    return True


# Categories that hold a space, and ones that do not (any other: unsure).
_SPACE_CATEGORIES = frozenset(
    {
        sre_constants.CATEGORY_SPACE,
        sre_constants.CATEGORY_NOT_DIGIT,
        sre_constants.CATEGORY_NOT_WORD,
    }
)
_SPACELESS_CATEGORIES = frozenset(
    {sre_constants.CATEGORY_NOT_SPACE, sre_constants.CATEGORY_DIGIT, sre_constants.CATEGORY_WORD}
)


def _class_may_hold_a_space(items: list[tuple[Any, Any]]) -> bool:
    """Whether a character class may match a space (True when unsure)."""
    negated = any(kind is sre_constants.NEGATE for kind, _ in items)
    holds, unsure = False, False
    for kind, value in items:
        if kind is sre_constants.NEGATE:
            continue
        if kind is sre_constants.LITERAL:
            holds = holds or value == _SPACE
        elif kind is sre_constants.RANGE:
            holds = holds or value[0] <= _SPACE <= value[1]
        elif kind is sre_constants.CATEGORY and value in _SPACE_CATEGORIES:
            holds = True
        elif not (kind is sre_constants.CATEGORY and value in _SPACELESS_CATEGORIES):
            unsure = True
    if negated:
        return not holds
    return holds or unsure
