"""The embedded store: analyses on a cascade held in memory, no server needed.

The cascade is indexed once as integer arrays (:mod:`.arrays`); every analysis
is a handful of level-by-level sweeps from all its sources at once — never one
search per element — plus one pass over the (small) broken region for
``break_at``. :attr:`MemoryStore.graph` gives the same cascade as a
``networkx.DiGraph`` for users who want to explore it with networkx.
"""

from __future__ import annotations

from collections import deque

import networkx as nx
import numpy as np

from ..analysis import Coverage, Gap, Trace, build_trace, check_span, coverage_from_counts, sort_key
from ..check import structural_findings
from ..levels import LEVELS, Level, level as as_level
from ..model import Cascade, Finding
from .arrays import IndexedGraph
from .base import DIRECTIONS, UnknownElement

__all__ = ["MemoryStore", "to_networkx"]

_LOWEST = len(LEVELS) - 1


def to_networkx(cascade: Cascade) -> nx.DiGraph:
    """The cascade as a ``networkx.DiGraph``: parent → child, element fields on nodes."""
    g = nx.DiGraph(dataset=cascade.name)
    for e in cascade:
        g.add_node(e.id, name=e.name, level=e.level.name, opd=e.opd, **e.attrs)
    g.add_edges_from(cascade.links)
    return g


class MemoryStore:
    """Analyses on one :class:`~cascade.model.Cascade`, in memory.

    >>> import cascade
    >>> c = cascade.from_records({"strategy": [{"id": "S1", "name": "s"}],
    ...                           "program": [{"id": "G1", "name": "g"}],
    ...                           "process": [{"id": "P1", "name": "p", "parent": "G1"}]})
    >>> [(g.id, g.reached.name, g.break_at) for g in MemoryStore(c).orphans()]
    [('P1', 'program', ('G1',))]
    """

    def __init__(self, cascade: Cascade):
        self.cascade = cascade
        self.dataset = cascade.name
        self.indexed = IndexedGraph(list(cascade.elements), (e.level.index for e in cascade), cascade.links)
        self._graph: nx.DiGraph | None = None

    @property
    def graph(self) -> nx.DiGraph:
        """The cascade as a networkx DiGraph (built on first use)."""
        if self._graph is None:
            self._graph = to_networkx(self.cascade)
        return self._graph

    def _gap(self, i: int, reached: int, ends) -> Gap:
        e = self.cascade.elements[self.indexed.ids[i]]
        return Gap(e.id, e.name, e.level, e.opd, LEVELS[reached], tuple(sorted(ends)))

    def _gaps(self, lv: Level, far: Level, upward: bool) -> list[Gap]:
        """Elements of ``lv`` that ``far`` does not reach, and where their chains stop."""
        g = self.indexed
        if upward:
            covered = g.reach_down(g.at(far.index))
            gaps = g.at(lv.index) & ~covered
            region = g.reach_up(gaps, above=far.index)
            reached = g.extreme_rank_up(region)
        else:
            covered = g.reach_up(g.at(far.index))
            gaps = g.at(lv.index) & ~covered
            region = g.reach_down(gaps, below=far.index)
            reached = g.extreme_rank_down(region)
        ends = self._chain_ends(region, upward)
        out = [self._gap(int(i), int(reached[i]), ends[int(i)]) for i in np.flatnonzero(gaps)]
        out.sort(key=lambda gap: sort_key(gap.level, gap.id))
        return out

    def _chain_ends(self, region: np.ndarray, upward: bool) -> dict[int, frozenset[str]]:
        """For each element of ``region``: the ids where its chains inside the region stop."""
        g = self.indexed
        members = np.flatnonzero(region)
        order = members[np.argsort(g.rank[members] if upward else -g.rank[members], kind="stable")]
        ends: dict[int, frozenset[str]] = {}
        for i in order.tolist():
            nxt = [j for j in g.neighbours(i, upward).tolist() if region[j]]
            if not nxt:
                ends[i] = frozenset((g.ids[i],))
            elif len(nxt) == 1:
                ends[i] = ends[nxt[0]]
            else:
                ends[i] = frozenset().union(*(ends[j] for j in nxt))
        return ends

    # -- analyses --------------------------------------------------------

    def orphans(self, level: str | Level = "process", anchor: str | Level = "strategy") -> list[Gap]:
        anchor_lv, lv = check_span(anchor, level, "anchor")
        return self._gaps(lv, anchor_lv, upward=True)

    def unbacked(self, level: str | Level = "strategy", target: str | Level = "process") -> list[Gap]:
        lv, target_lv = check_span(level, target, "level")
        return self._gaps(lv, target_lv, upward=False)

    def trace(self, element_id: str, direction: str = "down", depth: int | None = None) -> Trace:
        if direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
        g = self.indexed
        root = g.index.get(element_id)
        if root is None:
            raise UnknownElement(element_id, self.dataset)
        upward = direction == "up"
        dist = {root: 0}
        queue = deque([root])
        while queue:
            i = queue.popleft()
            if depth is not None and dist[i] >= depth:
                continue
            for j in g.neighbours(i, upward).tolist():
                if j not in dist:
                    dist[j] = dist[i] + 1
                    queue.append(j)
        elements = self.cascade.elements
        nodes = {}
        for i in dist:
            e = elements[g.ids[i]]
            nodes[e.id] = (e.name, e.level, e.opd)
        edges = ((g.ids[i], g.ids[j]) for i in dist for j in g.neighbours(i, upward).tolist())
        return build_trace(element_id, direction, nodes, edges)

    def coverage(self, by: str | None = None) -> Coverage:
        if by not in (None, "opd"):
            raise ValueError("coverage can be broken down by 'opd' only")
        g = self.indexed
        strategy, process = as_level("strategy").index, as_level("process").index
        anchored = g.reach_down(g.at(0))
        linked = g.reach_down(g.at(strategy)) & g.at(process)
        backed = g.reach_up(g.at(process)) & g.at(strategy)
        opds = [e.opd if by else None for e in self.cascade]
        names = list(dict.fromkeys(opds))
        code = {opd: k for k, opd in enumerate(names)}
        group = np.fromiter((code[o] for o in opds), dtype=np.int64, count=len(opds)) * len(LEVELS) + g.rank
        size = len(names) * len(LEVELS)

        def count(mask=None) -> np.ndarray:
            return np.bincount(group, weights=mask, minlength=size).astype(np.int64)

        n, wp, an, wc = count(), count(g.indegree > 0), count(anchored), count(g.outdegree > 0)
        lk, bk = count(linked), count(backed)
        rows, linked_rows, backed_rows = [], [], []
        for k in np.flatnonzero(n).tolist():
            opd, r = names[k // len(LEVELS)], k % len(LEVELS)
            rows.append((LEVELS[r].name, opd, n[k], wp[k], an[k], wc[k]))
            if r == process:
                linked_rows.append((opd, int(lk[k]), int(n[k])))
            elif r == strategy:
                backed_rows.append((opd, int(bk[k]), int(n[k])))
        return coverage_from_counts(
            ((lvl, opd, *map(int, counts)) for lvl, opd, *counts in rows), linked_rows, backed_rows, by
        )

    def check(self) -> list[Finding]:
        g = self.indexed
        anchored = g.reach_down(g.at(0))
        rank, ids = g.rank, g.ids
        rows = []
        skips = np.flatnonzero(rank[g.dst] - rank[g.src] > 1)
        for k in skips.tolist():
            s, d = int(g.src[k]), int(g.dst[k])
            rows.append(("level-skip", ids[d], int(rank[d]), ids[s], int(rank[s])))
        has_parent = g.indegree > 0
        for code, mask in (
            ("no-parent", ~has_parent & (rank > 0)),
            ("unanchored", has_parent & ~anchored),
            ("no-children", (g.outdegree == 0) & (rank < _LOWEST)),
        ):
            rows.extend((code, ids[i], int(rank[i]), None, None) for i in np.flatnonzero(mask).tolist())
        elements = self.cascade.elements
        places = {row[1]: elements[row[1]].place for row in rows if elements[row[1]].place is not None}
        return structural_findings(rows, places)
