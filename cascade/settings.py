"""How to reach Neo4j: flags first, then the usual ``NEO4J_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

__all__ = ["Neo4jSettings", "DEFAULT_URI", "SCHEMES"]

DEFAULT_URI = "bolt://localhost:7687"
#: The schemes of Neo4j's Bolt protocol, which the driver speaks.
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings; the password never appears in ``repr`` or messages.

    A user and password written into the URI (``bolt://user:pw@host``) are taken out of it (a
    password there would show wherever the URI does) and used when none is given otherwise.

    >>> Neo4jSettings("bolt://bob:rahasia@db.example:7687").describe()
    'bolt://db.example:7687 (database neo4j, user bob)'
    """

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"

    def __post_init__(self):
        parts = urlsplit(self.uri)
        if "@" not in parts.netloc:
            return
        userinfo, _, host = parts.netloc.rpartition("@")
        name, has_password, secret = userinfo.partition(":")
        object.__setattr__(self, "uri", parts._replace(netloc=host).geturl())
        if name and self.user == "neo4j":
            object.__setattr__(self, "user", unquote(name))
        if has_password and self.password is None:
            object.__setattr__(self, "password", unquote(secret))

    def refusal(self) -> str | None:
        """Why these settings cannot reach a dataset, before trying: another protocol's URI, the
        system database; else None."""
        scheme = urlsplit(self.uri).scheme.lower()
        if scheme not in SCHEMES:
            hint = " (http:// and :7474 are Neo4j Browser's; Bolt listens on :7687)" if scheme.startswith("http") else ""
            return (f"Neo4j URI {self.uri!r} is not a Bolt address{hint}: it must start with "
                    f"{', '.join(s + '://' for s in SCHEMES[:2])} or bolt://")
        if self.database.lower() == "system":
            return ("the system database holds Neo4j's users and settings and cannot hold a dataset: "
                    "use --database neo4j (the default) or another database")
        return None

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
