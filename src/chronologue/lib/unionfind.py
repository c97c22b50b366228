"""Union-find over the indices 0..n-1: the one clustering helper of the names stage and the corpus."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets of indices; every set is represented by its smallest index."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """The representative (smallest index) of ``i``'s set."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        """Put ``a`` and ``b`` in one set."""
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
