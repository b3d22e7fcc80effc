"""Agenda formats on disk: the built-in ones shipped in this folder, and the user's own.

A user's format is `NAME.toml` in the config dir's `formats/` folder
(`Settings.user_formats_dir`); it overrides a built-in of the same name. Parsing and
checking live in `circle.core.formats`; this module only finds and reads files.
"""

from dataclasses import dataclass
from pathlib import Path

from circle import locations
from circle.core.formats import Format, FormatError, parse_format
from circle.errors import UserError

__all__ = ["FormatFile", "UnknownFormatError", "format_files", "load", "load_all", "load_format"]


class UnknownFormatError(UserError):
    """No built-in or user format has the name asked for."""


@dataclass(frozen=True)
class FormatFile:
    """Where a format comes from."""

    name: str
    path: Path
    builtin: bool

    @property
    def origin(self) -> str:
        """ "built-in", or the user file's path."""
        return "built-in" if self.builtin else str(self.path)


def format_files(user_dir: Path) -> dict[str, FormatFile]:
    """Every format's file by name, user files overriding built-ins, sorted by name."""
    found = {p.stem: FormatFile(p.stem, p, True) for p in _tomls(locations.builtin_formats_dir())}
    found |= {p.stem: FormatFile(p.stem, p, False) for p in _tomls(user_dir)}
    return dict(sorted(found.items()))


def load(file: FormatFile) -> Format:
    """Read and check one format file; FormatError names the file and what is wrong."""
    source = file.path.name if file.builtin else str(file.path)
    try:
        text = file.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{source}: cannot read the file: {_reason(exc)}") from exc
    return parse_format(text, source)


def load_format(name: str, user_dir: Path) -> Format:
    """The format called `name`; UnknownFormatError lists the known names."""
    files = format_files(user_dir)
    if name not in files:
        raise UnknownFormatError(f"no format called {name!r} (formats: {', '.join(files)})")
    return load(files[name])


def load_all(user_dir: Path) -> list[tuple[FormatFile, Format]]:
    """Every format, by name; the first broken file raises its FormatError."""
    return [(file, load(file)) for file in format_files(user_dir).values()]


def _tomls(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)
