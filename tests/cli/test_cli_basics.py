"""The command line answers --help and --version, creates circles and reports mistakes in a line."""

import os
import subprocess
import sys
from pathlib import Path

from circle import __version__


def circle(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `circle` command, as a user would."""
    options = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run(
        [sys.executable, "-m", "circle", *options, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_version_prints_the_package_version() -> None:
    result = circle("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"circle {__version__}"


def test_help_lists_the_commands() -> None:
    result = circle("--help")
    assert result.returncode == 0
    assert "new" in result.stdout
    assert "--data-dir" in result.stdout


def test_new_creates_a_circle_with_its_members(tmp_path: Path) -> None:
    result = circle(
        "new", "Rivermill", "--member", "Ana Ruiz | Bakery", "-m", "Bo Lind", data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "Rivermill" in result.stdout
    assert "2 members" in result.stdout
    assert (tmp_path / "circle.sqlite3").is_file()


def test_a_second_circle_with_the_same_name_is_refused(tmp_path: Path) -> None:
    assert circle("new", "Rivermill", data_dir=tmp_path).returncode == 0
    result = circle("new", "rivermill", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "circle: there is already a circle called 'Rivermill'"


def test_a_member_without_a_name_is_a_one_line_error(tmp_path: Path) -> None:
    result = circle("new", "Rivermill", "-m", " | Bakery", data_dir=tmp_path)
    assert result.returncode == 2
    assert "needs a name" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_data_dir_holding_garbage_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "circle.sqlite3").write_text("not a database at all" * 50)
    result = circle("new", "Rivermill", data_dir=tmp_path)
    assert result.returncode == 2
    assert "not a circle database" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_option_is_one_line_and_exit_2() -> None:
    result = circle("--bogus")
    assert result.returncode == 2
    assert result.stderr.strip() == "circle: No such option: --bogus (see `circle --help`)"


def test_a_missing_argument_is_one_line_and_exit_2() -> None:
    result = circle("new")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Missing argument" in result.stderr


def test_a_broken_config_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text("warning_fraction = 7\n")
    result = subprocess.run(
        [sys.executable, "-m", "circle", "new", "X"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "CIRCLE_CONFIG_DIR": str(config)},
    )
    assert result.returncode == 2
    assert "warning_fraction" in result.stderr
    assert "Traceback" not in result.stderr
