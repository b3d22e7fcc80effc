"""`circle` and `circle demo` open the console without the command-line parser; every other
command line, and any doubt, goes to the full command line unchanged."""

import subprocess
import sys
from pathlib import Path

import pytest

from circle.launch import console_options


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ({}, False)),
        (["demo"], ({}, True)),
        (["--data-dir", "here"], ({"data_dir": "here"}, False)),
        (["--data-dir=here", "demo"], ({"data_dir": "here"}, True)),
        (
            ["--store", "http://s:1", "--public-url=http://p:2"],
            ({"store_url": "http://s:1", "public_url": "http://p:2"}, False),
        ),
    ],
)
def test_the_console_opens_directly_for_global_options_alone(
    args: list[str], expected: tuple[dict[str, str], bool]
) -> None:
    assert console_options(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--version"],
        ["new", "Makers"],
        ["demo", "--seed"],
        ["run", "Makers"],
        ["--data-dir"],
        ["--data-dir="],
        ["--data-dir", "   "],
        ["--data-dir", "--store"],
        ["--data-dir", "a", "--data-dir", "b"],
        ["--data-dir", "a", "extra"],
        ["--nonsense"],
        ["demo", "demo"],
    ],
)
def test_anything_else_is_left_to_the_command_line(args: list[str]) -> None:
    assert console_options(args) is None


def test_a_broken_config_file_is_one_line_and_exit_2_on_the_direct_path(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text("theme = [not toml")
    result = subprocess.run(
        [sys.executable, "-m", "circle", "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"CIRCLE_CONFIG_DIR": str(config), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("circle: ")
    assert "cannot read the config file" in result.stderr
    assert "Traceback" not in result.stderr


def test_other_command_lines_still_reach_the_parser(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "circle", "--data-dir", str(tmp_path), "--nonsense"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "--nonsense" in result.stderr
