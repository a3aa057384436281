"""Diff, impact, redundant and register status as rows and in every output format."""

from __future__ import annotations

from rich.console import Console

from ..baseline import Register, Status
from ..plan_diff import Diff
from ..retirement import Impact, Redundancy
from .encodings import as_csv, as_json, as_md, as_rows, rich_table, write_plain

__all__ = ["diff_sections", "diff_tables", "diff_csv_rows", "impact_rows", "redundant_rows", "emit_diff", "emit_impact",
           "emit_redundant", "emit_status"]


def _value(v) -> str:
    return "" if v is None else str(v)


def diff_sections(d: Diff) -> list[tuple[str, list[str], list[list]]]:
    """(key, column keys, rows) of a diff: elements, links, findings — what the console and the report show."""
    elements = [["added", i, d.names.get(i, ""), "", "", ""] for i in d.added]
    elements += [["removed", i, d.names.get(i, ""), "", "", ""] for i in d.removed]
    for i, fields in d.changed.items():
        elements += [["changed", i, d.names.get(i, ""), f, *map(_value, d.changed_values[i][f])] for f in fields]
    links = [["added", p, c] for p, c in d.links_added] + [["removed", p, c] for p, c in d.links_removed]
    findings = [[kind, len(ch.new), ", ".join(ch.new), len(ch.resolved), ", ".join(ch.resolved), len(ch.persisting)]
                for kind, ch in d.findings.items()]
    return [("changes-elements", ["change", "id", "name", "field", "old", "new"], elements),
            ("changes-links", ["change", "parent", "child"], links),
            ("changes-findings", ["kind", "new", "new_ids", "resolved", "resolved_ids", "persisting"], findings)]


def diff_tables(d: Diff) -> list[tuple[str, list[str], list[list]]]:
    """(title, columns, rows) of a diff for the console."""
    titles = {
        "changes-elements": f"Elements {d.old} → {d.new}: {len(d.added)} added, {len(d.removed)} removed, "
                            f"{len(d.changed)} changed",
        "changes-links": f"Links: {len(d.links_added)} added, {len(d.links_removed)} removed",
        "changes-findings": "Findings",
    }
    return [(titles[key], cols, rows) for key, cols, rows in diff_sections(d)]


def diff_csv_rows(d: Diff) -> tuple[list[str], list[list[str]]]:
    """A diff as one flat table, a row per element change, field, link and finding."""
    cols = ["section", "change", "kind", "id", "name", "field", "old", "new", "parent", "child"]
    elements, links, _ = diff_sections(d)
    rows = [["element", change, "", i, name, field, old, new, "", ""] for change, i, name, field, old, new in elements[2]]
    rows += [["link", change, "", "", "", "", "", "", p, c] for change, p, c in links[2]]
    rows += [["finding", change, kind, i, d.names.get(i, ""), "", "", "", "", ""]
             for kind, ch in d.findings.items()
             for change, ids in (("new", ch.new), ("resolved", ch.resolved), ("persisting", ch.persisting)) for i in ids]
    return cols, rows


def emit_diff(d: Diff, fmt: str, out: Console) -> None:
    if fmt == "json":
        return write_plain(out, as_json(d.to_dict()) + "\n")
    if fmt == "csv":
        return write_plain(out, as_csv(*diff_csv_rows(d)))
    tables = diff_tables(d)
    if fmt == "md":
        return write_plain(out, "\n".join(f"### {title}\n\n{as_md(cols, rows)}" for title, cols, rows in tables))
    for title, cols, rows in tables:
        if rows:
            out.print(rich_table(cols, rows, title))
        else:
            out.print(f"[green]none[/] — {title}", highlight=False)
    return None


def impact_rows(hit: Impact) -> tuple[list[str], list[list]]:
    """What retiring elements breaks: one row per element that loses its support, and through which."""
    return ["kind", "id", "loses its support through"], [[x.kind, x.id, ", ".join(x.via)] for x in hit.rows()]


def redundant_rows(groups: list[Redundancy]) -> tuple[list[str], list[list]]:
    """One row per group of applications that serve the same processes."""
    return ["applications", "processes served"], [[", ".join(g.applications), ", ".join(g.processes)] for g in groups]


def emit_impact(hit: Impact, fmt: str, out: Console) -> None:
    if fmt == "json":
        return write_plain(out, as_json(hit.to_dict()) + "\n")
    cols, rows = impact_rows(hit)
    if fmt in ("csv", "md"):
        return write_plain(out, as_rows(fmt, cols, rows))
    title = f"Retiring {', '.join(hit.retired)}"
    if not rows:
        out.print(f"[green]nothing breaks[/] — {title}: no new finding", highlight=False)
        return None
    out.print(rich_table(cols, rows, f"{title}: {len(rows)} new findings"))
    return None


def emit_redundant(groups: list[Redundancy], fmt: str, out: Console) -> None:
    if fmt == "json":
        return write_plain(out, as_json([g.to_dict() for g in groups]) + "\n")
    cols, rows = redundant_rows(groups)
    if fmt in ("csv", "md"):
        return write_plain(out, as_rows(fmt, cols, rows))
    if not rows:
        out.print("[green]none[/] — no two applications serve the same processes")
        return None
    out.print(rich_table(cols, rows, f"Applications serving the same processes ({len(rows)} groups)"))
    return None


def emit_status(status: Status, register: Register, fmt: str, out: Console) -> None:
    if fmt == "json":
        return write_plain(out, as_json(status.to_dict()) + "\n")
    cols = ["status", "kind", "id", "reason", "owner", "until"]
    rows = []
    for name in ("accepted", "expired", "stale"):
        for kind, i in getattr(status, name):
            e = register.entry(kind, i)
            rows.append([name, kind, i, e.reason, e.owner, e.until.isoformat() if e.until else ""])
    listed = set(status.expired)
    rows += [["unaccepted", kind, i, "", "", ""] for kind, i in status.unaccepted if (kind, i) not in listed]
    if fmt in ("csv", "md"):
        return write_plain(out, as_rows(fmt, cols, rows))
    out.print(rich_table(cols, rows, f"{register.path}: {len(status.accepted)} accepted, {len(status.expired)} expired, "
                                     f"{len(status.stale)} stale; {len(status.unaccepted)} findings not accepted"))
    unexplained = sum(1 for kind, i in status.accepted if not register.entry(kind, i).reason)
    if unexplained:
        out.print(f"[yellow]{unexplained} accepted entries have no reason yet[/]: write why, or delete them", highlight=False)
    return None
