"""How to reach Neo4j: flags first, then the usual ``NEO4J_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

__all__ = ["Neo4jSettings", "DEFAULT_URI"]

DEFAULT_URI = "bolt://localhost:7687"


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings; the password never appears in ``repr`` or messages."""

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"

    @classmethod
    def from_env(
        cls,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> "Neo4jSettings":
        env = os.environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or "neo4j",
            password=password if password is not None else env.get("NEO4J_PASSWORD"),
            database=database or env.get("NEO4J_DATABASE") or "neo4j",
        )

    def describe(self) -> str:
        """Where we connect, fit to print: no password."""
        return f"{self.uri} (database {self.database}, user {self.user})"
