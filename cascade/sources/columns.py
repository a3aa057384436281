"""Column and cell conventions shared by every reader.

Planners write headers in Indonesian or English, with stray spaces and any
case; codes that look numeric come out of Excel as floats. This module turns
all of that into the canonical columns ``id``, ``name``, ``parent``, ``opd``
(plus attributes) and into clean strings.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = [
    "ELEMENT_COLUMNS",
    "LINK_COLUMNS",
    "LINK_SHEETS",
    "canonical_column",
    "cell_text",
    "split_parents",
    "is_link_sheet",
]

ELEMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "kode", "code"),
    "name": ("name", "nama", "uraian"),
    "parent": ("parent", "parents", "induk", "parent_id", "parent id"),
    "opd": ("opd", "perangkat daerah", "perangkat_daerah", "unit", "owner"),
}
LINK_COLUMNS: dict[str, tuple[str, ...]] = {
    "parent": ("parent", "induk", "from", "dari"),
    "child": ("child", "anak", "to", "ke"),
}
LINK_SHEETS = ("links", "link", "relasi")

_PARENT_SEPARATORS = re.compile(r"[;,\n\r]+")


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def canonical_column(header: str, columns: dict[str, tuple[str, ...]]) -> str | None:
    """The canonical name for a header cell, or None when it is an attribute."""
    key = _key(header)
    for canonical, aliases in columns.items():
        if key in aliases:
            return canonical
    return None


def is_link_sheet(name: str) -> bool:
    """True for the sheet or file stem that lists extra links (``Links``/``Relasi``)."""
    return _key(name) in LINK_SHEETS


def cell_text(value: object) -> str:
    """A cell as the planner sees it in Excel: trimmed, ``12`` not ``12.0``.

    >>> cell_text(12.0), cell_text("  PB-01 "), cell_text(None), cell_text(2.5)
    ('12', 'PB-01', '', '2.5')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value).strip()


def split_parents(value: object) -> list[str]:
    """Parent ids from one cell (``;``, ``,`` or newline separated) or a list.

    >>> split_parents("S1; S2,S3\\nS4")
    ['S1', 'S2', 'S3', 'S4']
    >>> split_parents(["S1", 7.0])
    ['S1', '7']
    """
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            out.extend(split_parents(item))
        return out
    text = cell_text(value)
    return [part.strip() for part in _PARENT_SEPARATORS.split(text) if part.strip()]
