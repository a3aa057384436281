"""The report as tables — the common ground of the HTML, XLSX and Markdown writers.

Each table has a stable ``key`` (an HTML id, a sheet), a heading key (see
:mod:`.text`), column keys and rows of plain values; ``percent`` columns hold
ratios (0–1, or None). Words are in the report's language; ids stay as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis import Coverage, Gap
from ..check import message_in
from ..gates import GAP_KINDS, kind_named, subject
from ..levels import Level
from .model import Report
from .words import level_title, word

__all__ = ["Table", "summary_table", "coverage_table", "opd_table", "gap_table", "break_table", "check_table",
           "strategy_table", "change_tables", "accepted_table", "all_tables", "column_title"]



def column_title(column: "str | Level", lang: str) -> str:
    """A column's header: a level's title for a level column, else the word."""
    if isinstance(column, Level):
        return column.title(lang)
    return word(column, lang)


@dataclass
class Table:
    key: str
    heading: str  # a key of text._WORDS
    columns: list  # keys of text._WORDS, or Levels (a count per level)
    rows: list[list]
    percent: set[str] = field(default_factory=set)

    def headers(self, lang: str) -> list[str]:
        return [column_title(c, lang) for c in self.columns]


def summary_table(report: Report, lang: str) -> Table:
    """What the dataset holds and how it fares; counts and shares as numbers (a workbook sums them)."""
    rows: list[list] = [[word("dataset", lang), report.dataset, None, None],
                        [word("source", lang), report.source or "", None, None],
                        [word("generated", lang), report.generated, None, None]]
    rows += [[level_title(lv, lang), n, None, None] for lv, n in report.counts().items()]
    for key, share in (("share-linked", report.coverage.process_linked[None]),
                       ("share-backed", report.coverage.strategy_backed[None])):
        rows.append([word(key, lang), share.part, share.whole, share.part / share.whole if share.whole else None])
    rows += [[word(name, lang), len(items), None, None] for name, items in report.found().items() if name in report.gaps]
    rows.append([word("check", lang), len(report.findings), None, None])
    return Table("summary", "summary", ["item", "value", "whole", "ratio"], rows, {"ratio"})


def coverage_table(report: Report, lang: str) -> Table:
    rows = [[level_title(r.level, lang), r.elements, r.with_parent, r.anchored, r.with_child] for r in report.coverage.rows]
    return Table("coverage", "coverage", ["level", "elements", "with_parent", "anchored", "with_child"], rows)


def _opd_shares(cov: Coverage) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    opds = list(dict.fromkeys([*cov.process_linked, *cov.strategy_backed]))
    out = []
    for opd in opds:
        linked, backed = cov.process_linked.get(opd), cov.strategy_backed.get(opd)
        out.append((opd or "—", (linked.part, linked.whole) if linked else (0, 0), (backed.part, backed.whole) if backed else (0, 0)))
    return out


def opd_table(report: Report, lang: str) -> Table:
    rows = []
    for opd, (lp, lw), (bp, bw) in _opd_shares(report.coverage_by_opd):
        rows.append([opd, lw, lp, lp / lw if lw else None, bw, bp, bp / bw if bw else None])
    columns = ["opd", "processes", "processes-linked", "ratio", "strategies-n", "strategies-backed", "ratio"]
    return Table("opd", "coverage-opd", columns, rows, {"ratio"})


def _skips(report: Report, kind_name: str, points, lang: str) -> str:
    """How the chains at ``points`` pass over a level, in the kind's direction: ``T2.2 (Tujuan), melompati Strategi``."""
    way = "up" if kind_named(kind_name).analysis == "orphans" else "down"
    said = []
    for point in points:
        for other, skipped in report.skips_of(point, way):
            entry = report.names.get(other)
            said.append(word("skips-text", lang, other=other, level=level_title(entry[1], lang) if entry else "?",
                             skipped=", ".join(level_title(lv, lang) for lv in skipped)))
    return "; ".join(said)


def gap_table(report: Report, kind_name: str, lang: str) -> Table:
    gaps: list[Gap] = report.gaps[kind_name]
    rows = [[g.id, g.name, g.opd or "", level_title(g.reached, lang), "; ".join(g.break_at),
             "; ".join(report.name_of(b) for b in g.break_at), _skips(report, kind_name, g.break_at, lang)] for g in gaps]
    return Table(kind_name, kind_name, ["id", "name", "opd", "reached", "break_at", "break_name", "skips"], rows)


def break_table(report: Report, kind_name: str, lang: str) -> Table:
    """Where chains break: one row per break point, with the gaps that stop there (most first) and the
    links there that pass over a level (a chain that goes on above, skipping the level it needs)."""
    by_point: dict[str, list[str]] = {}
    for g in report.gaps[kind_name]:
        for b in g.break_at:
            by_point.setdefault(b, []).append(g.id)
    ordered = sorted(by_point.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    rows = []
    for point, ids in ordered:
        entry = report.names.get(point)
        rows.append([point, entry[0] if entry else "", level_title(entry[1], lang) if entry else "",
                     entry[2] or "" if entry else "", len(ids), "; ".join(ids), _skips(report, kind_name, [point], lang)])
    return Table(f"{kind_name}-breaks", "break-points", ["break_at", "name", "level", "opd", "count", "item", "skips"], rows)


def check_table(report: Report, lang: str) -> Table:
    """The structural findings, said in ``lang``, each with its element's OPD (to filter by) and place."""
    names = report.names

    def level_of(element_id: str):
        entry = names.get(element_id)
        return entry[1] if entry else None

    rows = []
    for f in report.findings:
        p, entry = f.place, names.get(f.element) if f.element else None
        rows.append([word(f.severity, lang), f.code, f.element or "", (entry[2] or "") if entry else "",
                     message_in(f, lang, report.schema, level_of), p.file if p else "", (p.sheet or "") if p else "",
                     p.row if p and p.row else ""])
    return Table("check", "check", ["severity", "code", "element", "opd", "message", "file", "sheet", "row"], rows)


def strategy_table(report: Report, lang: str) -> Table:
    below = [lv for lv in report.counts() if lv > report.schema.strategy]
    rows = []
    for s in report.strategies:
        counts = s.counts()
        rows.append([s.id, s.name, s.opd or "", *(counts.get(lv, 0) for lv in below), "; ".join(s.ends)])
    return Table("strategies", "strategies", ["id", "name", "opd", *below, "breaks"], rows)


def change_tables(report: Report, lang: str) -> list[Table]:
    """What changed since the version the report was asked ``--against``: elements, links, findings."""
    if report.changes is None:
        return []
    from ..render.changes import diff_sections

    return [Table(key, key, cols, [[word(v, lang) if c == "change" else v for v, c in zip(row, cols)] for row in rows])
            for key, cols, rows in diff_sections(report.changes)]


def accepted_table(report: Report, lang: str) -> Table:
    """The findings the register accepts, apart, each with its reason, owner and end date."""
    rows = [[word(kind, lang), subject(item), report.name_of(subject(item)), e.reason, e.owner,
             e.until.isoformat() if e.until else ""] for kind, item, e in report.accepted]
    return Table("accepted", "accepted", ["kind", "id", "name", "reason", "owner", "until"], rows)


def all_tables(report: Report, lang: str) -> list[Table]:
    """Every table of the report, in reading order (changes and accepted exceptions when asked for)."""
    return [summary_table(report, lang), *change_tables(report, lang), coverage_table(report, lang),
            opd_table(report, lang), *(gap_table(report, k.name, lang) for k in GAP_KINDS), check_table(report, lang),
            *([accepted_table(report, lang)] if report.accepted else []), strategy_table(report, lang)]

