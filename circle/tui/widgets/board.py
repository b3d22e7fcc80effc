"""The asks & offers board: every item of the session, the newest at the bottom, as it arrives.

Private items show only that they exist: the live screen is often on a shared screen.
"""

import uuid
from collections.abc import Iterable, Mapping

from rich.text import Text
from textual.widgets import DataTable

from circle.live.views import BoardItem, Person

KIND_LABELS = {"ask": "ASK", "offer": "OFFER", "commitment": "COMMIT"}


def board_row(item: BoardItem, people: Mapping[uuid.UUID, Person]) -> tuple[Text, Text]:
    """The cells of one item: its kind, then who and what; user text is plain `Text`."""
    person = people.get(item.member_id)
    who = person.name if person is not None else "(unknown)"
    if item.source == "phone":
        who += " (phone)"
    line = Text.assemble((who, "bold"), ": ")
    line.append("(private)" if item.private else item.text, style="italic" if item.private else "")
    if item.help:
        line.append(f"  #{item.help}", style="dim")
    return Text(KIND_LABELS.get(item.kind, item.kind.upper()), style="bold"), line


class Board(DataTable[Text]):
    """Asks, offers and commitments of this session, in the order they came."""

    DEFAULT_CSS = """
    Board {
        height: 1fr;
        overflow-x: hidden;
        border: round $surface-lighten-2;
        border-title-color: $text-muted;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Asks & offers"
        self.cursor_type = "row"
        self.show_header = False
        self.add_column("", key="kind", width=6)
        self.add_column("", key="item")

    def load(self, items: Iterable[BoardItem], people: Mapping[uuid.UUID, Person]) -> None:
        """Show exactly these items (a fresh load or a sync brought changes)."""
        self.clear()
        for item in items:
            self.add(item, people)

    def add(self, item: BoardItem, people: Mapping[uuid.UUID, Person]) -> None:
        """Add one item at the bottom and bring it into view (or update it where it is)."""
        key = str(item.id)
        cells = board_row(item, people)
        if key in self.rows:
            for column, cell in zip(("kind", "item"), cells, strict=True):
                self.update_cell(key, column, cell)
            return
        self.add_row(*cells, key=key)
        self.move_cursor(row=self.row_count - 1)
