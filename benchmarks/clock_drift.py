"""Timer drift over a simulated 3-hour session: the turn clock against a tick counter.

A seeded session (classic for 24 members) runs for three hours with overruns,
pauses, extensions and cuts, and the screen reads the clock 10,000 times, as a
`set_interval` that re-arms after each callback would (a few ms late each time).
The truth is kept in whole milliseconds. The turn clock works out time from
deadlines; the reference is what a tick-counting timer shows at the same reads.
Run with `python -m benchmarks.clock_drift`; the drift must print as 0 ms.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from circle import locations
from circle.core.agenda import expand
from circle.core.clock import TurnClock, TurnStatus
from circle.core.formats import parse_format

SESSION_MS = 3 * 3600 * 1000
READS = 10_000
INTERVAL_MS = SESSION_MS // READS - 2
"""The callback period, less the mean lag a re-armed timer adds to each period."""
MONO_BASE = 84_213.517
"""The monotonic reading at the session's start (seconds since boot, say)."""


@dataclass
class Truth:
    """The session as it really went, in whole milliseconds."""

    index: int = 0
    banked: int = 0
    since: int | None = 0
    spoken: list[int] = field(default_factory=list)

    def used(self, t: int) -> int:
        return self.banked + (t - self.since if self.since is not None else 0)


@dataclass
class TickCounter:
    """The naive timer: adds one period per callback while the turn runs."""

    used: int = 0
    spoken: list[int] = field(default_factory=list)


def mono(t: int) -> float:
    return MONO_BASE + t / 1000


def actions(rng: random.Random, planned_ms: int, start: int) -> list[tuple[int, str, int]]:
    """What happens during one turn: (time, action, argument), ending with `next`."""
    length = int(planned_ms * rng.uniform(0.7, 1.4))
    plan: list[tuple[int, str, int]] = []
    if rng.random() < 0.15:
        plan.append((start + rng.randrange(length), "extend", rng.choice((60, -60))))
    t = start + length
    if rng.random() < 0.1:
        at, pause = start + rng.randrange(length), rng.randrange(10_000, 300_000)
        plan += [(at, "pause", 0), (at + pause, "resume", 0)]
        t += pause
    return [*sorted(plan), (t, "next", 0)]


def main() -> None:
    rng = random.Random(2026)
    path = locations.builtin_formats_dir() / "classic.toml"
    fmt = parse_format(path.read_text(encoding="utf-8"), path.name)
    agenda = expand(fmt, [f"m{i:02d}" for i in range(24)], ["m03", "m11"])
    clock = TurnClock.plan(agenda.turns, now=mono(0), wall=datetime(2026, 3, 5, 18, tzinfo=UTC))
    clock.start(mono(0))
    truth, ticks = Truth(), TickCounter()
    reads = _read_times(rng)
    worst, counts = 0.0, {"pause": 0, "extend": 0, "next": 0}
    upcoming = actions(rng, int(agenda.turns[0].seconds * 1000), 0)
    for t in reads:
        while upcoming and upcoming[0][0] <= t:
            at, action, argument = upcoming.pop(0)
            _act(clock, truth, ticks, at, action, argument)
            counts[action] = counts.get(action, 0) + 1
            if action == "next" and not clock.finished:
                planned = int(clock.turns[clock.index].planned * 1000)
                upcoming = actions(rng, planned, at)
        if clock.finished:
            break
        if clock.turns[clock.index].status is TurnStatus.RUNNING:
            ticks.used += INTERVAL_MS
        worst = max(worst, abs(clock.read(mono(t)).used * 1000 - truth.used(t)))
    end = reads[-1]
    truth_total = sum(truth.spoken) + truth.used(end)
    clock_total = sum(turn.used(mono(end)) for turn in clock.turns) * 1000
    naive_total = sum(ticks.spoken) + ticks.used
    _report(end, len(reads), counts, worst, clock_total - truth_total, naive_total - truth_total)


def _read_times(rng: random.Random) -> list[int]:
    """When the screen reads the clock: every period, a few ms late each time, for 3 hours."""
    times, t = [], 0
    for _ in range(READS):
        t += INTERVAL_MS + rng.randint(0, 4)
        times.append(t)
    return times


def _act(clock: TurnClock, truth: Truth, ticks: TickCounter, t: int, action: str, arg: int) -> None:
    if action == "pause":
        clock.pause(mono(t))
        truth.banked, truth.since = truth.used(t), None
    elif action == "resume":
        clock.resume(mono(t))
        truth.since = t
    elif action == "extend":
        clock.extend(mono(t), arg)
    else:
        clock.next(mono(t))
        truth.spoken.append(truth.used(t))
        truth.banked, truth.since = 0, t
        ticks.spoken.append(ticks.used)
        ticks.used = 0


def _report(
    end: int, reads: int, counts: dict[str, int], worst: float, drift: float, naive: float
) -> None:
    print(
        f"clock drift: a {end / 3_600_000:.2f} h session, {counts['next']} turns ended, "
        f"{counts['pause']} pauses, {counts['extend']} extensions, {reads:,} reads"
    )
    print(f"{'timer':<40} {'talk-time drift':>16} {'worst read':>12}")
    print(f"{'turn clock (deadline arithmetic)':<40} {abs(drift):>13.0f} ms {worst:>9.3f} ms")
    print(f"{'reference: tick counter, same reads':<40} {abs(naive):>13,.0f} ms")


if __name__ == "__main__":
    main()
