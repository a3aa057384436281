"""The report as one self-contained HTML page: inline CSS, script and SVG, nothing fetched.

A Content-Security-Policy forbids every network request, so the page opens the
same from a USB stick as from a web server. Tables sort on a header click and
filter with their search box; the print stylesheet lays the page out on A4.
"""

from __future__ import annotations

from importlib.resources import files

from .. import __version__
from ..draw import esc, trace_svg
from .charts import share_chart
from .model import Report, StrategyView
from ..gates import GAP_KINDS
from .tables import (Table, accepted_table, break_table, change_tables, check_table, coverage_table, gap_table, opd_table,
                     strategy_table)
from .words import heading, level_title, picture_words, word

__all__ = ["render_html", "MAX_PICTURES", "MAX_NODES", "OPEN_PICTURES", "PAGE_ROWS"]

#: At most this many strategies are drawn (those whose chains stop early first); the table lists all.
MAX_PICTURES = 100
#: A long table shows this many matching rows, and a button for the rest (all are in the page).
PAGE_ROWS = 500
#: At most this many elements in one picture.
MAX_NODES = 60
#: Pictures start unfolded when there are at most this many.
OPEN_PICTURES = 40

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _h(tag: str, key: str, lang: str, anchor: str | None = None) -> str:
    first, second = heading(key, lang)
    ident = f' id="{esc(anchor)}"' if anchor else ""
    return f'<{tag}{ident}>{esc(first)}<span class="sub">{esc(second)}</span></{tag}>'


def _cell(value, percent: bool) -> str:
    if percent:
        return f'<td class="num" data-v="{"" if value is None else value}">{"—" if value is None else f"{value:.0%}"}</td>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="num">{value}</td>'
    return f"<td>{esc(value)}</td>"


def _table(table: Table, lang: str, search: bool = True) -> str:
    if not table.rows:
        return f'<p class="none">{esc(word("none", lang))}</p>'
    numeric = [c in table.percent or all(isinstance(r[i], (int, float)) for r in table.rows)
               for i, c in enumerate(table.columns)]
    head = "".join(f'<th scope="col"{" data-type=num" if num else ""}>{esc(h)}</th>'
                   for h, num in zip(table.headers(lang), numeric, strict=True))
    body = "".join("<tr>" + "".join(_cell(v, c in table.percent) for v, c in zip(row, table.columns, strict=True)) + "</tr>"
                   for row in table.rows)
    tools = ""
    if search:
        tools = (f'<div class="tools"><input type="search" class="filter" data-table="t-{esc(table.key)}" '
                 f'placeholder="{esc(word("search", lang))}" aria-label="{esc(word("search", lang))}">'
                 f'<span class="shown"></span></div>')
    more = ""
    if len(table.rows) > PAGE_ROWS:
        more = f'<button type="button" class="more-rows" data-label="{esc(word("show-all", lang))}" hidden></button>'
    return (f'<div class="table-block">{tools}<div class="scroll">'
            f'<table class="data" id="t-{esc(table.key)}" data-page="{PAGE_ROWS}">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{more}</div>")


def _card(number, label: str, tone: str = "", href: str | None = None) -> str:
    tag = f'a href="#{esc(href)}"' if href else "div"
    return f'<{tag} class="card {tone}"><div class="n">{esc(number)}</div><div class="l">{esc(label)}</div></{tag.split()[0]}>'


def _summary(report: Report, lang: str) -> str:
    levels = [_card(n, level_title(lv, lang)) for lv, n in report.counts().items()]
    cards = []
    shares = [(report.coverage.process_linked[None], "share-linked"), (report.coverage.strategy_backed[None], "share-backed")]
    for share, key in shares:
        ratio = share.ratio
        tone = "" if ratio is None else ("good" if ratio >= 0.95 else "bad")
        cards.append(_card(f"{ratio:.0%}" if ratio is not None else "—", f"{word(key, lang)} ({share.part}/{share.whole})", tone))
    for name, items in report.found().items():
        if name in report.gaps:
            cards.append(_card(len(items), word(name, lang), "bad" if items else "good", name))
    cards.append(_card(len(report.findings), word("check", lang), "bad" if report.findings else "good", "check"))
    return (f'<section id="summary">{_h("h2", "summary", lang)}<div class="cards">{"".join(levels)}</div>'
            f'<div class="cards">{"".join(cards)}</div></section>')


def _coverage(report: Report, lang: str) -> str:
    anchored = [(level_title(r.level, lang), r.anchored, r.elements) for r in report.coverage.rows]
    by_opd = report.coverage_by_opd

    def worst_first(shares) -> list[tuple[str, int, int]]:
        rows = [(opd or "—", s.part, s.whole) for opd, s in shares.items() if s.whole]
        return sorted(rows, key=lambda r: (r[1] / r[2], r[0]))

    sep = word("thousands", lang)
    charts = [share_chart(anchored, word("chart-anchored", lang), word("pic-more", lang), sep),
              share_chart(worst_first(by_opd.process_linked), word("chart-linked", lang), word("pic-more", lang), sep),
              share_chart(worst_first(by_opd.strategy_backed), word("chart-backed", lang), word("pic-more", lang), sep)]
    return (f'<section id="coverage">{_h("h2", "coverage", lang)}<div class="charts">{"".join(charts)}</div>'
            f"{_table(coverage_table(report, lang), lang, search=False)}"
            f'{_h("h3", "coverage-opd", lang)}{_table(opd_table(report, lang), lang)}</section>')


def _gaps(report: Report, lang: str) -> str:
    out = []
    for k in GAP_KINDS:
        parts = [_h("h2", k.name, lang)]
        if any(g.break_at != (g.id,) for g in report.gaps[k.name]):
            parts += [_h("h3", "break-points", lang), _table(break_table(report, k.name, lang), lang)]
        parts.append(_table(gap_table(report, k.name, lang), lang))
        out.append(f'<section id="{esc(k.name)}">{"".join(parts)}</section>')
    return "".join(out)


def _changes(report: Report, lang: str) -> str:
    """What changed since the version given with ``--against`` (nothing when none was)."""
    tables = change_tables(report, lang)
    if not tables:
        return ""
    meta = f"{report.changes.old} → {report.changes.new}"
    parts = "".join(f'{_h("h3", t.heading, lang)}{_table(t, lang)}' for t in tables)
    return f'<section id="changes">{_h("h2", "changes", lang)}<p class="note">{esc(meta)}</p>{parts}</section>'


def _pictured(report: Report) -> list[StrategyView]:
    """The strategies to draw: those whose chains stop early first, then the rest, in id order."""
    chosen = sorted(report.strategies, key=lambda s: not s.ends)[:MAX_PICTURES]
    keep = {s.id for s in chosen}
    return [s for s in report.strategies if s.id in keep]


def _strategies(report: Report, lang: str) -> str:
    words = picture_words(lang)
    notes = [word("pictures-capped", lang, n=MAX_NODES)]
    drawn = _pictured(report)
    if len(drawn) < len(report.strategies):
        notes.append(word("pictures-drawn", lang, drawn=len(drawn), total=len(report.strategies)))
    figures = []
    is_open = " open" if len(drawn) <= OPEN_PICTURES else ""
    below = [lv for lv in report.schema if lv > report.schema.strategy]
    for s in drawn:
        counts = s.counts()
        summary = " · ".join(f"{level_title(lv, lang)} {counts.get(lv, 0)}" for lv in below)
        stops = f'<span class="stops">✗ {esc(word("breaks", lang))}: {esc(", ".join(s.ends))}</span>' if s.ends else ""
        svg = trace_svg(s.trace, max_nodes=MAX_NODES, words=words)
        figures.append(f'<details class="strategy" id="s-{esc(s.id)}"{is_open}><summary>{esc(s.id)} — {esc(s.name)}'
                       f'<span class="counts">{esc(summary)}</span>{stops}</summary><figure>{svg}</figure></details>')
    body = "".join(figures) or f'<p class="note">{esc(word("no-strategies", lang))}</p>'
    return (f'<section id="strategies">{_h("h2", "strategies", lang)}'
            f'<p class="note">{esc(" ".join(notes))}</p>{_table(strategy_table(report, lang), lang)}{body}</section>')


def render_html(report: Report, lang: str = "id") -> str:
    """The whole report as one HTML page in ``lang`` (headings also in the other language)."""
    title, subtitle = heading("title", lang)
    sections = ["summary", *(["changes"] if report.changes else []), "coverage", *(k.name for k in GAP_KINDS), "check",
                *(["accepted"] if report.accepted else []), "strategies"]
    toc = " ".join(f'<a href="#{s}">{esc(word(s, lang))}</a>' for s in sections)
    meta = f"{word('dataset', lang)}: {report.dataset}"
    if report.source:
        meta += f" · {word('source', lang)}: {report.source}"
    meta += f" · {word('generated', lang)}: {report.generated}"
    check = f'<section id="check">{_h("h2", "check", lang)}{_table(check_table(report, lang), lang)}</section>'
    if report.accepted:
        check += f'<section id="accepted">{_h("h2", "accepted", lang)}{_table(accepted_table(report, lang), lang)}</section>'
    return (
        f'<!doctype html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{esc(title)} — {esc(report.dataset)}</title><style>{_asset('report.css')}</style></head><body>"
        f'<header><h1>{esc(title)} — {esc(report.dataset)}<span class="sub">{esc(subtitle)}</span></h1>'
        f'<p class="meta">{esc(meta)}</p></header><nav class="toc">{toc}</nav><main>'
        f"{_summary(report, lang)}{_changes(report, lang)}{_coverage(report, lang)}{_gaps(report, lang)}{check}{_strategies(report, lang)}"
        f"</main><footer>cascade {esc(__version__)}</footer><script>{_asset('report.js')}</script></body></html>\n"
    )
