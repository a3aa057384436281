"""Writing a cascade into Neo4j: one transaction, in ``UNWIND`` batches, all or nothing.

One transaction per load means any failure leaves the previous content as it
was; the price is that a dataset must fit in the server's transaction memory
(see :func:`explain`). The transaction's first statement stamps (and so locks)
the dataset's :Dataset node, which makes two loads of one dataset take turns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from neo4j import exceptions as errors

from .. import cypher
from ..model import Cascade
from .base import LoadFailed

__all__ = ["BATCH", "Progress", "LoadFailed", "LoadReport", "write_cascade", "run", "explain"]

#: Rows per ``UNWIND $rows`` write: big enough to amortise a round trip,
#: small enough to keep each message to the server a few MB.
BATCH = 10_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadReport:
    """What one load wrote, and how long it took."""

    dataset: str
    elements: int
    links: int
    seconds: float


def run(tx, name: str, params: dict) -> None:
    """Run the write statement ``name`` in ``tx`` and wait for it."""
    tx.run(cypher.statement(name), params).consume()


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _element_rows(cascade: Cascade, dataset: str) -> Iterator[dict]:
    """One row per element; attributes travel as map keys, never in the Cypher text."""
    for e in cascade:
        props = {**e.attrs, "dataset": dataset, "id": e.id, "name": e.name, "level": e.level.name, "opd": e.opd}
        yield {"id": e.id, "label": e.level.label, "props": props}


def _link_rows(cascade: Cascade) -> Iterator[dict]:
    return ({"parent": parent, "child": child} for parent, child in cascade.links)


def _too_big(exc: errors.Neo4jError) -> bool:
    return "Memory" in (exc.code or "")


def explain(dataset: str, exc: errors.Neo4jError) -> str:
    """One line for a refused load: it was rolled back, and what to do when it was too big."""
    head = f"loading dataset {dataset!r} failed and was rolled back; the dataset is as it was before"
    if _too_big(exc):
        return (f"{head}: it does not fit in the server's transaction memory. Raise "
                "db.memory.transaction.total.max (and the heap, server.memory.heap.max_size) and load again")
    return f"{head}: {exc.message or exc}"


def write_cascade(tx, dataset: str, cascade: Cascade, replace: bool, progress: Progress | None, batch_size: int,
                  before_commit: Callable[[], None] = lambda: None, labels: list[str] | None = None) -> None:
    """The load transaction's body; the driver runs it again after a transient error.

    The :Dataset node is stamped first (which waits for any other load of the
    dataset), then elements are merged by (dataset, id), then links. With
    ``replace`` the elements and links the source no longer has are deleted
    last: merging into a dataset first emptied in the same transaction is
    several times slower (every index lookup then wades through the
    transaction's deletions). ``progress(done, total)`` follows the elements
    and links written; ``before_commit()`` runs after the last write.
    """
    try:
        _write(tx, dataset, cascade, replace, progress, batch_size, labels)
        before_commit()
    except errors.TransientError as exc:
        if _too_big(exc):  # running it again cannot help
            raise LoadFailed(explain(dataset, exc)) from exc
        raise


def _records(tx, name: str, params: dict) -> list:
    return list(tx.run(cypher.statement(name), params))


def _write(tx, dataset, cascade, replace, progress, batch_size, labels=None) -> None:
    """``labels``: every level label an element may carry now (the old schema's too), so a stale one goes."""
    key = {"dataset": dataset}
    run(tx, "load_begin", {**key, "source": str(cascade.source) if cascade.source is not None else None,
                           "schema": cascade.schema.to_json()})
    if replace:  # read only now, under the lock: what an earlier load committed is seen
        old_ids = {r["id"] for r in _records(tx, "dataset_ids", key)}
        old_links = {(r["parent"], r["child"]) for r in _records(tx, "dataset_links", key)}
    total, done = len(cascade) + len(cascade.links), 0
    writes = (
        ("load_elements", _element_rows(cascade, dataset), {"labels": labels or [lv.label for lv in cascade.schema]}),
        ("load_links", _link_rows(cascade), {}),
    )
    for name, rows, extra in writes:
        for batch in _batches(rows, batch_size):
            run(tx, name, {**key, **extra, "rows": batch})
            done += len(batch)
            if progress:
                progress(done, total)
    if replace:
        _prune(tx, key, old_ids - cascade.elements.keys(), old_links - set(cascade.links), batch_size)


def _prune(tx, key: dict, ids: set[str], links: set[tuple[str, str]], batch_size: int) -> None:
    """Delete what a replacing source no longer has: links between kept elements, then elements."""
    kept = ({"parent": p, "child": c} for p, c in sorted(links) if p not in ids and c not in ids)
    for batch in _batches(kept, batch_size):
        run(tx, "delete_links", {**key, "rows": batch})
    for batch in _batches(sorted(ids), batch_size):
        run(tx, "delete_elements", {**key, "ids": batch})
