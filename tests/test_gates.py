"""CI gating: --fail-on KINDS exits 1 exactly when those findings exist; JUnit and SARIF validate."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.gates import GROUPS, KIND_NAMES, KINDS, by_kind, failing, kind_for, parse_kinds
from cascade.render.junit import junit_xml
from cascade.render.sarif import sarif_log
from cascade.report import build_report
from workbooks import write_csv_dir

SCHEMAS = Path(__file__).parent / "schemas"
SEED = str(cascade.seed_path())
runner = CliRunner()


@pytest.fixture(scope="module")
def junit_schema():
    return xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd")


@pytest.fixture(scope="module")
def sarif_schema():
    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture
def complete(tmp_path):
    """A small cascade whose every process leads up to a strategy (no orphans), with other gaps."""
    return write_csv_dir(tmp_path / "lengkap", {
        "strategy.csv": "id,name\nS1,Strategi\nS2,Strategi kosong\n",
        "program.csv": "id,name,parent\nG1,Program,S1\n",
        "process.csv": "id,name,parent\nP1,Proses,G1\nP2,Proses tanpa aplikasi,G1\n",
        "application.csv": "id,name,parent\nA1,Aplikasi,P1\n",
    })


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_kinds_parse_with_groups_and_reject_typos():
    assert parse_kinds("unbacked , orphans") == ("orphans", "unbacked")
    assert parse_kinds("all") == KIND_NAMES
    assert parse_kinds("warnings") == ("level-skips", "no-parent", "unanchored", "no-children")
    assert parse_kinds(None) == ()
    with pytest.raises(ValueError, match="orphans, unbacked"):
        parse_kinds("orphan")


def test_presets_are_their_own_kinds():
    assert kind_for("orphans", "process", "strategy").name == "orphans"
    assert kind_for("unbacked", "proses", "aplikasi").name == "processes-without-application"
    other = kind_for("orphans", "program", "tujuan")
    assert other.name == "orphans" and other.span() == (cascade.level("program"), cascade.level("goal"))


def test_report_fail_on_orphans_exits_1_on_the_seed(tmp_path):
    result = run("report", SEED, "--out", tmp_path / "r.json", "--fail-on", "orphans")
    assert result.exit_code == 1, result.output
    assert "8 orphans" in result.stderr and (tmp_path / "r.json").exists()


def test_report_fail_on_orphans_exits_0_without_orphans(complete, tmp_path):
    assert run("report", complete, "--out", tmp_path / "r.json", "--fail-on", "orphans").exit_code == 0
    failed = run("report", complete, "--out", tmp_path / "r.json", "--fail-on", "orphans,unbacked")
    assert failed.exit_code == 1 and "1 unbacked" in failed.stderr
    assert run("report", complete, "--out", tmp_path / "r.json", "--fail-on", "all").exit_code == 1
    assert run("report", complete, "--out", tmp_path / "r.json").exit_code == 0


def test_analysis_commands_gate_on_their_own_kind(complete):
    assert run("orphans", SEED, "--fail-on", "orphans").exit_code == 1
    assert run("orphans", complete, "--fail-on", "orphans").exit_code == 0
    assert run("orphans", SEED, "--level", "application", "--anchor", "process", "--fail-on", "orphans").exit_code == 0
    assert run("orphans", SEED, "--level", "application", "--anchor", "process", "--fail-on", "unused-applications").exit_code == 1
    assert run("unbacked", complete, "--fail-on", "all").exit_code == 1
    assert run("unbacked", SEED, "--fail-on", "nonsense").exit_code == 2


def test_failing_counts_only_gated_kinds():
    found = {"orphans": [1, 2], "unbacked": [], "level-skips": [3]}
    assert failing(found, ("orphans", "unbacked")) == {"orphans": 2}
    assert failing(found, ()) == {}


def test_junit_of_the_seed_report_validates(junit_schema):
    report = build_report(cascade.read(SEED))
    xml = junit_xml(report.sections(), report.dataset, report.generated)
    junit_schema.validate(xml)
    tree = junit_schema.to_dict(xml)
    suites = {s["@name"]: s for s in tree["testsuite"]}
    assert list(suites) == list(KIND_NAMES)
    assert suites["orphans"]["@failures"] == "8" and len(suites["orphans"]["testcase"]) == 8
    assert suites["unbacked"]["testcase"][0]["failure"][0]["@message"].startswith("strategy S1.3.2")


def test_sarif_of_the_seed_report_validates(sarif_schema):
    report = build_report(cascade.read(SEED))
    log = sarif_log(report.sections(), report.dataset, report.source, gated=("orphans",))
    sarif_schema.validate(log)
    run_ = log["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == list(KIND_NAMES)
    levels = {r["ruleId"]: r["level"] for r in run_["results"]}
    assert levels["orphans"] == "error" and levels["unbacked"] == "warning"
    skip = next(r for r in run_["results"] if r["ruleId"] == "level-skips")
    assert skip["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("seed/tangerang.xlsx")
    assert skip["locations"][0]["logicalLocations"][0]["name"] == "1.05.03"
    assert len(run_["results"]) == sum(len(items) for _, items in report.sections())


def test_cli_junit_and_sarif_formats(junit_schema, sarif_schema, complete):
    orphans = run("orphans", SEED, "--format", "junit")
    assert orphans.exit_code == 0
    junit_schema.validate(orphans.stdout)
    assert orphans.stdout.count("<failure ") == 8
    empty = run("orphans", complete, "--format", "junit")
    junit_schema.validate(empty.stdout)
    assert "<failure" not in empty.stdout and 'tests="1"' in empty.stdout
    sarif = run("unbacked", SEED, "--format", "sarif", "--fail-on", "unbacked")
    assert sarif.exit_code == 1
    sarif_schema.validate(json.loads(sarif.stdout))
    check = run("check", SEED, "--format", "sarif")
    log = json.loads(check.stdout)
    sarif_schema.validate(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"level-skips", "no-parent", "unanchored", "no-children"}
    junit_schema.validate(run("check", SEED, "--format", "junit").stdout)


def test_check_findings_group_by_kind_with_read_notices_after():
    findings = cascade.check(SEED)
    groups = by_kind(findings)
    names = [k.name for k, _ in groups]
    assert names[:4] == list(GROUPS["warnings"]) and sum(len(items) for _, items in groups) == len(findings)
    assert all(k.analysis == "check" for k, _ in groups)
    assert len(KINDS) == len(KIND_NAMES)
