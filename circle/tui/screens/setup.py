"""Setup: who is here, which format, who takes the hot seats, what became of last time's
promises; then start the session."""

import uuid
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from circle.core.formats import Format
from circle.tui import words
from circle.tui.data.setup import Person, SessionPlan, SetupData
from circle.tui.keys import declared_key
from circle.tui.messages import SessionPlanned
from circle.tui.screens.base import CircleScreen
from circle.tui.widgets.check_list import CheckList
from circle.tui.widgets.footer import CircleFooter
from circle.tui.widgets.promise_table import PromiseTable

if TYPE_CHECKING:
    from circle.tui.backend import Backend

JOIN_CHECKING = "Looking for the store phones join through…"
LOCAL_ONLY = (
    "This console runs local only (local_only in the config file): the session stays on "
    "this computer and phones cannot join."
)


class SetupScreen(CircleScreen):
    """Prepare a new session of one circle; `s` writes it and hands over to the live screen."""

    # Textual declares this without ClassVar, so mypy refuses one here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start session", id="start"),
        Binding("g", "add_guest", "Add guest", id="add_guest"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, circle: uuid.UUID | str, format_name: str | None = None) -> None:
        super().__init__()
        self.circle = circle
        """The circle's id, or its name (from `circle run CIRCLE`)."""
        self.format_name = format_name
        self.data: SetupData | None = None
        self.roster: list[Person] = []
        self.guests: list[Person] = []
        self.present: set[uuid.UUID] = set()
        self.format: Format | None = None
        self.picked: list[uuid.UUID] | None = None
        """Hot seats picked by hand; None while they follow who waited longest."""
        self.starting = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the circle…", id="setup-heading")
        with VerticalScroll(id="setup-body"):
            with Horizontal(id="setup-top"):
                with Vertical(id="roster-panel", classes="panel"):
                    yield Label("Who is here", classes="panel-title")
                    yield CheckList[uuid.UUID](id="roster")
                    yield Button("Add guest", id="add-guest")
                with Vertical(id="plan-panel", classes="panel"):
                    yield Label("Format", classes="panel-title")
                    yield OptionList(id="formats")
                    yield Label("Hot seats (who waited longest first)", classes="panel-title")
                    yield CheckList[uuid.UUID](id="hot-seats")
                    yield Static("", id="hot-seat-status")
            with Vertical(id="promises-panel", classes="panel"):
                yield Label(
                    "From last time: open commitments and follow-ups", classes="panel-title"
                )
                yield PromiseTable(id="promises")
                yield Static("", id="promises-hint")
            with Vertical(id="join-panel", classes="panel"):
                yield Label("Phones", classes="panel-title")
                yield Static(JOIN_CHECKING, id="join", markup=False)
        with Horizontal(id="setup-buttons"):
            yield Button("Start session", variant="primary", id="start")
        yield CircleFooter()

    # --- loading ---------------------------------------------------------------

    def backend_ready(self, backend: "Backend") -> None:
        self.load_setup(backend)
        self.check_store(backend)

    def backend_failed(self, reason: str) -> None:
        self.query_one("#setup-heading", Static).update(Text(reason))

    @work(thread=True, exclusive=True, group="setup", exit_on_error=False)
    def load_setup(self, backend: "Backend") -> None:
        """Read the roster, formats, hot-seat order and open promises off the UI thread."""
        from circle.errors import UserError
        from circle.tui.data.setup import load_setup

        try:
            data = load_setup(backend.replica, self.circle, backend.settings.user_formats_dir)
        except UserError as exc:
            self.app.call_from_thread(self.backend_failed, str(exc))
        else:
            self.app.call_from_thread(self.show_setup, data)

    @work(thread=True, exclusive=True, group="setup-store", exit_on_error=False)
    def check_store(self, backend: "Backend") -> None:
        """Start (or find) the store phones will join through, and say how it stands."""
        from circle.live.link import StoreLinkError, describe_store

        if backend.settings.local_only:
            text = LOCAL_ONLY
        else:
            try:
                text = describe_store(backend.store_link())
            except StoreLinkError as exc:
                text = f"No store: {exc}. The session runs on this computer; phones cannot join."
        self.app.call_from_thread(self.show_store, text)

    def show_store(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#join", Static).update(text)

    def show_setup(self, data: SetupData) -> None:
        self.data = data
        self.roster = list(data.roster)
        self.present = {person.id for person in data.roster if not person.guest}
        self.format = _pick_format(data, self.format_name)
        roster = self.query_one("#roster", SelectionList)
        roster.add_options([(_roster_prompt(p), p.id, p.id in self.present) for p in self.roster])
        today = self.circle_app.time_source.wall().astimezone().date()
        promises = self.query_one(PromiseTable)
        promises.show(data.promises, today)
        promises.display = bool(data.promises)
        self.query_one("#promises-hint", Static).update(self.promises_hint(data))
        for reason in data.broken_formats:
            self.notify(reason, title="A format was left out", severity="warning", markup=False)
        self.show_formats()
        self.show_hot_seats()
        if roster.option_count:
            roster.highlighted = 0
        roster.focus(scroll_visible=False)

    def promises_hint(self, data: SetupData) -> Text:
        """How to mark the promises, in the keys the keymap gives."""
        if not data.promises:
            return Text("Nothing open from earlier sessions.")
        keymap = self.circle_app.settings.keymap
        keys = [
            f"{declared_key(self.app, keymap, PromiseTable.BINDINGS, f'promise_{what}')} {what}"
            for what in ("done", "dropped", "carried", "unmark")
        ]
        return Text(f"Mark each one: {' · '.join(keys)} (enter cycles through them).")

    # --- the plan as it stands -----------------------------------------------------

    def present_people(self) -> list[Person]:
        """Who is here, in roster order."""
        return [person for person in self.roster if person.id in self.present]

    def hot_seat_order(self) -> list[Person]:
        """Present members, who waited longest first; guests last (picked by hand only)."""
        waited = {key: rank for rank, key in enumerate(self.data.waited if self.data else ())}
        people = self.present_people()
        return sorted(people, key=lambda p: (p.guest, waited.get(p.id, len(waited))))

    def hot_seats(self) -> list[uuid.UUID]:
        order = [p.id for p in self.hot_seat_order()]
        if self.picked is None:
            seats = self.format.seats if self.format else 0
            members = [p.id for p in self.hot_seat_order() if not p.guest]
            return members[:seats]
        return [key for key in order if key in self.picked]

    def show_formats(self) -> None:
        """Each format with its planned length for the group that is here."""
        if self.data is None:
            return
        options = self.query_one("#formats", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        count = len(self.present)
        for fmt in self.data.formats:
            chosen = self.format is not None and fmt.name == self.format.name
            options.add_option(Option(_format_prompt(fmt, count, chosen), id=fmt.name))
        if highlighted is None and self.format is not None:
            highlighted = next(
                (i for i, f in enumerate(self.data.formats) if f.name == self.format.name), None
            )
        options.highlighted = highlighted

    def show_hot_seats(self) -> None:
        seats = self.query_one("#hot-seats", SelectionList)
        highlighted = seats.highlighted
        picks = self.hot_seats()
        seats.clear_options()
        seats.add_options(
            [(_seat_prompt(p, picks), p.id, p.id in picks) for p in self.hot_seat_order()]
        )
        if seats.option_count:
            seats.highlighted = min(highlighted or 0, seats.option_count - 1)
        self.query_one("#hot-seat-status", Static).update(self.hot_seat_status(picks))
        self.show_heading()

    def hot_seat_status(self, picks: list[uuid.UUID]) -> Text:
        seats = self.format.seats if self.format else 0
        if seats == 0:
            return Text("This format has no hot seat.")
        if len(picks) > seats:
            return Text(f"{len(picks)} picked for {seats} seats: unpick {len(picks) - seats}.")
        return Text(f"{len(picks)} of {seats} seats taken.")

    def show_heading(self) -> None:
        if self.data is None:
            return
        heading = Text.assemble("New session of ", (self.data.circle_name, "bold"))
        heading.append(f"\n{len(self.present)} of {len(self.roster)} here")
        if self.format is not None:
            total = self.format.planned_seconds(len(self.present))
            heading.append(f" · {self.format.title} · {words.length(total)} planned")
        self.query_one("#setup-heading", Static).update(heading)

    # --- what the facilitator changes -------------------------------------------------

    @on(SelectionList.SelectionToggled, "#roster")
    def mark_presence(self) -> None:
        self.present = set(self.query_one("#roster", SelectionList).selected)
        self.refresh_roster()

    def refresh_roster(self) -> None:
        roster = self.query_one("#roster", SelectionList)
        for index, person in enumerate(self.roster):
            roster.replace_option_prompt_at_index(index, _roster_prompt(person, self.present))
        self.show_formats()
        self.show_hot_seats()

    @on(OptionList.OptionHighlighted, "#formats")
    def choose_format(self, event: OptionList.OptionHighlighted) -> None:
        if self.data is None or event.option.id is None:
            return
        chosen = next(f for f in self.data.formats if f.name == event.option.id)
        if self.format is not None and chosen.name == self.format.name:
            return
        self.format = chosen
        self.show_formats()
        self.show_hot_seats()

    @on(SelectionList.SelectionToggled, "#hot-seats")
    def pick_hot_seats(self) -> None:
        self.picked = list(self.query_one("#hot-seats", SelectionList).selected)
        self.show_hot_seats()

    @on(Button.Pressed, "#add-guest")
    def add_guest_pressed(self) -> None:
        self.action_add_guest()

    def action_add_guest(self) -> None:
        """Ask for a guest's name and business; they join the roster as present."""
        from circle.tui.dialogs.guest import GuestDialog

        if self.data is not None:
            taken = [person.name for person in self.roster]
            self.app.push_screen(GuestDialog(taken), self.guest_added)

    def guest_added(self, guest: Person | None) -> None:
        if guest is None:
            return
        self.guests.append(guest)
        self.roster.append(guest)
        self.present.add(guest.id)
        roster = self.query_one("#roster", SelectionList)
        roster.add_option((_roster_prompt(guest, self.present), guest.id, True))
        self.refresh_roster()

    def action_back(self) -> None:
        """Leave without writing anything."""
        self.dismiss()

    # --- starting ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start", "add_guest"):
            return (self.data is not None and not self.starting) or None
        return True

    @on(Button.Pressed, "#start")
    def start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        """Check the plan, then write it in a worker; the reason shows if it cannot start."""
        plan = self.plan()
        if isinstance(plan, str):
            self.notify(plan, title="Cannot start yet", severity="warning", markup=False)
            return
        if self.backend is None:
            return
        self.starting = True
        self.refresh_bindings()
        self.query_one("#start", Button).disabled = True
        self.write_session(self.backend, plan)

    def plan(self) -> SessionPlan | str:
        """The session as chosen, or why it cannot start."""
        from circle.core.agenda import AgendaError, expand

        if self.data is None or self.format is None:
            return "there is no format to run"
        present = tuple(p.id for p in self.present_people())
        if not present:
            return "mark at least one person present"
        seats = tuple(self.hot_seats())
        try:
            expand(self.format, present, seats)
        except AgendaError as exc:
            return str(exc)
        marks = self.query_one(PromiseTable).marks
        promises = {p.id: p for p in self.data.promises}
        return SessionPlan(
            circle_id=self.data.circle_id,
            format=self.format,
            present=present,
            hot_seats=seats,
            guests=tuple(g for g in self.guests),
            marks=tuple((promises[key], outcome) for key, outcome in marks.items()),
        )

    @work(thread=True, exclusive=True, group="setup", exit_on_error=False)
    def write_session(self, backend: "Backend", plan: SessionPlan) -> None:
        """Write the session; the app hands over to the live screen on `SessionPlanned`."""
        from circle.errors import UserError
        from circle.tui.data.setup import write_session

        try:
            session_id = write_session(backend.replica, plan, self.circle_app.time_source.wall)
        except UserError as exc:
            self.app.call_from_thread(self.start_failed, str(exc))
        else:
            self.app.call_from_thread(self.post_message, SessionPlanned(session_id))

    def start_failed(self, reason: str) -> None:
        self.starting = False
        self.query_one("#start", Button).disabled = False
        self.refresh_bindings()
        self.notify(reason, title="Cannot start the session", severity="error", markup=False)


def _pick_format(data: SetupData, wanted: str | None) -> Format | None:
    for name in (wanted, data.default_format, "classic"):
        found = next((f for f in data.formats if f.name == name), None)
        if found is not None:
            return found
    return data.formats[0] if data.formats else None


def _roster_prompt(person: Person, present: set[uuid.UUID] | None = None) -> Text:
    """The state in words first ("here"/"away", so colour is not needed), then who they are."""
    here = person.id in present if present is not None else not person.guest
    prompt = Text("here  " if here else "away  ", "bold" if here else "italic")
    prompt.append(person.name, "bold")
    prompt.append(" (guest)" if person.guest else "")
    if person.business:
        prompt.append(f" · {person.business}", "dim")
    return prompt


def _format_prompt(fmt: Format, present: int, chosen: bool) -> Text:
    total = words.length(fmt.planned_seconds(present))
    return Text.assemble(
        "● " if chosen else "○ ",
        (fmt.title, "bold"),
        f" · {total} for {present}",
        f" · {fmt.seats} hot seat{'s' if fmt.seats != 1 else ''}" if fmt.seats else "",
    )


def _seat_prompt(person: Person, picks: list[uuid.UUID]) -> Text:
    prompt = Text(person.name)
    if person.id in picks:
        prompt.append(f"  seat {picks.index(person.id) + 1}", "bold")
    return prompt
