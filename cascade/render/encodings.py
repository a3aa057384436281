"""The plain encodings every output shares: JSON, CSV, Markdown, a rich table."""

from __future__ import annotations

import csv
import io
import json
import re

from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["counted", "as_json", "as_csv", "as_rows", "inert", "as_md", "rich_table", "write_plain"]


def counted(n: int, noun: str) -> str:
    """``1 error``, ``2 errors``, ``12,000 warnings``: a count with its noun in the right number.

    >>> counted(1, "error"), counted(0, "warning"), counted(12000, "finding")
    ('1 error', '0 warnings', '12,000 findings')
    """
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


#: A cell a spreadsheet would take for a formula: it starts with one of these (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def inert(value):
    """``value`` as a spreadsheet shows it and never runs it: text that would start a formula gets a
    leading apostrophe (how Excel marks text); numbers, and a lone ``-``, stay as they are.

    >>> inert("=1+2"), inert("-12,5"), inert("-"), inert("@SUM(A1)"), inert(7)
    ("'=1+2", '-12,5', '-', "'@SUM(A1)", 7)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and value.strip() not in ("-", "+") \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def as_csv(columns: list[str], rows: list[list[str]]) -> str:
    """CSV text; a cell that a spreadsheet would run as a formula is written as text (:func:`inert`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([inert(c) for c in columns])
    writer.writerows([inert(v) for v in row] for row in rows)
    return buf.getvalue()


def as_md(columns: list[str], rows: list[list[str]]) -> str:
    def cell(v: str) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def as_rows(fmt: str, columns: list[str], rows: list[list[str]]) -> str:
    """Rows as the plain text ``fmt`` names: ``csv`` or ``md``."""
    return as_csv(columns, rows) if fmt == "csv" else as_md(columns, rows)


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
