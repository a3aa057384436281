"""Build ``seed/tangerang-perubahan.xlsx``: the illustrative Tangerang plan after its *perubahan*.

Run ``python seed/build_perubahan.py`` after ``build_tangerang.py``: it opens the seed workbook,
makes the edits below as a planner would in Excel, and saves a second workbook beside it
(deterministic, like the seed), so ``cascade diff`` has two versions to compare:

* program 2.08.02 (DP3AP2KB) is put under strategy S1.3.2 — its processes PB-019 and PB-020 stop
  being orphans, and S1.3.2 stops being unbacked;
* process PB-075 (pemakaman) is dropped, with its orphan finding;
* strategy S3.1.2 is renamed, application APL-001 moves to Diskominfo (re-owned);
* a new process PB-077 (perizinan reklame) under 2.18.04 has no application yet — a new finding;
* a new application APL-197 serves PB-017, which had none.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import load_workbook

from build_tangerang import save_deterministic

HERE = Path(__file__).resolve().parent
S312 = "Peningkatan kemudahan berusaha dan iklim investasi yang kondusif"


def _row(sheet, key: str):
    """The row whose Kode is ``key``."""
    for row in sheet.iter_rows(min_row=2):
        if row[0].value is not None and str(row[0].value).strip() == key:
            return row
    raise KeyError(f"{sheet.title}: no row {key}")


def build(source: Path):
    wb = load_workbook(source)
    _row(wb["Program"], "2.08.02")[2].value = "S1.3.2"
    processes = wb["Proses Bisnis"]
    processes.delete_rows(_row(processes, "PB-075")[0].row)
    processes.append(["PB-077", "Pelayanan perizinan reklame", "2.18.04", "DPMPTSP", "Penanaman Modal"])
    _row(wb["Strategi"], "S3.1.2")[1].value = S312
    apps = wb["Aplikasi"]
    _row(apps, "APL-001")[3].value = "Diskominfo"
    for row in apps.iter_rows(min_row=2):     # PB-075's applications go with it
        if row[2].value and str(row[2].value).strip() == "PB-075":
            row[2].value = None
    apps.append(["APL-197", "Sistem Informasi Rehabilitasi Sosial", "PB-017", "Dinas Sosial", "layanan publik",
                 "aplikasi khusus", 2024])
    return wb


def main(argv: list[str] | None = None) -> int:
    out = HERE / "tangerang-perubahan.xlsx"
    save_deterministic(build(HERE / "tangerang.xlsx"), out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
