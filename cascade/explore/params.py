"""Parameters for ad-hoc queries: ``--param name=value``, cypher-shell's forms, and ``--params FILE``.

``name=value``: the value is data, never Cypher. It travels to the server as a
parameter, read as JSON when it parses as JSON, else the string as typed.

>>> parse_param("limit=5"), parse_param("id=S3"), parse_param('ids=["S1","S2"]')
(('limit', 5), ('id', 'S3'), ('ids', ['S1', 'S2']))
>>> parse_param("name=}) DETACH DELETE n //")
('name', '}) DETACH DELETE n //')

cypher-shell's ``name => expression`` and ``{name: expression, …}``: the
expression is Cypher the user wrote, so the server evaluates it (as
cypher-shell does, with ``RETURN`` in front), read-only like any ad-hoc
statement (:meth:`.runner.Explorer.evaluate`); here it is only recognised.

>>> parse_param("mission => 'M2'")
('mission', Expression(text="'M2'"))
>>> parse_param("{mission: 'M3', depth: 2}")
('', Expression(text="{mission: 'M3', depth: 2}"))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..datatext import DataError, load_data
from ..errors import UsageError

__all__ = ["Expression", "parse_param", "parse_value", "parse_params", "read_params", "FORMS"]

_NAME = re.compile(r"^[^\s=]+$")
#: cypher-shell's ``:param name => expression`` (a name, or one in backticks)
_ARROW = re.compile(r"^\s*(`[^`]+`|[^\s=`{]+)\s*=>\s*(.*?)\s*$", re.S)
FORMS = "NAME=VALUE, 'NAME => EXPRESSION' or '{NAME: EXPRESSION, ...}'"


@dataclass(frozen=True)
class Expression:
    """A parameter's value that is a Cypher expression, for the server to evaluate."""

    text: str


def parse_value(text: str):
    """JSON when ``text`` parses as JSON (numbers, true, null, lists, maps, "quoted"), else ``text``
    (``NaN`` is not JSON: the text "NaN"); JSON nested too deeply is refused (:mod:`cascade.datatext`)."""
    try:
        return load_data(text, is_json=True)
    except DataError as exc:
        if exc.code == "too-deep":
            raise UsageError(f"parameter value {_shown(text)}: {exc.message}") from None
        return text


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def parse_param(text: str) -> tuple[str, object]:
    """``name=value`` → (name, value), the first ``=`` separating them; ``name => expr`` → (name,
    :class:`Expression`); ``{map}`` → ("", :class:`Expression`), whose keys name the parameters."""
    arrow = _ARROW.match(text)
    if arrow:
        name, expression = arrow.group(1).strip("`"), arrow.group(2)
        if not expression:
            raise UsageError(f"{text.strip()!r}: give an expression after '=>' (e.g. {name} => 'M2')")
        return name, Expression(expression)
    if text.strip().startswith("{"):
        return "", Expression(text.strip())
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not _NAME.match(name) or value.startswith(">"):
        raise UsageError(f"a parameter is given as {FORMS}; not {text!r}")
    return name, parse_value(value)


def parse_params(items: Iterable[str]) -> dict[str, object]:
    """Every parameter in order, a later one winning; a ``{map}`` form is kept under its own text
    (no parameter name starts with ``{``), for :meth:`.runner.Explorer.evaluated` to spread."""
    found: dict[str, object] = {}
    for item in items:
        name, value = parse_param(item)
        found[name or value.text] = value
    return found


def read_params(path: Path) -> dict[str, object]:
    """A mapping of parameters from a ``.json``, ``.yaml`` or ``.yml`` file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read parameters from {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read parameters from {path}: it is not UTF-8 text (byte {exc.start + 1}); "
                         "save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)") from None
    try:
        data = load_data(text, is_json=Path(path).suffix.lower() == ".json")
    except DataError as exc:
        raise UsageError(f"{path}{f', line {exc.line}' if exc.line else ''}: {exc.message}") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise UsageError(f"{path}: parameters must be a mapping of names to values")
    return data
