"""Build ``seed/tangerang.xlsx``: an illustrative Kota Tangerang planning cascade.

Run ``python seed/build_tangerang.py`` from the repository root (or anywhere:
the output is written next to this script). The script is deterministic: the
same workbook, byte for byte, on every run.

Public facts (see seed/README.md): the June 2022 business-process workshop,
the amended RPJMD 2019–2023, the vision text, and the 196 applications split
72 *administrasi pemerintahan* / 124 *layanan publik*. Everything else —
missions' wording, goals, strategies, the program → process → application
links, most application names — is illustrative, shaped like a real Indonesian
city's plan, with deliberate gaps for the analyses to find.

Sheets: Visi, Misi, Tujuan, Strategi, Program, Proses Bisnis, Aplikasi (one per
level), Relasi (extra many-to-many links: Induk → Anak) and Catatan (notes,
ignored by the reader).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
OUT = HERE / "tangerang.xlsx"

PUBLIK = "layanan publik"
ADMIN = "administrasi pemerintahan"
UMUM = "aplikasi umum"
KHUSUS = "aplikasi khusus"

# --------------------------------------------------------------------------
# Visi / Misi / Tujuan / Strategi: (Kode, Uraian, Induk, Perangkat Daerah)
# --------------------------------------------------------------------------

VISI = [
    ("V1", "Terwujudnya Kota Tangerang yang Sejahtera, Berakhlakul Karimah dan Berdaya Saing",
     "", "Pemerintah Kota Tangerang", "RPJMD 2019–2023 (perubahan)"),
]

MISI = [
    ("M1", "Meningkatkan kualitas sumber daya manusia melalui pendidikan, kesehatan dan "
           "kesejahteraan sosial yang didukung tata kelola pemerintahan yang profesional",
     "V1", "Bappeda"),
    ("M2", "Mewujudkan infrastruktur kota yang berkelanjutan dan berwawasan lingkungan",
     "V1", "Bappeda"),
    ("M3", "Mewujudkan pertumbuhan ekonomi yang mandiri dan berkeadilan",
     "V1", "Bappeda"),
]

TUJUAN = [
    ("T1.1", "Meningkatkan kualitas dan pemerataan layanan pendidikan", "M1", "Dinas Pendidikan"),
    ("T1.2", "Meningkatkan derajat kesehatan masyarakat", "M1", "Dinas Kesehatan"),
    ("T1.3", "Meningkatkan kesejahteraan sosial dan kualitas hidup masyarakat", "M1", "Dinas Sosial"),
    ("T1.4", "Mewujudkan tata kelola pemerintahan yang profesional, akuntabel dan berbasis elektronik",
     "M1", "Bappeda"),
    ("T2.1", "Meningkatkan kualitas infrastruktur dan penataan ruang kota", "M2", "Dinas PUPR"),
    ("T2.2", "Mewujudkan lingkungan hidup yang berkualitas dan kota yang tangguh bencana", "M2",
     "Dinas Lingkungan Hidup"),
    ("T2.3", "Meningkatkan kinerja sistem transportasi kota", "M2", "Dinas Perhubungan"),
    ("T3.1", "Meningkatkan investasi dan daya saing usaha", "M3", "DPMPTSP"),
    ("T3.2", "Meningkatkan ekonomi kerakyatan dan kesempatan kerja", "M3;M1",
     "Dinas Perindustrian, Perdagangan, Koperasi dan UKM"),
]

STRATEGI = [
    ("S1.1.1", "Perluasan akses dan pemerataan pendidikan dasar", "T1.1", "Dinas Pendidikan"),
    ("S1.1.2", "Peningkatan mutu pendidik dan tenaga kependidikan", "T1.1", "Dinas Pendidikan"),
    ("S1.2.1", "Penguatan pelayanan kesehatan dasar dan rujukan", "T1.2", "Dinas Kesehatan"),
    ("S1.2.2", "Peningkatan upaya kesehatan masyarakat dan pencegahan penyakit", "T1.2",
     "Dinas Kesehatan"),
    ("S1.3.1", "Penguatan perlindungan dan jaminan sosial bagi masyarakat rentan", "T1.3",
     "Dinas Sosial"),
    # gap: no program points at this strategy (its program 2.08.02 has no Induk)
    ("S1.3.2", "Pemberdayaan perempuan dan perlindungan anak", "T1.3", "DP3AP2KB"),
    ("S1.4.1", "Penguatan perencanaan, penganggaran dan pengawasan berbasis kinerja", "T1.4",
     "Bappeda"),
    ("S1.4.2", "Penerapan Sistem Pemerintahan Berbasis Elektronik (SPBE) yang terpadu", "T1.4",
     "Diskominfo"),
    ("S1.4.3", "Peningkatan kualitas pelayanan administrasi kependudukan", "T1.4", "Disdukcapil"),
    ("S1.4.4", "Pengembangan manajemen ASN berbasis sistem merit", "T1.4", "BKPSDM"),
    ("S2.1.1", "Peningkatan kualitas jalan, drainase dan pengendalian banjir", "T2.1", "Dinas PUPR"),
    ("S2.1.2", "Pengendalian pemanfaatan ruang dan bangunan gedung", "T2.1", "Dinas PUPR"),
    # gap: its programs have no business process
    ("S2.1.3", "Penyediaan perumahan dan kawasan permukiman layak huni", "T2.1", "Disperkimtan"),
    ("S2.2.1", "Pengelolaan persampahan dan pengendalian pencemaran lingkungan", "T2.2",
     "Dinas Lingkungan Hidup"),
    # gap: its programs have no business process
    ("S2.2.2", "Penambahan dan pemeliharaan ruang terbuka hijau", "T2.2", "Dinas Lingkungan Hidup"),
    ("S2.3.1", "Peningkatan manajemen lalu lintas dan angkutan umum massal", "T2.3",
     "Dinas Perhubungan"),
    ("S3.1.1", "Penyederhanaan perizinan dan pelayanan terpadu satu pintu", "T3.1", "DPMPTSP"),
    ("S3.1.2", "Promosi dan kemudahan penanaman modal", "T3.1", "DPMPTSP"),
    ("S3.2.1", "Pemberdayaan koperasi, UMKM dan industri kecil", "T3.2",
     "Dinas Perindustrian, Perdagangan, Koperasi dan UKM"),
    ("S3.2.2", "Peningkatan kompetensi dan penempatan tenaga kerja", "T3.2", "Dinas Ketenagakerjaan"),
    ("S3.2.3", "Pengembangan ekonomi kreatif dan pariwisata", "T3.2",
     "Dinas Kebudayaan dan Pariwisata"),
]

# --------------------------------------------------------------------------
# Program (Permendagri 90/2019-style codes): (Kode, Uraian, Induk, OPD, Bidang Urusan)
# --------------------------------------------------------------------------

PROGRAM = [
    ("1.01.02", "Program Pengelolaan Pendidikan", "S1.1.1", "Dinas Pendidikan", "1.01 Pendidikan"),
    ("1.01.04", "Program Pendidik dan Tenaga Kependidikan", "S1.1.2", "Dinas Pendidikan",
     "1.01 Pendidikan"),
    ("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
     "S1.2.1;S1.2.2", "Dinas Kesehatan", "1.02 Kesehatan"),
    ("1.02.03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan", "S1.2.1",
     "Dinas Kesehatan", "1.02 Kesehatan"),
    ("1.02.04", "Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman", "S1.2.2",
     "Dinas Kesehatan", "1.02 Kesehatan"),
    ("1.06.04", "Program Rehabilitasi Sosial", "S1.3.1", "Dinas Sosial", "1.06 Sosial"),
    ("1.06.05", "Program Perlindungan dan Jaminan Sosial", "S1.3.1", "Dinas Sosial", "1.06 Sosial"),
    # gap: not linked to any strategy (S1.3.2 would be its natural parent)
    ("2.08.02", "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan", "", "DP3AP2KB",
     "2.08 Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("5.01.02", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah", "S1.4.1",
     "Bappeda", "5.01 Perencanaan"),
    ("5.02.02", "Program Pengelolaan Keuangan Daerah", "S1.4.1", "BPKAD", "5.02 Keuangan"),
    ("5.02.03", "Program Pengelolaan Barang Milik Daerah", "S1.4.1", "BPKAD", "5.02 Keuangan"),
    ("5.02.04", "Program Pengelolaan Pendapatan Daerah", "S1.4.1", "Bapenda", "5.02 Keuangan"),
    ("6.01.02", "Program Penyelenggaraan Pengawasan", "S1.4.1", "Inspektorat",
     "6.01 Inspektorat Daerah"),
    ("2.16.02", "Program Informasi dan Komunikasi Publik", "S1.4.2", "Diskominfo",
     "2.16 Komunikasi dan Informatika"),
    ("2.16.03", "Program Aplikasi Informatika", "S1.4.2", "Diskominfo",
     "2.16 Komunikasi dan Informatika"),
    ("2.12.02", "Program Pendaftaran Penduduk", "S1.4.3", "Disdukcapil",
     "2.12 Administrasi Kependudukan dan Pencatatan Sipil"),
    ("2.12.03", "Program Pencatatan Sipil", "S1.4.3", "Disdukcapil",
     "2.12 Administrasi Kependudukan dan Pencatatan Sipil"),
    ("5.03.02", "Program Kepegawaian Daerah", "S1.4.4", "BKPSDM", "5.03 Kepegawaian"),
    ("1.03.02", "Program Pengelolaan Sumber Daya Air (SDA)", "S2.1.1", "Dinas PUPR",
     "1.03 Pekerjaan Umum dan Penataan Ruang"),
    ("1.03.10", "Program Penyelenggaraan Jalan", "S2.1.1", "Dinas PUPR",
     "1.03 Pekerjaan Umum dan Penataan Ruang"),
    ("1.03.08", "Program Penataan Bangunan Gedung", "S2.1.2", "Dinas PUPR",
     "1.03 Pekerjaan Umum dan Penataan Ruang"),
    ("1.03.12", "Program Penyelenggaraan Penataan Ruang", "S2.1.2", "Dinas PUPR",
     "1.03 Pekerjaan Umum dan Penataan Ruang"),
    # gap: the two housing programs have no business process under them
    ("1.04.02", "Program Pengembangan Perumahan", "S2.1.3", "Disperkimtan",
     "1.04 Perumahan dan Kawasan Permukiman"),
    ("1.04.03", "Program Kawasan Permukiman", "S2.1.3; S2.2.2", "Disperkimtan",
     "1.04 Perumahan dan Kawasan Permukiman"),
    ("2.11.11", "Program Pengelolaan Persampahan", "S2.2.1", "Dinas Lingkungan Hidup",
     "2.11 Lingkungan Hidup"),
    ("2.11.03", "Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup", "S2.2.1",
     "Dinas Lingkungan Hidup", "2.11 Lingkungan Hidup"),
    ("2.11.07", "Program Pengelolaan Keanekaragaman Hayati (KEHATI)", "S2.2.2",
     "Dinas Lingkungan Hidup", "2.11 Lingkungan Hidup"),
    # gap: level skip — linked straight to a goal, no strategy in between
    ("1.05.03", "Program Penanggulangan Bencana", "T2.2", "BPBD",
     "1.05 Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat"),
    # gap: no Induk at all
    ("1.05.02", "Program Peningkatan Ketenteraman dan Ketertiban Umum", "", "Satpol PP",
     "1.05 Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat"),
    (" 2.15.02", "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)", "S2.3.1",
     "Dinas Perhubungan", "2.15 Perhubungan"),
    ("2.18.04", "Program Pelayanan Penanaman Modal", "S3.1.1", "DPMPTSP", "2.18 Penanaman Modal"),
    ("2.18.02", "Program Pengembangan Iklim Penanaman Modal", "S3.1.2", "DPMPTSP",
     "2.18 Penanaman Modal"),
    ("2.18.03", "Program Promosi Penanaman Modal", "S3.1.2", "DPMPTSP", "2.18 Penanaman Modal"),
    ("2.17.07", "Program Pemberdayaan Usaha Menengah, Usaha Kecil dan Usaha Mikro (UMKM)",
     "S3.2.1", "Dinas Perindustrian, Perdagangan, Koperasi dan UKM",
     "2.17 Koperasi, Usaha Kecil dan Menengah"),
    ("3.30.03", "Program Peningkatan Sarana Distribusi Perdagangan", "S3.2.1",
     "Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "3.30 Perdagangan"),
    ("3.31.02", "Program Perencanaan dan Pembangunan Industri", "S3.2.1",
     "Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "3.31 Perindustrian"),
    ("2.07.03", "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja", "S3.2.2",
     "Dinas Ketenagakerjaan", "2.07 Tenaga Kerja"),
    ("2.07.04", "Program Penempatan Tenaga Kerja", "S3.2.2", "Dinas Ketenagakerjaan",
     "2.07 Tenaga Kerja"),
    ("3.26.02", "Program Peningkatan Daya Tarik Destinasi Pariwisata", "S3.2.3",
     "Dinas Kebudayaan dan Pariwisata", "3.26 Pariwisata"),
]

# --------------------------------------------------------------------------
# Proses Bisnis: (Kode, Uraian, Induk, OPD, Urusan, apps)
# apps: list of (Uraian, domain, jenis) — "P" layanan publik / "A" administrasi
# pemerintahan, "U" aplikasi umum / "K" aplikasi khusus. Applications shared by
# several processes are listed once, under their first process, and linked to
# the others through SHARED below.
# --------------------------------------------------------------------------

DIK, KES, RS = "Dinas Pendidikan", "Dinas Kesehatan", "RSUD Kota Tangerang"
SOS, P3A, BAP = "Dinas Sosial", "DP3AP2KB", "Bappeda"
KEU, PDA, INS = "BPKAD", "Bapenda", "Inspektorat"
KOM, DUK, BKP = "Diskominfo", "Disdukcapil", "BKPSDM"
ORG, PUR, DLH = "Sekretariat Daerah (Bagian Organisasi)", "Dinas PUPR", "Dinas Lingkungan Hidup"
BPB, SAT, HUB = "BPBD", "Satpol PP", "Dinas Perhubungan"
PTS, DAG, NAK = "DPMPTSP", "Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "Dinas Ketenagakerjaan"
PAR, KIM = "Dinas Kebudayaan dan Pariwisata", "Disperkimtan"

PROSES = [
    ("PB-001", "Penerimaan peserta didik baru (PPDB)", "1.01.02", DIK, "Pendidikan", [
        ("PPDB Online Kota Tangerang", "P", "K"),
        ("Sistem Zonasi Sekolah", "P", "K"),
        ("Portal Informasi Sekolah", "P", "K")]),
    ("PB-002", "Pendataan peserta didik dan satuan pendidikan", "1.01.02", DIK, "Pendidikan", [
        ("Dapodik (Data Pokok Pendidikan)", "A", "K"),
        ("Sistem Informasi Data Pendidikan Daerah", "A", "K"),
        ("Kartu Pelajar Digital", "P", "K")]),
    ("PB-003", "Penyaluran bantuan operasional sekolah daerah", "1.01.02", DIK, "Pendidikan", [
        ("SI Bantuan Operasional Sekolah Daerah (BOSDA)", "A", "K"),
        ("Pendaftaran Beasiswa Pelajar", "P", "K"),
        ("Pendaftaran Seragam Sekolah Gratis", "P", "K")]),
    ("PB-004", "Pengelolaan penilaian dan rapor peserta didik", "1.01.02", DIK, "Pendidikan", [
        ("e-Rapor SD/SMP", "P", "K"),
        ("Ujian Sekolah Berbasis Komputer", "P", "K"),
        ("Tangerang Belajar Daring", "P", "K")]),
    ("PB-005", "Peningkatan kompetensi guru", "1.01.04", DIK, "Pendidikan", [
        ("SI Pelatihan Guru", "A", "K"),
        ("Pendataan Sertifikasi Guru", "A", "K")]),
    ("PB-006", "Pengelolaan data pendidik dan tenaga kependidikan", "1.01.04;5.03.02", DIK,
     "Pendidikan", [
        ("SI Data Pendidik dan Tenaga Kependidikan", "A", "K"),
        ("Tunjangan Guru Daring", "A", "K")]),
    ("PB-007", "Pelayanan kesehatan di puskesmas", "1.02.02", KES, "Kesehatan", [
        ("SIMPUS (Sistem Informasi Manajemen Puskesmas)", "P", "K"),
        ("Antrean Daring Puskesmas", "P", "K"),
        ("Pendaftaran Pasien Daring", "P", "K"),
        ("P-Care BPJS Kesehatan", "P", "K"),
        ("Konsultasi Dokter Daring", "P", "K"),
        ("Rekam Medis Elektronik Puskesmas", "P", "K"),
        ("Posyandu Digital", "P", "K")]),
    ("PB-008", "Pelayanan rawat jalan dan rawat inap rumah sakit", "1.02.02", RS, "Kesehatan", [
        ("SIMRS RSUD Kota Tangerang", "P", "K"),
        ("Antrean Daring RSUD", "P", "K"),
        ("Informasi Ketersediaan Tempat Tidur", "P", "K"),
        ("Rekam Medis Elektronik RSUD", "P", "K"),
        ("E-Klaim INA-CBG", "A", "K")]),
    ("PB-009", "Pelayanan gawat darurat dan ambulans", "1.02.02", KES, "Kesehatan", [
        ("Layanan Ambulans Gawat Darurat", "P", "K"),
        ("SISRUTE (Sistem Rujukan Terintegrasi)", "P", "K")]),
    (" PB-010 ", "Surveilans dan pengendalian penyakit menular", "1.02.02", KES, "Kesehatan", [
        ("Surveilans Penyakit Berbasis Web", "A", "K"),
        ("Pelacakan Kasus COVID-19", "P", "K"),
        ("Jumantik Daring (Pemantauan Jentik)", "P", "K")]),
    ("PB-011", "Imunisasi serta kesehatan ibu dan anak", "1.02.02", KES, "Kesehatan", [
        ("SI Imunisasi Anak", "P", "K"),
        ("Kohort Ibu dan Anak Digital", "P", "K"),
        ("e-PPGBM (Pencatatan Gizi Berbasis Masyarakat)", "A", "K")]),
    ("PB-012", "Perizinan tenaga dan fasilitas kesehatan", "1.02.03;2.18.04", KES, "Kesehatan", [
        ("Perizinan Tenaga Kesehatan Daring", "P", "K"),
        ("Registrasi Fasilitas Kesehatan", "P", "K")]),
    ("PB-013", "Pengelolaan obat dan perbekalan kesehatan", "1.02.04", KES, "Kesehatan", [
        ("SI Logistik Obat Puskesmas", "A", "K"),
        ("Katalog Obat Daerah", "A", "K")]),
    ("PB-014", "Pengawasan pangan industri rumah tangga", "1.02.04", KES, "Kesehatan", [
        ("Sertifikasi PIRT Daring", "P", "K"),
        ("SI Pengawasan Pangan", "A", "K")]),
    ("PB-015", "Pemutakhiran data terpadu kesejahteraan sosial (DTKS)", "1.06.05", SOS, "Sosial", [
        ("SIKS-NG (Sistem Informasi Kesejahteraan Sosial Next Generation)", "A", "K"),
        ("Pemutakhiran DTKS Kelurahan", "A", "K"),
        ("Cek Penerima Bansos", "P", "K")]),
    ("PB-016", "Penyaluran bantuan sosial", "1.06.05", SOS, "Sosial", [
        ("SI Penyaluran Bantuan Sosial", "A", "K"),
        ("e-Bansos Non Tunai", "P", "K"),
        ("Pengaduan Bantuan Sosial", "P", "K")]),
    # gap: no application
    ("PB-017", "Pelayanan rehabilitasi sosial PPKS", "1.06.04", SOS, "Sosial", []),
    ("PB-018", "Penerbitan surat keterangan tidak mampu dan jaminan kesehatan daerah",
     "1.06.05, 1.02.02", SOS, "Sosial", [
        ("Layanan SKTM Daring", "P", "K"),
        ("Jamkesda Daring", "P", "K")]),
    # gap: orphans — their program 2.08.02 has no Induk; PB-019 has no application
    ("PB-019", "Pendampingan korban kekerasan terhadap perempuan dan anak", "2.08.02", P3A,
     "Pemberdayaan Perempuan dan Perlindungan Anak", []),
    ("PB-020", "Pengelolaan data gender dan anak", "2.08.02", P3A,
     "Pemberdayaan Perempuan dan Perlindungan Anak", [
        ("SI Gender dan Anak (SIGA)", "A", "K"),
        ("Pengaduan Perempuan dan Anak", "P", "K")]),
    ("PB-021", "Penyusunan RPJMD, Renstra dan RKPD", "5.01.02", BAP, "Perencanaan", [
        ("SIPD (Sistem Informasi Pemerintahan Daerah)", "A", "U"),
        ("E-Planning", "A", "K")]),
    ("PB-022", "Musyawarah perencanaan pembangunan (Musrenbang)", "5.01.02", BAP, "Perencanaan", [
        ("e-Musrenbang", "P", "K"),
        ("Usulan Pokok Pikiran DPRD", "A", "K")]),
    ("PB-023", "Pengendalian dan evaluasi kinerja pembangunan daerah", "5.01.02;6.01.02", BAP,
     "Perencanaan", [
        ("e-Sakip", "A", "U"),
        ("E-Monev Pembangunan", "A", "K"),
        ("Dashboard Indikator Kinerja Daerah", "A", "K")]),
    ("PB-024", "Penyusunan APBD", "5.02.02", KEU, "Keuangan", [
        ("E-Budgeting", "A", "K"),
        ("Portal Transparansi Anggaran", "P", "K")]),
    ("PB-025", "Penatausahaan dan pencairan anggaran (SP2D)", "5.02.02", KEU, "Keuangan", [
        ("SIMDA Keuangan", "A", "K"),
        ("SP2D Daring", "A", "K")]),
    ("PB-026", "Akuntansi dan pelaporan keuangan daerah", "5.02.02", KEU, "Keuangan", [
        ("Sistem Akuntansi Pemerintah Daerah", "A", "K")]),
    ("PB-027", "Pengelolaan barang milik daerah", "5.02.03", KEU, "Keuangan", [
        ("SIMDA BMD", "A", "K"),
        ("e-Aset Daerah", "A", "K"),
        ("Sewa Aset Daerah Daring", "P", "K")]),
    ("PB-028", "Pendataan dan penetapan pajak daerah", "5.02.04", PDA, "Keuangan", [
        ("SIMPAD (SI Manajemen Pajak Daerah)", "A", "K"),
        ("e-PBB", "P", "K"),
        ("e-BPHTB", "P", "K"),
        ("e-SPTPD Pajak Hotel dan Restoran", "P", "K")]),
    ("PB-029", "Pembayaran dan penagihan pajak daerah", "5.02.04", PDA, "Keuangan", [
        ("Pembayaran Pajak Daerah Daring", "P", "K"),
        ("Tapping Box Pemantauan Pajak", "A", "K"),
        ("Cek Tagihan PBB", "P", "K")]),
    ("PB-030", "Audit dan reviu kinerja perangkat daerah", "6.01.02", INS, "Pengawasan", [
        ("e-Audit", "A", "K"),
        ("SI Tindak Lanjut Hasil Pemeriksaan", "A", "K")]),
    ("PB-031", "Penanganan pengaduan dan pelaporan gratifikasi", "6.01.02;2.16.02", INS,
     "Pengawasan", [
        ("Whistleblowing System", "P", "K"),
        ("Pelaporan Gratifikasi Daring", "A", "K")]),
    ("PB-032", "Pengelolaan informasi dan komunikasi publik", "2.16.02", KOM,
     "Komunikasi dan Informatika", [
        ("Portal Resmi Kota Tangerang", "P", "K"),
        ("Tangerang LIVE", "P", "K"),
        ("Radio Streaming Pemkot", "P", "K"),
        ("Media Center Berita Kota", "P", "K"),
        ("Agenda Kota Tangerang", "P", "K")]),
    ("PB-033", "Pengelolaan pengaduan dan aspirasi masyarakat", "2.16.02", KOM,
     "Komunikasi dan Informatika", [
        ("LAKSA (Layanan Aspirasi dan Kotak Saran Anda)", "P", "K"),
        ("SP4N-LAPOR!", "P", "U")]),
    ("PB-034", "Layanan informasi publik (PPID)", "2.16.02", KOM, "Komunikasi dan Informatika", [
        ("PPID Daring", "P", "K"),
        ("Open Data Kota Tangerang", "P", "K"),
        ("JDIH Kota Tangerang", "P", "K")]),
    ("PB-035", "Pengembangan dan pengelolaan aplikasi", "2.16.03", KOM,
     "Komunikasi dan Informatika", [
        ("Helpdesk TIK", "A", "K"),
        ("Manajemen Aplikasi dan Kode Sumber", "A", "K"),
        ("Single Sign On Pemkot", "A", "U")]),
    ("PB-036", "Penyelenggaraan pusat data dan jaringan", "2.16.03", KOM,
     "Komunikasi dan Informatika", [
        ("Manajemen Pusat Data", "A", "K"),
        ("Wi-Fi Publik Kelurahan", "P", "K"),
        ("Dashboard Command Center", "A", "K")]),
    ("PB-037", "Pengelolaan persuratan dan kearsipan elektronik", "2.16.03", KOM,
     "Komunikasi dan Informatika", [
        ("SRIKANDI", "A", "U"),
        ("E-Office Pemkot", "A", "U"),
        ("Tanda Tangan Elektronik (TTE)", "A", "U")]),
    ("PB-038", "Perekaman dan penerbitan KTP-el", "2.12.02", DUK, "Administrasi Kependudukan", [
        ("SIAK Terpusat", "A", "K"),
        ("Antrean KTP-el Daring", "P", "K"),
        ("Anjungan Dukcapil Mandiri (ADM)", "P", "K"),
        ("Layanan Adminduk Daring", "P", "K")]),
    ("PB-039", "Penerbitan kartu keluarga dan surat pindah datang", "2.12.02", DUK,
     "Administrasi Kependudukan", [
        ("Pindah Datang Daring", "P", "K"),
        ("Kartu Keluarga Daring", "P", "K"),
        ("Identitas Kependudukan Digital (IKD)", "P", "K")]),
    ("PB-040", "Penerbitan akta kelahiran dan akta kematian", "2.12.03", DUK,
     "Administrasi Kependudukan", [
        ("Akta Kelahiran Daring", "P", "K"),
        ("Akta Kematian Daring", "P", "K"),
        ("Layanan Dukcapil Jemput Bola", "P", "K")]),
    ("PB-041", "Penerbitan akta perkawinan dan perceraian", "2.12.03", DUK,
     "Administrasi Kependudukan", [
        ("Akta Perkawinan Daring", "P", "K"),
        ("Legalisir Dokumen Kependudukan Daring", "P", "K")]),
    ("PB-042", "Pengadaan, seleksi dan mutasi ASN", "5.03.02", BKP, "Kepegawaian", [
        ("SIMPEG", "A", "U"),
        ("Mutasi ASN Daring", "A", "K"),
        ("Seleksi Terbuka Jabatan Daring", "P", "K")]),
    ("PB-043", "Penilaian kinerja ASN", "5.03.02", BKP, "Kepegawaian", [
        ("e-Kinerja ASN", "A", "U"),
        ("Presensi Daring ASN", "A", "U"),
        ("Tambahan Penghasilan Pegawai (TPP) Daring", "A", "K")]),
    ("PB-044", "Pengembangan kompetensi ASN", "5.03.02", BKP, "Kepegawaian", [
        ("Learning Management System ASN", "A", "K"),
        ("SI Diklat", "A", "K")]),
    ("PB-045", "Pelayanan kenaikan pangkat dan pensiun", "5.03.02", BKP, "Kepegawaian", [
        ("Kenaikan Pangkat Daring", "A", "K"),
        ("Layanan Pensiun ASN", "A", "K")]),
    # gap: orphan with no Induk at all, and no application
    ("PB-046", "Penyusunan peta proses bisnis dan SOP perangkat daerah", "", ORG, "Organisasi", []),
    ("PB-047", "Pemeliharaan jalan dan jembatan", "1.03.10", PUR, "Pekerjaan Umum", [
        ("SI Jalan dan Jembatan", "A", "K"),
        ("Lapor Jalan Rusak", "P", "K"),
        ("Peta Pemeliharaan Jalan", "A", "K")]),
    ("PB-048", "Pengelolaan drainase dan pengendalian banjir", "1.03.02", PUR, "Pekerjaan Umum", [
        ("Peringatan Dini Banjir", "P", "K"),
        ("Pemantauan Pompa dan Pintu Air", "A", "K"),
        ("SI Drainase Kota", "A", "K")]),
    ("PB-049", "Penerbitan persetujuan bangunan gedung (PBG)", "1.03.08;2.18.04", PUR,
     "Pekerjaan Umum", [
        ("SIMBG (SI Manajemen Bangunan Gedung)", "P", "K"),
        ("Cek Status PBG", "P", "K"),
        ("Retribusi PBG Daring", "P", "K")]),
    ("PB-050", "Penerbitan informasi tata ruang dan KKPR", "1.03.12", PUR, "Penataan Ruang", [
        ("Peta Informasi Tata Ruang", "P", "K"),
        ("KKPR Daring", "P", "K")]),
    ("PB-051", "Pengawasan pemanfaatan ruang", "1.03.12;1.05.02", PUR, "Penataan Ruang", [
        ("Pengawasan Bangunan Berbasis Peta", "A", "K"),
        ("Pengaduan Pelanggaran Tata Ruang", "P", "K")]),
    ("PB-052", "Pengangkutan dan pengelolaan sampah", "2.11.11", DLH, "Lingkungan Hidup", [
        ("Jadwal Angkutan Sampah", "P", "K"),
        ("Pemantauan Armada Sampah (GPS)", "A", "K"),
        ("Timbangan TPA Rawa Kucing", "A", "K"),
        ("Retribusi Sampah Daring", "P", "K"),
        ("Pengaduan Sampah Liar", "P", "K")]),
    ("PB-053", "Pengelolaan bank sampah", "2.11.11", DLH, "Lingkungan Hidup", [
        ("Bank Sampah Digital", "P", "K"),
        ("Tukar Sampah Jadi Saldo", "P", "K")]),
    ("PB-054", "Penerbitan persetujuan lingkungan", "2.11.03;2.18.04", DLH, "Lingkungan Hidup", [
        ("AMDALNET", "P", "K"),
        ("UKL-UPL Daring", "P", "K")]),
    ("PB-055", "Pemantauan kualitas air dan udara", "2.11.03", DLH, "Lingkungan Hidup", [
        ("Pemantauan Kualitas Udara", "P", "K"),
        ("SI Laboratorium Lingkungan", "A", "K")]),
    # gap: orphans — program 1.05.03 hangs straight off goal T2.2 (level skip)
    ("PB-056", "Penanganan kedaruratan bencana", "1.05.03", BPB, "Penanggulangan Bencana", [
        ("Pusat Panggilan Darurat 112", "P", "K"),
        ("InaRISK", "P", "K"),
        ("Pelaporan Kejadian Bencana", "P", "K"),
        ("Logistik Bencana", "A", "K")]),
    ("PB-057", "Mitigasi dan kesiapsiagaan bencana", "1.05.03", BPB, "Penanggulangan Bencana", []),
    # gap: orphans — program 1.05.02 has no Induk
    ("PB-058", "Penegakan peraturan daerah", "1.05.02", SAT, "Ketenteraman dan Ketertiban Umum", [
        ("SI Penegakan Perda", "A", "K"),
        ("Sidang Tipiring Daring", "P", "K")]),
    ("PB-059", "Penertiban dan pengamanan ketertiban umum", "1.05.02;1.05.03", SAT,
     "Ketenteraman dan Ketertiban Umum", [
        ("Pengaduan Trantibum", "P", "K"),
        ("Patroli Satpol PP Berbasis GPS", "A", "K")]),
    ("PB-060", "Pengelolaan angkutan umum massal", "2.15.02", HUB, "Perhubungan", [
        ("Informasi Rute Bus Kota", "P", "K"),
        ("Tiket Elektronik Angkutan Kota", "P", "K"),
        ("Pelacakan Angkutan Umum", "P", "K"),
        ("Halte Pintar Informasi Kedatangan Bus", "P", "K")]),
    ("PB-061", "Pengujian kendaraan bermotor (KIR)", "2.15.02", HUB, "Perhubungan", [
        ("Uji KIR Daring", "P", "K"),
        ("BLUe (Bukti Lulus Uji Elektronik)", "P", "K")]),
    ("PB-062", "Manajemen dan rekayasa lalu lintas (ATCS)", "2.15.02", HUB, "Perhubungan", [
        ("ATCS Kota Tangerang", "A", "K"),
        ("CCTV Lalu Lintas Publik", "P", "K"),
        ("Manajemen Rekayasa Lalu Lintas", "A", "K")]),
    ("PB-063", "Pengelolaan parkir", "2.15.02;5.02.04", HUB, "Perhubungan", [
        ("e-Parkir", "P", "K"),
        ("Retribusi Parkir Non Tunai", "P", "K"),
        ("Pemantauan Juru Parkir", "A", "K")]),
    ("PB-064", "Pelayanan perizinan berusaha terintegrasi", "2.18.04", PTS, "Penanaman Modal", [
        ("OSS RBA (Online Single Submission)", "P", "U"),
        ("SiCantik Cloud", "P", "U"),
        ("Antrean Daring Mal Pelayanan Publik", "P", "K")]),
    ("PB-065", "Pelayanan perizinan non berusaha", "2.18.04", PTS, "Penanaman Modal", [
        ("Perizinan Non Berusaha Daring", "P", "K"),
        ("Lacak Status Izin", "P", "K"),
        ("Survei Kepuasan Masyarakat Daring", "P", "K")]),
    # gap: no application
    ("PB-066", "Promosi investasi dan kemitraan usaha", "2.18.03", PTS, "Penanaman Modal", []),
    ("PB-067", "Pemantauan laporan kegiatan penanaman modal (LKPM)", "2.18.02", PTS,
     "Penanaman Modal", [
        ("LKPM Daring", "P", "K"),
        ("Peta Potensi Investasi", "P", "K")]),
    ("PB-068", "Pendataan dan pembinaan UMKM", "2.17.07", DAG, "Koperasi dan UKM", [
        ("SI UMKM Kota Tangerang", "P", "K"),
        ("Katalog Produk UMKM", "P", "K"),
        ("Pelatihan UMKM Daring", "P", "K"),
        ("Kredit Usaha Daerah", "P", "K")]),
    ("PB-069", "Pengelolaan pasar rakyat dan retribusi pasar", "3.30.03", DAG, "Perdagangan", [
        ("Retribusi Pasar Non Tunai", "P", "K"),
        ("Informasi Harga Bahan Pokok", "P", "K"),
        ("Manajemen Pasar", "A", "K")]),
    ("PB-070", "Pembinaan industri kecil dan menengah", "3.31.02", DAG, "Perindustrian", [
        ("SI Industri Kecil Menengah", "A", "K"),
        ("Pendampingan Sertifikasi Halal UMKM", "P", "K")]),
    ("PB-071", "Pelatihan kerja berbasis kompetensi", "2.07.03", NAK, "Tenaga Kerja", [
        ("Pendaftaran Pelatihan Kerja", "P", "K"),
        ("SI Balai Latihan Kerja", "A", "K")]),
    ("PB-072", "Layanan informasi lowongan dan penempatan kerja", "2.07.04", NAK, "Tenaga Kerja", [
        ("Bursa Kerja Daring", "P", "K"),
        ("Job Fair Virtual", "P", "K"),
        ("Bursa Kerja Khusus Sekolah", "P", "K")]),
    ("PB-073", "Penerbitan kartu pencari kerja (AK/1)", "2.07.04", NAK, "Tenaga Kerja", [
        ("Kartu Pencari Kerja Daring", "P", "K")]),
    # gap: no application
    ("PB-074", "Pengelolaan destinasi dan agenda pariwisata", "3.26.02", PAR, "Pariwisata", []),
    # gap: orphan with no Induk at all (its applications are still used by it)
    ("PB-075", "Pelayanan pemakaman umum", "", KIM, "Perumahan dan Permukiman", [
        ("SI Tempat Pemakaman Umum", "P", "K"),
        ("Izin Pemakaman Daring", "P", "K")]),
]

# Applications kept in the inventory but linked to no business process (gap).
# Each is listed in the Aplikasi sheet right after the applications of the
# process named first (where an inventory would put it), with an empty Induk.
UNUSED = [
    ("PB-043", "Presensi Sidik Jari (versi lama)", BKP, "A", "K"),
    ("PB-045", "SI Kepegawaian Desktop (versi lama)", BKP, "A", "K"),
    ("PB-037", "Surat Menyurat Internal (versi lama)", KOM, "A", "K"),
    ("PB-033", "Pengaduan SMS Center", KOM, "P", "K"),
    ("PB-074", "Portal Pariwisata Kota", PAR, "P", "K"),
    ("PB-039", "Antrean Kecamatan (uji coba)", "Kecamatan", "P", "K"),
    ("PB-074", "Peta Wisata Kuliner", PAR, "P", "K"),
    ("PB-016", "Kartu Sejahtera Daerah (arsip)", SOS, "P", "K"),
]

# Applications used by more than their first process: name -> further processes.
# Written into the application's Induk cell (joined by ";").
SHARED = {
    "SIPD (Sistem Informasi Pemerintahan Daerah)": ["PB-024"],
    "e-Sakip": ["PB-030"],
    "Tangerang LIVE": ["PB-033", "PB-035"],
    "SP4N-LAPOR!": ["PB-031"],
    "SIMPEG": ["PB-045", "PB-006"],
    "E-Office Pemkot": ["PB-042"],
    "Surveilans Penyakit Berbasis Web": ["PB-011"],
}

# Extra links on the Relasi sheet (Induk, Anak); application ids are looked up
# by name at build time.
RELASI = [
    ("S1.3.1", "1.02.02"),
    ("S3.2.2", "2.17.07"),
    ("2.18.04", "PB-050"),
    ("5.02.04", " PB-069"),
    ("PB-039", "SIAK Terpusat"),
    ("PB-040", "SIAK Terpusat"),
    ("PB-041", "SIAK Terpusat"),
    (" PB-049 ", "SiCantik Cloud"),
    ("PB-065", "SiCantik Cloud"),
    ("PB-031", "LAKSA (Layanan Aspirasi dan Kotak Saran Anda)"),
    ("PB-043", "Single Sign On Pemkot"),
    ("PB-038", "Antrean Daring Mal Pelayanan Publik"),
    ("PB-042", "SRIKANDI"),
    ("PB-025", "Tanda Tangan Elektronik (TTE)"),
    ("PB-008", "Konsultasi Dokter Daring"),
]

DOMAIN = {"P": PUBLIK, "A": ADMIN}
JENIS = {"U": UMUM, "K": KHUSUS}


def applications():
    """The 196 application rows: (Kode, Uraian, Induk, OPD, Domain, Jenis, Tahun)."""
    rows = []
    for pid, _name, _parent, opd, _urusan, apps in PROSES:
        for name, dom, jenis in apps:
            parents = [pid.strip(), *SHARED.get(name, [])]
            rows.append([name, ";".join(parents), opd, DOMAIN[dom], JENIS[jenis]])
        for after, name, u_opd, dom, jenis in UNUSED:
            if after == pid.strip():
                rows.append([name, "", u_opd, DOMAIN[dom], JENIS[jenis]])
    out = []
    for i, (name, induk, opd, dom, jenis) in enumerate(rows, start=1):
        code = f"APL-{i:03d}"
        year = 2015 + (i * 5) % 8  # illustrative, 2015–2022
        out.append((code, name, induk, opd, dom, jenis, year))
    # a few cells as planners type them: stray spaces around the code
    out[49] = (" APL-050",) + out[49][1:]
    out[120] = ("APL-121 ",) + out[120][1:]
    return out


def _check(apps):
    names = [a[1] for a in apps]
    assert len(apps) == 196, len(apps)
    assert sum(a[4] == ADMIN for a in apps) == 72, sum(a[4] == ADMIN for a in apps)
    assert sum(a[4] == PUBLIK for a in apps) == 124
    assert len(set(names)) == len(names), "application names must be unique (Relasi uses them)"
    assert len(PROSES) >= 60
    for key in SHARED:
        assert key in names, key


def _sheet(wb, title, header, rows, widths):
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([None if value == "" else value for value in row])  # blank, not ""
    for col, width in zip("ABCDEFGH", widths):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    return ws


NOTES = [
    "Contoh cascade perencanaan Kota Tangerang (ILUSTRATIF)",
    "",
    "Isi buku kerja ini adalah CONTOH untuk paket cascade: visi → misi → tujuan → strategi → "
    "program → proses bisnis → aplikasi.",
    "Fakta publik: lokakarya peta proses bisnis Pemkot Tangerang (13 Juni 2022), perubahan RPJMD "
    "2019–2023, teks visi, dan 196 aplikasi (72 administrasi pemerintahan, 124 layanan publik).",
    "Selain itu (rumusan misi, tujuan, strategi, program, proses bisnis, tautan dan sebagian besar "
    "nama aplikasi) bersifat ilustratif, BUKAN data resmi Pemkot Tangerang.",
    "",
    "Setiap lembar level: Kode (id unik), Uraian (nama), Induk (kode induk; lebih dari satu "
    "dipisah ';' atau ','), Perangkat Daerah (OPD), lalu kolom atribut tambahan.",
    "Lembar Relasi: tautan tambahan banyak-ke-banyak, kolom Induk → Anak.",
    "Lembar Catatan ini diabaikan oleh pembaca cascade.",
    "",
    "Celah yang disengaja (untuk dianalisis): proses bisnis tanpa induk, program tanpa strategi, "
    "program yang langsung ke tujuan (lompat level), strategi tanpa program atau tanpa proses "
    "bisnis, aplikasi yang tidak dipakai proses mana pun, dan proses bisnis tanpa aplikasi.",
    "Hasil yang diharapkan: lihat seed/README.md dan seed/expected.json.",
]

FIXED_TIME = (2022, 6, 13, 0, 0, 0)
FIXED_ISO = "2022-06-13T00:00:00Z"


def build() -> Workbook:
    apps = applications()
    _check(apps)
    by_name = {a[1]: a[0].strip() for a in apps}

    wb = Workbook()
    wb.remove(wb.active)
    base = ["Kode", "Uraian", "Induk", "Perangkat Daerah"]
    _sheet(wb, "Visi", base + ["Periode"], VISI, [8, 80, 8, 28, 28])
    _sheet(wb, "Misi", base, MISI, [8, 100, 8, 20])
    _sheet(wb, "Tujuan", base, TUJUAN, [8, 90, 10, 45])
    _sheet(wb, "Strategi", base, STRATEGI, [9, 75, 8, 45])
    _sheet(wb, "Program", base + ["Bidang Urusan"], PROGRAM, [10, 75, 16, 45, 55])
    _sheet(wb, "Proses Bisnis", base + ["Urusan"],
           [p[:5] for p in PROSES], [10, 65, 18, 45, 40])
    _sheet(wb, "Aplikasi", base + ["Domain Layanan", "Jenis", "Tahun Operasi"],
           apps, [10, 60, 24, 45, 26, 16, 14])
    relasi = [(a, by_name.get(b, b)) for a, b in RELASI]
    _sheet(wb, "Relasi", ["Induk", "Anak"], relasi, [12, 12])
    ws = wb.create_sheet("Catatan")
    for line in NOTES:
        ws.append([line])
    ws.column_dimensions["A"].width = 140
    for row in ws.iter_rows():
        row[0].alignment = Alignment(wrap_text=True)
    ws["A1"].font = Font(bold=True, size=13)
    wb.properties.creator = "cascade seed/build_tangerang.py"
    wb.properties.title = "Cascade perencanaan Kota Tangerang (ilustratif)"
    return wb


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save with fixed timestamps, so the file is identical on every run."""
    raw = io.BytesIO()
    wb.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>" + FIXED_ISO.encode() + rb"\g<3>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else OUT
    save_deterministic(build(), path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
