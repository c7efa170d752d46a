"""Ranking occupations by the energy a person's journal predicts for them."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from ownpath.analytics.occupation_fit import Z90, predict_occupation, rank_occupations


@dataclass
class Effect:
    estimate: float
    sd: float


EFFECTS = {"selling": Effect(1.0, 0.2), "managing": Effect(-1.0, 0.3), "analysis": Effect(0.5, 0.1)}


def test_prediction_is_the_share_weighted_mix_of_effects_with_its_interval():
    fit = predict_occupation("x", {"selling": 0.5, "managing": 0.5}, EFFECTS, prior_sd=0.8)
    assert fit.energy == pytest.approx(0.0)
    assert fit.sd == pytest.approx(math.sqrt(0.25 * 0.04 + 0.25 * 0.09))
    assert (fit.low, fit.high) == pytest.approx((-Z90 * fit.sd, Z90 * fit.sd))
    assert fit.coverage == pytest.approx(1.0)


def test_never_logged_activities_fall_back_to_the_prior_with_wide_uncertainty():
    fit = predict_occupation("x", {"selling": 0.5, "caring": 0.5}, EFFECTS, prior_sd=0.8)
    assert fit.energy == pytest.approx(0.5)
    assert fit.sd == pytest.approx(math.sqrt(0.25 * 0.04 + 0.25 * 0.64))
    assert fit.coverage == pytest.approx(0.5)
    assert [d.logged for d in fit.drivers] == [True, False]


def test_prior_sd_never_falls_below_the_floor_and_priors_may_differ_by_activity():
    fit = predict_occupation("x", {"caring": 1.0}, {}, prior_sd=0.01, prior_mean={"caring": 0.3})
    assert fit.sd == pytest.approx(0.5) and fit.energy == pytest.approx(0.3)
    assert fit.coverage == 0


def test_drivers_are_ordered_by_the_size_of_their_contribution():
    fit = predict_occupation("x", {"selling": 0.2, "managing": 0.6, "analysis": 0.2}, EFFECTS, 0.8)
    assert [d.slug for d in fit.drivers] == ["managing", "selling", "analysis"]
    assert fit.drivers[0].contribution == pytest.approx(-0.6)


def test_ranks_best_predicted_energy_first_and_skips_occupations_without_profile():
    profiles = {"sales-rep": {"selling": 1.0}, "sales-manager": {"managing": 0.7, "selling": 0.3},
                "analyst": {"analysis": 1.0}, "unknown": {}}
    ranked = rank_occupations(profiles, EFFECTS, prior_sd=0.8)
    assert [f.code for f in ranked] == ["sales-rep", "analyst", "sales-manager"]
    assert ranked[-1].probability_energizing < 0.05


def test_only_eligible_occupations_are_ranked():
    profiles = {"a": {"selling": 1.0}, "b": {"analysis": 1.0}}
    assert [f.code for f in rank_occupations(profiles, EFFECTS, 0.8, eligible=["b"])] == ["b"]
