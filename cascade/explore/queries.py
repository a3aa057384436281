"""Named queries: the analyses in ``cypher/``, the exploration library in
``cypher/explore/``, and the user's own directories of ``.cypher`` files.

Every file has the header of :mod:`cascade.cypher` (name, description, params,
columns, mode), its name is its file name, and a later source wins over an
earlier one with the same name, so a user can replace a shipped query.
The user's directories come from ``--queries DIR`` or ``$CASCADE_QUERIES``
(several separated by ``:``, or ``;`` on Windows).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .. import cypher
from ..errors import UsageError
from ..resources import cypher_dir
from .errors import UnknownNamedQuery
from .runner import Result

__all__ = ["NamedQuery", "named_queries", "find", "listing", "user_dirs", "ANALYSIS", "EXPLORE", "ENV"]

ANALYSIS, EXPLORE = "analysis", "explore"
ENV = "CASCADE_QUERIES"


@dataclass(frozen=True)
class NamedQuery:
    """A query runnable by name, and where it comes from (analysis, explore, or the user's directory)."""

    query: cypher.Query
    origin: str

    @property
    def name(self) -> str:
        return self.query.name


def user_dirs(option: Path | None = None) -> list[Path]:
    """The user's query directories: the option, else ``$CASCADE_QUERIES``."""
    if option is not None:
        return [Path(option)]
    return [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]


def _read_dir(folder: Path) -> list[cypher.Query]:
    if not folder.is_dir():
        raise UsageError(f"no query directory {str(folder)!r}")
    found = []
    for path in sorted(folder.glob("*.cypher")):
        q = cypher.parse(path.read_text(encoding="utf-8"), str(path))
        if q.name != path.stem:
            raise UsageError(f"{path}: header name {q.name!r} differs from the file name")
        found.append(q)
    return found


def named_queries(dirs: Sequence[Path] = ()) -> dict[str, NamedQuery]:
    """Every named query by name: the read-only analyses (not cascade's internal statements), the
    exploration library, then ``dirs``."""
    found = {q.name: NamedQuery(q, ANALYSIS) for q in cypher.catalog() if q.mode == "read" and not q.internal}
    sources = [(cypher_dir() / EXPLORE, EXPLORE), *((Path(d), str(d)) for d in dirs)]
    for folder, origin in sources:
        found.update((q.name, NamedQuery(q, origin)) for q in _read_dir(folder))
    return found


def find(name: str, dirs: Sequence[Path] = ()) -> NamedQuery:
    """The named query ``name``; raises :class:`UnknownNamedQuery` listing the known ones."""
    known = named_queries(dirs)
    if name not in known:
        raise UnknownNamedQuery(f"no query named {name!r}; known: {', '.join(sorted(known))} (cascade query --list)")
    return known[name]


def _param(p: cypher.Param) -> str:
    return f"{p.name} ({p.note})" if p.note else p.name


def listing(known: dict[str, NamedQuery]) -> Result:
    """The named queries as rows (the user's own first, then the exploration library, then the analyses):
    name, origin, description, the parameters to give.

    Parameters that come from :mod:`cascade.levels` are filled in and not listed.
    """
    automatic = set(cypher.defaults())
    rows = [
        [q.name, q.origin, q.query.description, "; ".join(_param(p) for p in q.query.params if p.name not in automatic)]
        for q in sorted(known.values(), key=lambda q: (q.origin == ANALYSIS, q.origin == EXPLORE, q.origin, q.name))
    ]
    return Result("", ["name", "from", "description", "parameters"], rows)
