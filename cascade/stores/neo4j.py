"""The Neo4j store: a dataset loaded into a real Neo4j, answered there.

Every statement is a file in ``cypher/`` run by name (:mod:`cascade.cypher`);
user values travel as parameters and labels come only from the level list.
The Cypher finds the sets (set-based reachability, never path by path); the
result objects are built here by the same code the memory store uses
(:mod:`cascade.analysis`, :mod:`cascade.check`), so both stores return equal
answers. Findings carry no place: the graph does not know the source rows.

Needs Neo4j 5.26 or later (dynamic labels, ``CALL (x) {…}``); any edition,
a cluster or Aura.
"""

from __future__ import annotations

import re
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, RoutingControl
from neo4j import exceptions as errors

from .. import cypher
from ..analysis import Coverage, Gap, Trace, build_trace, check_span, coverage_from_counts, sort_key
from ..check import Findings, structural_findings
from ..levels import DEFAULT, Level, Schema, SchemaError, schema_from_dict
from ..model import Cascade
from ..settings import Neo4jSettings
from .base import DIRECTIONS, DatabaseUnavailable, UnknownDataset, UnknownElement
from .neo4j_load import BATCH, LoadFailed, LoadReport, Progress, explain, run, write_cascade

__all__ = ["Neo4jStore", "DatabaseUnavailable", "UnknownDataset", "LoadFailed", "LoadReport", "DatasetInfo", "BATCH"]

T = TypeVar("T")

#: How long the driver keeps re-running a transaction that failed transiently
#: (a deadlock, a leader switch) before giving up; a server that is down is
#: reported after this too.
RETRY_SECONDS = 10.0
#: A commit announced this long ago is from a writer that died (see
#: ``cypher/guard_announce.cypher``); readers stop waiting for it. Far above
#: the longest commit measured (~60 s for 10⁶ elements).
STALE_MS = 10 * 60 * 1000
#: How long a reader sleeps before looking again at a commit in progress.
WAIT_SECONDS = 0.05


@dataclass(frozen=True)
class DatasetInfo:
    """One loaded dataset: element counts per level (top to bottom), links, when and from where."""

    name: str
    counts: dict[str, int] = field(hash=False)
    links: int
    loaded_at: str | None
    source: str | None
    schema: str = "default"

    @property
    def elements(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {"name": self.name, "elements": self.elements, "counts": dict(self.counts), "links": self.links,
                "loaded_at": self.loaded_at, "source": self.source, "schema": self.schema}


def _gap(row, schema: Schema) -> Gap:
    return Gap(row["id"], row["name"], schema.level(row["level"]), row["opd"], schema.level(row["reached"]),
               tuple(sorted(row["break_at"])))


def _node(row, schema: Schema) -> tuple[str, Level, str | None]:
    return (row["name"], schema.level(row["level"]), row["opd"])


def stored_schema(text: str | None, dataset: str) -> Schema:
    """The level schema stored with a dataset (datasets loaded before schemas have the default)."""
    if not text:
        return DEFAULT
    import json

    return schema_from_dict(json.loads(text), f"the schema stored with dataset {dataset!r}")


class SchemaMismatch(SchemaError):
    """An analysis asked with one level schema of a dataset loaded with another."""


def _reason(exc: Exception) -> str:
    """The driver's last word on a failed connection, on one line ("[Errno 111] Connection refused")."""
    lines = str(exc).strip().splitlines() or [type(exc).__name__]
    found = re.search(r"\(reason (.+)\)\s*$", lines[-1])
    return found.group(1) if found else lines[-1].strip()


class Neo4jStore:
    """Analyses on one dataset of a Neo4j database; also loads and lists datasets.

    >>> with Neo4jStore.connect(Neo4jSettings.from_env(), "tangerang") as store:  # doctest: +SKIP
    ...     store.load(cascade.read("seed/tangerang.xlsx"), replace=True)
    ...     [g.id for g in store.orphans()]
    """

    def __init__(self, driver, database: str, dataset: str, where: str = "Neo4j", schema: Schema | None = None):
        self._driver, self.database, self.dataset, self._where = driver, database, dataset, where
        self._asked = schema
        self._schema: Schema | None = None

    # -- connection ------------------------------------------------------

    @classmethod
    def connect(cls, settings: Neo4jSettings, dataset: str, schema: Schema | None = None) -> "Neo4jStore":
        """A store on ``settings.database``, verified to answer; raises :class:`DatabaseUnavailable`.

        ``schema`` is the level schema the caller expects; the dataset's own (stored when it
        was loaded) is used, and a different one given here is a :class:`SchemaMismatch`.
        """
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            driver = GraphDatabase.driver(settings.uri, auth=auth, notifications_min_severity="OFF",
                                          connection_timeout=15, max_transaction_retry_time=RETRY_SECONDS)
        except (errors.ConfigurationError, ValueError) as exc:
            raise DatabaseUnavailable(f"cannot use Neo4j URI {settings.uri!r}: {exc}") from exc
        store = cls(driver, settings.database, dataset, settings.describe(), schema)
        try:
            store.verify()
        except BaseException:
            store.close()
            raise
        return store

    def verify(self) -> None:
        """Connect, authenticate and open the database once, so failures show up front."""
        with self.session() as session:
            session.run(cypher.statement("dataset_names")).consume()

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _translated(self):
        """Driver errors that mean "no usable database" become one clear DatabaseUnavailable."""
        try:
            yield
        except errors.AuthError as exc:
            raise DatabaseUnavailable(f"Neo4j at {self._where} refused the credentials") from exc
        except (errors.ServiceUnavailable, errors.SessionExpired, OSError) as exc:
            raise DatabaseUnavailable(f"cannot reach Neo4j at {self._where}: {_reason(exc)}") from exc
        except errors.ClientError as exc:
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise DatabaseUnavailable(f"no database {self.database!r} at {self._where}") from exc
            raise

    @property
    def schema(self) -> Schema:
        """The dataset's level schema: the one it was loaded with (read once), else the one asked for."""
        if self._schema is None:
            stored = self.schema_of(self.dataset)
            if stored is not None and self._asked is not None and stored != self._asked:
                raise SchemaMismatch(
                    f"dataset {self.dataset!r} was loaded with level schema {stored.name!r}, not {self._asked.name!r}: "
                    f"leave out --schema (the dataset's own is used), or load it again with --schema {self._asked.name} --replace")
            self._schema = stored or self._asked or DEFAULT
        return self._schema

    @property
    def where(self) -> str:
        """Where this store connects, fit to print (no password)."""
        return self._where

    @contextmanager
    def session(self, write: bool = False):
        """A driver session on this store's database, for ad-hoc Cypher: errors translated,
        bookmarks shared with the analyses so they see what it wrote."""
        mode = WRITE_ACCESS if write else READ_ACCESS
        bookmarks = self._driver.execute_query_bookmark_manager
        with self._translated(), self._driver.session(
            database=self.database, default_access_mode=mode, bookmark_manager=bookmarks
        ) as session:
            yield session

    def _read(self, name: str, **params) -> list:
        """The records of statement ``name``, with the level parameters and the dataset filled in."""
        levels = self._schema or self._asked or DEFAULT
        values = {**cypher.defaults(levels), "dataset": self.dataset, **params}
        with self._translated():
            return self._driver.execute_query(
                cypher.statement(name), values, database_=self.database, routing_=RoutingControl.READ
            ).records

    # -- datasets --------------------------------------------------------

    def datasets(self) -> list[DatasetInfo]:
        """Every dataset loaded in this database, by name."""
        out = []
        for r in self._read("datasets"):
            levels = stored_schema(r["schema"], r["name"])
            have = dict(r["counts"])
            counts = {lv.name: have.get(lv.name, 0) for lv in levels}
            out.append(DatasetInfo(r["name"], counts, r["links"], r["loaded_at"], r["source"], levels.name))
        return out

    def _names(self) -> list[str]:
        return [r["name"] for r in self._read("dataset_names")]

    def exists(self) -> bool:
        """Whether this store's dataset is loaded."""
        return self.dataset in self._names()

    # -- consistent reads ------------------------------------------------

    def _state(self) -> tuple[bool, int, int]:
        """(loaded, guard version, writes committing now) of this store's dataset."""
        row = self._read("dataset_state", stale_ms=STALE_MS)[0]
        return row["loaded"], row["version"], row["committing"]

    def _consistent(self, work: Callable[[], T]) -> T:
        """``work()``'s answer from one committed state of the dataset, never part of a commit.

        Neo4j reads are read-committed: a read that runs while a load commits
        can see part of it. Loads announce their commit on the dataset's
        :DatasetGuard just before it and settle it just after; a read that
        started with no commit announced and ends with the guard unchanged saw
        no commit, otherwise it runs again (waiting while one is announced).
        """
        while True:
            loaded, version, committing = before = self._state()
            if not loaded:
                raise UnknownDataset(self.dataset, self._names())
            if committing:
                time.sleep(WAIT_SECONDS)
                continue
            answer = work()
            if self._state() == before:
                return answer

    def _guard(self, name: str, **params) -> None:
        """Run ``guard_announce`` or ``guard_settle`` in a transaction of its own (driver errors raw:
        the load that calls it reports them)."""
        with self._driver.session(database=self.database, default_access_mode=WRITE_ACCESS) as session:
            session.execute_write(run, name, {"dataset": self.dataset, **params})

    def _announce(self, token: str) -> None:
        self._guard("guard_announce", token=token, stale_ms=STALE_MS)

    def _settle(self, token: str) -> None:
        """Best effort: when the server is gone the token goes stale by itself (``STALE_MS``)."""
        try:
            self._guard("guard_settle", token=token)
        except (errors.Neo4jError, errors.DriverError, OSError):
            pass

    @contextmanager
    def _guarded_write(self):
        """A token for one write transaction, to :meth:`_announce` just before its commit; settled on exit."""
        token = uuid.uuid4().hex
        try:
            yield token
        except (errors.ServiceUnavailable, errors.SessionExpired, OSError):
            raise  # the server is gone: no use retrying; an announced token goes stale by itself
        except BaseException:
            self._settle(token)
            raise
        self._settle(token)

    # -- loading ---------------------------------------------------------

    def create_schema(self) -> None:
        """Create the constraints and indexes the store relies on, those missing only.

        Creating schema waits on every running write, so a load beside
        another load only reads it; each creation is a retried transaction.
        """
        with self.session(write=True) as session:
            have = {r["name"] for r in session.execute_read(lambda tx: list(tx.run(cypher.statement("schema_names"))))}
            for q in cypher.catalog():
                name = re.search(r"CREATE (?:CONSTRAINT|INDEX) (\w+)", q.text) if q.mode == "schema" else None
                if name and name.group(1) not in have:
                    session.execute_write(lambda tx, text=q.text: tx.run(text).consume())

    def load(self, cascade: Cascade, replace: bool = False, progress: Progress | None = None,
             *, batch_size: int = BATCH) -> LoadReport:
        """Write ``cascade`` into this store's dataset, all or nothing.

        Missing schema first, then ONE managed write transaction (retried on
        transient errors): the :Dataset node is stamped (a second load of the
        same dataset waits here for the first), elements are merged by
        (dataset, id) in ``UNWIND`` batches, then links; with ``replace`` what
        the source no longer has is deleted last. Without ``replace`` the
        source is merged into what is there, so loading the same source twice
        changes nothing. The commit is announced to readers (:meth:`_consistent`):
        analyses answer from the old content until the commit, the new after it.

        Any failure (server stopped, a refused batch) rolls the whole
        transaction back and leaves the dataset as it was. A dataset larger
        than the server's transaction memory fails the same way, with a
        :class:`LoadFailed` saying to raise ``db.memory.transaction.total.max``
        (and the heap); it is never half loaded. ``progress(done, total)`` is
        called after each batch, counting elements and links.
        """
        started = time.perf_counter()
        old = self.schema_of(self.dataset)
        if old is not None and old != cascade.schema and not replace:
            raise SchemaMismatch(
                f"dataset {self.dataset!r} holds level schema {old.name!r} and this source is read with "
                f"{cascade.schema.name!r}: load it with --replace to change the dataset's levels, or read it with "
                f"--schema {old.name}")
        labels = list(dict.fromkeys([lv.label for lv in cascade.schema] + [lv.label for lv in old or ()]))
        with self.session(write=True) as session, self._guarded_write() as token:
            try:
                self.create_schema()
                session.execute_write(write_cascade, self.dataset, cascade, replace, progress, batch_size,
                                      lambda: self._announce(token), labels)
            except errors.Neo4jError as exc:
                raise LoadFailed(explain(self.dataset, exc)) from exc
        self._schema = cascade.schema
        return LoadReport(self.dataset, len(cascade), len(cascade.links), time.perf_counter() - started)

    def schema_of(self, dataset: str) -> Schema | None:
        """The level schema ``dataset`` holds now (read afresh), or None when it is not loaded."""
        rows = self._read("dataset_levels", dataset=dataset)
        return stored_schema(rows[0]["schema"], dataset) if rows else None

    def drop(self) -> None:
        """Delete this store's dataset (elements, links and its :Dataset node) in one transaction."""
        def clear(tx) -> None:
            run(tx, "clear_dataset", {"dataset": self.dataset})
            self._announce(token)

        with self.session(write=True) as session, self._guarded_write() as token:
            session.execute_write(clear)

    # -- analyses --------------------------------------------------------

    def _analysis(self, name: str, **params) -> list:
        """The records of analysis ``name``, from one committed state of the dataset."""
        self.schema  # resolved (and checked) before the levels go in as parameters
        return self._consistent(lambda: self._read(name, **params))

    def orphans(self, level: str | Level | None = None, anchor: str | Level | None = None) -> list[Gap]:
        """Elements of ``level`` with no ancestor at ``anchor`` (``cypher/orphans.cypher``)."""
        s = self.schema
        anchor_lv, lv = check_span(anchor or s.strategy, level or s.process, "anchor", s)
        rows = self._analysis("orphans", level=lv.name, anchor=anchor_lv.name)
        return sorted((_gap(r, s) for r in rows), key=lambda g: sort_key(g.level, g.id))

    def unbacked(self, level: str | Level | None = None, target: str | Level | None = None) -> list[Gap]:
        """Elements of ``level`` with no descendant at ``target`` (``cypher/unbacked.cypher``)."""
        s = self.schema
        lv, target_lv = check_span(level or s.strategy, target or s.process, "level", s)
        rows = self._analysis("unbacked", level=lv.name, target=target_lv.name)
        return sorted((_gap(r, s) for r in rows), key=lambda g: sort_key(g.level, g.id))

    def trace(self, element_id: str, direction: str = "down", depth: int | None = None) -> Trace:
        """The sub-graph below or above one element: breadth-first, one round trip per step
        (``cypher/trace_down.cypher``, ``trace_up``), so at most one per level."""
        if direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {DIRECTIONS}")
        return self._consistent(lambda: self._trace(element_id, direction, depth))

    def _trace(self, element_id: str, direction: str, depth: int | None) -> Trace:
        root = self._read("element", id=element_id)
        if not root:
            raise UnknownElement(element_id, self.dataset)
        schema = self.schema
        nodes = {element_id: _node(root[0], schema)}
        edges: list[tuple[str, str]] = []
        frontier, step = [element_id], 0
        while frontier:
            expand = depth is None or step < depth
            reached = []
            for r in self._read(f"trace_{direction}", ids=frontier):
                edges.append((r["source"], r["id"]))
                if expand and r["id"] not in nodes:
                    nodes[r["id"]] = _node(r, schema)
                    reached.append(r["id"])
            frontier, step = reached, step + 1
        return build_trace(element_id, direction, nodes, edges, schema)

    def coverage(self, by: str | None = None) -> Coverage:
        """Counts per level (and OPD) and the two shares, from one query (``cypher/coverage.cypher``)."""
        if by not in (None, "opd"):
            raise ValueError("coverage can be broken down by 'opd' only")
        schema = self.schema
        rows = self._analysis("coverage", by_opd=by == "opd")
        strategy, process = schema.strategy.name, schema.process.name
        return coverage_from_counts(
            ((r["level"], r["opd"], r["elements"], r["with_parent"], r["anchored"], r["with_child"]) for r in rows),
            ((r["opd"], r["linked"], r["elements"]) for r in rows if r["level"] == process),
            ((r["opd"], r["backed"], r["elements"]) for r in rows if r["level"] == strategy),
            by, schema,
        )

    def check(self) -> Findings:
        """Structural warnings, without places (``cypher/check.cypher``)."""
        schema = self.schema
        rows = self._analysis("check")
        return structural_findings(((r["code"], r["id"], r["level"], r["other"], r["other_level"]) for r in rows),
                                   None, schema)

