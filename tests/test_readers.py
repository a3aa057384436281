"""Readers: every source kind, aliases, delimiters, encodings, attributes."""

from __future__ import annotations

import json

import pytest

import cascade
from workbooks import write_csv_dir


def test_csv_dir_semicolon_bom_aliases(tmp_path):
    src = write_csv_dir(
        tmp_path / "kota",
        {
            "strategi.csv": "\ufeffKode;Nama;Perangkat Daerah\nS1;Strategi satu;Bappeda\n",
            "Program.csv": 'kode;uraian;induk;Anggaran\nG1;"Program; dengan titik koma";S1;100\n',
            "proses bisnis.csv": "Kode;Uraian;Induk\nP1;Proses;G1\nP2;Proses dua;\n;;\n",
            "relasi.csv": "dari;ke\nG1;P2\n",
            "readme.csv": "x\n1\n",
        },
    )
    c = cascade.read(src)
    assert c.name == "kota"
    assert c["G1"].name == "Program; dengan titik koma"
    assert c["G1"].attrs == {"Anggaran": "100"}
    assert c["S1"].opd == "Bappeda"
    assert sorted(c.links) == [("G1", "P1"), ("G1", "P2"), ("S1", "G1")]
    assert [f.code for f in c.findings] == ["ignored-file"]


def test_csv_comma_with_quoted_newline_keeps_row_numbers(tmp_path):
    src = write_csv_dir(
        tmp_path / "c",
        {"program.csv": 'id,name\nG1,"two\nlines"\nG1,dup\n', "process.csv": "id,name,parent\nP1,p,G9\n"},
    )
    with pytest.raises(cascade.InvalidCascade) as info:
        cascade.read(src)
    places = {f.code: (f.place.file.split("/")[-1], f.place.row) for f in info.value.errors}
    assert places == {"duplicate-id": ("program.csv", 4), "unknown-parent": ("process.csv", 2)}


def test_csv_not_utf8_says_how_to_fix(tmp_path):
    src = write_csv_dir(tmp_path / "c", {"process.csv": "id,name\nP1,Pelayanan caf\u00e9\n"}, encoding="cp1252")
    with pytest.raises(cascade.InvalidCascade) as info:
        cascade.read(src)
    (error,) = info.value.errors
    assert error.code == "encoding" and "CSV UTF-8" in error.message and error.place.row == 2


def test_yaml_with_parent_lists_and_links(tmp_path):
    src = tmp_path / "plan.yaml"
    src.write_text(
        "visi:\n  - {kode: V1, nama: Visi}\n"
        "misi:\n  - {id: M1, name: Misi, parent: V1}\n"
        "goal:\n  - {id: 7, name: Tujuan, parent: [M1], opd: Bappeda, catatan: penting}\n"
        "links:\n  - {from: V1, to: 7}\n",
        encoding="utf-8",
    )
    c = cascade.read(src)
    assert c["7"].attrs == {"catatan": "penting"} and c["7"].opd == "Bappeda"
    assert sorted(c.links) == [("M1", "7"), ("V1", "7"), ("V1", "M1")]


def test_json_source(tmp_path):
    src = tmp_path / "plan.json"
    src.write_text(json.dumps({"strategy": [{"id": "S1", "name": "s"}], "program": [{"id": "G1", "name": "g", "parents": "S1"}]}))
    c = cascade.read(src)
    assert c.links == [("S1", "G1")]


@pytest.mark.parametrize(
    "files, code, row",
    [
        ({"process.csv": "id,name\nP1,a\nP1,b\n"}, "duplicate-id", 3),
        ({"process.csv": "id,name\nP1,a\n", "program.csv": "id,name\nP1,b\n"}, "duplicate-id", 2),
        ({"process.csv": "id,name\n,a\n"}, "missing-id", 2),
        ({"process.csv": "id,name\nP1,\n"}, "missing-name", 2),
        ({"process.csv": "id,name,parent\nP1,a,G1\n"}, "unknown-parent", 2),
        ({"process.csv": "id,name\nP1,a\n", "program.csv": "id,name,parent\nG1,g,P1\n"}, "upward-link", 2),
        ({"process.csv": "id,name,parent\nP1,a,P1\n"}, "upward-link", 2),
        ({"process.csv": "kode,keterangan\nP1,a\n"}, "missing-column", 1),
        ({"process.csv": "id,name\nP1,a\n", "links.csv": "parent,child\nP1,X9\n"}, "unknown-child", 2),
        ({"notes.csv": "a\n1\n"}, "no-levels", None),
    ],
)
def test_errors_name_their_place(tmp_path, files, code, row):
    with pytest.raises(cascade.InvalidCascade) as info:
        cascade.read(write_csv_dir(tmp_path / "src", files))
    assert [f.code for f in info.value.errors] == [code]
    assert info.value.errors[0].place.row == row


def test_unreadable_workbook(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_text("id,name\nP1,a\n")
    with pytest.raises(cascade.InvalidCascade) as info:
        cascade.read(bad)
    assert info.value.errors[0].code == "unreadable" and "rusak.xlsx" in str(info.value)


def test_unknown_format_and_missing_file(tmp_path):
    for path, code in [(tmp_path / "x.docx", "not-found"), (tmp_path / "nope.xlsx", "not-found")]:
        with pytest.raises(cascade.InvalidCascade) as info:
            cascade.read(path)
        assert info.value.errors[0].code == code
    (tmp_path / "x.docx").write_text("?")
    with pytest.raises(cascade.InvalidCascade) as info:
        cascade.read(tmp_path / "x.docx")
    assert info.value.errors[0].code == "unknown-format"


def test_a_pipe_named_after_a_level_is_refused_not_skipped(tmp_path):
    """A FIFO named proses.csv (git cannot hold one, so it is made here): the level would vanish silently."""
    import os

    write_csv_dir(tmp_path, {"strategi.csv": "Kode,Uraian\nS1,Strategi\n",
                             "program.csv": "Kode,Uraian,Induk\nG1,Program,S1\n"})
    os.mkfifo(tmp_path / "proses.csv")
    with pytest.raises(cascade.InvalidCascade) as caught:
        cascade.read(tmp_path)
    (error,) = caught.value.errors
    assert error.code == "not-a-file" and error.place.file.endswith("proses.csv") and "a pipe" in error.message


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16"])
def test_csv_in_utf32_or_utf16_with_a_bom_reads(tmp_path, encoding):
    """UTF-32's BOM (FF FE 00 00) begins like UTF-16's: it was read as UTF-16, "no id or name column"."""
    bom = {"utf-32-be": "\ufeff"}.get(encoding, "")
    write_csv_dir(tmp_path, {"program.csv": "Kode,Uraian,Induk\nG1,Program pendidikan,S1\n"})
    (tmp_path / "strategi.csv").write_bytes((bom + "Kode,Uraian\nS1,Akses pendidikan ≥ 95%\n").encode(encoding))
    read = cascade.read(tmp_path)
    assert read["S1"].name == "Akses pendidikan ≥ 95%" and ("S1", "G1") in read.links
