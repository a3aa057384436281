"""Embedded measurements of one size, run in a fresh process by ``bench/run.py``.

    python bench/embedded.py CSV_DIR [XLSX] --runs 3 --nx-sample 2000   # prints one JSON object

Times (median of ``--runs``, wall and CPU): reading the CSV directory and the
workbook, indexing, every analysis of the memory store beside its CSR limit
reference (:mod:`reference`, run interleaved so a busy machine slows both
alike), and the naive networkx orphans (``nx.ancestors`` per process, on a
sample, extrapolated). Checks that the reference and networkx find the same
sets as the store.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import cascade

#: name → (call on the memory store, call on the CSR reference); the names are the table's rows.
ANALYSES = {
    "orphans (process, strategy)": (lambda s: s.orphans(), lambda r: r.orphans()),
    "orphans (application, process)": (lambda s: s.orphans("application", "process"),
                                       lambda r: r.orphans("application", "process")),
    "unbacked (strategy, process)": (lambda s: s.unbacked(), lambda r: r.unbacked()),
    "unbacked (process, application)": (lambda s: s.unbacked("process", "application"),
                                        lambda r: r.unbacked("process", "application")),
    "trace one vision down": (lambda s: s.trace(s.indexed.ids[_first_vision(s.indexed)]),
                              lambda r: r.trace_down(_first_vision(r))),
    "coverage": (lambda s: s.coverage(), lambda r: r.coverage()),
    "coverage by opd": (lambda s: s.coverage("opd"), lambda r: r.coverage(by_opd=True)),
    "check": (lambda s: s.check(), lambda r: r.check()),
}


def _first_vision(graph) -> int:
    """Index of the first vision of the source (both graphs number elements in source order)."""
    return int((graph.rank == 0).argmax())


def clock(call):
    """(result, wall seconds, CPU seconds of this process)."""
    w, c = time.perf_counter(), time.process_time()
    out = call()
    return out, time.perf_counter() - w, time.process_time() - c


def summary(walls: list[float], cpus: list[float]) -> dict:
    return {"first": walls[0], "median": statistics.median(walls), "cpu_median": statistics.median(cpus),
            "runs": len(walls)}


def repeated(call, runs: int) -> tuple[object, dict]:
    walls, cpus, out = [], [], None
    for _ in range(runs):
        out = None
        gc.collect()
        out, w, c = clock(call)
        walls.append(w)
        cpus.append(c)
    return out, summary(walls, cpus)


def naive_networkx(c: cascade.Cascade, orphans: set[str], sample: int) -> dict:
    """``nx.ancestors`` per process, orphan if no ancestor is a strategy: on ``sample`` processes,
    extrapolated to all of them; checked against the store's orphans on the sample."""
    import networkx as nx

    graph, build_s, _ = clock(c.to_networkx)
    level = {e.id: e.level.name for e in c}
    processes = [e.id for e in c if e.level.name == "process"]
    picked = processes if len(processes) <= sample else random.Random(0).sample(processes, sample)
    found, wall, cpu = clock(lambda: {p for p in picked
                                      if not any(level[a] == "strategy" for a in nx.ancestors(graph, p))})
    assert found == orphans & set(picked), "networkx disagrees with the memory store on orphans"
    scale = len(processes) / len(picked)
    return {"build_s": build_s, "sample": len(picked), "processes": len(processes),
            "sample_s": wall, "extrapolated_s": wall * scale, "extrapolated_cpu_s": cpu * scale}


def measure(csv_dir: Path, xlsx: Path | None, runs: int, nx_sample: int) -> dict:
    from reference import CSRGraph

    from cascade.stores.memory import MemoryStore

    out: dict = {}
    c, out["read_csv"] = repeated(lambda: cascade.read(csv_dir), runs)
    if xlsx is not None:
        _, out["read_xlsx"] = repeated(lambda: cascade.read(xlsx), runs)
    out["elements"], out["links"] = len(c), len(c.links)
    store, out["index"] = repeated(lambda: MemoryStore(c), runs)
    ref, out["csr_build"] = repeated(lambda: CSRGraph.from_cascade(c), runs)
    out["analyses"], out["reference"] = {}, {}
    for name, (call, ref_call) in ANALYSES.items():
        walls, cpus, rwalls, rcpus = [], [], [], []
        for _ in range(runs):   # interleaved: both see the same neighbours on a shared machine
            gc.collect()
            got, w, cp = clock(lambda call=call: call(store))
            walls.append(w)
            cpus.append(cp)
            expected, w, cp = clock(lambda ref_call=ref_call: ref_call(ref))
            rwalls.append(w)
            rcpus.append(cp)
        if name.startswith(("orphans", "unbacked")):
            assert {g.id for g in got} == {ref.ids[i] for i in expected.nonzero()[0]}, name
        out["analyses"][name] = summary(walls, cpus)
        out["reference"][name] = summary(rwalls, rcpus)
    orphan_ids = {g.id for g in store.orphans()}
    out["orphans"] = len(orphan_ids)
    if nx_sample:
        out["naive_networkx"] = naive_networkx(c, orphan_ids, nx_sample)
    return out


def cli_orphans(csv_dir: Path, runs: int) -> dict:
    """``cascade orphans DIR --format json`` as a subprocess: median wall time, peak RSS (own rusage)."""
    walls, rss = [], []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "cascade", "orphans", str(csv_dir), "--format", "json"],
                                stdout=subprocess.DEVNULL, cwd=HERE.parent,
                                env={**os.environ, "PYTHONPATH": str(HERE.parent)})
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - started)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):   # 1: orphans were found
            raise RuntimeError(f"cascade orphans exited {proc.returncode}")
        rss.append(usage.ru_maxrss * 1024)
    return {"median": statistics.median(walls), "first": walls[0], "runs": runs, "peak_rss_bytes": max(rss)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_dir", type=Path)
    parser.add_argument("xlsx", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nx-sample", type=int, default=2000)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.csv_dir, args.xlsx, args.runs, args.nx_sample)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
