"""cascade — find where a government's planning cascade breaks.

vision → mission → goal → strategy → program → process → application, read from
planners' spreadsheets and answered embedded (networkx) or in Neo4j.
"""

from .analysis import Coverage, CoverageRow, Gap, Share, Trace, TraceNode
from .api import (baseline_init, baseline_status, check, coverage, diff, elements, findings, from_records, impact, links, orphans, read,
                  redundant, schema, seed_path, store_of, trace, unbacked)
from .levels import DEFAULT, LEVELS, PRESETS, Level, Schema, SchemaError, level
from .model import Cascade, Element, Finding, InvalidCascade, Place
from .stores import MemoryStore, Store, UnknownElement

__version__ = "0.1.0"

__all__ = [
    "read", "schema", "from_records", "check", "findings", "orphans", "unbacked", "trace", "coverage", "seed_path", "store_of",
    "elements", "links", "diff", "impact", "redundant", "baseline_init", "baseline_status",
    "Cascade", "Element", "Finding", "InvalidCascade", "Place", "LEVELS", "Level", "level", "Schema", "SchemaError", "DEFAULT", "PRESETS",
    "Gap", "Trace", "TraceNode", "Coverage", "CoverageRow", "Share", "MemoryStore", "Store", "UnknownElement",
]
