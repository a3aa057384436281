"""What the analyses should find in ``seed/tangerang.xlsx`` — computed independently.

This script reads the workbook with openpyxl and applies DESIGN.md's analysis
semantics literally, element by element (one upward or downward walk per
element: simple and obviously right, not fast). It imports nothing from
``cascade`` except ``cascade.levels``, so it can serve as an oracle for the
package's own readers and stores.

    python seed/expected.py                 # human-readable findings
    python seed/expected.py --json          # the findings as JSON on stdout
    python seed/expected.py --write         # (re)write seed/expected.json

An optional first argument names another workbook.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cascade.levels import LEVELS, find_level, level  # noqa: E402

HERE = Path(__file__).resolve().parent

ID, NAME, PARENT, OPD, CHILD = "id", "name", "parent", "opd", "child"
COLUMNS = {
    ID: {"id", "kode", "code"},
    NAME: {"name", "nama", "uraian"},
    PARENT: {"parent", "parents", "induk", "parent_id"},
    OPD: {"opd", "perangkat daerah", "perangkat_daerah", "unit", "owner"},
}
LINK_COLUMNS = {
    PARENT: {"parent", "induk", "from", "dari"},
    CHILD: {"child", "anak", "to", "ke"},
}
LINK_SHEETS = {"links", "relasi"}


def text(value) -> str:
    """A cell as Excel shows it, trimmed (12.0 → '12')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def split_ids(cell: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,\n]", cell) if p.strip()]


def header_map(row, columns) -> dict[str, int]:
    found = {}
    for i, cell in enumerate(row):
        key = text(cell).casefold()
        for col, aliases in columns.items():
            if key in aliases and col not in found:
                found[col] = i
    return found


def read(path: Path):
    """Return (elements, links): elements id -> level; links a set of (parent, child)."""
    wb = load_workbook(path, read_only=True, data_only=True)
    elements: dict[str, object] = {}
    links: set[tuple[str, str]] = set()
    errors: list[str] = []
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        if not rows:
            continue
        lv = find_level(ws.title)
        if ws.title.strip().casefold() in LINK_SHEETS:
            cols = header_map(rows[0], LINK_COLUMNS)
            for n, row in enumerate(rows[1:], start=2):
                if all(text(c) == "" for c in row):
                    continue
                links.add((text(row[cols[PARENT]]), text(row[cols[CHILD]])))
            continue
        if lv is None:
            continue  # e.g. Catatan: ignored
        cols = header_map(rows[0], COLUMNS)
        assert ID in cols and NAME in cols, f"{ws.title}: no id/name column"
        for n, row in enumerate(rows[1:], start=2):
            if all(text(c) == "" for c in row):
                continue
            eid = text(row[cols[ID]])
            if not eid or not text(row[cols[NAME]]):
                errors.append(f"{ws.title} row {n}: missing id or name")
                continue
            if eid in elements:
                errors.append(f"{ws.title} row {n}: duplicate id {eid}")
            elements[eid] = lv
            if PARENT in cols:
                for pid in split_ids(text(row[cols[PARENT]])):
                    links.add((pid, eid))
    for p, c in sorted(links):
        if p not in elements or c not in elements:
            errors.append(f"link {p} -> {c}: unknown id")
        elif elements[p].index >= elements[c].index:
            errors.append(f"link {p} -> {c}: not to a lower level")
    if errors:
        raise SystemExit("invalid workbook:\n  " + "\n  ".join(errors))
    return elements, links


def walk(start: str, step: dict[str, set[str]]) -> set[str]:
    """Everything reachable from ``start`` along ``step`` (start excluded)."""
    seen, stack = set(), [start]
    while stack:
        for nxt in step[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def orphans(elements, up, lvl, anchor):
    """DESIGN.md: elements of ``lvl`` with no ancestor at ``anchor``."""
    lvl, anchor = level(lvl), level(anchor)
    out = []
    for eid in sorted(e for e, lv in elements.items() if lv == lvl):
        anc = walk(eid, up)
        if any(elements[a] == anchor for a in anc):
            continue
        between = [elements[a] for a in anc if anchor.index < elements[a].index < lvl.index]
        reached = min(between) if between else lvl
        below = {eid} | {a for a in anc if elements[a].index > anchor.index}
        brk = sorted(x for x in below
                     if not any(elements[p].index > anchor.index for p in up[x]))
        out.append({"id": eid, "level": lvl.name, "reached": reached.name, "break_at": brk})
    return out


def unbacked(elements, down, lvl, target):
    """DESIGN.md: elements of ``lvl`` with no descendant at ``target``."""
    lvl, target = level(lvl), level(target)
    out = []
    for eid in sorted(e for e, lv in elements.items() if lv == lvl):
        desc = walk(eid, down)
        if any(elements[d] == target for d in desc):
            continue
        between = [elements[d] for d in desc if lvl.index < elements[d].index < target.index]
        reached = max(between) if between else lvl
        above = {eid} | {d for d in desc if elements[d].index < target.index}
        brk = sorted(x for x in above
                     if not any(elements[c].index < target.index for c in down[x]))
        out.append({"id": eid, "level": lvl.name, "reached": reached.name, "break_at": brk})
    return out


def findings(path: Path) -> dict:
    elements, links = read(path)
    up, down = defaultdict(set), defaultdict(set)
    for p, c in links:
        up[c].add(p)
        down[p].add(c)
    vision, _mission, _goal, strategy, _program, process, application = LEVELS
    return {
        "orphans": orphans(elements, up, process, strategy),
        "unbacked": unbacked(elements, down, strategy, process),
        "unused_applications": orphans(elements, up, application, process),
        "processes_without_application": unbacked(elements, down, process, application),
        # not written to expected.json; printed for the README
        "_level_skips": sorted([p, c] for p, c in links
                               if elements[c].index - elements[p].index > 1),
        "_counts": {lv.name: sum(1 for e in elements.values() if e == lv) for lv in LEVELS},
        "_links": len(links),
        "_no_parent": sorted(e for e, lv in elements.items() if lv != vision and not up[e]),
    }


def public(result: dict) -> dict:
    return {k: v for k, v in result.items() if not k.startswith("_")}


def show(result: dict) -> None:
    counts = result["_counts"]
    print("elements per level:", ", ".join(f"{k} {v}" for k, v in counts.items()),
          f"(total {sum(counts.values())}); links {result['_links']}")
    print("level skips:", ", ".join(f"{p} -> {c}" for p, c in result["_level_skips"]) or "none")
    print("elements other than a vision with no parent:", ", ".join(result["_no_parent"]))
    titles = {
        "orphans": "orphan processes (anchor strategy)",
        "unbacked": "unbacked strategies (target process)",
        "unused_applications": "unused applications (orphans, anchor process)",
        "processes_without_application": "processes without application (unbacked, target application)",
    }
    for key, title in titles.items():
        rows = result[key]
        print(f"\n{title}: {len(rows)}")
        for r in rows:
            print(f"  {r['id']:<10} reached={r['reached']:<12} break_at={', '.join(r['break_at'])}")


def main(argv: list[str]) -> int:
    flags = {a for a in argv if a.startswith("--")}
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else HERE / "tangerang.xlsx"
    result = findings(path)
    if "--json" in flags:
        print(json.dumps(public(result), indent=2, ensure_ascii=False))
    elif "--write" in flags:
        out = HERE / "expected.json"
        out.write_text(json.dumps(public(result), indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        print(f"wrote {out}")
    else:
        show(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
