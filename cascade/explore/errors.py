"""What can go wrong with an ad-hoc query, as messages a user can act on.

Each problem is either the user's (``input``: a syntax error, a refused write,
a missing parameter — exit 2 on the command line) or the database's
(``database``: unreachable, or the query ran out of time — exit 3).
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape

from ..errors import UsageError
from ..stores.base import DatabaseUnavailable as BaseUnavailable
from ..stores.base import DatabaseUnavailable, UnknownDataset
from .guard import Refused

__all__ = ["CypherError", "QueryTimeout", "MissingParameter", "UnknownNamedQuery", "Refused", "problem", "report"]

_POSITION = re.compile(r"\s*\(line (\d+), column (\d+) \(offset: (\d+)\)\).*", re.DOTALL)


class CypherError(UsageError):
    """The server would not run a statement (syntax, unknown procedure, wrong type…): its message and where."""

    def __init__(self, message: str, statement: str = "", shift: int = 0, line: int = 1):
        found = _POSITION.search(message)
        self.message = _POSITION.sub("", message).strip() if found else message.strip()
        self.statement, self.where = statement, None
        if found and statement:
            offset = max(0, min(int(found.group(3)) - shift, len(statement)))
            row = statement.count("\n", 0, offset)
            column = offset - (statement.rfind("\n", 0, offset) + 1)
            self.where = (line + row, column + 1, statement.splitlines()[row] if statement.strip() else "")
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.where is None:
            return self.message
        line, column, source = self.where
        return f"{self.message}\n  at line {line}, column {column}:\n    {source}\n    {' ' * (column - 1)}^"


class QueryTimeout(Exception):
    """The server stopped a query that ran longer than allowed (not an OSError: the connection is fine)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        limit = f"within {seconds:g} s" if seconds else "within the server's transaction timeout"
        super().__init__(f"the query did not finish {limit} and was stopped; allow longer with --timeout SECONDS")


class MissingParameter(UsageError):
    """A statement uses ``$name`` and no value was given."""


class UnknownNamedQuery(UsageError):
    """A query name with no file among the named queries."""


def problem(exc: BaseException) -> tuple[str, str] | None:
    """(kind, heading) for an error this package explains: kind ``input`` or ``database``; else None."""
    if isinstance(exc, QueryTimeout):
        return "database", "timeout"
    if isinstance(exc, (DatabaseUnavailable, BaseUnavailable)):
        return "database", "database unavailable"
    if isinstance(exc, Refused):
        return "input", "refused"
    if isinstance(exc, (UnknownDataset, ValueError)):
        return "input", "error"
    return None


def report(exc: BaseException, console: Console) -> str | None:
    """Print an error this package explains (heading: message) and return its kind; None: not ours."""
    found = problem(exc)
    if found is not None:
        console.print(f"[bold red]{found[1]}[/]: {escape(str(exc))}", highlight=False)
    return found and found[0]
