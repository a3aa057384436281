"""Secrets: a Neo4j password never shows in output, --help, reprs or error messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cascade.settings import Neo4jSettings
from cascade.stores.base import DatabaseUnavailable
from conftest import ROOT, unique_dataset

SECRET = "Zq7-hunter2-SECRET-9xK"
UNREACHABLE = "bolt://127.0.0.1:1"


def cli(*args: str, env_password: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["COLUMNS"] = "200"
    if env_password is not None:
        env["NEO4J_PASSWORD"] = env_password
    return subprocess.run([sys.executable, "-m", "cascade", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=timeout)


def assert_clean(proc: subprocess.CompletedProcess) -> None:
    out = proc.stdout + proc.stderr
    assert SECRET not in out
    assert SECRET[4:-4] not in out  # not even a fragment
    assert "Traceback" not in out


@pytest.mark.parametrize("how", ["flag", "env"])
def test_unreachable_server_never_shows_the_password(how):
    args = ["orphans", "--uri", UNREACHABLE, "--dataset", "x"]
    proc = cli(*args, "--password", SECRET) if how == "flag" else cli(*args, env_password=SECRET)
    assert proc.returncode == 3, proc.stderr
    assert_clean(proc)
    assert "database unavailable" in proc.stderr
    assert len([line for line in proc.stderr.splitlines() if line.strip()]) == 1


@pytest.mark.parametrize("how", ["flag", "env"])
def test_load_to_unreachable_server_never_shows_the_password(how, tmp_path):
    from cascade.synthetic import write_csv

    write_csv(tmp_path, 50, seed=1)
    args = ["load", str(tmp_path), "--dataset", "x", "--uri", UNREACHABLE]
    proc = cli(*args, "--password", SECRET) if how == "flag" else cli(*args, env_password=SECRET)
    assert proc.returncode == 3, proc.stderr
    assert_clean(proc)


@pytest.mark.parametrize("command", [[], ["load"], ["orphans"], ["datasets"]])
def test_help_never_shows_the_password(command):
    proc = cli(*command, "--help", env_password=SECRET)
    assert proc.returncode == 0, proc.stderr
    assert_clean(proc)
    if command:
        assert "NEO4J_PASSWORD" in proc.stdout  # the help points to the variable, not its value


def test_settings_repr_and_describe_hide_the_password():
    for s in (Neo4jSettings(uri=UNREACHABLE, password=SECRET), Neo4jSettings.from_env(UNREACHABLE, "u", SECRET, "db")):
        assert s.password == SECRET
        for text in (repr(s), str(s), s.describe(), f"{s!r}"):
            assert SECRET not in text


def test_settings_from_env_hide_the_password(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    s = Neo4jSettings.from_env(UNREACHABLE)
    assert s.password == SECRET and SECRET not in repr(s)


def test_database_unavailable_message_never_holds_the_password():
    from cascade.stores.neo4j import Neo4jStore

    with pytest.raises(DatabaseUnavailable) as caught:
        Neo4jStore.connect(Neo4jSettings(uri=UNREACHABLE, user="someone", password=SECRET), "x")
    exc = caught.value
    assert SECRET not in str(exc) and SECRET not in repr(exc)
    # nor anywhere down the chain of causes
    cause = exc.__cause__
    while cause is not None:
        assert SECRET not in str(cause) and SECRET not in repr(cause)
        cause = cause.__cause__ or cause.__context__


def test_bad_uri_message_never_holds_the_password():
    from cascade.stores.neo4j import Neo4jStore

    with pytest.raises(DatabaseUnavailable) as caught:
        Neo4jStore.connect(Neo4jSettings(uri="nonsense://host", password=SECRET), "x")
    assert SECRET not in str(caught.value)


@pytest.mark.neo4j
@pytest.mark.parametrize("how", ["flag", "env"])
def test_missing_dataset_on_real_server_never_shows_the_password(how, neo4j_uri, neo4j_server):
    if neo4j_server is None:
        pytest.skip("needs the server this run started (auth off): an external one would refuse our password")
    missing = unique_dataset()
    args = ["orphans", "--uri", neo4j_uri, "--dataset", missing]
    proc = cli(*args, "--password", SECRET) if how == "flag" else cli(*args, env_password=SECRET)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert_clean(proc)
    assert missing in proc.stderr


# -- a server that checks credentials -----------------------------------------

PASSWORD = "Right-horse-battery-42"


@pytest.fixture(scope="module")
def auth_uri():
    """A second real Neo4j, with authentication on and the neo4j user's password set to PASSWORD."""
    from neo4j import GraphDatabase

    from conftest import _server_module

    module = _server_module()
    try:
        server = module.start(auth=True)
    except module.Neo4jError as exc:
        pytest.skip(f"cannot start a Neo4j with authentication: {str(exc).splitlines()[0]}")
    try:
        with GraphDatabase.driver(server.uri, auth=("neo4j", "neo4j")) as driver:  # the initial password
            driver.execute_query("ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO $new", {"new": PASSWORD},
                                 database_="system")
        yield server.uri
    finally:
        server.stop()


@pytest.mark.neo4j
@pytest.mark.parametrize("how", ["flag", "env"])
def test_a_wrong_password_is_refused_without_showing_it(how, auth_uri):
    args = ["datasets", "--uri", auth_uri]
    proc = cli(*args, "--password", SECRET) if how == "flag" else cli(*args, env_password=SECRET)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert_clean(proc)
    assert proc.stderr.strip() == f"database unavailable: Neo4j at {auth_uri} (database neo4j, user neo4j) " \
        "refused the credentials"


@pytest.mark.neo4j
def test_the_password_from_the_environment_loads_and_answers(auth_uri):
    dataset = unique_dataset()
    load = cli("load", str(ROOT / "seed" / "tangerang.xlsx"), "--uri", auth_uri, "--dataset", dataset,
               env_password=PASSWORD)
    assert load.returncode == 0, load.stderr
    orphans = cli("orphans", "--uri", auth_uri, "--dataset", dataset, "--format", "json", env_password=PASSWORD)
    assert orphans.returncode == 0, orphans.stderr
    assert PASSWORD not in load.stdout + load.stderr + orphans.stdout + orphans.stderr
    assert len(json.loads(orphans.stdout)) == 8  # the seed's orphan processes


def test_a_password_written_into_the_uri_is_never_printed():
    """bolt://user:password@host: the credentials are taken out of the URI and used; only host and user show."""
    proc = cli("datasets", "--uri", f"bolt://bob:{SECRET}@127.0.0.1:1")
    assert proc.returncode == 3, proc.stderr
    assert_clean(proc)
    assert "bolt://127.0.0.1:1 (database neo4j, user bob)" in proc.stderr


@pytest.mark.parametrize("uri, says", [
    ("http://127.0.0.1:7474", "not a Bolt address (http:// and :7474 are Neo4j Browser's; Bolt listens on :7687)"),
    ("localhost:7687", "not a Bolt address"),
])
def test_a_uri_of_another_protocol_is_one_line(uri, says):
    proc = cli("orphans", "--uri", uri, "--dataset", "x")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert says in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["load", str(ROOT / "seed" / "tangerang.xlsx"), "--dataset", "x"], ["datasets"]])
def test_the_system_database_is_refused_before_connecting(command):
    proc = cli(*command, "--uri", UNREACHABLE, "--database", "system")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert "the system database holds Neo4j's users and settings and cannot hold a dataset" in proc.stderr


@pytest.mark.neo4j
def test_a_password_to_be_changed_at_first_login_says_how(auth_uri):
    """A fresh account (CHANGE REQUIRED, as the neo4j user of a new server is): say so and how, not a raw ClientError."""
    from neo4j import GraphDatabase

    user = "perencana_baru"   # the server is this module's own, fresh
    with GraphDatabase.driver(auth_uri, auth=("neo4j", PASSWORD)) as driver:
        driver.execute_query("CREATE USER perencana_baru SET PASSWORD $p CHANGE REQUIRED", {"p": "first-password-1"},
                             database_="system")
    proc = cli("orphans", "--uri", auth_uri, "--user", user, "--dataset", "x", env_password="first-password-1")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert "asks for this user's password to be changed before first use" in proc.stderr
    assert "ALTER CURRENT USER SET PASSWORD" in proc.stderr
