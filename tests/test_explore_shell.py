"""The interactive shell of ``cascade cypher``, driven through a pseudo-terminal against a real Neo4j."""

from __future__ import annotations

import os
import re
import sys

import pexpect
import pytest

import cascade

UP = "\x1b[A"


@pytest.fixture
def shell(tmp_path, neo4j_uri, neo4j_store):
    """``start()``: a shell on a terminal, on the seed loaded as its own dataset; history under ``tmp_path``."""
    store = neo4j_store(cascade.read(cascade.seed_path()))
    env = {**os.environ, "NEO4J_URI": neo4j_uri, "XDG_STATE_HOME": str(tmp_path / "state"),
           "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "NO_COLOR": "1"}
    prompt = re.escape(f"cascade {store.dataset}>")
    started = []

    def start() -> pexpect.spawn:
        child = pexpect.spawn(sys.executable, ["-m", "cascade", "cypher", "--dataset", store.dataset],
                              env=env, encoding="utf-8", dimensions=(60, 200), timeout=30)
        started.append(child)
        child.expect("Connected to")
        child.expect(prompt)
        child.prompt = prompt
        return child

    yield start
    for child in started:
        child.close(force=True)


def run(child: pexpect.spawn, *lines: str, expect: str) -> None:
    """Type ``lines`` (Enter after each), wait for ``expect``, then for the next prompt."""
    for line in lines:
        child.send(line + "\r")
    child.expect(expect)
    child.expect(child.prompt)


def test_multi_line_queries_parameters_schema_and_history(shell, tmp_path):
    child = shell()
    run(child, "MATCH (s:Strategy {dataset: $dataset, version: $version})", "WHERE s.id STARTS WITH 'S1'", "RETURN count(s) AS strategies;",
        expect=r"│ 10 +│")
    run(child, ":param mission => 'M' + (1 + 1)", expect='"mission": "M2"')
    run(child, "MATCH (:Mission {dataset: $dataset, id: $mission})-[:CASCADES_TO]->(g:Goal)", "RETURN count(g) AS goals;",
        expect=r"│ 3 +│")
    run(child, ":schema", expect=r"strategi.*CASCADES_TO.*Domain Layanan")
    child.send("MATCH (s:Strat\t")  # Tab completes the label (completion runs in the background: wait for it)
    child.expect("egy")
    run(child, " {dataset: $dataset, version: $version}) RETURN count(s) AS completed;", expect=r"│ 21 +│")
    run(child, "MATCH (n) DETACH DELETE n;", expect=r"refused.*it writes to the graph.*--write")
    run(child, "RETURN 'recalled ' + toString(40 + 2)", "AS answer;", expect="recalled 42")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "RETURN 'recalled ' + toString(40 + 2)" in (tmp_path / "state" / "cascade" / "history").read_text(encoding="utf-8")

    again = shell()  # a new session reads the saved history: Up recalls the last statement
    again.send(UP)
    again.expect("toString")
    run(again, "", expect="recalled 42")
    again.send(":exit\r")
    again.expect(pexpect.EOF)


def test_cypher_shell_parameter_commands_and_writes_switched_on_with_a_question(shell):
    child = shell()
    run(child, ":param mission M2", expect=r"a parameter is given as NAME=VALUE, 'NAME => EXPRESSION'")
    run(child, ":param {depth: 2, since: date('2025-01-02')}", expect=r'"depth": 2,\s+"since": "2025-01-02"')
    run(child, ":param later => $depth * 10", expect=r'"later": 20')
    run(child, ":params clear depth", expect=r'"since": "2025-01-02",\s+"later": 20\s+}')
    run(child, ":params clear", expect=r'"dataset": "[^"]+"\s+}')
    run(child, "CREATE (:ShellScratch {dataset: $dataset});", expect=r"refused.*:write on")
    child.send(":write on\r")
    child.expect(r"with no undo\. \[y/N\]")
    run(child, "n", expect="now read-only")
    run(child, "CREATE (:ShellScratch {dataset: $dataset});", expect=r"refused")
    child.send(":write on\r")
    child.expect(r"\[y/N\]")
    run(child, "y", expect=r"now \S*writes allowed")
    run(child, "CREATE (:ShellScratch {dataset: $dataset});", expect=r"1 nodes created")
    run(child, "MATCH (n:ShellScratch {dataset: $dataset}) DELETE n;", expect=r"1 nodes deleted")
    run(child, ":write off", expect="now read-only")
    run(child, "MATCH (n) DETACH DELETE n;", expect=r"refused")
    child.send(":exit\r")
    child.expect(pexpect.EOF)
