"""What a newcomer needs to write a query: the level model and what a dataset holds.

The level model is the dataset's own level schema (stored with it when it was
loaded; :mod:`cascade.levels`); the labels, relationship
types and property keys of the dataset, with their counts, from the named
query ``dataset_schema`` (``cypher/explore/dataset_schema.cypher``). The same
words feed the shell's completion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console

from ..levels import DEFAULT, Schema as LevelSchema
from ..render.encodings import rich_table
from .queries import find
from .runner import Explorer

__all__ = ["Schema", "read_schema", "print_schema"]

SCHEMA_QUERY = "dataset_schema"
KINDS = {"label": "labels", "relationship type": "types", "property key": "keys"}


@dataclass
class Schema:
    """Labels, relationship types and property keys of one dataset, each with its count."""

    dataset: str | None = None
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    levels: LevelSchema = DEFAULT

    def words(self) -> dict[str, list[str]]:
        """What completion offers: labels (the level labels always), relationship types, property keys."""
        return {
            "labels": sorted({*self.labels, *(lv.label for lv in self.levels)}),
            "types": sorted(self.types),
            "keys": sorted(self.keys),
        }


def read_schema(explorer: Explorer, dataset: str) -> Schema:
    """The schema of ``dataset`` as the server has it."""
    schema = Schema(dataset)
    for kind, name, count in explorer.run(find(SCHEMA_QUERY).query.text, {"dataset": dataset}).rows:
        getattr(schema, KINDS[kind])[name] = count
    schema.levels = explorer.store.schema_of(dataset) or schema.levels
    return schema


def print_schema(schema: Schema, out: Console) -> None:
    """The level model with this dataset's counts, then its other labels, relationship types and property keys."""
    where = f"in {schema.dataset}" if schema.dataset else "(no dataset)"
    levels = [[lv.index, lv.name, lv.label, ", ".join(lv.aliases), schema.labels.get(lv.label, 0)] for lv in schema.levels]
    out.print(rich_table(["#", "level", "label", "aliases", f"nodes {where}"], levels,
                     f"Levels of schema {schema.levels.name!r} (top to bottom; links go parent → child, to a lower level)"))
    level_labels = {lv.label for lv in schema.levels}
    others = [[k, n] for k, n in sorted(schema.labels.items()) if k not in level_labels]
    for title, columns, rows in (
        ("Other labels", ["label", "nodes"], others),
        ("Relationship types", ["type", "relationships"], sorted(schema.types.items())),
        ("Property keys", ["key", "nodes"], sorted(schema.keys.items())),
    ):
        if rows:
            out.print(rich_table(columns, [list(r) for r in rows], title))
    if schema.dataset:
        out.print(f"Every node of the dataset has dataset = {schema.dataset!r}, which $dataset stands for.", highlight=False)
