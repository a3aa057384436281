"""The report as a workbook: a summary sheet, then one sheet per analysis.

Every sheet has a bold, frozen header row, a filter on every column and
column widths that fit; the orphan sheet has one row per orphan with its OPD
and break point, so it can be sorted and handed out per OPD. Written in
openpyxl's streaming mode, so a 10⁵-element report stays quick.
"""

from __future__ import annotations

from pathlib import Path

from ..render.sheets import save_workbook, sheet_name
from .model import Report
from .tables import Table, all_tables

__all__ = ["write_xlsx", "sheet_title"]


def sheet_title(table: Table, lang: str) -> str:
    """A table's sheet name (:func:`cascade.render.sheets.sheet_name`: made to fit, never cut)."""
    return sheet_name(table.heading, lang)


def write_xlsx(report: Report, path: "str | Path", lang: str = "id") -> Path:
    return save_workbook(path, [(sheet_title(t, lang), t.headers(lang), t.rows, [c in t.percent for c in t.columns])
                                for t in all_tables(report, lang)])
