"""A clock stored in Turn records and read back by a new process has the same time left."""

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import col

from circle import locations
from circle.core.agenda import expand
from circle.core.clock import TurnClock
from circle.core.clock_state import TURN_FIELDS, ClockState, TurnState, restore, snapshot
from circle.core.formats import parse_format
from circle.local import open_replica
from circle.model import Session, Turn, TurnStatus

STARTED = datetime(2026, 3, 5, 18, 0, tzinfo=UTC)


def store(path: Path, session: Session, clock: TurnClock, turns: list[Turn]) -> None:
    """What the console does after every clock change: copy the state into the records."""
    state = snapshot(clock)
    for record, turn in zip(turns, state.turns, strict=True):
        for name in TURN_FIELDS:
            setattr(record, name, getattr(turn, name))
        record.status = TurnStatus(turn.status)
    session.started_at = state.started_at
    replica = open_replica(path)
    try:
        replica.save(session, *turns)
    finally:
        replica.close()


def load(path: Path, session_id: uuid.UUID) -> ClockState:
    """What a restarted console does: read the records back into clock state."""
    replica = open_replica(path)
    try:
        session = replica.get(Session, session_id)
        records = replica.all(Turn, col(Turn.session_id) == session_id, order_by=col(Turn.position))
    finally:
        replica.close()
    assert session is not None
    turns = tuple(
        TurnState(r.member_id, **{name: getattr(r, name) for name in TURN_FIELDS}) for r in records
    )
    return ClockState(session.started_at, 90 * 60, turns)


def test_a_killed_console_resumes_the_running_turn_with_the_same_time_left(tmp_path: Path) -> None:
    path = tmp_path / "circle.sqlite3"
    classic_file = locations.builtin_formats_dir() / "classic.toml"
    classic = parse_format(classic_file.read_text(encoding="utf-8"), classic_file.name)
    members = [uuid.uuid4() for _ in range(8)]
    agenda = expand(classic, members, members[:2])
    session = Session(circle_id=uuid.uuid4(), format="classic")
    turns = [
        Turn(
            session_id=session.id,
            position=i,
            phase_index=t.phase_index,
            phase_key=t.phase_key,
            phase_title=t.phase_title,
            step=t.step,
            member_id=t.member_id if isinstance(t.member_id, uuid.UUID) else None,
            planned_seconds=t.seconds,
        )
        for i, t in enumerate(agenda.turns)
    ]
    clock = TurnClock.plan(agenda.turns, now=500.0, wall=STARTED, target_seconds=90 * 60)
    clock.start(500.0)
    clock.next(800.0)  # the welcome ran its 5 minutes
    clock.next(870.5)  # the first check-in, 70.5 s
    clock.pause(900.25)
    clock.resume(960.0)
    clock.extend(961.0, 60)
    store(path, session, clock, turns)

    killed_at = 1000.0
    restarted = restore(
        load(path, session.id), now=3.5, wall=clock.wall(killed_at) + timedelta(seconds=12)
    )
    before, after = clock.read(killed_at + 12), restarted.read(3.5)
    assert after == before
    assert (after.index, after.member_id, after.remaining) == (2, members[1], 150 - 29.75 - 52)
    assert restarted.talk_time(3.5) == clock.talk_time(killed_at + 12)
