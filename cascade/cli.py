"""The ``cascade`` command: parse options, call the API, render, set the exit code.

No logic of its own lives here; every command is a thin layer over a function
in :mod:`cascade.api` (or a store method) with the same name and options.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import api
from .levels import names as level_names
from .model import ERROR, InvalidCascade
from .render import emit, emit_findings
from .render.emit import stdout_console
from .settings import Neo4jSettings
from .stores.base import DatabaseUnavailable, UnknownDataset, UnknownElement

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_DATABASE = 0, 1, 2, 3

app = typer.Typer(
    help="Find where a planning cascade (visi → misi → tujuan → strategi → program → proses bisnis → aplikasi) breaks.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


LEVEL_HELP = f"one of: {', '.join(level_names())} (or an Indonesian alias)"

PathArg = Annotated[
    Optional[Path],
    typer.Argument(help="Source: .xlsx workbook, folder of .csv files, or .yaml/.json. Omit to use a dataset loaded in Neo4j.", show_default=False),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-F", help="Output: table for people; json, csv or md for programs.")]
DatasetOpt = Annotated[Optional[str], typer.Option("--dataset", "-d", help="Dataset name in Neo4j. Default: the source file's name, or 'default'.", show_default=False)]
UriOpt = Annotated[Optional[str], typer.Option("--uri", help="Neo4j URI. Default: $NEO4J_URI, else bolt://localhost:7687.", show_default=False)]
UserOpt = Annotated[Optional[str], typer.Option("--user", help="Neo4j user. Default: $NEO4J_USERNAME, else neo4j.", show_default=False)]
PasswordOpt = Annotated[Optional[str], typer.Option("--password", help="Neo4j password. Prefer $NEO4J_PASSWORD: flags show up in shell history.", show_default=False)]
DatabaseOpt = Annotated[Optional[str], typer.Option("--database", help="Neo4j database. Default: $NEO4J_DATABASE, else neo4j.", show_default=False)]


def handles_errors(command):
    """Turn the user's problems into one clear message and the documented exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InvalidCascade as exc:
            emit_findings([f for f in exc.findings if f.severity == ERROR], "table", err)
            n = len(exc.errors)
            err.print(f"[bold red]{n} error{'s' if n != 1 else ''}[/]: nothing was analysed or loaded.")
            raise typer.Exit(EXIT_INPUT)
        except (UnknownElement, UnknownDataset, ValueError) as exc:
            err.print(f"[bold red]error[/]: {exc}")
            raise typer.Exit(EXIT_INPUT)
        except DatabaseUnavailable as exc:
            err.print(f"[bold red]database unavailable[/]: {exc}")
            raise typer.Exit(EXIT_DATABASE)

    return wrapper


def _settings(uri, user, password, database) -> Neo4jSettings:
    return Neo4jSettings.from_env(uri, user, password, database)


@contextlib.contextmanager
def _subject(path: Path | None, dataset: str | None, settings: Neo4jSettings):
    """What to analyse: the source at ``path`` embedded, else a dataset in Neo4j."""
    if path is not None:
        yield api.read(path, name=dataset)
        return
    from .stores.neo4j import Neo4jStore

    with Neo4jStore.connect(settings, dataset or "default") as store:
        yield store


def _out(fmt: Format) -> Console:
    return stdout_console()


@app.command()
@handles_errors
def check(
    path: Annotated[Path, typer.Argument(help="Source to validate: .xlsx, folder of .csv, or .yaml/.json.")],
    fmt: FormatOpt = Format.table,
    strict: Annotated[bool, typer.Option(help="Exit 1 when there are warnings too (for CI).")] = False,
) -> None:
    """Validate a source: errors (exit 2) and warnings, each with file, sheet and row."""
    findings = api.check(path)
    out = _out(fmt)
    emit_findings(findings, fmt.value, out if fmt != Format.table else out)
    errors = sum(f.severity == ERROR for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    if fmt == Format.table:
        colour = "red" if errors else ("yellow" if warnings else "green")
        out.print(f"[{colour}]{errors} errors, {warnings} warnings[/] in {path}")
    if errors:
        raise typer.Exit(EXIT_INPUT)
    if strict and warnings:
        raise typer.Exit(EXIT_GATE)


def _gate(found: list, fail_on: bool) -> None:
    if fail_on and found:
        raise typer.Exit(EXIT_GATE)


FailOpt = Annotated[bool, typer.Option("--fail-on-findings", help="Exit 1 when anything is found (a CI gate).")]


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
    with _subject(path, dataset, _settings(uri, user, password, database)) as subject:
        found = api.orphans(subject, level=level, anchor=anchor)
    emit(found, fmt.value, _out(fmt), title=f"{level} with no {anchor} above")
    _gate(found, fail)


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
    with _subject(path, dataset, _settings(uri, user, password, database)) as subject:
        found = api.unbacked(subject, level=level, target=target)
    emit(found, fmt.value, _out(fmt), title=f"{level} with no {target} below")
    _gate(found, fail)


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
    with _subject(path, dataset, _settings(uri, user, password, database)) as subject:
        result = api.trace(subject, element_id.strip(), "up" if up else "down", depth)
    emit(result, fmt.value, _out(fmt))


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
    with _subject(path, dataset, _settings(uri, user, password, database)) as subject:
        result = api.coverage(subject, by=by.value if by else None)
    emit(result, fmt.value, _out(fmt))


@app.command()
@handles_errors
def demo() -> None:
    """Run everything on the Kota Tangerang seed workbook, embedded (no server needed)."""
    from .demo import run_demo

    run_demo(stdout_console())


def main() -> None:
    app()


if __name__ == "__main__":
    main()
