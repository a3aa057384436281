"""Values from the server, written for people (text) and for programs (JSON).

An element prints the way a planner names it, ``(:Strategy S3 "Digitalisasi
layanan perizinan")``; any other node as ``(:Label {key: value})``; a
relationship as ``[:TYPE]``, with its ends when they are known; a path as its
chain. Temporal values print in ISO 8601 (with the zone name when there is
one), points as ``point({srid: 4326, x: …, y: …})``, lists and maps as Cypher
literals. In JSON, nodes are objects with their labels and properties.

>>> text([1, "a", None, {"k": 2.5}])
'[1, "a", null, {k: 2.5}]'
>>> text(float("nan")), to_json(float("inf"))
('NaN', 'Infinity')
"""

from __future__ import annotations

import base64
import math
import re

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

__all__ = ["text", "literal", "to_json", "node_text"]

#: Labels every element carries, left out when an element is printed.
COMMON_LABELS = ("Element",)
NAME_WIDTH = 48
_FRACTION_ZEROS = re.compile(r"(\.\d*?)0+(?=$|[+\-Z\[])")
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TEMPORAL = (Date, DateTime, Time, Duration)


def _iso(value) -> str:
    """ISO 8601 without trailing zero nanoseconds; a zoned datetime keeps its zone name."""
    iso = _FRACTION_ZEROS.sub(lambda m: "" if m.group(1) == "." else m.group(1), value.iso_format())
    tz = getattr(value, "tzinfo", None)
    zone = getattr(tz, "zone", None) or getattr(tz, "key", None)  # pytz or zoneinfo; fixed offsets have none
    return f"{iso}[{zone}]" if zone and "/" in zone else iso


def _point_fields(p: Point) -> dict:
    names = ("longitude", "latitude", "height") if isinstance(p, WGS84Point) else ("x", "y", "z")
    return dict(zip(names, p))


def _key(k: str) -> str:
    return k if _PLAIN_KEY.match(k) else "`" + k.replace("`", "``") + "`"


def _float(f: float) -> str:
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    return repr(f)


def _short(s: str, width: int | None) -> str:
    return s if width is None or len(s) <= width else s[: width - 1].rstrip() + "…"


def _literal(value, width: int | None) -> str:
    """A value inside a list, map or node: strings quoted."""
    if isinstance(value, str):
        return '"' + _short(value, width).replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text(value, width)


def literal(value) -> str:
    """``value`` as cypher-shell's plain format writes it: strings quoted, the rest as :func:`text`.

    >>> print(literal('Rencana "awal"'), literal(3), literal(None))
    "Rencana \\"awal\\"" 3 null
    """
    return _literal(value, None)


def _map(d: dict, width: int | None) -> str:
    return "{" + ", ".join(f"{_key(k)}: {_literal(v, width)}" for k, v in d.items()) + "}"


def node_text(node: Node, width: int | None = NAME_WIDTH, brief: bool = False) -> str:
    """``(:Strategy S3 "Digitalisasi…")`` for an element; ``(:Label {k: v})`` for any other node."""
    labels = sorted(node.labels)
    shown = [label for label in labels if label not in COMMON_LABELS] or labels
    head = "".join(f":{_key(label)}" for label in shown)
    props = dict(node.items())
    if "id" in props:
        body = str(props["id"]) + ("" if brief or "name" not in props else " " + _literal(props["name"], width))
    else:
        body = "" if brief or not props else _map(props, width)
    return "(" + " ".join(part for part in (head, body) if part) + ")"


def _relationship_text(rel: Relationship, width: int | None) -> str:
    body = f":{_key(rel.type)}" + (" " + _map(dict(rel.items()), width) if len(rel) else "")
    start, end = rel.start_node, rel.end_node
    if start is None or end is None or not (len(start) or start.labels) or not (len(end) or end.labels):
        return f"[{body}]"
    return f"{node_text(start, brief=True)}-[{body}]->{node_text(end, brief=True)}"


def _path_text(path: Path) -> str:
    parts = [node_text(path.start_node, brief=True)]
    at = path.start_node
    for rel in path.relationships:
        forward = rel.start_node is not None and rel.start_node.element_id == at.element_id
        at = rel.end_node if forward else rel.start_node
        arrow = f"-[:{_key(rel.type)}]->" if forward else f"<-[:{_key(rel.type)}]-"
        parts.append(arrow + node_text(at, brief=True))
    return "".join(parts)


def text(value, width: int | None = None) -> str:
    """``value`` as one line for a table, CSV or Markdown cell; names cut to ``width`` when given."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, Node):
        return node_text(value, width)
    if isinstance(value, Relationship):
        return _relationship_text(value, width)
    if isinstance(value, Path):
        return _path_text(value)
    if isinstance(value, _TEMPORAL):
        return _iso(value)
    if isinstance(value, Point):
        return "point(" + _map({"srid": value.srid, **_point_fields(value)}, None) + ")"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v, width) for v in value) + "]"
    if isinstance(value, dict):
        return _map(value, width)
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes>"
    return str(value)


def _node_json(node: Node) -> dict:
    return {"element_id": node.element_id, "labels": sorted(node.labels), "properties": to_json(dict(node.items()))}


def _relationship_json(rel: Relationship) -> dict:
    return {
        "element_id": rel.element_id, "type": rel.type, "properties": to_json(dict(rel.items())),
        "start": rel.start_node.element_id if rel.start_node is not None else None,
        "end": rel.end_node.element_id if rel.end_node is not None else None,
    }


def to_json(value):
    """``value`` as plain JSON data: nodes and relationships as objects, times as ISO 8601 strings."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else _float(value)
    if isinstance(value, Node):
        return _node_json(value)
    if isinstance(value, Relationship):
        return _relationship_json(value)
    if isinstance(value, Path):
        return {"nodes": [_node_json(n) for n in value.nodes], "relationships": [_relationship_json(r) for r in value.relationships]}
    if isinstance(value, _TEMPORAL):
        return _iso(value)
    if isinstance(value, Point):
        return {"srid": value.srid, **_point_fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)
