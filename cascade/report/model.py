"""What a report holds: every finding, collected once, ready for any writer.

Writers (HTML, XLSX, Markdown, JSON, JUnit, SARIF) only format a
:class:`Report`; none of them asks a store anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..analysis import Coverage, Gap, Trace
from ..gates import KINDS, Kind
from ..levels import DEFAULT, Level, Schema
from ..model import Finding

if TYPE_CHECKING:
    from ..baseline import Entry, Register
    from ..plan_diff import Diff

__all__ = ["StrategyView", "Report", "FORMAT_VERSION"]

#: Bumped when the JSON layout changes incompatibly (2: no ``unreached_elements``; every report is whole).
FORMAT_VERSION = 2


@dataclass(frozen=True)
class StrategyView:
    """What one strategy comes down to: its downward trace and where chains stop early."""

    trace: Trace
    ends: tuple[str, ...]  # reached elements above the lowest level with nothing below

    @property
    def id(self) -> str:
        return self.trace.root

    @property
    def name(self) -> str:
        return self.trace.nodes[self.trace.root][0]

    @property
    def opd(self) -> str | None:
        return self.trace.nodes[self.trace.root][2]

    def counts(self) -> dict[Level, int]:
        """Elements reached below the strategy, per level (every level below it, even at 0)."""
        root_level = self.trace.nodes[self.id][1]
        out = {lv: 0 for lv in self.trace.schema if lv > root_level}
        for element_id, (_, lv, _) in self.trace.nodes.items():
            if element_id != self.id:
                out[lv] += 1
        return out

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "opd": self.opd,
            "reached": {lv.name: n for lv, n in self.counts().items()},
            "ends": list(self.ends),
        }


@dataclass
class Report:
    """Every analysis of one dataset, as result objects."""

    dataset: str
    source: str | None
    generated: str  # ISO 8601, UTC
    coverage: Coverage
    coverage_by_opd: Coverage
    gaps: dict[str, list[Gap]]  # analysis kind name → its gaps, in KINDS order
    findings: list[Finding]  # structural check
    strategies: list[StrategyView]
    names: dict[str, tuple[str, Level, str | None]] = field(default_factory=dict, repr=False)
    schema: Schema = DEFAULT
    changes: "Diff | None" = None  # what changed since the version given with --against
    accepted: list[tuple[str, object, "Entry"]] = field(default_factory=list)  # (kind, finding, entry), shown apart
    #: element → its links that pass over a level: (direction "up" or "down", the other end, the levels skipped)
    skips: dict[str, list[tuple[str, str, tuple[Level, ...]]]] = field(default_factory=dict, repr=False)

    def with_register(self, register: "Register | None", as_of=None) -> "Report":
        """This report with the findings ``register`` accepts taken out of their kinds and kept apart
        in :attr:`accepted` (expired ones stay where they were: they are open again)."""
        if register is None:
            return self
        from ..baseline import split, split_checked

        gaps, accepted = {}, []
        for name, items in self.gaps.items():
            gaps[name], ok, _ = split(name, items, register, as_of)
            accepted += [(name, item, e) for item, e in ok]
        kept, checked = split_checked(self.findings, register, as_of)
        return replace(self, gaps=gaps, findings=kept, accepted=accepted + checked)

    def found(self) -> dict[str, list]:
        """Every kind's findings by kind name (analysis gaps and structural findings alike)."""
        out: dict[str, list] = {}
        for k in KINDS:
            out[k.name] = self.gaps[k.name] if k.code is None else [f for f in self.findings if f.code == k.code]
        return out

    def sections(self) -> list[tuple[Kind, list]]:
        """(kind, findings) for every kind, in KINDS order — what JUnit and SARIF show."""
        found = self.found()
        return [(k, found[k.name]) for k in KINDS]

    def counts(self) -> dict[Level, int]:
        """Elements per level, top to bottom."""
        return {r.level: r.elements for r in self.coverage.rows}

    def skips_of(self, element_id: str, direction: str) -> list[tuple[str, tuple[Level, ...]]]:
        """The links from ``element_id`` going ``up`` or ``down`` that pass over a level: (other end, skipped)."""
        return [(other, skipped) for way, other, skipped in self.skips.get(element_id, ()) if way == direction]

    def name_of(self, element_id: str) -> str:
        """An element's name, when the report knows it ('' otherwise)."""
        entry = self.names.get(element_id)
        return entry[0] if entry else ""

    def summary(self) -> dict:
        linked, backed = self.coverage.process_linked[None], self.coverage.strategy_backed[None]
        return {
            "elements": {lv.name: n for lv, n in self.counts().items()},
            "process_linked": linked.to_dict(),
            "strategy_backed": backed.to_dict(),
            "findings": {name: len(items) for name, items in self.found().items()},
        }

    def to_dict(self) -> dict:
        """Everything, machine-readable, in one object (the ``.json`` report)."""
        return {
            "format": "cascade-report",
            "version": FORMAT_VERSION,
            "dataset": self.dataset,
            "source": self.source,
            "generated": self.generated,
            "summary": self.summary(),
            "coverage": self.coverage.to_dict(),
            "coverage_by_opd": self.coverage_by_opd.to_dict(),
            "findings": {
                **{name: [g.to_dict() for g in gaps] for name, gaps in self.gaps.items()},
                "check": [f.to_dict() for f in self.findings],
            },
            "strategies": [s.to_dict() for s in self.strategies],
            **({"changes": self.changes.to_dict()} if self.changes else {}),
            **({"accepted": [{**e.to_dict(), "kind": kind} for kind, _, e in self.accepted]} if self.accepted else {}),
        }
