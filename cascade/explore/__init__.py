"""Ad-hoc Cypher on a loaded cascade, safe by default.

* :class:`Explorer` (:mod:`.runner`) runs statements read-only (EXPLAIN first,
  then a READ transaction), with a timeout, values as parameters only;
* :mod:`.statements` splits files on ``;`` and finds the ``$parameters``;
* :mod:`.params` reads ``--param name=value`` and ``--params FILE``;
* :mod:`.values` and :mod:`.output` print results for people and programs;
* :mod:`.queries` finds named queries (analyses, the exploration library in
  ``cypher/explore/``, the user's own directories);
* :mod:`.shell` is the interactive shell of ``cascade cypher``.

Names are imported on first use, so ``cascade`` commands that never explore
do not pay for loading the Neo4j driver.
"""

from __future__ import annotations

import importlib

#: ``verbose`` and ``plain`` are cypher-shell's names (a table; ``col, col`` lines of Cypher literals),
#: ``auto`` its default: verbose on a terminal, plain otherwise.
FORMATS = ("table", "verbose", "plain", "auto", "json", "jsonl", "csv", "md")
DEFAULT_TIMEOUT = 60.0

_HOMES = {
    "errors": ("CypherError", "MissingParameter", "QueryTimeout", "Refused", "UnknownNamedQuery", "problem", "report"),
    "output": ("Printer",),
    "params": ("parse_param", "parse_params", "parse_value", "read_params"),
    "queries": ("NamedQuery", "find", "listing", "named_queries", "user_dirs"),
    "runner": ("Explorer", "Result"),
    "statements": ("Statement", "split"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = ["FORMATS", "DEFAULT_TIMEOUT", *_HOME]


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
