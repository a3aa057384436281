"""Ad-hoc exploration without a server: splitting statements, parameters, values, named queries, completion."""

from __future__ import annotations

import json
import re

import pytest
from neo4j.spatial import CartesianPoint, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time
from prompt_toolkit.document import Document

from cascade import cypher
from cascade.explore import parse_param, parse_params, read_params, split
from cascade.explore.completion import CypherCompleter
from cascade.explore.queries import ANALYSIS, EXPLORE, find, named_queries, user_dirs
from cascade.explore.statements import complete, parameters
from cascade.explore.values import text, to_json
from cascade.levels import LEVELS
from cascade.resources import cypher_dir

INJECTION = "O'Brien \"quoted\" `tick` }) DETACH DELETE n //"


# -- statements --------------------------------------------------------------


def test_a_file_splits_only_where_a_statement_ends():
    source = (
        "// header; not a statement end\n"
        "MATCH (e {name: 'a;b'}) RETURN e.`odd;name` AS x;\n"
        "/* a; block\n comment */ RETURN \"c;\\\"d\" AS y ;;\n"
        "\n"
        "RETURN 3 AS z"
    )
    statements = split(source)
    assert [s.text.splitlines()[-1] for s in statements] == [
        "MATCH (e {name: 'a;b'}) RETURN e.`odd;name` AS x",
        ' comment */ RETURN "c;\\"d" AS y',
        "RETURN 3 AS z",
    ]
    assert [s.line for s in statements] == [1, 3, 6]
    assert split("  ;\n// only a comment;\n") == []


def test_parameters_are_the_dollar_names_in_code():
    q = "MATCH (e {dataset: $dataset}) WHERE e.name = '$no' /* $nor */ AND e.id IN $`the ids` RETURN $x.y // $not"
    assert parameters(q) == {"dataset", "the ids", "x"}


def test_a_statement_is_complete_when_its_code_ends_with_a_semicolon():
    assert complete("MATCH (n)\nRETURN n;  // end")
    assert not complete("RETURN ';'")
    assert not complete("RETURN 1 /* ; */")


# -- parameters --------------------------------------------------------------


def test_param_values_are_json_when_they_parse_else_text():
    assert parse_params(["n=5", "f=2.5", "t=true", "z=null", 'l=[1, "a"]', 'm={"k": 1}', "s=S3", 'q="5"', "e=", "eq=a=b"]) == {
        "n": 5, "f": 2.5, "t": True, "z": None, "l": [1, "a"], "m": {"k": 1}, "s": "S3", "q": "5", "e": "", "eq": "a=b",
    }
    assert parse_param(f"name={INJECTION}") == ("name", INJECTION)
    for bad in ("novalue", "=x", "two words=x"):
        with pytest.raises(ValueError, match="NAME=VALUE"):
            parse_param(bad)


def test_params_files_in_json_and_yaml(tmp_path):
    (tmp_path / "p.json").write_text(json.dumps({"name": INJECTION, "n": 3}), encoding="utf-8")
    (tmp_path / "p.yaml").write_text("name: \"O'Brien\"\nids: [S1, S2]\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("- a list\n", encoding="utf-8")
    assert read_params(tmp_path / "p.json") == {"name": INJECTION, "n": 3}
    assert read_params(tmp_path / "p.yaml") == {"name": "O'Brien", "ids": ["S1", "S2"]}
    with pytest.raises(ValueError, match="mapping"):
        read_params(tmp_path / "bad.yaml")
    with pytest.raises(ValueError, match="cannot read"):
        read_params(tmp_path / "missing.json")


def test_params_follow_the_sources_rules_for_hostile_data(tmp_path):
    """The alias bomb, 60,000 nested brackets and a Latin-1 file: one line naming the file (or value), in
    little memory; NaN is not JSON, so --param x=NaN is the text "NaN"."""
    import tracemalloc

    lol = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lol += [f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi")]
    (tmp_path / "bom.yaml").write_text("\n".join(lol) + "\n", encoding="utf-8")
    (tmp_path / "latin.yaml").write_bytes("opd: Dinas Pendidikan dan Kebudayaan — café\n".encode("cp1252"))
    (tmp_path / "nan.json").write_text('{"limit": NaN}', encoding="utf-8")
    tracemalloc.start()
    with pytest.raises(ValueError, match=r"bom.yaml, line 2: .*aliases may stand only for a single value"):
        read_params(tmp_path / "bom.yaml")
    with pytest.raises(ValueError, match="nested too deeply"):
        parse_param("x=" + "[" * 60_000 + "]" * 60_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 << 20, peak
    with pytest.raises(ValueError, match=r"latin.yaml: it is not UTF-8 text"):
        read_params(tmp_path / "latin.yaml")
    with pytest.raises(ValueError, match="NaN is not a JSON number"):
        read_params(tmp_path / "nan.json")
    assert parse_param("x=NaN") == ("x", "NaN")


# -- values ------------------------------------------------------------------


def test_temporal_spatial_and_list_values():
    values = [
        Date(2024, 1, 2), DateTime(2024, 1, 2, 3, 4, 5, 500000000), Time(10, 0, 1), Duration(months=14, days=3, seconds=6),
        CartesianPoint((1.0, 2.0)), WGS84Point((106.6, -6.2)), [1, "a", None, [2.5]], {"k": "v", "odd key": True},
    ]
    assert [text(v) for v in values] == [
        "2024-01-02", "2024-01-02T03:04:05.5", "10:00:01", "P1Y2M3DT6S",
        "point({srid: 7203, x: 1.0, y: 2.0})", "point({srid: 4326, longitude: 106.6, latitude: -6.2})",
        '[1, "a", null, [2.5]]', '{k: "v", `odd key`: true}',
    ]
    assert to_json(values) == [
        "2024-01-02", "2024-01-02T03:04:05.5", "10:00:01", "P1Y2M3DT6S",
        {"srid": 7203, "x": 1.0, "y": 2.0}, {"srid": 4326, "longitude": 106.6, "latitude": -6.2},
        [1, "a", None, [2.5]], {"k": "v", "odd key": True},
    ]
    assert json.dumps(to_json([float("nan"), float("-inf"), b"\x00\x01"])) == '["NaN", "-Infinity", "AAE="]'


# -- named queries -------------------------------------------------------------


def _code(q: cypher.Query) -> str:
    return "\n".join(line for line in q.text.splitlines() if not line.lstrip().startswith("//"))


def test_the_exploration_library_is_set_based_read_only_and_filtered_on_dataset():
    library = [q for q in named_queries().values() if q.origin == EXPLORE]
    assert len(library) >= 5
    level_labels = {lv.label for lv in LEVELS}
    for named in library:
        q, code = named.query, _code(named.query)
        assert (cypher_dir() / EXPLORE / f"{q.name}.cypher").is_file()
        assert q.mode == "read" and q.description and q.columns, q.name
        assert parameters(code) == set(q.param_names), q.name
        assert "dataset" in q.param_names and "{dataset: $dataset" in code, q.name
        labels = set(re.findall(r"\(\w*:(\w+)", code))
        assert labels <= level_labels | {"Element"}, (q.name, labels - level_labels)


def test_named_queries_are_analyses_library_and_the_users_own(tmp_path, monkeypatch):
    (tmp_path / "orphans.cypher").write_text(
        "// name: orphans\n// description: Mine wins.\n// params: dataset (string)\n// columns: n\n// mode: read\n"
        "MATCH (e:Element {dataset: $dataset}) RETURN count(e) AS n\n", encoding="utf-8")
    known = named_queries([tmp_path])
    assert known["coverage"].origin == ANALYSIS and known["under_mission"].origin == EXPLORE
    assert "load_elements" not in known and "clear_dataset" not in known  # only read-only analyses
    assert known["orphans"].origin == str(tmp_path) and known["orphans"].query.description == "Mine wins."
    monkeypatch.setenv("CASCADE_QUERIES", str(tmp_path))
    assert user_dirs() == [tmp_path] and user_dirs(tmp_path / "x") == [tmp_path / "x"]
    with pytest.raises(ValueError, match="known: .*under_mission"):
        find("no_such_query")
    (tmp_path / "wrong.cypher").write_text("// name: other\n// description: d\n// mode: read\nRETURN 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="differs from the file name"):
        named_queries([tmp_path])
    with pytest.raises(ValueError, match="no query directory"):
        named_queries([tmp_path / "missing"])


# -- completion ----------------------------------------------------------------


def test_completion_of_commands_and_their_arguments():
    words = {"labels": ["Strategy"], "types": [], "keys": ["name"], "params": ["dataset", "mission"],
             "commands": [":schema", ":run"], ":run": ["under_mission", "orphans"]}
    complete_ = CypherCompleter(lambda: words)

    def offered(before: str) -> list[str]:
        return [c.text for c in complete_.get_completions(Document(before), None)]

    assert offered(":sc") == [":schema"]
    assert offered(":run und") == ["under_mission"]
    assert offered("RETURN $mi") == ["mission"]
    assert offered("MATCH (s:Strategy {dataset: $dataset}) RETURN s.na") == ["name"]
    assert offered("RETURN 'in a string s.na") == []
    assert offered("MATCH (s {id:") == []
