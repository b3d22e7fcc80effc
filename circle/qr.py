"""The join link as a QR code: text for the terminal, PNG and SVG files for slides.

The terminal text is built here, as plain characters, so any screen (the TUI, a
plain terminal, a test) shows the same code: `half_blocks` packs two module rows
into one line of `█ ▀ ▄` and spaces, `full_blocks` gives each module two columns
and a whole line (the enlarged view). The characters stand for the *dark*
modules, so whoever draws them must paint the text dark on light (see
`circle.tui.widgets.qr`); every picture keeps the standard quiet zone of four
light modules around the code, which readers need to find it.
"""

import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

QUIET_ZONE = 4
"""Light modules around the code, as the QR standard asks."""

Modules = list[list[bool]]
"""Rows of modules, True for dark."""

_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def modules(data: str) -> Modules:
    """The code's modules for `data`, without the quiet zone (medium error correction)."""
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def with_quiet_zone(grid: Sequence[Sequence[bool]], quiet: int = QUIET_ZONE) -> Modules:
    """The grid framed by `quiet` light modules on every side."""
    width = (len(grid[0]) if grid else 0) + 2 * quiet
    blank = [[False] * width for _ in range(quiet)]
    body = [[False] * quiet + list(row) + [False] * quiet for row in grid]
    return blank + body + [list(row) for row in blank]


def half_blocks(data: str, quiet: int = QUIET_ZONE) -> list[str]:
    """The code as lines of half blocks: one column and half a line per module."""
    grid = with_quiet_zone(modules(data), quiet)
    if len(grid) % 2:
        grid.append([False] * len(grid[0]))
    return [
        "".join(_HALF[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(grid[::2], grid[1::2], strict=True)
    ]


def full_blocks(data: str, quiet: int = QUIET_ZONE) -> list[str]:
    """The code twice as large: two columns and a whole line per module."""
    grid = with_quiet_zone(modules(data), quiet)
    return ["".join("██" if dark else "  " for dark in row) for row in grid]


def text_size(data: str, *, enlarged: bool, quiet: int = QUIET_ZONE) -> tuple[int, int]:
    """Columns and lines the code's text takes, without building it."""
    side = len(modules(data)) + 2 * quiet
    return (2 * side, side) if enlarged else (side, (side + 1) // 2)


def png_bytes(data: str, module_pixels: int = 12) -> bytes:
    """The code as a black-on-white PNG, quiet zone included."""
    import png

    grid = with_quiet_zone(modules(data))
    rows = [[0 if dark else 1 for dark in row for _ in range(module_pixels)] for row in grid]
    stream = io.BytesIO()
    writer = png.Writer(len(rows[0]), len(rows) * module_pixels, greyscale=True, bitdepth=1)
    writer.write(stream, (row for row in rows for _ in range(module_pixels)))
    return stream.getvalue()


def svg_text(data: str) -> str:
    """The code as a scalable black-on-white SVG, quiet zone included (one module = 1 unit)."""
    grid = with_quiet_zone(modules(data))
    side = len(grid)
    path = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(grid) for x, dark in enumerate(row) if dark
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" '
        f'width="{side * 10}" height="{side * 10}" shape-rendering="crispEdges">\n'
        f'<rect width="{side}" height="{side}" fill="#ffffff"/>\n'
        f'<path fill="#000000" d="{path}"/>\n</svg>\n'
    )


_DARK_ON_LIGHT = "\x1b[38;2;0;0;0;48;2;255;255;255m"
_RESET = "\x1b[0m"


def terminal_text(url: str, *, colour: bool) -> str:
    """The code and its link for a terminal; `colour` paints it black on white whatever the theme.

    Without colour the characters still stand for the dark modules, which
    readers decode on a light background (and most, inverted, on a dark one).
    """
    lines = half_blocks(url)
    if colour:
        lines = [f"{_DARK_ON_LIGHT}{line}{_RESET}" for line in lines]
    return "\n".join([*lines, "", url])


def save(url: str, *, png: Path | None = None, svg: Path | None = None) -> list[Path]:
    """Write the code for `url` as PNG and/or SVG; return the files written."""
    from circle.errors import UserError

    written = []
    for path, render in ((png, png_bytes), (svg, _svg_bytes)):
        if path is None:
            continue
        try:
            write_atomically(path, render(url))
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc
        written.append(path)
    return written


def _svg_bytes(url: str) -> bytes:
    return svg_text(url).encode("utf-8")


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` whole or not at all (a temporary file beside it, then a rename), so a
    slide deck never links a half-written picture."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
