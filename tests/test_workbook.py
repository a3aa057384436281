"""A planner's real-looking workbook gives exactly what DESIGN.md's definitions imply."""

from __future__ import annotations

import pytest

import cascade
from workbooks import write_workbook

HEADER = ["Kode", "Uraian", "Induk", "Perangkat Daerah"]


@pytest.fixture
def workbook(tmp_path):
    return write_workbook(
        tmp_path / "kota.xlsx",
        {
            "Visi": [HEADER, ["V1", "Kota sejahtera", None, "Bappeda"]],
            "Misi": [[" kode ", "URAIAN", "induk"], ["M1", "SDM unggul", "V1"], ["M2", "Infrastruktur", "V1"]],
            "Tujuan": [HEADER, ["T1", "Pendidikan merata", "M1", "Bappeda"], ["T2", "Jalan mantap", "M2", "Bappeda"]],
            "Strategi": [HEADER, ["S1", "Akses sekolah", "T1", "Dinas Pendidikan"], ["S2", "Jalan lingkungan", "T2", "Dinas PUPR"],
                         ["S3", "Strategi tanpa program", "T1;T2", "Bappeda"]],
            "Program": [HEADER, [" G1 ", "Program pendidikan", "S1; S2", "Dinas Pendidikan"],
                        ["G2", "Program jalan", "S2", "Dinas PUPR"],
                        ["G3", "Program lepas", None, "Dinas PUPR"],
                        ["G4", "Program ke tujuan", "T2", "Dinas PUPR"]],
            "Proses Bisnis": [HEADER + ["Urusan"],
                              [101, "PPDB", "G1", "Dinas Pendidikan", "Pendidikan"],
                              [102.0, "Pemeliharaan jalan", "G2,G3", "Dinas PUPR", None],
                              [103, "Perizinan jalan", "G3", "Dinas PUPR", None],
                              [104, "Pengaduan", None, "Diskominfo", None],
                              [105, "Pengukuran jalan", "G4", "Dinas PUPR", None],
                              [None, None, None, None, None]],
            "Aplikasi": [HEADER + ["Domain Layanan"],
                         ["A1", "PPDB Online", "101", "Dinas Pendidikan", "layanan publik"],
                         ["A2", "SIMJALAN", None, "Dinas PUPR", "administrasi pemerintahan"]],
            "Relasi": [["Induk", "Anak"], ["103", "A2"], ["G2", "104"]],
            "Catatan": [["Catatan"], ["Dibuat oleh Bappeda untuk lokakarya"]],
        },
    )


def test_reads_indonesian_workbook(workbook):
    c = cascade.read(workbook)
    assert len(c) == 1 + 2 + 2 + 3 + 4 + 5 + 2
    assert c["101"].attrs == {"Urusan": "Pendidikan"}  # numeric code read as Excel shows it
    assert "102" in c and "G1" in c  # 102.0 → "102"; padded " G1 " trimmed
    assert c["A1"].attrs == {"Domain Layanan": "layanan publik"}
    assert c["M1"].opd is None
    assert set(c.links) >= {("S1", "G1"), ("S2", "G1"), ("G2", "102"), ("G3", "102"), ("103", "A2"), ("G2", "104")}
    notices = [f for f in c.findings if f.code == "ignored-sheet"]
    assert [f.place.sheet for f in notices] == ["Catatan"]


def test_orphans_follow_design(workbook):
    c = cascade.read(workbook)
    got = [(g.id, g.reached.name, g.break_at) for g in cascade.orphans(c)]
    # 103 sits under G3 (no parent); 105 under G4, which skips straight to goal T2.
    assert got == [("103", "program", ("G3",)), ("105", "program", ("G4",))]
    apps = [(g.id, g.reached.name, g.break_at) for g in cascade.orphans(c, level="aplikasi", anchor="proses")]
    assert apps == []
    # A2 serves only 103, whose chain stops at G3.
    assert [(g.id, g.break_at) for g in cascade.orphans(c, "application", "strategy")] == [("A2", ("G3",))]


def test_unbacked_follow_design(workbook):
    c = cascade.read(workbook)
    assert [(g.id, g.reached.name, g.break_at) for g in cascade.unbacked(c)] == [("S3", "strategy", ("S3",))]
    no_app = [(g.id, g.break_at) for g in cascade.unbacked(c, level="process", target="application")]
    assert no_app == [("102", ("102",)), ("104", ("104",)), ("105", ("105",))]


def test_check_reports_skip_and_missing_parents(workbook):
    findings = cascade.check(workbook)
    codes = {(f.code, f.element) for f in findings}
    assert ("level-skip", "G4") in codes
    assert ("no-parent", "G3") in codes and ("no-parent", "104") not in codes  # 104 linked in Relasi
    skip = next(f for f in findings if f.code == "level-skip")
    assert (skip.place.sheet, skip.place.row) == ("Program", 5)
    assert not any(f.severity == "error" for f in findings)
