"""Shared by the live-session tests: a planned quick session and a way to open it in the app."""

import uuid
from dataclasses import dataclass
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.widgets import Static

from circle import workspace
from circle.config import Settings
from circle.core.agenda import expand
from circle.formats import load_format
from circle.local import Replica, open_replica
from circle.model import SyncFields
from circle.tui.app import CircleApp
from circle.tui.screens.live import LiveScreen
from circle.tui.timesource import FrozenTime
from circle.tui.widgets.speaker import SpeakerPanel, SpeakerView

R = TypeVar("R", bound=SyncFields)

MEMBERS = [
    "Ana Ruiz | Ruiz Bakehouse",
    "Ben Okafor | Okafor Books",
    "[red]x[/red] | [@click=app.quit]Quit Co[/]",
    "Dee Lane | [b]Bold[/b] Printing",
    "Eve Stone | Stone Tiles",
]
"""The circle's members; Eve is absent, Ben takes the hot seat."""


@dataclass(frozen=True)
class Planned:
    session_id: uuid.UUID
    circle_id: uuid.UUID
    members: dict[str, uuid.UUID]
    """By first word of the name ("[red]x[/red]" for the one named in markup)."""


def plan_quick(settings: Settings) -> Planned:
    """A quick session of four present members (Eve absent), Ben in the hot seat."""
    replica = open_replica(settings.replica_path)
    try:
        circle, people = workspace.new_circle(replica, "Tuesday Circle", MEMBERS)
        by_name = {m.name.split()[0]: m for m in people}
        absent = [by_name["Eve"]]
        present = [m for m in people if m not in absent]
        fmt = load_format("quick", settings.user_formats_dir)
        agenda = expand(fmt, [m.id for m in present], [by_name["Ben"].id])
        session, _ = workspace.plan_session(
            replica, circle, agenda, absent=absent, hot_seats=[by_name["Ben"]]
        )
    finally:
        replica.close()
    return Planned(session.id, circle.id, {k: m.id for k, m in by_name.items()})


def reading(settings: Settings) -> Replica:
    """The replica, opened for a test to look at what the console saved."""
    return open_replica(settings.replica_path)


def records(settings: Settings, model: type[R], *where: Any) -> list[R]:
    """What the console saved: the records of one type, filtered."""
    replica = reading(settings)
    try:
        return replica.all(model, *where)
    finally:
        replica.close()


async def open_live(app: CircleApp, pilot: Pilot[None], session_id: uuid.UUID) -> LiveScreen:
    """Push the live screen once the backend is open and wait for the session to load."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = LiveScreen(session_id)
    await app.push_screen(screen)
    await pilot.pause()
    await screen.workers.wait_for_complete()
    await pilot.pause()
    assert screen.live is not None, "the session did not load"
    return screen


async def settle(screen: LiveScreen, pilot: Pilot[None]) -> None:
    """Let every queued save and match finish and their results reach the screen."""
    assert screen.recorder is not None
    assert screen.desk is not None
    for _ in range(2):  # a save's result may queue matching, and the other way round
        assert screen.recorder.flush()
        await pilot.pause()
        assert screen.desk.jobs.flush()
        await pilot.pause()


def text_of(screen: LiveScreen, selector: str) -> str:
    """What a Static shows, as plain text."""
    return str(screen.query_one(selector, Static).render())


def time_shown(screen: LiveScreen) -> str:
    return text_of(screen, "#countdown-words")


def speaker_view(screen: LiveScreen) -> SpeakerView:
    view = screen.query_one(SpeakerPanel).view
    assert view is not None
    return view


def speaker(screen: LiveScreen) -> str:
    """The speaker's name as the panel shows it (its first line)."""
    return text_of(screen, "SpeakerPanel").splitlines()[0]


async def advance(
    screen: LiveScreen, frozen: FrozenTime, pilot: Pilot[None], seconds: float
) -> None:
    """Move the frozen clocks on and redraw as the next tick would."""
    frozen.advance(seconds)
    screen.tick()
    await pilot.pause()


def open_app(settings: Settings, frozen: FrozenTime) -> CircleApp:
    """Another console on the same data and clocks (a second start, or changed settings)."""
    return CircleApp(settings, time_source=frozen)
