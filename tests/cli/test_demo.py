"""`circle demo` seeds a circle with a finished past session, once, so every screen has content."""

from pathlib import Path

from sqlmodel import col

from circle.demo import seed_demo
from circle.local import open_replica
from circle.model import (
    Attendance,
    Circle,
    FollowUp,
    Item,
    ItemKind,
    Match,
    MatchState,
    Member,
    Note,
    Session,
    SessionStatus,
    Thanks,
    Turn,
    TurnStatus,
)
from circle.workspace import hot_seat_suggestions
from tests.cli.test_cli_basics import circle


def test_demo_seed_creates_six_members_and_a_finished_session(tmp_path: Path) -> None:
    result = circle("demo", "--seed", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Riverside Makers" in result.stdout
    replica = open_replica(tmp_path / "circle.sqlite3")
    (demo,) = replica.all(Circle)
    assert len(replica.all(Member)) == 6
    (past,) = replica.all(Session)
    assert past.status is SessionStatus.ENDED
    assert past.started_at is not None
    assert past.ended_at is not None
    assert past.ended_at > past.started_at
    assert demo.next_session_at is not None


def test_the_past_session_has_turns_talk_time_and_an_absence(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")
    seed_demo(replica, tmp_path / "formats")
    turns = replica.all(Turn, order_by=col(Turn.position))
    assert turns
    assert all(t.status is TurnStatus.DONE and t.used_seconds > 0 for t in turns)
    assert any(t.overtime_seconds > 0 for t in turns)
    assert {t.phase_key for t in turns} >= {"check-in", "hot-seat", "asks-offers", "gratitude"}
    absent = [a for a in replica.all(Attendance) if not a.present]
    assert len(absent) == 1
    speakers = {t.member_id for t in turns if t.member_id}
    assert absent[0].member_id not in speakers


def test_the_past_session_has_asks_offers_matches_commitments_thanks_and_notes(
    tmp_path: Path,
) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")
    seed_demo(replica, tmp_path / "formats")
    kinds = [item.kind for item in replica.all(Item)]
    assert {ItemKind.ASK, ItemKind.OFFER, ItemKind.COMMITMENT} <= set(kinds)
    matches = replica.all(Match)
    assert {m.state for m in matches} >= {MatchState.ACCEPTED, MatchState.THANKED}
    assert all(m.reason for m in matches)
    assert len(replica.all(FollowUp)) == len(matches)
    assert replica.all(Thanks)
    notes = replica.all(Note)
    assert any(n.private for n in notes)
    assert any(not n.private for n in notes)


def test_seeding_twice_changes_nothing(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")
    first = seed_demo(replica, tmp_path / "formats")
    counts = [len(replica.all(kind)) for kind in (Member, Session, Item, Turn)]
    second = seed_demo(replica, tmp_path / "formats")
    assert first.created
    assert not second.created
    assert second.circle.id == first.circle.id
    assert [len(replica.all(kind)) for kind in (Member, Session, Item, Turn)] == counts


def test_the_next_hot_seats_go_to_those_who_waited_longest(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")
    demo = seed_demo(replica, tmp_path / "formats").circle
    everyone = replica.all(Member)
    suggested = [m.name for m in hot_seat_suggestions(replica, demo, everyone)]
    assert set(suggested[-2:]) == {"Ana Ruiz", "Dev Patel"}
    assert suggested[:4] == sorted(suggested[:4], key=str.casefold)
