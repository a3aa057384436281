#!/usr/bin/env python3
"""Plan versions at scale: diff, impact and redundant, embedded and on Neo4j.

    python bench/changes.py                                  # 10⁴, 10⁵, 10⁶ embedded; Neo4j at 10⁵
    python bench/changes.py --sizes 10000 --neo4j-sizes 10000 --uri bolt://…

For each size a synthetic cascade (``cascade.synthetic``) is read from CSV and a *perubahan*
made from it in memory: 1% of the processes dropped (with their links), 1% of the strategies
renamed, 1% of the applications re-owned, as many new processes added under programs. Then:

* ``diff(awal, perubahan)`` beside one ``orphans`` call on each (the findings part of a diff
  is eight such analyses);
* ``impact`` of one program and of 100 elements (programs and applications) beside one
  ``orphans``: linear in the dataset, so 100 retired elements cost about what one does;
* ``redundant``.

On Neo4j (a server started here with ``--heap``, or ``--uri``) the two versions are loaded into
one dataset and the same calls run on ``NAME@previous`` and ``NAME``. Writes
``--out``.json and ``--out``.md. Times are medians of ``--runs`` runs, in seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import cascade
from cascade.model import Cascade, Element
from cascade.synthetic import write_csv


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def timed(call, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def perubahan(c: Cascade, seed: int = 1) -> Cascade:
    """The awal after a perubahan: 1% of processes dropped, strategies renamed, applications re-owned, processes added."""
    rnd = random.Random(seed)
    schema = c.schema
    by_level: dict[str, list[str]] = {}
    for e in c:
        by_level.setdefault(e.level.name, []).append(e.id)
    share = lambda ids: rnd.sample(ids, max(1, len(ids) // 100))   # noqa: E731
    dropped = set(share(by_level[schema.process.name]))
    renamed = set(share(by_level[schema.strategy.name]))
    reowned = set(share(by_level[schema.role("application").name]))
    elements = {}
    for e in c:
        if e.id in dropped:
            continue
        if e.id in renamed or e.id in reowned:
            e = Element(e.id, e.name + " (perubahan)" if e.id in renamed else e.name, e.level,
                        "Diskominfo" if e.id in reowned else e.opd, e.attrs)
        elements[e.id] = e
    links = [(p, ch) for p, ch in c.links if p not in dropped and ch not in dropped]
    programs = by_level[schema.level("program").name]
    for k in range(len(dropped)):
        new_id = f"PB-NEW-{k}"
        elements[new_id] = Element(new_id, f"Proses baru {k}", schema.process, "Bappeda")
        links.append((rnd.choice(programs), new_id))
    return Cascade(f"{c.name}-perubahan", elements, links, schema=schema)


def retired_sample(c: Cascade, k: int, seed: int = 2) -> list[str]:
    rnd = random.Random(seed)
    pool = [e.id for e in c if e.level.name in ("program", "application")]
    return rnd.sample(pool, k)


def calls(old, new, sample1: list[str], sample100: list[str]) -> dict:
    return {
        "orphans": lambda: cascade.orphans(new),
        "diff": lambda: cascade.diff(old, new),
        "impact_1": lambda: cascade.impact(new, sample1),
        "impact_100": lambda: cascade.impact(new, sample100),
        "redundant": lambda: cascade.redundant(new),
    }


def measure(old, new, c_new: Cascade, runs: int) -> dict:
    one, hundred = retired_sample(c_new, 1), retired_sample(c_new, 100)
    out, answers = {}, {}
    for name, call in calls(old, new, one, hundred).items():
        seconds, answers[name] = timed(call, runs)
        out[name] = round(seconds, 3)
        log(f"  {name}: {seconds:.3f} s")
    d = answers["diff"]
    out["diff_counts"] = {"added": len(d.added), "removed": len(d.removed), "changed": len(d.changed),
                          "links_added": len(d.links_added), "links_removed": len(d.links_removed)}
    out["impact_100_new"] = sum(len(v) for v in answers["impact_100"].lost.values())
    out["redundant_groups"] = len(answers["redundant"])
    out["_answers"] = {"diff": d.to_dict(), "impact": answers["impact_100"].to_dict(),
                       "redundant": [g.to_dict() for g in answers["redundant"]]}
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--neo4j-sizes", nargs="+", type=int, default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--uri", help="use this Neo4j instead of starting one")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cascade-bench-changes"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "changes")
    args = parser.parse_args(argv)
    results: dict = {"embedded": {}, "neo4j": {}}
    cascades = {}
    for n in sorted(set(args.sizes) | set(args.neo4j_sizes)):
        folder = args.workdir / f"csv-{n}"
        if not folder.exists():
            write_csv(folder, n)
        awal = cascade.read(folder, name="awal")
        cascades[n] = (awal, perubahan(awal))
    for n in args.sizes:
        log(f"embedded {n:,}")
        awal, new = cascades[n]
        results["embedded"][n] = measure(awal, new, new, args.runs)
    if args.neo4j_sizes:
        results["neo4j"] = neo4j(args, cascades, results["embedded"])
    for where in results.values():
        for row in where.values():
            row.pop("_answers", None)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
    args.out.with_suffix(".md").write_text(render(results))
    log(f"wrote {args.out}.json and .md")
    return 0


def neo4j(args, cascades, embedded: dict) -> dict:
    """Both versions loaded into one dataset; the calls on NAME@previous and NAME."""
    from cascade.settings import Neo4jSettings
    from cascade.stores.neo4j import Neo4jStore

    if args.uri:
        settings, srv = Neo4jSettings.from_env(uri=args.uri), None
    else:
        sys.path.insert(0, str(HERE.parent / "scripts"))
        import neo4j_server

        log(f"starting Neo4j (heap {args.heap}) …")
        srv = neo4j_server.start(heap=args.heap)
        settings = Neo4jSettings(uri=srv.uri)
    out = {}
    try:
        for n in args.neo4j_sizes:
            log(f"neo4j {n:,}")
            awal, new = cascades[n]
            with Neo4jStore.connect(settings, f"bench-changes-{n}") as store:
                store.load(awal)
                store.load(new)
                with Neo4jStore.connect(settings, store.dataset, version="previous") as older:
                    row = measure(older, store, new, args.runs)
                store.drop()
            if n in embedded:
                row["same_as_embedded"] = row["_answers"] == embedded[n]["_answers"]
            out[n] = row
    finally:
        if srv is not None:
            srv.stop()
    return out


def render(results: dict) -> str:
    lines = ["# Plan versions at scale (bench/changes.py)", "",
             "Seconds, medians. `impact_100` retires 100 programs and applications at once.", ""]
    for where, rows in results.items():
        if not rows:
            continue
        lines += [f"## {where}", "", "| elements | orphans | diff | impact 1 | impact 100 | redundant | diff counts | same as embedded |",
                  "|---|---|---|---|---|---|---|---|"]
        for n, r in rows.items():
            counts = ", ".join(f"{k} {v}" for k, v in r["diff_counts"].items())
            same = {True: "yes", False: "**no**", None: ""}[r.get("same_as_embedded")]
            lines.append(f"| {int(n):,} | {r['orphans']} | {r['diff']} | {r['impact_1']} | {r['impact_100']} | "
                         f"{r['redundant']} | {counts} | {same} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
