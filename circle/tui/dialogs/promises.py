"""`f` during a check-in: mark what became of the speaker's promises from last time."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from circle.tui.dialogs.base import CircleDialog
from circle.tui.widgets.footer import CircleFooter
from circle.tui.widgets.promise_table import PromiseTable

if TYPE_CHECKING:
    from circle.followthrough import Promise

HINT = "d done · x dropped · c carried over · u unmark (enter cycles) · ctrl+s saves"


class PromisesDialog(CircleDialog[dict[uuid.UUID, str] | None]):
    """One member's open promises; dismisses with the marks given (promise id → outcome)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save marks", id="save_marks", priority=True),
    ]

    def __init__(self, owner: str, promises: Sequence["Promise"], today: date) -> None:
        super().__init__()
        self.owner, self.promises, self.today = owner, list(promises), today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="promises-dialog"):
            yield Static(
                Content.assemble("What became of ", (self.owner, "bold"), "'s promises?"),
                classes="dialog-title",
            )
            yield PromiseTable(id="check-in-promises")
            yield Static(Content(HINT), id="promises-dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield CircleFooter()

    def on_mount(self) -> None:
        table = self.query_one(PromiseTable)
        table.show(self.promises, self.today)
        table.focus()

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """Return the marks given; promises left unmarked stay open."""
        self.dismiss(dict(self.query_one(PromiseTable).marks))
