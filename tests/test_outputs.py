"""What cascade writes never harms what it read: no output onto a source (by any name), every file
written whole or not at all — a full disk leaves the old file as it was and nothing half-written.

The commands run as a planner types them (a subprocess); the full disk is a real one, a 16 kB tmpfs
(mounting needs root: CI runs as root, elsewhere that test says why it cannot run)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SEED = ROOT / "seed" / "tangerang.xlsx"


def cascade(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cascade", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture
def planner(tmp_path) -> Path:
    """A planner's folder: their workbook, a hard link and a symbolic link to it, and a CSV folder."""
    shutil.copy(SEED, tmp_path / "rpjmd.xlsx")
    os.link(tmp_path / "rpjmd.xlsx", tmp_path / "salinan.xlsx")
    (tmp_path / "pintasan.xlsx").symlink_to("rpjmd.xlsx")
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "strategi.csv").write_text("Kode,Uraian\nS1,Strategi\n", encoding="utf-8")
    (tmp_path / "csv" / "program.csv").write_text("Kode,Uraian,Induk\nG1,Program,S1\n", encoding="utf-8")
    return tmp_path


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", [
    ["report", "rpjmd.xlsx", "--out", "rpjmd.xlsx"],
    ["report", "rpjmd.xlsx", "--out", "laporan.html", "--out", "./rpjmd.xlsx"],
    ["report", "rpjmd.xlsx", "--out", "salinan.xlsx"],                 # the same file under another name
    ["report", "rpjmd.xlsx", "--out", "pintasan.xlsx"],                # a link to it
    ["report", "rpjmd.xlsx", "--against", "salinan.xlsx", "--out", "salinan.xlsx"],
    ["export", "rpjmd.xlsx", "--out", "rpjmd.xlsx"],
    ["trace", "S1.1", "rpjmd.xlsx", "--out", "csv/../rpjmd.xlsx"],
    ["inspect", "rpjmd.xlsx", "--write-mapping", "rpjmd.xlsx"],
    ["report", "csv", "--out", "csv/laporan.md"],                       # read as part of the plan next time
    ["export", "csv", "--out", "csv/program.csv"],
    ["baseline", "init", "csv", "--out", "csv/pengecualian.yaml"],
])
def test_no_output_lands_on_a_source(planner, command):
    before = _tree(planner)
    done = cascade(*command, cwd=planner)
    assert done.returncode == 2, done.stderr
    assert "refusing to write" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert _tree(planner) == before


def test_outputs_replace_old_ones_whole(planner):
    (planner / "laporan.html").write_text("laporan lama", encoding="utf-8")
    os.chmod(planner / "laporan.html", 0o640)
    done = cascade("report", "rpjmd.xlsx", "-o", "laporan.html", "-o", "laporan.xlsx", cwd=planner)
    assert done.returncode == 0, done.stderr
    assert (planner / "laporan.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert os.stat(planner / "laporan.html").st_mode & 0o777 == 0o640          # its mode kept
    mask = os.umask(0)
    os.umask(mask)
    assert os.stat(planner / "laporan.xlsx").st_mode & 0o777 == 0o666 & ~mask  # a new file's, not a temporary's
    assert not [p for p in planner.iterdir() if p.name.endswith(".part")]


def test_an_output_into_a_missing_folder_is_one_line(planner):
    done = cascade("report", "rpjmd.xlsx", "-o", "tidak/ada/laporan.html", cwd=planner)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "the folder tidak/ada does not exist" in done.stderr


@pytest.fixture
def full_disk(tmp_path):
    """A real filesystem of 16 kB (the report workbook of the seed is 17 kB)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mount = tmp_path / "usb"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs as root: {done.stderr}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


@pytest.mark.parametrize("name", ["laporan.html", "laporan.xlsx"])
def test_a_full_disk_leaves_the_old_file_and_no_half_written_one(planner, full_disk, name):
    old = full_disk / name
    old.write_bytes(b"versi lama")
    done = cascade("report", "rpjmd.xlsx", "-o", old, cwd=planner)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and f"cannot write {old}: No space left on device" in done.stderr
    assert f"{name} was left as it was" in done.stderr
    assert old.read_bytes() == b"versi lama"
    assert sorted(p.name for p in full_disk.iterdir()) == [name]


def test_a_terminal_in_cp1252_shows_what_it_cannot_as_question_marks(tmp_path):
    """A Windows console: ≥, 中 and the ✗ of a chain that stops cannot be shown; the command still answers
    (exit 0) and says so once."""
    (tmp_path / "strategi.csv").write_text("Kode,Uraian\nS1,Cakupan ≥ 90% 中\n", encoding="utf-8")
    (tmp_path / "program.csv").write_text("Kode,Uraian,Induk\nG1,Program,S1\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "cascade", "trace", "S1", str(tmp_path)], capture_output=True,
                          cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Cakupan ? 90% ?".encode("cp1252") in done.stdout
    note = done.stderr.decode("cp1252")
    assert "cannot show 3 characters of the output, shown as '?'" in note and note.count("note:") == 1
