#!/usr/bin/env python3
"""Benchmarks of issue 6, in one run: embedded and Neo4j side by side, with baselines and targets.

    pip install -e '.[bench]'
    python bench/run.py                                   # 10³ … 10⁶, Neo4j with a 10g heap
    python bench/run.py --sizes 1000 10000 --no-neo4j --runs 5
    python bench/run.py --neo4j-sizes 10000 100000 --heap 3g

For each size a synthetic cascade is generated (``cascade.synthetic``: a CSV
directory, and a workbook up to ``--xlsx-max`` elements), then:

* embedded, in a fresh process per size (:mod:`embedded`): reading CSV and
  xlsx, indexing, each analysis beside the CSR limit reference
  (:mod:`reference`), the naive ``networkx.ancestors`` orphans on a sample;
  then ``cascade orphans DIR --format json`` end to end with its peak RSS;
* Neo4j on a server started here (:mod:`neo4j_bench`): cascade's load,
  each analysis first and warm, the naive load and the naive Cypher;
* the largest embedded case profiled with pyinstrument.

Writes ``--out``.md (tables, targets) and ``--out``.json (every number), with
the machine's description. Times are medians of ``--runs`` runs.
"""

from __future__ import annotations

import cascade

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import report
from embedded import cli_orphans

from cascade.synthetic import write_csv, write_xlsx


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def machine() -> dict:
    def grep(path: str, key: str) -> str | None:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            return None
        return None

    versions = {}
    for mod in ("numpy", "scipy", "networkx", "neo4j", "openpyxl"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001 - a missing optional library is reported, not fatal
            versions[mod] = None
    mem = grep("/proc/meminfo", "MemTotal")
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip() or os.environ.get("BENCH_COMMIT", "")
    return {
        "cpu": grep("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem.split()[0]) / 1024**2, 1) if mem else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": versions,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "load_average_at_start": os.getloadavg(),
    }


def sources(sizes: list[int], workdir: Path, xlsx_max: int) -> dict[int, tuple[Path, Path | None]]:
    """Generated once per size (seed 0) and kept in ``workdir`` for later runs."""
    out = {}
    for n in sizes:
        csv_dir = workdir / f"csv-{n}"
        if not (csv_dir / "application.csv").exists():
            log(f"generating {n:,} elements (csv) …")
            write_csv(csv_dir, n, seed=0)
        xlsx = None
        if n <= xlsx_max:
            xlsx = workdir / f"cascade-{n}.xlsx"
            if not xlsx.exists():
                log(f"generating {n:,} elements (xlsx) …")
                write_xlsx(xlsx, n, seed=0)
        out[n] = (csv_dir, xlsx)
    return out


def embedded(n: int, csv_dir: Path, xlsx: Path | None, args) -> dict:
    log(f"embedded {n:,} elements …")
    cmd = [sys.executable, str(HERE / "embedded.py"), str(csv_dir), *([str(xlsx)] if xlsx else []),
           "--runs", str(args.runs), "--nx-sample", str(args.nx_sample)]
    child = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    if child.returncode:
        raise RuntimeError(f"embedded measurement of {n} failed:\n{child.stderr}")
    out = json.loads(child.stdout)
    out["cli_orphans"] = cli_orphans(csv_dir, args.runs)
    log(f"  read csv {out['read_csv']['median']:.2f}s; cli orphans {out['cli_orphans']['median']:.2f}s")
    return out


def profile(csv_dir: Path, dest: Path) -> dict:
    """pyinstrument on ``cascade orphans DIR --format json`` and on every analysis of the largest case."""
    files = {"cli": dest.with_name(dest.name + "-cli.txt"), "analyses": dest.with_name(dest.name + "-analyses.txt")}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "text", "--no-color",
                    "-o", str(files["cli"]), "-m", "cascade", "orphans", str(csv_dir), "--format", "json"],
                   stdout=subprocess.DEVNULL, cwd=ROOT, env=env, check=False)   # exits 1: orphans found
    script = (
        "import sys, cascade\n"
        "from pyinstrument import Profiler\n"
        "sys.path.insert(0, 'bench')\n"
        "from embedded import ANALYSES\n"
        f"c = cascade.read({str(csv_dir)!r}); s = cascade.store_of(c)\n"
        "p = Profiler(interval=0.0005)\n"
        "for name, (call, _) in ANALYSES.items():\n"
        "    call(s)\n"   # warm, as in the tables
        "    p.start(); call(s); p.stop()\n"
        "print(p.output_text(unicode=False, color=False))\n"
    )
    with open(files["analyses"], "w") as fh:
        subprocess.run([sys.executable, "-c", script], stdout=fh, cwd=ROOT, env=env, check=True)
    return {k: str(v.relative_to(ROOT)) if v.is_relative_to(ROOT) else str(v) for k, v in files.items()}


def keep(results: dict, earlier: dict) -> None:
    """Fill what this run did not measure from ``earlier`` results, saying so in ``results["kept"]``."""
    def ints(d: dict) -> dict:   # JSON keys are strings
        return {int(k): v for k, v in d.items()}

    kept = []
    for part in ("embedded", "profile"):
        if not results.get(part) and earlier.get(part):
            results[part] = ints(earlier[part]) if part == "embedded" else earlier[part]
            kept.append(part)
    if earlier.get("neo4j"):
        neo = results.setdefault("neo4j", {**earlier["neo4j"], "sizes": {}})
        for n, r in ints(earlier["neo4j"]["sizes"]).items():
            if n not in neo["sizes"]:
                neo["sizes"][n] = r
                kept.append(f"neo4j {n:,}")
        neo["sizes"] = dict(sorted(neo["sizes"].items()))
        results["machine"].setdefault("neo4j", earlier["machine"].get("neo4j"))
    if kept:
        results["kept"] = {"from": earlier["machine"]["date"], "parts": kept}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", nargs="+", type=int, default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per measure; medians are reported (3)")
    parser.add_argument("--embedded", action=argparse.BooleanOptionalAction, default=True,
                        help="run the embedded part (default: yes)")
    parser.add_argument("--neo4j", action=argparse.BooleanOptionalAction, default=True,
                        help="run the Neo4j part (default: yes)")
    parser.add_argument("--neo4j-sizes", nargs="+", type=int, help="sizes for Neo4j (default: --sizes)")
    parser.add_argument("--uri", help="use this Neo4j instead of starting one (NEO4J_* for the rest)")
    parser.add_argument("--heap", default="10g", help="heap of the server started here (10g: a 10⁶ load)")
    parser.add_argument("--pagecache", default="2g", help="page cache of the server started here (2g)")
    parser.add_argument("--compare-max", type=int, default=100_000,
                        help="check Neo4j answers equal the embedded ones up to this size (100000)")
    parser.add_argument("--naive-timeout", type=float, default=60,
                        help="transaction timeout of the naive Cypher, seconds (60)")
    parser.add_argument("--naive-runs", type=int, default=2, help="runs of the naive Cypher when it finishes (2)")
    parser.add_argument("--naive-sample", type=int, default=2_000,
                        help="elements of the cascade loaded the naive way (2000)")
    parser.add_argument("--nx-sample", type=int, default=2_000, help="processes for the naive networkx orphans")
    parser.add_argument("--xlsx-max", type=int, default=100_000, help="largest size also read from xlsx (100000)")
    parser.add_argument("--profile", action=argparse.BooleanOptionalAction, default=True,
                        help="profile the largest embedded case with pyinstrument (default: yes)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest",
                        help="write OUT.md and OUT.json (bench/results/latest)")
    parser.add_argument("--keep", type=Path, metavar="JSON",
                        help="take what this run does not measure (a part, a Neo4j size) from an earlier results file")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cascade-bench"),
                        help="generated sources, kept between runs")
    args = parser.parse_args(argv)
    args.sizes = sorted(args.sizes)
    neo4j_sizes = sorted(args.neo4j_sizes or args.sizes) if args.neo4j else []
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)

    results: dict = {"machine": machine(), "settings": {k: str(v) for k, v in vars(args).items()}}
    src = sources(sorted(set(args.sizes) | set(neo4j_sizes) | {args.naive_sample}), args.workdir, args.xlsx_max)
    results["embedded"] = {n: embedded(n, *src[n], args) for n in args.sizes} if args.embedded else {}
    if args.profile and args.embedded:
        log("profiling the largest case …")
        results["profile"] = profile(src[args.sizes[-1]][0], args.out.with_name("profile"))
    if neo4j_sizes:
        import neo4j_bench

        results["neo4j"] = neo4j_bench.run(neo4j_sizes, {n: src[n][0] for n in src}, src[args.naive_sample][0],
                                           args)
        results["machine"]["neo4j"] = results["neo4j"]["version"]
    results["machine"]["load_average_at_end"] = os.getloadavg()
    if args.keep:
        keep(results, json.loads(args.keep.read_text()))
    results["targets"] = report.targets(results)
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=1, default=str))
    text = report.markdown(results)
    args.out.with_suffix(".md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
