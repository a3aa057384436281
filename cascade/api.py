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
from datetime import date
from pathlib import Path
from typing import Iterable

from .analysis import Coverage, Gap, Trace
from .baseline import Register, Status, current_findings, read_register, write_register
from .check import Findings
from .plan_diff import Diff, diff as _diff
from .retirement import Impact, Redundancy, impact as _impact, redundant as _redundant
from .levels import Level, Schema, schema as as_schema
from .model import Cascade, Element, Finding, InvalidCascade
from .sources import read
from .sources.assemble import assemble
from .sources.inspect import Inspection, inspect as _inspect
from .sources.mapping import tables_from_mapping
from .sources.readings import write_reading
from .stores.base import Store

__all__ = ["read", "from_records", "check", "orphans", "unbacked", "trace", "coverage", "findings", "store_of",
           "schema", "inspect", "write_mapping", "elements", "links", "diff", "impact", "redundant", "baseline_init",
           "baseline_status", "fixed_store"]


def store_of(subject: "Cascade | Store") -> Store:
    """The store that answers for ``subject``: a cascade's embedded store, or the store itself."""
    return subject.store() if isinstance(subject, Cascade) else subject


def fixed_store(subject: "Cascade | Store") -> Store:
    """:func:`store_of`, held to one version when the store has several (Neo4j), for work that asks
    it more than one question: every answer then comes from the same version."""
    store = store_of(subject)
    fixed = getattr(store, "fixed", None)
    return fixed() if fixed is not None else store


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


def elements(subject: "Cascade | Store") -> list[Element]:
    """Every element of ``subject``, with its attributes (from Neo4j: of the version read)."""
    return list(store_of(subject).elements())


def links(subject: "Cascade | Store") -> list[tuple[str, str]]:
    """Every link of ``subject`` as (parent id, child id)."""
    return store_of(subject).links()


def diff(old: "Cascade | Store", new: "Cascade | Store") -> Diff:
    """What changed from ``old`` to ``new``: elements added, removed and changed (field by field, old → new),
    links added and removed (as sets), and per finding kind the findings new, resolved and persisting.

    Either side may be a source read embedded or a (kept version of a) dataset in Neo4j.

    >>> old = read(seed_path())
    >>> diff(old, old).unchanged
    True
    """
    return _diff(old, new)


def impact(subject: "Cascade | Store", ids: "str | Iterable[str]") -> Impact:
    """The findings that would newly appear if the elements ``ids`` (a list, or ``"A,B"``) and their links
    were removed, nothing re-parented; each with the retired elements its support ran through.

    >>> hit = impact(read(seed_path()), "1.01.02")
    >>> hit.to_dict()["new_orphans"], hit.lost["unbacked"][0].via
    (['PB-001', 'PB-002', 'PB-003', 'PB-004'], ('1.01.02',))
    """
    return _impact(subject, ids)


def redundant(subject: "Cascade | Store") -> list[Redundancy]:
    """Applications that serve exactly the same non-empty set of processes (rationalisation candidates)."""
    return _redundant(subject)


def baseline_init(subject: "Cascade | Store", path: "str | os.PathLike") -> Path:
    """Write an accepted-exceptions register with one entry per finding of ``subject`` today (reason, owner
    and until empty, to fill in); an existing file is never overwritten (:class:`~cascade.baseline.RegisterError`)."""
    found = current_findings(fixed_store(subject))
    source = subject.source if isinstance(subject, Cascade) else None
    return write_register({k: ids for k, ids in found.items() if ids}, path,
                          str(source) if source else f"dataset {store_of(subject).dataset!r}")


def baseline_status(subject: "Cascade | Store", register: "str | os.PathLike | Register",
                    as_of: "date | None" = None) -> Status:
    """An accepted-exceptions register against ``subject``'s findings: accepted, expired, stale, unaccepted."""
    reg = register if isinstance(register, Register) else read_register(register)
    return reg.status(current_findings(fixed_store(subject)), as_of)


def seed_path() -> Path:
    """The illustrative Kota Tangerang workbook shipped with cascade."""
    from .resources import seed_file

    return seed_file("tangerang.xlsx")
