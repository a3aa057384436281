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
    (the header is row 1 in a sheet or CSV file).
    """

    place: Place
    level: Level | None
    header: list[object] | None
    rows: Iterable[tuple[int, list[object]]]


@dataclass
class SourceTables:
    """What a reader found: its tables, plus notices and errors about the file."""

    tables: list[Table] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
