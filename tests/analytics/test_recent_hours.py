"""Hours a week over the journal's last weeks that have entries (not the calendar's)."""

import datetime as dt

import pytest

from ownpath.analytics.recent_hours import recent_weekly_hours

MONDAY = dt.date(2026, 1, 5)


def _day(week: int, weekday: int = 0) -> dt.date:
    return MONDAY + dt.timedelta(weeks=week, days=weekday)


def test_weeks_without_entries_do_not_dilute_the_average():
    # Two weeks logged, then a 30-week gap, then one more: three weeks with entries.
    rows = [(_day(0), "admin", 4.0), (_day(1, 2), "admin", 2.0), (_day(1, 3), "coaching", 3.0),
            (_day(31), "coaching", 6.0)]
    recent = recent_weekly_hours(rows, weeks=12)
    assert recent.weeks == 3
    assert recent.hours_per_week == {"admin": 2.0, "coaching": 3.0}
    assert (recent.first_week, recent.last_week) == (_day(0), _day(31))


def test_only_the_last_weeks_with_entries_count():
    rows = [(_day(w), "selling", float(w)) for w in range(20)]
    recent = recent_weekly_hours(rows, weeks=12)
    assert recent.weeks == 12 and recent.first_week == _day(8)
    assert recent.hours_per_week == {"selling": pytest.approx(sum(range(8, 20)) / 12, abs=0.01)}


def test_an_empty_journal_rests_on_no_weeks():
    recent = recent_weekly_hours([], weeks=12)
    assert recent.weeks == 0 and recent.hours_per_week == {} and recent.first_week is None
