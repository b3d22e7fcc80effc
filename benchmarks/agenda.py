"""Expand the classic format for 40 members 1,000 times; print the time per expansion.

The reference is the least any expansion must do: build one plain tuple per planned
turn, measured in the same run. Run with `python -m benchmarks.agenda`.
"""

import timeit
from collections.abc import Callable

from circle import locations
from circle.core.agenda import expand
from circle.core.formats import Format, parse_format

MEMBERS = 40
EXPANSIONS = 1_000
REPEATS = 5


def classic() -> Format:
    path = locations.builtin_formats_dir() / "classic.toml"
    return parse_format(path.read_text(encoding="utf-8"), path.name)


def per_call(statement: Callable[[], object]) -> float:
    """Best-of-REPEATS seconds per call, over EXPANSIONS calls each."""
    timings = timeit.repeat(statement, number=EXPANSIONS, repeat=REPEATS)
    return min(timings) / EXPANSIONS


def main() -> None:
    fmt = classic()
    present = [f"member-{i:02d}" for i in range(MEMBERS)]
    picks = present[: fmt.seats]
    agenda = expand(fmt, present, picks)
    count = len(agenda.turns)

    def bare_tuples() -> list[tuple[int, str, float]]:
        return [(i, present[i % MEMBERS], 60.0) for i in range(count)]

    expansion = per_call(lambda: expand(fmt, present, picks))
    reference = per_call(bare_tuples)
    print(f"agenda: {fmt.name}, {MEMBERS} members, {count} turns, {EXPANSIONS:,} expansions")
    print(f"{'what':<34} {'per call':>12}")
    print(f"{'expand(format, members, picks)':<34} {expansion * 1e6:>9.1f} µs")
    print(f"{'reference: one tuple per turn':<34} {reference * 1e6:>9.1f} µs")
    print(f"ratio: {expansion / reference:.1f} × the reference")


if __name__ == "__main__":
    main()
