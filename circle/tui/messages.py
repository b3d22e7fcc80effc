"""Messages the whole console shares; a widget's own messages live inside the widget."""

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from circle.tui.backend import Backend


@dataclass
class BackendReady(Message, bubble=False):
    """The local data is open: screens may load what they show."""

    backend: "Backend"


@dataclass
class BackendFailed(Message, bubble=False):
    """The local data could not be opened; `reason` says why in one line."""

    reason: str


@dataclass
class SessionPlanned(Message):
    """Setup wrote a planned session (agenda, attendance, hot seats): the live screen takes over."""

    session_id: uuid.UUID
