"""Home: the facilitator's circles with their last and next session, and past sessions."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from circle.tui.screens.base import CircleScreen

if TYPE_CHECKING:
    from circle.tui.backend import Backend


@dataclass(frozen=True)
class CircleRow:
    """One circle as the home screen lists it."""

    id: str
    name: str
    members: int
    last_session: datetime | None
    next_session: datetime | None


class HomeScreen(CircleScreen):
    """Pick a circle; start a session; look back at past ones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start_session", "Start session", id="start_session"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening your circles…", id="home-status")
        yield DataTable(id="circles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#circles", DataTable)
        table.add_columns("Circle", "Members", "Last session", "Next session")
        super().on_mount()

    def backend_ready(self, backend: "Backend") -> None:
        self.load_circles(backend)

    def backend_failed(self, reason: str) -> None:
        self.query_one("#home-status", Static).update(Text(reason))

    @work(thread=True, exclusive=True, group="home", exit_on_error=False)
    def load_circles(self, backend: "Backend") -> None:
        """Read the circles off the UI thread."""
        rows = circle_rows(backend)
        self.app.call_from_thread(self.show_circles, rows)

    def show_circles(self, rows: list[CircleRow]) -> None:
        table = self.query_one("#circles", DataTable)
        table.clear()
        for row in rows:
            table.add_row(
                Text(row.name),
                str(row.members),
                _when(row.last_session),
                _when(row.next_session),
                key=row.id,
            )
        status = self.query_one("#home-status", Static)
        status.update(
            Text(f"{len(rows)} circles" if rows else "No circles yet: create one with `circle new`")
        )

    @on(DataTable.RowSelected, "#circles")
    def start_from_row(self) -> None:
        self.action_start_session()

    def action_start_session(self) -> None:
        """Set up a new session for the highlighted circle."""
        self.notify("Session setup arrives with the next part of the console.")


def circle_rows(backend: "Backend") -> list[CircleRow]:
    """Each circle with its member count and last and next session."""
    from circle import workspace

    rows = []
    for circle in workspace.circles(backend.replica):
        sessions = workspace.sessions(backend.replica, circle.id)
        held = [s.started_at for s in sessions if s.started_at is not None]
        rows.append(
            CircleRow(
                id=str(circle.id),
                name=circle.name,
                members=len(workspace.members(backend.replica, circle.id)),
                last_session=max(held, default=None),
                next_session=circle.next_session_at,
            )
        )
    return rows


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%a %d %b %Y, %H:%M") if moment else "—"
