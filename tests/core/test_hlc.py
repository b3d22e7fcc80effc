"""Record versions order changes across writers and survive a restart."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.core.hlc import HybridClock, Version, is_version


def test_versions_compare_as_strings_in_time_order() -> None:
    clock = HybridClock("aaaa")
    first, second = clock.tick(1_000), clock.tick(2_000)
    assert str(first) < str(second)
    assert Version.parse(str(second)) == second


def test_a_clock_that_goes_backwards_still_issues_newer_versions() -> None:
    clock = HybridClock("aaaa")
    late = clock.tick(5_000)
    early = clock.tick(1_000)
    assert str(early) > str(late)


def test_observing_a_writer_ahead_of_us_moves_our_next_version_past_it() -> None:
    ours, theirs = HybridClock("aaaa"), HybridClock("bbbb")
    remote = theirs.tick(9_000)
    ours.observe(remote, 1_000)
    assert str(ours.tick(1_000)) > str(remote)


def test_a_restarted_clock_continues_after_its_last_version() -> None:
    clock = HybridClock("aaaa")
    last = clock.tick(3_000)
    assert str(HybridClock("aaaa", clock.last).tick(3_000)) > str(last)


@given(st.lists(st.integers(min_value=0, max_value=10**13), min_size=1, max_size=50))
def test_versions_strictly_increase_whatever_the_wall_clock_does(times: list[int]) -> None:
    clock = HybridClock("node1")
    issued = [str(clock.tick(t)) for t in times]
    assert issued == sorted(issued)
    assert len(set(issued)) == len(issued)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12.3.x",
        "abc",
        "000000000000000001.00001",
        "a.b.c",
        "000000000000000001.00001.",
        "+00000000000000001.00001.node",
        "0000000000000000_1.00001.node",
        "00000000000000000\u0661.00001.node",  # an Arabic-Indic digit: int() would take it
        " 00000000000000001.00001.node",
    ],
)
def test_a_malformed_version_is_refused(text: str) -> None:
    assert not is_version(text)
    with pytest.raises(ValueError, match="not a record version"):
        Version.parse(text)


@given(st.integers(min_value=0, max_value=10**18 - 1), st.integers(0, 99_999), st.text(min_size=1))
def test_every_version_written_is_read_back_as_it_was(wall: int, counter: int, node: str) -> None:
    version = Version(wall, counter, node)
    assert is_version(str(version))
    assert Version.parse(str(version)) == version
