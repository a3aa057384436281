"""Time and peak memory of ``cascade check`` on the corpus's hostile files, each a real process.

The promise is bounded memory and an answer in seconds (tests hold the memory bound with
tracemalloc; the time is measured here): a value in XFD1048576, a formatted empty cell at
Z1048576, a zip bomb, the YAML alias bomb, JSON nested 100,000 deep, and for scale the seed.

    python bench/hostile.py            # writes bench/results/hostile.md and .json
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FILES = ["far-value.xlsx", "far-format.xlsx", "zip-bomb.xlsx", "billion-laughs.yaml", "deep.json", "csv-100k-rows"]


def measure(path: Path) -> dict:
    """Wall time and peak RSS of ``cascade check PATH``, run by a small parent of its own that reports its
    one child's maximum (RUSAGE_CHILDREN of a process with no other child)."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "rc = subprocess.run([sys.executable, '-m', 'cascade', 'check', sys.argv[1]], capture_output=True).returncode; "
             "print(rc, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, check=True)
    rc, seconds, kb = done.stdout.split()
    return {"file": path.name, "exit": int(rc), "seconds": round(float(seconds), 2), "peak_mb": round(int(kb) / 1024)}


def main() -> None:
    rows = [measure(CORPUS / name) for name in FILES] + [measure(ROOT / "seed" / "tangerang.xlsx")]
    out = ROOT / "bench" / "results" / "hostile"
    meta = {"machine": platform.machine(), "python": platform.python_version(), "when": time.strftime("%Y-%m-%d")}
    out.with_suffix(".json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    lines = ["| file | exit | seconds | peak RSS, MB |", "|---|---|---|---|"]
    lines += [f"| {r['file']} | {r['exit']} | {r['seconds']} | {r['peak_mb']} |" for r in rows]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
