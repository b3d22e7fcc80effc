"""Agenda formats parse into checked records, and a broken file says file, field and problem."""

import math
from pathlib import Path

import pytest

from circle import locations
from circle.core.formats import Capture, Format, FormatError, PhaseKind, parse_format

HEAD = """\
title = "Small circle"
typical_members = 8
minutes = 15
"""
ROUND = """
[[phases]]
key = "check-in"
title = "Check-in"
kind = "round"
seconds = 60
prompt = "How are you?"
captures = []
"""
HOT_SEAT = """
[[phases]]
key = "hot-seat"
title = "Hot seat"
kind = "hot-seat"
seats = 1
prompt = "Bring a challenge."
captures = ["asks", "offers"]
"""
STEPS = """
[[phases.steps]]
key = "present"
title = "Present"
seconds = 120

[[phases.steps]]
key = "advice"
title = "Advice"
seconds = 180
prompt = "What would you do?"
captures = ["offers"]
"""
OPEN = """
[[phases]]
key = "close"
title = "Close"
kind = "open"
seconds = 120
prompt = "Thanks, everyone."
captures = ["commitments"]
"""
GOOD = HEAD + ROUND + HOT_SEAT + STEPS + OPEN
"""A round of 8 × 1 min, one hot seat of 5 min and a 2 min open block: 15 min for 8."""


def broken(old: str, new: str, *, count: int = 1) -> str:
    """The good file with one change; fails loudly if the change does not apply."""
    assert old in GOOD, old
    return GOOD.replace(old, new, count)


def test_a_good_file_becomes_a_format_named_after_the_file() -> None:
    fmt = parse_format(GOOD, "small.toml")
    assert fmt.name == "small"
    assert [p.kind for p in fmt.phases] == [PhaseKind.ROUND, PhaseKind.HOT_SEAT, PhaseKind.OPEN]
    assert fmt.phases[1].seats == 1
    assert fmt.planned_seconds() == 15 * 60


def test_a_step_without_prompt_or_captures_takes_its_phases() -> None:
    present, advice = parse_format(GOOD, "small.toml").phases[1].steps
    assert present.prompt == "Bring a challenge."
    assert present.captures == {Capture.ASKS, Capture.OFFERS}
    assert advice.prompt == "What would you do?"
    assert advice.captures == {Capture.OFFERS}


def test_rounds_grow_with_the_group_and_hot_seats_do_not() -> None:
    fmt = parse_format(GOOD, "small.toml")
    assert fmt.planned_seconds(12) - fmt.planned_seconds(8) == 4 * 60
    assert fmt.phases[1].planned_seconds(12) == fmt.phases[1].planned_seconds(8) == 300


def test_a_hot_seat_never_plans_more_seats_than_members() -> None:
    text = broken("seats = 1", "seats = 3").replace("minutes = 15", "minutes = 25")
    fmt = parse_format(text, "small.toml")
    assert fmt.phases[1].planned_seconds(2) == 2 * 300


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            broken('title = "Small circle"', 'title = "Small'),
            "small.toml: not valid TOML: ",
            id="bad TOML",
        ),
        pytest.param(
            broken('title = "Close"\n', ""),
            "small.toml: phases[3].title: missing",
            id="missing field",
        ),
        pytest.param(
            broken("seconds = 60", 'seconds = "ten"'),
            'small.toml: phases[1].seconds: must be a positive number, got "ten"',
            id="seconds as text",
        ),
        pytest.param(
            broken("seconds = 60", "seconds = true"),
            "small.toml: phases[1].seconds: must be a positive number, got true",
            id="seconds as a boolean",
        ),
        pytest.param(
            broken("seconds = 60", "seconds = nan"),
            "small.toml: phases[1].seconds: must be a positive number, got nan",
            id="seconds not a number",
        ),
        pytest.param(
            broken("seconds = 120\nprompt", "seconds = 0\nprompt"),
            "small.toml: phases[3].seconds: must be a positive number, got 0",
            id="zero time",
        ),
        pytest.param(
            broken("seconds = 180", "seconds = -30"),
            "small.toml: phases[2].steps[2].seconds: must be a positive number, got -30",
            id="negative step time",
        ),
        pytest.param(
            broken("seconds = 60", "seconds = 100000"),
            "small.toml: phases[1].seconds: must be at most 14400 seconds, got 100000",
            id="absurdly long turn",
        ),
        pytest.param(
            broken('kind = "open"', 'kind = "break"'),
            'small.toml: phases[3].kind: must be one of "round", "hot-seat", "open", got "break"',
            id="unknown phase kind",
        ),
        pytest.param(
            broken('captures = ["commitments"]', 'captures = ["promises"]'),
            'small.toml: phases[3].captures: must be made of "asks", "offers", "commitments", '
            'got "promises"',
            id="unknown capture",
        ),
        pytest.param(
            broken('captures = ["commitments"]', 'captures = "asks"'),
            'small.toml: phases[3].captures: must be a list such as ["asks", "offers"], got "asks"',
            id="captures not a list",
        ),
        pytest.param(
            broken('key = "close"', 'key = "check-in"'),
            "small.toml: phases[3].key: 'check-in' is used twice",
            id="duplicate phase keys",
        ),
        pytest.param(
            broken('key = "advice"', 'key = "present"'),
            "small.toml: phases[2].steps[2].key: 'present' is used twice",
            id="duplicate step keys",
        ),
        pytest.param(
            broken('key = "close"', 'key = "Close Out"'),
            "small.toml: phases[3].key: must be a key of lowercase letters, digits and dashes "
            '(at most 64), got "Close Out"',
            id="key with spaces",
        ),
        pytest.param(
            HEAD + ROUND + HOT_SEAT + OPEN,
            "small.toml: phases[2].steps: missing",
            id="hot seat without steps",
        ),
        pytest.param(
            broken("seats = 1\n", ""),
            "small.toml: phases[2].seats: missing",
            id="hot seat without seats",
        ),
        pytest.param(
            broken("seats = 1\n", "seats = 1\nseconds = 600\n"),
            "small.toml: phases[2].seconds: not allowed here: a hot seat times its steps; "
            "give each step its seconds",
            id="hot seat with its own seconds",
        ),
        pytest.param(
            broken('kind = "round"\n', 'kind = "round"\nseats = 2\n'),
            "small.toml: phases[1].seats: only a hot seat has seats, this phase is a round",
            id="seats on a round",
        ),
        pytest.param(
            broken("minutes = 15", "minutes = 15\nlength = 15"),
            "small.toml: length: unknown key",
            id="unknown top-level key",
        ),
        pytest.param(
            broken('title = "Present"', 'title = "Present"\ntimer = 3'),
            "small.toml: phases[2].steps[1].timer: unknown key",
            id="unknown step key",
        ),
        pytest.param(
            broken("minutes = 15", "minutes = 20"),
            "small.toml: minutes: says 20, but the phases add up to 15 min for 8 members",
            id="total that does not add up",
        ),
        pytest.param(
            broken("typical_members = 8", "typical_members = 0"),
            "small.toml: typical_members: must be a whole number from 1 to 100, got 0",
            id="no typical group",
        ),
        pytest.param(
            broken('prompt = "How are you?"', 'prompt = "   "'),
            'small.toml: phases[1].prompt: must be some text, got "   "',
            id="blank prompt",
        ),
        pytest.param(
            "title = 'Nothing'\ntypical_members = 8\nminutes = 1\nphases = []\n",
            "small.toml: phases: must be from 1 to 50 entries, got a list",
            id="no phases",
        ),
        pytest.param(
            "title = 'Nothing'\ntypical_members = 8\nminutes = 1\nphases = [1, 2]\n",
            "small.toml: phases: must be a list of tables ([[phases]]), got a list",
            id="phases that are not tables",
        ),
    ],
)
def test_a_broken_file_names_the_file_the_field_and_the_problem(text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_format(text, "small.toml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_file_name_that_is_not_a_format_name_is_refused() -> None:
    with pytest.raises(FormatError, match=r"^My Format\.toml: the file name must be a format"):
        parse_format(GOOD, "My Format.toml")


def test_the_error_names_the_file_as_given() -> None:
    with pytest.raises(FormatError, match=r"^/home/ana/\.config/circle/formats/small\.toml: "):
        parse_format(
            broken("minutes = 15", "minutes = 16"), "/home/ana/.config/circle/formats/small.toml"
        )


@pytest.mark.parametrize("path", sorted(locations.builtin_formats_dir().glob("*.toml")), ids=str)
def test_every_built_in_format_loads_and_adds_up(path: Path) -> None:
    fmt = parse_format(path.read_text(encoding="utf-8"), path.name)
    assert math.isclose(fmt.planned_seconds(), fmt.minutes * 60)
    assert all(phase.prompt for phase in fmt.phases)


def builtin(name: str) -> Format:
    path = locations.builtin_formats_dir() / f"{name}.toml"
    return parse_format(path.read_text(encoding="utf-8"), path.name)


def test_classic_is_ninety_minutes_with_two_four_step_hot_seats() -> None:
    classic = builtin("classic")
    assert classic.minutes == 90
    assert classic.seats == 2
    steps = [s.title for s in classic.phases[2].steps]
    assert steps == ["Present", "Clarifying questions", "Advice and offers", "Commitment"]
    assert [p.key for p in classic.phases if p.kind is PhaseKind.ROUND] == [
        "check-in",
        "asks-offers",
        "commitments",
        "gratitude",
    ]


def test_the_reciprocity_ring_gives_every_member_an_ask_answered_by_offers() -> None:
    ring = builtin("reciprocity-ring").phases[1]
    assert ring.kind is PhaseKind.ROUND
    assert [(s.key, s.captures) for s in ring.steps] == [
        ("ask", {Capture.ASKS}),
        ("offers", {Capture.OFFERS}),
    ]


def test_quick_is_half_an_hour_for_eight_and_stays_short_for_twelve() -> None:
    quick = builtin("quick")
    assert quick.planned_seconds(8) == 30 * 60
    assert quick.planned_seconds(12) <= 40 * 60
