"""The latecomer dialog: pick an absent member who has arrived, or add a guest by name."""

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from circle.errors import UserError
from circle.live.views import Person


@dataclass(frozen=True)
class Latecomer:
    """Who arrived: an absent member, or a new guest (`member` None, `name` set)."""

    member: Person | None = None
    name: str = ""
    business: str = ""


def parse_guest(spec: str) -> Latecomer:
    """Read `"Name | business"` for a guest; UserError says what is missing or too long."""
    from circle.model import BUSINESS_MAX
    from circle.workspace import parse_member

    name, business = parse_member(" ".join(spec.split()))
    if len(business) > BUSINESS_MAX:
        raise UserError(f"a business is at most {BUSINESS_MAX} characters")
    return Latecomer(name=name, business=business)


class LatecomerDialog(ModalScreen[Latecomer | None]):
    """Who has just arrived? They get a turn at the end of this round and later rounds."""

    DEFAULT_CSS = """
    LatecomerDialog {
        align: center middle;
        #latecomer-box {
            width: 64;
            height: auto;
            max-height: 90%;
            padding: 1 2;
            border: thick $accent;
            background: $surface;
        }
        #latecomer-absent { height: auto; max-height: 12; margin: 1 0; }
        #latecomer-error { color: $error; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="latecomer_cancel"),
    ]

    def __init__(self, absent: list[Person]) -> None:
        super().__init__()
        self.absent = absent

    def compose(self) -> ComposeResult:
        with Vertical(id="latecomer-box"):
            yield Static("Who has arrived?", markup=False)
            options = [Option(Content(p.name), id=str(p.id)) for p in self.absent]
            yield OptionList(*options, id="latecomer-absent")
            yield Static("…or a guest:", markup=False)
            yield Input(placeholder="Name | business", id="latecomer-guest", max_length=330)
            yield Static("", id="latecomer-error", markup=False)

    def on_mount(self) -> None:
        absent = self.query_one("#latecomer-absent", OptionList)
        absent.display = bool(self.absent)
        (absent if self.absent else self.query_one("#latecomer-guest")).focus()

    @on(OptionList.OptionSelected, "#latecomer-absent")
    def pick_member(self, event: OptionList.OptionSelected) -> None:
        chosen = next(p for p in self.absent if str(p.id) == event.option.id)
        self.dismiss(Latecomer(member=chosen))

    @on(Input.Submitted, "#latecomer-guest")
    def add_guest(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(parse_guest(event.value))
        except UserError as exc:
            self.query_one("#latecomer-error", Static).update(str(exc))

    def action_cancel(self) -> None:
        self.dismiss(None)
