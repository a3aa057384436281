"""What an ``.xlsx`` file holds, learnt before any spreadsheet parser opens it.

A workbook is a zip of XML parts, and parsers trust it: they unpack a part
whole and build every cell of the rectangle its cells span. So each part is
inflated once here, in bounded chunks, and the file is refused, with what to
do, when it is not a workbook (a CSV renamed, an ``.xls``, an ``.ods``, a
password-protected file), when it inflates to more than :data:`MAX_UNZIPPED`
bytes or far beyond its compressed size (a zip bomb), or when a part does not
match its checksum. What each sheet's XML says — formulas without a saved
result, Excel error values, hidden state, merged ranges, how far its cells
reach — is kept for the reader, which reads a *sparse* sheet (one value in
``XFD1048576``) by the cells that exist rather than as a rectangle.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from .sniff import OLE_MAGIC, ZIP_MAGIC, binary_kind

__all__ = ["Archive", "SheetFacts", "NotAWorkbook", "inspect_workbook", "MAX_UNZIPPED", "MAX_RATIO", "MAX_SPAN"]

#: The most a workbook may unpack to, counted as its parts are inflated.
MAX_UNZIPPED = 1 << 30
#: A part inflating to more than this many times its compressed size (and more than
#: :data:`_BOMB_FLOOR`) is a zip bomb: real sheets inflate 5–20 times.
MAX_RATIO = 200
_BOMB_FLOOR = 64 << 20
#: Cells a sheet's used rectangle may span and still be read as a rectangle (when it is not
#: mostly empty); a larger, emptier one is read by its cells.
MAX_SPAN = 20_000_000
_CHUNK = 1 << 20

SAVE_AS = "open it in Excel and use Save As → Excel Workbook (.xlsx)"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ERROR_CELL = re.compile(rb"""<(?:\w+:)?c\b[^>]*\st=["']e["']""")
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\s[^>]*ref=["']([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?["']""")
_TEXT_TYPES = ("str", "s", "inlineStr")  # a formula whose saved result is text may be empty
_WIDE_REFS = re.compile(rb' r="([A-Z]{2,3})\d')  # cells past column Z; a literal start makes the scan fast


class NotAWorkbook(Exception):
    """The file cannot be read as a workbook: ``code`` and a message saying what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class SheetFacts:
    """What one sheet's XML says, without parsing its cells."""

    part: str
    state: str = "visible"               # or "hidden", "veryHidden", as Excel's sheet tab menu has it
    uncached: list[str] = field(default_factory=list)   # formula cells with no saved result
    has_errors: bool = False              # a cell shows an Excel error value (#REF!, …)
    rows: int = 0                         # the last row a cell is in
    columns: int = 0                      # the last column a cell is in (0: not measured, few rows)
    cells: int = 0                        # how many (counted only for a sheet that may be sparse)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, col0, row1, col1), 1-based

    @property
    def sparse(self) -> bool:
        """Whether the rectangle its cells span is too large and mostly empty to build whole."""
        return self.rows * self.columns > max(MAX_SPAN, 8 * self.cells)


@dataclass
class Archive:
    sheets: dict[str, SheetFacts]   # by title, in the workbook's order


def inspect_workbook(path: Path) -> Archive:
    """Every part of the workbook inflated once, bounded; :class:`NotAWorkbook` when it cannot be read."""
    _refuse_other_kinds(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "mimetype" in names and b"opendocument" in _head(archive, "mimetype"):
                raise NotAWorkbook("unreadable", "this is an OpenDocument spreadsheet (.ods), not .xlsx; "
                                   "open it and use Save As → Excel Workbook (.xlsx)")
            if "xl/workbook.xml" not in names:
                raise NotAWorkbook("unreadable", "this is a zip archive but not an Excel workbook "
                                   f"(it has no xl/workbook.xml); {SAVE_AS}")
            if sum(info.file_size for info in infos) > MAX_UNZIPPED:
                raise _too_large()
            sheets = _sheets(archive)
            by_part = {facts.part: facts for facts in sheets.values()}
            total = 0
            for info in infos:
                data = _inflate(archive, info, MAX_UNZIPPED - total, keep=info.filename in by_part)
                total += info.file_size
                if data is not None:
                    _read_facts(data, by_part[info.filename])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as exc:   # RuntimeError: an encrypted zip entry
        raise NotAWorkbook("unreadable", f"the workbook is damaged ({exc}); {SAVE_AS} again") from None
    return Archive(sheets)


def _too_large() -> NotAWorkbook:
    return NotAWorkbook("too-large", f"this workbook unpacks to more than {MAX_UNZIPPED >> 30} GiB; "
                        "split it, or use a folder of CSV files")


def _refuse_other_kinds(path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
        if head.startswith(OLE_MAGIC):
            head = path.read_bytes()
    except OSError as exc:
        raise NotAWorkbook("unreadable", f"cannot read file: {exc.strerror or exc}") from None
    if not head:
        raise NotAWorkbook("empty-file", "the file is empty (0 bytes)")
    if head.startswith(OLE_MAGIC):
        if binary_kind(head) == "a password-protected Excel workbook":
            raise NotAWorkbook("encrypted", (
                "this workbook is protected with a password, so it cannot be read; open it in Excel, "
                "remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it) and save"
            ))
        raise NotAWorkbook("unreadable", f"this is an old-format Excel file (.xls), not .xlsx; {SAVE_AS}")
    if not head.startswith(ZIP_MAGIC):
        kind = binary_kind(head) or "text (perhaps CSV)"
        raise NotAWorkbook("unreadable", (
            f"this file is {kind}, not an Excel workbook; {SAVE_AS}, or for CSV use a folder of <level>.csv files"
        ))


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, keep: bool) -> bytes | None:
    """A part's bytes (or None when not ``keep``), inflated in chunks: zipfile stops at the declared
    size and checks the CRC, and here the ratio to the compressed size and the budget are checked."""
    kept, size = [], 0
    limit = max(_BOMB_FLOOR, MAX_RATIO * info.compress_size)
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            size += len(chunk)
            if size > budget:
                raise _too_large()
            if size > limit:
                raise NotAWorkbook("zip-bomb", (
                    f"its part {info.filename} inflates from {info.compress_size:,} bytes to more than {size:,} "
                    f"({size // max(1, info.compress_size):,} times; real sheets inflate 5 to 20 times): this "
                    f"is a zip bomb, not a workbook Excel wrote; {SAVE_AS} again, or ask for the original"
                ))
            if keep:
                kept.append(chunk)
    return b"".join(kept) if keep else None


def _head(archive: zipfile.ZipFile, part: str) -> bytes:
    with archive.open(part) as handle:
        return handle.read(100)


def _sheets(archive: zipfile.ZipFile) -> dict[str, SheetFacts]:
    """Sheet title → its facts so far: its part in the archive (``xl/worksheets/sheet1.xml``) and state."""
    try:
        book, rels = (ElementTree.fromstring(_inflate(archive, archive.getinfo(part), MAX_UNZIPPED, keep=True))
                      for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels}
    sheets = {}
    for sheet in book.iter(_MAIN + "sheet"):
        target = targets.get(sheet.get(_REL + "id"), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        sheets[sheet.get("name")] = SheetFacts(part, sheet.get("state") or "visible")
    return sheets


def _read_facts(data: bytes, facts: SheetFacts) -> None:
    # a quick look for the bytes each pattern needs first: the patterns start at every "<"
    facts.has_errors = (b'"e"' in data or b"'e'" in data) and _ERROR_CELL.search(data) is not None
    if (b"<f" in data or b":f" in data) and _FORMULA.search(data):
        facts.uncached = _formulas_without_result(data)
    facts.rows = _last_row(data) or data.count(b"<row") + data.count(b":row ")
    if facts.rows * 16384 > MAX_SPAN:   # only a sheet this long may span too much: see how wide it is
        facts.columns = _last_column(data)
        if facts.rows * facts.columns > MAX_SPAN:   # and whether its cells fill what they span
            facts.cells = data.count(b"<c ") or data.count(b":c ")
    if b"mergeCell" in data:
        facts.merges = [(int(r0), _column(c0), int(r1 or r0), _column(c1 or c0))
                        for c0, r0, c1, r1 in _MERGE.findall(data)]


def _last_row(data: bytes) -> int:
    """The row of the last reference (rows are written in order)."""
    at = data.rfind(b' r="')
    if at < 0:
        return 0
    digits = re.match(rb'[A-Z]*(\d+)"', data[at + 4:at + 20])
    return int(digits.group(1)) if digits else 0


def _last_column(data: bytes) -> int:
    found = set(_WIDE_REFS.findall(data))
    return max(map(_column, found)) if found else 26


def _column(letters: bytes) -> int:
    """``b"A"`` → 1, ``b"XFD"`` → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


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
        pass  # the parser reads it; what it could not parse stays unreported here
    return cells
