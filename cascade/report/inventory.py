"""Which elements and links a store holds, for pictures, names and exports.

Read through the store protocol (``elements()`` and ``links()``), so a report
or an export from Neo4j holds exactly what the same one from the source does.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from ..analysis import Trace, build_trace
from ..levels import DEFAULT, Level, Schema

__all__ = ["Inventory", "inventory"]

Node = tuple[str, Level, "str | None"]  # name, level, opd


@dataclass
class Inventory:
    """Elements by id (name, level, opd) and links parent → child."""

    nodes: dict[str, Node] = field(default_factory=dict)
    links: set[tuple[str, str]] = field(default_factory=set)
    schema: Schema = DEFAULT
    _children: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def ids(self, lv: Level) -> list[str]:
        """The ids at one level, sorted."""
        return sorted(i for i, (_, node_level, _) in self.nodes.items() if node_level == lv)

    def trace_down(self, root: str) -> Trace:
        """What ``root`` comes down to, from the links held here — the trace the store would give,
        built by the same code."""
        if self._children is None:
            self._children = {}
            for parent, child in sorted(self.links):
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

    def skips(self) -> dict[str, list[tuple[str, str, "tuple[Level, ...]"]]]:
        """Each element's links that pass over a level that is not optional: (``"down"`` for a child,
        ``"up"`` for a parent, the other end, the levels skipped), for the report's break tables."""
        found: dict[str, list[tuple[str, str, tuple[Level, ...]]]] = {}
        schema, nodes = self.schema, self.nodes
        for parent, child in sorted(self.links):
            upper, lower = nodes[parent][1], nodes[child][1]
            if schema.skips(upper, lower):
                skipped = schema.skipped(upper, lower)
                found.setdefault(parent, []).append(("down", child, skipped))
                found.setdefault(child, []).append(("up", parent, skipped))
        return found


def inventory(store) -> Inventory:
    """Every element and link of ``store`` (any store), through the protocol."""
    nodes = {e.id: (e.name, e.level, e.opd) for e in store.elements()}
    return Inventory(nodes, set(store.links()), store.schema)
