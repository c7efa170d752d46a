"""A path to a target role: the gap, the steps, the quarterly plan, and progress from the journal.

Pure Python and NumPy on plain data; no Django. The gap is the work the target role needs
that the person does not do yet (hours per week per activity, and skills they rate low);
the steps go from the cheapest, reversible experience (stretch work inside the current
role) to intermediate roles that add the missing experience and whose predicted energy is
acceptable; the plan ramps the target's activities quarter by quarter over the horizon; and
progress reads the journal month by month, with the trend of energy and skill on the
target's activities (slope per month with its 90% interval and sample size).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from ownpath.analytics.plain_words import signed
from ownpath.analytics.verdicts import verdict_for

# Below this many hours a week a difference is noise in a journal, not a gap.
MIN_GAP_HOURS = 1.0
# Stretch work inside the current role: at most this much per activity, and in all, a week.
STRETCH_HOURS_PER_ACTIVITY = 4.0
STRETCH_HOURS_TOTAL = 8.0
# A skill rated (1-5, "how well it went") below this is a skill gap.
LOW_SKILL = 3.5
# An intermediate role is acceptable when its predicted energy is at least this (journal scale).
ACCEPTABLE_ENERGY = -0.25
# Enough evidence to re-forecast honestly: entries on the target's activities.
MIN_TREND_ENTRIES = 8


@dataclass(frozen=True)
class ActivityGap:
    """Hours per week the target needs in one activity against what the person does now."""

    activity: str
    current_hours: float
    target_hours: float

    @property
    def gap_hours(self) -> float:
        """Hours per week still missing (never negative)."""
        return max(0.0, self.target_hours - self.current_hours)

    @property
    def new(self) -> bool:
        """True when the person does none of it yet."""
        return self.current_hours < 0.05


@dataclass(frozen=True)
class SkillGap:
    """A skill the target needs where the person's logged skill is low (or not rated yet)."""

    activity: str
    level: float | None  # estimated "how well it went" on 1-5, None when not rated
    low: float | None
    high: float | None
    ratings: int


@dataclass(frozen=True)
class Candidate:
    """An intermediate role to consider: its profile (shares) and the person's predicted energy."""

    code: str
    title: str
    job_zone: int | None
    shares: Mapping[str, float]
    energy: float
    low: float
    high: float


@dataclass(frozen=True)
class Step:
    """One step on the path: stretch work, an intermediate role, or the target itself."""

    kind: str  # "stretch", "role", "target"
    title: str
    starts_month: int
    ends_month: int
    experience: dict[str, float]  # activity -> hours per week of the experience it adds
    energy: float | None = None
    low: float | None = None
    high: float | None = None
    code: str = ""
    job_zone: int | None = None


@dataclass(frozen=True)
class Milestone:
    """Where the plan should be at the end of a quarter: hours a week in the target's activities."""

    quarter: int
    ends: dt.date
    step: str
    hours: dict[str, float]

    @property
    def total(self) -> float:
        """Planned hours a week in the target's activities."""
        return round(sum(self.hours.values()), 1)


@dataclass(frozen=True)
class Trend:
    """Change per month of a rating on the target's activities: estimate, 90% interval, entries."""

    per_month: float | None
    low: float | None
    high: float | None
    entries: int
    missing: str = ""


@dataclass(frozen=True)
class MonthProgress:
    """One month of the journal against the plan."""

    month: str  # YYYY-MM
    hours_per_week: float  # in the target's activities
    planned_per_week: float
    growth_share: float | None  # growth work among entries marked growth or required
    mean_energy: float | None
    mean_skill: float | None
    entries: int


@dataclass
class Progress:
    """Progress along the path from the journal: months, trends, and how it compares with the plan."""

    months: list[MonthProgress] = field(default_factory=list)
    energy: Trend = field(default_factory=lambda: Trend(None, None, None, 0))
    skill: Trend = field(default_factory=lambda: Trend(None, None, None, 0))
    on_plan: bool | None = None


# --- the gap ---------------------------------------------------------------------------------

def weekly_hours(rows: Iterable[tuple[dt.date, str, float]], start: dt.date, end: dt.date) -> dict[str, float]:
    """Hours per week per activity logged between ``start`` and ``end`` (both included)."""
    weeks = max(1.0, ((end - start).days + 1) / 7.0)
    totals: dict[str, float] = {}
    for day, activity, hours in rows:
        if start <= day <= end:
            totals[activity] = totals.get(activity, 0.0) + float(hours)
    return {activity: round(total / weeks, 2) for activity, total in totals.items()}


def activity_gaps(current: Mapping[str, float], target: Mapping[str, float],
                  min_gap: float = MIN_GAP_HOURS) -> list[ActivityGap]:
    """The target's activities the person does less of than the role needs, biggest gap first."""
    gaps = [ActivityGap(slug, float(current.get(slug, 0.0)), float(hours))
            for slug, hours in target.items() if hours - current.get(slug, 0.0) >= min_gap]
    return sorted(gaps, key=lambda g: (-g.gap_hours, g.activity))


def skill_gaps(target: Mapping[str, float], skills: Mapping[str, tuple[float, float, float, int]],
               threshold: float = LOW_SKILL, min_ratings: int = 3) -> list[SkillGap]:
    """Skills the target needs (its activities, most hours first) that are low or not rated yet.

    ``skills[slug] = (level, low, high, ratings)`` on the 1-5 scale. A skill counts as low
    when its estimate is below ``threshold``; with fewer than ``min_ratings`` ratings it is
    "not rated yet" (level None), which the path says instead of guessing.
    """
    gaps = []
    for slug in sorted(target, key=lambda s: -target[s]):
        level, low, high, ratings = skills.get(slug, (None, None, None, 0))
        if ratings < min_ratings:
            gaps.append(SkillGap(slug, None, None, None, ratings))
        elif level < threshold:
            gaps.append(SkillGap(slug, round(level, 2), round(low, 2), round(high, 2), ratings))
    return gaps


# --- the steps ---------------------------------------------------------------------------------

def experience_added(shares: Mapping[str, float], gaps: Sequence[ActivityGap], hours: float = 40.0) -> dict[str, float]:
    """Hours a week of each missing activity a role with these shares would give."""
    added = {}
    for gap in gaps:
        got = min(gap.gap_hours, shares.get(gap.activity, 0.0) * hours)
        if got >= 0.5:
            added[gap.activity] = round(got, 1)
    return added


def propose_steps(gaps: Sequence[ActivityGap], candidates: Sequence[Candidate], *, horizon_months: int,
                  target_title: str, target_energy: tuple[float, float, float] | None = None,
                  target_code: str = "", target_zone: int | None = None,
                  acceptable: float = ACCEPTABLE_ENERGY, max_roles: int = 2) -> list[Step]:
    """Stretch work first, then up to ``max_roles`` intermediate roles, then the target.

    Stretch work takes the biggest gaps inside the current role (up to 4 h a week each, 8 in
    all). Intermediate roles are candidates whose predicted energy is at least ``acceptable``
    and whose job zone is not above the target's, ranked by the missing experience they add
    (hours a week), then by predicted energy; a role adding nothing is not proposed.
    """
    steps: list[Step] = []
    stretch: dict[str, float] = {}
    budget = STRETCH_HOURS_TOTAL
    for gap in gaps:
        if budget <= 0:
            break
        hours = round(min(STRETCH_HOURS_PER_ACTIVITY, gap.gap_hours, budget), 1)
        if hours >= 0.5:
            stretch[gap.activity] = hours
            budget -= hours
    roles = []
    for candidate in candidates:
        if candidate.energy < acceptable or candidate.code == target_code:
            continue
        if target_zone is not None and candidate.job_zone is not None and candidate.job_zone > target_zone:
            continue
        added = experience_added(candidate.shares, gaps)
        if added:
            roles.append((sum(added.values()), candidate.energy, candidate, added))
    roles.sort(key=lambda r: (-r[0], -r[1], r[2].code))
    chosen = roles[:max_roles]
    # Stretch work takes the first fifth of the horizon (at least a quarter); roles share the
    # middle; the target is the last step, reached at the horizon.
    stretch_end = max(3, horizon_months // 5) if stretch else 0
    if stretch:
        steps.append(Step("stretch", "Stretch work in your current role", 0, stretch_end, stretch))
    span = max(0, horizon_months - stretch_end) // (len(chosen) + 1) if chosen else 0
    start = stretch_end
    for _, _, candidate, added in chosen:
        steps.append(Step("role", candidate.title, start, start + span, added, round(candidate.energy, 2),
                          round(candidate.low, 2), round(candidate.high, 2), candidate.code, candidate.job_zone))
        start += span
    energy, low, high = target_energy if target_energy else (None, None, None)
    steps.append(Step("target", target_title, start, horizon_months,
                      {g.activity: round(g.gap_hours, 1) for g in gaps},
                      None if energy is None else round(energy, 2), None if low is None else round(low, 2),
                      None if high is None else round(high, 2), target_code, target_zone))
    return steps


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (clipped to the month's last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    days = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return dt.date(year, month, min(day.day, days[month - 1]))


def planned_hours(baseline: Mapping[str, float], target: Mapping[str, float], month: float,
                  horizon_months: int) -> dict[str, float]:
    """Hours a week planned in each target activity ``month`` months in: a straight ramp."""
    fraction = min(1.0, max(0.0, month / max(1, horizon_months)))
    return {slug: round(baseline.get(slug, 0.0) + fraction * (hours - baseline.get(slug, 0.0)), 1)
            for slug, hours in target.items()}


def milestones(baseline: Mapping[str, float], target: Mapping[str, float], steps: Sequence[Step],
               start: dt.date, horizon_months: int) -> list[Milestone]:
    """One milestone per quarter: the step under way and the planned hours in the target's activities."""
    result = []
    for quarter in range(1, math.ceil(horizon_months / 3) + 1):
        month = min(quarter * 3, horizon_months)
        step = next((s for s in steps if s.starts_month < month <= s.ends_month), steps[-1] if steps else None)
        result.append(Milestone(quarter, add_months(start, month), step.title if step else "",
                                planned_hours(baseline, target, month, horizon_months)))
    return result


# --- progress from the journal -----------------------------------------------------------------

def _trend(months: np.ndarray, values: np.ndarray, groups: np.ndarray, what: str) -> Trend:
    """Least-squares slope per month within activities (each activity's own mean removed)."""
    keep = ~np.isnan(values)
    months, values, groups = months[keep], values[keep], groups[keep]
    n = int(values.size)
    if n < MIN_TREND_ENTRIES or float(np.ptp(months)) < 1.0:
        return Trend(None, None, None, n, f"{what}: needs at least {MIN_TREND_ENTRIES} entries on the target's "
                                          f"activities over a month or more (has {n})")
    x, y = months.astype(float).copy(), values.astype(float).copy()
    for group in np.unique(groups):
        mask = groups == group
        x[mask] -= x[mask].mean()
        y[mask] -= y[mask].mean()
    sxx = float(x @ x)
    dof = n - 1 - len(np.unique(groups))
    if sxx <= 0 or dof < 2:
        return Trend(None, None, None, n, f"{what}: the entries do not spread over time yet")
    slope = float(x @ y) / sxx
    residual = y - slope * x
    se = math.sqrt(float(residual @ residual) / dof / sxx)
    half = float(stats.t.ppf(0.95, dof)) * se
    return Trend(round(slope, 3), round(slope - half, 3), round(slope + half, 3), n)


def progress(rows: Sequence[tuple[dt.date, str, float, float, float | None, bool | None]],
             target: Mapping[str, float], baseline: Mapping[str, float], start: dt.date,
             horizon_months: int, today: dt.date) -> Progress:
    """Month by month since ``start``: hours a week in the target's activities against the plan,
    growth-work share, mean energy and skill on them; and the trend per month of energy and
    skill on the target's activities (within each activity, so doing more of a pleasant one
    does not pass for growth). ``rows`` are (date, activity, hours, energy, skill, growth).
    """
    chosen = [r for r in rows if start <= r[0] <= today]
    result = Progress()
    month = dt.date(start.year, start.month, 1)
    index = 0
    while month <= today:
        following = add_months(month, 1)
        in_month = [r for r in chosen if month <= r[0] < following]
        days = (min(following, today + dt.timedelta(days=1)) - max(month, start)).days
        if days < 7:  # a month just begun says nothing yet about hours a week
            month, index = following, index + 1
            continue
        weeks = days / 7.0
        on_target = [r for r in in_month if r[1] in target]
        marked = [r for r in in_month if r[5] is not None]
        energies = [r[3] for r in on_target]
        skills = [r[4] for r in on_target if r[4] is not None]
        planned = sum(planned_hours(baseline, target, index + 0.5, horizon_months).values())
        result.months.append(MonthProgress(
            month.strftime("%Y-%m"), round(sum(r[2] for r in on_target) / weeks, 1), round(planned, 1),
            round(sum(1 for r in marked if r[5]) / len(marked), 3) if marked else None,
            round(float(np.mean(energies)), 2) if energies else None,
            round(float(np.mean(skills)), 2) if skills else None, len(on_target)))
        month, index = following, index + 1
    on_target = [r for r in chosen if r[1] in target]
    if on_target:
        months_in = np.array([(r[0] - start).days / 30.4375 for r in on_target])
        groups = np.array([r[1] for r in on_target])
        result.energy = _trend(months_in, np.array([r[3] for r in on_target], dtype=float), groups, "energy")
        result.skill = _trend(months_in, np.array([np.nan if r[4] is None else r[4] for r in on_target],
                                                  dtype=float), groups, "skill")
    else:
        result.energy = Trend(None, None, None, 0, "energy: no entries on the target's activities yet")
        result.skill = Trend(None, None, None, 0, "skill: no entries on the target's activities yet")
    complete = [m for m in result.months[:-1]] or result.months
    if complete:
        recent = complete[-3:]
        result.on_plan = (sum(m.hours_per_week for m in recent) >= 0.8 * sum(m.planned_per_week for m in recent))
    return result


def reforecast_words(expected: float | None, now: tuple[float, float, float] | None,
                     p_energizing: float | None, entries: int, better: Sequence[Candidate]) -> str:
    """The honest re-forecast: whether the target still looks right, or drains more than expected.

    ``expected`` is the predicted energy when the path was set, ``now`` today's (estimate,
    low, high). Below ``MIN_TREND_ENTRIES`` entries on its activities the answer says so.
    """
    if now is None:
        return "Not enough in your journal yet to forecast how this role would feel."
    estimate, low, high = now
    if entries < MIN_TREND_ENTRIES:
        return (f"Predicted energy in this role {signed(estimate, 2)} ({signed(low, 2)} to {signed(high, 2)}); only {entries} "
                f"entries on its activities so far, so this is still mostly a guess.")
    # The verdict ladder: "drains you" from "probably" up, as everywhere else.
    claim = verdict_for(p_energizing) if p_energizing is not None else None
    drains = claim is not None and claim.direction < 0
    worse = expected is not None and estimate < expected - 0.2
    if drains or (worse and estimate < 0):
        alternatives = "; ".join(f"{c.title} ({signed(c.energy, 2)})" for c in better[:3])
        return (f"This target drains you more than you expected: predicted energy {signed(estimate, 2)} "
                f"({signed(low, 2)} to {signed(high, 2)})" + (f", against {signed(expected, 2)} when you set it" if expected is not None else "")
                + "." + (f" What fits you better: {alternatives}." if alternatives else ""))
    if worse:
        return (f"Still a reasonable fit, but less than you expected: {signed(estimate, 2)} ({signed(low, 2)} to {signed(high, 2)}) "
                f"against {signed(expected, 2)} when you set it.")
    if claim is not None and claim.direction <= 0:
        return (f"Not clearly energizing: predicted energy in this role {signed(estimate, 2)} ({signed(low, 2)} to {signed(high, 2)}); "
                f"watch how its activities feel as you take them on.")
    word = f" — {claim.certainty}" if claim is not None else ""
    return f"On track: this role energizes you{word}, {signed(estimate, 2)} ({signed(low, 2)} to {signed(high, 2)})."
