"""Writing a cascade into Neo4j as a new version: committed batches of bounded size, then one small publish.

A load never touches what readers read. It takes the dataset's next version
number, CREATEs that version's elements and then its links in transactions of
at most ``batch_size`` rows and ``BATCH_BYTES`` bytes (the server's memory does
not grow with the dataset), counts what the server says it created, and only
then moves the dataset's published pointer in one small transaction. A load
that fails or is killed leaves an unpublished version nobody reads; the next
load (or ``cascade datasets --clean``) deletes it, in batches too.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from neo4j import exceptions as errors

from .. import cypher
from ..model import Cascade
from .base import BATCH, KEEP, DatabaseUnavailable, LoadFailed

__all__ = ["BATCH", "BATCH_BYTES", "KEEP", "STALE_SECONDS", "Progress", "LoadFailed", "LoadReport", "run",
           "explain", "write_version"]

#: Bytes of property text per write transaction, whatever the rows: a
#: workbook with long descriptions is cut into smaller batches.
BATCH_BYTES = 8 << 20
#: A loader stamps its version this often while it writes (from a thread of its own).
HEARTBEAT_SECONDS = 2.0
#: A loading version silent for this long is from a loader that died (killed,
#: cut off): it is shown as failed and cleaned up. Ten missed heartbeats.
STALE_SECONDS = 20

Progress = Callable[[int, int], None]
#: Sessions that write a load's elements at once: new elements lock nothing another batch needs, and the
#: server indexes them on as many cores (2·10⁵ elements: 9.0–10.0 s in 2 sessions, 12.3–16.1 s in one,
#: on this project's 2-core machine). Links are written by one session: two could lock the same elements.
ELEMENT_SESSIONS = 2
#: Told what a load does once its batches are written ("publishing version 3"), for a progress display.
Phase = Callable[[str], None]


@dataclass(frozen=True)
class LoadReport:
    """What one load wrote, the version it published, and how long it took."""

    dataset: str
    elements: int
    links: int
    seconds: float
    version: int = 0


def run(tx, name: str, params: dict):
    """Run statement ``name`` in ``tx``; its summary (the server's counters)."""
    return tx.run(cypher.statement(name), params).consume()


def _records(tx, name: str, params: dict) -> list:
    return list(tx.run(cypher.statement(name), params))


def _batches(rows: Iterable[tuple[dict, int]], size: int, max_bytes: int) -> Iterator[list[dict]]:
    """Rows in batches of at most ``size`` rows and about ``max_bytes`` bytes (a row is never split)."""
    batch: list = []
    used = 0
    for row, weight in rows:
        if batch and (len(batch) >= size or used + weight > max_bytes):
            yield batch
            batch, used = [], 0
        batch.append(row)
        used += weight
    if batch:
        yield batch


def _element_rows(cascade: Cascade, dataset: str, version: int) -> Iterator[tuple[dict, int]]:
    """One row per element and its weight in bytes; attributes travel as map keys, never in the Cypher text."""
    for e in cascade:
        props = {**e.attrs, "dataset": dataset, "version": version, "id": e.id, "name": e.name,
                 "level": e.level.name, "opd": e.opd}
        place = e.place
        if place is not None:   # where to fix the row, for findings and reports read back from Neo4j
            props.update(place_file=place.file, place_sheet=place.sheet, place_row=place.row)
        weight = sum(len(v) for v in props.values() if isinstance(v, str)) + 16 * len(props)
        yield {"label": e.level.label, "props": props}, weight


def _link_rows(cascade: Cascade) -> Iterator[tuple[dict, int]]:
    """Each link as a row (and its size); a link that passes over a level that is not optional is marked
    ``skips``, so check finds the level skips of a national dataset by index instead of by every link."""
    elements, skips = cascade.elements, cascade.schema.skips
    for parent, child in cascade.links:
        row = {"parent": parent, "child": child}
        if skips(elements[parent].level, elements[child].level):
            row["skips"] = True
        yield row, len(parent) + len(child) + 32


def explain(dataset: str, exc: errors.Neo4jError) -> str:
    """One line for a refused load: nothing was published, and what to do when a batch was too big."""
    head = f"loading dataset {dataset!r} failed; nothing was published, readers still see the version published before"
    if "Memory" in (exc.code or ""):
        return f"{head}: one batch does not fit in the server's transaction memory; load again with a smaller --batch-size"
    return f"{head}: {exc.message or exc}"


class _Heartbeat:
    """Stamps the version being written every few seconds from a thread of its own, batch or no
    batch, so a live loader is never taken for a dead one (``STALE_SECONDS``)."""

    def __init__(self, open_session: Callable, key: dict):
        self.open_session, self.key, self.written = open_session, key, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="cascade-load-heartbeat", daemon=True)

    def __enter__(self) -> "_Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                with self.open_session() as session:
                    session.execute_write(run, "version_heartbeat", {**self.key, "written": self.written})
            except Exception:  # noqa: BLE001 - the loader itself reports a lost server
                pass


def write_version(open_session: Callable, dataset: str, cascade: Cascade, progress: Progress | None,
                  batch_size: int = BATCH, max_bytes: int = BATCH_BYTES, phase: Phase | None = None) -> LoadReport:
    """Write ``cascade`` as a new version of ``dataset`` and publish it; raises :class:`LoadFailed`
    (the version marked failed) when it cannot be published.

    ``open_session()`` gives a write session (the heartbeat needs one of its
    own). Each batch is a managed transaction, run again by the driver after a
    transient error. ``progress(done, total)`` follows the elements and links written;
    ``phase(what)`` is told when the batches are done and the version is being checked and published.
    """
    with open_session() as session:
        return _write_version(open_session, session, dataset, cascade, progress, batch_size, max_bytes,
                              phase or (lambda _: None))


def _write_version(open_session, session, dataset, cascade, progress, batch_size, max_bytes, phase) -> LoadReport:
    started = time.perf_counter()
    source = str(cascade.source) if cascade.source is not None else None
    version = session.execute_write(
        lambda tx: _records(tx, "version_begin", {"dataset": dataset, "source": source,
                                                  "schema": cascade.schema.to_json()})[0]["version"])
    key = {"dataset": dataset, "version": version}
    try:
        with _Heartbeat(open_session, key) as beat, _interrupt_between_batches() as interrupted:
            created = _write_batches(session, open_session, beat, key, cascade, progress, batch_size, max_bytes,
                                     interrupted)
        expected = {"elements": len(cascade), "links": len(cascade.links)}
        phase(f"publishing version {version}")
        if created != expected:
            raise LoadFailed(f"loading dataset {dataset!r} failed; nothing was published: the server created "
                             f"{created['elements']} elements and {created['links']} links of "
                             f"{expected['elements']} and {expected['links']}")
        counts = {lv.name: 0 for lv in cascade.schema}
        for e in cascade:
            counts[e.level.name] += 1
        try:
            published = bool(session.execute_write(
                lambda tx: _records(tx, "version_publish", {**key, **expected, "counts": json.dumps(counts)})))
        except _LOST as exc:   # the commit may have landed before the connection went: ask the server
            if not _published_after_all(open_session, key, exc):
                raise LoadFailed(f"loading dataset {dataset!r} failed: the connection to Neo4j was lost while "
                                 f"version {version} was being published, and the server says it was not; "
                                 "readers still see the version published before") from exc
            published = True
        if not published:
            published = _published_after_all(open_session, key)   # a retried publish finds its own done
        if not published:
            raise LoadFailed(f"dataset {dataset!r}: a load started after this one was published first; "
                             f"this one (version {version}) was not published")
    except BaseException as exc:
        _fail(open_session, key, exc)
        raise
    return LoadReport(dataset, len(cascade), len(cascade.links), time.perf_counter() - started, version)


_LOST = (errors.ServiceUnavailable, errors.SessionExpired, errors.IncompleteCommit, OSError)
#: How long a load whose publish lost its server waits for it to answer again.
RECONNECT_SECONDS = 60.0


def _published_after_all(open_session: Callable, key: dict, lost: BaseException | None = None) -> bool:
    """Whether the dataset's pointer is at this load's version, as the server says. With ``lost``
    (the publish's connection failed) the server is asked again until it answers; when it never
    does, :class:`DatabaseUnavailable` says the outcome is unknown — never that nothing changed."""
    deadline = time.monotonic() + (RECONNECT_SECONDS if lost is not None else 0)
    while True:
        try:
            with open_session() as session:
                rows = session.execute_read(lambda tx: _records(tx, "dataset_published", {"dataset": key["dataset"]}))
            return bool(rows) and rows[0]["version"] == key["version"]
        except _LOST as exc:
            if lost is None or time.monotonic() > deadline:
                raise DatabaseUnavailable(
                    f"the connection to Neo4j was lost while version {key['version']} of dataset "
                    f"{key['dataset']!r} was being published, and the server has not answered since: whether it "
                    "was published is unknown; when Neo4j is back, cascade datasets shows it (published, or "
                    "failed and then removed by the next load)") from (lost or exc)
            time.sleep(1.0)


@contextmanager
def _interrupt_between_batches():
    """Ctrl-C during the batches stops the load between two of them: the driver is not safe to interrupt
    inside a message (half a message written corrupts the connection, and the server's refusal of it
    hides the Ctrl-C). Yields the check to call after each batch; a second Ctrl-C stops at once.
    Only in the main thread, and only where Ctrl-C would raise KeyboardInterrupt anyway."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield lambda: None
        return
    asked: list[bool] = []

    def later(signum, frame):
        if asked:
            raise KeyboardInterrupt
        asked.append(True)

    def check() -> None:
        if asked:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, later)
    try:
        yield check
    finally:
        signal.signal(signal.SIGINT, previous)


class _Writer:
    """Writes the batches of one load and counts what the server created, from one or more threads."""

    def __init__(self, beat: _Heartbeat, key: dict, total: int, progress: Progress | None,
                 interrupted: Callable[[], None]):
        self.beat, self.key, self.total, self.progress, self.interrupted = beat, key, total, progress, interrupted
        self.created, self.done = {"elements": 0, "links": 0}, 0
        self._lock = threading.Lock()

    def write(self, session, name: str, batch: list, what: str, counter: str) -> None:
        """One batch, committed (a managed transaction, retried after a transient error), then counted."""
        summary = session.execute_write(run, name, {**self.key, "rows": batch})
        with self._lock:
            self.created[what] += getattr(summary.counters, counter)
            self.done += len(batch)
            self.beat.written = self.done
            if self.progress:
                self.progress(self.done, self.total)
        self.interrupted()

    def side_by_side(self, open_session: Callable, name: str, batches: Iterator[list], what: str, counter: str,
                     sessions: int) -> None:
        """``batches`` written by ``sessions`` sessions at once, each taking the next batch when done; the
        first failure stops them all (after the batch each one is writing)."""
        from concurrent.futures import ThreadPoolExecutor

        take, stop = threading.Lock(), threading.Event()

        def work() -> None:
            with open_session() as session:
                while not stop.is_set():
                    with take:
                        batch = next(batches, None)
                    if batch is None:
                        return
                    try:
                        self.write(session, name, batch, what, counter)
                    except BaseException:
                        stop.set()
                        raise

        with ThreadPoolExecutor(sessions) as pool:
            for done in [pool.submit(work) for _ in range(sessions)]:
                done.result()


def _write_batches(session, open_session: Callable, beat: _Heartbeat, key: dict, cascade: Cascade,
                   progress: Progress | None, batch_size: int, max_bytes: int,
                   interrupted: Callable[[], None]) -> dict[str, int]:
    """Elements (in :data:`ELEMENT_SESSIONS` sessions of ``open_session()`` at once), then links in this
    one ``session`` (their ends exist by then; one writer, so no two transactions lock the same
    elements), each batch committed; what the server created. ``interrupted()`` after each batch
    raises the KeyboardInterrupt of a Ctrl-C that came during it."""
    writer = _Writer(beat, key, len(cascade) + len(cascade.links), progress, interrupted)
    elements = _batches(_element_rows(cascade, key["dataset"], key["version"]), batch_size, max_bytes)
    writer.side_by_side(open_session, "load_elements", elements, "elements", "nodes_created", ELEMENT_SESSIONS)
    for batch in _batches(_link_rows(cascade), batch_size, max_bytes):
        writer.write(session, "load_links", batch, "links", "relationships_created")
    return writer.created


def _fail(open_session: Callable, key: dict, exc: BaseException) -> None:
    """Best effort: say why the version will never be published, in a session of its own (the load's may
    be broken by what stopped it: Ctrl-C inside the driver). A dead server cannot be told; the version
    then goes stale by itself, ``STALE_SECONDS``."""
    if isinstance(exc, (*_LOST, DatabaseUnavailable)):
        return
    reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else (str(exc).splitlines() or [type(exc).__name__])[0]
    try:
        with open_session() as session:
            session.execute_write(run, "version_fail", {**key, "reason": reason[:500]})
    except (errors.Neo4jError, errors.DriverError, OSError):
        pass
