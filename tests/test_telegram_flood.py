"""The per-user flood guard on its own, with a hand-driven clock."""

from __future__ import annotations

from bot.telegram.flood import FloodGuard, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_over_the_limit_warns_once_then_drops_until_the_window_passes() -> None:
    """The fourth message in the window gets the notice, later ones are dropped; a window
    later the user is welcome again."""
    clock = Clock()
    guard = FloodGuard(3, 10, clock=clock)
    verdicts = [guard.check(1) for _ in range(6)]
    assert [Verdict.ALLOW] * 3 + [Verdict.WARN, Verdict.DROP, Verdict.DROP] == verdicts
    clock.now += 10
    assert Verdict.ALLOW == guard.check(1)


def test_memory_is_bounded_when_a_crowd_writes_at_once() -> None:
    """50,000 new users within one window: the guard tracks no more than its cap."""
    guard = FloodGuard(3, 10, clock=Clock(), max_users=1000)
    for user in range(50_000):
        assert Verdict.ALLOW == guard.check(user)
    assert 1000 == guard.tracked


def test_a_crowd_does_not_let_an_active_flooder_off() -> None:
    """Eviction takes the least recently active users first, not the one flooding now."""
    guard = FloodGuard(3, 10, clock=Clock(), max_users=100)
    verdicts = []
    for user in range(1000):
        verdicts.append(guard.check(-1))
        guard.check(user)
    assert Verdict.ALLOW not in verdicts[3:]


def test_idle_users_are_forgotten() -> None:
    """Users idle for a whole window are not kept: one check later only the active user is."""
    clock = Clock()
    guard = FloodGuard(3, 10, clock=clock)
    for user in range(5000):
        guard.check(user)
    clock.now += 10
    guard.check(99_999)
    assert 1 == guard.tracked
