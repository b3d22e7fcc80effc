"""The live session: the turn clock, the speaker, notes, quick capture and the board.

`LiveScreen(session_id)` runs a planned session or resumes one left running (after a
crash the same turn comes back with the right time left). Clock changes are pure
(`circle.core.running`) and happen on the UI thread; every change is then saved in
order by the screen's recorder thread, one `replica.save` per change.
"""

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, TextArea

from circle.core.agenda import AgendaError
from circle.core.clock import ClockError, Event, WarningRule
from circle.core.rebalance import Rebalance
from circle.live.views import NoteView
from circle.tui.jobs import JobDone, JobFailed, JobThread
from circle.tui.screens.base import CircleScreen
from circle.tui.screens.live_matches import MatchDesk
from circle.tui.screens.live_view import (
    CAPTURE_HINT,
    agenda_entries,
    roster,
    speaker_view,
    status_of,
)
from circle.tui.widgets.agenda_list import AgendaList
from circle.tui.widgets.board import Board
from circle.tui.widgets.countdown import Countdown, face
from circle.tui.widgets.match_list import MatchList
from circle.tui.widgets.notes import NotesPanel
from circle.tui.widgets.session_bar import LATE_AFTER, SessionBar, session_line
from circle.tui.widgets.speaker import SpeakerPanel
from circle.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from circle.core.capture import Captured
    from circle.live.load import LiveLoad
    from circle.live.suggest import Accepted
    from circle.live.views import BoardItem
    from circle.tui.backend import Backend
    from circle.tui.dialogs.latecomer import Latecomer

TICK = 0.25
"""Seconds between clock reads; widgets redraw only when what they show changed."""


class LiveScreen(CircleScreen):
    """Run one session, turn by turn."""

    AUTO_FOCUS = ""  # no text box takes the keys until the facilitator asks for it
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_clock", "Start/pause", id="toggle_clock"),
        Binding("n", "next_turn", "Next", id="next_turn"),
        Binding("p", "previous_turn", "Previous", id="previous_turn"),
        Binding("plus", "extend_turn", "+1 min", id="extend_turn"),
        Binding("minus", "shorten_turn", "-1 min", id="shorten_turn"),
        Binding("s", "skip_member", "Skip", id="skip_member", tooltip="Skip the speaker"),
        Binding("l", "latecomer", "Latecomer", id="latecomer"),
        Binding("a", "capture('a')", "Ask", id="capture_ask"),
        Binding("o", "capture('o')", "Offer", id="capture_offer"),
        Binding("c", "capture('c')", "Commit", id="capture_commitment"),
        Binding("t", "write_notes", "Notes", id="write_notes"),
        Binding("m", "focus_matches", "Matches", id="focus_matches"),
        Binding("r", "apply_rebalance", "Trim", id="apply_rebalance", tooltip="End on time"),
        Binding("q", "show_qr", "QR", id="show_qr"),
        Binding("e", "end_session", "End", id="end_session"),
        Binding("escape", "leave_input", "Done typing", id="leave_input"),
    ]

    def __init__(self, session_id: uuid.UUID) -> None:
        super().__init__()
        self.session_id = session_id
        self.live: LiveLoad | None = None
        self.recorder: JobThread | None = None
        self.desk: MatchDesk | None = None
        self._ticker: Timer | None = None
        self._proposal: Rebalance | None = None
        self.notes = NotesPanel(id="live-notes")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="live-body"):
            yield AgendaList(id="live-agenda")
            with Vertical(id="live-main"):
                with Horizontal(id="live-top"):
                    yield SpeakerPanel(id="live-speaker")
                    yield Countdown(id="live-countdown")
                yield SessionBar("Opening the session…", id="live-session-bar", markup=False)
                with Horizontal(id="live-work"):
                    yield self.notes
                    with Vertical(id="live-side"):
                        yield Board(id="live-board")
                        yield MatchList(id="live-matches")
                yield Input(
                    placeholder=CAPTURE_HINT,
                    id="live-capture",
                    max_length=1200,
                    select_on_focus=False,
                )
        yield StatusLine("", id="live-status", markup=False)
        yield Footer()

    # --- loading -------------------------------------------------------------------

    def backend_ready(self, backend: "Backend") -> None:
        self.load_session(backend)

    @work(thread=True, exclusive=True, group="live", exit_on_error=False)
    def load_session(self, backend: "Backend") -> None:
        """Read the session (and its clock) off the UI thread."""
        from circle.errors import UserError
        from circle.live.load import load_live

        settings, time = self.circle_app.settings, self.circle_app.time_source
        rule = WarningRule(settings.warning_fraction, settings.warning_seconds)
        try:
            live = load_live(
                backend.replica,
                self.session_id,
                settings.user_formats_dir,
                now=time.monotonic(),
                wall=time.wall(),
                rule=rule,
            )
        except UserError as exc:
            self.app.call_from_thread(self.backend_failed, str(exc))
        else:
            self.app.call_from_thread(self.start_live, live)

    def backend_failed(self, reason: str) -> None:
        self.query_one(SessionBar).show(f"Cannot open this session: {reason}", late=True)

    def start_live(self, live: "LiveLoad") -> None:
        self.live = live
        self.recorder = JobThread(self, name=f"recorder-{self.session_id.hex[:8]}")
        self.sub_title = f"{live.circle_name} · {live.format_title}"
        self.query_one(Board).load(live.items, live.people)
        self.desk = MatchDesk(
            self, self.query_one(MatchList), live, self.circle_app.time_source.wall, self.tell
        )
        self.show_turn()
        self._ticker = self.set_interval(TICK, self.tick)

    # --- showing -------------------------------------------------------------------

    def show_turn(self) -> None:
        """Redraw what changes with the turn: sidebar, speaker, the note being edited."""
        live = self.live
        assert live is not None
        now = self.now()
        self.query_one(AgendaList).show(agenda_entries(live, now))
        self.query_one(SpeakerPanel).show(speaker_view(live))
        notes = self.notes
        self.save_note(notes.take_pending())
        turn_id = live.run.current_id
        note = live.notes.get(turn_id) if isinstance(turn_id, uuid.UUID) else None
        if notes.turn_id != turn_id or turn_id is None:
            notes.show_turn(turn_id if isinstance(turn_id, uuid.UUID) else None, note)
        self.tick()

    def tick(self) -> None:
        """Read the clock; ring at a crossing; redraw what changed (deadline arithmetic only)."""
        live = self.live
        if live is None:
            return
        now, clock = self.now(), live.run.clock
        events = clock.poll(now)
        if events and self.circle_app.settings.bell:
            self.app.bell()
        if any(e.kind is Event.TIME_UP for e in events):
            self.refresh_bindings()
        reading = clock.read(now)
        self.query_one(Countdown).shown = face(reading)
        late = reading.late_by > LATE_AFTER and live.run.started and not live.run.finished
        proposal = live.run.propose_rebalance(now) if late else None
        if (proposal is None) != (self._proposal is None):
            self._proposal = proposal
            self.refresh_bindings()
        self._proposal = proposal
        self.query_one(SessionBar).show(session_line(reading, proposal), late=late)
        self.query_one(StatusLine).show(status_of(live, self.circle_app.time_source.wall()))

    def loaded(self) -> "tuple[LiveLoad, JobThread]":
        """The session and its recorder (only called once the session is on screen)."""
        assert self.live is not None
        assert self.recorder is not None
        return self.live, self.recorder

    def now(self) -> float:
        return self.circle_app.time_source.monotonic()

    # --- clock changes -------------------------------------------------------------

    def change(
        self,
        what: Callable[[float], Any],
        *,
        then: Callable[[Any], None] | None = None,
        ending: bool = False,
        arrival: Any = None,
    ) -> bool:
        """Make one clock or agenda change, save it, and redraw; False when it was refused."""
        live = self.live
        if live is None:
            return False
        now = self.now()
        try:
            what(now)
        except (ClockError, AgendaError) as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return False
        self.record(now, ending=ending, arrival=arrival, then=then)
        self.show_turn()
        self.refresh_bindings()
        return True

    def record(
        self,
        now: float,
        *,
        ending: bool = False,
        arrival: Any = None,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        from circle.live.writer import Transition

        live, recorder = self.loaded()
        run = live.run
        change = Transition(
            rows=run.rows(),
            started_at=run.state().started_at,
            current_turn_id=run.current_id if isinstance(run.current_id, uuid.UUID) else None,
            ended_at=run.clock.wall(now) if ending else None,
            arrival=arrival,
        )
        recorder.submit("saving the session", lambda: live.writer.record(change), then)

    def action_toggle_clock(self) -> None:
        if self.live is not None:
            self.change(self.live.run.toggle)

    def action_next_turn(self) -> None:
        if self.live is not None:
            self.change(self.live.run.next)

    def action_previous_turn(self) -> None:
        if self.live is not None:
            self.change(self.live.run.previous)

    def action_extend_turn(self) -> None:
        if self.live is not None:
            self.change(self.live.run.extend)

    def action_shorten_turn(self) -> None:
        if self.live is not None:
            self.change(self.live.run.shorten)

    def action_skip_member(self) -> None:
        if self.live is not None:
            self.change(self.live.run.skip_member)

    def action_apply_rebalance(self) -> None:
        live, proposal = self.live, self._proposal
        if live is None or proposal is None:
            return
        if self.change(lambda _now: live.run.apply(proposal)):
            self.notify(f"Trimmed {len(proposal.trims)} later turns to end on time.")

    # --- latecomers ----------------------------------------------------------------

    def action_latecomer(self) -> None:
        from circle.tui.dialogs.latecomer import LatecomerDialog

        if self.live is None:
            return
        absent = [p for p in self.live.people.values() if not p.present]
        self.app.push_screen(LatecomerDialog(absent), self.welcome_latecomer)

    def welcome_latecomer(self, latecomer: "Latecomer | None") -> None:
        from circle.live.views import Arrival, Person

        live = self.live
        if latecomer is None or live is None:
            return
        person = latecomer.member or Person(
            uuid.uuid4(), latecomer.name, latecomer.business, is_guest=True
        )
        arrival = Arrival(
            person.id,
            self.circle_app.time_source.wall(),
            name=None if latecomer.member else person.name,
            business=person.business,
        )
        if self.change(lambda _now: live.run.add_latecomer(person.id), arrival=arrival):
            live.people[person.id] = replace(person, present=True)
            self.notify(f"{person.name} joins the rounds still to come.", markup=False)

    # --- notes ---------------------------------------------------------------------

    @on(NotesPanel.Save)
    def keep_note(self, message: NotesPanel.Save) -> None:
        self.save_note(message)

    def save_note(self, pending: NotesPanel.Save | None) -> None:
        live, recorder = self.live, self.recorder
        if pending is None or live is None or recorder is None:
            return
        live.notes[pending.turn_id] = NoteView(pending.turn_id, pending.text, pending.private)
        writer = live.writer
        recorder.submit(
            "saving a note",
            lambda: writer.save_note(pending.turn_id, pending.text, pending.private),
        )

    def action_write_notes(self) -> None:
        self.set_focus(self.query_one("#notes-text", TextArea))

    def action_leave_input(self) -> None:
        self.set_focus(None)

    # --- quick capture -------------------------------------------------------------

    def action_capture(self, key: str) -> None:
        capture = self.query_one("#live-capture", Input)
        capture.value = f"{key}: "
        self.set_focus(capture)  # at once: the next keys typed must land in the line
        capture.cursor_position = len(capture.value)

    @on(Input.Submitted, "#live-capture")
    def file_capture(self, event: Input.Submitted) -> None:
        from circle.core.capture import CaptureError, parse_capture

        live, recorder = self.live, self.recorder
        if live is None or recorder is None or not event.value.strip():
            return
        try:
            captured = parse_capture(event.value, roster(live))
        except CaptureError as exc:
            self.notify(str(exc), title="Not filed", severity="warning", markup=False)
            return
        member = captured.member_id or (live.run.current.member_id if live.run.current else None)
        if not isinstance(member, uuid.UUID):
            self.notify("Nobody speaks now: start with @name", severity="warning", markup=False)
            return
        self.file_item(captured, member)
        event.input.value = ""

    def file_item(self, captured: "Captured", member: uuid.UUID) -> None:
        live, recorder = self.loaded()
        turn = live.run.current_id if isinstance(live.run.current_id, uuid.UUID) else None
        writer = live.writer
        recorder.submit(
            "filing an item",
            lambda: writer.file_item(captured, member, turn),
            self.show_item,
        )

    def show_item(self, item: "BoardItem") -> None:
        live = self.live
        assert live is not None
        live.items.append(item)
        self.query_one(Board).add(item, live.people)
        if self.desk is not None:
            self.desk.take([item], live.people)

    # --- matches, QR, the end --------------------------------------------------------

    def action_focus_matches(self) -> None:
        self.query_one(MatchList).focus()

    @on(MatchList.Decided)
    def record_decision(self, message: MatchList.Decided) -> None:
        if self.desk is not None:
            self.desk.decide(message.view, message.accepted)

    def tell(self, accepted: "Accepted") -> None:
        when = accepted.due.strftime("%a %d %b")
        self.notify(f"{accepted.action} (by {when})", title="Follow-up", markup=False)

    def action_show_qr(self) -> None:
        self.notify(
            "The join QR code comes with the participants' join page; not available yet.",
            markup=False,
        )

    def action_end_session(self) -> None:
        from circle.tui.dialogs.confirm import ConfirmDialog

        if self.live is None:
            return
        question = "End the session now? Turns not yet held are marked skipped."
        self.app.push_screen(ConfirmDialog(question, yes="End session"), self.end_if_confirmed)

    def end_if_confirmed(self, confirmed: bool | None) -> None:
        live = self.live
        if not confirmed or live is None:
            return
        self.change(live.run.end, ending=True, then=self.show_summary)

    def show_summary(self, _result: object) -> None:
        from circle.tui.screens.home import HomeScreen

        self.notify("Session ended and saved.", markup=False)
        self.app.switch_screen(HomeScreen())

    # --- bindings, results, shutdown -------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_input":
            return isinstance(self.focused, Input | TextArea)
        if action == "apply_rebalance":
            return self._proposal is not None or None
        return True

    @on(JobDone)
    def job_done(self, message: JobDone) -> None:
        if message.then is not None:
            message.then(message.result)

    @on(JobFailed)
    def job_failed(self, message: JobFailed) -> None:
        self.circle_app.report_error(message.error, during=message.label)

    def on_unmount(self) -> None:
        self.save_note(self.notes.take_pending())
        if self.desk is not None:
            self.desk.close()
        if self.recorder is not None:
            self.recorder.close()
