"""The common shape every reader produces: tables of rows, each with a place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..levels import Level
from ..model import Finding, Place

__all__ = ["Table", "SourceTables"]


@dataclass
class Table:
    """One sheet, CSV file or YAML list: a level's elements, or extra links.

    ``level`` is None for a links table. ``rows`` yields ``(row_number, cells)``
    with cells aligned to ``header``; row numbers are what the planner sees
    (the header is usually row 1 in a sheet or CSV file; ``header_row`` says
    where it was). A reader that meets a problem while ``rows`` is being read
    (a broken CSV quote, say) appends it to ``problems`` and stops there.
    ``lettered`` is False where columns are keys (YAML/JSON), not letters.
    """

    place: Place
    level: Level | None
    header: list[object] | None
    rows: Iterable[tuple[int, list[object]]]
    header_row: int = 1
    problems: list[Finding] = field(default_factory=list)
    lettered: bool = True


@dataclass
class SourceTables:
    """What a reader found: its tables, plus notices and errors about the file."""

    tables: list[Table] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
