"""The live session: the turn clock, the speaker, notes, quick capture, the board and matches.

`LiveScreen(session_id)` runs a planned session or resumes one left running (after a
crash the same turn comes back with the right time left). The clock half lives in
`live_clock.py`; this module adds what is typed and what arrives: notes saved as
you type, quick capture, the asks & offers board, match suggestions, sync with the
store (items from phones, who joined) and the join QR code.
"""

import uuid
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, TextArea

from circle.live.views import NoteView
from circle.tui.screens.live_clock import ClockScreen
from circle.tui.screens.live_matches import MatchDesk
from circle.tui.screens.live_sync import JoinReady, RemoteChanges, SyncChanged, SyncDesk
from circle.tui.screens.live_view import (
    CAPTURE_HINT,
    check_in_speaker,
    current_member,
    roster,
    speaker_view,
)
from circle.tui.widgets.agenda_list import AgendaList
from circle.tui.widgets.board import Board
from circle.tui.widgets.countdown import Countdown
from circle.tui.widgets.footer import CircleFooter
from circle.tui.widgets.match_list import MatchList
from circle.tui.widgets.notes import NotesPanel
from circle.tui.widgets.session_bar import SessionBar
from circle.tui.widgets.speaker import SpeakerPanel
from circle.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from circle.core.capture import Captured
    from circle.live.load import LiveLoad
    from circle.live.suggest import Accepted
    from circle.live.views import BoardItem
    from circle.tui.backend import Backend


CAPTURE = Binding.Group("Capture")


class LiveScreen(ClockScreen):
    """Run one session, turn by turn."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "capture('a')", "Ask", id="capture_ask", group=CAPTURE),
        Binding("o", "capture('o')", "Offer", id="capture_offer", group=CAPTURE),
        Binding("c", "capture('c')", "Commit", id="capture_commitment", group=CAPTURE),
        Binding("q", "show_qr", "QR", id="show_qr", tooltip="The join code for phones"),
        Binding("e", "end_session", "End", id="end_session"),
        Binding("m", "focus_matches", "Matches", id="focus_matches"),
        Binding("t", "write_notes", "Notes", id="write_notes"),
        Binding(
            "f",
            "mark_promises",
            "Promises",
            id="mark_promises",
            tooltip="Mark the speaker's promises from last time",
        ),
        Binding("escape", "leave_input", "Done typing", id="leave_input"),
    ]

    def __init__(self, session_id: uuid.UUID) -> None:
        super().__init__(session_id)
        self.notes = NotesPanel(id="live-notes")
        self.desk: MatchDesk | None = None
        self.sync: SyncDesk | None = None
        self.join: JoinReady | None = None

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
        yield CircleFooter()

    def start_live(self, backend: "Backend", live: "LiveLoad") -> None:
        self.query_one(Board).load(live.items, live.people)
        wall = self.circle_app.time_source.wall
        self.desk = MatchDesk(self, self.query_one(MatchList), live, wall, self.tell)
        if not self.circle_app.settings.local_only:
            self.sync_text = "connecting…"
            self.sync = SyncDesk(self, backend, live.session_id)
            self.sync.start()
        super().start_live(backend, live)

    def show_turn(self) -> None:
        """Also move the note editor to the turn on now (saving the last one's note first)."""
        live = self.live
        assert live is not None
        self.save_note(self.notes.take_pending())
        turn_id = live.run.current_id
        turn = turn_id if isinstance(turn_id, uuid.UUID) else None
        if self.notes.turn_id != turn or turn is None:
            self.notes.show_turn(turn, live.notes.get(turn) if turn else None)
        super().show_turn()

    def saved(self) -> None:
        if self.sync is not None:
            self.sync.nudge()

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

        def save() -> None:
            writer.save_note(pending.turn_id, pending.text, pending.private)
            self.saved()

        recorder.submit("saving a note", save)

    def action_write_notes(self) -> None:
        self.set_focus(self.query_one("#notes-text", TextArea))

    def action_leave_input(self) -> None:
        self.set_focus(None)

    # --- quick capture and the board ---------------------------------------------------

    def action_capture(self, key: str) -> None:
        capture = self.query_one("#live-capture", Input)
        capture.value = f"{key}: "
        self.set_focus(capture)  # at once: the next keys typed must land in the line
        capture.cursor_position = len(capture.value)

    @on(Input.Submitted, "#live-capture")
    def file_capture(self, event: Input.Submitted) -> None:
        from circle.core.capture import CaptureError, parse_capture

        live = self.live
        if live is None or not event.value.strip():
            return
        try:
            captured = parse_capture(event.value, roster(live))
        except CaptureError as exc:
            self.notify(str(exc), title="Not filed", severity="warning", markup=False)
            return
        member = captured.member_id or current_member(live)
        if not isinstance(member, uuid.UUID):
            self.notify("Nobody speaks now: start with @name", severity="warning", markup=False)
            return
        self.file_item(captured, member)
        event.input.value = ""

    def file_item(self, captured: "Captured", member: uuid.UUID) -> None:
        live, recorder = self.loaded()
        turn = live.run.current_id if isinstance(live.run.current_id, uuid.UUID) else None
        writer = live.writer

        def file() -> "BoardItem":
            item = writer.file_item(captured, member, turn)
            self.saved()
            return item

        recorder.submit("filing an item", file, lambda item: self.show_items([item]))

    def show_items(self, items: "list[BoardItem]") -> None:
        """Put new or changed items on the board and in front of the matcher."""
        live = self.live
        assert live is not None
        board = self.query_one(Board)
        known = {i.id: n for n, i in enumerate(live.items)}
        for item in items:
            if item.id in known:
                live.items[known[item.id]] = item
            else:
                live.items.append(item)
            board.add(item, live.people)
        if self.desk is not None:
            self.desk.take(items, live.people)

    # --- sync and the join code ----------------------------------------------------------

    @on(SyncChanged)
    def show_sync(self, message: SyncChanged) -> None:
        self.sync_text = message.text
        self.tick()

    @on(JoinReady)
    def keep_join_link(self, message: JoinReady) -> None:
        self.join = message
        live, recorder = self.loaded()
        base = message.url.rsplit("/j/", 1)[0]
        writer = live.writer
        recorder.submit("keeping the join code", lambda: writer.remember_link(message.code, base))

    @on(RemoteChanges)
    def take_remote_changes(self, message: RemoteChanges) -> None:
        from circle.live.link import arrived

        live = self.live
        if live is None:
            return
        news = arrived(message.records, live.session_id, live.people)
        for person in news.people:
            live.people[person.id] = person
        live.hands = (live.hands | news.hands) - news.lowered
        if news.items:
            self.show_items(list(news.items))
        self.tick()

    def action_show_qr(self) -> None:
        from circle.tui.dialogs.qr import QRDialog

        if self.join is not None:
            self.app.push_screen(QRDialog(self.join.code, self.join.url, self.join.warning))
        elif self.circle_app.settings.local_only:
            self.notify("This console runs local only: no store, so phones cannot join.")
        else:
            self.notify(f"No join code yet: the store is {self.sync_text}.", markup=False)

    # --- follow-through ------------------------------------------------------------------

    def action_mark_promises(self) -> None:
        """During a member's check-in, mark what became of their promises from last time."""
        from circle.tui.dialogs.promises import PromisesDialog

        live = self.live
        person = check_in_speaker(live) if live is not None else None
        if live is None or person is None:
            self.notify("Promises are marked during each member's check-in turn.")
            return
        promises = live.promises.unmarked(person.id)
        if not promises:
            self.notify(f"{person.name} has no open promises left to mark.", markup=False)
            return
        today = self.circle_app.time_source.wall().astimezone().date()
        self.app.push_screen(PromisesDialog(person.name, promises, today), self.record_marks)

    def record_marks(self, marks: dict[uuid.UUID, str] | None) -> None:
        live = self.live
        if not marks or live is None:
            return
        _, recorder = self.loaded()
        known = {p.id: p for ps in live.promises.by_member.values() for p in ps}
        given = [(known[key], outcome) for key, outcome in marks.items() if key in known]
        writer, wall = live.writer, self.circle_app.time_source.wall

        def save() -> None:
            writer.resolve_promises(given, wall)
            self.saved()

        recorder.submit("marking promises", save, lambda _done: self.show_marks(marks))

    def show_marks(self, marks: dict[uuid.UUID, str]) -> None:
        live = self.live
        assert live is not None
        live.promises.marks.update(marks)
        self.query_one(SpeakerPanel).show(speaker_view(live))
        self.notify(f"{len(marks)} marked: each shows its outcome in the speaker panel.")

    # --- matches and the end ---------------------------------------------------------

    def action_focus_matches(self) -> None:
        self.set_focus(self.query_one(MatchList))

    @on(MatchList.Decided)
    def record_decision(self, message: MatchList.Decided) -> None:
        if self.desk is not None:
            self.desk.decide(message.view, message.accepted)

    def tell(self, accepted: "Accepted") -> None:
        when = accepted.due.strftime("%a %d %b")
        self.notify(f"{accepted.action} (by {when})", title="Follow-up", markup=False)

    def action_end_session(self) -> None:
        from circle.tui.dialogs.confirm import ConfirmDialog

        if self.live is None:
            return
        question = "End the session now? Turns not yet held are marked skipped."
        self.app.push_screen(ConfirmDialog(question, yes="End session"), self.end_if_confirmed)

    def end_if_confirmed(self, confirmed: bool | None) -> None:
        live = self.live
        if confirmed and live is not None:
            self.change(live.run.end, ending=True, then=self.show_summary)

    def show_summary(self, _result: object) -> None:
        from circle.tui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.session_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_input":
            return isinstance(self.focused, Input | TextArea)
        return super().check_action(action, parameters)

    def on_unmount(self) -> None:
        self.save_note(self.notes.take_pending())
        if self.sync is not None:
            self.sync.stop()
        if self.desk is not None:
            self.desk.close()
