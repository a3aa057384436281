"""What every command shares: the app, options, error handling, exit codes.

Commands live in sibling modules by topic and register on :data:`app`; none of
them holds logic of its own.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import re
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from typer.exceptions import TyperException

from .. import api
from ..errors import UsageError
from ..gates import KINDS_HELP, failing, parse_kinds
from ..levels import PRESETS, schema as as_schema
from ..model import ERROR, InvalidCascade
from ..render import emit_findings
from ..render.emit import stdout_console
from ..render.encodings import counted
from ..settings import Neo4jSettings
from .streams import tolerate_narrow_encodings
from .typer_compat import CascadeGroup, hide_flag_types
from ..stores.base import DatabaseUnavailable, LoadFailed, UnknownDataset, UnknownElement, UnknownVersion

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_DATABASE = 0, 1, 2, 3

hide_flag_types()
app = typer.Typer(
    cls=CascadeGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Find where a planning cascade (visi → misi → tujuan → strategi → program → proses bisnis → aplikasi) breaks.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)


class Lang(str, Enum):
    id = "id"
    en = "en"


def _lang(value: Optional[Lang]) -> str:
    from ..report.words import default_lang

    return value.value if value is not None else default_lang()


LangOpt = Annotated[Optional[Lang], typer.Option(
    "--lang", case_sensitive=False, callback=_lang, show_default=False,
    help="Language of what is written: id (Indonesian) or en (English). Default: the locale's ($LANG; "
         "Indonesian when it names none).")]


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


#: What an analysis writes: the formats above and a workbook (``--format xlsx --out FILE``).
AnalysisFormat = Enum("AnalysisFormat", {**{f.name: f.value for f in Format}, "xlsx": "xlsx"}, type=str)
FindingFormat = Enum("FindingFormat", {**{f.name: f.value for f in AnalysisFormat}, "junit": "junit", "sarif": "sarif"},
                     type=str)
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
FormatOpt = Annotated[Format, typer.Option("--format", "-F", case_sensitive=False, help="Output: table for people; json, csv or md for programs.")]
AnalysisFormatOpt = Annotated[AnalysisFormat, typer.Option("--format", "-F", case_sensitive=False, help="Output: table for people; json, csv or md for programs; xlsx for Excel (with --out FILE).")]
FindingFormatOpt = Annotated[FindingFormat, typer.Option("--format", "-F", case_sensitive=False, help="Output: table for people; json, csv or md for programs; xlsx for Excel (with --out FILE); junit or sarif for CI.")]
DatasetOpt = Annotated[Optional[str], typer.Option("--dataset", help="Dataset name in Neo4j (NAME@N: a kept version; NAME@previous: the one before the published). Default: with a PATH, the source file's name; without one, the only dataset loaded, else 'default'.", show_default=False)]
# The connection flags are cypher-shell's (-a, -u, -p, -d); the dataset has no short flag, so none means something else.
UriOpt = Annotated[Optional[str], typer.Option("--uri", "--address", "-a", metavar="URI", help="Neo4j address. Default: $NEO4J_URI, else bolt://localhost:7687.", show_default=False)]
UserOpt = Annotated[Optional[str], typer.Option("--user", "--username", "-u", metavar="USER", help="Neo4j user. Default: $NEO4J_USERNAME, else neo4j.", show_default=False)]
PasswordOpt = Annotated[Optional[str], typer.Option("--password", "-p", metavar="PASSWORD", help="Neo4j password. Prefer $NEO4J_PASSWORD: flags show up in shell history.", show_default=False)]
DatabaseOpt = Annotated[Optional[str], typer.Option("--database", "-d", metavar="DATABASE", help="Neo4j database (not the dataset: that is --dataset). Default: $NEO4J_DATABASE, else neo4j.", show_default=False)]


#: What an exception means for the user: (exception types, exit code, the message's heading).
#: Anything not listed is a bug in cascade (exit 70, a short hint; ``--debug`` shows the trace).
EXITS: tuple[tuple[tuple[type[BaseException], ...], int, str], ...] = (
    ((UsageError, UnknownElement, UnknownDataset, UnknownVersion), EXIT_INPUT, "error"),
    ((OSError,), EXIT_INPUT, "error"),
    ((DatabaseUnavailable,), EXIT_DATABASE, "database unavailable"),
    ((LoadFailed,), EXIT_DATABASE, "load refused"),
)
EXIT_BUG = 70
EXIT_INTERRUPTED = 130   # as shells report a command stopped by Ctrl-C
_DEBUG = {"on": False}   # set by --debug (or $CASCADE_DEBUG) for each invocation


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, DatabaseUnavailable) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc)


def handles_errors(command):
    """Turn the user's problems into one clear message and the documented exit code (:data:`EXITS`);
    anything else is a bug: one line saying so, exit 70, the trace with ``--debug``."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, TyperException):   # typer's own: usage errors, exits
            raise
        except KeyboardInterrupt as exc:   # not click's "Aborted!" and exit 1, which is the gate's code
            err.print(f"[bold red]interrupted[/]: {escape(str(exc)) or 'stopped (Ctrl-C) before it finished'}")
            raise typer.Exit(EXIT_INTERRUPTED)
        except InvalidCascade as exc:
            emit_findings([f for f in exc.findings if f.severity == ERROR], "table", err)
            err.print(f"[bold red]{counted(len(exc.errors), 'error')}[/]: nothing was analysed or loaded.")
            raise typer.Exit(EXIT_INPUT)
        except Exception as exc:
            for kinds, code, heading in EXITS:
                if isinstance(exc, kinds):
                    err.print(f"[bold red]{heading}[/]: {escape(_message(exc))}")
                    raise typer.Exit(code)
            if _DEBUG["on"]:
                raise
            err.print(f"[bold red]internal error[/]: {type(exc).__name__}: {escape(str(exc).splitlines()[0] if str(exc) else '')}"
                      " — a bug in cascade, not a problem with your data. Run again with --debug for the full trace, "
                      "and please report it.", highlight=False)
            raise typer.Exit(EXIT_BUG)

    return wrapper


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version as installed

        from .. import __version__

        try:
            driver = f" (neo4j driver {installed('neo4j')})"
        except PackageNotFoundError:
            driver = ""
        out_console().print(f"cascade {__version__}{driver}", highlight=False)
        raise typer.Exit()


VersionOpt = Annotated[bool, typer.Option("--version", "-v", help="Print cascade's version (and the Neo4j driver's) and exit.",
                                          is_eager=True, callback=_print_version)]


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="On an internal error, show the full trace ($CASCADE_DEBUG=1 too).")] = False,
    version: VersionOpt = False,
) -> None:
    """Find where a planning cascade (visi → misi → tujuan → strategi → program → proses bisnis → aplikasi) breaks."""
    _DEBUG["on"] = debug or bool(os.environ.get("CASCADE_DEBUG"))
    tolerate_narrow_encodings()


def examples(*lines: str) -> str:
    """The end of a command's ``--help``: one or two examples to copy."""
    return "Examples:\n\n" + "\n\n".join(f"  [bold]{escape(line)}[/]" for line in lines)


def settings(uri, user, password, database) -> Neo4jSettings:
    """Connection settings from the flags, falling back to ``NEO4J_*`` variables."""
    return Neo4jSettings.from_env(uri, user, password, database)


_CONNECTION = (("uri", UriOpt), ("user", UserOpt), ("password", PasswordOpt), ("database", DatabaseOpt))


def with_options(command, wrapper, given: str, options: tuple[tuple[str, object, object], ...]):
    """``wrapper`` (which calls ``command``) as typer sees it: ``command``'s parameters without ``given``
    (what the wrapper hands it), and keyword options ``(name, annotation, default)`` instead."""
    signature = inspect.signature(command, eval_str=True)
    kept = [p for name, p in signature.parameters.items() if name != given]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=option)
             for name, option, default in options]
    wrapper = functools.wraps(command)(wrapper)
    wrapper.__signature__ = signature.replace(parameters=kept + added)
    wrapper.__annotations__ = {**{p.name: p.annotation for p in kept}, **{n: o for n, o, _ in options}}
    return wrapper


def neo4j_options(command):
    """Give a command the Neo4j connection options (``--uri``, ``--user``, ``--password``, ``--database``,
    from ``NEO4J_*`` by default) and hand it one :class:`Neo4jSettings` as ``conn``."""

    def wrapper(*args, uri=None, user=None, password=None, database=None, **kwargs):
        return command(*args, conn=settings(uri, user, password, database), **kwargs)

    return with_options(command, wrapper, "conn", tuple((name, option, None) for name, option in _CONNECTION))


@contextlib.contextmanager
def working(what: str):
    """A spinner on stderr that says what a slow step is doing (a 10⁶-element source read, an analysis
    on a national dataset in Neo4j); nothing when stderr is not a terminal."""
    if not err.is_terminal:
        yield
        return
    with err.status(f"{what}…", spinner="dots"):
        yield


@contextlib.contextmanager
def open_subject(path: Path | None, dataset: str | None, conn: Neo4jSettings, schema: str | None = None,
                 mapping: Path | None = None):
    """What to analyse: the source at ``path`` embedded (read with ``schema``, default ``default``),
    else a dataset in Neo4j (with its own schema; a different ``schema`` given is an error)."""
    if path is not None:
        with working(f"reading {path}"):
            subject = api.read(path, name=dataset, schema=schema, mapping=mapping)
        yield subject
        return
    try:
        with working(f"connecting to Neo4j at {conn.uri}"):
            store = _dataset_store(dataset, conn, schema)
    except DatabaseUnavailable as exc:
        raise DatabaseUnavailable(
            f"no PATH was given, so cascade looked for a dataset in Neo4j — {exc}. To analyse a source "
            "without a server, give its path (a workbook, a folder of CSV files, or a .yaml/.json file)") from exc
    with store:
        yield store


def _dataset_store(ref: str | None, conn: Neo4jSettings, schema: str | None):
    """A store on the dataset ``ref`` names: ``NAME`` (published), ``NAME@N`` or ``NAME@previous``;
    None: the only one loaded, else ``default``."""
    from ..stores.neo4j import Neo4jStore

    if ref is None:
        return Neo4jStore.connect(conn, None, as_schema(schema) if schema else None)
    found = _REF.match(ref.strip())
    name, version = (found["name"], found["version"]) if found else (ref, None)
    if version and version.isdigit():
        version = int(version)
    return Neo4jStore.connect(conn, name, as_schema(schema) if schema else None, version)


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
BaselineOpt = Annotated[Optional[Path], typer.Option(
    "--baseline", metavar="FILE", show_default=False,
    help="Accepted exceptions (cascade baseline init writes one): accepted findings are shown apart with their "
         "reason and do not trip --fail-on; those past their until date do, and say so.")]


def _as_of(value: Optional[str]):
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD") from None


AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE", callback=_as_of, show_default=False,
    help="Judge the register's until dates as of this day (YYYY-MM-DD). Default: today.")]


def register_of(path: Optional[Path]):
    """The register ``--baseline`` names, read (exit 2 with the line when malformed), or None."""
    if path is None:
        return None
    from ..baseline import read_register

    return read_register(path)


def emit_accepted(accepted: list, fmt: str, console: Console) -> None:
    """Findings a register accepts, apart: id, reason, owner, until (a table, or csv/md rows)."""
    from ..gates import subject
    from ..render.encodings import as_rows, rich_table, write_plain

    cols = ["accepted", "reason", "owner", "until"]
    rows = [[subject(item), e.reason, e.owner, e.until.isoformat() if e.until else ""] for item, e in accepted]
    if fmt == "table":
        console.print(rich_table(cols, rows, f"Accepted exceptions ({len(rows)})"))
    else:
        write_plain(console, "\n" + as_rows(fmt, cols, rows))


def gate(found: dict[str, list], fail_on: tuple[str, ...], register=None, as_of=None) -> None:
    """The CI gate: exit 1 when a kind named by ``--fail-on`` has findings not accepted by ``register``."""
    from ..baseline import split

    open_, expired, accepted = {}, 0, 0
    for kind, items in found.items():
        open_[kind], ok, late = split(kind, items, register, as_of)
        if kind in fail_on:
            accepted, expired = accepted + len(ok), expired + len(late)
    hits = failing(open_, fail_on)
    if hits:
        note = f"; {expired} past the until date of their accepted exception" if expired else ""
        err.print("[bold red]gate[/]: " + ", ".join(f"{n} {kind}" for kind, n in hits.items()) + f" (--fail-on{note})")
        raise typer.Exit(EXIT_GATE)
    if fail_on and accepted:
        err.print(f"gate passed: {accepted} accepted exception{'s' if accepted != 1 else ''} in {register.path}")


#: A dataset named on the command line: ``NAME`` (its published version) or ``NAME@N`` / ``NAME@previous``.
_REF = re.compile(r"^(?P<name>.+?)(?:@(?P<version>\d+|previous))?$")
_SOURCE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".yaml", ".yml", ".json")


@contextlib.contextmanager
def open_ref(ref: str, conn: Neo4jSettings, schema: str | None = None):
    """One side of a diff: an existing path is a source read embedded; anything else a dataset in
    Neo4j, ``NAME`` (published) or ``NAME@N`` (a kept version; ``NAME@previous``: the one before)."""
    path = Path(ref)
    if path.exists():
        yield api.read(path, schema=schema)
        return
    if path.suffix.lower() in _SOURCE_SUFFIXES or "/" in ref or "\\" in ref:
        raise UsageError(f"{ref}: no such file or folder (a dataset in Neo4j is written NAME or NAME@VERSION)")
    here = f"{ref!r} is no file or folder here, so it is taken for a dataset in Neo4j"
    try:
        store = _dataset_store(ref, conn, schema)
    except DatabaseUnavailable as exc:
        raise DatabaseUnavailable(f"{here}; {exc}") from exc
    with store:
        try:
            yield store
        except UnknownDataset as exc:
            raise UsageError(f"{here}; {exc}") from exc


def emit_ci(sections: list, fmt: str, dataset: str, source: str | None, gated: tuple[str, ...],
            console: Console | None = None) -> None:
    """Findings as JUnit XML or SARIF, alone on ``console`` (stdout by default)."""
    from ..render.junit import junit_xml
    from ..render.sarif import sarif_json
    from ..render.encodings import write_plain

    text = junit_xml(sections, dataset) if fmt == "junit" else sarif_json(sections, dataset, source, gated)
    write_plain(console or out_console(), text)
