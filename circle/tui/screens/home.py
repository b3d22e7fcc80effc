"""Home: the facilitator's circles with their last and next session, and the highlighted
circle's past sessions; create a circle, set up a session, read a summary."""

import asyncio
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Label, Static

from circle.tui import words
from circle.tui.data.home import CircleRow, SessionRow
from circle.tui.keys import key_for
from circle.tui.screens.base import CircleScreen
from circle.tui.widgets.footer import CircleFooter

if TYPE_CHECKING:
    from circle.tui.backend import Backend


class HomeScreen(CircleScreen):
    """Pick a circle; start a session; look back at past ones."""

    # Textual declares this without ClassVar, so mypy refuses one here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_circle", "New circle", id="new_circle"),
        Binding("s", "start_session", "Start session", id="start_session"),
        Binding("o", "open_session", "Open summary", id="open_session"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.circles: list[CircleRow] = []
        self.chosen: uuid.UUID | None = None
        """The circle to highlight once the list is (re)loaded."""
        self.circle_index = 0
        """The highlighted row of the circles table (kept here: bindings read it early)."""
        self.session_index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening your circles…", id="home-hint")
        with (
            Horizontal(id="home-main"),
            Vertical(id="home-lists"),
            Vertical(id="circles-panel", classes="panel"),
        ):
            yield Label("Circles", classes="panel-title")
            yield DataTable(id="circles", cursor_type="row", zebra_stripes=True)
        yield CircleFooter()

    def on_mount(self) -> None:
        self.query_one("#circles", DataTable).add_columns(
            "Circle", "Members", "Last session", "Next session"
        )
        super().on_mount()

    async def mount_details(self) -> None:
        """Add the sessions and members panels once there is data for them.

        They stay out of the first frame, which then paints sooner (the same reason the
        data loads afterwards).
        """
        if self.query("#sessions"):
            return
        sessions = DataTable[Text](id="sessions", cursor_type="row", zebra_stripes=True)
        await self.query_one("#home-lists").mount(
            Vertical(
                Label("Sessions", id="sessions-title", classes="panel-title"),
                sessions,
                id="sessions-panel",
                classes="panel",
            )
        )
        await self.query_one("#home-main").mount(
            VerticalScroll(
                Label("Members", classes="panel-title"),
                Static("", id="members"),
                id="members-panel",
                classes="panel",
            )
        )
        sessions.add_columns("When", "Format", "Status", "Length")

    # --- loading ---------------------------------------------------------------

    def backend_ready(self, backend: "Backend") -> None:
        if self.chosen is None:
            self.chosen = backend.demo_circle_id
        self.load_circles(backend)

    def backend_failed(self, reason: str) -> None:
        self.hint(Text(reason))

    def on_screen_resume(self) -> None:
        """Coming back from setup or a session: the lists may have changed."""
        if self.backend is not None:
            self.load_circles(self.backend)

    @work(exclusive=True, group="home", exit_on_error=False)
    async def load_circles(self, backend: "Backend") -> None:
        """Read the circles and their sessions in a thread, then show them."""
        from circle.tui.data.home import load_circles

        rows = await asyncio.to_thread(load_circles, backend.replica)
        await self.show_circles(rows)

    async def show_circles(self, rows: list[CircleRow]) -> None:
        await self.mount_details()
        keep = self.chosen or self.highlighted_circle_id()
        self.circles = rows
        table = self.query_one("#circles", DataTable)
        table.clear()
        now = self.circle_app.time_source.wall()
        for row in rows:
            table.add_row(
                Text(row.name),
                Text(str(len(row.members)), justify="right"),
                _dated(row.last_session, now),
                _dated(row.next_session, now),
                key=str(row.id),
            )
        index = next((i for i, row in enumerate(rows) if row.id == keep), 0)
        self.circle_index, self.session_index = index, 0
        if rows:
            table.move_cursor(row=index)
        self.show_sessions(rows[index] if rows else None)
        self.chosen = None
        self.hint(self.welcome())
        self.refresh_bindings()

    # --- what is highlighted -----------------------------------------------------

    def highlighted_circle(self) -> CircleRow | None:
        if not 0 <= self.circle_index < len(self.circles):
            return None
        return self.circles[self.circle_index]

    def highlighted_circle_id(self) -> uuid.UUID | None:
        circle = self.highlighted_circle()
        return circle.id if circle else None

    def highlighted_session(self) -> SessionRow | None:
        circle = self.highlighted_circle()
        if circle is None or not 0 <= self.session_index < len(circle.sessions):
            return None
        return circle.sessions[self.session_index]

    @on(DataTable.RowHighlighted, "#circles")
    def follow_highlighted_circle(self, event: DataTable.RowHighlighted) -> None:
        self.circle_index = event.cursor_row
        self.session_index = 0
        self.show_sessions(self.highlighted_circle())
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#sessions")
    def follow_highlighted_session(self, event: DataTable.RowHighlighted) -> None:
        self.session_index = event.cursor_row

    def show_sessions(self, circle: CircleRow | None) -> None:
        # The panels mount one after the other: a highlight may arrive between the two.
        if not (self.query("#sessions") and self.query("#members")):
            return
        self.query_one("#members", Static).update(_members(circle))
        table = self.query_one("#sessions", DataTable)
        table.clear()
        title = "Sessions" if circle is None else f"Sessions of {circle.name}"
        self.query_one("#sessions-title", Label).update(words.plain(title))
        if circle is None:
            return
        for session in circle.sessions:
            table.add_row(
                Text(words.moment(session.when)),
                Text(session.format),
                Text(session.status),
                Text(words.length(session.seconds) if session.seconds is not None else "—"),
                key=str(session.id),
            )

    def welcome(self) -> Text:
        """One line that tells the facilitator what to do next, in the keys they have."""
        new, start = key_for(self, "new_circle", "n"), key_for(self, "start_session", "s")
        circle = self.highlighted_circle()
        if circle is None:
            return Text(f"No circles yet. Press {new} to create one, or run `circle demo`.")
        if self.backend is not None and circle.id == self.backend.demo_circle_id:
            return Text.assemble(
                "Welcome to the demo: ",
                (circle.name, "bold"),
                f" is ready. Press {start} to set up today's session, or pick its past"
                " session below and press enter to read the summary.",
            )
        return Text(
            f"{len(self.circles)} circles. Press {start} to set up a session, {new} for a"
            " new circle, enter on a past session to read it."
        )

    def hint(self, text: Text) -> None:
        self.query_one("#home-hint", Static).update(text)

    # --- actions ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what cannot run yet: nothing before the data is open, no session without a circle."""
        if action == "new_circle":
            return self.backend is not None or None
        if action == "start_session":
            return self.highlighted_circle() is not None or None
        if action == "open_session":
            return self.highlighted_session() is not None or None
        return True

    def action_new_circle(self) -> None:
        """Ask for a name and members, then highlight the new circle."""
        from circle.tui.dialogs.new_circle import NewCircleDialog

        if self.backend is not None:
            self.app.push_screen(NewCircleDialog(self.backend), self.circle_created)

    def circle_created(self, circle_id: uuid.UUID | None) -> None:
        if circle_id is not None and self.backend is not None:
            self.chosen = circle_id
            self.load_circles(self.backend)

    @on(DataTable.RowSelected, "#circles")
    def start_from_row(self) -> None:
        self.action_start_session()

    def action_start_session(self) -> None:
        """Set up a new session for the highlighted circle."""
        circle = self.highlighted_circle()
        if circle is None:
            return
        from circle.tui.screens.setup import SetupScreen

        self.app.push_screen(SetupScreen(circle.id))

    @on(DataTable.RowSelected, "#sessions")
    def open_from_row(self) -> None:
        self.action_open_session()

    def action_open_session(self) -> None:
        """Read the highlighted past session's summary."""
        session = self.highlighted_session()
        if session is None:
            return
        from circle.tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(session.id))


def _dated(moment: datetime | None, now: datetime) -> Text:
    """A day and how far it is from today: "11 Nov · 14 days ago"."""
    if moment is None:
        return Text("—")
    return Text(f"{words.short_day(moment)} · {words.relative(moment, now)}")


def _members(circle: CircleRow | None) -> RenderableType:
    """The highlighted circle's members, one a line, with their business indented below."""
    if circle is None:
        return Text("")
    if not circle.members:
        return Text("No members yet.", style="italic")
    parts: list[RenderableType] = []
    for name, business in circle.members:
        parts.append(Text(name, style="bold"))
        if business:
            parts.append(Padding(Text(business, style="dim"), (0, 0, 0, 2)))
    return Group(*parts)
