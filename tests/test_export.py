"""cascade export: the whole cascade for Gephi, yEd, Graphviz, Mermaid and programs."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import pytest
from typer.testing import CliRunner

import cascade
from cascade.cli import app
from cascade.export import FORMATS, graph_of, to_text


@pytest.fixture(scope="module")
def seed():
    return cascade.read(cascade.seed_path())


def export(fmt: str, *extra) -> str:
    result = CliRunner().invoke(app, ["export", str(cascade.seed_path()), "--format", fmt, *map(str, extra)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_graphml_and_gexf_read_back_as_the_cascade(seed):
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = reader(io.BytesIO(export(fmt).encode("utf-8")))
        assert graph.number_of_nodes() == 344 and graph.number_of_edges() == 368, fmt
        assert set(graph.edges) == set(seed.links), fmt
        attrs = graph.nodes["PB-059"]
        assert attrs["level"] == "process" and attrs["opd"] == "Satpol PP" and attrs["label"].startswith("PB-059 ")
        assert int(attrs["level_index"]) == cascade.level("process").index


def test_json_is_node_link(seed):
    data = json.loads(export("json"))
    assert len(data["nodes"]) == 344 and len(data["links"]) == 368
    assert {(link["source"], link["target"]) for link in data["links"]} == set(seed.links)
    node = next(n for n in data["nodes"] if n["id"] == "APL-001")
    assert node["Domain Layanan"] == "layanan publik"


def test_mermaid_and_dot_name_every_node_and_link(seed):
    mermaid = export("mermaid")
    assert mermaid.startswith("flowchart LR\n")
    assert len(re.findall(r"^  n\d+ --> n\d+$", mermaid, re.M)) == 368
    assert "classDef application" in mermaid
    dot = export("dot")
    assert dot.startswith("digraph cascade {") and dot.rstrip().endswith("}")
    assert len(re.findall(r'^  "[^"]+" -> "[^"]+";$', dot, re.M)) == 368
    assert '"T2.2" -> "1.05.03";' in dot


def test_export_to_a_file(tmp_path):
    result = CliRunner().invoke(app, ["export", str(cascade.seed_path()), "-F", "gexf", "--out", str(tmp_path / "k.gexf")])
    assert result.exit_code == 0 and result.stdout == ""
    assert nx.read_gexf(tmp_path / "k.gexf").number_of_nodes() == 344


def test_a_store_exports_the_same_graph(store, seed):
    exact, other = graph_of(seed), graph_of(store(seed))
    assert list(other.edges) == list(exact.edges)
    assert list(other.nodes(data=True)) == list(exact.nodes(data=True))   # attributes and order too
    assert exact.nodes["APL-001"]["Domain Layanan"] == "layanan publik"
    other.graph["name"] = exact.graph["name"]   # the test's dataset has a name of its own
    for fmt in FORMATS:
        assert to_text(other, fmt) == to_text(exact, fmt)


def test_every_format_renders_an_empty_cascade():
    empty = cascade.from_records({"vision": [{"id": "V1", "name": "Visi"}]})
    graph = graph_of(empty)
    for fmt in FORMATS:
        assert "V1" in to_text(graph, fmt)
    with pytest.raises(ValueError):
        to_text(graph, "pdf")
