"""Agenda formats: read a format's TOML text into frozen records, or say exactly what is wrong.

A format file looks like this (every key shown is required unless marked optional):

    title = "Classic mastermind"
    description = "…"                 # optional
    typical_members = 8               # the group size `minutes` is planned for
    minutes = 90                      # the intended total for that group

    [[phases]]
    key = "check-in"                  # lowercase letters, digits, dashes; unique
    title = "Check-in"
    kind = "round"                    # "round" | "hot-seat" | "open"
    prompt = "One win and one challenge since we last met."
    captures = []                     # any of "asks", "offers", "commitments"
    seconds = 90                      # round: each member's turn; open: the whole block

    [[phases]]                        # a hot seat: `seats` chosen members, each with steps
    kind = "hot-seat"
    seats = 2
    [[phases.steps]]
    key = "present"
    title = "Present"
    seconds = 300
    prompt = "…"                      # optional, defaults to the phase's
    captures = ["asks"]               # optional, defaults to the phase's

A round may have steps instead of `seconds` (each member goes through them in turn).
Rounds grow with the group: `minutes` must match the phases for `typical_members`,
to the nearest minute, so a format's numbers always add up.

Errors name the file, the field (phases and steps counted from 1) and what is wrong:
`quick.toml: phases[2].seconds: must be a positive number, got "ten"`.
"""

import enum
import math
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, TypeVar

MAX_SECONDS = 4 * 3600
"""The longest a single turn, step or open block may be."""
MAX_PHASES = 50
MAX_STEPS = 12
MAX_SEATS = 20
MAX_MEMBERS = 100
KEY_MAX = 64
TITLE_MAX = 120
TEXT_MAX = 1000

_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_MINUTE_TOLERANCE = 30.0
T = TypeVar("T")


class FormatError(ValueError):
    """A format file that cannot be used; the message says `file: field: what is wrong`."""


class PhaseKind(enum.StrEnum):
    """How a phase hands out turns."""

    ROUND = "round"
    """Every present member in turn."""
    HOT_SEAT = "hot-seat"
    """Chosen members, each going through the phase's steps."""
    OPEN = "open"
    """One block for the whole group, no speaker."""


class Capture(enum.StrEnum):
    """What a phase or step collects from the speaker and the group."""

    ASKS = "asks"
    OFFERS = "offers"
    COMMITMENTS = "commitments"


@dataclass(frozen=True)
class Step:
    """One timed part of a member's turn, e.g. a hot seat's "clarifying questions"."""

    key: str
    title: str
    seconds: float
    prompt: str
    captures: frozenset[Capture]


@dataclass(frozen=True)
class Phase:
    """One part of the agenda: a round, a hot seat or an open block."""

    key: str
    title: str
    kind: PhaseKind
    prompt: str
    captures: frozenset[Capture]
    seconds: float | None = None
    """A round's time per member (when it has no steps) or an open block's length."""
    steps: tuple[Step, ...] = ()
    seats: int = 0
    """How many members a hot seat takes."""

    @property
    def speaker_seconds(self) -> float:
        """One speaker's time in this phase (the whole block for an open one)."""
        return sum(s.seconds for s in self.steps) if self.steps else self.seconds or 0.0

    def speakers(self, members: int) -> int:
        """How many turns of `speaker_seconds` this phase plans for a group of `members`."""
        if self.kind is PhaseKind.ROUND:
            return members
        if self.kind is PhaseKind.HOT_SEAT:
            return min(self.seats, members)
        return 1

    def planned_seconds(self, members: int) -> float:
        """This phase's planned length for a group of `members`."""
        return self.speakers(members) * self.speaker_seconds


@dataclass(frozen=True)
class Format:
    """A named agenda: phases in order, planned for a typical group size."""

    name: str
    title: str
    description: str
    typical_members: int
    minutes: int
    phases: tuple[Phase, ...]
    source: str = field(default="", compare=False)
    """Where it was read from, for messages."""

    @property
    def seats(self) -> int:
        """Hot-seat places across all hot-seat phases."""
        return sum(p.seats for p in self.phases if p.kind is PhaseKind.HOT_SEAT)

    def planned_seconds(self, members: int | None = None) -> float:
        """The whole agenda's planned length for a group (the typical one by default)."""
        count = self.typical_members if members is None else members
        return sum(p.planned_seconds(count) for p in self.phases)


def parse_format(text: str, source: str) -> Format:
    """Parse and check a format file's text; `source` names it in errors and gives its name."""
    name = PurePath(source).stem
    if not _is_key(name):
        raise FormatError(
            f"{source}: the file name must be a format name "
            "(lowercase letters, digits and dashes, e.g. my-format.toml)"
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(f"{source}: not valid TOML: {exc}") from exc
    table = _Table(source, "", data)
    fmt = Format(
        name=name,
        title=table.text("title", limit=TITLE_MAX),
        description=table.text("description", limit=TEXT_MAX, default=""),
        typical_members=table.integer("typical_members", 1, MAX_MEMBERS),
        minutes=table.integer("minutes", 1, 24 * 60),
        phases=tuple(table.tables("phases", MAX_PHASES, _phase)),
        source=source,
    )
    table.finish()
    _check_unique(source, "phases", [p.key for p in fmt.phases])
    _check_total(source, fmt)
    return fmt


def _phase(table: "_Table") -> Phase:
    kind = table.choice("kind", PhaseKind)
    _refuse_misplaced(table, kind)
    captures = table.captures("captures")
    prompt = table.text("prompt", limit=TEXT_MAX)
    phase = Phase(
        key=table.key("key"),
        title=table.text("title", limit=TITLE_MAX),
        kind=kind,
        prompt=prompt,
        captures=captures,
        seconds=_phase_seconds(table, kind),
        steps=_phase_steps(table, kind, prompt, captures),
        seats=table.integer("seats", 1, MAX_SEATS) if kind is PhaseKind.HOT_SEAT else 0,
    )
    table.finish()
    _check_unique(table.source, f"{table.path}.steps", [s.key for s in phase.steps])
    return phase


def _refuse_misplaced(table: "_Table", kind: PhaseKind) -> None:
    if kind is PhaseKind.OPEN and "steps" in table.data:
        table.fail("steps", "not allowed in an open block; make it a round or a hot seat")
    if kind is not PhaseKind.HOT_SEAT and "seats" in table.data:
        table.fail("seats", f"only a hot seat has seats, this phase is a {kind.value}")


def _phase_seconds(table: "_Table", kind: PhaseKind) -> float | None:
    if kind is PhaseKind.OPEN or (kind is PhaseKind.ROUND and "steps" not in table.data):
        return table.seconds("seconds")
    if "seconds" in table.data:
        reason = "a hot seat times its steps" if kind is PhaseKind.HOT_SEAT else "it has steps"
        table.fail("seconds", f"not allowed here: {reason}; give each step its seconds")
    return None


def _phase_steps(
    table: "_Table", kind: PhaseKind, prompt: str, captures: frozenset[Capture]
) -> tuple[Step, ...]:
    if kind is PhaseKind.OPEN:
        return ()
    if kind is PhaseKind.ROUND and "steps" not in table.data:
        return ()

    def step(sub: _Table) -> Step:
        made = Step(
            key=sub.key("key"),
            title=sub.text("title", limit=TITLE_MAX),
            seconds=sub.seconds("seconds"),
            prompt=sub.text("prompt", limit=TEXT_MAX, default=prompt),
            captures=sub.captures("captures", default=captures),
        )
        sub.finish()
        return made

    return tuple(table.tables("steps", MAX_STEPS, step))


def _check_unique(source: str, where: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys, start=1):
        if key in seen:
            raise FormatError(f"{source}: {where}[{index}].key: {key!r} is used twice")
        seen.add(key)


def _check_total(source: str, fmt: Format) -> None:
    total = fmt.planned_seconds()
    if abs(total - fmt.minutes * 60) > _MINUTE_TOLERANCE:
        raise FormatError(
            f"{source}: minutes: says {fmt.minutes}, but the phases add up to "
            f"{_minutes(total)} for {fmt.typical_members} members"
        )


def _minutes(seconds: float) -> str:
    whole, rest = divmod(round(seconds), 60)
    return f"{whole} min {rest} s" if rest else f"{whole} min"


def _is_key(text: str) -> bool:
    return len(text) <= KEY_MAX and _KEY.fullmatch(text) is not None


def _show(value: object) -> str:
    """A value as the TOML file spells it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return str(value)


class _Table:
    """One TOML table being read: typed getters that fail with the field's full path."""

    _MISSING: Any = object()

    def __init__(self, source: str, path: str, data: dict[str, Any]) -> None:
        self.source, self.path, self.data = source, path, data
        self._read: set[str] = set()

    def fail(self, name: str, problem: str) -> Any:
        where = f"{self.path}.{name}" if self.path else name
        raise FormatError(f"{self.source}: {where}: {problem}")

    def _get(self, name: str, default: Any = _MISSING) -> Any:
        self._read.add(name)
        if name in self.data:
            return self.data[name]
        if default is self._MISSING:
            return self.fail(name, "missing")
        return default

    def _check(self, name: str, value: object, ok: bool, wanted: str) -> None:
        if not ok:
            self.fail(name, f"must be {wanted}, got {_show(value)}")

    def text(self, name: str, *, limit: int, default: str | None = None) -> str:
        if default is not None and name not in self.data:
            self._read.add(name)
            return default
        value = self._get(name)
        self._check(name, value, isinstance(value, str) and value.strip() != "", "some text")
        self._check(name, value, len(value) <= limit, f"at most {limit} characters")
        return str(value).strip()

    def key(self, name: str) -> str:
        value = self._get(name)
        wanted = f"a key of lowercase letters, digits and dashes (at most {KEY_MAX})"
        self._check(name, value, isinstance(value, str) and _is_key(value), wanted)
        return str(value)

    def integer(self, name: str, low: int, high: int) -> int:
        value = self._get(name)
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        self._check(name, value, ok, f"a whole number from {low} to {high}")
        return int(value)

    def seconds(self, name: str) -> float:
        value = self._get(name)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        self._check(name, value, number and math.isfinite(value), "a positive number")
        self._check(name, value, value > 0, "a positive number")
        self._check(name, value, value <= MAX_SECONDS, f"at most {MAX_SECONDS} seconds")
        return float(value)

    def choice(self, name: str, kind: type[enum.StrEnum]) -> Any:
        value = self._get(name)
        known = ", ".join(f'"{k.value}"' for k in kind)
        ok = isinstance(value, str) and value in {k.value for k in kind}
        self._check(name, value, ok, f"one of {known}")
        return kind(value)

    def captures(self, name: str, default: frozenset[Capture] | None = None) -> frozenset[Capture]:
        value = self._get(name, self._MISSING if default is None else list(default))
        self._check(name, value, isinstance(value, list), 'a list such as ["asks", "offers"]')
        known = ", ".join(f'"{c.value}"' for c in Capture)
        for item in value:
            ok = isinstance(item, str) and item in {c.value for c in Capture}
            self._check(name, item, ok, f"made of {known}")
        return frozenset(Capture(item) for item in value)

    def tables(self, name: str, limit: int, read: Callable[["_Table"], T]) -> Iterator[T]:
        value = self._get(name)
        ok = isinstance(value, list) and all(isinstance(v, dict) for v in value)
        self._check(name, value, ok, f"a list of tables ([[{name}]])")
        self._check(name, value, 1 <= len(value) <= limit, f"from 1 to {limit} entries")
        prefix = f"{self.path}.{name}" if self.path else name
        for index, data in enumerate(value, start=1):
            yield read(_Table(self.source, f"{prefix}[{index}]", data))

    def finish(self) -> None:
        """Refuse keys nobody read: a typo must not silently fall back to a default."""
        for name in self.data:
            if name not in self._read:
                self.fail(name, "unknown key")
