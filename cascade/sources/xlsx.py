"""Read an ``.xlsx`` workbook: one sheet per level, plus ``Links``/``Relasi``."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..levels import find_level
from ..model import ERROR, NOTICE, Finding, Place
from .columns import is_link_sheet
from .tables import SourceTables, Table

__all__ = ["read_xlsx"]


def read_xlsx(path: Path, shown: str) -> SourceTables:
    """Tables from every level and link sheet; other sheets get a notice."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    out = SourceTables()
    try:
        # Not read_only: merged cells and formulas' cached values need the full
        # model, and planners' workbooks are small enough for it.
        book = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        out.findings.append(
            Finding(ERROR, "unreadable", f"cannot read this workbook ({exc}); save it again from Excel as .xlsx", Place(shown))
        )
        return out
    for sheet in book.worksheets:
        title = sheet.title
        place = Place(shown, title)
        level = find_level(title)
        if level is None and not is_link_sheet(title):
            out.findings.append(
                Finding(NOTICE, "ignored-sheet", f'sheet "{title}" is not a level or links sheet; ignored', place)
            )
            continue
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        out.tables.append(Table(place, level, list(header) if header else None, _numbered(rows)))
    return out


def _numbered(rows):
    for number, cells in enumerate(rows, start=2):
        yield number, list(cells)
