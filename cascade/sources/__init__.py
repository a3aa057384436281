"""Readers for planners' sources: ``.xlsx``, a directory of ``.csv``, ``.yaml``/``.json``.

:func:`read` picks the reader by what the path is, then validates the rows
into a :class:`~cascade.model.Cascade` (or raises
:class:`~cascade.model.InvalidCascade` naming every problem's place).

Whatever the input, reading either returns a Cascade or raises
InvalidCascade: a damaged, renamed, hostile or huge file is one clear error,
never a traceback. The rules, each documented where it is applied:

* symbolic links — the path given may be one (the user chose it); files
  *inside* a CSV folder may not (:mod:`~cascade.sources.csvdir`);
* devices, pipes and sockets are refused: only regular files and folders;
* a cell holds at most :data:`~cascade.sources.columns.MAX_CELL` characters,
  Excel's own limit; a header is an attribute key under the rule in
  :mod:`~cascade.sources.header`;
* formulas are read as their saved result (:mod:`~cascade.sources.xlsx`);
* YAML aliases may stand only for single values (:mod:`~cascade.sources.mapping`).
"""

from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path

from ..levels import Schema, schema as as_schema
from ..model import ERROR, Cascade, Finding, InvalidCascade, Place
from .assemble import assemble
from .csvdir import read_csv_dir, read_csv_file
from .layouts import finish
from .readings import load_reading
from .mapping import read_mapping
from .tables import SourceTables
from .xlsx import read_xlsx

__all__ = ["read", "SUFFIXES"]

SUFFIXES = {".csv": read_csv_file, ".xlsx": read_xlsx, ".xlsm": read_xlsx, ".yaml": read_mapping, ".yml": read_mapping, ".json": read_mapping}


def read(path: "str | os.PathLike", name: str | None = None, schema: "str | Schema | None" = None,
         mapping: "str | os.PathLike | None" = None) -> Cascade:
    """Read and validate a source; ``name`` (the dataset) defaults to the file's stem.

    ``schema`` is the level schema (a preset's name, a schema file or a :class:`Schema`;
    default ``default``): it says which sheets and files are levels. ``mapping`` is a
    mapping file (``cascade inspect --write-mapping``) saying how to read the parts
    that detection reads wrong.
    """
    path = Path(path)
    schema, reading = settings(schema, mapping)
    shown = str(path)
    dataset = name or path.stem or path.resolve().name
    with _collector_paused():
        return assemble(_tables(path, shown, schema, reading), dataset, shown, source=path, schema=schema)


def settings(schema: "str | Schema | None", mapping: "str | os.PathLike | None"):
    """The level schema and the mapping file a source is read with: the schema given, else the one
    the mapping file names, else ``default``."""
    reading = load_reading(mapping) if mapping is not None else None
    if schema is None and reading is not None and reading.schema:
        schema = reading.schema
    return as_schema(schema), reading


@contextlib.contextmanager
def _collector_paused():
    """Reading makes millions of small, long-lived objects and no cycles.

    Python's cycle collector would rescan them again and again while reading
    (a third of the time at 10⁶ rows) and during every analysis after; frozen,
    they are left alone (reference counting still frees them).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _tables(path: Path, shown: str, schema: Schema, reading=None) -> SourceTables:
    if path.is_dir():
        return finish(read_csv_dir(path, shown, schema, reading), schema)
    if not path.exists():
        raise InvalidCascade([Finding(ERROR, "not-found", "no such file or directory", Place(shown))])
    if not path.is_file():
        raise InvalidCascade([Finding(ERROR, "not-a-file", "not a regular file (a device, pipe or socket); give a file or a folder", Place(shown))])
    reader = SUFFIXES.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(sorted(SUFFIXES))
        raise InvalidCascade(
            [Finding(ERROR, "unknown-format", f"cannot read {path.suffix or 'this'} files; use a directory of .csv files or one of {kinds}", Place(shown))]
        )
    return finish(reader(path, shown, schema, reading), schema)
