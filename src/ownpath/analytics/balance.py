"""Balance: hours against the person's target, off the clock, growth vs required work,
time spent on draining activities, the 4-week trend and an early warning.

Pure functions over plain :class:`BalanceEpisode` records.  Every figure carries its
sample size, and below the data it needs a figure is ``None`` with a plain-words
``missing`` message instead.  Weeks are ISO weeks; only weeks with at least one entry
count (a week without entries is more likely unlogged than unworked).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ownpath.analytics.energy_model import ActivityEffect
from ownpath.analytics.normal import normal_cdf
from ownpath.analytics.verdicts import THRESHOLDS, verdict_for

MIN_WEEKS_FOR_HOURS = 2
TREND_WEEKS = 4
MIN_DAYS_PER_TREND_WINDOW = 5
MIN_MARKED_FOR_GROWTH = 5
# Draining = the verdict ladder's "fairly sure" (or more) that the activity lowers energy.
DRAINING_PROBABILITY = THRESHOLDS["fairly sure"]
# Early warning: hours up by at least this much (and this share) while energy fell with
# at least this probability, between the last 4 weeks and the 4 before.
WARNING_HOURS_RISE = 2.0
WARNING_HOURS_RISE_SHARE = 0.10
WARNING_ENERGY_FALL_PROBABILITY = 0.80


@dataclass(frozen=True)
class BalanceEpisode:
    """The part of an episode balance needs."""

    date: dt.date
    hours: float
    energy: float
    growth: bool | None = None  # True: growth work, False: required work, None: not marked
    off_clock: bool = False
    activity: str = ""


@dataclass(frozen=True)
class WeekHours:
    """Hours logged in one ISO week."""

    week: str  # "2026-W47"
    start: dt.date  # its Monday
    hours: float
    off_clock_hours: float
    episodes: int
    mean_energy: float


@dataclass(frozen=True)
class HoursVsTarget:
    """Weekly hours against the person's target."""

    target: float
    weeks: tuple[WeekHours, ...]
    mean_hours: float | None
    weeks_over_target: int
    n_weeks: int
    missing: str | None = None


@dataclass(frozen=True)
class OffClock:
    """Hours worked outside paid time."""

    hours: float
    share: float | None
    per_week: float | None
    episodes: int
    n_weeks: int


@dataclass(frozen=True)
class GrowthShare:
    """Share of growth work among the hours marked growth or required."""

    growth_hours: float
    required_hours: float
    unmarked_hours: float
    share: float | None
    marked_episodes: int
    missing: str | None = None


@dataclass(frozen=True)
class DrainingShare:
    """Share of working hours on activities that drain the person."""

    share: float | None  # on activities fairly sure to drain
    expected_share: float | None  # sum of hours x P(drains) / hours: uses all the evidence
    draining_activities: tuple[str, ...]
    hours: float
    episodes: int
    missing: str | None = None


@dataclass(frozen=True)
class Trend:
    """The last TREND_WEEKS ISO weeks against the TREND_WEEKS before them."""

    recent_weeks: str  # "2026-W44..2026-W47"
    hours_per_week_recent: float | None
    hours_per_week_before: float | None
    energy_recent: float | None
    energy_before: float | None
    energy_change: float | None
    energy_change_sd: float | None
    p_energy_fell: float | None
    days_recent: int
    days_before: int
    missing: str | None = None


@dataclass(frozen=True)
class BalanceWarning:
    """Something the person should look at now."""

    kind: str
    message: str


@dataclass(frozen=True)
class Balance:
    """Everything about balance, for one person."""

    hours: HoursVsTarget
    off_clock: OffClock
    growth: GrowthShare
    draining: DrainingShare
    trend: Trend
    warnings: tuple[BalanceWarning, ...] = field(default=())


@dataclass(frozen=True)
class BalanceColumns:
    """The same data as a list of BalanceEpisode, column-wise (fast for big journals).

    ``days`` are day numbers (``date.toordinal()``); ``growth`` is 1 (growth), 0
    (required) or -1 (not marked).
    """

    days: np.ndarray
    hours: np.ndarray
    energy: np.ndarray
    growth: np.ndarray
    off_clock: np.ndarray
    activities: np.ndarray  # activity slugs (object or str array)

    @classmethod
    def from_records(cls, episodes: Sequence[BalanceEpisode]) -> BalanceColumns:
        """Columns from records."""
        return cls(
            np.array([e.date.toordinal() for e in episodes], dtype=np.int64),
            np.array([e.hours for e in episodes], dtype=float),
            np.array([e.energy for e in episodes], dtype=float),
            np.array([-1 if e.growth is None else int(e.growth) for e in episodes], dtype=np.int8),
            np.array([bool(e.off_clock) for e in episodes], dtype=bool),
            np.array([e.activity for e in episodes], dtype=object),
        )

    def __len__(self) -> int:
        """Number of episodes."""
        return len(self.days)

    def mondays(self) -> np.ndarray:
        """Day number of the Monday starting each episode's ISO week."""
        # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday, Monday = 0.
        return self.days - (self.days - 1) % 7


def iso_week(day: dt.date) -> str:
    """'2026-W47' for any date in that ISO week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _as_columns(episodes) -> BalanceColumns:
    return episodes if isinstance(episodes, BalanceColumns) else BalanceColumns.from_records(list(episodes))


def weekly_hours(episodes, target_hours: float) -> HoursVsTarget:
    """Hours per ISO week (weeks with entries), their mean and weeks over the target.

    ``episodes``: a sequence of BalanceEpisode or a BalanceColumns (likewise below).
    """
    cols = _as_columns(episodes)
    mondays, week_of = np.unique(cols.mondays(), return_inverse=True)
    k = len(mondays)
    hours = np.bincount(week_of, cols.hours, k)
    off = np.bincount(week_of, cols.hours * cols.off_clock, k)
    count = np.bincount(week_of, minlength=k)
    energy = np.bincount(week_of, cols.energy, k)
    weeks = tuple(
        WeekHours(iso_week(dt.date.fromordinal(int(m))), dt.date.fromordinal(int(m)), float(h),
                  float(o), int(c), float(e / c))
        for m, h, o, c, e in zip(mondays, hours, off, count, energy)
    )
    n_weeks = len(weeks)
    over = int(np.sum(hours > target_hours))
    if n_weeks < MIN_WEEKS_FOR_HOURS:
        more = MIN_WEEKS_FOR_HOURS - n_weeks
        return HoursVsTarget(target_hours, weeks, None, over, n_weeks,
                             f"log {more} more week{'s' if more > 1 else ''} to compare your hours "
                             f"with your target of {target_hours:g}")
    return HoursVsTarget(target_hours, weeks, float(hours.mean()), over, n_weeks)


def off_clock_hours(episodes) -> OffClock:
    """Hours off the clock, their share of all hours and per week with entries."""
    cols = _as_columns(episodes)
    total = float(cols.hours.sum())
    hours = float(cols.hours[cols.off_clock].sum())
    n_weeks = len(np.unique(cols.mondays()))
    return OffClock(hours, hours / total if total > 0 else None,
                    hours / n_weeks if n_weeks else None, int(cols.off_clock.sum()), n_weeks)


def growth_share(episodes) -> GrowthShare:
    """Share of growth hours among the hours marked growth or required."""
    cols = _as_columns(episodes)
    growth = float(cols.hours[cols.growth == 1].sum())
    required = float(cols.hours[cols.growth == 0].sum())
    unmarked = float(cols.hours[cols.growth < 0].sum())
    marked = int(np.sum(cols.growth >= 0))
    if marked < MIN_MARKED_FOR_GROWTH or growth + required <= 0:
        more = max(MIN_MARKED_FOR_GROWTH - marked, 1)
        return GrowthShare(growth, required, unmarked, None, marked,
                           f"mark {more} more entr{'y' if more == 1 else 'ies'} as growth or "
                           f"required work to see the balance between them")
    return GrowthShare(growth, required, unmarked, growth / (growth + required), marked)


def draining_share(episodes, effects: Mapping[str, ActivityEffect]) -> DrainingShare:
    """Share of working hours on activities that drain (given the energy effects)."""
    cols = _as_columns(episodes)
    total = float(cols.hours.sum())
    if len(cols) == 0 or total <= 0:
        return DrainingShare(None, None, (), 0.0, 0, "log some work to see where your time goes")
    draining = tuple(sorted(a for a, eff in effects.items()
                            if 1.0 - eff.p_positive >= DRAINING_PROBABILITY))
    names, codes = np.unique(cols.activities.astype(str), return_inverse=True)
    hours_by = np.bincount(codes, cols.hours, len(names))
    on_draining = sum(h for name, h in zip(names, hours_by, strict=True) if name in draining)
    known = [(h, effects[name]) for name, h in zip(names, hours_by, strict=True) if name in effects]
    known_hours = sum(h for h, _ in known)
    expected = sum(h * (1.0 - eff.p_positive) for h, eff in known)
    return DrainingShare(float(on_draining / total),
                         float(expected / known_hours) if known_hours > 0 else None,
                         draining, total, len(cols))


def four_week_trend(episodes, today: dt.date | None = None) -> Trend:
    """Hours per week and energy in the last 4 ISO weeks against the 4 weeks before.

    The windows end with the last ISO week finished by ``today`` (an unfinished week would
    look like a drop in hours), or by default with the week of the last entry.  The energy
    change is compared on daily means (the mood of a day is shared by its entries), with
    its standard error and the probability that energy really fell.
    """
    cols = _as_columns(episodes)
    if len(cols) == 0:
        return Trend("", None, None, None, None, None, None, None, 0, 0,
                     f"log {2 * TREND_WEEKS} weeks to see a trend")
    if today is not None:
        # The Monday of the last week that has ended: today's own week counts only on its Sunday.
        last = today.toordinal() - (0 if today.isoweekday() == 7 else 7)
    else:
        last = int(cols.days.max())
    end = last - (last - 1) % 7
    recent_start = end - 7 * (TREND_WEEKS - 1)
    before_start = recent_start - 7 * TREND_WEEKS
    label = (f"{iso_week(dt.date.fromordinal(recent_start))}.."
             f"{iso_week(dt.date.fromordinal(end))}")
    in_recent = (cols.days >= recent_start) & (cols.days < end + 7)
    in_before = (cols.days >= before_start) & (cols.days < recent_start)
    mondays = cols.mondays()

    def per_week(mask: np.ndarray) -> float | None:
        weeks = len(np.unique(mondays[mask]))
        return float(cols.hours[mask].sum() / weeks) if weeks else None

    def daily_energy(mask: np.ndarray) -> np.ndarray:
        days, day_of = np.unique(cols.days[mask], return_inverse=True)
        sums = np.bincount(day_of, cols.energy[mask], len(days))
        return sums / np.bincount(day_of, minlength=len(days))

    d_recent, d_before = daily_energy(in_recent), daily_energy(in_before)
    hours_recent, hours_before = per_week(in_recent), per_week(in_before)
    if len(d_recent) < MIN_DAYS_PER_TREND_WINDOW or len(d_before) < MIN_DAYS_PER_TREND_WINDOW:
        short = []
        if len(d_recent) < MIN_DAYS_PER_TREND_WINDOW:
            short.append(f"{MIN_DAYS_PER_TREND_WINDOW - len(d_recent)} more days in the last {TREND_WEEKS} weeks")
        if len(d_before) < MIN_DAYS_PER_TREND_WINDOW:
            short.append(f"{MIN_DAYS_PER_TREND_WINDOW - len(d_before)} more days in the {TREND_WEEKS} weeks before")
        return Trend(label, hours_recent, hours_before,
                     float(d_recent.mean()) if len(d_recent) else None,
                     float(d_before.mean()) if len(d_before) else None,
                     None, None, None, len(d_recent), len(d_before),
                     "the 4-week trend needs entries on " + " and ".join(short))
    change = float(d_recent.mean() - d_before.mean())
    var = d_recent.var(ddof=1) / len(d_recent) + d_before.var(ddof=1) / len(d_before)
    sd = math.sqrt(var) if var > 0 else 0.0
    if sd > 0:
        p_fell = float(normal_cdf(-change / sd))
    else:
        p_fell = 1.0 if change < 0 else 0.0
    return Trend(label, hours_recent, hours_before, float(d_recent.mean()), float(d_before.mean()),
                 change, sd, p_fell, len(d_recent), len(d_before))


def _fall_certainty(p_fell: float) -> str:
    """The ladder's word for "energy fell" (the warning is only given from "probably" up)."""
    return verdict_for(p_fell).certainty or "not clear yet"


def early_warnings(trend: Trend, hours: HoursVsTarget | None = None) -> tuple[BalanceWarning, ...]:
    """Warnings: energy falling while hours rise; weeks far over target."""
    warnings = []
    if (trend.p_energy_fell is not None and trend.hours_per_week_recent is not None
            and trend.hours_per_week_before):
        rise = trend.hours_per_week_recent - trend.hours_per_week_before
        if (rise >= WARNING_HOURS_RISE and rise >= WARNING_HOURS_RISE_SHARE * trend.hours_per_week_before
                and trend.p_energy_fell >= WARNING_ENERGY_FALL_PROBABILITY):
            warnings.append(BalanceWarning(
                "energy_falling_hours_rising",
                f"Your energy is falling while your hours rise: {trend.hours_per_week_recent:.1f} h/week "
                f"in the last {TREND_WEEKS} weeks against {trend.hours_per_week_before:.1f} before, and "
                f"energy down by {-trend.energy_change:.1f} points "
                f"({_fall_certainty(trend.p_energy_fell)}: {trend.p_energy_fell:.0%} chance it fell; "
                f"{trend.days_recent + trend.days_before} days of entries).",
            ))
    if hours is not None and hours.mean_hours is not None and hours.n_weeks >= TREND_WEEKS:
        last = hours.weeks[-TREND_WEEKS:]
        if all(w.hours > hours.target * 1.1 for w in last):
            warnings.append(BalanceWarning(
                "over_target",
                f"Each of your last {TREND_WEEKS} weeks was more than 10% over your target of "
                f"{hours.target:g} hours (up to {max(w.hours for w in last):.1f} h).",
            ))
    return tuple(warnings)


def balance_summary(episodes, target_hours: float,
                    effects: Mapping[str, ActivityEffect] | None = None,
                    today: dt.date | None = None) -> Balance:
    """All balance figures and warnings for one person's episodes (records or columns)."""
    eps = _as_columns(episodes)
    hours = weekly_hours(eps, target_hours)
    trend = four_week_trend(eps, today)
    return Balance(
        hours=hours,
        off_clock=off_clock_hours(eps),
        growth=growth_share(eps),
        draining=draining_share(eps, effects or {}),
        trend=trend,
        warnings=early_warnings(trend, hours),
    )
