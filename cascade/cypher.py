"""The Cypher statements cascade runs, read by name from the ``cypher/`` folder.

Every statement is one ``.cypher`` file whose header says what it answers::

    // name: orphans
    // description: Elements of $level with no ancestor at $anchor; where each chain breaks.
    // params: dataset (string), level (string, English level name), anchor (string)
    // columns: id, name, level, opd, reached, break_at
    // mode: read

A statement cascade runs for its own bookkeeping (listing datasets, reading
an element) says ``// internal: yes``; ``cascade query --list`` leaves those out.
Python code refers to statements by name only (:func:`statement`), so adding a
query never touches the engine. :func:`defaults` gives the parameters that come
from the dataset's level schema (:mod:`cascade.levels`: the level ranks and
labels, the levels that are not optional, and the levels playing each role;
headers mark them "from cascade.levels"), so a named query
runs with only the user's own values.

>>> query("trace_down").columns
('source', 'id', 'name', 'level', 'opd')
>>> query("orphans").mode
'read'
>>> defaults()["rank"]["strategy"]
3
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .errors import UsageError
from .levels import DEFAULT, Schema
from .resources import cypher_dir

__all__ = ["Query", "Param", "MODES", "UnknownQuery", "parse", "query", "statement", "catalog", "defaults"]

MODES = ("read", "write", "schema")
_HEADER = re.compile(r"^//\s*(name|description|params|columns|mode|internal)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^\s*(\w+)\s*(?:\((.*)\))?\s*$")


@dataclass(frozen=True)
class Param:
    """One parameter a statement takes, with the note from its header."""

    name: str
    note: str = ""


@dataclass(frozen=True)
class Query:
    """One statement from ``cypher/``: its header, parsed, and its text."""

    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    mode: str
    text: str
    internal: bool = False

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)


class UnknownQuery(KeyError):
    """A statement name with no file in ``cypher/``."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"no query named {self.name!r}; known: {', '.join(q.name for q in catalog())}"


def _split_top(text: str) -> list[str]:
    """Split on commas outside parentheses: ``a (x, y), b`` → ``['a (x, y)', 'b']``."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _params(text: str) -> tuple[Param, ...]:
    if text.strip().lower() in ("", "none"):
        return ()
    out = []
    for part in _split_top(text):
        m = _PARAM.match(part)
        if not m:
            raise UsageError(f"bad parameter {part!r} in a cypher header")
        out.append(Param(m.group(1), (m.group(2) or "").strip()))
    return tuple(out)


def parse(text: str, source: str = "<text>") -> Query:
    """A Query from a file's text; the header must give name, description and mode."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m and m.group(1) not in header:
            header[m.group(1)] = m.group(2)
    missing = [k for k in ("name", "description", "mode") if k not in header]
    if missing:
        raise UsageError(f"{source}: header lacks {', '.join(missing)}")
    if header["mode"] not in MODES:
        raise UsageError(f"{source}: mode must be one of {', '.join(MODES)}, not {header['mode']!r}")
    columns = header.get("columns", "none")
    return Query(
        name=header["name"],
        description=header["description"],
        params=_params(header.get("params", "")),
        columns=() if columns.lower() == "none" else tuple(_split_top(columns)),
        mode=header["mode"],
        text=text,
        internal=header.get("internal", "no").lower() in ("yes", "true"),
    )


@cache
def _all() -> dict[str, Query]:
    found: dict[str, Query] = {}
    for path in sorted(cypher_dir().glob("*.cypher")):
        q = parse(path.read_text(encoding="utf-8"), str(path))
        if q.name != path.stem:
            raise UsageError(f"{path}: header name {q.name!r} differs from the file name")
        found[q.name] = q
    return found


def catalog() -> list[Query]:
    """Every statement, by name."""
    return list(_all().values())


def query(name: str) -> Query:
    """The statement called ``name``; raises :class:`UnknownQuery`."""
    try:
        return _all()[name]
    except KeyError:
        raise UnknownQuery(name) from None


def statement(name: str) -> str:
    """The Cypher text of the statement called ``name``."""
    return query(name).text


@cache
def _defaults(schema: Schema) -> tuple[tuple[str, object], ...]:
    return (
        ("rank", {lv.name: lv.index for lv in schema}),
        ("labels", [lv.label for lv in schema]),
        ("mandatory", schema.mandatory()),
        ("top", schema.top.name),
        ("strategy", schema.strategy.name),
        ("process", schema.process.name),
        ("application", schema.application.name),
        # how cascade splits an analysis over parallel sessions; one piece, the whole, by default
        ("slice", 0), ("slices", 1), ("branch", "all"),
    )


def defaults(schema: Schema = DEFAULT) -> dict[str, object]:
    """Parameters that come from the level schema (and the defaults of how cascade splits an analysis
    over parallel sessions: ``slice``, ``slices``, ``branch``), never from a user (a fresh copy)."""
    return {k: (v.copy() if isinstance(v, (dict, list)) else v) for k, v in _defaults(schema)}
