"""Keeping score of forecasts: readiness, the lived average with its interval, scoring, calibration."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from ownpath.analytics import forecast_record as fr

START = dt.date(2026, 3, 2)  # a Monday


def _entries(weeks: int, per_day: int = 2, start: dt.date = START, energy=lambda rng, act: 1.0,
             activities=("research", "writing"), seed: int = 0):
    rng = np.random.default_rng(seed)
    days, acts, hours, values = [], [], [], []
    for week in range(weeks):
        for weekday in range(5):
            for k in range(per_day):
                act = activities[k % len(activities)]
                days.append((start + dt.timedelta(weeks=week, days=weekday)).toordinal())
                acts.append(act)
                hours.append(2.0)
                values.append(energy(rng, act))
    return days, values, hours, acts


def _forecast(estimate=0.5, sd=0.2, p_better=0.7, mix=None):
    return fr.StoredForecast(estimate, sd, estimate - fr.Z90 * sd, estimate + fr.Z90 * sd, p_better,
                             START, START, mix or {"research": 20, "writing": 20})


def test_readiness_says_how_many_weeks_and_entries_are_missing():
    days, *_ = _entries(3)
    ready = fr.readiness(days, START, START + dt.timedelta(weeks=3, days=1))
    assert not ready.ready and ready.entries == 30 and ready.weeks_covered == 3
    assert ready.missing == "To score it, the journal needs 5 more weeks of entries (until 2026-04-27) after the change."
    sparse = fr.readiness(days[::10], START, START + dt.timedelta(weeks=9))
    assert sparse.missing == ("To score it, the journal needs entries in 3 more weeks, "
                              "at least 20 entries in all (17 to go) after the change.")


def test_eight_weeks_of_entries_make_a_forecast_ready_and_entries_before_the_window_do_not_count():
    before, *_ = _entries(8, start=START - dt.timedelta(weeks=8))
    after, *_ = _entries(8)
    assert fr.readiness(before + after, START, START + dt.timedelta(weeks=8)).ready
    assert not fr.readiness(before, START, START + dt.timedelta(weeks=8)).ready


def test_a_next_change_before_eight_weeks_means_this_forecast_is_never_scored():
    days, *_ = _entries(12)
    ready = fr.readiness(days, START, START + dt.timedelta(weeks=12), window_end=START + dt.timedelta(weeks=4))
    assert not ready.ready and "the next change came after 4 weeks" in ready.missing


def test_the_scoring_window_starts_when_the_forecast_was_kept_if_that_was_later():
    assert fr.scoring_window_start(START, START + dt.timedelta(days=10)) == START + dt.timedelta(days=10)
    assert fr.scoring_window_start(START + dt.timedelta(days=3), START) == START + dt.timedelta(days=3)


def test_lived_energy_has_an_interval_around_it_that_narrows_with_more_weeks():
    noisy = lambda rng, act: float(np.clip(np.round(rng.normal(0.5, 1.0)), -2, 2))
    short = fr.lived_energy(*_entries(2, energy=noisy), START)
    long = fr.lived_energy(*_entries(12, energy=noisy), START)
    for lived in (short, long):
        assert lived.low < lived.estimate < lived.high
    assert long.high - long.low < short.high - short.low
    assert long.low < 0.5 < long.high


def test_lived_energy_is_weighted_to_the_forecasts_mix_when_it_covers_most_of_it():
    # Lived: mostly writing (+2 research, -1 writing); the forecast's week was half and half.
    days, energy, hours, acts = _entries(8, per_day=4, activities=("research", "writing", "writing", "writing"),
                                         energy=lambda rng, act: 2.0 if act == "research" else -1.0)
    at_mix = fr.lived_energy(days, energy, hours, acts, START, mix={"research": 20, "writing": 20})
    assert at_mix.basis == "mix" and at_mix.estimate == pytest.approx(0.5)
    anyhow = fr.lived_energy(days, energy, hours, acts, START, mix={"managing": 30, "research": 5})
    assert anyhow.basis == "all" and anyhow.estimate == pytest.approx(-0.25)


def test_a_forecast_covers_what_was_lived_within_its_interval_widened_by_the_lived_uncertainty():
    lived = fr.Lived(0.8, 0.1, 0.65, 0.95, 80, 40, "mix", 1.0)
    inside = fr.score_forecast(_forecast(estimate=0.5, sd=0.2), lived)
    assert inside.covered and inside.error == pytest.approx(0.3)
    assert "within what it said" in inside.sentence
    outside = fr.score_forecast(_forecast(estimate=-0.2, sd=0.2), lived)
    assert not outside.covered and "better than it said" in outside.sentence


def test_p_better_is_scored_against_the_weeks_before_with_a_brier_score():
    lived = fr.Lived(0.8, 0.1, 0.65, 0.95, 80, 40, "mix", 1.0)
    before = fr.Lived(0.2, 0.1, 0.05, 0.35, 80, 40, "all", 0.0)
    score = fr.score_forecast(_forecast(p_better=0.7), lived, before)
    assert score.better is True and score.brier == pytest.approx(0.09)
    assert "70% chance of feeling better than before; it did" in score.sentence
    assert fr.score_forecast(_forecast(p_better=0.7), lived).brier is None


def test_calibration_counts_coverage_with_an_interval_and_says_when_there_are_too_few():
    hit = fr.Score(True, 0, 1, 0.1, True, 0.04, "")
    miss = fr.Score(False, 0, 1, 0.9, False, 0.64, "")
    few = fr.calibration([hit, miss])
    assert few.coverage == 0.5 and "Too few to say yet" in few.sentence
    many = fr.calibration([hit] * 9 + [miss])
    assert many.scored == 10 and many.covered == 9 and many.coverage_low < 0.9 < many.coverage_high
    assert many.brier == pytest.approx((9 * 0.04 + 0.64) / 10)
    assert "fell within ownpath's range 9 times (90%" in many.sentence
    narrow = fr.calibration([hit] * 3 + [miss] * 7)
    assert "too narrow for you" in narrow.sentence
    assert fr.calibration([]).sentence == "No forecast has been lived long enough to score yet."
