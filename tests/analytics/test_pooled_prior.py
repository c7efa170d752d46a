"""The organisation's pooled prior: only an aggregate, only from five or more people."""

import numpy as np
import pytest
from statsmodels.stats.meta_analysis import combine_effects

from ownpath.analytics.energy_model import estimate_activity_effects
from ownpath.analytics.pooled_prior import (
    MIN_CONTRIBUTORS,
    PooledPrior,
    TooFewContributors,
    estimates_from_fit,
    pool_estimates,
    random_effects_mean,
)


def members(n, **activities):
    return [{a: (v + 0.1 * i, 0.3) for a, v in activities.items()} for i in range(n)]


def test_random_effects_mean_matches_statsmodels_dersimonian_laird():
    rng = np.random.default_rng(3)
    y, sd = rng.normal(0.5, 0.6, 9), rng.uniform(0.2, 0.6, 9)
    mean, mean_sd, spread = random_effects_mean(y, sd)
    reference = combine_effects(y, sd**2, method_re="dl")
    assert mean == pytest.approx(reference.mean_effect_re)
    assert mean_sd == pytest.approx(reference.sd_eff_w_re)
    assert spread**2 == pytest.approx(reference.tau2)


def test_fewer_than_five_people_give_no_prior_at_all():
    with pytest.raises(TooFewContributors, match="at least 5 people"):
        pool_estimates(members(MIN_CONTRIBUTORS - 1, coaching=1.0))
    with pytest.raises(TooFewContributors):
        pool_estimates(members(4, coaching=1.0) + [{}])  # an empty journal does not count


def test_the_threshold_cannot_be_lowered():
    with pytest.raises(ValueError, match="at least 5 contributors"):
        pool_estimates(members(3, coaching=1.0), min_contributors=3)


def test_an_activity_logged_by_fewer_than_five_gets_no_prior():
    pool = members(6, coaching=1.0)
    pool[0] = {**pool[0], "selling": (1.2, 0.3)}
    prior = pool_estimates(pool)
    assert set(prior.prior_means()) == {"coaching"}
    assert prior.activities["coaching"].contributors == 6
    assert prior.contributors == 6


def test_prior_is_the_centre_of_the_members_estimates_with_its_spread():
    prior = pool_estimates(members(5, coaching=1.0, admin=-0.8))
    assert prior.prior_means() == {"admin": pytest.approx(-0.6), "coaching": pytest.approx(1.2)}
    assert prior.spreads()["coaching"] == 0.0  # a 0.4 range with SD 0.3 each: no real spread


def test_only_the_aggregate_leaves_the_members_data():
    prior = pool_estimates(members(5, coaching=1.0))
    assert isinstance(prior, PooledPrior)
    numbers = {v for act in prior.activities.values() for v in (act.mean, act.mean_sd, act.spread)}
    individual = {e for m in members(5, coaching=1.0) for e, _ in m.values()}
    assert not numbers & individual - {prior.activities["coaching"].mean}


def test_uninformative_estimates_are_left_out():
    pool = members(5, coaching=1.0) + [{"coaching": (5.0, 3.0)}]
    assert pool_estimates(pool).activities["coaching"].contributors == 5


def test_a_member_fit_takes_the_prior_and_leans_on_it_with_few_entries():
    prior = pool_estimates(members(8, coaching=1.5, admin=-1.0)).prior_means()
    acts, days, ratings = ["coaching", "admin", "coaching"], [1, 1, 2], [1, 0, 0]
    with_prior = estimate_activity_effects(acts, days, ratings, prior_means=prior)
    without = estimate_activity_effects(acts, days, ratings)
    gap_with = with_prior.effects["coaching"].estimate - with_prior.effects["admin"].estimate
    gap_without = without.effects["coaching"].estimate - without.effects["admin"].estimate
    assert gap_with > gap_without
    assert estimates_from_fit(without).keys() == {"coaching", "admin"}


def test_the_pooled_spread_becomes_the_persons_prior_on_tau_and_its_version_changes_with_it():
    from ownpath.analytics.pooled_prior import population_version, pool_estimates

    rng = np.random.default_rng(4)
    members = [{a: (float(m + rng.normal(0, 0.3)), 0.1) for a, m in (("x", 1.0), ("y", -1.0), ("z", 0.0))}
               for _ in range(8)]
    prior = pool_estimates(members)
    spread = prior.typical_spread()
    assert 0.15 < spread < 0.5
    variance_prior = prior.variance_prior()
    assert variance_prior.source == "colleagues:8"
    assert variance_prior.activity_ratio * variance_prior.noise_sd == pytest.approx(spread)
    assert prior.words() == "borrowing from 8 colleagues"
    other = pool_estimates(members[:7])
    assert len({prior.version(), other.version(), population_version()}) == 3
