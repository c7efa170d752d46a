"""Agreement review: did the agreed hours change, did energy on them move — with intervals and counts."""

from __future__ import annotations

import datetime as dt
import random

from ownpath.analytics.agreement_review import MIN_WEEKS, ReviewEpisode, review_agreement, review_as_dict

AGREED = dt.date(2026, 10, 5)  # a Monday


def _weeks(start: dt.date, weeks: int, per_week: dict[str, tuple[float, float]], seed: int = 1):
    """Entries over `weeks` weeks: per activity (hours per week, mean energy), split over 2 days, with noise."""
    rng = random.Random(seed)
    episodes = []
    for w in range(weeks):
        for activity, (hours, energy) in per_week.items():
            for day in (0, 2):
                if hours:
                    episodes.append(ReviewEpisode(start + dt.timedelta(weeks=w, days=day), activity,
                                                  max(0.25, hours / 2 + rng.uniform(-0.5, 0.5)),
                                                  max(-2, min(2, round(energy + rng.uniform(-1, 1))))))
    return episodes


def test_hours_moved_from_admin_to_research_as_agreed_with_intervals_and_sample_sizes():
    before = _weeks(AGREED - dt.timedelta(weeks=6), 6, {"admin": (8, -1), "research": (6, 1)})
    after = _weeks(AGREED, 6, {"admin": (4, -1), "research": (10, 2)})
    review = review_agreement(AGREED, {"admin": -4, "research": 4}, before + after, AGREED + dt.timedelta(weeks=6))
    admin, research = review.activities
    assert admin.verdict == research.verdict == "moved as agreed"
    assert admin.hours_change.low < admin.hours_change.estimate < admin.hours_change.high < 0
    assert 3 < research.hours_change.estimate < 5 and research.hours_change.low > 0
    assert (admin.hours_before.weeks, admin.hours_after.weeks) == (6, 6)
    assert research.energy_change.estimate > 0
    assert (research.energy_before.entries, research.energy_after.entries) == (12, 12)
    assert review.enough_data


def test_hours_that_did_not_change_are_not_called_a_move():
    episodes = _weeks(AGREED - dt.timedelta(weeks=6), 12, {"admin": (8, -1), "research": (6, 1)})
    review = review_agreement(AGREED, {"admin": -4}, episodes, AGREED + dt.timedelta(weeks=6))
    [admin] = review.activities
    assert admin.hours_change.low < 0 < admin.hours_change.high
    assert admin.verdict == "no clear change yet"


def test_a_week_without_the_activity_counts_as_zero_hours_but_an_unlogged_week_does_not_count():
    before = _weeks(AGREED - dt.timedelta(weeks=4), 4, {"research": (5, 1), "admin": (5, 0)})
    # After: research stopped entirely, admin logged in 3 weeks; 2 weeks with no entries at all.
    after = _weeks(AGREED, 3, {"admin": (9, 0)})
    review = review_agreement(AGREED, {"research": 4}, before + after, AGREED + dt.timedelta(weeks=5))
    [research] = review.activities
    assert research.hours_after.weeks == 3 and research.hours_after.mean == 0
    assert research.verdict == "moved the other way"


def test_too_few_weeks_since_the_agreement_says_what_is_missing():
    before = _weeks(AGREED - dt.timedelta(weeks=6), 6, {"admin": (8, -1)})
    after = _weeks(AGREED, 1, {"admin": (4, -1)})
    review = review_agreement(AGREED, {"admin": -4}, before + after, AGREED + dt.timedelta(days=6))
    [admin] = review.activities
    assert admin.hours_change is None and not review.enough_data
    assert admin.verdict == "not enough entries yet"
    assert admin.hours_missing == f"not enough entries yet: needs {MIN_WEEKS - 1} more week(s) with entries since the agreement"
    assert "more entry of admin since the agreement" in admin.energy_missing


def test_entries_after_the_review_date_and_long_before_the_agreement_are_left_out():
    old = _weeks(AGREED - dt.timedelta(weeks=40), 4, {"admin": (30, -2)})
    before = _weeks(AGREED - dt.timedelta(weeks=4), 4, {"admin": (8, -1)})
    after = _weeks(AGREED, 4, {"admin": (4, -1)})
    future = _weeks(AGREED + dt.timedelta(weeks=10), 2, {"admin": (30, -2)})
    review = review_agreement(AGREED, {"admin": -4}, old + before + after + future, AGREED + dt.timedelta(weeks=4))
    [admin] = review.activities
    assert (admin.hours_before.weeks, admin.hours_after.weeks) == (4, 4)
    assert 6 < admin.hours_before.mean < 10


def test_review_as_dict_is_plain_data_with_interval_level():
    episodes = _weeks(AGREED - dt.timedelta(weeks=6), 12, {"admin": (8, -1)})
    data = review_as_dict(review_agreement(AGREED, {"admin": -4}, episodes, AGREED + dt.timedelta(weeks=6)))
    assert data["agreed_on"] == "2026-10-05"
    assert data["activities"][0]["hours_change"]["interval"] == 0.9
    assert set(data["activities"][0]) >= {"hours_before", "energy_change", "hours_missing", "verdict"}
