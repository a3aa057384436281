"""``cascade cypher`` and ``cascade query`` against a real Neo4j, on the Kota Tangerang seed.

Read-only by default (also for writes hidden in subqueries and FOREACH), values
as data, errors with their exit codes, output formats, and the named queries.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from neo4j import GraphDatabase
from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.stores.neo4j import Neo4jStore
from conftest import unique_dataset

INJECTION = "O'Brien \"quoted\" `tick` }) DETACH DELETE n //"
EXPECTED = json.loads((cascade.seed_path().parent / "expected.json").read_text(encoding="utf-8"))
runner = CliRunner()

HIDDEN_WRITES = {
    "plain": "MATCH (n) DETACH DELETE n",
    "call subquery": "CALL () { MATCH (n) DETACH DELETE n } RETURN 1 AS done",
    "old call subquery": "MATCH (x) WITH x LIMIT 1 CALL { MATCH (n) DETACH DELETE n } RETURN 1 AS done",
    "foreach": "MATCH (n) WITH collect(n) AS all FOREACH (x IN all | DETACH DELETE x)",
    "foreach in a subquery": "CALL () { MATCH (n) WITH collect(n) AS all FOREACH (x IN all | SET x.gone = true) } RETURN 1 AS done",
    "profile": "PROFILE MATCH (n) SET n.name = 'x'",
    "in transactions": "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS",
    "merge": "MERGE (:Element {dataset: 'x', id: 'y'})",
    "schema": "CREATE INDEX explore_refused IF NOT EXISTS FOR (n:Element) ON (n.name)",
}
OUTSIDE = {
    "load csv": ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    "dbms procedure": ("CALL dbms.listConfig() YIELD name RETURN name", "dbms.listConfig"),
    "administration": ("SHOW USERS", "administration"),
}


@pytest.fixture(scope="module")
def seed(neo4j_settings):
    """The seed loaded once for this module, as its own dataset."""
    with Neo4jStore.connect(neo4j_settings, unique_dataset()) as store:
        store.load(cascade.read(cascade.seed_path()))
        try:
            yield store.dataset
        finally:
            store.drop()


@pytest.fixture(scope="module")
def cli(neo4j_settings, seed):
    """``cli(*args, input=None)``: run ``cascade`` in-process against the test server, on the seed dataset."""
    connection = ["--uri", neo4j_settings.uri, "--user", neo4j_settings.user, "--database", neo4j_settings.database]
    if neo4j_settings.password is not None:
        connection += ["--password", neo4j_settings.password]

    def run(*args, input: str | None = None, dataset: bool = True):
        return runner.invoke(app, [*map(str, args), *connection, *(["--dataset", seed] if dataset else [])], input=input)

    return run


@pytest.fixture(scope="module")
def graph(neo4j_settings):
    """``graph()``: what the database holds — nodes, relationships, property values, indexes and constraints."""
    auth = (neo4j_settings.user, neo4j_settings.password) if neo4j_settings.password is not None else None
    with GraphDatabase.driver(neo4j_settings.uri, auth=auth) as driver:

        def size() -> tuple:
            def count(query: str) -> int:
                return driver.execute_query(query, database_=neo4j_settings.database).records[0][0]

            return (count("MATCH (n) RETURN count(n)"), count("MATCH ()-[r]->() RETURN count(r)"),
                    count("MATCH (n) RETURN sum(size(keys(n)))"), count("SHOW INDEXES YIELD name RETURN count(*)"))

        yield size


def rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- read-only by default ------------------------------------------------------


@pytest.mark.parametrize("statement", HIDDEN_WRITES.values(), ids=HIDDEN_WRITES.keys())
def test_a_write_is_refused_and_the_graph_is_unchanged(cli, graph, statement):
    before = graph()
    result = cli("cypher", statement)
    assert result.exit_code == 2, result.output
    assert "refused" in result.stderr and "--write" in result.stderr
    assert graph() == before


@pytest.mark.parametrize("statement, why", OUTSIDE.values(), ids=OUTSIDE.keys())
def test_reaching_outside_the_database_is_refused(cli, statement, why):
    result = cli("cypher", statement)
    assert result.exit_code == 2 and why in result.stderr and "--write" in result.stderr


def test_write_allows_writes_deliberately(cli, seed, graph):
    before = graph()
    made = cli("cypher", "CREATE (n:ExploreScratch {dataset: $dataset, note: $note})", "-P", f"note={INJECTION}", "--write")
    assert made.exit_code == 0, made.output
    assert "1 nodes created" in made.stderr
    kept = rows(cli("cypher", "MATCH (n:ExploreScratch {dataset: $dataset}) RETURN n.note AS note", "-F", "json"))
    assert kept == [{"note": INJECTION}]
    assert cli("cypher", "MATCH (n:ExploreScratch {dataset: $dataset}) DELETE n", "--write").exit_code == 0
    assert graph()[:2] == before[:2]


def test_a_param_is_data_never_cypher(cli, graph, tmp_path):
    before = graph()
    query = "MATCH (e:Element {dataset: $dataset, version: $version}) WHERE e.name = $name OR e.id IN $ids WITH count(e) AS n RETURN n, $name AS name"
    found = rows(cli("cypher", query, "-P", f"name={INJECTION}", "-P", 'ids=["S1.1.1", "x` OR 1=1 //"]', "-F", "json"))
    assert found == [{"n": 1, "name": INJECTION}]
    (tmp_path / "p.yaml").write_text(f"name: {json.dumps(INJECTION)}\nids: []\n", encoding="utf-8")
    assert rows(cli("cypher", query, "--params", tmp_path / "p.yaml", "-F", "json")) == [{"n": 0, "name": INJECTION}]
    assert graph() == before


# -- errors ----------------------------------------------------------------------


def test_a_syntax_error_shows_the_servers_message_and_where(cli, tmp_path):
    result = cli("cypher", "MATCH (s:Strategy {dataset: $dataset, version: $version})\nRETURN s.id ORDER BY")
    assert result.exit_code == 2
    assert "Invalid input" in result.stderr and "line 2, column 21" in result.stderr
    assert "RETURN s.id ORDER BY\n" in result.stderr and "\n" + " " * 24 + "^" in result.stderr
    (tmp_path / "two.cypher").write_text("RETURN 1 AS one;\n\n// the second\nRETURN 2 AS two WHERE;\n", encoding="utf-8")
    in_file = cli("cypher", "-f", tmp_path / "two.cypher", "-F", "csv")
    assert in_file.exit_code == 2 and "line 4, column 17" in in_file.stderr
    assert in_file.stdout == "one\n1\n"  # the first statement ran and printed


def test_a_missing_parameter_or_unknown_dataset_is_bad_input(cli, seed):
    missing = cli("cypher", "MATCH (m:Mission {dataset: $dataset, id: $mission}) RETURN m")
    assert missing.exit_code == 2 and "--param mission=VALUE" in missing.stderr
    unknown = cli("cypher", "MATCH (e:Element {dataset: $dataset, version: $version}) RETURN count(e)", "--dataset", "no such dataset", dataset=False)
    assert unknown.exit_code == 2 and "no dataset 'no such dataset'" in unknown.stderr and seed in unknown.stderr


def test_a_timeout_says_so_and_exits_3(cli):
    result = cli("cypher", "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n", "--timeout", "0.5")
    assert result.exit_code == 3, result.output
    assert "did not finish within 0.5 s" in result.stderr and "--timeout" in result.stderr


def test_an_unreachable_server_exits_3():
    result = runner.invoke(app, ["cypher", "RETURN 1", "--uri", "bolt://127.0.0.1:1"])
    assert result.exit_code == 3 and "cannot reach Neo4j" in result.stderr


# -- statements, input and output ---------------------------------------------------


def test_a_file_of_statements_and_stdin(cli, tmp_path):
    (tmp_path / "q.cypher").write_text(
        "// counts; per level\nMATCH (s:Strategy {dataset: $dataset, version: $version}) RETURN count(s) AS n; /* ; */\n"
        "MATCH (g:Goal {dataset: $dataset, version: $version}) WHERE g.name <> 'a;b' RETURN count(g) AS n;\n", encoding="utf-8")
    lines = cli("cypher", "-f", tmp_path / "q.cypher", "-F", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == [{"n": 21}, {"n": 9}]
    assert rows(cli("cypher", "-F", "json", input="RETURN 1 AS a; RETURN 2 AS b;")) == [[{"a": 1}], [{"b": 2}]]
    assert rows(cli("cypher", "-", "-F", "json", input="RETURN 'x;y' AS s")) == [{"s": "x;y"}]


def test_nodes_relationships_and_paths_read_well(cli):
    path = "MATCH p = (:Mission {dataset: $dataset, id: 'M2'})-[:CASCADES_TO]->(g:Goal {id: 'T2.1'}) RETURN p, g, relationships(p)[0] AS r"
    table = cli("cypher", path)
    assert table.exit_code == 0, table.output
    assert "(:Mission M2)-[:CASCADES_TO]->(:Goal T2.1)" in table.stdout
    assert '(:Goal T2.1 "Meningkatkan kualitas infrastruktur' in table.stdout
    assert "1 row" in table.stderr
    found = rows(cli("cypher", path, "-F", "json"))[0]
    assert found["g"]["labels"] == ["Element", "Goal"] and found["g"]["properties"]["id"] == "T2.1"
    assert [n["properties"]["id"] for n in found["p"]["nodes"]] == ["M2", "T2.1"]
    assert found["r"]["type"] == "CASCADES_TO" and found["r"]["start"] == found["p"]["nodes"][0]["element_id"]


def test_temporal_spatial_and_lists_in_every_format(cli):
    query = ("RETURN datetime('2024-01-02T03:04:05.5[Asia/Jakarta]') AS at, date('2022-06-13') AS day, "
             "duration('P1DT2H') AS took, point({longitude: 106.63, latitude: -6.18}) AS where, [1, 'a', null] AS list, null AS nothing")
    assert rows(cli("cypher", query, "-F", "json")) == [{
        "at": "2024-01-02T03:04:05.5+07:00[Asia/Jakarta]", "day": "2022-06-13", "took": "P1DT2H",
        "where": {"srid": 4326, "longitude": 106.63, "latitude": -6.18}, "list": [1, "a", None], "nothing": None,
    }]
    row = next(csv.DictReader(io.StringIO(cli("cypher", query, "-F", "csv").stdout)))
    assert row == {"at": "2024-01-02T03:04:05.5+07:00[Asia/Jakarta]", "day": "2022-06-13", "took": "P1DT2H",
                   "where": "point({srid: 4326, longitude: 106.63, latitude: -6.18})", "list": '[1, "a", null]', "nothing": ""}
    md = cli("cypher", query, "-F", "md").stdout.splitlines()
    assert md[0] == "| at | day | took | where | list | nothing |" and md[2].endswith('| [1, "a", null] | null |')


# -- named queries --------------------------------------------------------------------


def test_the_exploration_library_answers_on_the_seed(cli):
    orphans = rows(cli("query", "orphan_processes_by_opd", "-F", "json"))
    assert sorted(p for r in orphans for p in r["processes"]) == sorted(g["id"] for g in EXPECTED["orphans"])
    unused = rows(cli("query", "unused_applications_by_opd", "-F", "json"))
    assert sorted(a for r in unused for a in r["applications"]) == sorted(g["id"] for g in EXPECTED["unused_applications"])
    domains = {r["domain"]: r["applications"] for r in rows(cli("query", "applications_by_domain", "-F", "json"))}
    assert domains == {"layanan publik": 124, "administrasi pemerintahan": 72}
    chain = rows(cli("query", "under_mission", "-P", "mission=M2", "-F", "json"))
    assert [r["level"] for r in chain] == sorted((r["level"] for r in chain), key=lambda lv: cascade.levels.level(lv).index)
    assert {r["level"] for r in chain} >= {"goal", "strategy", "program", "process", "application"}
    strategies = rows(cli("query", "strategies_by_programs", "-F", "json"))
    assert len(strategies) == 21 and strategies[0]["programs"] == max(r["programs"] for r in strategies)


def test_query_list_and_the_users_own_directory(cli, tmp_path, monkeypatch):
    listed = rows(cli("query", "--list", "-F", "json"))
    assert {"under_mission", "orphans", "coverage"} <= {q["name"] for q in listed}
    assert next(q for q in listed if q["name"] == "under_mission")["parameters"].startswith("dataset (string); version (integer: the published version, bound by cascade); mission")
    (tmp_path / "programs_of_opd.cypher").write_text(
        "// name: programs_of_opd\n// description: Programs of one OPD.\n// params: dataset (string), version (integer), opd (string)\n"
        "// columns: id\n// mode: read\nMATCH (g:Program {dataset: $dataset, version: $version, opd: $opd}) RETURN g.id AS id ORDER BY id\n",
        encoding="utf-8")
    mine = rows(cli("query", "programs_of_opd", "--queries", tmp_path, "-P", "opd=Bappeda", "-F", "json"))
    assert mine and all(r["id"] for r in mine)
    monkeypatch.setenv("CASCADE_QUERIES", str(tmp_path))
    assert rows(cli("query", "programs_of_opd", "-P", "opd=Bappeda", "-F", "json")) == mine
    unknown = cli("query", "no_such_query")
    assert unknown.exit_code == 2 and "cascade query --list" in unknown.stderr
    with_mine = rows(cli("query", "--list", "-F", "json"))
    assert with_mine[0] == {**with_mine[0], "name": "programs_of_opd", "from": str(tmp_path)}   # the user's own first
    assert [q["from"] for q in with_mine[1:]] == sorted((q["from"] for q in with_mine[1:]), key=lambda f: f == "analysis")


def test_query_list_leaves_out_cascades_own_bookkeeping(cli):
    listed = {q["name"] for q in rows(cli("query", "--list", "-F", "json"))}
    internal = {q.name for q in cascade.cypher.catalog() if q.internal}
    assert {"dataset_names", "datasets", "element", "elements", "dataset_version"} <= internal
    assert not listed & internal
    assert {"orphans", "unbacked", "coverage", "check", "trace_down"} <= listed
    assert cli("query", "dataset_names").exit_code == 2


# -- cypher-shell's habits ---------------------------------------------------------


def test_cypher_shell_parameter_forms_are_evaluated_by_the_server(cli):
    got = rows(cli("cypher", "RETURN $since AS since, $m AS m, $n AS n, $plain AS plain", "-F", "json",
                   "-P", "since => date('2025-01-02')", "-P", "{m: 'M' + 2, n: [1, 2]}", "-P", "plain=x => y"))
    assert got == [{"since": "2025-01-02", "m": "M2", "n": [1, 2], "plain": "x => y"}]
    later = rows(cli("cypher", "RETURN $b AS b", "-P", "a => 20", "-P", "b => $a + 1", "-F", "json"))
    assert later == [{"b": 21}]                          # a later expression may use an earlier one
    hidden = cli("cypher", "RETURN $x AS x", "-P", "x => 1 AS value UNION MATCH (n) DETACH DELETE n RETURN 1")
    assert hidden.exit_code == 2 and "it writes to the graph" in hidden.stderr and ":write on" in hidden.stderr
    for bad, said in (("x > 1", "NAME=VALUE"), ("x =>", "give an expression after '=>'"),
                      ("{m: 1} => 2", "Invalid input"), ("m => 1, 2", "not one value")):
        result = cli("cypher", "RETURN 1 AS one", "-P", bad)
        assert result.exit_code == 2 and said in result.stderr, (bad, result.output)
    not_a_map = cli("cypher", "RETURN 1 AS one", "-P", "{m: 1}.m")
    assert not_a_map.exit_code == 2 and "is not a map" in not_a_map.stderr


def test_plain_and_verbose_formats_as_cypher_shell_writes_them(cli):
    plain = cli("cypher", "RETURN 'Visi \"2045\"' AS text, 3 AS n, null AS none", "--format", "plain")
    assert plain.exit_code == 0 and plain.stdout == 'text, n, none\n"Visi \\"2045\\"", 3, null\n'
    verbose = cli("cypher", "RETURN 3 AS n", "--format", "verbose")
    assert verbose.stdout == cli("cypher", "RETURN 3 AS n", "--format", "table").stdout and "│ 3" in verbose.stdout
    assert cli("cypher", "RETURN 3 AS n", "--format", "auto").stdout == "n\n3\n"    # not a terminal: plain


def test_dash_d_is_the_database_as_in_cypher_shell(neo4j_settings, seed):
    connection = ["-a", neo4j_settings.uri, "-u", neo4j_settings.user]
    if neo4j_settings.password is not None:
        connection += ["-p", neo4j_settings.password]
    found = runner.invoke(app, ["orphans", *connection, "-d", neo4j_settings.database, "--dataset", seed, "-F", "json"])
    assert found.exit_code == 0, found.output
    assert sorted(g["id"] for g in json.loads(found.stdout)) == sorted(g["id"] for g in EXPECTED["orphans"])
    wrong = runner.invoke(app, ["orphans", *connection, "-d", seed])
    assert wrong.exit_code == 3
    assert f"no database {seed!r}" in wrong.stderr and f"--dataset {seed}" in wrong.stderr
