"""The limit reference for ``cascade orphans SOURCE --format json``, end to end as a process.

    python bench/limit.py SOURCE            # a folder of <level>.csv, or a workbook of one sheet per level

What any tool must at least do for that answer, done with columnar engines and
nothing else: read each level's ``id`` and ``parent`` columns (pyarrow for
CSV, python-calamine for xlsx), split the ``;``-separated parents, turn ids
into integers, build the parent → child adjacency as a ``scipy.sparse`` CSR
matrix, propagate reachability from every strategy at once, and print the ids
of the processes not reached, as JSON. No validation, no places, no names:
the floor under cascade's time, not a rival to it. It does not import
:mod:`reference` (whose ``CSRGraph`` does the same reachability): that imports
cascade, and the reference's start-up is part of what is measured.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

LEVELS = ("vision", "mission", "goal", "strategy", "program", "process", "application")


def columns(source: Path) -> dict[str, tuple[pa.Array, pa.Array]]:
    """(ids, parent cells) of each level, as arrow string arrays."""
    out = {}
    if source.is_dir():
        from pyarrow import csv

        for level in LEVELS:
            table = csv.read_csv(source / f"{level}.csv", convert_options=csv.ConvertOptions(
                include_columns=["id", "parent"], column_types={"id": pa.string(), "parent": pa.string()}))
            out[level] = (table["id"].combine_chunks(), table["parent"].combine_chunks())
    else:
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_path(str(source))
        for level in LEVELS:
            rows = book.get_sheet_by_name(level).to_python()
            head = rows[0]
            i, p = head.index("id"), head.index("parent")
            out[level] = (pa.array([r[i] for r in rows[1:]], pa.string()), pa.array([r[p] for r in rows[1:]], pa.string()))
    return out


def main(source: Path) -> None:
    levels = columns(source)
    ids = pa.concat_arrays([levels[lv][0] for lv in LEVELS])
    rank = np.repeat(np.arange(len(LEVELS)), [len(levels[lv][0]) for lv in LEVELS])
    child_parts, parent_parts, start = [], [], 0
    for lv in LEVELS:
        own, parents = levels[lv]
        split = pc.split_pattern(pc.fill_null(parents, ""), ";")
        lengths = pc.list_value_length(split).to_numpy(zero_copy_only=False)
        flat = pc.utf8_trim_whitespace(pc.list_flatten(split))
        child = np.repeat(np.arange(start, start + len(own)), lengths)
        keep = pc.not_equal(flat, "").to_numpy(zero_copy_only=False)
        child_parts.append(child[keep])
        parent_parts.append(flat.filter(pa.array(keep)))
        start += len(own)
    dst = np.concatenate(child_parts)
    src = pc.index_in(pa.concat_arrays(parent_parts), value_set=ids).to_numpy(zero_copy_only=False)
    n = len(ids)
    down = sp.csr_matrix((np.ones(len(src), dtype=bool), (src, dst)), shape=(n, n)).T.tocsr()
    reached = rank == LEVELS.index("strategy")
    frontier = reached.copy()
    while frontier.any():
        frontier = (down @ frontier) & ~reached
        reached |= frontier
    orphans = np.flatnonzero((rank == LEVELS.index("process")) & ~reached)
    json.dump(ids.take(pa.array(orphans)).to_pylist(), sys.stdout)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
