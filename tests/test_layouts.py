"""Planners' documents read unedited: the cascading matrix (merged cells, bands, a two-row header)
and the same plan as a flat CSV — with the answers DESIGN.md's definitions give, on both stores."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.sources.records import derived_id
from planners import (ARAH_2, CHAINS, SASARAN_1, SASARAN_2, SASARAN_3, STRATEGI_1, STRATEGI_3, TUJUAN, flat_csv,
                      matrix_workbook)

runner = CliRunner()
RPJMD = cascade.schema("rpjmd")


def gaps(found):
    return [(g.id, g.reached.name, g.break_at) for g in found]


@pytest.fixture(params=["matrix.xlsx", "flat.csv"])
def plan(request, tmp_path):
    build = matrix_workbook if request.param.endswith(".xlsx") else flat_csv
    return build(tmp_path / request.param)


def test_the_matrix_is_read_as_a_planner_reads_it(plan):
    c = cascade.read(plan, schema="rpjmd")
    by_level = {lv.name: sorted(e.id for e in c if e.level == lv) for lv in RPJMD}
    assert by_level["goal"] == [derived_id(RPJMD.level("tujuan"), TUJUAN)]
    assert len(by_level["objective"]) == 3 and len(by_level["strategy"]) == 3
    assert by_level["policy"] == [derived_id(RPJMD.level("arah kebijakan"), ARAH_2)]   # "-" is none
    assert by_level["program"] == ["1.02.02", "2.16.03"]
    assert by_level["sub_activity"] == ["1.02.02.2.01.0001", "1.02.02.2.01.0002", "2.16.03.2.02.0001",
                                        "4.01.01.2.01.0001"]
    assert by_level["process"] == ["PB-01", "PB-02", "PB-03", "PB-04"]
    assert by_level["application"] == ["APL-01", "APL-02", "APL-03", "APL-04", "APL-05"]
    assert c["1.02.02"].name == "PROGRAM PEMENUHAN UPAYA KESEHATAN"
    assert c["1.02.02.2.01"].name == "Penyediaan Fasilitas Pelayanan Kesehatan"
    sasaran_1 = derived_id(RPJMD.level("sasaran"), SASARAN_1)
    strategi_1 = derived_id(RPJMD.level("strategi"), STRATEGI_1)
    links = set(c.links)
    assert (sasaran_1, strategi_1) in links and (strategi_1, "1.02.02") in links   # a merged cell, every row
    assert ("PB-01", "APL-01") in links and ("PB-03", "APL-01") in links           # two rows, two parents
    assert ("PB-01", "APL-02") in links                                           # two per cell
    assert c["APL-04"].opd == "Setda" and c["APL-01"].attrs["Indikator Kinerja"] == "Angka kesakitan"
    # an element is placed at the first row naming it (a CSV row: its line, as for every CSV source)
    assert c["PB-02"].place.row == (10 if plan.suffix == ".xlsx" else 4)
    assert c["PB-02"].opd == "Dinas Kesehatan"


def test_the_matrix_answers_on_both_stores(plan, store):
    s = store(cascade.read(plan, schema="rpjmd"))
    assert gaps(s.orphans()) == [("PB-04", "process", ("PB-04",))]
    assert gaps(s.unbacked()) == [(derived_id(RPJMD.level("sasaran"), SASARAN_3), "strategy",
                                   (derived_id(RPJMD.level("strategi"), STRATEGI_3),))]
    assert gaps(s.orphans("aplikasi", "proses")) == [("APL-04", "application", ("APL-04",))]
    assert gaps(s.unbacked("proses", "aplikasi")) == [("PB-02", "process", ("PB-02",))]
    assert gaps(s.orphans("program", "sasaran")) == []


def test_matrix_band_rows_and_header(tmp_path):
    c = cascade.read(matrix_workbook(tmp_path / "m.xlsx"), schema="rpjmd")
    assert c["mission-2"].level.name == "mission" and c["mission-2"].place.row == 8
    assert ("mission-2", "PB-04") in set(c.links)     # the band is the parent of a row with nothing to its left
    assert ("mission-2", derived_id(RPJMD.level("tujuan"), TUJUAN)) in set(c.links)
    vision = [e for e in c if e.level.name == "vision"]
    assert len(vision) == 1 and (vision[0].id, "mission-2") in set(c.links)


def test_a_row_that_contradicts_an_earlier_one_is_an_error_naming_both(tmp_path):
    import openpyxl

    path = matrix_workbook(tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    book.active.cell(11, 7).value = "PROGRAM LAIN DENGAN KODE SAMA"   # row 11: program 2.16.03 → a second name
    book.active.cell(11, 6).value = "1.02.02"
    book.save(path)
    with pytest.raises(cascade.InvalidCascade) as refused:
        cascade.read(path, schema="rpjmd")
    (error,) = [f for f in refused.value.findings if f.code == "conflicting-rows"]
    assert (error.place.sheet, error.place.row) == ("Matriks Cascading", 11)
    assert "row 9 has it as program 'PROGRAM PEMENUHAN UPAYA KESEHATAN'" in error.message


def test_cli_reads_the_flat_csv_unedited(tmp_path):
    path = flat_csv(tmp_path / "cascading.csv")
    result = runner.invoke(app, ["orphans", str(path), "--schema", "rpjmd", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [(g["id"], g["reached"], g["break_at"]) for g in json.loads(result.stdout)] == [
        ("PB-04", "process", ["PB-04"])]


def test_a_sheet_that_is_no_matrix_is_ignored_with_a_notice(tmp_path):
    from workbooks import write_workbook

    path = write_workbook(tmp_path / "x.xlsx", {"Program": [["Kode", "Uraian"], ["G1", "Program"]],
                                                "Catatan": [["Tanggal", "Catatan"], ["2024-01-01", "rapat"]]})
    c = cascade.read(path)
    (notice,) = [f for f in c.findings if f.code == "ignored-sheet"]
    assert "no row of it names two levels" in notice.message
    assert len(CHAINS) == 6


def test_inspect_explains_the_reading(tmp_path):
    path = matrix_workbook(tmp_path / "m.xlsx")
    result = runner.invoke(app, ["inspect", str(path), "--schema", "rpjmd", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    (part,) = found["parts"]
    assert (part["sheet"], part["layout"], part["header_rows"], part["elements"]) == ("Matriks Cascading", "matrix", [4, 5], 27)
    assert "column F → program (code)" in part["columns"] and "column L → OPD of the row's last element" in part["columns"]
    assert found["elements"]["process"] == 4 and found["errors"] == []
    table = runner.invoke(app, ["inspect", str(path), "--schema", "rpjmd"])
    assert table.exit_code == 0 and "column B → goal (text)" in table.stdout
    broken = runner.invoke(app, ["inspect", str(tmp_path / "none.xlsx")])
    assert broken.exit_code == 2 and "no such file" in broken.output


# -- T-C.27 with its peta proses bisnis and application inventory (layouts 3 and 7) ----------

from planners import POHON, code_list_workbook, spbe_workbook, tc27_workbook  # noqa: E402

PK = cascade.schema("pohon-kinerja")


def sasaran(text):
    return derived_id(RPJMD.level("sasaran"), text)


def test_tc27_codes_split_over_five_columns(tmp_path):
    c = cascade.read(tc27_workbook(tmp_path / "renstra.xlsx"), schema="rpjmd")
    coded = {e.id: e.level.name for e in c if e.level.name in ("program", "activity", "sub_activity")}
    assert coded == {"1.02.02": "program", "1.02.02.2.01": "activity", "1.02.02.2.01.0001": "sub_activity",
                     "1.02.02.2.01.0002": "sub_activity", "2.16.03": "program", "2.16.03.2.02": "activity",
                     "2.16.03.2.02.0001": "sub_activity"}
    links = set(c.links)
    assert (sasaran(SASARAN_1), "1.02.02") in links and (sasaran(SASARAN_2), "2.16.03") in links
    assert ("1.02.02", "1.02.02.2.01") in links and ("2.16.03.2.02", "2.16.03.2.02.0001") in links
    program = c["1.02.02"]
    assert program.name == "PROGRAM PEMENUHAN UPAYA KESEHATAN" and program.opd == "Dinas Kesehatan"
    assert program.attrs["Urusan"] == "1 URUSAN PEMERINTAHAN WAJIB PELAYANAN DASAR"
    assert program.attrs["Bidang Urusan"] == "1.02 URUSAN PEMERINTAHAN BIDANG KESEHATAN"
    indicator = next(k for k in program.attrs if k.startswith("Indikator"))
    assert program.attrs[indicator] == "Angka kesakitan; Angka kematian ibu"     # the continuation row
    assert c[sasaran(SASARAN_1)].attrs[indicator] == "Usia harapan hidup"
    assert c["PB.01.01"].attrs["Proses Bisnis Level 0"] == "Pelayanan Kesehatan"  # a group, not a level


def test_tc27_with_process_map_and_inventory_on_both_stores(tmp_path, store):
    c = cascade.read(tc27_workbook(tmp_path / "renstra.xlsx"), schema="rpjmd")
    (warning,) = [f for f in c.findings if f.code == "unknown-name"]
    assert (warning.place.sheet, warning.place.row) == ("Inventaris Aplikasi", 4)
    assert "'Pengelolaan aset daerah' matches no process" in warning.message
    s = store(c)
    assert gaps(s.orphans()) == [("PB.01.03", "process", ("PB.01.03",))]
    assert gaps(s.unbacked()) == [(sasaran(SASARAN_3), "objective", (sasaran(SASARAN_3),))]
    assert gaps(s.orphans("aplikasi", "proses")) == [("APL-03", "application", ("APL-03",))]
    assert gaps(s.unbacked("proses", "aplikasi")) == [("PB.01.02", "process", ("PB.01.02",))]


def test_a_referenced_code_that_is_nowhere_is_an_error(tmp_path):
    import openpyxl

    path = tc27_workbook(tmp_path / "renstra.xlsx")
    book = openpyxl.load_workbook(path)
    book["Peta Proses Bisnis"].cell(3, 5).value = "1.02.02.2.01.0009"
    book.save(path)
    with pytest.raises(cascade.InvalidCascade) as refused:
        cascade.read(path, schema="rpjmd")
    (error,) = refused.value.errors
    assert error.code == "unknown-parent" and (error.place.sheet, error.place.row) == ("Peta Proses Bisnis", 3)


# -- a list of budget codes (layout 4) ---------------------------------------------------------


def test_a_code_list_takes_levels_and_parents_from_the_codes(tmp_path, store):
    c = cascade.read(code_list_workbook(tmp_path / "nomenklatur.xlsx"), schema="rpjmd")
    assert {e.id: e.level.name for e in c} == {
        "1.02.02": "program", "1.02.02.2.01": "activity", "1.02.02.2.01.0001": "sub_activity",
        "1.02.02.2.01.02": "sub_activity", "1.02.03": "program"}
    assert set(c.links) == {("1.02.02", "1.02.02.2.01"), ("1.02.02.2.01", "1.02.02.2.01.0001"),
                            ("1.02.02.2.01", "1.02.02.2.01.02")}
    s = store(c)
    assert gaps(s.orphans("program", "sasaran")) == [("1.02.02", "program", ("1.02.02",)),
                                                     ("1.02.03", "program", ("1.02.03",))]
    assert gaps(s.unbacked("program", "sub kegiatan")) == [("1.02.03", "program", ("1.02.03",))]
    refused = runner.invoke(app, ["check", str(tmp_path / "nomenklatur.xlsx")])
    assert refused.exit_code == 2 and "has no kegiatan level" in refused.output


# -- the SPBE app's export with its pohon kinerja (layout 6) -------------------------------------


def test_spbe_export_with_pohon_kinerja_on_both_stores(tmp_path, store):
    c = cascade.read(spbe_workbook(tmp_path / "spbe.xlsx"), schema="pohon-kinerja")
    assert {e.id: e.level.name for e in c if e.level.index < 3} == {str(r[0]): r[3].lower() for r in POHON}
    links = set(c.links)
    assert ("3", "pb-1") in links and ("4", "pb-2") in links            # under the deepest node named
    sicantik, siak, sipkd = (derived_id(PK.application, name) for name in ("SiCantik", "SIAK", "SIPKD"))
    assert ("pb-1", sicantik) in links                                  # serves the processes of its node
    (warning,) = [f for f in c.findings if f.code == "unknown-name"]
    assert (warning.place.sheet, warning.place.row) == ("Proses Bisnis", 5)
    s = store(c)
    assert gaps(s.orphans()) == [("pb-3", "process", ("pb-3",))]
    assert gaps(s.unbacked()) == [("6", "strategic", ("6",))]
    assert gaps(s.orphans("aplikasi", "proses")) == sorted(
        [(siak, "application", (siak,)), (sipkd, "application", (sipkd,))])
    assert gaps(s.unbacked("proses", "aplikasi")) == [("pb-2", "process", ("pb-2",)), ("pb-3", "process", ("pb-3",))]


# -- a SIPD export (layout 5) ---------------------------------------------------------------------

from planners import sipd_export  # noqa: E402


def test_sipd_export_keys_parents_and_indicator_rows(tmp_path, store):
    c = cascade.read(sipd_export(tmp_path / "sipd"), schema="rpjmd")
    assert {e.id: e.level.name for e in c if e.level.index < 7} == {
        "vision-7": "vision", "mission-7": "mission", "k3x9q": "goal", "p0a2m": "objective", "z7f1c": "objective",
        "r5t6y": "program", "w2e3r": "program"}           # id_unik, not id; the deleted row left out
    assert set(c.links) >= {("vision-7", "mission-7"), ("mission-7", "k3x9q"), ("k3x9q", "p0a2m"),
                            ("p0a2m", "r5t6y"), ("r5t6y", "PB-01")}
    assert c["p0a2m"].attrs["Indikator"] == "Angka kesakitan; Angka kematian ibu"
    assert c["r5t6y"].opd == "Dinas Kesehatan" and c["r5t6y"].place.row == 2
    s = store(c)
    assert gaps(s.orphans()) == [("PB-02", "program", ("w2e3r",))]
    assert gaps(s.unbacked()) == [("z7f1c", "objective", ("z7f1c",))]
    assert gaps(s.orphans("program", "sasaran")) == [("w2e3r", "program", ("w2e3r",))]
    assert gaps(s.orphans("aplikasi", "proses")) == [] and len(s.unbacked("proses", "aplikasi")) == 2
    shown = runner.invoke(app, ["inspect", str(tmp_path / "sipd"), "--schema", "rpjmd", "--format", "json"])
    layouts = {p["file"].rsplit("/", 1)[-1]: p["layout"] for p in json.loads(shown.stdout)["parts"]}
    assert layouts["data_rpjmd_sasaran_lokal.csv"] == "SIPD table: objective"


# -- mapping files: the reading written out, corrected, read back ------------------------------------


def content(c):
    return {e.id: (e.name, e.level.name, e.opd, e.attrs) for e in c}, set(c.links)


@pytest.mark.parametrize("build, name, schema", [
    (matrix_workbook, "m.xlsx", "rpjmd"), (flat_csv, "flat.csv", "rpjmd"), (tc27_workbook, "tc27.xlsx", "rpjmd"),
    (code_list_workbook, "codes.xlsx", "rpjmd"), (spbe_workbook, "spbe.xlsx", "pohon-kinerja"),
    (sipd_export, "sipd", "rpjmd")])
def test_a_written_mapping_reads_back_the_same_cascade(tmp_path, build, name, schema):
    source = build(tmp_path / name)
    mapping = tmp_path / "reading.yaml"
    written = runner.invoke(app, ["inspect", str(source), "--schema", schema, "--write-mapping", str(mapping)])
    assert written.exit_code == 0, written.output
    again = cascade.read(source, mapping=mapping)       # the mapping names its schema
    assert again.schema.name == schema
    assert content(again) == content(cascade.read(source, schema=schema))


def test_a_corrected_mapping_reads_what_detection_missed(tmp_path):
    import openpyxl

    path = matrix_workbook(tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    book.active.cell(4, 5).value = "Kebijakan Umum"        # a heading cascade does not know
    book.save(path)
    assert not [e for e in cascade.read(path, schema="rpjmd") if e.level.name == "policy"]
    mapping = tmp_path / "reading.yaml"
    runner.invoke(app, ["inspect", str(path), "--schema", "rpjmd", "--write-mapping", str(mapping)])
    text = mapping.read_text(encoding="utf-8")
    assert "E: attribute Kebijakan Umum" in text
    mapping.write_text(text.replace("E: attribute Kebijakan Umum", "E: policy"), encoding="utf-8")
    fixed = cascade.read(path, mapping=mapping)
    assert [e.id for e in fixed if e.level.name == "policy"] == [derived_id(RPJMD.level("policy"), ARAH_2)]
    result = runner.invoke(app, ["orphans", str(path), "--mapping", str(mapping), "--format", "json"])
    assert result.exit_code == 0 and [g["id"] for g in json.loads(result.stdout)] == ["PB-04"]


@pytest.mark.parametrize("body, says", [
    ("parts:\n  - sheet: Matriks Cascading\n    layout: pivot\n    header_rows: [4]\n", r"line 3: layout 'pivot'"),
    ("parts:\n  - sheet: Matriks Cascading\n    layout: matrix\n    header_rows: four\n", r"line 4: header_rows"),
    ("parts:\n  - sheet: Matriks Cascading\n    layout: matrix\n    header_rows: [4]\n    columns: {B: tujuann}\n",
     r"column B: 'tujuann' is neither a level"),
])
def test_mapping_errors_name_the_line(tmp_path, body, says):
    path = matrix_workbook(tmp_path / "m.xlsx")
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(body, encoding="utf-8")
    result = runner.invoke(app, ["orphans", str(path), "--schema", "rpjmd", "--mapping", str(mapping)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    with pytest.raises(ValueError, match=says):
        cascade.read(path, schema="rpjmd", mapping=mapping)


def test_numbers_read_as_excel_shows_them_in_a_level_sheet(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Program"
    sheet.append(["Kode", "Uraian"])
    sheet.append([3, "Program tiga"])
    sheet.append([2.1, "Program dua koma sepuluh"])
    sheet.append([7, "Program tujuh"])
    sheet["A2"].number_format, sheet["A3"].number_format, sheet["A4"].number_format = "00", "0.00", "000"
    book.save(tmp_path / "p.xlsx")
    assert sorted(cascade.read(tmp_path / "p.xlsx").elements) == ["007", "03", "2.10"]


def test_spbe_export_as_csv_files(tmp_path):
    from planners import spbe_csv

    from_csv = cascade.read(spbe_csv(tmp_path / "spbe"), schema="pohon-kinerja")
    from_book = cascade.read(tmp_path / "spbe.xlsx", schema="pohon-kinerja")
    assert set(from_csv.links) == set(from_book.links) and set(from_csv.elements) == set(from_book.elements)
    assert gaps(cascade.store_of(from_csv).orphans()) == [("pb-3", "process", ("pb-3",))]


def test_broken_cells_in_a_matrix_are_errors_at_their_cell(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Matriks"
    sheet.append(["Tujuan", "Sasaran", "Program", "Proses Bisnis"])
    sheet.append(["#REF!", "Sasaran satu", "1.02.02 PROGRAM", "PB-1 Proses"])   # an error value, as Excel saves it
    sheet.append(["Tujuan dua", "x" * 40000, "1.02.03 PROGRAM", "PB-2 Proses"])
    book.save(tmp_path / "m.xlsx")
    with pytest.raises(cascade.InvalidCascade) as refused:
        cascade.read(tmp_path / "m.xlsx", schema="rpjmd")
    assert [(f.code, f.place.row, f.message.split(" shows")[0].split(" holds")[0]) for f in refused.value.errors] == [
        ("excel-error", 2, "column A (goal)"), ("cell-too-long", 3, "column B (objective)")]


def test_a_mapping_header_below_the_sheet_is_an_error(tmp_path):
    path = matrix_workbook(tmp_path / "m.xlsx")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("parts:\n  - sheet: Matriks Cascading\n    layout: matrix\n    header_rows: [999]\n"
                       "    columns: {B: goal}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--schema", "rpjmd", "--mapping", str(mapping)])
    assert result.exit_code == 2 and "puts the header at row 999, but the last row is 14" in result.output
