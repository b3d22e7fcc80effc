"""Follow-through on the live screen: last time's promises come up in each member's check-in,
`f` marks them done, dropped or carried over, and the marks are saved in this session.

The demo circle's last session left Ana a follow-up, and Ben a commitment and a follow-up.
"""

from collections.abc import Callable

from sqlmodel import col
from textual.widgets import OptionList

from circle.config import Settings
from circle.model import FollowUp, FollowUpStatus, Item, ItemStatus
from circle.tui.app import CircleApp
from circle.tui.dialogs.promises import PromisesDialog
from circle.tui.opening import Opening, Start
from circle.tui.screens.live import LiveScreen
from tests.tui.helpers import screen_text, settle
from tests.tui.livekit import records, speaker, text_of
from tests.tui.livekit import settle as settle_live


async def start_quick_demo(app: CircleApp, pilot: object) -> LiveScreen:
    """Set up the demo circle with the quick format and start it."""
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("s")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    app.screen.query_one("#formats", OptionList).focus()
    await pilot.press("down", "s")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    live = app.screen
    assert isinstance(live, LiveScreen)
    assert live.live is not None
    return live


async def test_f_marks_the_speakers_promises_in_their_check_in_and_saves_them(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        live = await start_quick_demo(app, pilot)
        assert live.live is not None
        session_id = live.live.session_id
        assert speaker(live) == "Ana Ruiz"
        assert "Last time: Ana introduces Dev to Harmon Build" in text_of(live, "SpeakerPanel")
        await pilot.press("f")
        assert isinstance(app.screen, PromisesDialog)
        assert "What became of Ana Ruiz's promises?" in screen_text(pilot)
        await pilot.press("d", "ctrl+s")
        assert app.screen is live
        await settle_live(live, pilot)
        assert "Harmon Build by email. (done)" in text_of(live, "SpeakerPanel")
        await pilot.press("f")  # nothing left to mark for Ana
        await pilot.pause()
        assert app.screen is live
        assert "no open promises left" in screen_text(pilot)
        await pilot.press("space", "n")
        assert speaker(live) == "Ben Okafor"
        await pilot.press("f")
        await pilot.press("c", "down", "x", "ctrl+s")
        await settle_live(live, pilot)
        said = text_of(live, "SpeakerPanel")
        assert "(carried over)" in said
        assert "(dropped)" in said

    resolved = records(settings, FollowUp, col(FollowUp.resolved_in_session_id) == session_id)
    resolved_items = records(settings, Item, col(Item.resolved_in_session_id) == session_id)
    outcomes = sorted(r.status.value for r in [*resolved, *resolved_items])
    assert outcomes == ["carried", "done", "dropped"]
    # Carried over: a fresh open copy in this session, linked back to the old one.
    copies = [
        r
        for r in [*records(settings, FollowUp), *records(settings, Item)]
        if r.session_id == session_id and r.carried_from_id is not None
    ]
    assert len(copies) == 1
    assert copies[0].status in (FollowUpStatus.OPEN, ItemStatus.OPEN)


async def test_f_outside_a_check_in_turn_says_when_promises_come_up(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        live = await start_quick_demo(app, pilot)
        assert live.live is not None
        await pilot.press("space", *"n" * 6)  # the six check-ins done: Ben's hot seat
        assert "Hot seat" in text_of(live, "SpeakerPanel")
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is live
        assert "marked during each member's check-in turn" in screen_text(pilot)
