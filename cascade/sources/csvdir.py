"""Read a directory of ``<level>.csv`` files, plus ``links.csv``/``relasi.csv``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..levels import find_level
from ..model import ERROR, NOTICE, Finding, Place
from .columns import is_link_sheet
from .tables import SourceTables, Table

__all__ = ["read_csv_dir", "sniff_delimiter"]


def sniff_delimiter(header_line: str) -> str:
    """``;`` for Indonesian Excel exports, tab for TSV, else ``,``.

    >>> sniff_delimiter("Kode;Uraian;Induk"), sniff_delimiter("id,name")
    (';', ',')
    """
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_dir(path: Path, shown: str) -> SourceTables:
    out = SourceTables()
    for file in sorted(path.iterdir()):
        if not file.is_file() or file.suffix.lower() != ".csv":
            continue
        file_shown = f"{shown.rstrip('/')}/{file.name}"
        level = find_level(file.stem)
        if level is None and not is_link_sheet(file.stem):
            out.findings.append(
                Finding(NOTICE, "ignored-file", f"{file.name} is not named after a level or links; ignored", Place(file_shown))
            )
            continue
        text = _decode(file, file_shown, out)
        if text is None:
            continue
        first_line = text.split("\n", 1)[0]
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
        header = next(reader, None)
        out.tables.append(Table(Place(file_shown), level, header, _numbered(reader)))
    return out


def _decode(file: Path, shown: str, out: SourceTables) -> str | None:
    try:
        data = file.read_bytes()
    except OSError as exc:
        out.findings.append(Finding(ERROR, "unreadable", f"cannot read file: {exc.strerror}", Place(shown)))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.findings.append(
            Finding(
                ERROR,
                "encoding",
                "file is not UTF-8 (probably saved as ANSI/Windows-1252); in Excel use "
                '"Save As → CSV UTF-8 (Comma delimited)"',
                Place(shown, None, line),
            )
        )
        return None


def _numbered(reader):
    # csv.reader counts physical lines; a quoted newline makes a row span two.
    start = 2
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1
