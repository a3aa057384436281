"""Write one result to the console in the chosen format."""

from __future__ import annotations

import csv
import io
import json
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from ..analysis import Coverage, Trace, TraceNode
from ..model import ERROR, WARNING, Finding
from .rows import coverage_rows, finding_rows, gap_rows, share_rows, trace_path_rows

__all__ = ["FORMATS", "emit", "emit_findings", "render_tree"]

FORMATS = ("table", "json", "csv", "md")
_STYLE = {ERROR: "bold red", WARNING: "yellow"}


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _csv(columns: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def _md(columns: list[str], rows: list[list[str]]) -> str:
    def cell(v: str) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _table(columns: list[str], rows: list[list[str]], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    for c in columns:
        table.add_column(c.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*(escape(str(v)) for v in row))
    return table


def render_tree(node: TraceNode) -> Tree:
    """A rich Tree of a trace; an element shown before is marked ``↑ see above``."""

    def label(n: TraceNode) -> str:
        text = f"[dim]{n.level.name}[/] [bold]{escape(n.id)}[/] {escape(n.name)}"
        if n.opd:
            text += f" [dim]· {escape(n.opd)}[/]"
        return text + (" [cyan](↑ see above)[/]" if n.ref else "")

    tree = Tree(label(node))
    stack = [(tree, c) for c in reversed(node.children)]
    while stack:
        parent, n = stack.pop()
        branch = parent.add(label(n))
        stack.extend((branch, c) for c in reversed(n.children))
    return tree


def _plain(out: Console, text: str) -> None:
    out.file.write(text)
    out.file.flush()


def emit(result, fmt: str, out: Console, title: str | None = None) -> None:
    """Print ``result`` (a list of gaps, a coverage or a trace) to ``out`` as ``fmt``."""
    if isinstance(result, Trace):
        return _emit_trace(result, fmt, out)
    if isinstance(result, Coverage):
        if fmt == "json":
            return _plain(out, _json(result.to_dict()) + "\n")
        cols, rows = coverage_rows(result)
        scols, srows = share_rows(result)
        if fmt == "csv":
            return _plain(out, _csv(cols, rows))
        if fmt == "md":
            return _plain(out, _md(cols, rows) + "\n" + _md(scols, srows))
        out.print(_table(cols, rows, title or "Coverage per level"))
        out.print(_table(scols, srows))
        return None
    items = list(result)
    if fmt == "json":
        return _plain(out, _json([g.to_dict() for g in items]) + "\n")
    cols, rows = gap_rows(items)
    if fmt == "csv":
        return _plain(out, _csv(cols, rows))
    if fmt == "md":
        return _plain(out, _md(cols, rows))
    if not items:
        out.print(f"[green]none[/] — {title or 'nothing found'}")
        return None
    out.print(_table(cols, rows, f"{title} ({len(items)})" if title else None))
    return None


def _emit_trace(trace: Trace, fmt: str, out: Console) -> None:
    if fmt == "json":
        return _plain(out, _json(trace.to_dict()) + "\n")
    if fmt in ("csv", "md"):
        cols, rows = trace_path_rows(trace)
        return _plain(out, _csv(cols, rows) if fmt == "csv" else _md(cols, rows))
    out.print(render_tree(trace.tree()))
    return None


def emit_findings(findings: list[Finding], fmt: str, out: Console) -> None:
    if fmt == "json":
        return _plain(out, _json([f.to_dict() for f in findings]) + "\n")
    cols, rows = finding_rows(findings)
    if fmt == "csv":
        return _plain(out, _csv(cols, rows))
    if fmt == "md":
        return _plain(out, _md(cols, rows))
    for f in findings:
        where = f"{escape(str(f.place))}: " if f.place else ""
        style = _STYLE.get(f.severity, "dim")
        out.print(f"{where}[{style}]{f.severity}[/]: {escape(f.message)}", soft_wrap=True)
    return None


def stdout_console() -> Console:
    return Console(file=sys.stdout, soft_wrap=False, width=None if sys.stdout.isatty() else 160)
