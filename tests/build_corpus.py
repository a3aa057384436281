"""(Re)build the bad-input corpus in ``tests/corpus/`` and its index ``expected.yaml``.

Each case is a real file (or folder of CSV files) of the kind planners
produce — a small Indonesian cascade with one thing wrong — and the one
message cascade must give for it: its code and place (file, sheet, row).
A few cases are valid files that look suspicious (merged cells, cached
formula results, warnings only): they must load, because warnings never block.

    python tests/build_corpus.py            # rewrite tests/corpus/
    python tests/build_corpus.py OUT        # build into OUT (tests compare the two)

The output is byte-for-byte deterministic: fixed zip timestamps and document
properties, a fixed salt for the encrypted workbook. Building the
password-protected workbook needs ``msoffcrypto-tool`` (used only here; the
built file is committed).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import os
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import openpyxl
import yaml

from workbooks import write_workbook

CORPUS = Path(__file__).parent / "corpus"
HEADER = ["Kode", "Uraian", "Induk", "Perangkat Daerah"]
PASSWORD = "rahasia"

#: A small, valid cascade (Dinas Kesehatan of an imaginary city); most cases change one thing in it.
BASE: dict[str, list[list[object]]] = {
    "Visi": [HEADER, ["V1", "Terwujudnya kota yang sehat dan sejahtera", None, "Bappeda"]],
    "Misi": [HEADER, ["M1", "Meningkatkan kualitas sumber daya manusia", "V1", "Bappeda"]],
    "Tujuan": [HEADER, ["T1", "Meningkatnya derajat kesehatan masyarakat", "M1", "Bappeda"]],
    "Strategi": [HEADER, ["S1", "Peningkatan akses layanan kesehatan dasar", "T1", "Dinas Kesehatan"]],
    "Program": [
        HEADER,
        ["G1", "Program pemenuhan upaya kesehatan perorangan", "S1", "Dinas Kesehatan"],
        ["G2", "Program peningkatan kapasitas sumber daya manusia kesehatan", "S1", "Dinas Kesehatan"],
    ],
    "Proses Bisnis": [
        HEADER,
        ["P1", "Pelayanan rawat jalan puskesmas", "G1", "Dinas Kesehatan"],
        ["P2", "Pendaftaran pasien secara daring", "G1", "Dinas Kesehatan"],
        ["P3", "Pelatihan tenaga kesehatan", "G2", "Dinas Kesehatan"],
    ],
    "Aplikasi": [
        HEADER,
        ["A1", "SIMPUS", "P1;P2", "Dinas Kesehatan"],
        ["A2", "Pelatihan Daring Nakes", "P3", "Diskominfo"],
    ],
}
CSV_NAMES = {"Visi": "visi", "Misi": "misi", "Tujuan": "tujuan", "Strategi": "strategi",
             "Program": "program", "Proses Bisnis": "proses", "Aplikasi": "aplikasi"}


@dataclass
class Case:
    """One corpus entry: where it is, what it is, how to build it, what cascade must say."""

    path: str
    what: str
    build: Callable[[Path], None]
    exit: int = 2
    error: dict | None = None
    says: str = ""
    warnings: list[str] = field(default_factory=list)

    def entry(self) -> dict:
        out = {"path": self.path, "what": self.what, "exit": self.exit}
        if self.error:
            out["error"] = self.error
            out["says"] = self.says
        if self.warnings:
            out["warnings"] = self.warnings
        return out


CASES: list[Case] = []


def case(path: str, what: str, code: str | None = None, file: str | None = None, sheet: str | None = None,
         row: int | None = None, says: str = "", exit: int = 2, warnings: tuple[str, ...] = ()):
    """Register the decorated builder as a corpus case; ``file`` defaults to ``path``."""

    def register(build: Callable[[Path], None]):
        error = None if code is None else {"code": code, "file": f"{path}/{file}" if file else path, "sheet": sheet, "row": row}
        CASES.append(Case(path, what, build, exit, error, says, list(warnings)))
        return build

    return register


# ---------------------------------------------------------------- writers


def base(**sheets: list[list[object]] | None) -> dict[str, list[list[object]]]:
    """BASE with some sheets replaced (``Proses_Bisnis`` for "Proses Bisnis"), or dropped with None."""
    out = copy.deepcopy(BASE)
    for key, rows in sheets.items():
        title = key.replace("_", " ")
        if rows is None:
            out.pop(title, None)
        else:
            out[title] = rows
    return out


def workbook(path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None,
             edit: Callable[[openpyxl.Workbook], None] | None = None) -> None:
    """An .xlsx of ``sheets`` with cell ranges merged as ``{title: ["C2:C3"]}`` and ``edit`` done on it
    as a planner would in Excel, stable bytes."""
    write_workbook(path, sheets)
    if merges or edit:
        book = openpyxl.load_workbook(path)
        for title, ranges in (merges or {}).items():
            for cells in ranges:
                book[title].merge_cells(cells)
        if edit is not None:
            edit(book)
        book.save(path)
    normalise_zip(path)


def normalise_zip(path: Path, replace: dict[str, Callable[[bytes], bytes]] | None = None) -> None:
    """Rewrite a zip with fixed timestamps and document dates (and edited parts), for stable bytes."""
    stamp = b"2024-01-15T08:00:00Z"
    fixes = {"docProps/core.xml": lambda data: re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp, data)}
    fixes.update(replace or {})
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 15, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, fixes.get(name, lambda d: d)(data))


def cache_results(path: Path, part: str, results: dict[str, tuple[str, str]]) -> None:
    """Give formula cells a saved result, as Excel does on save: ``{"B2": ("str", "text")}``."""

    def edit(data: bytes) -> bytes:
        text = data.decode()
        for ref, (kind, value) in results.items():
            pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>')
            text, n = pattern.subn(lambda m: f'<c r="{ref}"{m.group(1)} t="{kind}"><f>{m.group(2)}</f><v>{value}</v>', text)
            assert n == 1, f"no formula cell {ref} in {part}"
        return text.encode()

    normalise_zip(path, {part: edit})


def csv_text(rows: list[list[object]], delimiter: str = ",") -> str:
    """Rows as Excel writes "CSV UTF-8": CRLF line ends (the BOM is added by csv_dir)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(["" if c is None else c for c in row] for row in rows)
    return out.getvalue()


def csv_dir(path: Path, files: dict[str, str | bytes], encoding: str = "utf-8-sig") -> None:
    path.mkdir()
    for name, content in files.items():
        (path / name).write_bytes(content if isinstance(content, bytes) else content.encode(encoding))


def base_csv(**sheets: list[list[object]] | None) -> dict[str, str]:
    """The BASE cascade as ``<level>.csv`` texts, with some sheets replaced or dropped."""
    return {f"{CSV_NAMES[title]}.csv": csv_text(rows) for title, rows in base(**sheets).items()}


def csv_with(path: Path, name: str, content: str | bytes, **sheets: list[list[object]] | None) -> None:
    """The BASE cascade as a CSV folder (``sheets`` replaced or dropped as in :func:`base`), ``name`` holding ``content``."""
    csv_dir(path, {**base_csv(**sheets), name: content})


def text_file(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def extra_row(title: str, row: list[object]) -> Callable[[Path], None]:
    """A builder: the BASE workbook with ``row`` added at the end of sheet ``title``."""
    return lambda path: workbook(path, {**BASE, title: BASE[title] + [row]})


def program(*extra: list[object]) -> list[list[object]]:
    """The Program sheet with extra rows at the end."""
    return copy.deepcopy(BASE["Program"]) + [list(r) for r in extra]


# ---------------------------------------------------------------- workbooks


@case("empty-workbook.xlsx", "a new, empty workbook (one blank sheet)", "no-levels", says="no level sheet or file found")
def _(path):
    book = openpyxl.Workbook()
    book.save(path)
    normalise_zip(path)


@case("empty-level-sheet.xlsx", "a Program sheet with nothing in it", "no-header", sheet="Program", row=1, says="must be a header")
def _(path):
    workbook(path, base(Program=[], Proses_Bisnis=None, Aplikasi=None))


@case("no-header.xlsx", "a Strategi sheet that starts with data, no header", "missing-column", sheet="Strategi", row=1,
      says="no id or name column")
def _(path):
    workbook(path, base(Strategi=[["S1", "Peningkatan akses layanan kesehatan dasar", "T1", "Dinas Kesehatan"]]))


@case("header-without-id.xlsx", "a Program header with Uraian but no Kode", "missing-column", sheet="Program", row=1,
      says="no id column")
def _(path):
    workbook(path, base(Program=[["No", "Uraian", "Induk"], [1, "Program pemenuhan upaya kesehatan", "S1"]],
                        Proses_Bisnis=None, Aplikasi=None))


@case("header-without-name.xlsx", "a Tujuan header with Kode and Keterangan, no Uraian", "missing-column", sheet="Tujuan",
      row=1, says="no name column")
def _(path):
    workbook(path, base(Tujuan=[["Kode", "Keterangan", "Induk"], ["T1", "Meningkatnya derajat kesehatan", "M1"]],
                        Strategi=None, Program=None, Proses_Bisnis=None, Aplikasi=None))


@case("title-row-above-header.xlsx", "a merged title row above the header (the header must be the first row)",
      "missing-column", sheet="Program", row=1, says="must be the first row")
def _(path):
    rows = [["RENCANA STRATEGIS DINAS KESEHATAN 2019-2023", None, None, None]] + program()
    workbook(path, base(Program=rows, Proses_Bisnis=None, Aplikasi=None), merges={"Program": ["A1:D1"]})


#: Cases that add one row to one sheet of BASE: (path, what, code, sheet, row, says, the row added there).
ONE_MORE_ROW = [
    ("duplicate-id-in-sheet.xlsx", "the same Kode twice in one sheet",
     "duplicate-id", "Program", 4, "G1 is used twice",
     ["G1", "Program penunjang urusan kesehatan", "S1", "Dinas Kesehatan"]),
    ("duplicate-id-across-sheets.xlsx", "a Program coded like a Strategi",
     "duplicate-id", "Program", 4, 'sheet "Strategi", row 2',
     ["S1", "Program penunjang urusan kesehatan", "S1", "Dinas Kesehatan"]),
    ("id-with-spaces.xlsx", "two ids that differ only by surrounding spaces",
     "duplicate-id", "Proses Bisnis", 5, "P1 is used twice",
     [" P1 ", "Pelayanan rawat jalan (duplikat)", "G1", "Dinas Kesehatan"]),
    ("unknown-parent.xlsx", "a process under a program that does not exist",
     "unknown-parent", "Proses Bisnis", 5, "parent G9 of P4 does not exist",
     ["P4", "Pengelolaan rujukan", "G9", "Dinas Kesehatan"]),
    ("parent-same-level.xlsx", "a program whose parent is another program",
     "upward-link", "Program", 4, "G3 (program) is linked under G1 (program)",
     ["G3", "Program penunjang", "G1", "Dinas Kesehatan"]),
    ("parent-lower-level.xlsx", "a program whose parent is a process",
     "upward-link", "Program", 4, "G3 (program) is linked under P1 (process)",
     ["G3", "Program penunjang", "P1", "Dinas Kesehatan"]),
    ("self-link.xlsx", "a program that is its own parent",
     "upward-link", "Program", 4, "linked under itself",
     ["G3", "Program penunjang", "G3", "Dinas Kesehatan"]),
    ("date-in-id.xlsx", "a goal code 1.3 that Excel turned into a date",
     "date-id", "Tujuan", 3, "Excel turned a code",
     [dt.datetime(2023, 3, 1), "Meningkatnya cakupan imunisasi", "M1", "Bappeda"]),
]
for _path, _what, _code, _sheet, _row, _says, _added in ONE_MORE_ROW:
    case(_path, _what, _code, sheet=_sheet, row=_row, says=_says)(extra_row(_sheet, _added))


@case("links-missing-child.xlsx", "a Relasi sheet naming an application that does not exist", "unknown-child", sheet="Relasi",
      row=3, says="link to A9")
def _(path):
    sheets = base()
    sheets["Relasi"] = [["Induk", "Anak"], ["P3", "A1"], ["P1", "A9"]]
    workbook(path, sheets)


@case("links-missing-parent.xlsx", "a Relasi sheet naming a strategy that does not exist", "unknown-parent", sheet="Relasi",
      row=2, says="parent S9 of G2 does not exist")
def _(path):
    sheets = base()
    sheets["Relasi"] = [["Dari", "Ke"], ["S9", "G2"]]
    workbook(path, sheets)


@case("links-incomplete.xlsx", "a Relasi row with a parent and no child", "incomplete-link", sheet="Relasi", row=3,
      says="needs both a parent and a child")
def _(path):
    sheets = base()
    sheets["Relasi"] = [["Induk", "Anak"], ["P3", "A1"], ["P2", None]]
    workbook(path, sheets)


@case("formula-not-calculated.xlsx", "formulas written by a program, never calculated (no saved results)",
      "formula-not-calculated", sheet="Program", row=2, says="open it in Excel")
def _(path):
    rows = [HEADER, ["G1", '="Program pemenuhan upaya kesehatan "&"perorangan"', "S1", "Dinas Kesehatan"],
            ["G2", '=UPPER("program peningkatan kapasitas SDM kesehatan")', "S1", "Dinas Kesehatan"]]
    workbook(path, base(Program=rows))


@case("formula-ref-error.xlsx", "a parent looked up by a formula whose saved result is #REF!", "excel-error",
      sheet="Proses Bisnis", row=3, says="#REF!")
def _(path):
    rows = copy.deepcopy(BASE["Proses Bisnis"])
    rows[2][2] = "=VLOOKUP(B3,#REF!,2,FALSE)"
    workbook(path, base(Proses_Bisnis=rows))
    cache_results(path, "xl/worksheets/sheet6.xml", {"C3": ("e", "#REF!")})


@case("formula-cached-results.xlsx", "names and parents computed by formulas, saved by Excel with their results", exit=0)
def _(path):
    rows = [HEADER, ["G1", '=CONCATENATE("Program pemenuhan ","upaya kesehatan")', '=Strategi!A2', "Dinas Kesehatan"],
            ["G2", "Program peningkatan kapasitas SDM kesehatan", "S1", "Dinas Kesehatan"]]
    workbook(path, base(Program=rows))
    cache_results(path, "xl/worksheets/sheet5.xml",
                  {"B2": ("str", "Program pemenuhan upaya kesehatan"), "C2": ("str", "S1")})


@case("merged-parent.xlsx", "Induk merged down a group of processes: every row has that parent", exit=0)
def _(path):
    rows = [HEADER, ["P1", "Pelayanan rawat jalan puskesmas", "G1", "Dinas Kesehatan"],
            ["P2", "Pendaftaran pasien secara daring", None, "Dinas Kesehatan"],
            ["P3", "Pelatihan tenaga kesehatan", "G2", "Dinas Kesehatan"]]
    workbook(path, base(Proses_Bisnis=rows), merges={"Proses Bisnis": ["C2:C3"]})


@case("merged-id.xlsx", "Kode merged over two rows: two elements with one code", "duplicate-id", sheet="Program", row=3,
      says="G1 is used twice")
def _(path):
    rows = [HEADER, ["G1", "Program pemenuhan upaya kesehatan perorangan", "S1", "Dinas Kesehatan"],
            [None, "Program peningkatan kapasitas SDM kesehatan", "S1", "Dinas Kesehatan"]]
    sheets = base(Program=rows)
    sheets["Proses Bisnis"][3][2] = "G1"
    workbook(path, sheets, merges={"Program": ["A2:A3"]})


@case("decimal-ids.xlsx", "numeric codes 1.1 and 1.10 in a General column: Excel keeps both as 1.1", "duplicate-id",
      sheet="Tujuan", row=3, says="1.1 is used twice", warnings=("decimal-id",))
def _(path):
    rows = [HEADER, [1.1, "Meningkatnya derajat kesehatan masyarakat", "M1", "Bappeda"],
            [1.10, "Meningkatnya cakupan imunisasi", "M1", "Bappeda"]]
    sheets = base(Tujuan=rows)
    sheets["Strategi"][1][2] = 1.1
    workbook(path, sheets)


@case("long-cell.xlsx", "a 100 kB Uraian (a whole document pasted into one cell)", "cell-too-long", sheet="Program", row=3,
      says="limit for a cell is 32,767")
def _(path):
    text = ("Program peningkatan kapasitas sumber daya manusia kesehatan. " * 1700)[:102_400]
    rows = copy.deepcopy(BASE["Program"])
    rows[2][1] = text
    workbook(path, base(Program=rows))


@case("bad-header-reserved.xlsx", "an attribute column named Level, a name cascade uses itself", "bad-header",
      sheet="Aplikasi", row=1, says="is a name cascade uses itself")
def _(path):
    rows = [HEADER + ["Level"]] + [r + ["Kabupaten/Kota"] for r in copy.deepcopy(BASE["Aplikasi"])[1:]]
    workbook(path, base(Aplikasi=rows))


@case("bad-header-repeated.xlsx", "two columns both headed Keterangan", "bad-header", sheet="Program", row=1,
      says="repeats the header of column E")
def _(path):
    rows = [HEADER + ["Keterangan", "keterangan"]] + [r + ["prioritas", "2024"] for r in copy.deepcopy(BASE["Program"])[1:]]
    workbook(path, base(Program=rows))


@case("warnings-only.xlsx", "a program with no strategy, a notes sheet: warnings and notices, which never block", exit=0,
      warnings=("no-parent",))
def _(path):
    sheets = base(Program=program(["G3", "Program tanpa strategi", None, "Dinas Kesehatan"]))
    sheets["Catatan"] = [["Catatan"], ["Disusun oleh Bappeda untuk lokakarya peta proses bisnis"]]
    workbook(path, sheets)


@case("csv-renamed.xlsx", "a CSV file saved under an .xlsx name", "unreadable", says="text (perhaps CSV), not an Excel workbook")
def _(path):
    path.write_bytes(("\ufeff" + csv_text(BASE["Program"])).encode())


@case("junk.xlsx", "a zip of photos and notes renamed .xlsx", "unreadable", says="zip archive but not an Excel workbook")
def _(path):
    rng = random.Random(7)
    with zipfile.ZipFile(path, "w") as archive:
        for name, size in (("foto_rapat_01.jpg", 3000), ("notulen.txt", 400)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 15, 8, 0, 0))
            archive.writestr(info, bytes(rng.randrange(256) for _ in range(size)))


@case("truncated.xlsx", "a workbook cut short by a failed download", "unreadable", says="damaged")
def _(path):
    full = Path(str(path) + ".full")
    workbook(full, BASE)
    path.write_bytes(full.read_bytes()[:1500])
    full.unlink()


@case("password.xlsx", f"a workbook protected with a password ({PASSWORD})", "encrypted", says="remove the password")
def _(path):
    import msoffcrypto  # only the builder needs it: pip install msoffcrypto-tool
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class Then(dt.datetime):  # the container's timestamps
        @classmethod
        def now(cls, tz=None):
            return cls(2024, 1, 15, 8, 0, 0)

    plain = Path(str(path) + ".plain")
    workbook(plain, BASE)
    rng = random.Random(2024)  # the salt and key: fixed, for stable bytes
    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer, ecma376_encrypted.datetime = rng.randbytes, Then
    try:
        with open(plain, "rb") as src, open(path, "wb") as out:
            msoffcrypto.OfficeFile(src).encrypt(PASSWORD, out)
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved
        plain.unlink()


@case("empty-file.xlsx", "a 0-byte .xlsx (an interrupted save)", "empty-file", says="empty")
def _(path):
    path.write_bytes(b"")


@case("passwd.xlsx", "a symbolic link to /etc/passwd given as the workbook", "unreadable", says="not an Excel workbook")
def _(path):
    os.symlink("/etc/passwd", path)


@case("far-value.xlsx", "a stray value in the last cell of the sheet, XFD1048576: read by the cells there are",
      "missing-id", sheet="Proses Bisnis", row=1_048_576, says="has no id")
def _(path):
    workbook(path, BASE, edit=lambda book: book["Proses Bisnis"].cell(1_048_576, 16_384, "x"))


@case("far-format.xlsx", "a formatted empty cell at Z1048576 (a fill colour on a whole column's last cell)", exit=0)
def _(path):
    from openpyxl.styles import PatternFill

    def fill(book):
        book["Proses Bisnis"].cell(1_048_576, 26).fill = PatternFill("solid", fgColor="FFFF00")

    workbook(path, BASE, edit=fill)


@case("zip-bomb.xlsx", "a 240 kB workbook whose sheet inflates to 80 MB (a zip bomb under the size guard)",
      "zip-bomb", says="zip bomb")
def _(path):
    cell = b'<c t="inlineStr"><is><t>x</t></is></c>'
    workbook(path, BASE)
    normalise_zip(path, {"xl/worksheets/sheet5.xml": lambda data: data.replace(
        b"</sheetData>", b"<row>" + cell * (80_000_000 // len(cell)) + b"</row></sheetData>")})


@case("hidden-sheet.xlsx", "the Aplikasi sheet hidden, Program very hidden: read, with a notice", exit=0,
      warnings=("hidden-sheet",))
def _(path):
    def hide(book):
        book["Aplikasi"].sheet_state, book["Program"].sheet_state = "hidden", "veryHidden"

    workbook(path, BASE, edit=hide)


@case("long-number-code.xlsx", "an 18-digit process code typed as a number (Excel keeps 15 digits: 1.23457E+17)", exit=0,
      warnings=("long-number-id",))
def _(path):
    rows = copy.deepcopy(BASE["Proses Bisnis"])
    rows.append([123456789012345678, "Verifikasi data kependudukan", "G1", "Dinas Kesehatan"])
    workbook(path, base(Proses_Bisnis=rows))


# ---------------------------------------------------------------- CSV folders


@case("csv-cp1252", "proses.csv saved as ANSI (Windows-1252) by an older Excel", "encoding", file="proses.csv", row=3,
      says="CSV UTF-8")
def _(path):
    rows = copy.deepcopy(BASE["Proses Bisnis"])
    rows[2][1] = "Pendaftaran pasien – layanan café sehat"
    csv_with(path, "proses.csv", csv_text(rows).encode("cp1252"))


@case("csv-latin1", "program.csv in Latin-1 (ISO-8859-1)", "encoding", file="program.csv", row=2, says="CSV UTF-8")
def _(path):
    rows = copy.deepcopy(BASE["Program"])
    rows[1][1] = "Program pemenuhan upaya kesehatan – 100 % cakupan (¼ anggaran)".replace("–", "-")
    csv_with(path, "program.csv", csv_text(rows).encode("latin-1"))


@case("csv-semicolon", "';'-separated (Indonesian Excel), a quoted ';' in a name, an unknown parent",
      "unknown-parent", file="program.csv", row=4, says="parent S7 of G3")
def _(path):
    rows = program(["G3", "Program; penunjang urusan pemerintahan", "S7", "Dinas Kesehatan"])
    csv_with(path, "program.csv", csv_text(rows, ";"))


@case("csv-quoted-newlines", "names with line breaks (Alt+Enter) inside quotes; then a repeated id", "duplicate-id",
      file="proses.csv", row=7, says="P2 is used twice")
def _(path):
    rows = copy.deepcopy(BASE["Proses Bisnis"])
    rows[1][1] = "Pelayanan rawat jalan\npuskesmas"
    rows[2][1] = "Pendaftaran pasien\nsecara daring"
    rows.append(["P2", "Pendaftaran ulang", "G1", "Dinas Kesehatan"])
    csv_with(path, "proses.csv", csv_text(rows))


@case("csv-unclosed-quote", "a quote opened in a name and never closed", "csv-syntax", file="program.csv", row=3,
      says="never closed")
def _(path):
    csv_with(path, "program.csv", 'Kode,Uraian,Induk\r\nG1,Program pemenuhan,S1\r\nG2,"Program peningkatan kapasitas,S1\r\nG3,Program penunjang,S1\r\n')


@case("csv-stray-quote", 'a quoted name with a stray " inside it (hand-edited)', "csv-syntax", file="program.csv", row=3,
      says="inside a quoted cell write it twice")
def _(path):
    csv_with(path, "program.csv", 'Kode,Uraian,Induk\r\nG1,Program pemenuhan,S1\r\nG2,"Program "Sehat" kota",S1\r\n')


@case("csv-sep-line", "Excel's sep=; first line, then a process with no name", "missing-name", file="proses.csv", row=4,
      says="P2 has no name")
def _(path):
    rows = copy.deepcopy(BASE["Proses Bisnis"])
    rows[2][1] = ""
    csv_with(path, "proses.csv", "sep=;\r\n" + csv_text(rows, ";"))


@case("csv-utf16", "Excel's Unicode Text (UTF-16, tab-separated) saved as .csv, one id missing", "missing-id",
      file="aplikasi.csv", row=3, says="has no id")
def _(path):
    rows = copy.deepcopy(BASE["Aplikasi"])
    rows[2][0] = ""
    csv_with(path, "aplikasi.csv", b"\xff\xfe" + csv_text(rows, "\t").encode("utf-16-le"))


@case("csv-is-workbook", "proses.csv that is really an .xlsx workbook", "not-text", file="proses.csv",
      says="Excel workbook (.xlsx)")
def _(path):
    csv_dir(path, base_csv(Proses_Bisnis=None))
    workbook(path / "proses.csv", {"Proses Bisnis": BASE["Proses Bisnis"]})


@case("csv-100k-rows", "100,000 processes; the very last one has an unknown parent", "unknown-parent", file="proses.csv",
      row=100_001, says="parent G100 of P100000")
def _(path):
    files = base_csv(Proses_Bisnis=None, Aplikasi=None)
    files["program.csv"] = csv_text([HEADER] + [[f"G{i}", f"Program {i}", "S1", "Dinas Kesehatan"] for i in range(1, 100)])
    lines = ["Kode,Uraian,Induk"] + [f"P{i},Proses {i},G{i % 99 + 1}" for i in range(1, 100_000)] + ["P100000,Proses terakhir,G100"]
    files["proses.csv"] = "\r\n".join(lines) + "\r\n"
    csv_dir(path, files)


def long_name(size: int) -> Callable[[Path], None]:
    """A builder: the BASE cascade as CSV, program G2's Uraian ``size`` characters long."""

    def build(path: Path) -> None:
        rows = copy.deepcopy(BASE["Program"])
        rows[2][1] = ("Uraian program yang sangat panjang. " * (size // 30))[:size]
        csv_dir(path, base_csv(Program=rows))

    return build


case("csv-long-cell", "a 100 kB cell in a CSV export", "cell-too-long", file="program.csv", row=3,
     says="limit for a cell is 32,767")(long_name(102_400))
case("csv-huge-cell", "a 200 kB cell, more than Python's csv module takes", "cell-too-long", file="program.csv", row=3,
     says="limit for a cell is 32,767")(long_name(204_800))


@case("csv-excel-error", "a CSV export with #N/A where a VLOOKUP failed", "excel-error", file="aplikasi.csv", row=3,
      says="#N/A")
def _(path):
    rows = [HEADER + ["Domain Layanan"], ["A1", "SIMPUS", "P1;P2", "Dinas Kesehatan", "layanan publik"],
            ["A2", "Pelatihan Daring Nakes", "P3", "Diskominfo", "#N/A"]]
    csv_dir(path, base_csv(Aplikasi=rows))


@case("csv-control-char-header", "a header with a NUL character in it", "bad-header", file="aplikasi.csv", row=1,
      says="control character (U+0000)")
def _(path):
    rows = [HEADER + ["Domain\x00Layanan"]] + [r + ["layanan publik"] for r in copy.deepcopy(BASE["Aplikasi"])[1:]]
    csv_dir(path, base_csv(Aplikasi=rows))


@case("csv-empty-file", "a 0-byte strategi.csv", "empty-file", file="strategi.csv", says="empty")
def _(path):
    csv_with(path, "strategi.csv", b"")


@case("csv-symlink-passwd", "proses.csv is a symbolic link to /etc/passwd", "symlink", file="proses.csv",
      says="symbolic link")
def _(path):
    csv_dir(path, base_csv(Proses_Bisnis=None))
    os.symlink("/etc/passwd", path / "proses.csv")


@case("csv-folder-named-level", "proses.csv is a folder (an archive unpacked under the file's name)", "not-a-file",
      file="proses.csv", says="is a folder")
def _(path):
    csv_dir(path, base_csv(Proses_Bisnis=None))
    (path / "proses.csv").mkdir()
    (path / "proses.csv" / "proses.csv").write_text(csv_text(BASE["Proses Bisnis"]), encoding="utf-8")


@case("csv-nfd-parent", "a parent typed on a Mac, in NFD (e + combining accent), the same as its NFC id: one element",
      exit=0)
def _(path):
    import unicodedata

    strategy = copy.deepcopy(BASE["Strategi"])
    strategy[1][0] = "S-Pé"
    rows = copy.deepcopy(BASE["Program"])
    rows[1][2], rows[2][2] = unicodedata.normalize("NFD", "S-Pé"), "S-Pé"
    csv_dir(path, base_csv(Strategi=strategy, Program=rows))


@case("csv-zero-width-id", "a parent pasted from a web page with a zero-width space after it", "unknown-parent",
      file="program.csv", row=2, says="parent S1\\u200b of G1 does not exist")
def _(path):
    rows = copy.deepcopy(BASE["Program"])
    rows[1][2] = "S1\u200b"
    csv_dir(path, base_csv(Program=rows))


@case("csv-no-level-files", "a folder with notes and an export named after nothing", "no-levels", says="no level sheet or file")
def _(path):
    csv_dir(path, {"catatan.txt": "Data menyusul.\r\n", "export_2024.csv": csv_text(BASE["Program"])})


# ---------------------------------------------------------------- YAML and JSON


def yaml_text(sheets: dict[str, list[list[object]]]) -> str:
    keys = ["kode", "uraian", "induk", "opd"]
    data = {title.lower(): [dict((k, v) for k, v in zip(keys, row) if v is not None) for row in rows[1:]]
            for title, rows in sheets.items()}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@case("billion-laughs.yaml", "a YAML alias bomb (a billion 'lol's from 1 kB)", "syntax", row=2, says="aliases may stand only for a single value")
def _(path):
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text_file(path, "\n".join(lines) + "\nproses:\n  - {kode: P1, uraian: *lol9}\n")


@case("alias-merge.yaml", "a YAML merge of an aliased mapping (<<: *defaults)", "syntax", row=6,
      says="aliases may stand only for a single value")
def _(path):
    text_file(path, "defaults: &defaults\n  opd: Dinas Kesehatan\n  induk: G1\nproses:\n  - kode: P1\n    <<: *defaults\n    uraian: Pelayanan rawat jalan\n")


@case("scalar-alias.yaml", "YAML aliases for a repeated OPD name: allowed", exit=0)
def _(path):
    text_file(path, yaml_text(base(Proses_Bisnis=None, Aplikasi=None)).replace("opd: Dinas Kesehatan", "opd: &dinkes Dinas Kesehatan", 1)
              .replace("opd: Dinas Kesehatan", "opd: *dinkes"))


@case("deep.json", "JSON nested 100,000 deep", "too-deep", says="nested too deeply")
def _(path):
    text_file(path, '{"proses": ' + "[" * 100_000 + "]" * 100_000 + "}")


@case("deep.yaml", "YAML nested 100,000 deep", "too-deep", says="nested too deeply")
def _(path):
    text_file(path, "proses: " + "[" * 100_000 + "]" * 100_000 + "\n")


@case("duplicate-key.yaml", "a level written twice in YAML (the first would be lost)", "syntax", row=29,
      says='the key "program" appears twice')
def _(path):
    text = yaml_text(base(Proses_Bisnis=None, Aplikasi=None))
    text_file(path, text + "program:\n  - {kode: G3, uraian: Program penunjang, induk: S1}\n")


@case("duplicate-key.json", "a record with uraian twice in JSON", "syntax", says='the key "uraian" appears twice')
def _(path):
    text_file(path, '{"program": [{"kode": "G1", "uraian": "Program A", "uraian": "Program B"}]}\n')


@case("nan-code.json", "a JSON export with NaN for an empty code (pandas writes it; JSON has no NaN)", "syntax",
      says="NaN is not a JSON number")
def _(path):
    text_file(path, '{"program": [{"kode": NaN, "uraian": "Program pemenuhan upaya kesehatan"}]}\n')


@case("tab-indent.yaml", "YAML indented with a tab", "syntax", row=3, says="not valid YAML")
def _(path):
    text_file(path, "program:\n  - kode: G1\n\turaian: Program pemenuhan\n")


@case("nested-value.yaml", "a name that is a mapping, not text", "bad-value", sheet="program", row=2, says="is a mapping")
def _(path):
    text_file(path, "program:\n  - {kode: G1, uraian: Program pemenuhan}\n  - kode: G2\n    uraian: {id: Program, en: Program}\n")


@case("date-id.yaml", "an unquoted code that YAML reads as a date", "date-id", sheet="tujuan", row=1, says="quote it")
def _(path):
    text_file(path, "tujuan:\n  - {kode: 2023-03-01, uraian: Meningkatnya cakupan imunisasi}\n")


@case("not-a-mapping.json", "a JSON list instead of a mapping of levels", "bad-structure", says="expected a mapping")
def _(path):
    text_file(path, '[{"kode": "G1", "uraian": "Program pemenuhan"}]\n')


@case("huge-number.json", "a 5,000-digit number as a code", "syntax", says="missing its quotes")
def _(path):
    text_file(path, '{"program": [{"kode": ' + "7" * 5000 + ', "uraian": "Program"}]}\n')


@case("empty.yaml", "a 0-byte YAML file", "empty-file", says="empty")
def _(path):
    path.write_bytes(b"")


@case("passwd.json", "a symbolic link to /etc/passwd given as JSON", "syntax", row=1, says="not valid JSON")
def _(path):
    os.symlink("/etc/passwd", path)


# ---------------------------------------------------------------- build


def build(out: Path = CORPUS, cases: list[Case] = CASES) -> list[Case]:
    """Write the cases and their ``expected.yaml`` into ``out`` (emptied first)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for c in cases:
        c.build(out / c.path)
    index = {"cases": [c.entry() for c in cases]}
    header = "# Generated by tests/build_corpus.py — edit that, not this.\n"
    (out / "expected.yaml").write_text(header + yaml.safe_dump(index, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return CASES


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    built = build(target)
    print(f"wrote {len(built)} cases to {target}", file=sys.stderr)
