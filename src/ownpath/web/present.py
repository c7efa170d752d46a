"""Turn the insights and comparison JSON into what the pages and the report show: plain words,
table rows and the SVG charts (drawn by ownpath.web.charts)."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from ownpath.web import charts

CHART_WEEKS = 16


def certainty_words(p_positive: float) -> tuple[str, str]:
    """(direction, how sure) in plain words from P(energizes), for data without its own words."""
    p = float(p_positive)
    direction, sure = ("energizes you", p) if p >= 0.5 else ("drains you", 1 - p)
    if sure >= 0.95:
        return direction, "very sure"
    if sure >= 0.8:
        return direction, "fairly sure"
    if sure >= 0.65:
        return direction, "leaning"
    return "no clear effect yet", "unsure"


def _words(effect: dict, episodes: int) -> str:
    if effect.get("words"):
        return effect["words"]
    direction, how = certainty_words(effect.get("p_positive", 0.5))
    return f"{direction} — {how}, {episodes} entries"


def activity_rows(insights: dict) -> list[dict]:
    """One row per activity, most energizing first, with plain words and the numbers behind them."""
    rows = []
    for a in insights.get("activities", []):
        energy = a["energy"]
        quadrant = a.get("quadrant") or "unclear"
        rows.append({
            "activity": a["activity"], "label": a.get("label", a["activity"]), "episodes": a.get("episodes", 0),
            "hours": a.get("hours", 0.0), "estimate": energy["estimate"], "low": energy["low"],
            "high": energy["high"], "p_positive": energy.get("p_positive"),
            "words": _words(energy, a.get("episodes", 0)), "skill": a.get("skill"), "quadrant": quadrant,
            "quadrant_words": a.get("quadrant_words") or charts.QUADRANT_NAMES.get(quadrant, quadrant),
            "missing": a.get("missing"),
        })
    rows.sort(key=lambda r: -r["estimate"])
    return rows


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def balance_view(insights: dict, fallback_weeks: list[dict]) -> dict:
    """The balance figures in one shape, from the insights balance JSON (issue 3)."""
    balance = insights.get("balance") or {}
    target = float(balance.get("target_hours") or balance.get("target_hours_per_week") or 40)
    hours = balance.get("hours_per_week")
    if isinstance(hours, dict) and hours.get("by_week") is not None:
        weeks = [{"week": w["week"], "hours": w["hours"], "energy": w.get("mean_energy"),
                  "entries": w.get("episodes", 0)} for w in hours["by_week"]][-CHART_WEEKS:]
        mean_hours, over = hours.get("mean"), hours.get("weeks_over_target")
    else:
        weeks, mean_hours, over = fallback_weeks, hours, None
    off_clock = balance.get("off_clock") if isinstance(balance.get("off_clock"), dict) else {}
    growth = balance.get("growth") if isinstance(balance.get("growth"), dict) else {}
    if growth:
        total = growth.get("growth_hours", 0) + growth.get("required_hours", 0) + growth.get("unmarked_hours", 0)
        shares = {"growth": _share(growth.get("growth_hours", 0), total),
                  "required": _share(growth.get("required_hours", 0), total),
                  "unsaid": _share(growth.get("unmarked_hours", 0), total),
                  "growth_of_marked": growth.get("share")}
    else:
        shares = {"growth": float(balance.get("growth_share") or 0), "required": float(balance.get("required_share")
                                                                                        or 0)}
        shares["unsaid"] = max(0.0, 1 - shares["growth"] - shares["required"])
        shares["growth_of_marked"] = None
    draining = balance.get("draining") if isinstance(balance.get("draining"), dict) else {
        "share": balance.get("draining_share")}
    trend = balance.get("trend") if isinstance(balance.get("trend"), dict) else {}
    return {"target": target, "weeks": weeks, "mean_hours": mean_hours, "weeks_over_target": over,
            "off_clock_per_week": off_clock.get("per_week", balance.get("off_clock_hours_per_week")),
            "off_clock_share": off_clock.get("share"), "shares": shares, "draining": draining, "trend": trend}


def insights_view_data(insights: dict, fallback_weeks: list[dict] | None = None) -> dict:
    """Everything the insights page and the report show: rows, balance and the SVG charts."""
    rows = activity_rows(insights)
    balance = balance_view(insights, fallback_weeks or [])
    weeks, shares = balance["weeks"], balance["shares"]
    with_skill = [{"label": r["label"], "energy": r["estimate"], "skill": r["skill"]["estimate"],
                   "quadrant": r["quadrant"], "quadrant_words": r["quadrant_words"]}
                  for r in rows if r["skill"]]
    return {
        "summary": {k: insights.get(k) for k in ("episodes", "hours", "days")},
        "rows": rows, "balance": balance, "target": balance["target"], "warnings": insights.get("warnings", []),
        "missing": insights.get("missing", []), "weeks": weeks, "with_skill": with_skill, "shares": shares,
        "charts": {
            "forest": mark_safe(charts.forest_chart(rows)) if rows else "",
            "quadrant": mark_safe(charts.quadrant_chart(with_skill)) if with_skill else "",
            "hours": mark_safe(charts.weekly_hours_chart(weeks, balance["target"])) if weeks else "",
            "shares": mark_safe(charts.share_bar(
                [("growth", shares["growth"], charts.GOOD), ("required", shares["required"], charts.ACCENT),
                 ("not said", shares["unsaid"], charts.NEUTRAL)], title="Growth work against required work",
                chart_id="shares")) if rows else "",
            "trend": mark_safe(charts.trend_chart(weeks)) if weeks else "",
        },
    }
