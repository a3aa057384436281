"""Synthetic planning cascades of any size, for tests and benchmarks.

A synthetic cascade looks like many regional governments' plans side by side:
one vision per ~2,000 elements (so 10⁶ elements ≈ 500 governments, about the
number of Indonesian regions), a few missions under each vision, and fan-out
growing downward so that business processes and applications are the bulk.
Links are many-to-many (some elements have 2–3 parents, chosen near their
first parent, i.e. inside the same government), and a few percent are gaps:
elements with no parent, and occasional level skips (a link to the level two
above). Every generated cascade is *valid*: ids are unique, every parent
exists and sits at a strictly higher level.

Generation is deterministic for a given ``(n_elements, seed)`` and streams:
rows come out level by level, top to bottom, and only a byte per element of
the level above is kept (its agency), so 10⁶ elements need a few MB.

>>> rows = list(generate(30, seed=1))
>>> len(rows), rows[0].level.name, rows[0].id, rows[0].parents
(30, 'vision', 'V-001', ())
>>> level_counts(30)
{'vision': 1, 'mission': 1, 'goal': 1, 'strategy': 1, 'program': 1, 'process': 10, 'application': 15}
>>> seen = {}
>>> for r in rows:
...     assert r.id not in seen and all(seen[p] < r.level for p in r.parents)
...     seen[r.id] = r.level
>>> rows == list(generate(30, seed=1))
True

Command line::

    python -m cascade.synthetic 1000000 /tmp/big            # one <level>.csv per level
    python -m cascade.synthetic 10000 /tmp/big.xlsx --seed 7  # one sheet per level
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path
from random import Random
from typing import Iterator, NamedTuple

from cascade.levels import LEVELS, Level

from .errors import UsageError

__all__ = ["Row", "level_counts", "columns", "generate", "write_csv", "write_xlsx", "main"]

#: Elements per synthetic government (one vision each).
PER_GOVERNMENT = 2000

#: Share of all elements at each level, by level index; the vision count comes
#: from PER_GOVERNMENT and the last level takes the remainder.
SHARES = (None, 0.002, 0.005, 0.015, 0.04, 0.35, None)

#: Per level index: chance of no parent at all (a gap), of a level skip, and
#: of having extra parents (1 or 2 more, so 2–3 in all).
NO_PARENT = (0.0, 0.0, 0.02, 0.03, 0.03, 0.03, 0.04)
SKIP = (0.0, 0.0, 0.0, 0.005, 0.01, 0.005, 0.0)
MULTI = (0.0, 0.0, 0.10, 0.15, 0.20, 0.15, 0.25)

#: Agencies (Perangkat Daerah) and the topic their elements are named after.
OPDS = (
    ("Bappeda", "perencanaan pembangunan"),
    ("Dinas Pendidikan", "pendidikan"),
    ("Dinas Kesehatan", "kesehatan"),
    ("RSUD", "pelayanan rumah sakit"),
    ("Dinas Sosial", "perlindungan sosial"),
    ("DP3AP2KB", "perlindungan perempuan dan anak"),
    ("Disdukcapil", "administrasi kependudukan"),
    ("Diskominfo", "komunikasi dan informatika"),
    ("BPKAD", "keuangan dan aset daerah"),
    ("Bapenda", "pendapatan daerah"),
    ("BKPSDM", "kepegawaian"),
    ("Inspektorat", "pengawasan"),
    ("Dinas PUPR", "pekerjaan umum dan penataan ruang"),
    ("Disperkimtan", "perumahan dan permukiman"),
    ("Dinas Lingkungan Hidup", "lingkungan hidup"),
    ("Dinas Perhubungan", "perhubungan"),
    ("BPBD", "penanggulangan bencana"),
    ("Satpol PP", "ketertiban umum"),
    ("DPMPTSP", "perizinan dan penanaman modal"),
    ("Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "perdagangan dan UMKM"),
    ("Dinas Ketenagakerjaan", "ketenagakerjaan"),
    ("Dinas Kebudayaan dan Pariwisata", "pariwisata"),
    ("Dinas Ketahanan Pangan", "ketahanan pangan"),
    ("Sekretariat Daerah", "tata kelola pemerintahan"),
)
_PLANNER = 0      # index of the planning agency in OPDS (visions, missions)
_SHARED_IT = 7    # index of the IT agency (owner of shared applications)

#: Extra attribute columns by level index, and how each value is drawn.
ATTRIBUTES: dict[int, tuple[str, ...]] = {
    4: ("budget_code",),
    5: ("kind",),
    6: ("domain", "category"),
}


class Row(NamedTuple):
    """One generated element: its level, id, name, parent ids, agency, extra values."""

    level: Level
    id: str
    name: str
    parents: tuple[str, ...]
    opd: str
    extra: tuple[str, ...] = ()


def _prefixes() -> tuple[str, ...]:
    """Shortest unambiguous prefix of each level name, upper-cased (V, M, … PROG, PROC)."""
    names = [lv.name for lv in LEVELS]
    out = []
    for name in names:
        k = 1
        while any(o != name and o.startswith(name[:k]) for o in names):
            k += 1
        out.append(name[:k].upper())
    return tuple(out)


_PREFIX = _prefixes()
_WORD = tuple(lv.aliases[0].capitalize() if lv.aliases else lv.label for lv in LEVELS)


def level_counts(n_elements: int) -> dict[str, int]:
    """How many elements each level gets, by English level name; they sum to ``n_elements``."""
    n = int(n_elements)
    if n < len(LEVELS):
        raise UsageError(f"need at least {len(LEVELS)} elements (one per level), got {n}")
    counts = [max(1, round(n / PER_GOVERNMENT))]
    counts += [max(1, round(n * share)) for share in SHARES[1:-1]]
    while sum(counts) > n - 1:  # leave at least one for the last level
        i = max(range(len(counts)), key=lambda j: counts[j])
        counts[i] -= 1
    counts.append(n - sum(counts))
    return {lv.name: c for lv, c in zip(LEVELS, counts)}


def columns(lv: Level) -> tuple[str, ...]:
    """The header of a level's table: ``id, name, parent, opd`` and its extra attributes."""
    return ("id", "name", "parent", "opd", *ATTRIBUTES.get(lv.index, ()))


_KINDS = (("inti",), ("pendukung",))
_APPS = tuple((domain, category)
              for domain in ("layanan publik", "administrasi pemerintahan")
              for category in ("aplikasi umum", "aplikasi khusus"))


def _extra(k: int, i: int, opd: int, random) -> tuple[str, ...]:
    """Extra attribute values of element ``i`` at level index ``k`` (see ATTRIBUTES)."""
    if k == 4:   # Permendagri 90/2019-style program code: urusan.bidang.program
        return (f"{1 + opd % 6}.{1 + opd:02d}.{2 + i % 14:02d}",)
    if k == 5:   # core or supporting business process
        return _KINDS[random() >= 0.6]
    if k == 6:   # Tangerang's split: 124 of 196 applications serve the public
        return _APPS[2 * (random() >= 124 / 196) + (random() >= 0.1)]
    return ()


def generate(n_elements: int, seed: int = 0) -> Iterator[Row]:
    """Yield a synthetic valid cascade of ``n_elements`` rows, level by level, top down.

    Deterministic for a given ``(n_elements, seed)``. Each row's parents are ids
    already yielded (at a strictly higher level). Memory is one byte per element
    of the two levels above the one being generated.
    """
    rng = Random(seed)
    random = rng.random
    make = tuple.__new__                           # Row(...) without keyword handling
    counts = list(level_counts(n_elements).values())
    visions = counts[0]
    id_fmt = [f"{_PREFIX[k]}-%0{max(3, len(str(c)))}d" for k, c in enumerate(counts)]
    n_opd = len(OPDS)
    opd_names = [name for name, _topic in OPDS]
    opd_of: list[bytearray] = []                   # agency index per element, per level

    for k, lv in enumerate(LEVELS):
        nc = counts[k]
        here = bytearray(nc)
        own = id_fmt[k]
        titles = [f"{_WORD[k]} {topic} " for _name, topic in OPDS]
        if k == 0:
            for i in range(nc):
                here[i] = _PLANNER
                yield make(Row, (lv, own % (i + 1), f"{_WORD[0]} pemerintah daerah {i + 1}",
                                 (), opd_names[_PLANNER], ()))
            opd_of.append(here)
            continue
        np_ = counts[k - 1]
        up1, pid = opd_of[k - 1], id_fmt[k - 1]
        up2 = opd_of[k - 2] if k >= 2 else None
        ng, gid = (counts[k - 2], id_fmt[k - 2]) if k >= 2 else (0, "")
        window = max(1, np_ // (2 * visions))      # extra parents stay near the first
        span = 2 * window + 1
        p_none, p_skip, p_multi = NO_PARENT[k], SKIP[k], MULTI[k]
        has_extra = k in ATTRIBUTES
        last = k == len(LEVELS) - 1
        for i in range(nc):
            r = random()
            if r < p_none:
                parents: tuple[str, ...] = ()
                opd = int(random() * n_opd)
            elif r < p_none + p_skip and up2 is not None:
                g = i * ng // nc
                parents = (gid % (g + 1),)
                opd = up2[g]
            else:
                base = i * np_ // nc
                opd = up1[base]
                if random() < p_multi:
                    picks = [base]
                    for _ in range(1 if random() < 0.7 else 2):
                        j = min(np_ - 1, max(0, base - window + int(random() * span)))
                        if j not in picks:
                            picks.append(j)
                    parents = tuple(pid % (j + 1) for j in picks)
                else:
                    parents = (pid % (base + 1),)
            if k == 1:
                opd = _PLANNER
            elif k <= 4 and parents and random() < 0.5:
                opd = int(random() * n_opd)          # goals/strategies/programs spread over agencies
            elif last and random() < 0.15:
                opd = _SHARED_IT                # shared applications run by the IT agency
            here[i] = opd
            yield make(Row, (lv, own % (i + 1), titles[opd] + str(i + 1), parents,
                             opd_names[opd], _extra(k, i, opd, random) if has_extra else ()))
        opd_of.append(here)
        if k >= 2:
            opd_of[k - 2] = bytearray()          # no longer needed


def write_csv(directory: "str | Path", n_elements: int, seed: int = 0) -> list[Path]:
    """Write one ``<level>.csv`` per level (UTF-8, header ``id,name,parent,opd,…``) into
    ``directory``; several parents are separated by ``;``. Returns the files written."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    handle = writer = None
    current = None
    try:
        for row in generate(n_elements, seed):
            if row.level is not current:
                if handle:
                    handle.close()
                current = row.level
                path = out / f"{current.name}.csv"
                handle = open(path, "w", encoding="utf-8", newline="", buffering=1 << 20)
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(columns(current))
                written.append(path)
            writer.writerow((row.id, row.name, ";".join(row.parents), row.opd, *row.extra))
    finally:
        if handle:
            handle.close()
    return written


def write_xlsx(path: "str | Path", n_elements: int, seed: int = 0) -> Path:
    """Write an ``.xlsx`` workbook with one sheet per level (openpyxl write-only mode)."""
    from openpyxl import Workbook

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws, current = None, None
    for row in generate(n_elements, seed):
        if row.level is not current:
            current = row.level
            ws = wb.create_sheet(current.name)
            ws.append(list(columns(current)))
        ws.append([row.id, row.name, ";".join(row.parents), row.opd, *row.extra])
    wb.save(path)
    return path


def main(argv: "list[str] | None" = None) -> int:
    """``python -m cascade.synthetic N OUT [--seed S] [--format csv|xlsx]``."""
    parser = argparse.ArgumentParser(
        prog="python -m cascade.synthetic",
        description="Generate a synthetic, valid planning cascade of N elements.")
    parser.add_argument("n", type=int, help="number of elements (at least one per level)")
    parser.add_argument("out", help="output directory (csv) or .xlsx file")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--format", choices=("csv", "xlsx"), default=None,
                        help="csv: one <level>.csv per level in OUT; xlsx: one workbook "
                             "(default: xlsx if OUT ends in .xlsx, else csv)")
    args = parser.parse_args(argv)
    fmt = args.format or ("xlsx" if args.out.lower().endswith(".xlsx") else "csv")
    try:
        level_counts(args.n)
    except ValueError as exc:
        parser.error(str(exc))
    start = time.perf_counter()
    if fmt == "csv":
        write_csv(args.out, args.n, args.seed)
    else:
        write_xlsx(args.out, args.n, args.seed)
    counts = ", ".join(f"{k} {v}" for k, v in level_counts(args.n).items())
    print(f"wrote {args.n} elements ({counts}) to {args.out} "
          f"in {time.perf_counter() - start:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
