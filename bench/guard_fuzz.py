#!/usr/bin/env python3
"""The read-only guard's fuzz campaign, run by hand against a real Neo4j (``NEO4J_URI``).

    python bench/guard_fuzz.py            # every pair of disguises around every forbidden call

Builds ``prefix1 + prefix2 + call + suffix`` from ``tests/test_guard_fuzz.py``'s pieces (over
10,000 statements), runs each read-only, and counts how many were refused, failed to parse, or
ran — the last must be 0. Prints one line per outcome and exits 1 if any forbidden call ran.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_guard_fuzz import FORBIDDEN, PREFIXES, SUFFIXES  # noqa: E402

from cascade.errors import UsageError  # noqa: E402
from cascade.explore import CypherError, Explorer, Refused  # noqa: E402
from cascade.settings import Neo4jSettings  # noqa: E402


def main() -> int:
    outcome, ran = Counter(), []
    started = time.perf_counter()
    with Explorer.connect(Neo4jSettings.from_env(), None) as ex:
        for p1, p2, call, suffix in itertools.product(PREFIXES, PREFIXES, FORBIDDEN, SUFFIXES):
            text = p1 + p2 + call + suffix
            try:
                ex.run(text)
            except Refused:
                outcome["refused"] += 1
            except CypherError:
                outcome["did not parse"] += 1
            except UsageError:
                outcome["other usage error"] += 1
            else:
                outcome["RAN"] += 1
                ran.append(text)
    total = sum(outcome.values())
    print(f"{total:,} statements in {time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(outcome.items())))
    for text in ran[:20]:
        print("ran:", repr(text))
    return 1 if ran else 0


if __name__ == "__main__":
    sys.exit(main())
