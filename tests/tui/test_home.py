"""Home paints at once, then lists the circles with their last and next session and the
highlighted circle's sessions; a new circle is made from a dialog checked like `circle new`."""

import subprocess
import sys
from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Input, TextArea

from circle.config import Settings
from circle.local import open_replica
from circle.tui.app import CircleApp
from circle.tui.dialogs.new_circle import NewCircleDialog
from circle.tui.opening import Opening, Start
from circle.tui.screens.home import HomeScreen
from circle.tui.screens.setup import SetupScreen
from circle.tui.screens.summary import SummaryScreen
from circle.workspace import circles, members
from tests.tui.helpers import MARKUP_NAMES, screen_text, seed_circle, settle, shown


async def test_the_demo_lands_on_home_with_the_demo_circle_highlighted_and_a_hint(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "Welcome to the demo: Riverside Makers is ready. Press s" in text
        assert "11 Nov · 14 days ago" in text
        assert "Sessions of Riverside Makers" in text
        assert "Wed 11 Nov 2026, 08:00  classic  ended" in text
        assert "Ruiz Bakehouse" in text  # the members panel at 120 columns


async def test_an_empty_replica_says_how_to_make_the_first_circle(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "No circles yet. Press n to create one" in screen_text(pilot)


def test_the_first_frame_needs_no_database_layer() -> None:
    """Importing the app and its home screen leaves SQLModel and SQLAlchemy unloaded."""
    code = (
        "import sys, circle.tui.app, circle.tui.screens.home;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlmodel', 'sqlalchemy')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


async def test_a_data_dir_holding_garbage_shows_why_instead_of_crashing(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    settings.data_dir.mkdir(parents=True)
    settings.replica_path.write_text("not a database" * 100)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "not a circle database" in screen_text(pilot)


async def test_the_hint_follows_a_remapped_key(make_app: Callable[..., CircleApp]) -> None:
    app = make_app(keymap={"new_circle": "ctrl+n"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Press ^n to create one" in screen_text(pilot)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NewCircleDialog)


async def test_a_new_circle_is_created_from_the_dialog_and_highlighted(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    seed_circle(settings, "Aardvarks", "Zed")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NewCircleDialog)
        await pilot.press(*"Makers")
        app.screen.query_one(
            "#circle-members", TextArea
        ).text = "Ana Ruiz | Ruiz Bakehouse\n\n  Ben Okafor  \n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#circles", DataTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Makers"
        assert "Sessions of Makers" in screen_text(pilot)
    replica = open_replica(settings.replica_path)
    made = next(c for c in circles(replica) if c.name == "Makers")
    assert [(m.name, m.business) for m in members(replica, made.id)] == [
        ("Ana Ruiz", "Ruiz Bakehouse"),
        ("Ben Okafor", ""),
    ]
    replica.close()


@pytest.mark.parametrize(
    ("name", "lines", "reason"),
    [
        ("", "Ana", "a circle needs a name"),
        ("   ", "Ana", "a circle needs a name"),
        ("x" * 10_000, "Ana", "a circle's name is at most 120 characters"),
        ("Makers", "Ana\nana ", "'ana' is listed twice"),
        ("Makers", " | a business without a name", "a member needs a name"),
        ("Makers", "y" * 10_000, "a member's name is at most 120 characters"),
        ("Makers", "Ana | " + "b" * 10_000, "the business of 'Ana' is at most 200 characters"),
        ("riverside", "Ana", "there is already a circle called 'Riverside'"),
    ],
)
async def test_the_new_circle_dialog_refuses_garbage_and_keeps_what_was_typed(
    settings: Settings, make_app: Callable[..., CircleApp], name: str, lines: str, reason: str
) -> None:
    seed_circle(settings, "Riverside", "Zed")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        dialog = app.screen
        dialog.query_one("#circle-name", Input).value = name
        dialog.query_one("#circle-members", TextArea).text = lines
        await pilot.click("#create")
        await settle(pilot)
        assert app.screen is dialog
        assert reason in shown(dialog.query_one("#new-circle-error"))
        assert dialog.query_one("#circle-name", Input).value == name
    replica = open_replica(settings.replica_path)
    assert [c.name for c in circles(replica)] == ["Riverside"]
    replica.close()


async def test_escape_closes_the_dialog_without_creating_anything(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Lost", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    replica = open_replica(settings.replica_path)
    assert circles(replica) == []
    replica.close()


async def test_names_that_look_like_markup_show_literally(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    seed_circle(settings, MARKUP_NAMES[0], *MARKUP_NAMES[1:])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        for name in MARKUP_NAMES:
            assert name in text
        assert app.is_running


async def test_enter_on_a_circle_opens_setup_and_on_a_session_opens_its_summary(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Riverside Makers · Wed 11 Nov 2026, 08:00 · classic" in screen_text(pilot)
