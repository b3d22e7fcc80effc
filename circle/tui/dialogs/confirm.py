"""A yes/no question that returns the answer: ending a session, and other steps with no undo."""

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that cannot be undone; `y`/`n` answer too."""

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
        #confirm-box {
            width: 60;
            height: auto;
            padding: 1 2;
            border: thick $warning;
            background: $surface;
        }
        #confirm-buttons { height: auto; margin-top: 1; align-horizontal: right; }
        Button { margin-left: 2; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.no, id="confirm-no")
                yield Button(self.yes, id="confirm-yes", variant="warning")

    @on(Button.Pressed, "#confirm-yes")
    def say_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def say_no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
