"""Commands that write to or list Neo4j: load, datasets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import api
from ..model import WARNING
from ..render.emit import stdout_console
from ..render.encodings import counted
from ..settings import Neo4jSettings
from ..stores.base import BATCH, KEEP
from .common import (
    examples,
    DatasetOpt, Format, MappingOpt, SchemaOpt, app, err, handles_errors, neo4j_options, out_console,
)


@app.command(epilog=examples('cascade load plan.xlsx --dataset tangerang', 'cascade load matriks.xlsx --schema rpjmd --dataset rpjmd-2025 --keep 3'))
@handles_errors
@neo4j_options
def load(
    path: Annotated[Path, typer.Argument(help="Source to load: .xlsx, folder of .csv, or .yaml/.json.")],
    dataset: DatasetOpt = None,
    replace: Annotated[bool, typer.Option("--replace", hidden=True,
                                          help="Accepted for old scripts: every load is a whole new version.")] = False,
    keep: Annotated[int, typer.Option("--keep", min=1, metavar="N",
                                      help="Published versions to keep, this one included (older ones are deleted; "
                                           "cascade diff compares kept ones).")] = KEEP,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, metavar="ROWS",
                                            help="Rows per committed write (batches are also cut at 8 MB).")] = BATCH,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
) -> None:
    """Validate a source, then load it into Neo4j as a new version of the dataset, published only when whole.

    Readers keep seeing the version published before until the new one has
    been written and counted; a load that fails or is stopped publishes nothing.
    """
    from ..stores.neo4j import Neo4jStore

    cascade = api.read(path, name=dataset, schema=schema, mapping=mapping)
    warnings = sum(f.severity == WARNING for f in (*cascade.findings, *api.findings(cascade)))
    if warnings:
        err.print(f"[yellow]{counted(warnings, 'warning')}[/] (they do not stop the load; see: cascade check {path})")
    with Neo4jStore.connect(conn, cascade.name) as store:
        before = store.schema_of(cascade.name)
        if before is not None and before != cascade.schema:
            err.print(f"[yellow]note[/]: dataset {cascade.name}'s level schema changes from {before.name!r} to "
                      f"{cascade.schema.name!r} with this version")
        was = _published(store, cascade.name)
        try:
            with _progress() as progress:
                task = progress.add_task(f"loading {cascade.name}", total=None)
                report = store.load(cascade, progress=lambda done, total: progress.update(task, completed=done, total=total),
                                    batch_size=batch_size, keep=keep,
                                    phase=lambda what: progress.update(task, description=what, total=None, refresh=True))
        except KeyboardInterrupt:
            raise KeyboardInterrupt(_after_interrupt(store, cascade.name, was)) from None
    err.print(
        f"[green]loaded[/] dataset [bold]{report.dataset}[/] version {report.version}: {report.elements} elements, "
        f"{report.links} links in {report.seconds:.1f} s (published)"
    )


@app.command(epilog=examples('cascade datasets', 'cascade datasets --clean -F json'))
@handles_errors
@neo4j_options
def datasets(
    clean: Annotated[bool, typer.Option("--clean", help="Delete failed versions (and those of loaders that died).")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-F", case_sensitive=False, help="Output: table for people; json, csv or md for programs.")] = Format.table,
    conn: Neo4jSettings = None,
) -> None:
    """What is in Neo4j: each dataset's versions — state (loading, published, old, failed), elements per level,
    links, when and from where."""
    from ..stores.neo4j import Neo4jStore

    with Neo4jStore.connect(conn, "") as store:
        if clean:
            for name, gone in store.clean_failed().items():
                err.print(f"dataset {name}: deleted failed version(s) {', '.join(map(str, gone))}")
        infos = store.datasets()
    if fmt is Format.json:
        stdout_console().print_json(data=[i.to_dict() for i in infos])
        return
    table = Table("dataset", "version", "state", "schema", "elements per level (top → bottom)", "links", "time",
                  "source", header_style="bold")
    for info in infos:
        for v in info.versions:
            counts = " · ".join(f"{name} {n}" for name, n in v.counts.items()) if v.counts else f"{v.written} rows written"
            when = v.published_at or v.started_at or ""
            state = f"{v.state}: {v.reason}" if v.reason else v.state
            table.add_row(info.name, str(v.version), state, v.schema, counts, str(v.links), when, v.source or "")
    out_console().print(table if infos else "no datasets loaded")


def _published(store, name: str) -> "int | None":
    from ..stores.base import UnknownDataset

    try:
        return store.published_version(name)
    except UnknownDataset:
        return None


def _after_interrupt(store, name: str, was: "int | None") -> str:
    """What a stopped load left, as the server tells it (asked again, not assumed)."""
    try:
        now = _published(store, name)
    except Exception:  # noqa: BLE001 — the server itself may be what went away
        return (f"the load of {name} was stopped and Neo4j did not answer after: run cascade datasets to see "
                "whether a new version was published")
    if now != was:
        return f"the load of {name} was stopped after it had published version {now}: that version is whole"
    seen = f"readers still see version {was}" if was is not None else "no version of it is published"
    return (f"the load of {name} was stopped; nothing was published ({seen}); the unfinished version is removed "
            "by the next load or cascade datasets --clean")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not sys.stderr.isatty(), transient=True,
    )
