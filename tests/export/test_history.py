"""`circle history`: each member's giving and taking, and follow-through over time."""

import csv
import io
import json
import uuid
from datetime import timedelta

import pytest

from circle.core.facts import CircleFact, ItemFact, MemberFact, SessionFact
from circle.core.ledger import HistoryRecords, build_ledger
from circle.export.load import load_history
from circle.followthrough import Outcome, open_promises, resolve
from circle.model import Item, ItemKind, Thanks
from tests.export.conftest import MARKUP_NAME, START, Meeting, Runner, new_session, one_line_error


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")


def two_sessions(meeting: Meeting) -> None:
    """A second session: last time's promises resolved, one more ask, one more thanks."""
    nxt = new_session(meeting, START + timedelta(days=14))
    outcomes = [Outcome.DONE, Outcome.CARRIED, Outcome.DROPPED, Outcome.DONE]
    promises = open_promises(meeting.replica, meeting.circle.id).all()
    for promise, outcome in zip(promises, outcomes, strict=True):
        resolve(meeting.replica, promise, outcome, nxt.id)
    ask = Item(
        circle_id=meeting.circle.id,
        session_id=nxt.id,
        member_id=meeting.member_id("Ana Ruiz"),
        kind=ItemKind.ASK,
        text="A van for the Saturday market",
    )
    thanks = Thanks(
        session_id=nxt.id,
        from_member_id=meeting.member_id("Bo Lind"),
        to_member_id=meeting.member_id("Ana Ruiz"),
    )
    meeting.save(ask, thanks)


def test_each_member_has_a_line_of_giving_and_taking(meeting: Meeting) -> None:
    two_sessions(meeting)
    ledger = build_ledger(load_history(meeting.replica, meeting.circle.id))
    lines = {m.name: m for m in ledger.members}
    ana, bo = lines["Ana Ruiz"], lines["Bo Lind"]
    assert (ana.asks_made, ana.asks_answered) == (2, 1)
    assert (bo.offers_made, bo.offers_given) == (2, 1), "his private offer counts, unanswered"
    assert (ana.thanks_given, ana.thanks_received) == (1, 1)
    assert (bo.thanks_given, bo.thanks_received) == (1, 1)
    assert ana.sessions == 1
    assert lines["Fay Absent"].sessions == 0
    assert sum(m.talk_share for m in ledger.members) == pytest.approx(1.0)


def test_a_carried_commitment_counts_once_and_keeps_when_its_copy_is_done(
    meeting: Meeting,
) -> None:
    two_sessions(meeting)
    records = load_history(meeting.replica, meeting.circle.id)
    ana = {m.name: m for m in build_ledger(records).members}["Ana Ruiz"]
    assert (ana.commitments_made, ana.commitments_kept) == (1, 0)
    copy = next(i for i in records.items if i.carried_from_id == meeting.items["sheet"].id)
    stored = meeting.replica.get(Item, copy.id)
    assert stored is not None
    stored.status = "done"  # type: ignore[assignment]
    meeting.save(stored)
    ana = {
        m.name: m for m in build_ledger(load_history(meeting.replica, meeting.circle.id)).members
    }["Ana Ruiz"]
    assert (ana.commitments_made, ana.commitments_kept) == (1, 1)


def test_follow_through_is_measured_per_session_over_time(meeting: Meeting) -> None:
    two_sessions(meeting)
    ledger = build_ledger(load_history(meeting.replica, meeting.circle.id))
    first, second = ledger.sessions
    assert first.when is not None
    assert second.when is not None
    assert first.when < second.when
    assert (first.promises, first.done, first.dropped, first.carried, first.open) == (4, 2, 1, 1, 0)
    assert first.rate == pytest.approx(0.5)
    assert (second.promises, second.open) == (1, 1), "the carried copy is promised again"
    assert ledger.follow_through == pytest.approx(2 / 5)


def test_a_session_without_promises_has_no_rate() -> None:
    circle = CircleFact(uuid.uuid4(), "Empty")
    session = SessionFact(uuid.uuid4(), circle.id, "classic", started_at=START)
    member = MemberFact(uuid.uuid4(), "Solo")
    ask = ItemFact(uuid.uuid4(), member.id, "ask", "x", session_id=session.id)
    ledger = build_ledger(HistoryRecords(circle, (session,), (member,), items=(ask,)))
    assert ledger.sessions[0].rate is None
    assert ledger.follow_through is None
    assert ledger.members[0].asks_made == 1


def test_a_carry_over_loop_in_bad_data_does_not_hang() -> None:
    circle = CircleFact(uuid.uuid4(), "Loop")
    member = MemberFact(uuid.uuid4(), "Solo")
    a, b = uuid.uuid4(), uuid.uuid4()
    items = (
        ItemFact(a, member.id, "ask", "a", carried_from_id=b),
        ItemFact(b, member.id, "ask", "b", carried_from_id=a),
    )
    ledger = build_ledger(HistoryRecords(circle, (), (member,), items=items))
    assert ledger.members[0].asks_made in (1, 2)


def test_the_terminal_table_shows_each_member_and_each_session(
    meeting: Meeting, run: Runner
) -> None:
    two_sessions(meeting)
    code, out, _ = run("history", "rivermill")
    assert code == 0
    assert out.startswith("Rivermill: giving ledger over 2 sessions")
    assert MARKUP_NAME in out, "names are printed as typed, never as markup"
    assert "Chloé Dubois 🌱" in out
    assert "2026-11-25" in out
    assert "2026-12-09" in out
    assert "Follow-through overall: 40% of promises kept" in out


def test_json_history_reads_back(meeting: Meeting, run: Runner) -> None:
    two_sessions(meeting)
    code, out, _ = run("history", "Rivermill", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["circle"] == "Rivermill"
    assert [s["date"] for s in data["sessions"]] == ["2026-11-25", "2026-12-09"]
    assert {m["name"] for m in data["members"]} >= {MARKUP_NAME, "Ana Ruiz"}


def test_csv_history_holds_a_member_table_and_a_session_table(
    meeting: Meeting, run: Runner
) -> None:
    two_sessions(meeting)
    code, out, _ = run("history", "Rivermill", "-f", "csv")
    assert code == 0
    members_part, sessions_part = out.split("\r\n\r\n")
    members = list(csv.DictReader(io.StringIO(members_part)))
    assert members[0]["Member"] == MARKUP_NAME
    assert {m["Member"]: m["Asks answered"] for m in members}["Ana Ruiz"] == "1"
    sessions = list(csv.DictReader(io.StringIO(sessions_part)))
    assert [(s["Session date"], s["Follow-through (%)"]) for s in sessions] == [
        ("2026-11-25", "50"),
        ("2026-12-09", "0"),
    ]


def test_history_mistakes_are_one_line_errors(meeting: Meeting, run: Runner) -> None:
    one_line_error(run("history", "Nowhere"), "no circle called 'Nowhere'")
    one_line_error(run("history", "Rivermill", "--format", "xml"), "unknown format 'xml'")
