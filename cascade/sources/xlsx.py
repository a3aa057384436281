"""Read an ``.xlsx`` workbook: one sheet per level, plus ``Links``/``Relasi``.

What a planner sees in Excel is what is read:

* **Formulas** are read as their saved result. A formula with no saved result
  (the file was written by a program that does not calculate, not by Excel)
  makes the workbook unreadable: one error per sheet says to open and save it
  in Excel. A saved error result (``#REF!``, ``#N/A``, …) is an error at its
  cell (see :mod:`cascade.sources.assemble`).
* **Numbers as Excel shows them**: a cell in a zero-padding or fixed-decimal
  format reads as its text (``3`` in format ``00`` is ``03``, ``2.1`` in
  ``0.00`` is ``2.10``), in every sheet.
* **Merged cells**: a range's value belongs to every row it spans, in its
  first column (an ``Induk`` merged down a group of rows is every row's
  parent); its other columns are empty.
* The header is the first non-empty row; empty rows above it are skipped.

A file that is not a workbook at all (a CSV renamed ``.xlsx``, a zip of
anything else, an old ``.xls``, a password-protected workbook, a workbook
unpacking to more than :data:`MAX_UNZIPPED` bytes) gets one error saying what
it is and what to do.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from ..levels import DEFAULT, Schema
from ..model import ERROR, NOTICE, Finding, Place
from .columns import ELEMENT_COLUMNS, canonical_column, cell_text, is_link_sheet, shown_value
from .adjacency import find_adjacency
from .layouts import read_layout
from .matrix import find_matrix
from .sniff import OLE_MAGIC, ZIP_MAGIC, binary_kind
from .tables import SourceTables, Table

__all__ = ["read_xlsx", "MAX_UNZIPPED"]

#: The most a workbook may unpack to (its declared sizes): a guard against zip bombs.
MAX_UNZIPPED = 1 << 30

_SAVE_AS = "open it in Excel and use Save As → Excel Workbook (.xlsx)"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ERROR_CELL = re.compile(rb"""<(?:\w+:)?c\b[^>]*\st=["']e["']""")
_TEXT_TYPES = ("str", "s", "inlineStr")  # a formula whose saved result is text may be empty


def read_xlsx(path: Path, shown: str, schema: Schema = DEFAULT, reading=None) -> SourceTables:
    """Tables from every level and link sheet, and the layouts of the other sheets (or a notice).

    Sheets in a layout (a matrix, …) are read with python-calamine, which is
    fast, and again with openpyxl only when a column it reads holds numbers
    (their display formats matter); level and links sheets with calamine too
    when they hold only text, else with openpyxl.
    """
    out = SourceTables()
    problem = _not_a_workbook(path)
    if problem is not None:
        out.findings.append(Finding(ERROR, problem[0], problem[1], Place(shown)))
        return out
    fast = _calamine(path)
    book = None

    def full_book():
        nonlocal book
        if book is None:
            book = _openpyxl(path)
        return book

    try:
        names = fast.sheet_names if fast is not None else full_book().sheetnames
        wanted, laid_out = [], {}   # laid_out: sheet name → its rows, read once
        for name in names:
            place = Place(shown, name)
            level = schema.find(name)
            if reading is not None and reading.part(place) is not None:
                laid_out[name] = _fast_grid(fast, full_book, name)
            elif is_link_sheet(name) or (level is not None and _plain_header(_head(fast, full_book, name))):
                wanted.append(name)
            elif _looks_laid_out(grid := _fast_grid(fast, full_book, name), schema):
                laid_out[name] = grid
            elif level is not None:
                wanted.append(name)   # a level sheet after all: its header problem is reported as such
            else:
                out.findings.append(
                    Finding(NOTICE, "ignored-sheet", f'sheet "{name}" is not a level or links sheet, and no row of it '
                            "names two levels (a cascading matrix); ignored", place)
                )
        uncached, with_errors = _saved_results(path, shown, wanted + list(laid_out))
        if uncached:  # nothing in this workbook can be trusted until Excel has calculated it
            out.findings.extend(uncached)
            return out
        for name in wanted:
            place, level = Place(shown, name), schema.find(name)
            table = _text_table(fast, name, place, level) if fast is not None and name not in with_errors else None
            out.tables.append(table or _table(full_book()[name], place, level))
        for name, grid in laid_out.items():
            if name in with_errors and fast is not None:   # calamine reads an error cell (#REF!) as empty
                read_layout(_grid(full_book()[name]), schema, Place(shown, name), out, reading)
            else:
                read_layout(grid, schema, Place(shown, name), out, reading,
                            formatted=lambda name=name: _grid(full_book()[name]))
    except _Unreadable as exc:
        out.findings.append(Finding(ERROR, "unreadable", f"cannot read this workbook ({exc}); {_SAVE_AS} again",
                                    Place(shown)))
    return out


class _Unreadable(Exception):
    """openpyxl could not open the workbook (its message, for the planner)."""


def _openpyxl(path: Path):
    import openpyxl

    try:
        # Not read_only: merged cells need the full model. openpyxl raises many
        # kinds of errors for a damaged file, and warns about features it drops.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 — any failure of the parser is "damaged file"
        raise _Unreadable(f"{type(exc).__name__}: {exc}") from None


def _calamine(path: Path) -> _Sheets | None:
    """The workbook opened by python-calamine, or None (not installed, or it cannot: openpyxl then says why)."""
    try:
        import python_calamine

        return _Sheets(python_calamine.CalamineWorkbook.from_path(str(path)))
    except Exception:  # noqa: BLE001 — openpyxl reports a damaged file in the planner's words
        return None


class _Sheets:
    """A calamine workbook whose sheets are parsed once: a sheet whose head was looked at is
    kept for its reading (``take``), and let go then."""

    def __init__(self, book):
        self.book, self.sheet_names, self._kept = book, book.sheet_names, {}

    def get_sheet_by_name(self, name: str):
        if name not in self._kept:
            self._kept[name] = self.book.get_sheet_by_name(name)
        return self._kept[name]

    def take(self, name: str):
        sheet = self._kept.pop(name, None)
        return sheet if sheet is not None else self.book.get_sheet_by_name(name)


def _head(fast, full_book, name: str) -> list[list]:
    """The first 30 rows of a sheet, values only."""
    if fast is not None:
        try:
            rows = fast.get_sheet_by_name(name).iter_rows()
            return [row for _, row in zip(range(30), rows)]
        except Exception:  # noqa: BLE001
            pass
    return [list(cells) for cells in full_book()[name].iter_rows(values_only=True, max_row=30)]


def _fast_grid(fast, full_book, name: str) -> list[tuple[int, list]]:
    """A sheet's rows, merged ranges filled, raw values (calamine), else as :func:`_grid` reads them."""
    if fast is None:
        return _grid(full_book()[name])
    try:
        sheet = fast.take(name)
        values = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except Exception:  # noqa: BLE001
        return _grid(full_book()[name])
    rows = _numbered_values(values)
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows):
            continue
        top = rows[r0][1]
        value = top[c0] if c0 < len(top) else None
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            cells = rows[r][1]
            if len(cells) <= c1:
                cells.extend([None] * (c1 + 1 - len(cells)))
            for c in range(c0, c1 + 1):
                cells[c] = value
    return rows


def _numbered_values(values: list[list]) -> list[tuple[int, list]]:
    """calamine's rows numbered from 1, an empty cell ("" to calamine) None, as openpyxl reads it."""
    return [(k, [None if v == "" else v for v in cells]) for k, cells in enumerate(values, start=1)]


def _plain_header(head: list[list]) -> bool:
    """Whether a sheet's first non-empty row has an id and a name column (a one-level sheet)."""
    for cells in head:
        texts = [cell_text(c) for c in cells]
        if any(texts):
            canon = {canonical_column(t, ELEMENT_COLUMNS) for t in texts if t}
            return {"id", "name"} <= canon
    return False


def _looks_laid_out(grid, schema: Schema) -> bool:
    return find_adjacency(grid, schema) is not None or find_matrix(grid, schema) is not None


def _grid(sheet) -> list[tuple[int, list]]:
    """The sheet's rows as Excel shows them: every cell of a merged range holds the range's value,
    a number in a format such as ``00`` or ``0.00`` its formatted text."""
    rows = [(cells[0].row if cells else k, [shown_value(c) for c in cells])
            for k, cells in enumerate(sheet.iter_rows(), start=1)]
    index = {number: k for k, (number, _) in enumerate(rows)}
    for merged in sheet.merged_cells.ranges:
        value = shown_value(sheet.cell(merged.min_row, merged.min_col))
        for r in range(merged.min_row, merged.max_row + 1):
            k = index.get(r)
            if k is None:
                continue
            cells = rows[k][1]
            if len(cells) < merged.max_col:
                cells.extend([None] * (merged.max_col - len(cells)))
            for c in range(merged.min_col - 1, merged.max_col):
                cells[c] = value
    return rows


def _table(sheet, place: Place, level) -> Table:
    # every cell as Excel shows it: a code 3 in format 00 is "03" (see columns.shown_value)
    return _headed(place, level, _numbered((list(map(shown_value, cells)) for cells in sheet.iter_rows()),
                                           _merged_fills(sheet)))


def _headed(place: Place, level, rows: Iterator[tuple[int, list]]) -> Table:
    """A table whose header is the first row with text; ``rows`` goes on after it as the table's rows."""
    header, header_row = None, 1
    for row, cells in rows:
        if any(map(cell_text, cells)):
            header, header_row = cells, row
            break
    return Table(place, level, header, rows, header_row)


def _text_table(fast, name: str, place: Place, level) -> Table | None:
    """A level or links sheet read by python-calamine, with its rows by column for the fast path,
    when every cell holds text and none is merged; else None, and openpyxl reads the sheet (a number's
    display format, a merged range filled down, are what openpyxl knows)."""
    try:
        sheet = fast.take(name)
        if sheet.merged_cell_ranges:
            return None
        values = sheet.to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 — openpyxl reads it, or says why it cannot
        return None
    if not {cell.__class__ for cells in values for cell in cells} <= {str}:
        return None
    table = _headed(place, level, iter(_numbered_values(values)))
    if table.header is None:
        return table
    width, header_row = len(table.header), table.header_row
    body = [(k, cells) for k, cells in enumerate(values[header_row:], start=header_row + 1) if any(cells)]
    if body and not any(any(cells[width:]) or len(cells) < width for _, cells in body):
        table.chunks = [([k for k, _ in body], list(zip(*(cells[:width] for _, cells in body))))]
    return table


def _merged_fills(sheet) -> dict[int, list[tuple[int, object]]]:
    """Row → (column, value) for the rows a merged range spans below its first."""
    fills: dict[int, list[tuple[int, object]]] = {}
    for cells in sheet.merged_cells.ranges:
        if cells.max_row > cells.min_row:
            value = shown_value(sheet.cell(cells.min_row, cells.min_col))
            for row in range(cells.min_row + 1, cells.max_row + 1):
                fills.setdefault(row, []).append((cells.min_col - 1, value))
    return fills


def _numbered(rows, fills):
    for number, cells in enumerate(rows, start=1):
        cells = list(cells)
        for col, value in fills.get(number, ()):
            if col < len(cells):
                cells[col] = value
        yield number, cells


def _not_a_workbook(path: Path) -> tuple[str, str] | None:
    """(code, message) when the file is not a workbook cascade can open; else None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
        if head.startswith(OLE_MAGIC):
            head = path.read_bytes()
    except OSError as exc:
        return "unreadable", f"cannot read file: {exc.strerror or exc}"
    if not head:
        return "empty-file", "the file is empty (0 bytes)"
    if head.startswith(OLE_MAGIC):
        if binary_kind(head) == "a password-protected Excel workbook":
            return "encrypted", (
                "this workbook is protected with a password, so it cannot be read; open it in Excel, "
                "remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it) and save"
            )
        return "unreadable", f"this is an old-format Excel file (.xls), not .xlsx; {_SAVE_AS}"
    if not head.startswith(ZIP_MAGIC):
        kind = binary_kind(head) or "text (perhaps CSV)"
        return "unreadable", (
            f"this file is {kind}, not an Excel workbook; {_SAVE_AS}, or for CSV use a folder of <level>.csv files"
        )
    return _zip_problem(path)


def _zip_problem(path: Path) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        return "unreadable", f"the workbook is damaged ({exc}); {_SAVE_AS} again"
    if b"opendocument" in mimetype:
        return "unreadable", "this is an OpenDocument spreadsheet (.ods), not .xlsx; open it and use Save As → Excel Workbook (.xlsx)"
    if "xl/workbook.xml" not in names:
        return "unreadable", f"this is a zip archive but not an Excel workbook (it has no xl/workbook.xml); {_SAVE_AS}"
    if sum(info.file_size for info in infos) > MAX_UNZIPPED:
        return "too-large", f"this workbook unpacks to more than {MAX_UNZIPPED >> 30} GiB; split it, or use a folder of CSV files"
    return None


def _saved_results(path: Path, shown: str, titles: list[str]) -> tuple[list[Finding], set[str]]:
    """What the sheets among ``titles`` saved as their cells' results, from each sheet's XML read once:
    one error per sheet with formulas without a saved result, and the sheets with a cell showing an
    Excel error value (``t="e"``)."""
    uncached, with_errors = [], set()
    with zipfile.ZipFile(path) as archive:
        parts = _sheet_parts(archive)
        for title in titles:
            part = parts.get(title)
            data = archive.read(part) if part in archive.NameToInfo else b""
            # a quick look for the bytes each pattern needs first: the patterns start at every "<"
            if (b'"e"' in data or b"'e'" in data) and _ERROR_CELL.search(data):
                with_errors.add(title)
            if (b"<f" not in data and b":f" not in data) or not _FORMULA.search(data):
                continue
            cells = _formulas_without_result(data)
            if cells:
                row = int(re.sub(r"\D", "", cells[0]) or 0) or None
                uncached.append(
                    Finding(
                        ERROR, "formula-not-calculated",
                        f"{len(cells)} formula cell{'s' if len(cells) > 1 else ''} (first: {cells[0]}) ha{'ve' if len(cells) > 1 else 's'} "
                        "no saved result: the file was written by a program that does not calculate formulas — "
                        "open it in Excel (or LibreOffice) and save it, so the results are stored",
                        Place(shown, title, row),
                    )
                )
    return uncached, with_errors


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part in the archive (``xl/worksheets/sheet1.xml``)."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels}
    parts = {}
    for sheet in book.iter(_MAIN + "sheet"):
        target = targets.get(sheet.get(_REL + "id"), "")
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


def _formulas_without_result(data: bytes) -> list[str]:
    """Coordinates of formula cells with an empty or missing saved value."""
    cells = []
    try:
        for _event, cell in ElementTree.iterparse(io.BytesIO(data)):
            if cell.tag != _MAIN + "c":
                continue
            if cell.find(_MAIN + "f") is not None and not cell.findtext(_MAIN + "v") and cell.get("t", "n") not in _TEXT_TYPES:
                cells.append(cell.get("r") or "?")
            cell.clear()
    except ElementTree.ParseError:
        pass  # openpyxl read it; what it could not parse stays unreported here
    return cells
