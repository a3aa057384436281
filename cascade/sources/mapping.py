"""Read a ``.yaml``/``.yml``/``.json`` file: a mapping from level to records."""

from __future__ import annotations

import json
from pathlib import Path

from ..levels import find_level
from ..model import ERROR, NOTICE, Finding, Place
from .columns import is_link_sheet
from .tables import SourceTables, Table

__all__ = ["read_mapping", "tables_from_mapping"]


def read_mapping(path: Path, shown: str) -> SourceTables:
    out = SourceTables()
    data = _load(path, shown, out)
    if data is None:
        return out
    return tables_from_mapping(data, shown, out)


def tables_from_mapping(data: object, shown: str, out: SourceTables | None = None) -> SourceTables:
    """Tables from already-parsed data: ``{level: [records]}`` plus optional ``links``."""
    out = out if out is not None else SourceTables()
    if not isinstance(data, dict):
        out.findings.append(
            Finding(ERROR, "bad-structure", "expected a mapping from level name to a list of records", Place(shown))
        )
        return out
    for key, records in data.items():
        place = Place(shown, str(key))
        level = find_level(str(key))
        if level is None and not is_link_sheet(str(key)):
            out.findings.append(Finding(NOTICE, "ignored-sheet", f'"{key}" is not a level or links; ignored', place))
            continue
        if records is None:
            records = []
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            out.findings.append(Finding(ERROR, "bad-structure", f'"{key}" must be a list of records (key: value)', place))
            continue
        header: list[object] = []
        for record in records:
            header.extend(k for k in record if k not in header)
        rows = [(n, [record.get(k) for k in header]) for n, record in enumerate(records, start=1)]
        out.tables.append(Table(place, level, header, rows))
    return out


def _load(path: Path, shown: str, out: SourceTables):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        out.findings.append(Finding(ERROR, "unreadable", f"cannot read file: {exc}", Place(shown)))
        return None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        import yaml

        return yaml.safe_load(text)
    except (ValueError, RecursionError) as exc:
        out.findings.append(Finding(ERROR, "syntax", f"not valid JSON: {exc}", Place(shown)))
    except Exception as exc:  # yaml.YAMLError and its kin
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        out.findings.append(Finding(ERROR, "syntax", f"not valid YAML: {getattr(exc, 'problem', exc)}", Place(shown, None, row)))
    return None
