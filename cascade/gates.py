"""Finding kinds and the CI gate: which findings make ``--fail-on`` exit 1.

A *kind* names one family of findings — one analysis preset or one structural
check code — so a build fails on exactly what the team agreed to fix, as a
code-rule tool fails on the rules it was told to enforce:

>>> parse_kinds("orphans, unused-applications")
('orphans', 'unused-applications')
>>> parse_kinds("warnings") == tuple(k.name for k in KINDS if k.analysis == "check")
True
>>> kind_for("orphans", "aplikasi", "proses").name
'unused-applications'
>>> kind_for("orphans", "program", "goal").name
'orphans'

``all`` names every kind, ``warnings`` every structural check. The presets
name *roles* of the level schema (:mod:`cascade.levels`), so ``orphans`` means
"processes with no strategic link" in every schema; nothing here spells a level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .analysis import Gap
from .errors import UsageError
from .levels import DEFAULT, ROLES, Level, Schema
from .model import Finding

__all__ = ["Kind", "KINDS", "KIND_NAMES", "GAP_KINDS", "gaps_of", "kind_named", "GROUPS", "parse_kinds", "kind_for", "by_kind", "failing", "describe", "subject", "KINDS_HELP"]


@dataclass(frozen=True)
class Kind:
    """One family of findings: an analysis preset (level and far level) or a check code."""

    name: str
    analysis: str  # "orphans", "unbacked" or "check"
    summary: str
    level: str | None = None  # a role (presets) or a level name
    far: str | None = None  # the anchor of orphans, the target of unbacked
    code: str | None = None  # the check code

    def span(self, schema: Schema = DEFAULT) -> tuple[Level, Level]:
        """(level, far level) of a gap kind in ``schema``: roles become that schema's levels."""
        def resolve(name: str) -> Level:
            return schema.role(name) if name in ROLES else schema.level(name)

        return resolve(self.level), resolve(self.far)


def _gap_kind(name: str, analysis: str, lv: str, far: str) -> Kind:
    relation = "above it" if analysis == "orphans" else "below it"
    return Kind(name, analysis, f"{lv} with no {far} {relation}", lv, far)


KINDS: tuple[Kind, ...] = (
    _gap_kind("orphans", "orphans", "process", "strategy"),
    _gap_kind("unbacked", "unbacked", "strategy", "process"),
    _gap_kind("unused-applications", "orphans", "application", "process"),
    _gap_kind("processes-without-application", "unbacked", "process", "application"),
    Kind("level-skips", "check", "a link that skips a level", code="level-skip"),
    Kind("no-parent", "check", "an element other than a vision with no parent", code="no-parent"),
    Kind("unanchored", "check", "an element that leads up to no vision", code="unanchored"),
    Kind("no-children", "check", "an element above the lowest level with nothing below it", code="no-children"),
)
KIND_NAMES = tuple(k.name for k in KINDS)
#: The kinds an analysis finds (orphans, unbacked and their application presets), in KINDS order.
GAP_KINDS = tuple(k for k in KINDS if k.code is None)
_BY_NAME = {k.name: k for k in KINDS}

#: Names that stand for several kinds.
GROUPS = {"all": KIND_NAMES, "warnings": tuple(k.name for k in KINDS if k.analysis == "check")}

KINDS_HELP = f"comma list of: {', '.join(KIND_NAMES)}; or {' / '.join(GROUPS)}"


def parse_kinds(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """The kinds named by a ``--fail-on`` value (comma list, groups expanded), in KINDS order.

    Raises ValueError naming the accepted kinds for anything else.
    """
    if text is None:
        return ()
    parts = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    wanted: set[str] = set()
    for part in (p.strip().lower() for p in parts):
        if not part:
            continue
        if part in GROUPS:
            wanted.update(GROUPS[part])
        elif part in _BY_NAME:
            wanted.add(part)
        else:
            raise UsageError(f"unknown finding kind {part!r} for --fail-on; expected {KINDS_HELP}")
    return tuple(k for k in KIND_NAMES if k in wanted)


def kind_named(name: str) -> Kind:
    """The kind called ``name`` (``unused_applications`` and ``unused-applications`` alike);
    ValueError naming the kinds otherwise."""
    found = _BY_NAME.get(name.strip().lower().replace("_", "-"))
    if found is None:
        raise UsageError(f"unknown finding kind {name!r}; expected one of {', '.join(KIND_NAMES)}")
    return found


def gaps_of(store, kinds: Iterable[Kind] = GAP_KINDS) -> dict[str, list[Gap]]:
    """Each gap kind's findings in ``store`` (any store), by kind name, in the store's own schema."""
    return {k.name: getattr(store, k.analysis)(*k.span(store.schema)) for k in kinds}


def kind_for(analysis: str, level: "str | Level", far: "str | Level", schema: Schema = DEFAULT) -> Kind:
    """The kind of an analysis' findings: its preset if it is one, else the analysis' main kind
    (under that name, with the levels actually asked for)."""
    lv, far_lv = schema.level(level), schema.level(far)
    for k in KINDS:
        if k.analysis == analysis and k.span(schema) == (lv, far_lv):
            return k
    return _gap_kind(analysis, analysis, lv.name, far_lv.name)


def by_kind(findings: Iterable[Finding]) -> list[tuple[Kind, list[Finding]]]:
    """Structural findings grouped by kind, in KINDS order; other codes (read errors) after, by code."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.code, []).append(f)
    known = [(k, groups.pop(k.code)) for k in KINDS if k.code in groups]
    return known + [(Kind(code, "check", code, code=code), items) for code, items in sorted(groups.items())]


def failing(found: dict[str, list], fail_on: Iterable[str]) -> dict[str, int]:
    """The gated kinds that have findings, with their counts (empty: the gate passes)."""
    return {k: len(found[k]) for k in fail_on if found.get(k)}


def subject(item: "Gap | Finding") -> str:
    """The element a finding is about (empty for a finding about the source as a whole)."""
    return item.id if isinstance(item, Gap) else (item.element or "")


def describe(kind: Kind, item: "Gap | Finding") -> str:
    """One line a CI system shows for a finding."""
    if isinstance(item, Finding):
        return item.message
    side = "above" if kind.analysis == "orphans" else "below"
    return (f"{item.level.name} {item.id} ({item.name}) has no {kind.far} {side}: it reaches "
            f"{item.reached.name}, the chain stops at {', '.join(item.break_at)}")
