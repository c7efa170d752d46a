"""Charts as inline SVG, from plain Python data (pure: data in, SVG string out).

One chart spec serves the insights page and the printable report. Every chart has a title
and a description for screen readers, and the page shows the same numbers as a table.
"""

from __future__ import annotations

import functools
from html import escape



def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))




@functools.lru_cache(maxsize=16)
def face_svg(level: int, size: int = 28) -> str:
    """A face for an energy level -2 (drained) … +2 (energized); aria-hidden, the label has the word."""
    curve = {-2: -7, -1: -3.5, 0: 0, 1: 3.5, 2: 7}[level]
    hue = {-2: "#b23b3b", -1: "#d9822b", 0: "#8a8f98", 1: "#5b9b4a", 2: "#2f7d32"}[level]
    mouth = f"M9 19 Q14 {19 + curve:.1f} 19 19"
    return (f'<svg class="face" width="{size}" height="{size}" viewBox="0 0 28 28" aria-hidden="true" '
            f'focusable="false"><circle cx="14" cy="14" r="12.5" fill="none" stroke="{hue}" stroke-width="2"/>'
            f'<circle cx="10" cy="11" r="1.6" fill="{hue}"/><circle cx="18" cy="11" r="1.6" fill="{hue}"/>'
            f'<path d="{mouth}" fill="none" stroke="{hue}" stroke-width="2" stroke-linecap="round"/></svg>')


# --- chart primitives -------------------------------------------------------------------------

GOOD, BAD, NEUTRAL, INK, MUTED, GRID, ACCENT = "#2f7d32", "#b23b3b", "#8a8f98", "#1d232b", "#5d6673", "#d7dbe0", "#2a5db0"
FONT = 'font-family="system-ui, sans-serif"'


def _svg(width: int, height: int, title: str, description: str, body: list[str], chart_id: str) -> str:
    """Wrap chart elements in an accessible SVG: role img, a title and a description."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT} font-size="12">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
            + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", fill: str = INK, size: int = 12,
          weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" font-size="{size}" '
            f'font-weight="{weight}">{escape(text)}</text>')


def _line(x1, y1, x2, y2, stroke=GRID, width=1.0, dash: str = "") -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
            f'stroke-width="{width}"{dash_attr}/>')


def _scale(lo: float, hi: float, out_lo: float, out_hi: float):
    span = (hi - lo) or 1.0
    return lambda v: out_lo + (float(v) - lo) / span * (out_hi - out_lo)


def effect_colour(estimate: float, low: float, high: float) -> str:
    """Green when the interval is above zero, red when below, grey when it straddles zero."""
    if low > 0:
        return GOOD
    if high < 0:
        return BAD
    return NEUTRAL


def _week_label(week) -> str:
    """'2026-W47' → 'W47' (the table beside the chart has the year)."""
    return str(week).rsplit("-", 1)[-1]


# --- the charts -------------------------------------------------------------------------------

def forest_chart(rows: list[dict], *, title: str = "What energizes and drains you",
                 chart_id: str = "forest") -> str:
    """Each activity's effect on energy as a point with its 90% interval (a forest plot).

    rows: {"label", "estimate", "low", "high", "episodes"}, drawn in the given order.
    """
    left, right, row_h, top = 190, 110, 26, 30
    width = 720
    height = top + row_h * max(len(rows), 1) + 34
    lo = min([-2.0] + [r["low"] for r in rows])
    hi = max([2.0] + [r["high"] for r in rows])
    x = _scale(lo, hi, left, width - right)
    body = [_text(left, 16, "drains you", fill=BAD, size=11), _text(width - right, 16, "energizes you", "end", GOOD, 11)]
    for tick in range(int(lo), int(hi) + 1):
        body.append(_line(x(tick), top - 6, x(tick), height - 28, GRID))
        body.append(_text(x(tick), height - 12, f"{tick:+d}" if tick else "0", "middle", MUTED, 11))
    body.append(_line(x(0), top - 6, x(0), height - 28, MUTED, 1.5))
    for i, row in enumerate(rows):
        y = top + row_h * i + row_h / 2
        colour = effect_colour(row["estimate"], row["low"], row["high"])
        body.append(_text(left - 10, y + 4, row["label"], "end"))
        body.append(_line(x(row["low"]), y, x(row["high"]), y, colour, 3))
        body.append(f'<circle cx="{x(row["estimate"]):.1f}" cy="{y:.1f}" r="5.5" fill="{colour}"/>')
        body.append(_text(width - right + 10, y + 4, f'{row["estimate"]:+.2f} · {row["episodes"]} entries', size=11,
                          fill=MUTED))
    description = "; ".join(f'{r["label"]}: {r["estimate"]:+.2f} (90% interval {r["low"]:+.2f} to {r["high"]:+.2f}, '
                            f'{r["episodes"]} entries)' for r in rows) or "No activities yet."
    return _svg(width, height, title, "Effect on energy relative to your average. " + description, body, chart_id)


QUADRANT_NAMES = {
    "compensable_strength": "energizes you, good at it",
    "trap_strength": "good at it, but drains you",
    "growth_edge": "energizes you, still learning",
    "drain": "drains you, not your strength",
    "unclear": "not clear yet",
}


def quadrant_chart(points: list[dict], *, chart_id: str = "quadrant") -> str:
    """Energy (x) against skill (y) per activity, in the four quadrants.

    points: {"label", "energy", "skill", "quadrant"}; skill and energy relative to the person's average.
    """
    width, height, pad = 560, 420, 46
    extent = max([1.0] + [abs(p["energy"]) for p in points] + [abs(p["skill"]) for p in points]) * 1.15
    x = _scale(-extent, extent, pad, width - pad)
    y = _scale(-extent, extent, height - pad, pad)
    body = [f'<rect x="{x(0):.1f}" y="{pad}" width="{width - pad - x(0):.1f}" height="{y(0) - pad:.1f}" fill="#eef6ee"/>',
            f'<rect x="{pad}" y="{pad}" width="{x(0) - pad:.1f}" height="{y(0) - pad:.1f}" fill="#fbf0e6"/>',
            _line(pad, y(0), width - pad, y(0), MUTED), _line(x(0), pad, x(0), height - pad, MUTED),
            _text(width - pad - 4, pad + 14, "compensable strengths", "end", GOOD, 11, "bold"),
            _text(pad + 4, pad + 14, "trap strengths", "start", BAD, 11, "bold"),
            _text(width - pad - 4, height - pad - 6, "growth edges", "end", MUTED, 11, "bold"),
            _text(pad + 4, height - pad - 6, "drains", "start", MUTED, 11, "bold"),
            _text(width / 2, height - 12, "← drains you · energy · energizes you →", "middle", MUTED, 11),
            f'<text transform="translate(14 {height / 2:.0f}) rotate(-90)" text-anchor="middle" fill="{MUTED}" '
            f'font-size="11">← less skilled · how well it goes · more skilled →</text>']
    for p in points:
        colour = {"compensable_strength": GOOD, "trap_strength": BAD}.get(p.get("quadrant"), ACCENT)
        body.append(f'<circle cx="{x(p["energy"]):.1f}" cy="{y(p["skill"]):.1f}" r="5" fill="{colour}"/>')
        right_half = x(p["energy"]) > width / 2
        body.append(_text(x(p["energy"]) + (-8 if right_half else 8), y(p["skill"]) + 4, p["label"],
                          "end" if right_half else "start", size=11))
    description = "; ".join(f'{p["label"]}: energy {p["energy"]:+.2f}, skill {p["skill"]:+.2f}, '
                            f'{QUADRANT_NAMES.get(p.get("quadrant"), p.get("quadrant", ""))}' for p in points)
    return _svg(width, height, "Energy and skill by activity", description or "No activity has a skill rating yet.",
                body, chart_id)


def weekly_hours_chart(weeks: list[dict], target: float, *, chart_id: str = "hours") -> str:
    """Hours per week as bars against the person's target (a dashed line). weeks: {"week", "hours"}."""
    width, height, left, bottom, top = 720, 240, 44, 36, 16
    top_value = max([target * 1.2] + [w["hours"] for w in weeks]) or 1
    y = _scale(0, top_value, height - bottom, top)
    slot = (width - left - 10) / max(len(weeks), 1)
    body = []
    for tick in range(0, int(top_value) + 1, 10):
        body += [_line(left, y(tick), width - 10, y(tick)), _text(left - 6, y(tick) + 4, str(tick), "end", MUTED, 11)]
    for i, week in enumerate(weeks):
        bar_x = left + i * slot + slot * 0.15
        colour = BAD if week["hours"] > target * 1.1 else ACCENT
        body.append(f'<rect x="{bar_x:.1f}" y="{y(week["hours"]):.1f}" width="{slot * 0.7:.1f}" '
                    f'height="{y(0) - y(week["hours"]):.1f}" fill="{colour}"/>')
        if len(weeks) <= 16 or i % max(len(weeks) // 12, 1) == 0:
            body.append(_text(bar_x + slot * 0.35, height - 18, _week_label(week["week"]), "middle", MUTED, 10))
    body.append(_line(left, y(target), width - 10, y(target), INK, 1.5, "6 4"))
    body.append(_text(width - 12, y(target) - 5, f"your target {_f(target)} h", "end", INK, 11))
    description = f"Target {_f(target)} hours a week. " + "; ".join(f'{w["week"]}: {w["hours"]:.1f} h' for w in weeks)
    return _svg(width, height, "Hours per week against your target", description, body, chart_id)


def share_bar(parts: list[tuple[str, float, str]], *, title: str, chart_id: str) -> str:
    """One horizontal bar split into labelled shares. parts: (label, share 0–1, colour)."""
    width, height = 720, 64
    total = sum(max(share, 0) for _, share, _ in parts) or 1
    body, start = [], 10.0
    for label, share, colour in parts:
        span = (width - 20) * max(share, 0) / total
        body.append(f'<rect x="{start:.1f}" y="8" width="{span:.1f}" height="26" fill="{colour}"/>')
        if span > 70:
            body.append(_text(start + 6, 26, f"{label} {share:.0%}", fill="#fff", size=11, weight="bold"))
        start += span
    body.append(_text(10, 54, " · ".join(f"{label}: {share:.0%}" for label, share, _ in parts), fill=MUTED, size=11))
    description = "; ".join(f"{label}: {share:.0%}" for label, share, _ in parts)
    return _svg(width, height, title, description, body, chart_id)


def trend_chart(weeks: list[dict], *, chart_id: str = "trend") -> str:
    """Average energy per week as a line (weeks: {"week", "energy"}; energy None for a week with no entries)."""
    width, height, left, bottom, top = 720, 200, 44, 34, 14
    points = [(i, w["energy"]) for i, w in enumerate(weeks) if w.get("energy") is not None]
    x = _scale(0, max(len(weeks) - 1, 1), left, width - 14)
    y = _scale(-2, 2, height - bottom, top)
    body = []
    for tick in (-2, -1, 0, 1, 2):
        body += [_line(left, y(tick), width - 14, y(tick), MUTED if tick == 0 else GRID),
                 _text(left - 6, y(tick) + 4, f"{tick:+d}" if tick else "0", "end", MUTED, 11)]
    if points:
        path = " ".join(f"{'M' if n == 0 else 'L'}{x(i):.1f} {y(v):.1f}" for n, (i, v) in enumerate(points))
        body.append(f'<path d="{path}" fill="none" stroke="{ACCENT}" stroke-width="2.5"/>')
        body += [f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{ACCENT}"/>' for i, v in points]
    for i, week in enumerate(weeks):
        if len(weeks) <= 16 or i % max(len(weeks) // 12, 1) == 0:
            body.append(_text(x(i), height - 14, _week_label(week["week"]), "middle", MUTED, 10))
    description = "; ".join(f'{w["week"]}: {"no entries" if w.get("energy") is None else format(w["energy"], "+.2f")}'
                            for w in weeks)
    return _svg(width, height, "Average energy per week", description or "No weeks yet.", body, chart_id)


def hours_bars(rows: list[tuple[str, float]], *, title: str, chart_id: str) -> str:
    """Horizontal bars of hours a week per activity (rows: (label, hours)), longest first as given."""
    left, right, row_height, top = 220, 60, 24, 8
    width, height = 720, top * 2 + row_height * max(len(rows), 1)
    longest = max((hours for _, hours in rows), default=0) or 1.0
    x = _scale(0, longest, left, width - right)
    body = []
    for i, (label, hours) in enumerate(rows):
        y = top + i * row_height
        body.append(_text(left - 8, y + 16, label, "end", INK, 12))
        body.append(f'<rect x="{left}" y="{y + 4}" width="{max(x(hours) - left, 1):.1f}" height="{row_height - 8}" '
                    f'fill="{ACCENT}"/>')
        body.append(_text(x(hours) + 6, y + 16, f"{_f(hours)} h", "start", MUTED, 11))
    description = "; ".join(f"{label}: {_f(hours)} hours a week" for label, hours in rows) or "No activities."
    return _svg(width, height, title, description, body, chart_id)
