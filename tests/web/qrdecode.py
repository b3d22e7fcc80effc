"""Turn what a screen or file shows back into the text of the QR code in it, with zxing-cpp."""

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import png
import zxingcpp

_HALVES = {"█": (True, True), "▀": (True, False), "▄": (False, True)}


def grid_from_text(lines: Sequence[str]) -> list[list[bool]]:
    """Dark cells from screen text: each character is two stacked half cells.

    `█ ▀ ▄` are dark where their ink is; anything else (spaces, borders, words)
    counts as light, as it would on a light-coloured code.
    """
    width = max((len(line) for line in lines), default=0)
    grid: list[list[bool]] = []
    for line in lines:
        cells = [_HALVES.get(char, (False, False)) for char in line.ljust(width)]
        grid.append([top for top, _ in cells])
        grid.append([bottom for _, bottom in cells])
    return grid


def decode_grid(grid: Sequence[Sequence[bool]], scale: int = 4) -> list[str]:
    """The texts of every QR code found in a grid of dark (True) and light cells."""
    pixels = np.where(np.array(grid, dtype=bool), 0, 255).astype(np.uint8)
    pixels = np.kron(pixels, np.ones((scale, scale), dtype=np.uint8))
    return decode_pixels(pixels)


def decode_pixels(pixels: np.ndarray) -> list[str]:
    """The texts of every QR code in a greyscale image (no inverted codes: dark must be dark)."""
    options = {"formats": zxingcpp.BarcodeFormat.QRCode, "try_invert": False}
    return [found.text for found in zxingcpp.read_barcodes(pixels, **options)]


def decode_text(lines: Sequence[str]) -> list[str]:
    return decode_grid(grid_from_text(lines))


def decode_png(data: bytes | Path) -> list[str]:
    """The texts of every QR code in a PNG file or its bytes."""
    raw = data.read_bytes() if isinstance(data, Path) else data
    width, height, rows, _info = png.Reader(bytes=raw).asRGBA8()
    pixels = np.vstack([np.frombuffer(bytes(row), dtype=np.uint8) for row in rows])
    grey = pixels.reshape(height, width, 4)[:, :, :3].mean(axis=2).astype(np.uint8)
    return decode_pixels(grey)


_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_BASIC = {0: 0, 1: 128, 2: 128, 3: 128, 4: 128, 5: 128, 6: 128, 7: 192}
DARK_THEME = (230, 20)
"""A dark terminal theme's default ink and paper brightness."""


def pixels_from_ansi(text: str, theme: tuple[int, int] = DARK_THEME) -> np.ndarray:
    """The picture a terminal with `theme` paints for captured text with colour codes.

    Each character is two stacked pixels: ink brightness where the glyph has
    ink, paper brightness elsewhere; colours the text does not set are the
    theme's. A code that relies on the theme shows inverted on a dark one.
    """
    rows: list[list[int]] = []
    ink, paper = theme  # colours carry over line ends, as in the terminal
    for line in text.splitlines():
        top: list[int] = []
        bottom: list[int] = []
        position = 0
        for match in [*_SGR.finditer(line), None]:
            end = match.start() if match else len(line)
            for char in line[position:end]:
                upper, lower = _HALVES.get(char, (False, False))
                top.append(ink if upper else paper)
                bottom.append(ink if lower else paper)
            if match is None:
                break
            ink, paper = _apply_sgr(match.group(1), ink, paper, theme)
            position = match.end()
        rows += [top, bottom]
    width = max(len(row) for row in rows)
    grid = np.array([row + [theme[1]] * (width - len(row)) for row in rows], dtype=np.uint8)
    return np.kron(grid, np.ones((4, 4), dtype=np.uint8))


def _apply_sgr(codes: str, ink: int, paper: int, theme: tuple[int, int]) -> tuple[int, int]:
    parts = [int(part) for part in codes.split(";") if part] or [0]
    index = 0
    while index < len(parts):
        code = parts[index]
        if code == 0:
            ink, paper = theme
        elif code in (38, 48) and parts[index + 1] == 2:
            level = sum(parts[index + 2 : index + 5]) // 3
            ink, paper = (level, paper) if code == 38 else (ink, level)
            index += 4
        elif code in (38, 48) and parts[index + 1] == 5:
            level = _xterm_level(parts[index + 2])
            ink, paper = (level, paper) if code == 38 else (ink, level)
            index += 2
        elif code == 39:
            ink = theme[0]
        elif code == 49:
            paper = theme[1]
        elif 30 <= code <= 37:
            ink = _BASIC[code - 30]
        elif 40 <= code <= 47:
            paper = _BASIC[code - 40]
        index += 1
    return ink, paper


def _xterm_level(number: int) -> int:
    """The brightness of an xterm 256-colour palette entry (0 black to 255 white)."""
    if number < 16:
        basic = _BASIC.get(number % 8, 128)
        return basic if number < 8 else min(255, basic + 63)
    if number >= 232:
        return 8 + 10 * (number - 232)
    steps = (0, 95, 135, 175, 215, 255)
    red, rest = divmod(number - 16, 36)
    green, blue = divmod(rest, 6)
    return (steps[red] + steps[green] + steps[blue]) // 3
