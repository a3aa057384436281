"""The Python API: the same verbs as the command line, on a cascade or a store.

>>> import cascade
>>> c = cascade.read(cascade.seed_path())
>>> [g.id for g in cascade.orphans(c)][:3]
['PB-019', 'PB-020', 'PB-046']

Every analysis takes either a :class:`~cascade.model.Cascade` (answered
embedded, in memory) or a store such as the Neo4j store (answered there).
"""

from __future__ import annotations

import os
from pathlib import Path

from .analysis import Coverage, Gap, Trace
from .levels import Level
from .model import Cascade, Finding, InvalidCascade
from .sources import read
from .sources.assemble import assemble
from .sources.mapping import tables_from_mapping
from .stores.base import Store

__all__ = ["read", "from_records", "check", "orphans", "unbacked", "trace", "coverage", "findings", "store_of"]


def store_of(subject: "Cascade | Store") -> Store:
    """The store that answers for ``subject``: a cascade's embedded store, or the store itself."""
    return subject.store() if isinstance(subject, Cascade) else subject


def from_records(data: dict, name: str = "records") -> Cascade:
    """A validated cascade from ``{level: [records], "links": [...]}``, as in a YAML source."""
    return assemble(tables_from_mapping(data, name), name, name)


def check(path: str | os.PathLike) -> list[Finding]:
    """Every finding for a source: read errors, notices and structural warnings.

    Never raises for the source's own problems; errors come back as findings.
    """
    try:
        c = read(path)
    except InvalidCascade as exc:
        return exc.findings
    return c.findings + c.store().check()


def findings(subject: "Cascade | Store") -> list[Finding]:
    """Structural warnings of a loaded cascade (level skips, no parent, …)."""
    return store_of(subject).check()


def orphans(subject: "Cascade | Store", level: str | Level = "process", anchor: str | Level = "strategy") -> list[Gap]:
    """Elements of ``level`` with no ancestor at ``anchor`` (default: processes with no strategy)."""
    return store_of(subject).orphans(level, anchor)


def unbacked(subject: "Cascade | Store", level: str | Level = "strategy", target: str | Level = "process") -> list[Gap]:
    """Elements of ``level`` with no descendant at ``target`` (default: strategies with no process)."""
    return store_of(subject).unbacked(level, target)


def trace(subject: "Cascade | Store", element_id: str, direction: str = "down", depth: int | None = None) -> Trace:
    """The sub-graph below (``down``) or above (``up``) one element."""
    return store_of(subject).trace(element_id, direction, depth)


def coverage(subject: "Cascade | Store", by: str | None = None) -> Coverage:
    """Counts per level and the shares of linked processes and backed strategies."""
    return store_of(subject).coverage(by)


def seed_path() -> Path:
    """The illustrative Kota Tangerang workbook shipped with cascade."""
    from .resources import seed_file

    return seed_file("tangerang.xlsx")
