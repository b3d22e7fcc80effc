"""Notes for the turn on now, saved as you type (a short pause after the last key)."""

import uuid
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, TextArea

from circle.live.views import NoteView

DEBOUNCE = 0.4
"""Seconds after the last keystroke before the note is saved."""
PRIVATE_LABELS = {False: "Private: no", True: "Private: YES (kept out of summaries)"}
"""The flag in words, so its state never rests on the box's colour alone."""


class NotesPanel(Vertical):
    """A note editor bound to one turn at a time, with a private flag."""

    DEFAULT_CSS = """
    NotesPanel {
        height: 1fr;
        border: round $surface-lighten-2;
        border-title-color: $text-muted;
        TextArea { height: 1fr; border: none; padding: 0; }
        Checkbox { height: 1; border: none; padding: 0; background: transparent; }
        &.-private { border: round $warning; }
    }
    """

    @dataclass
    class Save(Message):
        """A note changed and the typing paused: store it."""

        turn_id: uuid.UUID
        text: str
        private: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.turn_id: uuid.UUID | None = None
        self._text = ""
        self._private = False
        self._dirty = False
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TextArea(id="notes-text", soft_wrap=True, tab_behavior="focus")
        yield Checkbox(PRIVATE_LABELS[False], id="notes-private")

    def on_mount(self) -> None:
        self.border_title = "Notes"

    def show_turn(self, turn_id: uuid.UUID | None, note: NoteView | None) -> None:
        """Edit another turn's note (the caller saves what `take_pending` gives first)."""
        self.turn_id = turn_id
        self._text = note.text if note else ""
        self._private = note.private if note else False
        self._dirty = False
        editor = self.query_one(TextArea)
        if editor.text != self._text:  # an unchanged editor is not redrawn
            editor.load_text(self._text)
        self.query_one(Checkbox).value = self._private
        self.disabled = turn_id is None
        self._mark_private()

    def take_pending(self) -> Save | None:
        """The unsaved change, if any (and forget it: the caller saves it)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._dirty or self.turn_id is None:
            return None
        self._dirty = False
        return self.Save(self.turn_id, self._text, self._private)

    @on(TextArea.Changed)
    def note_typed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if text == self._text:
            return
        self._text, self._dirty = text, True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._save_now)

    @on(Checkbox.Changed)
    def privacy_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value == self._private:
            return
        self._private, self._dirty = event.value, True
        self._mark_private()
        self._save_now()

    def _save_now(self) -> None:
        if (pending := self.take_pending()) is not None:
            self.post_message(pending)

    def _mark_private(self) -> None:
        self.set_class(self._private, "-private")
        title = "Notes · PRIVATE" if self._private else "Notes"
        if self.border_title != title:  # setting it repaints the panel even when unchanged
            self.border_title = title
        checkbox = self.query_one(Checkbox)
        if checkbox.label.plain != PRIVATE_LABELS[self._private]:
            checkbox.label = PRIVATE_LABELS[self._private]
