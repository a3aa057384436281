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


def _merge_down(sheet, col: int, top: int, bottom: int) -> None:
    for r in range(top + 1, bottom + 1):
        sheet.cell(r, col).value = None
    sheet.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)


TC27_SASARAN_1, TC27_SASARAN_2, TC27_SASARAN_3 = SASARAN_1, SASARAN_2, SASARAN_3


def tc27_workbook(path: Path) -> Path:
    """A Renstra's T-C.27 as an OPD types it, with its peta proses bisnis and application inventory.

    T-C.27: tujuan and sasaran merged down their blocks, no codes; the kode over five columns
    (urusan, bidang, program, kegiatan, sub kegiatan) with parts typed as numbers in display formats
    (``02`` stored as 2 with format ``00``, ``2.01`` as a number, ``2,01`` as text, ``0001`` as 1 with
    ``0000``); indicator rows with no code continue the row above.
    Peta Proses Bisnis: Level-0 groups merged down over their Level-1 processes, each tied to a sub
    kegiatan by code. Inventaris Aplikasi: the processes an application serves, by code one a line, or by name.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "T-C.27"
    sheet.append(["Tabel T-C.27"])
    sheet.append(["Rencana Program, Kegiatan, dan Pendanaan Perangkat Daerah Kota Tangerang"])
    sheet.append([])
    sheet.append(["Tujuan", "Sasaran", "Kode", None, None, None, None, "Program dan Kegiatan",
                  "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
                  "Unit Kerja Perangkat Daerah Penanggung Jawab"])
    sheet.append([None] * 10)
    sheet.merge_cells("C4:G5")
    for col in (1, 2, 8, 9, 10):
        sheet.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    sheet.append([f"({k})" for k in range(1, 11)])
    rows = [   # from row 7
        (TUJUAN, SASARAN_1, None, None, None, None, None, None, "Usia harapan hidup", None),
        (TUJUAN, SASARAN_1, 1, None, None, None, None, "URUSAN PEMERINTAHAN WAJIB PELAYANAN DASAR", None, None),
        (TUJUAN, SASARAN_1, 1, 2, None, None, None, "URUSAN PEMERINTAHAN BIDANG KESEHATAN", None, None),
        (TUJUAN, SASARAN_1, 1, 2, 2, None, None, "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Angka kesakitan", "Dinas Kesehatan"),
        (TUJUAN, SASARAN_1, None, None, None, None, None, None, "Angka kematian ibu", None),
        (TUJUAN, SASARAN_1, 1, 2, 2, 2.01, None, "Penyediaan Fasilitas Pelayanan Kesehatan", "Jumlah fasilitas", "Dinas Kesehatan"),
        (TUJUAN, SASARAN_1, 1, 2, 2, 2.01, 1, "Pembangunan Puskesmas", "Jumlah puskesmas", "Dinas Kesehatan"),
        (TUJUAN, SASARAN_1, 1, 2, 2, 2.01, 2, "Pengadaan Alat Kesehatan", "Jumlah alat", "Dinas Kesehatan"),
        (TUJUAN, SASARAN_2, 2, None, None, None, None, "URUSAN PEMERINTAHAN WAJIB NON PELAYANAN DASAR", None, None),
        (TUJUAN, SASARAN_2, 2, 16, None, None, None, "URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA", None, None),
        (TUJUAN, SASARAN_2, 2, 16, 3, None, None, "PROGRAM APLIKASI INFORMATIKA", "Indeks SPBE", "Diskominfo"),
        (TUJUAN, SASARAN_2, 2, 16, 3, "2,02", None, "Pengelolaan e-Government", "Layanan terintegrasi", "Diskominfo"),
        (TUJUAN, SASARAN_2, 2, 16, 3, "2,02", 1, "Pengelolaan Pusat Data", "Ketersediaan pusat data", "Diskominfo"),
        (TUJUAN, SASARAN_3, None, None, None, None, None, None, "Indeks kualitas air", None),
    ]
    for row in rows:
        sheet.append(list(row))
    for r in range(7, 7 + len(rows)):
        sheet.cell(r, 4).number_format = "00"
        sheet.cell(r, 5).number_format = "00"
        sheet.cell(r, 7).number_format = "0000"
    _merge_down(sheet, 1, 7, 7 + len(rows) - 1)
    _merge_down(sheet, 2, 7, 14)
    _merge_down(sheet, 2, 15, 19)

    peta = book.create_sheet("Peta Proses Bisnis")
    peta.append(["PETA PROSES BISNIS DINAS KESEHATAN DAN DISKOMINFO"])
    peta.append(["No", "Proses Bisnis Level 0", "Kode", "Proses Bisnis Level 1", "Sub Kegiatan Terkait", "Perangkat Daerah"])
    peta.append([1, "Pelayanan Kesehatan", "PB.01.01", "Pelayanan rawat jalan", "1.02.02.2.01.0001", "Dinas Kesehatan"])
    peta.append([None, "Pelayanan Kesehatan", "PB.01.02", "Pengelolaan alat kesehatan", "1.02.02.2.01.0002", "Dinas Kesehatan"])
    peta.append([None, "Pelayanan Kesehatan", "PB.01.03", "Rujukan pasien", "-", "Dinas Kesehatan"])
    peta.append([2, "Tata Kelola SPBE", "PB.02.01", "Pengelolaan pusat data", "2.16.03.2.02.0001", "Diskominfo"])
    _merge_down(peta, 2, 3, 5)

    apps = book.create_sheet("Inventaris Aplikasi")
    apps.append(["No", "Kode Aplikasi", "Nama Aplikasi", "Proses Bisnis yang Dilayani", "Domain Layanan"])
    apps.append([1, "APL-01", "SIMPUS", "PB.01.01\nPB.01.03", "layanan publik"])
    apps.append([2, "APL-02", "Satu Data", "Pengelolaan  pusat data", "administrasi pemerintahan"])
    apps.append([3, "APL-03", "SIMAK BMD", "Pengelolaan aset daerah", "administrasi pemerintahan"])
    book.save(path)
    return path


def code_list_workbook(path: Path) -> Path:
    """A list of programs, kegiatan and sub kegiatan by their Permendagri 90/2019 codes alone."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Nomenklatur"
    sheet.append(["DAFTAR PROGRAM, KEGIATAN DAN SUB KEGIATAN"])
    sheet.append(["Kode", "Uraian", "Perangkat Daerah"])
    for row in [("1", "URUSAN PEMERINTAHAN WAJIB PELAYANAN DASAR", None),
                ("1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN", None),
                ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Dinas Kesehatan"),
                ("1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan", "Dinas Kesehatan"),
                ("1.02.02.2.01.0001", "Pembangunan Puskesmas", "Dinas Kesehatan"),
                ("1.02.02.2.01.02", "Rehabilitasi Puskesmas (kode lama, dua digit)", "Dinas Kesehatan"),
                ("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SDM KESEHATAN", "Dinas Kesehatan")]:
        sheet.append(list(row))
    book.save(path)
    return path


POHON = [  # id, parent, nama_pohon, jenis_pohon, level_pohon, kode_opd
    (1, 0, "Meningkatnya kualitas pelayanan publik", "Strategic", 4, "5.01.5.05.0.00.01.0000"),
    (2, 1, "Meningkatnya kualitas layanan perizinan", "Tactical", 5, "2.18.0.00.0.00.01.0000"),
    (3, 2, "Terselenggaranya perizinan online", "Operational", 6, "2.18.0.00.0.00.01.0000"),
    (4, 1, "Meningkatnya layanan kependudukan", "Tactical", 5, "2.12.0.00.0.00.01.0000"),
    (5, 4, "Terselenggaranya layanan adminduk terpadu", "Operational", 6, "2.12.0.00.0.00.01.0000"),
    (6, 0, "Meningkatnya tata kelola keuangan", "Strategic", 4, "5.02.0.00.0.00.01.0000"),
]


def spbe_workbook(path: Path) -> Path:
    """An SPBE architecture app's export (as Kota Madiun's): pohon kinerja, processes, applications;
    every header of the process and application sheets merged over two rows."""
    book = openpyxl.Workbook()
    tree = book.active
    tree.title = "Pohon Kinerja"
    tree.append(["id", "parent", "nama_pohon", "jenis_pohon", "level_pohon", "kode_opd"])
    for row in POHON:
        tree.append(list(row))

    def merged_header(sheet, titles):
        sheet.append(titles)
        sheet.append([None] * len(titles))
        for col in range(1, len(titles) + 1):
            sheet.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)

    proc = book.create_sheet("Proses Bisnis")
    merged_header(proc, ["No.", "Nama Proses Bisnis", "Kode Proses Bisnis", "Kode OPD", "Tahun", "Bidang Urusan",
                         "RAB Level 1", "RAB Level 2", "RAB Level 3", "Strategic", "Tactical", "Operational"])
    proc.append([1, "Penerbitan izin usaha", "pb-1", "2.18.0.00.0.00.01.0000", 2024, "Penanaman Modal",
                 "RAB.01", "RAB.01.01", "RAB.01.01.01", "Meningkatnya kualitas pelayanan publik",
                 "Meningkatnya kualitas layanan perizinan", "Terselenggaranya perizinan online"])
    proc.append([2, "Penerbitan KTP elektronik", "pb-2", "2.12.0.00.0.00.01.0000", 2024, "Adminduk",
                 "RAB.02", "RAB.02.01", "RAB.02.01.01", "Meningkatnya kualitas pelayanan publik",
                 "Meningkatnya layanan kependudukan", None])
    proc.append([3, "Pengelolaan arsip", "pb-3", "5.01.5.05.0.00.01.0000", 2024, "Kearsipan",
                 "RAB.03", "RAB.03.01", "RAB.03.01.01", None, None, "Terselenggaranya kearsipan digital"])

    app = book.create_sheet("Aplikasi")
    merged_header(app, ["No.", "Nama Aplikasi", "Fungsi Aplikasi", "Jenis Aplikasi", "Kode OPD", "Strategic",
                        "Tactical", "Operational"])
    app.append([1, "SiCantik", "Perizinan online", "Aplikasi Khusus", "2.18.0.00.0.00.01.0000",
                "Meningkatnya kualitas pelayanan publik", "Meningkatnya kualitas layanan perizinan",
                "Terselenggaranya perizinan online"])
    app.append([2, "SIAK", "Administrasi kependudukan", "Aplikasi Khusus", "2.12.0.00.0.00.01.0000",
                "Meningkatnya kualitas pelayanan publik", "Meningkatnya layanan kependudukan",
                "Terselenggaranya layanan adminduk terpadu"])
    app.append([3, "SIPKD", "Keuangan daerah", "Aplikasi Umum", "5.02.0.00.0.00.01.0000",
                "Meningkatnya tata kelola keuangan", None, None])
    book.save(path)
    return path


def _csv(path: Path, header: list[str], rows: list[list]) -> None:
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    path.write_text(text.getvalue(), encoding="utf-8")


def sipd_export(folder: Path) -> Path:
    """SIPD's RPJMD tables as wp-sipd mirrors them: keys in id_unik (not id), one row per indicator,
    programs under sasaran by kode_sasaran, a deleted (active 0) row."""
    folder.mkdir(parents=True, exist_ok=True)
    common = ["active", "update_at", "tahun_anggaran"]
    _csv(folder / "data_rpjmd_visi_lokal.csv", ["id", "id_visi", "is_locked", "status", "visi_teks", *common],
         [[1, 7, 0, "", VISI, 1, "2024-01-05 10:00:00", 2024]])
    _csv(folder / "data_rpjmd_misi_lokal.csv",
         ["id", "id_misi", "id_misi_old", "id_visi", "is_locked", "misi_teks", "status", "urut_misi", "visi_lock",
          "visi_teks", *common],
         [[1, 7, "", 7, 0, MISI, "", 2, 0, VISI, 1, "2024-01-05 10:00:00", 2024]])
    _csv(folder / "data_rpjmd_tujuan_lokal.csv",
         ["id", "id_misi", "id_tujuan", "id_unik", "id_unik_indikator", "indikator_teks", "misi_teks",
          "tujuan_teks", *common],
         [[11, 7, 3, "k3x9q", "", "", MISI, TUJUAN, 1, "2024-01-05", 2024],
          [12, 7, 3, "k3x9q", "u81", "Usia harapan hidup", MISI, TUJUAN, 1, "2024-01-05", 2024]])
    _csv(folder / "data_rpjmd_sasaran_lokal.csv",
         ["id", "id_misi", "id_sasaran", "id_unik", "id_unik_indikator", "indikator_teks", "kode_tujuan",
          "sasaran_teks", *common],
         [[21, 7, 5, "p0a2m", "", "", "k3x9q", SASARAN_1, 1, "2024-01-05", 2024],
          [22, 7, 5, "p0a2m", "i11", "Angka kesakitan", "k3x9q", SASARAN_1, 1, "2024-01-05", 2024],
          [23, 7, 5, "p0a2m", "i12", "Angka kematian ibu", "k3x9q", SASARAN_1, 1, "2024-01-05", 2024],
          [24, 7, 6, "z7f1c", "", "", "k3x9q", SASARAN_3, 1, "2024-01-05", 2024],
          [25, 7, 8, "dd001", "", "", "k3x9q", "Sasaran yang dihapus", 0, "2024-01-05", 2024]])
    _csv(folder / "data_rpjmd_program_lokal.csv",
         ["id", "id_program", "id_unik", "id_unik_indikator", "indikator", "kode_sasaran", "kode_skpd",
          "nama_program", "nama_skpd", "pagu_1", "sasaran_teks", *common],
         [[31, 101, "r5t6y", "", "", "p0a2m", "1.02.0.00.0.00.01.0000", "PROGRAM PEMENUHAN UPAYA KESEHATAN",
           "Dinas Kesehatan", 125000000, SASARAN_1, 1, "2024-01-05", 2024],
          [32, 101, "r5t6y", "j9", "Persentase puskesmas terakreditasi", "p0a2m", "1.02.0.00.0.00.01.0000",
           "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Dinas Kesehatan", 125000000, SASARAN_1, 1, "2024-01-05", 2024],
          [33, 102, "w2e3r", "", "", "", "4.01.0.00.0.00.01.0000", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN",
           "Sekretariat Daerah", 9000000, "", 1, "2024-01-05", 2024]])
    # the organisation bureau's processes, tied to the SIPD programs by their id_unik
    _csv(folder / "proses bisnis.csv", ["Kode", "Uraian", "Induk", "Perangkat Daerah"],
         [["PB-01", "Pelayanan rawat jalan", "r5t6y", "Dinas Kesehatan"],
          ["PB-02", "Pengelolaan persuratan", "w2e3r", "Sekretariat Daerah"]])
    return folder


def spbe_csv(folder: Path) -> Path:
    """The same SPBE export saved as CSV files (one header row; the files named as the app names its sheets)."""
    import openpyxl

    book = openpyxl.load_workbook(spbe_workbook(folder.with_suffix(".xlsx")))
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if sheet.title != "Pohon Kinerja":
            del rows[1]   # the second header row, empty once unmerged
        _csv(folder / f"{sheet.title.lower()}.csv", rows[0], rows[1:])
    return folder
