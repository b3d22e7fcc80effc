"""The `circle` command line: parses arguments, builds settings, calls the factories.

No logic lives here. Heavy imports (the database, the TUI, the store) happen
inside each command so `circle --version` and `--help` stay instant.
User mistakes raise `UserError`: one clear line on stderr, exit status 2.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from circle import __version__
from circle.config import ConfigError, Settings, load_settings
from circle.errors import UserError

if TYPE_CHECKING:
    from circle.local import Replica

app = typer.Typer(
    name="circle",
    help="Run peer-group mastermind circles: timed turns, asks and offers matched live.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    """Global options, held for the subcommand that runs."""

    data_dir: Path | None = None
    store_url: str | None = None
    public_url: str | None = None


def _settings() -> Settings:
    try:
        return load_settings(
            data_dir=_State.data_dir, store_url=_State.store_url, public_url=_State.public_url
        )
    except ConfigError as exc:
        raise UserError(str(exc)) from exc


def _version(value: bool) -> None:
    if value:
        typer.echo(f"circle {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="CIRCLE_DATA_DIR",
            help="Keep all local state (replica, embedded store) in this folder.",
        ),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option("--store", envvar="CIRCLE_STORE_URL", help="Sync to this remote store URL."),
    ] = None,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            envvar="CIRCLE_PUBLIC_URL",
            help="The address phones use to reach the store, e.g. http://192.168.1.20:8765 "
            "(default: this computer's address on the local network).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Open the facilitator's console, or run one of the commands below."""
    _State.data_dir = data_dir
    _State.store_url = store
    _State.public_url = public_url
    if ctx.invoked_subcommand is None:
        from circle.tui import Opening, run_console

        run_console(_settings(), Opening())


@app.command()
def new(
    circle: Annotated[str, typer.Argument(help="The circle's name.")],
    member: Annotated[
        list[str] | None,
        typer.Option("--member", "-m", help='A member, as "Name | business". Repeat for each.'),
    ] = None,
) -> None:
    """Create a circle with its members."""
    from circle.workspace import new_circle

    settings = _settings()
    replica = _open_replica(settings)
    try:
        created, people = new_circle(replica, circle, member or [])
    finally:
        replica.close()
    typer.echo(f"Created {created.name!r} with {len(people)} members in {settings.data_dir}")


@app.command()
def export(
    session: Annotated[
        str, typer.Argument(help="`latest`, or a session id (its first few characters will do).")
    ],
    circle: Annotated[
        str | None, typer.Option("--circle", "-c", help="The circle, when there are several.")
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="md, html, json, csv, ics, eml (introduction drafts) or all; comma-separate.",
        ),
    ] = "md",
    out: Annotated[Path, typer.Option("--out", "-o", help="The folder to write into.")] = Path("."),
    member: Annotated[
        str | None, typer.Option("--member", help="Write only this member's own summary.")
    ] = None,
) -> None:
    """Write a session's summary for the group (and, with `all`, for each member)."""
    from circle.export import export_session, parse_formats
    from circle.export.load import find_session

    formats = parse_formats(format)
    replica = _open_replica(_settings())
    try:
        session_id = find_session(replica, session, circle)
        paths = export_session(
            replica, session_id, formats, out, member=member, progress=_show_progress
        )
    finally:
        replica.close()
    if len(paths) != 1:
        typer.echo(f"Wrote {len(paths)} files to {out}")


@app.command()
def history(
    circle: Annotated[str, typer.Argument(help="The circle's name.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="table (default), json or csv.")
    ] = "table",
) -> None:
    """Show a circle's giving ledger and follow-through across its sessions."""
    import shutil

    from circle.core.ledger import build_ledger
    from circle.export.history import HISTORY_FORMATS, render
    from circle.export.load import load_history
    from circle.workspace import find_circle

    chosen = format.strip().lower()
    if chosen not in HISTORY_FORMATS:
        raise UserError(f"unknown format {format!r} (formats: {', '.join(HISTORY_FORMATS)})")
    replica = _open_replica(_settings())
    try:
        records = load_history(replica, find_circle(replica, circle).id)
    finally:
        replica.close()
    width = shutil.get_terminal_size((100, 24)).columns
    typer.echo(render(build_ledger(records), chosen, width=width), nl=False)


def _show_progress(done: int, total: int, path: Path) -> None:
    typer.echo(f"[{done}/{total}] {path}" if total > 1 else f"Wrote {path}")


@app.command()
def formats(
    name: Annotated[str | None, typer.Argument(help="Show this format in full.")] = None,
    members: Annotated[
        int, typer.Option("--members", "-n", help="Plan the timings for this many members.")
    ] = 8,
) -> None:
    """List the agenda formats, or show one with its phases, prompts and timings."""
    from circle.core.formats import MAX_MEMBERS
    from circle.formats import format_files, load_all, load_format
    from circle.formats.show import describe, table

    if not 1 <= members <= MAX_MEMBERS:
        raise UserError(f"--members must be from 1 to {MAX_MEMBERS}, not {members}")
    folder = _settings().user_formats_dir
    if name is None:
        typer.echo(table(load_all(folder), members))
        return
    fmt = load_format(name, folder)
    typer.echo(describe(fmt, format_files(folder)[name], members))


@app.command()
def demo(
    seed: Annotated[
        bool, typer.Option("--seed", help="Only seed the demo circle, then exit.")
    ] = False,
) -> None:
    """Open the console on the demo circle, seeding it the first time."""
    settings = _settings()
    if not seed:
        from circle.tui import Opening, Start, run_console

        run_console(settings, Opening(Start.DEMO))
        return
    from circle.demo import seed_demo

    replica = _open_replica(settings)
    try:
        seeded = seed_demo(replica, settings.user_formats_dir)
    finally:
        replica.close()
    done = "Seeded" if seeded.created else "Already seeded:"
    typer.echo(f"{done} the demo circle {seeded.circle.name!r} in {settings.data_dir}")


@app.command()
def run(
    circle: Annotated[str, typer.Argument(help="The circle to run a session for.")],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="The agenda format (see `circle formats`).")
    ] = None,
) -> None:
    """Open the console straight into setting up a new session of CIRCLE."""
    from circle.formats import load_format
    from circle.workspace import find_circle

    settings = _settings()
    replica = _open_replica(settings)
    try:
        found = find_circle(replica, circle)
    finally:
        replica.close()
    load_format(format or found.default_format, settings.user_formats_dir)
    from circle.tui import Opening, Start, run_console

    run_console(settings, Opening(Start.RUN, circle=found.name, format=format))


@app.command()
def qr(
    session: Annotated[
        str, typer.Argument(help="`latest`, or a session id (its first few characters will do).")
    ],
    circle: Annotated[
        str | None, typer.Option("--circle", "-c", help="The circle, when there are several.")
    ] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Write the code as a PNG file.")] = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Write the code as an SVG file.")
    ] = None,
) -> None:
    """Show a session's join QR code, or write it as PNG or SVG for slides."""
    import os

    from circle import qr as codes
    from circle.joinlink import replica_link

    settings = _settings()
    replica = _open_replica(settings)
    try:
        url = replica_link(replica, session, circle, settings)
    finally:
        replica.close()
    written = codes.save(url, png=png, svg=svg)
    if not written:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        typer.echo(codes.terminal_text(url, colour=colour))
    for path in written:
        typer.echo(f"Wrote {path} ({url})")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="CIRCLE_STORE_DB",
            help="Database URL, e.g. postgresql+psycopg://user@host/circle "
            "(default: SQLite in the data directory).",
        ),
    ] = None,
) -> None:
    """Serve the shared store that facilitators sync to and phones join."""
    from dataclasses import replace

    from circle.store.serve import serve_store

    settings = _settings()
    if db is not None:
        settings = replace(settings, store_db_url=db)
    serve_store(settings, host, port)


@app.command()
def match(
    file: Annotated[
        Path,
        typer.Argument(
            help='A JSON file: {"items": [{"id", "member", "kind", "category", "text"}]}.',
            show_default=False,
        ),
    ],
    top: Annotated[int, typer.Option("--top", help="Suggestions per ask, at most.")] = 3,
    min_score: Annotated[
        float | None,
        typer.Option("--min-score", help="Suggest nothing below this score (0 to 1)."),
    ] = None,
) -> None:
    """Rank offers for each ask in a file and print the suggestions as JSON."""
    from circle.core.matching import MIN_SCORE, rank_pool
    from circle.match_model import load_embedder
    from circle.matchfile import read_match_file, suggestions_json

    if top < 1:
        raise UserError("--top must be 1 or more")
    if min_score is not None and not 0.0 <= min_score <= 1.0:
        raise UserError("--min-score must be between 0 and 1")
    items = read_match_file(file)
    threshold = MIN_SCORE if min_score is None else min_score
    found = rank_pool(items, load_embedder(), top=top, min_score=threshold)
    typer.echo(suggestions_json(found))


def _open_replica(settings: Settings) -> "Replica":
    from circle.local import ReplicaError, open_replica

    try:
        return open_replica(settings.replica_path)
    except ReplicaError as exc:
        raise UserError(str(exc)) from exc


def _fail(message: str) -> NoReturn:
    typer.echo(f"circle: {message}", err=True)
    raise SystemExit(2)


def _usage_problem(exc: Exception) -> str:
    """Typer's own message for a usage error, without its box."""
    format_message = getattr(exc, "format_message", None)
    return str(format_message() if callable(format_message) else exc)


def main() -> None:
    """Entry point of the `circle` console script."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:
        _fail(f"{_usage_problem(exc)} (see `circle --help`)")
    except UserError as exc:
        _fail(str(exc))
    except ValueError as exc:
        # Imported here: the agenda rules are not needed on the way to the console's first frame.
        from circle.core.formats import FormatError

        if not isinstance(exc, FormatError):
            raise
        _fail(str(exc))
    except (KeyboardInterrupt, typer.Abort):
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
