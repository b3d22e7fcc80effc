"""The `circle` console script: opens the console at once, or hands over to the command line.

`circle` and `circle demo` (with any of the global options `--data-dir`,
`--store`, `--public-url`) open the console without loading the command-line
parser: Typer builds pydantic adapters for every option it parses, which costs
about as much as painting the console's first frame. Every other command line,
including `--help` and anything misspelled, goes to `circle.cli` unchanged.
"""

import sys
from pathlib import Path

GLOBAL_OPTIONS = {"--data-dir": "data_dir", "--store": "store_url", "--public-url": "public_url"}
"""The options `circle.cli` takes before a command, and the setting each one fills."""


def console_options(args: list[str]) -> tuple[dict[str, str], bool] | None:
    """The global options and whether the demo was asked for; None if the CLI must decide."""
    options: dict[str, str] = {}
    rest = list(args)
    while rest and rest[0].startswith("--"):
        name, equals, value = rest.pop(0).partition("=")
        if name not in GLOBAL_OPTIONS or name in options:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        options[name] = value
    if rest not in ([], ["demo"]) or any(not value.strip() for value in options.values()):
        return None
    return {GLOBAL_OPTIONS[name]: value for name, value in options.items()}, rest == ["demo"]


def main() -> None:
    """Entry point of the `circle` console script and of `python -m circle`."""
    found = console_options(sys.argv[1:])
    if found is None:
        from circle.cli import main as command_line

        command_line()
        return
    from circle.config import ConfigError, load_settings
    from circle.tui import Opening, Start, run_console

    options, demo = found
    data_dir = options.get("data_dir")
    try:
        settings = load_settings(
            data_dir=Path(data_dir) if data_dir else None,
            store_url=options.get("store_url"),
            public_url=options.get("public_url"),
        )
    except ConfigError as exc:
        print(f"circle: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    run_console(settings, Opening(Start.DEMO if demo else Start.HOME))
