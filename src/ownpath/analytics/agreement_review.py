"""Reviewing an agreement against the journal: did the agreed hours change, did energy on them move?

An agreement such as "move 4 h a week from admin to research" names activities and the weekly
hours it changes. Given the person's entries before and after the agreement date this module
compares, per activity, the weekly hours (mean over weeks with any entry, so an unlogged week
does not count as zero hours of work) and the energy of the entries, each as a difference with
a 90% interval (Welch) and its sample sizes. Below the data a comparison needs, the figure is
None and `missing` says in plain words what is lacking.

Pure functions over plain records; never imports Django.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

# Weeks with entries needed on each side of the agreement date to compare weekly hours.
MIN_WEEKS = 3
# Entries of the activity needed on each side to compare energy.
MIN_ENTRIES = 3
# How far back "before" reaches: the habit just before the agreement, not last year's.
WEEKS_BEFORE = 8
INTERVAL = 0.90


@dataclass(frozen=True)
class ReviewEpisode:
    """The part of a journal entry the review needs."""

    date: dt.date
    activity: str
    hours: float
    energy: float


@dataclass(frozen=True)
class Difference:
    """after − before, with its 90% interval."""

    estimate: float
    low: float
    high: float


@dataclass(frozen=True)
class Side:
    """One side (before or after) of one activity: a mean and what it rests on."""

    mean: float | None
    weeks: int
    entries: int


@dataclass(frozen=True)
class ActivityReview:
    """How one activity of an agreement moved: weekly hours and energy, before and after."""

    activity: str
    agreed_change: float  # hours per week, e.g. -4.0 for "4 h less admin"
    hours_before: Side
    hours_after: Side
    hours_change: Difference | None
    hours_missing: str | None
    energy_before: Side
    energy_after: Side
    energy_change: Difference | None
    energy_missing: str | None
    verdict: str  # plain words: "moved as agreed", "moved partly", "did not move", "not enough entries yet"


@dataclass(frozen=True)
class AgreementReview:
    """The review of one agreement: one ActivityReview per activity it changes."""

    agreed_on: dt.date
    reviewed_on: dt.date
    activities: tuple[ActivityReview, ...]

    @property
    def enough_data(self) -> bool:
        """True when at least one activity's hours could be compared."""
        return any(a.hours_change is not None for a in self.activities)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _welch(before: Sequence[float], after: Sequence[float]) -> Difference:
    """Difference of means with a Welch t interval (a zero-variance pair gives a point interval)."""
    a, b = np.asarray(before, float), np.asarray(after, float)
    estimate = float(b.mean() - a.mean())
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = math.sqrt(va + vb)
    if se == 0:
        return Difference(estimate, estimate, estimate)
    df = (va + vb) ** 2 / ((va ** 2) / (len(a) - 1) + (vb ** 2) / (len(b) - 1))
    half = float(stats.t.ppf(0.5 + INTERVAL / 2, df)) * se
    return Difference(estimate, estimate - half, estimate + half)


def _weekly_hours(episodes: Iterable[ReviewEpisode], activity: str) -> list[float]:
    """Hours of `activity` in each week that has any entry (0 where the activity is absent)."""
    weeks: dict[dt.date, float] = {}
    for episode in episodes:
        week = _monday(episode.date)
        weeks.setdefault(week, 0.0)
        if episode.activity == activity:
            weeks[week] += episode.hours
    return [weeks[w] for w in sorted(weeks)]


def _verdict(agreed: float, change: Difference | None) -> str:
    if change is None:
        return "not enough entries yet"
    if agreed == 0:
        return "changed" if change.low > 0 or change.high < 0 else "no clear change"
    sign = 1 if agreed > 0 else -1
    # The interval lies clearly on the agreed side: it moved; its estimate reaching half the
    # agreed hours counts as "as agreed", less as "partly".
    toward_low, toward_high = sorted((sign * change.low, sign * change.high))
    if toward_low > 0:
        return "moved as agreed" if sign * change.estimate >= abs(agreed) / 2 else "moved partly"
    if toward_high < 0:
        return "moved the other way"
    return "no clear change yet"


def _missing_weeks(before: int, after: int) -> str:
    parts = []
    if before < MIN_WEEKS:
        parts.append(f"{MIN_WEEKS - before} more week(s) with entries before the agreement")
    if after < MIN_WEEKS:
        parts.append(f"{MIN_WEEKS - after} more week(s) with entries since the agreement")
    return "not enough entries yet: needs " + " and ".join(parts)


def _missing_entries(activity: str, before: int, after: int) -> str:
    parts = []
    if before < MIN_ENTRIES:
        parts.append(f"{MIN_ENTRIES - before} more entr{'y' if MIN_ENTRIES - before == 1 else 'ies'} "
                     f"of {activity} before the agreement")
    if after < MIN_ENTRIES:
        parts.append(f"{MIN_ENTRIES - after} more entr{'y' if MIN_ENTRIES - after == 1 else 'ies'} "
                     f"of {activity} since the agreement")
    return "not enough entries yet: needs " + " and ".join(parts)


def review_agreement(agreed_on: dt.date, hour_changes: dict[str, float], episodes: Iterable[ReviewEpisode],
                     reviewed_on: dt.date) -> AgreementReview:
    """Compare each agreed activity's weekly hours and energy before and after `agreed_on`.

    `hour_changes` maps activity → agreed change in hours per week. "Before" is the
    WEEKS_BEFORE weeks ending the day before the agreement; "after" runs from the agreement
    date to `reviewed_on` (inclusive). The agreement's own partial week counts as after.
    """
    start_before = _monday(agreed_on) - dt.timedelta(weeks=WEEKS_BEFORE)
    before_eps, after_eps = [], []
    for episode in episodes:
        if start_before <= episode.date < _monday(agreed_on):
            before_eps.append(episode)
        elif _monday(agreed_on) <= episode.date <= reviewed_on:
            after_eps.append(episode)
    reviews = []
    for activity, agreed in hour_changes.items():
        weeks_before, weeks_after = _weekly_hours(before_eps, activity), _weekly_hours(after_eps, activity)
        energy_before = [e.energy for e in before_eps if e.activity == activity]
        energy_after = [e.energy for e in after_eps if e.activity == activity]
        enough_weeks = len(weeks_before) >= MIN_WEEKS and len(weeks_after) >= MIN_WEEKS
        enough_entries = len(energy_before) >= MIN_ENTRIES and len(energy_after) >= MIN_ENTRIES
        hours_change = _welch(weeks_before, weeks_after) if enough_weeks else None
        energy_change = _welch(energy_before, energy_after) if enough_entries else None
        reviews.append(ActivityReview(
            activity=activity, agreed_change=float(agreed),
            hours_before=Side(float(np.mean(weeks_before)) if weeks_before else None, len(weeks_before),
                              sum(1 for e in before_eps if e.activity == activity)),
            hours_after=Side(float(np.mean(weeks_after)) if weeks_after else None, len(weeks_after),
                             sum(1 for e in after_eps if e.activity == activity)),
            hours_change=hours_change,
            hours_missing=None if enough_weeks else _missing_weeks(len(weeks_before), len(weeks_after)),
            energy_before=Side(float(np.mean(energy_before)) if energy_before else None, 0, len(energy_before)),
            energy_after=Side(float(np.mean(energy_after)) if energy_after else None, 0, len(energy_after)),
            energy_change=energy_change,
            energy_missing=None if enough_entries else _missing_entries(activity, len(energy_before),
                                                                        len(energy_after)),
            verdict=_verdict(float(agreed), hours_change),
        ))
    return AgreementReview(agreed_on=agreed_on, reviewed_on=reviewed_on, activities=tuple(reviews))


def review_as_dict(review: AgreementReview) -> dict:
    """The review as plain JSON-able data (dates as ISO strings), for pages, the API and exports."""

    def side(s: Side) -> dict:
        return {"mean": None if s.mean is None else round(s.mean, 2), "weeks": s.weeks, "entries": s.entries}

    def diff(d: Difference | None) -> dict | None:
        return None if d is None else {"estimate": round(d.estimate, 2), "low": round(d.low, 2),
                                       "high": round(d.high, 2), "interval": INTERVAL}

    return {
        "agreed_on": review.agreed_on.isoformat(), "reviewed_on": review.reviewed_on.isoformat(),
        "enough_data": review.enough_data,
        "activities": [{
            "activity": a.activity, "agreed_change": a.agreed_change,
            "hours_before": side(a.hours_before), "hours_after": side(a.hours_after),
            "hours_change": diff(a.hours_change), "hours_missing": a.hours_missing,
            "energy_before": side(a.energy_before), "energy_after": side(a.energy_after),
            "energy_change": diff(a.energy_change), "energy_missing": a.energy_missing,
            "verdict": a.verdict,
        } for a in review.activities],
    }
