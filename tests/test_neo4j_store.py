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
ANALYSES = ("orphans", "unbacked", "coverage", "check", "trace_down", "trace_up", "lost_orphans", "lost_unbacked",
            "same_parents", "elements", "dataset_links")


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
    v = report.version
    assert store.dataset == name and v == store.published_version(name)
    assert scalar(neo4j_settings, "MATCH (e:Element {dataset: $d, version: $v}) RETURN count(e)", d=name, v=v) == len(c)
    process = level("process")
    labelled = f"MATCH (e:Element:{process.label} {{dataset: $d, version: $v}}) RETURN count(e)"  # the label from the level list
    assert scalar(neo4j_settings, labelled, d=name, v=v) == sum(e.level == process for e in c)


def test_loading_the_same_source_twice_publishes_an_equal_second_version(neo4j_store, neo4j_settings):
    c = cascade_of(**SMALL)
    store = neo4j_store(c)
    before = (info(store).counts, info(store).links, answers(store))
    assert store.load(c).version == 2
    assert (info(store).counts, info(store).links, answers(store)) == before
    links = "MATCH (e:Element {dataset: $d, version: $v})-[r]->() RETURN count(r)"
    assert [scalar(neo4j_settings, links, d=store.dataset, v=v) for v in (1, 2)] == [len(c.links)] * 2
    assert [(v.version, v.state) for v in info(store).versions] == [(2, "published"), (1, "old")]


def test_every_load_holds_exactly_its_source(neo4j_store):
    store = neo4j_store(cascade_of(**SMALL))
    other = cascade_of(**OTHER, program="G")  # G again, now without a parent
    store.load(other)
    assert info(store).elements == len(other) and info(store).links == len(other.links)
    assert answers(store) == answers(neo4j_store(other))
    assert store.trace("G", "up").nodes.keys() == {"G"}  # nothing of the version before leaks in


def test_older_versions_beyond_keep_are_deleted(neo4j_store, neo4j_settings):
    store = neo4j_store(cascade_of(**SMALL))
    for _ in range(3):
        store.load(cascade_of(**OTHER))
    assert [(v.version, v.state) for v in info(store).versions] == [(4, "published"), (3, "old")]
    store.load(cascade_of(**SMALL), keep=1)
    assert [(v.version, v.state) for v in info(store).versions] == [(5, "published")]
    everything = "MATCH (e:Element {dataset: $d}) RETURN count(e)"
    assert scalar(neo4j_settings, everything, d=store.dataset) == len(cascade_of(**SMALL))


def test_an_element_that_changes_level_changes_label(neo4j_store, neo4j_settings):
    store = neo4j_store(cascade_of(program="X"))
    store.load(cascade_of(process="X"))
    labels = "MATCH (e:Element {dataset: $d, version: $v, id: 'X'}) RETURN labels(e)"
    assert sorted(scalar(neo4j_settings, labels, d=store.dataset, v=2)) == ["Element", level("process").label]


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
    with pytest.raises(LoadFailed, match="nothing was published"):
        store.load(many(50, bad_last=True), progress=lambda d, t: seen.append(d), batch_size=10)
    assert seen == [10, 20, 30, 40, 50]  # five batches committed before the server refused the sixth
    failed = info(store).versions[0]
    assert (failed.version, failed.state, failed.written) == (2, "failed", 0) and "Property values" in failed.reason
    assert info(store).versions[1:] == before[0].versions and answers(store) == before[1]
    store.load(cascade_of(**OTHER))  # the next load deletes the failed version
    assert [(v.version, v.state) for v in info(store).versions] == [(3, "published"), (1, "old")]


def test_a_load_stopped_by_the_user_publishes_nothing(neo4j_store):
    store = neo4j_store(cascade_of(**SMALL))
    before = answers(store)

    def interrupt(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.load(many(30), progress=interrupt, batch_size=10)
    assert answers(store) == before
    assert [(v.version, v.state, v.reason) for v in info(store).versions][0] == (2, "failed", "interrupted")


def test_of_two_loads_of_one_dataset_the_one_started_last_is_published(neo4j_store, neo4j_settings):
    store = neo4j_store(cascade_of(**SMALL))
    later = Neo4jStore.connect(neo4j_settings, store.dataset)

    def start_another(done, total):  # while the first load writes, a second one starts and publishes
        if done == 10:
            later.load(cascade_of(**OTHER))

    try:
        with pytest.raises(LoadFailed, match="a load started after this one was published first"):
            store.load(many(30), progress=start_another, batch_size=10)
    finally:
        later.close()
    assert answers(store) == answers(neo4j_store(cascade_of(**OTHER)))
    assert [(v.version, v.state) for v in info(store).versions] == [(3, "published"), (2, "failed"), (1, "old")]
    assert "published first" in info(store).versions[1].reason


def test_a_version_whose_loader_went_silent_shows_as_failed_and_is_cleaned(neo4j_store, neo4j_settings):
    store = neo4j_store(cascade_of(**SMALL))

    def die(done, total):  # the loader vanishes: nothing marks its version failed
        raise SystemExit

    with pytest.raises(SystemExit):
        store.load(many(30), progress=die, batch_size=10)
    auth = (neo4j_settings.user, neo4j_settings.password) if neo4j_settings.password is not None else None
    with GraphDatabase.driver(neo4j_settings.uri, auth=auth) as driver:  # as if it had died long ago
        driver.execute_query("MATCH (v:DatasetVersion {dataset: $d, version: 2}) "
                             "SET v.state = 'loading', v.heartbeat = datetime() - duration('PT1H')",
                             {"d": store.dataset}, database_=neo4j_settings.database)
    stalled = info(store).versions[0]
    assert (stalled.version, stalled.state) == (2, "failed") and "stopped" in stalled.reason
    assert store.clean_failed().get(store.dataset) == [2]   # other runs' failed versions are theirs
    assert [v.version for v in info(store).versions] == [1]
    assert scalar(neo4j_settings, "MATCH (e:Element {dataset: $d}) RETURN count(e)", d=store.dataset) == len(cascade_of(**SMALL))


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
              "by_opd": True, "ids": ["x"], "id": "x", "version": 1, "stale_seconds": 1, "retired": ["x", "y"],
              "by": "process"}
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
    with pytest.raises(DatabaseUnavailable, match="'ftp://example.org' is not a Bolt address"):
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
                doomed.load(many(100), progress=crash, batch_size=10)
        finally:
            doomed.close()
            neo4j_server.restart()
    with Neo4jStore.connect(neo4j_settings, name) as store:
        assert (info(store).versions[-1], answers(store)) == (before[0].versions[0], before[1])
        assert info(store).versions[0].state in ("loading", "failed")  # its loader was cut off: unseen, then stale
        store.drop()


# -- the commands, as a planner types them -------------------------------------


def test_load_and_datasets_commands_show_versions(neo4j_store, neo4j_cli):
    import json

    name = neo4j_store(dataset=unique_dataset()).dataset  # dropped after the test
    cli = neo4j_cli

    first = cli("load", "seed/tangerang.xlsx", "--dataset", name, "--batch-size", "50")
    assert first.returncode == 0 and f"loaded dataset {name} version 1: 344 elements, 368 links" in first.stderr
    again = cli("load", "seed/tangerang.xlsx", "--dataset", name, "--keep", "1", "--replace")  # --replace: old scripts
    assert again.returncode == 0 and "version 2" in again.stderr
    listed = {d["name"]: d for d in json.loads(cli("datasets", "--format", "json").stdout)}[name]
    assert (listed["version"], listed["elements"], listed["links"]) == (2, 344, 368)
    assert [(v["version"], v["state"]) for v in listed["versions"]] == [(2, "published")]
    table = cli("datasets")
    assert table.returncode == 0 and "published" in table.stdout and name[:10] in table.stdout
    assert cli("datasets", "--clean").returncode == 0
    bad = cli("load", "seed/tangerang.xlsx", "--dataset", name, "--keep", "0")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_level_skips_of_a_version_loaded_before_links_were_marked(neo4j_store, neo4j_settings):
    """A load marks each link that passes over a level (check finds them by index); a version loaded by an
    older cascade has no marks, and check then looks at every link — the same findings either way."""
    c = cascade.read(cascade.seed_path())
    store = neo4j_store(c)
    marked = store.check()
    assert sum(f.code == "level-skip" for f in marked) == 1
    auth = (neo4j_settings.user, neo4j_settings.password) if neo4j_settings.password is not None else None
    with GraphDatabase.driver(neo4j_settings.uri, auth=auth) as driver:
        flagged = driver.execute_query(
            "MATCH (p:Element {dataset: $d})-[r:CASCADES_TO]->(c) WHERE r.skips = true RETURN p.id AS p, c.id AS c",
            d=store.dataset, database_=neo4j_settings.database).records
        assert [(r["p"], r["c"]) for r in flagged] == [("T2.2", "1.05.03")]
        driver.execute_query("MATCH (v:DatasetVersion {dataset: $d}) REMOVE v.skips_marked "
                             "WITH v MATCH (:Element {dataset: $d})-[r:CASCADES_TO]->() REMOVE r.skips",
                             d=store.dataset, database_=neo4j_settings.database)
    assert list(store.check()) == list(marked) == list(cascade.findings(c))
