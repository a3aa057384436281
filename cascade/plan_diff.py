"""What changed between two versions of a plan: elements, links, and findings.

Both sides are any store (a source read embedded, a dataset — or one of its
kept versions — in Neo4j), read through the store protocol only, so a
workbook can be compared with what is loaded and the answer does not depend
on where each side lives. How a side was written does not count: links are
compared as sets of (parent, child), elements by id, after the readers'
own normalisation (spaces, separators, row order).

>>> import cascade
>>> old = cascade.from_records({"strategy": [{"id": "S1", "name": "Layanan"}],
...                             "process": [{"id": "P1", "name": "Perizinan", "parent": "S1"},
...                                         {"id": "P2", "name": "Arsip"}]})
>>> new = cascade.from_records({"strategy": [{"id": "S1", "name": "Layanan publik"}],
...                             "process": [{"id": "P2", "name": "Arsip", "parent": "S1"}]})
>>> d = diff(old, new)
>>> d.removed, d.changed, d.links_added, d.findings["orphans"]
(['P1'], {'S1': ['name']}, [('S1', 'P2')], FindingChanges(new=[], resolved=['P2'], persisting=[]))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .gates import GAP_KINDS, gaps_of
from .model import Element

__all__ = ["Diff", "FindingChanges", "diff", "DIFF_KINDS"]

#: The finding kinds a diff compares, by the names its JSON uses.
DIFF_KINDS = {k.name: k.name.replace("-", "_") for k in GAP_KINDS}


@dataclass(frozen=True)
class FindingChanges:
    """One finding kind across two versions, matched by element id."""

    new: list[str]
    resolved: list[str]
    persisting: list[str]

    def to_dict(self) -> dict:
        return {"new": self.new, "resolved": self.resolved, "persisting": self.persisting}


@dataclass
class Diff:
    """Elements added, removed and changed; links added and removed; findings new, resolved, persisting."""

    old: str
    new: str
    added: list[str]
    removed: list[str]
    changed: dict[str, list[str]]                        # id → the fields that changed
    changed_values: dict[str, dict[str, list]]           # id → field → [old, new]
    links_added: list[tuple[str, str]]
    links_removed: list[tuple[str, str]]
    findings: dict[str, FindingChanges] = field(default_factory=dict)   # DIFF_KINDS names
    names: dict[str, str] = field(default_factory=dict, repr=False)    # id → name (the newer one), for tables

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.links_added or self.links_removed)

    def to_dict(self) -> dict:
        return {
            "elements": {"added": self.added, "removed": self.removed, "changed": self.changed,
                         "changed_values": self.changed_values},
            "links": {"added": [list(link) for link in self.links_added],
                      "removed": [list(link) for link in self.links_removed]},
            "findings": {kind: changes.to_dict() for kind, changes in self.findings.items()},
        }


def _text(value):
    """A value as compared: runs of spaces (a double space, a line break in a cell) count as one."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _fields(e: Element) -> dict[str, object]:
    """What an element says, field by field: name, opd, level, then its attributes by name."""
    fields = {"name": e.name, "opd": e.opd, "level": e.level.name, **dict(sorted(e.attrs.items()))}
    return {k: _text(v) for k, v in fields.items()}


def _label(store) -> str:
    """``name@version`` for a dataset in Neo4j, the source's name for one read embedded."""
    version = getattr(store, "version", None)
    return store.dataset if version is None else f"{store.dataset}@{version}"


def _same(a: Element, b: Element) -> bool:
    """The quick test first: most elements of two versions are written identically."""
    return a.name == b.name and a.opd == b.opd and a.level.name == b.level.name and a.attrs == b.attrs


def diff(old, new) -> Diff:
    """What changed from ``old`` to ``new`` (each a cascade or a store): see :class:`Diff`."""
    from .api import fixed_store

    before, after = fixed_store(old), fixed_store(new)
    was = {e.id: e for e in before.elements()}
    now = {e.id: e for e in after.elements()}
    changed: dict[str, list[str]] = {}
    values: dict[str, dict[str, list]] = {}
    for eid in sorted(eid for eid, b in now.items() if eid in was and not _same(was[eid], b)):
        a, b = _fields(was[eid]), _fields(now[eid])
        fields = [f for f in dict.fromkeys([*a, *b]) if a.get(f) != b.get(f)]
        if fields:
            changed[eid] = fields
            values[eid] = {f: [a.get(f), b.get(f)] for f in fields}
    links_was, links_now = set(before.links()), set(after.links())
    gaps_was, gaps_now = gaps_of(before), gaps_of(after)
    findings = {}
    for kind, name in DIFF_KINDS.items():
        a, b = {g.id for g in gaps_was[kind]}, {g.id for g in gaps_now[kind]}
        findings[name] = FindingChanges(sorted(b - a), sorted(a - b), sorted(a & b))
    added, removed = sorted(now.keys() - was.keys()), sorted(was.keys() - now.keys())
    shown = [*added, *removed, *changed, *(i for ch in findings.values() for ids in ch.to_dict().values() for i in ids)]
    names = {i: (now.get(i) or was[i]).name for i in shown}
    return Diff(_label(before), _label(after), added, removed, changed, values, sorted(links_now - links_was),
                sorted(links_was - links_now), findings, names)
