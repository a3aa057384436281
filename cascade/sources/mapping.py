"""Read a ``.yaml``/``.yml``/``.json`` file: a mapping from level to records.

Hostile files are refused quickly and cleanly, each with one error:

* **YAML aliases** (``*name``) may stand only for a single value, e.g.
  ``opd: *bappeda``. An alias to a list or mapping, and so a merge key
  ``<<: *defaults``, is refused at its line: that is what "billion laughs"
  bombs are made of, and writing the values out costs a planner little.
* **Nesting** deeper than Python can follow (``[[[[…]]]]``) is refused as
  "nested too deeply"; a source needs three levels.
* **A key given twice** in one mapping (a level, or a column of a record) is an
  error rather than the silent loss of the first one.
* **Values** must be text, numbers, dates or booleans; ``parent`` (and a link's
  ``parent``/``child``) may also be a list of them. Anything else is reported
  at its record.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..levels import DEFAULT, Schema
from ..datatext import DataError, load_data
from ..model import ERROR, NOTICE, Finding, Place
from .columns import ELEMENT_COLUMNS, LINK_COLUMNS, REPORTED, canonical_column, cell_text, is_link_sheet
from .sniff import read_text
from .tables import SourceTables, Table

__all__ = ["read_mapping", "tables_from_mapping"]

_SCALARS = (str, int, float, bool, _dt.date, _dt.time)
_MAX_DIGITS = 100  # an integer this long is not a code; Python refuses to print past 4,300 digits


def read_mapping(path: Path, shown: str, schema: Schema = DEFAULT, reading=None) -> SourceTables:
    out = SourceTables()
    text = read_text(path, shown, out.findings, "save it as UTF-8 text (in Notepad: Save As → Encoding: UTF-8)")
    if text is None:
        return out
    data = _parse(text, path.suffix.lower() == ".json", shown, out.findings)
    if data is None:
        return out
    return tables_from_mapping(data, shown, out, schema)


def tables_from_mapping(data: object, shown: str, out: SourceTables | None = None,
                        schema: Schema = DEFAULT) -> SourceTables:
    """Tables from already-parsed data: ``{level: [records]}`` plus optional ``links``."""
    out = out if out is not None else SourceTables()
    if not isinstance(data, dict):
        out.findings.append(
            Finding(ERROR, "bad-structure", "expected a mapping from level name to a list of records", Place(shown))
        )
        return out
    for key, records in data.items():
        place = Place(shown, cell_text(key))
        level = schema.find(cell_text(key))
        if level is None and not is_link_sheet(cell_text(key)):
            out.findings.append(Finding(NOTICE, "ignored-sheet", f'"{place.sheet}" is not a level or links; ignored', place))
            continue
        if records is None:
            records = []
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            out.findings.append(Finding(ERROR, "bad-structure", f'"{place.sheet}" must be a list of records (key: value)', place))
            continue
        header: dict[object, None] = {}
        for record in records:
            header.update(dict.fromkeys(record))
        if not records:  # an empty list is a sheet with its header and no rows
            header = dict.fromkeys(("parent", "child") if level is None else ("id", "name"))
        lists_ok = {k for k in header if canonical_column(cell_text(k), ELEMENT_COLUMNS if level else LINK_COLUMNS) in ("parent", "child")}
        rows = [
            (n, [_value(record.get(k), k in lists_ok, Place(shown, place.sheet, n), k, out.findings) for k in header])
            for n, record in enumerate(records, start=1)
        ]
        out.tables.append(Table(place, level, list(header), rows, lettered=False))
    return out


def _value(value: object, list_ok: bool, place: Place, key: object, findings: list[Finding]) -> object:
    """A record's value as a cell: a scalar, a list of ids joined by newlines, or REPORTED."""
    if value is None or (isinstance(value, _SCALARS) and not _too_big(value)):
        return value
    if list_ok and isinstance(value, list) and all(isinstance(v, _SCALARS) and not _too_big(v) for v in value):
        return "\n".join(cell_text(v) for v in value)
    what = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else f"a {type(value).__name__}"
    if isinstance(value, int):
        what = "a number too long to be a code"
    allowed = "text, a number, a date, or a list of ids" if list_ok else "text, a number or a date"
    findings.append(Finding(ERROR, "bad-value", f'"{cell_text(key)}" is {what}; it must be {allowed}', place))
    return REPORTED


def _too_big(value: object) -> bool:
    return isinstance(value, int) and value.bit_length() > _MAX_DIGITS * 3.33


def _parse(text: str, is_json: bool, shown: str, findings: list[Finding]):
    """The parsed document, or None with one error saying where and why."""
    try:
        return load_data(text, is_json)
    except DataError as exc:
        findings.append(Finding(ERROR, exc.code, exc.message, Place(shown, None, exc.line)))
    return None
