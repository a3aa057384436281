"""Fuzzing the readers: whatever the bytes, reading gives a Cascade or InvalidCascade.

Random bytes under every suffix, CSV text with stray quotes, separators and
control characters, YAML and JSON that are structured or mangled, workbooks
of random cells and merges, and records straight into the API: nothing but a
clean input error may come out, and each error names its file.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import cascade
from cascade.levels import LEVELS

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: Words the readers give meaning to, so that random input reaches past the first check.
WORDS = ["Kode", "id", "Uraian", "name", "Induk", "parent", "opd", "Perangkat Daerah", "dari", "ke", "child", "level",
         "dataset", "S1", "G1", "P1", "A1", "P1;G1", "#REF!", "#N/A", "=A1", "sep=;", "1.1", "2024-01-31", " ", ""]
SHEETS = [lv.name for lv in LEVELS] + [a for lv in LEVELS for a in lv.aliases] + ["Relasi", "links", "Catatan"]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
CELL_TEXT = st.one_of(st.sampled_from(WORDS), TEXT, st.text(alphabet='",;\t\n\r\x00 \u202e\u200b\ufeff\'`{}\\', max_size=6))
MAGIC = st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe", b"%PDF"])


def must_be_clean(path: Path) -> None:
    """The property every test here checks."""
    try:
        cascade.read(path)
    except cascade.InvalidCascade as exc:
        assert exc.errors, "InvalidCascade without an error"
        for error in exc.errors:
            assert error.place is not None and error.place.file.startswith(str(path)), error
        event(f"error: {exc.errors[0].code}")  # --hypothesis-show-statistics shows how deep the inputs reach
    else:
        event("read")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(FUZZ, max_examples=300)
@given(suffix=st.sampled_from([".xlsx", ".xlsm", ".yaml", ".json", "/proses.csv", "/links.csv"]), head=MAGIC, body=st.binary(max_size=2048))
def test_random_bytes(workdir, suffix, head, body):
    path = workdir / f"bytes{suffix}"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(head + body)
    must_be_clean(path.parent if suffix.startswith("/") else path)


IDS = ["V1", "M1", "T1", "S1", "S2", "G1", "G2", "P1", "P2", "A1", " G1 ", "P1;G1", "S1, S2", "1.1", "X9"]
EXTRA_COLUMNS = ["Induk", "Perangkat Daerah", "Catatan", "catatan", "Anggaran", "Level", "", "x\x00y", "Kode"]


def cells(extra: st.SearchStrategy = st.nothing()) -> st.SearchStrategy:
    """Cells mostly naming ids, so that links, duplicates and levels get exercised."""
    return st.one_of(st.sampled_from(IDS), st.sampled_from(IDS), st.none(), CELL_TEXT, extra)


@st.composite
def tables(draw, cell: st.SearchStrategy = cells()) -> dict[str, list[list[object]]]:
    """Sheets shaped like a planner's cascade: the right columns, mostly, and rows of ids and text."""
    out = {}
    for sheet in draw(st.lists(st.sampled_from(SHEETS), min_size=1, max_size=4, unique=True)):
        linky = sheet.lower() in ("relasi", "links")
        header = (["Induk", "Anak"] if linky else ["Kode", "Uraian"]) + draw(st.lists(st.sampled_from(EXTRA_COLUMNS), max_size=3))
        proper = st.permutations(header)
        header = draw(st.one_of(proper, proper, proper, st.lists(CELL_TEXT, max_size=4)))  # now and then, no proper header
        width = len(header)
        out[sheet] = [list(header)] + draw(st.lists(st.lists(cell, min_size=width, max_size=width + 1), max_size=6))
    return out


def as_records(sheets: dict[str, list[list[object]]]) -> dict:
    return {sheet: [dict(zip(rows[0], row)) for row in rows[1:]] for sheet, rows in sheets.items()} if sheets else {}


def _csv(rows: list[list[object]], delimiter: str, quoted: bool) -> str:
    text = [["" if c is None else str(c) for c in row] for row in rows]
    if quoted:
        return "\r\n".join(delimiter.join('"' + c.replace('"', '""') + '"' for c in row) for row in text)
    return "\n".join(delimiter.join(row) for row in text)  # separators and quotes inside cells break it: on purpose


@settings(FUZZ, max_examples=250)
@given(sheets=tables(), delimiter=st.sampled_from([",", ";", "\t"]), quoted=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_csv_folders(workdir, sheets, delimiter, quoted, encoding):
    folder = workdir / "csv"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for sheet, rows in sheets.items():
        (folder / f"{sheet}.csv").write_bytes(_csv(rows, delimiter, quoted).encode(encoding, errors="replace"))
    must_be_clean(folder)


MANGLE = st.lists(
    st.tuples(st.integers(0, 10_000), st.sampled_from(list("&*<>:[]{}-,!|'\"\t\n%@`#") + ["<<: *a", "&a ", "*a", "\x00", "\ufeff"])),
    max_size=2,
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.sampled_from(IDS), st.dates())
ODD_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6)


@settings(FUZZ, max_examples=200)
@given(sheets=tables(cells(st.one_of(SCALARS, SCALARS, SCALARS, ODD_VALUES))), mangle=MANGLE)
def test_yaml_and_json(workdir, sheets, mangle):
    data = as_records(sheets)
    for suffix, text in (("yaml", yaml.safe_dump(data, allow_unicode=True)), ("json", json.dumps(data, default=str))):
        for at, piece in mangle:
            at %= len(text) + 1
            text = text[:at] + piece + text[at:]
        path = workdir / f"data.{suffix}"
        path.write_text(text, encoding="utf-8")
        must_be_clean(path)


@settings(FUZZ, max_examples=200)
@given(text=st.text(alphabet="ab:- \n[]{}&*!|>'\"#%@`,?<=\t", max_size=80))
def test_yaml_like_noise(workdir, text):
    path = workdir / "noise.yaml"
    path.write_text(text, encoding="utf-8")
    must_be_clean(path)


@settings(FUZZ, max_examples=200)
@given(data=st.one_of(tables(cells(st.one_of(SCALARS, SCALARS, ODD_VALUES))).map(as_records), st.dictionaries(st.sampled_from(SHEETS), ODD_VALUES, max_size=3)))
def test_records_into_the_api(data):
    try:
        cascade.from_records(data)
    except cascade.InvalidCascade as exc:
        assert exc.errors
        event(f"error: {exc.errors[0].code}")
    else:
        event("read")


XLSX_CELL = st.one_of(
    st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet=string.ascii_letters + string.digits + " ;,.-_'\"`{}/\u202e\u00e9", max_size=10),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)), st.sampled_from(["#REF!", "#N/A"]),
)


@settings(FUZZ, max_examples=60)
@given(
    sheets=tables(st.one_of(st.sampled_from(IDS), st.none(), XLSX_CELL)),
    formula=st.sampled_from([None, None, None, "=1+1", '="G"&"1"']),
    merges=st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2), st.integers(0, 2)), max_size=2),
)
def test_workbooks(workdir, sheets, formula, merges):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])  # XML cannot hold them
        if formula:
            sheet.cell(2, 1).value = formula
        for row, col, down, right in merges:
            if down or right:
                try:
                    sheet.merge_cells(start_row=row, start_column=col, end_row=row + down, end_column=col + right)
                except ValueError:
                    pass  # overlaps an earlier merge
    path = workdir / "cells.xlsx"
    book.save(path)
    must_be_clean(path)
