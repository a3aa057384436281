"""Findings as SARIF 2.1.0, so a CI system shows them as code-scanning alerts.

Each finding kind is a rule; each finding a result at the source file (the
workbook or folder it was read from, when known) and at the element, as a
logical location. Kinds gated by ``--fail-on`` are errors, the rest warnings.

>>> from cascade.gates import KINDS
>>> log = sarif_log([(KINDS[0], [])], "kota")
>>> log["version"], log["runs"][0]["tool"]["driver"]["rules"][0]["id"]
('2.1.0', 'orphans')
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from ..analysis import Gap
from ..gates import Kind, describe, subject
from .encodings import as_json

__all__ = ["sarif_log", "sarif_json", "SCHEMA"]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:")


def _location(item, dataset: str, source: str | None) -> dict:
    element = subject(item)
    where: dict = {}
    place = getattr(item, "place", None)
    file = place.file if place else source
    if file:
        physical: dict = {"artifactLocation": {"uri": _uri(file)}}
        if place and place.row and not file.lower().endswith((".xlsx", ".xlsm")):
            physical["region"] = {"startLine": place.row}
        where["physicalLocation"] = physical
    if element:
        lv = item.level.name if isinstance(item, Gap) else ""
        where["logicalLocations"] = [{"name": element, "fullyQualifiedName": "/".join(filter(None, [dataset, lv, element])),
                                      "kind": "element"}]
    return where


def _result(kind: Kind, index: int, item, level: str, dataset: str, source: str | None) -> dict:
    result = {"ruleId": kind.name, "ruleIndex": index, "level": level, "message": {"text": describe(kind, item)}}
    location = _location(item, dataset, source)
    if location:
        result["locations"] = [location]
    result["partialFingerprints"] = {"cascadeFinding/v1": f"{dataset}:{kind.name}:{subject(item)}:{getattr(item, 'message', '')}"}
    props = item.to_dict()
    result["properties"] = {k: v for k, v in props.items() if v not in (None, "", [])}
    return result


def sarif_log(sections: list[tuple[Kind, list]], dataset: str, source: str | None = None,
              gated: tuple[str, ...] = ()) -> dict:
    """A SARIF log (as a dict) of ``sections``, (kind, findings) pairs."""
    rules, results = [], []
    for index, (kind, items) in enumerate(sections):
        level = "error" if kind.name in gated else "warning"
        rules.append({"id": kind.name, "name": kind.name.title().replace("-", ""),
                      "shortDescription": {"text": kind.summary},
                      "defaultConfiguration": {"level": level}})
        results += [_result(kind, index, item, level, dataset, source) for item in items]
    run = {"tool": {"driver": {"name": "cascade", "version": __version__, "rules": rules}},
           "automationDetails": {"id": f"cascade/{dataset}/"},
           "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def sarif_json(sections: list[tuple[Kind, list]], dataset: str, source: str | None = None,
               gated: tuple[str, ...] = ()) -> str:
    return as_json(sarif_log(sections, dataset, source, gated)) + "\n"
