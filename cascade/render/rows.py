"""Result objects as flat rows: the common ground of tables, CSV, Markdown and workbooks (counts stay numbers)."""

from __future__ import annotations

from ..analysis import Coverage, Gap, Trace
from ..model import Finding

__all__ = ["gap_rows", "coverage_rows", "share_rows", "share_number_rows", "trace_path_rows", "finding_rows"]


def gap_rows(gaps: list[Gap]) -> tuple[list[str], list[list[str]]]:
    columns = ["id", "name", "level", "opd", "reached", "break_at"]
    return columns, [[g.id, g.name, g.level.name, g.opd or "", g.reached.name, "; ".join(g.break_at)] for g in gaps]


def coverage_rows(cov: Coverage) -> tuple[list[str], list[list[str]]]:
    columns = (["opd"] if cov.by else []) + ["level", "elements", "with_parent", "anchored", "with_child"]
    rows = []
    for r in cov.rows:
        row = [r.level.name, r.elements, r.with_parent, r.anchored, r.with_child]
        rows.append(([r.opd or ""] if cov.by else []) + row)
    return columns, rows


def share_rows(cov: Coverage) -> tuple[list[str], list[list[str]]]:
    columns = (["opd"] if cov.by else []) + ["processes with a strategic link", "strategies backed by a process"]
    keys = list(dict.fromkeys([*cov.process_linked, *cov.strategy_backed]))
    rows = []
    for k in keys:
        linked, backed = cov.process_linked.get(k), cov.strategy_backed.get(k)
        row = [str(linked) if linked else "—", str(backed) if backed else "—"]
        rows.append(([k or ""] if cov.by else []) + row)
    return columns, rows


def share_number_rows(cov: Coverage) -> tuple[list[str], list[list]]:
    """The headline shares as numbers (part, whole, ratio), per OPD when broken down — for workbooks."""
    columns = (["opd"] if cov.by else []) + ["item", "part", "whole", "ratio"]
    rows = []
    for item, shares in (("share-linked", cov.process_linked), ("share-backed", cov.strategy_backed)):
        for key, share in shares.items():
            ratio = share.part / share.whole if share.whole else None
            rows.append(([key or ""] if cov.by else []) + [item, share.part, share.whole, ratio])
    return columns, rows


def trace_path_rows(trace: Trace) -> tuple[list[str], list[list[str]]]:
    """One row per root-to-leaf chain, one id/name column pair per level it spans."""
    paths = trace.paths()
    indexes = sorted({trace.nodes[i][1].index for p in paths for i in p})
    columns = [c for ix in indexes for c in (f"{trace.schema[ix].name}_id", f"{trace.schema[ix].name}_name")]
    rows = []
    for path in paths:
        cells = {trace.nodes[i][1].index: (i, trace.nodes[i][0]) for i in path}
        rows.append([v for ix in indexes for v in cells.get(ix, ("", ""))])
    return columns, rows


def finding_rows(findings: list[Finding]) -> tuple[list[str], list[list[str]]]:
    columns = ["severity", "code", "file", "sheet", "row", "element", "message"]
    rows = []
    for f in findings:
        p = f.place
        rows.append(
            [f.severity, f.code, p.file if p else "", (p.sheet or "") if p else "", p.row if p and p.row else "", f.element or "", f.message]
        )
    return columns, rows
