"""The embedded store: analyses on a cascade held in memory, no server needed.

The cascade is indexed once as integer arrays (:mod:`.arrays`); every analysis
is a handful of level-by-level sweeps from all its sources at once — never one
search per element — and the (small) broken region for ``reached`` and
``break_at`` is walked a frontier at a time, in arrays too: Python only builds
the result objects. :attr:`MemoryStore.graph` gives the same cascade as a
``networkx.DiGraph`` for users who want to explore it with networkx.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Iterator, Sequence

import numpy as np

from ..analysis import Coverage, Gap, Trace, build_trace, check_span, coverage_from_counts
from ..check import CODES, Findings
from ..errors import UsageError
from ..levels import Level
from ..model import Cascade, Element, to_networkx
from .arrays import IndexedGraph, ranges
from .base import DIRECTIONS, UnknownElement, near

if TYPE_CHECKING:   # networkx is imported when a graph is asked for: start-up stays short
    import networkx as nx

__all__ = ["MemoryStore", "to_networkx"]


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
        self.schema = cascade.schema
        self.indexed = IndexedGraph(list(cascade.elements), (e.level.index for e in cascade), cascade.links,
                                    len(self.schema))
        self._graph: "nx.DiGraph | None" = None
        self._opds: tuple[list, np.ndarray] | None = None

    @property
    def graph(self) -> "nx.DiGraph":
        """The cascade as a networkx DiGraph (built on first use)."""
        if self._graph is None:
            self._graph = to_networkx(self.cascade)
        return self._graph

    def _gaps(self, lv: Level, far: Level, upward: bool) -> list[Gap]:
        """Elements of ``lv`` that ``far`` does not reach, and where their chains stop."""
        g = self.indexed
        covered = g.reach_down(g.at(far.index)) if upward else g.reach_up(g.at(far.index))
        gaps = np.flatnonzero(g.at(lv.index) & ~covered)
        if not gaps.size:
            return []
        # The region: the gaps and all they reach on the way to ``far``, short of it.
        short_of_far = g.rank > far.index if upward else g.rank < far.index
        members = g.search(gaps, upward, within=short_of_far)
        region = np.zeros(len(g), dtype=bool)
        region[members] = True
        nodes, ends = g.chain_ends(members, region, upward)
        start = np.searchsorted(nodes, gaps, "left")
        counts = np.searchsorted(nodes, gaps, "right") - start
        mine = ends[ranges(start, counts)]
        # Every element's ends include its region's highest (or lowest) element: ``reached``.
        extreme = np.minimum if upward else np.maximum
        first = np.cumsum(counts) - counts
        reached = extreme.reduceat(g.rank[mine], first).tolist()
        ids, elements = g.ids, self.cascade.elements
        end_ids = [ids[j] for j in mine.tolist()]
        out, k = [], 0
        for i, c, r in zip(gaps.tolist(), counts.tolist(), reached):
            e = elements[ids[i]]
            ends_here = (end_ids[k],) if c == 1 else tuple(sorted(end_ids[k : k + c]))
            k += c
            out.append(Gap(e.id, e.name, e.level, e.opd, self.schema[r], ends_here))
        out.sort(key=attrgetter("id"))   # one level: sort_key's order is the ids' order
        return out

    # -- contents --------------------------------------------------------

    def elements(self) -> Iterator[Element]:
        return iter(self.cascade)

    def links(self) -> list[tuple[str, str]]:
        return list(self.cascade.links)

    # -- analyses --------------------------------------------------------

    def orphans(self, level: str | Level | None = None, anchor: str | Level | None = None) -> list[Gap]:
        s = self.schema
        anchor_lv, lv = check_span(anchor or s.strategy, level or s.process, "anchor", s)
        return self._gaps(lv, anchor_lv, upward=True)

    def unbacked(self, level: str | Level | None = None, target: str | Level | None = None) -> list[Gap]:
        s = self.schema
        lv, target_lv = check_span(level or s.strategy, target or s.process, "level", s)
        return self._gaps(lv, target_lv, upward=False)

    def lost_support(self, analysis: str, level: Level, far: Level, retired: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
        g = self.indexed
        upward = analysis == "orphans"
        gone = self._rows(retired)
        alive = np.ones(len(g), dtype=bool)
        alive[gone] = False
        reach = g.reach_down if upward else g.reach_up
        seeds = g.at(far.index)
        before = reach(seeds)
        lost = g.at(level.index) & alive & before & ~reach(seeds, alive)
        if not lost.any():
            return []
        # Through which retired elements the support ran: those that had it themselves, above (below) the lost.
        via: dict[int, list[str]] = {}
        for r in gone[before[gone]].tolist():
            reached = g.search(np.array([r]), not upward)
            for i in reached[lost[reached]].tolist():
                via.setdefault(i, []).append(g.ids[r])
        return sorted((g.ids[i], tuple(sorted(through))) for i, through in via.items())

    def same_parents(self, level: Level, by: Level) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        g = self.indexed
        child, parent = g.expand(np.flatnonzero(g.at(level.index)), upward=True)
        keep = g.rank[parent] == by.index
        child, parent = child[keep], parent[keep]
        kids, first, counts = np.unique(child, return_index=True, return_counts=True)
        # Most elements have one parent at ``by``: grouped by it in arrays; the others one by one.
        single = counts == 1
        by_parent: dict[tuple[int, ...], list[int]] = {}
        only = parent[first[single]]
        order = np.argsort(only, kind="stable")
        values, starts, sizes = np.unique(only[order], return_index=True, return_counts=True)
        singles = kids[single][order]
        for v, at, k in zip(values.tolist(), starts.tolist(), sizes.tolist()):
            if k > 1:
                by_parent[(v,)] = singles[at : at + k].tolist()
        order = np.argsort(child, kind="stable")
        child, parent = child[order], parent[order]
        for c, at, k in zip(kids[~single].tolist(), np.searchsorted(child, kids[~single]).tolist(), counts[~single].tolist()):
            by_parent.setdefault(tuple(sorted(parent[at : at + k].tolist())), []).append(c)
        ids = g.ids
        return [(tuple(sorted(ids[c] for c in cs)), tuple(sorted(ids[q] for q in ps)))
                for ps, cs in by_parent.items() if len(cs) > 1]

    def _rows(self, ids: Sequence[str]) -> np.ndarray:
        """The rows of ``ids``; :class:`UnknownElement` for the first one not in the cascade."""
        index = self.indexed.index
        for i in ids:
            if i not in index:
                raise UnknownElement(i, self.dataset, near(i, index))
        return np.array([index[i] for i in ids], dtype=np.int64)

    def trace(self, element_id: str, direction: str = "down", depth: int | None = None) -> Trace:
        if direction not in DIRECTIONS:
            raise UsageError(f"direction must be one of {', '.join(DIRECTIONS)}")
        g = self.indexed
        root = g.index.get(element_id)
        if root is None:
            raise UnknownElement(element_id, self.dataset, near(element_id, g.index))
        upward = direction == "up"
        reached = g.search(np.array([root]), upward, depth=depth)
        elements, ids = self.cascade.elements, g.ids
        nodes = {}
        for i in reached.tolist():
            e = elements[ids[i]]
            nodes[e.id] = (e.name, e.level, e.opd)
        src, dst = g.expand(reached, upward)
        edges = zip(map(ids.__getitem__, src.tolist()), map(ids.__getitem__, dst.tolist()))
        return build_trace(element_id, direction, nodes, edges, self.schema, depth is not None)

    def coverage(self, by: str | None = None) -> Coverage:
        if by not in (None, "opd"):
            raise UsageError("coverage can be broken down by 'opd' only")
        g = self.indexed
        schema = self.schema
        levels, strategy, process = len(schema), schema.strategy.index, schema.process.index
        anchored = g.reach_down(g.at(schema.top.index))
        linked = g.reach_down(g.at(strategy)) & g.at(process)
        backed = g.reach_up(g.at(process)) & g.at(strategy)
        if by:
            names, codes = self._opd_codes()
            group = codes * levels + g.rank
        else:
            names, group = [None], g.rank.astype(np.int64)
        size = len(names) * levels

        def count(mask=None) -> np.ndarray:
            return np.bincount(group, weights=mask, minlength=size).astype(np.int64)

        n, wp, an, wc = count(), count(g.indegree > 0), count(anchored), count(g.outdegree > 0)
        lk, bk = count(linked), count(backed)
        rows, linked_rows, backed_rows = [], [], []
        for k in np.flatnonzero(n).tolist():
            opd, r = names[k // levels], k % levels
            rows.append((schema[r].name, opd, n[k], wp[k], an[k], wc[k]))
            if r == process:
                linked_rows.append((opd, int(lk[k]), int(n[k])))
            elif r == strategy:
                backed_rows.append((opd, int(bk[k]), int(n[k])))
        return coverage_from_counts(
            ((lvl, opd, *map(int, counts)) for lvl, opd, *counts in rows), linked_rows, backed_rows, by, schema
        )

    def _opd_codes(self) -> tuple[list, np.ndarray]:
        """The OPDs in order of first appearance, and each element's OPD as an index into them
        (computed on first use, like :attr:`graph`)."""
        if self._opds is None:
            code: dict = {}
            codes = np.fromiter((code.setdefault(e.opd, len(code)) for e in self.cascade), dtype=np.int64,
                                count=len(self.cascade))
            self._opds = (list(code), codes)
        return self._opds

    def check(self) -> Findings:
        g, schema = self.indexed, self.schema
        anchored = g.reach_down(g.at(schema.top.index))
        rank, ids = g.rank, g.ids
        n = len(schema)
        skipping = np.array([[schema.skips(a, b) for b in schema] for a in schema], dtype=bool).ravel()
        skips = np.flatnonzero(skipping[rank[g.src].astype(np.int64) * n + rank[g.dst]])
        has_parent = g.indegree > 0
        masks = [np.flatnonzero(mask) for mask in (
            ~has_parent & (rank > schema.top.index),            # no-parent
            has_parent & ~anchored,                             # unanchored
            (g.outdegree == 0) & (rank < schema.bottom.index),  # no-children
        )]
        who = np.concatenate([g.dst[skips], *masks])
        code = np.repeat(np.arange(len(CODES), dtype=np.int8), [len(skips), *map(len, masks)])
        other, none = g.src[skips], [None] * (len(who) - len(skips))   # only a level skip has another end
        elements = self.cascade.elements
        return Findings(code, [ids[i] for i in who.tolist()], rank[who].astype(np.int64),
                        [ids[i] for i in other.tolist()] + none, rank[other].tolist() + none, schema,
                        lambda element: elements[element].place, position=who)
