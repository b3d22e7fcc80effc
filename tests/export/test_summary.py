"""The summary object: who came, agenda against the clock, talk time, what each reader sees."""

import uuid
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event

from circle.core.summary import fairness, group_summary, member_summary
from circle.export.load import load_session
from circle.model import HelpKind, Item, ItemKind, Match, MatchState
from tests.export.conftest import (
    CONFLICT_TEXT,
    MARKUP_NAME,
    PRIVATE_ASK,
    PRIVATE_NOTE,
    PRIVATE_OFFER,
    START,
    Meeting,
)


def names(people: object) -> list[str]:
    return [p.person.name for p in people]  # type: ignore[attr-defined]


def test_the_group_summary_lists_who_came_and_who_missed_it(meeting: Meeting) -> None:
    summary = group_summary(meeting.records())
    assert names(summary.present) == sorted(
        ["Ana Ruiz", "Bo Lind", "Chloé Dubois 🌱", MARKUP_NAME, "Eli Guest"], key=str.casefold
    )
    assert names(summary.absent) == ["Fay Absent"]


def test_a_latecomer_shows_when_they_arrived(meeting: Meeting) -> None:
    summary = group_summary(meeting.records())
    arrivals = {p.person.name: p.arrived_at for p in summary.present}
    assert arrivals["Bo Lind"] == START + timedelta(minutes=12)
    assert arrivals["Ana Ruiz"] is None


def test_the_agenda_shows_planned_and_actual_time_per_phase(meeting: Meeting) -> None:
    agenda = group_summary(meeting.records()).agenda
    assert [phase.title for phase in agenda] == [
        "Check-in",
        "Hot seat",
        "Asks and offers",
        "Gratitude",
    ]
    hot_seat = agenda[1]
    assert (hot_seat.planned_seconds, hot_seat.actual_seconds) == (900, 970)
    assert hot_seat.overtime_seconds == 90
    assert agenda[0].turns == 5


def test_talk_time_is_per_member_with_shares_and_a_fairness_figure(meeting: Meeting) -> None:
    summary = group_summary(meeting.records())
    talk = {line.person.name: line for line in summary.talk}
    assert talk["Ana Ruiz"].seconds == 100 + 690 + 280
    assert summary.talk[0].person.name == "Ana Ruiz", "the longest speaker comes first"
    assert sum(line.share for line in summary.talk) == pytest.approx(1.0)
    assert summary.fairness is not None
    assert 0.2 < summary.fairness < 1.0


def test_private_notes_and_conflict_copies_never_reach_a_summary(meeting: Meeting) -> None:
    records = meeting.records()
    for summary in (group_summary(records), member_summary(records, meeting.member_id("Ana Ruiz"))):
        texts = [note.text for note in summary.notes]
        assert "Ana wants a second oven\nby **March**" in texts
        assert PRIVATE_NOTE not in texts
        assert CONFLICT_TEXT not in texts


def test_hot_seat_notes_say_whose_seat_and_which_step(meeting: Meeting) -> None:
    notes = group_summary(meeting.records()).notes
    assert notes[0].context == "Hot seat · Ana Ruiz · present"
    assert notes[0].hot_seat
    assert notes[-1].context == "General"
    assert not notes[-1].hot_seat


def test_the_group_summary_leaves_out_private_items_and_what_hangs_on_them(
    meeting: Meeting,
) -> None:
    summary = group_summary(meeting.records())
    texts = [item.text for item in (*summary.asks, *summary.offers, *summary.open_asks)]
    assert PRIVATE_ASK not in texts
    assert PRIVATE_OFFER not in texts
    assert [m.reason for m in summary.matches] == ["both about flour supply (intro)"]
    assert all("PRIVATE" not in f.action for f in summary.follow_ups)


def test_dismissed_matches_are_left_out(meeting: Meeting) -> None:
    reasons = [m.reason for m in group_summary(meeting.records()).matches]
    assert "DISMISSED-REASON" not in reasons


def test_asks_still_open_are_carried_to_next_time(meeting: Meeting) -> None:
    summary = group_summary(meeting.records())
    assert [a.text for a in summary.open_asks] == ["Guests for my podcast about craft 🎙️"]


def test_a_member_summary_keeps_only_their_own_items_and_matches(meeting: Meeting) -> None:
    summary = member_summary(meeting.records(), meeting.member_id("Bo Lind"))
    assert summary.viewer is not None
    assert summary.viewer.name == "Bo Lind"
    assert [i.text for i in summary.offers] == [
        "I know two millers in <Lyon> & Paris",
        PRIVATE_OFFER,
    ]
    assert summary.asks == ()
    assert summary.commitments == ()
    assert [m.ask.member.name for m in summary.matches] == ["Ana Ruiz"]
    assert [f.action for f in summary.follow_ups] == ["Introduce Ana to the two millers"]
    assert [t.message for t in summary.thanks] == ["Merci! 🙏 <3"], "thanks are shared"
    assert len(summary.talk) == 5, "talk time is shared"


def test_a_member_summary_never_shows_another_members_private_item(meeting: Meeting) -> None:
    records = meeting.records()
    for name in meeting.members:
        if name == "Chloé Dubois 🌱":
            continue
        summary = member_summary(records, meeting.member_id(name))
        every = [*summary.asks, *summary.offers, *summary.open_asks]
        every += [line for m in summary.matches for line in (m.ask, m.offer)]
        assert PRIVATE_ASK not in [item.text for item in every], name


def test_the_author_of_a_private_ask_sees_it_and_its_match(meeting: Meeting) -> None:
    summary = member_summary(meeting.records(), meeting.member_id("Chloé Dubois 🌱"))
    assert [(a.text, a.private) for a in summary.asks] == [(PRIVATE_ASK, True)]
    assert [m.reason for m in summary.matches] == ["advice on money"]


def test_an_unknown_member_has_no_summary(meeting: Meeting) -> None:
    with pytest.raises(KeyError):
        member_summary(meeting.records(), uuid.uuid4())


def test_an_ask_from_an_earlier_session_shows_in_this_sessions_match(meeting: Meeting) -> None:
    old = Item(
        circle_id=meeting.circle.id,
        session_id=uuid.uuid4(),
        member_id=meeting.member_id("Fay Absent"),
        kind=ItemKind.ASK,
        help=HelpKind.INTRO,
        text="An old ask about bike couriers",
    )
    match = Match(
        session_id=meeting.session.id,
        ask_id=old.id,
        offer_id=meeting.items["millers"].id,
        score=0.5,
        reason="couriers",
        state=MatchState.SUGGESTED,
    )
    meeting.save(old, match)
    summary = group_summary(meeting.records())
    assert "An old ask about bike couriers" in [m.ask.text for m in summary.matches]
    assert "An old ask about bike couriers" not in [a.text for a in summary.asks]


def test_loading_a_session_takes_a_handful_of_queries(meeting: Meeting) -> None:
    statements: list[str] = []
    event.listen(
        meeting.replica.engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    load_session(meeting.replica, meeting.session.id)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert 0 < len(selects) <= 10


@given(st.lists(st.floats(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_fairness_lies_between_one_speaker_and_everyone_equal(seconds: list[float]) -> None:
    index = fairness(seconds)
    if index is None:
        assert sum(seconds) == 0 or all(s * s == 0 for s in seconds)
    else:
        everyone_equal, one_speaker = 1.0, 1 / len(seconds)
        assert one_speaker - 1e-9 <= index <= everyone_equal + 1e-9


def test_fairness_is_one_when_everyone_speaks_equally_and_one_over_n_for_a_monologue() -> None:
    assert fairness([300, 300, 300]) == pytest.approx(1.0)
    assert fairness([900, 0, 0]) == pytest.approx(1 / 3)
    assert fairness([0, 0]) is None
