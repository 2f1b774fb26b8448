"""The official seal of a department, drawn with code: a red circle, a star, the name around it.

No external asset: the SVG is computed from the department's name, so every department set up
gets its own seal (``printing_setup`` writes them to private storage; the renderer reads them,
drawing one on the fly when the file is missing).
"""

from __future__ import annotations

import base64
import math
from html import escape
from pathlib import Path

from printing.keys import signing_dir

RED = "#d0021b"
SIZE = 200


def _star(cx: float, cy: float, outer: float) -> str:
    inner = outer * 0.382
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 36)
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}")
    return f'<polygon points="{" ".join(points)}" fill="{RED}"/>'


def _name_arc(name: str, cx: float, cy: float, radius: float) -> str:
    """Each character placed on the upper arc, upright towards the centre."""
    chars = list(name)[:20]
    span = min(250.0, 22.0 * len(chars))
    start = -90 - span / 2
    step = span / max(len(chars) - 1, 1)
    out = []
    for i, char in enumerate(chars):
        angle = start + i * step if len(chars) > 1 else -90
        x = cx + radius * math.cos(math.radians(angle))
        y = cy + radius * math.sin(math.radians(angle))
        out.append(
            f'<text x="{x:.2f}" y="{y:.2f}" font-size="22" fill="{RED}" text-anchor="middle" '
            f'dominant-baseline="central" font-family="Noto Sans CJK SC" font-weight="bold" '
            f'transform="rotate({angle + 90:.2f} {x:.2f} {y:.2f})">{escape(char)}</text>'
        )
    return "".join(out)


def seal_svg(*, name: str, title: str = "") -> str:
    """The seal of ``name``; ``title`` is the short line under the star (e.g. 专用章)."""
    c = SIZE / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}">',
        f'<circle cx="{c}" cy="{c}" r="{c - 5}" fill="none" stroke="{RED}" stroke-width="6"/>',
        _star(c, c, 30),
        _name_arc(name, c, c, c - 28),
    ]
    if title:
        parts.append(
            f'<text x="{c}" y="{c + 52}" font-size="16" fill="{RED}" text-anchor="middle" '
            f'font-family="Noto Sans CJK SC">{escape(title)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def seal_path(code: str) -> Path:
    return signing_dir() / "seals" / f"{code}.svg"


def seal_write(*, code: str, name: str) -> Path:
    path = seal_path(code)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(seal_svg(name=name), encoding="utf-8")
    return path


def seal_data_uri(*, code: str, name: str) -> str:
    """The department's seal as a data URI for a PDF template."""
    path = seal_path(code)
    svg = path.read_text(encoding="utf-8") if path.is_file() else seal_svg(name=name)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
