"""Structural findings on a loaded cascade: what is legal but worth a planner's look.

Load errors (duplicate ids, unknown parents, …) never reach a store; they stop
the read (see :mod:`cascade.sources.assemble`). What a store can still show is
listed here, with one wording shared by both stores:

* ``level-skip`` — a link that jumps a level that is not optional (goal → program);
* ``no-parent`` — an element below the top level (the vision) with no parent;
* ``unanchored`` — an element with parents but no top-level element above it;
* ``no-children`` — an element above the lowest level with nothing below.

Levels come from the cascade's schema (:mod:`cascade.levels`).
"""

from __future__ import annotations

from typing import Iterable

from .analysis import sort_key
from .levels import DEFAULT, Level, Schema
from .model import WARNING, Finding, Place

__all__ = ["structural_findings", "CODES"]

CODES = ("level-skip", "no-parent", "unanchored", "no-children")


def _message(code: str, element: str, lv: Level, other: str | None, other_lv: Level | None, schema: Schema) -> str:
    if code == "level-skip":
        skipped = ", ".join(x.name for x in schema.between(other_lv, lv) if not x.optional)
        return f"link {other} ({other_lv.name}) → {element} ({lv.name}) skips {skipped}"
    if code == "no-parent":
        return f"{lv.name} {element} has no parent: nothing above it in the cascade"
    if code == "unanchored":
        return f"{lv.name} {element} does not lead up to any {schema.top.name}"
    if code == "no-children":
        return f"{lv.name} {element} has nothing below it (no {schema[lv.index + 1].name} or lower)"
    raise ValueError(code)


def structural_findings(
    rows: Iterable[tuple[str, str, "str | Level", str | None, "str | Level | None"]],
    places: dict[str, Place] | None = None,
    schema: Schema = DEFAULT,
) -> list[Finding]:
    """Findings from raw rows ``(code, element id, level, other id, other level)``.

    ``other`` is the parent of a ``level-skip`` link. Ordered by level, id, code.
    """
    places = places or {}
    out = []
    for code, element, lv, other, other_lv in rows:
        lv = schema.level(lv)
        other_lv = schema.level(other_lv) if other_lv is not None else None
        finding = Finding(WARNING, code, _message(code, element, lv, other, other_lv, schema), places.get(element), element)
        out.append((sort_key(lv, element), CODES.index(code), other or "", finding))
    out.sort(key=lambda t: t[:3])
    return [t[3] for t in out]
