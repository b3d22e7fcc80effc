"""Rows of item vectors, member codes and rule flags that grow and shrink in place."""

import numpy as np


class Rows:
    """One row per item: its quick-pass vector, its other vector, member code and rule flags."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._at: dict[str, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._rest = np.zeros((0, 0), dtype=np.float32)
        self._members = np.zeros(0, dtype=np.int64)
        self._rules = np.zeros((0, 0), dtype=bool)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def vectors(self) -> np.ndarray:
        return self._vectors[: len(self.ids)]

    @property
    def rest(self) -> np.ndarray:
        """Each item's second vector, compared only for the pairs the quick pass keeps."""
        return self._rest[: len(self.ids)]

    @property
    def members(self) -> np.ndarray:
        return self._members[: len(self.ids)]

    @property
    def rules(self) -> np.ndarray:
        return self._rules[: len(self.ids)]

    def index(self, item_id: str) -> int:
        return self._at[item_id]

    def extend(
        self,
        item_ids: list[str],
        vectors: np.ndarray,
        rest: np.ndarray,
        members: np.ndarray,
        rules: np.ndarray,
    ) -> None:
        """Add many rows at once."""
        n, new = len(self.ids), len(item_ids)
        if n + new > len(self._vectors):
            capacity = max(16, 2 * n, n + new)
            self._grow(capacity, vectors.shape[1], rest.shape[1], rules.shape[1])
        self._vectors[n : n + new], self._rest[n : n + new] = vectors, rest
        self._members[n : n + new], self._rules[n : n + new] = members, rules
        self._at.update(zip(item_ids, range(n, n + new), strict=True))
        self.ids.extend(item_ids)

    def remove(self, item_id: str) -> None:
        """Drop a row by moving the last row into its place."""
        i, last = self._at.pop(item_id), len(self.ids) - 1
        if i != last:
            moved = self.ids[last]
            self._vectors[i], self._rest[i] = self._vectors[last], self._rest[last]
            self._members[i] = self._members[last]
            self._rules[i] = self._rules[last]
            self.ids[i] = moved
            self._at[moved] = i
        self.ids.pop()

    def _grow(self, capacity: int, width: int, rest_width: int, rule_width: int) -> None:
        n = len(self.ids)
        vectors = np.zeros((capacity, width), dtype=np.float32)
        rest = np.zeros((capacity, rest_width), dtype=np.float32)
        members = np.zeros(capacity, dtype=np.int64)
        rules = np.zeros((capacity, rule_width), dtype=bool)
        if n:
            vectors[:n], rest[:n] = self.vectors, self.rest
            members[:n], rules[:n] = self.members, self.rules
        self._vectors, self._rest, self._members, self._rules = vectors, rest, members, rules
