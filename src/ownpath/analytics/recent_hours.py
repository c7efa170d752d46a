"""Hours per week per activity over the journal's last weeks that have entries (pure, no Django).

Team planning needs "how a person's week looks now". The calendar's last 12 weeks say nothing
for someone who logged in bursts (a holiday, a month without logging), so the average is over
the last ``weeks`` ISO weeks *with at least one entry*, and says how many weeks it rests on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

RECENT_WEEKS = 12


@dataclass(frozen=True)
class RecentHours:
    """Mean hours per week per activity over ``weeks`` weeks with entries (first and last Monday)."""

    hours_per_week: dict[str, float]
    weeks: int
    first_week: dt.date | None
    last_week: dt.date | None


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def recent_weekly_hours(rows: Iterable[tuple[dt.date, str, float]], weeks: int = RECENT_WEEKS) -> RecentHours:
    """Average hours a week per activity over the last ``weeks`` weeks that have entries.

    ``rows`` are (date, activity, hours). An activity not logged in one of those weeks counts
    as zero hours in it, so the figures add up to the person's mean logged hours a week.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    rows = list(rows)
    chosen = sorted({_monday(day) for day, _, _ in rows}, reverse=True)[:weeks]
    if not chosen:
        return RecentHours({}, 0, None, None)
    kept = set(chosen)
    totals: dict[str, float] = {}
    for day, activity, hours in rows:
        if _monday(day) in kept and hours:
            totals[activity] = totals.get(activity, 0.0) + float(hours)
    n = len(chosen)
    return RecentHours({a: round(h / n, 2) for a, h in sorted(totals.items()) if h}, n, min(chosen), max(chosen))
