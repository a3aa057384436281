"""Exploration commands: cypher (ad-hoc statements, or the shell) and query (named queries).

The Neo4j driver is imported when a command runs, not when ``cascade`` starts.
"""

from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..explore import DEFAULT_TIMEOUT, FORMATS
from ..settings import Neo4jSettings
from .common import (
    examples,
    EXIT_DATABASE, EXIT_INPUT, VersionOpt, app, err, handles_errors, neo4j_options, out_console,
)

ExploreFormat = Enum("ExploreFormat", {f: f for f in FORMATS}, type=str)

FormatOpt = Annotated[ExploreFormat, typer.Option("--format", "-F", case_sensitive=False, help="Output: table (or verbose, as cypher-shell calls it) for people; plain (cypher-shell's), json, jsonl, csv or md for programs; auto: verbose on a terminal, else plain.")]
ParamOpt = Annotated[Optional[list[str]], typer.Option("--param", "-P", metavar="NAME=VALUE", show_default=False,
                                                       help="A query parameter (repeatable). NAME=VALUE: VALUE is read as JSON when it parses, else as text, always data. "
                                                            "As in cypher-shell, 'NAME => EXPR' or '{NAME: EXPR, ...}': EXPR is a Cypher expression the server evaluates, read-only.")]
ParamsOpt = Annotated[Optional[Path], typer.Option("--params", metavar="FILE", show_default=False, help="Parameters from a .json or .yaml file (--param wins).")]
WriteOpt = Annotated[bool, typer.Option("--write", help="Allow statements that write, change the schema, or reach outside the database (LOAD CSV, apoc.load.*, dbms.*). Default: refused.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0, metavar="SECONDS", help="Stop any query running longer than this (0: the server's own limit).")]
DatasetOpt = Annotated[Optional[str], typer.Option("--dataset", show_default=False, help="Dataset that $dataset stands for. Default: the only one loaded.")]
QueriesOpt = Annotated[Optional[Path], typer.Option("--queries", metavar="DIR", show_default=False, help="A directory of your own .cypher queries. Default: $CASCADE_QUERIES.")]


def explains_errors(command):
    """Errors of ad-hoc queries: the server's message (and position), exit 2; unreachable or timed out, exit 3."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except Exception as exc:
            from ..explore import report

            kind = report(exc, err)
            if kind is None:
                raise
            raise typer.Exit(EXIT_DATABASE if kind == "database" else EXIT_INPUT) from exc

    return handles_errors(wrapper)


def _statements(query: Optional[str], file: Optional[Path]):
    """The statements to run: QUERY, -f FILE, or stdin (``-``, or no QUERY when stdin is not a terminal); None: the shell."""
    from ..explore import split

    if query is not None and file is not None:
        raise UsageError("give a QUERY or -f FILE, not both")
    if file is not None:
        try:
            text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from exc
    elif query == "-" or (query is None and not sys.stdin.isatty()):
        text = sys.stdin.read()
    elif query is None:
        return None
    else:
        text = query
    found = split(text)
    if not found:
        raise UsageError("no Cypher statement to run")
    return found


def _params(param: Optional[list[str]], params_file: Optional[Path]) -> dict:
    from ..explore import parse_params, read_params

    return {**(read_params(params_file) if params_file else {}), **parse_params(param or [])}


def _explorer(conn, dataset, write, timeout):
    from ..explore import Explorer

    return Explorer.connect(conn, dataset, write=write, timeout=timeout)


def _print(fmt: str, results) -> None:
    """Each result as it comes (json: one document at the end)."""
    from ..explore import Printer

    printer = Printer(fmt, out_console(), err)
    try:
        for result in results:
            printer.add(result)
    finally:
        printer.close()


@app.command("cypher", epilog=examples('cascade cypher "MATCH (s:Strategy {dataset: $dataset, version: $version}) RETURN s.id, s.name" --dataset tangerang', 'cascade cypher -P \'mission => "M2"\' -f my-queries.cypher'))
@explains_errors
@neo4j_options
def cypher_command(
    query: Annotated[Optional[str], typer.Argument(metavar="[QUERY | -]", show_default=False,
                                                   help="Cypher to run ('-': read stdin). None on a terminal: the interactive shell.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", metavar="FILE", show_default=False, help="Run the statements of FILE, separated by ';' ('-': stdin).")] = None,
    param: ParamOpt = None,
    params_file: ParamsOpt = None,
    write: WriteOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    fmt: FormatOpt = ExploreFormat.table,
    queries: QueriesOpt = None,
    dataset: DatasetOpt = None,
    version: VersionOpt = False,
    conn: Neo4jSettings = None,
) -> None:
    """Run ad-hoc Cypher on the loaded graph, read-only unless --write; with no QUERY on a terminal, a shell."""
    statements = _statements(query, file)
    given = _params(param, params_file)
    with _explorer(conn, dataset, write, timeout) as explorer:
        given = explorer.evaluated(given)
        if statements is None:
            from ..explore import user_dirs
            from ..explore.shell import Shell

            Shell(explorer, fmt.value, out_console(), given, user_dirs(queries)).loop()
            return
        _print(fmt.value, (explorer.run(s.text, given, line=s.line) for s in statements))


@app.command("query", epilog=examples('cascade query --list', 'cascade query under_mission -P mission=M2 --dataset tangerang'))
@explains_errors
@neo4j_options
def query_command(
    name: Annotated[Optional[str], typer.Argument(metavar="NAME", show_default=False, help="The named query to run (see --list).")] = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="List the named queries with their descriptions and parameters.")] = False,
    param: ParamOpt = None,
    params_file: ParamsOpt = None,
    write: WriteOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    fmt: FormatOpt = ExploreFormat.table,
    queries: QueriesOpt = None,
    dataset: DatasetOpt = None,
    conn: Neo4jSettings = None,
) -> None:
    """Run a named query: an analysis from cypher/, the exploration library, or your own .cypher files."""
    from ..explore import find, listing, named_queries, user_dirs

    dirs = user_dirs(queries)
    if list_:
        return _print(fmt.value, [listing(named_queries(dirs))])
    if name is None:
        raise UsageError("give a query NAME, or --list to see them")
    named = find(name, dirs)
    given = _params(param, params_file)
    with _explorer(conn, dataset, write, timeout) as explorer:
        _print(fmt.value, [explorer.run(named.query.text, explorer.evaluated(given))])
