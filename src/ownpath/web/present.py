"""Turn the insights and comparison JSON into what the pages and the report show: plain words,
table rows and the SVG charts (drawn by ownpath.web.charts)."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from ownpath.web import charts

CHART_WEEKS = 16


def activity_rows(insights: dict) -> list[dict]:
    """One row per activity, most energizing first, with plain words and the numbers behind them."""
    rows = []
    for a in insights["activities"]:
        energy = a["energy"]
        rows.append({
            "activity": a["activity"], "label": a["label"], "episodes": a["episodes"], "hours": a["hours"],
            "estimate": energy["estimate"], "low": energy["low"], "high": energy["high"],
            "p_positive": energy["p_positive"], "words": energy["words"], "skill": a["skill"],
            "quadrant": a["quadrant"], "quadrant_words": a["quadrant_words"], "missing": a["missing"],
        })
    rows.sort(key=lambda r: -r["estimate"])
    return rows


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def balance_view(insights: dict) -> dict:
    """The balance figures the page shows, from the insights balance JSON (issue 3)."""
    balance = insights["balance"]
    hours, growth = balance["hours_per_week"], balance["growth"]
    weeks = [{"week": w["week"], "hours": w["hours"], "energy": w["mean_energy"], "entries": w["episodes"]}
             for w in hours["by_week"]][-CHART_WEEKS:]
    total = growth["growth_hours"] + growth["required_hours"] + growth["unmarked_hours"]
    shares = {"growth": _share(growth["growth_hours"], total), "required": _share(growth["required_hours"], total),
              "unsaid": _share(growth["unmarked_hours"], total), "growth_of_marked": growth["share"]}
    return {"target": float(balance["target_hours"]), "weeks": weeks, "mean_hours": hours["mean"],
            "weeks_over_target": hours["weeks_over_target"], "off_clock_per_week": balance["off_clock"]["per_week"],
            "off_clock_share": balance["off_clock"]["share"], "shares": shares, "draining": balance["draining"],
            "trend": balance["trend"]}


def insights_view_data(insights: dict) -> dict:
    """Everything the insights page and the report show: rows, balance and the SVG charts."""
    rows = activity_rows(insights)
    balance = balance_view(insights)
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
