"""Console tests run against a seeded replica in a temporary data dir, with frozen clocks."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from circle.config import Settings, load_settings
from circle.tui.timesource import FrozenTime

FROZEN_AT = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)
"""The moment every console test starts at (08:00 local in no time zone we rely on)."""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config")


@pytest.fixture
def frozen_time() -> FrozenTime:
    return FrozenTime(FROZEN_AT)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep snapshots stable: inputs never blink."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)
