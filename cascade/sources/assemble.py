"""Turn a reader's tables into a validated :class:`~cascade.model.Cascade`.

Every load error DESIGN.md lists is found here, each with its place; when any
exists the result is :class:`~cascade.model.InvalidCascade` and nothing is
returned to load or analyse.
"""

from __future__ import annotations

import datetime as _dt
import functools
import unicodedata
from itertools import chain, compress, repeat
from operator import add, attrgetter, not_

from pathlib import PurePath

from ..levels import DEFAULT, PRESETS, Schema, preset
from ..model import ERROR, INVISIBLE, WARNING, Cascade, Element, Finding, InvalidCascade, Place
from .columns import (ELEMENT_COLUMNS, EXCEL_ERRORS, LINK_COLUMNS, MAX_CELL, REPORTED, cell_problem, cell_text, shown,
                      split_parents)
from .header import Columns, column_name, read_header
from .tables import NotPlain, SourceTables, Table

__all__ = ["assemble"]



def _level_names(schema: Schema) -> str:
    """How a planner may name each level's sheet or file: ``Visi (vision), …``."""
    return ", ".join(f"{lv.title('id')} ({lv.name})" for lv in schema)


def assemble(found: SourceTables, name: str, shown_as: str, source=None, schema: Schema = DEFAULT) -> Cascade:
    """Validate tables into a Cascade; raise InvalidCascade listing every error.

    When part of the source could not be read (a file, a sheet's header, an
    id cell), links to ids that are not found are not reported: the missing
    element may well be in the part that was not read, and the one message
    that matters is the one saying why.
    """
    findings = [_with_schema_hint(f, schema) for f in found.findings]
    complete = not any(f.severity == ERROR for f in findings)
    elements: dict[str, Element] = {}
    refs: list[tuple[str, str, Place]] = []  # (parent id, child id, where the link was written)
    levels = [t for t in found.tables if t.level is not None]
    for table in levels:
        complete &= _read_table(table, ELEMENT_COLUMNS, findings, _read_elements, elements, refs)
    for table in found.tables:
        if table.level is None:
            complete &= _read_table(table, LINK_COLUMNS, findings, _read_links, refs)
    if not levels and not any(f.severity == ERROR for f in findings):
        findings.append(
            Finding(ERROR, "no-levels", f"no level sheet or file found; expected sheets or files named {_level_names(schema)} (schema {schema.name!r}; see cascade levels)", Place(shown_as))
        )
    links = _resolve_links(refs, elements, findings, complete, _ignored(findings))
    if any(f.severity == ERROR for f in findings):
        raise InvalidCascade(findings)
    return Cascade(name=name, elements=elements, links=links, findings=findings, source=source, schema=schema)


def _with_schema_hint(finding: Finding, schema: Schema) -> Finding:
    """An ignored sheet or file named after a level of another preset says which ``--schema`` reads it."""
    if finding.code not in ("ignored-sheet", "ignored-file") or finding.place is None:
        return finding
    name = finding.place.sheet if finding.code == "ignored-sheet" else PurePath(finding.place.file).stem
    for other in PRESETS:
        lv = preset(other).find(name or "")
        if other != schema.name and lv is not None:
            return Finding(finding.severity, finding.code,
                           f"{finding.message} — it is the {lv.title('id')} level of the {other!r} schema: "
                           f"read the source with --schema {other}", finding.place, finding.element)
    lv = schema.closest(name or "")
    if lv is not None:   # most likely a typo: its rows are missing from the cascade, so say it louder
        named = f"{lv.name}.csv" if finding.code == "ignored-file" else f'"{lv.title("id")}"'
        return Finding(WARNING, finding.code, f"{finding.message} — did you mean {named}? Rename it after its "
                       "level so its rows are read", finding.place, finding.element)
    return finding


def _ignored(findings: list[Finding]) -> tuple[str, ...]:
    """The files and sheets left unread whose name looks like a misspelled level (those warned of),
    for the message about a parent that is not found."""
    return tuple(dict.fromkeys(
        f.place.sheet if f.code == "ignored-sheet" else PurePath(f.place.file).name for f in findings
        if f.code in ("ignored-sheet", "ignored-file") and f.severity == WARNING and f.place is not None))


def _read_table(table: Table, wanted: dict, findings: list[Finding], read_rows, *into) -> bool:
    """Read one table with ``read_rows(table, columns, *into, findings)``; False when part of it could not be read."""
    cols = read_header(table, wanted, findings)
    if cols is None:
        return False
    start = len(findings)
    complete = read_rows(table, cols, *into, findings)
    if table.problems:  # met by the reader while rows were read: put them in row order
        findings[start:] = sorted(findings[start:] + table.problems, key=lambda f: f.place.row or 0)
        return False
    return complete


def _rows(table: Table, findings: list[Finding]):
    """The table's non-empty rows as ``(place, cells)``, cells padded to the header.

    A cell that shows an Excel error value or reaches MAX_CELL characters is
    reported here and read as REPORTED.
    """
    width = len(table.header)
    file, sheet = table.place.file, table.place.sheet
    for row, cells in table.rows:
        if not any(cells) or not any(map(cell_text, cells)):
            continue
        if len(cells) < width:
            cells = [*cells, *[None] * (width - len(cells))]
        place = Place(file, sheet, row)
        if not EXCEL_ERRORS.isdisjoint(cells) or _maybe_too_long(cells):
            cells = _report_cells(table, cells, width, place, findings)
        yield place, cells


def _maybe_too_long(cells) -> bool:
    try:
        return sum(map(len, cells)) >= MAX_CELL  # all text (CSV): one quick sum
    except TypeError:  # numbers, dates, None from a workbook or YAML
        return any(isinstance(c, str) and len(c) >= MAX_CELL for c in cells)


def _report_cells(table: Table, cells, width: int, place: Place, findings: list[Finding]) -> list:
    out = list(cells)
    for pos, value in enumerate(cells[:width]):
        if not isinstance(value, str) or (value not in EXCEL_ERRORS and len(value) < MAX_CELL):
            continue
        code, message = cell_problem(column_name(table, pos), value)
        findings.append(Finding(ERROR, code, message, place))
        out[pos] = REPORTED
    return out


def _read_elements(table: Table, cols: Columns, elements: dict, refs: list, findings: list[Finding]) -> bool:
    """Elements of one level table; False when some id could not be read."""
    if table.chunks is not None:
        bulk = _plain_elements(table, cols, elements)
        if bulk is not None:
            refs.append(bulk)
            table.rows = table.chunks = ()   # read: what holds the file's text (a CSV's) may go now
            return True
    level = table.level
    id_at, name_at = cols.positions["id"], cols.positions["name"]
    parent_at, opd_at = cols.positions.get("parent"), cols.positions.get("opd")
    attr_at = cols.attributes
    complete, decimals_seen = True, False
    for place, cells in _rows(table, findings):
        raw = cells[id_at]
        element_id = cell_text(raw)
        name = cell_text(cells[name_at])
        if not element_id:
            if raw is REPORTED:
                complete = False
            else:
                findings.append(Finding(ERROR, "missing-id", f"{level.name} {shown(name)!r} has no id (Kode)", place))
            continue
        if raw.__class__ is not str:
            if isinstance(raw, (_dt.date, _dt.time)):
                findings.append(_date_id(element_id, place, table.lettered))
                complete = False
                continue
            if not decimals_seen and isinstance(raw, float) and not raw.is_integer():
                findings.append(_decimal_id(element_id, place))
                decimals_seen = True
            elif isinstance(raw, (int, float)) and abs(raw) >= 1e15:
                findings.append(Finding(WARNING, "long-number-id", (
                    f"{level.name} {shown(element_id)}: the Kode is a number too long for Excel, which keeps 15 "
                    f"digits (it shows {raw:.6G}): its last digits are lost; type the code as text (with a leading "
                    "apostrophe, '1234…) and check it against the source"), place, element_id))
        if not name and cells[name_at] is not REPORTED:
            findings.append(Finding(ERROR, "missing-name", f"{level.name} {shown(element_id)} has no name (Uraian/Nama)", place, element_id))
        first = elements.get(element_id)
        if first is not None:
            findings.append(
                Finding(
                    ERROR, "duplicate-id",
                    f"id {shown(element_id)} is used twice; first at {first.place} — give each element its own code", place, element_id,
                )
            )
            continue
        attrs = {key: text for pos, key in attr_at if (text := cell_text(cells[pos]))}
        opd = cell_text(cells[opd_at]) if opd_at is not None else ""
        elements[element_id] = Element(element_id, name, level, opd or None, attrs, place)
        if parent_at is not None:
            for parent in split_parents(cells[parent_at]):
                refs.append((parent, element_id, place))
    return complete


class _Bulk:
    """The links written in one plain level table: ``parents[k] → children[k]``.

    Stands in ``refs`` for the triples the row-by-row path would add; each
    link was written in its child's row, so its place is the child's.

    ``repeated`` is True when some row names one parent twice. Otherwise no
    link is there twice: every child is an id of this table alone.
    """

    __slots__ = ("parents", "children", "level", "repeated")

    def __init__(self, parents: list[str], children: list[str], level, repeated: bool):
        self.parents, self.children, self.level, self.repeated = parents, children, level, repeated

    def triples(self, elements: dict):
        for parent, child in zip(self.parents, self.children):
            yield parent, child, elements[child].place


_strip = str.strip
_nfc = functools.partial(unicodedata.normalize, "NFC")


def _texts(column) -> list[str]:
    """A column's cells trimmed, in NFC when any is not ASCII (an id typed in NFD is the same id), as
    :func:`~.columns.cell_text` reads one cell."""
    out = list(map(_strip, column))
    return out if "".join(out).isascii() else list(map(_nfc, out))


_level_index = attrgetter("level.index")
_element_id = attrgetter("id")


def _plain_elements(table: Table, cols: Columns, elements: dict) -> _Bulk | None:
    """The fast path for a table of plain text rows: column by column, no per-row checks.

    It takes only tables that the row-by-row path would read without a single
    finding — every row as wide as the header, every id and name present, no
    Excel error value or over-long cell, no id used twice (here or in an
    earlier table) — and then gives exactly what that path gives: the same
    elements (each with its row number, its place made when asked for) and the
    same links in the same order. Anything else returns None, with nothing
    added, and the table is read row by row with every message in place.
    """
    level, width = table.level, len(table.header)
    id_at, name_at = cols.positions["id"], cols.positions["name"]
    parent_at, opd_at = cols.positions.get("parent"), cols.positions.get("opd")
    keys = [key for _, key in cols.attributes]
    place = table.place
    same: dict[str, str] = {}  # one string object for each distinct opd or attribute value
    shared = same.setdefault
    added: list[list[str]] = []  # the ids put into ``elements`` so far, to take out if the table is not plain
    before = len(elements)
    parents: list[str] = []
    children: list[str] = []
    count, checked, repeated = 0, table.no_excel_errors, False
    try:
        for first, columns in table.chunks:
            n = len(columns[0])
            if len(columns) != width:
                return _take_out(elements, added)
            for column in columns:
                if max(map(len, column)) >= MAX_CELL or not (checked or EXCEL_ERRORS.isdisjoint(column)):
                    return _take_out(elements, added)
            ids = _texts(columns[id_at])
            names = _texts(columns[name_at])
            if not all(ids) or not all(names):
                return _take_out(elements, added)
            if opd_at is None:
                opds = repeat(None)
            else:
                opds = list(map(shared, *[_texts(columns[opd_at])] * 2))
                if not all(opds):
                    opds = [text or None for text in opds]
            if keys:
                values = [list(map(shared, *[_texts(columns[pos])] * 2)) for pos, _ in cols.attributes]
                attrs = list(map(dict, map(zip, repeat(keys), zip(*values))))
                for key, column in zip(keys, values):
                    if not all(column):
                        for i in compress(range(n), map(not_, column)):
                            del attrs[i][key]
            else:
                attrs = list(map(dict, repeat((), n)))
            if not elements.keys().isdisjoint(ids):  # an id used in an earlier table, or earlier in this one
                return _take_out(elements, added)
            added.append(ids)
            numbers = first if first.__class__ is list else range(first, first + n)   # a list: rows given one by one
            elements.update(zip(ids, map(Element, ids, names, repeat(level), opds, attrs, repeat(place), numbers)))
            count += n
            if len(elements) != before + count:  # an id used twice in this chunk
                return _take_out(elements, added)
            if parent_at is not None:
                repeated |= _plain_parents(_texts(columns[parent_at]), ids, parents, children)
    except NotPlain:
        return _take_out(elements, added)
    return _Bulk(parents, children, level, repeated)


def _take_out(elements: dict, added: list[list[str]]) -> None:
    """Undo what the fast path put into ``elements`` (all of it new: each chunk's ids were checked first)."""
    for ids in added:
        for element_id in ids:
            elements.pop(element_id, None)
    return None


def _plain_parents(cells: list[str], ids: list[str], parents: list[str], children: list[str]) -> bool:
    """Add the links of trimmed, one-line parent cells, as :func:`split_parents` would read each cell.

    True when a cell names one parent twice (the link is then there twice).

    A one-line cell can hold no line break, so ``;`` and ``,`` are its only
    separators: the cells joined by ``,`` and split there again give every
    parent in order, and a cell with *k* separators gives *k* + 1 of them.
    """
    text = ",".join(cells)
    if ";" in text:
        text = text.replace(";", ",")
    parts = text.split(",")
    several = len(parts) != len(cells)
    if not several:  # one parent (or none) in every cell
        owners = ids
    else:
        parts = list(map(_strip, parts))
        counts = map(add, map(str.count, cells, repeat(",")), map(str.count, cells, repeat(";")))
        owners = list(chain.from_iterable(map(repeat, ids, map(add, counts, repeat(1)))))
    if not all(parts):
        owners, parts = list(compress(owners, parts)), list(compress(parts, parts))
    parents += parts
    children += owners
    # only a cell with several parents can name one twice: those alone are looked at again
    return several and any(map(_names_one_twice, filter(_has_separator, cells)))


def _has_separator(cell: str) -> bool:
    return "," in cell or ";" in cell


def _names_one_twice(cell: str) -> bool:
    parts = [part for part in map(_strip, cell.replace(";", ",").split(",")) if part]
    return len(set(parts)) < len(parts)


def _date_id(text: str, place: Place, in_sheet: bool) -> Finding:
    if in_sheet:
        how = "Excel turned a code such as 1.3 or 1-3 into a date — format the Kode column as Text and type the code again"
    else:
        how = f"YAML reads an unquoted code like this as a date — quote it ('{text}')"
    return Finding(ERROR, "date-id", f"the id holds a date ({text}): {how}", place)


def _decimal_id(text: str, place: Place) -> Finding:
    return Finding(
        WARNING, "decimal-id",
        f"ids in this column are numbers with decimals (first: {shown(text)}), so trailing zeros are lost "
        "(1.10 reads as 1.1) — format the Kode column as Text in Excel, or quote the codes in YAML",
        place, text,
    )


def _read_links(table: Table, cols: Columns, refs: list, findings: list[Finding]) -> bool:
    parent_at, child_at = cols.positions["parent"], cols.positions["child"]
    complete = True
    for place, cells in _rows(table, findings):
        parents, children = split_parents(cells[parent_at]), split_parents(cells[child_at])
        if REPORTED in (cells[parent_at], cells[child_at]):
            complete = False
        elif not parents or not children:
            findings.append(Finding(ERROR, "incomplete-link", "a link needs both a parent and a child id", place))
        for parent in parents:
            for child in children:
                refs.append((parent, child, place))
    return complete


def _resolve_links(refs, elements, findings, complete: bool, ignored: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    if all(ref.__class__ is _Bulk and not ref.repeated for ref in refs):
        # Only plain level tables, none naming a parent twice in a row: no link can be there
        # twice, so no dict is needed to keep the first of each.
        out: list[tuple[str, str]] = []
        for ref in refs:
            found = _parents_found(ref, elements)
            if found is None:
                break
            out += zip(map(_element_id, found), ref.children)
        else:
            return out
    links: dict[tuple[str, str], None] = {}
    look_alikes = _LookAlikes(elements, ignored)
    for ref in refs:
        if ref.__class__ is _Bulk:
            found = _parents_found(ref, elements)
            if found is not None:
                links.update(dict.fromkeys(zip(map(_element_id, found), ref.children)))
            else:
                _resolve(ref.triples(elements), elements, findings, complete, links, look_alikes)
        else:
            _resolve((ref,), elements, findings, complete, links, look_alikes)
    return list(links)


def _parents_found(ref: _Bulk, elements: dict) -> list[Element] | None:
    """The parent of each of a bulk's links, or None when some parent is unknown or not higher."""
    found = list(map(elements.get, ref.parents))
    if all(found) and (not found or max(map(_level_index, found)) < ref.level.index):
        return found  # the links are then made with each parent's id the element's own string
    return None


def _resolve(refs, elements, findings, complete: bool, links: dict, look_alikes: _LookAlikes) -> None:
    for parent, child, place in refs:
        child_el = elements.get(child)
        parent_el = elements.get(parent)
        if child_el is None or parent_el is None:
            if complete:
                findings.append(_unknown(parent, child, child_el is None, place, look_alikes))
            continue
        if parent_el.level.index >= child_el.level.index:
            how = "itself" if parent == child else f"{shown(parent)} ({parent_el.level.name})"
            findings.append(
                Finding(
                    ERROR,
                    "upward-link",
                    f"{shown(child)} ({child_el.level.name}) is linked under {how}; a parent must be at a higher level",
                    place,
                    child,
                )
            )
            continue
        links[(parent, child)] = None


def _unknown(parent: str, child: str, child_missing: bool, place: Place, look_alikes: _LookAlikes) -> Finding:
    if child_missing:
        return Finding(ERROR, "unknown-child", f"link to {shown(child)}, which is not an element of any level sheet", place, child)
    return Finding(
        ERROR, "unknown-parent", f"parent {shown(parent)} of {shown(child)} does not exist — check the code or add it "
        f"to its level sheet{look_alikes.hint(parent)}", place, child
    )


class _LookAlikes:
    """Why a parent may not be found: an id that differs from it only by characters nobody can see (a
    zero-width space pasted from a web page, a no-break space; the index is made at the first unknown
    parent), or a file or sheet that was not read (``ignored``: a misspelled ``progam.csv``)."""

    def __init__(self, elements: dict, ignored: tuple[str, ...] = ()):
        self.elements, self._index, self.ignored = elements, None, ignored

    def hint(self, wanted: str) -> str:
        """What to add to the message about unknown ``wanted`` (shown escaped there), or ``""``."""
        if self._index is None:
            self._index = {key.translate(_UNSEEN): key for key in self.elements if not key.isascii()}
        bare = wanted.translate(_UNSEEN)
        key = bare if bare != wanted and bare in self.elements else self._index.get(bare)
        if key is None or key == wanted:
            if not self.ignored:
                return ""
            names = ", ".join(self.ignored[:3]) + (" …" if len(self.ignored) > 3 else "")
            return f"; {names} was not read (its name is not a level's): if the parent is there, rename it after its level"
        element = self.elements[key]
        return (f"; {element.level.name} {key} (row {element.place.row if element.place else '?'}) looks the same: "
                "the two differ by a character nobody can see (shown as \\u…)")


_UNSEEN = dict.fromkeys(INVISIBLE)
