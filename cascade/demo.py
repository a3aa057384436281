"""``cascade demo``: the whole path on the seed workbook, embedded, in a screenful or two."""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule

from . import api
from .model import ERROR
from .render import emit

__all__ = ["run_demo"]


def run_demo(out: Console) -> None:
    path = api.seed_path()
    out.print(Rule(f"cascade demo — {path.name} (Kota Tangerang, illustrative)"))
    c = api.read(path)
    findings = c.findings + api.findings(c)
    counts = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    summary = ", ".join(f"{n} {code}" for code, n in sorted(counts.items())) or "none"
    errors = sum(f.severity == ERROR for f in findings)
    out.print(f"[bold]check[/]: {len(c)} elements, {len(c.links)} links, {errors} errors; findings: {summary}")
    out.print(f"[dim]  details: cascade check {path}[/]\n")
    emit(api.coverage(c), "table", out)
    emit(api.orphans(c), "table", out, title="Orphan processes — no strategy above (proses bisnis tanpa strategi)")
    emit(api.unbacked(c), "table", out, title="Unbacked strategies — no process below (strategi tanpa proses bisnis)")
    strategy = _showcase_strategy(c)
    if strategy:
        out.print(f"\n[bold]trace[/] {strategy} — what this strategy comes down to:")
        emit(api.trace(c, strategy, "down", depth=3), "table", out)
        out.print(f"[dim]  full depth: cascade trace {strategy} {path}[/]")
    out.print(Rule("try: cascade orphans --help"))


def _showcase_strategy(c) -> str | None:
    """The backed strategy with the smallest trace that still reaches applications."""
    strategy, app = c.schema.strategy, c.schema.application
    best = None
    for e in c:
        if e.level != strategy:
            continue
        t = api.trace(c, e.id)
        if any(lv == app for _, lv, _ in t.nodes.values()) and (best is None or len(t.nodes) < best[0]):
            best = (len(t.nodes), e.id)
    return best[1] if best else None
