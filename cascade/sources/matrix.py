"""The cascading matrix: one column per level, each row one chain — as Bappeda draws it.

``No | Tujuan | Sasaran | Strategi | Arah Kebijakan | Program | … | Aplikasi``
(Permendagri 86/2017's T-C.26 and the joined matrices of Bappeda and
organisation bureaus), in a workbook with merged cells or as a flat table
with the ancestors repeated on every row. Read as a planner reads it:

* **Header**: the first row (of the first 30) naming two or more levels; up
  to two rows below it join it when they hold only sub-captions (``Kode`` /
  ``Uraian`` under a level merged across two columns). Rows above it are
  titles. A **numbering row** ``(1) (2) … (n)`` under it is skipped.
* **Band rows**: ``VISI : …`` or ``MISI 1 : …`` across the sheet name an
  element of that level; it is the parent of the rows below it, until the
  next band of its level.
* **Cells**: a cell's elements are the parents of the next filled level cell
  to its right; merged cells belong to every row they span (the reader fills
  them); one cell may hold several elements (one per line, ``;``, or
  ``a. … b. …``); ``2.16.03 PROGRAM APLIKASI INFORMATIKA`` is code and name;
  ``-`` means none. An element without a code gets a stable id from its
  level and text (:func:`~.records.derived_id`).
* Columns that name no level: ``Perangkat Daerah`` gives the OPD of the
  row's last element, ``No`` is ignored, anything else (``Indikator``,
  ``Target``…) is an attribute of the row's last element.
* **Budget codes** (T-C.27, and code lists): a ``Kode`` over three or more
  columns holds a Permendagri 90/2019 code split in parts, a lone ``Kode``
  next to ``Uraian`` (on a sheet named after no level) a whole code, whose
  shape gives the level (:mod:`.codes`): a program hangs under the row's
  chain (the sasaran merged down its block), a kegiatan or sub kegiatan under
  its code's prefix; urusan and bidang rows become attributes of the programs
  below them; a row with no code and no name continues the coded row above
  (a further indicator).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..levels import Level, Schema
from ..model import ERROR, Finding, Place
from .codes import code_level, code_parent, join_code
from .columns import ELEMENT_COLUMNS, EXCEL_ERRORS, MAX_CELL, canonical_column, cell_problem, cell_text, letters, shown
from .header import attribute_key
from .records import Gathered, derived_id

__all__ = ["MatrixColumns", "find_matrix", "read_matrix", "split_items", "code_and_name", "describe_columns"]

_SCAN = 30
_NUMBERING = re.compile(r"\(?\d{1,3}\)?\Z")
_BAND = re.compile(r"\s*([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)\s*(\d+)?\s*[:.]\s*(\S.*)\Z", re.S)
_SEVERAL = re.compile(r"[\r\n;]")
_NONE = frozenset({"-", "–", "—", "--", "n/a", "tidak ada"})
_ENUMERATED = re.compile(r"(?:^|\s)(?:[a-z]|\d{1,2})[.)]\s+(?=\S)")
_LEAD = re.compile(r"\s*(?:[a-z]|\d{1,2})[.)]\s+(?=\S)")
_CODE = re.compile(r"((?:[A-Za-z]{1,6}[.\-])?\d+(?:[.,\-]\d+)*)\s+[-–:]?\s*(\S.*)\Z", re.S)
_BARE_CODE = re.compile(r"(?:[A-Za-z]{1,6}[.\-])?\d+(?:[.,\-]\d+)*\Z")
_FIELD_WORDS = re.compile(r"(kode|code|nama|name|uraian)\s+", re.I)
_IGNORED = frozenset({"no", "no.", "nomor", "#"})


@dataclass
class MatrixColumns:
    """What each column of a matrix is: a level's code, its text, the OPD, or an attribute."""

    header_rows: list[int]
    levels: dict[int, tuple[Level, str]] = field(default_factory=dict)  # column → (level, "id" | "name")
    opd: int | None = None
    attributes: dict[int, str] = field(default_factory=dict)  # column → attribute key
    ignored: list[int] = field(default_factory=list)
    code_parts: list[int] = field(default_factory=list)  # columns of a budget code, left to right
    code_name: int | None = None  # the text of the coded row
    kind: str = "matrix"

    @property
    def by_level(self) -> list[tuple[Level, int | None, int | None]]:
        """(level, its text column, its code column) in level order (worked out once)."""
        cached = self.__dict__.get("_by_level")
        if cached is None:
            where: dict[Level, dict[str, int]] = {}
            for j in sorted(self.levels, key=lambda j: (self.levels[j][0].index, j)):
                lv, field_ = self.levels[j]
                where.setdefault(lv, {})[field_] = j
            cached = self.__dict__["_by_level"] = [(lv, w.get("name"), w.get("id")) for lv, w in where.items()]
        return cached

    def specs(self) -> dict[int, str]:
        """Each column as a mapping file writes it (see :mod:`.readings`)."""
        out = {j: lv.name + (" code" if f == "id" else "") for j, (lv, f) in self.levels.items()}
        out.update({j: f"attribute {key}" for j, key in self.attributes.items()})
        out.update({j: "ignore" for j in self.ignored})
        out.update({j: "code" for j in self.code_parts})
        if self.opd is not None:
            out[self.opd] = "opd"
        if self.code_name is not None:
            out[self.code_name] = "code text"
        return out


#: Words around a level's name in a header that do not change the level: ``Proses Bisnis Level 1``
#: (a peta proses bisnis: Level 0 groups are no level), ``Sub Kegiatan Terkait``, ``Proses Bisnis yang Dilayani``.
_AROUND = re.compile(r"\s*(?:[-(]?\s*(?:level|lvl|tingkat)\s*-?\s*1\s*\)?|terkait|yang\s+(?:dilayani|didukung)|"
                     r"dilayani|didukung)\s*\Z", re.I)


def _level_of(text: str, schema: Schema) -> tuple[Level | None, str | None]:
    """The level a header cell names, and the field: ``Kode Program`` → (program, id).

    >>> from cascade.levels import preset
    >>> [(lv.name, f) for lv, f in (_level_of(t, preset("rpjmd")) for t in
    ...  ("Kode Program", "Proses Bisnis Level 1", "Sub Kegiatan Terkait", "Nama Aplikasi"))]
    [('program', 'id'), ('process', None), ('sub_activity', None), ('application', 'name')]
    """
    text = _AROUND.sub("", text) or text
    lv = schema.find(text)
    if lv is not None:
        return lv, None
    words = _FIELD_WORDS.match(text)
    if words:
        lv = schema.find(text[words.end():])
        if lv is not None:
            return lv, "id" if words.group(1).lower() in ("kode", "code") else "name"
    return None, None


def _is_caption(text: str, schema: Schema) -> bool:
    return bool(_level_of(text, schema)[0] or canonical_column(text, ELEMENT_COLUMNS) or text.casefold() in _IGNORED)


def find_matrix(rows: list[tuple[int, list]], schema: Schema) -> MatrixColumns | None:
    """The matrix's columns, or None when no row of the first 30 names two levels."""
    for k, (number, cells) in enumerate(rows[:_SCAN]):
        texts = [cell_text(c) for c in cells]
        named = {_level_of(t, schema)[0] for t in texts if t} - {None}
        if len(named) < 2:
            continue
        block = [texts]
        header_rows = [number]
        for later_number, later in rows[k + 1 : k + 3]:
            later_texts = [cell_text(c) for c in later]
            filled = [(j, t) for j, t in enumerate(later_texts) if t]
            if filled and all(_is_caption(t, schema) or (j < len(block[-1]) and t == block[-1][j]) for j, t in filled):
                block.append(later_texts)
                header_rows.append(later_number)
            else:
                break
        return _columns(block, header_rows, schema)
    return _code_list(rows, schema)


def _code_list(rows: list[tuple[int, list]], schema: Schema) -> MatrixColumns | None:
    """A ``Kode | Uraian`` list whose codes are budget codes (the level is in the code), else None."""
    for k, (number, cells) in enumerate(rows[:_SCAN]):
        texts = [cell_text(c) for c in cells]
        canon = [canonical_column(t, ELEMENT_COLUMNS) if t else None for t in texts]
        if "id" not in canon or "name" not in canon:
            continue
        at = canon.index("id")
        codes = [cell_text(c[at]) for _, c in rows[k + 1 : k + 41] if at < len(c) and cell_text(c[at])]
        if not codes or sum(bool(code_level(c)) for c in codes) * 2 < len(codes):
            return None
        out = _columns([texts], [number], schema)
        out.kind = "codes"
        return out
    return None


def _columns(block: list[list[str]], header_rows: list[int], schema: Schema) -> MatrixColumns:
    out = MatrixColumns(header_rows)
    width = max(map(len, block))
    for j in range(width):
        texts = [row[j] for row in block if j < len(row) and row[j]]
        if not texts:
            continue
        level, field_ = None, None
        for text in texts:
            lv, f = _level_of(text, schema)
            if lv is not None:
                level, field_ = lv, f or field_
        canon = canonical_column(texts[-1], ELEMENT_COLUMNS)
        top = canonical_column(texts[0], ELEMENT_COLUMNS)
        if top == "id" and _spans(block[0], j, 3):
            out.code_parts.append(j)
        elif level is not None:
            out.levels[j] = (level, field_ or ("id" if canon == "id" else "name"))
        elif canon == "opd" or "perangkat daerah" in texts[-1].casefold():
            out.opd = j
        elif texts[-1].casefold() in _IGNORED:
            out.ignored.append(j)
        elif canon == "id" and not out.code_parts:
            out.code_parts.append(j)
        elif out.code_name is None and (canon == "name" or _CODED_TEXT.search(texts[0])):
            out.code_name = j
        else:
            out.attributes[j] = attribute_key(" ".join(dict.fromkeys(texts)))
    if out.code_name is None and len(out.code_parts) == 1:
        # ``Kode | Proses Bisnis``: a lone Kode just left of a level's text is that level's code
        j = out.code_parts[0]
        right = out.levels.get(j + 1)
        if right is not None and right[1] == "name" and (right[0], "id") not in out.levels.values():
            out.levels[j] = (right[0], "id")
            out.code_parts = []
    if out.code_name is None:   # no text for a code: a lone Kode is an attribute after all
        for j in out.code_parts if len(out.code_parts) == 1 else ():
            out.attributes[j] = attribute_key(block[-1][j])
        out.code_parts = [] if len(out.code_parts) == 1 else out.code_parts
    return out


_CODED_TEXT = re.compile(r"\b(program|kegiatan|uraian)\b", re.I)


def _spans(row: list[str], j: int, n: int) -> bool:
    """Whether the header cell at ``j`` is one of ``n`` or more equal cells in a row (a merged range)."""
    lo = hi = j
    while lo > 0 and row[lo - 1] == row[j]:
        lo -= 1
    while hi + 1 < len(row) and row[hi + 1] == row[j]:
        hi += 1
    return hi - lo + 1 >= n


def split_items(text: str) -> list[str]:
    """The elements one cell names: one per line, ``;``-separated, or enumerated ``a. … b. …``.

    >>> split_items("a. Meningkatnya mutu; b. Meningkatnya akses")
    ['Meningkatnya mutu', 'Meningkatnya akses']
    >>> split_items("1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN")
    ['1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN']
    >>> split_items("-")
    []
    """
    if not _SEVERAL.search(text) and not _LEAD.match(text):   # one element: the common case
        text = text.strip()
        return [] if not text or text.casefold() in _NONE else [text]
    out = []
    for line in re.split(r"[\r\n]+|;\s*", text):
        line = line.strip()
        if not line or line.casefold() in _NONE:
            continue
        if _LEAD.match(line) and len(_ENUMERATED.findall(line)) > 1:
            parts = _ENUMERATED.split(" " + line)
            out.extend(p.strip() for p in parts if p.strip())
        else:
            out.append(_LEAD.sub("", line, count=1).strip() if _LEAD.match(line) and not _CODE.match(line) else line)
    return out


def code_and_name(item: str) -> tuple[str | None, str]:
    """``2.16.03 PROGRAM APLIKASI INFORMATIKA`` → (``2.16.03``, the name); text alone → (None, text).

    >>> code_and_name("2.16.03 PROGRAM APLIKASI INFORMATIKA")
    ('2.16.03', 'PROGRAM APLIKASI INFORMATIKA')
    >>> code_and_name("Meningkatnya derajat kesehatan")
    (None, 'Meningkatnya derajat kesehatan')
    """
    found = _CODE.match(item)
    if found and any(ch.isdigit() for ch in found.group(1)):
        return found.group(1).replace(",", "."), " ".join(found.group(2).split())
    return None, " ".join(item.split())


def _band(texts: list[str], schema: Schema, first_column_level: int) -> tuple[Level, str | None, str] | None:
    """A band row ``MISI 2 : …`` of a level above the matrix's columns: (level, its number, its text), else None."""
    filled = [t for t in texts if t]
    if not filled or len(set(filled)) != 1:
        return None
    found = _BAND.match(filled[0])
    if not found:
        return None
    lv = schema.find(found.group(1))
    if lv is None or lv.index >= first_column_level:
        return None
    return lv, found.group(2), " ".join(found.group(3).split())


def read_matrix(rows: list[tuple[int, list]], columns: MatrixColumns, schema: Schema, place: Place) -> Gathered:
    """Every element and link of a matrix (rows as ``(row number, cells)``, merged cells filled)."""
    out = Gathered(place)
    named = {lv for lv, _ in columns.levels.values()}
    out.beside_processes = schema.application in named and schema.process not in named
    bands: dict[int, str] = {}  # level index → the band element in force
    last_header = columns.header_rows[-1]
    numbering_seen = False
    coded = _Coded(schema)
    parsed: dict = {}
    first_column_level = min((lv.index for lv, _ in columns.levels.values()), default=0)
    for number, cells in rows:
        if number <= last_header:
            continue
        texts = [cell_text(c) for c in cells]
        if not any(texts):
            continue
        if not numbering_seen:
            numbering_seen = True
            filled = [t for t in texts if t]
            if len(filled) >= 2 and all(_NUMBERING.match(t) for t in filled):
                continue
        band = _band(texts, schema, first_column_level)
        if band is not None:
            lv, n, text = band
            parent = [bands[i] for i in sorted(bands) if i < lv.index][-1:]
            element_id = f"{lv.name}-{n}" if n else derived_id(lv, text)
            out.add(lv, element_id, text, number, parent, attrs={"No": n} if n else None)
            bands = {i: e for i, e in bands.items() if i < lv.index}
            bands[lv.index] = element_id
            continue
        chain = _read_row(out, number, texts, columns, bands, not columns.code_parts, parsed)
        if columns.code_parts:
            coded.read(out, number, texts, columns, chain or [bands[i] for i in sorted(bands)][-1:])
    return out


def _cell(texts: list[str], j: int | None) -> str:
    return texts[j] if j is not None and j < len(texts) else ""


def _unusable(text: str) -> bool:
    return text in EXCEL_ERRORS or len(text) >= MAX_CELL


def _report_cell(out: Gathered, number: int, lv: Level, j: int, text: str) -> None:
    """An Excel error value or an over-long cell where an element should be: an error at its cell."""
    code, message = cell_problem(f"column {letters(j)} ({lv.name})", text)
    out.findings.append(Finding(ERROR, code, message, Place(out.place.file, out.place.sheet, number)))


def _row_extras(texts: list[str], columns: MatrixColumns) -> tuple[str, dict[str, str]]:
    """The row's OPD and attributes (the columns that name no level)."""
    attrs = {key: _cell(texts, j) for j, key in columns.attributes.items() if _cell(texts, j)}
    return _cell(texts, columns.opd), attrs


class _Coded:
    """The rows of a budget-code column: the level from the code, the parent from its prefix."""

    def __init__(self, schema: Schema):
        self.schema, self.previous, self.context = schema, None, {}
        self.missing: set[str] = set()  # kinds of code the schema has no level for, reported once a sheet

    def read(self, out: Gathered, number: int, texts: list[str], columns: MatrixColumns, chain: list[str]) -> None:
        parts = [_cell(texts, j) for j in columns.code_parts]
        while parts and not parts[-1]:
            parts.pop()
        code = join_code(parts)
        text = _cell(texts, columns.code_name)
        opd, attrs = _row_extras(texts, columns)
        if not code:
            code, text = code_and_name(text) if text else (None, "")
            if not code:
                if not text and self.previous is not None:   # a further indicator of the row above
                    _append(out.elements[self.previous].attrs, attrs)
                elif not text and chain:
                    for element_id in chain:
                        out.add(out.elements[element_id].level, element_id, "", number, (), opd or None, attrs)
                return
        kind = code_level(code)
        if kind is None:
            out.findings.append(Finding(ERROR, "bad-code", f"{shown(code)} is not a budget code of Permendagri "
                                        "90/2019 (1.02.02 a program, 1.02.02.2.01 a kegiatan, 1.02.02.2.01.0001 a "
                                        "sub kegiatan)", Place(out.place.file, out.place.sheet, number), code))
            return
        if kind in ("urusan", "bidang"):
            self.context[kind] = f"{code} {text}".strip()
            if kind == "urusan":
                self.context.pop("bidang", None)
            return
        lv = self.schema.find(kind)
        if lv is None:
            if kind in self.missing:
                return
            self.missing.add(kind)
            out.findings.append(Finding(ERROR, "level-not-in-schema", f"{shown(code)} is a {kind} code, and schema "
                                        f"{self.schema.name!r} has no {kind} level (nor for the sheet's other {kind} codes): "
                                        "read the source with --schema rpjmd",
                                        Place(out.place.file, out.place.sheet, number), code))
            return
        parents = chain if kind == "program" else [code_parent(code)]
        if kind == "program":
            attrs = {**{k.capitalize() if k == "urusan" else "Bidang Urusan": v for k, v in self.context.items()}, **attrs}
        out.add(lv, code, text or code, number, parents, opd or None, attrs)
        self.previous = code


def _append(attrs: dict[str, str], more: dict[str, str]) -> None:
    for key, value in more.items():
        attrs[key] = f"{attrs[key]}; {value}" if attrs.get(key) else value


def _items(lv: Level, name_text: str, code_text: str) -> tuple[tuple[str, str, str], ...]:
    """The elements one level's cells name: (id, name, how) — how is ``code``, ``derived`` or ``ref``."""
    names, codes = split_items(name_text), split_items(code_text)
    if codes and len(codes) == max(len(names), 1):
        pairs = [(code, names[k] if k < len(names) else "") for k, code in enumerate(codes)]
    else:
        pairs = [code_and_name(text) for text in names]
    out = []
    for code, name in pairs:
        if code is None and _BARE_CODE.match(name):   # a code alone: the element is named elsewhere
            out.append((name, "", "ref"))
        elif code is None:
            out.append((derived_id(lv, name), name, "derived"))
        else:
            out.append((code, name or code, "code"))
    return tuple(out)


def _read_row(out: Gathered, number: int, texts: list[str], columns: MatrixColumns, bands: dict[int, str],
              extras: bool = True, parsed: dict | None = None) -> list[str]:
    """The row's chain, left to right; ``parsed`` caches what each distinct cell names (a matrix
    repeats its ancestors on every row)."""
    parsed = {} if parsed is None else parsed
    by_level = columns.by_level
    above = [bands[i] for i in sorted(bands)][-1:]
    last: list[str] = []
    add, elements = out.add, out.elements
    for lv, name_at, code_at in by_level:
        key = (lv.index, _cell(texts, name_at), _cell(texts, code_at))
        if not key[1] and not key[2]:
            continue
        if _unusable(key[1]) or _unusable(key[2]):
            _report_cell(out, number, lv, name_at if _unusable(key[1]) else code_at, key[1] if _unusable(key[1]) else key[2])
            continue
        items = parsed.get(key)
        if items is None:
            items = parsed[key] = _items(lv, key[1], key[2])
        if not items:
            continue
        ids = []
        for element_id, name, how in items:
            found = elements.get(element_id)
            if found is not None and how != "ref" and found.level is lv and found.name == name and not found.ref:
                found.parents.update(dict.fromkeys(above))   # named again: only its parents may be new
            else:
                add(lv, element_id, name, number, above, ref=how == "ref", derived=how == "derived")
            ids.append(element_id)
        above = last = ids
    if not last or not extras:
        return last
    opd, attrs = _row_extras(texts, columns)
    for element_id in last:
        out.add(out.elements[element_id].level, element_id, "", number, (), opd or None, attrs)
    return last


def describe_columns(columns: MatrixColumns) -> list[str]:
    """One line per column, as ``cascade inspect`` shows the reading."""
    out = []
    extra = [columns.opd] if columns.opd is not None else []
    extra += [columns.code_name] if columns.code_name is not None else []
    for j in sorted({*columns.levels, *columns.attributes, *columns.ignored, *columns.code_parts, *extra}):
        if j in columns.code_parts:
            what = (f"budget code, part {columns.code_parts.index(j) + 1} of {len(columns.code_parts)}"
                    if len(columns.code_parts) > 1 else "budget code (its shape gives the level)")
        elif j == columns.code_name:
            what = "text of the coded row"
        elif j in columns.levels:
            lv, field_ = columns.levels[j]
            what = f"{lv.name} ({'code' if field_ == 'id' else 'text'})"
        elif j == columns.opd:
            what = "OPD of the row's last element"
        elif j in columns.attributes:
            what = f"attribute {columns.attributes[j]!r} of the row's last element"
        else:
            what = "ignored (numbering)"
        out.append(f"column {letters(j)} → {what}")
    return out
