"""Summary: what a session produced — talk time, on-time report, asks, offers, matches,
commitments, follow-ups, thanks — and its export."""

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Label, ProgressBar, Static

from circle.tui.screens.base import CircleScreen
from circle.tui.widgets import summary_sections as sections
from circle.tui.widgets.footer import CircleFooter
from circle.tui.widgets.talk_chart import TalkChart

if TYPE_CHECKING:
    from circle.core.summary import Summary
    from circle.tui.backend import Backend
    from circle.tui.dialogs.export import ExportRequest

SECTIONS = (
    ("who", "Who came"),
    ("talk", "Talk time"),
    ("on-time", "On time"),
    ("asks", "Asks"),
    ("offers", "Offers"),
    ("matches", "Matches"),
    ("commitments", "Commitments"),
    ("follow-ups", "Follow-ups"),
    ("from-last-time", "From last time"),
    ("thanks", "Thanks"),
    ("notes", "Notes"),
)


class SummaryScreen(CircleScreen):
    """The summary of one session, for the whole group; `e` exports it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export", id="export"),
        Binding("escape", "home", "Home", id="home"),
    ]

    def __init__(self, session_id: uuid.UUID) -> None:
        super().__init__()
        self.session_id = session_id
        self.summary: Summary | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the session…", id="summary-heading")
        with VerticalScroll(id="summary-body"):
            for key, title in SECTIONS:
                yield Label(title, classes="section-title")
                if key == "talk":
                    yield TalkChart(id="talk-chart")
                    yield Static(id="fairness")
                else:
                    yield Static(id=f"section-{key}", classes="section")
        with Horizontal(id="export-status"):
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-message")
        yield CircleFooter()

    def backend_ready(self, backend: "Backend") -> None:
        self.load_summary(backend)

    def backend_failed(self, reason: str) -> None:
        self.query_one("#summary-heading", Static).update(Text(reason))

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False)
    def load_summary(self, backend: "Backend") -> None:
        """Build the group summary the exports render, off the UI thread."""
        from circle.core.summary import group_summary
        from circle.errors import UserError
        from circle.export.load import load_session

        try:
            summary = group_summary(load_session(backend.replica, self.session_id))
        except UserError as exc:
            self.app.call_from_thread(self.backend_failed, str(exc))
        else:
            self.app.call_from_thread(self.show_summary, summary)

    def show_summary(self, summary: "Summary") -> None:
        self.summary = summary
        self.query_one("#summary-heading", Static).update(sections.heading(summary))
        self.query_one(TalkChart).talk = summary.talk
        self.query_one("#fairness", Static).update(sections.fairness(summary))
        for key, renderable in _section_contents(summary).items():
            self.query_one(f"#section-{key}", Static).update(renderable)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self.summary is not None or None
        return True

    def action_home(self) -> None:
        """Back to the list of circles."""
        self.circle_app.go_home()

    def action_export(self) -> None:
        """Pick formats and a folder, then write the files in a worker."""
        from circle import locations
        from circle.tui.dialogs.export import ExportDialog

        if self.summary is None:
            return
        members = [presence.person.name for presence in self.summary.present]
        dialog = ExportDialog(members, locations.default_export_dir())
        self.app.push_screen(dialog, self.start_export)

    def start_export(self, request: "ExportRequest | None") -> None:
        if request is None or self.backend is None:
            return
        self.set_class(True, "-exporting")
        self.query_one("#export-progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#export-message", Static).update(Text(f"Exporting to {request.folder}…"))
        self.export(self.backend, request)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, backend: "Backend", request: "ExportRequest") -> None:
        """Write the files, reporting each one as it lands."""
        from circle.errors import UserError
        from circle.export import export_session

        def progress(done: int, total: int, path: Path) -> None:
            self.app.call_from_thread(self.show_progress, done, total, path)

        try:
            paths = export_session(
                backend.replica,
                self.session_id,
                request.formats,
                request.folder,
                member=request.member,
                progress=progress,
                now=self.circle_app.time_source.wall(),
            )
        except UserError as exc:
            self.app.call_from_thread(self.export_done, str(exc), failed=True)
        else:
            self.app.call_from_thread(
                self.export_done, f"Wrote {len(paths)} files to {request.folder}", failed=False
            )

    def show_progress(self, done: int, total: int, path: Path) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#export-message", Static).update(Text(f"{done}/{total} {path.name}"))

    def export_done(self, message: str, *, failed: bool) -> None:
        self.query_one("#export-message", Static).update(Text(message))
        self.notify(
            message,
            title="Export failed" if failed else "Exported",
            severity="error" if failed else "information",
            markup=False,
        )


def _section_contents(summary: "Summary") -> dict[str, RenderableType]:
    return {
        "who": sections.attendance(summary),
        "on-time": sections.on_time(summary.agenda),
        "asks": sections.items(summary.asks),
        "offers": sections.items(summary.offers),
        "matches": sections.matches(summary.matches),
        "commitments": sections.items(summary.commitments, due=True),
        "follow-ups": sections.follow_ups(summary.follow_ups),
        "from-last-time": sections.follow_ups(
            summary.from_last_time, "Nothing from earlier sessions was marked at this one."
        ),
        "thanks": sections.thanks(summary.thanks),
        "notes": sections.notes(summary),
    }
