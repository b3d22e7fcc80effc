"""The console's app: paints first, then opens the local data in a worker and hands it down.

Nothing here imports the database layer at module level: importing SQLModel costs
most of a second, so the first frame goes up with a "loading" state and the
`Backend` arrives through `BackendReady` a moment later. Screens receive the
backend through `on_backend_ready`-style attributes; they never reach for globals.
"""

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from circle.config import Settings
from circle.tui.messages import BackendFailed, BackendReady, SessionPlanned
from circle.tui.opening import Opening, Start
from circle.tui.screens.home import HomeScreen
from circle.tui.timesource import SystemTime, TimeSource

if TYPE_CHECKING:
    from circle.tui.backend import Backend


class CircleApp(App[None]):
    """circle's console: home, setup, the live session and its summary."""

    CSS_PATH = "circle.tcss"
    TITLE = "circle"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        opening: Opening | None = None,
        time_source: TimeSource | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.opening = opening or Opening()
        self.time_source: TimeSource = time_source or SystemTime()
        self.backend: Backend | None = None
        if settings.theme:
            self.theme = settings.theme
        self.set_keymap(dict(settings.keymap))

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.opening.start is Start.RUN and self.opening.circle:
            from circle.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(self.opening.circle, self.opening.format))
        self.open_backend()

    @work(thread=True, exclusive=True, group="backend", exit_on_error=False)
    def open_backend(self) -> None:
        """Open the replica (seeding the demo when asked) off the UI thread."""
        from circle.tui.backend import Backend, BackendError

        try:
            backend = Backend.open(
                self.settings,
                seed_demo=self.opening.start is Start.DEMO,
                now=self.time_source.wall(),
            )
        except BackendError as exc:
            self.post_message(BackendFailed(str(exc)))
        else:
            self.post_message(BackendReady(backend))

    @on(BackendReady)
    def hand_down_backend(self, message: BackendReady) -> None:
        self.backend = message.backend
        for screen in self.screen_stack:
            screen.post_message(BackendReady(message.backend))

    @on(BackendFailed)
    def show_backend_failure(self, message: BackendFailed) -> None:
        self.notify(
            message.reason, title="Cannot open circle's data", severity="error", markup=False
        )
        for screen in self.screen_stack:
            screen.post_message(BackendFailed(message.reason))

    @on(SessionPlanned)
    def run_planned_session(self, message: SessionPlanned) -> None:
        """Setup wrote the session: back to home, where it is listed."""
        self.go_home()
        self.notify(
            "Its agenda and roster are saved; running it live is not in this version yet.",
            title="Session planned",
        )

    def go_home(self) -> None:
        """Close every screen above home."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Turn any worker's failure into a notification instead of a crash."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.report_error(event.worker.error, during=event.worker.name)

    def report_error(self, error: BaseException, *, during: str = "") -> None:
        """Tell the facilitator what failed, in one line; the data already saved stays saved."""
        what = f" while {during.replace('_', ' ')}" if during else ""
        self.notify(
            str(error) or type(error).__name__,
            title=f"Error{what}",
            severity="error",
            markup=False,
        )

    def action_help(self) -> None:
        self.action_show_help_panel()

    async def on_unmount(self) -> None:
        if self.backend is not None:
            self.backend.close()
