"""Read a directory of ``<level>.csv`` files, plus ``links.csv``/``relasi.csv``.

Files are UTF-8 (with or without BOM; UTF-16 with a BOM, Excel's "Unicode
Text", is read too), separated by ``,``, ``;`` or tab as the header row shows,
or as Excel's ``sep=;`` first line says. Quotes follow Excel: a quoted cell may
hold separators and line breaks, and a quote inside it is doubled; a quote
left open is an error naming the row where it opened.

Only regular files that are really in the folder are read: a level or links
file that is a **symbolic link** is an error, so a folder cannot make cascade
read (and quote in its messages) a file from elsewhere, such as ``/etc/passwd``.
"""

from __future__ import annotations

import csv
import io
import re
from itertools import islice
from pathlib import Path

from ..levels import DEFAULT, Schema
from ..model import ERROR, NOTICE, Finding, Place
from .columns import ELEMENT_COLUMNS, MAX_CELL, canonical_column, is_link_sheet
from .sniff import read_text
from .layouts import read_layout
from .sipd import read_sipd, sipd_level
from .tables import CHUNK, Layout, NotPlain, SourceTables, Table

__all__ = ["read_csv_dir", "read_csv_file", "sniff_delimiter"]

_FIX = 'in Excel use "Save As → CSV UTF-8 (Comma delimited)"'
_SEP_LINE = re.compile(r"sep=(.)\r?\n")
_FIRST_LINE = re.compile(r"[^\r\n]+")


def sniff_delimiter(header_line: str) -> str:
    """``;`` for Indonesian Excel exports, tab for TSV, else ``,``.

    >>> sniff_delimiter("Kode;Uraian;Induk"), sniff_delimiter("id,name")
    (';', ',')
    """
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _dialect(text: str) -> tuple[str, int]:
    """The file's delimiter (Excel's ``sep=`` line, else sniffed from the first line), and where the
    table starts: after a ``sep=`` line, else at 0."""
    sep = _SEP_LINE.match(text)
    if sep:
        return sep.group(1), sep.end()
    first = _FIRST_LINE.search(text)
    return sniff_delimiter(first.group() if first else ""), 0


def read_csv_dir(path: Path, shown: str, schema: Schema = DEFAULT, reading=None) -> SourceTables:
    out = SourceTables()
    try:
        files = sorted(path.iterdir())
    except OSError as exc:
        out.findings.append(Finding(ERROR, "unreadable", f"cannot list the folder: {exc.strerror or exc}", Place(shown)))
        return out
    for file in files:
        if file.suffix.lower() != ".csv":
            continue
        file_shown = f"{shown.rstrip('/')}/{file.name}"
        level = schema.find(file.stem)
        if not (file.is_symlink() or file.is_file()):
            if level is not None or is_link_sheet(file.stem):   # a level would vanish without a word
                what = "a folder" if file.is_dir() else "not a regular file (a pipe, a device or a socket)"
                out.findings.append(Finding(ERROR, "not-a-file", f"{file.name} is {what}, so its level cannot be "
                                            "read; put the CSV file itself in its place", Place(file_shown)))
            continue
        told = reading is not None and reading.part(Place(file_shown)) is not None
        if told or (level is None and not is_link_sheet(file.stem)):
            if file.is_symlink() or not _read_other(file, file_shown, schema, out, reading):
                out.findings.append(Finding(
                    NOTICE, "ignored-file",
                    f"{file.name} is not named after a level or links, and no row of it names two levels "
                    "(a cascading matrix or a flat chain); ignored", Place(file_shown)))
            continue
        if file.is_symlink():
            out.findings.append(
                Finding(
                    ERROR, "symlink",
                    f"{file.name} is a symbolic link; cascade reads only files that are really in the folder — copy the file in",
                    Place(file_shown),
                )
            )
            continue
        text = read_text(file, file_shown, out.findings, _FIX)
        if text is None:
            continue
        if level is not None and not _plain_header(text) and _read_laid_out(text, file.stem, file_shown, schema, out,
                                                                             reading):
            continue   # named after a level, but laid out (an SPBE export's "proses bisnis.csv")
        _add_table(text, Place(file_shown), level, out)
    return out


def _plain_header(text: str) -> bool:
    """Whether the first non-empty line has an id and a name column (a one-level file)."""
    delimiter, start = _dialect(text)
    first = _FIRST_LINE.search(text, start)
    if first is None:
        return True   # empty: the one-level reader says so
    cells = next(csv.reader([first.group()], delimiter=delimiter), [])
    canon = {canonical_column(c, ELEMENT_COLUMNS) for c in cells if c.strip()}
    return {"id", "name"} <= canon


def read_csv_file(path: Path, shown: str, schema: Schema = DEFAULT, reading=None) -> SourceTables:
    """One ``.csv`` file: a flat chain (one column per level, a row per chain), or a level's file."""
    out = SourceTables()
    level = schema.find(path.stem)
    if level is not None and (reading is None or reading.part(Place(shown)) is None):
        text = read_text(path, shown, out.findings, _FIX)
        if text is not None:
            _add_table(text, Place(shown), level, out)
        return out
    if not _read_other(path, shown, schema, out, reading) and not out.findings:
        out.findings.append(Finding(
            ERROR, "no-levels", "no row of this file names two levels, so it is not a cascading matrix or flat chain "
            f"(a header such as Tujuan;Sasaran;Program;Proses Bisnis), nor is it named after a level (schema "
            f"{schema.name!r}: {', '.join(schema.names())})", Place(shown)))
    return out


def _read_other(path: Path, shown: str, schema: Schema, out: SourceTables, reading=None) -> bool:
    """Read a file that is not named after a level in its layout, if it has one; True when it was."""
    findings: list[Finding] = []
    text = read_text(path, shown, findings, _FIX)
    if text is None:
        out.findings.extend(findings)
        return True
    return _read_laid_out(text, path.stem, shown, schema, out, reading)


def _read_laid_out(text: str, stem: str, shown: str, schema: Schema, out: SourceTables, reading=None) -> bool:
    """A SIPD table, a matrix or another layout (see :mod:`.layouts`); False when the text is none."""
    delimiter, start = _dialect(text)
    problems: list[Finding] = []
    rows = list(_numbered(csv.reader(_lines(text), delimiter=delimiter, strict=True), Place(shown), problems))
    if start:
        rows = rows[1:]   # the sep= line
    table = sipd_level(stem, schema) if reading is None or reading.part(Place(shown)) is None else None
    if table is not None:
        part = read_sipd(rows, table[0], table[1], schema, Place(shown))
        out.findings.extend(part.findings)
        out.gathered.append(part)
        out.layouts.append(Layout(Place(shown), f"SIPD table: {table[1].name}", [rows[0][0]] if rows else [],
                                  [], len(part.elements)))
    elif not read_layout(rows, schema, Place(shown), out, reading):
        return False
    out.findings.extend(problems)
    return True


def _add_table(text: str, place: Place, level, out: SourceTables) -> None:
    """The file's table, its header being the first non-empty row (after a ``sep=`` line).

    The rows are parsed only when asked for, and twice over if need be: as
    plain chunks for the fast path (:attr:`Table.chunks`), or one by one with
    their row numbers (:attr:`Table.rows`), which the fast path falls back to.
    """
    delimiter, start = _dialect(text)
    table = Table(place, level, None, ())
    reader, rows = _after_header(text, delimiter, bool(start), table)
    if table.problems:  # the header itself could not be read
        out.findings.extend(table.problems)
        return
    table.rows = _rest(text, delimiter, bool(start), table)
    table.chunks = _plain_chunks(text, reader, delimiter, table)
    table.no_excel_errors = "#" not in text
    out.tables.append(table)


def _after_header(text: str, delimiter: str, sep: bool, table: Table):
    """A reader standing just after the header row, and the numbered rows from there on.

    Sets ``table.header`` and ``table.header_row`` (or adds to ``table.problems``).
    """
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    rows = _numbered(reader, table.place, table.problems)
    if sep:
        next(rows, None)
    for row, cells in rows:
        if any(c.strip() for c in cells):
            table.header, table.header_row = cells, row
            break
    return reader, rows


def _rest(text: str, delimiter: str, sep: bool, table: Table):
    """The rows after the header, numbered: parsed afresh, so that the fast path may give up."""
    _, rows = _after_header(text, delimiter, sep, Table(table.place, table.level, None, (), problems=table.problems))
    yield from rows


def _plain_chunks(text: str, reader, delimiter: str, table: Table):
    """The rows after the header by column (see :attr:`Table.chunks`): read by pyarrow in one go
    where the text allows it, else by the csv module a chunk at a time."""
    width = len(table.header)
    columns = _arrow_columns(text, reader.line_num, delimiter, width)
    if columns is None:
        yield from _chunks(reader, width)
    else:
        yield reader.line_num + 1, columns


def _arrow_columns(text: str, lines_before: int, delimiter: str, width: int) -> list[list[str]] | None:
    """The text after its first ``lines_before`` lines, by column, read by pyarrow's CSV reader.

    The lines that hold a quote are read again by the csv module, which has
    the last word on them (pyarrow accepts quoting it refuses). None (the csv
    module then reads the whole table) wherever the two readers could still
    differ: a quoted line break or a CSV syntax error, a lone carriage return,
    a NUL, a row not ``width`` wide, a blank line, or pyarrow not installed.
    """
    if "\x00" in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
        return None
    pos = 0
    for _ in range(lines_before):
        pos = text.find("\n", pos) + 1
        if not pos:
            return None
    if pos == len(text) or "\n\n" in text or "\n\r\n" in text:
        return None   # pyarrow reads a blank line as a row of empty cells; the csv module as no cells
    try:
        import pyarrow as pa
        from pyarrow import csv as arrow_csv
    except ImportError:
        return None
    names = [str(k) for k in range(width)]
    try:
        # the whole text once as UTF-8, the table a zero-copy slice of it: no second copy of a large file
        body = pa.py_buffer(text.encode("utf-8")).slice(len(text[:pos].encode("utf-8")))
        table = arrow_csv.read_csv(
            body,
            read_options=arrow_csv.ReadOptions(column_names=names),
            parse_options=arrow_csv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
            convert_options=arrow_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()), null_values=[],
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, UnicodeEncodeError):
        return None
    del body
    if table.num_rows != text.count("\n", pos) + (not text.endswith("\n")):
        return None
    columns = [column.to_pylist() for column in table.columns]
    del table
    quoted, lines = _quoted_lines(text, pos)
    try:
        rows = list(csv.reader(lines, delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    if len(rows) != len(quoted) or any(len(cells) != width for cells in rows):
        return None
    for k, cells in zip(quoted, rows):
        for column, cell in zip(columns, cells):
            column[k] = cell
    return columns


def _quoted_lines(text: str, pos: int) -> tuple[list[int], list[str]]:
    """The lines from ``pos`` on that hold a quote: their numbers (0 for the line at ``pos``) and texts."""
    numbers, lines = [], []
    line, counted = 0, pos   # ``line`` is the number of the line that starts at ``counted``
    quote = text.find('"', pos)
    while quote >= 0:
        start = text.rfind("\n", counted, quote) + 1 or counted
        line += text.count("\n", counted, start)
        end = text.find("\n", quote)
        end = len(text) if end < 0 else end
        numbers.append(line)
        lines.append(text[start:end])
        counted = start
        quote = text.find('"', end)
    return numbers, lines


def _chunks(reader, width: int):
    """The rows after the header, by column, up to CHUNK rows at a time, each with the number of its first row.

    Raises :class:`NotPlain` when a row spans lines (a quoted line break), is
    not ``width`` wide, or the file has a CSV syntax error: row numbers are
    then not implicit, or the rows need their checks one by one, and the
    caller reads :attr:`Table.rows` instead.
    """
    while True:
        start = reader.line_num
        try:
            chunk = list(islice(reader, CHUNK))
        except csv.Error:
            raise NotPlain from None
        if not chunk:
            return
        if reader.line_num - start != len(chunk) or min(map(len, chunk)) != width or max(map(len, chunk)) != width:
            raise NotPlain
        yield start + 1, list(zip(*chunk))


#: Characters of text turned into lines at a time (see :func:`_lines`).
_BLOCK = 1 << 20


def _lines(text: str):
    """The text's lines (``\n``, ``\r\n`` or ``\r``, kept), as ``io.StringIO(text, newline="")`` gives them.

    One StringIO over a whole file would hold a copy of it at four bytes a
    character; blocks cut just after a ``\n`` give the same lines with a
    small copy at a time.
    """
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + _BLOCK)
        end = size if end < 0 else end + 1
        yield from io.StringIO(text[start:end], newline="")
        start = end


def _numbered(reader, place: Place, problems: list[Finding]):
    # csv.reader counts physical lines; a quoted newline makes a row span two.
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(_csv_problem(str(exc), Place(place.file, place.sheet, start)))


def _csv_problem(error: str, place: Place) -> Finding:
    if "field larger than field limit" in error:
        message = f"a cell holds more than {csv.field_size_limit():,} characters; Excel's limit for a cell is {MAX_CELL:,}"
        return Finding(ERROR, "cell-too-long", message, place)
    if "unexpected end of data" in error:
        message = 'a quoted cell that starts in this row is never closed (a " is missing); the rest of the file was not read'
    else:
        message = f'a quote (") is misplaced ({error}): inside a quoted cell write it twice (""), or save the file from Excel'
    return Finding(ERROR, "csv-syntax", message, place)
