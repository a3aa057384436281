"""The report as Markdown tables, for wikis and issue trackers."""

from __future__ import annotations

from ..render.encodings import as_md as md_table
from .model import Report
from .tables import Table, all_tables
from .words import heading, word

__all__ = ["render_markdown"]


def _cells(table: Table) -> list[list[str]]:
    percent = [c in table.percent for c in table.columns]
    return [["—" if v is None else (f"{v:.0%}" if p else str(v)) for v, p in zip(row, percent, strict=True)] for row in table.rows]


def render_markdown(report: Report, lang: str = "id") -> str:
    title, subtitle = heading("title", lang)
    out = [f"# {title} — {report.dataset}", f"*{subtitle}*", ""]
    for table in all_tables(report, lang):
        first, second = heading(table.heading, lang)
        out += [f"## {first}", f"*{second}*", ""]
        out.append(md_table(table.headers(lang), _cells(table)) if table.rows else word("none", lang) + "\n")
    return "\n".join(out)
