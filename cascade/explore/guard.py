"""Read-only by default: what the server's plan says a statement would do.

Before an ad-hoc statement runs, cascade asks the server to ``EXPLAIN`` the
exact text (nothing runs; cascade never reads the text itself to decide) and
refuses it, unless writes were allowed, when

* the server reports it as a write or schema statement (``query_type`` other
  than ``r``) — a ``DETACH DELETE`` inside a ``CALL {}`` subquery or a
  ``FOREACH`` counts, the planner sees through both;
* its plan calls a procedure that is not on the read-only list
  (:data:`READ_PROCEDURES`: the graph's own labels, types, keys and schema) —
  ``dbms.*``, ``apoc.load.*`` and anything unknown are refused;
* it reaches outside the database (``LOAD CSV``) or administers the DBMS
  (administration commands, ``TERMINATE TRANSACTIONS``, ``SHOW`` of settings,
  transactions or anything but :data:`READ_SHOWS`);
* the server takes it for a ``PROFILE`` (which would run it before any check).

The statement then runs in a READ transaction as well, so a write the plan
did not show is still refused by the server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


from ..errors import UsageError

__all__ = ["Refused", "reasons", "operators"]

WRITES = {"w": "it writes to the graph", "rw": "it writes to the graph", "s": "it changes the schema or the DBMS"}
#: Procedures an ad-hoc read may call: what the graph itself holds (labels, types, keys, its schema).
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.info", "db.ping",
})
#: ``SHOW`` commands an ad-hoc read may run: this database's own indexes, constraints, procedures, functions.
READ_SHOWS = frozenset({"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"})
_ADMIN = {"AdministrationCommand", "TerminateTransactions"}
_WRITE_OPERATOR = re.compile(r"^(Create|Drop|Delete|DetachDelete|Merge|LockingMerge|Set|Remove|Foreach|Transaction(Foreach|Apply))")


class Refused(UsageError):
    """A statement refused without ``--write``: what it would do and how to allow it."""

    def __init__(self, why: list[str]):
        self.why = why
        super().__init__(
            "; ".join(why) + ". Ad-hoc Cypher is read-only unless you allow writes: "
            "to run it anyway, add --write (in the shell: :write on)"
        )


@dataclass(frozen=True)
class Operator:
    """One step of a plan: its type without the ``@database`` suffix, and its details."""

    name: str
    details: str


def operators(plan: dict | None) -> list[Operator]:
    """Every operator of a plan, depth first."""
    found, stack = [], [plan] if plan else []
    while stack:
        node = stack.pop()
        found.append(Operator(str(node.get("operatorType", "")).split("@")[0], str(node.get("args", {}).get("Details") or "")))
        stack.extend(reversed(node.get("children", [])))
    return found


def _procedure(op: Operator) -> str:
    return op.details.split("(")[0].strip() if op.name == "ProcedureCall" else ""


def reasons(query_type: str | None, plan: dict | None) -> list[str]:
    """Why a statement must not run read-only; empty when it may."""
    ops = operators(plan)
    why = []
    if any(op.name == "LoadCSV" for op in ops):
        why.append("LOAD CSV reads files or URLs outside the database")
    called = sorted({p for p in map(_procedure, ops) if p and p not in READ_PROCEDURES})
    for name in called:
        why.append(f"{name} is not a read-only procedure cascade allows (it may reach files, URLs or the DBMS)")
    if any(op.name in _ADMIN for op in ops):
        why.append("it is a DBMS administration command")
    shows = sorted({op.name for op in ops if op.name.startswith("Show") and op.name not in READ_SHOWS})
    if shows:
        why.append(f"it shows the DBMS's {', '.join(_shown(n) for n in shows)} (only indexes, constraints, "
                   "procedures and functions may be shown read-only)")
    if query_type in ("w", "rw") or (query_type == "s" and not why):
        writers = sorted({op.name for op in ops if _WRITE_OPERATOR.match(op.name)})
        why.insert(0, WRITES[query_type] + (f" ({', '.join(writers)})" if writers else ""))
    return why


def _shown(operator: str) -> str:
    """``ShowSettings`` → ``settings``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", operator.removeprefix("Show")).lower()
