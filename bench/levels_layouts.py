"""Level schemas and planners' layouts, end to end: run by hand, never by the tests.

    python bench/levels_layouts.py [--size 1000000] [--matrix-rows 100000] [--runs 3]

1. **Schema width** — the same generator writes a cascade of ``--size``
   elements in the 7-level ``default`` schema and in a 12-level user schema
   (the rpjmd preset plus a level under the applications), as CSV folders;
   ``cascade orphans DIR --format json`` runs on each as a process. Reported:
   wall seconds and peak RSS, per element.
2. **Matrix workbook** — a cascading matrix of ``--matrix-rows`` rows (one
   chain a row, tujuan and sasaran merged down their blocks), as an ``.xlsx``;
   ``cascade orphans`` on it beside a limit reference that only reads the same
   workbook's cells with python-calamine.

Prints a Markdown table and writes ``bench/results/levels_layouts.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = Path(os.environ.get("CASCADE_BENCH_DIR", "/tmp/cascade-bench-levels"))

TWELVE = """name: twelve
levels:
  - {name: vision, aliases: [visi]}
  - {name: mission, aliases: [misi]}
  - {name: goal, aliases: [tujuan]}
  - {name: objective, aliases: [sasaran]}
  - {name: strategy, aliases: [strategi], optional: true}
  - {name: policy, aliases: [arah kebijakan], optional: true}
  - {name: program}
  - {name: activity, aliases: [kegiatan]}
  - {name: sub_activity, aliases: [sub kegiatan]}
  - {name: process, aliases: [proses]}
  - {name: application, aliases: [aplikasi]}
  - {name: module, aliases: [modul]}
roles: {top: vision, strategy: objective, process: process, application: application}
"""


def generate(folder: Path, names: list[str], size: int, seed: int = 1) -> None:
    """A valid cascade of ``size`` elements over ``names``: each level about 1.9x the one above,
    4% without a parent, 3% a level skipped, 10% a second parent."""
    rng = random.Random(seed)
    n = len(names)
    weights = [1.9 ** k for k in range(n)]
    counts = [max(1, int(size * w / sum(weights))) for w in weights]
    counts[-1] += size - sum(counts)
    folder.mkdir(parents=True, exist_ok=True)
    ids: list[list[str]] = []
    for k, (name, count) in enumerate(zip(names, counts)):
        own = [f"{name[:3].upper()}{k}-{i}" for i in range(count)]
        lines = ["id,name,parent,opd"]
        for i, element_id in enumerate(own):
            parents: list[str] = []
            r = rng.random()
            if k and r >= 0.04:
                up = k - 2 if (r < 0.07 and k >= 2) else k - 1
                parents.append(ids[up][i * len(ids[up]) // count])
                if rng.random() < 0.10:
                    parents.append(rng.choice(ids[k - 1]))
            lines.append(f"{element_id},{name} {i},{';'.join(dict.fromkeys(parents))},OPD {i % 40}")
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        ids.append(own)


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one command run as a process."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) * 1024


def matrix_workbook(path: Path, rows: int) -> None:
    """A cascading matrix of ``rows`` chains, written with openpyxl's streaming writer (merges are kept)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=False)
    sheet = book.active
    sheet.title = "Matriks Cascading"
    sheet.append(["MATRIKS CASCADING"])
    sheet.append(["No", "Tujuan", "Sasaran", "Strategi", "Program", "Kegiatan", "Sub Kegiatan", "Proses Bisnis",
                  "Aplikasi", "Perangkat Daerah"])
    block = 50
    for i in range(rows):
        t, s = i // (block * 10), i // block
        sheet.append([i + 1, f"Tujuan {t}", f"Sasaran {s}", f"Strategi {s}", f"{1 + s % 9}.{s % 99:02d}.{s:05d} PROGRAM {s}",
                      f"{1 + s % 9}.{s % 99:02d}.{s:05d}.2.{i % 50:02d} Kegiatan {i}",
                      f"{1 + s % 9}.{s % 99:02d}.{s:05d}.2.{i % 50:02d}.{i:06d} Sub kegiatan {i}",
                      f"PB-{i} Proses {i}" if i % 17 else "-", f"APL-{i % 5000} Aplikasi {i % 5000}", f"OPD {s % 40}"])
    for start in range(3, rows + 3, block):   # sasaran and strategi merged down their block
        end = min(start + block - 1, rows + 2)
        for col in (3, 4):
            for r in range(start + 1, end + 1):
                sheet.cell(r, col).value = None
            sheet.merge_cells(start_row=start, start_column=col, end_row=end, end_column=col)
    book.save(path)


def calamine_read(path: Path) -> float:
    code = ("import sys, python_calamine as c; wb = c.CalamineWorkbook.from_path(sys.argv[1]);"
            "[wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]")
    return run([sys.executable, "-c", code, str(path)])[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--matrix-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "twelve.yaml").write_text(TWELVE, encoding="utf-8")
    import yaml

    twelve = [lv["name"] for lv in yaml.safe_load(TWELVE)["levels"]]
    seven = ["vision", "mission", "goal", "strategy", "program", "process", "application"]
    results: dict = {"size": args.size, "matrix_rows": args.matrix_rows, "runs": args.runs}
    cascade_cmd = [sys.executable, "-m", "cascade"]
    for label, names, schema in (("7 levels (default)", seven, []), ("12 levels (user schema)", twelve,
                                                                      ["--schema", str(WORK / "twelve.yaml")])):
        folder = WORK / f"{len(names)}-{args.size}"
        if not (folder / f"{names[-1]}.csv").exists():
            generate(folder, names, args.size)
        measured = [run([*cascade_cmd, "orphans", str(folder), "--format", "json", *schema]) for _ in range(args.runs)]
        wall = statistics.median(m[0] for m in measured)
        rss = statistics.median(m[1] for m in measured)
        results[label] = {"seconds": wall, "runs": [m[0] for m in measured], "peak_rss": rss,
                          "us_per_element": wall / args.size * 1e6, "rss_bytes_per_element": rss / args.size}
    book = WORK / f"matrix-{args.matrix_rows}.xlsx"
    if not book.exists():
        matrix_workbook(book, args.matrix_rows)
    measured = [run([*cascade_cmd, "orphans", str(book), "--schema", "rpjmd", "--format", "json"])
                for _ in range(args.runs)]
    reference = statistics.median(calamine_read(book) for _ in range(args.runs))
    wall = statistics.median(m[0] for m in measured)
    results["matrix workbook"] = {"seconds": wall, "runs": [m[0] for m in measured],
                                  "peak_rss": statistics.median(m[1] for m in measured),
                                  "calamine_read_seconds": reference, "ratio": wall / reference}
    out = HERE / "results" / "levels_layouts.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"| case | wall s (median of {args.runs}) | µs / element | peak RSS / element |")
    print("|---|---|---|---|")
    for label in ("7 levels (default)", "12 levels (user schema)"):
        r = results[label]
        print(f"| orphans, {label}, {args.size:,} elements | {r['seconds']:.1f} | {r['us_per_element']:.1f} | "
              f"{r['rss_bytes_per_element']:.0f} B |")
    m = results["matrix workbook"]
    print(f"| orphans, matrix workbook, {args.matrix_rows:,} rows | {m['seconds']:.1f} | "
          f"(calamine reads it in {m['calamine_read_seconds']:.1f} s: {m['ratio']:.1f}x) | "
          f"{m['peak_rss'] / 2**20:.0f} MiB |")


if __name__ == "__main__":
    main()
