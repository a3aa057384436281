"""Embedded speed against the limit, end to end as processes: run by hand, never by the tests.

    python bench/speed.py [--size 1000000] [--xlsx-size 100000] [--runs 3]

1. ``cascade orphans SOURCE --format json`` on a ``--size`` CSV folder and on a
   ``--xlsx-size`` workbook (``cascade.synthetic``, seed 0), each beside
   :mod:`limit` — the same answer from columnar readers and sparse arrays —
   run alternately so a busy machine slows both alike; peak RSS per element.
2. ``check`` at ``--size``: the memory store's findings (sets, counts and
   order; messages are made when read) beside the CSR reference's sets
   (:mod:`reference`), in one process, interleaved.
3. ``cascade --help``: start-up.

Prints a Markdown table and writes ``bench/results/speed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from levels_layouts import run  # noqa: E402  (one way to time a process, with its peak RSS)

WORK = Path(os.environ.get("CASCADE_BENCH_DIR", "/tmp/cascade-bench"))


def side_by_side(source: Path, runs: int) -> dict:
    cascade_cmd = [sys.executable, "-m", "cascade", "orphans", str(source), "--format", "json"]
    limit_cmd = [sys.executable, str(HERE / "limit.py"), str(source)]
    ours, limit = [], []
    for _ in range(runs):
        ours.append(run(cascade_cmd))
        limit.append(run(limit_cmd))
    wall = statistics.median(t for t, _ in ours)
    reference = statistics.median(t for t, _ in limit)
    return {"cascade_seconds": wall, "limit_seconds": reference, "ratio": wall / reference,
            "cascade_peak_rss": max(m for _, m in ours), "limit_peak_rss": max(m for _, m in limit)}


def check_beside_reference(folder: Path, runs: int) -> dict:
    import cascade
    from reference import CSRGraph

    c = cascade.read(folder)
    store, graph = cascade.store_of(c), CSRGraph.from_cascade(c)
    ours, theirs = [], []
    for _ in range(runs):
        started = time.perf_counter()
        findings = store.check()
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        sets = graph.check()
        theirs.append(time.perf_counter() - started)
    assert len(findings) == sum(map(len, sets)), "the reference finds another number of findings"
    wall, reference = statistics.median(ours), statistics.median(theirs)
    return {"findings": len(findings), "cascade_seconds": wall, "reference_seconds": reference, "ratio": wall / reference}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--xlsx-size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from cascade.synthetic import write_csv, write_xlsx

    folder, book = WORK / f"csv-{args.size}", WORK / f"cascade-{args.xlsx_size}.xlsx"
    if not folder.exists():
        write_csv(folder, args.size, seed=0)
    if not book.exists():
        write_xlsx(book, args.xlsx_size, seed=0)
    results = {"size": args.size, "xlsx_size": args.xlsx_size, "runs": args.runs, "load_average": os.getloadavg()[0],
               "csv": side_by_side(folder, args.runs), "xlsx": side_by_side(book, args.runs),
               "check": check_beside_reference(folder, args.runs),
               "help_seconds": statistics.median(run([sys.executable, "-m", "cascade", "--help"])[0]
                                                 for _ in range(args.runs))}
    (HERE / "results" / "speed.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    csv_, xlsx_, check = results["csv"], results["xlsx"], results["check"]
    print(f"| measure (median of {args.runs}) | cascade | limit reference | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| `cascade orphans DIR --format json`, {args.size:,} elements | {csv_['cascade_seconds']:.2f} s | "
          f"{csv_['limit_seconds']:.2f} s | {csv_['ratio']:.1f}× | ≤ 2× |")
    print(f"| its peak RSS per element | {csv_['cascade_peak_rss'] / args.size:,.0f} B | "
          f"{csv_['limit_peak_rss'] / args.size:,.0f} B | | ≤ 1,024 B |")
    print(f"| `cascade orphans BOOK.xlsx --format json`, {args.xlsx_size:,} elements | {xlsx_['cascade_seconds']:.2f} s | "
          f"{xlsx_['limit_seconds']:.2f} s | {xlsx_['ratio']:.1f}× | ≤ 2× |")
    print(f"| check, {check['findings']:,} findings, {args.size:,} elements (in process) | "
          f"{check['cascade_seconds']:.3f} s | {check['reference_seconds']:.3f} s | {check['ratio']:.1f}× | ≤ 3× |")
    print(f"| `cascade --help` | {results['help_seconds']:.2f} s | | | < 0.5 s |")


if __name__ == "__main__":
    main()
