"""The Python API: the same verbs as the command line, on a cascade or a store.

>>> import cascade
>>> c = cascade.read(cascade.seed_path())
>>> [g.id for g in cascade.orphans(c)][:3]
['PB-019', 'PB-020', 'PB-046']

Every analysis takes either a :class:`~cascade.model.Cascade` (answered
embedded, in memory) or a store such as the Neo4j store (answered there).
Every command has its twin here with the same name and options (``connect``,
``load``, ``datasets``, ``report``, ``export``, ``cypher`` and ``query``
need a Neo4j server, the rest do not). The module is long because each
function carries its documentation; it holds no logic of its own.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Iterable

from .analysis import Coverage, Gap, Trace
from .baseline import Register, Status, current_findings, read_register, write_register
from .check import Findings
from .plan_diff import Diff, diff as _diff
from .retirement import Impact, Redundancy, impact as _impact, redundant as _redundant
from .levels import Level, Schema, schema as as_schema
from .model import Cascade, Element, Finding, InvalidCascade
from .sources import read
from .sources.assemble import assemble
from .sources.inspect import Inspection, inspect as _inspect
from .sources.mapping import tables_from_mapping
from .sources.readings import write_reading
from .stores.base import Store

__all__ = ["read", "from_records", "check", "orphans", "unbacked", "trace", "coverage", "findings", "store_of",
           "schema", "inspect", "write_mapping", "elements", "links", "diff", "impact", "redundant", "baseline_init",
           "baseline_status", "fixed_store", "connect", "load", "datasets", "report", "export", "cypher", "query"]


def store_of(subject: "Cascade | Store") -> Store:
    """The store that answers for ``subject``: a cascade's embedded store (made once, kept with it),
    or the store itself.

    >>> c = from_records({"strategy": [{"id": "S1", "name": "s"}]})
    >>> store_of(c) is store_of(c), type(store_of(c)).__name__
    (True, 'MemoryStore')
    """
    if not isinstance(subject, Cascade):
        return subject
    if subject._store is None:
        from .stores.memory import MemoryStore

        subject._store = MemoryStore(subject)
    return subject._store


def fixed_store(subject: "Cascade | Store") -> Store:
    """:func:`store_of`, held to one version when the store has several (Neo4j), for work that asks
    it more than one question: every answer then comes from the same version."""
    store = store_of(subject)
    fixed = getattr(store, "fixed", None)
    return fixed() if fixed is not None else store


def schema(spec: "str | os.PathLike | Schema | None" = None) -> Schema:
    """The level schema ``spec`` names: a preset (``default``, ``rpjmd``, ``pohon-kinerja``) or a file
    (``cascade levels`` on the command line).

    >>> [lv.name for lv in schema("pohon-kinerja")]
    ['strategic', 'tactical', 'operational', 'process', 'application']
    """
    return as_schema(spec)


def inspect(path: str | os.PathLike, schema: "str | Schema | None" = None,
            mapping: "str | os.PathLike | None" = None) -> Inspection:
    """How a source is read: per sheet or file its layout (one level, links, cascading matrix),
    header rows and columns, the elements per level, what was ignored and why, and any errors.

    >>> found = inspect(seed_path())
    >>> found.layouts[0].kind, found.counts["application"]
    ('one level: vision', 196)
    """
    return _inspect(path, schema, mapping)


def write_mapping(found: Inspection, path: str | os.PathLike) -> Path:
    """Write an :func:`inspect` reading as a mapping file to correct and give back as ``mapping=``."""
    return write_reading(found, path)


def from_records(data: dict, name: str = "records", schema: "str | Schema | None" = None) -> Cascade:
    """A validated cascade from ``{level: [records], "links": [...]}``, as in a YAML source.

    >>> c = from_records({"sasaran": [{"id": "SS1", "name": "Meningkatnya kualitas layanan"}],
    ...                   "program": [{"id": "1.02.02", "name": "Program Pemenuhan Upaya Kesehatan"}]},
    ...                  schema="rpjmd")
    >>> [(e.id, e.level.name) for e in c]
    [('SS1', 'objective'), ('1.02.02', 'program')]
    """
    schema = as_schema(schema)
    return assemble(tables_from_mapping(data, name, schema=schema), name, name, schema=schema)


def check(path: str | os.PathLike, schema: "str | Schema | None" = None,
          mapping: "str | os.PathLike | None" = None) -> Findings:
    """Every finding for a source: read errors, notices and structural warnings.

    Parameters: ``path`` a workbook, CSV folder or YAML/JSON file; ``schema`` a preset or file;
    ``mapping`` a corrected mapping file. Returns :class:`~cascade.check.Findings` (each made
    when read, so the first hundred of a hundred thousand cost a hundred messages). Never raises
    for the source's own problems: errors come back as findings.

    >>> found = check(seed_path())
    >>> sorted({f.code for f in found})[:3]
    ['ignored-sheet', 'level-skip', 'no-children']
    """
    try:
        c = read(path, schema=schema, mapping=mapping)
    except InvalidCascade as exc:
        return Findings.of(exc.findings, as_schema(schema))
    return c.findings + store_of(c).check()


def findings(subject: "Cascade | Store") -> list[Finding]:
    """Structural warnings of a loaded cascade or store (level skips, no parent, unanchored, no children).

    Returns a :class:`~cascade.check.Findings`, ordered by level, id and code.

    >>> [f.code for f in findings(from_records({"program": [{"id": "G", "name": "g"}]}))]
    ['no-parent', 'no-children']
    """
    return store_of(subject).check()


def orphans(subject: "Cascade | Store", level: str | Level | None = None, anchor: str | Level | None = None) -> list[Gap]:
    """Elements of ``level`` with no ancestor at ``anchor``: processes with no strategic link by default.

    Parameters: ``level`` and ``anchor`` level names, aliases or :class:`~cascade.levels.Level`
    (defaults: the schema's process and strategy roles). Returns :class:`~cascade.analysis.Gap`
    rows by level, then id, with ``reached`` and ``break_at``. Raises
    :class:`~cascade.errors.UsageError` when ``anchor`` is not above ``level``.

    >>> [(g.id, g.break_at) for g in orphans(read(seed_path()))][:2]
    [('PB-019', ('2.08.02',)), ('PB-020', ('2.08.02',))]
    """
    return store_of(subject).orphans(level, anchor)


def unbacked(subject: "Cascade | Store", level: str | Level | None = None, target: str | Level | None = None) -> list[Gap]:
    """Elements of ``level`` with no descendant at ``target``: strategies with no process by default.

    Parameters and result as :func:`orphans`, downward.

    >>> [g.id for g in unbacked(read(seed_path()))]
    ['S1.3.2', 'S2.1.3', 'S2.2.2']
    """
    return store_of(subject).unbacked(level, target)


def trace(subject: "Cascade | Store", element_id: str, direction: str = "down", depth: int | None = None) -> Trace:
    """The sub-graph below (``down``) or above (``up``) one element, at most ``depth`` links away.

    Returns a :class:`~cascade.analysis.Trace` (``.tree()``, ``.paths()``). Raises
    :class:`~cascade.stores.base.UnknownElement` for an id not in the dataset.

    >>> trace(read(seed_path()), "APL-001", "up").paths()[0]
    ['APL-001', 'PB-001', '1.01.02', 'S1.1.1', 'T1.1', 'M1', 'V1']
    """
    return store_of(subject).trace(element_id, direction, depth)


def coverage(subject: "Cascade | Store", by: str | None = None) -> Coverage:
    """Counts per level (``by="opd"``: per OPD too) and the shares of linked processes and backed strategies.

    Returns a :class:`~cascade.analysis.Coverage`.

    >>> str(coverage(read(seed_path())).process_linked[None])
    '67/75 (89%)'
    """
    return store_of(subject).coverage(by)


def elements(subject: "Cascade | Store") -> list[Element]:
    """Every element of ``subject`` with its attributes and source place (from Neo4j: of the version read).

    >>> len(elements(read(seed_path())))
    344
    """
    return list(store_of(subject).elements())


def links(subject: "Cascade | Store") -> list[tuple[str, str]]:
    """Every link of ``subject`` as (parent id, child id).

    >>> ("V1", "M1") in links(read(seed_path()))
    True
    """
    return store_of(subject).links()


def diff(old: "Cascade | Store", new: "Cascade | Store") -> Diff:
    """What changed from ``old`` to ``new``: elements added, removed and changed (field by field, old → new),
    links added and removed (as sets), and per finding kind the findings new, resolved and persisting.

    Either side may be a source read embedded or a (kept version of a) dataset in Neo4j.

    >>> old = read(seed_path())
    >>> diff(old, old).unchanged
    True
    """
    return _diff(old, new)


def impact(subject: "Cascade | Store", ids: "str | Iterable[str]") -> Impact:
    """The findings that would newly appear if the elements ``ids`` (a list, or ``"A,B"``) and their links
    were removed, nothing re-parented; each with the retired elements its support ran through.

    >>> hit = impact(read(seed_path()), "1.01.02")
    >>> hit.to_dict()["new_orphans"], hit.lost["unbacked"][0].via
    (['PB-001', 'PB-002', 'PB-003', 'PB-004'], ('1.01.02',))
    """
    return _impact(subject, ids)


def redundant(subject: "Cascade | Store") -> list[Redundancy]:
    """Applications that serve exactly the same non-empty set of processes (rationalisation candidates).

    Returns :class:`~cascade.retirement.Redundancy` groups, by their first application.

    >>> redundant(read(seed_path()))[0].to_dict()
    {'applications': ['APL-001', 'APL-002', 'APL-003'], 'processes': ['PB-001']}
    """
    return _redundant(subject)


def baseline_init(subject: "Cascade | Store", path: "str | os.PathLike") -> Path:
    """Write an accepted-exceptions register with one entry per finding of ``subject`` today (reason, owner
    and until empty, to fill in). Returns the path; an existing file is never overwritten
    (:class:`~cascade.baseline.RegisterError`).

    >>> import tempfile, pathlib
    >>> out = baseline_init(read(seed_path()), pathlib.Path(tempfile.mkdtemp()) / "pengecualian.yaml")
    >>> len(read_register(out).entries)
    57
    """
    found = current_findings(fixed_store(subject))
    source = subject.source if isinstance(subject, Cascade) else None
    return write_register({k: ids for k, ids in found.items() if ids}, path,
                          str(source) if source else f"dataset {store_of(subject).dataset!r}")


def baseline_status(subject: "Cascade | Store", register: "str | os.PathLike | Register",
                    as_of: "date | None" = None) -> Status:
    """An accepted-exceptions register (a path or a :class:`~cascade.baseline.Register`) against
    ``subject``'s findings, as of ``as_of`` (default today). Returns a
    :class:`~cascade.baseline.Status`; raises :class:`~cascade.baseline.RegisterError` (with the
    line) for a malformed register.

    >>> from cascade.baseline import parse_register
    >>> reg = parse_register("exceptions: [{kind: orphans, id: PB-019, until: 2030-01-01}]", "reg.yaml")
    >>> baseline_status(read(seed_path()), reg).accepted
    [('orphans', 'PB-019')]
    """
    reg = register if isinstance(register, Register) else read_register(register)
    return reg.status(current_findings(fixed_store(subject)), as_of)


# -- Neo4j ---------------------------------------------------------------------


def _settings(uri=None, user=None, password=None, database=None):
    from .settings import Neo4jSettings

    return Neo4jSettings.from_env(uri, user, password, database)


def connect(dataset: str | None = None, *, version: "int | str | None" = None, schema: "str | Schema | None" = None,
            uri: str | None = None, user: str | None = None, password: str | None = None,
            database: str | None = None):
    """A Neo4j store on one dataset, to pass to any analysis here (the ``--dataset`` of every command).

    Parameters: ``dataset`` its name (default: the only one loaded, else ``default``); ``version`` a kept version (a number, or ``"previous"``: the one
    published before), default the published one; ``schema`` the level schema expected (default: the
    dataset's own); ``uri``, ``user``, ``password``, ``database`` default to ``NEO4J_URI``,
    ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. Returns a
    :class:`~cascade.stores.neo4j.Neo4jStore` (a context manager: close it). Raises
    :class:`~cascade.stores.base.DatabaseUnavailable` when the server cannot be used.

    >>> with connect("tangerang") as store:            # doctest: +SKIP
    ...     [g.id for g in orphans(store)][:1]
    ['PB-019']
    """
    from .stores.neo4j import Neo4jStore

    return Neo4jStore.connect(_settings(uri, user, password, database), dataset,
                              as_schema(schema) if schema is not None else None, version)


def load(source: "str | os.PathLike | Cascade", dataset: str | None = None, *, schema: "str | Schema | None" = None,
         mapping: "str | os.PathLike | None" = None, keep: int | None = None, batch_size: int | None = None,
         progress=None, phase=None, uri: str | None = None, user: str | None = None, password: str | None = None,
         database: str | None = None):
    """Validate ``source`` (a path, or a cascade already read) and load it into Neo4j as a new version of
    ``dataset`` (default: the source's name), published only when whole (``cascade load``).

    Parameters: ``keep`` published versions kept (default 2, for :func:`diff`); ``batch_size`` rows per
    committed write (default 10,000); ``progress(done, total)`` called per batch, ``phase(what)`` when the
    batches are done and the version is being published; the connection as in
    :func:`connect`. Returns a :class:`~cascade.stores.neo4j_load.LoadReport` (version, counts, time).
    Raises :class:`~cascade.model.InvalidCascade` for a source with errors (nothing is loaded),
    :class:`~cascade.stores.base.LoadFailed` or :class:`~cascade.stores.base.DatabaseUnavailable`
    when the load cannot be published (the version published before stays).

    >>> load(seed_path(), "tangerang").version         # doctest: +SKIP
    1
    """
    from .stores.base import BATCH, KEEP

    c = source if isinstance(source, Cascade) else read(source, name=dataset, schema=schema, mapping=mapping)
    with connect(dataset or c.name, uri=uri, user=user, password=password, database=database) as store:
        return store.load(c, progress=progress, batch_size=batch_size or BATCH, keep=keep or KEEP, phase=phase)


def datasets(*, clean: bool = False, uri: str | None = None, user: str | None = None, password: str | None = None,
             database: str | None = None):
    """What is in Neo4j: every dataset with its versions, newest first (``cascade datasets``); ``clean``
    deletes failed versions first. Returns :class:`~cascade.stores.neo4j_datasets.DatasetInfo` records.

    >>> [(d.name, d.version) for d in datasets()]       # doctest: +SKIP
    [('tangerang', 2)]
    """
    with connect("", uri=uri, user=user, password=password, database=database) as store:
        if clean:
            store.clean_failed()
        return store.datasets()


def report(subject: "Cascade | Store", *out: "str | os.PathLike", lang: str = "id",
           against: "Cascade | Store | None" = None, register: "str | os.PathLike | Register | None" = None,
           as_of: "date | None" = None, generated: str | None = None):
    """Every analysis of ``subject`` in one :class:`~cascade.report.Report`, written to each of ``out``
    (the format follows the extension: .html, .xlsx, .md, .json, .xml, .sarif) in ``lang``.

    ``against`` adds what changed since that version (:func:`diff`); ``register`` keeps the accepted
    exceptions apart. Returns the report (its ``found()`` is what ``--fail-on`` gates).

    >>> import tempfile, pathlib
    >>> r = report(read(seed_path()), pathlib.Path(tempfile.mkdtemp()) / "laporan.md")
    >>> len(r.strategies), len(r.gaps["orphans"])
    (21, 8)
    """
    from dataclasses import replace

    from .outfiles import refuse_inputs
    from .report import build_report, write_report

    refuse_inputs(out, [getattr(subject, "source", None)])
    built = build_report(subject, generated=generated)
    if against is not None:
        built = replace(built, changes=_diff(against, subject))
    if register is not None:
        built = built.with_register(register if isinstance(register, Register) else read_register(register), as_of)
    for path in out:
        write_report(built, path, lang)
    return built


def export(subject: "Cascade | Store", fmt: str = "graphml") -> str:
    """The whole cascade as text for other tools: ``graphml``, ``gexf``, ``json``, ``mermaid`` or ``dot``.

    >>> export(from_records({"strategy": [{"id": "S1", "name": "s"}]}), "dot").splitlines()[0]
    'digraph cascade {'
    """
    from .export import graph_of, to_text

    return to_text(graph_of(subject), fmt)


def cypher(statement: str, params: dict | None = None, *, dataset: str | None = None, write: bool = False,
           timeout: float | None = None, uri: str | None = None, user: str | None = None,
           password: str | None = None, database: str | None = None):
    """Run one ad-hoc Cypher statement (``cascade cypher``): read-only unless ``write``, values only as
    ``params``; ``$dataset`` (and ``$version``) are filled from ``dataset`` or the only one loaded.

    Returns a :class:`~cascade.explore.runner.Result` (columns, rows). Raises
    :class:`~cascade.explore.errors.Refused` for a statement that would write without ``write``,
    :class:`~cascade.explore.errors.CypherError` for one the server refuses.

    >>> cypher("MATCH (s:Strategy {dataset: $dataset, version: $version}) RETURN count(s) AS n",
    ...        dataset="tangerang").rows                 # doctest: +SKIP
    [[21]]
    """
    from .explore import DEFAULT_TIMEOUT, Explorer

    with Explorer.connect(_settings(uri, user, password, database), dataset, write=write,
                          timeout=DEFAULT_TIMEOUT if timeout is None else timeout) as explorer:
        return explorer.run(statement, params)


def query(name: str, params: dict | None = None, *, queries: "str | os.PathLike | None" = None, **options):
    """Run a named query (``cascade query``): an analysis from ``cypher/``, the exploration library, or
    a ``.cypher`` file of the folder ``queries``; ``options`` as in :func:`cypher`. Returns a
    :class:`~cascade.explore.runner.Result`; raises :class:`~cascade.explore.errors.UnknownNamedQuery`.

    >>> query("orphan_processes_by_opd", dataset="tangerang").columns   # doctest: +SKIP
    ['opd', 'orphans', 'processes']
    """
    from .explore import find, user_dirs

    return cypher(find(name, user_dirs(queries)).query.text, params, **options)


def seed_path() -> Path:
    """The illustrative Kota Tangerang workbook shipped with cascade."""
    from .resources import seed_file

    return seed_file("tangerang.xlsx")
