"""Turn a reader's tables into a validated :class:`~cascade.model.Cascade`.

Every load error DESIGN.md lists is found here, each with its place; when any
exists the result is :class:`~cascade.model.InvalidCascade` and nothing is
returned to load or analyse.
"""

from __future__ import annotations

from ..levels import LEVELS
from ..model import ERROR, Cascade, Element, Finding, InvalidCascade, Place
from .columns import ELEMENT_COLUMNS, LINK_COLUMNS, canonical_column, cell_text, split_parents
from .tables import SourceTables, Table

__all__ = ["assemble"]

_LEVEL_NAMES = ", ".join(f"{lv.aliases[0].title()} ({lv.name})" for lv in LEVELS)


def assemble(found: SourceTables, name: str, shown: str, source=None) -> Cascade:
    """Validate tables into a Cascade; raise InvalidCascade listing every error."""
    findings = list(found.findings)
    elements: dict[str, Element] = {}
    refs: list[tuple[str, str, Place]] = []  # (parent id, child id, where the link was written)
    link_tables = []
    for table in found.tables:
        if table.level is None:
            link_tables.append(table)
        else:
            _read_elements(table, elements, refs, findings)
    for table in link_tables:
        _read_links(table, refs, findings)
    if not any(t.level is not None for t in found.tables) and not any(f.severity == ERROR for f in findings):
        findings.append(
            Finding(ERROR, "no-levels", f"no level sheet or file found; expected sheets or files named {_LEVEL_NAMES}", Place(shown))
        )
    links = _resolve_links(refs, elements, findings)
    if any(f.severity == ERROR for f in findings):
        raise InvalidCascade(findings)
    return Cascade(name=name, elements=elements, links=links, findings=findings, source=source)


def _columns(table: Table, wanted: dict, findings: list[Finding]) -> dict[str, int] | None:
    """Map canonical column → position; report missing required columns."""
    if not table.header or not any(cell_text(h) for h in table.header):
        findings.append(Finding(ERROR, "no-header", "the first row must be a header (Kode, Uraian, Induk, …)", _at(table, 1)))
        return None
    positions: dict[str, int] = {}
    for pos, header in enumerate(table.header):
        canonical = canonical_column(cell_text(header), wanted)
        if canonical and canonical not in positions:
            positions[canonical] = pos
    required = ("id", "name") if table.level is not None else ("parent", "child")
    missing = [c for c in required if c not in positions]
    if missing:
        accepted = "; ".join(f"{c}: {', '.join(wanted[c])}" for c in missing)
        findings.append(
            Finding(ERROR, "missing-column", f"no {' or '.join(missing)} column in the header (accepted names — {accepted})", _at(table, 1))
        )
        return None
    return positions


def _read_elements(table: Table, elements: dict, refs: list, findings: list[Finding]) -> None:
    cols = _columns(table, ELEMENT_COLUMNS, findings)
    if cols is None:
        return
    level = table.level
    id_at, name_at = cols["id"], cols["name"]
    parent_at, opd_at = cols.get("parent"), cols.get("opd")
    attr_at = [
        (pos, cell_text(h))
        for pos, h in enumerate(table.header)
        if pos not in cols.values() and cell_text(h)
    ]
    file, sheet = table.place.file, table.place.sheet
    for row, cells in table.rows:
        if not any(c is not None and cell_text(c) for c in cells):
            continue
        cells = list(cells) + [None] * (len(table.header) - len(cells))
        place = Place(file, sheet, row)
        element_id = cell_text(cells[id_at])
        name = cell_text(cells[name_at])
        if not element_id:
            findings.append(Finding(ERROR, "missing-id", f"{level.name} {name!r} has no id (Kode)", place))
            continue
        if not name:
            findings.append(Finding(ERROR, "missing-name", f"{level.name} {element_id} has no name (Uraian/Nama)", place, element_id))
        first = elements.get(element_id)
        if first is not None:
            findings.append(
                Finding(ERROR, "duplicate-id", f"id {element_id} is used twice; first at {first.place} — give each element its own code", place, element_id)
            )
            continue
        attrs = {key: text for pos, key in attr_at if pos < len(cells) and (text := cell_text(cells[pos]))}
        opd = cell_text(cells[opd_at]) if opd_at is not None else ""
        elements[element_id] = Element(element_id, name, level, opd or None, attrs, place)
        if parent_at is not None:
            for parent in split_parents(cells[parent_at]):
                refs.append((parent, element_id, place))


def _read_links(table: Table, refs: list, findings: list[Finding]) -> None:
    cols = _columns(table, LINK_COLUMNS, findings)
    if cols is None:
        return
    for row, cells in table.rows:
        if not any(c is not None and cell_text(c) for c in cells):
            continue
        cells = list(cells) + [None] * (len(table.header) - len(cells))
        place = Place(table.place.file, table.place.sheet, row)
        parents, children = split_parents(cells[cols["parent"]]), split_parents(cells[cols["child"]])
        if not parents or not children:
            findings.append(Finding(ERROR, "incomplete-link", "a link needs both a parent and a child id", place))
        for parent in parents:
            for child in children:
                refs.append((parent, child, place))


def _resolve_links(refs, elements, findings) -> list[tuple[str, str]]:
    links: dict[tuple[str, str], None] = {}
    for parent, child, place in refs:
        child_el = elements.get(child)
        parent_el = elements.get(parent)
        if child_el is None:
            findings.append(Finding(ERROR, "unknown-child", f"link to {child}, which is not an element of any level sheet", place, child))
            continue
        if parent_el is None:
            findings.append(
                Finding(ERROR, "unknown-parent", f"parent {parent} of {child} does not exist — check the code or add it to its level sheet", place, child)
            )
            continue
        if parent_el.level.index >= child_el.level.index:
            how = "itself" if parent == child else f"{parent} ({parent_el.level.name})"
            findings.append(
                Finding(
                    ERROR,
                    "upward-link",
                    f"{child} ({child_el.level.name}) is linked under {how}; a parent must be at a higher level",
                    place,
                    child,
                )
            )
            continue
        links[(parent, child)] = None
    return list(links)


def _at(table: Table, row: int) -> Place:
    return Place(table.place.file, table.place.sheet, row)
