"""SIPD exports: one CSV per table, ``data_rpjmd_visi`` … ``data_rpjmd_program`` (Renstra: down to
``data_renstra_sub_kegiatan``), as the WordPress plugin wp-sipd mirrors them.

* The level is in the file's name (``data_rpjmd_sasaran_lokal.csv`` → sasaran).
* The element's key is ``id_unik`` (a short random string), **not** ``id``
  (a database row number); visi and misi, which have none, are keyed by
  ``id_visi`` / ``id_misi`` (written ``vision-3``, ``mission-2`` so the two
  number ranges cannot meet).
* The parent: ``id_visi`` for a misi, ``id_misi`` for a tujuan,
  ``kode_tujuan`` for a sasaran, ``kode_sasaran`` for a program (programs hang
  under sasaran), ``kode_unik_program`` / ``kode_unik_kegiatan`` below.
* The text: ``<level>_teks``, ``nama_program``, ``nama_giat``, ``nama_sub_giat``;
  the OPD ``nama_skpd``.
* Each indicator repeats its element's row with the same ``id_unik``: the rows
  are one element, its indicators (``indikator_teks``) joined. A row with
  ``active`` 0 was deleted in SIPD and is left out.
"""

from __future__ import annotations

import re

from ..levels import Level, Schema
from ..model import ERROR, Finding, Place
from .columns import cell_text, shown
from .records import Gathered

__all__ = ["sipd_level", "read_sipd"]

_TABLE = re.compile(r"data_(?:rpjmd|renstra|rpd|rpjpd)_(.+?)(?:_lokal)?(?:_history)?\Z", re.I)
#: Level name in the table's name → (its key columns, its parent columns, the parent's key kind), by preference.
_KEYS = {"visi": ("id_visi",), "misi": ("id_misi",)}
_PARENTS = {
    "misi": (("id_visi", "vision"),),
    "tujuan": (("id_misi", "mission"),),
    "sasaran": (("kode_tujuan", None),),
    "program": (("kode_sasaran", None),),
    "kegiatan": (("kode_unik_program", None), ("kode_program", None)),
    "sub kegiatan": (("kode_unik_kegiatan", None), ("kode_kegiatan", None), ("kode_giat", None)),
}
_TEXT = ("{}_teks", "nama_{}", "nama_program", "nama_giat", "nama_sub_giat", "nama")


def sipd_level(stem: str, schema: Schema) -> tuple[str, Level] | None:
    """(the table's level word, its level) for a SIPD table's file name, else None."""
    found = _TABLE.match(stem)
    if not found:
        return None
    word = found.group(1).replace("_", " ").lower()
    word = {"giat": "kegiatan", "sub giat": "sub kegiatan"}.get(word, word)
    lv = schema.find(word)
    return (word, lv) if lv is not None else None


def _namespaced(level_name: str, value: str) -> str:
    return f"{level_name}-{value}"


def read_sipd(rows: list[tuple[int, list]], word: str, level: Level, schema: Schema, place: Place) -> Gathered:
    """The elements of one SIPD table (the header is its first row)."""
    out = Gathered(place)
    if not rows:
        return out
    header_row, header = rows[0]
    col = {cell_text(h).strip().lower(): j for j, h in enumerate(header)}

    def at(cells, name: str) -> str:
        j = col.get(name)
        return cell_text(cells[j]) if j is not None and j < len(cells) else ""

    keys = ("id_unik",) + _KEYS.get(word, ())
    text_col = next((c.format(word.replace(" ", "_")) for c in _TEXT if c.format(word.replace(" ", "_")) in col), None)
    if text_col is None or not any(k in col for k in keys):
        out.findings.append(Finding(ERROR, "missing-column", f"this SIPD {word} table has no text column "
                                    f"({word.replace(' ', '_')}_teks or nama_…) or no key (id_unik)",
                                    Place(place.file, place.sheet, header_row)))
        return out
    indicators: dict[str, list[str]] = {}
    for number, cells in rows[1:]:
        if not any(map(cell_text, cells)) or at(cells, "active") == "0":
            continue
        key_col = next((k for k in keys if at(cells, k)), None)
        if key_col is None:
            out.findings.append(Finding(ERROR, "missing-id", f"{word} {shown(at(cells, text_col))!r} has no "
                                        f"{' or '.join(keys)}", Place(place.file, place.sheet, number)))
            continue
        value = at(cells, key_col)
        element_id = value if key_col == "id_unik" else _namespaced(level.name, value)
        parents = []
        for column, kind in _PARENTS.get(word, ()):
            parent = at(cells, column)
            if parent:
                parents.append(_namespaced(schema.find(kind).name, parent) if kind and schema.find(kind) else parent)
                break
        out.add(level, element_id, at(cells, text_col), number, parents, at(cells, "nama_skpd") or None)
        indicator = at(cells, "indikator_teks") or at(cells, "indikator")
        if indicator and indicator not in indicators.setdefault(element_id, []):
            indicators[element_id].append(indicator)
    for element_id, texts in indicators.items():
        if element_id in out.elements and texts:
            out.elements[element_id].attrs["Indikator"] = "; ".join(texts)
    return out
