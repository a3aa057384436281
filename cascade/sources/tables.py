"""The common shape every reader produces: tables of rows, each with a place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..levels import Level
from ..model import Finding, Place

__all__ = ["Table", "SourceTables", "Layout", "NotPlain", "CHUNK"]

#: Rows per chunk on the fast path (bounds the memory a table's raw cells take at once).
CHUNK = 2048  # small enough that a chunk's cells stay in the CPU cache while checked column by column


class NotPlain(Exception):
    """Raised by :attr:`Table.chunks` when its rows cannot be numbered implicitly; read :attr:`Table.rows`."""


@dataclass
class Table:
    """One sheet, CSV file or YAML list: a level's elements, or extra links.

    ``level`` is None for a links table. ``rows`` yields ``(row_number, cells)``
    with cells aligned to ``header``; row numbers are what the planner sees
    (the header is usually row 1 in a sheet or CSV file; ``header_row`` says
    where it was). A reader that meets a problem while ``rows`` is being read
    (a broken CSV quote, say) appends it to ``problems`` and stops there.
    ``lettered`` is False where columns are keys (YAML/JSON), not letters.

    ``chunks``, when a reader offers it (CSV), is the fast path to the same
    rows, by column: ``(first_row_number, columns)``, each column a list of
    plain texts, every row one line as wide as the header, so that row *k* of
    a chunk is row ``first_row_number + k`` (or, where ``first_row_number`` is
    a list, row ``first_row_number[k]``). It
    raises :class:`NotPlain` where that does not hold; only one of ``rows``
    and ``chunks`` is read.
    """

    place: Place
    level: Level | None
    header: list[object] | None
    rows: Iterable[tuple[int, list[object]]]
    header_row: int = 1
    problems: list[Finding] = field(default_factory=list)
    lettered: bool = True
    chunks: Iterable[tuple["int | list[int]", list[list[str]]]] | None = None
    #: True when no cell can show an Excel error value (a CSV file with no ``#`` at all).
    no_excel_errors: bool = False


@dataclass
class Layout:
    """How one sheet or file was read, for ``cascade inspect``."""

    place: Place
    kind: str  # "levels" (one sheet per level), "links", "matrix", "sipd", …
    header_rows: list[int]
    columns: list[str]  # "column C "Sasaran" → sasaran (name)", …
    elements: int
    #: column index → what it holds, as a mapping file writes it (matrix and code layouts)
    specs: dict[int, str] = field(default_factory=dict)


@dataclass
class SourceTables:
    """What a reader found: its tables, how it read each part, plus notices and errors about the file."""

    tables: list[Table] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    layouts: list[Layout] = field(default_factory=list)
    #: parts read in a layout that repeats elements (a matrix, …), until :func:`~.layouts.finish`
    gathered: list = field(default_factory=list)
