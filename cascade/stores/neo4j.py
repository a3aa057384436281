"""The Neo4j store: a dataset loaded into a real Neo4j, answered there.

Every statement is a file in ``cypher/`` run by name (:mod:`cascade.cypher`);
user values travel as parameters and labels come only from the level list.
The Cypher finds the sets (set-based reachability, never path by path); the
result objects are built here by the same code the memory store uses
(:mod:`cascade.analysis`, :mod:`cascade.check`), so both stores return equal
answers. Each element keeps its source place (file, sheet, row), so findings and
reports read back from Neo4j say where to fix a row.

Datasets are versioned (:mod:`.neo4j_load`): every element carries its
dataset and version, and each analysis resolves the dataset's published
version once and reads only it.

The module is one class on purpose: the connection, the dataset's versions and
the analyses are the one object a user holds; the load itself is
:mod:`.neo4j_load`, the records ``cascade datasets`` lists :mod:`.neo4j_datasets`.

Needs Neo4j 5.26 or later (dynamic labels, ``CALL (x) {…}``); any edition,
a cluster or Aura.
"""

from __future__ import annotations

import re
import json
from contextlib import contextmanager
from typing import Iterator, Sequence

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, RoutingControl
from neo4j import exceptions as errors

from .. import cypher
from ..analysis import Coverage, Gap, Trace, build_trace, check_span, coverage_from_counts, sort_key
from ..check import Findings, structural_findings
from ..errors import UsageError
from ..levels import DEFAULT, Level, Schema, SchemaError
from ..model import Cascade, Element, Place
from ..settings import Neo4jSettings
from .base import (
    BATCH, DIRECTIONS, KEEP, DatabaseUnavailable, UnknownDataset, UnknownElement, UnknownVersion, default_dataset, near,
)
from .neo4j_datasets import DatasetInfo, VersionInfo, stored_schema
from .neo4j_load import STALE_SECONDS, LoadFailed, LoadReport, Phase, Progress, explain, run, write_version

__all__ = ["Neo4jStore", "DatabaseUnavailable", "UnknownDataset", "LoadFailed", "LoadReport", "DatasetInfo", "VersionInfo",
           "BATCH", "KEEP"]


#: How long the driver keeps re-running a transaction that failed transiently
#: (a deadlock, a leader switch) before giving up; a server that is down is
#: reported after this too.
RETRY_SECONDS = 10.0
#: Sessions an analysis is split over (``orphans``, ``unbacked`` by slices of the elements, ``coverage``
#: by its four sets), so the server works on several cores at once. Measured at 10⁶ on a 2-core server
#: (bench/README.md, "Analyses at 10⁶"): coverage by OPD 3.0 s in 2 sessions, 2.9 s in 3, 3.0 s in 4
#: (4.6 s in one); 3 also lets a server with more cores use them.
PARALLEL = 3
#: Ids read to suggest the closest one for an id not in the dataset (only on that error).
NEAR_CANDIDATES = 50_000


def _gaps(records, schema: Schema) -> list[Gap]:
    """Gaps from the records of ``orphans``/``unbacked`` (each holds a list of [id, name, level, opd,
    reached, break_at]), sorted by level and id; each level name is looked up once (a national
    dataset has tens of thousands of gaps)."""
    levels = {lv.name: lv for lv in schema}
    gaps = [Gap(i, name, levels[level], opd, levels[reached], tuple(sorted(break_at)))
            for (found,) in records for i, name, level, opd, reached, break_at in found]
    return sorted(gaps, key=lambda g: sort_key(g.level, g.id))


def _place(props: dict) -> Place | None:
    """An element's source place, taken out of its properties (None for data loaded without one)."""
    file, sheet, row = props.pop("place_file", None), props.pop("place_sheet", None), props.pop("place_row", None)
    return Place(file, sheet, row) if file is not None else None


def _node(row, schema: Schema) -> tuple[str, Level, str | None]:
    return (row["name"], schema.level(row["level"]), row["opd"])


def _summed(rows, keys: tuple[str, ...]) -> list[dict]:
    """Rows with the same ``keys`` added up, column by column (the pieces of one count, run apart)."""
    total: dict[tuple, dict] = {}
    for r in rows:
        key = tuple(r[k] for k in keys)
        into = total.setdefault(key, {k: r[k] for k in keys})
        for column, value in r.items():
            if column not in keys:
                into[column] = into.get(column, 0) + value
    return list(total.values())


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
    ...     store.load(cascade.read("seed/tangerang.xlsx"))
    ...     [g.id for g in store.orphans()]
    """

    def __init__(self, driver, database: str, dataset: str, where: str = "Neo4j", schema: Schema | None = None,
                 version: "int | str | None" = None):
        self._driver, self.database, self.dataset, self._where = driver, database, dataset, where
        self._asked = schema
        self._pinned = version
        self._schema: Schema | None = None
        self._schema_version: int | None = None

    # -- connection ------------------------------------------------------

    @classmethod
    def connect(cls, settings: Neo4jSettings, dataset: str | None, schema: Schema | None = None,
                version: "int | str | None" = None) -> "Neo4jStore":
        """A store on ``settings.database``, verified to answer; raises :class:`DatabaseUnavailable`.

        ``dataset`` None is the only dataset loaded, else ``default`` (:func:`~.base.default_dataset`).

        ``schema`` is the level schema the caller expects; the dataset's own (stored when it
        was loaded) is used, and a different one given here is a :class:`SchemaMismatch`.
        ``version`` makes the analyses read that kept version (a number, or ``"previous"``: the
        newest one published before the current) instead of the published one, as ``diff`` does.
        """
        refusal = settings.refusal()
        if refusal is not None:
            raise DatabaseUnavailable(refusal)
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            driver = GraphDatabase.driver(settings.uri, auth=auth, notifications_min_severity="OFF",
                                          connection_timeout=15, max_transaction_retry_time=RETRY_SECONDS)
        except (errors.ConfigurationError, ValueError) as exc:
            raise DatabaseUnavailable(f"cannot use Neo4j URI {settings.uri!r}: {exc}") from exc
        store = cls(driver, settings.database, dataset or "", settings.describe(), schema, version)
        try:
            store.verify()
            if dataset is None:
                store.dataset = default_dataset(store.names())
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
        except errors.ClientError as exc:   # AuthError is one
            if exc.code == "Neo.ClientError.Security.CredentialsExpired":
                raise DatabaseUnavailable(
                    f"Neo4j at {self._where} asks for this user's password to be changed before first use: "
                    "open Neo4j Browser and log in (it asks for a new password), or run "
                    "cypher-shell -d system \"ALTER CURRENT USER SET PASSWORD FROM 'old' TO 'new'\"; then set "
                    "NEO4J_PASSWORD to the new one") from exc
            if isinstance(exc, errors.AuthError):
                raise DatabaseUnavailable(f"Neo4j at {self._where} refused the credentials") from exc
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise DatabaseUnavailable(
                    f"no database {self.database!r} at {self._where} (-d/--database names the Neo4j database, as in "
                    f"cypher-shell; a dataset is chosen with --dataset {self.database})") from exc
            raise
        except (errors.ServiceUnavailable, errors.SessionExpired, OSError) as exc:
            raise DatabaseUnavailable(f"cannot reach Neo4j at {self._where}: {_reason(exc)}") from exc

    @property
    def schema(self) -> Schema:
        """The level schema of the dataset's published version, else (nothing published) the one asked for."""
        if self._schema is None:
            try:
                self._published()
            except UnknownDataset:
                return self._asked or DEFAULT
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

    # -- versions ----------------------------------------------------------

    def _published(self) -> int:
        """The version analyses read: the dataset's published one, resolved once per analysis.

        A reader never waits on a loader and never sees a mixture: a load
        writes a version nobody reads until it is published whole.
        """
        version, text = self._publication(self.dataset) if self._pinned is None else self._kept(self._pinned)
        if self._schema is None or self._schema_version != version:
            self._schema, self._schema_version = self._checked(stored_schema(text, self.dataset)), version
        return version

    def _kept(self, version: "int | str") -> tuple[int, str | None]:
        """(version, its schema as JSON) of a kept version of this dataset; :class:`UnknownVersion` if none."""
        kept = [v.version for v in self._versions() if v.state in ("published", "old")]
        if version == "previous":
            published = self._publication(self.dataset)[0]
            version = max((v for v in kept if v < published), default="previous")
        rows = self._read("dataset_version", version=version) if isinstance(version, int) else []
        if not rows:
            if not kept and not self.exists():
                raise UnknownDataset(self.dataset, self.names())
            raise UnknownVersion(self.dataset, version, kept)
        return rows[0]["version"], rows[0]["schema"]

    @property
    def version(self) -> int:
        """The version this store's analyses read (the published one unless another was asked for)."""
        return self._published()

    @property
    def source(self) -> str | None:
        """Where the version read was loaded from (as the loader named it)."""
        version = self._published()
        return next((v.source for v in self._versions() if v.version == version), None)

    def fixed(self) -> "Neo4jStore":
        """This store held to the version it reads now, on the same connection (do not close it: close
        this one), so that several analyses — a diff, a report — all read one version even if a load
        publishes another meanwhile."""
        version = self._published()
        store = Neo4jStore(self._driver, self.database, self.dataset, self._where, self._asked, version)
        store._schema, store._schema_version = self._schema, version
        return store

    def _checked(self, stored: Schema) -> Schema:
        if self._asked is not None and stored != self._asked:
            raise SchemaMismatch(
                f"dataset {self.dataset!r} was loaded with level schema {stored.name!r}, not {self._asked.name!r}: "
                f"leave out --schema (the dataset's own is used), or load it again with --schema {self._asked.name}")
        return stored

    # -- datasets --------------------------------------------------------

    def datasets(self) -> list[DatasetInfo]:
        """Every dataset in this database, by name, each with its versions (newest first)."""
        grouped: dict[str, list[VersionInfo]] = {}
        for r in self._read("datasets", stale_seconds=STALE_SECONDS):
            levels = stored_schema(r["schema"], r["name"])
            have = json.loads(r["counts"]) if r["counts"] else {}
            counts = {lv.name: have.get(lv.name, 0) for lv in levels}
            grouped.setdefault(r["name"], []).append(VersionInfo(
                r["version"], r["state"], counts, r["links"] or 0, r["written"] or 0, levels.name, r["source"],
                r["started_at"], r["published_at"], r["reason"]))
        return [DatasetInfo(name, tuple(versions)) for name, versions in grouped.items()]

    def _versions(self) -> tuple[VersionInfo, ...]:
        """This store's dataset's versions, newest first."""
        return next((d.versions for d in self.datasets() if d.name == self.dataset), ())

    def names(self) -> list[str]:
        """The datasets of this database that have a published version."""
        return [r["name"] for r in self._read("dataset_names")]

    def exists(self) -> bool:
        """Whether this store's dataset has a published version."""
        return self.dataset in self.names()

    # -- loading ---------------------------------------------------------

    def create_schema(self) -> None:
        """Create the constraints and indexes the store relies on, those missing only, and drop
        those of databases loaded before versions.

        Creating schema waits on every running write, so a load beside
        another load only reads it; each creation is a retried transaction.
        """
        with self.session(write=True) as session:
            have = {r["name"] for r in session.execute_read(lambda tx: list(tx.run(cypher.statement("schema_names"))))}
            for q in cypher.catalog():
                name = re.search(r"^(CREATE|DROP) (?:CONSTRAINT|INDEX) (\w+)", q.text, re.M) if q.mode == "schema" else None
                if name and (name.group(2) in have) == (name.group(1) == "DROP"):
                    session.execute_write(lambda tx, text=q.text: tx.run(text).consume())

    def load(self, cascade: Cascade, replace: bool = True, progress: Progress | None = None,
             *, batch_size: int = BATCH, keep: int = KEEP, phase: "Phase | None" = None) -> LoadReport:
        """Write ``cascade`` as a new version of this store's dataset and publish it.

        The version is written in committed batches of at most ``batch_size``
        rows (server memory does not grow with the dataset) and published by
        moving the dataset's pointer in one small transaction once every batch
        has committed and been counted. Analyses read the published version
        only: they answer from the old version until the publish, from the new
        one after it, never from a mixture, and never wait. A load that fails
        (server stopped, a refused batch) publishes nothing: :class:`LoadFailed`
        or :class:`DatabaseUnavailable`, the version before stays published.
        Of two loads of one dataset at once, the one started last is published.
        Afterwards failed versions are deleted and the last ``keep`` published
        versions kept (for ``cascade diff``). ``progress(done, total)`` is
        called after each batch, counting elements and links; ``phase(what)`` when the batches are done
        (publishing, removing old versions), so a progress display does not sit full. Every load holds
        exactly its source (``replace`` is kept for old callers; a version is
        always whole).
        """
        if keep < 1:
            raise UsageError("keep must be at least 1: the published version is always kept")
        if self._pinned is not None:
            raise UsageError(f"this store reads version {self._pinned} of {self.dataset!r}: open one without a version to load")
        if re.search(r"@(\d+|previous)$", self.dataset):
            raise UsageError(f"dataset name {self.dataset!r} ends like a version (NAME@N names version N of NAME): "
                             "choose another with --dataset")
        self.create_schema()
        try:
            report = write_version(lambda: self.session(write=True), self.dataset, cascade, progress, batch_size,
                                   phase=phase)
        except errors.Neo4jError as exc:
            raise LoadFailed(explain(self.dataset, exc)) from exc
        self._schema, self._schema_version = cascade.schema, report.version
        if phase:
            phase("removing old and failed versions")
        self.clean(keep)
        return report

    def clean(self, keep: int = KEEP) -> list[int]:
        """Delete this dataset's failed versions (and those of loaders that died) and published ones
        beyond the last ``keep``, each in batches; the versions deleted."""
        versions = self._versions()
        done = [v.version for v in versions if v.state == "failed"]
        done += [v.version for v in versions if v.state in ("published", "old")][keep:]
        for version in done:
            self._delete_version(self.dataset, version)
        return sorted(done)

    def clean_failed(self) -> dict[str, list[int]]:
        """Delete every dataset's failed versions (``cascade datasets --clean``); per dataset, those deleted."""
        done: dict[str, list[int]] = {}
        for info in self.datasets():
            for v in info.versions:
                if v.state == "failed":
                    self._delete_version(info.name, v.version)
                    done.setdefault(info.name, []).append(v.version)
        return done

    def _delete_version(self, dataset: str, version: int) -> None:
        with self.session(write=True) as session:
            params = {"dataset": dataset, "version": version}
            session.run(cypher.statement("version_delete_elements"), {**params, "batch": BATCH}).consume()
            session.execute_write(run, "version_delete", params)

    def _publication(self, dataset: str, required: bool = True) -> tuple[int, str | None] | None:
        """(published version, its level schema as JSON) of ``dataset``; when none is published,
        :class:`UnknownDataset` (or None, when not ``required``)."""
        rows = self._read("dataset_published", dataset=dataset)
        if rows:
            return rows[0]["version"], rows[0]["schema"]
        if required:
            raise UnknownDataset(dataset, self.names())
        return None

    def published_version(self, dataset: str) -> int:
        """The version of ``dataset`` analyses read now; :class:`UnknownDataset` when none is published."""
        return self._publication(dataset)[0]

    def schema_of(self, dataset: str) -> Schema | None:
        """The level schema of ``dataset``'s published version (read afresh), or None when none is published."""
        found = self._publication(dataset, required=False)
        return stored_schema(found[1], dataset) if found else None

    def drop(self) -> None:
        """Take this store's dataset out of use at once, then delete its versions in batches
        (a version still being loaded is left to its loader)."""
        with self.session(write=True) as session:
            session.execute_write(run, "dataset_unpublish", {"dataset": self.dataset})
        for v in self._versions():
            if v.state != "loading":
                self._delete_version(self.dataset, v.version)

    # -- analyses --------------------------------------------------------

    def _analysis(self, name: str, **params) -> list:
        """The records of analysis ``name``, from the published version (resolved first, with its levels)."""
        version = self._published()
        return self._read(name, version=version, **params)

    def _side_by_side(self, name: str, pieces: list[dict], **params) -> list:
        """The records of analysis ``name`` run once per piece of ``pieces`` (each its own parameters),
        in :data:`PARALLEL` sessions at once, all on the one published version resolved first."""
        version = self._published()
        if len(pieces) == 1:
            return self._read(name, version=version, **params, **pieces[0])
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(min(PARALLEL, len(pieces))) as pool:
            done = pool.map(lambda piece: self._read(name, version=version, **params, **piece), pieces)
            return [r for rows in done for r in rows]

    def _sliced(self, name: str, **params) -> list:
        """Analysis ``name`` over :data:`PARALLEL` slices of its elements, side by side."""
        return self._side_by_side(name, [{"slice": i, "slices": PARALLEL} for i in range(PARALLEL)], **params)

    def orphans(self, level: str | Level | None = None, anchor: str | Level | None = None) -> list[Gap]:
        """Elements of ``level`` with no ancestor at ``anchor`` (``cypher/orphans.cypher``)."""
        s = self.schema
        anchor_lv, lv = check_span(anchor or s.strategy, level or s.process, "anchor", s)
        rows = self._sliced("orphans", level=lv.name, anchor=anchor_lv.name)
        return _gaps(rows, s)

    def unbacked(self, level: str | Level | None = None, target: str | Level | None = None) -> list[Gap]:
        """Elements of ``level`` with no descendant at ``target`` (``cypher/unbacked.cypher``)."""
        s = self.schema
        lv, target_lv = check_span(level or s.strategy, target or s.process, "level", s)
        rows = self._sliced("unbacked", level=lv.name, target=target_lv.name)
        return _gaps(rows, s)

    def trace(self, element_id: str, direction: str = "down", depth: int | None = None) -> Trace:
        """The sub-graph below or above one element: breadth-first, one round trip per step
        (``cypher/trace_down.cypher``, ``trace_up``), so at most one per level."""
        if direction not in DIRECTIONS:
            raise UsageError(f"direction must be one of {DIRECTIONS}")
        return self._trace(self._published(), element_id, direction, depth)

    def _trace(self, version: int, element_id: str, direction: str, depth: int | None) -> Trace:
        root = self._read("element", version=version, id=element_id)
        if not root:
            raise self._unknown(version, element_id)
        schema = self.schema
        nodes = {element_id: _node(root[0], schema)}
        edges: list[tuple[str, str]] = []
        frontier, step = [element_id], 0
        while frontier:
            expand = depth is None or step < depth
            reached = []
            for r in self._read(f"trace_{direction}", version=version, ids=frontier):
                edges.append((r["source"], r["id"]))
                if expand and r["id"] not in nodes:
                    nodes[r["id"]] = _node(r, schema)
                    reached.append(r["id"])
            frontier, step = reached, step + 1
        return build_trace(element_id, direction, nodes, edges, schema, depth is not None)

    def _unknown(self, version: int, element_id: str) -> UnknownElement:
        """The error for an id not in the version, with the closest ids that begin with its first character."""
        rows = self._read("element_ids_like", version=version, start=element_id[:1], limit=NEAR_CANDIDATES)
        return UnknownElement(element_id, self.dataset, near(element_id, (r["id"] for r in rows)))

    def coverage(self, by: str | None = None) -> Coverage:
        """Counts per level (and OPD) and the two shares (``cypher/coverage.cypher``, its four sets side by side)."""
        if by not in (None, "opd"):
            raise UsageError("coverage can be broken down by 'opd' only")
        schema = self.schema
        pieces = [{"branch": b} for b in ("anchored", "linked", "counts", "backed")]   # the longest first
        sets = self._side_by_side("coverage", pieces, by_opd=by == "opd")
        rows = _summed(sets, ("level", "opd"))
        strategy, process = schema.strategy.name, schema.process.name
        return coverage_from_counts(
            ((r["level"], r["opd"], r["elements"], r["with_parent"], r["anchored"], r["with_child"]) for r in rows),
            ((r["opd"], r["linked"], r["elements"]) for r in rows if r["level"] == process),
            ((r["opd"], r["backed"], r["elements"]) for r in rows if r["level"] == strategy),
            by, schema,
        )

    def elements(self) -> Iterator[Element]:
        """Every element of the version read, with its attributes (``cypher/elements.cypher``)."""
        schema = self.schema
        for r in self._analysis("elements"):
            level = schema.level(r["level"])
            for props in r["elements"]:
                for key in ("dataset", "version", "level"):
                    props.pop(key, None)
                eid, name, opd = props.pop("id"), props.pop("name", None), props.pop("opd", None)
                yield Element(eid, name, level, opd, props, _place(props))

    def links(self) -> list[tuple[str, str]]:
        """Every link of the version read (``cypher/dataset_links.cypher``)."""
        return [(parent, child) for r in self._analysis("dataset_links") for parent, child in r["links"]]

    def lost_support(self, analysis: str, level: Level, far: Level, retired: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
        """What loses its anchor (``cypher/lost_orphans.cypher``) or backing (``lost_unbacked``)
        without ``retired``: one query per kind, starting from the retired elements."""
        version = self._published()
        retired = list(dict.fromkeys(retired))
        present = {r["id"] for r in self._read("elements_present", version=version, ids=retired)}
        for i in retired:
            if i not in present:
                raise self._unknown(version, i)
        far_key = "anchor" if analysis == "orphans" else "target"
        rows = self._read(f"lost_{analysis}", version=version, level=level.name, retired=retired,
                          **{far_key: far.name})
        return sorted((r["id"], tuple(sorted(r["via"]))) for r in rows)

    def same_parents(self, level: Level, by: Level) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """Elements of ``level`` grouped by their parents at ``by``, groups of two or more
        (``cypher/same_parents.cypher``: grouped on the server)."""
        rows = self._analysis("same_parents", level=level.name, by=by.name)
        return [(tuple(sorted(r["members"])), tuple(sorted(r["parents"]))) for r in rows]

    def check(self) -> Findings:
        """Structural warnings, each with the source place stored with its element (``cypher/check.cypher``:
        one record per kind, its findings collected)."""
        schema = self.schema
        rows = [(code, *found) for code, kind in self._analysis("check") for found in kind]
        places = {r[1]: Place(r[5], r[6], r[7]) for r in rows if r[5] is not None}
        return structural_findings((r[:5] for r in rows), places, schema)

