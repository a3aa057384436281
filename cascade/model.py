"""The in-memory cascade: elements, links, and findings that carry their place.

A :class:`Cascade` is what every reader produces and every store accepts. It is
validated when built (see :mod:`cascade.sources.assemble`), so code that holds
one may rely on unique ids, known parents and downward links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .levels import Level

__all__ = ["Place", "Finding", "Element", "Cascade", "InvalidCascade", "ERROR", "WARNING", "NOTICE"]

ERROR, WARNING, NOTICE = "error", "warning", "notice"


@dataclass(frozen=True)
class Place:
    """Where something came from: a file, optionally a sheet and a row."""

    file: str
    sheet: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f'sheet "{self.sheet}"')
        if self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Finding:
    """One problem or observation, with a severity a planner can act on.

    ``code`` is stable (for gates and machine output); ``message`` is prose.
    """

    severity: str
    code: str
    message: str
    place: Place | None = None
    element: str | None = None

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else ""
        return f"{where}{self.severity}: {self.message}"

    def to_dict(self) -> dict:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.place.file if self.place else None,
            "sheet": self.place.sheet if self.place else None,
            "row": self.place.row if self.place else None,
            "element": self.element,
        }


class InvalidCascade(Exception):
    """A source with errors: nothing from it may be analysed or loaded."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        self.errors = [f for f in findings if f.severity == ERROR]
        first = self.errors[0] if self.errors else None
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        super().__init__(f"{first}{more}" if first else "invalid cascade")


@dataclass(slots=True)
class Element:
    """A node of the cascade: one vision, mission, …, or application."""

    id: str
    name: str
    level: Level
    opd: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    place: Place | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "level": self.level.name, "opd": self.opd, **self.attrs}


@dataclass
class Cascade:
    """A validated dataset: elements by id (source order) and parent → child links."""

    name: str
    elements: dict[str, Element]
    links: list[tuple[str, str]]
    findings: list[Finding] = field(default_factory=list)
    source: Path | None = None
    _store: object = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.elements)

    def __iter__(self) -> Iterator[Element]:
        return iter(self.elements.values())

    def __contains__(self, element_id: object) -> bool:
        return element_id in self.elements

    def __getitem__(self, element_id: str) -> Element:
        return self.elements[element_id]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != ERROR]

    def to_networkx(self):
        """The cascade as a ``networkx.DiGraph`` (parent → child), attributes on nodes."""
        from .stores.memory import to_networkx

        return to_networkx(self)

    def store(self):
        """The embedded :class:`~cascade.stores.memory.MemoryStore` for this cascade (built once)."""
        if self._store is None:
            from .stores.memory import MemoryStore

            self._store = MemoryStore(self)
        return self._store
