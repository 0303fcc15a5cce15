"""A safety pattern refers on its own referral's words, never on another referral's triggers.

A question no trigger caught reaches a referral through a loosely matched pattern only when
it is about taking something or made of words the referral itself lists. The words were
once every safety trigger's together, so adding "moved" to an operation's trigger ("my op
was moved") let "my mum moved to a nursing home" reach "k2 while nursing" (pass 12). The
content here is built for the test: one pregnancy pattern, one operation trigger with or
without "moved".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.intents import load_content
from bot.responder import Responder
from builders import MINIMAL_INTENTS, intent_folder, safety_referral

SAFETY = """\
intents:
  - id: safety_pregnancy
    kind: safety
    triggers: [pregnant, breastfeeding]
    patterns:
      - vitamin k2 while nursing
      - is k2 safe while breastfeeding
    answer: Please ask your midwife.
  - id: safety_surgery
    kind: safety
    triggers: ["~(my|the) (op|ops) was ({delays})", surgery]
    patterns:
      - k2 before surgery
    answer: Please ask your surgeon.
"""


def _responder(root: Path, delays: str) -> Responder:
    files = {"main.yaml": MINIMAL_INTENTS, "safety.yaml": SAFETY.format(delays=delays)}
    return Responder(load_content(intent_folder(root, files)))


@pytest.fixture(scope="module")
def with_moved(tmp_path_factory: pytest.TempPathFactory) -> Responder:
    """The operation's trigger lists "moved"."""
    return _responder(tmp_path_factory.mktemp("moved"), "moved|rescheduled")


@pytest.fixture(scope="module")
def without_moved(tmp_path_factory: pytest.TempPathFactory) -> Responder:
    """The operation's trigger does not list "moved"."""
    return _responder(tmp_path_factory.mktemp("not_moved"), "rescheduled")


@pytest.mark.parametrize("question", ["nursing was moved", "moved while nursing"])
def test_another_referrals_trigger_word_lends_no_pattern_a_referral(
    with_moved: Responder, without_moved: Responder, question: str
) -> None:
    """Nobody asks about taking anything: "moved" is the operation's word, not pregnancy's."""
    assert safety_referral(with_moved, question) is None
    assert safety_referral(without_moved, question) is None


def test_each_referral_still_reaches_its_own_questions(with_moved: Responder) -> None:
    """The trigger still refers its operation; the pattern its own question."""
    assert safety_referral(with_moved, "my op was moved") == "safety_surgery"
    assert safety_referral(with_moved, "is k2 ok while nursing") == "safety_pregnancy"
    # About taking something: a pattern's leave does not hang on which words it lists.
    assert safety_referral(with_moved, "k2 nursing moved") == "safety_pregnancy"
