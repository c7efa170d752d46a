"""Where the web app gets insights from: one place that calls the insights service.

`insights_for` returns the JSON contract of `ownpath insights --json` (issue 3). When the
insights area is not installed it falls back to plain per-activity averages with normal
intervals, clearly labelled provisional, so the pages still work. Results are cached per
person until their journal or settings change, so a page view does not refit the model.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Max

from ownpath.journal.services import episodes_for, settings_for


def _journal_version(user) -> str:
    state = episodes_for(user).aggregate(n=Count("id"), changed=Max("updated_at"), last=Max("id"))
    target = settings_for(user).target_hours_per_week
    return f"{state['n']}:{state['last']}:{state['changed'].isoformat() if state['changed'] else ''}:{target}"


def _cached(user, kind: str, since: dt.date | None, compute):
    key = f"ownpath:{kind}:{user.pk}:{since}:{_journal_version(user)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 60 * 60)
    return value


def insights_for(user, since: dt.date | None = None) -> dict:
    """The person's insights (the `ownpath insights --json` contract), cached until the journal changes."""
    try:
        from ownpath.insights.services import build_insights
    except ImportError:
        build_insights = None
    if build_insights is None:
        return _cached(user, "insights-provisional", since, lambda: provisional_insights(user, since))
    return _cached(user, "insights", since, lambda: build_insights(user, since=since))


def _interval(values: list[float], centre: float) -> dict:
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 1.0
    half = 1.645 * max(sd, 0.5) / math.sqrt(n)
    z = (mean - centre) / (max(sd, 0.5) / math.sqrt(n))
    return {"estimate": mean - centre, "low": mean - centre - half, "high": mean - centre + half,
            "p_positive": 0.5 * (1 + math.erf(z / math.sqrt(2)))}


def _quadrant(energy: dict, skill: dict | None) -> str:
    if skill is None:
        return "unclear"
    energizes, drains = energy["low"] > 0, energy["high"] < 0
    skilled, unskilled = skill["low"] > 0, skill["high"] < 0
    if energizes and skilled:
        return "compensable_strength"
    if drains and skilled:
        return "trap_strength"
    if energizes and unskilled:
        return "growth_edge"
    if drains and unskilled:
        return "drain"
    return "unclear"


def provisional_insights(user, since: dt.date | None = None) -> dict:
    """Plain per-activity averages in the insights contract, for when the insights area is absent."""
    rows = list(episodes_for(user, since).values_list("activity__slug", "activity__label", "hours", "energy", "skill",
                                                      "date", "growth", "off_clock"))
    settings = settings_for(user)
    if not rows:
        return {"episodes": 0, "hours": 0.0, "days": 0, "activities": [], "balance": {
            "target_hours_per_week": settings.target_hours_per_week}, "warnings": [
            {"kind": "no_entries", "message": "Log a few entries to see what energizes and drains you."}]}
    energy_mean = sum(r[3] for r in rows) / len(rows)
    skills = [r[4] for r in rows if r[4] is not None]
    skill_mean = sum(skills) / len(skills) if skills else None
    by_activity = defaultdict(list)
    for row in rows:
        by_activity[(row[0], row[1])].append(row)
    activities = []
    for (slug, label), items in by_activity.items():
        energy = _interval([r[3] for r in items], energy_mean)
        rated = [r[4] for r in items if r[4] is not None]
        skill = _interval(rated, skill_mean) if rated and skill_mean is not None else None
        activities.append({"activity": slug, "label": label, "episodes": len(items),
                           "hours": sum(r[2] for r in items), "energy": energy, "skill": skill,
                           "quadrant": _quadrant(energy, skill)})
    activities.sort(key=lambda a: -a["energy"]["estimate"])
    hours = sum(r[2] for r in rows)
    weeks = max(len({r[5].isocalendar()[:2] for r in rows}), 1)
    said = [r for r in rows if r[6] is not None]
    draining = {a["activity"] for a in activities if a["energy"]["high"] < 0}
    return {
        "episodes": len(rows), "hours": hours, "days": len({r[5] for r in rows}), "activities": activities,
        "balance": {
            "target_hours_per_week": settings.target_hours_per_week,
            "hours_per_week": hours / weeks,
            "off_clock_hours_per_week": sum(r[2] for r in rows if r[7]) / weeks,
            "growth_share": sum(r[2] for r in said if r[6]) / hours,
            "required_share": sum(r[2] for r in said if not r[6]) / hours,
            "draining_share": sum(r[2] for r in rows if r[0] in draining) / hours,
        },
        "warnings": [{"kind": "provisional", "message": "Provisional: plain averages per activity, without the "
                                                        "day-to-day mood separated out."}],
    }


def weekly_series(user, since: dt.date | None = None, weeks: int = 12) -> list[dict]:
    """Hours and average energy per ISO week for the last `weeks` weeks with entries."""
    def compute():
        totals = defaultdict(lambda: [0.0, 0.0, 0])
        for day, hours, energy in episodes_for(user, since).values_list("date", "hours", "energy"):
            year, week, _ = day.isocalendar()
            bucket = totals[(year, week)]
            bucket[0] += hours
            bucket[1] += energy
            bucket[2] += 1
        keys = sorted(totals)[-weeks:]
        if not keys:
            return []
        # Fill weeks without entries so a gap shows as a gap.
        first = dt.date.fromisocalendar(keys[0][0], keys[0][1], 1)
        last = dt.date.fromisocalendar(keys[-1][0], keys[-1][1], 1)
        series, day = [], first
        while day <= last:
            year, week, _ = day.isocalendar()
            hours, energy, n = totals.get((year, week), (0.0, 0.0, 0))
            series.append({"week": f"{year}-W{week:02d}", "hours": round(hours, 2),
                           "energy": round(energy / n, 3) if n else None, "entries": n})
            day += dt.timedelta(days=7)
        return series

    return _cached(user, f"weeks{weeks}", since, compute)


def options_services():
    """The options area's services (values, options, compare), or None when it is not installed."""
    from django.apps import apps

    if not apps.is_installed("ownpath.options"):
        return None
    from ownpath.options import services

    return services


def comparison_for(user) -> dict | None:
    """The `ownpath compare --json` data, or None when there are no options (or no options area)."""
    from ownpath.errors import UserInputError

    services = options_services()
    if services is None or not services.options_for(user).exists():
        return None
    try:
        return services.compare_json(user)
    except UserInputError:
        return None


def values_summary_for(user) -> dict | None:
    """The person's values summary, or None when never set (or no options area)."""
    services = options_services()
    if services is None:
        return None
    summary = services.values_summary(user)
    return summary if summary.get("weights") or summary.get("pay_baseline") else None


def insights_page_data(user) -> dict:
    """What the insights page and the report show (charts drawn), cached until the journal changes."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from ownpath.web import present

    def compute():
        data = present.insights_view_data(insights_for(user), weekly_series(user))
        # The rendered section too: tables and charts only change when the journal does.
        data["body_html"] = mark_safe(render_to_string("web/partials/insights_body.html", data))
        return data

    return _cached(user, "insights-view", None, compute)
