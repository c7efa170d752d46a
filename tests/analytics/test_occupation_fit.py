"""Ranking occupations by the energy a person's journal predicts for them."""

from __future__ import annotations

import math

import pytest

from ownpath.analytics.forecast import MIN_PRIOR_SD, Z90, SimpleEffect, SimplePosterior, forecast_energy
from ownpath.analytics.occupation_fit import predict_occupation, rank_occupations

POSTERIOR = SimplePosterior(
    effects={"selling": SimpleEffect(1.0, 0.2), "managing": SimpleEffect(-1.0, 0.3),
             "analysis": SimpleEffect(0.5, 0.1)},
    activity_sd=0.8, mean=0.25)


def test_prediction_is_the_option_forecast_of_the_occupations_week():
    fit = predict_occupation("x", {"selling": 0.5, "managing": 0.5}, POSTERIOR)
    forecast = forecast_energy({"selling": 20, "managing": 20}, POSTERIOR)
    assert (fit.energy, fit.sd, fit.low, fit.high) == pytest.approx(
        (forecast.estimate, forecast.sd, forecast.low, forecast.high))
    assert fit.energy == pytest.approx(0.25)
    assert fit.sd == pytest.approx(math.sqrt(0.25 * 0.04 + 0.25 * 0.09))
    assert fit.high - fit.energy == pytest.approx(Z90 * fit.sd)
    assert fit.coverage == pytest.approx(1.0)


def test_never_logged_activities_fall_back_to_the_prior_with_wide_uncertainty():
    fit = predict_occupation("x", {"selling": 0.5, "caring": 0.5}, POSTERIOR)
    assert fit.energy == pytest.approx(0.25 + 0.5)
    assert fit.sd == pytest.approx(math.sqrt(0.25 * 0.04 + 0.25 * max(0.8, MIN_PRIOR_SD) ** 2))
    assert fit.coverage == pytest.approx(0.5)
    assert {d.slug: d.logged for d in fit.drivers} == {"selling": True, "caring": False}
    assert [d.feeling for d in fit.drivers if not d.logged] == ["not logged yet"]


def test_drivers_are_ordered_by_the_size_of_their_contribution():
    fit = predict_occupation("x", {"selling": 0.2, "managing": 0.6, "analysis": 0.2}, POSTERIOR)
    assert [d.slug for d in fit.drivers] == ["managing", "selling", "analysis"]
    assert fit.drivers[0].contribution == pytest.approx(-0.6)


def test_ranks_best_predicted_energy_first_and_skips_occupations_without_profile():
    profiles = {"sales-rep": {"selling": 1.0}, "sales-manager": {"managing": 0.7, "selling": 0.3},
                "analyst": {"analysis": 1.0}, "unknown": {}}
    ranked = rank_occupations(profiles, POSTERIOR)
    assert [f.code for f in ranked] == ["sales-rep", "analyst", "sales-manager"]
    assert ranked[-1].probability_energizing < 0.5 < ranked[0].probability_energizing


def test_only_eligible_occupations_are_ranked():
    profiles = {"a": {"selling": 1.0}, "b": {"analysis": 1.0}}
    assert [f.code for f in rank_occupations(profiles, POSTERIOR, eligible=["b"])] == ["b"]
