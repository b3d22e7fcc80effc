"""A whole quick session, from setup to summary; and a console closed mid-turn comes back.

The demo circle is set up with the quick format, every turn is run with `n`, an ask and
an offer are captured on the way, the session is ended with `e`, and the summary shows
what happened. A console closed mid-session opens again on the same turn, with the
time it has left and the note typed before it closed.
"""

from collections.abc import Callable

from textual.widgets import Input, OptionList, TextArea

from circle.config import Settings
from circle.tui.app import CircleApp
from circle.tui.opening import Opening, Start
from circle.tui.screens.live import LiveScreen
from circle.tui.screens.setup import SetupScreen
from circle.tui.screens.summary import SummaryScreen
from circle.tui.timesource import FrozenTime
from tests.tui.helpers import screen_text, settle
from tests.tui.livekit import advance, open_app, open_live, plan_quick, speaker, time_shown
from tests.tui.livekit import settle as settle_live


async def test_a_quick_session_runs_from_setup_to_summary(
    make_app: Callable[..., CircleApp], frozen_time: FrozenTime
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        setup.query_one("#formats", OptionList).focus()
        await pilot.press("down")
        assert "Quick circle" in screen_text(pilot)
        await pilot.press("s")
        await settle(pilot)
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.workers.wait_for_complete()
        await pilot.pause()
        assert live.live is not None
        assert live.live.format_title == "Quick circle"
        await pilot.press("space")
        turns = 0
        while not live.live.run.finished:
            if turns == 1:
                await pilot.press("a")
                live.query_one("#live-capture", Input).value = "a: a wholesale bakery buyer"
                await pilot.press("enter", "escape")
            if turns == 2:
                await pilot.press("o", *"I know the buyer at Fenwick", "enter", "escape")
            await advance(live, frozen_time, pilot, 25)
            await pilot.press("n")
            turns += 1
        assert speaker(live) == "All turns done"
        assert time_shown(live) == "All turns done"
        await settle_live(live, pilot)
        await pilot.press("e", "y")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await settle(pilot)
        text = screen_text(pilot)
    assert turns == len(live.live.run.agenda.turns)
    assert "a wholesale bakery buyer" in text
    assert "I know the buyer at Fenwick" in text
    assert "Talk time" in text


async def test_a_console_closed_mid_turn_opens_again_on_that_turn_with_its_time_and_notes(
    settings: Settings, frozen_time: FrozenTime
) -> None:
    planned = plan_quick(settings)
    first = open_app(settings, frozen_time)
    async with first.run_test(size=(120, 40)) as pilot:
        screen = await open_live(first, pilot, planned.session_id)
        await pilot.press("space")
        await advance(screen, frozen_time, pilot, 10)
        await pilot.press("n", "t", *"Ben hired a clerk")
        await advance(screen, frozen_time, pilot, 12)
    frozen_time.advance(5)  # the console is closed for five seconds
    again = CircleApp(settings, opening=Opening(), time_source=frozen_time)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        resumed = again.screen
        assert isinstance(resumed, LiveScreen)
        await settle_live(resumed, pilot)
        assert speaker(resumed) == "Ben Okafor"
        assert time_shown(resumed) == "0:13 left"
        assert resumed.query_one("#notes-text", TextArea).text == "Ben hired a clerk"
        assert any("Back to the running session" in str(n.message) for n in again._notifications)
