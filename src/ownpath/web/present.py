"""Turn the insights and comparison JSON into what the pages and the report show: plain words,
table rows and the SVG charts (drawn by ownpath.web.charts)."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from ownpath.web import charts


def certainty_words(p_positive: float) -> tuple[str, str]:
    """(direction, how sure) in plain words from P(energizes)."""
    p = float(p_positive)
    if p >= 0.5:
        direction, sure = "energizes you", p
    else:
        direction, sure = "drains you", 1 - p
    if sure >= 0.95:
        how = "very sure"
    elif sure >= 0.8:
        how = "fairly sure"
    elif sure >= 0.65:
        how = "leaning"
    else:
        return "no clear effect yet", "unsure"
    return direction, how


def activity_rows(insights: dict) -> list[dict]:
    """One row per activity, most energizing first, with plain words and the numbers behind them."""
    rows = []
    for a in insights.get("activities", []):
        energy = a["energy"]
        direction, how = certainty_words(energy.get("p_positive", 0.5))
        skill = a.get("skill")
        rows.append({
            "activity": a["activity"], "label": a.get("label", a["activity"]), "episodes": a.get("episodes", 0),
            "hours": a.get("hours", 0.0), "estimate": energy["estimate"], "low": energy["low"],
            "high": energy["high"], "p_positive": energy.get("p_positive"),
            "words": a.get("summary") or f"{direction} — {how}, {a.get('episodes', 0)} entries",
            "skill": skill, "quadrant": a.get("quadrant") or "unclear",
            "quadrant_words": charts.QUADRANT_NAMES.get(a.get("quadrant"), a.get("quadrant") or ""),
        })
    rows.sort(key=lambda r: -r["estimate"])
    return rows


def insights_view_data(insights: dict, weeks: list[dict]) -> dict:
    """Everything the insights page and the report show: rows, balance and the SVG charts."""
    rows = activity_rows(insights)
    balance = insights.get("balance") or {}
    target = float(balance.get("target_hours_per_week") or 40)
    with_skill = [{"label": r["label"], "energy": r["estimate"], "skill": r["skill"]["estimate"],
                   "quadrant": r["quadrant"], "quadrant_words": r["quadrant_words"]} for r in rows if r["skill"]]
    growth = float(balance.get("growth_share") or 0.0)
    required = float(balance.get("required_share") or 0.0)
    unsaid = max(0.0, 1.0 - growth - required)
    return {
        "summary": {k: insights.get(k) for k in ("episodes", "hours", "days")},
        "rows": rows, "balance": balance, "target": target, "warnings": insights.get("warnings", []),
        "weeks": weeks, "with_skill": with_skill,
        "shares": {"growth": growth, "required": required, "unsaid": unsaid,
                   "draining": balance.get("draining_share")},
        "charts": {
            "forest": mark_safe(charts.forest_chart(rows)) if rows else "",
            "quadrant": mark_safe(charts.quadrant_chart(with_skill)) if with_skill else "",
            "hours": mark_safe(charts.weekly_hours_chart(weeks, target)) if weeks else "",
            "shares": mark_safe(charts.share_bar(
                [("growth", growth, charts.GOOD), ("required", required, charts.ACCENT),
                 ("not said", unsaid, charts.NEUTRAL)], title="Growth work against required work",
                chart_id="shares")) if rows else "",
            "trend": mark_safe(charts.trend_chart(weeks)) if weeks else "",
        },
    }
