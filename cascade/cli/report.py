"""Document commands: report (every analysis in one file) and export (the whole cascade)."""

from __future__ import annotations

import dataclasses
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from .. import api, export as exporting
from ..errors import UsageError
from ..outfiles import refuse_inputs, write_text_atomically
from ..report import SUFFIXES, build_report, write_report
from ..settings import Neo4jSettings
from .common import (
    examples,
    AsOfOpt, BaselineOpt, DatasetOpt, LangOpt, FailOnOpt, MappingOpt, PathArg, SchemaOpt, app, err, gate, handles_errors,
    neo4j_options, open_ref, open_subject, register_of,
)
from .database import _progress


ExportFormat = Enum("ExportFormat", {f: f for f in exporting.FORMATS}, type=str)


@app.command(epilog=examples('cascade report plan.xlsx --out laporan.html --out laporan.xlsx', 'cascade report rpjmd-perubahan.xlsx --against rpjmd-awal.xlsx --baseline pengecualian.yaml -o laporan.html'))
@handles_errors
@neo4j_options
def report(
    path: PathArg = None,
    out: Annotated[List[Path], typer.Option("--out", "-o", metavar="FILE", help=f"File to write; the format follows the extension: {', '.join(SUFFIXES)} (.xml is JUnit). Repeat for several.", show_default=False)] = ...,
    lang: LangOpt = None,
    fail_on: FailOnOpt = None,
    baseline: BaselineOpt = None,
    as_of: AsOfOpt = None,
    against: Annotated[Optional[str], typer.Option(
        "--against", metavar="OLD", show_default=False,
        help="Add what changed since OLD: a source, or a dataset in Neo4j (NAME, NAME@N, NAME@previous).")] = None,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
) -> None:
    """Every analysis in one document: summary, coverage charts, orphans, unbacked, check, a picture per strategy;
    with --against, what changed since an earlier version; with --baseline, the accepted exceptions apart.
    """
    for target in out:
        if target.suffix.lower() not in SUFFIXES:
            raise UsageError(f"cannot write a report as {target.name}: use a file ending in {', '.join(SUFFIXES)}")
    refuse_inputs(out, [path, against, mapping, schema, baseline])
    register = register_of(baseline)
    with _progress() as progress:
        task = progress.add_task("reading", total=None)
        with open_subject(path, dataset, conn, schema, mapping) as subject:
            result = build_report(subject, progress=lambda what, done, total: progress.update(
                task, description=what, completed=done, total=total))
            if against is not None:
                progress.update(task, description=f"comparing with {against}")
                with open_ref(against, conn, schema) as old:
                    result = dataclasses.replace(result, changes=api.diff(old, subject))
        shown = result.with_register(register, as_of)
        for target in out:
            progress.update(task, description=f"writing {target.name}")
            write_report(shown, target, lang, fail_on)
    for target in out:
        err.print(f"[green]wrote[/] {target}")
    gate(result.found(), fail_on, register, as_of)


@app.command(epilog=examples('cascade export plan.xlsx --format graphml --out plan.graphml', 'cascade export plan.xlsx --format mermaid'))
@handles_errors
@neo4j_options
def export(
    path: PathArg = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-F", case_sensitive=False, help="graphml or gexf (Gephi, yEd), json (node-link), mermaid, dot (Graphviz).")] = ExportFormat.graphml,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write. Default: stdout.", show_default=False)] = None,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
) -> None:
    """The whole cascade for other tools: every element with its level and OPD, every link parent → child."""
    refuse_inputs([out], [path, mapping, schema])
    with open_subject(path, dataset, conn, schema, mapping) as subject:
        graph = exporting.graph_of(subject)
    text = exporting.to_text(graph, fmt.value) + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    write_text_atomically(out, text)
    err.print(f"[green]wrote[/] {out} ({graph.number_of_nodes()} elements, {graph.number_of_edges()} links)")
