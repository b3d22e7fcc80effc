"""A finished session of the Rivermill circle, built straight from records, for the export tests.

The cast is chosen to trip every format: accents and emoji, a name that looks
like Textual markup and HTML, a member without a contact, a latecomer, an
absentee, a guest, private items and notes, a dismissed match and a conflict copy.
"""

import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from circle.cli import main
from circle.core.facts import SessionRecords
from circle.export import export_session
from circle.export.load import load_session
from circle.local import Replica, open_replica
from circle.model import (
    Attendance,
    Circle,
    FollowUp,
    HelpKind,
    Item,
    ItemKind,
    ItemStatus,
    Match,
    MatchState,
    Member,
    Note,
    Session,
    SessionStatus,
    SyncFields,
    Thanks,
    Turn,
    TurnStatus,
)

START = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)
GROUP_SECTIONS = [
    "Who came",
    "Agenda: planned and actual",
    "Talk time",
    "Notes",
    "Asks",
    "Offers",
    "Matches",
    "Commitments",
    "Follow-ups",
    "Thanks",
    "Open asks for next time",
]
"""The group summary's section headings for this session, in order."""
EXPORTED = START + timedelta(hours=3)
MARKUP_NAME = "[red]Dev[/red] <script>alert(1)</script>"
MARKUP_TEXT = "[bold]pricing[/bold] *tips* <b>now</b> & | pipes # not a heading"
PRIVATE_ASK = "PRIVATE-ASK: a bridge loan before Christmas"
PRIVATE_NOTE = "PRIVATE-NOTE: Ana looked exhausted"
PRIVATE_OFFER = "PRIVATE-OFFER: my spare van, quietly"
CONFLICT_TEXT = "CONFLICT-COPY: the losing edit"


@dataclass
class Meeting:
    """The records of one seeded session, by name, for assertions."""

    replica: Replica
    circle: Circle
    session: Session
    members: dict[str, Member] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    matches: dict[str, Match] = field(default_factory=dict)
    follow_ups: dict[str, FollowUp] = field(default_factory=dict)
    turns: list[Turn] = field(default_factory=list)

    def save(self, *records: SyncFields) -> None:
        self.replica.save(*records)

    def records(self) -> SessionRecords:
        return load_session(self.replica, self.session.id)

    def member_id(self, name: str) -> uuid.UUID:
        return self.members[name].id

    def export(self, out: Path, formats: str, member: str | None = None) -> list[Path]:
        """Export this session as the command line would, at a fixed time, in UTC."""
        return export_session(
            self.replica, self.session.id, formats, out, member=member, tz=UTC, now=EXPORTED
        )


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    opened = open_replica(tmp_path / "data" / "circle.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def meeting(replica: Replica) -> Meeting:
    return seed_meeting(replica)


def seed_meeting(replica: Replica, start: datetime = START) -> Meeting:
    """A realistic finished session: six members, turns, items, matches, follow-ups, thanks."""
    circle = Circle(name="Rivermill", next_session_at=start + timedelta(days=14))
    session = Session(
        circle_id=circle.id,
        format="classic",
        status=SessionStatus.ENDED,
        started_at=start,
        ended_at=start + timedelta(minutes=95),
    )
    meeting = Meeting(replica, circle, session)
    _members(meeting)
    session.hot_seat_ids = str(meeting.members["Ana Ruiz"].id)
    meeting.save(circle, *meeting.members.values(), session)
    _attendance(meeting)
    _turns(meeting)
    _items(meeting)
    _matches(meeting)
    _follow_ups_and_thanks(meeting)
    _notes(meeting)
    return meeting


def _members(meeting: Meeting) -> None:
    people = [
        ("Ana Ruiz", "Bakery", "ana@example.com", False),
        ("Bo Lind", "Bike repair", "", False),
        ("Chloé Dubois 🌱", "Plant studio", "+33 6 12 34 56 78", False),
        (MARKUP_NAME, "Pricing <consultancy>", "dev@example.org", False),
        ("Eli Guest", "Podcast", "eli@example.net", True),
        ("Fay Absent", "Bookshop", "fay@example.com", False),
    ]
    for name, business, contact, guest in people:
        meeting.members[name] = Member(
            circle_id=meeting.circle.id,
            name=name,
            business=business,
            contact=contact,
            is_guest=guest,
        )


def _attendance(meeting: Meeting) -> None:
    m, s = meeting.members, meeting.session
    marks = [
        Attendance(session_id=s.id, member_id=m[name].id, present=True)
        for name in ("Ana Ruiz", "Chloé Dubois 🌱", MARKUP_NAME, "Eli Guest")
    ]
    marks.append(
        Attendance(
            session_id=s.id,
            member_id=m["Bo Lind"].id,
            present=True,
            arrived_at=START + timedelta(minutes=12),
        )
    )
    marks.append(Attendance(session_id=s.id, member_id=m["Fay Absent"].id, present=False))
    meeting.save(*marks)


def _turns(meeting: Meeting) -> None:
    m, s = meeting.members, meeting.session
    speakers = ["Ana Ruiz", "Bo Lind", "Chloé Dubois 🌱", MARKUP_NAME, "Eli Guest"]
    plan: list[tuple[int, str, str | None, str | None, float, float]] = [
        (0, "Check-in", name, None, 120, 100 + 20 * i) for i, name in enumerate(speakers)
    ]
    plan += [
        (1, "Hot seat", "Ana Ruiz", "present", 600, 690),
        (1, "Hot seat", "Ana Ruiz", "clarifying questions", 300, 280),
        (2, "Asks and offers", None, None, 900, 960),
        (3, "Gratitude", None, None, 300, 240),
    ]
    at = START
    for position, (phase, title, speaker, step, planned, used) in enumerate(plan):
        turn = Turn(
            session_id=s.id,
            position=position,
            phase_index=phase,
            phase_key=title.lower().replace(" ", "-"),
            phase_title=title,
            step=step,
            member_id=None if speaker is None else m[speaker].id,
            planned_seconds=planned,
            status=TurnStatus.DONE,
            started_at=at,
            ended_at=at + timedelta(seconds=used),
            used_seconds=used,
            overtime_seconds=max(0.0, used - planned),
        )
        at += timedelta(seconds=used)
        meeting.turns.append(turn)
    meeting.save(*meeting.turns)


def _item(
    meeting: Meeting,
    key: str,
    who: str,
    kind: ItemKind,
    text: str,
    **extra: object,
) -> Item:
    item = Item(
        circle_id=meeting.circle.id,
        session_id=meeting.session.id,
        member_id=meeting.members[who].id,
        kind=kind,
        text=text,
        **extra,  # type: ignore[arg-type]
    )
    meeting.items[key] = item
    return item


def _items(meeting: Meeting) -> None:
    ask, offer, commit = ItemKind.ASK, ItemKind.OFFER, ItemKind.COMMITMENT
    items = [
        _item(
            meeting,
            "flour",
            "Ana Ruiz",
            ask,
            "Meet a wholesale flour supplier 🌾",
            help=HelpKind.INTRO,
            status=ItemStatus.MATCHED,
        ),
        _item(
            meeting,
            "millers",
            "Bo Lind",
            offer,
            "I know two millers in <Lyon> & Paris",
            help=HelpKind.INTRO,
            status=ItemStatus.MATCHED,
        ),
        _item(
            meeting,
            "loan",
            "Chloé Dubois 🌱",
            ask,
            PRIVATE_ASK,
            help=HelpKind.ADVICE,
            private=True,
            status=ItemStatus.MATCHED,
        ),
        _item(
            meeting,
            "pricing",
            MARKUP_NAME,
            offer,
            MARKUP_TEXT,
            help=HelpKind.ADVICE,
            status=ItemStatus.MATCHED,
        ),
        _item(
            meeting, "van", "Bo Lind", offer, PRIVATE_OFFER, help=HelpKind.RESOURCE, private=True
        ),
        _item(
            meeting,
            "podcast",
            "Eli Guest",
            ask,
            "Guests for my podcast about craft 🎙️",
            help=HelpKind.PODCAST,
        ),
        _item(
            meeting,
            "sheet",
            "Ana Ruiz",
            commit,
            "Send the new pricing sheet to the group",
            due=date(2026, 12, 2),
        ),
        _item(
            meeting,
            "website",
            "Chloé Dubois 🌱",
            commit,
            "Publish the studio website",
            due=date(2026, 12, 9),
        ),
    ]
    meeting.save(*items)


def _matches(meeting: Meeting) -> None:
    i, s = meeting.items, meeting.session
    meeting.matches = {
        "flour": Match(
            session_id=s.id,
            ask_id=i["flour"].id,
            offer_id=i["millers"].id,
            score=0.82,
            reason="both about flour supply (intro)",
            state=MatchState.ACCEPTED,
        ),
        "loan": Match(
            session_id=s.id,
            ask_id=i["loan"].id,
            offer_id=i["pricing"].id,
            score=0.41,
            reason="advice on money",
            state=MatchState.ACCEPTED,
        ),
        "dismissed": Match(
            session_id=s.id,
            ask_id=i["podcast"].id,
            offer_id=i["millers"].id,
            score=0.12,
            reason="DISMISSED-REASON",
            state=MatchState.DISMISSED,
        ),
    }
    meeting.save(*meeting.matches.values())


def _follow_ups_and_thanks(meeting: Meeting) -> None:
    m, i, s = meeting.members, meeting.items, meeting.session
    base = {"circle_id": meeting.circle.id, "session_id": s.id}
    meeting.follow_ups = {
        "intro": FollowUp(
            **base,
            match_id=meeting.matches["flour"].id,
            owner_id=m["Bo Lind"].id,
            action="Introduce Ana to the two millers",
            due=date(2026, 12, 1),
        ),
        "sheet": FollowUp(
            **base,
            item_id=i["sheet"].id,
            owner_id=m["Ana Ruiz"].id,
            action="Send the new pricing sheet to the group",
            due=date(2026, 12, 2),
        ),
        "loan": FollowUp(
            **base,
            match_id=meeting.matches["loan"].id,
            owner_id=m[MARKUP_NAME].id,
            action="PRIVATE-FOLLOW-UP: call about the loan",
            due=date(2026, 11, 30),
        ),
    }
    thanks = Thanks(
        session_id=s.id,
        from_member_id=m["Ana Ruiz"].id,
        to_member_id=m["Bo Lind"].id,
        message="Merci! 🙏 <3",
    )
    meeting.save(*meeting.follow_ups.values(), thanks)


def _notes(meeting: Meeting) -> None:
    s, hot = meeting.session, meeting.turns[5]
    notes = [
        Note(session_id=s.id, turn_id=hot.id, text="Ana wants a second oven\nby **March**"),
        Note(session_id=s.id, turn_id=hot.id, text=PRIVATE_NOTE, private=True),
        Note(session_id=s.id, text="Next time: start with the gratitude round"),
    ]
    notes.append(Note(session_id=s.id, turn_id=hot.id, text=CONFLICT_TEXT, conflict_of=notes[0].id))
    meeting.save(*notes)


def new_session(meeting: Meeting, start: datetime) -> Session:
    """A later session of the same circle."""
    session = Session(
        circle_id=meeting.circle.id,
        format="classic",
        status=SessionStatus.RUNNING,
        started_at=start,
    )
    meeting.save(session)
    return session


Run = tuple[int, str, str]
Runner = Callable[..., Run]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run `circle ARGS…` in this process; return (exit status, stdout, stderr)."""

    def invoke(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["circle", *args])
        with pytest.raises(SystemExit) as stopped:
            main()
        out = capsys.readouterr()
        code = stopped.value.code
        return (code if isinstance(code, int) else 1), out.out, out.err

    return invoke


def one_line_error(result: Run, *words: str) -> None:
    code, _, err = result
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err
