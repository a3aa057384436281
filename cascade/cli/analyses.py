"""Analysis commands: check, orphans, unbacked, trace, coverage, demo."""

from __future__ import annotations

import dataclasses
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import api
from ..baseline import split, split_checked
from ..gates import by_kind, kind_for, kind_named
from ..model import ERROR, WARNING
from ..outfiles import refuse_inputs
from ..render import emit, emit_findings
from ..render.encodings import as_json, counted, write_plain
from ..settings import Neo4jSettings
from ..render.sheets import coverage_sheets, finding_sheet, gap_sheet, trace_sheet
from ..report.words import has_word
from .output import Output, output_options
from .common import (
    examples,
    AsOfOpt, BaselineOpt, CI_FORMATS, DatasetOpt, EXIT_GATE, EXIT_INPUT, FailOnOpt, FindingFormat, FindingFormatOpt,
    AnalysisFormat, AnalysisFormatOpt, Format, FormatOpt, LEVEL_HELP, MappingOpt, PathArg, SchemaOpt, app, emit_accepted, emit_ci, err, gate,
    handles_errors, neo4j_options, open_subject, out_console, register_of, working,
)

@app.command(epilog=examples('cascade check rpjmd.xlsx', 'cascade check cascading.csv --schema rpjmd --limit 50'))
@handles_errors
@output_options
def check(
    path: Annotated[Path, typer.Argument(help="Source to validate: .xlsx, folder of .csv, or .yaml/.json.")],
    fmt: FindingFormatOpt = FindingFormat.table,
    strict: Annotated[bool, typer.Option(help="Exit 1 when there are warnings too (for CI).")] = False,
    limit: Annotated[Optional[int], typer.Option(
        min=0, help="Show the first N findings (default: all); a count per kind follows.")] = None,
    baseline: BaselineOpt = None,
    as_of: AsOfOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    output: Output = None,
) -> None:
    """Validate a source: errors (exit 2) and warnings, each with file, sheet and row."""
    register = register_of(baseline)
    with working(f"checking {path}"):
        findings = api.check(path, schema, mapping)
    accepted = []
    if register is not None:
        findings, accepted = split_checked(findings, register, as_of)
        counts = Counter((f.severity, f.code) for f in findings)
    else:
        counts = findings.counts()
    shown = findings if limit is None or limit >= len(findings) else findings[:limit]
    out = out_console()
    if fmt in CI_FORMATS:
        output.emit(lambda console: emit_ci(by_kind(shown), fmt.value, path.stem, str(path), (), console), lambda: [])
    else:
        output.emit(lambda console: emit_findings(shown, output.fmt, console), lambda: [finding_sheet(shown)])
    errors = sum(k for (severity, _), k in counts.items() if severity == ERROR)
    warnings = sum(k for (severity, _), k in counts.items() if severity == WARNING)
    notes = out if output.fmt == "table" else err   # beside a table, or out of the way of data
    if len(shown) < len(findings) or (output.fmt == "table" and len(findings) > SUMMARY_FROM):
        _summary(counts, len(shown), len(findings), notes)
    if accepted and fmt not in CI_FORMATS:
        emit_accepted([(f, e) for _, f, e in accepted], fmt.value, notes)
    if output.fmt == "table" or output.path is not None:   # with the findings in a file, the count on the screen
        colour = "red" if errors else ("yellow" if warnings else "green")
        more = f" ({len(accepted)} accepted in {register.path})" if accepted else ""
        notes.print(f"[{colour}]{counted(errors, 'error')}, {counted(warnings, 'warning')}[/] in {path}{more}")
    if errors:
        raise typer.Exit(EXIT_INPUT)
    if strict and warnings:
        raise typer.Exit(EXIT_GATE)


#: above this many findings, the table ends with a count per kind
SUMMARY_FROM = 20


def _summary(counts: dict[tuple[str, str], int], shown: int, total: int, console) -> None:
    """``shown N of M findings; by kind: …`` — what a long list (or the part left off) holds."""
    kinds = ", ".join(f"{k:,} {code} ({severity})" for (severity, code), k in
                      sorted(counts.items(), key=lambda item: -item[1]))
    head = f"showing {shown:,} of {total:,} findings" if shown < total else f"{total:,} findings"
    console.print(f"{head}; by kind: {kinds}", soft_wrap=True, highlight=False)


@app.command(epilog=examples('cascade orphans plan.xlsx', 'cascade orphans plan.xlsx --schema rpjmd --level program --anchor sasaran'))
@handles_errors
@neo4j_options
@output_options
def orphans(
    path: PathArg = None,
    level: Annotated[Optional[str], typer.Option(help=f"Level to report, {LEVEL_HELP}. Default: the schema's process level.", show_default=False)] = None,
    anchor: Annotated[Optional[str], typer.Option(help="Level an element must lead up to. Default: the schema's strategy level.", show_default=False)] = None,
    fmt: FindingFormatOpt = FindingFormat.table,
    fail_on: FailOnOpt = None,
    baseline: BaselineOpt = None,
    as_of: AsOfOpt = None,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
    output: Output = None,
) -> None:
    """Elements with no strategic link: by default the schema's processes that lead up to no element of its
    strategy level (strategi; sasaran in --schema rpjmd).
    """
    register = register_of(baseline)
    with open_subject(path, dataset, conn, schema, mapping) as subject:
        found, kind = _gaps(subject, "orphans", level, anchor)
        _show(found, kind, fmt, subject, path, fail_on, output, f"{kind.level} with no {kind.far} above", register, as_of)
    gate({kind.name: found}, fail_on, register, as_of)


@app.command(epilog=examples('cascade unbacked plan.xlsx', 'cascade unbacked plan.xlsx --level proses --target aplikasi'))
@handles_errors
@neo4j_options
@output_options
def unbacked(
    path: PathArg = None,
    level: Annotated[Optional[str], typer.Option(help=f"Level to report, {LEVEL_HELP}. Default: the schema's strategy level.", show_default=False)] = None,
    target: Annotated[Optional[str], typer.Option(help="Level an element must lead down to. Default: the schema's process level.", show_default=False)] = None,
    fmt: FindingFormatOpt = FindingFormat.table,
    fail_on: FailOnOpt = None,
    baseline: BaselineOpt = None,
    as_of: AsOfOpt = None,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
    output: Output = None,
) -> None:
    """Elements with nothing behind them: by default the schema's strategy level (strategi; sasaran in
    --schema rpjmd) that leads down to no process.
    """
    register = register_of(baseline)
    with open_subject(path, dataset, conn, schema, mapping) as subject:
        found, kind = _gaps(subject, "unbacked", level, target)
        _show(found, kind, fmt, subject, path, fail_on, output, f"{kind.level} with no {kind.far} below", register, as_of)
    gate({kind.name: found}, fail_on, register, as_of)


def _gaps(subject, analysis: str, level, far):
    """The gaps of ``analysis`` (orphans or unbacked) between two levels — by default its preset's
    (:data:`~cascade.gates.KINDS`: the schema's roles) — and their finding kind, with the levels' own names."""
    levels = api.store_of(subject).schema
    default_lv, default_far = kind_named(analysis).span(levels)
    lv, far_lv = levels.level(level or default_lv), levels.level(far or default_far)
    with working(f"finding {analysis}: {lv.name} → {far_lv.name}"):
        found = getattr(api, analysis)(subject, lv, far_lv)
    kind = kind_for(analysis, lv, far_lv, levels)
    return found, dataclasses.replace(kind, level=lv.name, far=far_lv.name)


def _show(found, kind, fmt, subject, path, fail_on, output: Output, title: str, register=None, as_of=None) -> None:
    """The gaps in ``fmt``; with a register, those it accepts apart (json: each marked with its entry)."""
    open_, accepted, _ = split(kind.name, found, register, as_of)
    store = api.store_of(subject)
    if fmt in CI_FORMATS:
        output.emit(lambda console: emit_ci([(kind, open_)], fmt.value, store.dataset, str(path) if path else None,
                                            fail_on, console), lambda: [])
        return
    if register is not None and output.fmt == "json":
        marks = {item.id: {"exception": e.to_dict()} for item, e in accepted}
        output.emit(lambda console: write_plain(console, as_json([{**g.to_dict(), **marks.get(g.id, {})} for g in found]) + "\n"),
                    lambda: [])
        return

    def text(console) -> None:
        emit(open_, output.fmt, console, title=title)
        if accepted:
            emit_accepted(accepted, output.fmt, console if output.fmt == "table" else err)

    output.emit(text, lambda: [gap_sheet(open_, kind.name if has_word(kind.name) else title)], store.schema)


@app.command(epilog=examples('cascade trace S1.2.1 plan.xlsx', 'cascade trace PB-056 plan.xlsx --up --out pb-056.svg'))
@handles_errors
@neo4j_options
@output_options
def trace(
    element_id: Annotated[str, typer.Argument(metavar="ID", help="Id (Kode) of the element to trace.")],
    path: PathArg = None,
    up: Annotated[bool, typer.Option("--up", help="Trace upward (why does this exist?) instead of down.")] = False,
    depth: Annotated[Optional[int], typer.Option(min=1, help="Stop after this many links. Default: all the way.", show_default=False)] = None,
    fmt: AnalysisFormatOpt = AnalysisFormat.table,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
    output: Output = None,
) -> None:
    """What an element comes down to (or, with --up, what it serves). csv: one row per chain; --out
    FILE.svg, .png or .html draws it."""
    with open_subject(path, dataset, conn, schema, mapping) as subject:
        result = api.trace(subject, element_id.strip(), "up" if up else "down", depth)
    if output.picture:
        from ..draw import write_trace
        from ..report.words import picture_words

        err.print(f"wrote {write_trace(result, output.path, words=picture_words(output.lang))}")
        return
    output.emit(lambda console: emit(result, output.fmt, console), lambda: [trace_sheet(result)], result.schema)


class By(str, Enum):
    opd = "opd"


@app.command(epilog=examples('cascade coverage plan.xlsx', 'cascade coverage --dataset tangerang --by opd -F csv'))
@handles_errors
@neo4j_options
@output_options
def coverage(
    path: PathArg = None,
    by: Annotated[Optional[By], typer.Option("--by", case_sensitive=False, help="Break the counts down by OPD (Perangkat Daerah).", show_default=False)] = None,
    fmt: AnalysisFormatOpt = AnalysisFormat.table,
    dataset: DatasetOpt = None,
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    conn: Neo4jSettings = None,
    output: Output = None,
) -> None:
    """Per level: elements, with a parent, anchored to a vision, with a child; headline shares."""
    with open_subject(path, dataset, conn, schema, mapping) as subject, working("counting coverage"):
        result = api.coverage(subject, by=by.value if by else None)
        levels = api.store_of(subject).schema
    output.emit(lambda console: emit(result, output.fmt, console), lambda: coverage_sheets(result), levels)


@app.command(epilog=examples('cascade demo'))
@handles_errors
def demo() -> None:
    """Run everything on the Kota Tangerang seed workbook, embedded (no server needed)."""
    from ..demo import run_demo

    run_demo(out_console())


@app.command("levels", epilog=examples('cascade levels --schema rpjmd', 'cascade levels --schema my-plan.yaml --format json'))
@handles_errors
def levels_command(
    schema: SchemaOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The level schema: each level's name, label, titles, aliases, and the roles analyses default to.
    """
    emit(api.schema(schema), fmt.value, out_console())


@app.command("inspect", epilog=examples('cascade inspect matriks.xlsx --schema rpjmd', 'cascade inspect cascading.csv --schema rpjmd --write-mapping cascading.mapping.yaml'))
@handles_errors
def inspect_command(
    path: Annotated[Path, typer.Argument(help="Source to look at: .xlsx, .csv, folder of .csv, or .yaml/.json.")],
    schema: SchemaOpt = None,
    mapping: MappingOpt = None,
    write_mapping: Annotated[Optional[Path], typer.Option("--write-mapping", metavar="FILE", show_default=False,
                                                          help="Also write this reading as an editable mapping file.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """How cascade reads a source: per sheet the layout found, header rows, which column is which level.
    """
    refuse_inputs([write_mapping], [path, mapping, schema])
    found = api.inspect(path, schema, mapping)
    if write_mapping is not None:
        err.print(f"[green]wrote[/] {api.write_mapping(found, write_mapping)}: correct it, then read the source "
                  f"with --mapping {write_mapping}")
    out = out_console()
    if fmt == Format.json:
        write_plain(out, as_json(found.to_dict()) + "\n")
    else:
        from ..render.encodings import rich_table

        rows = [[lay.place.sheet or lay.place.file, lay.kind, ", ".join(map(str, lay.header_rows)),
                 "\n".join(lay.columns), str(lay.elements)] for lay in found.layouts]
        out.print(rich_table(["sheet / file", "layout", "header row(s)", "columns", "elements"], rows,
                             f"How {path} is read (schema {found.schema.name!r})"))
        if found.counts:
            out.print("Elements: " + ", ".join(f"{name} {n}" for name, n in found.counts.items()), highlight=False)
        for f in found.ignored:
            out.print(f"[dim]{f}[/]")
        if found.errors:
            emit_findings(found.errors, "table", err)
    if found.errors:
        raise typer.Exit(EXIT_INPUT)
