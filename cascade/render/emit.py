"""Write one result to the console in the chosen format."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from ..analysis import Coverage, Trace, TraceNode
from ..levels import Schema
from ..model import ERROR, WARNING, Finding
from .encodings import as_csv, as_json, as_md, as_rows, rich_table, write_plain
from .rows import coverage_rows, finding_rows, gap_rows, share_rows, trace_path_rows

__all__ = ["FORMATS", "emit", "emit_findings", "render_tree"]

FORMATS = ("table", "json", "csv", "md")
_STYLE = {ERROR: "bold red", WARNING: "yellow"}


def render_tree(node: TraceNode) -> Tree:
    """A rich Tree of a trace; an element shown before is marked ``↑ see above``, a link that passes
    over a level ``⚠ skips …``, and a chain that ends early ``✗ chain stops here``."""

    def label(n: TraceNode) -> str:
        text = f"[dim]{n.level.name}[/] [bold]{escape(n.id)}[/] {escape(n.name)}"
        if n.opd:
            text += f" [dim]· {escape(n.opd)}[/]"
        if n.skips:
            text += f" [bold yellow]⚠ the link skips {', '.join(lv.name for lv in n.skips)}[/]"
        if n.stops:
            text += " [bold red]✗ chain stops here[/]"
        return text + (" [cyan](↑ see above)[/]" if n.ref else "")

    tree = Tree(label(node))
    stack = [(tree, c) for c in reversed(node.children)]
    while stack:
        parent, n = stack.pop()
        branch = parent.add(label(n))
        stack.extend((branch, c) for c in reversed(n.children))
    return tree


def emit(result, fmt: str, out: Console, title: str | None = None) -> None:
    """Print ``result`` (a list of gaps, a coverage or a trace) to ``out`` as ``fmt``."""
    if isinstance(result, Trace):
        return _emit_trace(result, fmt, out)
    if isinstance(result, Schema):
        return _emit_schema(result, fmt, out)
    if isinstance(result, Coverage):
        if fmt == "json":
            return write_plain(out, as_json(result.to_dict()) + "\n")
        cols, rows = coverage_rows(result)
        scols, srows = share_rows(result)
        if fmt == "csv":
            return write_plain(out, as_csv(cols, rows))
        if fmt == "md":
            return write_plain(out, as_md(cols, rows) + "\n" + as_md(scols, srows))
        out.print(rich_table(cols, rows, title or ("Coverage per OPD and level" if result.by == "opd" else "Coverage per level")))
        out.print(rich_table(scols, srows))
        return None
    items = list(result)
    if fmt == "json":
        return write_plain(out, as_json([g.to_dict() for g in items]) + "\n")
    cols, rows = gap_rows(items)
    if fmt == "csv":
        return write_plain(out, as_csv(cols, rows))
    if fmt == "md":
        return write_plain(out, as_md(cols, rows))
    if not items:
        out.print(f"[green]none[/] — {title or 'nothing found'}")
        return None
    out.print(rich_table(cols, rows, f"{title} ({len(items)})" if title else None))
    return None


def _emit_trace(trace: Trace, fmt: str, out: Console) -> None:
    if fmt == "json":
        return write_plain(out, as_json(trace.to_dict()) + "\n")
    if fmt in ("csv", "md"):
        cols, rows = trace_path_rows(trace)
        return write_plain(out, as_rows(fmt, cols, rows))
    out.print(render_tree(trace.tree()))
    return None


def emit_findings(findings: list[Finding], fmt: str, out: Console) -> None:
    if fmt == "json":
        return write_plain(out, as_json([f.to_dict() for f in findings]) + "\n")
    cols, rows = finding_rows(findings)
    if fmt == "csv":
        return write_plain(out, as_csv(cols, rows))
    if fmt == "md":
        return write_plain(out, as_md(cols, rows))
    for f in findings:
        where = f"{escape(str(f.place))}: " if f.place else ""
        style = _STYLE.get(f.severity, "dim")
        out.print(f"{where}[{style}]{f.severity}[/]: {escape(f.message)}", soft_wrap=True)
    return None


def stdout_console() -> Console:
    return Console(file=sys.stdout, soft_wrap=False, width=None if sys.stdout.isatty() else 160)


def _emit_schema(schema: Schema, fmt: str, out: Console) -> None:
    """A level schema: one row per level, then which level plays each role."""
    if fmt == "json":
        return write_plain(out, as_json(schema.to_dict()) + "\n")
    roles = {}
    for role, name in schema.roles:
        roles.setdefault(name, []).append(role)
    cols = ["#", "name", "label", "id", "en", "aliases", "optional", "roles"]
    rows = [[str(lv.index), lv.name, lv.label, lv.title("id"), lv.title("en"), ", ".join(lv.aliases),
             "yes" if lv.optional else "", ", ".join(roles.get(lv.name, ()))] for lv in schema]
    if fmt == "csv":
        return write_plain(out, as_csv(cols, rows))
    if fmt == "md":
        return write_plain(out, as_md(cols, rows))
    out.print(rich_table(cols, rows, f"Level schema {schema.name!r} (top to bottom; links go parent → child, downward)"))
    out.print("Roles: " + ", ".join(f"{role} = {name}" for role, name in schema.roles)
              + " — what orphans, unbacked and coverage mean by default.", highlight=False)
    return None
