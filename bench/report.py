"""The markdown tables and the targets of issue 6, from the numbers ``bench/run.py`` gathers."""

from __future__ import annotations

TARGET_SIZE = 1_000_000
LOAD_VS_NAIVE = 30           # cascade's Neo4j load throughput ≥ 30× the naive load's
LOAD_RATE = 20_000           # elements+links per second at 10⁶
NEO4J_WARM_S = 10            # each Neo4j analysis at 10⁶, warm
NEO4J_VS_NAIVE = 10          # cascade's orphans ≥ 10× faster than the naive Cypher (where it finishes)
EMBEDDED_VS_CSR = 3          # each embedded analysis within 3× of the CSR reference at 10⁶
CLI_S = 15                   # cascade orphans on the 10⁶ CSV, end to end
RSS_PER_ELEMENT = 1500       # bytes of peak RSS per element


def s(x: float | None) -> str:
    """Seconds, to a precision that fits their size."""
    if x is None:
        return "—"
    for limit, fmt in ((100, "{:,.0f}"), (10, "{:.1f}"), (1, "{:.2f}"), (0.01, "{:.3f}")):
        if x >= limit:
            return fmt.format(x)
    return f"{x:.4f}"


def ratio(x: float | None) -> str:
    return "—" if x is None else (f"{x:.0f}×" if x >= 10 else f"{x:.1f}×")


def _largest(d: dict, want: int = TARGET_SIZE) -> tuple[int | None, dict | None]:
    """The entry of ``want`` elements, else of the largest size measured."""
    if not d:
        return None, None
    n = want if want in d else max(d)
    return n, d[n]


def _row(target: str, n: int | None, measured: str, ok: bool | None, margin: str) -> dict:
    status = "not measured" if n is None else ("pass" if ok else "FAIL") if ok is not None else "inconclusive"
    if n is not None and n != TARGET_SIZE and status in ("pass", "FAIL"):
        status += f" (at {n:,}, not 10⁶)"
    return {"target": target, "size": n, "measured": measured, "status": status, "margin": margin}


def naive_load_s(naive: dict, n: int, m: int) -> float:
    """The naive load of n elements and m links, extrapolated from its per-element and per-link times."""
    return n * naive["s_per_element"] + m * naive["s_per_link"]


def targets(results: dict) -> list[dict]:
    rows = []
    neo = results.get("neo4j") or {}
    n, r = _largest(neo.get("sizes", {}))
    naive = neo.get("naive_load")
    if r and naive:
        x = r["elements_links_per_s"] / naive["elements_links_per_s"]
        rows.append(_row(f"Neo4j load ≥ {LOAD_VS_NAIVE}× the naive load (elements+links/s)", n,
                         f"{r['elements_links_per_s']:,.0f} vs {naive['elements_links_per_s']:,.0f}/s = {x:.1f}×",
                         x >= LOAD_VS_NAIVE, f"{x / LOAD_VS_NAIVE:.2f} of the target"))
        rate = r["elements_links_per_s"]
        rows.append(_row(f"Neo4j load ≥ {LOAD_RATE:,} elements+links/s at 10⁶", n, f"{rate:,.0f}/s",
                         rate >= LOAD_RATE, f"{rate / LOAD_RATE:.2f} of the target"))
    else:
        rows.append(_row("Neo4j load targets", None, "—", None, ""))
    if r:
        for name, a in r["analyses"].items():
            rows.append(_row(f"Neo4j {name} warm < {NEO4J_WARM_S} s at 10⁶", n, f"{s(a['warm'])} s",
                             a["warm"] < NEO4J_WARM_S, f"{a['warm'] / NEO4J_WARM_S:.2f} of the limit"))
        ours = r["analyses"]["orphans (process, strategy)"]["warm"]
        for q, res in r["naive_cypher"].items():
            label = f"Neo4j orphans ≥ {NEO4J_VS_NAIVE}× faster than naive Cypher ({q})"
            if res["finished"]:
                x = res["warm"] / ours
                rows.append(_row(label, n, f"{s(res['warm'])} s vs {s(ours)} s = {ratio(x)}", x >= NEO4J_VS_NAIVE,
                                 f"{x / NEO4J_VS_NAIVE:.2f} of the target"))
            else:
                x = res["timeout_s"] / ours   # at least this much
                rows.append(_row(label, n, f"naive did not finish in {res['timeout_s']:g} s; ≥ {ratio(x)}",
                                 True if x >= NEO4J_VS_NAIVE else None, "lower bound"))
    emb = results.get("embedded", {})
    n, e = _largest(emb)
    if e:
        for name, a in e["analyses"].items():
            x = a["median"] / e["reference"][name]["median"]
            rows.append(_row(f"embedded {name} within {EMBEDDED_VS_CSR}× of the CSR reference", n,
                             f"{s(a['median'])} s vs {s(e['reference'][name]['median'])} s = {ratio(x)}",
                             x <= EMBEDDED_VS_CSR, f"{x / EMBEDDED_VS_CSR:.2f} of the limit"))
        cli = e["cli_orphans"]
        rows.append(_row(f"`cascade orphans` on the 10⁶ CSV < {CLI_S} s", n, f"{s(cli['median'])} s",
                         cli["median"] < CLI_S, f"{cli['median'] / CLI_S:.2f} of the limit"))
        per = cli["peak_rss_bytes"] / e["elements"]
        rows.append(_row(f"`cascade orphans` peak RSS < {RSS_PER_ELEMENT:,} bytes per element", n, f"{per:,.0f} B",
                         per < RSS_PER_ELEMENT, f"{per / RSS_PER_ELEMENT:.2f} of the limit"))
    return rows


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def embedded_table(emb: dict) -> list[str]:
    sizes = sorted(emb)
    rows = [["links", *(f"{emb[n]['links']:,}" for n in sizes)]]

    def line(label, get):
        rows.append([label, *(get(emb[n]) for n in sizes)])

    line("read CSV, s", lambda e: s(e["read_csv"]["median"]))
    line("read xlsx, s", lambda e: s(e["read_xlsx"]["median"]) if "read_xlsx" in e else "not run")
    line("index (memory store), s", lambda e: s(e["index"]["median"]))
    line("encode as CSR (reference), s", lambda e: s(e["csr_build"]["median"]))
    for name in emb[sizes[0]]["analyses"]:
        line(f"{name}: cascade / CSR reference, s (ratio)",
             lambda e, k=name: f"{s(e['analyses'][k]['median'])} / {s(e['reference'][k]['median'])} "
                               f"({ratio(e['analyses'][k]['median'] / e['reference'][k]['median'])})")
    line("naive networkx orphans (ancestors per process), s extrapolated (ratio to cascade)",
         lambda e: (f"{s(e['naive_networkx']['extrapolated_s'])} "
                    f"({ratio(e['naive_networkx']['extrapolated_s'] / e['analyses']['orphans (process, strategy)']['median'])})"
                    + ("" if e["naive_networkx"]["sample"] == e["naive_networkx"]["processes"]
                       else f" from {e['naive_networkx']['sample']:,}"))
         if "naive_networkx" in e else "—")
    line("networkx graph build (`to_networkx`), s",
         lambda e: s(e["naive_networkx"]["build_s"]) if "naive_networkx" in e else "—")
    line("`cascade orphans DIR --format json` end to end, s", lambda e: s(e["cli_orphans"]["median"]))
    line("its peak RSS, MB", lambda e: f"{e['cli_orphans']['peak_rss_bytes'] / 1e6:,.0f}")
    line("its peak RSS per element, bytes",
         lambda e: f"{e['cli_orphans']['peak_rss_bytes'] / e['elements']:,.0f}")
    return _table(["embedded", *(f"{n:,}" for n in sizes)], rows)


def neo4j_table(neo: dict) -> list[str]:
    sizes = sorted(neo["sizes"])
    naive = neo["naive_load"]
    rows = []

    def line(label, get):
        rows.append([label, *(get(neo["sizes"][n]) for n in sizes)])

    line("links", lambda r: f"{r['links']:,}")
    line("server heap", lambda r: r.get("heap", neo["heap"]))
    line("load (a new version: batches, counted, published), s", lambda r: s(r["load_s"]))
    line("bare loader (one session, UNWIND 10k + CREATE), s", lambda r: s(r["bare_load"]["load_s"]) if "bare_load" in r else "—")
    line("cascade load vs bare loader, ×", lambda r: f"{r['load_vs_bare']:.2f}×" if "load_vs_bare" in r else "—")
    line("elements/s", lambda r: f"{r['elements_per_s']:,.0f}" if "elements_per_s" in r else "—")
    line("links/s", lambda r: f"{r['links_per_s']:,.0f}" if "links_per_s" in r else "—")
    line("elements+links/s overall", lambda r: f"{r['elements_links_per_s']:,.0f}")
    line(f"naive load (MERGE per element and per link), s extrapolated from {naive['elements']:,} elements",
         lambda r: s(naive_load_s(naive, r["elements"], r["links"])))
    line("cascade load vs naive, ×", lambda r: ratio(naive_load_s(naive, r["elements"], r["links"]) / r["load_s"]))
    for name in neo["sizes"][sizes[0]]["analyses"]:
        line(f"{name}: first / warm, s",
             lambda r, k=name: f"{s(r['analyses'][k]['first'])} / {s(r['analyses'][k]['warm'])}")
    for q, label in (("orphans", "naive orphans Cypher (`NOT (p)<-[:CASCADES_TO*]-(:Strategy)`)"),
                     ("orphans_paths", "naive orphans Cypher returning paths")):
        def cell(r, q=q):
            res = r["naive_cypher"][q]
            ours = r["analyses"]["orphans (process, strategy)"]["warm"]
            if not res["finished"]:
                return f"did not finish in {res['timeout_s']:g} s (≥ {ratio(res['timeout_s'] / ours)})"
            same = {True: ", same orphans", False: ", DIFFERENT orphans"}.get(res.get("same_as_cascade"), "")
            return f"{s(res['first'])} / {s(res['warm'])} ({ratio(res['warm'] / ours)}{same})"
        line(f"{label}: first / warm, s (ratio to cascade's orphans)", cell)
    line("datasets, s", lambda r: s(r["datasets_s"]))
    return _table(["Neo4j", *(f"{n:,}" for n in sizes)], rows)


def markdown(results: dict) -> str:
    m = results["machine"]
    lib = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    out = ["# Benchmark results", "",
           f"{m['date']}, commit {m['commit']}: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
           f"{m['os']}, Python {m['python']} ({lib})"
           + (f"; {m['neo4j']}, page cache {results['neo4j']['pagecache']}" if m.get("neo4j") else "")
           + f". Load average {m['load_average_at_start'][0]:.1f} at the start, "
             f"{m['load_average_at_end'][0]:.1f} at the end (the machine is shared).", "",
           f"Times are medians of {results['settings']['runs']} runs, in seconds.", "",
           *([f"Taken from the run of {results['kept']['from']}: {', '.join(results['kept']['parts'])}.", ""]
             if results.get("kept") else []),
           "## Targets", ""]
    out += _table(["target", "measured", "status", "margin"],
                  [[t["target"], t["measured"], t["status"], t["margin"]] for t in results["targets"]])
    if results.get("embedded"):
        out += ["", "## Embedded", ""] + embedded_table(results["embedded"])
    if results.get("neo4j"):
        naive = results["neo4j"]["naive_load"]
        out += ["", "## Neo4j", "",
                (f"Naive load of {naive['elements']:,} elements and {naive['links']:,} links, one MERGE per "
                 f"transaction: {naive['elements_per_s']:,.0f} elements/s, {naive['links_per_s']:,.0f} links/s, "
                 f"{naive['elements_links_per_s']:,.0f} elements+links/s."), ""]
        if results["neo4j"]["sizes"]:
            out += neo4j_table(results["neo4j"])
        for n, why in results["neo4j"].get("refused", {}).items():
            out += ["", f"{int(n):,} elements: the load was refused with a {why['heap']} heap: {why['error']}"]
    if results.get("profile"):
        files = ", ".join(f"`{v}`" for v in results["profile"].values())
        out += ["", "## Profile", "", f"pyinstrument on the largest embedded case: {files}."]
    return "\n".join(out) + "\n"
