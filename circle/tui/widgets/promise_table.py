"""Last time's open commitments and follow-ups, each marked done, dropped or carried over."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from circle.tui import words

if TYPE_CHECKING:
    from circle.followthrough import Promise

OUTCOMES = ("done", "dropped", "carried")
"""The marks, in the order enter cycles through them (then back to unmarked)."""
SHOWN = {"done": "done", "dropped": "dropped", "carried": "carried over", None: "—"}


class PromiseTable(DataTable[Text]):
    """One row per open promise; the mark is written in words, never shown by colour alone."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "mark('done')", "Done", id="promise_done"),
        Binding("x", "mark('dropped')", "Dropped", id="promise_dropped"),
        Binding("c", "mark('carried')", "Carry over", id="promise_carried"),
        Binding("u", "mark('')", "Unmark", id="promise_unmark"),
    ]

    @dataclass
    class Marked(Message):
        """The facilitator marked (or unmarked, outcome None) one promise."""

        promise_id: uuid.UUID
        outcome: str | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.promises: dict[str, Promise] = {}
        self.marks: dict[uuid.UUID, str] = {}
        """Promise id to its outcome, for the promises marked so far."""

    def on_mount(self) -> None:
        self.add_column("Mark", key="mark", width=12)
        self.add_column("Who", key="who")
        self.add_column("Due", key="due")
        self.add_column("What", key="what")

    def show(self, promises: Sequence["Promise"], today: date) -> None:
        """List the promises; private ones show their owner but not their text."""
        self.clear()
        self.promises = {str(p.id): p for p in promises}
        self.marks = {key: mark for key, mark in self.marks.items() if str(key) in self.promises}
        for promise in promises:
            due = words.day(promise.due) + (" (overdue)" if promise.overdue(today) else "")
            what = "(private)" if promise.private else promise.text
            self.add_row(
                Text(SHOWN[self.marks.get(promise.id)]),
                Text(promise.owner),
                Text(due),
                Text(f"{what} ({promise.kind})"),
                key=str(promise.id),
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mark":
            return self.row_count > 0 or None
        return True

    def action_mark(self, outcome: str) -> None:
        """Mark the highlighted promise ("" unmarks it)."""
        self.set_mark(self.highlighted_id(), outcome or None)

    @on(DataTable.RowSelected)
    def cycle_mark(self, event: DataTable.RowSelected) -> None:
        """Enter or a click moves the row's mark on: done, dropped, carried over, unmarked."""
        event.stop()
        promise_id = self.highlighted_id()
        if promise_id is None:
            return
        current = self.marks.get(promise_id)
        order = [*OUTCOMES, None]
        self.set_mark(promise_id, order[(order.index(current) + 1) % len(order)])

    def highlighted_id(self) -> uuid.UUID | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key is None else self.promises[key].id

    def set_mark(self, promise_id: uuid.UUID | None, outcome: str | None) -> None:
        if promise_id is None:
            return
        if outcome is None:
            self.marks.pop(promise_id, None)
        else:
            self.marks[promise_id] = outcome
        self.update_cell(str(promise_id), "mark", Text(SHOWN[outcome]))
        self.post_message(self.Marked(promise_id, outcome))
