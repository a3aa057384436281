"""Links that a source writes by name, resolved once every part of it is read.

A sheet may name an element that another sheet defines: the Strategic /
Tactical / Operational columns of an SPBE process sheet name the nodes of the
pohon kinerja list, an application inventory names the processes it serves.
Such a cell has no code, so the reader gave it an id from its text
(:func:`~.records.derived_id`); here it is matched, by level and by name
(spaces and case ignored), against the elements other parts define:

* one match — the links go to that element, and the name is not a second element;
* no match, or several — a **warning** at the cell's row, and no link, so what
  hangs below it shows up in the analyses (an unknown *code* stays an error).

Then an application named beside a node above the process level (the SPBE
application sheet) serves the processes that hang under that same node.
"""

from __future__ import annotations

from ..levels import Schema
from ..model import WARNING, Finding, Place
from .columns import shown
from .records import Gathered, same_text

__all__ = ["resolve_names"]


def resolve_names(parts: list[Gathered], schema: Schema) -> list[Finding]:
    """Resolve every by-name element of ``parts`` in place; the warnings it gave."""
    findings: list[Finding] = []
    # only the levels some part names by text can be resolved, and only when another part defines them
    named = {part.elements[i].level.index for part in parts for i in part.derived} if len(parts) > 1 else set()
    defined: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for k, part in enumerate(parts if named else ()):
        for e in part.elements.values():
            if e.level.index in named and e.id not in part.derived and not e.ref:
                defined.setdefault((e.level.index, same_text(e.name)), []).append((k, e.id))
    owners: dict[int, set[int]] = {}   # level index → the parts that define elements of it
    for (lv, _), found in defined.items():
        owners.setdefault(lv, set()).update(owner for owner, _ in found)
    for k, part in enumerate(parts):
        redirect: dict[str, str] = {}
        dropped: set[str] = set()
        for element_id in sorted(part.derived):
            e = part.elements[element_id]
            if not owners.get(e.level.index, set()) - {k}:
                continue   # no other part defines this level: this part's names are its elements
            matches = [i for owner, i in defined.get((e.level.index, same_text(e.name)), []) if owner != k]
            if len(matches) == 1:
                redirect[element_id] = matches[0]
                continue
            dropped.add(element_id)
            how = "no" if not matches else f"{len(matches)}"
            findings.append(Finding(
                WARNING, "unknown-name",
                f"{e.level.name} {shown(e.name)!r} matches {how} {e.level.name} of the rest of the source by name"
                f"{' (' + ', '.join(matches) + ')' if matches else ''}, so nothing is linked through it — check the spelling",
                Place(part.place.file, part.place.sheet, e.row)))
        for element_id in (*redirect, *dropped):
            del part.elements[element_id]
            part.derived.discard(element_id)
        if redirect or dropped:
            for e in part.elements.values():
                e.parents = {redirect.get(p, p): None for p in e.parents if p not in dropped}
    _serve_through_processes(parts, schema)
    return findings


def _serve_through_processes(parts: list[Gathered], schema: Schema) -> None:
    """Applications named beside a node serve the processes under that node (none: no link)."""
    if not any(part.beside_processes for part in parts):
        return
    process, application = schema.process, schema.application
    under: dict[str, list[str]] = {}
    for part in parts:
        for e in part.elements.values():
            if e.level == process and not e.ref:
                for parent in e.parents:
                    under.setdefault(parent, []).append(e.id)
    for part in parts:
        if not part.beside_processes:
            continue
        for e in part.elements.values():
            if e.level == application:
                e.parents = {p: None for parent in e.parents for p in under.get(parent, ())}
