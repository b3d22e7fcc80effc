"""What every console screen shares: the backend handed down, worker errors surfaced."""

from typing import TYPE_CHECKING

from textual import on
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from circle.tui.messages import BackendFailed, BackendReady

if TYPE_CHECKING:
    from circle.tui.app import CircleApp
    from circle.tui.backend import Backend


class CircleScreen(Screen[None]):
    """A screen that loads its data once the backend is ready."""

    backend: "Backend | None" = None

    @property
    def _binding_chain(self) -> list[tuple[DOMNode, BindingsMap]]:
        """Textual's chain, with remapped keys back in their declared place (footer, help)."""
        from circle.tui.keys import in_declared_order

        chain = super()._binding_chain
        if self.app._keymap:
            for node, bindings in chain:
                in_declared_order(bindings, node._bindings)
        return chain

    @property
    def circle_app(self) -> "CircleApp":
        from circle.tui.app import CircleApp

        assert isinstance(self.app, CircleApp)
        return self.app

    def on_mount(self) -> None:
        if self.circle_app.backend is not None:
            self.post_message(BackendReady(self.circle_app.backend))

    @on(BackendReady)
    def receive_backend(self, message: BackendReady) -> None:
        if self.backend is message.backend:
            return
        self.backend = message.backend
        self.backend_ready(message.backend)

    @on(BackendFailed)
    def receive_backend_failure(self, message: BackendFailed) -> None:
        self.backend_failed(message.reason)

    def backend_ready(self, backend: "Backend") -> None:
        """Load what the screen shows (start a worker); called once."""

    def backend_failed(self, reason: str) -> None:
        """Show that the data could not be opened."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.circle_app.report_error(event.worker.error, during=event.worker.name)
