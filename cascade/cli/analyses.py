"""Analysis commands: check, orphans, unbacked, trace, coverage, demo."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import api
from ..model import ERROR
from ..render import emit, emit_findings
from .common import (
    EXIT_GATE, EXIT_INPUT, LEVEL_HELP, DatabaseOpt, DatasetOpt, FailOpt, Format, FormatOpt, PasswordOpt, PathArg,
    UriOpt, UserOpt, app, gate, handles_errors, open_subject, out_console, settings,
)

@app.command()
@handles_errors
def check(
    path: Annotated[Path, typer.Argument(help="Source to validate: .xlsx, folder of .csv, or .yaml/.json.")],
    fmt: FormatOpt = Format.table,
    strict: Annotated[bool, typer.Option(help="Exit 1 when there are warnings too (for CI).")] = False,
) -> None:
    """Validate a source: errors (exit 2) and warnings, each with file, sheet and row."""
    findings = api.check(path)
    out = out_console()
    emit_findings(findings, fmt.value, out)
    errors = sum(f.severity == ERROR for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    if fmt == Format.table:
        colour = "red" if errors else ("yellow" if warnings else "green")
        out.print(f"[{colour}]{errors} errors, {warnings} warnings[/] in {path}")
    if errors:
        raise typer.Exit(EXIT_INPUT)
    if strict and warnings:
        raise typer.Exit(EXIT_GATE)


@app.command()
@handles_errors
def orphans(
    path: PathArg = None,
    level: Annotated[str, typer.Option(help=f"Level to report, {LEVEL_HELP}.")] = "process",
    anchor: Annotated[str, typer.Option(help="Level an element must lead up to.")] = "strategy",
    fmt: FormatOpt = Format.table,
    fail: FailOpt = False,
    dataset: DatasetOpt = None,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Elements with no strategic link: processes that lead up to no strategy (by default)."""
    with open_subject(path, dataset, settings(uri, user, password, database)) as subject:
        found = api.orphans(subject, level=level, anchor=anchor)
    emit(found, fmt.value, out_console(), title=f"{level} with no {anchor} above")
    gate(found, fail)


@app.command()
@handles_errors
def unbacked(
    path: PathArg = None,
    level: Annotated[str, typer.Option(help=f"Level to report, {LEVEL_HELP}.")] = "strategy",
    target: Annotated[str, typer.Option(help="Level an element must lead down to.")] = "process",
    fmt: FormatOpt = Format.table,
    fail: FailOpt = False,
    dataset: DatasetOpt = None,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Elements with nothing behind them: strategies that lead down to no process (by default)."""
    with open_subject(path, dataset, settings(uri, user, password, database)) as subject:
        found = api.unbacked(subject, level=level, target=target)
    emit(found, fmt.value, out_console(), title=f"{level} with no {target} below")
    gate(found, fail)


@app.command()
@handles_errors
def trace(
    element_id: Annotated[str, typer.Argument(metavar="ID", help="Id (Kode) of the element to trace.")],
    path: PathArg = None,
    up: Annotated[bool, typer.Option("--up", help="Trace upward (why does this exist?) instead of down.")] = False,
    depth: Annotated[Optional[int], typer.Option(min=1, help="Stop after this many links. Default: all the way.", show_default=False)] = None,
    fmt: FormatOpt = Format.table,
    dataset: DatasetOpt = None,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """What an element comes down to (or, with --up, what it serves). csv: one row per chain."""
    with open_subject(path, dataset, settings(uri, user, password, database)) as subject:
        result = api.trace(subject, element_id.strip(), "up" if up else "down", depth)
    emit(result, fmt.value, out_console())


class By(str, Enum):
    opd = "opd"


@app.command()
@handles_errors
def coverage(
    path: PathArg = None,
    by: Annotated[Optional[By], typer.Option(help="Break the counts down by OPD (Perangkat Daerah).", show_default=False)] = None,
    fmt: FormatOpt = Format.table,
    dataset: DatasetOpt = None,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Per level: elements, with a parent, anchored to a vision, with a child; headline shares."""
    with open_subject(path, dataset, settings(uri, user, password, database)) as subject:
        result = api.coverage(subject, by=by.value if by else None)
    emit(result, fmt.value, out_console())


@app.command()
@handles_errors
def demo() -> None:
    """Run everything on the Kota Tangerang seed workbook, embedded (no server needed)."""
    from ..demo import run_demo

    run_demo(out_console())
