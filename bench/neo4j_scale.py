#!/usr/bin/env python3
"""How fast the Neo4j store loads and answers, on synthetic cascades of growing size.

For each size: generate a cascade (``cascade.synthetic``), read it, load it
into a real Neo4j in one transaction, then time every analysis there — and,
for reference, on the embedded store. Analysis times are the second run of each
(the first compiles the query plan; it is kept in the JSON as ``neo4j_first``).
Not part of the test run.

    python bench/neo4j_scale.py                       # 10⁴, 10⁵, 10⁶ on a server it starts (4g heap)
    python bench/neo4j_scale.py 10000 --uri bolt://…  # a server of your own (NEO4J_* for the rest)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cascade  # noqa: E402
from cascade.levels import LEVELS  # noqa: E402
from cascade.settings import Neo4jSettings  # noqa: E402
from cascade.stores.neo4j import Neo4jStore  # noqa: E402
from cascade.synthetic import write_csv  # noqa: E402


def analyses(c: cascade.Cascade) -> dict:
    """name → call(store): every analysis, with a trace of one government down and one application up."""
    top = next(e.id for e in c if e.level == LEVELS[0])
    app = next(e.id for e in c if e.level == LEVELS[-1])
    return {
        "orphans (process, strategy)": lambda s: s.orphans(),
        "orphans (application, process)": lambda s: s.orphans("application", "process"),
        "unbacked (strategy, process)": lambda s: s.unbacked(),
        "unbacked (process, application)": lambda s: s.unbacked("process", "application"),
        "trace one vision down": lambda s: s.trace(top),
        "trace one application up": lambda s: s.trace(app, "up"),
        "coverage": lambda s: s.coverage(),
        "coverage by opd": lambda s: s.coverage("opd"),
        "check": lambda s: s.check(),
    }


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


class PhaseClock:
    """Progress callback: when the element batches end, when the link batches end, and the
    rate of each element batch (to see whether a big transaction slows down as it grows)."""

    def __init__(self, elements: int):
        self.elements, self.start = elements, time.perf_counter()
        self.elements_done = self.links_done = None
        self.ticks: list[tuple[int, float]] = []

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        self.ticks.append((done, now))
        if done >= self.elements and self.elements_done is None:
            self.elements_done = now
        if done >= total:
            self.links_done = now

    def batch_rates(self) -> list[float]:
        """Elements per second of each element batch, in order."""
        marks = [(0, self.start)] + [t for t in self.ticks if t[0] <= self.elements]
        return [(d2 - d1) / (t2 - t1) for (d1, t1), (d2, t2) in zip(marks, marks[1:])]


def measure(store: Neo4jStore, n: int, workdir: Path, compare: bool) -> dict:
    write_csv(workdir / str(n), n)
    c, read_s = timed(lambda: cascade.read(workdir / str(n)))
    clock = PhaseClock(len(c))
    report = store.load(c, replace=True, progress=clock)
    end = clock.start + report.seconds
    out = {
        "elements": len(c), "links": len(c.links), "read_s": read_s, "load_s": report.seconds,
        "elements_per_s": len(c) / (clock.elements_done - clock.start),
        "links_per_s": len(c.links) / (clock.links_done - clock.elements_done),
        "commit_s": end - clock.links_done, "neo4j": {}, "memory": {},
        "element_batch_rates": [round(r) for r in clock.batch_rates()],
    }
    print(f"  load {report.seconds:.1f}s; element batches/s: {out['element_batch_rates']}", file=sys.stderr)
    memory, out["memory_build_s"] = timed(c.store)
    out["neo4j_first"] = {}
    for name, call in analyses(c).items():
        _, out["neo4j_first"][name] = timed(lambda: call(store))  # plans compiled, caches warmed
        got, out["neo4j"][name] = timed(lambda: call(store))
        expected, out["memory"][name] = timed(lambda: call(memory))
        if compare:  # same answers as the embedded store (findings there also carry their place)
            if name == "check":
                expected = [dataclasses.replace(f, place=None) for f in expected]
            assert got == expected, name
        print(f"  {name}: neo4j {out['neo4j'][name]:.2f}s (first {out['neo4j_first'][name]:.2f}s), "
              f"memory {out['memory'][name]:.2f}s", file=sys.stderr)
    _, out["datasets_s"] = timed(store.datasets)
    return out


def server(args):
    """(settings, server or None): the given server, or one started here with a big heap."""
    if args.uri:
        return Neo4jSettings.from_env(uri=args.uri), None
    sys.path.insert(0, str(ROOT / "scripts"))
    import neo4j_server

    srv = neo4j_server.start(heap=args.heap, pagecache=args.pagecache)
    return Neo4jSettings(uri=srv.uri), srv


def _times(r: dict, k: str) -> str:
    memory = r.get("memory", {}).get(k)
    return f"{r['neo4j_first'][k]:.2f} / {r['neo4j'][k]:.2f} / " + (f"{memory:.3f}" if memory is not None else "—")


def table(results: dict) -> str:
    sizes = list(results)
    lines = ["| | " + " | ".join(f"{n:,}" for n in sizes) + " |", "|---" * (len(sizes) + 1) + "|"]

    def row(label, fmt, get):
        lines.append(f"| {label} | " + " | ".join(fmt.format(get(results[n])) for n in sizes) + " |")

    row("links", "{:,}", lambda r: r["links"])
    row("load, total s (one transaction)", "{:.1f}", lambda r: r["load_s"])
    row("elements/s", "{:,.0f}", lambda r: r["elements_per_s"])
    row("links/s", "{:,.0f}", lambda r: r["links_per_s"])
    row("commit s", "{:.1f}", lambda r: r["commit_s"])
    for name in results[sizes[0]]["neo4j"]:
        row(f"{name}, s (neo4j first / warm / memory)", "{}", lambda r, k=name: _times(r, k))
    row("datasets, s", "{:.2f}", lambda r: r["datasets_s"])
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--uri", help="use this server (NEO4J_USERNAME/PASSWORD/DATABASE apply)")
    parser.add_argument("--heap", default="4g", help="heap of the server started here")
    parser.add_argument("--pagecache", default="2g", help="page cache of the server started here")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    settings, srv = server(args)
    results = {}
    try:
        with Neo4jStore.connect(settings, "bench-scale") as store, tempfile.TemporaryDirectory() as tmp:
            measure(store, 2_000, Path(tmp), compare=True)  # warm-up: a fresh JVM runs the first loads slowly
            for n in args.sizes:
                print(f"{n:,} elements", file=sys.stderr)
                results[n] = measure(store, n, Path(tmp), compare=n <= 100_000)
                print(json.dumps(results[n], indent=1), file=sys.stderr)
            store.drop()
    finally:
        if srv is not None:
            srv.stop()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
