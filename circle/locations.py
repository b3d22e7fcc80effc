"""Every path circle reads or writes, in one place.

Local state (the replica, the embedded store's database, logs) lives in the data
directory; user settings and user agenda formats live in the config directory.
`--data-dir` / `CIRCLE_DATA_DIR` and `CIRCLE_CONFIG_DIR` move them.
"""

import os
from pathlib import Path

APP_NAME = "circle"


def default_data_dir() -> Path:
    """The data directory: `CIRCLE_DATA_DIR` if set, else the platform's user data dir."""
    if override := os.environ.get("CIRCLE_DATA_DIR"):
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_config_dir() -> Path:
    """The config directory: `CIRCLE_CONFIG_DIR` if set, else the platform's user config dir."""
    if override := os.environ.get("CIRCLE_CONFIG_DIR"):
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def replica_path(data_dir: Path) -> Path:
    """The facilitator's local replica database."""
    return data_dir / "circle.sqlite3"


def store_db_path(data_dir: Path) -> Path:
    """The embedded (or default `circle serve`) store's SQLite database."""
    return data_dir / "store.sqlite3"


def config_file(config_dir: Path) -> Path:
    """The user's settings file."""
    return config_dir / "config.toml"


def user_formats_dir(config_dir: Path) -> Path:
    """Where a user's own agenda formats live, one TOML file each."""
    return config_dir / "formats"


def default_export_dir() -> Path:
    """Where the console offers to write exports: the folder circle was started from, as
    `circle export --out` does."""
    return Path.cwd()


def builtin_formats_dir() -> Path:
    """The agenda formats shipped inside the package."""
    return Path(__file__).parent / "formats"


def demo_assets_dir() -> Path:
    """The demo circle's seed data: `assets/demo` in a checkout, `circle/demo` in a wheel."""
    packaged = Path(__file__).parent / "demo"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "assets" / "demo"
