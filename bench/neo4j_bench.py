"""Neo4j measurements for ``bench/run.py``: cascade's load and analyses beside the naive ones.

* cascade's load (``Neo4jStore.load``, replace) of each size: elements/s, links/s,
  elements+links per second overall;
* the naive load: one ``MERGE`` per element and one per link, each in a
  transaction of its own (``naive/merge_*.cypher``), on a small cascade,
  extrapolated per element and per link;
* every analysis, first run after the load and warm (median of the next
  ``runs - 1`` runs, at least one),
  checked equal to the embedded store's answers up to ``compare_max`` elements;
* the naive orphans Cypher (``naive/orphans.cypher``) and a path-returning
  variant (``naive/orphans_paths.cypher``), each under a transaction timeout:
  a run that times out is recorded as not finished in that many seconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from neo4j import Query
from neo4j import exceptions as errors

import cascade
from cascade.levels import LEVELS
from cascade.settings import Neo4jSettings
from cascade.stores.neo4j import LoadFailed, Neo4jStore

NAIVE = Path(__file__).resolve().parent / "naive"


def naive(name: str) -> str:
    return (NAIVE / f"{name}.cypher").read_text(encoding="utf-8")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


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
    """Progress callback: when the element batches end and when the link batches end."""

    def __init__(self, elements: int):
        self.elements, self.start = elements, time.perf_counter()
        self.elements_done = self.links_done = None

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done >= self.elements and self.elements_done is None:
            self.elements_done = now
        if done >= total:
            self.links_done = now


def server_version(store: Neo4jStore) -> str:
    with store.session() as session:
        r = session.run(naive("version")).single()
    return f"{r['name']} {r['version']} {r['edition']}"


def load(store: Neo4jStore, c: cascade.Cascade) -> dict:
    """cascade's load of ``c`` (replacing the dataset), with its rates."""
    n, m = len(c), len(c.links)
    clock = PhaseClock(n)
    try:
        report = store.load(c, progress=clock)
    except TypeError:   # a load protocol without progress
        report = store.load(c)
    out = {"load_s": report.seconds, "elements_links_per_s": (n + m) / report.seconds}
    if clock.elements_done and clock.links_done:
        out["elements_per_s"] = n / (clock.elements_done - clock.start)
        out["links_per_s"] = m / (clock.links_done - clock.elements_done)
        out["after_links_s"] = clock.start + report.seconds - clock.links_done   # commit and the rest
    return out


def naive_load(settings: Neo4jSettings, c: cascade.Cascade) -> dict:
    """One MERGE per element and per link, each in its own (auto-commit) transaction."""
    dataset = "bench-naive"
    element_q, link_q = naive("merge_element"), naive("merge_link")
    with Neo4jStore.connect(settings, dataset) as store:
        store.create_schema()   # the same constraint and indexes as cascade's load: lookups by (dataset, id)
        with store.session(write=True) as session:
            session.run(naive("drop"), dataset=dataset).consume()
            started = time.perf_counter()
            for e in c:
                props = {**e.attrs, "dataset": dataset, "id": e.id, "name": e.name, "level": e.level.name,
                         "opd": e.opd}
                session.run(element_q, dataset=dataset, id=e.id, label=e.level.label, props=props).consume()
            elements_s = time.perf_counter() - started
            for parent, child in c.links:
                session.run(link_q, dataset=dataset, parent=parent, child=child).consume()
            links_s = time.perf_counter() - started - elements_s
            session.run(naive("drop"), dataset=dataset).consume()
    n, m = len(c), len(c.links)
    return {"elements": n, "links": m, "elements_s": elements_s, "links_s": links_s,
            "elements_per_s": n / elements_s, "links_per_s": m / links_s,
            "elements_links_per_s": (n + m) / (elements_s + links_s),
            "s_per_element": elements_s / n, "s_per_link": links_s / m}


def bare_load(store: Neo4jStore, c: cascade.Cascade, batch: int = 10_000) -> dict:
    """The bare best-practice loader the issue measures against: one session, UNWIND batches of
    ``batch`` rows with CREATE, same server and data (a dataset of its own, version 0), no versions,
    no counting, no publish."""
    dataset = "bench-bare"
    elements_q, links_q = naive("bare_elements"), naive("bare_links")
    element_rows = [{"label": e.level.label, "props": {**e.attrs, "dataset": dataset, "version": 0, "id": e.id,
                                                       "name": e.name, "level": e.level.name, "opd": e.opd}}
                    for e in c]
    link_rows = [{"parent": p, "child": ch} for p, ch in c.links]
    with store.session(write=True) as session:
        started = time.perf_counter()
        for rows, q in ((element_rows, elements_q), (link_rows, links_q)):
            for i in range(0, len(rows), batch):
                chunk = rows[i:i + batch]
                session.execute_write(lambda tx, chunk=chunk, q=q: tx.run(q, rows=chunk, dataset=dataset).consume())
        seconds = time.perf_counter() - started
        session.run(naive("bare_drop"), dataset=dataset).consume()
    return {"load_s": seconds, "elements_links_per_s": (len(c) + len(c.links)) / seconds}


def naive_query(store: Neo4jStore, name: str, timeout: float, runs: int) -> dict:
    """Run a naive Cypher up to ``runs`` times under a transaction timeout; stop at the first timeout."""
    text = naive(name)
    times, ids = [], None
    for _ in range(runs):
        try:
            with store.session() as session:
                started = time.perf_counter()
                rows = list(session.run(Query(text, timeout=timeout), dataset=store.dataset,
                                         version=store.published_version(store.dataset)))
                times.append(time.perf_counter() - started)
                ids = {r["id"] for r in rows}
        except errors.Neo4jError as exc:
            code = exc.code or ""
            if "Timed" in code or "Terminated" in code or "timeout" in str(exc).lower():
                return {"finished": False, "timeout_s": timeout, "times": times,
                        "error": code}
            raise
    return {"finished": True, "timeout_s": timeout, "first": times[0], "times": times,
            "warm": statistics.median(times[1:]) if len(times) > 1 else times[0], "ids": ids}


def measure(store: Neo4jStore, c: cascade.Cascade, runs: int, compare: bool, naive_timeout: float,
            naive_runs: int, heap: str) -> dict:
    """Load ``c`` and time every analysis (first and warm), then the naive orphans Cypher."""
    out = {"elements": len(c), "links": len(c.links), "heap": heap, "bare_load": bare_load(store, c), **load(store, c)}
    out["load_vs_bare"] = out["elements_links_per_s"] / out["bare_load"]["elements_links_per_s"]
    log(f"  neo4j load {out['load_s']:.1f}s, {out['elements_links_per_s']:,.0f} elements+links/s; bare loader "
        f"{out['bare_load']['elements_links_per_s']:,.0f}/s ({out['load_vs_bare']:.2f}x)")
    memory = cascade.store_of(c) if compare else None
    out["analyses"] = {}
    for name, call in analyses(c).items():
        got, first = timed(lambda call=call: call(store))
        warm = [timed(lambda call=call: call(store))[1] for _ in range(max(1, runs - 1))]
        out["analyses"][name] = {"first": first, "warm": statistics.median(warm), "warm_runs": len(warm)}
        if compare:   # same answers as the embedded store (check findings with their places too)
            assert got == call(memory), f"Neo4j and the memory store disagree on {name}"
        log(f"  {name}: first {first:.2f}s, warm {out['analyses'][name]['warm']:.2f}s")
    orphan_ids = {g.id for g in store.orphans()}
    out["naive_cypher"] = {}
    for name in ("orphans", "orphans_paths"):
        result = naive_query(store, name, naive_timeout, naive_runs)
        ids = result.pop("ids", None)
        if ids is not None:
            result["same_as_cascade"] = ids == orphan_ids
        out["naive_cypher"][name] = result
        log(f"  naive {name}: " + (f"{result['warm']:.2f}s" if result["finished"]
                                   else f"did not finish in {naive_timeout:g}s"))
    _, out["datasets_s"] = timed(store.datasets)
    return out


def run(sizes: list[int], sources: dict[int, Path], sample: Path, args) -> dict:
    """The Neo4j part: start a server (or use ``--uri``), warm it up, the naive load, every size."""
    if args.uri:
        settings, srv = Neo4jSettings.from_env(uri=args.uri), None
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
        import neo4j_server

        log(f"starting Neo4j (heap {args.heap}, page cache {args.pagecache}) …")
        srv = neo4j_server.start(heap=args.heap, pagecache=args.pagecache)
        settings = Neo4jSettings(uri=srv.uri)
    out: dict = {"heap": args.heap, "pagecache": args.pagecache, "sizes": {}}
    try:
        with Neo4jStore.connect(settings, "bench") as store:
            out["version"] = server_version(store)
            small = cascade.read(sample)
            log("warm-up load …")
            store.load(small)   # a fresh JVM runs its first loads slowly
            log(f"naive load of {len(small):,} elements …")
            out["naive_load"] = naive_load(settings, small)
            log(f"  {out['naive_load']['elements_links_per_s']:,.0f} elements+links/s")
            for n in sizes:
                log(f"neo4j {n:,} elements …")
                c = cascade.read(sources[n])
                try:
                    out["sizes"][n] = measure(store, c, args.runs, n <= args.compare_max, args.naive_timeout,
                                              args.naive_runs, args.heap)
                except LoadFailed as exc:   # e.g. a batch too big for the heap: say so, go on
                    log(f"  load refused: {exc}")
                    out.setdefault("refused", {})[n] = {"heap": args.heap, "error": str(exc)}
                del c
            if srv is None:   # a server of the user's: leave it as it was (a throwaway one is deleted whole)
                store.drop()
    finally:
        if srv is not None:
            srv.stop()
    return out
