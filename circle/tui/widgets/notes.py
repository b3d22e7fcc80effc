"""Notes for the turn on now, saved as you type (a short pause after the last key).

A note stops at its limit (`NOTE_TEXT_MAX` characters, `NOTE_TEXT_BYTES` as sent):
what is typed or pasted past it is not added, and the panel says so, instead of a
note the replica and the store would refuse.
"""

import itertools
import json
import time
import unicodedata
import uuid
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, TextArea
from textual.widgets.text_area import Edit, EditResult

from circle.live.views import NoteView
from circle.model import NOTE_TEXT_BYTES, NOTE_TEXT_MAX

DEBOUNCE = 0.4
"""Seconds after the last keystroke before the note is saved."""
FULL_REMINDER = 5.0
"""Seconds before keys pressed in a full note bring the warning back."""
PRIVATE_LABELS = {False: "Private: no", True: "Private: YES (kept out of summaries)"}
"""The flag in words, so its state never rests on the box's colour alone."""


FULL = (
    f"A note holds up to {NOTE_TEXT_MAX:,} characters (fewer emoji): "
    "the rest was not added. Shorten it to add more."
)


def wire_size(text: str) -> int:
    """The bytes `text` takes in a push (UTF-8 JSON, without its quotes)."""
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogatepass")) - 2


class NoteEditor(TextArea):
    """A text area that takes no more than a note can hold."""

    @dataclass
    class Full(Message):
        """An edit did not fit the note: only its first `kept` characters were added."""

        kept: int

    def edit(self, edit: Edit) -> EditResult:
        if edit.text:
            replaced = self.get_text_range(edit.top, edit.bottom)
            text = self.text
            after = len(text) - len(replaced) + len(edit.text)
            if after > NOTE_TEXT_MAX or after * _MOST_BYTES > NOTE_TEXT_BYTES:
                chars = NOTE_TEXT_MAX - len(text) + len(replaced)
                size = NOTE_TEXT_BYTES - wire_size(text) + wire_size(replaced)
                kept = _fitting(edit.text, chars, size)
                if len(kept) < len(edit.text):
                    self.post_message(self.Full(len(kept)))
                    edit = Edit(
                        kept, edit.from_location, edit.to_location, edit.maintain_selection_offset
                    )
        return super().edit(edit)


_MOST_BYTES = 6
"""The most bytes one character takes in a push (a control character: \\u0001): a note of up
to NOTE_TEXT_BYTES / 6 characters cannot reach the byte limit, so typing in it counts none."""


def _fitting(text: str, chars: int, size: int) -> str:
    """The longest start of `text` within `chars` characters and `size` bytes as sent,
    cut between characters as a reader sees them (never inside an emoji or an accent)."""
    if len(text) <= chars and wire_size(text) <= size:
        return text
    cut = text[: max(chars, 0)]
    sizes = itertools.accumulate(wire_size(character) for character in cut)
    return text[: _cluster_start(text, sum(1 for total in sizes if total <= size))]


_ZWJ = "\u200d"
_REGIONAL = range(0x1F1E6, 0x1F200)
"""Regional indicators: a flag is two of them."""
_FLAG_LETTERS = "".join(chr(code) for code in _REGIONAL)


def _cluster_start(text: str, end: int) -> int:
    """`end`, or the start of the character cluster it falls inside: a letter with its
    accents, an emoji with its skin tone, variation selector or tag characters, emoji
    joined by zero-width joiners, a flag's pair of regional indicators, or CR LF."""
    while 0 < end < len(text) and (
        _extends(text[end])
        or (text[end - 1] == _ZWJ and _pictographic(text[end]))
        or text[end - 1 : end + 1] == "\r\n"
    ):
        end -= 1
    if 0 < end < len(text) and ord(text[end]) in _REGIONAL:
        before = text[:end]
        end -= (len(before) - len(before.rstrip(_FLAG_LETTERS))) % 2
    return end


def _extends(character: str) -> bool:
    """True for a character that belongs to the one before it."""
    code = ord(character)
    return (
        unicodedata.category(character) in ("Mn", "Mc", "Me")
        or 0x200C <= code <= 0x200D  # zero-width non-joiner and joiner
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xFF9E <= code <= 0xFF9F  # half-width katakana sound marks
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
        or 0xE0100 <= code <= 0xE01EF  # variation selectors supplement
    )


def _pictographic(character: str) -> bool:
    """True for an emoji a zero-width joiner can join to the one before it."""
    code = ord(character)
    return code >= 0x1F000 or 0x2190 <= code <= 0x2BFF or character in "\u00a9\u00ae\u203c\u2049"


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
        self._told_full = -FULL_REMINDER

    def compose(self) -> ComposeResult:
        yield NoteEditor(id="notes-text", soft_wrap=True, tab_behavior="focus")
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

    @on(NoteEditor.Full)
    def note_full(self, event: NoteEditor.Full) -> None:
        event.stop()
        now = time.monotonic()
        if event.kept or now - self._told_full >= FULL_REMINDER:
            self._told_full = now
            self.notify(FULL, title="Note full", severity="warning", markup=False)

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
