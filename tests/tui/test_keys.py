"""Keys: every binding has an id, a description and a place in the footer; the config file's
[keymap] moves them; `?` lists the screen's keys as remapped; ctrl+p finds every action by
name; NO_COLOR turns the console grey."""

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from textual.binding import Binding
from textual.color import Color
from textual.widgets import Footer

from circle.config import Settings, load_settings
from circle.tui.app import CircleApp
from circle.tui.dialogs.base import CircleDialog
from circle.tui.dialogs.confirm import ConfirmDialog
from circle.tui.dialogs.export import ExportDialog
from circle.tui.dialogs.guest import GuestDialog
from circle.tui.dialogs.help import HelpDialog
from circle.tui.dialogs.latecomer import LatecomerDialog
from circle.tui.dialogs.new_circle import NewCircleDialog
from circle.tui.dialogs.promises import PromisesDialog
from circle.tui.dialogs.qr import QRDialog
from circle.tui.opening import Opening, Start
from circle.tui.screens.home import HomeScreen
from circle.tui.screens.live import LiveScreen
from circle.tui.screens.live_clock import ClockScreen
from circle.tui.screens.setup import SetupScreen
from circle.tui.screens.summary import SummaryScreen
from circle.tui.timesource import FrozenTime
from circle.tui.widgets.match_list import MatchList
from circle.tui.widgets.promise_table import PromiseTable
from tests.tui.helpers import screen_text, settle

OWNERS = [
    CircleApp,
    HomeScreen,
    SetupScreen,
    SummaryScreen,
    PromiseTable,
    CircleDialog,
    NewCircleDialog,
    GuestDialog,
    ExportDialog,
    HelpDialog,
    ClockScreen,
    LiveScreen,
    MatchList,
    ConfirmDialog,
    LatecomerDialog,
    QRDialog,
    PromisesDialog,
]


@pytest.mark.parametrize("owner", OWNERS, ids=lambda owner: owner.__name__)
def test_every_binding_has_an_id_a_description_and_shows_in_the_footer(owner: type) -> None:
    bindings = list(Binding.make_bindings(owner.BINDINGS))
    assert bindings
    for binding in bindings:
        assert binding.id, binding
        assert binding.description, binding
        # The palette's key sits at the footer's right edge instead.
        assert binding.show or binding.id == "command_palette", binding


def test_binding_ids_are_unique_across_the_console() -> None:
    # One binding may list several keys ("escape,q"): its id counts once.
    ids = [i for owner in OWNERS for i in {b.id for b in Binding.make_bindings(owner.BINDINGS)}]
    repeated = {i for i in ids if ids.count(i) > 1}
    assert repeated == set()  # so a keymap line moves exactly the key it names


@pytest.fixture
def remapped_app(tmp_path: Path, frozen_time: FrozenTime) -> CircleApp:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('[keymap]\nstart_session = "f5"\nhelp = "f1"\n')
    settings = load_settings(data_dir=tmp_path / "data", config_dir=config)
    return CircleApp(settings, opening=Opening(Start.DEMO), time_source=frozen_time)


async def test_a_key_remapped_in_the_config_file_moves_and_help_says_so(
    remapped_app: CircleApp,
) -> None:
    app = remapped_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "f5 Start session" in text
        assert "Press f5 to set up today's session" in text
        await pilot.press("s")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpDialog)
        help_text = screen_text(pilot)
        assert "f5 (remapped)" in help_text
        assert "start_session" in help_text
        assert "New circle" in help_text
        assert "new_circle" in help_text
        await pilot.press("escape", "f5")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)


async def test_live_keys_remapped_in_the_config_file_run_their_action(
    tmp_path: Path, frozen_time: FrozenTime
) -> None:
    from tests.tui.livekit import open_live, plan_quick, speaker

    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        'local_only = true\n[keymap]\nnext_turn = "j"\ntoggle_clock = "f6"\n'
    )
    settings = load_settings(data_dir=tmp_path / "data", config_dir=config)
    planned = plan_quick(settings)
    app = CircleApp(settings, time_source=frozen_time)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        footer = screen_text(pilot).splitlines()[-1]
        assert "f6 Start/pause" in footer
        assert "j p Next/prev" in footer
        await pilot.press("f6", "n")  # n no longer moves on: the keymap gave Next to j
        assert speaker(screen) == "Ana Ruiz"
        await pilot.press("j")
        assert speaker(screen) == "Ben Okafor"


async def test_the_live_footer_shows_every_session_key_at_120_columns(
    settings: Settings, frozen_time: FrozenTime
) -> None:
    from tests.tui.livekit import open_live, plan_quick

    planned = plan_quick(settings)
    app = CircleApp(settings, time_source=frozen_time)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_live(app, pilot, planned.session_id)
        await pilot.pause()
        footer = screen_text(pilot).splitlines()[-1]
        for shown in (
            "? Help",
            "space Start/pause",
            "n p Next/prev",
            "+ - ±1 min",
            "s Skip",
            "l Late",
            "a o c Capture",
            "q QR",
            "e End",
            "m Matches",
            "^p Palette",
        ):
            assert shown in footer


async def test_question_mark_lists_the_screen_keys_and_closes_again(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("?")
        assert isinstance(app.screen, HelpDialog)
        text = screen_text(pilot)
        for line in ("Keys: setup", "This screen", "Start session", "Add guest", "Everywhere"):
            assert line in text
        await pilot.press("?")
        assert isinstance(app.screen, SetupScreen)


async def test_the_palette_finds_a_screen_action_by_name_and_runs_it(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"start sess")
        await pilot.pause(0.3)
        assert "key: s" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)


async def test_the_footer_shows_the_screen_actions(make_app: Callable[..., CircleApp]) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(Footer)
        footer = screen_text(pilot).splitlines()[-1]
        for shown in ("n New circle", "s Start session", "o Open summary", "? Help", "^q Quit"):
            assert shown in footer


async def test_no_color_turns_every_colour_grey(
    monkeypatch: pytest.MonkeyPatch, make_app: Callable[..., CircleApp]
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        colours: set[RichColor] = set()
        background = Color(0, 0, 0)
        for strip in app.screen._compositor.render_strips():
            for line_filter in app.get_line_filters():
                strip = strip.apply_filter(line_filter, background)
            for segment in strip:
                if segment.style is not None:
                    colours.update(c for c in (segment.style.color, segment.style.bgcolor) if c)
        assert colours
        for colour in colours:
            red, green, blue = colour.get_truecolor()
            assert red == green == blue, colour


async def test_the_theme_setting_picks_a_textual_theme(make_app: Callable[..., CircleApp]) -> None:
    app = make_app(theme="nord")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"


async def test_an_unknown_theme_is_named_and_the_default_kept(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app(theme="[b]no-such-theme")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        text = screen_text(pilot)
        assert "no theme called" in text
        assert "[b]no-such-theme" in text
