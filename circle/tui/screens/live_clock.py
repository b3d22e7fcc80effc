"""The clock half of the live screen: load the session, show the turn, tick, every clock key.

Clock and agenda changes are pure (`circle.core.running`) and happen on the UI thread;
each is then saved in order by the screen's recorder thread, one `replica.save` per
change, so a killed console comes back on the same turn with the right time left.
`LiveScreen` (in `live.py`) adds notes, capture, the board, matches and sync.
"""

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.timer import Timer

from circle.core.agenda import AgendaError
from circle.core.clock import ClockError, Event, Reading, WarningRule
from circle.core.rebalance import Rebalance
from circle.tui.jobs import JobDone, JobFailed, JobThread
from circle.tui.screens.base import CircleScreen
from circle.tui.screens.live_view import agenda_entries, speaker_view, status_of
from circle.tui.widgets.agenda_list import AgendaList
from circle.tui.widgets.countdown import Countdown, face, next_change
from circle.tui.widgets.session_bar import LATE_AFTER, SessionBar, session_line
from circle.tui.widgets.speaker import SpeakerPanel
from circle.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from circle.live.load import LiveLoad
    from circle.live.views import Arrival
    from circle.tui.backend import Backend
    from circle.tui.dialogs.latecomer import Latecomer

MOVE = Binding.Group("Next/prev")
MINUTE = Binding.Group("±1 min")
"""Footer groups: a pair of keys under one label, so every key fits in the footer."""

TICK = 1.0
"""The longest wait between clock reads; a running countdown is read as its digits change."""
LATE_TICK = 0.02
"""How long after a digit's moment the clock is read, so a timer firing early still sees it."""


class ClockScreen(CircleScreen):
    """A session's turns on screen and the keys that move its clock."""

    AUTO_FOCUS = ""  # no text box takes the keys until the facilitator asks for it
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_clock", "Start/pause", id="toggle_clock"),
        Binding("n", "next_turn", "Next", id="next_turn", group=MOVE),
        Binding("p", "previous_turn", "Previous", id="previous_turn", group=MOVE),
        Binding("plus", "extend_turn", "+1 min", id="extend_turn", group=MINUTE),
        Binding("minus", "shorten_turn", "-1 min", id="shorten_turn", group=MINUTE),
        Binding("s", "skip_member", "Skip", id="skip_member", tooltip="Skip the speaker"),
        Binding("l", "latecomer", "Late", id="latecomer", tooltip="A latecomer or a guest"),
        Binding("r", "apply_rebalance", "Trim", id="apply_rebalance", tooltip="End on time"),
    ]

    def __init__(self, session_id: uuid.UUID) -> None:
        super().__init__()
        self.session_id = session_id
        self.live: LiveLoad | None = None
        self.recorder: JobThread | None = None
        self.sync_text = "local only"
        """What the status line says about sync."""
        self._ticker: Timer | None = None
        self._proposal: Rebalance | None = None

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
            self.app.call_from_thread(self.start_live, backend, live)

    def backend_failed(self, reason: str) -> None:
        self.query_one(SessionBar).show(f"Cannot open this session: {reason}", late=True)

    def start_live(self, backend: "Backend", live: "LiveLoad") -> None:
        """The session is loaded: show it and start the ticker."""
        self.live = live
        self.recorder = JobThread(self, name=f"recorder-{self.session_id.hex[:8]}")
        self.sub_title = f"{live.circle_name} · {live.format_title}"
        self.show_turn()

    # --- showing -------------------------------------------------------------------

    def show_turn(self) -> None:
        """Redraw what changes with the turn: the sidebar and the speaker."""
        live = self.live
        assert live is not None
        self.query_one(SpeakerPanel).show(speaker_view(live))
        self.tick_on_time()
        # A frame later: the sidebar runs the screen's full height, so redrawing it with the
        # speaker makes the whole screen one update; apart, the new speaker shows sooner.
        self.call_after_refresh(self.show_agenda)

    def show_agenda(self) -> None:
        if self.live is not None:
            self.query_one(AgendaList).show(agenda_entries(self.live, self.now()))

    def tick_on_time(self) -> None:
        """Tick now, and again when the countdown's digits next change (at most TICK away).

        One read a second, on the countdown's own second, keeps the idle screen to one
        redraw a second; the session bar and the status line change with it.
        """
        if self._ticker is not None:
            self._ticker.stop()
        changes_in = next_change(self.tick())
        wait = TICK if changes_in is None else min(TICK, changes_in + LATE_TICK)
        self._ticker = self.set_timer(wait, self.tick_on_time)

    def tick(self) -> Reading | None:
        """Read the clock; ring at a crossing; redraw what changed (deadline arithmetic only)."""
        live = self.live
        if live is None:
            return None
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
        wall = self.circle_app.time_source.wall()
        self.query_one(StatusLine).show(status_of(live, wall, self.sync_text))
        return reading

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
        arrival: "Arrival | None" = None,
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
        self.show_turn()  # its tick refreshes the footer only if the trim key came or went
        return True

    def record(
        self,
        now: float,
        *,
        ending: bool = False,
        arrival: "Arrival | None" = None,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Queue the save of the session as it stands after a change."""
        from circle.live.writer import Transition

        live, recorder = self.loaded()
        run = live.run
        current = run.current_id
        change = Transition(
            rows=run.rows(),
            started_at=run.state().started_at,
            current_turn_id=current if isinstance(current, uuid.UUID) else None,
            ended_at=run.clock.wall(now) if ending else None,
            arrival=arrival,
        )

        def save() -> None:
            live.writer.record(change)
            self.saved()

        recorder.submit("saving the session", save, then)

    def saved(self) -> None:
        """Called on the recorder thread after each save (the sync client pushes it)."""

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

    # --- bindings and job results ------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply_rebalance":
            # Out of the footer until the session runs late: it makes room for the other keys.
            return self._proposal is not None
        return True

    @on(JobDone)
    def job_done(self, message: JobDone) -> None:
        if message.then is not None:
            message.then(message.result)

    @on(JobFailed)
    def job_failed(self, message: JobFailed) -> None:
        self.circle_app.report_error(message.error, during=message.label)

    def on_unmount(self) -> None:
        if self.recorder is not None:
            self.recorder.close()
