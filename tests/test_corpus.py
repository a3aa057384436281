"""The bad-input corpus: each file gives exit 2 and one message naming its place.

``tests/corpus/`` holds real files of the kind planners produce, each with one
thing wrong, built by ``tests/build_corpus.py``; ``expected.yaml`` gives each
one's code and place (file, sheet, row — or none, where the file as a whole is
the problem). A few are valid files that look suspicious: they load, because
warnings never block. Every case runs through the command line in-process
(``check`` and ``orphans``); a sample runs as a real subprocess.
"""

from __future__ import annotations

import filecmp
import importlib.util
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import cascade
from cascade.cli import app

CORPUS = Path(__file__).parent / "corpus"
CASES = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["cases"]
BAD = [c for c in CASES if c["exit"] == 2]
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _tree(root: Path) -> list[tuple[str, int, int]]:
    return sorted((str(p.relative_to(root)), p.lstat().st_size, p.lstat().st_mtime_ns) for p in root.rglob("*"))


@pytest.fixture(scope="module", autouse=True)
def nothing_written():
    """No case may leave anything behind in the corpus (no lock file, cache or partial output)."""
    before = _tree(CORPUS)
    yield
    assert _tree(CORPUS) == before


def test_the_corpus_is_complete():
    assert len(CASES) >= 40 and len(BAD) >= 40
    assert len({c["path"] for c in CASES}) == len(CASES)
    for c in CASES:
        assert os.path.lexists(CORPUS / c["path"]), c["path"]
        assert c["exit"] in (0, 2) and (c["exit"] == 2) == ("error" in c)


@pytest.mark.parametrize("case", CASES, ids=[c["path"] for c in CASES])
def test_check_gives_one_message_with_its_place(case):
    result = run("check", CORPUS / case["path"], "--format", "json")
    assert "Traceback" not in result.output
    assert result.exit_code == case["exit"], result.output
    findings = json.loads(result.stdout)
    errors = [f for f in findings if f["severity"] == "error"]
    if case["exit"] == 0:
        assert errors == []
    else:
        (error,) = errors
        expected = case["error"]
        assert (error["code"], error["sheet"], error["row"]) == (expected["code"], expected["sheet"], expected["row"])
        assert error["file"].endswith(expected["file"])
        assert case["says"] in error["message"]
    codes = {f["code"] for f in findings}
    assert set(case.get("warnings", ())) <= codes


@pytest.mark.parametrize("case", CASES, ids=[c["path"] for c in CASES])
def test_analyses_refuse_bad_input_and_print_nothing(case):
    result = run("orphans", CORPUS / case["path"], "--format", "json")
    assert "Traceback" not in result.output
    assert result.exit_code == case["exit"], result.output
    if case["exit"] == 0:
        json.loads(result.stdout)
        return
    assert result.stdout == ""  # nothing analysed, nothing half-printed
    error = case["error"]
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(lines) == 1, result.stderr
    assert error["file"].split("/")[-1] in lines[0]
    if error["sheet"]:
        assert f'sheet "{error["sheet"]}"' in lines[0]
    if error["row"]:
        assert f"row {error['row']}" in lines[0]
    assert "nothing was analysed or loaded" in result.stderr


SUBPROCESS = ["password.xlsx", "billion-laughs.yaml", "csv-symlink-passwd"]


@pytest.mark.parametrize("path", SUBPROCESS)
def test_real_subprocess(path):
    """As a planner runs it: ``python -m cascade check FILE``."""
    case = next(c for c in CASES if c["path"] == path)
    done = subprocess.run([sys.executable, "-m", "cascade", "check", str(CORPUS / path)],
                          capture_output=True, text=True, timeout=120, cwd=CORPUS.parent.parent)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert case["says"] in " ".join(done.stdout.split())  # rich may fold long lines
    assert "1 error, " in done.stdout


def test_valid_lookalikes_read_as_the_planner_sees_them():
    merged = cascade.read(CORPUS / "merged-parent.xlsx")
    assert {("G1", "P1"), ("G1", "P2"), ("G2", "P3")} <= set(merged.links)  # the merged Induk belongs to P2 too
    formulas = cascade.read(CORPUS / "formula-cached-results.xlsx")
    assert formulas["G1"].name == "Program pemenuhan upaya kesehatan" and ("S1", "G1") in formulas.links
    aliases = cascade.read(CORPUS / "scalar-alias.yaml")
    assert {e.opd for e in aliases if e.level.name == "strategy" or e.level.name == "program"} == {"Dinas Kesehatan"}
    warned = cascade.check(CORPUS / "warnings-only.xlsx")
    assert {f.code for f in warned} >= {"ignored-sheet", "no-parent"} and not any(f.severity == "error" for f in warned)


@pytest.mark.parametrize("path, megabytes", [("billion-laughs.yaml", 50), ("alias-merge.yaml", 50), ("deep.json", 50),
                                             ("deep.yaml", 50), ("zip-bomb.xlsx", 150), ("far-value.xlsx", 150)])
def test_bombs_are_refused_in_little_memory(path, megabytes):
    """A zip bomb is inflated no further than its guard; one cell at XFD1048576 is not a rectangle of
    17·10⁹ cells (the sheet is read by its cells; the guard keeps what it inflates of a sheet)."""
    tracemalloc.start()   # bounded memory is the promise; how fast is bench/'s to measure
    with pytest.raises(cascade.InvalidCascade):
        cascade.read(CORPUS / path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < megabytes << 20, peak


def test_a_sparse_sheet_is_read_without_building_its_rectangle():
    """The formatted empty cell at Z1048576 changes nothing; calamine (whose sheets are rectangles)
    is not asked to read a sheet reaching XFD1048576."""
    far, near = cascade.read(CORPUS / "far-format.xlsx"), cascade.read(CORPUS / "hidden-sheet.xlsx")
    assert [(e.id, e.name, e.place.sheet, e.place.row) for e in far] == [(e.id, e.name, e.place.sheet, e.place.row) for e in near]
    assert far.links == near.links
    from cascade.sources.workbook_archive import inspect_workbook

    facts = inspect_workbook(CORPUS / "far-value.xlsx").sheets["Proses Bisnis"]
    assert facts.sparse and (facts.rows, facts.columns) == (1_048_576, 16_384)


def test_the_corpus_is_what_the_builder_makes(tmp_path):
    """Committed files and expected.yaml match a fresh build, byte for byte."""
    import build_corpus

    has_crypto = importlib.util.find_spec("msoffcrypto") is not None  # only the encrypted workbook needs it
    cases = [c for c in build_corpus.CASES if has_crypto or c.path != "password.xlsx"]
    fresh_root = tmp_path / "corpus"
    build_corpus.build(fresh_root, cases)
    for c in cases:
        ours, fresh = CORPUS / c.path, fresh_root / c.path
        if fresh.is_symlink():
            assert os.readlink(ours) == os.readlink(fresh)
            continue
        pairs = [(ours / n, fresh / n) for n in sorted(os.listdir(fresh))] if fresh.is_dir() else [(ours, fresh)]
        if fresh.is_dir():
            assert sorted(os.listdir(ours)) == sorted(os.listdir(fresh)), c.path
        for mine, theirs in pairs:
            if theirs.is_dir():   # a folder where a file should be (csv-folder-named-level)
                assert sorted(os.listdir(mine)) == sorted(os.listdir(theirs)), mine
                continue
            same = os.readlink(mine) == os.readlink(theirs) if theirs.is_symlink() else filecmp.cmp(mine, theirs, shallow=False)
            assert same, mine
    if has_crypto:
        assert filecmp.cmp(CORPUS / "expected.yaml", fresh_root / "expected.yaml", shallow=False)
