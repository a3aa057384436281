"""Parameters for ad-hoc queries: ``--param name=value`` and ``--params FILE``.

Values are data, never Cypher: they travel to the server as parameters. A
value is read as JSON when it parses as JSON, else it is the string as typed.

>>> parse_param("limit=5"), parse_param("id=S3"), parse_param('ids=["S1","S2"]')
(('limit', 5), ('id', 'S3'), ('ids', ['S1', 'S2']))
>>> parse_param("name=}) DETACH DELETE n //")
('name', '}) DETACH DELETE n //')
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..datatext import DataError, load_data
from ..errors import UsageError

__all__ = ["parse_param", "parse_value", "parse_params", "read_params"]

_NAME = re.compile(r"^[^\s=]+$")


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
    """``name=value`` → (name, value); the first ``=`` separates them."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not _NAME.match(name):
        raise UsageError(f"a parameter is given as name=value, not {text!r}")
    return name, parse_value(value)


def parse_params(items: Iterable[str]) -> dict[str, object]:
    """Every ``name=value`` in order; a later one wins."""
    return dict(parse_param(item) for item in items)


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
