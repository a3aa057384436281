"""The read-only guard against disguised forbidden calls, on a real Neo4j.

Each generated statement hides a forbidden call (a DBMS procedure, LOAD CSV, a
settings or transactions listing, a write) behind comments, line ends (``\\r``,
``\\r\\n``, ``\\u2028``), strings, backticks, unicode escapes and a fake
``EXPLAIN`` — the red-team's lone-CR bypass among them. Read-only, every one
must be refused or fail to parse: none may run. The server, not cascade,
reads the text, so how it is written cannot matter.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cascade.errors import UsageError
from cascade.explore import Explorer

pytestmark = pytest.mark.neo4j

FORBIDDEN = [
    "CALL dbms.listConfig()",
    "CALL dbms.killConnections(['bolt-0'])",
    "CALL dbms.components()",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "SHOW SETTINGS",
    "SHOW TRANSACTIONS",
    "CREATE (:Fuzz {n: 1})",
    "MATCH (n:Fuzz) DETACH DELETE n",
    "CALL () { CREATE (:Fuzz) } RETURN 1 AS x",
    "PROFILE CREATE (:Fuzz)",
]
PREFIXES = [
    "", "// c\r", "// c\r/*\nEXPLAIN */ ", "/* EXPLAIN */ ", "//\u2028", "// x\r\n", "\r\n", "\u2028", "\ufeff",
    "EXPLAIN // \r", "CYPHER 5 ", "/* // */ ", "// EXPLAIN\r", "// \\u000a EXPLAIN\n",
]
SUFFIXES = ["", " // EXPLAIN", " /* ' */", "\r// \n", ";", " RETURN 'EXPLAIN' AS `EXPLAIN`"]

REDTEAM = "// x\r/*\nEXPLAIN */ CALL dbms.listConfig()"


@pytest.fixture(scope="module")
def explorer(neo4j_settings):
    with Explorer.connect(neo4j_settings, None) as ex:
        yield ex


def _run_refused(explorer, text: str) -> None:
    try:
        explorer.run(text)
    except UsageError:   # Refused, or a statement the server cannot parse
        return
    raise AssertionError(f"a forbidden statement ran read-only: {text!r}")


def test_the_red_team_bypass_is_refused(explorer):
    _run_refused(explorer, REDTEAM)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), call=st.sampled_from(FORBIDDEN), suffix=st.sampled_from(SUFFIXES))
def test_disguised_forbidden_calls_never_run(explorer, prefix, call, suffix):
    _run_refused(explorer, prefix + call + suffix)


def test_reads_written_oddly_still_run(explorer):
    """The guard refuses by what the server plans, not by how the text looks."""
    for text in ["// CALL dbms.listConfig()\rRETURN 1 AS one", "RETURN 'CALL dbms.listConfig()' AS one",
                 "EXPLAIN MATCH (n) RETURN n", "/* SHOW SETTINGS */ RETURN 1 AS one", "CALL db.labels() YIELD label RETURN count(label)",
                 "SHOW INDEXES"]:
        explorer.run(text)
