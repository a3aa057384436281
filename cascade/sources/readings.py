"""Mapping files: cascade's reading of a source, written out to be corrected and read back.

``cascade inspect SOURCE --write-mapping FILE`` writes how each sheet or file
was read; ``--mapping FILE`` on any command reads the source that way, for the
layouts detection gets wrong::

    schema: rpjmd
    parts:
      - sheet: Matriks Cascading          # or  file: data_rpjmd_visi_lokal.csv
        layout: matrix                    # matrix, codes, or ignore
        header_rows: [4, 5]
        columns: {A: ignore, B: goal, F: program code, G: program, L: opd, M: attribute Indikator}

A column is a level (its text), ``<level> code``, ``opd``, ``ignore``,
``attribute NAME``, ``code`` (a budget code, or one part of a split one, left
to right) or ``code text``. A part not listed is read as detection finds it.
Errors name the mapping file and line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ..errors import UsageError
from ..levels import Schema
from ..model import Place
from ..outfiles import refuse_inputs, write_text_atomically
from ..yamltext import settings_text, yaml_with_lines
from .columns import letters
from .matrix import MatrixColumns

__all__ = ["Reading", "PartReading", "MappingError", "load_reading", "write_reading", "LAYOUTS"]

LAYOUTS = ("matrix", "codes", "ignore")
_LETTERS = re.compile(r"[A-Z]{1,3}\Z")


class MappingError(UsageError):
    """A mapping file that cannot be used; the message names the file and line."""


def column_index(text: str) -> int:
    j = 0
    for ch in text:
        j = j * 26 + ord(ch) - 64
    return j - 1


@dataclass
class PartReading:
    """How one sheet or file is to be read."""

    layout: str
    header_rows: list[int] = field(default_factory=list)
    columns: dict[int, str] = field(default_factory=dict)   # column index → spec
    line: int | None = None

    def matrix_columns(self, schema: Schema, where: str) -> MatrixColumns:
        out = MatrixColumns(self.header_rows, kind=self.layout)
        for j, spec in sorted(self.columns.items()):
            words = spec.split()
            head = words[0].lower() if words else ""
            if head == "ignore":
                out.ignored.append(j)
            elif head == "opd":
                out.opd = j
            elif head == "attribute":
                out.attributes[j] = " ".join(spec.split()[1:]) or letters(j)
            elif spec.lower() == "code text":
                out.code_name = j
            elif spec.lower() == "code":
                out.code_parts.append(j)
            else:
                is_code = len(words) > 1 and words[-1].lower() == "code"
                name = " ".join(words[:-1] if is_code else words)
                lv = schema.find(name)
                if lv is None:
                    raise MappingError(f"{where}: column {letters(j)}: {spec!r} is neither a level of schema "
                                       f"{schema.name!r} ({', '.join(schema.names())}) nor ignore, opd, "
                                       "attribute NAME, code or code text")
                out.levels[j] = (lv, "id" if is_code else "name")
        return out


@dataclass
class Reading:
    """A mapping file: the schema it was written for and its parts, by sheet name or file name."""

    schema: str | None
    parts: dict[str, PartReading]
    where: str = "mapping"

    def part(self, place: Place) -> PartReading | None:
        key = place.sheet if place.sheet is not None else PurePath(place.file).name
        return self.parts.get(key)


def load_reading(path: "str | os.PathLike") -> Reading:
    """A mapping file, checked; :class:`MappingError` names its line."""
    where = str(path)
    text = settings_text(path, "the mapping file", MappingError)
    data, lines = yaml_with_lines(text, where, MappingError)

    def fail(path_: tuple, message: str):
        line = next((lines[path_[:k]] for k in range(len(path_), -1, -1) if path_[:k] in lines), None)
        raise MappingError(f"{where}{f', line {line}' if line else ''}: {message}")

    if not isinstance(data, dict) or not isinstance(data.get("parts"), list):
        fail((), "a mapping has 'parts': a list of {sheet or file, layout, header_rows, columns}")
    parts: dict[str, PartReading] = {}
    for i, raw in enumerate(data["parts"]):
        here = ("parts", i)
        if not isinstance(raw, dict):
            fail(here, "each part is a mapping with sheet (or file), layout, header_rows and columns")
        if "layout" not in raw and "layout_found" in raw:
            continue   # written for information: read as detected
        name = raw.get("sheet", raw.get("file"))
        if not isinstance(name, str) or not name:
            fail(here, "name the part: sheet: NAME, or file: NAME.csv")
        layout = raw.get("layout")
        if layout not in LAYOUTS:
            fail(here + ("layout",), f"layout {layout!r}: use one of {', '.join(LAYOUTS)}")
        rows = raw.get("header_rows", [])
        if not isinstance(rows, list) or not all(isinstance(r, int) and r > 0 for r in rows) or (
                layout != "ignore" and not rows):
            fail(here + ("header_rows",), "header_rows is a list of row numbers, e.g. [4, 5]")
        columns = raw.get("columns") or {}
        if not isinstance(columns, dict):
            fail(here + ("columns",), "columns maps a column letter to what it holds, e.g. {B: goal, F: program code}")
        specs = {}
        for letter, spec in columns.items():
            if not isinstance(letter, str) or not _LETTERS.match(letter) or not isinstance(spec, str):
                fail(here + ("columns", letter), f"{letter!r}: give a column letter (A, B, …, AA) and what it holds")
            specs[column_index(letter)] = spec.strip()
        parts[name] = PartReading(layout, rows, specs, lines.get(here))
    schema = data.get("schema")
    return Reading(schema if isinstance(schema, str) else None, parts, where)


def write_reading(found, path: "str | os.PathLike") -> Path:
    """Write an :class:`~.inspect.Inspection`'s reading as a mapping file (never over the source)."""
    import yaml

    target = Path(path)
    refuse_inputs([target], [found.source])
    parts = []
    for layout in found.layouts:
        entry = {"sheet": layout.place.sheet} if layout.place.sheet is not None else {
            "file": PurePath(layout.place.file).name}
        if layout.specs:
            entry.update(layout=layout.kind, header_rows=layout.header_rows,
                         columns={letters(j): spec for j, spec in sorted(layout.specs.items())})
        else:
            entry.update(layout_found=layout.kind)
        parts.append(entry)
    head = (f"# How cascade read {found.source} (schema {found.schema.name}). Correct a part's layout or columns\n"
            f"# and read the source with --mapping {target.name}. Columns: a level, '<level> code', opd, ignore,\n"
            "# 'attribute NAME', code, 'code text'. Parts without columns are read as detected.\n")
    body = yaml.safe_dump({"schema": found.schema.name, "parts": parts}, allow_unicode=True, sort_keys=False)
    return write_text_atomically(target, head + body)
