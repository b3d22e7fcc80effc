"""Settings: defaults, overridden by the config file, overridden by `CIRCLE_*` env vars.

Settings are built once (by the CLI or a test) and handed down through
constructors; nothing reads them from a global.
"""

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from circle import locations


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Settings:
    """Everything a circle process needs to know about where and how to run."""

    data_dir: Path
    config_dir: Path
    store_url: str | None = None
    """A remote store to sync to; None starts the embedded store."""
    store_db_url: str | None = None
    """The store's database (`circle serve`); None is SQLite in the data directory."""
    public_url: str | None = None
    """The address phones use to reach the store (overrides LAN detection)."""
    local_only: bool = False
    """Keep sessions on this computer: no store, no sync, no phones joining."""
    bell: bool = False
    """Ring the terminal bell at a turn's warning mark and at its end."""
    warning_fraction: float = 0.2
    """The warning mark, as a share of the turn's planned time..."""
    warning_seconds: float = 30.0
    """...or this many seconds before the end, whichever comes later."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id to keys, e.g. {"next_turn": "n,right"}."""
    theme: str | None = None

    @property
    def replica_path(self) -> Path:
        return locations.replica_path(self.data_dir)

    @property
    def store_db_path(self) -> Path:
        return locations.store_db_path(self.data_dir)

    @property
    def user_formats_dir(self) -> Path:
        return locations.user_formats_dir(self.config_dir)


def load_settings(
    *,
    data_dir: Path | None = None,
    config_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build settings from defaults, the config file, the environment and explicit overrides."""
    env = os.environ if env is None else env
    config_dir = config_dir or _env_path(env, "CIRCLE_CONFIG_DIR") or locations.default_config_dir()
    data_dir = data_dir or _env_path(env, "CIRCLE_DATA_DIR") or locations.default_data_dir()
    settings = Settings(data_dir=data_dir, config_dir=config_dir)
    settings = _apply_file(settings, locations.config_file(config_dir))
    settings = _apply_env(settings, env)
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


def _env_path(env: Mapping[str, str], name: str) -> Path | None:
    value = env.get(name)
    return Path(value).expanduser() if value else None


_FILE_FIELDS: dict[str, type] = {
    "store_url": str,
    "store_db_url": str,
    "public_url": str,
    "local_only": bool,
    "bell": bool,
    "warning_fraction": float,
    "warning_seconds": float,
    "theme": str,
}


def _apply_file(settings: Settings, path: Path) -> Settings:
    if not path.is_file():
        return settings
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc}") from exc
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key == "keymap":
            changes["keymap"] = _keymap(path, value)
            continue
        expected = _FILE_FIELDS.get(key)
        if expected is None:
            raise ConfigError(f"{path}: unknown setting {key!r}")
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected):
            raise ConfigError(f"{path}: {key} must be a {expected.__name__}, not {value!r}")
        if problem := _out_of_range(key, value):
            raise ConfigError(f"{path}: {key} {problem}, not {value!r}")
        changes[key] = value
    return replace(settings, **changes)


def _out_of_range(key: str, value: object) -> str | None:
    if key == "warning_fraction" and not (isinstance(value, float) and 0 <= value <= 1):
        return "must be a share of the turn from 0 to 1"
    if key == "warning_seconds" and not (isinstance(value, float) and 0 <= value <= 3600):
        return "must be from 0 to 3600 seconds"
    return None


def _keymap(path: Path, value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError(f'{path}: keymap must be a table of binding id = "keys"')
    return dict(value)


def _apply_env(settings: Settings, env: Mapping[str, str]) -> Settings:
    changes: dict[str, Any] = {}
    if store := env.get("CIRCLE_STORE_URL"):
        changes["store_url"] = store
    if store_db := env.get("CIRCLE_STORE_DB"):
        changes["store_db_url"] = store_db
    if public := env.get("CIRCLE_PUBLIC_URL"):
        changes["public_url"] = public
    if bell := env.get("CIRCLE_BELL"):
        changes["bell"] = _yes(bell)
    if local := env.get("CIRCLE_LOCAL_ONLY"):
        changes["local_only"] = _yes(local)
    return replace(settings, **changes)


def _yes(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}
