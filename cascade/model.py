"""The in-memory cascade: elements, links, and findings that carry their place.

A :class:`Cascade` is what every reader produces and every store accepts. It is
validated when built (see :mod:`cascade.sources.assemble`), so code that holds
one may rely on unique ids, known parents and downward links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .levels import DEFAULT, Level, Schema

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


#: Characters a planner cannot see (zero-width space, BOM, no-break spaces, soft hyphen, direction marks):
#: shown as escapes in messages, ``"G1\u200b"`` being why parent G1 "does not exist".
INVISIBLE = frozenset((0x00A0, 0x00AD, 0x180E, *range(0x200B, 0x2010), 0x2028, 0x2029, *range(0x202A, 0x202F + 1),
                       *range(0x2060, 0x2065), 0xFEFF))
_INVISIBLE = {cp: f"\\u{cp:04x}" for cp in INVISIBLE}


@dataclass(frozen=True)
class Finding:
    """One problem or observation, with a severity a planner can act on.

    ``code`` is stable (for gates and machine output); ``message`` is prose; ``other`` is the
    other end of a finding about a link (a level skip's parent), so the message can be said again
    in another language (:func:`cascade.check.message_in`).
    """

    severity: str
    code: str
    message: str
    place: Place | None = None
    element: str | None = None
    other: str | None = None

    def __post_init__(self):
        if not self.message.isascii():   # a zero-width space in an id shows, escaped, where it is
            object.__setattr__(self, "message", self.message.translate(_INVISIBLE))

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


_NEW_DICT: dict = {}  # stands for "a new empty dict" as a default; never handed out


class Element:
    """A node of the cascade: one vision, mission, …, or application.

    ``Element(id, name, level, opd=None, attrs={}, place=None)`` (a new dict each time). A reader
    that makes a million elements from one table gives each the table's place
    and its row number instead of a :class:`Place` of its own (``row``); the
    ``place`` attribute is then made when asked for, equal to the one the
    reader would have stored.
    """

    __slots__ = ("id", "name", "level", "opd", "attrs", "_place", "_row")

    def __init__(self, id: str, name: str, level: Level, opd: str | None = None,
                 attrs: dict[str, str] = _NEW_DICT, place: Place | None = None, row: int | None = None):
        self.id = id
        self.name = name
        self.level = level
        self.opd = opd
        self.attrs = {} if attrs is _NEW_DICT else attrs
        self._place = place
        self._row = row

    @property
    def place(self) -> Place | None:
        row = self._row
        if row is None:
            return self._place
        table = self._place
        return Place(table.file, table.sheet, row)

    @place.setter
    def place(self, value: Place | None) -> None:
        self._place, self._row = value, None

    def _fields(self) -> tuple:
        return (self.id, self.name, self.level, self.opd, self.attrs, self.place)

    def __eq__(self, other: object):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # mutable, as before

    def __repr__(self) -> str:
        return (f"Element(id={self.id!r}, name={self.name!r}, level={self.level!r}, opd={self.opd!r}, "
                f"attrs={self.attrs!r}, place={self.place!r})")

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
    schema: Schema = DEFAULT
    _store: object = field(default=None, repr=False, compare=False)   # its embedded store, made by api.store_of

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
        return to_networkx(self)


def to_networkx(cascade: Cascade):
    """``cascade`` as a ``networkx.DiGraph``: parent → child, element fields on nodes (networkx imported here)."""
    import networkx as nx

    g = nx.DiGraph(dataset=cascade.name)
    for e in cascade:
        g.add_node(e.id, name=e.name, level=e.level.name, opd=e.opd, **e.attrs)
    g.add_edges_from(cascade.links)
    return g
