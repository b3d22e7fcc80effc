"""The live screen times each turn: start, pause, next, previous, a minute more or less
(by key, or by clicking the footer's keys).

The countdown says its state in words as well as colour, and every change is saved
to the turn records at once.
"""

from circle.config import Settings
from circle.model import Session, SessionStatus, Turn, TurnStatus
from circle.tui.app import CircleApp
from circle.tui.timesource import FrozenTime
from circle.tui.widgets.countdown import Countdown
from tests.tui.livekit import (
    Planned,
    advance,
    open_app,
    open_live,
    records,
    settle,
    speaker,
    text_of,
    time_shown,
)


def turns(settings: Settings) -> list[Turn]:
    return sorted(records(settings, Turn), key=lambda t: t.position)


def session_record(settings: Settings) -> Session:
    (session,) = records(settings, Session)
    return session


async def test_the_first_turn_waits_with_its_full_time_until_space(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        assert speaker(screen) == "Ana Ruiz"
        assert time_shown(screen) == "Ready · 0:30 planned"
        await advance(screen, frozen_time, pilot, 10)
        assert time_shown(screen) == "Ready · 0:30 planned"


async def test_space_starts_the_clock_and_it_counts_down(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 10)
        assert time_shown(screen) == "0:20 left"
        assert screen.query_one(Countdown).has_class("-running")
        await settle(screen, pilot)
    session = session_record(settings)
    assert session.status is SessionStatus.RUNNING
    assert session.started_at is not None
    assert turns(settings)[0].status is TurnStatus.RUNNING


async def test_the_countdown_says_warning_then_overtime_in_words_and_changes_colour(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        countdown = screen.query_one(Countdown)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 25)
        assert time_shown(screen) == "WARNING · 0:05 left"
        assert countdown.has_class("-warning")
        await advance(screen, frozen_time, pilot, 40)
        assert time_shown(screen) == "OVERTIME +0:35"
        assert countdown.has_class("-overtime")
        assert not countdown.has_class("-warning")


async def test_space_pauses_and_resumes_the_turn(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 5)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 60)
        assert time_shown(screen) == "PAUSED · 0:25 left"
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 5)
        assert time_shown(screen) == "0:20 left"


async def test_n_moves_to_the_next_speaker_and_saves_both_turns(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 40)
        await pilot.press("n")
        assert speaker(screen) == "Ben Okafor"
        assert time_shown(screen) == "0:30 left"
        sidebar = text_of(screen, "#agenda-lines")
        assert "✓ Ana Ruiz" in sidebar
        assert "0:40/0:30" in sidebar
        assert "▶ Ben Okafor" in sidebar
        await settle(screen, pilot)
    first, second = turns(settings)[:2]
    assert (first.status, first.used_seconds, first.overtime_seconds) == (TurnStatus.DONE, 40, 10)
    assert second.status is TurnStatus.RUNNING
    assert session_record(settings).current_turn_id == second.id


async def test_p_goes_back_to_the_previous_turn_as_if_never_left(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 10)
        await pilot.press("n")
        await advance(screen, frozen_time, pilot, 5)
        await pilot.press("p")
        assert speaker(screen) == "Ana Ruiz"
        assert time_shown(screen) == "0:15 left"


async def test_plus_and_minus_give_or_take_a_minute(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 10)
        await pilot.press("plus")
        assert time_shown(screen) == "1:20 left"
        await pilot.press("plus", "minus")
        assert time_shown(screen) == "1:20 left"
        await settle(screen, pilot)
    assert turns(settings)[0].planned_seconds == 90


async def test_next_before_the_start_says_to_start_first(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("n")
        await pilot.pause()
        assert speaker(screen) == "Ana Ruiz"
        assert any("not started" in str(n.message) for n in app._notifications)


async def test_the_bell_rings_once_at_the_warning_and_once_at_the_end(
    settings: Settings, planned: Planned, frozen_time: FrozenTime
) -> None:
    from dataclasses import replace

    app = open_app(replace(settings, bell=True), frozen_time)
    rings: list[None] = []
    app.bell = lambda: rings.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        for _ in range(40):
            await advance(screen, frozen_time, pilot, 1)
    assert len(rings) == 2


async def test_without_the_bell_setting_nothing_rings(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime
) -> None:
    rings: list[None] = []
    app.bell = lambda: rings.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 40)
    assert rings == []


async def test_the_mouse_runs_the_clock_from_the_footer_keys(
    app: CircleApp, planned: Planned, frozen_time: FrozenTime
) -> None:
    from textual.widgets._footer import FooterKey

    def key(action: str) -> FooterKey:
        return next(k for k in app.screen.query(FooterKey) if k.action == action)

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.pause()
        assert await pilot.click(key("toggle_clock"))
        await advance(screen, frozen_time, pilot, 10)
        assert time_shown(screen) == "0:20 left"
        assert await pilot.click(key("next_turn"))
        assert speaker(screen) == "Ben Okafor"
