"""With a store, the live screen syncs: it says it is online, has a join code for phones,
and shows what phones send (an ask on the board, who joined, a raised hand) as it arrives;
setup says beforehand whether the store phones will join through answers.

The store here is a real one on 127.0.0.1, reached as a remote store would be.
"""

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from textual.pilot import Pilot

from circle.config import Settings, load_settings
from circle.model import Session
from circle.store.embedded import EmbeddedStore, start_embedded_store
from circle.tui.app import CircleApp
from circle.tui.dialogs.qr import QRDialog
from circle.tui.opening import Opening, Start
from circle.tui.screens.live import LiveScreen
from circle.tui.screens.setup import SetupScreen
from circle.tui.timesource import FrozenTime
from circle.tui.widgets.board import Board
from tests.tui.helpers import seed_circle
from tests.tui.livekit import (
    Planned,
    open_app,
    open_live,
    plan_quick,
    reading,
    speaker,
    text_of,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store_settings = load_settings(data_dir=tmp_path / "store", config_dir=tmp_path / "store-c")
    running = start_embedded_store(store_settings, host="127.0.0.1")
    yield running
    running.stop()


async def until(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 20.0) -> None:
    """Let the app run until `done()` holds (real time: the network is real here)."""
    for _ in range(int(seconds / 0.1)):
        if done():
            return
        await pilot.pause(0.1)
    raise AssertionError("the console did not get there in time")


def board_text(screen: LiveScreen) -> str:
    board = screen.query_one(Board)
    return " ".join(str(c) for i in range(board.row_count) for c in board.get_row_at(i))


async def test_a_synced_session_is_online_with_a_join_code_and_shows_what_phones_send(
    settings: Settings, frozen_time: FrozenTime, store: EmbeddedStore
) -> None:
    planned: Planned = plan_quick(settings)
    synced = replace(settings, local_only=False, store_url=store.url)
    app = open_app(synced, frozen_time)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await until(pilot, lambda: screen.join is not None)
        assert screen.join is not None
        assert screen.join.url == f"{store.url}/j/{screen.join.code}"
        await until(pilot, lambda: "online" in text_of(screen, "#live-status"))
        session = f"/api/v1/sessions/{planned.session_id}"
        async with httpx.AsyncClient(base_url=store.url) as phone:
            joined = await phone.post(
                "/api/v1/join",
                json={"code": screen.join.code, "member_id": str(planned.members["Dee"])},
            )
            assert joined.status_code == 200, joined.text
            filed = await phone.post(f"{session}/items", json={"kind": "ask", "text": "a van"})
            assert filed.status_code == 201, filed.text
            hand = await phone.put(f"{session}/hand", json={"raised": True})
            assert hand.status_code == 200, hand.text
        await until(pilot, lambda: "a van" in board_text(screen))
        assert "Dee Lane (phone): a van" in board_text(screen)
        await until(pilot, lambda: "hand up: Dee Lane" in text_of(screen, "#live-status"))
        assert "1 joined by phone" in text_of(screen, "#live-status")
        await pilot.press("q")
        assert isinstance(app.screen, QRDialog)
        assert screen.join.url in text_of(app.screen, "#qr-link")  # type: ignore[arg-type]
        await pilot.press("escape")
    replica = reading(settings)
    try:
        stored = replica.get(Session, planned.session_id)
    finally:
        replica.close()
    assert stored is not None
    assert (stored.join_code, stored.public_url) == (screen.join.code, store.url)


async def test_a_store_that_cannot_be_reached_leaves_the_session_running_locally(
    settings: Settings, frozen_time: FrozenTime
) -> None:
    planned = plan_quick(settings)
    away = replace(settings, local_only=False, store_url="http://127.0.0.1:9")
    app = open_app(away, frozen_time)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await until(pilot, lambda: "offline" in text_of(screen, "#live-status"))
        await pilot.press("space", "n")
        assert speaker(screen) == "Ben Okafor"
        await pilot.press("q")
        assert app.screen is screen
        assert any("No join code yet" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize("reachable", [True, False], ids=["store up", "store away"])
async def test_setup_says_whether_the_store_phones_join_through_answers(
    settings: Settings, frozen_time: FrozenTime, store: EmbeddedStore, reachable: bool
) -> None:
    seed_circle(settings, "Makers", "Ana", "Ben")
    where = store.url if reachable else "http://127.0.0.1:9"
    console = replace(settings, local_only=False, store_url=where)
    opening = Opening(Start.RUN, circle="Makers")
    app = CircleApp(console, opening=opening, time_source=frozen_time)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        await until(pilot, lambda: "Looking for" not in text_of(screen, "#join"))
        said = text_of(screen, "#join")
        if reachable:
            assert f"The store {store.url} is ready" in said
            assert "press q on the live screen" in said
        else:
            assert "does not answer" in said
            assert "runs here all the same" in said
