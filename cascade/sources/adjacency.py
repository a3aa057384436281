"""An adjacency list whose rows say their own level: the pohon kinerja of the SPBE architecture apps.

``id | parent | nama_pohon | jenis_pohon | level_pohon | kode_opd`` (as Kota
Madiun's SPBE app keeps its pohon kinerja): each row one node, its level named
in ``jenis_pohon`` (``Strategic``, ``Tactical``, ``Operational`` — any level
or alias of the schema), its parent by id. A level the schema does not know is
an error at its row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..levels import Schema
from ..model import ERROR, Finding, Place
from .columns import ELEMENT_COLUMNS, canonical_column, cell_text, letters, shown, split_parents
from .header import attribute_key
from .records import Gathered

__all__ = ["AdjacencyColumns", "find_adjacency", "read_adjacency"]

_SCAN = 30
_NO_PARENT = frozenset({"0", "-", "null", "none"})  # how exports write "a root"
_KIND = ("jenis_pohon", "jenis pohon", "jenis", "level", "tingkat", "level_pohon", "level pohon", "tipe", "type")


@dataclass
class AdjacencyColumns:
    header_row: int
    id: int
    parent: int
    name: int
    kind: int
    opd: int | None = None
    attributes: dict[int, str] = field(default_factory=dict)

    def describe(self) -> list[str]:
        return [f"column {letters(self.id)} → id", f"column {letters(self.parent)} → parent id",
                f"column {letters(self.name)} → name", f"column {letters(self.kind)} → the row's level",
                *([f"column {letters(self.opd)} → OPD"] if self.opd is not None else []),
                *(f"column {letters(j)} → attribute {key!r}" for j, key in self.attributes.items())]

    kind_name = "adjacency list"


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def find_adjacency(rows: list[tuple[int, list]], schema: Schema) -> AdjacencyColumns | None:
    """The columns of an adjacency list (an id, a parent, a name and a level column), or None."""
    kinds = {_key(k) for k in _KIND}
    for number, cells in rows[:_SCAN]:
        texts = [cell_text(c) for c in cells]
        canon = [canonical_column(t, ELEMENT_COLUMNS) if t else None for t in texts]
        kind = [j for j, t in enumerate(texts) if _key(t) in kinds]
        names = [j for j, t in enumerate(texts) if canon[j] == "name" or _key(t).startswith("nama")]
        if "id" not in canon or "parent" not in canon or not kind or not names:
            continue
        out = AdjacencyColumns(number, canon.index("id"), canon.index("parent"), names[0], kind[0],
                               canon.index("opd") if "opd" in canon else None)
        used = {out.id, out.parent, out.name, out.kind, out.opd}
        out.attributes = {j: attribute_key(t) for j, t in enumerate(texts) if t and j not in used}
        return out
    return None


def read_adjacency(rows: list[tuple[int, list]], columns: AdjacencyColumns, schema: Schema, place: Place) -> Gathered:
    out = Gathered(place)
    for number, cells in rows:
        if number <= columns.header_row:
            continue
        texts = [cell_text(c) for c in cells]

        def at(j: int | None) -> str:
            return texts[j] if j is not None and j < len(texts) else ""

        if not any(texts):
            continue
        element_id, kind = at(columns.id), at(columns.kind)
        here = Place(place.file, place.sheet, number)
        level = schema.find(kind)
        if level is None:
            out.findings.append(Finding(
                ERROR, "unknown-level",
                f"{shown(kind)!r} (the level of {shown(element_id)}) is no level of schema {schema.name!r}: "
                f"use one of {', '.join(lv.title('id') for lv in schema)}", here, element_id or None))
            continue
        if not element_id:
            out.findings.append(Finding(ERROR, "missing-id", f"{level.name} {shown(at(columns.name))!r} has no id", here))
            continue
        attrs = {key: at(j) for j, key in columns.attributes.items() if at(j)}
        parents = [p for p in split_parents(at(columns.parent)) if p.casefold() not in _NO_PARENT]
        out.add(level, element_id, at(columns.name), number, parents, at(columns.opd) or None,
                attrs)
    return out
