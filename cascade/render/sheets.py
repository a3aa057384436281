"""Results as sheets a planner opens in Excel: ``--format xlsx``, and ``--excel`` CSV.

A :class:`Sheet` is a title, column keys and rows of plain values, numbers as
numbers. :func:`write_workbook` writes sheets as a workbook (bold frozen
header, a filter on every column, widths that fit, shares as percentages, no
cell that Excel would run); :func:`excel_csv` writes one as the CSV Excel
opens with a double click in an Indonesian (or any European) locale: ``;``
between fields, UTF-8 with a byte-order mark. Headers and level names are in
the planner's language (:mod:`cascade.report.words`).

>>> s = Sheet("orphans", ["id", "level", "elements"], [["PB-1", "process", 3]])
>>> excel_csv(s, "id")
'\\ufeffKode;Tingkat;Elemen\\r\\nPB-1;Proses bisnis;3\\r\\n'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..levels import DEFAULT, Schema
from ..outfiles import write_atomically
from .encodings import inert

__all__ = ["Sheet", "sheet_name", "write_workbook", "excel_csv", "header", "write_sheet", "save_workbook", "gap_sheet",
           "coverage_sheets", "trace_sheet", "finding_sheet", "diff_sheets", "impact_sheet", "redundant_sheet"]

#: Columns whose values are level names, shown as the level's title in the planner's language.
LEVEL_COLUMNS = ("level", "reached")
#: Columns whose values are words of the report (``warning``, ``share-linked``, ``added``), said in the language.
WORD_COLUMNS = ("severity", "item", "change", "kind")
_FORBIDDEN = "[]:*?/\\"
_MAX_WIDTH = 60


@dataclass(frozen=True)
class Sheet:
    """One table of a result: ``title`` a key of the report's words (or text), column keys, rows."""

    title: str
    columns: list[str]
    rows: list[list]
    percent: frozenset[str] = field(default_factory=frozenset)


def header(column: str, lang: str, schema: Schema = DEFAULT) -> str:
    """A column key as a planner reads it: ``break_at`` → ``Rantai terputus di``; ``strategy_id`` →
    ``Strategi (Kode)``; a key with no word is shown as it is."""
    from ..report.words import has_word, word

    if has_word(column):
        return word(column, lang)
    stem, _, part = column.rpartition("_")
    lv = schema.find(stem) if stem and part in ("id", "name") else None
    if lv is not None:
        return f"{lv.title(lang)} ({word(part, lang)})"
    return column.replace("_", " ")


def sheet_name(key: str, lang: str) -> str:
    """A sheet's name: the short name the words give it (``sheet-KEY``, else ``KEY``, before any
    ``:``), made to fit Excel's 31 characters, never cut; a title that is no word (``trace S1.2.1``)
    loses the characters Excel forbids (``[]:*?/\\``) and what passes 31."""
    from ..report.words import has_word, word

    for candidate in (f"sheet-{key}", key):
        if has_word(candidate):
            name = word(candidate, lang).split(":")[0].strip()
            if len(name) > 31 or any(bad in name for bad in _FORBIDDEN):
                raise ValueError(f"sheet name {name!r} does not fit Excel: give it a short one in report/words.py")
            return name
    for bad in _FORBIDDEN:
        key = key.replace(bad, " ")
    return key[:31].strip() or "Sheet"


def localised(sheet: Sheet, lang: str, schema: Schema = DEFAULT) -> tuple[list[str], list[list]]:
    """The sheet's headers and rows in ``lang``: level names as their titles, severities and the
    like as words."""
    from ..report.words import has_word, word

    def level_title(value):
        lv = schema.find(value) if isinstance(value, str) and value else None
        return lv.title(lang) if lv is not None else value

    def said(value):
        return word(value, lang) if isinstance(value, str) and has_word(value) else value

    change = {i: level_title if c in LEVEL_COLUMNS else said for i, c in enumerate(sheet.columns)
              if c in LEVEL_COLUMNS or c in WORD_COLUMNS}
    rows = sheet.rows
    if change:
        rows = [[change[i](v) if i in change else v for i, v in enumerate(row)] for row in rows]
    return [header(c, lang, schema) for c in sheet.columns], rows


def write_sheet(wb, title: str, headers: list[str], rows: list[list], percent: list[bool]) -> None:
    """One sheet of a write-only workbook: bold frozen header, filter, widths that fit, no formula run."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, head in enumerate(headers):
        longest = max((len(str(v)) for v in (head, *(row[i] for row in rows)) if v is not None), default=4)
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(longest, 4) + 2, _MAX_WIDTH)
    cells = []
    for head in headers:
        cell = WriteOnlyCell(ws, head)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="ECEFF1")
        cell.alignment = Alignment(vertical="top")
        cells.append(cell)
    ws.append(cells)
    for row in rows:
        cells = []
        for value, is_percent in zip(row, percent, strict=True):
            cell = WriteOnlyCell(ws, value)
            if cell.data_type == "f":   # a planner's text that starts with "=": shown, never run
                cell.data_type = "s"
            if is_percent:
                cell.number_format = "0%"
            cells.append(cell)
        ws.append(cells)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{len(rows) + 1}"


def save_workbook(path: "str | Path", sheets: list[tuple[str, list[str], list[list], list[bool]]]) -> Path:
    """A workbook of ``(title, headers, rows, percent flags)`` at ``path``, made whole in memory (a full
    disk then fails one plain write, not openpyxl's zip) and put in place at once."""
    data = _workbook_bytes(sheets)
    return write_atomically(Path(path), lambda temporary: temporary.write_bytes(data))


def _workbook_bytes(sheets: list[tuple[str, list[str], list[list], list[bool]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, headers, rows, percent in sheets:
        write_sheet(wb, title, headers, rows, percent)
    if not sheets:
        wb.create_sheet("Sheet")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_workbook(path: "str | Path", sheets: list[Sheet], lang: str, schema: Schema = DEFAULT) -> Path:
    """``sheets`` as one workbook at ``path`` (replaced whole, never half-written)."""
    made, titles = [], set()
    for sheet in sheets:
        title, n = sheet_name(sheet.title, lang), 2
        while title in titles:   # titles cut alike stay apart
            title, n = f"{sheet_name(sheet.title, lang)[:28]} {n}", n + 1
        titles.add(title)
        headers, rows = localised(sheet, lang, schema)
        made.append((title, headers, rows, [c in sheet.percent for c in sheet.columns]))
    return save_workbook(path, made)


def excel_csv(sheet: Sheet, lang: str, schema: Schema = DEFAULT) -> str:
    """One sheet as Excel's CSV: byte-order mark, ``;``, CRLF, headers in ``lang``, no cell that runs."""
    headers, rows = localised(sheet, lang, schema)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([inert(h) for h in headers])
    percent = [c in sheet.percent for c in sheet.columns]
    writer.writerows([_csv_cell(v, p) for v, p in zip(row, percent)] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _csv_cell(value, is_percent: bool):
    if value is None:
        return ""
    if is_percent and isinstance(value, float):
        return f"{value:.0%}"   # Excel reads "89%" as 0.89 in every locale, unlike "0.89"
    return inert(value)


# -- the sheets of each result ---------------------------------------------------------------------


def gap_sheet(gaps, title: str) -> Sheet:
    from .rows import gap_rows

    return Sheet(title, *gap_rows(gaps))


def coverage_sheets(cov) -> list[Sheet]:
    from .rows import coverage_rows, share_number_rows

    return [Sheet("coverage-opd" if cov.by else "coverage", *coverage_rows(cov)),
            Sheet("shares", *share_number_rows(cov), frozenset({"ratio"}))]


def trace_sheet(trace) -> Sheet:
    from .rows import trace_path_rows

    return Sheet(f"trace {trace.root}", *trace_path_rows(trace))


def finding_sheet(findings) -> Sheet:
    from .rows import finding_rows

    return Sheet("check", *finding_rows(findings))


def diff_sheets(d) -> list[Sheet]:
    from .changes import diff_sections

    return [Sheet(key, cols, rows) for key, cols, rows in diff_sections(d)]


def impact_sheet(hit) -> Sheet:
    from .changes import impact_rows

    return Sheet("impact", *impact_rows(hit))


def redundant_sheet(groups) -> Sheet:
    from .changes import redundant_rows

    return Sheet("redundant", *redundant_rows(groups))
