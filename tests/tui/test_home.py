"""The home screen paints at once, then lists the circles with their last and next session."""

from circle.config import Settings
from circle.tui.app import CircleApp
from circle.tui.opening import Opening, Start
from circle.tui.timesource import FrozenTime


async def test_the_demo_opens_on_home_with_the_demo_circle(
    settings: Settings, frozen_time: FrozenTime
) -> None:
    app = CircleApp(settings, opening=Opening(Start.DEMO), time_source=frozen_time)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#circles")
        assert table.row_count == 1  # type: ignore[attr-defined]
        assert "Riverside Makers" in str(table.get_row_at(0)[0])  # type: ignore[attr-defined]


async def test_a_data_dir_holding_garbage_shows_why_instead_of_crashing(
    settings: Settings, frozen_time: FrozenTime
) -> None:
    settings.data_dir.mkdir(parents=True)
    settings.replica_path.write_text("not a database" * 100)
    app = CircleApp(settings, time_source=frozen_time)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = app.screen.query_one("#home-status")
        assert "not a circle database" in str(status.render())
