"""Where a compiled trigger expression's matches can begin, read from the parsed expression.

So a trigger is tried only where a question's character may begin it.
"""

from __future__ import annotations

import functools
import re

# The parser `re` itself uses (no public API reads an expression's parts): `_first_character`
# reads where an expression's matches can begin from it. Typeshed has no stubs for it.
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any


@functools.lru_cache(maxsize=4096)
def _first_character(expression: str) -> re.Pattern[str] | None:
    """A character class every match of `expression` begins with (None: any, or unsure).

    Read from the parsed expression, and only for what trigger expressions are made of
    (literals, classes of ranges and digits, groups, alternatives, repeats): anything else
    says None, and the expression is tried everywhere, as before.
    """
    try:
        parsed = sre_parser.parse(expression)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _first_of(list(parsed))
    if found is None:
        return None
    members, may_be_empty = found
    if may_be_empty or not members:
        return None
    return re.compile("[" + "".join(sorted(members)) + "]")


_CATEGORIES = {sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_SPACE: r"\S"}


def _first_of(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """The class members a sequence's match can begin with, and whether it can be empty.

    None when unsure (an operation not handled here).
    """
    members: set[str] = set()
    for op, argument in items:
        found = _first_of_item(op, argument)
        if found is None:
            return None
        more, may_be_empty = found
        members |= more
        if not may_be_empty:
            return members, False
    return members, True


def _first_of_item(op: Any, argument: Any) -> tuple[set[str], bool] | None:
    """`_first_of` for one parsed item."""
    if op is sre_constants.LITERAL:
        return {_class_member(argument)}, False
    if op is sre_constants.IN:
        members: set[str] = set()
        for kind, value in argument:
            if kind is sre_constants.LITERAL:
                members.add(_class_member(value))
            elif kind is sre_constants.RANGE:
                members.add(f"{_class_member(value[0])}-{_class_member(value[1])}")
            elif kind is sre_constants.CATEGORY and value in _CATEGORIES:
                members.add(_CATEGORIES[value])
            else:
                return None  # a negated class, another category: unsure
        return members, False
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, pattern = argument
        return None if add_flags or del_flags else _first_of(list(pattern))
    if op is sre_constants.BRANCH:
        members = set()
        may_be_empty = False
        for pattern in argument[1]:
            found = _first_of(list(pattern))
            if found is None:
                return None
            members |= found[0]
            may_be_empty = may_be_empty or found[1]
        return members, may_be_empty
    if op is sre_constants.ASSERT_NOT:
        # A negative look-around consumes nothing and only rules matches out: they begin
        # with what follows it. (A number range reads "(?<!\d)(?:1[0-7]|...)(?!\d)"; read
        # as unsure, every such trigger was tried at every word of every question.)
        return set(), True
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _high, pattern = argument
        found = _first_of(list(pattern))
        if found is None:
            return None
        return found[0], found[1] or low == 0
    return None


def _class_member(code: int) -> str:
    """One character as a member of a character class, escaped."""
    return re.escape(chr(code))  # escapes "-", "]", "^" and "\\" too


def needs_non_ascii(expression: str) -> bool:
    """Whether every match of `expression` takes a character outside ASCII (False: unsure).

    An in-word trigger of Chinese, Korean or Thai then cannot match a text of ASCII alone,
    which most messages are: it is not looked for there.
    """
    try:
        parsed = sre_parser.parse(expression)
    except re.error:
        return False
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return False  # ignoring case, "K" (the Kelvin sign) matches "k"
    return _sequence_needs_non_ascii(list(parsed))


def _sequence_needs_non_ascii(items: list[tuple[Any, Any]]) -> bool:
    return any(_item_needs_non_ascii(op, argument) for op, argument in items)


def _item_needs_non_ascii(op: Any, argument: Any) -> bool:
    """Whether one parsed item matches (or, a look-around, reads) only a non-ASCII text."""
    if op is sre_constants.LITERAL:
        return bool(argument >= 0x80)
    if op is sre_constants.IN:
        return all(
            (kind is sre_constants.LITERAL and value >= 0x80)
            or (kind is sre_constants.RANGE and value[0] >= 0x80)
            for kind, value in argument
        )
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, pattern = argument
        return not (add_flags or del_flags) and _sequence_needs_non_ascii(list(pattern))
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence_needs_non_ascii(list(argument))
    if op is sre_constants.BRANCH:
        return all(_sequence_needs_non_ascii(list(pattern)) for pattern in argument[1])
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        low, _high, pattern = argument
        return bool(low >= 1) and _sequence_needs_non_ascii(list(pattern))
    if op is sre_constants.ASSERT:
        # A look-ahead or look-behind that must match reads that text in the haystack.
        return _sequence_needs_non_ascii(list(argument[1]))
    return False  # a negative look-around, an anchor, any character: may be ASCII
