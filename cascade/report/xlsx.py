"""The report as a workbook: a summary sheet, then one sheet per analysis.

Every sheet has a bold, frozen header row, a filter on every column and
column widths that fit; the orphan sheet has one row per orphan with its OPD
and break point, so it can be sorted and handed out per OPD. Written in
openpyxl's streaming mode, so a 10⁵-element report stays quick.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..outfiles import write_atomically
from .model import Report
from .tables import Table, all_tables
from .words import word

__all__ = ["write_xlsx", "sheet_title"]

_HEAD_FONT, _HEAD_FILL = Font(bold=True), PatternFill("solid", fgColor="ECEFF1")
_MAX_WIDTH = 60


def sheet_title(table: Table, lang: str) -> str:
    """A sheet's name: the table's heading, cut to Excel's 31 characters (no []:*?/\\)."""
    name = word(table.heading, lang).split(":")[0]
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31].strip()


def _width(values) -> float:
    longest = max((len(str(v)) for v in values if v is not None), default=4)
    return min(max(longest, 4) + 2, _MAX_WIDTH)


def write_xlsx(report: Report, path: "str | Path", lang: str = "id") -> Path:
    path = Path(path)
    wb = Workbook(write_only=True)
    for table in all_tables(report, lang):
        ws = wb.create_sheet(sheet_title(table, lang))
        headers = table.headers(lang)
        ws.freeze_panes = "A2"
        for i, header in enumerate(headers):
            column = [header, *(row[i] for row in table.rows)]
            ws.column_dimensions[get_column_letter(i + 1)].width = _width(column)
        head = []
        for header in headers:
            cell = WriteOnlyCell(ws, header)
            cell.font, cell.fill, cell.alignment = _HEAD_FONT, _HEAD_FILL, Alignment(vertical="top")
            head.append(cell)
        ws.append(head)
        percent = [c in table.percent for c in table.columns]
        for row in table.rows:
            cells = []
            for value, is_percent in zip(row, percent, strict=True):
                cell = WriteOnlyCell(ws, value)
                if cell.data_type == "f":   # a planner's text that starts with "=": shown, never run
                    cell.data_type = "s"
                if is_percent:
                    cell.number_format = "0%"
                cells.append(cell)
            ws.append(cells)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(table.rows) + 1}"
    buffer = io.BytesIO()   # made whole in memory: a full disk then fails one plain write, not openpyxl's zip
    wb.save(buffer)
    write_atomically(path, lambda temporary: temporary.write_bytes(buffer.getvalue()))
    return path
