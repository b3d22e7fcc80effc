"""iCalendar export: each follow-up a to-do with its due date, and the next session as an event."""

from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from circle.export.ics import _fold, _text
from tests.export.conftest import MARKUP_NAME, Meeting


def calendar(meeting: Meeting, tmp_path: Path, member: str | None = None) -> icalendar.Calendar:
    [path] = meeting.export(tmp_path, "ics", member=member)
    return icalendar.Calendar.from_ical(path.read_bytes())


def todos(cal: icalendar.Calendar) -> dict[str, icalendar.Todo]:
    return {str(todo["SUMMARY"]): todo for todo in cal.walk("VTODO")}


def test_each_follow_up_is_a_todo_with_its_due_date(meeting: Meeting, tmp_path: Path) -> None:
    found = todos(calendar(meeting, tmp_path))
    intro = found["Bo Lind: Introduce Ana to the two millers"]
    assert intro.decoded("DUE") == date(2026, 12, 1)
    assert str(intro["STATUS"]) == "NEEDS-ACTION"
    assert found["Ana Ruiz: Send the new pricing sheet to the group"].decoded("DUE") == date(
        2026, 12, 2
    )


def test_a_commitment_without_a_follow_up_is_a_todo_too(meeting: Meeting, tmp_path: Path) -> None:
    found = todos(calendar(meeting, tmp_path))
    assert found["Chloé Dubois 🌱: Publish the studio website"].decoded("DUE") == date(2026, 12, 9)
    assert len(found) == 3, "private follow-ups stay out"


def test_the_next_session_is_an_event(meeting: Meeting, tmp_path: Path) -> None:
    [event] = calendar(meeting, tmp_path).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 12, 9, 17, 0, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Rivermill circle"


def test_no_next_session_means_no_event(meeting: Meeting, tmp_path: Path) -> None:
    meeting.circle.next_session_at = None
    meeting.save(meeting.circle)
    assert calendar(meeting, tmp_path).walk("VEVENT") == []


def test_a_members_calendar_holds_their_own_follow_ups(meeting: Meeting, tmp_path: Path) -> None:
    found = todos(calendar(meeting, tmp_path, member=MARKUP_NAME))
    assert list(found) == [f"{MARKUP_NAME}: PRIVATE-FOLLOW-UP: call about the loan"]


def test_a_done_follow_up_is_completed(meeting: Meeting, tmp_path: Path) -> None:
    from circle.model import FollowUpStatus

    meeting.follow_ups["intro"].status = FollowUpStatus.DONE
    meeting.save(meeting.follow_ups["intro"])
    intro = todos(calendar(meeting, tmp_path))["Bo Lind: Introduce Ana to the two millers"]
    assert str(intro["STATUS"]) == "COMPLETED"


PRINTABLE = st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1)


@given(PRINTABLE)
def test_any_text_survives_escaping_and_folding(text: str) -> None:
    line = _fold(f"SUMMARY:{_text(text)}")
    assert all(len(part.encode()) <= 75 for part in line.split("\r\n"))
    ical = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VTODO\r\nUID:x\r\n"
        f"DTSTAMP:20260101T000000Z\r\n{line}\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    [todo] = icalendar.Calendar.from_ical(ical.encode()).walk("VTODO")
    assert str(todo["SUMMARY"]) == text
