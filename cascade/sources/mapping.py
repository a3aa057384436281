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
import functools
import json
import re
from pathlib import Path

from ..levels import DEFAULT, Schema
from ..model import ERROR, NOTICE, Finding, Place
from .columns import ELEMENT_COLUMNS, LINK_COLUMNS, REPORTED, canonical_column, cell_text, is_link_sheet
from .sniff import read_text
from .tables import SourceTables, Table

__all__ = ["read_mapping", "tables_from_mapping"]

_SCALARS = (str, int, float, bool, _dt.date, _dt.time)
_MAX_DIGITS = 100  # an integer this long is not a code; Python refuses to print past 4,300 digits
_DEEP = re.compile(r"(?:[\[{]\s*){100}")  # 100 brackets opened in a row: nothing a planner writes


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
    import yaml

    try:
        if _DEEP.search(text):  # refuse at once what PyYAML would scan for seconds before recursing too deep
            raise RecursionError
        if is_json:
            return json.loads(text, object_pairs_hook=_unique_keys)
        return yaml.load(text, Loader=_loader())  # noqa: S506 — a SafeLoader with aliases limited
    except RecursionError:
        findings.append(Finding(ERROR, "too-deep", "the data is nested too deeply to be a cascade (levels → records → values)", Place(shown)))
    except json.JSONDecodeError as exc:
        findings.append(Finding(ERROR, "syntax", f"not valid JSON: {exc.msg} (column {exc.colno})", Place(shown, None, exc.lineno)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        row = mark.line + 1 if mark is not None else None
        findings.append(Finding(ERROR, "syntax", f"not valid YAML: {exc.problem or exc.context}", Place(shown, None, row)))
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # a bad date or number; a duplicate JSON key
        kind = "JSON" if is_json else "YAML"
        why = str(exc).splitlines()[0]
        if "integer string conversion" in why:
            why = "a number is thousands of digits long — is a code missing its quotes?"
        findings.append(Finding(ERROR, "syntax", f"not valid {kind}: {why}", Place(shown)))
    return None


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) < len(pairs):
        seen = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f'the key "{key}" appears twice in one object')
            seen.add(key)
    return out


@functools.cache
def _loader():
    """A SafeLoader that takes aliases to single values only and refuses repeated keys."""
    import yaml
    from yaml.composer import ComposerError
    from yaml.constructor import ConstructorError

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                node = self.anchors.get(event.anchor)
                if node is not None and not isinstance(node, yaml.ScalarNode):
                    raise ComposerError(
                        None, None,
                        f"the alias *{event.anchor} stands for a list or mapping; aliases may stand only for a single "
                        "value — write the values out",
                        event.start_mark,
                    )
            return super().compose_node(parent, index)

        def flatten_mapping(self, node):
            for key, _value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    raise ConstructorError(None, None, "merge keys (<<) are not accepted; write the values out", key.start_mark)
            super().flatten_mapping(node)

        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) < len(node.value):
                seen = set()
                for key_node, _value in node.value:
                    key = self.construct_object(key_node, deep=deep)
                    if key in seen:
                        raise ConstructorError(None, None, f'the key "{key}" appears twice in one mapping', key_node.start_mark)
                    seen.add(key)
            return mapping

    return Loader
