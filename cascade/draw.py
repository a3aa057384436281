"""Pictures of traces, drawn as SVG built in Python (no plotting library, no script).

A trace is drawn left to right in columns, one per level (vision on the left,
application on the right), each element once; a link to an element shown
elsewhere is a lighter line. A chain that stops before the lowest level (or,
tracing up, before the vision) is marked in red, and so is a link that passes
over a level: it is drawn dashed, through a red "no strategy" mark in the
column of each level it skips, so an orphan traced up shows the strategy it
never reaches. One picture shows at most
``max_nodes`` elements, nearest levels first; what is left out is summed up as
"+N more" and the picture says how much it shows, so a strategy with ten
thousand elements below it is drawn as fast as one with ten.

>>> import cascade
>>> c = cascade.from_records({"strategy": [{"id": "S1", "name": "s"}],
...                           "program": [{"id": "G1", "name": "g", "parent": "S1"}]})
>>> svg = trace_svg(cascade.trace(c, "S1"))
>>> svg.startswith("<svg") and 'class="node end L4" data-id="G1"' in svg
True
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable

from .analysis import Trace
from .errors import UsageError
from .levels import Level
from .outfiles import write_atomically, write_text_atomically

__all__ = ["Words", "trace_svg", "trace_page", "write_trace", "PICTURE_SUFFIXES", "svg_document", "text", "esc", "FONT"]

PICTURE_SUFFIXES = (".svg", ".png", ".html")
FONT = "font-family=\"'DejaVu Sans', 'Segoe UI', Arial, sans-serif\""
BOX_W, BOX_H, COL_W, ROW_H, PAD, LINE = 196, 34, 236, 40, 12, 18
#: One colour per level index, top to bottom (12: enough for the rpjmd schema and more; a schema with
#: more levels starts over).
COLOURS = ("#4a148c", "#283593", "#1565c0", "#00838f", "#2e7d32", "#ef6c00", "#6d4c41",
           "#ad1457", "#558b2f", "#0277bd", "#6a1b9a", "#37474f")
RED, GREY, LIGHT = "#c62828", "#90a4ae", "#cfd8dc"
# One small stylesheet per picture keeps each element short; every rule is scoped to .trace, so
# the same rules inlined many times in one page agree with each other.
_STYLE = ("<style>"
          ".trace text{font-size:10px;fill:#37474f}.trace .title{font-size:13px;font-weight:bold;fill:#263238}"
          f".trace .capped{{font-size:11px;fill:{RED}}}.trace .lv{{fill:#546e7a;font-weight:bold}}"
          f".trace .i{{font-size:11px;font-weight:bold}}.trace .b{{fill:#fff;stroke-width:1.4}}"
          f".trace .node.end .b{{stroke:{RED};stroke-width:2.4;stroke-dasharray:5 3}}"
          f".trace .stop{{fill:{RED};font-weight:bold}}"
          f".trace path.skip{{stroke:{RED};stroke-dasharray:6 4}}"
          f".trace .gap rect{{fill:#ffebee;stroke:{RED};stroke-dasharray:4 3}}.trace .gap text{{fill:{RED};font-weight:bold}}"
          f".trace path{{fill:none;stroke:{GREY};stroke-width:1.4}}.trace path.x{{stroke:{LIGHT}}}"
          f".trace .more rect{{fill:#eceff1;stroke:{GREY};stroke-dasharray:3 3}}.trace .more text{{fill:#455a64}}"
          + "".join(f".trace .L{i} .b{{stroke:{c}}}.trace .L{i} .s,.trace .L{i} .i{{fill:{c}}}" for i, c in enumerate(COLOURS))
          + "</style>")


@dataclass(frozen=True)
class Words:
    """The few words a picture shows, in one language."""

    more: str = "+{n} more"
    stops: str = "✗ chain stops here"
    capped: str = "showing {shown} of {total} elements"
    skipped: str = "✗ no {level}: skipped"
    up: str = "up"
    down: str = "down"
    level: Callable[[Level], str] = lambda lv: lv.name.capitalize()


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def text(x: float, y: float, value: object, size: int = 11, **attrs) -> str:
    """An SVG text element; ``attrs`` with underscores become dashes (``font_weight``)."""
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}"{extra}>{esc(value)}</text>'


def svg_document(width: float, height: float, label: str, body: list[str], cls: str, **data) -> str:
    """A standalone ``<svg>`` (inline in HTML or a file of its own)."""
    extra = "".join(f' data-{k}="{esc(v)}"' for k, v in data.items())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{esc(label)}" {FONT}{extra}>'
        f"<title>{esc(label)}</title>" + "".join(body) + "</svg>"
    )


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _shown(trace: Trace, max_nodes: int) -> tuple[list[str], dict[str, str]]:
    """Nodes to draw, breadth first (nearest first), and the tree parent that admitted each."""
    order, parent = [trace.root], {trace.root: ""}
    queue = deque(order)
    while queue and len(order) < max_nodes:
        n = queue.popleft()
        for child in trace.edges.get(n, ()):
            if child not in parent and len(order) < max_nodes:
                parent[child] = n
                order.append(child)
                queue.append(child)
    return order, parent


@dataclass
class _Layout:
    """Where each drawn element sits: its column (level) and row."""

    order: list[str]  # drawn elements, nearest first
    parent: dict[str, str]  # tree parent that admitted each (root: "")
    stubs: dict[str, tuple[int, Level]]  # element → (children left out, level to draw "+N more" at)
    column: dict[Level, int]
    row: dict[str, float]
    stub_row: dict[str, float]
    rows: int


def _layout(trace: Trace, max_nodes: int) -> _Layout:
    order, parent = _shown(trace, max(1, max_nodes))
    shown = set(order)
    kids: dict[str, list[str]] = {n: [] for n in order}
    for n in order[1:]:
        kids[parent[n]].append(n)
    stubs: dict[str, tuple[int, Level]] = {}
    for n in order:
        hidden = [c for c in trace.edges.get(n, ()) if c not in shown]
        if hidden:
            stubs[n] = (len(hidden), trace.nodes[hidden[0]][1])
    skipped = {lv for n in order for c in trace.edges.get(n, ()) if c in shown for lv in trace.skipped(n, c)}
    levels = sorted({trace.nodes[n][1] for n in order} | {lv for _, lv in stubs.values()} | skipped)
    row: dict[str, float] = {}
    stub_row: dict[str, float] = {}
    slot = 0
    # leaves on consecutive rows, parents midway between their children (iterative post-order)
    stack: list[tuple[str, bool]] = [(trace.root, False)]
    while stack:
        n, expanded = stack.pop()
        if not expanded:
            stack.append((n, True))
            stack.extend((c, False) for c in reversed(kids[n]))
            continue
        rows = [row[c] for c in kids[n]]
        if n in stubs:
            stub_row[n], slot = slot, slot + 1
            rows.append(stub_row[n])
        if rows:
            row[n] = (min(rows) + max(rows)) / 2
        else:
            row[n], slot = slot, slot + 1
    return _Layout(order, parent, stubs, {lv: i for i, lv in enumerate(levels)}, row, stub_row, max(slot, 1))


def trace_svg(trace: Trace, *, max_nodes: int = 60, words: Words = Words(), title: str | None = None) -> str:
    """One trace as an SVG picture (see the module doc); a trace cut at a depth marks no chain as stopping."""
    lay = _layout(trace, max_nodes)
    shown = set(lay.order)
    note = words.capped.format(shown=len(lay.order), total=len(trace.nodes)) if len(shown) < len(trace.nodes) else ""
    lines = [(line, cls) for line, cls in ((title, "title"), (note, "capped")) if line]
    head = LINE * (len(lines) + 1) + 6

    def xy(lv: Level, row: float) -> tuple[float, float]:
        return PAD + lay.column[lv] * COL_W, head + PAD + row * ROW_H

    body = [_STYLE] + [text(PAD, LINE * (i + 1), line, 13 if cls == "title" else 11, class_=cls)
                       for i, (line, cls) in enumerate(lines)]
    body += [text(PAD + col * COL_W + 2, head + 2, words.level(lv), 10, class_="lv") for lv, col in lay.column.items()]
    down = trace.direction == "down"
    gaps: dict[tuple[Level, float], None] = {}   # (skipped level, row): one mark each
    for n in lay.order:
        lv = trace.nodes[n][1]
        links = [(trace.nodes[c][1], lay.row[c], lay.parent.get(c) == n, trace.skipped(n, c))
                 for c in trace.edges.get(n, ()) if c in shown]
        if n in lay.stubs:
            links.append((lay.stubs[n][1], lay.stub_row[n], True, ()))
        for other_lv, other_row, tree, skips in links:
            (x1, y1), (x2, y2) = xy(lv, lay.row[n]), xy(other_lv, other_row)
            if not down:
                (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
            x1, y1, y2 = x1 + BOX_W, y1 + BOX_H / 2, y2 + BOX_H / 2
            mid = (x1 + x2) / 2
            extra = ' class="skip"' if skips else ("" if tree else ' class="x"')
            if skips:   # the curve bends at the far end's row, through the marks of the skipped levels
                mid = x1 + COL_W / 2 - BOX_W / 2 if down else x2 - COL_W / 2 + BOX_W / 2
                gaps.update(((skipped, other_row), None) for skipped in skips)
            body.append(f'<path{extra} d="M{x1:.0f} {y1:.0f} C{mid:.0f} {y1:.0f} {mid:.0f} {y2:.0f} {x2:.0f} {y2:.0f}"/>')
    for skipped, row in gaps:
        x, top = xy(skipped, row)
        body.append(f'<g class="gap" data-level="{esc(skipped.name)}"><rect x="{x:.0f}" y="{top + 4:.0f}" width="{BOX_W}" '
                    f'height="{BOX_H - 8}" rx="8"/>'
                    + text(x + 10, top + BOX_H / 2 + 4, words.skipped.format(level=words.level(skipped).lower()), 10) + "</g>")
    for n in lay.order:
        name, lv, opd = trace.nodes[n]
        x, top = xy(lv, lay.row[n])
        end = not trace.cut and trace.stops(n)
        tip = f"{words.level(lv)} {n} — {name}" + (f" · {opd}" if opd else "")
        body.append(
            f'<g class="node{" end" if end else ""} L{lv.index % len(COLOURS)}" data-id="{esc(n)}"><title>{esc(tip)}</title>'
            f'<rect class="b" x="{x:.0f}" y="{top:.0f}" width="{BOX_W}" height="{BOX_H}" rx="5"/>'
            f'<rect class="s" x="{x:.0f}" y="{top:.0f}" width="5" height="{BOX_H}"/>'
            f'<text class="i" x="{x + 10:.0f}" y="{top + 14:.0f}">{esc(_clip(n, 30))}</text>'
            f'<text x="{x + 10:.0f}" y="{top + 28:.0f}">{esc(_clip(name, 32))}</text></g>'
        )
        if end:
            body.append(text(x + BOX_W + 6, top + BOX_H / 2 + 4, words.stops, 10, class_="stop"))
    for n, (count, lv) in lay.stubs.items():
        x, top = xy(lv, lay.stub_row[n])
        body.append(f'<g class="more"><rect x="{x:.0f}" y="{top + 6:.0f}" width="{BOX_W}" height="{BOX_H - 12}" rx="10"/>'
                    + text(x + 10, top + BOX_H / 2 + 4, words.more.format(n=count), 10) + "</g>")
    end_room = 12 + 6.6 * len(words.stops)  # right of the last column, for a "chain stops" mark
    width = max(PAD * 2 + (len(lay.column) - 1) * COL_W + BOX_W + end_room, PAD * 2 + 8.6 * len(title or ""))
    height = head + PAD * 2 + lay.rows * ROW_H
    label = title or f"trace {trace.direction} from {trace.root}"
    return svg_document(width, height, label, body, "trace", root=trace.root, shown=len(lay.order), total=len(trace.nodes))


def trace_page(svg: str, title: str) -> str:
    """A standalone HTML page around one picture (no network)."""
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{esc(title)}</title>'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            "<style>body{margin:16px;font-family:'DejaVu Sans',Arial,sans-serif}svg{max-width:100%;height:auto}</style>"
            f"</head><body><h1 style=\"font-size:18px\">{esc(title)}</h1>{svg}</body></html>\n")


def write_trace(trace: Trace, path: "str | Path", *, max_nodes: int = 60, words: Words = Words()) -> Path:
    """Draw ``trace`` to ``path``: ``.svg``, ``.html`` (a page around it) or ``.png`` (needs cairosvg);
    ``words``: the picture's words, in one language."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise UsageError(f"cannot draw to {path.name}: use a file ending in {', '.join(PICTURE_SUFFIXES)}")
    name = trace.nodes[trace.root][0]
    title = f"{trace.root} — {name} ({words.up if trace.direction == 'up' else words.down})"
    svg = trace_svg(trace, max_nodes=max_nodes, words=words, title=title)
    if suffix == ".svg":
        return write_text_atomically(path, svg + "\n")
    if suffix == ".html":
        return write_text_atomically(path, trace_page(svg, title))
    try:
        import cairosvg
    except ImportError as exc:  # an optional extra: pip install cairosvg
        raise UsageError("drawing a .png needs cairosvg (pip install cairosvg); .svg and .html need nothing") from exc
    return write_atomically(path, lambda temporary: cairosvg.svg2png(bytestring=svg.encode("utf-8"),
                                                                     write_to=str(temporary), scale=2))
