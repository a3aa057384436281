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
from .check import Findings
from .levels import Level, Schema, schema as as_schema
from .model import Cascade, Finding, InvalidCascade
from .sources import read
from .sources.assemble import assemble
from .sources.inspect import Inspection, inspect as _inspect
from .sources.mapping import tables_from_mapping
from .sources.readings import write_reading
from .stores.base import Store

__all__ = ["read", "from_records", "check", "orphans", "unbacked", "trace", "coverage", "findings", "store_of",
           "schema", "inspect", "write_mapping"]


def store_of(subject: "Cascade | Store") -> Store:
    """The store that answers for ``subject``: a cascade's embedded store, or the store itself."""
    return subject.store() if isinstance(subject, Cascade) else subject


def schema(spec: "str | os.PathLike | Schema | None" = None) -> Schema:
    """The level schema ``spec`` names: a preset (``default``, ``rpjmd``, ``pohon-kinerja``) or a file
    (``cascade levels`` on the command line).

    >>> [lv.name for lv in schema("pohon-kinerja")]
    ['strategic', 'tactical', 'operational', 'process', 'application']
    """
    return as_schema(spec)


def inspect(path: str | os.PathLike, schema: "str | Schema | None" = None,
            mapping: "str | os.PathLike | None" = None) -> Inspection:
    """How a source is read: per sheet or file its layout (one level, links, cascading matrix),
    header rows and columns, the elements per level, what was ignored and why, and any errors.

    >>> found = inspect(seed_path())
    >>> found.layouts[0].kind, found.counts["application"]
    ('one level: vision', 196)
    """
    return _inspect(path, schema, mapping)


def write_mapping(found: Inspection, path: str | os.PathLike) -> Path:
    """Write an :func:`inspect` reading as a mapping file to correct and give back as ``mapping=``."""
    return write_reading(found, path)


def from_records(data: dict, name: str = "records", schema: "str | Schema | None" = None) -> Cascade:
    """A validated cascade from ``{level: [records], "links": [...]}``, as in a YAML source.

    >>> c = from_records({"sasaran": [{"id": "SS1", "name": "Meningkatnya kualitas layanan"}],
    ...                   "program": [{"id": "1.02.02", "name": "Program Pemenuhan Upaya Kesehatan"}]},
    ...                  schema="rpjmd")
    >>> [(e.id, e.level.name) for e in c]
    [('SS1', 'objective'), ('1.02.02', 'program')]
    """
    schema = as_schema(schema)
    return assemble(tables_from_mapping(data, name, schema=schema), name, name, schema=schema)


def check(path: str | os.PathLike, schema: "str | Schema | None" = None,
          mapping: "str | os.PathLike | None" = None) -> Findings:
    """Every finding for a source: read errors, notices and structural warnings.

    Never raises for the source's own problems; errors come back as findings.
    The structural ones are made as they are read (:class:`~cascade.check.Findings`),
    so the first hundred of a hundred thousand cost a hundred messages.
    """
    try:
        c = read(path, schema=schema, mapping=mapping)
    except InvalidCascade as exc:
        return Findings.of(exc.findings, as_schema(schema))
    return c.findings + c.store().check()


def findings(subject: "Cascade | Store") -> list[Finding]:
    """Structural warnings of a loaded cascade (level skips, no parent, …)."""
    return store_of(subject).check()


def orphans(subject: "Cascade | Store", level: str | Level | None = None, anchor: str | Level | None = None) -> list[Gap]:
    """Elements of ``level`` with no ancestor at ``anchor``.

    The defaults are the schema's roles: processes with no strategic link.
    """
    return store_of(subject).orphans(level, anchor)


def unbacked(subject: "Cascade | Store", level: str | Level | None = None, target: str | Level | None = None) -> list[Gap]:
    """Elements of ``level`` with no descendant at ``target``.

    The defaults are the schema's roles: strategies with no process behind them.
    """
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
