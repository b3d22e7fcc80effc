"""The "add a guest" dialog: a name and a one-line business, checked like a member's."""

import uuid
from collections.abc import Iterable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from circle.tui.data.setup import Person
from circle.tui.dialogs.base import CircleDialog
from circle.tui.widgets.footer import CircleFooter
from circle.tui.words import plain


class GuestDialog(CircleDialog[Person | None]):
    """Ask for a guest's name and business; dismisses with the guest, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "add", "Add guest", id="add_guest_confirm", priority=True),
    ]

    def __init__(self, taken: Iterable[str]) -> None:
        super().__init__()
        self.taken = {name.casefold(): name for name in taken}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="guest-dialog"):
            yield Label("Add a guest", classes="dialog-title")
            yield Label("Name")
            yield Input(placeholder="e.g. Sam Lee", id="guest-name", max_length=2000)
            yield Label("Business (one line)")
            yield Input(placeholder="e.g. Lee Plumbing", id="guest-business", max_length=2000)
            yield Static("", id="guest-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="add")
                yield Button("Cancel", id="cancel")
        yield CircleFooter()

    @on(Input.Submitted, "#guest-name")
    def go_to_business(self) -> None:
        self.query_one("#guest-business", Input).focus()

    @on(Input.Submitted, "#guest-business")
    @on(Button.Pressed, "#add")
    def add_pressed(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_add(self) -> None:
        """Return the guest, or say what is wrong and stay open."""
        from circle.errors import UserError
        from circle.workspace import check_member

        name = self.query_one("#guest-name", Input).value
        business = self.query_one("#guest-business", Input).value
        try:
            name, business = check_member(name, business)
        except UserError as exc:
            self.query_one("#guest-error", Static).update(plain(str(exc)))
            return
        if (known := self.taken.get(name.casefold())) is not None:
            self.query_one("#guest-error", Static).update(
                plain(f"{known} is already on the roster")
            )
            return
        self.dismiss(Person(uuid.uuid4(), name, business, guest=True))
