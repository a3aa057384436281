"""Plan-change commands: diff, impact, redundant, and the accepted-exceptions register (baseline)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import api
from ..baseline import read_register
from ..errors import UsageError
from ..outfiles import refuse_inputs
from ..render.changes import emit_diff, emit_impact, emit_redundant, emit_status
from ..render.sheets import diff_sheets, impact_sheet, redundant_sheet
from .output import Output, output_options
from ..settings import Neo4jSettings
from .common import (
    examples,
    AnalysisFormat, AnalysisFormatOpt, AsOfOpt, DatasetOpt, Format, FormatOpt, MappingOpt, PathArg, SchemaOpt, app, err, handles_errors, neo4j_options,
    open_ref, open_subject, out_console,
)

RefHelp = ("a source (.xlsx, folder of .csv, .yaml/.json), or a dataset in Neo4j: NAME (its published version), "
           "NAME@N (a kept version) or NAME@previous (the one published before)")


@app.command(epilog=examples('cascade diff rpjmd-awal.xlsx rpjmd-perubahan.xlsx', 'cascade diff tangerang@previous tangerang -F json'))
@handles_errors
@neo4j_options
@output_options
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help=f"The earlier plan: {RefHelp}.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later plan, written the same way.")],
    fmt: AnalysisFormatOpt = AnalysisFormat.table,
    schema: SchemaOpt = None,
    conn: Neo4jSettings = None,
    output: Output = None,
) -> None:
    """What changed from OLD to NEW: elements added, removed and changed (old → new), links added and removed,
    and per finding kind the findings new, resolved and persisting.

    How a link is written (parent column or Relasi sheet), row order, separators and stray spaces are no change.
    """
    with open_ref(old, conn, schema) as before, open_ref(new, conn, schema) as after:
        result = api.diff(before, after)
    output.emit(lambda console: emit_diff(result, output.fmt, console), lambda: diff_sheets(result))


@app.command(epilog=examples('cascade impact APL-014 plan.xlsx', 'cascade impact APL-014,APL-015 --dataset tangerang -F json'))
@handles_errors
@neo4j_options
@output_options
def impact(
    ids: Annotated[str, typer.Argument(metavar="ID[,ID…]", help="Elements to retire (applications, programs, …), comma-separated.")],
    path: PathArg = None,
    fmt: AnalysisFormatOpt = AnalysisFormat.table,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
    output: Output = None,
) -> None:
    """What breaks if these elements (and their links) are removed, nothing re-parented: the findings that would
    newly appear, and through which retired element each one's support ran.
    """
    with open_subject(path, dataset, conn, schema, mapping) as subject:
        result = api.impact(subject, ids)
    output.emit(lambda console: emit_impact(result, output.fmt, console), lambda: [impact_sheet(result)])


@app.command(epilog=examples('cascade redundant plan.xlsx', 'cascade redundant --dataset tangerang -F csv'))
@handles_errors
@neo4j_options
@output_options
def redundant(
    path: PathArg = None,
    fmt: AnalysisFormatOpt = AnalysisFormat.table,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
    output: Output = None,
) -> None:
    """Applications that serve exactly the same processes: candidates for rationalisation.

    Applications serving no process are not grouped: cascade orphans --level application lists them.
    """
    with open_subject(path, dataset, conn, schema, mapping) as subject:
        result = api.redundant(subject)
    output.emit(lambda console: emit_redundant(result, output.fmt, console), lambda: [redundant_sheet(result)])


baseline_app = typer.Typer(help="The accepted-exceptions register: the gaps the team knows of, why, who owns them, until when.",
                           no_args_is_help=True)
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("init", epilog=examples('cascade baseline init plan.xlsx --out accepted.yaml'))
@handles_errors
@neo4j_options
def baseline_init(
    path: PathArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="Register to write (.yaml); an existing file is never overwritten.")] = ...,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
) -> None:
    """Write a register with one entry per finding of today, reason, owner and until left empty to fill in.
    """
    refuse_inputs([out], [path, mapping, schema])
    if out.exists():
        raise UsageError(f"{out} exists: cascade never overwrites a register; choose another --out")
    with open_subject(path, dataset, conn, schema, mapping) as subject:
        written = api.baseline_init(subject, out)
    n = len(read_register(written).entries)
    err.print(f"[green]wrote[/] {written}: {n} entries; fill in reason, owner and until, delete what is not accepted")


@baseline_app.command("status", epilog=examples('cascade baseline status accepted.yaml plan.xlsx --format json'))
@handles_errors
@neo4j_options
def baseline_status(
    register: Annotated[Path, typer.Argument(metavar="FILE", help="The register (.yaml).")],
    path: PathArg = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
) -> None:
    """The register against today's findings: accepted, expired (past until: they trip the gate), stale (the
    finding is gone: remove the entry) and every finding not accepted.
    """
    reg = read_register(register)
    with open_subject(path, dataset, conn, schema, mapping) as subject:
        status = api.baseline_status(subject, reg, as_of)
    emit_status(status, reg, fmt.value, out_console())
