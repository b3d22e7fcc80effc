"""Match suggestions appear as asks and offers are captured, with the matcher's reason.

Accepting one records the match and a follow-up for the giver; dismissing it keeps it
from coming back; `v` shows the other offers that fit the same ask.
"""

from datetime import timedelta

from textual.widgets import Input

from circle.config import Settings
from circle.model import FollowUp, Item, ItemStatus, Match, MatchState
from circle.tui.app import CircleApp
from circle.tui.screens.live import LiveScreen
from circle.tui.timesource import FrozenTime
from circle.tui.widgets.match_list import MatchList
from tests.tui.conftest import FROZEN_AT
from tests.tui.livekit import Planned, open_app, open_live, records, settle

ASK = "@ana a: an accountant who knows import duties for my wine shop"
OFFERS = [
    "@ben o: I can introduce you to my accountant, who handles import duties for wine shops",
    "@dee o: I know an accountant who specialises in wine and spirits importers",
]


async def capture(screen: LiveScreen, pilot: object, *lines: str) -> None:
    for line in lines:
        await pilot.press("a")  # type: ignore[attr-defined]
        screen.query_one("#live-capture", Input).value = line
        await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.press("escape")  # type: ignore[attr-defined]
    await settle(screen, pilot)  # type: ignore[arg-type]


async def test_an_ask_and_an_offer_that_fit_show_as_a_suggestion_with_a_reason(
    app: CircleApp, planned: Planned
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await capture(screen, pilot, ASK, OFFERS[0])
        matches = screen.query_one(MatchList)
        view = matches.current() or next(iter(matches.views.values()))[0]
        assert (view.giver, view.asker) == ("Ben Okafor", "Ana Ruiz")
        assert view.why.startswith("Ben offers")
        assert 0 < view.score <= 1


async def test_enter_accepts_and_records_the_match_and_the_givers_follow_up(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await capture(screen, pilot, ASK, OFFERS[0])
        await pilot.press("m", "enter")
        await settle(screen, pilot)
        assert screen.query_one(MatchList).views == {}
        assert any("follows up with Ana Ruiz" in str(n.message) for n in app._notifications)
    (match,) = records(settings, Match)
    assert match.state is MatchState.ACCEPTED
    assert match.reason
    (follow_up,) = records(settings, FollowUp)
    assert follow_up.owner_id == planned.members["Ben"]
    assert follow_up.match_id == match.id
    assert follow_up.due == (FROZEN_AT + timedelta(days=7)).date()
    assert {i.status for i in records(settings, Item)} == {ItemStatus.MATCHED}


async def test_d_dismisses_a_suggestion_for_good(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await capture(screen, pilot, ASK, OFFERS[0])
        await pilot.press("m", "d")
        await settle(screen, pilot)
        assert screen.query_one(MatchList).views == {}
    (match,) = records(settings, Match)
    assert match.state is MatchState.DISMISSED
    assert records(settings, FollowUp) == []


async def test_v_steps_through_the_other_offers_that_fit_the_same_ask(
    app: CircleApp, planned: Planned
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await capture(screen, pilot, ASK, *OFFERS)
        await pilot.press("m")
        matches = screen.query_one(MatchList)
        first = matches.current()
        assert first is not None
        assert first.choices == 2
        await pilot.press("v")
        second = matches.current()
        assert second is not None
        assert (second.rank, second.offer_id != first.offer_id) == (2, True)
        await pilot.press("v")
        assert matches.current() == first


async def test_private_items_are_never_suggested(app: CircleApp, planned: Planned) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await capture(screen, pilot, ASK + " #private", OFFERS[0])
        assert screen.query_one(MatchList).views == {}


async def test_decided_matches_stay_decided_when_the_session_is_opened_again(
    settings: Settings, planned: Planned, frozen_time: FrozenTime
) -> None:
    app = open_app(settings, frozen_time)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await capture(screen, pilot, ASK, *OFFERS)
        await pilot.press("m", "d")
        await settle(screen, pilot)
        remaining = screen.query_one(MatchList).current()
    again = open_app(settings, frozen_time)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await open_live(again, pilot, planned.session_id)
        await settle(screen, pilot)
        assert screen.query_one(MatchList).current() == remaining
