"""The agenda bends while the circle runs: skip a member, welcome a latecomer, trim, end."""

from sqlmodel import col
from textual.widgets import Input, OptionList

from circle.config import Settings
from circle.model import Attendance, Member, Session, SessionStatus, Turn, TurnStatus
from circle.tui.app import CircleApp
from circle.tui.dialogs.confirm import ConfirmDialog
from circle.tui.dialogs.latecomer import LatecomerDialog
from circle.tui.screens.summary import SummaryScreen
from circle.tui.timesource import FrozenTime
from circle.tui.widgets.board import Board
from circle.tui.widgets.match_list import MatchList
from tests.tui.helpers import screen_text
from tests.tui.livekit import (
    Planned,
    advance,
    open_live,
    records,
    settle,
    speaker,
    speaker_view,
    text_of,
)


async def test_s_skips_the_speaker_and_every_step_of_their_hot_seat(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "n", "n", "n", "n")
        assert speaker_view(screen).phase == "Hot seat · Present"
        await pilot.press("s")
        assert speaker_view(screen).phase == "Asks and offers"
        assert speaker(screen) == "Ana Ruiz"
        await settle(screen, pilot)
    hot = records(settings, Turn, col(Turn.phase_key) == "hot-seat")
    assert {t.status for t in hot} == {TurnStatus.SKIPPED}
    assert len(hot) == 4


async def test_l_welcomes_an_absent_member_into_the_rounds_still_to_come(
    app: CircleApp, planned: Planned, settings: Settings, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "l")
        assert isinstance(app.screen, LatecomerDialog)
        absent = app.screen.query_one(OptionList)
        assert absent.option_count == 1
        await pilot.press("enter")
        assert app.screen is screen
        assert "Eve Stone" in text_of(screen, "#agenda-lines")
        await settle(screen, pilot)
    eve = planned.members["Eve"]
    (row,) = records(settings, Attendance, col(Attendance.member_id) == eve)
    assert row.present
    assert row.arrived_at is not None
    eve_turns = records(settings, Turn, col(Turn.member_id) == eve)
    assert {t.phase_key for t in eve_turns} == {"check-in", "asks-offers", "commitments"}
    positions = [t.position for t in records(settings, Turn)]
    assert sorted(positions) == list(range(len(positions)))


async def test_l_adds_a_guest_by_name_who_can_then_be_named_in_a_capture(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("l")
        app.screen.query_one("#latecomer-guest", Input).value = "Sam [i]Lee[/i] | Lee Bakery"
        app.screen.query_one("#latecomer-guest", Input).focus()
        await pilot.press("enter")
        assert app.screen is screen
        await pilot.press("a")
        screen.query_one("#live-capture", Input).value = "@sam o: day-old bread"
        await pilot.press("enter")
        await settle(screen, pilot)
        rows = screen.query_one(Board).get_row_at(0)
        assert str(rows[1]) == "Sam [i]Lee[/i]: day-old bread"
    (guest,) = records(settings, Member, col(Member.is_guest).is_(True))
    assert (guest.name, guest.business) == ("Sam [i]Lee[/i]", "Lee Bakery")


async def test_a_guest_without_a_name_is_refused_in_the_dialog(
    app: CircleApp, planned: Planned
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_live(app, pilot, planned.session_id)
        await pilot.press("l")
        dialog = app.screen
        dialog.query_one("#latecomer-guest", Input).value = " | just a business"
        dialog.query_one("#latecomer-guest", Input).focus()
        await pilot.press("enter")
        assert app.screen is dialog
        assert "needs a name" in text_of(dialog, "#latecomer-error")  # type: ignore[arg-type]
        await pilot.press("escape")
        assert not isinstance(app.screen, LatecomerDialog)


async def test_a_late_session_offers_a_trim_and_r_applies_it(
    app: CircleApp, planned: Planned, settings: Settings, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 300)
        bar = text_of(screen, "#live-session-bar")
        assert "LATE by 4:30" in bar
        assert "r: trim" in bar
        await pilot.pause()
        assert " r Trim " in screen_text(pilot)  # the key shows in the footer once it applies
        before = [t.planned for t in screen.live.run.clock.turns]  # type: ignore[union-attr]
        await pilot.press("r")
        after = [t.planned for t in screen.live.run.clock.turns]  # type: ignore[union-attr]
        assert sum(after) < sum(before)
        assert "LATE" not in text_of(screen, "#live-session-bar")
        await settle(screen, pilot)
    stored = records(settings, Turn)
    assert sum(t.planned_seconds for t in stored) == sum(after)


async def test_r_on_time_is_hidden_and_trims_nothing(app: CircleApp, planned: Planned) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        before = [t.planned for t in screen.live.run.clock.turns]  # type: ignore[union-attr]
        assert screen.check_action("apply_rebalance", ()) is False
        assert " r Trim" not in screen_text(pilot)
        await pilot.press("r")
        assert [t.planned for t in screen.live.run.clock.turns] == before  # type: ignore[union-attr]


async def test_e_asks_first_then_ends_the_session_and_saves_it(
    app: CircleApp, planned: Planned, settings: Settings, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 20)
        await pilot.press("e")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.screen is screen
        await pilot.press("e", "y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.session_id == planned.session_id
    (session,) = records(settings, Session)
    assert session.status is SessionStatus.ENDED
    assert session.ended_at is not None
    stored = records(settings, Turn)
    statuses = [t.status for t in sorted(stored, key=lambda t: t.position)]
    assert statuses[0] is TurnStatus.DONE
    assert set(statuses[1:]) == {TurnStatus.SKIPPED}


async def test_q_on_a_local_only_console_says_phones_cannot_join(
    app: CircleApp, planned: Planned
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("q")
        assert app.screen is screen
        assert any("phones cannot join" in str(n.message) for n in app._notifications)


async def test_m_moves_the_focus_to_the_matches(app: CircleApp, planned: Planned) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("m")
        assert screen.query_one(MatchList).has_focus
