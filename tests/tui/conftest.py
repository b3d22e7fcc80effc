"""Console tests run against a replica in a temporary data dir, with frozen clocks, in UTC."""

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from circle.config import Settings, load_settings
from circle.tui.app import CircleApp
from circle.tui.opening import Opening
from circle.tui.timesource import FrozenTime

if TYPE_CHECKING:
    from tests.tui.livekit import Planned

FROZEN_AT = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)
"""The moment every console test starts at."""


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show local times in UTC, so the demo's dates and the snapshots are the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # Local only: a console under test never starts a store (see test_live_sync for sync).
    return load_settings(
        data_dir=tmp_path / "data", config_dir=tmp_path / "config", local_only=True
    )


@pytest.fixture
def frozen_time() -> FrozenTime:
    return FrozenTime(FROZEN_AT)


@pytest.fixture
def make_app(settings: Settings, frozen_time: FrozenTime) -> Callable[..., CircleApp]:
    """A console on the test's data dir and frozen clocks, opened where asked."""

    def make(opening: Opening | None = None, **changes: object) -> CircleApp:
        chosen = settings if not changes else _with(settings, changes)
        return CircleApp(chosen, opening=opening or Opening(), time_source=frozen_time)

    return make


def _with(settings: Settings, changes: dict[str, object]) -> Settings:
    from dataclasses import replace

    return replace(settings, **changes)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep snapshots stable: inputs never blink."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture
def planned(settings: Settings) -> "Planned":
    """A quick session of the Tuesday Circle (tests/tui/livekit.py), planned and not started."""
    from tests.tui.livekit import plan_quick

    return plan_quick(settings)


@pytest.fixture
def app(settings: Settings, frozen_time: FrozenTime) -> CircleApp:
    """A console on the test's data dir and frozen clocks, opened on home."""
    return CircleApp(settings, time_source=frozen_time)
