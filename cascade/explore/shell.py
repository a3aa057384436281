"""The interactive shell of ``cascade cypher``: statements end with ``;``, commands start with ``:``.

History is kept between sessions in ``$XDG_STATE_HOME/cascade/history``
(``~/.local/state/cascade/history`` by default); Tab completes labels,
relationship types, property keys, parameters and commands. Statements run
exactly as ``cascade cypher`` runs them: read-only unless started with
``--write``, bounded by ``--timeout``, values as parameters.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from prompt_toolkit import PromptSession, prompt
from prompt_toolkit.history import FileHistory
from prompt_toolkit.key_binding import KeyBindings
from rich.console import Console
from rich.markup import escape

from ..errors import UsageError
from ..render.encodings import as_json, rich_table
from ..stores.neo4j import UnknownDataset
from .completion import CypherCompleter
from .errors import MissingParameter, report
from . import FORMATS
from .output import Printer
from .params import FORMS, parse_params
from .queries import find, listing, named_queries
from .runner import Explorer, Result
from .schema import Schema, print_schema, read_schema
from .statements import complete, split
from .values import to_json

__all__ = ["Shell", "history_path"]

HELP = (
    ("STATEMENT;", "run Cypher; Enter continues a statement until it ends with ';' (Esc Enter runs it as is)"),
    (":param NAME => EXPR", "set $NAME to what the Cypher expression EXPR gives (the server evaluates it, read-only)"),
    (":param {NAME: EXPR, ...}", "set several at once; ':param NAME=VALUE' sets VALUE as data (JSON when it parses, else text)"),
    (":params", "the parameters set, and the dataset $dataset stands for; ':params clear [NAME ...]' removes them"),
    (":write on|off", "allow statements that write (asks first), or go back to read-only"),
    (":dataset NAME", "the dataset $dataset stands for (alone: show it and the loaded ones)"),
    (":format FMT", f"output format: {', '.join(FORMATS)}"),
    (":schema", "the level model, and the labels, relationship types and property keys of the dataset"),
    (":queries", "the named queries, with their parameters"),
    (":run NAME [NAME=VALUE ...]", "run a named query (extra parameters for this run only)"),
    (":help", "this list"),
    (":exit", "leave (Ctrl-D does too; Ctrl-C drops the statement being typed)"),
)
COMMANDS = tuple(h[0].split()[0] for h in HELP[1:]) + (":quit",)


def history_path() -> Path:
    """Where the shell keeps its history: ``$XDG_STATE_HOME/cascade/history``."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "cascade" / "history"


def _key_bindings() -> KeyBindings:
    keys = KeyBindings()

    @keys.add("enter")
    def _enter(event):
        buffer = event.current_buffer
        text = buffer.text
        if not text.strip() or text.lstrip().startswith(":") or complete(text):
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    @keys.add("escape", "enter")
    def _run_as_is(event):
        event.current_buffer.validate_and_handle()

    return keys


class Shell:
    """A read–run–print loop on one :class:`Explorer`."""

    def __init__(self, explorer: Explorer, fmt: str, out: Console, params: dict | None = None,
                 dirs: list[Path] | None = None, history: Path | None = None):
        self.explorer, self.fmt, self.out = explorer, fmt, out
        self.params = dict(params or {})
        self.dirs = list(dirs or [])
        self.history = history or history_path()
        self.schema = Schema()
        self.ask = input   # how :write on asks; the loop replaces it with its own prompt

    # -- the loop ----------------------------------------------------------

    def loop(self) -> None:
        self.history.parent.mkdir(parents=True, exist_ok=True)
        session = PromptSession(
            history=FileHistory(str(self.history)), completer=CypherCompleter(self.words), complete_while_typing=False,
            multiline=True, key_bindings=_key_bindings(), prompt_continuation=lambda width, *_: "…".rjust(width - 1) + " ",
        )
        self.ask = prompt   # a prompt of its own: Enter answers, whatever was typed
        self._greet()
        while True:
            try:
                text = session.prompt(self.prompt())
            except KeyboardInterrupt:
                continue
            except EOFError:
                break
            if not self.handle(text):
                break

    def prompt(self) -> str:
        return f"cascade {self._dataset() or '-'}> "

    def _greet(self) -> None:
        mode = self._mode() + ("" if self.explorer.write else " (:write on allows writes)")
        self.out.print(f"Connected to {escape(self.explorer.where)}, {mode}. "
                       "End statements with ';'. :help for commands, :schema for what to query.", highlight=False)
        self._refresh_schema()

    def handle(self, text: str) -> bool:
        """Run what was typed; False when the shell should end."""
        stripped = text.strip()
        try:
            if stripped.startswith(":"):
                return self.command(stripped)
            for statement in split(text):
                self._show(self.explorer.run(statement.text, self.params, line=statement.line))
        except KeyboardInterrupt:
            self.out.print("[yellow]interrupted[/]")
        except Exception as exc:
            if report(exc, self.out) is None:
                raise
        return True

    def _show(self, result: Result, notes: bool = True) -> None:
        printer = Printer(self.fmt, self.out, self.out if notes else None)
        printer.add(result)
        printer.close()

    # -- commands ----------------------------------------------------------

    def command(self, line: str) -> bool:
        name, _, rest = line.partition(" ")
        rest = rest.strip()
        if name in (":exit", ":quit"):
            return False
        handler = {
            ":help": self._help, ":param": self._param, ":params": self._params, ":dataset": self._set_dataset,
            ":write": self._write,
            ":format": self._format, ":schema": self._schema, ":queries": self._queries, ":run": self._run,
        }.get(name)
        if handler is None:
            self.out.print(f"[red]unknown command[/] {escape(name)}; :help lists them")
        else:
            handler(rest)
        return True

    def _help(self, _: str) -> None:
        self.out.print(rich_table(["command", "what it does"], [list(h) for h in HELP]))

    def _param(self, rest: str) -> None:
        """cypher-shell's ``:param name => expression`` and ``:param {map}``, or ``:param name=value``."""
        if not rest:
            raise UsageError(f"usage: :param {FORMS}")
        self.params.update(self.explorer.evaluated({**self.params, **parse_params([rest])}))
        self._params("")

    def _params(self, rest: str) -> None:
        words = rest.split()
        if words and words[0] == "clear":
            for name in words[1:] or list(self.params):
                self.params.pop(name.strip("`$"), None)
        elif words:
            raise UsageError("usage: :params, or :params clear [NAME ...]")
        self.out.print(as_json({"dataset": self._dataset(), **{k: to_json(v) for k, v in self.params.items()}}),
                       highlight=False, markup=False)

    def _write(self, rest: str) -> None:
        """``:write on`` asks, as ``--write`` is a deliberate choice; ``:write off`` goes back to read-only."""
        if rest == "off":
            self.explorer.write = False
        elif rest != "on":
            raise UsageError("usage: :write on, or :write off")
        elif not self.explorer.write:
            answer = self.ask(f"Allow statements that write, change the schema or reach outside the database on "
                              f"{self.explorer.where}? They run as typed, with no undo. [y/N] ")
            self.explorer.write = answer.strip().lower() in ("y", "yes", "ya")
        self.out.print(f"now {self._mode()}", highlight=False)

    def _mode(self) -> str:
        return "[bold yellow]writes allowed[/]" if self.explorer.write else "read-only"

    def _set_dataset(self, rest: str) -> None:
        loaded = self.explorer.loaded(refresh=True)
        if rest:
            self.explorer.dataset = rest
            if rest not in loaded:
                self.out.print(f"[yellow]note[/]: no dataset {escape(rest)!r} is loaded (loaded: {escape(', '.join(loaded)) or 'none'})")
            self._refresh_schema()
        self.out.print(f"dataset: {escape(self._dataset() or '-')}; loaded: {escape(', '.join(loaded)) or 'none'}", highlight=False)

    def _format(self, rest: str) -> None:
        if rest not in FORMATS:
            raise UsageError(f"usage: :format FMT, one of {', '.join(FORMATS)}")
        self.fmt = rest

    def _schema(self, _: str) -> None:
        self._refresh_schema()
        print_schema(self.schema, self.out)

    def _queries(self, _: str) -> None:
        self._show(listing(named_queries(self.dirs)), notes=False)

    def _run(self, rest: str) -> None:
        words = shlex.split(rest)
        if not words:
            raise UsageError("usage: :run NAME [NAME=VALUE ...]")
        named = find(words[0], self.dirs)
        extra = self.explorer.evaluated({**self.params, **parse_params(words[1:])})
        self._show(self.explorer.run(named.query.text, extra))

    # -- what completion and the prompt need --------------------------------

    def _dataset(self) -> str | None:
        try:
            return self.explorer.current_dataset()
        except (MissingParameter, UnknownDataset):  # none chosen and several or none loaded; a name not loaded
            return self.explorer.dataset

    def _refresh_schema(self) -> None:
        dataset = self._dataset()
        try:
            self.schema = read_schema(self.explorer, dataset) if dataset else Schema()
        except Exception as exc:
            if report(exc, self.out) is None:
                raise
            self.schema = Schema()

    def words(self) -> dict[str, list[str]]:
        return {
            **self.schema.words(),
            "params": sorted({"dataset", *self.params}),
            "commands": list(COMMANDS),
            ":run": sorted(named_queries(self.dirs)),
            ":format": list(FORMATS),
            ":dataset": self.explorer.loaded(),
        }
