"""Commands that write to or list Neo4j: load, datasets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import api
from .common import DatabaseOpt, DatasetOpt, MappingOpt, PasswordOpt, SchemaOpt, UriOpt, UserOpt, app, err, handles_errors, out_console, settings


@app.command()
@handles_errors
def load(
    path: Annotated[Path, typer.Argument(help="Source to load: .xlsx, folder of .csv, or .yaml/.json.")],
    dataset: DatasetOpt = None,
    replace: Annotated[bool, typer.Option("--replace", help="Swap the dataset's content for this source (default: merge into it).")] = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
) -> None:
    """Validate a source, then load it into Neo4j in one transaction: all of it or nothing."""
    from ..stores.neo4j import Neo4jStore

    cascade = api.read(path, name=dataset, schema=schema, mapping=mapping)
    warnings = cascade.findings + api.findings(cascade)
    if warnings:
        err.print(f"[yellow]{len(warnings)} warnings[/] (they do not stop the load; see: cascade check {path})")
    with Neo4jStore.connect(settings(uri, user, password, database), cascade.name) as store:
        with _progress() as progress:
            task = progress.add_task(f"loading {cascade.name}", total=None)
            report = store.load(cascade, replace=replace, progress=lambda done, total: progress.update(task, completed=done, total=total))
    err.print(
        f"[green]loaded[/] dataset [bold]{report.dataset}[/]: {report.elements} elements, {report.links} links "
        f"in {report.seconds:.1f} s"
    )


@app.command()
@handles_errors
def datasets(
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """What is loaded in Neo4j: each dataset, its elements per level, and when it was loaded."""
    from ..stores.neo4j import Neo4jStore

    with Neo4jStore.connect(settings(uri, user, password, database), "default") as store:
        infos = store.datasets()
    table = Table("dataset", "schema", "elements per level (top → bottom)", "links", "loaded at", "source",
                  header_style="bold")
    for info in infos:
        counts = " · ".join(f"{name} {n}" for name, n in info.counts.items())
        table.add_row(info.name, info.schema, counts, str(info.links), info.loaded_at or "", info.source or "")
    out_console().print(table if infos else "no datasets loaded")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not sys.stderr.isatty(), transient=True,
    )
