"""The live screen reads the clock when the countdown's digits change, not on a blind beat:
one redraw a second while a turn runs, landing on the second the digits turn over, and
no wake-ups for digits that cannot change (before the start, paused, all turns done).
"""

import pytest

from circle.tui.widgets.countdown import face, next_change
from tests.core.clocks import at, clock_for

JUST = 1e-6
"""A moment too short for anyone to see."""


@pytest.mark.parametrize("since_start", [0.0, 0.25, 0.5, 59.999, 88.6, 90.0, 91.3, 150.75])
def test_a_running_countdown_is_next_read_exactly_when_its_digits_turn_over(
    since_start: float,
) -> None:
    clock = clock_for(90, 60)
    clock.start(at(0))
    now = at(since_start)
    shown = face(clock.read(now)).digits
    wait = next_change(clock.read(now))
    assert wait is not None
    assert 0 < wait <= 1
    assert face(clock.read(now + wait - JUST)).digits == shown
    assert face(clock.read(now + wait + JUST)).digits != shown


def test_overtime_counts_up_on_its_own_seconds() -> None:
    clock = clock_for(30, 60)
    clock.start(at(0))
    reading = clock.read(at(42.3))
    assert face(reading).digits == "+0:12"
    assert next_change(reading) == pytest.approx(0.7)


def test_digits_that_cannot_change_ask_for_no_early_read() -> None:
    clock = clock_for(90, 60)
    assert next_change(clock.read(at(5))) is None  # not started: the full time waits
    clock.start(at(10))
    clock.pause(at(20.4))
    assert next_change(clock.read(at(25))) is None  # paused at 1:20 left
    clock.resume(at(30))
    assert next_change(clock.read(at(30))) == pytest.approx(0.6)  # 79.6 s left: 1:20 for 0.6 s
