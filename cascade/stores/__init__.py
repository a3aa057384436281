"""Where a cascade lives: in memory (:mod:`.memory`) or in Neo4j (:mod:`.neo4j`)."""

from .base import DIRECTIONS, DatabaseUnavailable, Store, UnknownDataset, UnknownElement
from .memory import MemoryStore

__all__ = ["Store", "MemoryStore", "UnknownElement", "UnknownDataset", "DatabaseUnavailable", "DIRECTIONS"]
