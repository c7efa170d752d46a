"""The path's pure core: the gap, the steps, the quarterly plan, progress and the re-forecast."""

from __future__ import annotations

import datetime as dt

import numpy as np

from ownpath.analytics import career_path as cp


def candidate(code, energy, shares, zone=4):
    return cp.Candidate(code, f"Role {code}", zone, shares, energy, energy - 0.5, energy + 0.5)


def test_gap_is_the_hours_a_week_the_role_needs_that_you_do_not_do_yet():
    gaps = cp.activity_gaps({"research": 10, "writing": 7.5}, {"research": 8, "writing": 8, "advising": 4, "planning": 6})
    assert [(g.activity, g.gap_hours, g.new) for g in gaps] == [("planning", 6, True), ("advising", 4, True)]


def test_skill_gaps_name_low_skills_and_unrated_ones_not_a_guess():
    gaps = cp.skill_gaps({"presenting": 6, "writing": 8, "advising": 4},
                         {"writing": (4.4, 4.1, 4.7, 20), "presenting": (2.8, 2.4, 3.2, 12), "advising": (4.0, 3, 5, 1)})
    assert [(g.activity, g.level) for g in gaps] == [("presenting", 2.8), ("advising", None)]


def test_steps_start_with_stretch_work_then_acceptable_roles_that_add_experience_then_the_target():
    gaps = cp.activity_gaps({"research": 10}, {"research": 10, "advising": 8, "presenting": 6})
    candidates = [
        candidate("a", 0.4, {"advising": 0.5, "research": 0.5}),
        candidate("drains", -1.0, {"advising": 0.9, "presenting": 0.1}),  # adds most, but drains
        candidate("too-senior", 0.9, {"advising": 0.5, "presenting": 0.5}, zone=5),
        candidate("adds-nothing", 1.2, {"research": 1.0}),
    ]
    steps = cp.propose_steps(gaps, candidates, horizon_months=60, target_title="Principal", target_zone=4)
    assert [s.kind for s in steps] == ["stretch", "role", "target"]
    assert steps[0].experience == {"advising": 4.0, "presenting": 4.0} and steps[0].starts_month == 0
    assert steps[1].code == "a" and steps[1].experience == {"advising": 8.0}
    assert steps[-1].ends_month == 60 and steps[0].ends_month <= steps[1].starts_month


def test_milestones_come_one_per_quarter_and_ramp_to_the_target():
    start = dt.date(2026, 1, 15)
    steps = cp.propose_steps(cp.activity_gaps({}, {"advising": 8}), [], horizon_months=24, target_title="T")
    plan = cp.milestones({"advising": 0}, {"advising": 8}, steps, start, 24)
    assert len(plan) == 8 and plan[0].ends == dt.date(2026, 4, 15) and plan[-1].ends == dt.date(2028, 1, 15)
    assert plan[0].total == 1.0 and plan[-1].total == 8.0


def test_trend_recovers_a_known_slope_within_its_interval():
    rng = np.random.default_rng(3)
    start = dt.date(2026, 1, 1)
    rows = []
    for i in range(300):
        day = start + dt.timedelta(days=int(rng.integers(0, 180)))
        activity = str(rng.choice(["advising", "presenting"]))
        months = (day - start).days / 30.4375
        energy = (0.5 if activity == "advising" else -0.5) + 0.1 * months + rng.normal(0, 0.8)
        rows.append((day, activity, 1.0, energy, None, True))
    result = cp.progress(sorted(rows), {"advising": 4, "presenting": 4}, {}, start, 60, start + dt.timedelta(days=180))
    assert result.energy.low < 0.1 < result.energy.high and result.energy.entries == 300
    assert result.skill.per_month is None and "needs at least" in result.skill.missing
    assert len(result.months) == 6 and result.months[0].growth_share == 1.0


def test_the_reforecast_says_when_a_target_drains_you_more_than_expected_and_what_fits_better():
    words = cp.reforecast_words(0.4, (-0.6, -1.0, -0.2), 0.05, 40, [candidate("b", 0.7, {"research": 1})])
    assert words.startswith("This target drains you more than you expected") and "Role b (+0.70)" in words
    assert "still mostly a guess" in cp.reforecast_words(0.4, (-0.6, -1.0, -0.2), 0.05, 3, [])
