"""Collect every finding of one dataset once, through the store protocol.

>>> import cascade
>>> c = cascade.from_records({"strategy": [{"id": "S1", "name": "s"}],
...                           "program": [{"id": "G1", "name": "g", "parent": "S1"}],
...                           "process": [{"id": "P1", "name": "p"}]})
>>> r = build_report(c)
>>> [g.id for g in r.gaps["orphans"]], [g.id for g in r.gaps["unbacked"]]
(['P1'], ['S1'])
>>> [(s.id, s.ends) for s in r.strategies]
[('S1', ('G1',))]
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from ..api import fixed_store
from ..gates import GAP_KINDS, gaps_of
from .inventory import inventory
from .model import Report, StrategyView

__all__ = ["build_report", "Progress"]

#: ``progress(what, done, total)``: called as the report is collected.
Progress = Callable[[str, int, int], None]

def _ends(trace) -> tuple[str, ...]:
    """Elements of a downward trace above the lowest level with nothing below them."""
    lowest = trace.schema.bottom
    return tuple(sorted(i for i, (_, lv, _) in trace.nodes.items() if lv < lowest and not trace.edges.get(i)))


def build_report(subject, *, source: str | None = None, progress: Progress | None = None,
                 generated: str | None = None) -> Report:
    """Every analysis of ``subject`` (a cascade or any store), collected once into a :class:`Report`.

    Asks the store only what the store protocol offers (``coverage``, ``orphans``,
    ``unbacked``, ``check``, ``elements`` and ``links``), all from one version.
    Each strategy's downward trace is built locally from the elements and links
    with the stores' own :func:`~cascade.analysis.build_trace`, with no further
    round trip.
    """
    store = fixed_store(subject)
    steps = 3 + len(GAP_KINDS)
    done = 0

    def step(what: str, total: int) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(what, done, total)

    coverage = store.coverage()
    step("coverage", steps)
    by_opd = store.coverage("opd")
    step("coverage by OPD", steps)
    gaps = {}
    for k in GAP_KINDS:
        gaps.update(gaps_of(store, [k]))
        step(k.name, steps)
    findings = store.check()
    step("check", steps)
    found = inventory(store)
    strategy_ids = found.ids(store.schema.strategy)
    total = steps + len(strategy_ids)
    views = []
    for sid in strategy_ids:
        trace = found.trace_down(sid)
        views.append(StrategyView(trace, _ends(trace)))
        step(f"trace {sid}", total)
    when = generated or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    source = source if source is not None else _source_of(subject)
    return Report(store.dataset, source, when, coverage, by_opd, gaps, findings, views, found.nodes,
                  store.schema, skips=found.skips())


def _source_of(subject) -> str | None:
    held = getattr(subject, "source", None) or getattr(getattr(subject, "cascade", None), "source", None)
    return str(held) if held is not None else None
