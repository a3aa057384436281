#!/usr/bin/env python3
"""How fast the embedded store reads and answers, on synthetic cascades of growing size.

For each size: generate a CSV cascade (``cascade.synthetic``), then in a fresh
process time reading it, indexing it, and each analysis (median of --repeat
runs); then time ``cascade orphans DIR --format json`` end to end as a
subprocess and take its peak RSS. Not part of the test run.

    python bench/embedded_scale.py                     # 10⁴, 10⁵, 10⁶
    python bench/embedded_scale.py 10000 --repeat 5 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cascade.synthetic import write_csv  # noqa: E402

_CHILD = r"""
import json, statistics, sys, time
import cascade
path, repeat = sys.argv[1], int(sys.argv[2])
out = {}
t = time.perf_counter(); c = cascade.read(path); out["read_s"] = time.perf_counter() - t
t = time.perf_counter(); store = c.store(); out["index_s"] = time.perf_counter() - t
top = next(e.id for e in c if e.level == cascade.LEVELS[0])
calls = {
    "orphans (process, strategy)": lambda: store.orphans(),
    "orphans (application, process)": lambda: store.orphans("application", "process"),
    "unbacked (strategy, process)": lambda: store.unbacked(),
    "unbacked (process, application)": lambda: store.unbacked("process", "application"),
    "trace one vision down": lambda: store.trace(top),
    "coverage": lambda: store.coverage(),
    "coverage by opd": lambda: store.coverage("opd"),
    "check": lambda: store.check(),
}
for name, call in calls.items():
    times = []
    for _ in range(repeat):
        t = time.perf_counter(); call(); times.append(time.perf_counter() - t)
    out[name] = statistics.median(times)
print(json.dumps(out))
"""


def measure(n: int, repeat: int, workdir: Path) -> dict:
    src = workdir / f"cascade-{n}"
    if not src.exists():
        write_csv(src, n, seed=0)
    child = subprocess.run([sys.executable, "-c", _CHILD, str(src), str(repeat)], capture_output=True, text=True, check=True)
    result = {"elements": n, **json.loads(child.stdout)}
    walls, rss = [], 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cascade", "orphans", str(src), "--format", "json"],
                       stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - t)
        rss = max(rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    result["cli_orphans_s"] = statistics.median(walls)
    result["cli_peak_rss_kb"] = rss
    result["rss_bytes_per_element"] = rss * 1024 / n
    return result


def table(results: list[dict]) -> str:
    keys = [k for k in results[0] if k != "elements"]
    lines = ["| measure | " + " | ".join(f"{r['elements']:,}" for r in results) + " |",
             "|---|" + "---|" * len(results)]
    for k in keys:
        cells = [f"{r[k]:,.0f}" if k.startswith(("cli_peak", "rss")) else f"{r[k]:.3f}" for r in results]
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the median is reported")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cascade-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        print(f"{n:,} elements …", file=sys.stderr)
        results.append(measure(n, args.repeat, args.workdir))
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"Machine: {machine}\n\n{table(results)}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
