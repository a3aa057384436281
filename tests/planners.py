"""Planners' documents as they keep them, built for the tests: a cascading matrix with merged
cells, title rows, a two-row header, a numbering row and VISI/MISI bands; and the same plan as a
flat one-row-per-chain CSV (ancestors repeated, ``;``-separated, BOM, stray spaces)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

TUJUAN = "Meningkatnya derajat kesehatan masyarakat"
SASARAN_1 = "Meningkatnya akses dan mutu layanan kesehatan"
SASARAN_2 = "Meningkatnya tata kelola pemerintahan berbasis elektronik"
SASARAN_3 = "Meningkatnya kualitas lingkungan hidup"
STRATEGI_1 = "Pemerataan fasilitas kesehatan dasar"
STRATEGI_2 = "Integrasi layanan digital"
STRATEGI_3 = "Pengendalian pencemaran"
ARAH_2 = "Satu data dan satu aplikasi layanan"

#: (no, tujuan, sasaran, strategi, arah kebijakan, program code, program name, kegiatan, sub kegiatan,
#:  proses bisnis, aplikasi, perangkat daerah, indikator) — one chain a row, None where the matrix is empty.
CHAINS = [
    ("1", TUJUAN, SASARAN_1, STRATEGI_1, "-", "1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN",
     "1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan", "1.02.02.2.01.0001 Pembangunan Puskesmas",
     "PB-01 Pelayanan rawat jalan", "APL-01 SIMPUS\nAPL-02 P-Care", "Dinas Kesehatan", "Angka kesakitan"),
    ("", TUJUAN, SASARAN_1, STRATEGI_1, "-", "1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN",
     "1.02.02.2.01 Penyediaan Fasilitas Pelayanan Kesehatan", "1.02.02.2.01.0002 Pengadaan Alat Kesehatan",
     "PB-02 Pengelolaan alat kesehatan", "-", "Dinas Kesehatan", "Persentase puskesmas terakreditasi"),
    ("2", TUJUAN, SASARAN_2, STRATEGI_2, ARAH_2, "2.16.03", "PROGRAM APLIKASI INFORMATIKA",
     "2.16.03.2.02 Pengelolaan e-Government", "2.16.03.2.02.0001 Pengelolaan Pusat Data",
     "PB-03 Pengelolaan pusat data", "APL-03 Satu Data; APL-01 SIMPUS", "Diskominfo", "Indeks SPBE"),
    ("3", TUJUAN, SASARAN_3, STRATEGI_3, None, None, None, None, None, None, None, "DLH", "Indeks kualitas air"),
    ("4", None, None, None, None, None, None, None, "4.01.01.2.01.0001 Penyediaan ATK",
     None, "APL-04 SIRUP", "Setda", None),
    ("5", None, None, None, None, None, None, None, None, "PB-04 Pengaduan masyarakat", "APL-05 SP4N-LAPOR",
     "Diskominfo", None),
]
HEADER_1 = ["No", "Tujuan", "Sasaran", "Strategi", "Arah Kebijakan", "Program", None, "Kegiatan", "Sub Kegiatan",
            "Proses Bisnis", "Aplikasi", "Perangkat Daerah", "Indikator Kinerja"]
HEADER_2 = [None, None, None, None, None, "Kode", "Uraian", None, None, None, None, None, None]
VISI = "Tangerang kota yang maju, sejahtera, berakhlakul karimah dan berwawasan lingkungan"
MISI = "Mewujudkan sumber daya manusia yang sehat dan berkualitas"


def matrix_workbook(path: Path) -> Path:
    """The matrix as Bappeda draws it: titles, a header merged over two rows, (1)…(13), bands, merges down."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Matriks Cascading"
    width = len(HEADER_1)
    sheet.append(["MATRIKS CASCADING RPJMD KOTA TANGERANG TAHUN 2019-2023 (PERUBAHAN)"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(["Lampiran II Peraturan Wali Kota"])
    sheet.append([])
    sheet.append(HEADER_1)
    sheet.append(HEADER_2)
    for col in range(1, width + 1):
        if col not in (6, 7):
            sheet.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    sheet.merge_cells(start_row=4, start_column=6, end_row=4, end_column=7)
    sheet.append([f"({k})" for k in range(1, width + 1)])
    sheet.append([f"VISI : {VISI}"])
    sheet.merge_cells(start_row=7, start_column=1, end_row=7, end_column=width)
    sheet.append([f"MISI 2 : {MISI}"])
    sheet.merge_cells(start_row=8, start_column=1, end_row=8, end_column=width)
    first = 9
    for k, chain in enumerate(CHAINS):
        sheet.append(list(chain))
    # merged down as a planner merges them: a tujuan over its rows, a sasaran/strategi/program/kegiatan over its own
    for col, rows in ((2, (0, 3)), (3, (0, 1)), (4, (0, 1)), (5, (0, 1)), (6, (0, 1)), (7, (0, 1)), (8, (0, 1))):
        top, bottom = first + rows[0], first + rows[1]
        for r in range(top + 1, bottom + 1):
            sheet.cell(r, col).value = None
        sheet.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
    book.save(path)
    return path


def flat_csv(path: Path) -> Path:
    """The same plan, one row per chain, ancestors repeated; ``;``, BOM, stray and double spaces."""
    header = ["Visi", "Misi", *[h for h in HEADER_1[1:5]], "Kode Program", "Nama Program", *HEADER_1[7:]]
    lines = [";".join(header)]
    for chain in CHAINS:
        cells = [VISI, MISI, *[("  " + c.replace(" ", "  ", 1) + " ") if c else "" for c in chain[1:]]]
        lines.append(";".join('"' + c.replace('"', '""') + '"' if ("\n" in c or ";" in c) else c for c in cells))
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path
