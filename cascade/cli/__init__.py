"""The ``cascade`` command: parse options, call the API, render, set the exit code.

Each sibling module registers its commands on the one :data:`app`; the
commands are thin layers over :mod:`cascade.api` and the stores.
"""

from __future__ import annotations

import logging

from . import analyses, database, explore  # noqa: F401  (registers commands)
from . import changes, report  # noqa: F401  (registers report, export, diff, impact, redundant, baseline)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    # The driver logs each retry and dropped connection; the command reports
    # the outcome in one line of its own, so the driver's log stays quiet.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    app()
