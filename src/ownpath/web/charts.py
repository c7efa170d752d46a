"""Charts as inline SVG, from plain Python data (pure: data in, SVG string out).

One chart spec serves the insights page and the printable report. Every chart has a title
and a description for screen readers, and the page shows the same numbers as a table.
"""

from __future__ import annotations

import datetime as dt
import functools
from html import escape

from ownpath.analytics.plain_words import signed



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

GOOD, BAD, NEUTRAL, INK, MUTED, GRID, ACCENT = "#2f7d32", "#b23b3b", "#6b7280", "#1d232b", "#5d6673", "#d7dbe0", "#2a5db0"
FONT = 'font-family="system-ui, sans-serif"'
# Charts are drawn 360 units wide and shown at most 1.3 times that. On a 360 px phone the
# chart box is about 312 px wide, so 13-unit text renders at 11.3 px or more (never less
# than the 11 px the pages promise); the CSS keeps charts at least 312 px wide.
WIDTH = 360
TEXT = 13
SMALL = 13  # even tick labels: shrunk to a phone they would fall below 11 px
# Width of a character at TEXT size, a little generous, for laying out labels without overlap.
CHAR_WIDTH = 0.6 * TEXT
# A week more than this many times the target is "well over" it (red in the hours chart).
FAR_OVER = 1.1


def _svg(width: int, height: int, title: str, description: str, body: list[str], chart_id: str) -> str:
    """Wrap chart elements in an accessible SVG: role img, a title and a description."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" class="chart-svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
            f'{FONT} font-size="{TEXT}">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
            + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", fill: str = INK, size: int = TEXT,
          weight: str = "normal", css_class: str = "") -> str:
    class_attr = f' class="{css_class}"' if css_class else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" font-size="{size}" '
            f'font-weight="{weight}"{class_attr}>{escape(text)}</text>')


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


def week_label(week: dict) -> str:
    """A week by the date of its Monday ("3 Nov"); the ISO name only when no date is known."""
    start = week.get("start")
    if start:
        date = dt.date.fromisoformat(str(start))
        return f"{date.day} {date:%b}"
    return str(week.get("week", "")).rsplit("-", 1)[-1]


def _every(count: int, room: float, label_width: float) -> int:
    """Label every n-th of `count` slots so that labels `label_width` wide fit in `room`."""
    fits = max(int(room // label_width), 1)
    return max(-(-count // fits), 1)


# --- the charts -------------------------------------------------------------------------------

def forest_chart(rows: list[dict], *, title: str = "What energizes and drains you",
                 chart_id: str = "forest") -> str:
    """Each activity's effect on energy as a point with its 90% interval (a forest plot).

    rows: {"label", "estimate", "low", "high", "episodes"}, drawn in the given order. Each
    activity's name sits on its own line above its interval, so the chart fits a phone.
    """
    left, right, row_h, top = 8, 8, 44, 26
    width = WIDTH
    height = top + row_h * max(len(rows), 1) + 26
    lo = min([-2.0] + [r["low"] for r in rows])
    hi = max([2.0] + [r["high"] for r in rows])
    x = _scale(lo, hi, left + 6, width - right - 6)
    body = [_text(left, 16, "← drains you", fill=BAD), _text(width - right, 16, "energizes you →", "end", GOOD)]
    for tick in range(int(lo), int(hi) + 1):
        body.append(_line(x(tick), top, x(tick), height - 24, GRID))
        body.append(_text(x(tick), height - 8, f"{tick:+d}" if tick else "0", "middle", MUTED, SMALL))
    body.append(_line(x(0), top, x(0), height - 24, MUTED, 1.5))
    for i, row in enumerate(rows):
        y = top + row_h * i
        colour = effect_colour(row["estimate"], row["low"], row["high"])
        body.append(_text(left, y + 14, row["label"], weight="bold"))
        body.append(_text(width - right, y + 14, f'{signed(row["estimate"], 1)} · {row["episodes"]}', "end", MUTED, SMALL))
        body.append(_line(x(row["low"]), y + 30, x(row["high"]), y + 30, colour, 3))
        body.append(f'<circle cx="{x(row["estimate"]):.1f}" cy="{y + 30:.1f}" r="5.5" fill="{colour}"/>')
    description = "; ".join(f'{r["label"]}: {signed(r["estimate"], 2)} (90% interval {signed(r["low"], 2)} to {signed(r["high"], 2)}, '
                            f'{r["episodes"]} entries)' for r in rows) or "No activities yet."
    return _svg(width, height, title, "Effect on energy relative to your average. " + description, body, chart_id)


QUADRANT_NAMES = {
    "compensable_strength": "energizes you, good at it",
    "trap_strength": "good at it, but drains you",
    "growth_edge": "energizes you, still learning",
    "drain": "drains you, not your strength",
    "unclear": "not clear yet",
}


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points: list[tuple[float, float, str]], bounds: tuple[float, float, float, float],
                 taken: list[tuple[float, float, float, float]] | None = None,
                 avoid: list[tuple[float, float, float, float]] | None = None) -> list[dict | None]:
    """Put a label beside each point without overlapping another label, a point or the edge.

    points: (x, y, text) in drawing units. Tries right, left, above and below, then further
    out; ``avoid`` (e.g. the axes) is kept clear when any spot allows it, crossed only rather
    than leave a point unlabelled; a label with no free spot at all is left out (None) — the
    table beside the chart lists it. Returns per point {"x", "y", "anchor", "box"}.
    """
    if avoid:
        strict = place_labels(points, bounds, list(taken or []) + list(avoid))
        if all(strict):
            return strict
        loose = place_labels(points, bounds, taken)
        return loose if sum(map(bool, loose)) > sum(map(bool, strict)) else strict
    taken = list(taken or [])
    taken += [(px - 6, py - 6, px + 6, py + 6) for px, py, _ in points]
    placed: list[dict | None] = []
    half = TEXT * 0.5
    for px, py, text in points:
        w = len(text) * CHAR_WIDTH
        candidates = [(px + 9, py, "start"), (px - 9, py, "end"), (px, py - 13, "middle"), (px, py + 17, "middle")]
        # Then stacked above and below, further out, tied to the point by a thin line.
        for dy in (17, 34, 51, 68, 85, 102, 119, 136, 153):
            for sign in (-1, 1):
                candidates += [(px + 14, py + sign * dy, "start"), (px - 14, py + sign * dy, "end")]
        spot = None
        for cx, cy, anchor in candidates:
            x0 = {"start": cx, "end": cx - w, "middle": cx - w / 2}[anchor]
            box = (x0, cy - half - 2, x0 + w, cy + half + 2)
            inside = box[0] >= bounds[0] and box[2] <= bounds[2] and box[1] >= bounds[1] and box[3] <= bounds[3]
            if inside and not any(_overlaps(box, other) for other in taken):
                spot = {"x": cx, "y": cy + half - 1.5, "anchor": anchor, "box": box, "leader": abs(cy - py) > 17}
                break
        if spot:
            taken.append(spot["box"])
        placed.append(spot)
    return placed


def quadrant_chart(points: list[dict], *, chart_id: str = "quadrant") -> str:
    """Energy (x) against skill (y) per activity, in the four quadrants, labels never overlapping.

    points: {"label", "energy", "skill", "quadrant"}; skill and energy relative to the person's average.
    """
    width, height, pad = WIDTH, 340, 22
    extent = max([1.0] + [abs(p["energy"]) for p in points] + [abs(p["skill"]) for p in points]) * 1.15
    x = _scale(-extent, extent, pad, width - 8)
    y = _scale(-extent, extent, height - pad - 8, 26)
    plot = (pad, 26, width - 8, height - pad - 8)
    corner = [(plot[2] - 4, plot[1] + 15, "strengths", "end", GOOD), (plot[0] + 4, plot[1] + 15, "traps", "start", BAD),
              (plot[2] - 4, plot[3] - 6, "growth edges", "end", MUTED), (plot[0] + 4, plot[3] - 6, "drains", "start", MUTED)]
    body = [f'<rect x="{x(0):.1f}" y="{plot[1]}" width="{plot[2] - x(0):.1f}" height="{y(0) - plot[1]:.1f}" fill="#eef6ee"/>',
            f'<rect x="{plot[0]}" y="{plot[1]}" width="{x(0) - plot[0]:.1f}" height="{y(0) - plot[1]:.1f}" fill="#fbf0e6"/>',
            _line(plot[0], y(0), plot[2], y(0), MUTED), _line(x(0), plot[1], x(0), plot[3], MUTED),
            _text(width / 2, 16, "← drains you · energy · energizes you →", "middle", MUTED, SMALL),
            f'<text transform="translate({pad - 8} {(plot[1] + plot[3]) / 2:.0f}) rotate(-90)" text-anchor="middle" '
            f'fill="{MUTED}" font-size="{SMALL}">← less skilled · skill · more skilled →</text>']
    taken = []
    for cx, cy, text, anchor, colour in corner:
        w = len(text) * CHAR_WIDTH
        x0 = cx - w if anchor == "end" else cx
        taken.append((x0, cy - TEXT, x0 + w, cy + 3))
        body.append(_text(cx, cy, text, anchor, colour, TEXT, "bold"))
    drawn = [(x(p["energy"]), y(p["skill"]), p["label"]) for p in points]
    axes = [(x(0) - 1, plot[1], x(0) + 1, plot[3]), (plot[0], y(0) - 1, plot[2], y(0) + 1)]
    spots = place_labels(drawn, plot, taken, avoid=axes)
    for p, (px, py, _), spot in zip(points, drawn, spots):
        colour = {"compensable_strength": GOOD, "trap_strength": BAD}.get(p.get("quadrant"), ACCENT)
        body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" fill="{colour}"/>')
        if spot:
            if spot["leader"]:
                body.append(_line(px, py, spot["x"], spot["box"][1] + (spot["box"][3] - spot["box"][1]) / 2, MUTED, 0.8))
            body.append(_text(spot["x"], spot["y"], p["label"], spot["anchor"], css_class="point-label"))
    description = "; ".join(f'{p["label"]}: energy {signed(p["energy"], 2)}, skill {signed(p["skill"], 2)}, '
                            f'{p.get("quadrant_words") or QUADRANT_NAMES.get(p.get("quadrant"), p.get("quadrant", ""))}'
                            for p in points)
    return _svg(width, height, "Energy and skill by activity", description or "No activity has a skill rating yet.",
                body, chart_id)


def weekly_hours_chart(weeks: list[dict], target: float, *, chart_id: str = "hours") -> str:
    """Hours per week as bars against the person's target (a dashed line), weeks labelled by date.

    weeks: {"week", "start" (its Monday), "hours"}; a week more than 10% over the target is red.
    """
    width, height, left, bottom, top = WIDTH, 230, 30, 26, 30
    top_value = max([target * 1.2] + [w["hours"] for w in weeks]) or 1
    y = _scale(0, top_value, height - bottom, top)
    slot = (width - left - 6) / max(len(weeks), 1)
    body = []
    step_hours = 10 if top_value <= 80 else 20
    for tick in range(0, int(top_value) + 1, step_hours):
        body += [_line(left, y(tick), width - 6, y(tick)), _text(left - 4, y(tick) + 4, str(tick), "end", MUTED, SMALL)]
    every = _every(len(weeks), width - left - 6, 6 * CHAR_WIDTH)
    for i, week in enumerate(weeks):
        bar_x = left + i * slot + slot * 0.15
        colour = BAD if week["hours"] > target * FAR_OVER else ACCENT
        body.append(f'<rect x="{bar_x:.1f}" y="{y(week["hours"]):.1f}" width="{slot * 0.7:.1f}" '
                    f'height="{y(0) - y(week["hours"]):.1f}" fill="{colour}"/>')
        if (len(weeks) - 1 - i) % every == 0:
            half = len(week_label(week)) * CHAR_WIDTH / 2
            centre = min(max(bar_x + slot * 0.35, left + half), width - half)
            body.append(_text(centre, height - 8, week_label(week), "middle", MUTED, SMALL))
    body.append(_line(left, y(target), width - 6, y(target), INK, 1.5, "6 4"))
    body.append(_text(width - 6, y(target) - 5, f"your target {_f(target)} h", "end", INK))
    description = f"Target {_f(target)} hours a week. " + "; ".join(
        f'week of {week_label(w)}: {w["hours"]:.1f} h' for w in weeks)
    return _svg(width, height, "Hours per week against your target", description, body, chart_id)


def share_bar(parts: list[tuple[str, float, str]], *, title: str, chart_id: str) -> str:
    """One horizontal bar split into shares, named in a line below. parts: (label, share 0–1, colour)."""
    width, height = WIDTH, 62
    total = sum(max(share, 0) for _, share, _ in parts) or 1
    body, start = [], 4.0
    for label, share, colour in parts:
        span = (width - 8) * max(share, 0) / total
        body.append(f'<rect x="{start:.1f}" y="6" width="{span:.1f}" height="26" fill="{colour}"/>')
        start += span
    body.append(_text(4, 52, " · ".join(f"{label} {share:.0%}" for label, share, _ in parts), fill=INK))
    description = "; ".join(f"{label}: {share:.0%}" for label, share, _ in parts)
    return _svg(width, height, title, description, body, chart_id)


def trend_chart(weeks: list[dict], *, chart_id: str = "trend") -> str:
    """Average energy per week as a line (weeks: {"week", "start", "energy"}; energy None for a week with no entries)."""
    width, height, left, bottom, top = WIDTH, 190, 30, 26, 12
    points = [(i, w["energy"]) for i, w in enumerate(weeks) if w.get("energy") is not None]
    x = _scale(0, max(len(weeks) - 1, 1), left + 10, width - 20)
    y = _scale(-2, 2, height - bottom, top)
    body = []
    for tick in (-2, -1, 0, 1, 2):
        body += [_line(left, y(tick), width - 6, y(tick), MUTED if tick == 0 else GRID),
                 _text(left - 4, y(tick) + 4, f"{tick:+d}" if tick else "0", "end", MUTED, SMALL)]
    if points:
        path = " ".join(f"{'M' if n == 0 else 'L'}{x(i):.1f} {y(v):.1f}" for n, (i, v) in enumerate(points))
        body.append(f'<path d="{path}" fill="none" stroke="{ACCENT}" stroke-width="2.5"/>')
        body += [f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{ACCENT}"/>' for i, v in points]
    every = _every(len(weeks), width - left - 20, 6 * CHAR_WIDTH)
    for i, week in enumerate(weeks):
        if (len(weeks) - 1 - i) % every == 0:
            half = len(week_label(week)) * CHAR_WIDTH / 2
            body.append(_text(min(max(x(i), left + half), width - half), height - 8, week_label(week), "middle",
                              MUTED, SMALL))
    description = "; ".join(
        f'week of {week_label(w)}: {"no entries" if w.get("energy") is None else format(w["energy"], "+.2f")}'
        for w in weeks)
    return _svg(width, height, "Average energy per week", description or "No weeks yet.", body, chart_id)


def hours_bars(rows: list[tuple[str, float]], *, title: str, chart_id: str) -> str:
    """Horizontal bars of hours a week per activity (rows: (label, hours)), each name above its bar."""
    left, right, row_height, top = 4, 50, 40, 4
    width, height = WIDTH, top * 2 + row_height * max(len(rows), 1)
    longest = max((hours for _, hours in rows), default=0) or 1.0
    x = _scale(0, longest, left, width - right)
    body = []
    for i, (label, hours) in enumerate(rows):
        y = top + i * row_height
        body.append(_text(left, y + 14, label, "start", INK))
        body.append(f'<rect x="{left}" y="{y + 20}" width="{max(x(hours) - left, 1):.1f}" height="14" '
                    f'fill="{ACCENT}"/>')
        body.append(_text(x(hours) + 6, y + 32, f"{_f(hours)} h", "start", MUTED))
    description = "; ".join(f"{label}: {_f(hours)} hours a week" for label, hours in rows) or "No activities."
    return _svg(width, height, title, description, body, chart_id)


def interval_strip(estimate: float, low: float, high: float, *, lo: float = -2.0, hi: float = 2.0) -> str:
    """A small strip: the -2..+2 scale, the 90% interval as a bar and the estimate as a dot.

    Decorative (aria-hidden): the cell beside it states the numbers in text.
    """
    width, height = 120, 18
    x = _scale(lo, hi, 4, width - 4)
    colour = effect_colour(estimate, low, high)
    clip = lambda v: min(max(v, lo), hi)  # noqa: E731 - a one-line helper
    return (f'<svg class="strip" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true" '
            f'focusable="false">{_line(x(lo), 9, x(hi), 9, GRID, 1)}{_line(x(0), 3, x(0), 15, MUTED, 1)}'
            f'{_line(x(clip(low)), 9, x(clip(high)), 9, colour, 4)}'
            f'<circle cx="{x(clip(estimate)):.1f}" cy="9" r="4" fill="{colour}"/></svg>')
