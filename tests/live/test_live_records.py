"""A session is read back from its records to run or resume, and each change is written back."""

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col

from circle.config import Settings, load_settings
from circle.core.capture import parse_capture
from circle.errors import UserError
from circle.live.load import load_live, unfinished_session
from circle.live.writer import Transition
from circle.local import open_replica
from circle.model import Item, Note, Session, SessionStatus, Turn, TurnStatus
from tests.tui.livekit import plan_quick

WALL = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config")


def test_a_planned_session_loads_ready_to_start(settings: Settings) -> None:
    planned = plan_quick(settings)
    replica = open_replica(settings.replica_path)
    live = load_live(replica, planned.session_id, settings.user_formats_dir, now=0, wall=WALL)
    assert not live.run.started
    assert live.run.current is not None
    assert live.run.current.prompt.startswith("One word for how you are")
    assert [p.name for p in live.people.values() if not p.present] == ["Eve Stone"]
    assert live.run.clock.target == pytest.approx(live.run.agenda.total_seconds)
    replica.close()


def test_each_transition_is_written_in_one_save_and_reads_back_the_same(
    settings: Settings,
) -> None:
    planned = plan_quick(settings)
    replica = open_replica(settings.replica_path)
    live = load_live(replica, planned.session_id, settings.user_formats_dir, now=0, wall=WALL)
    run = live.run
    run.toggle(0)
    run.next(42)
    live.writer.record(
        Transition(run.rows(), run.state().started_at, uuid.UUID(str(run.current_id)))
    )
    assert replica.pending_count() > 0
    again = load_live(
        replica,
        planned.session_id,
        settings.user_formats_dir,
        now=100,
        wall=WALL + timedelta(seconds=100),
    )
    assert again.run.index == 1
    assert again.run.clock.turns[0].banked == 42
    stored = replica.all(Turn, order_by=col(Turn.position))
    assert [t.status for t in stored[:2]] == [TurnStatus.DONE, TurnStatus.RUNNING]
    (session,) = replica.all(Session)
    assert session.status is SessionStatus.RUNNING
    replica.close()


def test_notes_and_items_are_saved_once_and_updated_in_place(settings: Settings) -> None:
    planned = plan_quick(settings)
    replica = open_replica(settings.replica_path)
    live = load_live(replica, planned.session_id, settings.user_formats_dir, now=0, wall=WALL)
    turn_id = live.run.current_id
    assert isinstance(turn_id, uuid.UUID)
    live.writer.save_note(turn_id, "first", False)
    live.writer.save_note(turn_id, "first, then more", True)
    (note,) = replica.all(Note)
    assert (note.text, note.private) == ("first, then more", True)
    item = live.writer.file_item(
        parse_capture("o: shelf space #resource"), planned.members["Ana"], turn_id
    )
    assert item.help == "resource"
    assert [i.text for i in replica.all(Item)] == ["shelf space"]
    replica.close()


def test_a_session_that_does_not_exist_or_has_ended_cannot_be_run(settings: Settings) -> None:
    planned = plan_quick(settings)
    replica = open_replica(settings.replica_path)
    with pytest.raises(UserError, match="no session"):
        load_live(replica, uuid.uuid4(), settings.user_formats_dir, now=0, wall=WALL)
    session = replica.get(Session, planned.session_id)
    assert session is not None
    session.status = SessionStatus.ENDED
    replica.save(session)
    with pytest.raises(UserError, match="already ended"):
        load_live(replica, planned.session_id, settings.user_formats_dir, now=0, wall=WALL)
    replica.close()


def test_a_session_whose_format_is_gone_says_so(settings: Settings) -> None:
    planned = plan_quick(settings)
    replica = open_replica(settings.replica_path)
    session = replica.get(Session, planned.session_id)
    assert session is not None
    session.format = "vanished"
    replica.save(session)
    with pytest.raises(UserError, match="vanished"):
        load_live(replica, planned.session_id, settings.user_formats_dir, now=0, wall=WALL)
    replica.close()


def test_the_unfinished_session_is_found_for_resuming_running_ones_first(
    settings: Settings,
) -> None:
    assert unfinished_session(open_replica(settings.replica_path)) is None
    first = plan_quick(settings)
    replica = open_replica(settings.replica_path)
    found = unfinished_session(replica)
    assert found is not None
    assert (found.id, found.status, found.circle_name) == (
        first.session_id,
        "planned",
        "Tuesday Circle",
    )
    session = replica.get(Session, first.session_id)
    assert session is not None
    session.status, session.started_at = SessionStatus.RUNNING, WALL
    replica.save(session)
    found = unfinished_session(replica, first.circle_id)
    assert found is not None
    assert found.status == "running"
    assert unfinished_session(replica, uuid.uuid4()) is None
    session.status = SessionStatus.ENDED
    replica.save(session)
    assert unfinished_session(replica) is None
    replica.close()
