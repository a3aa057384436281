"""Accepted exceptions: a register a planner writes, applied to reports and to the CI gate.

The awal plan (``plan_versions``) has, by kind: orphans PB-04, unbacked S3, unused-applications
APL-06, processes-without-application PB-02, no-parent 1.02.03 / APL-06 / PB-04, unanchored
APL-04, no-children 1.02.03 / PB-02 / S3.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

import cascade
from cascade.baseline import RegisterError, parse_register, read_register
from cascade.cli import app
from plan_versions import awal_workbook

runner = CliRunner()
AS_OF = "2026-12-02"

REGISTER = """\
# Bappeda: gaps accepted for the RPJMD awal
exceptions:
  - kind: orphans
    id: PB-04
    reason: pengaduan dipindah ke SP4N-LAPOR nasional; dihapus pada perubahan
    owner: Bagian Organisasi
    until: 2027-06-30
  - kind: unbacked
    id: S3
    reason: program arsip menunggu Renstra DPK
    owner: Bappeda
    until: 2026-01-31
  - kind: orphans
    id: PB-99
    reason: proses lama
    owner: Bappeda
    until: 2027-12-31
  - kind: unused_applications
    id: APL-06
    reason: aplikasi arsip lama, dimatikan akhir tahun
    owner: Diskominfo
"""


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def awal(tmp_path_factory):
    return awal_workbook(tmp_path_factory.mktemp("awal") / "rpjmd-awal.xlsx")


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "pengecualian.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


EXPECTED_STATUS = {
    "accepted": [["orphans", "PB-04"], ["unused-applications", "APL-06"]],
    "expired": [["unbacked", "S3"]],
    "stale": [["orphans", "PB-99"]],
    "unaccepted": [["no-children", "1.02.03"], ["no-children", "PB-02"], ["no-children", "S3"],
                   ["no-parent", "1.02.03"], ["no-parent", "APL-06"], ["no-parent", "PB-04"],
                   ["processes-without-application", "PB-02"], ["unanchored", "APL-04"], ["unbacked", "S3"]],
}


def test_status_of_a_register_with_valid_expired_and_stale_entries(store, awal, register):
    status = cascade.baseline_status(store(cascade.read(awal)), register, as_of=date.fromisoformat(AS_OF))
    assert status.to_dict() == EXPECTED_STATUS


def test_status_command_json(awal, register):
    result = run("baseline", "status", register, awal, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == EXPECTED_STATUS


def test_until_is_the_last_day_accepted(register):
    reg = read_register(register)
    on, after = date(2027, 6, 30), date(2027, 7, 1)
    assert reg.accepts("orphans", "PB-04", on) and not reg.accepts("orphans", "PB-04", after)


@pytest.mark.parametrize("fail_on, code", [("orphans", 0), ("orphans,unused-applications", 0), ("unbacked", 1),
                                           ("processes-without-application", 1)])
def test_the_gate_ignores_accepted_findings_only(awal, register, tmp_path, fail_on, code):
    result = run("report", awal, "--out", tmp_path / "laporan.md", "--fail-on", fail_on, "--baseline", register,
                 "--as-of", AS_OF)
    assert result.exit_code == code, result.output


def test_fail_on_orphans_with_a_baseline(awal, register, tmp_path):
    assert run("orphans", awal, "--fail-on", "orphans").exit_code == 1
    passed = run("orphans", awal, "--fail-on", "orphans", "--baseline", register, "--as-of", AS_OF)
    assert passed.exit_code == 0 and "1 accepted exception" in passed.stderr
    assert "PB-04" in passed.stdout and "SP4N-LAPOR nasional" in passed.stdout   # shown apart, with its reason
    late = run("orphans", awal, "--fail-on", "orphans", "--baseline", register, "--as-of", "2027-07-01")
    assert late.exit_code == 1 and "past the until date" in late.stderr
    none = tmp_path / "empty.yaml"
    none.write_text("exceptions: []\n")
    assert run("orphans", awal, "--fail-on", "orphans", "--baseline", none).exit_code == 1


def test_unbacked_gate_trips_on_an_expired_exception(awal, register):
    result = run("unbacked", awal, "--fail-on", "unbacked", "--baseline", register, "--as-of", AS_OF)
    assert result.exit_code == 1 and "1 past the until date" in result.stderr


def test_json_marks_the_accepted_findings(awal, register):
    result = run("orphans", awal, "-F", "json", "--baseline", register, "--as-of", AS_OF)
    rows = json.loads(result.stdout)
    assert [(r["id"], r["exception"]["owner"]) for r in rows] == [("PB-04", "Bagian Organisasi")]


def test_check_shows_accepted_warnings_apart(awal, tmp_path):
    reg = tmp_path / "reg.yaml"
    reg.write_text("exceptions:\n" + "".join(
        f"  - {{kind: {k}, id: '{i}', reason: diketahui}}\n"
        for k, i in [("no-parent", "1.02.03"), ("no-parent", "APL-06"), ("no-parent", "PB-04"), ("unanchored", "APL-04"),
                     ("no-children", "1.02.03"), ("no-children", "PB-02"), ("no-children", "S3")]))
    assert run("check", awal, "--strict").exit_code == 1
    result = run("check", awal, "--strict", "--baseline", reg)
    assert result.exit_code == 0, result.output
    assert "0 warnings" in result.stdout and "7 accepted" in result.stdout


def test_init_writes_every_finding_and_never_overwrites(awal, tmp_path):
    out = tmp_path / "register.yaml"
    result = run("baseline", "init", awal, "--out", out)
    assert result.exit_code == 0, result.output
    reg = read_register(out)
    assert len(reg.entries) == 11 and reg.entry("orphans", "PB-04").reason == ""
    status = json.loads(run("baseline", "status", out, awal, "-F", "json").stdout)
    assert status["unaccepted"] == [] and status["stale"] == [] and len(status["accepted"]) == 11
    out.write_text("exceptions: []  # filled in by hand\n")
    again = run("baseline", "init", awal, "--out", out)
    assert again.exit_code == 2 and "never overwrites" in again.stderr
    assert out.read_text() == "exceptions: []  # filled in by hand\n"


@pytest.mark.parametrize("text, line, says", [
    ("exceptions:\n  - kind: orphan\n    id: P1\n", 2, "unknown finding kind 'orphan'"),
    ("exceptions:\n  - kind: orphans\n    id: P1\n    until: 30/06/2027\n", 2, "write it as YYYY-MM-DD"),
    ("exceptions:\n  - kind: orphans\n    id: P1\n  - kind: orphans\n    id: P1\n", 4, "already listed at line 2"),
    ("exceptions:\n  - kind: orphans\n    reason: x\n", 2, "no id"),
    ("exceptions:\n  - kind: orphans\n    id: P1\n    alasan: x\n", 2, "unknown field 'alasan'"),
    ("- kind: orphans\n  id: P1\n", 1, "a mapping with one key, exceptions"),
    ("exceptions:\n  - &a {kind: orphans, id: P1}\n  - *a\n", 3, "aliases"),
    ("exceptions:\n  - kind: orphans\n    id: [P1\n", 4, "not valid YAML"),
])
def test_a_malformed_register_names_the_line(awal, tmp_path, text, line, says):
    reg = tmp_path / "bad.yaml"
    reg.write_text(text)
    with pytest.raises(RegisterError, match=f"line {line}: .*{says}"):
        parse_register(text, str(reg))
    result = run("orphans", awal, "--fail-on", "orphans", "--baseline", reg)
    assert result.exit_code == 2 and f"bad.yaml, line {line}" in result.stderr and "Traceback" not in result.output


def test_a_missing_register(awal, tmp_path):
    result = run("baseline", "status", tmp_path / "nope.yaml", awal)
    assert result.exit_code == 2 and "cascade baseline init" in result.stderr
