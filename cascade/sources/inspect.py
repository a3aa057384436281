"""How cascade reads a source: per sheet or file, the layout found, its header rows and columns.

``cascade inspect SOURCE`` prints this so a planner can see, before loading,
that the matrix's columns were taken for the right levels — and what was
ignored and why.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..levels import Schema
from ..model import ERROR, NOTICE, Finding, InvalidCascade
from .columns import ELEMENT_COLUMNS, LINK_COLUMNS, canonical_column, cell_text, letters
from .tables import Layout

__all__ = ["Inspection", "inspect"]


@dataclass
class Inspection:
    """The reading of one source: its parts' layouts, element counts per level, what was ignored, errors."""

    source: str
    schema: Schema
    layouts: list[Layout] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    ignored: list[Finding] = field(default_factory=list)
    errors: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "source": self.source, "schema": self.schema.name,
            "parts": [{"file": lay.place.file, "sheet": lay.place.sheet, "layout": lay.kind,
                       "header_rows": lay.header_rows, "columns": lay.columns, "elements": lay.elements}
                      for lay in self.layouts],
            "elements": self.counts,
            "ignored": [f.to_dict() for f in self.ignored],
            "errors": [f.to_dict() for f in self.errors],
        }


def _header_columns(table) -> list[str]:
    """What each header cell of a one-level or links table is taken for."""
    wanted = ELEMENT_COLUMNS if table.level is not None else LINK_COLUMNS
    out = []
    for j, cell in enumerate(table.header or ()):
        text = cell_text(cell)
        if text:
            canon = canonical_column(text, wanted)
            name = letters(j) if table.lettered else repr(text)
            out.append(f"column {name} → {canon if canon else f'attribute {text!r}'}")
    return out


def inspect(path: "str | os.PathLike", schema: "str | Schema | None" = None,
            mapping: "str | os.PathLike | None" = None) -> Inspection:
    """Read ``path`` as :func:`~cascade.sources.read` would, and say how each part was read."""
    from . import _tables, assemble, settings

    schema, reading = settings(schema, mapping)
    path = Path(path)
    shown = str(path)
    try:
        found = _tables(path, shown, schema, reading)
    except InvalidCascade as exc:
        return Inspection(shown, schema, errors=exc.errors)
    out = Inspection(shown, schema, list(found.layouts))
    read_as = {(lay.place.file, lay.place.sheet) for lay in out.layouts}
    for table in found.tables:
        key = (table.place.file, table.place.sheet)
        if key in read_as:
            continue
        kind = f"one level: {table.level.name}" if table.level is not None else "links"
        out.layouts.append(Layout(table.place, kind, [table.header_row], _header_columns(table), 0))
    out.ignored = [f for f in found.findings if f.severity == NOTICE]
    try:
        cascade = assemble(found, path.stem or "source", shown, source=path, schema=schema)
    except InvalidCascade as exc:
        out.errors = [f for f in exc.findings if f.severity == ERROR]
        return out
    for lv in schema:
        out.counts[lv.name] = sum(1 for e in cascade if e.level == lv)
    for lay in out.layouts:
        if lay.kind.startswith("one level: "):
            lay.elements = sum(1 for e in cascade if e.place and (e.place.file, e.place.sheet) == (lay.place.file, lay.place.sheet))
    return out
