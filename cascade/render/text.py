"""The plain encodings every output shares: JSON, CSV, Markdown, a rich table."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["as_json", "as_csv", "as_md", "rich_table", "write_plain"]


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def as_csv(columns: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def as_md(columns: list[str], rows: list[list[str]]) -> str:
    def cell(v: str) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def rich_table(columns: list[str], rows: list[list[str]], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    for c in columns:
        table.add_column(c.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*(escape(str(v)) for v in row))
    return table


def write_plain(out: Console, text: str) -> None:
    """Text for programs: straight to the console's file, no markup, no wrapping."""
    out.file.write(text)
    out.file.flush()
