#!/usr/bin/python3
"""The emblems: the campaign's, drawn for this site (issue 15), and the theme's neutral one.

Writes, from Debian's Noto Sans Bold (the theme's web font, fonts-noto-core) and the colours
of themes/default/static/style.css:

- static/emblem.svg (this site's own static files, which win over the theme's): the full
  anniversary emblem (ring with the Centre's name, "5 NĂM", 20/11/2018 – 20/11/2023), drawn
  on every share card (src/share/);
- static/favicon.svg: the compact anniversary emblem ("5 NĂM" on the ring), legible at 48 px,
  the favicon and the header's mark (partials/emblem.html);
- themes/default/static/emblem.svg and favicon.svg: the theme's neutral emblem (a star in a
  ring, no name, no date), what a site made by `thidua init` starts with.

The share images themselves (og:image) are drawn by thidua at build time (src/share/), not
here. Every letter is an outline (a path), not text: the SVGs look the same with or without
fonts installed, Vietnamese letters included. Not run by CI; the outputs are committed. Run:
  apt-get install fonts-noto-core python3-fonttools
  tools/identity.py
"""

import math
import os
import sys

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FONTS = "/usr/share/fonts/truetype/noto"

# style.css's campaign colours.
RED = "#a3161a"
RED_DARK = "#7d1013"
RED_DEEP = "#5e0b0e"
GOLD = "#f5c542"
GOLD_PALE = "#ffe29a"
WHITE = "#ffffff"

# The ring of the full emblem.
TOP = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
BOTTOM = "TỈNH LẠNG SƠN"


class Face:
    """One font file: glyph outlines as SVG path data, advance widths."""

    def __init__(self, name):
        self.font = TTFont(os.path.join(FONTS, name))
        self.cmap = self.font.getBestCmap()
        self.glyphs = self.font.getGlyphSet()
        self.upm = self.font["head"].unitsPerEm
        self.cap = self.font["OS/2"].sCapHeight

    def glyph(self, ch):
        name = self.cmap.get(ord(ch))
        if name is None:
            sys.exit(f"Noto Sans has no glyph for {ch!r}")
        return name

    def width(self, text, size):
        return sum(self.glyphs[self.glyph(c)].width for c in text) * size / self.upm

    def path(self, ch, size, x, y, angle=0.0):
        """The outline of `ch` with its baseline origin at (x, y), turned by `angle` degrees."""
        pen = SVGPathPen(self.glyphs, ntos=lambda v: f"{v:.1f}".rstrip("0").rstrip("."))
        s = size / self.upm
        a = math.radians(angle)
        ca, sa = math.cos(a), math.sin(a)
        # Font units (y up) to SVG (y down), scaled, rotated, moved.
        t = (s * ca, s * sa, s * sa, -s * ca, x, y)
        self.glyphs[self.glyph(ch)].draw(TransformPen(pen, t))
        return pen.getCommands()

    def line(self, text, size, x, y, anchor="start", spacing=0.0):
        """A line of text as one path's data; `anchor` as in SVG (start, middle, end)."""
        total = self.width(text, size) + spacing * (len(text) - 1)
        if anchor == "middle":
            x -= total / 2
        elif anchor == "end":
            x -= total
        out = []
        for c in text:
            out.append(self.path(c, size, x, y))
            x += self.width(c, size) + spacing
        return "".join(out)

    def arc(self, text, size, cx, cy, r, centre_deg, outside_up=True, spacing=0.0):
        """Text along a circle of radius `r` (the baseline), centred on the angle `centre_deg`
        (0 = top, clockwise). Top text reads clockwise with letters upright outwards; bottom
        text (outside_up False) reads left to right with the baseline on the inner side."""
        widths = [self.width(c, size) + spacing for c in text]
        total = sum(widths) - spacing
        span = math.degrees(total / r)
        out = []
        pos = 0.0
        for c, w in zip(text, widths):
            mid = pos + (w - spacing) / 2
            if outside_up:
                deg = centre_deg - span / 2 + math.degrees(mid / r)
            else:
                deg = centre_deg + span / 2 - math.degrees(mid / r)
            rad = math.radians(deg)
            px, py = cx + r * math.sin(rad), cy - r * math.cos(rad)
            rot = deg if outside_up else deg - 180
            # Move from the glyph's centre back to its origin along the baseline's direction.
            half = (w - spacing) / 2
            rr = math.radians(rot)
            ox, oy = px - half * math.cos(rr), py - half * math.sin(rr)
            out.append(self.path(c, size, ox, oy, rot))
            pos += w
        return "".join(out)


def star(cx, cy, r, inner=0.382):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * inner
        a = math.radians(i * 36)
        pts.append(f"{cx + rr * math.sin(a):.1f} {cy - rr * math.cos(a):.1f}")
    return "M" + "L".join(pts) + "Z"


def full_emblem(bold, x=0.0, y=0.0, scale=1.0):
    """The full emblem, 200 units square, as SVG elements placed at (x, y) × scale."""
    c = 100
    # A star in the middle of each gap between the two lines of the ring, at its mid radius.
    top = math.degrees((bold.width(TOP, 11.5) + 0.4 * (len(TOP) - 1)) / 76.5) / 2
    bottom = 180 - math.degrees((bold.width(BOTTOM, 12.5) + 1.5 * (len(BOTTOM) - 1)) / 85.5) / 2
    gap = math.radians((top + bottom) / 2)
    star_r = star(c + 81 * math.sin(gap), c - 81 * math.cos(gap), 5.5)
    star_l = star(c - 81 * math.sin(gap), c - 81 * math.cos(gap), 5.5)
    parts = [
        f'<g transform="translate({x} {y}) scale({scale})">',
        f'<circle cx="{c}" cy="{c}" r="99" fill="{GOLD}"/>',
        f'<circle cx="{c}" cy="{c}" r="95" fill="{RED}"/>',
        f'<circle cx="{c}" cy="{c}" r="67" fill="{GOLD}"/>',
        f'<circle cx="{c}" cy="{c}" r="64.5" fill="{RED_DARK}"/>',
        f'<path fill="{GOLD_PALE}" d="{bold.arc(TOP, 11.5, c, c, 76.5, 0, True, 0.4)}"/>',
        f'<path fill="{GOLD_PALE}" d="{bold.arc(BOTTOM, 12.5, c, c, 85.5, 180, False, 1.5)}"/>',
        f'<path fill="{GOLD}" d="{star_l}{star_r}"/>',
        f'<path fill="{GOLD}" d="{star(c, 52, 9)}"/>',
        f'<path fill="{GOLD}" d="{bold.line("5", 86, c, 128, "middle")}"/>',
        f'<path fill="{GOLD_PALE}" d="{bold.line("NĂM", 17, c, 148, "middle", 1.5)}"/>',
        f'<path fill="{WHITE}" d="{bold.line("2018 – 2023", 9.5, c, 160, "middle", 0.3)}"/>',
        "</g>",
    ]
    return "\n".join(parts)


def compact_emblem(bold):
    """The small emblem, 48 units square: "5 NĂM" on the ring, for 16–64 px."""
    return "".join(
        [
            f'<circle cx="24" cy="24" r="23.5" fill="{GOLD}"/>',
            f'<circle cx="24" cy="24" r="21" fill="{RED_DARK}"/>',
            f'<path fill="{GOLD}" d="{bold.line("5", 29, 24, 31.5, "middle")}"/>',
            f'<path fill="{GOLD_PALE}" d="{bold.line("NĂM", 8.2, 24, 40.5, "middle", 0.5)}"/>',
        ]
    )


def neutral_emblem():
    """The theme's emblem, 200 units square: a star in a ring, for any site."""
    c = 100
    return "".join(
        [
            f'<circle cx="{c}" cy="{c}" r="99" fill="{GOLD}"/>',
            f'<circle cx="{c}" cy="{c}" r="92" fill="{RED}"/>',
            f'<circle cx="{c}" cy="{c}" r="74" fill="none" stroke="{GOLD}" stroke-width="4"/>',
            f'<path fill="{GOLD}" d="{star(c, 104, 56)}"/>',
        ]
    )


def neutral_compact():
    """The theme's small emblem, 48 units square: the star on the ring."""
    return "".join(
        [
            f'<circle cx="24" cy="24" r="23.5" fill="{GOLD}"/>',
            f'<circle cx="24" cy="24" r="21" fill="{RED_DARK}"/>',
            f'<path fill="{GOLD}" d="{star(24, 25, 15)}"/>',
        ]
    )


def write(rel, text):
    path = os.path.join(ROOT, rel)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{rel}: {len(text.encode())} bytes")


def main():
    bold = Face("NotoSans-Bold.ttf")
    theme = "themes/default/static"

    write(
        "static/emblem.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img">'
        "<title>Biểu trưng kỷ niệm 05 năm thành lập Trung tâm Phục vụ hành chính công tỉnh "
        f"Lạng Sơn (20/11/2018 – 20/11/2023)</title>\n{full_emblem(bold)}\n</svg>\n",
    )
    write(
        "static/favicon.svg",
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">{compact_emblem(bold)}</svg>\n',
    )
    write(
        f"{theme}/emblem.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img">'
        f"<title>Biểu trưng</title>\n{neutral_emblem()}\n</svg>\n",
    )
    write(
        f"{theme}/favicon.svg",
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">{neutral_compact()}</svg>\n',
    )


if __name__ == "__main__":
    main()
