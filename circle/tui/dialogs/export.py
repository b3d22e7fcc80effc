"""The export dialog: which formats, for the group or one member, into which folder."""

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from circle.tui.dialogs.base import CircleDialog
from circle.tui.widgets.check_list import CheckList
from circle.tui.widgets.footer import CircleFooter
from circle.tui.words import plain

FORMAT_CHOICES = (
    ("md", "Markdown summary", True),
    ("html", "HTML page (one file, prints well)", True),
    ("json", "JSON (with its schema)", False),
    ("csv", "CSV tables: items, matches, follow-ups", False),
    ("ics", "Calendar of follow-ups", False),
    ("eml", "Introduction email drafts", False),
    ("all", "All of the above, plus each member's own summary", False),
)
GROUP = "__group__"


@dataclass(frozen=True)
class ExportRequest:
    """What to write, for whom, and where."""

    formats: tuple[str, ...]
    folder: Path
    member: str | None = None
    """A member's name for only their own summary; None for the group's."""


class ExportDialog(CircleDialog[ExportRequest | None]):
    """Pick formats, a member or the whole group, and a folder."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", id="export_files", priority=True),
    ]

    def __init__(self, members: list[str], folder: Path) -> None:
        super().__init__()
        self.members = members
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export the summary", classes="dialog-title")
            yield CheckList[str](
                *(Selection(Text(f"{key:<5} {text}"), key, on) for key, text, on in FORMAT_CHOICES),
                id="export-formats",
            )
            yield Label("For")
            yield Select[str](
                [(Text("The whole group"), GROUP)] + [(Text(name), name) for name in self.members],
                value=GROUP,
                allow_blank=False,
                id="export-member",
            )
            yield Label("Folder")
            yield Input(str(self.folder), id="export-folder")
            yield Static("", id="export-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")
        yield CircleFooter()

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#export-folder")
    def export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def action_export(self) -> None:
        """Return the request, or say what is missing and stay open."""
        formats = tuple(self.query_one("#export-formats", SelectionList).selected)
        folder = self.query_one("#export-folder", Input).value.strip()
        member = self.query_one("#export-member", Select).value
        if not formats:
            self.show_error("Pick at least one format.")
        elif not folder:
            self.show_error("Give a folder to write into.")
        else:
            chosen = ("all",) if "all" in formats else formats
            named = member if isinstance(member, str) and member != GROUP else None
            self.dismiss(ExportRequest(chosen, Path(folder).expanduser(), named))

    def show_error(self, reason: str) -> None:
        self.query_one("#export-error", Static).update(plain(reason))
