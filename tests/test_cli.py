"""The command line: formats, exit codes, and clean messages — in-process and as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cascade.cli import app
from workbooks import write_csv_dir

runner = CliRunner()


@pytest.fixture
def source(tmp_path):
    return write_csv_dir(
        tmp_path / "kota",
        {
            "strategy.csv": "id,name,opd\nS1,Strategi,Bappeda\nS2,Kosong,Bappeda\n",
            "program.csv": "id,name,parent\nG1,Program,S1\nG2,Lepas,\n",
            "process.csv": "id,name,parent,opd\nP1,Proses,G1,Dinas A\nP2,Yatim,G2,Dinas B\nP3,Sendiri,,Dinas B\n",
            "application.csv": "id,name,parent\nA1,Aplikasi,P1;P2\n",
        },
    )


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_orphans_json_is_only_json(source):
    result = run("orphans", source, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"id": "P2", "name": "Yatim", "level": "process", "opd": "Dinas B", "reached": "program", "break_at": ["G2"]},
        {"id": "P3", "name": "Sendiri", "level": "process", "opd": "Dinas B", "reached": "process", "break_at": ["P3"]},
    ]


def test_unbacked_csv_and_md(source):
    result = run("unbacked", source, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["reached"], r["break_at"]) for r in rows] == [("S2", "strategy", "S2")]
    md = run("unbacked", source, "--level", "program", "--target", "aplikasi", "--format", "md").stdout
    assert md.splitlines()[0].startswith("| id | name | level")
    assert md.count("\n") == 2  # header, rule, and no rows: G2 reaches A1 through P2


def test_trace_tree_marks_repeats_and_csv_gives_chains(source):
    tree = run("trace", "A1", source, "--up")
    assert tree.exit_code == 0 and "P1" in tree.stdout and "S1" in tree.stdout
    chains = list(csv.reader(io.StringIO(run("trace", "S1", source, "--format", "csv").stdout)))
    assert chains[0] == ["strategy_id", "strategy_name", "program_id", "program_name", "process_id", "process_name", "application_id", "application_name"]
    assert chains[1:] == [["S1", "Strategi", "G1", "Program", "P1", "Proses", "A1", "Aplikasi"]]
    depth = json.loads(run("trace", "S1", source, "--depth", "1", "--format", "json").stdout)
    assert [c["id"] for c in depth["tree"]["children"]] == ["G1"] and depth["tree"]["children"][0]["children"] == []


def test_coverage_json(source):
    data = json.loads(run("coverage", source, "--format", "json").stdout)
    assert data["process_linked"] == {"part": 1, "whole": 3, "ratio": 1 / 3}
    assert data["strategy_backed"]["part"] == 1
    by_opd = json.loads(run("coverage", source, "--by", "opd", "--format", "json").stdout)
    assert {s["opd"]: s["part"] for s in by_opd["process_linked"]} == {"Dinas A": 1, "Dinas B": 0}


def test_check_exit_codes(source, tmp_path):
    ok = run("check", source)
    assert ok.exit_code == 0 and "0 errors" in ok.stdout
    assert run("check", source, "--strict").exit_code == 1
    bad = write_csv_dir(tmp_path / "bad", {"process.csv": "id,name,parent\nP1,a,NOPE\n"})
    result = run("check", bad, "--format", "json")
    assert result.exit_code == 2
    (finding,) = json.loads(result.stdout)
    assert finding["code"] == "unknown-parent" and finding["row"] == 2 and finding["file"].endswith("process.csv")


def test_check_limit_shows_the_first_findings_and_counts_every_kind(source):
    every = json.loads(run("check", source, "--format", "json").stdout)
    assert len(every) > 2
    limited = run("check", source, "--format", "json", "--limit", "2")
    assert limited.exit_code == 0
    assert json.loads(limited.stdout) == every[:2]          # stdout stays only JSON
    kinds = {}
    for f in every:
        kinds[f["code"]] = kinds.get(f["code"], 0) + 1
    assert f"showing 2 of {len(every)} findings" in limited.stderr
    for code, k in kinds.items():
        assert f"{k} {code} (warning)" in limited.stderr
    table = run("check", source, "--limit", "1").stdout
    assert table.count("warning:") == 1 and f"showing 1 of {len(every)}" in table
    assert f"0 errors, {len(every)} warnings" in table      # the totals count what was left off
    assert run("check", source, "--strict", "--limit", "0").exit_code == 1


def test_findings_are_made_when_read_and_equal_the_eager_list(source):
    import dataclasses

    from cascade import api
    from cascade.check import structural_findings

    findings = api.check(source)
    made = list(findings)
    assert findings == made and findings[-1] == made[-1] and findings[1:3] == made[1:3]
    rows = [(f.code, f.element, api.read(source)[f.element].level, None, None) for f in made
            if f.code != "level-skip"]
    eager = structural_findings(reversed(rows))                  # any order in: one order out
    assert [dataclasses.replace(f, place=None) for f in made] == list(eager)
    assert sum(findings.counts().values()) == len(made)


def test_invalid_source_exits_2_naming_place(tmp_path):
    bad = write_csv_dir(tmp_path / "bad", {"process.csv": "id,name\nP1,a\nP1,b\n"})
    result = run("orphans", bad)
    assert result.exit_code == 2
    assert "process.csv" in result.stderr and "row 3" in result.stderr and "Traceback" not in result.output


def test_usage_errors_exit_2(source):
    assert run("orphans", source, "--level", "strategy", "--anchor", "process").exit_code == 2
    assert run("orphans", source, "--level", "nonsense").exit_code == 2
    missing = run("trace", "NOPE", source)
    assert missing.exit_code == 2 and "NOPE" in missing.stderr
    assert run("orphans", source, "--format", "xml").exit_code == 2


def test_fail_gate(source):
    assert run("orphans", source, "--fail-on", "orphans").exit_code == 1
    assert run("orphans", source, "--fail-on", "unbacked").exit_code == 0  # gates only on what it names
    assert run("orphans", source, "--level", "application", "--anchor", "program", "--fail-on", "all").exit_code == 0


def test_real_subprocess(source, tmp_path):
    """The installed console entry point, as a planner runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "cascade", "orphans", str(source), "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert [o["id"] for o in json.loads(done.stdout)] == ["P2", "P3"]
    bad = subprocess.run(
        [sys.executable, "-m", "cascade", "orphans", str(tmp_path / "missing.xlsx")],
        capture_output=True, text=True, timeout=120,
    )
    assert bad.returncode == 2 and "missing.xlsx" in bad.stderr and "Traceback" not in bad.stderr


def test_demo_runs_embedded():
    result = run("demo")
    assert result.exit_code == 0, result.output
    for heading in ("Coverage per level", "Orphan processes", "Unbacked strategies", "trace"):
        assert heading in result.stdout


def test_a_bug_is_one_line_and_exit_70_never_exit_2(source, monkeypatch):
    """An exception that is not the user's to fix says so; --debug gives the trace."""
    import cascade.api

    def broken(*args, **kwargs):
        raise ValueError("an internal invariant failed")   # a ValueError too: not taken for bad input

    monkeypatch.setattr(cascade.api, "coverage", broken)
    result = run("coverage", source)
    assert result.exit_code == 70
    assert "internal error" in result.stderr and "--debug" in result.stderr and "Traceback" not in result.output
    debug = runner.invoke(app, ["--debug", "coverage", str(source)])
    assert isinstance(debug.exception, ValueError) and debug.exit_code == 1


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("cascade ")
