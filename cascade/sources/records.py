"""Elements gathered from a layout that repeats them: merged, then handed on as one-level tables.

A cascading matrix or a SIPD export names one element on many rows (a
tujuan merged down over its sasaran, an indicator row repeating its
program). :class:`Gathered` keeps the first row that named each element as
its place, adds the parents every later row gives, and reports a row that
gives the same id another name or level as an error naming both rows.
The result is what the one-level reader produces — a :class:`Table` per
level — so validation (:mod:`.assemble`) is the same for every layout.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from ..levels import Level
from ..model import ERROR, Finding, Place
from .columns import shown
from .tables import Table

__all__ = ["Gathered", "derived_id", "same_text"]

_SEPARATORS = re.compile(r"[;,\r\n]")  # an id holding one cannot travel in a ";"-joined parent cell


def same_text(text: str) -> str:
    """Text as compared between rows and by-name references: NFC, spaces collapsed, case ignored."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def derived_id(level: Level, name: str) -> str:
    """A stable id for an element the source gives no code: its level and a digest of its text.

    >>> from cascade.levels import DEFAULT
    >>> derived_id(DEFAULT.level("tujuan"), "Meningkatnya  derajat kesehatan")
    'goal-9da24b0a'
    """
    digest = hashlib.sha1(same_text(name).encode("utf-8")).hexdigest()[:8]
    return f"{level.name}-{digest}"


@dataclass
class _Element:
    level: Level
    id: str
    name: str
    row: int
    opd: str | None = None
    parents: dict[str, None] = field(default_factory=dict)
    attrs: dict[str, str] = field(default_factory=dict)
    ref: bool = False  # only referred to here (a bare code), defined elsewhere


class Gathered:
    """The elements of one sheet or file, each once, in order of first appearance."""

    def __init__(self, place: Place):
        self.place = place
        self.elements: dict[str, _Element] = {}
        self.findings: list[Finding] = []
        #: ids made from an element's text (no code): another part of the source may name it with a code
        self.derived: set[str] = set()
        #: applications here are named next to a node above the process level, not next to a process
        self.beside_processes = False

    def add(self, level: Level, element_id: str, name: str, row: int, parents=(), opd: str | None = None,
            attrs: dict[str, str] | None = None, *, ref: bool = False, derived: bool = False) -> str:
        """Name an element on ``row``; the same id again merges (parents, missing attributes).

        Runs of spaces in a name or attribute are one space: a matrix repeats a name on many rows, typed by hand.
        """
        name, opd = " ".join(name.split()), " ".join((opd or "").split())
        found = self.elements.get(element_id)
        if found is None:
            found = self.elements[element_id] = _Element(level, element_id, name, row, opd or None, ref=ref)
            if derived:
                self.derived.add(element_id)
        elif not ref and found.ref:
            found.ref, found.name, found.row = False, name or found.name, row
        elif found.level != level or (name and same_text(found.name) != same_text(name)):
            what = (f"a {level.name}" if found.level != level else f"the name {shown(name)!r}")
            self.findings.append(Finding(
                ERROR, "conflicting-rows",
                f"{shown(element_id)} is given {what} here, but row {found.row} has it as {found.level.name} "
                f"{shown(found.name)!r} — one code, one element: correct one of the two rows",
                Place(self.place.file, self.place.sheet, row), element_id))
            return element_id
        if opd and not found.opd:
            found.opd = opd
        if not ref:
            found.parents.update(dict.fromkeys(p for p in parents if p))
        for key, value in (attrs or {}).items():
            if value:
                found.attrs.setdefault(key, " ".join(value.split()))
        return element_id

    def tables(self) -> list[Table]:
        """One level table per level met, rows in sheet order, parents as tuples."""
        by_level: dict[Level, list[_Element]] = {}
        for e in self.elements.values():
            if not e.ref:
                by_level.setdefault(e.level, []).append(e)
        out = []
        for level in sorted(by_level):
            items = sorted(by_level[level], key=lambda e: e.row)
            keys = list(dict.fromkeys(k for e in items for k in e.attrs))
            header = ["id", "name", "parent", "opd", *keys]
            # "" rather than None for an empty cell: the row checks then take their quick path. Made only
            # when the validation's fast path below gives up (a table is read one way or the other).
            rows = ((e.row, [e.id, e.name, tuple(e.parents), e.opd or "", *(e.attrs.get(k, "") for k in keys)])
                    for e in items)
            table = Table(self.place, level, header, rows, lettered=False)
            if not any(_SEPARATORS.search(i) for e in items for i in (e.id, *e.parents)):
                # the same rows as plain text for the validation's fast path, parents joined by ";"
                columns = [[e.id for e in items], [e.name for e in items], [";".join(e.parents) for e in items],
                           [e.opd or "" for e in items], *([e.attrs.get(k, "") for e in items] for k in keys)]
                table.chunks = [([e.row for e in items], columns)]
            out.append(table)
        return out
