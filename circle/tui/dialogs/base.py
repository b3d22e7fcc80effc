"""What every dialog shares: a worker's failure becomes a notification, escape cancels."""

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

T = TypeVar("T")


class CircleDialog(ModalScreen[T]):
    """A modal dialog; `escape` dismisses it with None (see `action_cancel`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            from circle.tui.app import CircleApp

            if isinstance(self.app, CircleApp):
                self.app.report_error(event.worker.error, during=event.worker.name)
