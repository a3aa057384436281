"""Which layout a sheet or file not named after a level has: a cascading matrix (or flat chain,
or T-C.27 with its split code), an adjacency list (pohon kinerja), or a budget-code list.

Each is tried in that order on the sheet's rows (merged cells filled); the
first that fits reads it into a :class:`~.records.Gathered`, and
:func:`finish` resolves what the parts name of each other once all are read.
"""

from __future__ import annotations

from ..levels import Schema
from ..model import ERROR, NOTICE, Finding, Place
from typing import Callable

from .adjacency import AdjacencyColumns, find_adjacency, read_adjacency
from .matrix import describe_columns, find_matrix, read_matrix
from .resolve import resolve_names
from .tables import Layout, SourceTables

__all__ = ["read_layout", "finish"]


def _numbers_read(rows: list[tuple[int, list]], skipped: set[int]) -> bool:
    """Whether a column that is read holds a number (whose display format may change it: ``3``
    shown ``03``, ``2.1`` shown ``2.10``)."""
    return any(c.__class__ in (int, float) and j not in skipped for _, cells in rows for j, c in enumerate(cells))


def _skipped(found) -> set[int]:
    return set() if isinstance(found, AdjacencyColumns) else set(found.ignored)


def read_layout(rows: list[tuple[int, list]], schema: Schema, place: Place, out: SourceTables,
                reading=None, formatted: Callable[[], list] | None = None) -> bool:
    """Read ``rows`` as the mapping (a :class:`~.readings.Reading`) says, else in the first layout
    that fits; False (nothing added) when none does.

    ``rows`` may be raw values (a fast reader); when a column that is read holds numbers,
    ``formatted()`` gives the rows as Excel shows them and those are read instead.
    """
    told = reading.part(place) if reading is not None else None
    if told is not None and told.layout == "ignore":
        out.findings.append(Finding(NOTICE, "ignored-sheet", f"ignored, as the mapping {reading.where} says", place))
        return True
    if told is not None:
        found = told.matrix_columns(schema, f"{reading.where}, line {told.line}")
        last = rows[-1][0] if rows else 0
        if max(found.header_rows) > last:
            out.findings.append(Finding(ERROR, "bad-mapping", f"the mapping {reading.where} (line {told.line}) puts "
                                        f"the header at row {max(found.header_rows)}, but the last row is {last}",
                                        place))
            return True
    else:
        found = find_adjacency(rows, schema) or find_matrix(rows, schema)
    if found is None:
        return False
    if formatted is not None and _numbers_read(rows, _skipped(found)):
        rows = formatted()
        if told is None:   # the header read the same; the columns found again on the shown text
            found = find_adjacency(rows, schema) or find_matrix(rows, schema) or found
    if isinstance(found, AdjacencyColumns):
        part = read_adjacency(rows, found, schema, place)
        out.layouts.append(Layout(place, found.kind_name, [found.header_row], found.describe(), len(part.elements)))
    else:
        part = read_matrix(rows, found, schema, place)
        out.layouts.append(Layout(place, found.kind, found.header_rows, describe_columns(found),
                                  len(part.elements), found.specs()))
    out.findings.extend(part.findings)
    out.gathered.append(part)
    return True


def finish(found: SourceTables, schema: Schema) -> SourceTables:
    """Resolve the names the parts give each other, then hand every part on as level tables."""
    if found.gathered:
        found.findings.extend(resolve_names(found.gathered, schema))
        for part in found.gathered:
            found.tables.extend(part.tables())
        counts = {(p.place.file, p.place.sheet): sum(not e.ref for e in p.elements.values()) for p in found.gathered}
        for layout in found.layouts:
            layout.elements = counts.get((layout.place.file, layout.place.sheet), layout.elements)
        found.gathered = []
    return found
