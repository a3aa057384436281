"""Files cascade ships beside its code: the Cypher statements and the seed data.

In an installed wheel they live inside the package (``cascade/cypher``,
``cascade/seed``); in a source checkout they are the top-level ``cypher/`` and
``seed/`` folders. Callers ask here and never care which.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["cypher_dir", "seed_dir", "seed_file"]

_PACKAGE = Path(__file__).resolve().parent


@cache
def _shipped(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cascade's {name}/ folder is missing from this installation")


def cypher_dir() -> Path:
    return _shipped("cypher")


def seed_dir() -> Path:
    return _shipped("seed")


def seed_file(name: str) -> Path:
    return seed_dir() / name
