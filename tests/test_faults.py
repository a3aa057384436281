"""Faults against the real server: kill -9 of the server and of the loader mid-load, concurrent
loads, reads during a load, and a real deadlock retried by managed transactions. Never a mock."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase

import cascade
from cascade.settings import Neo4jSettings
from cascade.stores.neo4j import Neo4jStore
from cascade.synthetic import write_csv
from conftest import ROOT, _server_module, unique_dataset

pytestmark = pytest.mark.neo4j

ARTIFACTS = ROOT / "tests" / "artifacts"


def source(tmp: Path, name: str, n: int, seed: int) -> tuple[Path, cascade.Cascade]:
    d = tmp / name
    d.mkdir()
    write_csv(d, n, seed=seed)
    return d, cascade.read(d)


def expected(c: cascade.Cascade) -> tuple[frozenset, frozenset]:
    """What a dataset holding exactly ``c`` must read back: (id, level) pairs and links."""
    return (frozenset((e.id, e.level.name) for e in c), frozenset(c.links))


def snapshot(uri: str, dataset: str) -> dict:
    """Everything the published version of a dataset holds, read back with plain Cypher."""
    published = "MATCH (d:Dataset {name: $d}) WITH d.published AS v "
    with GraphDatabase.driver(uri) as driver:
        els = driver.execute_query(
            published + "MATCH (e:Element {dataset: $d, version: v}) RETURN e.id AS id, e.level AS level, "
            "e.name AS name, labels(e) AS labels", {"d": dataset}).records
        links = driver.execute_query(
            published + "MATCH (p:Element {dataset: $d, version: v})-[:CASCADES_TO]->(c:Element) "
            "RETURN p.id AS p, c.id AS c", {"d": dataset}).records
        ds = driver.execute_query("MATCH (x:Dataset {name: $d}) RETURN x.loaded_at AS at, x.source AS src, "
                                  "x.published AS v", {"d": dataset}).records
    return {
        "ids": frozenset((r["id"], r["level"]) for r in els),
        "names": frozenset((r["id"], r["name"], tuple(sorted(r["labels"]))) for r in els),
        "links": frozenset((r["p"], r["c"]) for r in links),
        "dataset": [(str(r["at"]), r["src"], r["v"]) for r in ds],
    }


def versions(uri: str, dataset: str) -> list[tuple[int, str]]:
    """(version, state) of each version of ``dataset``, newest first, as ``cascade datasets`` shows them."""
    with Neo4jStore.connect(Neo4jSettings(uri=uri), dataset) as store:
        return [(v.version, v.state) for d in store.datasets() if d.name == dataset for v in d.versions]


def answers(store) -> tuple:
    return store.orphans(), store.coverage()


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return subprocess.run([sys.executable, "-m", "cascade", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=timeout)


# -- kill -9 in the middle of a load ------------------------------------------


def test_kill_mid_load_leaves_the_published_version_and_a_rerun_converges(tmp_path):
    t0 = time.monotonic()
    old_dir, old = source(tmp_path, "old", 1_000, seed=1)
    new_dir, new = source(tmp_path, "new", 20_000, seed=2)
    module = _server_module()
    try:
        server = module.start(heap="768m", pagecache="128m")
    except module.Neo4jError as exc:
        pytest.skip(f"cannot start a second Neo4j: {str(exc).splitlines()[0]}")
    try:
        uri = server.uri
        done = cli("load", str(old_dir), "--dataset", "A", "--uri", uri)
        assert done.returncode == 0, done.stderr
        before = snapshot(uri, "A")
        assert (before["ids"], before["links"]) == expected(old)
        with Neo4jStore.connect(Neo4jSettings(uri=uri), "A") as store:
            old_answers = answers(store)
        assert old_answers == answers(cascade.store_of(old))

        loader = subprocess.Popen(
            [sys.executable, "-m", "cascade", "load", str(new_dir), "--dataset", "A", "--replace", "--uri", uri],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")})
        _wait_for_batches(uri, "A", loader, rows=10_000)   # one batch of the default 10k committed
        killed_at = time.monotonic()
        server.kill()
        out, err = loader.communicate(timeout=120)
        exit_after = time.monotonic() - killed_at
        print(f"\nkill -9 mid-load: load exited {loader.returncode} {exit_after:.1f}s after the kill; "
              f"stderr: {err.strip().splitlines()[-1] if err.strip() else ''!r}")
        assert loader.returncode == 3, err
        assert "Traceback" not in out + err
        lines = [line for line in err.splitlines() if line.strip() and "warnings (they do not stop" not in line]
        assert len(lines) == 1 and lines[0].startswith("database unavailable: cannot reach Neo4j at "), err

        server.restart()
        after = snapshot(uri, "A")
        assert after == before  # ids, levels, names, labels, links and the :Dataset stamp
        with Neo4jStore.connect(Neo4jSettings(uri=uri), "A") as store:
            assert answers(store) == old_answers
        cut_off, published = versions(uri, "A")  # the cut-off version, unseen: loading until it goes stale
        assert cut_off in ((2, "loading"), (2, "failed")) and published == (1, "published")

        again = cli("load", str(new_dir), "--dataset", "A", "--uri", uri)
        assert again.returncode == 0, again.stderr
        final = snapshot(uri, "A")
        assert (final["ids"], final["links"]) == expected(new)
        with Neo4jStore.connect(Neo4jSettings(uri=uri), "A") as store:
            assert answers(store) == answers(cascade.store_of(new))
            assert [d.elements for d in store.datasets() if d.name == "A"] == [len(new)]
    finally:
        server.stop(grace=15)
    print(f"kill test: {time.monotonic() - t0:.1f}s in all")


def _committed(driver, dataset: str) -> int:
    """Elements the loading version of ``dataset`` holds so far: only committed batches are visible."""
    rows = driver.execute_query(
        "MATCH (v:DatasetVersion {dataset: $d, state: 'loading'}) "
        "MATCH (e:Element {dataset: $d, version: v.version}) WHERE e.id IS NOT NULL RETURN count(e) AS n", d=dataset).records
    return rows[0]["n"] if rows else 0


def _wait_for_batches(uri: str, dataset: str, loader: subprocess.Popen, rows: int) -> None:
    """Return once ``loader`` has committed at least ``rows`` elements of its new version and is still
    writing: a condition on the database, polled, not a guess at how long a batch takes."""
    with GraphDatabase.driver(uri) as probe:
        deadline = time.monotonic() + 120
        while _committed(probe, dataset) < rows:
            assert loader.poll() is None, f"load finished before it could be killed: {loader.communicate()}"
            assert time.monotonic() < deadline, "the load never committed a batch"
            time.sleep(0.02)
    assert loader.poll() is None, "load finished before it could be killed"


def test_kill_9_of_the_loader_leaves_an_unseen_version_the_next_load_removes(tmp_path, neo4j_settings, neo4j_store,
                                                                          neo4j_env, neo4j_cli):
    _, old = source(tmp_path, "old", 1_000, seed=1)
    new_dir, new = source(tmp_path, "new", 40_000, seed=2)
    store = neo4j_store(old)
    uri, name = neo4j_settings.uri, store.dataset
    before, old_answers = snapshot(uri, name), answers(store)
    loader = subprocess.Popen([sys.executable, "-m", "cascade", "load", str(new_dir), "--dataset", name,
                               "--batch-size", "2000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                              env=neo4j_env)
    _wait_for_batches(uri, name, loader, rows=4_000)   # two batches of 2,000 committed
    loader.kill()
    loader.communicate(timeout=60)
    assert snapshot(uri, name) == before and answers(store) == old_answers
    assert versions(uri, name) == [(2, "loading"), (1, "published")]
    deadline = time.monotonic() + 120  # its heartbeat has stopped: soon it shows as failed
    while versions(uri, name)[0] != (2, "failed"):
        assert time.monotonic() < deadline, versions(uri, name)
        time.sleep(1)
    rerun = neo4j_cli("load", new_dir, "--dataset", name)
    assert rerun.returncode == 0, rerun.stderr
    assert versions(uri, name) == [(3, "published"), (1, "old")]  # the dead version is gone
    got = snapshot(uri, name)
    assert (got["ids"], got["links"]) == expected(new) and answers(store) == answers(cascade.store_of(new))
    leftovers = "MATCH (e:Element {dataset: $d, version: 2}) RETURN count(e) AS n"
    auth = (neo4j_settings.user, neo4j_settings.password) if neo4j_settings.password is not None else None
    with GraphDatabase.driver(uri, auth=auth) as driver:
        assert driver.execute_query(leftovers, {"d": name}).records[0]["n"] == 0


def test_ctrl_c_during_a_load_exits_130_and_says_what_readers_see(tmp_path, neo4j_settings, neo4j_store, neo4j_env):
    """Ctrl-C (SIGINT, as the terminal sends it) mid-load: exit 130, not click's exit 1 (the gate's code),
    one line saying what is published, asked of the server; the version before stays the one read."""
    _, old = source(tmp_path, "old", 1_000, seed=1)
    new_dir, _ = source(tmp_path, "new", 40_000, seed=2)
    store = neo4j_store(old)
    uri, name = neo4j_settings.uri, store.dataset
    before = snapshot(uri, name)
    loader = subprocess.Popen([sys.executable, "-m", "cascade", "load", str(new_dir), "--dataset", name,
                               "--batch-size", "2000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, env=neo4j_env)
    _wait_for_batches(uri, name, loader, rows=4_000)
    loader.send_signal(signal.SIGINT)
    _, stderr = loader.communicate(timeout=120)
    assert loader.returncode == 130, stderr
    assert "Traceback" not in stderr and "Aborted" not in stderr
    line = stderr.strip().splitlines()[-1]
    assert line.startswith("interrupted: ") and "nothing was published (readers still see version 1)" in line
    assert snapshot(uri, name) == before
    assert versions(uri, name) == [(2, "failed"), (1, "published")]   # marked so at once, not left to go stale


class CommitCutter:
    """A TCP proxy to the real server that cuts every connection at the publish's COMMIT: with
    ``deliver`` the COMMIT reaches the server (it commits) and its answer never reaches cascade, else
    the COMMIT is dropped. The moment a kill -9 of the server during the commit makes, made exactly."""

    PUBLISH = b"SET d.published = $version"       # in the RUN message of version_publish
    COMMIT = b"\x00\x02\xb0\x12\x00\x00"           # a Bolt chunk holding the COMMIT message

    def __init__(self, target: tuple[str, int], deliver: bool):
        import socket

        self.target, self.deliver, self.cut, self._armed = target, deliver, threading.Event(), False
        self.server = socket.create_server(("127.0.0.1", 0))
        self.uri = f"bolt://127.0.0.1:{self.server.getsockname()[1]}"
        self._sockets: list = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        import socket

        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source, sink, from_client: bool):
        import socket

        try:
            while data := source.recv(65536):
                if from_client and not self.cut.is_set():
                    if self.PUBLISH in data:
                        self._armed = True
                    elif self._armed and self.COMMIT in data:
                        if self.deliver:
                            sink.sendall(data)
                            time.sleep(1.0)       # the server commits; its answer is never passed on
                        self.cut.set()
                        for sock in self._sockets:   # shutdown wakes the pumps blocked in recv, and sends FIN
                            with contextlib.suppress(OSError):
                                sock.shutdown(socket.SHUT_RDWR)
                            sock.close()
                        return
                sink.sendall(data)
        except OSError:
            pass

    def close(self):
        self.server.close()


@pytest.mark.parametrize("deliver", [True, False], ids=["commit-landed", "commit-lost"])
def test_a_lost_publish_is_reported_as_the_server_has_it(tmp_path, neo4j_settings, neo4j_store, neo4j_env, deliver):
    """The connection goes during the publish's commit: cascade asks the server again and says what it
    has — published (exit 0), or not published with the version before still read — never a guess."""
    from urllib.parse import urlsplit

    _, old = source(tmp_path, "old", 500, seed=1)
    new_dir, new = source(tmp_path, "new", 2_000, seed=2)
    store = neo4j_store(old)
    name, target = store.dataset, urlsplit(neo4j_settings.uri)
    cutter = CommitCutter((target.hostname, target.port), deliver)
    try:
        done = subprocess.run([sys.executable, "-m", "cascade", "load", str(new_dir), "--dataset", name],
                              capture_output=True, text=True, cwd=ROOT, timeout=300,
                              env={**neo4j_env, "NEO4J_URI": cutter.uri})
    finally:
        cutter.close()
    assert cutter.cut.is_set(), "the publish's commit was never seen"
    assert "Traceback" not in done.stderr
    published = snapshot(neo4j_settings.uri, name)["dataset"][0][2]
    if deliver:   # committed: the truth is "published", whatever the connection did
        assert done.returncode == 0, done.stderr
        assert published == 2 and "version 2" in done.stderr and "(published)" in done.stderr
        assert (snapshot(neo4j_settings.uri, name)["ids"], snapshot(neo4j_settings.uri, name)["links"]) == expected(new)
    elif done.returncode == 0:   # the driver ran the publish again on a new connection: it landed then
        assert published == 2 and "(published)" in done.stderr
    else:
        assert done.returncode == 3 and published == 1, done.stderr
        assert "the server says it was not; readers still see the version published before" in done.stderr


# -- concurrent loads ---------------------------------------------------------


def _in_threads(*jobs):
    results: list = [None] * len(jobs)

    def run(i, job):
        try:
            results[i] = ("ok", job())
        except Exception as exc:  # noqa: BLE001 - recorded and asserted on
            results[i] = ("error", exc)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
        assert not t.is_alive(), "a load hung"
    return results


def test_two_loads_of_different_datasets_at_once_both_complete(tmp_path, neo4j_settings, neo4j_store):
    _, one = source(tmp_path, "one", 3_000, seed=3)
    _, two = source(tmp_path, "two", 4_000, seed=4)
    stores = [neo4j_store(), neo4j_store()]
    results = _in_threads(lambda: stores[0].load(one), lambda: stores[1].load(two))
    assert [r[0] for r in results] == ["ok", "ok"], results
    for store, c in zip(stores, (one, two)):
        got = snapshot(neo4j_settings.uri, store.dataset)
        assert (got["ids"], got["links"]) == expected(c)
        assert answers(store) == answers(cascade.store_of(c))


def test_two_loads_of_one_dataset_never_mix(tmp_path, neo4j_settings, neo4j_store):
    _, base = source(tmp_path, "base", 500, seed=5)
    _, x = source(tmp_path, "x", 3_000, seed=6)
    _, y = source(tmp_path, "y", 4_000, seed=7)
    first = neo4j_store(base)
    other = neo4j_store(dataset=first.dataset)
    results = _in_threads(lambda: first.load(x), lambda: other.load(y))
    print(f"\nsame dataset, two loads: {[r[0] if r[0] == 'ok' else repr(r[1]) for r in results]}")
    assert any(r[0] == "ok" for r in results), results
    for status, value in results:
        if status == "error":  # the loser failed cleanly: a clear, one-line exception
            assert str(value) and "\n" not in str(value), value
    got = snapshot(neo4j_settings.uri, first.dataset)
    assert (got["ids"], got["links"]) in (expected(x), expected(y))
    winner = x if (got["ids"], got["links"]) == expected(x) else y
    assert answers(first) == answers(cascade.store_of(winner))


# -- reads held while a load runs ---------------------------------------------


READERS = 8


def test_readers_see_old_or_new_never_a_mixture_while_a_load_runs(tmp_path, neo4j_settings, neo4j_store):
    _, old = source(tmp_path, "old", 2_000, seed=1)
    _, new = source(tmp_path, "new", 100_000, seed=2)
    loaded = neo4j_store(old)
    want_old, want_new = answers(cascade.store_of(old)), answers(cascade.store_of(new))
    assert want_old != want_new
    assert answers(loaded) == want_old

    loading = threading.Event()
    finished = threading.Event()
    latencies: list[float] = []
    seen = {"old": 0, "new": 0}
    bad: list = []
    errors: list = []
    lock = threading.Lock()

    def timed(analysis) -> tuple[float, object]:
        t = time.perf_counter()
        got = analysis()
        return time.perf_counter() - t, got

    def idle_reader(out: list) -> None:
        with Neo4jStore.connect(neo4j_settings, loaded.dataset) as store:
            for _ in range(20):
                for analysis in (store.orphans, store.coverage):
                    out.append(timed(analysis)[0])

    idle: list[float] = []
    idle_threads = [threading.Thread(target=idle_reader, args=(idle,)) for _ in range(READERS)]
    for t in idle_threads:
        t.start()
    for t in idle_threads:
        t.join(timeout=300)

    def reader():
        with Neo4jStore.connect(neo4j_settings, loaded.dataset) as store:
            loading.wait()
            extra = 3  # keep reading a little after the publish
            while extra:
                if finished.is_set():
                    extra -= 1
                for i, analysis in enumerate((store.orphans, store.coverage)):  # each one read on its own
                    try:
                        dt, got = timed(analysis)
                    except Exception as exc:  # noqa: BLE001
                        errors.append(exc)
                        return
                    with lock:
                        latencies.append(dt)
                        if got == want_old[i]:
                            seen["old"] += 1
                        elif got == want_new[i]:
                            seen["new"] += 1
                        else:
                            bad.append(got)

    writer = Neo4jStore.connect(neo4j_settings, loaded.dataset)
    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    for t in threads:
        t.start()
    started = time.perf_counter()
    try:
        loading.set()
        report = writer.load(new)
    finally:
        load_seconds = time.perf_counter() - started
        finished.set()
        for t in threads:
            t.join(timeout=300)
        writer.close()
    print(f"\nreads under load: {len(latencies)} ok, {len(errors)} errors {errors[:2]}, {len(bad)} mixed")
    assert not errors, errors[:3]
    assert not bad, f"{len(bad)} reads matched neither the old nor the new dataset"
    assert seen["old"] > 0 and seen["new"] > 0, seen
    lat, idle = sorted(latencies), sorted(idle)
    p95 = lat[int(0.95 * (len(lat) - 1))]
    idle_p95 = idle[int(0.95 * (len(idle) - 1))]
    figures = {
        "readers": READERS, "reads": len(lat), "reads_old": seen["old"], "reads_new": seen["new"],
        "each_read": "orphans() or coverage()", "old_elements": len(old), "new_elements": len(new),
        "new_links": len(new.links), "load_seconds": round(load_seconds, 2), "load_report_seconds": round(report.seconds, 2),
        "latency_ms": {"median": round(statistics.median(lat) * 1e3, 1),
                       "p95": round(p95 * 1e3, 1), "max": round(lat[-1] * 1e3, 1)},
        "idle_latency_ms": {"median": round(statistics.median(idle) * 1e3, 1), "p95": round(idle_p95 * 1e3, 1)},
        "p95_vs_idle": round(p95 / idle_p95, 2),
    }
    print(f"\nreads under load: {json.dumps(figures)}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "read_latency_under_load.json").write_text(json.dumps(figures, indent=2) + "\n")
    got = snapshot(neo4j_settings.uri, loaded.dataset)
    assert (got["ids"], got["links"]) == expected(new)


# -- a real deadlock, retried by managed transactions -------------------------


def test_a_real_deadlock_is_retried_by_managed_transactions(neo4j_settings):
    tag = unique_dataset()
    auth = (neo4j_settings.user, neo4j_settings.password) if neo4j_settings.password is not None else None
    barrier = threading.Barrier(2, timeout=20)
    attempts = {"ab": 0, "ba": 0}
    with GraphDatabase.driver(neo4j_settings.uri, auth=auth) as driver:
        driver.execute_query("CREATE (:FaultLock {tag: $t, k: 'a', n: 0}), (:FaultLock {tag: $t, k: 'b', n: 0})",
                             {"t": tag}, database_=neo4j_settings.database)
        try:
            def work(order: str):
                def tx(t):
                    attempts[order] += 1
                    t.run("MATCH (x:FaultLock {tag: $t, k: $k}) SET x.n = x.n + 1", t=tag, k=order[0]).consume()
                    if attempts[order] == 1:  # both hold their first lock before asking for the other
                        barrier.wait()
                    t.run("MATCH (x:FaultLock {tag: $t, k: $k}) SET x.n = x.n + 1", t=tag, k=order[1]).consume()

                with driver.session(database=neo4j_settings.database) as s:
                    s.execute_write(tx)

            results = _in_threads(lambda: work("ab"), lambda: work("ba"))
            assert [r[0] for r in results] == ["ok", "ok"], results
            print(f"\ndeadlock: transaction attempts {attempts}")
            assert sum(attempts.values()) >= 3, attempts  # one of them was run again
            counts = driver.execute_query("MATCH (x:FaultLock {tag: $t}) RETURN x.k AS k, x.n AS n ORDER BY k",
                                          {"t": tag}, database_=neo4j_settings.database).records
            assert [(r["k"], r["n"]) for r in counts] == [("a", 2), ("b", 2)]  # each committed exactly once
        finally:
            driver.execute_query("MATCH (x:FaultLock {tag: $t}) DELETE x", {"t": tag}, database_=neo4j_settings.database)
