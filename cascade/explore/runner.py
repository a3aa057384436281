"""Running ad-hoc Cypher on a loaded graph: read-only unless asked, bounded in time.

>>> with Explorer.connect(Neo4jSettings.from_env(), "tangerang") as ex:  # doctest: +SKIP
...     result = ex.run("MATCH (s:Strategy {dataset: $dataset, version: $version}) RETURN count(s) AS n")
...     result.rows
[[21]]

Every statement is first ``EXPLAIN``-ed and refused when its plan writes,
changes the schema or reaches outside the database (:mod:`.guard`), then runs
in a READ transaction with the timeout as the driver's transaction timeout.
Values travel as parameters; ``$dataset`` is the explorer's dataset (or the
only one loaded) and ``$version`` its published version, and the parameters that come from :mod:`cascade.levels`
(``$rank``, ``$labels``…, see :func:`cascade.cypher.defaults`) are always there.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from neo4j import READ_ACCESS, WRITE_ACCESS, Query
from neo4j import exceptions as errors

from .. import cypher
from ..errors import UsageError
from ..settings import Neo4jSettings
from ..stores.neo4j import DatabaseUnavailable, Neo4jStore, UnknownDataset
from . import DEFAULT_TIMEOUT
from .errors import CypherError, MissingParameter, QueryTimeout
from .guard import Refused, reasons
from .params import Expression
from .statements import parameters

__all__ = ["Explorer", "Result"]


_PROBE = "EXPLAIN "
#: What the server says of ``EXPLAIN PROFILE …``: the text is a PROFILE, as the server reads it.
_PROFILED = "conflicting values for execution mode"
_COUNTERS = (
    "nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set",
    "labels_added", "labels_removed", "indexes_added", "indexes_removed", "constraints_added",
    "constraints_removed", "system_updates",
)


@dataclass
class Result:
    """What one statement returned: its columns, its rows of driver values, and what it changed."""

    statement: str
    columns: list[str]
    rows: list[list]
    query_type: str | None = None
    counters: dict[str, int] = field(default_factory=dict)
    milliseconds: int = 0


class Explorer:
    """Ad-hoc statements on one Neo4j database; ``dataset`` fills ``$dataset`` (None: the only one loaded)."""

    def __init__(self, store: Neo4jStore, dataset: str | None = None, *, write: bool = False,
                 timeout: float | None = DEFAULT_TIMEOUT):
        self.store, self.dataset, self.write = store, dataset, write
        self.timeout = timeout or None
        self._loaded: list[str] | None = None

    @classmethod
    def connect(cls, settings: Neo4jSettings, dataset: str | None = None, **options) -> "Explorer":
        """An explorer on ``settings.database``, verified to answer; raises DatabaseUnavailable."""
        return cls(Neo4jStore.connect(settings, dataset or ""), dataset, **options)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Explorer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def where(self) -> str:
        return self.store._where

    # -- datasets ----------------------------------------------------------

    def loaded(self, refresh: bool = False) -> list[str]:
        """The names of the datasets loaded in this database."""
        if self._loaded is None or refresh:
            result = self._run(cypher.statement("dataset_names"), {}, check=False)
            self._loaded = [row[0] for row in result.rows]
        return self._loaded

    def current_dataset(self) -> str:
        """The dataset ``$dataset`` stands for: the one chosen, else the only one loaded."""
        loaded = self.loaded()
        if self.dataset is not None:
            if self.dataset not in loaded and self.dataset not in self.loaded(refresh=True):
                raise UnknownDataset(self.dataset, self._loaded or [])
            return self.dataset
        if len(loaded) == 1:
            return loaded[0]
        if not loaded:
            raise MissingParameter("this query uses $dataset but nothing is loaded yet (cascade load PATH --dataset NAME)")
        raise MissingParameter(f"this query uses $dataset: choose one with --dataset NAME (loaded: {', '.join(loaded)})")

    # -- running -----------------------------------------------------------

    def _levels(self, used: set, given: dict | None):
        """The level schema of the dataset a query is about, when it uses level parameters."""
        from ..levels import DEFAULT

        if not used & set(cypher.defaults()):
            return DEFAULT
        try:
            dataset = (given or {}).get("dataset") or self.current_dataset()
        except (MissingParameter, UnknownDataset):
            return DEFAULT
        return self.store.schema_of(dataset) or DEFAULT

    def parameters(self, text: str, given: dict | None = None) -> dict:
        """The values ``text`` runs with: level parameters (from the dataset's level schema),
        ``$dataset`` and ``$version`` (its published version), then ``given`` (which wins)."""
        used = parameters(text)
        values = {**cypher.defaults(self._levels(used, given)), **(given or {})}
        if ("dataset" in used or "version" in used) and "dataset" not in values:
            values["dataset"] = self.current_dataset()
        if "version" in used and "version" not in values:
            values["version"] = self.store.published_version(values["dataset"])
        missing = sorted(used - set(values))
        if missing:
            listed = ", ".join(f"${m}" for m in missing)
            raise MissingParameter(f"the query uses {listed}: give a value with --param {missing[0]}=VALUE")
        return values

    def evaluate(self, expression: str, given: dict | None = None) -> object:
        """The value of a Cypher expression the user wrote (cypher-shell's ``:param x => expression``),
        computed by the server as ``RETURN expression``, read-only and checked like any ad-hoc statement;
        ``given``: the parameters it may use."""
        result = self.run(f"RETURN\n{expression}\nAS value", given)
        if len(result.columns) != 1 or len(result.rows) != 1:
            raise UsageError(f"{expression!r} is not one value (it gave {len(result.rows)} rows of "
                             f"{len(result.columns)} columns): a parameter is one expression")
        return result.rows[0][0]

    def evaluated(self, given: dict) -> dict:
        """``given`` with each :class:`~.params.Expression` replaced by its value, in order (a later one may
        use an earlier one); an expression under a key starting with ``{`` is a map that sets several."""
        values: dict = {}
        for name, value in given.items():
            if not isinstance(value, Expression):
                values[name] = value
                continue
            found = self.evaluate(value.text, values)
            if not name.startswith("{"):
                values[name] = found
            elif isinstance(found, dict):
                values.update(found)
            else:
                raise UsageError(f"{value.text!r} is not a map: write {{name: expression, ...}}, or name => expression")
        return values

    def run(self, text: str, given: dict | None = None, *, line: int = 1) -> Result:
        """Run one statement (``line``: where it starts in its file, for error positions)."""
        return self._run(text, self.parameters(text, given), line=line)

    def _run(self, text: str, values: dict, *, check: bool = True, line: int = 1) -> Result:
        with self._session() as session:
            if check and not self.write:
                self._refuse_unsafe(session, text, values, line)
            started = time.perf_counter()
            with self._explained(text, 0, line):
                result = session.run(Query(text, timeout=self.timeout), values)
                columns = list(result.keys())
                rows = [list(record.values()) for record in result]
                summary = result.consume()
        counters = {name.replace("_", " "): n for name in _COUNTERS if (n := getattr(summary.counters, name, 0))}
        return Result(text, columns, rows, summary.query_type, counters, round((time.perf_counter() - started) * 1000))

    def _refuse_unsafe(self, session, text: str, values: dict, line: int) -> None:
        """EXPLAIN the exact text (nothing runs) and raise :class:`Refused` when the server's plan is not
        read-only. The server alone reads the text: an ``EXPLAIN`` of an ``EXPLAIN`` is the same plan,
        and a statement the server takes for a ``PROFILE`` (which would run it) is refused, however its
        comments and line ends are written."""
        try:
            with self._explained(text, len(_PROBE), line):
                summary = session.run(Query(_PROBE + text, timeout=self.timeout), values).consume()
        except CypherError as exc:
            if _PROFILED in exc.message:
                raise Refused(["PROFILE runs the statement before its plan can be checked: EXPLAIN it to see the "
                               "plan, or run it without PROFILE"]) from exc
            raise
        why = reasons(summary.query_type, summary.plan)
        if why:
            raise Refused(why)

    @contextmanager
    def _session(self):
        """A session in READ mode (WRITE with ``write``); connection failures become DatabaseUnavailable."""
        store = self.store
        mode = WRITE_ACCESS if self.write else READ_ACCESS
        with store._translated(), store._driver.session(database=store.database, default_access_mode=mode) as session:
            yield session

    @contextmanager
    def _explained(self, text: str, shift: int, line: int):
        """The server's refusals as this package's errors, positions relative to ``text``."""
        try:
            yield
        except errors.ClientError as exc:
            code = exc.code or ""
            if code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
                raise QueryTimeout(self.timeout) from exc
            if code == "Neo.ClientError.Statement.AccessMode":
                raise Refused(["the server refused a write in a read transaction"]) from exc
            if code == "Neo.ClientError.Database.DatabaseNotFound":
                raise
            raise CypherError(exc.message or str(exc), text, shift, line) from exc
        except errors.TransientError as exc:
            if "TransactionTimedOut" in (exc.code or "") or "Terminated" in (exc.code or ""):
                raise QueryTimeout(self.timeout) from exc
            raise DatabaseUnavailable(f"Neo4j at {self.where} could not finish the query: {exc.message or exc}") from exc
        except errors.DatabaseError as exc:
            raise DatabaseUnavailable(f"Neo4j at {self.where} failed the query: {exc.message or exc}") from exc
