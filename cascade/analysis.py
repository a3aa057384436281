"""What the analyses return, and the parts of their definitions every store shares.

Definitions (DESIGN.md, "Analyses — exact semantics"); *anc(x)* are the
elements reachable upward from *x*, *desc(x)* downward:

* :class:`Gap` rows of ``orphans(level, anchor)`` — elements of ``level`` with
  no ancestor at ``anchor``; ``reached`` is the highest level among their
  ancestors strictly below the anchor (their own level if none), ``break_at``
  the elements of that upward region with no parent strictly below the anchor.
* :class:`Gap` rows of ``unbacked(level, target)`` — the mirror, downward.
* :class:`Trace` — the sub-graph below or above one element, as a tree and as
  flat root-to-leaf paths.
* :class:`Coverage` — counts per level (and per OPD), and the two headline shares.

Stores compute the sets; this module turns them into ordered result objects,
so both stores return equal objects by construction of the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .errors import UsageError
from .levels import DEFAULT, Level, Schema

__all__ = [
    "Gap",
    "TraceNode",
    "Trace",
    "CoverageRow",
    "Share",
    "Coverage",
    "build_trace",
    "check_span",
    "coverage_from_counts",
    "sort_key",
]


def sort_key(level: Level, element_id: str) -> tuple[int, str]:
    """The one ordering of results: by level, then id."""
    return (level.index, element_id)


def check_span(upper: "str | Level", lower: "str | Level", what: str, schema: Schema = DEFAULT) -> tuple[Level, Level]:
    """Both levels of ``schema``, checked to be in cascade order (``upper`` above ``lower``)."""
    up, low = schema.level(upper), schema.level(lower)
    if up.index >= low.index:
        raise UsageError(f"{what} level {up.name} must be above {low.name}")
    return up, low


@dataclass(frozen=True)
class Gap:
    """An element whose chain breaks: an orphan (upward) or unbacked (downward)."""

    id: str
    name: str
    level: Level
    opd: str | None
    reached: Level
    break_at: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "level": self.level.name,
            "opd": self.opd,
            "reached": self.reached.name,
            "break_at": list(self.break_at),
        }


@dataclass
class TraceNode:
    """One element in a trace tree; ``ref`` marks an element already shown above, ``skips`` the levels
    the link from the element above it in the tree passes over, ``stops`` a chain that ends here
    before the lowest level (tracing up: before the top)."""

    id: str
    name: str
    level: Level
    opd: str | None
    children: list["TraceNode"] = field(default_factory=list)
    ref: bool = False
    skips: tuple[Level, ...] = ()
    stops: bool = False

    def to_dict(self) -> dict:
        out = {"id": self.id, "name": self.name, "level": self.level.name, "opd": self.opd}
        if self.skips:
            out["skips"] = [lv.name for lv in self.skips]
        if self.ref:
            out["ref"] = True
        else:
            if self.stops:
                out["stops"] = True
            out["children"] = [c.to_dict() for c in self.children]
        return out


@dataclass
class Trace:
    """The sub-graph around one element: its nodes, its links, and views of it."""

    root: str
    direction: str
    nodes: dict[str, tuple[str, Level, str | None]]  # id → (name, level, opd)
    edges: dict[str, list[str]]  # id → next ids in the trace's direction, ordered
    schema: Schema = DEFAULT
    cut: bool = False  # stopped at a depth: where a chain ends beyond it is not known

    def skipped(self, a: str, b: str) -> tuple[Level, ...]:
        """The levels (not optional) that the link between elements ``a`` and ``b`` passes over, top first."""
        upper, lower = sorted((self.nodes[a][1], self.nodes[b][1]), key=lambda lv: lv.index)
        return self.schema.skipped(upper, lower)

    def stops(self, element_id: str) -> bool:
        """Whether the chain through ``element_id`` ends there, before the lowest level (tracing up: the top)."""
        lv = self.nodes[element_id][1]
        edge = self.schema.bottom if self.direction == "down" else self.schema.top
        return lv != edge and not self.edges.get(element_id)

    def tree(self) -> TraceNode:
        """The trace as a tree: each element expanded once, later occurrences are refs (a trace
        :attr:`cut` at a depth marks no chain as stopping)."""
        ends = not self.cut
        seen: set[str] = set()

        def visit(element_id: str, above: str | None) -> TraceNode:
            name, lv, opd = self.nodes[element_id]
            node = TraceNode(element_id, name, lv, opd, skips=self.skipped(above, element_id) if above else ())
            if element_id in seen:
                node.ref = True
                return node
            seen.add(element_id)
            node.stops = ends and self.stops(element_id)
            node.children = [visit(c, element_id) for c in self.edges.get(element_id, ())]
            return node

        return visit(self.root, None)

    def paths(self) -> list[list[str]]:
        """Every root-to-leaf chain, as lists of ids (for spreadsheets)."""
        out: list[list[str]] = []
        stack: list[tuple[str, list[str]]] = [(self.root, [self.root])]
        while stack:
            element_id, path = stack.pop()
            nxt = self.edges.get(element_id, ())
            if not nxt:
                out.append(path)
            for child in reversed(nxt):
                stack.append((child, path + [child]))
        return out

    def to_dict(self) -> dict:
        return {"root": self.root, "direction": self.direction, "tree": self.tree().to_dict()}


def build_trace(
    root: str,
    direction: str,
    nodes: dict[str, tuple[str, Level, str | None]],
    edges: Iterable[tuple[str, str]],
    schema: Schema = DEFAULT,
    cut: bool = False,
) -> Trace:
    """A Trace from the reached nodes and the links among them (in trace direction); ``cut``: it
    stopped at a depth."""
    adjacency: dict[str, list[str]] = {}
    for src, dst in edges:
        if src in nodes and dst in nodes:
            adjacency.setdefault(src, []).append(dst)
    for src, nxt in adjacency.items():
        nxt.sort(key=lambda i: sort_key(nodes[i][1], i))
    return Trace(root, direction, nodes, adjacency, schema, cut)


@dataclass(frozen=True)
class CoverageRow:
    """Counts for one level (and one OPD, when broken down by OPD)."""

    level: Level
    opd: str | None
    elements: int
    with_parent: int
    anchored: int
    with_child: int

    def to_dict(self) -> dict:
        return {
            "level": self.level.name,
            "opd": self.opd,
            "elements": self.elements,
            "with_parent": self.with_parent,
            "anchored": self.anchored,
            "with_child": self.with_child,
        }


@dataclass(frozen=True)
class Share:
    """``part`` of ``whole`` — e.g. processes with a strategic link."""

    part: int
    whole: int

    @property
    def ratio(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def __str__(self) -> str:
        return f"{self.part}/{self.whole} ({self.ratio:.0%})" if self.whole else "0/0"

    def to_dict(self) -> dict:
        return {"part": self.part, "whole": self.whole, "ratio": self.ratio}


@dataclass(frozen=True)
class Coverage:
    """How complete the cascade is, per level; shares of linked processes and backed strategies.

    With ``by="opd"``, rows and shares are per OPD (``None`` for elements without one).
    """

    rows: tuple[CoverageRow, ...]
    process_linked: dict[str | None, Share]
    strategy_backed: dict[str | None, Share]
    by: str | None = None

    def to_dict(self) -> dict:
        def shares(d: dict) -> list:
            return [{"opd": k, **v.to_dict()} if self.by else v.to_dict() for k, v in d.items()]

        linked, backed = shares(self.process_linked), shares(self.strategy_backed)
        return {
            "by": self.by,
            "rows": [r.to_dict() for r in self.rows],
            "process_linked": linked if self.by else linked[0],
            "strategy_backed": backed if self.by else backed[0],
        }


def coverage_from_counts(
    counts: Iterable[tuple[str, str | None, int, int, int, int]],
    linked: Iterable[tuple[str | None, int, int]],
    backed: Iterable[tuple[str | None, int, int]],
    by: str | None,
    schema: Schema = DEFAULT,
) -> Coverage:
    """Assemble a Coverage from per-(level, opd) counts — the stores' common tail.

    ``counts`` rows are (level name, opd, elements, with_parent, anchored, with_child);
    ``linked``/``backed`` rows are (opd, part, whole). Every level appears, even empty.
    """
    table: dict[tuple[int, str | None], CoverageRow] = {}
    for name, opd, n, wp, an, wc in counts:
        lv = schema.level(name)
        table[(lv.index, opd)] = CoverageRow(lv, opd, n, wp, an, wc)
    if by is None:
        for lv in schema:
            table.setdefault((lv.index, None), CoverageRow(lv, None, 0, 0, 0, 0))

    def opd_key(k):
        return (k is None, k or "")

    rows = tuple(table[k] for k in sorted(table, key=lambda k: (opd_key(k[1]), k[0]) if by else k))
    linked_d = {opd: Share(p, w) for opd, p, w in sorted(linked, key=lambda r: opd_key(r[0]))}
    backed_d = {opd: Share(p, w) for opd, p, w in sorted(backed, key=lambda r: opd_key(r[0]))}
    if by is None:
        linked_d = {None: linked_d.get(None, Share(0, 0))}
        backed_d = {None: backed_d.get(None, Share(0, 0))}
    return Coverage(rows, linked_d, backed_d, by)
