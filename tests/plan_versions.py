"""Two versions of one plan, as a Bappeda keeps them: the RPJMD *awal* as a workbook with a sheet per
level and parents in an ``Induk`` column, and its *perubahan* as a folder of ``;``-separated CSV
files with a BOM, stray spaces, rows in another order and the process → application links moved
to a ``Relasi`` file.

What changed from awal to perubahan (the expectations the tests hold both stores to):

* added: PB-05 (a new process, under 1.02.03) and APL-05;
* removed: PB-04 (the old complaints process, an orphan) and APL-04 (its application);
* renamed: S2 ("Integrasi layanan digital" → "Integrasi layanan pemerintahan digital");
* re-owned: PB-02 (Dinas Kesehatan → RSUD) and APL-03 (Diskominfo → Bappeda);
* relinked: PB-03 moved from 2.16.03 to 1.02.03; program 1.02.03 (an orphan program, no strategy)
  now under S1; APL-02 no longer serves PB-01 but PB-02;
* an attribute changed: PB-01's ``Indikator``;
* unchanged links written differently: S1 → 1.02.02 in both, PB-01 → APL-01 in a parent column
  in awal and in Relasi in perubahan.
"""

from __future__ import annotations

from pathlib import Path

from workbooks import write_csv_dir, write_workbook

AWAL = {
    "Visi": [["Kode", "Uraian"], ["V1", "Tangerang kota yang sehat, cerdas dan berdaya saing"]],
    "Misi": [["Kode", "Uraian", "Induk"], ["M1", "Meningkatkan kualitas layanan publik", "V1"]],
    "Tujuan": [["Kode", "Uraian", "Induk"], ["T1", "Meningkatnya kualitas layanan dasar", "M1"]],
    "Strategi": [["Kode", "Uraian", "Induk"],
                 ["S1", "Pemerataan fasilitas kesehatan dasar", "T1"],
                 ["S2", "Integrasi layanan digital", "T1"],
                 ["S3", "Penguatan arsip daerah", "T1"]],
    "Program": [["Kode", "Uraian", "Induk", "Perangkat Daerah"],
                ["1.02.02", "Program Pemenuhan Upaya Kesehatan", "S1", "Dinas Kesehatan"],
                ["1.02.03", "Program Peningkatan Kapasitas SDM Kesehatan", None, "Dinas Kesehatan"],
                ["2.16.03", "Program Aplikasi Informatika", "S2", "Diskominfo"]],
    "Proses Bisnis": [["Kode", "Uraian", "Induk", "Perangkat Daerah", "Indikator"],
                      ["PB-01", "Pelayanan rawat jalan", "1.02.02", "Dinas Kesehatan", "Angka kesakitan"],
                      ["PB-02", "Pengelolaan alat kesehatan", "1.02.02", "Dinas Kesehatan", None],
                      ["PB-03", "Pengelolaan pusat data", "2.16.03", "Diskominfo", None],
                      ["PB-04", "Pengaduan masyarakat", None, "Diskominfo", None]],
    "Aplikasi": [["Kode", "Uraian", "Induk", "Perangkat Daerah"],
                 ["APL-01", "SIMPUS", "PB-01", "Dinas Kesehatan"],
                 ["APL-02", "P-Care", "PB-01", "Dinas Kesehatan"],
                 ["APL-03", "Satu Data", "PB-03", "Diskominfo"],
                 ["APL-04", "SP4N-LAPOR", "PB-04", "Diskominfo"],
                 ["APL-06", "Aplikasi Arsip Lama", None, "Diskominfo"]],
}

#: The perubahan, as CSV text: BOM and ``;`` are added by the writer; spaces as a planner leaves them.
PERUBAHAN = {
    "visi.csv": "Kode;Uraian\nV1;Tangerang kota yang sehat, cerdas dan berdaya saing\n",
    "misi.csv": "Kode;Uraian;Induk\nM1; Meningkatkan kualitas  layanan publik ;V1\n",
    "tujuan.csv": "Kode;Uraian;Induk\nT1;Meningkatnya kualitas layanan dasar;M1\n",
    "strategi.csv": ("Kode;Uraian;Induk\n"
                     "S3;Penguatan arsip daerah;T1\n"
                     "S2;Integrasi layanan pemerintahan digital;T1\n"
                     "S1 ;Pemerataan fasilitas kesehatan dasar;T1\n"),
    "program.csv": ("Kode;Uraian;Induk;Perangkat Daerah\n"
                    "2.16.03;Program Aplikasi Informatika;S2;Diskominfo\n"
                    "1.02.03;Program Peningkatan Kapasitas SDM Kesehatan;S1;Dinas Kesehatan\n"
                    "1.02.02;Program Pemenuhan Upaya Kesehatan; S1;Dinas  Kesehatan\n"),
    "proses bisnis.csv": ("Kode;Uraian;Induk;Perangkat Daerah;Indikator\n"
                          "PB-05;Pelatihan tenaga kesehatan;1.02.03;Dinas Kesehatan;\n"
                          "PB-03;Pengelolaan pusat data;1.02.03;Diskominfo;\n"
                          "PB-02;Pengelolaan alat kesehatan;1.02.02;RSUD;\n"
                          "PB-01;Pelayanan rawat jalan;1.02.02;Dinas Kesehatan;Angka kesakitan per 1.000 penduduk\n"),
    "aplikasi.csv": ("Kode;Uraian;Perangkat Daerah\n"
                     "APL-05;SIAKAD Nakes;Dinas Kesehatan\n"
                     "APL-03;Satu Data;Bappeda\n"
                     "APL-02;P-Care;Dinas Kesehatan\n"
                     "APL-01;SIMPUS;Dinas Kesehatan\n"
                     "APL-06;Aplikasi Arsip Lama;Diskominfo\n"),
    "relasi.csv": ("Induk;Anak\n"
                   "PB-01;APL-01\n"
                   "PB-02;APL-02\n"
                   "PB-03 ; APL-03\n"
                   "PB-05;APL-05\n"),
}


def awal_workbook(path: Path) -> Path:
    return write_workbook(path, AWAL)


def perubahan_folder(path: Path) -> Path:
    return write_csv_dir(path, PERUBAHAN, encoding="utf-8-sig")


#: What ``diff(awal, perubahan)`` must say.
EXPECTED_DIFF = {
    "elements": {
        "added": ["APL-05", "PB-05"],
        "removed": ["APL-04", "PB-04"],
        "changed": {"APL-03": ["opd"], "PB-01": ["Indikator"], "PB-02": ["opd"],
                    "S2": ["name"]},
        "changed_values": {
            "APL-03": {"opd": ["Diskominfo", "Bappeda"]},
            "PB-01": {"Indikator": ["Angka kesakitan", "Angka kesakitan per 1.000 penduduk"]},
            "PB-02": {"opd": ["Dinas Kesehatan", "RSUD"]},
            "S2": {"name": ["Integrasi layanan digital", "Integrasi layanan pemerintahan digital"]},
        },
    },
    "links": {
        "added": [["1.02.03", "PB-03"], ["1.02.03", "PB-05"], ["PB-02", "APL-02"], ["PB-05", "APL-05"],
                  ["S1", "1.02.03"]],
        "removed": [["2.16.03", "PB-03"], ["PB-01", "APL-02"], ["PB-04", "APL-04"]],
    },
    "findings": {
        # awal: PB-04 has no strategy; perubahan: every process has one.
        "orphans": {"new": [], "resolved": ["PB-04"], "persisting": []},
        # awal: S3 has no process; 2.16.03 keeps none in perubahan, so S2 is newly unbacked.
        "unbacked": {"new": ["S2"], "resolved": [], "persisting": ["S3"]},
        # APL-06 serves no process in either; APL-04 went with PB-04.
        "unused_applications": {"new": [], "resolved": [], "persisting": ["APL-06"]},
        # awal: PB-02 had no application; perubahan: APL-02 serves it. PB-04 had APL-04.
        "processes_without_application": {"new": [], "resolved": ["PB-02"], "persisting": []},
    },
}
