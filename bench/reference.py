"""The limit reference: the same sets as the analyses, by sparse-matrix reachability (scipy).

The cascade is encoded once as a boolean CSR adjacency ``A`` (parent → child)
and its transpose. Reachability from many sources at once is frontier
propagation: ``frontier ← Aᵀ·frontier`` (down) or ``A·frontier`` (up), minus
what was already visited, until the frontier is empty — a handful of sparse
matrix-vector products in C, whatever the size. Each reference analysis
computes only the *set* the real analysis must find (no result objects), so
``cascade time / reference time`` says how far the store is from what numpy
and scipy can do on the same graph.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from cascade.levels import LEVELS
from cascade.levels import level as as_level


class CSRGraph:
    """One cascade as CSR arrays: ``rank`` per element, ``A`` parent→child, ``At`` child→parent."""

    def __init__(self, ids: list[str], rank: np.ndarray, src: np.ndarray, dst: np.ndarray, opd_code: np.ndarray):
        n = len(ids)
        self.ids, self.rank, self.src, self.dst, self.opd_code = ids, rank, src, dst, opd_code
        ones = np.ones(len(src), dtype=bool)
        self.A = sp.csr_matrix((ones, (src, dst)), shape=(n, n))     # row = parent
        self.At = sp.csr_matrix((ones, (dst, src)), shape=(n, n))    # row = child
        self.indegree = np.diff(self.At.indptr)
        self.outdegree = np.diff(self.A.indptr)

    @classmethod
    def from_cascade(cls, cascade) -> CSRGraph:
        ids = list(cascade.elements)
        index = {e: i for i, e in enumerate(ids)}
        rank = np.fromiter((e.level.index for e in cascade), dtype=np.int8, count=len(ids))
        src = np.fromiter((index[p] for p, _ in cascade.links), dtype=np.int32, count=len(cascade.links))
        dst = np.fromiter((index[c] for _, c in cascade.links), dtype=np.int32, count=len(cascade.links))
        opds: dict = {}
        opd_code = np.fromiter((opds.setdefault(e.opd, len(opds)) for e in cascade), dtype=np.int32, count=len(ids))
        return cls(ids, rank, src, dst, opd_code)

    def at(self, level: str) -> np.ndarray:
        return self.rank == as_level(level).index

    def _reach(self, M, seeds: np.ndarray) -> np.ndarray:
        visited = seeds.copy()
        frontier = seeds
        while True:
            new = (M @ frontier) & ~visited
            if not new.any():
                return visited
            visited |= new
            frontier = new

    def reach_down(self, seeds: np.ndarray) -> np.ndarray:
        return self._reach(self.At, seeds)

    def reach_up(self, seeds: np.ndarray) -> np.ndarray:
        return self._reach(self.A, seeds)

    # -- the sets each analysis must find ---------------------------------

    def orphans(self, level: str = "process", anchor: str = "strategy") -> np.ndarray:
        return self.at(level) & ~self.reach_down(self.at(anchor))

    def unbacked(self, level: str = "strategy", target: str = "process") -> np.ndarray:
        return self.at(level) & ~self.reach_up(self.at(target))

    def trace_down(self, root: int) -> np.ndarray:
        return csgraph.breadth_first_order(self.A, root, directed=True, return_predecessors=False)

    def coverage(self, by_opd: bool = False) -> np.ndarray:
        anchored = self.reach_down(self.rank == 0)
        linked = self.reach_down(self.at("strategy")) & self.at("process")
        backed = self.reach_up(self.at("process")) & self.at("strategy")
        group = self.rank.astype(np.int64)
        if by_opd:
            group = self.opd_code.astype(np.int64) * len(LEVELS) + group
        size = int(group.max()) + 1
        return np.stack([np.bincount(group, weights=w, minlength=size)
                         for w in (None, self.indegree > 0, anchored, self.outdegree > 0, linked, backed)])

    def check(self) -> tuple[np.ndarray, ...]:
        anchored = self.reach_down(self.rank == 0)
        skips = np.flatnonzero(self.rank[self.dst] - self.rank[self.src] > 1)
        has_parent = self.indegree > 0
        return (skips, np.flatnonzero(~has_parent & (self.rank > 0)), np.flatnonzero(has_parent & ~anchored),
                np.flatnonzero((self.outdegree == 0) & (self.rank < len(LEVELS) - 1)))
