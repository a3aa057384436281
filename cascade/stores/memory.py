"""The embedded store: a cascade held in memory as a ``networkx.DiGraph``.

Every analysis is one multi-source traversal over the graph's adjacency — the
anchors' reach is computed once for all elements, never one search per
element — followed by one pass in level order for ``reached``/``break_at``.
"""

from __future__ import annotations

from collections import deque
from typing import Iterable

import networkx as nx

from ..analysis import Coverage, Gap, Trace, build_trace, check_span, coverage_from_counts, sort_key
from ..check import structural_findings
from ..levels import LEVELS, Level, level as as_level
from ..model import Cascade, Finding
from .base import DIRECTIONS, UnknownElement

__all__ = ["MemoryStore"]


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
        g = nx.DiGraph(dataset=cascade.name)
        for e in cascade:
            g.add_node(e.id, name=e.name, level=e.level.name, opd=e.opd, **e.attrs)
        g.add_edges_from(cascade.links)
        self.graph = g
        self._rank = {e.id: e.level.index for e in cascade}
        self._by_level: list[list[str]] = [[] for _ in LEVELS]
        for e in cascade:
            self._by_level[e.level.index].append(e.id)

    # -- traversal -------------------------------------------------------

    def _reach(self, sources: Iterable[str], adjacency, keep=None) -> set[str]:
        """Everything reachable from any source (sources included), in one BFS."""
        seen = set(sources)
        queue = deque(seen)
        while queue:
            for nxt in adjacency[queue.popleft()]:
                if nxt not in seen and (keep is None or keep(nxt)):
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    def _gaps(self, lv: Level, far: Level, adjacency, back, upward: bool) -> list[Gap]:
        """Elements of ``lv`` that ``far`` does not reach; where their chains stop.

        ``adjacency`` points away from ``far`` towards ``lv``; ``back`` the other way.
        """
        rank = self._rank
        covered = self._reach(self._by_level[far.index], adjacency)
        gaps = [x for x in self._by_level[lv.index] if x not in covered]
        between = (lambda n: rank[n] > far.index) if upward else (lambda n: rank[n] < far.index)
        region = self._reach(gaps, back, keep=between)
        buckets: list[list[str]] = [[] for _ in LEVELS]
        for n in region:
            buckets[rank[n]].append(n)
        order = buckets if upward else reversed(buckets)
        ends: dict[str, frozenset[str]] = {}
        reached: dict[str, int] = {}
        best = min if upward else max
        for bucket in order:
            for n in bucket:
                nxt = [p for p in back[n] if between(p)]
                if not nxt:
                    ends[n], reached[n] = frozenset((n,)), rank[n]
                elif len(nxt) == 1:
                    ends[n], reached[n] = ends[nxt[0]], reached[nxt[0]]
                else:
                    ends[n] = frozenset().union(*(ends[p] for p in nxt))
                    reached[n] = best(reached[p] for p in nxt)
        out = []
        for x in gaps:
            e = self.cascade[x]
            out.append(Gap(x, e.name, e.level, e.opd, LEVELS[reached[x]], tuple(sorted(ends[x]))))
        out.sort(key=lambda gap: sort_key(gap.level, gap.id))
        return out

    # -- analyses --------------------------------------------------------

    def orphans(self, level: str | Level = "process", anchor: str | Level = "strategy") -> list[Gap]:
        anchor_lv, lv = check_span(anchor, level, "anchor")
        g = self.graph
        return self._gaps(lv, anchor_lv, g._succ, g._pred, upward=True)

    def unbacked(self, level: str | Level = "strategy", target: str | Level = "process") -> list[Gap]:
        lv, target_lv = check_span(level, target, "level")
        g = self.graph
        return self._gaps(lv, target_lv, g._pred, g._succ, upward=False)

    def trace(self, element_id: str, direction: str = "down", depth: int | None = None) -> Trace:
        if direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {DIRECTIONS}")
        if element_id not in self._rank:
            raise UnknownElement(element_id, self.dataset)
        adjacency = self.graph._succ if direction == "down" else self.graph._pred
        dist = {element_id: 0}
        queue = deque([element_id])
        while queue:
            n = queue.popleft()
            if depth is not None and dist[n] >= depth:
                continue
            for nxt in adjacency[n]:
                if nxt not in dist:
                    dist[nxt] = dist[n] + 1
                    queue.append(nxt)
        nodes = {}
        for n in dist:
            e = self.cascade[n]
            nodes[n] = (e.name, e.level, e.opd)
        edges = ((n, m) for n in dist for m in adjacency[n])
        return build_trace(element_id, direction, nodes, edges)

    def coverage(self, by: str | None = None) -> Coverage:
        if by not in (None, "opd"):
            raise ValueError("coverage can be broken down by 'opd' only")
        g, rank, levels = self.graph, self._rank, self._by_level
        anchored = self._reach(levels[0], g._succ)
        strategy, process = as_level("strategy").index, as_level("process").index
        linked = self._reach(levels[strategy], g._succ)
        backed = self._reach(levels[process], g._pred)
        counts: dict[tuple[int, str | None], list[int]] = {}
        shares: dict[tuple[str, str | None], list[int]] = {}
        for e in self.cascade:
            opd = e.opd if by else None
            row = counts.setdefault((rank[e.id], opd), [0, 0, 0, 0])
            row[0] += 1
            row[1] += bool(g._pred[e.id])
            row[2] += e.id in anchored
            row[3] += bool(g._succ[e.id])
            if rank[e.id] == process:
                share = shares.setdefault(("linked", opd), [0, 0])
                share[0] += e.id in linked
                share[1] += 1
            elif rank[e.id] == strategy:
                share = shares.setdefault(("backed", opd), [0, 0])
                share[0] += e.id in backed
                share[1] += 1
        return coverage_from_counts(
            ((LEVELS[r].name, opd, *row) for (r, opd), row in counts.items()),
            ((opd, *v) for (kind, opd), v in shares.items() if kind == "linked"),
            ((opd, *v) for (kind, opd), v in shares.items() if kind == "backed"),
            by,
        )

    def check(self) -> list[Finding]:
        g, rank = self.graph, self._rank
        anchored = self._reach(self._by_level[0], g._succ)
        lowest = len(LEVELS) - 1
        rows = []
        for parent, child in self.cascade.links:
            if rank[child] - rank[parent] > 1:
                rows.append(("level-skip", child, rank[child], parent, rank[parent]))
        for e in self.cascade:
            r = rank[e.id]
            if r > 0 and not g._pred[e.id]:
                rows.append(("no-parent", e.id, r, None, None))
            elif e.id not in anchored:
                rows.append(("unanchored", e.id, r, None, None))
            if r < lowest and not g._succ[e.id]:
                rows.append(("no-children", e.id, r, None, None))
        places = {e.id: e.place for e in self.cascade if e.place is not None}
        return structural_findings(rows, places)
