"""The "new circle" dialog: a name and one member per line, checked by the same rules as
`circle new`; returns the new circle's id."""

import uuid
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from circle.tui.dialogs.base import CircleDialog
from circle.tui.widgets.footer import CircleFooter
from circle.tui.words import plain

if TYPE_CHECKING:
    from circle.tui.backend import Backend

MEMBERS_HINT = "One member per line: Name | business\nAna Ruiz | Ruiz Bakehouse"


class NewCircleDialog(CircleDialog[uuid.UUID | None]):
    """Create a circle and its members; dismisses with the circle's id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Create", id="create_circle", priority=True),
    ]

    def __init__(self, backend: "Backend") -> None:
        super().__init__()
        self.backend = backend

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-circle"):
            yield Label("New circle", classes="dialog-title")
            yield Label("Name")
            yield Input(placeholder="e.g. Riverside Makers", id="circle-name", max_length=2000)
            yield Label("Members")
            yield TextArea(id="circle-members", soft_wrap=False, placeholder=MEMBERS_HINT)
            yield Static("", id="new-circle-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", variant="primary", id="create")
                yield Button("Cancel", id="cancel")
        yield CircleFooter()

    @on(Input.Submitted, "#circle-name")
    def go_to_members(self) -> None:
        self.query_one("#circle-members", TextArea).focus()

    @on(Button.Pressed, "#create")
    def create_pressed(self) -> None:
        self.action_create()

    def action_create(self) -> None:
        """Check and save the circle; stay open with the reason when something is wrong."""
        name = self.query_one("#circle-name", Input).value
        lines = self.query_one("#circle-members", TextArea).text.splitlines()
        self.query_one("#create", Button).disabled = True
        self.save_circle(name, [line for line in lines if line.strip()])

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    @work(thread=True, exclusive=True, group="new-circle", exit_on_error=False)
    def save_circle(self, name: str, member_specs: list[str]) -> None:
        """Create the circle with `circle.workspace.new_circle` (its rules, its messages)."""
        from circle import workspace
        from circle.errors import UserError

        try:
            circle, _ = workspace.new_circle(self.backend.replica, name, member_specs)
        except UserError as exc:
            self.app.call_from_thread(self.show_error, str(exc))
        else:
            self.app.call_from_thread(self.dismiss, circle.id)

    def show_error(self, reason: str) -> None:
        self.query_one("#new-circle-error", Static).update(plain(reason))
        self.query_one("#create", Button).disabled = False
