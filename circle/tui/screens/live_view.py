"""What the live screen's widgets show, worked out from the running session (no drawing here)."""

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from circle.core.agenda import MemberId, PlannedTurn
from circle.core.capture import Member
from circle.core.clock import TurnStatus
from circle.core.formats import PhaseKind
from circle.live.views import Person
from circle.tui.widgets.agenda_list import AgendaEntry
from circle.tui.widgets.speaker import SpeakerView
from circle.tui.widgets.status_line import Status

if TYPE_CHECKING:
    from circle.live.load import LiveLoad

CAPTURE_HINT = "a: ask · o: offer · c: commitment · @name a: … for someone else · #intro #podcast…"

_DONE = {TurnStatus.DONE: "done", TurnStatus.SKIPPED: "skipped"}


def person_of(live: "LiveLoad", member_id: MemberId | None) -> Person | None:
    return live.people.get(member_id) if isinstance(member_id, uuid.UUID) else None


def speaker_name(live: "LiveLoad", turn: PlannedTurn) -> str:
    if turn.member_id is None:
        return "Everyone"
    person = person_of(live, turn.member_id)
    return person.name if person is not None else "(unknown member)"


def turn_label(live: "LiveLoad", turn: PlannedTurn) -> str:
    name = speaker_name(live, turn)
    return f"{name} · {turn.step_title}" if turn.step_title else name


def agenda_entries(live: "LiveLoad", now: float) -> list[AgendaEntry]:
    """Every turn for the sidebar: done / now / next / later / skipped, planned and used."""
    run = live.run
    entries = []
    for position, (turn, clock_turn) in enumerate(
        zip(run.agenda.turns, run.clock.turns, strict=True)
    ):
        if clock_turn.status in _DONE:
            state = _DONE[clock_turn.status]
        elif position == run.index:
            state = "now"
        elif position == run.index + 1:
            state = "next"
        else:
            state = "later"
        entries.append(
            AgendaEntry(
                turn.phase_title,
                turn_label(live, turn),
                state,
                clock_turn.planned,
                clock_turn.used(now),
            )
        )
    return entries


def speaker_view(live: "LiveLoad") -> SpeakerView:
    """The speaker panel for the turn on now (or the end of the agenda)."""
    run = live.run
    turn = run.current
    if turn is None:
        return SpeakerView("All turns done", "", "", "Press e to end the session.")
    person = person_of(live, turn.member_id)
    phase = f"{turn.phase_title} · {turn.step_title}" if turn.step_title else turn.phase_title
    following = run.agenda.turns[run.index + 1] if run.index + 1 < len(run.agenda.turns) else None
    return SpeakerView(
        name=speaker_name(live, turn),
        business=person.business if person else "",
        phase=phase,
        prompt=turn.prompt,
        promises=live.promises.in_words(person.id) if person and _is_check_in(live, turn) else (),
        next_up=turn_label(live, following) if following else "",
    )


def _is_check_in(live: "LiveLoad", turn: PlannedTurn) -> bool:
    """The first round of the agenda is where last time's promises come up."""
    rounds = [t.phase_index for t in live.run.agenda.turns if t.kind is PhaseKind.ROUND]
    return bool(rounds) and turn.phase_index == rounds[0]


def check_in_speaker(live: "LiveLoad") -> Person | None:
    """The member whose check-in turn is on now (None in any other turn)."""
    turn = live.run.current
    if turn is None or not _is_check_in(live, turn):
        return None
    return person_of(live, turn.member_id)


def roster(live: "LiveLoad") -> list[Member]:
    """Who `@name` may pick in a capture line: everyone present."""
    return [Member(p.id, p.name) for p in live.people.values() if p.present]


def current_member(live: "LiveLoad") -> MemberId | None:
    """The speaker of the turn on now (None in an open block or after the last turn)."""
    turn = live.run.current
    return turn.member_id if turn is not None else None


def status_of(live: "LiveLoad", wall: datetime, sync: str) -> Status:
    people = live.people.values()
    hands = tuple(sorted(p.name for p in people if p.id in live.hands))
    return Status(
        sync=sync,
        present=sum(p.present for p in people),
        joined=sum(p.joined for p in people),
        time=wall.astimezone().strftime("%H:%M"),
        hands=hands,
    )
