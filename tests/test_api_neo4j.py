"""The Neo4j twins of the commands in ``cascade.api``: what their (skipped) doctests show, run for real."""

from __future__ import annotations

import pytest

import cascade
from cascade import api
from conftest import unique_dataset

pytestmark = pytest.mark.neo4j


@pytest.fixture
def loaded(neo4j_settings, neo4j_env, monkeypatch):
    for key, value in neo4j_env.items():
        if key.startswith("NEO4J_"):
            monkeypatch.setenv(key, value)
    name = unique_dataset()
    report = api.load(cascade.seed_path(), name)
    yield name, report
    with api.connect(name) as store:
        store.drop()


def test_load_datasets_connect_and_analyses(loaded):
    name, report = loaded
    assert report.dataset == name and report.elements == 344
    info = next(d for d in api.datasets() if d.name == name)
    assert info.version == report.version and info.elements == 344
    with api.connect(name) as store:
        assert [g.id for g in api.orphans(store)] == [g.id for g in api.orphans(cascade.read(cascade.seed_path()))]
    again = api.load(cascade.seed_path(), name)
    with api.connect(name, version="previous") as before, api.connect(name) as now:
        assert before.version == report.version and now.version == again.version
        assert api.diff(before, now).unchanged


def test_cypher_query_report_and_export(loaded, tmp_path):
    name, _ = loaded
    counted = api.cypher("MATCH (s:Strategy {dataset: $dataset, version: $version}) RETURN count(s) AS n", dataset=name)
    assert counted.rows == [[21]]
    by_opd = api.query("orphan_processes_by_opd", dataset=name)
    assert by_opd.columns == ["opd", "orphans", "processes"] and by_opd.rows   # as api.query's example says
    with pytest.raises(cascade.errors.UsageError):
        api.cypher("MATCH (n) DETACH DELETE n", dataset=name)
    with api.connect(name) as store:
        built = api.report(store, tmp_path / "laporan.html")
        assert len(built.strategies) == 21 and (tmp_path / "laporan.html").stat().st_size > 10_000
        assert "digraph" in api.export(store, "dot")
