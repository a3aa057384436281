"""The whole cascade for other tools: GraphML and GEXF (Gephi, yEd), JSON, Mermaid, DOT.

Every node carries ``id``, ``name``, ``level`` (its English name),
``level_index`` (0 = vision), ``opd`` when known, a ``label`` to show and, from
the source's other columns (from Neo4j too); every edge goes parent → child. Nodes are
ordered by level, then id, whatever the store.

>>> import cascade
>>> c = cascade.from_records({"strategy": [{"id": "S1", "name": "Strategi"}],
...                           "program": [{"id": "1.02", "name": 'Program "A"', "parent": "S1"}]})
>>> print(to_text(graph_of(c), "mermaid"))
flowchart LR
  n0["S1<br/>Strategi"]:::strategy
  n1["1.02<br/>Program #quot;A#quot;"]:::program
  n0 --> n1
  classDef strategy fill:#e0f2f1,stroke:#00838f
  classDef program fill:#e8f5e9,stroke:#2e7d32
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .draw import COLOURS as _STROKE
from .errors import UsageError

if TYPE_CHECKING:   # imported when a graph is built: start-up stays short
    import networkx as nx

__all__ = ["FORMATS", "graph_of", "to_text"]

FORMATS = ("graphml", "gexf", "json", "mermaid", "dot")
_FILL = ("#ede7f6", "#e8eaf6", "#e3f2fd", "#e0f2f1", "#e8f5e9", "#fff3e0", "#efebe9",
         "#fce4ec", "#f1f8e9", "#e1f5fe", "#f3e5f5", "#eceff1")  # by level index, as draw.COLOURS


def _colour_index(data: dict) -> int:
    return int(data.get("level_index", 0)) % len(_FILL)


def _node(element_id: str, name: str, lv, opd: str | None, attrs: dict) -> dict:
    node = {k: str(v) for k, v in sorted(attrs.items()) if v is not None and k not in ("name", "level", "opd")}
    node.update(name=name, level=lv.name, level_index=lv.index, label=f"{element_id} {name}")
    if opd:
        node["opd"] = opd
    return node


def graph_of(subject) -> nx.DiGraph:
    """The cascade as a ``DiGraph`` (parent → child), from any store through its protocol:
    every element with its attributes, every link."""
    import networkx as nx

    from .api import fixed_store

    store = fixed_store(subject)
    graph = nx.DiGraph(name=store.dataset)
    for e in sorted(store.elements(), key=lambda e: (e.level.index, e.id)):   # one order, whatever the store
        graph.add_node(e.id, **_node(e.id, e.name, e.level, e.opd, e.attrs))
    graph.add_edges_from(sorted(store.links()))
    return graph


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _mermaid(graph: nx.DiGraph) -> str:
    ids = {n: f"n{i}" for i, n in enumerate(graph)}
    lines = ["flowchart LR"]
    used = []
    for n, data in graph.nodes(data=True):
        label = f"{n}<br/>{data.get('name', '')}".replace('"', "#quot;")
        name, ix = data.get("level", "element"), _colour_index(data)
        used.append((name, ix))
        lines.append(f'  {ids[n]}["{label}"]:::{name}')
    lines += [f"  {ids[a]} --> {ids[b]}" for a, b in graph.edges]
    lines += [f"  classDef {name} fill:{_FILL[ix]},stroke:{_STROKE[ix]}" for name, ix in dict.fromkeys(used)]
    return "\n".join(lines)


def _dot(graph: nx.DiGraph) -> str:
    lines = ["digraph cascade {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans"];']
    by_level: dict[int, list[str]] = {}
    for n, data in graph.nodes(data=True):
        ix = _colour_index(data)
        by_level.setdefault(ix, []).append(n)
        label = _quote(n)[:-1] + "\\n" + _quote(data.get("name", ""))[1:]  # two lines: id, name
        lines.append(f"  {_quote(n)} [label={label}, fillcolor={_quote(_FILL[ix])}, "
                     f"color={_quote(_STROKE[ix])}, tooltip={_quote(data.get('opd', ''))}];")
    for ix in sorted(by_level):
        lines.append("  { rank=same; " + " ".join(_quote(n) for n in by_level[ix]) + " }")
    lines += [f"  {_quote(a)} -> {_quote(b)};" for a, b in graph.edges]
    lines.append("}")
    return "\n".join(lines)


def to_text(graph: nx.DiGraph, fmt: str) -> str:
    """The graph in one of :data:`FORMATS`."""
    import networkx as nx

    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(graph, prettyprint=True))
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(graph, prettyprint=True))
    if fmt == "json":
        return json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=2)
    if fmt == "mermaid":
        return _mermaid(graph)
    if fmt == "dot":
        return _dot(graph)
    raise UsageError(f"unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}")
