"""Where an analysis' result goes: the console in a format, or a file a planner opens in Excel.

:func:`output_options` gives a command ``--out/-o FILE``, ``--excel`` and
``--lang`` and hands it one :class:`Output`: ``--format xlsx --out FILE``
writes a workbook (:mod:`cascade.render.sheets`); ``--excel`` writes the CSV
Excel opens as it is (``;``, UTF-8 with a byte-order mark, headers in the
planner's language); ``--out`` alone writes the chosen format to a file, and a
file's suffix chooses the format when ``--format`` was left at ``table``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer
from rich.console import Console

from ..errors import UsageError
from ..outfiles import write_text_atomically
from .common import LangOpt, err, out_console, with_options

__all__ = ["Output", "output_options"]

_BY_SUFFIX = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".md": "md"}
#: What --out may name: a format's file, a plain text table, JUnit or SARIF (with their --format), or (cascade
#: trace only) a picture.
_SUFFIXES = (*_BY_SUFFIX, ".txt", ".xml", ".sarif")

OutOpt = Annotated[Optional[Path], typer.Option(
    "--out", "-o", metavar="FILE", show_default=False,
    help="Write the result to FILE instead of the screen (.xlsx: a workbook; .csv, .json, .md: that format; "
         ".txt: the table).")]
ExcelOpt = Annotated[bool, typer.Option(
    "--excel", help="CSV as Excel opens it with a double click: ';' between fields, UTF-8 with a byte-order mark, "
                    "headers and level names in --lang.")]


@dataclass
class Output:
    """The format chosen and where it goes; :meth:`emit` writes one result there."""

    fmt: str
    path: Path | None = None
    excel: bool = False
    lang: str = "id"
    picture: bool = field(init=False, default=False)   # the path names a picture (cascade trace draws it)

    def __post_init__(self):
        from ..draw import PICTURE_SUFFIXES

        suffix = self.path.suffix.lower() if self.path is not None else ""
        if self.path is not None and suffix not in (*_SUFFIXES, *PICTURE_SUFFIXES):
            raise UsageError(f"cannot write {self.path.name}: use a file ending in {', '.join(_SUFFIXES)} "
                             f"(cascade trace also draws {', '.join(PICTURE_SUFFIXES)})")
        self.picture = suffix in PICTURE_SUFFIXES
        if self.fmt == "table" and suffix in _BY_SUFFIX:
            self.fmt = _BY_SUFFIX[suffix]
        if self.excel and self.fmt == "table":
            self.fmt = "csv"
        if self.excel and self.fmt != "csv":
            raise UsageError(f"--excel writes CSV; it does not go with --format {self.fmt}")
        if self.fmt == "xlsx" and self.path is None:
            raise UsageError("a workbook is a file: add --out FILE.xlsx")

    def emit(self, text: Callable[[Console], None], sheets: Callable[[], list], schema=None) -> None:
        """``text(console)`` prints the result in :attr:`fmt`; ``sheets()`` gives it as sheets, for a
        workbook or Excel's CSV."""
        from ..levels import DEFAULT

        if self.picture:
            raise UsageError(f"{self.path.name}: only cascade trace draws pictures; write a table to .xlsx, .csv, "
                             ".json, .md or .txt")
        if self.fmt == "xlsx":
            from ..render.sheets import write_workbook

            err.print(f"wrote {write_workbook(self.path, sheets(), self.lang, schema or DEFAULT)}")
            return
        if self.excel:
            from ..render.sheets import excel_csv

            made = sheets()
            data = excel_csv(made[0], self.lang, schema or DEFAULT) if made else "\ufeff"
            return self._write(data)
        if self.path is None:
            return text(out_console())
        buffer = StringIO()
        text(Console(file=buffer, width=160, soft_wrap=False, color_system=None, force_terminal=False))
        self._write(buffer.getvalue())

    def _write(self, data: str) -> None:
        if self.path is None:
            import sys

            sys.stdout.buffer.write(data.encode("utf-8"))   # the byte-order mark too, whatever the console's encoding
            sys.stdout.flush()
            return
        err.print(f"wrote {write_text_atomically(self.path, data)}")


def output_options(command):
    """Give a command ``--out``, ``--excel`` and ``--lang`` and hand it an :class:`Output` as ``output``
    (made from its ``fmt`` too); the file named is never one of the command's sources."""

    def wrapper(*args, out=None, excel=False, lang=None, **kwargs):
        from ..outfiles import refuse_inputs

        given = (kwargs.get(k) for k in ("path", "mapping", "schema", "old", "new"))   # a diff's two plans too
        refuse_inputs([out], [Path(x) if isinstance(x, str) else x for x in given])
        fmt = kwargs["fmt"].value if hasattr(kwargs.get("fmt"), "value") else str(kwargs.get("fmt") or "table")
        return command(*args, output=Output(fmt, out, excel, lang), **kwargs)

    return with_options(command, wrapper, "output", (("out", OutOpt, None), ("excel", ExcelOpt, False),
                                                     ("lang", LangOpt, None)))
