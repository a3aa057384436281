"""Which elements and links a store holds, for pictures, names and exports.

The store protocol answers questions (orphans, traces, coverage, check); it
has no "list everything". An embedded store holds its :class:`Cascade`, so the
inventory is exact. Any other store (Neo4j) is explored through the protocol
alone: every top (an element with no parent, which ``check`` reports, or a
vision found by tracing up from a finding) is traced down, and the count is
compared with ``coverage``. A vision whose whole sub-cascade is flawless has
no finding to lead to it; such elements are counted in ``missing`` and the
report says so.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Iterable

from ..analysis import Coverage, Gap, Trace, build_trace
from ..gates import KINDS
from ..levels import DEFAULT, Level, Schema
from ..model import Cascade, Finding

__all__ = ["Inventory", "inventory", "discover", "explore"]

Node = tuple[str, Level, "str | None"]  # name, level, opd


@dataclass
class Inventory:
    """Elements by id (name, level, opd), links parent → child among them, and how many were not found."""

    nodes: dict[str, Node] = field(default_factory=dict)
    links: set[tuple[str, str]] = field(default_factory=set)
    missing: int = 0
    schema: Schema = DEFAULT
    _children: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def ids(self, lv: Level) -> list[str]:
        """The ids at one level, sorted."""
        return sorted(i for i, (_, node_level, _) in self.nodes.items() if node_level == lv)

    def trace_down(self, root: str) -> Trace:
        """What ``root`` comes down to, from the links held here — the trace the store would give,
        built by the same code, when nothing is ``missing``."""
        if self._children is None:
            self._children = {}
            for parent, child in self.links:
                self._children.setdefault(parent, []).append(child)
        children = self._children
        seen = {root: None}
        queue = deque([root])
        while queue:
            for child in children.get(queue.popleft(), ()):
                if child not in seen:
                    seen[child] = None
                    queue.append(child)
        nodes = {n: self.nodes[n] for n in seen}
        return build_trace(root, "down", nodes, ((n, c) for n in seen for c in children.get(n, ())), self.schema)

    def absorb(self, trace: Trace) -> None:
        self.nodes.update(trace.nodes)
        for src, nxt in trace.edges.items():
            self.links.update((src, dst) if trace.direction == "down" else (dst, src) for dst in nxt)


def inventory(store, findings: list[Finding], gaps: Iterable[Gap], coverage: Coverage) -> Inventory:
    """The exact inventory of an embedded store; otherwise :func:`discover`."""
    held = getattr(store, "cascade", None)
    if isinstance(held, Cascade):
        return Inventory({e.id: (e.name, e.level, e.opd) for e in held}, set(held.links), 0, held.schema)
    return discover(store, findings, gaps, coverage)


def discover(store, findings: list[Finding], gaps: Iterable[Gap], coverage: Coverage) -> Inventory:
    """Explore a store through its analyses: trace every top down (see the module doc)."""
    found = Inventory(schema=store.schema)
    closed: set[str] = set()  # elements whose whole sub-cascade is known

    def down(root: str) -> None:
        trace = store.trace(root, "down")
        found.absorb(trace)
        closed.update(trace.nodes)

    gaps = list(gaps)
    known = {g.id: (g.name, g.level, g.opd) for g in gaps}
    childless = {f.element for f in findings if f.code == "no-children"}
    unanchored = {f.element for f in findings if f.code in ("no-parent", "unanchored")}
    for f in findings:
        if f.code != "no-parent" or f.element in closed:
            continue
        node = known.get(f.element)
        if node and (node[1] == store.schema.bottom or f.element in childless):  # alone: nothing above, nothing below
            found.nodes[f.element] = node
            closed.add(f.element)
        else:
            down(f.element)
    seeds = [f.element for f in findings if f.element and f.element not in unanchored]
    for gap in gaps:
        seeds += [gap.id, *gap.break_at]
    for seed in dict.fromkeys(seeds):
        if seed in closed or seed in unanchored:
            continue
        up = store.trace(seed, "up")
        found.absorb(up)
        for element_id, (_, lv, _) in up.nodes.items():
            if lv == store.schema.top and element_id not in closed:
                down(element_id)
    total = sum(r.elements for r in coverage.rows)
    found.missing = max(total - len(closed), 0)
    found.nodes = {i: found.nodes[i] for i in closed}
    found.links = {(a, b) for a, b in found.links if a in closed and b in closed}
    return found


def explore(store) -> Inventory:
    """:func:`discover`, asking the store itself for the findings it starts from."""
    findings = store.check()
    gaps = [g for k in KINDS if k.code is None for g in getattr(store, k.analysis)(*k.span(store.schema))]
    return discover(store, findings, gaps, store.coverage())
