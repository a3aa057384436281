"""Column and cell conventions shared by every reader.

Planners write headers in Indonesian or English, with stray spaces and any
case; codes that look numeric come out of Excel as floats. This module turns
all of that into the canonical columns ``id``, ``name``, ``parent``, ``opd``
(plus attributes) and into clean strings.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

__all__ = [
    "ELEMENT_COLUMNS",
    "LINK_COLUMNS",
    "LINK_SHEETS",
    "MAX_CELL",
    "EXCEL_ERRORS",
    "REPORTED",
    "canonical_column",
    "cell_text",
    "shown_value",
    "letters",
    "cell_problem",
    "shown",
    "split_parents",
    "is_link_sheet",
]

#: Excel's own limit for one cell, in characters. A cell that reaches it is an
#: error rather than silently kept or cut: longer text cannot have been typed
#: into (or go back into) a workbook, and text that *reaches* the limit was cut
#: there already (Excel and openpyxl both cut longer cells to this length).
MAX_CELL = 32_767

#: What Excel shows in a cell whose formula failed. In any cell of a level or
#: links table (workbook, CSV export or YAML) it is an error: the value the
#: planner meant is not there.
EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!")
)


class _Reported:
    """A cell whose problem a reader or the row checks already reported: reads as empty."""

    __slots__ = ()

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "REPORTED"


#: Stands in for a cell already reported as an error, so that the row is still
#: read (its element exists, its links count) without a second message about it.
REPORTED = _Reported()

ELEMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "kode", "code"),
    "name": ("name", "nama", "uraian"),
    "parent": ("parent", "parents", "induk", "parent_id", "parent id"),
    "opd": ("opd", "perangkat daerah", "perangkat_daerah", "unit", "owner"),
}
LINK_COLUMNS: dict[str, tuple[str, ...]] = {
    "parent": ("parent", "induk", "from", "dari"),
    "child": ("child", "anak", "to", "ke"),
}
LINK_SHEETS = ("links", "link", "relasi")

_NO_SEPARATOR = re.compile(r"[^;,\n\r]*\Z").match
_PARENT_SEPARATORS = re.compile(r"[;,\n\r]+")


#: Invisible characters that creep into headers pasted from the web or Word
#: (zero-width spaces and joiners, direction marks, a stray byte-order mark);
#: they are ignored when recognising a column or sheet name.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))


def _key(text: str) -> str:
    return " ".join(str(text).translate(_INVISIBLE).split()).casefold()


def canonical_column(header: str, columns: dict[str, tuple[str, ...]]) -> str | None:
    """The canonical name for a header cell, or None when it is an attribute."""
    key = _key(header)
    for canonical, aliases in columns.items():
        if key in aliases:
            return canonical
    return None


def is_link_sheet(name: str) -> bool:
    """True for the sheet or file stem that lists extra links (``Links``/``Relasi``)."""
    return _key(name) in LINK_SHEETS


_ZERO_FORMAT = re.compile(r"(0+)(?:\.(0+))?\Z")


def shown_value(cell) -> object:
    """An openpyxl cell's value as Excel shows it: a number in a zero-padding or fixed-decimal
    format (``00``, ``0000``, ``0.00``) becomes that text (``3`` → ``03``); anything else as stored.

    >>> class Cell: value, number_format = 3, "00"
    >>> shown_value(Cell()), shown_value(type("C", (), {"value": 2.1, "number_format": "0.00"})())
    ('03', '2.10')
    """
    value = cell.value
    if value.__class__ in (int, float):
        found = _ZERO_FORMAT.match(cell.number_format or "")
        if found:
            whole, decimals = found.group(1), found.group(2) or ""
            text = f"{value:.{len(decimals)}f}"
            head, dot, tail = text.partition(".")
            sign = "-" if head.startswith("-") else ""
            return sign + head.lstrip("-").zfill(len(whole)) + dot + tail
    return value


def cell_problem(where: str, value: str) -> tuple[str, str] | None:
    """(code, message) for a cell showing an Excel error value or reaching :data:`MAX_CELL`, else None;
    ``where`` names the cell's column for the planner.

    >>> cell_problem("column A", "#REF!")[0], cell_problem("column A", "Program"), cell_problem("c", "x" * MAX_CELL)[0]
    ('excel-error', None, 'cell-too-long')
    """
    if value in EXCEL_ERRORS:
        return "excel-error", f"{where} shows the Excel error {value}: its formula is broken — fix it, or paste the value instead"
    if len(value) >= MAX_CELL:
        return "cell-too-long", (
            f"{where} holds {'at least ' if len(value) == MAX_CELL else ''}{len(value):,} characters, "
            f"Excel's limit for a cell is {MAX_CELL:,}, and longer text is cut — was a whole document pasted into it?"
        )
    return None


def letters(j: int) -> str:
    """Excel's name for the column at index ``j``: ``A``, …, ``Z``, ``AA``.

    >>> letters(0), letters(25), letters(26)
    ('A', 'Z', 'AA')
    """
    out, n = "", j + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell_text(value: object) -> str:
    """A cell as the planner sees it in Excel: trimmed, ``12`` not ``12.0``.

    Numbers with decimals keep Excel's 15 significant digits (``0.1 + 0.2``
    shows as ``0.3``); a date shows as ``2024-01-31``.

    >>> cell_text(12.0), cell_text("  PB-01 "), cell_text(None), cell_text(2.5), cell_text(0.1 + 0.2)
    ('12', 'PB-01', '', '2.5', '0.3')
    """
    if value.__class__ is str:  # nearly every cell: the fast path
        value = value.strip()
        return value if value.isascii() else unicodedata.normalize("NFC", value)  # é typed as e + ◌́ is é
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value).strip()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown(value: object, limit: int = 60) -> str:
    r"""A cell's text as quoted in a message: control characters made visible, long text cut.

    >>> shown("P\x001"), shown("x" * 100, limit=10)
    ('P\\x001', 'xxxxxxxxx…')
    """
    text = cell_text(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def split_parents(value: object) -> list[str]:
    """Parent ids from one cell (``;``, ``,`` or newline separated) or a list.

    >>> split_parents("S1; S2,S3\\nS4")
    ['S1', 'S2', 'S3', 'S4']
    >>> split_parents(["S1", 7.0])
    ['S1', '7']
    """
    if value.__class__ is str and _NO_SEPARATOR(value):  # one parent: the common case
        value = cell_text(value)
        return [value] if value else []
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            out.extend(split_parents(item))
        return out
    text = cell_text(value)
    return [part.strip() for part in _PARENT_SEPARATORS.split(text) if part.strip()]
