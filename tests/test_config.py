"""Settings come from defaults, then config.toml, then CIRCLE_* variables; a bad file says where."""

from pathlib import Path

import pytest

from circle.config import ConfigError, load_settings


def _write_config(config_dir: Path, text: str) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text(text, encoding="utf-8")


def test_without_a_config_file_the_defaults_apply(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "d", config_dir=tmp_path / "c", env={})
    assert settings.store_url is None
    assert settings.warning_fraction == 0.2
    assert settings.keymap == {}


def test_the_config_file_sets_the_keymap_bell_and_warning(tmp_path: Path) -> None:
    _write_config(
        tmp_path / "c",
        'bell = true\nwarning_seconds = 45\n[keymap]\nnext_turn = "right,n"\n',
    )
    settings = load_settings(data_dir=tmp_path / "d", config_dir=tmp_path / "c", env={})
    assert settings.bell is True
    assert settings.warning_seconds == 45.0
    assert settings.keymap == {"next_turn": "right,n"}


def test_environment_variables_override_the_file(tmp_path: Path) -> None:
    _write_config(tmp_path / "c", 'store_url = "http://file.example:8765"\n')
    settings = load_settings(
        data_dir=tmp_path / "d",
        config_dir=tmp_path / "c",
        env={"CIRCLE_STORE_URL": "http://env.example:8765", "CIRCLE_BELL": "yes"},
    )
    assert settings.store_url == "http://env.example:8765"
    assert settings.bell is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bell = ", "cannot read the config file"),
        ("colour = 'red'", "unknown setting 'colour'"),
        ("bell = 'loud'", "bell must be a bool"),
        ("warning_fraction = 1.5", "warning_fraction must be a share of the turn"),
        ("warning_seconds = -3", "warning_seconds must be from 0 to 3600"),
        ("keymap = 'n'", "keymap must be a table"),
        ("[keymap]\nnext_turn = 3", "keymap must be a table"),
    ],
)
def test_a_broken_config_file_names_the_file_and_the_setting(
    tmp_path: Path, text: str, message: str
) -> None:
    _write_config(tmp_path / "c", text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(data_dir=tmp_path / "d", config_dir=tmp_path / "c", env={})
    assert "config.toml" in str(caught.value)


def test_a_config_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "config.toml").write_bytes(b"\xff\xfe bell = true")
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(data_dir=tmp_path / "d", config_dir=tmp_path / "c", env={})


def test_local_only_keeps_the_console_off_any_store(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "config.toml").write_text("local_only = true\n")
    assert load_settings(data_dir=tmp_path / "d", config_dir=tmp_path / "c", env={}).local_only
    from_env = load_settings(
        data_dir=tmp_path / "d", config_dir=tmp_path / "e", env={"CIRCLE_LOCAL_ONLY": "1"}
    )
    assert from_env.local_only
    assert not load_settings(data_dir=tmp_path / "d", config_dir=tmp_path / "e", env={}).local_only
