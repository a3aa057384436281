"""The Neo4j store against a real server: loading, datasets, plans, and failures."""

from __future__ import annotations

import datetime
import re
import socket

import pytest
from neo4j import GraphDatabase

import cascade
from cascade import cypher
from cascade.levels import LEVELS, level
from cascade.settings import Neo4jSettings
from cascade.stores.neo4j import DatabaseUnavailable, LoadFailed, Neo4jStore, UnknownDataset
from conftest import cascade_of, unique_dataset

SMALL = dict(vision="V", mission="M<V", strategy="S<M", program="G<S", process="P<G Q", application="A<P B")
OTHER = dict(goal="T", strategy="S1<T S2", process="P1<S1")
ANALYSES = ("orphans", "unbacked", "coverage", "check", "trace_down", "trace_up")


def info(store: Neo4jStore):
    """This store's entry in the dataset listing."""
    return next(d for d in store.datasets() if d.name == store.dataset)


def answers(store: Neo4jStore) -> tuple:
    return store.orphans(), store.unbacked(), store.coverage("opd"), store.check()


def scalar(settings: Neo4jSettings, query: str, **params) -> int:
    """One number from an ad-hoc query, as a user would run it."""
    auth = (settings.user, settings.password) if settings.password is not None else None
    with GraphDatabase.driver(settings.uri, auth=auth) as driver:
        return driver.execute_query(query, params, database_=settings.database).records[0][0]


def many(n: int, bad_last: bool = False):
    """A cascade of ``n`` processes under one program; with ``bad_last`` the last
    element carries a property value the server refuses (a map) — a real
    server error in the last batch."""
    c = cascade_of(program="G", process=" ".join(f"P{i}<G" for i in range(n)))
    if bad_last:
        c.elements[f"P{n - 1}"].attrs["note"] = {"not": "a string"}
    return c


# -- the statement catalog (no server needed) --------------------------------


def test_every_statement_declares_the_parameters_it_uses():
    for q in cypher.catalog():
        code = "\n".join(line for line in q.text.splitlines() if not line.lstrip().startswith("//"))
        used = set(re.findall(r"\$(\w+)", code))
        assert used == set(q.param_names), q.name
        assert q.mode in cypher.MODES and q.description


def test_statements_are_found_by_name():
    assert cypher.statement("orphans").startswith("// name: orphans")
    assert cypher.query("orphans").params[0] == cypher.Param("dataset", "string")
    with pytest.raises(cypher.UnknownQuery, match="known: .*orphans"):
        cypher.statement("no-such-query")


# -- loading -----------------------------------------------------------------


def test_load_reports_and_keeps_the_dataset_name_as_given(neo4j_store, neo4j_settings):
    name = "Kota Tangerang — RPJMD 2019–2023 (perubahan)"
    c = cascade_of(**SMALL)
    store = neo4j_store(dataset=name)
    report = store.load(c)
    assert (report.dataset, report.elements, report.links) == (name, len(c), len(c.links))
    assert store.dataset == name
    assert scalar(neo4j_settings, "MATCH (e:Element {dataset: $d}) RETURN count(e)", d=name) == len(c)
    process = level("process")
    labelled = f"MATCH (e:Element:{process.label} {{dataset: $d}}) RETURN count(e)"  # the label from the level list
    assert scalar(neo4j_settings, labelled, d=name) == sum(e.level == process for e in c)


def test_loading_the_same_source_twice_changes_nothing(neo4j_store, neo4j_settings):
    c = cascade_of(**SMALL)
    store = neo4j_store(c)
    before = (info(store).counts, info(store).links, answers(store))
    store.load(c)
    assert (info(store).counts, info(store).links, answers(store)) == before
    assert scalar(neo4j_settings, "MATCH (e:Element {dataset: $d})-[r]->() RETURN count(r)", d=store.dataset) == len(c.links)


def test_replace_swaps_the_content(neo4j_store):
    store = neo4j_store(cascade_of(**SMALL))
    other = cascade_of(**OTHER)
    store.load(other, replace=True)
    assert info(store).elements == len(other) and info(store).links == len(other.links)
    assert answers(store) == answers(neo4j_store(other))


def test_without_replace_a_source_is_merged_in(neo4j_store):
    store = neo4j_store(cascade_of(**SMALL))
    store.load(cascade_of(**OTHER, program="G"))  # G again, now without a parent
    assert info(store).elements == len(cascade_of(**SMALL)) + len(cascade_of(**OTHER))  # G is one element
    assert "S" in store.trace("G", "up").nodes  # a merge adds links and removes none


def test_an_element_that_changes_level_changes_label(neo4j_store, neo4j_settings):
    store = neo4j_store(cascade_of(program="X"))
    store.load(cascade_of(process="X"))
    labels = "MATCH (e:Element {dataset: $d, id: 'X'}) RETURN labels(e)"
    assert sorted(scalar(neo4j_settings, labels, d=store.dataset)) == ["Element", level("process").label]


def test_progress_counts_elements_and_links(neo4j_store):
    c = cascade_of(**SMALL)
    seen = []
    neo4j_store(c, progress=lambda done, total: seen.append((done, total)), batch_size=3)
    total = len(c) + len(c.links)
    assert seen[-1] == (total, total) and len(seen) > 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_load_failing_in_a_late_batch_leaves_the_previous_content(neo4j_store):
    store = neo4j_store(cascade_of(**SMALL))
    before = (info(store), answers(store))
    seen = []
    with pytest.raises(LoadFailed, match="rolled back"):
        store.load(many(50, bad_last=True), replace=True, progress=lambda d, t: seen.append(d), batch_size=10)
    assert seen == [10, 20, 30, 40, 50]  # five batches went through before the server refused the sixth
    assert (info(store), answers(store)) == before


def test_datasets_lists_every_load(neo4j_store, tmp_path):
    source = tmp_path / "kota.yaml"
    source.write_text("strategi:\n  - {kode: S1, uraian: s}\nprogram:\n  - {kode: G1, uraian: g, induk: S1}\n", encoding="utf-8")
    first = neo4j_store(cascade.read(source))
    second = neo4j_store(cascade_of(**SMALL))
    listed = {d.name: d for d in first.datasets()}
    assert listed[first.dataset].counts == {lv.name: {"strategy": 1, "program": 1}.get(lv.name, 0) for lv in LEVELS}
    assert listed[first.dataset].source == str(source) and listed[first.dataset].links == 1
    assert listed[second.dataset].elements == len(cascade_of(**SMALL))
    loaded = datetime.datetime.fromisoformat(listed[second.dataset].loaded_at)
    assert abs(datetime.datetime.now(datetime.timezone.utc) - loaded) < datetime.timedelta(minutes=5)


def test_an_unknown_dataset_names_the_loaded_ones(neo4j_store):
    loaded = neo4j_store(cascade_of(**SMALL))
    missing = neo4j_store(dataset=unique_dataset())
    assert not missing.exists() and loaded.exists()
    with pytest.raises(UnknownDataset) as raised:
        missing.orphans()
    assert loaded.dataset in raised.value.loaded and loaded.dataset in str(raised.value)
    loaded.drop()
    assert not loaded.exists()


# -- plans -------------------------------------------------------------------


def operators(plan: dict):
    yield plan["operatorType"].split("@")[0]
    for child in plan.get("children", ()):
        yield from operators(child)


def test_no_analysis_enumerates_paths(neo4j_store, neo4j_settings):
    neo4j_store(cascade_of(**SMALL))  # labels, types and keys exist, as in real use
    auth = (neo4j_settings.user, neo4j_settings.password) if neo4j_settings.password is not None else None
    params = {**cypher.defaults(), "dataset": "x", "level": "process", "anchor": "strategy", "target": "process",
              "by_opd": True, "ids": ["x"], "id": "x", "stale_ms": 1}
    reads = [q for q in cypher.catalog() if q.mode == "read"]
    assert set(ANALYSES) <= {q.name for q in reads}
    with GraphDatabase.driver(neo4j_settings.uri, auth=auth, notifications_min_severity="OFF") as driver:
        for q in reads:
            plan = driver.execute_query("EXPLAIN " + q.text, params, database_=neo4j_settings.database).summary.plan
            ops = set(operators(plan))
            assert "VarLengthExpand(All)" not in ops, q.name
            if re.search(r"\[:\w+\*", q.text):  # a variable-length pattern: it must be the pruning expand
                assert any("Pruning" in op for op in ops), (q.name, ops)


# -- connection failures -----------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_server_is_one_clear_error_without_the_password():
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{closed_port()}", password="s3cret-pw")
    with pytest.raises(DatabaseUnavailable, match="cannot reach Neo4j at bolt://127.0.0.1") as raised:
        Neo4jStore.connect(settings, "x")
    assert "s3cret-pw" not in str(raised.value) and "\n" not in str(raised.value)


def test_a_bad_uri_is_a_database_error():
    with pytest.raises(DatabaseUnavailable, match="cannot use Neo4j URI"):
        Neo4jStore.connect(Neo4jSettings(uri="ftp://example.org"), "x")


def test_a_missing_database_is_named(neo4j_settings):
    settings = Neo4jSettings(neo4j_settings.uri, neo4j_settings.user, neo4j_settings.password, "nosuchdatabase")
    with pytest.raises(DatabaseUnavailable, match="no database 'nosuchdatabase'"):
        Neo4jStore.connect(settings, "x")


def test_a_server_stopped_mid_load_leaves_the_previous_content(neo4j_server, neo4j_settings):
    """Kill -9 the server during a load, start it again: the old content is there, whole."""
    if neo4j_server is None:
        pytest.skip("needs the server this test run started (it is killed and restarted)")
    name = unique_dataset()
    with Neo4jStore.connect(neo4j_settings, name) as store:
        store.load(cascade_of(**SMALL))
        before = (info(store), answers(store))
        driver = GraphDatabase.driver(neo4j_settings.uri, max_transaction_retry_time=1)
        doomed = Neo4jStore(driver, neo4j_settings.database, name)

        def crash(done, total):
            if neo4j_server.is_running():
                neo4j_server.kill()

        try:
            with pytest.raises(DatabaseUnavailable):
                doomed.load(many(100), replace=True, progress=crash, batch_size=10)
        finally:
            doomed.close()
            neo4j_server.restart()
    with Neo4jStore.connect(neo4j_settings, name) as store:
        assert (info(store), answers(store)) == before
        store.drop()
