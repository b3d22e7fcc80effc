"""Whatever the facilitator presses, the time adds up, never drifts and survives a restart."""

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from circle.core.clock import ClockError, ClockEvent, TurnClock, TurnStatus
from circle.core.clock_state import restore, snapshot
from tests.core.clocks import T0, clock_for

ACTIONS = ("pause", "resume", "next", "skip", "previous", "extend", "shorten")
steps = st.lists(st.one_of(st.integers(0, 400), st.sampled_from(ACTIONS)), min_size=1, max_size=60)
plans = st.lists(st.integers(0, 600), min_size=1, max_size=8)


@dataclass
class Run:
    """A clock driven through steps, with an outside count of paused time to check it by."""

    clock: TurnClock
    now: float
    paused: float = 0.0
    events: list[ClockEvent] = field(default_factory=list)

    def step(self, step: int | str) -> None:
        if isinstance(step, int):
            if self.clock.started is not None and self.current_status() is TurnStatus.PAUSED:
                self.paused += step
            self.now += step
        else:
            before = snapshot(self.clock)
            try:
                getattr(self.clock, step)(self.now)
            except ClockError:
                assert snapshot(self.clock) == before, f"a refused {step} changed the clock"
        self.events.extend(self.clock.poll(self.now))

    def current_status(self) -> TurnStatus | None:
        return None if self.clock.finished else self.clock.turns[self.clock.index].status


def started(plan: list[int]) -> Run:
    clock = clock_for(*plan)
    clock.start(T0)
    run = Run(clock, T0)
    run.events.extend(clock.poll(T0))  # the app polls from the first frame on
    return run


@given(plans, steps)
def test_talk_time_and_pauses_add_up_to_the_session_time(
    plan: list[int], script: list[int | str]
) -> None:
    run = started(plan)
    for step in script:
        run.step(step)
        used = sum(t.used(run.now) for t in run.clock.turns)
        assert used + run.paused == run.clock.elapsed(run.now)
        assert sum(run.clock.talk_time(run.now).values()) == used


@given(plans, steps, st.lists(st.integers(1, 50), min_size=1, max_size=60))
def test_reading_the_clock_however_often_changes_nothing(
    plan: list[int], script: list[int | str], reads: list[int]
) -> None:
    quiet, busy = started(plan), started(plan)
    for index, step in enumerate(script):
        quiet.step(step)
        busy.step(step)
        for _ in range(reads[index % len(reads)]):
            busy.clock.read(busy.now)
            busy.clock.talk_time(busy.now)
    assert busy.clock.read(busy.now) == quiet.clock.read(quiet.now)
    assert snapshot(busy.clock) == snapshot(quiet.clock)


@settings(max_examples=200)
@given(plans, steps, steps)
def test_a_restarted_clock_reads_and_rings_exactly_like_the_one_that_kept_running(
    plan: list[int], before: list[int | str], after: list[int | str]
) -> None:
    original = started(plan)
    for step in before:
        original.step(step)
    base = 50.5
    state = snapshot(original.clock)
    revived = Run(restore(state, now=base, wall=original.clock.wall(original.now)), base)
    revived.paused = original.paused
    original.events.clear()
    for step in after:
        original.step(step)
        revived.step(step)
        assert revived.clock.read(revived.now) == original.clock.read(original.now)
        assert revived.events == original.events


@given(plans, st.integers(0, 3000), st.integers(0, 3000))
def test_a_rebalance_never_goes_below_a_floor_and_ends_on_time_when_it_can(
    plan: list[int], overrun: int, target_slack: int
) -> None:
    clock = clock_for(*plan, target=max(1, sum(plan) - target_slack))
    clock.start(T0)
    now = T0 + plan[0] + overrun
    if len(plan) > 1:
        clock.next(now)
    proposal = clock.propose_rebalance(now)
    if proposal is None:
        return
    for trim in proposal.trims:
        assert min(trim.before, max(30, trim.before / 2)) <= trim.after < trim.before
    clock.apply(proposal)
    assert clock.read(now).late_by <= proposal.still_late_by + 1e-9
