"""The store protocol: one API, two engines (embedded networkx, Neo4j).

Both stores answer the same analyses with the same signatures and return equal
result objects; the conformance tests hold them to it.
"""

from __future__ import annotations

from typing import Iterable, Protocol, Sequence, runtime_checkable

from ..analysis import Coverage, Gap, Trace
from ..errors import UsageError
from ..levels import Level, Schema
from ..model import Element, Finding

__all__ = ["BATCH", "KEEP", "Store", "default_dataset", "near", "UnknownElement", "UnknownDataset", "UnknownVersion", "DatabaseUnavailable", "LoadFailed", "DIRECTIONS"]

DIRECTIONS = ("down", "up")

#: Rows per write transaction of a Neo4j load (``--batch-size``). Measured on
#: this project's 2-core test machine with a 1 GB heap (bench/README.md,
#: "Loading into Neo4j"): 10k rows amortise the round trip and the commit.
BATCH = 10_000
#: Published versions a Neo4j load keeps, its own included (``--keep``), for ``cascade diff``.
KEEP = 2


def near(wanted: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` candidates closest to ``wanted`` (a typo's likely meaning), closest first.

    >>> near("S9.9.9", ["S1.1.1", "S9.1.9", "PB-001"])
    ['S9.1.9', 'S1.1.1']
    """
    import difflib

    return difflib.get_close_matches(wanted, list(candidates), n=n, cutoff=0.5)


def _did_you_mean(found: Sequence[str]) -> str:
    return f" (did you mean {' or '.join(repr(x) for x in found)}?)" if found else ""


class UnknownElement(KeyError):
    """An id that is not in the dataset (e.g. ``cascade trace`` of a typo); ``near``: the closest ids."""

    def __init__(self, element_id: str, dataset: str, near: Sequence[str] = ()):
        super().__init__(element_id)
        self.element_id, self.dataset, self.near = element_id, dataset, list(near)

    def __str__(self) -> str:
        return f"no element {self.element_id!r} in dataset {self.dataset!r}{_did_you_mean(self.near)}"


class UnknownDataset(LookupError):
    """An analysis asked of a dataset that is not loaded; names the ones that are."""

    def __init__(self, dataset: str, loaded: Iterable[str]):
        super().__init__(dataset)
        self.dataset, self.loaded = dataset, list(loaded)

    def __str__(self) -> str:
        if not self.loaded:
            return f"no dataset {self.dataset!r} in Neo4j: nothing is loaded yet (cascade load PATH --dataset NAME)"
        return (f"no dataset {self.dataset!r} in Neo4j{_did_you_mean(near(self.dataset, self.loaded))}; "
                f"loaded datasets: {', '.join(self.loaded)}")


def default_dataset(loaded: Sequence[str]) -> str:
    """The dataset meant when none is named: the only one loaded, else ``default``; several loaded and
    none of them ``default`` is a :class:`UsageError` that lists them.

    >>> default_dataset(["tangerang"]), default_dataset([]), default_dataset(["a", "default"])
    ('tangerang', 'default', 'default')
    """
    if len(loaded) == 1:
        return loaded[0]
    if not loaded or "default" in loaded:
        return "default"
    raise UsageError(f"{len(loaded)} datasets are loaded ({', '.join(loaded)}): choose one with --dataset NAME")


class UnknownVersion(LookupError):
    """A version of a dataset that Neo4j does not keep; names the ones it does."""

    def __init__(self, dataset: str, version: "int | str", kept: Iterable[int]):
        super().__init__(dataset, version)
        self.dataset, self.version, self.kept = dataset, version, sorted(kept)

    def __str__(self) -> str:
        what = "no version before the published one" if self.version == "previous" else f"no version {self.version}"
        kept = ", ".join(f"{self.dataset}@{v}" for v in self.kept) or "none"
        return (f"{what} of dataset {self.dataset!r} is kept in Neo4j; kept: {kept} "
                f"(cascade datasets lists them; cascade load --keep N keeps more)")


class DatabaseUnavailable(RuntimeError):
    """Neo4j cannot be used: unreachable, credentials refused, no such database (exit 3).

    The message never holds a secret.
    """


class LoadFailed(RuntimeError):
    """A load that could not be published; the version published before is still the one read."""


@runtime_checkable
class Store(Protocol):
    """Where a dataset lives, and the analyses it can answer."""

    dataset: str
    schema: Schema

    def orphans(self, level: str | Level | None = None, anchor: str | Level | None = None) -> list[Gap]:
        """Elements of ``level`` (default: the schema's process role) with no ancestor at ``anchor``
        (default: the strategy role)."""

    def unbacked(self, level: str | Level | None = None, target: str | Level | None = None) -> list[Gap]:
        """Elements of ``level`` (default: the strategy role) with no descendant at ``target``
        (default: the process role)."""

    def trace(self, element_id: str, direction: str = "down", depth: int | None = None) -> Trace:
        """The sub-graph below (``down``) or above (``up``) one element."""

    def coverage(self, by: str | None = None) -> Coverage:
        """Counts per level (``by="opd"``: per OPD too) and the headline shares."""

    def check(self) -> Sequence[Finding]:
        """Structural warnings: level skips, no parent, unanchored, no children
        (a :class:`~cascade.check.Findings`: each made when read)."""

    def elements(self) -> Iterable[Element]:
        """Every element, with its attributes and its source place."""

    def links(self) -> list[tuple[str, str]]:
        """Every link as (parent id, child id)."""

    def lost_support(self, analysis: str, level: Level, far: Level, retired: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
        """For ``analysis`` ``orphans`` (``unbacked``): the elements of ``level`` not in ``retired`` that
        reach ``far`` now and would not with ``retired`` removed, each with the retired elements the
        support ran through, sorted; :class:`UnknownElement` for a retired id not in the dataset."""

    def same_parents(self, level: Level, by: Level) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """Groups of two or more elements of ``level`` whose parents at ``by`` are the same non-empty
        set: (their ids, those parents' ids), each sorted (applications serving the same processes)."""
