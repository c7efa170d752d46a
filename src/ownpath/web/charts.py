"""Charts as inline SVG, from plain Python data (pure: data in, SVG string out).

One chart spec serves the insights page and the printable report. Every chart has a title
and a description for screen readers, and the page shows the same numbers as a table.
"""

from __future__ import annotations

from html import escape


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def face_svg(level: int, size: int = 28) -> str:
    """A face for an energy level -2 (drained) … +2 (energized); aria-hidden, the label has the word."""
    curve = {-2: -7, -1: -3.5, 0: 0, 1: 3.5, 2: 7}[level]
    hue = {-2: "#b23b3b", -1: "#d9822b", 0: "#8a8f98", 1: "#5b9b4a", 2: "#2f7d32"}[level]
    mouth = f"M9 19 Q14 {19 + curve:.1f} 19 19"
    return (f'<svg class="face" width="{size}" height="{size}" viewBox="0 0 28 28" aria-hidden="true" '
            f'focusable="false"><circle cx="14" cy="14" r="12.5" fill="none" stroke="{hue}" stroke-width="2"/>'
            f'<circle cx="10" cy="11" r="1.6" fill="{hue}"/><circle cx="18" cy="11" r="1.6" fill="{hue}"/>'
            f'<path d="{mouth}" fill="none" stroke="{hue}" stroke-width="2" stroke-linecap="round"/></svg>')
