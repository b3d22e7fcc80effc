"""Aligned arrays with one row per item, that grow and shrink in place.

The index keeps its asks and its offers this way: each item's quick-pass row, its other
row, member code, rule flags and word numbers sit at the same position in every array,
so a chunk of asks or all offers are plain slices.
"""

import numpy as np


class Rows:
    """One row per item in several named arrays; removing moves the last row into the gap."""

    def __init__(self, fills: dict[str, int] | None = None) -> None:
        self.ids: list[str] = []
        self._at: dict[str, int] = {}
        self._arrays: dict[str, np.ndarray] = {}
        self._fills = fills or {}
        """The value that pads an array's rows (word numbers are padded with -1)."""

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, name: str) -> np.ndarray:
        return self._arrays[name][: len(self.ids)]

    def pair(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """An array of word numbers and its scale array (`name` and `name_scale`)."""
        return self[name], self[f"{name}_scale"]

    def index(self, item_id: str) -> int:
        return self._at[item_id]

    def extend(self, item_ids: list[str], **columns: np.ndarray) -> None:
        """Add a row per id; each keyword gives one array's new rows (1 or 2 dimensions)."""
        n, new = len(self.ids), len(item_ids)
        for name, values in columns.items():
            array = self._room(name, n + new, values)
            if values.ndim == 2:
                array[n : n + new] = self._fills.get(name, 0)
                array[n : n + new, : values.shape[1]] = values
            else:
                array[n : n + new] = values
        self._at.update(zip(item_ids, range(n, n + new), strict=True))
        self.ids.extend(item_ids)

    def remove(self, item_id: str) -> None:
        """Drop a row by moving the last row into its place."""
        i, last = self._at.pop(item_id), len(self.ids) - 1
        if i != last:
            moved = self.ids[last]
            for array in self._arrays.values():
                array[i] = array[last]
            self.ids[i] = moved
            self._at[moved] = i
        self.ids.pop()

    def _room(self, name: str, rows: int, values: np.ndarray) -> np.ndarray:
        """The named array, grown (by doubling) or widened so that these values fit."""
        fill = self._fills.get(name, 0)
        old = self._arrays.get(name)
        width = values.shape[1:]
        if old is not None and len(old) >= rows and old.shape[1:] >= width:
            return old
        if old is not None:
            width = tuple(max(a, b) for a, b in zip(old.shape[1:], width, strict=True))
        array = np.full((max(16, 2 * rows), *width), fill, dtype=values.dtype)
        if old is not None:
            n = len(self.ids)
            if old.ndim == 2:
                array[:n, : old.shape[1]] = old[:n]
            else:
                array[:n] = old[:n]
        self._arrays[name] = array
        return array
