"""What a Neo4j database holds, as records: its datasets, each with its versions and their state.

Read from the small ``(:DatasetVersion)`` nodes (``cypher/datasets.cypher``),
never from the elements: ``cascade datasets`` answers at once at any size.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..levels import DEFAULT, Schema, schema_from_dict

__all__ = ["VersionInfo", "DatasetInfo", "stored_schema"]


@dataclass(frozen=True)
class VersionInfo:
    """One version of a dataset: its state (loading, published, old, failed), counts and times."""

    version: int
    state: str
    counts: dict[str, int] = field(hash=False)
    links: int
    written: int
    schema: str
    source: str | None
    started_at: str | None
    published_at: str | None
    reason: str | None = None

    @property
    def elements(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {"version": self.version, "state": self.state, "elements": self.elements, "counts": dict(self.counts),
                "links": self.links, "written": self.written, "schema": self.schema, "source": self.source,
                "started_at": self.started_at, "published_at": self.published_at, "reason": self.reason}


@dataclass(frozen=True)
class DatasetInfo:
    """One dataset and every version it holds (newest first); the counts, links, time, source and
    schema are its published version's (empty when none is published)."""

    name: str
    versions: tuple[VersionInfo, ...]

    @property
    def published(self) -> VersionInfo | None:
        return next((v for v in self.versions if v.state == "published"), None)

    @property
    def version(self) -> int | None:
        return self.published.version if self.published else None

    @property
    def counts(self) -> dict[str, int]:
        return self.published.counts if self.published else {}

    @property
    def links(self) -> int:
        return self.published.links if self.published else 0

    @property
    def loaded_at(self) -> str | None:
        return self.published.published_at if self.published else None

    @property
    def source(self) -> str | None:
        return self.published.source if self.published else None

    @property
    def schema(self) -> str:
        return self.published.schema if self.published else DEFAULT.name

    @property
    def elements(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {"name": self.name, "version": self.version, "elements": self.elements, "counts": dict(self.counts),
                "links": self.links, "loaded_at": self.loaded_at, "source": self.source, "schema": self.schema,
                "versions": [v.to_dict() for v in self.versions]}


def stored_schema(text: str | None, dataset: str) -> Schema:
    """The level schema stored with a dataset (datasets loaded before schemas have the default)."""
    if not text:
        return DEFAULT
    return schema_from_dict(json.loads(text), f"the schema stored with dataset {dataset!r}")
