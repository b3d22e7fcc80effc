"""Every test runs with its own data and config folders, never the user's."""

from pathlib import Path

import pytest
from hypothesis import settings

# The machine is shared: a property test may wait for the CPU, which is no failure.
settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point CIRCLE_DATA_DIR and CIRCLE_CONFIG_DIR at fresh folders for this test."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("CIRCLE_DATA_DIR", str(data))
    monkeypatch.setenv("CIRCLE_CONFIG_DIR", str(config))
    for name in (
        "CIRCLE_STORE_URL",
        "CIRCLE_STORE_DB",
        "CIRCLE_PUBLIC_URL",
        "CIRCLE_BELL",
        "CIRCLE_LOCAL_ONLY",
        "NO_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
    return data
