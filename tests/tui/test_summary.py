"""Summary: talk time as bars with the numbers, the on-time report, asks, offers, matches,
commitments, follow-ups and thanks; exported from a dialog with progress, files written in a
worker."""

import uuid
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select, SelectionList

from circle.config import Settings
from circle.local import open_replica
from circle.model import Item, ItemKind, Session, SessionStatus, Thanks, Turn
from circle.tui.app import CircleApp
from circle.tui.dialogs.export import ExportDialog
from circle.tui.opening import Opening, Start
from circle.tui.screens.summary import SummaryScreen
from circle.tui.widgets.talk_chart import bar
from circle.workspace import circles
from tests.tui.conftest import FROZEN_AT
from tests.tui.helpers import MARKUP_NAMES, screen_text, seed_circle, settle, shown


def demo_session_id(settings: Settings) -> uuid.UUID:
    replica = open_replica(settings.replica_path)
    try:
        return replica.all(Session)[0].id
    finally:
        replica.close()


async def open_demo_summary(app: CircleApp, pilot: object) -> SummaryScreen:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("tab", "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, SummaryScreen)
    return app.screen


async def test_the_demo_summary_shows_every_section_with_numbers(
    make_app: Callable[..., CircleApp],
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_demo_summary(app, pilot)
        text = screen_text(pilot)
        assert "Present (5): Ana Ruiz, Ben Okafor, Dev Patel, Erin Walsh, Farah Haddad" in text
        assert "Absent (1): Chloé Martin" in text
        ana = next(line for line in text.splitlines() if line.strip().startswith("Ana Ruiz  "))
        assert "█" in ana
        assert "27:34  40%  of 25:15  +2:19" in ana
        assert "Fairness 0.96" in text
        assert "Hot seat" in text
        assert "2:10 over" in text
        app.screen.query_one("#summary-body").scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(pilot)
        for shown_at_the_end in ("Follow-ups", "Ana introduces Dev to Harmon Build", "Thanks"):
            assert shown_at_the_end in text


def test_bars_are_drawn_to_an_eighth_of_a_cell() -> None:
    assert bar(1.0, 4) == "████"
    assert bar(0.5, 3) == "█▌"
    assert bar(0.0, 10) == ""
    assert bar(2.0, 2) == "██"  # never longer than the room given


async def test_the_summary_is_exported_in_the_formats_picked_with_progress(
    settings: Settings, make_app: Callable[..., CircleApp], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_demo_summary(app, pilot)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        formats = dialog.query_one("#export-formats", SelectionList)
        formats.deselect("html")
        formats.select("csv")
        dialog.query_one("#export-folder", Input).value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        message = shown(screen.query_one("#export-message"))
        assert message == f"Wrote 4 files to {out}"
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "2026-11-11-riverside-makers-follow-ups.csv",
        "2026-11-11-riverside-makers-items.csv",
        "2026-11-11-riverside-makers-matches.csv",
        "2026-11-11-riverside-makers-summary.md",
    ]
    assert "Riverside Makers" in (out / names[-1]).read_text(encoding="utf-8")


async def test_one_members_summary_is_exported_alone(
    make_app: Callable[..., CircleApp], tmp_path: Path
) -> None:
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_demo_summary(app, pilot)
        await pilot.press("e")
        dialog = app.screen
        dialog.query_one("#export-member", Select).value = "Dev Patel"
        dialog.query_one("#export-folder", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await settle(pilot)
    written = sorted(path.name for path in tmp_path.glob("*.md"))
    assert written == ["2026-11-11-riverside-makers-dev-patel.md"]


async def test_the_export_dialog_refuses_an_empty_choice_and_an_unwritable_folder_is_reported(
    make_app: Callable[..., CircleApp], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = make_app(Opening(Start.DEMO))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_demo_summary(app, pilot)
        await pilot.press("e")
        dialog = app.screen
        dialog.query_one("#export-formats", SelectionList).deselect_all()
        await pilot.press("ctrl+s")
        assert "Pick at least one format." in shown(dialog.query_one("#export-error"))
        dialog.query_one("#export-formats", SelectionList).select("json")
        dialog.query_one("#export-folder", Input).value = "   "
        await pilot.press("ctrl+s")
        assert "Give a folder to write into." in shown(dialog.query_one("#export-error"))
        dialog.query_one("#export-folder", Input).value = str(blocker / "inside")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert shown(screen.query_one("#export-message")).startswith("cannot write")
        assert app.is_running


async def test_markup_in_names_asks_and_thanks_shows_literally_on_the_summary(
    settings: Settings, make_app: Callable[..., CircleApp]
) -> None:
    circle, people = seed_circle(settings, "[b]Circle", *MARKUP_NAMES)
    session = Session(
        circle_id=circle.id,
        format="quick",
        status=SessionStatus.ENDED,
        started_at=FROZEN_AT,
        ended_at=FROZEN_AT,
    )
    records = [
        Turn(
            session_id=session.id,
            position=i,
            phase_index=0,
            phase_key="check-in",
            phase_title="[i]Check-in",
            member_id=person.id,
            planned_seconds=60,
            used_seconds=30 + i,
        )
        for i, person in enumerate(people)
    ]
    ask = Item(
        circle_id=circle.id,
        session_id=session.id,
        member_id=people[0].id,
        kind=ItemKind.ASK,
        text="[@click=app.quit]help[/]",
    )
    thanks = Thanks(
        session_id=session.id,
        from_member_id=people[1].id,
        to_member_id=people[2].id,
        message="[red]thank you[/red]",
    )
    replica = open_replica(settings.replica_path)
    replica.save(session, *records, ask, thanks)
    assert [c.name for c in circles(replica)] == ["[b]Circle"]
    replica.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(SummaryScreen(session.id))
        await settle(pilot)
        text = screen_text(pilot)
        for literal in (*MARKUP_NAMES, "[b]Circle", "[i]Check-in", "[@click=app.quit]help[/]"):
            assert literal in text
        app.screen.query_one("#summary-body").scroll_end(animate=False)
        await pilot.pause()
        assert "[red]thank you[/red]" in screen_text(pilot)
        assert app.is_running


async def test_an_unknown_session_says_so(make_app: Callable[..., CircleApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SummaryScreen(uuid.uuid4()))
        await settle(pilot)
        assert "no session" in screen_text(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, SummaryScreen)
