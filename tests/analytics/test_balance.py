"""Balance: hours vs target, off the clock, growth share, draining share, trend, warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from ownpath.analytics.balance import (
    BalanceEpisode,
    balance_summary,
    draining_share,
    early_warnings,
    four_week_trend,
    growth_share,
    iso_week,
    off_clock_hours,
    weekly_hours,
)
from ownpath.analytics.energy_model import ActivityEffect

MONDAY = dt.date(2026, 9, 7)


def workweeks(weeks, hours_per_day=8.0, energy=1.0, start=MONDAY, **fields):
    return [BalanceEpisode(start + dt.timedelta(weeks=w, days=d), hours_per_day, energy, **fields)
            for w in range(weeks) for d in range(5)]


def test_hours_per_iso_week_against_the_target():
    eps = workweeks(3, 9.0)
    result = weekly_hours(eps, 40)
    assert [w.week for w in result.weeks] == ["2026-W37", "2026-W38", "2026-W39"]
    assert result.mean_hours == pytest.approx(45.0)
    assert result.weeks_over_target == 3 and result.n_weeks == 3 and result.missing is None


def test_one_week_is_too_little_to_compare_and_says_what_is_missing():
    result = weekly_hours(workweeks(1), 40)
    assert result.mean_hours is None
    assert result.missing == "log 1 more week to compare your hours with your target of 40"


def test_hours_off_the_clock():
    eps = workweeks(2) + [BalanceEpisode(MONDAY + dt.timedelta(days=5), 4.0, 0.0, off_clock=True)]
    result = off_clock_hours(eps)
    assert result.hours == 4.0 and result.episodes == 1
    assert result.share == pytest.approx(4.0 / 84.0)
    assert result.per_week == pytest.approx(2.0)


def test_growth_share_among_marked_hours_and_what_is_missing():
    eps = workweeks(1, growth=True) + workweeks(1, hours_per_day=4.0, growth=False)
    assert growth_share(eps).share == pytest.approx(40 / 60)
    thin = growth_share([BalanceEpisode(MONDAY, 1.0, 0.0, growth=True)])
    assert thin.share is None and thin.missing.startswith("mark 4 more entries as growth or required")


def test_share_of_time_on_draining_activities():
    effects = {
        "admin": ActivityEffect("admin", -1.0, 0.3, -1.5, -0.5, 0.01, 20, 30.0),
        "research": ActivityEffect("research", 1.0, 0.3, 0.5, 1.5, 0.99, 20, 10.0),
    }
    eps = [BalanceEpisode(MONDAY, 3.0, -1, activity="admin"), BalanceEpisode(MONDAY, 1.0, 1, activity="research")]
    result = draining_share(eps, effects)
    assert result.share == pytest.approx(0.75)
    assert result.draining_activities == ("admin",)
    assert result.expected_share == pytest.approx((3 * 0.99 + 1 * 0.01) / 4)


def test_trend_compares_the_last_four_weeks_with_the_four_before():
    eps = workweeks(4, 8.0, energy=1.0) + workweeks(4, 10.0, energy=-1.0, start=MONDAY + dt.timedelta(weeks=4))
    trend = four_week_trend(eps)
    assert trend.recent_weeks == f"{iso_week(MONDAY + dt.timedelta(weeks=4))}..{iso_week(MONDAY + dt.timedelta(weeks=7))}"
    assert trend.hours_per_week_recent == pytest.approx(50.0)
    assert trend.hours_per_week_before == pytest.approx(40.0)
    assert trend.energy_change == pytest.approx(-2.0)
    assert trend.p_energy_fell == 1.0 and trend.days_recent == 20


def test_early_warning_when_energy_falls_while_hours_rise():
    eps = workweeks(4, 8.0, energy=1.0) + workweeks(4, 10.0, energy=-1.0, start=MONDAY + dt.timedelta(weeks=4))
    kinds = [w.kind for w in balance_summary(eps, 40).warnings]
    assert "energy_falling_hours_rising" in kinds
    assert "over_target" in kinds


def test_no_warning_when_hours_rise_but_energy_holds():
    eps = workweeks(4, 8.0, energy=1.0) + workweeks(4, 10.0, energy=1.0, start=MONDAY + dt.timedelta(weeks=4))
    assert early_warnings(four_week_trend(eps)) == ()


def test_a_short_journal_says_what_the_trend_needs():
    trend = four_week_trend(workweeks(1))
    assert trend.p_energy_fell is None
    assert "5 more days in the 4 weeks before" in trend.missing


def test_an_empty_journal_has_missing_messages_and_no_crash():
    summary = balance_summary([], 40)
    assert summary.hours.missing and summary.trend.missing and summary.growth.missing
    assert summary.draining.share is None and summary.warnings == ()


def test_the_trend_leaves_out_the_week_still_under_way():
    import datetime as dt

    from ownpath.analytics.balance import BalanceEpisode, four_week_trend

    wednesday = dt.date(2026, 3, 18)
    monday = wednesday - dt.timedelta(days=2)
    episodes = [BalanceEpisode(monday - dt.timedelta(days=d), 8.0, 1.0) for d in range(1, 60)]
    episodes += [BalanceEpisode(monday, 1.0, -2.0), BalanceEpisode(wednesday, 1.0, -2.0)]
    trend = four_week_trend(episodes, today=wednesday)
    assert trend.recent_weeks.endswith("W11")  # the week of 9 March, the last finished one
    assert trend.energy_recent == 1.0
