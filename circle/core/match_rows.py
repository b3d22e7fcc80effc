"""Rows of item vectors, member codes and rule flags that grow and shrink in place."""

import numpy as np


class Rows:
    """One row per item: the bulk-scoring vector, the member's code and the rule flags."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._at: dict[str, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._members = np.zeros(0, dtype=np.int64)
        self._rules = np.zeros((0, 0), dtype=bool)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def vectors(self) -> np.ndarray:
        return self._vectors[: len(self.ids)]

    @property
    def members(self) -> np.ndarray:
        return self._members[: len(self.ids)]

    @property
    def rules(self) -> np.ndarray:
        return self._rules[: len(self.ids)]

    def index(self, item_id: str) -> int:
        return self._at[item_id]

    def add(self, item_id: str, vector: np.ndarray, member: int, rules: np.ndarray) -> None:
        n = len(self.ids)
        if n == len(self._vectors):
            self._grow(max(16, 2 * n), len(vector), len(rules))
        self._vectors[n], self._members[n], self._rules[n] = vector, member, rules
        self._at[item_id] = n
        self.ids.append(item_id)

    def remove(self, item_id: str) -> None:
        """Drop a row by moving the last row into its place."""
        i, last = self._at.pop(item_id), len(self.ids) - 1
        if i != last:
            moved = self.ids[last]
            self._vectors[i], self._members[i] = self._vectors[last], self._members[last]
            self._rules[i] = self._rules[last]
            self.ids[i] = moved
            self._at[moved] = i
        self.ids.pop()

    def _grow(self, capacity: int, width: int, rule_width: int) -> None:
        n = len(self.ids)
        vectors = np.zeros((capacity, width), dtype=np.float32)
        members = np.zeros(capacity, dtype=np.int64)
        rules = np.zeros((capacity, rule_width), dtype=bool)
        if n:
            vectors[:n], members[:n], rules[:n] = self.vectors, self.members, self.rules
        self._vectors, self._members, self._rules = vectors, members, rules
