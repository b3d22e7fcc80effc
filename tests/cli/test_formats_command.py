"""`circle formats` lists the formats or shows one in full; a bad name or file is one line."""

import os
from pathlib import Path

import pytest

from tests.cli.test_cli_basics import circle

RING = """\
title = "Team ring"
typical_members = 4
minutes = 20

[[phases]]
key = "ring"
title = "Ring"
kind = "round"
seconds = 300
prompt = "One ask each."
captures = ["asks", "offers"]
"""


@pytest.fixture
def user_formats(isolated_dirs: Path) -> Path:
    """The user's formats folder in this test's own config folder."""
    folder = Path(os.environ["CIRCLE_CONFIG_DIR"]) / "formats"
    folder.mkdir(parents=True)
    return folder


def test_the_list_shows_each_built_in_with_its_total_for_eight_members() -> None:
    result = circle("formats")
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert lines[0] == ["name", "title", "8", "members", "phases", "from"]
    assert (
        "".join(result.stdout.splitlines()[1].split()) == "classicClassicmastermind1h30min7built-in"
    )
    assert " 30 min " in result.stdout.splitlines()[2]
    assert "reciprocity-ring" in result.stdout.splitlines()[3]


def test_the_list_plans_for_the_group_size_asked_for() -> None:
    result = circle("formats", "--members", "12")
    assert result.returncode == 0, result.stderr
    assert "12 members" in result.stdout
    assert "1 h 51 min" in result.stdout  # classic: rounds grow by 3 min 45 s per member


def test_showing_a_format_lists_its_phases_prompts_captures_and_timings() -> None:
    result = circle("formats", "classic")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("classic: Classic mastermind (built-in)\n")
    assert "1 h 30 min for 8 members" in out
    assert "2. Check-in [check-in]: round, 90 s each × 8 = 12 min" in out
    assert "3. Hot seat [hot-seat]: hot seat, 2 seats × 20 min = 40 min" in out
    assert "   - Clarifying questions (4 min): Questions only" in out
    assert "   captures: asks, offers\n" in out
    assert "One win and one challenge since we last met." in out


def test_a_user_format_is_listed_with_its_file_and_can_be_shown(user_formats: Path) -> None:
    (user_formats / "team-ring.toml").write_text(RING, encoding="utf-8")
    listed = circle("formats")
    assert listed.returncode == 0, listed.stderr
    assert str(user_formats / "team-ring.toml") in listed.stdout
    shown = circle("formats", "team-ring", "-n", "4")
    assert "20 min for 4 members" in shown.stdout


def test_a_user_format_overrides_the_built_in_of_the_same_name(user_formats: Path) -> None:
    (user_formats / "quick.toml").write_text(RING, encoding="utf-8")
    result = circle("formats", "quick")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"quick: Team ring ({user_formats / 'quick.toml'})")


def test_an_unknown_name_is_one_line_listing_the_known_ones() -> None:
    result = circle("formats", "clasic")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "circle: no format called 'clasic' (formats: classic, quick, reciprocity-ring)\n"
    )


@pytest.mark.parametrize("args", [("formats",), ("formats", "mine")])
def test_a_broken_user_file_is_one_line_naming_the_file_and_field(
    user_formats: Path, args: tuple[str, ...]
) -> None:
    path = user_formats / "mine.toml"
    path.write_text(RING.replace("seconds = 300", 'seconds = "ten"'), encoding="utf-8")
    result = circle(*args)
    assert result.returncode == 2
    assert result.stderr == (
        f'circle: {path}: phases[1].seconds: must be a positive number, got "ten"\n'
    )


def test_a_broken_user_file_standing_in_for_classic_stops_the_demo_with_one_line(
    user_formats: Path,
) -> None:
    (user_formats / "classic.toml").write_text("title = [", encoding="utf-8")
    result = circle("demo", "--seed")
    assert result.returncode == 2
    assert result.stderr.startswith(f"circle: {user_formats / 'classic.toml'}: not valid TOML")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("count", ["0", "101", "-3"])
def test_a_group_size_out_of_range_is_one_line(count: str) -> None:
    result = circle("formats", "--members", count)
    assert result.returncode == 2
    assert result.stderr == f"circle: --members must be from 1 to 100, not {count}\n"
