"""Help: every key of the screen underneath, as the keymap left it (remapped keys marked)."""

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from circle.tui.dialogs.base import CircleDialog
from circle.tui.keys import KeyLine, screen_keys
from circle.tui.widgets.footer import CircleFooter


class HelpDialog(CircleDialog[None]):
    """A table of the keys of the screen it was opened from; any of its keys closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "cancel", "Close", id="close_help"),
    ]

    def __init__(self, screen: Screen[Any], remapped: set[str]) -> None:
        super().__init__()
        self.keys = screen_keys(screen)
        self.remapped = remapped
        self.title_text = f"Keys: {type(screen).__name__.removesuffix('Screen').lower()}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(key_table(self.keys, self.remapped))
            yield Static(
                'Change any key in config.toml under [keymap]: binding id = "keys".',
                id="help-hint",
                markup=False,
            )
        yield CircleFooter()


def key_table(keys: list[KeyLine], remapped: set[str]) -> Table:
    """Keys grouped by where they work: this screen, the focused widget, everywhere."""
    grid = Table(box=None, expand=True, show_header=True, pad_edge=False)
    grid.add_column("Key", no_wrap=True)
    grid.add_column("Does")
    grid.add_column("Binding id", style="dim", no_wrap=True)
    where = None
    for line in keys:
        if line.where != where:
            where = line.where
            grid.add_row(Text(_heading(where), style="bold underline"), "", "")
        moved = line.binding_id is not None and line.binding_id in remapped
        key = Text(line.keys, style="bold")
        if moved:
            key.append(" (remapped)", style="italic")
        does = Text(line.description, style="" if line.enabled else "dim")
        grid.add_row(key, does, line.binding_id or "")
    return grid


def _heading(where: str) -> str:
    if where == "screen":
        return "This screen"
    if where == "everywhere":
        return "Everywhere"
    return f"In the {where}"
