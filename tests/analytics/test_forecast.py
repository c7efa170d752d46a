"""Forecasts of options: energy mix, differences, values fit, pay baseline, flags, words."""

import math

import pytest
from scipy.stats import norm

from ownpath.analytics.forecast import (
    COMPENSATION_WEIGHT_CAP,
    MIN_PRIOR_SD,
    Z90,
    OptionSpec,
    SimpleEffect,
    SimplePosterior,
    compare_options,
    energy_difference,
    forecast_energy,
    forecast_option,
    mix_shares,
    pay_score,
    score_values,
)

POSTERIOR = SimplePosterior(
    effects={
        "research": SimpleEffect(1.0, 0.2, episodes=40),
        "writing": SimpleEffect(0.6, 0.2, episodes=30),
        "presenting": SimpleEffect(0.8, 0.3, episodes=12),
        "managing": SimpleEffect(-1.2, 0.3, episodes=10),
        "meetings": SimpleEffect(-0.4, 0.2, episodes=25),
    },
    activity_sd=0.8,
    mean=0.3,
)


def test_energy_of_a_single_activity_is_mean_plus_its_effect():
    fc = forecast_energy({"research": 40}, POSTERIOR)
    assert fc.estimate == pytest.approx(1.3)
    assert fc.sd == pytest.approx(0.2)
    assert (fc.low, fc.high) == pytest.approx((1.3 - Z90 * 0.2, 1.3 + Z90 * 0.2))


def test_energy_is_the_hours_weighted_mix_of_activity_effects():
    fc = forecast_energy({"research": 30, "managing": 10}, POSTERIOR)
    assert fc.estimate == pytest.approx(0.3 + 0.75 * 1.0 + 0.25 * -1.2)
    assert fc.sd == pytest.approx(math.sqrt(0.75**2 * 0.2**2 + 0.25**2 * 0.3**2))


def test_never_logged_activity_falls_back_to_the_wide_prior():
    fc = forecast_energy({"negotiating": 10}, POSTERIOR)
    assert fc.estimate == pytest.approx(0.3)
    assert fc.sd == pytest.approx(0.8)
    narrow = SimplePosterior(POSTERIOR.effects, activity_sd=0.05, mean=0.0)
    assert forecast_energy({"negotiating": 10}, narrow).sd == pytest.approx(MIN_PRIOR_SD)


def test_difference_variance_counts_shared_activities_once():
    # Option: 20 research + 20 managing; current: 30 research + 10 managing.
    diff, p = energy_difference({"research": 20, "managing": 20}, {"research": 30, "managing": 10},
                                POSTERIOR)
    # Weights change by -0.25 on research and +0.25 on managing; the mean cancels.
    assert diff.estimate == pytest.approx(-0.25 * 1.0 + 0.25 * -1.2)
    expected_sd = math.sqrt(0.25**2 * 0.2**2 + 0.25**2 * 0.3**2)
    assert diff.sd == pytest.approx(expected_sd)
    assert p == pytest.approx(norm.sf(0, loc=-0.55, scale=expected_sd))
    # Adding the two options' variances would have been much wider.
    a = forecast_energy({"research": 20, "managing": 20}, POSTERIOR)
    b = forecast_energy({"research": 30, "managing": 10}, POSTERIOR)
    assert diff.sd < math.sqrt(a.sd**2 + b.sd**2)


def test_same_mix_at_different_hours_is_no_different():
    diff, p = energy_difference({"research": 20, "writing": 20}, {"research": 10, "writing": 10},
                                POSTERIOR)
    assert diff.estimate == pytest.approx(0.0) and diff.sd == pytest.approx(0.0)
    assert p == 0.5


def test_posterior_covariance_is_used_when_offered():
    class Correlated(SimplePosterior):
        def covariance(self, a, b):
            sd = {s: e.sd for s, e in self.effects.items()}
            return sd[a] ** 2 if a == b else 0.5 * sd[a] * sd[b]

    post = Correlated(POSTERIOR.effects, POSTERIOR.activity_sd, POSTERIOR.mean)
    diff, _ = energy_difference({"research": 10}, {"writing": 10}, post)
    assert diff.sd == pytest.approx(math.sqrt(0.04 + 0.04 - 2 * 0.5 * 0.04))


@pytest.mark.parametrize("mix", [{"research": -1}, {"research": 0}, {}])
def test_bad_mix_is_refused(mix):
    with pytest.raises(ValueError):
        mix_shares(mix)


def test_pay_counts_with_diminishing_weight_above_the_baseline():
    assert pay_score(90_000, 90_000) == 0.0
    assert pay_score(135_000, 90_000) == pytest.approx(0.5)
    gains = [pay_score(90_000 * r, 90_000) for r in (1.25, 1.5, 1.75, 2.0)]
    steps = [b - a for a, b in zip(gains, gains[1:])]
    assert all(s > 0 for s in steps) and steps == sorted(steps, reverse=True)
    assert pay_score(10_000_000, 90_000) < 1.0


def test_values_fit_is_the_weighted_mean_of_ratings():
    weights = {"learning": 0.5, "mentorship": 0.3, "autonomy": 0.2}
    fit = score_values({"learning": 5, "mentorship": 3, "autonomy": 1}, weights)
    assert fit.score == pytest.approx(0.5 * 1 + 0.3 * 0.5 + 0.2 * 0)
    assert fit.coverage == pytest.approx(1.0)


def test_unrated_values_count_as_neutral_and_are_reported():
    fit = score_values({"learning": 5}, {"learning": 0.5, "mentorship": 0.5})
    assert fit.score == pytest.approx(0.75)
    assert fit.coverage == pytest.approx(0.5) and fit.unscored == ("mentorship",)


def test_below_the_pay_baseline_an_option_fails_whatever_else_it_offers():
    weights = {"learning": 0.4, "mentorship": 0.4, "compensation": 0.2}
    fit = score_values({"learning": 5, "mentorship": 5}, weights, pay=80_000, pay_baseline=90_000)
    assert fit.pay_meets_baseline is False and fit.score == 0.0


def test_pay_is_never_the_whole_score():
    weights = {"compensation": 0.9, "learning": 0.1}
    rich_dull = score_values({"learning": 1}, weights, pay=1_000_000, pay_baseline=90_000)
    assert rich_dull.score <= COMPENSATION_WEIGHT_CAP
    modest_fun = score_values({"learning": 5}, weights, pay=100_000, pay_baseline=90_000)
    assert modest_fun.score > rich_dull.score


def test_work_life_balance_follows_hours_against_target_when_not_rated():
    fit = score_values({}, {"work_life_balance": 1.0}, hours=55, target_hours=40)
    assert fit.score == pytest.approx(0.0)
    fit = score_values({}, {"work_life_balance": 1.0}, hours=38, target_hours=40)
    assert fit.score == pytest.approx(1.0)


@pytest.mark.parametrize("rating", [0, 6, 2.5])
def test_ratings_outside_one_to_five_are_refused(rating):
    with pytest.raises(ValueError, match="learning"):
        score_values({"learning": rating}, {"learning": 1.0})


CURRENT = OptionSpec("Senior analyst", {"research": 16, "writing": 10, "presenting": 6,
                                        "meetings": 5, "managing": 3}, pay=95_000, hours=40,
                     ratings={"learning": 4, "hands_on": 5, "advancement": 2}, is_current=True)
DIRECTOR = OptionSpec("Director of research", {"managing": 20, "meetings": 14, "presenting": 6,
                                               "research": 3, "writing": 5}, pay=150_000, hours=48,
                      ratings={"learning": 2, "hands_on": 1, "advancement": 5, "leading_people": 5},
                      set_by="manager")
WEIGHTS = {"learning": 0.3, "hands_on": 0.3, "compensation": 0.1, "advancement": 0.05,
           "leading_people": 0.05, "work_life_balance": 0.2}


def test_a_managing_promotion_for_someone_drained_by_managing_is_somebody_elses_dream():
    result = compare_options([CURRENT, DIRECTOR], POSTERIOR, weights=WEIGHTS,
                             pay_baseline=90_000, target_hours=40)
    director = result.options[0]
    assert director.energy.estimate < result.current.energy.estimate
    assert director.p_better_than_current < 0.05
    assert director.flags[0] == "somebody_elses_dream"
    assert "long_hours" in director.flags
    assert "managing people: +17 h/week, drains you" in director.explanation
    assert director.drivers[0].slug == "managing"
    assert director.pay_meets_baseline is True
    assert director.values.score < result.current.values.score


def test_the_same_promotion_for_someone_who_enjoys_managing_comes_out_well():
    coach = SimplePosterior({"managing": SimpleEffect(1.0, 0.2, episodes=30),
                             "meetings": SimpleEffect(0.5, 0.2, episodes=30),
                             "research": SimpleEffect(-0.3, 0.2, episodes=30),
                             "writing": SimpleEffect(-0.2, 0.2, episodes=30),
                             "presenting": SimpleEffect(0.2, 0.2, episodes=30)}, 0.6, 0.2)
    director = compare_options([CURRENT, DIRECTOR], coach).options[0]
    assert director.p_better_than_current > 0.95
    assert "somebody_elses_dream" not in director.flags
    assert "Likely to feel better" in director.explanation


def test_a_pay_cut_below_baseline_is_flagged():
    cut = OptionSpec("Startup", {"research": 30, "building": 10}, pay=70_000, hours=40)
    fc = forecast_option(cut, POSTERIOR, current=CURRENT, weights=WEIGHTS, pay_baseline=90_000)
    assert fc.pay_meets_baseline is False
    assert "below_pay_baseline" in fc.flags
    assert fc.values.score == 0.0
    assert "fails whatever else it offers" in fc.explanation


def test_mostly_unlogged_option_says_which_activities_to_try_first():
    sales = OptionSpec("Sales", {"selling": 20, "customers": 12, "research": 8})
    fc = forecast_option(sales, POSTERIOR, current=CURRENT)
    assert "mostly_unlogged" in fc.flags
    assert fc.unlogged == ("selling", "customers")
    assert "try these first: selling & persuading, customer & client work" in fc.explanation
    # Resting on the prior, the forecast is wide and undecided.
    assert 0.2 < fc.p_better_than_current < 0.8


def test_an_own_choice_that_feels_worse_is_not_somebody_elses_dream():
    worse = OptionSpec("More meetings", {"meetings": 30, "research": 10}, set_by="me")
    fc = forecast_option(worse, POSTERIOR, current=CURRENT)
    assert fc.p_better_than_current < 0.4
    assert "somebody_elses_dream" not in fc.flags


def test_a_target_role_shows_what_is_already_done_and_what_is_missing():
    target = OptionSpec("Product manager", {"planning": 12, "presenting": 8, "research": 8,
                                            "negotiating": 6}, is_target=True)
    fc = forecast_option(target, POSTERIOR, current=CURRENT)
    gap = fc.target_gap
    assert [b.slug for b in gap.already_doing] == ["presenting", "research"]
    assert gap.missing == ("planning", "negotiating")
    assert "research & investigating (energizes you — very sure, 40 entries)" in gap.sentence
    assert "Experience missing: planning & strategy (12 h/week" in gap.sentence


def test_only_one_current_role_is_allowed():
    with pytest.raises(ValueError, match="current"):
        compare_options([CURRENT, OptionSpec("Other", {"research": 1}, is_current=True)], POSTERIOR)


def test_comparison_json_has_the_promised_shape():
    data = compare_options([CURRENT, DIRECTOR], POSTERIOR, weights=WEIGHTS,
                           pay_baseline=90_000).as_json()
    assert set(data) == {"current", "options"}
    option = data["options"][0]
    for key in ("name", "energy", "p_better_than_current", "values_fit", "pay_meets_baseline",
                "flags", "explanation"):
        assert key in option
    assert set(option["energy"]) == {"estimate", "low", "high"}


def test_an_activity_with_no_episodes_uses_the_population_prior_when_there_is_one():
    post = SimplePosterior({"selling": SimpleEffect(0.9, 0.05, episodes=0)}, activity_sd=0.3,
                           mean=0.0, prior_means={"selling": 0.4})
    fc = forecast_energy({"selling": 10}, post)
    assert fc.estimate == pytest.approx(0.4)
    assert fc.sd == pytest.approx(MIN_PRIOR_SD)


def test_a_small_difference_is_called_about_the_same_not_worse():
    post = SimplePosterior({"research": SimpleEffect(0.5, 0.02, episodes=200),
                            "writing": SimpleEffect(0.4, 0.02, episodes=200)}, 0.5, 0.0)
    now = OptionSpec("Now", {"research": 20, "writing": 20}, is_current=True)
    other = OptionSpec("Other", {"research": 10, "writing": 30}, set_by="manager", pay=200_000)
    fc = forecast_option(other, post, current=now)
    assert fc.p_better_than_current < 0.1  # almost surely a little lower...
    assert "About the same as your current role" in fc.explanation  # ...but not by enough to matter
    assert "somebody_elses_dream" not in fc.flags


def test_every_forecast_says_how_a_typical_week_would_feel():
    fc = forecast_option(OptionSpec("Managing", {"managing": 40}), POSTERIOR)
    assert "A typical week would be draining (-0.90" in fc.explanation


def test_values_fit_is_explained_by_the_weightiest_values_it_meets_or_misses():
    fc = forecast_option(DIRECTOR, POSTERIOR, current=CURRENT, weights=WEIGHTS, pay_baseline=90_000,
                         target_hours=40)
    assert "strong on advancement and leading people" in fc.explanation
    assert "weak on learning and hands-on, real-time experience" in fc.explanation


def test_values_fit_carries_an_interval_when_the_weights_are_uncertain():
    from ownpath.analytics.values_elicitation import PairAnswer, fit_weights

    fit = fit_weights([PairAnswer("learning", "advancement", "learning")] * 3)
    option = OptionSpec("Learning job", {"research": 40}, ratings={"learning": 5, "advancement": 1})
    fc = forecast_option(option, POSTERIOR, weights=fit.as_dict(), weight_draws=fit.draws())
    assert fc.values.low < fc.values.score < fc.values.high
    assert forecast_option(option, POSTERIOR, weights=fit.as_dict()).values.low is None


def test_a_forecast_stays_on_the_rating_scale_with_its_interval():
    from ownpath.analytics.forecast import Interval

    wild = Interval.normal(-2.6, 0.9).on_scale(-2.0, 2.0)
    assert wild.estimate == -2.0 and wild.low == -2.0 and -2.0 <= wild.high <= 2.0
    assert wild.low <= wild.estimate <= wild.high


def test_an_untried_activity_is_as_uncertain_as_the_persons_activities_differ():
    import numpy as np

    from ownpath.analytics.energy_model import estimate_activity_effects
    from ownpath.analytics.forecast import belief

    # Four activities two points apart for this person: far more than people in general.
    rng = np.random.default_rng(5)
    levels = {"research": 1.5, "writing": 0.5, "admin": -0.5, "managing": -1.5}
    acts = [a for a in levels for _ in range(12)]
    days = [i // 4 for i in range(len(acts))]
    ratings = np.clip(np.round([levels[a] + rng.normal(0, 0.6) for a in acts]), -2, 2)
    fit = estimate_activity_effects(acts, days, ratings)
    assert fit.demonstrated_spread() > 0.8
    untried = belief("presenting", fit)
    assert not untried.logged and untried.sd >= fit.demonstrated_spread()


def test_a_short_journal_of_very_different_activities_widens_the_forecast_not_its_estimate():
    import numpy as np

    from ownpath.analytics.energy_model import estimate_activity_effects
    from ownpath.analytics.forecast import Interval, _journal_alone_forecast, forecast_energy, mix_shares

    # Two weeks of four activities three points apart: the population prior (activities differ
    # little for most people) pulls them together; the journal alone says otherwise.
    rng = np.random.default_rng(11)
    levels = {"research": 1.6, "writing": 0.6, "admin": -0.6, "managing": -1.6}
    acts = [a for a in levels for _ in range(6)]
    days = [i % 10 for i in range(len(acts))]
    ratings = np.clip(np.round([levels[a] + rng.normal(0, 0.5) for a in acts]), -2, 2)
    fit = estimate_activity_effects(acts, days, ratings)
    mix = {"research": 30, "writing": 10}
    alone = _journal_alone_forecast(mix_shares(mix), fit)
    assert alone is not None
    forecast = forecast_energy(mix, fit)
    plain = Interval.normal(fit.mean + sum(s * fit.effects[a].estimate for a, s in mix_shares(mix).items()), 1.0)
    assert forecast.estimate == pytest.approx(plain.estimate)  # the model's estimate, as before
    assert forecast.low <= min(alone.high, 2.0) and forecast.high >= min(alone.estimate, 2.0)
