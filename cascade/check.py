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

import copy
from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np

from .levels import DEFAULT, Level, Schema
from .model import WARNING, Finding, Place

__all__ = ["structural_findings", "Findings", "CODES", "message_in"]

CODES = ("level-skip", "no-parent", "unanchored", "no-children")


#: The structural messages, by language: the element's level, the element, the other end's level, the other
#: end, the levels skipped, the top level and the level below (level names as the language says them).
_SAID = {
    "en": {
        "level-skip": "link {other} ({other_lv}) → {element} ({lv}) skips {skipped}",
        "no-parent": "{lv} {element} has no parent: nothing above it in the cascade",
        "unanchored": "{lv} {element} does not lead up to any {top}",
        "no-children": "{lv} {element} has nothing below it (no {below} or lower)",
    },
    "id": {
        "level-skip": "tautan {other} ({other_lv}) → {element} ({lv}) melompati {skipped}",
        "no-parent": "{lv} {element} tidak punya induk: tidak ada apa pun di atasnya dalam cascade",
        "unanchored": "{lv} {element} tidak tersambung ke {top} mana pun",
        "no-children": "{lv} {element} tidak punya apa pun di bawahnya (tidak ada {below} atau yang lebih rendah)",
    },
}


def _message(code: str, element: str, lv: Level, other: str | None, other_lv: Level | None, schema: Schema,
             lang: str = "en") -> str:
    said = _SAID[lang][code]
    name = (lambda x: x.name) if lang == "en" else (lambda x: x.title(lang).lower())
    skipped = ", ".join(map(name, schema.skipped(other_lv, lv))) if other_lv else ""
    below = name(schema[lv.index + 1]) if lv.index + 1 < len(schema) else ""
    return said.format(element=element, lv=name(lv), other=other, other_lv=name(other_lv) if other_lv else "",
                       skipped=skipped, top=name(schema.top), below=below)


def message_in(finding: Finding, lang: str, schema: Schema, level_of: Callable[[str], "Level | None"]) -> str:
    """A structural finding's message in ``lang`` (``en`` or ``id``), given each element's level;
    any other finding's message as it was made.

    >>> from cascade.levels import DEFAULT
    >>> f = Finding("warning", "no-parent", "program G has no parent: …", element="G")
    >>> message_in(f, "id", DEFAULT, lambda i: DEFAULT.level("program"))
    'program G tidak punya induk: tidak ada apa pun di atasnya dalam cascade'
    """
    if lang == "en" or finding.code not in CODES or finding.element is None or lang not in _SAID:
        return finding.message
    lv = level_of(finding.element)
    other_lv = level_of(finding.other) if finding.other else None
    if lv is None or (finding.code == "level-skip" and other_lv is None):
        return finding.message
    return _message(finding.code, finding.element, lv, finding.other, other_lv, schema, lang)


def structural_findings(
    rows: Iterable[tuple[str, str, "str | Level", str | None, "str | Level | None"]],
    places: dict[str, Place] | None = None,
    schema: Schema = DEFAULT,
) -> "Findings":
    """Findings from raw rows ``(code, element id, level, other id, other level)``.

    ``other`` is the parent of a ``level-skip`` link. Ordered by level, source row (from ``places``), id, code.
    """
    rows = list(rows)
    columns = list(zip(*rows)) if rows else ((), (), (), (), ())
    code, element, level, other, other_level = columns
    places = places or {}
    rows_of = [(p.row or 0) if (p := places.get(e)) is not None else 0 for e in element]
    return Findings(np.array([CODES.index(c) for c in code], dtype=np.int8), list(element),
                    np.array([schema.level(lv).index for lv in level], dtype=np.int64),
                    list(other), [None if lv is None else schema.level(lv).index for lv in other_level],
                    schema, places.get, position=np.array(rows_of, dtype=np.int64))


class Findings(Sequence[Finding]):
    """Structural findings held as columns; each :class:`Finding` (and its message) is made when read.

    A national cascade can have a hundred thousand warnings: the sets, counts
    and order are computed at once, in arrays, and a command that shows the
    first hundred formats a hundred messages. Findings read before (a
    source's own, ``head``) come first; ``list + findings`` keeps it lazy.

    >>> import cascade
    >>> c = cascade.from_records({"vision": [{"id": "V", "name": "v"}],
    ...                           "program": [{"id": "G", "name": "g", "parent": "V"}]})
    >>> findings = cascade.findings(c)
    >>> findings.counts()
    {('warning', 'level-skip'): 1, ('warning', 'no-children'): 1}
    >>> print(findings[0].message)
    link V (vision) → G (program) skips mission, goal, strategy
    """

    __slots__ = ("_head", "_code", "_element", "_level", "_other", "_other_level", "_schema", "_place_of")

    def __init__(self, code: np.ndarray, element: list[str], level: np.ndarray, other: list[str | None],
                 other_level: list[int | None], schema: Schema, place_of: Callable[[str], Place | None] = lambda _: None,
                 head: Sequence[Finding] = (), position: np.ndarray | None = None):
        # ordered as the planner reads the source: by level, the element's position there (``position``:
        # its row, or its order of reading), id, code, then the other end (a level-skip's parent)
        keys = (np.array([o or "" for o in other], dtype=str), code, np.array(element, dtype=str), level)
        if position is not None:
            keys = (*keys[:3], position, level)
        order = np.lexsort(keys) if len(element) else np.empty(0, dtype=np.int64)
        pick = order.tolist()
        self._code, self._level = code[order], level[order]
        self._element = [element[i] for i in pick]
        self._other = [other[i] for i in pick]
        self._other_level = [other_level[i] for i in pick]
        self._schema, self._place_of, self._head = schema, place_of, tuple(head)

    @classmethod
    def of(cls, findings: Sequence[Finding], schema: Schema = DEFAULT) -> Findings:
        """Findings already made (a source's errors), as a :class:`Findings`."""
        return cls(np.empty(0, dtype=np.int8), [], np.empty(0, dtype=np.int64), [], [], schema, head=findings)

    def __len__(self) -> int:
        return len(self._head) + len(self._element)

    def _make(self, k: int) -> Finding:
        schema, element = self._schema, self._element[k]
        code, lv = CODES[self._code[k]], schema[int(self._level[k])]
        other, other_lv = self._other[k], self._other_level[k]
        other_lv = schema[other_lv] if other_lv is not None else None
        return Finding(WARNING, code, _message(code, element, lv, other, other_lv, schema), self._place_of(element), element,
                       other)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        n, head = len(self), len(self._head)
        if not -n <= k < n:
            raise IndexError(k)
        k %= n
        return self._head[k] if k < head else self._make(k - head)

    def __iter__(self) -> Iterator[Finding]:
        yield from self._head
        for k in range(len(self._element)):
            yield self._make(k)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    def __radd__(self, head: list[Finding]) -> Findings:
        out = copy.copy(self)
        out._head = (*head, *self._head)
        return out

    def __repr__(self) -> str:
        return f"<Findings: {len(self)}>"

    def counts(self) -> dict[tuple[str, str], int]:
        """How many findings of each (severity, code), without making them."""
        out: dict[tuple[str, str], int] = {}
        for f in self._head:
            out[(f.severity, f.code)] = out.get((f.severity, f.code), 0) + 1
        for c, k in enumerate(np.bincount(self._code, minlength=len(CODES)).tolist()):
            if k:
                out[(WARNING, CODES[c])] = out.get((WARNING, CODES[c]), 0) + k
        return out
