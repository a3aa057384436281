"""Levels as data: presets, a user's own schema file, and an RPJMD plan read and analysed on both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.levels import PRESETS, SchemaError, load_schema, preset
from conftest import unique_dataset
from workbooks import write_workbook

runner = CliRunner()
USER_SCHEMA = Path(__file__).parent / "levels" / "renstra-opd.yaml"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


# -- presets ------------------------------------------------------------------------


def test_presets_in_order_with_their_roles():
    assert preset("rpjmd").names() == [
        "vision", "mission", "goal", "objective", "strategy", "policy", "program", "activity", "sub_activity",
        "process", "application"]
    assert preset("pohon-kinerja").names() == ["strategic", "tactical", "operational", "process", "application"]
    assert dict(preset("default").roles) == {"top": "vision", "strategy": "strategy", "process": "process",
                                             "application": "application"}
    assert dict(preset("rpjmd").roles)["strategy"] == "objective"


@pytest.mark.parametrize("name", list(PRESETS))
def test_shared_levels_answer_to_both_languages_in_every_preset(name):
    s = preset(name)
    assert s.level("aplikasi") == s.level("application") == s.application
    assert s.level("proses") == s.level("Proses Bisnis") == s.process


def test_rpjmd_aliases_and_optional_levels():
    s = preset("rpjmd")
    assert s.level("Sub Kegiatan") == s.level("subkegiatan") == s.level("sub_kegiatan") == s.level("sub-activity")
    assert s.level("target") == s.level("SASARAN")
    assert [lv.name for lv in s if lv.optional] == ["strategy", "policy"]


def test_an_unknown_level_names_the_schema_and_the_closest_level():
    with pytest.raises(ValueError, match=r"unknown level 'kegiatn' in schema 'rpjmd' \(did you mean 'activity'\?\)"):
        preset("rpjmd").level("kegiatn")


# -- a user's schema file -----------------------------------------------------------


def test_a_user_schema_file_in_yaml_and_toml(tmp_path):
    yaml_schema = load_schema(USER_SCHEMA)
    assert yaml_schema.name == "renstra-opd" and yaml_schema.top.name == "goal"
    assert yaml_schema.strategy.name == "objective" and yaml_schema.level("sub kegiatan").label == "SubActivity"
    toml = tmp_path / "tree.toml"
    toml.write_text(
        'name = "tree"\n'
        '[[levels]]\nname = "pohon"\naliases = ["strategic"]\n'
        '[[levels]]\nname = "cabang"\n'
        '[[levels]]\nname = "process"\naliases = ["proses"]\n'
        '[[levels]]\nname = "application"\naliases = ["aplikasi"]\n'
        '[roles]\nstrategy = "pohon"\n', encoding="utf-8")
    tree = cascade.schema(toml)
    assert tree.names() == ["pohon", "cabang", "process", "application"]
    assert (tree.top.name, tree.strategy.name, tree.process.name, tree.application.name) == (
        "pohon", "pohon", "process", "application")


@pytest.mark.parametrize("body, says", [
    ("levels:\n  - name: goal\n    aliases: [tujuan]\n  - name: objective\n    aliases: [Tujuan]\nroles:\n  strategy: goal\n",
     r"line 5: levels\.1\.aliases: 'Tujuan' also names level 'goal'"),
    ("levels:\n  - name: goal\n  - name: process\n  - name: application\nroles:\n  strategy: goal\n  boss: goal\n",
     r"line 7: roles\.boss: unknown role"),
    ("levels:\n  - name: goal\n    label: Goal-Level\n  - name: application\nroles:\n  strategy: goal\n",
     r"line 3: levels\.0\.label: 'Goal-Level' is not a valid Cypher label"),
    ("levels:\n  - name: goal\n  - name: application\nroles:\n  strategy: sasaran\n",
     r"line 5: roles\.strategy: 'sasaran' is not a level of this schema"),
    ("levels:\n  - name: goal\n  - name: process\n  - name: application\n",
     r"name the level that plays the 'strategy' role"),
    ("levels:\n  - &g {name: goal}\n  - *g\n", r"line 3: aliases \(\*name\) are not allowed here"),
    ("levels: [goal\n", r"not valid YAML"),
])
def test_schema_errors_name_the_file_and_line(tmp_path, body, says):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SchemaError, match=str(path).replace(".", r"\.") + ".*" + says):
        load_schema(path)
    result = run("levels", "--schema", path)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_levels_command_lists_levels_aliases_and_roles():
    result = run("levels", "--schema", "rpjmd", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["roles"] == {"top": "vision", "strategy": "objective", "process": "process", "application": "application"}
    assert [lv["name"] for lv in data["levels"]][3] == "objective" and "sasaran" in data["levels"][3]["aliases"]
    table = run("levels", "--schema", USER_SCHEMA)
    assert table.exit_code == 0 and "Sasaran Perangkat Daerah" in table.stdout and "strategy" in table.stdout
    assert run("levels", "--schema", "rpjmdd").exit_code == 2


# -- an RPJMD plan, one sheet per level, on both stores -----------------------------

H = ["Kode", "Uraian", "Induk", "Perangkat Daerah"]


def rpjmd_workbook(path: Path) -> Path:
    """A plan with sasaran and kegiatan: programs under sasaran (as SIPD and T-C.27 have them), one
    program under a strategi and arah kebijakan, one program with no sasaran, one kegiatan under a sasaran."""
    return write_workbook(path, {
        "Visi": [H, ["V", "Tangerang kota yang sejahtera", None, "Bappeda"]],
        "Misi": [H, ["M1", "Meningkatkan kualitas SDM", "V", "Bappeda"]],
        "Tujuan": [H, ["T1", "Meningkatnya derajat kesehatan", "M1", "Bappeda"]],
        "Sasaran": [H, ["SS1", "Meningkatnya layanan kesehatan", "T1", "Dinas Kesehatan"],
                    ["SS2", "Meningkatnya tata kelola", "T1", "Bappeda"]],
        "Strategi": [H, ["ST1", "Digitalisasi layanan", "SS2", "Bappeda"]],
        "Arah Kebijakan": [H, ["AK1", "Integrasi data layanan", "ST1", "Bappeda"]],
        "Program": [H, ["1.02.02", "Program Pemenuhan Upaya Kesehatan", "SS1", "Dinas Kesehatan"],
                    ["2.16.03", "Program Aplikasi Informatika", "AK1", "Diskominfo"],
                    ["4.01.01", "Program Penunjang Urusan", None, "Setda"]],
        "Kegiatan": [H, ["1.02.02.2.01", "Penyediaan Fasilitas Kesehatan", "1.02.02", "Dinas Kesehatan"],
                     ["2.16.03.2.01", "Pengelolaan e-Government", "2.16.03", "Diskominfo"],
                     ["4.01.01.2.01", "Administrasi Umum", "4.01.01", "Setda"],
                     ["9.99.99.2.01", "Kegiatan langsung di bawah sasaran", "SS1", "Bappeda"]],
        "Sub Kegiatan": [H, ["1.02.02.2.01.0001", "Pembangunan Puskesmas", "1.02.02.2.01", "Dinas Kesehatan"],
                         ["2.16.03.2.01.0001", "Pengelolaan Pusat Data", "2.16.03.2.01", "Diskominfo"],
                         ["4.01.01.2.01.0001", "Penyediaan ATK", "4.01.01.2.01", "Setda"]],
        "Proses Bisnis": [H, ["PB-01", "Pelayanan rawat jalan", "1.02.02.2.01.0001", "Dinas Kesehatan"],
                          ["PB-02", "Pengelolaan data center", "2.16.03.2.01.0001", "Diskominfo"],
                          ["PB-03", "Pengadaan barang", "4.01.01.2.01.0001", "Setda"]],
        "Aplikasi": [H, ["APL-1", "SIMPUS", "PB-01", "Dinas Kesehatan"], ["APL-2", "Satu Data", "PB-02", "Diskominfo"],
                     ["APL-3", "SIRUP", None, "Setda"]],
    })


@pytest.fixture
def plan(tmp_path):
    return rpjmd_workbook(tmp_path / "rpjmd.xlsx")


def gaps(found):
    return [(g.id, g.reached.name, g.break_at) for g in found]


def test_an_rpjmd_workbook_needs_the_rpjmd_schema(plan):
    with pytest.raises(cascade.InvalidCascade) as refused:
        cascade.read(plan)
    said = [f.message for f in refused.value.findings]
    assert ("1.02.02.2.01 is a kegiatan code, and schema 'default' has no kegiatan level (nor for the sheet's "
            "other kegiatan codes): read the source with --schema rpjmd") in said
    assert any(m.startswith('sheet "Sasaran" is not a level or links sheet') and
               m.endswith("ignored — it is the Sasaran level of the 'rpjmd' schema: read the source with --schema rpjmd")
               for m in said)
    assert len(cascade.read(plan, schema="rpjmd")) == 23


def test_rpjmd_analyses_on_both_stores(plan, store):
    s = store(cascade.read(plan, schema="rpjmd"))
    assert s.schema.name == "rpjmd"
    # programs with no sasaran above
    assert gaps(s.orphans("program", "sasaran")) == [("4.01.01", "program", ("4.01.01",))]
    # processes with no strategic link: the schema's anchor is sasaran
    assert gaps(s.orphans()) == [("PB-03", "program", ("4.01.01",))]
    # sasaran with no process below: SS1's chain goes down through its program and kegiatan
    assert gaps(s.unbacked()) == []
    assert gaps(s.unbacked("sasaran", "aplikasi")) == []
    assert gaps(s.orphans("aplikasi", "proses")) == [("APL-3", "application", ("APL-3",))]
    assert gaps(s.unbacked("proses", "aplikasi")) == [("PB-03", "process", ("PB-03",))]
    skips = [(f.element, f.message) for f in s.check() if f.code == "level-skip"]
    # program → sasaran skips only the optional strategi and arah kebijakan: no skip; kegiatan → sasaran skips program
    assert skips == [("9.99.99.2.01", "link SS1 (objective) → 9.99.99.2.01 (activity) skips program")]
    cov = s.coverage()
    assert [r.level.name for r in cov.rows] == s.schema.names()
    assert cov.process_linked[None] == cascade.Share(2, 3) and cov.strategy_backed[None] == cascade.Share(2, 2)


def test_cli_orphans_with_the_rpjmd_schema(plan):
    result = run("orphans", plan, "--schema", "rpjmd", "--level", "program", "--anchor", "sasaran", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"id": "4.01.01", "name": "Program Penunjang Urusan", "level": "program",
                                          "opd": "Setda", "reached": "program", "break_at": ["4.01.01"]}]
    wrong = run("orphans", plan, "--schema", "rpjmd", "--level", "kegiatn")
    assert wrong.exit_code == 2 and "did you mean 'activity'" in wrong.output


def test_a_user_schema_reads_its_own_sheets(tmp_path):
    book = write_workbook(tmp_path / "renstra.xlsx", {
        "Tujuan PD": [H, ["T1", "Meningkatnya kualitas layanan kesehatan", None, "Dinkes"]],
        "Sasaran PD": [H, ["S1", "Meningkatnya akses layanan", "T1", "Dinkes"]],
        "Program": [H, ["1.02.02", "Program Pemenuhan Upaya Kesehatan", "S1", "Dinkes"]],
        "Kegiatan": [H, ["1.02.02.2.01", "Penyediaan Fasilitas", "1.02.02", "Dinkes"]],
        "Proses": [H, ["PB-1", "Rawat jalan", "1.02.02.2.01", "Dinkes"], ["PB-2", "Rujukan", None, "Dinkes"]],
    })
    result = run("orphans", book, "--schema", USER_SCHEMA, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [(g["id"], g["reached"]) for g in json.loads(result.stdout)] == [("PB-2", "process")]
    check = run("check", book, "--schema", USER_SCHEMA, "--format", "json")
    codes = [(f["code"], f["element"]) for f in json.loads(check.stdout)]
    assert ("level-skip", "PB-1") not in codes   # kegiatan → proses skips only the optional sub kegiatan


@pytest.mark.neo4j
def test_a_dataset_keeps_its_schema_in_neo4j(plan, neo4j_cli, neo4j_store):
    dataset = unique_dataset()
    neo4j_store(dataset=dataset)  # dropped after the test
    cli = neo4j_cli
    loaded = cli("load", plan, "--schema", "rpjmd", "--dataset", dataset)
    assert loaded.returncode == 0, loaded.stderr
    embedded = cli("orphans", plan, "--schema", "rpjmd", "--level", "program", "--anchor", "sasaran", "--format", "json")
    from_neo4j = cli("orphans", "--dataset", dataset, "--level", "program", "--anchor", "sasaran", "--format", "json")
    assert from_neo4j.returncode == 0, from_neo4j.stderr
    assert json.loads(from_neo4j.stdout) == json.loads(embedded.stdout) != []
    mismatch = cli("orphans", "--dataset", dataset, "--schema", "default")
    assert mismatch.returncode == 2
    assert "loaded with level schema 'rpjmd', not 'default'" in mismatch.stderr and "Traceback" not in mismatch.stderr
    other = plan.parent / "other.yaml"
    other.write_text("vision:\n  - {id: V, name: Visi}\n", encoding="utf-8")
    another = cli("load", other, "--dataset", dataset)  # a new version may change the levels; it says so
    assert another.returncode == 0 and "level schema changes from 'rpjmd' to 'default'" in another.stderr
    assert json.loads(cli("coverage", "--dataset", dataset, "--format", "json").stdout)["rows"][0]["level"] == "vision"


def test_reports_and_exports_use_the_plan_s_own_levels(plan, tmp_path):
    import openpyxl

    html, book, graph = tmp_path / "laporan.html", tmp_path / "laporan.xlsx", tmp_path / "plan.gexf"
    result = run("report", plan, "--schema", "rpjmd", "--out", html, "--out", book)
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert all(title in page for title in ("Sasaran", "Arah kebijakan", "Sub kegiatan"))
    coverage = openpyxl.load_workbook(book).worksheets[1]
    titles = [row[0] for row in coverage.iter_rows(values_only=True)]
    assert {"Sasaran", "Kegiatan", "Sub kegiatan", "Aplikasi"} <= set(titles)
    assert run("export", plan, "--schema", "rpjmd", "--format", "gexf", "--out", graph).exit_code == 0
    assert 'value="sub_activity"' in graph.read_text(encoding="utf-8")
