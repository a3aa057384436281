"""Fixtures for tests that need a real Neo4j — never a mock.

``NEO4J_URI`` (with ``NEO4J_USERNAME``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``)
names a server to use; without it the run starts one Neo4j Community server
with ``scripts/neo4j_server.py`` (Java 17 + Maven) and stops it at the end.
When that is impossible the Neo4j tests are skipped with a reason — except
under ``CASCADE_REQUIRE_NEO4J=1`` (CI), where they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import cascade
from cascade.settings import Neo4jSettings

ROOT = Path(__file__).resolve().parent.parent
SERVER_SCRIPT = ROOT / "scripts" / "neo4j_server.py"
HOW_TO_RUN = (
    "to run the Neo4j tests, install Java 17 and Maven (the run then starts Neo4j itself), "
    "or point NEO4J_URI (and NEO4J_USERNAME/NEO4J_PASSWORD) at a Neo4j 5.26+ server"
)


def _no_neo4j(reason: str):
    """Skip — or, where Neo4j is mandatory (CI), fail."""
    if os.environ.get("CASCADE_REQUIRE_NEO4J") == "1":
        pytest.fail(f"Neo4j is required here (CASCADE_REQUIRE_NEO4J=1) but unavailable: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j: {reason}; {HOW_TO_RUN}")


def _server_module():
    """scripts/neo4j_server.py (scripts/ is not a package; the module needs only the standard library)."""
    sys.path.insert(0, str(SERVER_SCRIPT.parent))
    import neo4j_server

    return neo4j_server


@pytest.fixture(scope="session")
def neo4j_server():
    """The Neo4j this run started (to kill/restart in tests), or None with ``NEO4J_URI`` set."""
    if os.environ.get("NEO4J_URI"):
        yield None
        return
    module = _server_module()
    try:
        server = module.start(heap="2g", pagecache="512m")  # the load under readers writes 10⁵ elements at once
    except module.Neo4jError as exc:
        _no_neo4j(str(exc).splitlines()[0])
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_server) -> str:
    return neo4j_server.uri if neo4j_server is not None else os.environ["NEO4J_URI"]


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server, neo4j_uri) -> Neo4jSettings:
    """Settings for the test server: the environment's, or our own server's (auth off)."""
    if neo4j_server is None:
        return Neo4jSettings.from_env()
    return Neo4jSettings(uri=neo4j_uri)


@pytest.fixture
def neo4j_env(neo4j_settings) -> dict:
    """The environment a ``cascade`` command needs to reach the test server (its password too, if any)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    given = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USERNAME": neo4j_settings.user,
             "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}
    return {**env, **{k: v for k, v in given.items() if v is not None}}


@pytest.fixture
def neo4j_cli(neo4j_env):
    """Run ``cascade ARGS…`` as a planner types it, against the test server."""
    def run(*args, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "cascade", *map(str, args)], capture_output=True, text=True,
                              env=neo4j_env, cwd=ROOT, timeout=timeout)

    return run


def cascade_of(schema=None, **levels: str) -> cascade.Cascade:
    """A cascade from ``process="P<G Q R@Bappeda<G1,G2"``: ids, ``@opd``, parents after ``<``
    (levels by name or alias of ``schema``, default ``default``)."""
    data = {}
    for lv, spec in levels.items():
        records = []
        for token in spec.split():
            head, _, parents = token.partition("<")
            eid, _, opd = head.partition("@")
            records.append({"id": eid, "name": f"{lv} {eid}", "opd": opd or None, "parent": parents.split(",") if parents else []})
        data[lv] = records
    return cascade.from_records(data, "conformance", schema=schema)


def unique_dataset() -> str:
    return f"test {uuid.uuid4().hex[:10]}"


@pytest.fixture
def neo4j_store(neo4j_settings):
    """``make(cascade=None, dataset=None)``: a Neo4jStore on a fresh dataset, dropped after the test."""
    from cascade.stores.neo4j import Neo4jStore

    made = []

    def make(cascade=None, dataset: str | None = None, **load):
        store = Neo4jStore.connect(neo4j_settings, dataset or unique_dataset())
        made.append(store)
        if cascade is not None:
            store.load(cascade, **load)
        return store

    yield make
    for store in made:
        try:
            store.drop()
        finally:
            store.close()


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    """``make(cascade)``: a store holding ``cascade`` — embedded, or loaded into Neo4j."""
    if request.param == "memory":
        return lambda c: cascade.store_of(c)
    return request.getfixturevalue("neo4j_store")


def pytest_collection_modifyitems(items):
    """Anything that uses the Neo4j fixtures is a ``neo4j`` test (``-m "not neo4j"`` skips them)."""
    for item in items:
        if {"neo4j_uri", "neo4j_settings", "neo4j_store", "neo4j_server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)
