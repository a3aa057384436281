"""Query results on the console: a table for people; plain lines, JSON, JSON lines, CSV or Markdown for programs.

Rows go to stdout alone; the note after a table (how many rows, what a
``--write`` statement changed) goes to the notes console (stderr).
Several statements print one after the other; in ``json`` they make one
document: the rows of a single statement, or a list of them, one per statement.
"""

from __future__ import annotations

import json

from rich.console import Console

from ..errors import UsageError
from ..render.encodings import as_json, as_rows, rich_table, write_plain
from . import FORMATS
from .runner import Result
from .values import NAME_WIDTH, literal, text, to_json

__all__ = ["Printer"]




def _cell(value, width: int | None = None, null: str = "null") -> str:
    return null if value is None else text(value, width)


def _note(result: Result) -> str:
    rows = len(result.rows)
    parts = [f"{rows} row{'s' if rows != 1 else ''}"] if result.columns or not result.counters else []
    parts += [f"{n} {what}" for what, n in result.counters.items()]
    return ", ".join(parts) + f" ({result.milliseconds} ms)"


class Printer:
    """Prints results as they come (``json`` waits for :meth:`close`, to make one document)."""

    def __init__(self, fmt: str, out: Console, notes: Console | None = None):
        if fmt not in FORMATS:
            raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        if fmt == "auto":
            fmt = "table" if out.is_terminal else "plain"
        self.fmt, self.out, self.notes = "table" if fmt == "verbose" else fmt, out, notes
        self._held: list[list[dict]] = []
        self._count = 0

    def add(self, result: Result) -> None:
        fmt, first = self.fmt, self._count == 0
        self._count += 1
        if fmt == "json":
            self._held.append([{c: to_json(v) for c, v in zip(result.columns, row)} for row in result.rows])
        elif fmt == "jsonl":
            lines = (json.dumps({c: to_json(v) for c, v in zip(result.columns, row)}, ensure_ascii=False) for row in result.rows)
            write_plain(self.out, "".join(line + "\n" for line in lines))
        elif fmt == "plain" and result.columns:
            lines = [", ".join(result.columns), *(", ".join(map(literal, row)) for row in result.rows)]
            write_plain(self.out, "".join(line + "\n" for line in lines))
        elif fmt in ("csv", "md") and result.columns:
            rows = [[_cell(v, null="" if fmt == "csv" else "null") for v in row] for row in result.rows]
            write_plain(self.out, ("" if first else "\n") + as_rows(fmt, result.columns, rows))
        elif fmt == "table":
            if result.columns:
                self.out.print(rich_table(result.columns, [[_cell(v, NAME_WIDTH) for v in row] for row in result.rows]))
            if self.notes is not None:
                self.notes.print(_note(result), style="dim", highlight=False)

    def close(self) -> None:
        """Finish the output: the one JSON document, when the format is ``json``."""
        if self.fmt == "json" and self._count:
            write_plain(self.out, as_json(self._held[0] if self._count == 1 else self._held) + "\n")
        self._held, self._count = [], 0
