"""The population prior is what scripts/build_population_prior.py derives from open ESM data, by its stated rule."""

from __future__ import annotations

import math
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import build_population_prior as build  # noqa: E402

from ownpath.analytics.energy_model import POPULATION_PRIOR, estimate_activity_effects  # noqa: E402


def gaussian_grid(estimate_a: float, estimate_d: float, se: float) -> np.ndarray:
    """A person's log-likelihood over the grid when their log ratios are estimated with noise ``se``."""
    grid = build.GRID
    return -((grid[:, None] - estimate_a) ** 2 + (grid[None, :] - estimate_d) ** 2) / (2 * se**2)


def test_population_fit_returns_the_spread_of_true_ratios_not_of_noisy_estimates():
    rng = np.random.default_rng(3)
    true_a = rng.normal(math.log(0.3), 0.5, 400)
    true_d = rng.normal(math.log(0.4), 0.8, 400)
    est_a, est_d = true_a + rng.normal(0, 0.7, 400), true_d + rng.normal(0, 0.7, 400)
    pop = build.fit_population([gaussian_grid(a, d, 0.7) for a, d in zip(est_a, est_d)])
    assert np.std(est_a) > 0.8  # the estimates spread wider than the truth ...
    assert pop.activity_sd == pytest.approx(0.5, abs=0.12)  # ... the fit gives the truth's spread
    assert pop.day_sd == pytest.approx(0.8, abs=0.12)
    assert math.exp(pop.activity_mean) == pytest.approx(0.3, rel=0.15)
    assert math.exp(pop.day_mean) == pytest.approx(0.4, rel=0.15)


def test_people_whose_journals_say_nothing_do_not_move_the_population():
    rng = np.random.default_rng(4)
    informative = [gaussian_grid(a, d, 0.3) for a, d in zip(rng.normal(-1.0, 0.4, 200), rng.normal(-0.5, 0.4, 200))]
    flat = [np.zeros((len(build.GRID), len(build.GRID)))] * 200
    alone, with_flat = build.fit_population(informative), build.fit_population(informative + flat)
    assert with_flat.activity_mean == pytest.approx(alone.activity_mean, abs=0.02)
    assert with_flat.activity_sd == pytest.approx(alone.activity_sd, abs=0.02)


def test_restricted_likelihood_peaks_where_ownpaths_reml_fit_does():
    rng = np.random.default_rng(5)
    acts = [f"a{i}" for i in rng.integers(0, 5, 80)]
    days = [f"d{i // 6}" for i in range(80)]
    effect = {f"a{i}": e for i, e in enumerate(rng.normal(0, 0.4, 5))}
    mood = {f"d{i}": m for i, m in enumerate(rng.normal(0, 0.3, 14))}
    y = np.array([effect[a] + mood[d] for a, d in zip(acts, days)]) + rng.normal(0, 0.8, 80)
    reml = estimate_activity_effects(acts, days, y, method="reml").reml
    person = build.Person(acts, days, y, reml.activity_sd, reml.day_sd, reml.noise_sd)
    at_reml = build.restricted_loglik(person, np.array([math.log(reml.activity_sd / reml.noise_sd)]),
                                      np.array([math.log(reml.day_sd / reml.noise_sd)]))[0]
    assert build.loglik_grid(person).max() <= at_reml + 1e-6


def test_ratings_are_rescaled_linearly_from_the_item_range_and_reversed_items_flipped():
    spec = build.DATASETS[0]  # a 1..7 item, reversed ("tired" -> energy)
    assert [build.rescaled(v, spec) for v in ("1", "4", "7")] == [2.0, 0.0, -2.0]
    assert build.rescaled("NA", spec) is None


def _snapshot_missing() -> str | None:
    if shutil.which("git") is None:
        return "git is not installed"
    if not build.OPENESM_CLEANING.exists():
        return f"no snapshot of openesm-project/openesm-cleaning at {build.OPENESM_CLEANING}"
    return None


@pytest.mark.skipif(_snapshot_missing() is not None, reason=str(_snapshot_missing()))
def test_shipped_population_prior_is_what_the_script_derives_from_the_data():
    people = []
    for spec in build.DATASETS:
        text, _, digest = build.read_text(spec, build.OPENESM_CLEANING, None)
        assert digest == spec.sha256, f"{spec.path} is not the file the prior was derived from"
        people += build.eligible_people(build.beeps_by_person(text, spec), min_beeps=12)
    derived = build.derive(people).prior_numbers()
    shipped = {"activity_ratio": POPULATION_PRIOR.activity_ratio, "activity_log_sd": POPULATION_PRIOR.activity_log_sd,
               "day_ratio": POPULATION_PRIOR.day_ratio, "day_log_sd": POPULATION_PRIOR.day_log_sd,
               "noise_sd": POPULATION_PRIOR.noise_sd, "noise_df": POPULATION_PRIOR.noise_df}
    assert derived == shipped
