"""Small crash and load campaigns in CI; the full ones are benchmarks/crash_campaign.py and
benchmarks/load.py (see README, "Reliability")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.telegram.app import CONCURRENCY
from builders import sized
from k2bot_testing.campaigns import Kill, crash_run, late_duplicates, load_run

pytestmark = pytest.mark.slow


def test_sigkill_at_a_random_point_under_faults_loses_nothing(tmp_path: Path) -> None:
    """Killed mid-burst while sends fail, and restarted: no question lost, few answered twice.

    Only answers sent but not yet recorded when the process died can go out twice: about
    one per update in flight (the records are written from a thread pool, so a few more may
    be queued); without the records it is up to a batch of 100. Judged by events (what the
    bot's SQLite file recorded at the kill), not by how long before the kill an answer went.
    """
    # One seed here (the kill point and the faults); `benchmarks/crash_campaign.py` runs many.
    run = crash_run(tmp_path, messages=sized(120, 200), kills=1, seed=1, timeout=60)
    assert 0 == run.lost
    assert run.duplicates <= 2 * CONCURRENCY
    assert 0 == run.late_duplicates  # none recorded as answered before the kill, or without one
    assert 0 == run.exit_code
    assert 0 == run.tracebacks


def test_a_repeat_is_late_unless_a_kill_came_before_the_bot_recorded_the_answer() -> None:
    """The campaign's judgement, by the order of events: chat 4 is answered twice with no
    kill between; chat 1 was recorded answered before the kill and still repeated; only
    chat 2 (sent, not yet recorded when the bot died) is an honest crash duplicate."""
    answers = [4, 4, 1, 2, 1, 2]  # the chat of each answer, in the order they arrived
    update_of = {1: 101, 2: 102, 4: 104}
    kill = Kill(answers_before=4, recorded=frozenset({101}))

    assert 2 == late_duplicates(answers, update_of, [kill])
    assert 1 == late_duplicates(answers, update_of, [Kill(4, frozenset())])  # only chat 4


def test_without_remembering_answers_a_crash_answers_a_batch_twice(tmp_path: Path) -> None:
    """REMEMBER_ANSWERED=off: still nothing lost, but up to a batch (100) is answered again."""
    run = crash_run(
        tmp_path, messages=sized(150, 200), kills=1, seed=1, remember_answered=False, timeout=60
    )
    assert 0 == run.lost
    assert run.duplicates <= 100


def test_load_with_faults_and_an_abuser_loses_nothing(tmp_path: Path) -> None:
    """240 questions from 40 users (600 from 100 thorough) with faults, one user flooding: every honest question is
    answered once; the abuser gets 8 answers and one notice per 10 s window (the guard
    counts when a message is processed, so a backlog can spread the flood over two);
    memory stays flat."""
    run = load_run(tmp_path, users=sized(40, 100), per_user=6, rate=150, abuser_messages=150)
    assert run.faults_injected > 0
    assert (0, 0) == (run.lost, run.duplicates)
    assert 9 <= run.abuser_replies <= 18
    assert run.rss_growth_mib < 50
    assert 0 == run.exit_code
