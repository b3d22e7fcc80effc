"""The console's app: paints first, then opens the local data in a worker and hands it down.

Nothing here imports the database layer at module level: importing SQLModel costs
most of a second, so the first frame goes up with a "loading" state and the
`Backend` arrives through `BackendReady` a moment later. Screens receive the
backend through `on_backend_ready`-style attributes; they never reach for globals.
"""

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.worker import Worker, WorkerState

from circle.config import Settings
from circle.tui.messages import BackendFailed, BackendReady, SessionPlanned
from circle.tui.opening import Opening, Start
from circle.tui.screens.home import HomeScreen
from circle.tui.timesource import SystemTime, TimeSource

if TYPE_CHECKING:
    from circle.tui.backend import Backend


def screen_actions() -> type[Provider]:
    """The palette's list of the current screen's actions (imported when the palette opens)."""
    from circle.tui.commands import ScreenActions

    return ScreenActions


class CircleApp(App[None]):
    """circle's console: home, setup, the live session and its summary."""

    CSS_PATH = "circle.tcss"
    TITLE = "circle"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            id="command_palette",
            priority=True,
            show=False,
            tooltip="Every action of this screen, by name",
        ),
    ]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        *App.COMMANDS,
        screen_actions,
    }

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
        self.theme_problem = self.use_theme(settings.theme)
        self.set_keymap(dict(settings.keymap))

    def use_theme(self, name: str | None) -> str | None:
        """Switch to the configured theme; say why not when there is no such theme."""
        if not name:
            return None
        if name not in self.available_themes:
            known = ", ".join(sorted(self.available_themes))
            return f"config.toml: no theme called {name!r} (themes: {known})"
        self.theme = name
        return None

    def get_default_screen(self) -> HomeScreen:
        """Home is the bottom of the stack: painted first, no empty screen before it."""
        return HomeScreen()

    def on_mount(self) -> None:
        if self.theme_problem:
            # After the first frame: a toast raised during mount never reaches the screen.
            self.call_after_refresh(
                self.notify, self.theme_problem, title="Theme", severity="warning", markup=False
            )
        if self.opening.start is Start.RUN and self.opening.circle:
            from circle.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(self.opening.circle, self.opening.format))
        # After the first frame: the worker imports the database layer, which holds the GIL
        # for most of a second and would otherwise delay the first paint.
        self.call_after_refresh(self.open_backend)

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
        if self.opening.start is not Start.RUN:
            self.find_running_session(message.backend)

    @work(thread=True, group="resume", exit_on_error=False)
    def find_running_session(self, backend: "Backend") -> None:
        """A session left running (the console was closed or killed mid-turn) comes back."""
        from circle.live.load import unfinished_session

        found = unfinished_session(backend.replica)
        if found is not None and found.status == "running":
            self.call_from_thread(self.resume_session, found.id, found.circle_name)

    def resume_session(self, session_id: uuid.UUID, circle_name: str) -> None:
        from circle.tui.screens.live import LiveScreen

        self.go_home()
        self.push_screen(LiveScreen(session_id))
        self.notify(f"Back to the running session of {circle_name}.", markup=False)

    @on(BackendFailed)
    def show_backend_failure(self, message: BackendFailed) -> None:
        self.notify(
            message.reason, title="Cannot open circle's data", severity="error", markup=False
        )
        for screen in self.screen_stack:
            screen.post_message(BackendFailed(message.reason))

    @on(SessionPlanned)
    def run_planned_session(self, message: SessionPlanned) -> None:
        """Setup wrote the session: the live screen takes over (home stays below it)."""
        from circle.tui.screens.live import LiveScreen

        self.go_home()
        self.push_screen(LiveScreen(message.session_id))

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
        """Show every key of the current screen, as the keymap left them."""
        from circle.tui.dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog(self.screen, set(self.settings.keymap)))

    async def on_unmount(self) -> None:
        if self.backend is not None:
            self.backend.close()
