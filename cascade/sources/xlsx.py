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

import warnings
from collections.abc import Iterator
from pathlib import Path

from ..levels import DEFAULT, Schema
from ..model import ERROR, NOTICE, Finding, Place
from .columns import ELEMENT_COLUMNS, canonical_column, cell_text, is_link_sheet, shown_value
from .adjacency import find_adjacency
from .layouts import read_layout
from .matrix import find_matrix
from .tables import SourceTables, Table
from .workbook_archive import MAX_SPAN, MAX_UNZIPPED, SAVE_AS, NotAWorkbook, SheetFacts, inspect_workbook

__all__ = ["read_xlsx", "MAX_UNZIPPED"]

_HIDDEN = {"hidden": "hidden", "veryHidden": "very hidden (only a macro can show it)"}
_NO_FACTS = SheetFacts(part="")


def read_xlsx(path: Path, shown: str, schema: Schema = DEFAULT, reading=None) -> SourceTables:
    """Tables from every level and link sheet, and the layouts of the other sheets (or a notice).

    Sheets in a layout (a matrix, …) are read with python-calamine, which is
    fast, and again with openpyxl only when a column it reads holds numbers
    (their display formats matter); level and links sheets with calamine too
    when they hold only text, else with openpyxl. A sparse sheet (its cells
    span a rectangle too large to build) is read with openpyxl alone, by the
    cells that exist.
    """
    out = SourceTables()
    try:
        archive = inspect_workbook(path)
    except NotAWorkbook as problem:
        out.findings.append(Finding(ERROR, problem.code, problem.message, Place(shown)))
        return out
    book = _Books(path, archive.sheets)
    try:
        _read_sheets(book, shown, schema, reading, out)
    except _Unreadable as exc:
        out.findings.append(Finding(ERROR, "unreadable", f"cannot read this workbook ({exc}); {SAVE_AS} again",
                                    Place(shown)))
    finally:
        book.close()
    return out


def _read_sheets(book: _Books, shown: str, schema: Schema, reading, out: SourceTables) -> None:
    wanted, laid_out = [], {}   # laid_out: sheet name → its rows, read once
    for name in book.sheet_names():
        place = Place(shown, name)
        level = schema.find(name)
        if reading is not None and reading.part(place) is not None:
            laid_out[name] = book.grid(name)
        elif is_link_sheet(name) or (level is not None and _plain_header(book.head(name))):
            wanted.append(name)
        elif _looks_laid_out(grid := book.grid(name), schema):
            laid_out[name] = grid
        elif level is not None:
            wanted.append(name)   # a level sheet after all: its header problem is reported as such
        else:
            out.findings.append(
                Finding(NOTICE, "ignored-sheet", f'sheet "{name}" is not a level or links sheet, and no row of it '
                        "names two levels (a cascading matrix); ignored", place)
            )
    uncached = [_uncached(book.facts_of(name), Place(shown, name)) for name in wanted + list(laid_out)
                if book.facts_of(name).uncached]
    if uncached:  # nothing in this workbook can be trusted until Excel has calculated it
        out.findings.extend(uncached)
        return
    for name in wanted + list(laid_out):
        state = book.facts_of(name).state
        if state in _HIDDEN:
            out.findings.append(Finding(NOTICE, "hidden-sheet", f"this sheet is {_HIDDEN[state]} in Excel; "
                                        "it is read like the others", Place(shown, name)))
    for name in wanted:
        place, level = Place(shown, name), schema.find(name)
        out.tables.append(book.text_table(name, place, level) or _table(book, name, place, level))
    for name, grid in laid_out.items():
        if book.fast_for(name) is not None and book.facts_of(name).has_errors:   # calamine reads #REF! as empty
            read_layout(book.formatted_grid(name), schema, Place(shown, name), out, reading)
        else:
            read_layout(grid, schema, Place(shown, name), out, reading,
                        formatted=lambda name=name: book.formatted_grid(name))


def _uncached(facts: SheetFacts, place: Place) -> Finding:
    cells = facts.uncached
    row = int("".join(ch for ch in cells[0] if ch.isdigit()) or 0) or None
    many = len(cells) > 1
    return Finding(
        ERROR, "formula-not-calculated",
        f"{len(cells)} formula cell{'s' if many else ''} (first: {cells[0]}) ha{'ve' if many else 's'} "
        "no saved result: the file was written by a program that does not calculate formulas — "
        "open it in Excel (or LibreOffice) and save it, so the results are stored",
        Place(place.file, place.sheet, row),
    )


class _Unreadable(Exception):
    """openpyxl could not open the workbook (its message, for the planner)."""


class _Books:
    """The workbook as both readers see it, each opened when first needed: python-calamine for
    speed, openpyxl (read-only, by the cells that exist) for display formats, error values and
    sparse sheets. A sheet's merged ranges come from its XML (see :mod:`.workbook_archive`)."""

    def __init__(self, path: Path, facts: dict[str, SheetFacts]):
        self.path, self.facts = path, facts
        self.fast, self._slow, self._kept = _calamine(path), None, {}

    def close(self) -> None:
        if self._slow is not None:
            self._slow.close()

    def sheet_names(self) -> list[str]:
        return self.fast.sheet_names if self.fast is not None else self.slow().sheetnames

    def slow(self):
        if self._slow is None:
            self._slow = _openpyxl(self.path)
        return self._slow

    def slow_sheet(self, name: str):
        sheet = self.slow()[name]
        sheet.reset_dimensions()   # read by the cells there are, not by the size the file declares
        return sheet

    def facts_of(self, name: str) -> SheetFacts:
        """What the sheet's XML says; nothing (no formulas, merges, …) for a sheet the archive does not list."""
        return self.facts.get(name) or _NO_FACTS

    def fast_for(self, name: str):
        """calamine, unless the sheet is sparse (calamine builds its whole rectangle)."""
        return None if self.fast is None or self.facts_of(name).sparse else self.fast

    def _calamine_sheet(self, name: str, keep: bool):
        """A calamine sheet parsed once: one whose head was looked at is kept for its reading."""
        if keep:
            if name not in self._kept:
                self._kept[name] = self.fast.get_sheet_by_name(name)
            return self._kept[name]
        sheet = self._kept.pop(name, None)
        return sheet if sheet is not None else self.fast.get_sheet_by_name(name)

    def head(self, name: str) -> list[list]:
        """The first 30 rows of a sheet, values only."""
        if self.fast_for(name) is not None:
            try:
                rows = self._calamine_sheet(name, keep=True).iter_rows()
                return [row for _, row in zip(range(30), rows)]
            except Exception:  # noqa: BLE001
                pass
        return [list(cells) for cells in self.slow_sheet(name).iter_rows(values_only=True, max_row=30)]

    def grid(self, name: str) -> list[tuple[int, list]]:
        """A sheet's rows, merged ranges filled, raw values (calamine), else as :meth:`formatted_grid`."""
        if self.fast_for(name) is None:
            return self.formatted_grid(name)
        try:
            values = self._calamine_sheet(name, keep=False).to_python(skip_empty_area=False)
        except Exception:  # noqa: BLE001
            return self.formatted_grid(name)
        return _filled(_numbered_values(values), self.facts_of(name))

    def formatted_grid(self, name: str) -> list[tuple[int, list]]:
        """The sheet's rows as Excel shows them: every cell of a merged range holds the range's value,
        a number in a format such as ``00`` or ``0.00`` its formatted text."""
        rows = [(k, [shown_value(c) for c in cells])
                for k, cells in enumerate(self.slow_sheet(name).iter_rows(), start=1)]
        return _filled(rows, self.facts_of(name))

    def text_table(self, name: str, place: Place, level) -> Table | None:
        """A level or links sheet read by python-calamine, with its rows by column for the fast path,
        when every cell holds text and none is merged; else None, and openpyxl reads the sheet (a
        number's display format, a merged range filled down, are what openpyxl knows)."""
        facts = self.facts_of(name)
        if self.fast_for(name) is None or facts.has_errors or facts.merges:
            return None
        try:
            values = self._calamine_sheet(name, keep=False).to_python(skip_empty_area=False)
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


def _openpyxl(path: Path):
    import openpyxl

    try:
        # openpyxl raises many kinds of errors for a damaged file, and warns about features it drops
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — any failure of the parser is "damaged file"
        raise _Unreadable(f"{type(exc).__name__}: {exc}") from None


def _calamine(path: Path):
    """The workbook opened by python-calamine, or None (not installed, or it cannot: openpyxl then says why)."""
    try:
        import python_calamine

        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:  # noqa: BLE001 — openpyxl reports a damaged file in the planner's words
        return None


def _filled(rows: list[tuple[int, list]], facts: SheetFacts) -> list[tuple[int, list]]:
    """``rows`` with every cell of each merged range holding the range's first cell, each range cut to
    the rows and columns that hold cells; refused when the ranges would fill more than a sheet holds."""
    merges = facts.merges
    if not merges:
        return rows
    index = {number: k for k, (number, _) in enumerate(rows)}
    last_row = rows[-1][0] if rows else 0
    width = max((len(cells) for _, cells in rows), default=0)
    spans = [(r0, c0, min(r1, last_row), min(c1, width)) for r0, c0, r1, c1 in merges if r0 <= last_row and c0 <= width]
    budget = max(MAX_SPAN, 8 * facts.cells)
    if sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in spans) > budget:
        raise _Unreadable(f"its merged ranges cover more than {budget:,} cells")
    for r0, c0, r1, c1 in spans:
        top = rows[index[r0]][1] if r0 in index else []
        value = top[c0 - 1] if c0 <= len(top) else None
        for r in range(r0, r1 + 1):
            k = index.get(r)
            if k is None:
                continue
            cells = rows[k][1]
            if len(cells) < c1:
                cells.extend([None] * (c1 - len(cells)))
            cells[c0 - 1:c1] = [value] * (c1 - c0 + 1)
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


def _table(book: _Books, name: str, place: Place, level) -> Table:
    # every cell as Excel shows it: a code 3 in format 00 is "03" (see columns.shown_value)
    sheet = book.slow_sheet(name)
    return _headed(place, level, _numbered((list(map(shown_value, cells)) for cells in sheet.iter_rows()),
                                           book.facts_of(name).merges))


def _headed(place: Place, level, rows: Iterator[tuple[int, list]]) -> Table:
    """A table whose header is the first row with text; ``rows`` goes on after it as the table's rows."""
    header, header_row = None, 1
    for row, cells in rows:
        if any(map(cell_text, cells)):
            header, header_row = cells, row
            break
    return Table(place, level, header, rows, header_row)


def _numbered(rows, merges):
    """Rows numbered from 1, empty ones left out, a range merged down filled in its first column
    with its first cell's value (taken as the rows stream past)."""
    starts: dict[int, list[tuple[int, int, int]]] = {}
    for r0, c0, r1, _c1 in merges:
        if r1 > r0:
            starts.setdefault(r0, []).append((c0 - 1, r0, r1))
    filling: list[tuple[int, int, object]] = []   # (column, last row, value)
    for number, cells in enumerate(rows, start=1):
        filling = [f for f in filling if f[1] >= number]
        for col, _last, value in filling:
            if col < len(cells):
                cells[col] = value
        for col, r0, r1 in starts.get(number, ()):
            filling.append((col, r1, cells[col] if col < len(cells) else None))
        if cells:
            yield number, cells
