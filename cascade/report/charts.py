"""Bar charts of shares, as SVG built in Python: one bar per row, linked part in green.

>>> svg = share_chart([("Program", 30, 39), ("Proses", 0, 0)], "anchored")
>>> svg.count('class="bar"'), "30 / 39 (77%)" in svg
(2, True)
>>> "106.031 / 117.500 (90%)" in share_chart([("Aplikasi", 106031, 117500)], "x", thousands=".")
True

Counts carry thousands separators, and the value column is as wide as its
longest value (a national dataset's "106,031 / 117,500 (90%)" fits whole).
"""

from __future__ import annotations

from ..draw import PAD, esc, svg_document, text

__all__ = ["share_chart", "MAX_BARS"]

GREEN, RED_LIGHT, EMPTY = "#2e7d32", "#ef9a9a", "#eceff1"
LABEL_W, BAR_W, BAR_H, GAP, VALUE_W = 190, 240, 16, 8, 110
#: Width of one character of the 11px labels, generously (DejaVu Sans digits are 7px wide at 11px).
CHAR_W = 7.2
#: A chart shows at most this many rows (the lowest shares first); the rest are counted in a note.
MAX_BARS = 40


def _count(n: int, thousands: str) -> str:
    return f"{n:,}".replace(",", thousands)


def share_chart(rows: list[tuple[str, int, int]], title: str, more: str = "+{n} more", thousands: str = ",") -> str:
    """One 100% bar per ``(label, part, whole)``: ``part`` green, the rest red; ``whole == 0`` grey.
    ``thousands``: the separator of the language (``.`` in Indonesian)."""
    shown = rows[:MAX_BARS]
    values = [f"{_count(part, thousands)} / {_count(whole, thousands)} ({part / whole:.0%})" if whole else "—"
              for _, part, whole in shown]
    value_w = max([VALUE_W, *(CHAR_W * len(v) + 16 for v in values)])
    body = [text(PAD, 18, title, 13, font_weight="bold", fill="#263238")]
    top = 32
    for i, ((label, part, whole), value) in enumerate(zip(shown, values)):
        y = top + i * (BAR_H + GAP)
        ratio = part / whole if whole else 0.0
        fits = int((LABEL_W - 8) // CHAR_W)   # the label ends before its bar begins
        short = label if len(label) <= fits else label[:fits - 1].rstrip() + "…"
        body.append(f'<g class="bar" data-label="{esc(label)}" data-part="{part}" data-whole="{whole}">'
                    f"<title>{esc(label)}: {esc(value)}</title>")
        body.append(text(PAD, y + BAR_H - 4, short, 11, fill="#37474f"))
        x = PAD + LABEL_W
        body.append(f'<rect x="{x}" y="{y}" width="{BAR_W}" height="{BAR_H}" fill="{RED_LIGHT if whole else EMPTY}"/>')
        if ratio:
            body.append(f'<rect x="{x}" y="{y}" width="{BAR_W * ratio:.1f}" height="{BAR_H}" fill="{GREEN}"/>')
        body.append(text(x + BAR_W + 8, y + BAR_H - 4, value, 11, fill="#263238") + "</g>")
    height = top + len(shown) * (BAR_H + GAP) + PAD
    if len(rows) > len(shown):
        body.append(text(PAD, height, more.format(n=len(rows) - len(shown)), 11, fill="#546e7a"))
        height += 16
    width = max(PAD * 2 + LABEL_W + BAR_W + value_w, PAD * 2 + 8.6 * len(title))   # the title fits too
    return svg_document(width, height, title, body, "chart")
