"""The local replica keeps every record, versions each change and queues it for sync once."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from circle.local import Replica, ReplicaError, open_replica
from circle.local.migrate import latest_version
from circle.model import (
    RECORD_TYPES,
    Attendance,
    Circle,
    FollowUp,
    HelpKind,
    Item,
    ItemKind,
    Match,
    Member,
    Note,
    Session,
    Thanks,
    Turn,
    to_wire,
)


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    return open_replica(tmp_path / "circle.sqlite3")


def _circle_with_everything(replica: Replica) -> list[object]:
    circle = Circle(name="Rivermill Main Street")
    ana = Member(circle_id=circle.id, name="Ana Ruiz", business="Bakery")
    bo = Member(circle_id=circle.id, name="Bo Lind", business="HVAC")
    session = Session(circle_id=circle.id, format="classic")
    turn = Turn(
        session_id=session.id,
        position=0,
        phase_index=0,
        phase_key="checkin",
        phase_title="Check-in",
        member_id=ana.id,
        planned_seconds=120,
        started_at=datetime(2026, 11, 25, 18, 0, tzinfo=UTC),
    )
    ask = Item(
        circle_id=circle.id,
        session_id=session.id,
        member_id=ana.id,
        kind=ItemKind.ASK,
        help=HelpKind.INTRO,
        text="An intro to a wholesale flour supplier",
    )
    offer = Item(
        circle_id=circle.id,
        session_id=session.id,
        member_id=bo.id,
        kind=ItemKind.OFFER,
        text="I know the owner of Miami Valley Mills",
    )
    match = Match(session_id=session.id, ask_id=ask.id, offer_id=offer.id, score=0.8)
    follow_up = FollowUp(
        circle_id=circle.id,
        session_id=session.id,
        match_id=match.id,
        owner_id=bo.id,
        action="Introduce Ana to Miami Valley Mills",
    )
    thanks = Thanks(session_id=session.id, from_member_id=ana.id, to_member_id=bo.id)
    attendance = Attendance(session_id=session.id, member_id=bo.id, present=False)
    note = Note(session_id=session.id, turn_id=turn.id, text="[b]bold[/b] <i>", private=True)
    records = [
        circle,
        ana,
        bo,
        session,
        turn,
        ask,
        offer,
        match,
        follow_up,
        thanks,
        note,
        attendance,
    ]
    replica.save(*records)
    return records


def test_every_kind_of_record_round_trips_through_the_replica(
    replica: Replica, tmp_path: Path
) -> None:
    records = _circle_with_everything(replica)
    replica.close()
    reopened = open_replica(tmp_path / "circle.sqlite3")
    for record in records:
        stored = reopened.get(type(record), record.id)  # type: ignore[attr-defined]
        assert stored is not None
        assert to_wire(stored) == to_wire(record)  # type: ignore[arg-type]
    assert {type(r) for r in records} == set(RECORD_TYPES)


def test_timestamps_come_back_timezone_aware_in_utc(replica: Replica) -> None:
    circle = Circle(name="Tz", next_session_at=datetime(2026, 12, 1, 9, tzinfo=UTC) + timedelta())
    replica.save(circle)
    stored = replica.get(Circle, circle.id)
    assert stored is not None
    assert stored.next_session_at == datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert stored.created_at.tzinfo is not None


def test_a_naive_timestamp_is_refused_rather_than_guessed(replica: Replica) -> None:
    circle = Circle(name="Naive", next_session_at=datetime(2026, 12, 1, 9))  # noqa: DTZ001
    with pytest.raises(Exception, match="timezone-aware"):
        replica.save(circle)
    assert replica.get(Circle, circle.id) is None


def test_each_change_lands_in_the_outbox_once_with_its_latest_version(replica: Replica) -> None:
    circle = Circle(name="Outbox")
    member = Member(circle_id=circle.id, name="Ana")
    replica.save(circle, member)
    first_version = member.version
    member.business = "Bakery"
    replica.save(member)
    pending = replica.pending()
    assert [entry.record_id for entry in pending] == [circle.id, member.id]
    assert pending[1].version == member.version > first_version
    assert pending[1].payload["business"] == "Bakery"
    assert pending[1].base_version == ""


def test_acknowledged_changes_leave_the_outbox_and_later_edits_queue_again(
    replica: Replica,
) -> None:
    circle = Circle(name="Ack")
    replica.save(circle)
    sent = replica.pending()
    replica.acknowledge([entry.seq for entry in sent])
    assert replica.pending_count() == 0
    acked_version = circle.version
    circle.description = "Fortnightly, Thursdays"
    replica.save(circle)
    (entry,) = replica.pending()
    assert entry.base_version == acked_version


def test_an_edit_made_while_a_push_is_in_flight_survives_its_acknowledgement(
    replica: Replica,
) -> None:
    circle = Circle(name="In flight")
    replica.save(circle)
    in_flight = replica.pending()
    circle.description = "edited during the push"
    replica.save(circle)
    replica.acknowledge([entry.seq for entry in in_flight])
    (entry,) = replica.pending()
    assert entry.payload["description"] == "edited during the push"


def test_deleting_keeps_a_tombstone_that_syncs(replica: Replica) -> None:
    circle = Circle(name="Gone")
    replica.save(circle)
    replica.delete(circle)
    assert replica.all(Circle) == []
    (entry,) = replica.pending()
    assert entry.payload["deleted"] is True


def test_versions_keep_increasing_across_a_restart(tmp_path: Path) -> None:
    frozen = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    path = tmp_path / "r.sqlite3"
    first = open_replica(path, now=lambda: frozen)
    circle = Circle(name="Clock")
    first.save(circle)
    before = circle.version
    first.close()
    second = open_replica(path, now=lambda: frozen - timedelta(hours=1))
    circle.description = "edited by a restarted process whose clock went back"
    second.save(circle)
    assert circle.version > before
    assert second.node_id == first.node_id


def test_remote_changes_apply_when_newer_and_are_not_queued_again(replica: Replica) -> None:
    circle = Circle(name="Remote")
    replica.save(circle)
    replica.acknowledge([e.seq for e in replica.pending()])
    newer = to_wire(circle) | {"name": "Renamed elsewhere", "version": "9" * 18 + ".00000.other1"}
    older = to_wire(circle) | {"name": "Stale", "version": "0" * 18 + ".00000.other1"}
    assert len(replica.apply_remote("circles", [newer])) == 1
    assert replica.apply_remote("circles", [older]) == []
    stored = replica.get(Circle, circle.id)
    assert stored is not None
    assert stored.name == "Renamed elsewhere"
    assert replica.pending_count() == 0
    circle_again = stored
    circle_again.description = "local edit after the remote one"
    replica.save(circle_again)
    assert circle_again.version > newer["version"]


def test_a_database_from_a_newer_circle_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_replica(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {latest_version() + 1}")
    with pytest.raises(ReplicaError, match="newer circle"):
        open_replica(path)


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"these are my meeting notes, not a database" * 100)
    with pytest.raises(ReplicaError, match="not a circle database"):
        open_replica(path)
    assert path.read_bytes() == b"these are my meeting notes, not a database" * 100


def test_the_replica_runs_in_wal_mode(replica: Replica) -> None:
    with sqlite3.connect(replica.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
