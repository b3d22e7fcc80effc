"""Setup: mark who is here, add a guest, pick the format and the hot seats, mark what became of
last time's promises, then start: the planned session, its roster and the marks are written."""

import uuid
from collections.abc import Callable

from sqlmodel import col
from textual.message import Message
from textual.widgets import Input, OptionList, SelectionList

from circle.config import Settings
from circle.local import open_replica
from circle.model import (
    Attendance,
    FollowUp,
    FollowUpStatus,
    Item,
    ItemStatus,
    Member,
    Session,
    SessionStatus,
    Turn,
)
from circle.tui.app import CircleApp
from circle.tui.dialogs.guest import GuestDialog
from circle.tui.messages import SessionPlanned
from circle.tui.opening import Opening, Start
from circle.tui.screens.live import LiveScreen
from circle.tui.screens.setup import SetupScreen
from circle.tui.widgets.promise_table import PromiseTable
from tests.tui.helpers import MARKUP_NAMES, screen_text, seed_circle, settle, shown


def roster_index(screen: SetupScreen, name: str) -> int:
    return next(i for i, person in enumerate(screen.roster) if person.name == name)


async def open_demo_setup(app: CircleApp, pilot: object) -> SetupScreen:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("s")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, SetupScreen)
    return app.screen


async def test_the_demo_circle_is_set_up_and_started_with_every_choice_recorded(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    planned: list[SessionPlanned] = []

    def record(message: Message) -> None:
        if isinstance(message, SessionPlanned):
            planned.append(message)

    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40), message_hook=record) as pilot:
        screen = await open_demo_setup(app, pilot)
        assert "6 of 6 here · Classic mastermind" in screen_text(pilot)
        # Chloé is away: space toggles the highlighted person on the focused roster.
        roster = screen.query_one("#roster", SelectionList)
        roster.highlighted = roster_index(screen, "Chloé Martin")
        await pilot.press("space")
        # A guest joins.
        await pilot.press("g")
        assert isinstance(app.screen, GuestDialog)
        await pilot.press(*"Sam Lee", "enter", *"Lee Plumbing", "enter")
        await pilot.pause()
        assert "6 of 7 here" in screen_text(pilot)
        # The quick format, chosen with the keyboard.
        screen.query_one("#formats", OptionList).focus()
        await pilot.press("down")
        assert "Quick circle · 26 min for 6" in screen_text(pilot)
        # The hot seat goes to whoever waited longest among those here: Ben (Chloé is away).
        assert screen.hot_seats() == [screen.roster[roster_index(screen, "Ben Okafor")].id]
        # Last time's promises: first done, second dropped, third carried over.
        table = screen.query_one(PromiseTable)
        table.focus()
        await pilot.press("d", "down", "x", "down", "c")
        marked = dict(table.marks)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.session_id == planned[0].session_id

    assert len({message.session_id for message in planned}) == 1  # seen by screen and app
    replica = open_replica(settings.replica_path)
    session = replica.get(Session, planned[0].session_id)
    assert session is not None
    assert session.format == "quick"
    assert session.status is SessionStatus.PLANNED
    people = {m.id: m for m in replica.all(Member)}
    names = {m.name: m for m in people.values()}
    assert names["Sam Lee"].is_guest
    assert names["Sam Lee"].business == "Lee Plumbing"
    assert session.hot_seat_ids == str(names["Ben Okafor"].id)
    marks = {
        people[a.member_id].name: a.present
        for a in replica.all(Attendance, col(Attendance.session_id) == session.id)
    }
    assert marks["Chloé Martin"] is False
    assert marks["Sam Lee"] is True
    assert sum(marks.values()) == 6
    turns = replica.all(Turn, col(Turn.session_id) == session.id)
    check_in = [t for t in turns if t.phase_key == "check-in"]
    assert len(check_in) == 6
    outcomes = _outcomes(replica, marked)
    assert sorted(outcomes.values()) == ["carried", "done", "dropped"]
    carried = replica.all(FollowUp, col(FollowUp.session_id) == session.id)
    carried += replica.all(Item, col(Item.session_id) == session.id)  # type: ignore[arg-type]
    assert len(carried) >= 1
    replica.close()


def _outcomes(replica: object, marked: dict[uuid.UUID, str]) -> dict[uuid.UUID, str]:
    found: dict[uuid.UUID, str] = {}
    for key in marked:
        record = replica.get(FollowUp, key) or replica.get(Item, key)  # type: ignore[attr-defined]
        found[key] = record.status.value
        assert record.status in (*FollowUpStatus, *ItemStatus)
    return found


async def test_circle_run_opens_straight_into_setup_with_the_format_chosen(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    seed_circle(settings, "Makers", "Ana | bakery", "Ben", "Cy")
    app = make_app(Opening(Start.RUN, circle="Makers", format="reciprocity-ring"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.format is not None
        assert app.screen.format.name == "reciprocity-ring"
        assert "3 of 3 here · Reciprocity ring" in screen_text(pilot)
        assert "Nothing open from earlier sessions." in screen_text(pilot)
        # The test console runs local only: setup says phones cannot join, and why.
        assert "runs local only" in shown(app.screen.query_one("#join"))


async def test_picking_hot_seats_by_hand_and_too_many_refuses_to_start(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    seed_circle(settings, "Makers", "Ana", "Ben", "Cy", "Di")
    app = make_app(Opening(Start.RUN, circle="Makers", format="quick"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        seats = screen.query_one("#hot-seats", SelectionList)
        assert "1 of 1 seats taken." in screen_text(pilot)
        seats.focus()
        await pilot.press("down", "space")  # a second pick for the quick format's one seat
        assert "2 picked for 1 seats: unpick 1." in screen_text(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("up", "space")  # unpick the suggested one: the hand-picked one stays
        assert screen.hot_seats() == [seats.get_option_at_index(1).value]
        assert "1 of 1 seats taken." in screen_text(pilot)


async def test_only_the_picked_hot_seats_are_ticked_even_without_colour(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_demo_setup(app, pilot)
        ticked = [line for line in screen_text(pilot).splitlines() if "▐X▌" in line]
        # The roster: all six are here; the hot seats: the classic format's two, no more.
        assert sum("here  " in line for line in ticked) == 6
        seats = [line for line in ticked if "here  " not in line]
        assert len(seats) == 2
        assert "Ben Okafor  seat 1" in seats[0]
        assert "Chloé Martin  seat 2" in seats[1]
        assert "2 of 2 seats taken." in screen_text(pilot)
        assert "▐ ▌ Erin Walsh" in screen_text(pilot)


async def test_nobody_present_cannot_start(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    seed_circle(settings, "Makers", "Ana")
    app = make_app(Opening(Start.RUN, circle="Makers"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("space", "s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert "away  Ana" in screen_text(pilot)
    replica = open_replica(settings.replica_path)
    assert replica.all(Session) == []
    replica.close()


async def test_the_guest_dialog_refuses_garbage_and_duplicates(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    seed_circle(settings, "Makers", "Ana Ruiz")
    app = make_app(Opening(Start.RUN, circle="Makers"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        dialog = app.screen
        cases = [
            ("", "", "a member needs a name"),
            ("x" * 10_000, "", "a member's name is at most 120 characters"),
            ("Sam", "b" * 10_000, "the business of 'Sam' is at most 200 characters"),
            (" ana ruiz ", "", "Ana Ruiz is already on the roster"),
        ]
        for name, business, reason in cases:
            dialog.query_one("#guest-name", Input).value = name
            dialog.query_one("#guest-business", Input).value = business
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is dialog
            assert reason in shown(dialog.query_one("#guest-error"))
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen)
        assert len(app.screen.roster) == 1


async def test_markup_in_names_and_promises_shows_literally_on_setup(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    seed_circle(settings, "Makers", *(f"{name} | {name}" for name in MARKUP_NAMES))
    app = make_app(Opening(Start.RUN, circle="Makers"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g", *"[b]Guest", "enter", *"[red]biz", "enter")
        await pilot.pause()
        text = screen_text(pilot)
        for name in (*MARKUP_NAMES, "[b]Guest", "[red]biz"):
            assert name in text
