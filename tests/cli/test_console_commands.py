"""`circle` opens the console on home, `circle demo` on the seeded demo circle and
`circle run CIRCLE [--format F]` straight into setup; a circle or format that does not
exist is one line on stderr and exit 2, before any console opens."""

import sys
from pathlib import Path

import pytest

import circle.tui
from circle.cli import main as command_line
from circle.config import Settings, load_settings
from circle.launch import main as launch
from circle.tui.opening import Opening, Start
from tests.tui.helpers import seed_circle


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Settings, Opening]]:
    """What the commands asked the console to open (instead of opening it)."""
    calls: list[tuple[Settings, Opening]] = []
    monkeypatch.setattr(circle.tui, "run_console", lambda s, o: calls.append((s, o)))
    return calls


def run(monkeypatch: pytest.MonkeyPatch, entry: object, *args: str) -> None:
    monkeypatch.setattr(sys, "argv", ["circle", *args])
    try:
        entry()  # type: ignore[operator]
    except SystemExit as done:
        if done.code not in (0, None):
            raise


@pytest.mark.parametrize(("args", "start"), [((), Start.HOME), (("demo",), Start.DEMO)])
def test_circle_and_circle_demo_open_home_and_the_demo(
    monkeypatch: pytest.MonkeyPatch,
    opened: list[tuple[Settings, Opening]],
    tmp_path: Path,
    args: tuple[str, ...],
    start: Start,
) -> None:
    run(monkeypatch, launch, "--data-dir", str(tmp_path), *args)
    ((settings, opening),) = opened
    assert opening.start is start
    assert settings.data_dir == tmp_path


def test_circle_run_opens_setup_of_that_circle_with_the_format(
    monkeypatch: pytest.MonkeyPatch, opened: list[tuple[Settings, Opening]], tmp_path: Path
) -> None:
    settings = load_settings(data_dir=tmp_path)
    seed_circle(settings, "Riverside Makers", "Ana", "Ben")
    run(monkeypatch, launch, "--data-dir", str(tmp_path), "run", "Riverside Makers", "-f", "quick")
    ((_, opening),) = opened
    assert opening == Opening(Start.RUN, circle="Riverside Makers", format="quick")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("run", "Nowhere"), "Nowhere"),
        (("run", "Makers", "--format", "no-such-format"), "no-such-format"),
        (("run", "[red]x[/red]"), "[red]x[/red]"),
    ],
)
def test_circle_run_refuses_an_unknown_circle_or_format_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
    opened: list[tuple[Settings, Opening]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: tuple[str, ...],
    says: str,
) -> None:
    seed_circle(load_settings(data_dir=tmp_path), "Makers", "Ana")
    with pytest.raises(SystemExit) as stopped:
        run(monkeypatch, command_line, "--data-dir", str(tmp_path), *args)
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert says in error
    assert opened == []
