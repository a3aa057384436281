"""A cascade as integer arrays, for traversals that stay linear at 10⁶ elements.

Element *i* has ``rank[i]`` (its level index); link *k* goes ``src[k] → dst[k]``.
Links always point to a larger rank, so reachability needs no queue: sweeping
the links grouped by level, top-down (or bottom-up), settles every element
after its parents (or children) — seven vectorised steps, whatever the size.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

from ..levels import LEVELS

__all__ = ["IndexedGraph"]


def _csr(keys: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and neighbours: the values of key *i* are ``nbr[ptr[i]:ptr[i+1]]``."""
    order = np.argsort(keys, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return ptr, values[order]


class IndexedGraph:
    """Integer ids, ranks, links and both adjacency directions of one cascade."""

    def __init__(self, ids: list[str], ranks: Iterable[int], links: list[tuple[str, str]]):
        self.ids = ids
        self.index = {element_id: i for i, element_id in enumerate(ids)}
        n, m = len(ids), len(links)
        index = self.index
        self.rank = np.fromiter(ranks, dtype=np.int8, count=n)
        self.src = np.fromiter((index[p] for p, _ in links), dtype=np.int32, count=m)
        self.dst = np.fromiter((index[c] for _, c in links), dtype=np.int32, count=m)
        self.indegree = np.bincount(self.dst, minlength=n)
        self.outdegree = np.bincount(self.src, minlength=n)
        self.parents = _csr(self.dst, self.src, n)
        self.children = _csr(self.src, self.dst, n)
        src_rank, dst_rank = self.rank[self.src], self.rank[self.dst]
        self._by_src_rank = [np.flatnonzero(src_rank == r) for r in range(len(LEVELS))]
        self._by_dst_rank = [np.flatnonzero(dst_rank == r) for r in reversed(range(len(LEVELS)))]

    def __len__(self) -> int:
        return len(self.ids)

    def at(self, rank: int) -> np.ndarray:
        """A mask of the elements of one level."""
        return self.rank == rank

    def reach_down(self, seeds: np.ndarray, below: int | None = None) -> np.ndarray:
        """Seeds and everything under them; with ``below``, only through ranks < below."""
        mask = seeds.copy()
        for edges in self._by_src_rank:
            s, d = self.src[edges], self.dst[edges]
            if below is not None:
                keep = self.rank[d] < below
                s, d = s[keep], d[keep]
            mask[d[mask[s]]] = True
        return mask

    def reach_up(self, seeds: np.ndarray, above: int | None = None) -> np.ndarray:
        """Seeds and everything over them; with ``above``, only through ranks > above."""
        mask = seeds.copy()
        for edges in self._by_dst_rank:
            s, d = self.src[edges], self.dst[edges]
            if above is not None:
                keep = self.rank[s] > above
                s, d = s[keep], d[keep]
            mask[s[mask[d]]] = True
        return mask

    def extreme_rank_up(self, region: np.ndarray) -> np.ndarray:
        """For each element of ``region``, the smallest rank among it and its ancestors in region."""
        best = self.rank.astype(np.int16)
        for edges in self._by_src_rank:
            s, d = self.src[edges], self.dst[edges]
            keep = region[s] & region[d]
            np.minimum.at(best, d[keep], best[s[keep]])
        return best

    def extreme_rank_down(self, region: np.ndarray) -> np.ndarray:
        """For each element of ``region``, the largest rank among it and its descendants in region."""
        best = self.rank.astype(np.int16)
        for edges in self._by_dst_rank:
            s, d = self.src[edges], self.dst[edges]
            keep = region[s] & region[d]
            np.maximum.at(best, s[keep], best[d[keep]])
        return best

    def neighbours(self, i: int, upward: bool) -> np.ndarray:
        ptr, nbr = self.parents if upward else self.children
        return nbr[ptr[i] : ptr[i + 1]]
