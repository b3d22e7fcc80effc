"""Follow-through: a session opens with last time's open promises and records their outcomes."""

from datetime import date, datetime, timedelta

import pytest

from circle.core.summary import group_summary, member_summary
from circle.errors import UserError
from circle.followthrough import Outcome, open_promises, resolve
from circle.model import FollowUp, FollowUpStatus, Item, ItemStatus
from tests.export.conftest import MARKUP_NAME, START, Meeting, new_session

LATER = START + timedelta(days=14)


def texts(promises: object) -> list[str]:
    return [p.text for p in promises]  # type: ignore[attr-defined]


def test_the_next_session_lists_last_times_open_promises_by_member(meeting: Meeting) -> None:
    nxt = new_session(meeting, LATER)
    promises = open_promises(meeting.replica, meeting.circle.id, before=nxt.id)
    owners = [p.owner for p in promises.all()]
    assert owners == [MARKUP_NAME, "Ana Ruiz", "Bo Lind", "Chloé Dubois 🌱"]
    assert texts(promises.for_member(meeting.member_id("Chloé Dubois 🌱"))) == [
        "Publish the studio website"
    ]
    assert len(promises) == 4


def test_a_commitment_with_a_follow_up_is_listed_once(meeting: Meeting) -> None:
    promises = open_promises(meeting.replica, meeting.circle.id)
    anas = promises.for_member(meeting.member_id("Ana Ruiz"))
    assert [(p.kind, p.text) for p in anas] == [
        ("follow-up", "Send the new pricing sheet to the group")
    ]


def test_a_promise_resting_on_a_private_item_is_flagged_private(meeting: Meeting) -> None:
    promises = open_promises(meeting.replica, meeting.circle.id)
    [devs] = promises.for_member(meeting.member_id(MARKUP_NAME))
    assert devs.private
    assert not any(p.private for p in promises.all() if p is not devs)


def test_the_sessions_own_promises_are_not_last_times(meeting: Meeting) -> None:
    assert len(open_promises(meeting.replica, meeting.circle.id, before=meeting.session.id)) == 0


def test_overdue_is_judged_against_the_day_given(meeting: Meeting) -> None:
    [bos] = open_promises(meeting.replica, meeting.circle.id).for_member(
        meeting.member_id("Bo Lind")
    )
    assert bos.overdue(date(2026, 12, 2))
    assert not bos.overdue(date(2026, 12, 1))


def test_marking_a_follow_up_done_records_when_and_in_which_session(meeting: Meeting) -> None:
    nxt = new_session(meeting, LATER)
    [sheet] = open_promises(meeting.replica, meeting.circle.id).for_member(
        meeting.member_id("Ana Ruiz")
    )
    moment = datetime(2026, 12, 9, 17, 5, tzinfo=START.tzinfo)
    assert resolve(meeting.replica, sheet, Outcome.DONE, nxt.id, now=lambda: moment) is None
    stored = meeting.replica.get(FollowUp, sheet.id)
    assert stored is not None
    assert (stored.status, stored.resolved_in_session_id, stored.done_at) == (
        FollowUpStatus.DONE,
        nxt.id,
        moment,
    )
    commitment = meeting.replica.get(Item, meeting.items["sheet"].id)
    assert commitment is not None
    assert commitment.status == ItemStatus.DONE, "its commitment is done too"
    remaining = open_promises(meeting.replica, meeting.circle.id, before=nxt.id)
    assert "Send the new pricing sheet to the group" not in texts(remaining.all())


def test_dropping_a_commitment_records_it(meeting: Meeting) -> None:
    nxt = new_session(meeting, LATER)
    [website] = open_promises(meeting.replica, meeting.circle.id).for_member(
        meeting.member_id("Chloé Dubois 🌱")
    )
    resolve(meeting.replica, website, "dropped", nxt.id)
    stored = meeting.replica.get(Item, website.id)
    assert stored is not None
    assert (stored.status, stored.resolved_in_session_id) == (ItemStatus.DROPPED, nxt.id)


def test_carrying_over_makes_a_linked_copy_in_the_new_session(meeting: Meeting) -> None:
    nxt = new_session(meeting, LATER)
    [sheet] = open_promises(meeting.replica, meeting.circle.id).for_member(
        meeting.member_id("Ana Ruiz")
    )
    copy = resolve(meeting.replica, sheet, Outcome.CARRIED, nxt.id)
    assert isinstance(copy, FollowUp)
    assert (copy.session_id, copy.carried_from_id, copy.status) == (
        nxt.id,
        sheet.id,
        FollowUpStatus.OPEN,
    )
    new_item = meeting.replica.get(Item, copy.item_id) if copy.item_id else None
    assert new_item is not None
    assert (new_item.session_id, new_item.carried_from_id) == (nxt.id, meeting.items["sheet"].id)
    old = meeting.replica.get(FollowUp, sheet.id)
    assert old is not None
    assert old.status == FollowUpStatus.CARRIED
    third = new_session(meeting, LATER + timedelta(days=14))
    again = open_promises(meeting.replica, meeting.circle.id, before=third.id)
    assert [p.id for p in again.for_member(meeting.member_id("Ana Ruiz"))] == [copy.id]


def test_the_new_sessions_summary_shows_outcomes_and_carried_items(meeting: Meeting) -> None:
    nxt = new_session(meeting, LATER)
    promises = open_promises(meeting.replica, meeting.circle.id, before=nxt.id)
    outcomes = [Outcome.DONE, Outcome.CARRIED, Outcome.DROPPED, Outcome.DONE]
    for promise, outcome in zip(promises.all(), outcomes, strict=True):
        resolve(meeting.replica, promise, outcome, nxt.id)
    meeting.session = nxt
    summary = group_summary(meeting.records())
    assert {(f.owner.name, f.status) for f in summary.from_last_time} == {
        ("Ana Ruiz", "carried"),
        ("Bo Lind", "dropped"),
        ("Chloé Dubois 🌱", "done"),
    }, "the private one stays out of the group's view"
    assert [(c.text, c.carried) for c in summary.commitments] == [
        ("Send the new pricing sheet to the group", True)
    ]
    devs = member_summary(meeting.records(), meeting.member_id(MARKUP_NAME))
    assert [f.status for f in devs.from_last_time] == ["done"]


def test_an_outcome_is_recorded_once(meeting: Meeting) -> None:
    nxt = new_session(meeting, LATER)
    promise = open_promises(meeting.replica, meeting.circle.id).all()[0]
    resolve(meeting.replica, promise, Outcome.DONE, nxt.id)
    with pytest.raises(UserError, match="already marked done"):
        resolve(meeting.replica, promise, Outcome.DROPPED, nxt.id)


def test_a_bad_outcome_or_session_is_refused_and_changes_nothing(meeting: Meeting) -> None:
    promise = open_promises(meeting.replica, meeting.circle.id).all()[0]
    pending = meeting.replica.pending_count()
    with pytest.raises(UserError, match="unknown outcome 'finished'"):
        resolve(meeting.replica, promise, "finished", meeting.session.id)
    with pytest.raises(UserError, match="no session"):
        resolve(meeting.replica, promise, Outcome.DONE, meeting.circle.id)
    assert meeting.replica.pending_count() == pending


def test_outcomes_go_to_the_outbox_to_sync(meeting: Meeting) -> None:
    nxt = new_session(meeting, LATER)
    promise = open_promises(meeting.replica, meeting.circle.id).all()[0]
    resolve(meeting.replica, promise, Outcome.DONE, nxt.id)
    queued = {entry.record_id for entry in meeting.replica.pending(limit=1000)}
    assert promise.id in queued
