"""What every command shares: the app, options, error handling, exit codes.

Commands live in sibling modules by topic and register on :data:`app`; none of
them holds logic of its own.
"""

from __future__ import annotations

import contextlib
import functools
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from .. import api
from ..gates import KINDS_HELP, failing, parse_kinds
from ..levels import PRESETS, SchemaError, schema as as_schema
from ..model import ERROR, InvalidCascade
from ..render import emit_findings
from ..render.emit import stdout_console
from ..settings import Neo4jSettings
from ..stores.base import DatabaseUnavailable, LoadFailed, UnknownDataset, UnknownElement

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


FindingFormat = Enum("FindingFormat", {**{f.name: f.value for f in Format}, "junit": "junit", "sarif": "sarif"}, type=str)
CI_FORMATS = (FindingFormat.junit, FindingFormat.sarif)


LEVEL_HELP = "a level of the schema, by name or alias (cascade levels lists them)"

PathArg = Annotated[
    Optional[Path],
    typer.Argument(help="Source: .xlsx workbook, folder of .csv files, or .yaml/.json. Omit to use a dataset loaded in Neo4j.", show_default=False),
]
SchemaOpt = Annotated[Optional[str], typer.Option(
    "--schema", metavar="NAME|FILE", show_default=False,
    help=f"Level schema: a preset ({', '.join(PRESETS)}) or a .yaml/.toml file. Default: default for a source; "
         "a dataset's own in Neo4j.")]
MappingOpt = Annotated[Optional[Path], typer.Option(
    "--mapping", metavar="FILE", show_default=False,
    help="Read the source as this mapping file says (written by cascade inspect --write-mapping, then corrected).")]
FormatOpt = Annotated[Format, typer.Option("--format", "-F", help="Output: table for people; json, csv or md for programs.")]
FindingFormatOpt = Annotated[FindingFormat, typer.Option("--format", "-F", help="Output: table for people; json, csv or md for programs; junit or sarif for CI.")]
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
        except (UnknownElement, UnknownDataset, SchemaError, ValueError) as exc:
            err.print(f"[bold red]error[/]: {exc}")
            raise typer.Exit(EXIT_INPUT)
        except DatabaseUnavailable as exc:
            err.print(f"[bold red]database unavailable[/]: {exc}")
            raise typer.Exit(EXIT_DATABASE)
        except LoadFailed as exc:
            err.print(f"[bold red]load refused[/]: {exc}")
            raise typer.Exit(EXIT_DATABASE)

    return wrapper


def settings(uri, user, password, database) -> Neo4jSettings:
    """Connection settings from the flags, falling back to ``NEO4J_*`` variables."""
    return Neo4jSettings.from_env(uri, user, password, database)


@contextlib.contextmanager
def open_subject(path: Path | None, dataset: str | None, conn: Neo4jSettings, schema: str | None = None,
                 mapping: Path | None = None):
    """What to analyse: the source at ``path`` embedded (read with ``schema``, default ``default``),
    else a dataset in Neo4j (with its own schema; a different ``schema`` given is an error)."""
    if path is not None:
        yield api.read(path, name=dataset, schema=schema, mapping=mapping)
        return
    from ..stores.neo4j import Neo4jStore

    with Neo4jStore.connect(conn, dataset or "default", as_schema(schema) if schema else None) as store:
        yield store


def out_console() -> Console:
    """Where results go: stdout, and nothing else goes there."""
    return stdout_console()


def _fail_on(value: Optional[str]) -> tuple[str, ...]:
    try:
        return parse_kinds(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


FailOnOpt = Annotated[Optional[str], typer.Option("--fail-on", metavar="KINDS", callback=_fail_on, show_default=False,
                                                  help=f"Exit 1 when any of these findings exist (a CI gate; an analysis command counts only its own): {KINDS_HELP}.")]
def gate(found: dict[str, list], fail_on: tuple[str, ...]) -> None:
    """The CI gate: exit 1 when a kind named by ``--fail-on`` has findings."""
    hits = failing(found, fail_on)
    if hits:
        err.print("[bold red]gate[/]: " + ", ".join(f"{n} {kind}" for kind, n in hits.items()) + " (--fail-on)")
        raise typer.Exit(EXIT_GATE)


def emit_ci(sections: list, fmt: str, dataset: str, source: str | None, gated: tuple[str, ...]) -> None:
    """Findings as JUnit XML or SARIF on stdout, alone."""
    from ..render.junit import junit_xml
    from ..render.sarif import sarif_json
    from ..render.text import write_plain

    text = junit_xml(sections, dataset) if fmt == "junit" else sarif_json(sections, dataset, source, gated)
    write_plain(out_console(), text)
