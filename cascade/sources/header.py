"""Which column is which: the header row of a level or links table.

The header is the first non-empty row. A header cell that names a canonical
column (``Kode``, ``Uraian``, ``Induk``, ``Perangkat Daerah``, …; see
:mod:`cascade.sources.columns`) gives that column; the first such cell wins,
and a later one is an attribute like any other header.

**Attribute keys.** Every other non-blank header cell is an attribute, stored
under a key made from the header text by two mappings only:

* Unicode NFC normalisation, so that ``é`` typed on a Mac and on Windows is
  one key;
* every run of whitespace (spaces, tabs, line breaks from Alt+Enter,
  non-breaking spaces) becomes one space, and the ends are trimmed.

Everything else is kept exactly as typed: case, punctuation, quotes,
backticks, braces, ``//``, direction marks, any script. That is safe because
a key only ever travels as data (a key of a parameter map in Neo4j, a dict
key in memory), never inside query text. A header is an **error**, reported
at the header row with its column, when its key

* contains a control character (U+0000–U+001F, U+007F–U+009F): invisible in
  Excel, and Neo4j refuses NUL in a property name;
* is one of the properties cascade writes itself, :data:`RESERVED_KEYS`
  (in any case: ``Level`` would read as ``level`` to a person);
* repeats another column's header (in any case), so two values would fight
  for one property;
* is longer than :data:`MAX_KEY` characters (a paragraph, not a header).

The table is still read without that column, so the error is the only
message about it. A column with a blank header is ignored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..model import ERROR, Finding, Place
from .columns import canonical_column, cell_text, letters, shown
from .tables import Table

__all__ = ["Columns", "RESERVED_KEYS", "MAX_KEY", "attribute_key", "column_name", "read_header"]

#: Properties every element carries in a store; an attribute may not take these names.
RESERVED_KEYS = ("dataset", "version", "id", "name", "level", "opd", "place_file", "place_sheet", "place_row")

#: The longest header accepted for an attribute column, in characters.
MAX_KEY = 256


@dataclass
class Columns:
    """Where each canonical column is, and each attribute column with its key."""

    positions: dict[str, int]
    attributes: list[tuple[int, str]]


def attribute_key(header: object) -> str:
    """The key an attribute column is stored under (see the module docstring).

    >>> attribute_key("  Domain\\n  Layanan ")
    'Domain Layanan'
    >>> attribute_key("Cafe\\u0301 `x` {y} // z") == "Caf\\u00e9 `x` {y} // z"
    True
    """
    return " ".join(unicodedata.normalize("NFC", cell_text(header)).split())


def column_name(table: Table, pos: int) -> str:
    """A column as the planner finds it: ``column C "Uraian"`` (a YAML key: ``key "uraian"``)."""
    text = shown(table.header[pos]) if table.header and pos < len(table.header) else ""
    if not table.lettered:
        return f'key "{text}"'
    name = letters(pos)
    return f'column {name} "{text}"' if text else f"column {name}"


def read_header(table: Table, wanted: dict[str, tuple[str, ...]], findings: list[Finding]) -> Columns | None:
    """The table's columns, or None (with an error) when it cannot be read at all."""
    at = Place(table.place.file, table.place.sheet, table.header_row)
    texts = [cell_text(h) for h in table.header or ()]
    if not any(texts):
        findings.append(Finding(ERROR, "no-header", "the first row must be a header (Kode, Uraian, Induk, …)", at))
        return None
    positions: dict[str, int] = {}
    attributes: list[tuple[int, str]] = []
    for pos, text in enumerate(texts):
        canonical = canonical_column(text, wanted) if text else None
        if canonical and canonical not in positions:
            positions[canonical] = pos
        elif text:
            attributes.append((pos, attribute_key(text)))
    required = ("id", "name") if table.level is not None else ("parent", "child")
    missing = [c for c in required if c not in positions]
    if missing:
        accepted = "; ".join(f"{c}: {', '.join(wanted[c])}" for c in missing)
        findings.append(
            Finding(
                ERROR,
                "missing-column",
                f"no {' or '.join(missing)} column in the header, which must be the first row (accepted names — {accepted})",
                at,
            )
        )
        return None
    if table.level is None:
        return Columns(positions, [])
    return Columns(positions, _good_attributes(table, positions, attributes, at, findings))


def _good_attributes(table: Table, positions: dict[str, int], attributes, at: Place, findings: list[Finding]):
    """Attribute columns whose key follows the rule; an error for each other one."""
    seen = {cell_text(table.header[pos]).casefold(): pos for pos in positions.values()}
    good = []
    for pos, key in attributes:
        folded = key.casefold()
        problem = None
        if any(unicodedata.category(ch) == "Cc" for ch in key):
            bad = next(ch for ch in key if unicodedata.category(ch) == "Cc")
            problem = f"contains an invisible control character (U+{ord(bad):04X}); type the header again"
        elif folded in RESERVED_KEYS:
            problem = f"is a name cascade uses itself ({', '.join(RESERVED_KEYS)}); rename the column"
        elif folded in seen:
            problem = f"repeats the header of {column_name(table, seen[folded])}; give each column its own header"
        elif len(key) > MAX_KEY:
            problem = f"is {len(key):,} characters long; a header may have at most {MAX_KEY}"
        seen.setdefault(folded, pos)
        if problem:
            findings.append(Finding(ERROR, "bad-header", f"the header of {column_name(table, pos)} {problem}", at))
        else:
            good.append((pos, key))
    return good
