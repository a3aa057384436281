"""The columnar engines read what the row-by-row ones read.

CSV: whatever pyarrow is given, it either gives exactly what the csv module
reads from the same text, or declines (None) and the csv module reads the
table. xlsx: a sheet python-calamine reads gives the cascade, places and
findings openpyxl's reading gives. Whole sources are read both ways.
"""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings, strategies as st

import cascade
from cascade.sources import csvdir, xlsx

CELL = st.one_of(st.text(alphabet='ab ,;"\tx\u00e9#', max_size=6),            # one line
                 st.text(alphabet='ab ,;"\r\n\tx\u00e9#', max_size=6))       # line breaks too


def csv_module_columns(text: str, lines_before: int, delimiter: str, width: int):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = list(reader)[lines_before:]
    if any(len(r) != width for r in rows):
        return None
    return [list(c) for c in zip(*rows)] if rows else None


@settings(max_examples=400, deadline=None)
@given(rows=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=6),
       delimiter=st.sampled_from([",", ";"]), crlf=st.booleans(), raw=st.booleans())
def test_pyarrow_gives_the_csv_modules_cells_or_declines(rows, delimiter, crlf, raw):
    if raw:   # cells written as they are: broken quoting, blank lines, stray line breaks
        text = "\n".join(delimiter.join(r) for r in rows)
    else:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n").writerows(rows)
        text = buffer.getvalue()
    text = "h1,h2,h3\n".replace(",", delimiter) + text
    fast = csvdir._arrow_columns(text, 1, delimiter, 3)
    if fast is None:
        return
    try:
        expected = csv_module_columns(text, 1, delimiter, 3)
    except csv.Error:
        expected = "refused"
    assert fast == expected


def test_a_folder_reads_the_same_through_both_engines(tmp_path, monkeypatch):
    folder = tmp_path / "kota"
    folder.mkdir()
    (folder / "strategy.csv").write_text('id,name,opd\r\nS1,"Strategi, satu",Bappeda\r\nS2, Dua ,"Dinas ""A"""\r\n')
    (folder / "program.csv").write_text("id;name;parent\nG1;Program;S1; S2\nG2;Lepas;\n")
    (folder / "process.csv").write_text('id,name,parent,opd\nP1,Proses,G1,"Dinas Perindustrian, Perdagangan"\nP2,b,G2,\n')
    fast = cascade.read(folder)
    monkeypatch.setattr(csvdir, "_arrow_columns", lambda *args: None)
    slow = cascade.read(folder)
    assert list(fast) == list(slow) and fast.links == slow.links
    assert fast["S2"].opd == 'Dinas "A"' and fast["P1"].place == slow["P1"].place


def read_both_ways(path, monkeypatch, module, name):
    fast = cascade.api.check(path)
    with monkeypatch.context() as patch:
        patch.setattr(module, name, lambda *args: None)
        slow = cascade.api.check(path)
    return list(fast), list(slow)


def test_a_workbook_of_text_reads_the_same_through_calamine_and_openpyxl(tmp_path, monkeypatch):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Strategi"
    for row in ([], [], ["Kode", "Uraian", "OPD"], ["S1", " Strategi satu ", "Bappeda"],
                [], ["S2", "Strategi dua", None], ["S3", "", "Bappeda"]):
        book["Strategi"].append(row)
    program = book.create_sheet("Program")
    for row in (["id", "name", "parent"], ["G1", "Program", "S1; S2"], ["G2", "Lepas", "S9"], ["G3", "c", "S1", "catatan"]):
        program.append(row)
    path = tmp_path / "renstra.xlsx"
    book.save(path)
    fast, slow = read_both_ways(path, monkeypatch, xlsx._Books, "text_table")
    assert fast == slow
    assert {(f.code, f.place.sheet, f.place.row) for f in fast} >= {("missing-name", "Strategi", 7),
                                                                   ("unknown-parent", "Program", 3)}
    book["Strategi"]["B7"], program["C3"] = "Strategi tiga", "S3"   # now valid: a cascade both ways
    book.save(path)
    one, other = cascade.read(path), None
    with monkeypatch.context() as patch:
        patch.setattr(xlsx._Books, "text_table", lambda *args: None)
        other = cascade.read(path)
    assert list(one) == list(other) and one.links == other.links and one["S1"].place.row == 4
    table = xlsx._Books(path, {}).text_table("Strategi", None, None)
    assert table.chunks[0][0] == [4, 6, 7]          # the fast path's rows keep their numbers past a blank row
