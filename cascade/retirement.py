"""What breaks if elements are retired, and which applications do the same job.

``impact(ids)`` — the findings that newly appear when these elements and
their links are removed (nothing re-parented), the removed elements excluded:
for each gap kind, the elements that reach the far level now and would not
without them. Each store finds them in one pass from the retired elements
(never one analysis per element) and says through which retired elements the
lost support ran.

``redundant()`` — applications serving exactly the same non-empty set of
processes (their parents at the process level): candidates for
rationalisation. Applications with no process are not grouped: they are
already ``unused-applications``.

>>> import cascade
>>> c = cascade.from_records({"strategy": [{"id": "S1", "name": "s"}],
...                           "program": [{"id": "G1", "name": "g", "parent": "S1"}],
...                           "process": [{"id": "P1", "name": "p", "parent": "G1"}],
...                           "application": [{"id": "A1", "name": "a", "parent": "P1"},
...                                           {"id": "A2", "name": "b", "parent": "P1"}]})
>>> hit = impact(c, ["G1"])
>>> hit.to_dict()["new_orphans"], hit.lost["unbacked"][0].via
(['P1'], ('G1',))
>>> [r.to_dict() for r in redundant(c)]
[{'applications': ['A1', 'A2'], 'processes': ['P1']}]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .errors import UsageError
from .plan_diff import DIFF_KINDS
from .gates import GAP_KINDS

__all__ = ["Impact", "LostSupport", "Redundancy", "impact", "redundant", "parse_ids"]


@dataclass(frozen=True)
class LostSupport:
    """A finding that would newly appear: the element, and the retired elements its support ran through."""

    kind: str   # a DIFF_KINDS name
    id: str
    via: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "via": list(self.via)}


@dataclass(frozen=True)
class Impact:
    """The retired elements and, per gap kind, what would lose its support."""

    retired: list[str]
    lost: dict[str, list[LostSupport]]   # DIFF_KINDS name → lost support, by id

    def to_dict(self) -> dict:
        return {"retired": self.retired, **{f"new_{kind}": [x.id for x in items] for kind, items in self.lost.items()}}

    def rows(self) -> list[LostSupport]:
        return [x for items in self.lost.values() for x in items]


@dataclass(frozen=True)
class Redundancy:
    """Applications that serve exactly the same processes."""

    applications: tuple[str, ...]
    processes: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"applications": list(self.applications), "processes": list(self.processes)}


def parse_ids(text: "str | Iterable[str]") -> list[str]:
    """Ids from ``"A1, A2"`` or a list, spaces trimmed, each once, in the order given;
    ValueError when there are none."""
    parts = text.split(",") if isinstance(text, str) else [p for t in text for p in str(t).split(",")]
    ids = list(dict.fromkeys(p.strip() for p in parts if p.strip()))
    if not ids:
        raise UsageError("no element id given: name one or more, separated by commas (e.g. APL-001,APL-002)")
    return ids


def impact(subject, ids: "str | Iterable[str]") -> Impact:
    """The findings that would newly appear if ``ids`` (and their links) were removed from ``subject``."""
    from .api import fixed_store

    store = fixed_store(subject)
    retired = parse_ids(ids)
    lost = {}
    for k in GAP_KINDS:
        level, far = k.span(store.schema)
        name = DIFF_KINDS[k.name]
        lost[name] = [LostSupport(name, i, via) for i, via in store.lost_support(k.analysis, level, far, retired)]
    return Impact(sorted(retired), lost)


def redundant(subject) -> list[Redundancy]:
    """Groups of applications serving the same non-empty set of processes, ordered by their first application."""
    from .api import fixed_store

    store = fixed_store(subject)
    schema = store.schema
    groups = store.same_parents(schema.role("application"), schema.role("process"))
    return sorted((Redundancy(apps, processes) for apps, processes in groups), key=lambda r: r.applications)
