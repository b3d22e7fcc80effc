"""Where the console opens: the home screen, the demo circle, or a new session's setup."""

import enum
from dataclasses import dataclass


class Start(enum.StrEnum):
    HOME = "home"
    DEMO = "demo"
    RUN = "run"


@dataclass(frozen=True)
class Opening:
    """What the facilitator asked for on the command line."""

    start: Start = Start.HOME
    circle: str | None = None
    """The circle to set up a session for (`circle run CIRCLE`)."""
    format: str | None = None
    """The agenda format to preselect (`circle run CIRCLE --format F`)."""
