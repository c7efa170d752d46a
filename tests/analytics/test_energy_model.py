"""The energy model: recovery, partial pooling, day effects, degenerate journals, reference fit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from ownpath.analytics.energy_model import (
    DEFAULT_ACTIVITY_SD,
    VarianceComponents,
    conditional_effects,
    estimate_activity_effects,
)


def simulate(n, n_act=8, n_days=None, effect_sd=0.8, day_sd=0.4, noise_sd=0.9, seed=0, rounded=False):
    rng = np.random.default_rng(seed)
    n_days = n_days or max(1, n // 3)
    beta = rng.normal(0, effect_sd, n_act)
    acts = rng.integers(0, n_act, n)
    days = rng.integers(0, n_days, n)
    y = 0.2 + beta[acts] + rng.normal(0, day_sd, n_days)[days] + rng.normal(0, noise_sd, n)
    if rounded:
        y = np.clip(np.round(y), -2, 2)
    names = [f"a{k}" for k in range(n_act)]
    return [names[k] for k in acts], days.tolist(), y, dict(zip(names, beta - beta.mean()))


def test_planted_effects_are_recovered_with_many_entries():
    acts, days, y, truth = simulate(3000, seed=1)
    fit = estimate_activity_effects(acts, days, y)
    est = np.array([fit.effects[a].estimate for a in truth])
    true = np.array(list(truth.values()))
    # Effects are relative to the intercept; compare after centring both.
    assert np.max(np.abs((est - est.mean()) - true)) < 0.12
    assert fit.noise_sd == pytest.approx(0.9, abs=0.05)
    assert fit.day_sd == pytest.approx(0.4, abs=0.1)
    assert fit.n_episodes == 3000 and fit.n_days == len(set(days))


def test_effects_are_ordered_from_most_energizing_and_intervals_bracket_estimates():
    acts, days, y, _ = simulate(200, seed=2, rounded=True)
    fit = estimate_activity_effects(acts, days, y)
    estimates = [e.estimate for e in fit.effects.values()]
    assert estimates == sorted(estimates, reverse=True)
    for e in fit.effects.values():
        assert e.low < e.estimate < e.high
        assert 0.0 < e.p_positive < 1.0
        assert e.sd > 0


def test_activity_logged_twice_at_plus_two_does_not_outrank_forty_times_at_plus_one_and_a_half():
    # A realistic journal: ten activities rated in whole points, "presenting" forty times
    # at +1.5 on average (half +1, half +2), "selling" twice at +2.
    rng = np.random.default_rng(3)
    others = {"admin": -1.0, "meetings": -0.5, "writing": 0.0, "analysis": 0.5, "planning": 0.0,
              "research": 0.3, "monitoring": -0.7, "learning": 0.2}
    acts, days, y = [], [], []
    for k in range(40):
        acts.append("presenting"); days.append(k); y.append(1.0 + k % 2)
    for activity, mean in others.items():
        for k in range(15):
            acts.append(activity); days.append(int(rng.integers(0, 40)))
            y.append(float(np.clip(np.round(mean + rng.normal(0, 0.9)), -2, 2)))
    acts += ["selling", "selling"]; days += [3, 17]; y += [2.0, 2.0]
    fit = estimate_activity_effects(acts, days, y)
    assert fit.effects["presenting"].estimate > fit.effects["selling"].estimate
    assert fit.effects["selling"].sd > fit.effects["presenting"].sd
    assert fit.effects["selling"].episodes == 2 and fit.effects["presenting"].episodes == 40
    assert list(fit.effects)[0] == "presenting"


def test_one_bad_day_does_not_condemn_the_activity_done_on_it():
    # Writing happens only on days that were bad for everything; it is neutral itself.
    rng = np.random.default_rng(4)
    acts, days, y = [], [], []
    for day in range(60):
        bad = day % 10 == 0
        mood = -1.5 if bad else 0.0
        for activity in ("admin", "meetings", "analysis"):
            acts.append(activity); days.append(day); y.append(mood + rng.normal(0, 0.3))
        if bad:
            acts.append("writing"); days.append(day); y.append(mood + rng.normal(0, 0.3))
    fit = estimate_activity_effects(acts, days, y)
    plain_writing = np.mean([v for a, v in zip(acts, y) if a == "writing"]) - np.mean(y)
    assert plain_writing < -1.0  # what a plain average would say
    assert abs(fit.effects["writing"].estimate) < 0.3
    assert fit.day_sd > 0.3


def test_no_episodes_gives_an_empty_fit_with_a_wide_prior():
    fit = estimate_activity_effects([], [], [])
    assert fit.effects == {} and fit.n_episodes == 0 and fit.n_days == 0
    prior = fit.effect_for("managing")
    assert prior.episodes == 0 and prior.estimate == 0.0
    assert prior.sd == pytest.approx(DEFAULT_ACTIVITY_SD)
    assert prior.low < -1.0 and prior.high > 1.0


def test_one_activity_cannot_differ_from_the_persons_own_average():
    fit = estimate_activity_effects(["admin"] * 12, list(range(12)), [1, 2, 1, 0, 1, 2, 1, 1, 0, 1, 2, 1])
    effect = fit.effects["admin"]
    assert abs(effect.estimate) < 0.1
    assert effect.low < 0 < effect.high
    assert 0.3 < effect.p_positive < 0.7
    assert fit.mean == pytest.approx(np.mean([1, 2, 1, 0, 1, 2, 1, 1, 0, 1, 2, 1]), abs=0.2)


def test_one_day_still_ranks_activities_with_wide_intervals():
    acts = ["analysis"] * 4 + ["admin"] * 4
    fit = estimate_activity_effects(acts, [dt.date(2026, 11, 2)] * 8, [2, 2, 1, 2, -1, -2, -1, -1])
    assert fit.n_days == 1
    assert fit.effects["analysis"].estimate > 0 > fit.effects["admin"].estimate
    assert all(np.isfinite([e.low, e.high, e.sd]).all() for e in fit.effects.values())


def test_all_equal_ratings_give_no_differences_and_no_crash():
    acts, days, _, _ = simulate(50, seed=5)
    fit = estimate_activity_effects(acts, days, [1.0] * 50)
    assert fit.mean == pytest.approx(1.0)
    for e in fit.effects.values():
        assert abs(e.estimate) < 1e-6
        assert e.p_positive == pytest.approx(0.5, abs=1e-6)
        assert np.isfinite(e.sd)
    reml = estimate_activity_effects(acts, days, [1.0] * 50, method="reml")
    assert all(abs(e.estimate) < 1e-9 for e in reml.effects.values())


def test_a_single_episode_is_handled():
    fit = estimate_activity_effects(["admin"], [0], [2.0])
    assert fit.effects["admin"].episodes == 1
    assert fit.effects["admin"].low < fit.effects["admin"].high


def test_never_logged_activity_falls_back_to_its_prior_with_tau_as_sd():
    acts, days, y, _ = simulate(150, seed=6)
    fit = estimate_activity_effects(acts, days, y, prior_means={"coaching": 0.5})
    prior = fit.effect_for("coaching")
    assert prior.estimate == 0.5 and prior.episodes == 0
    assert prior.sd == pytest.approx(fit.activity_sd, rel=1e-6)
    assert prior.low < 0.5 < prior.high


def test_prior_means_pull_rare_activities_towards_them():
    acts = ["admin"] * 30 + ["selling"]
    days = list(range(30)) + [5]
    y = list(np.random.default_rng(7).normal(0, 1, 30)) + [0.0]
    neutral = estimate_activity_effects(acts, days, y)
    hopeful = estimate_activity_effects(acts, days, y, prior_means={"selling": 1.0})
    assert hopeful.effects["selling"].estimate > neutral.effects["selling"].estimate + 0.2


def test_equal_weights_change_nothing_and_hours_are_reported():
    acts, days, y, _ = simulate(80, seed=8)
    plain = estimate_activity_effects(acts, days, y)
    weighted = estimate_activity_effects(acts, days, y, [2.0] * 80)
    for a in plain.effects:
        assert weighted.effects[a].estimate == pytest.approx(plain.effects[a].estimate, abs=1e-6)
        assert weighted.effects[a].hours == pytest.approx(2.0 * plain.effects[a].episodes)


def test_bad_inputs_are_refused_clearly():
    with pytest.raises(ValueError, match="same length"):
        estimate_activity_effects(["a"], [0, 1], [1])
    with pytest.raises(ValueError, match="finite"):
        estimate_activity_effects(["a"], [0], [float("nan")])
    with pytest.raises(ValueError, match="positive"):
        estimate_activity_effects(["a", "b"], [0, 0], [1, 2], [1.0, 0.0])


def test_oracle_with_true_variances_is_close_to_the_fit_on_plenty_of_data():
    acts, days, y, _ = simulate(1500, seed=9)
    fit = estimate_activity_effects(acts, days, y)
    oracle = conditional_effects(acts, days, y, VarianceComponents(0.8, 0.4, 0.9))
    for a, e in oracle.items():
        assert fit.effects[a].estimate == pytest.approx(e.estimate, abs=0.03)


# Agreement with statsmodels MixedLM (REML) on the same crossed model.  Tolerance:
# variance-component SDs and activity effects (BLUPs) within 2e-3 absolute for the
# plug-in REML fit; the default integrated fit within 0.05 of the same figures.
REML_TOLERANCE = 2e-3
INTEGRATED_TOLERANCE = 0.05


def _statsmodels_reml(acts, days, y):
    pd = pytest.importorskip("pandas")
    sm = pytest.importorskip("statsmodels.api")
    frame = pd.DataFrame({"y": y, "activity": acts, "day": days, "one": 1})
    model = sm.MixedLM.from_formula(
        "y ~ 1", groups="one", re_formula="0",
        vc_formula={"activity": "0 + C(activity)", "day": "0 + C(day)"}, data=frame)
    result = model.fit(reml=True, method=["lbfgs"])
    names = list(model.exog_vc.names)
    vcomp = dict(zip(names, np.sqrt(result.vcomp)))
    blups = result.random_effects[1]
    effects = {key.split("[")[-1].rstrip("]").split(".", 1)[-1]: value
               for key, value in blups.items() if key.startswith("activity")}
    return vcomp, float(np.sqrt(result.scale)), effects, float(result.fe_params.iloc[0])


@pytest.mark.parametrize("seed", [11, 12])
def test_variance_components_and_effects_agree_with_statsmodels_reml(seed):
    acts, days, y, _ = simulate(240, n_act=6, n_days=60, seed=seed, rounded=True)
    vcomp, noise_sd, sm_effects, sm_mean = _statsmodels_reml(acts, days, y)
    fit = estimate_activity_effects(acts, days, y, method="reml")
    assert fit.activity_sd == pytest.approx(vcomp["activity"], abs=REML_TOLERANCE)
    assert fit.day_sd == pytest.approx(vcomp["day"], abs=REML_TOLERANCE)
    assert fit.noise_sd == pytest.approx(noise_sd, abs=REML_TOLERANCE)
    # The reported average is the entry-weighted mean with the activities' effects taken out.
    sm_average = float(np.mean(y)) - float(np.mean([sm_effects[a] for a in acts]))
    assert fit.mean == pytest.approx(sm_average, abs=REML_TOLERANCE)
    assert set(sm_effects) == set(fit.effects)
    for activity, value in sm_effects.items():
        assert fit.effects[activity].estimate == pytest.approx(value, abs=REML_TOLERANCE)

    integrated = estimate_activity_effects(acts, days, y)
    assert integrated.reml.activity_sd == pytest.approx(vcomp["activity"], abs=REML_TOLERANCE)
    for activity, value in sm_effects.items():
        assert integrated.effects[activity].estimate == pytest.approx(value, abs=INTEGRATED_TOLERANCE)


# Hours-weighted fits (which statsmodels cannot do) against a brute-force dense REML.
def _brute_force(acts, days, y, w, ga, gd):
    """-2 REML log-likelihood (sigma^2 profiled, up to a constant) and the BLUPs, densely."""
    names = sorted(set(acts))
    day_keys = sorted(set(days))
    za = np.array([[a == name for name in names] for a in acts], dtype=float)
    zd = np.array([[d == key for key in day_keys] for d in days], dtype=float)
    h = np.diag(1.0 / w) + ga * za @ za.T + gd * zd @ zd.T
    h_inv = np.linalg.inv(h)
    x = np.ones((len(y), 1))
    xhx = x.T @ h_inv @ x
    p = h_inv - h_inv @ x @ np.linalg.inv(xhx) @ x.T @ h_inv
    ypy = float(y @ p @ y)
    objective = ((len(y) - 1) * np.log(ypy) + np.linalg.slogdet(h)[1] + np.log(xhx[0, 0])
                 + np.sum(np.log(w)))
    return objective, dict(zip(names, ga * za.T @ p @ y))


@pytest.mark.parametrize("force_sparse", [False, True])
def test_weighted_fit_matches_a_brute_force_dense_reml(monkeypatch, force_sparse):
    from ownpath.analytics import energy_model

    if force_sparse:  # exercise the sparse cross-tab and the many-groups scatter
        monkeypatch.setattr(energy_model, "_DENSE_TABLE_CELLS", 0)
        monkeypatch.setattr(energy_model, "_FEW_GROUPS", 0)
    acts, days, y, _ = simulate(150, n_act=5, n_days=40, seed=21)
    y = np.asarray(y)
    w = np.random.default_rng(22).uniform(0.5, 2.0, 150)
    w = w / w.mean()
    names, a_idx = energy_model._factorize(acts)
    keys, d_idx = energy_model._factorize(days)
    design = energy_model._CrossedDesign(a_idx, d_idx, y, w, len(names), len(keys))
    assert len(design.v) > 10  # many distinct daily totals, so many day groups
    points = [(-0.3, -0.9), (0.4, -2.0)]
    ours = [design.evaluate(np.array(x), with_prior=False) for x in points]
    brute = [_brute_force(acts, days, y, w, np.exp(2 * x[0]), np.exp(2 * x[1])) for x in points]
    assert ours[0].objective - ours[1].objective == pytest.approx(brute[0][0] - brute[1][0], abs=1e-8)
    for state, (_, blups) in zip(ours, brute):
        assert np.allclose(state.a, [blups[n] for n in names], atol=1e-9)
    eps = 1e-6
    for with_prior in (False, True):  # the analytic gradient the optimiser relies on
        gradient = design.evaluate(np.array(points[0]), with_prior).grad
        for j in range(2):
            step = np.zeros(2)
            step[j] = eps
            up = design.evaluate(np.array(points[0]) + step, with_prior).objective
            down = design.evaluate(np.array(points[0]) - step, with_prior).objective
            assert gradient[j] == pytest.approx((up - down) / (2 * eps), rel=1e-4, abs=1e-5)


def test_intervals_with_few_entries_are_clipped_to_the_rating_scale():
    from ownpath.analytics.energy_model import clip_to_scale

    fit = estimate_activity_effects(["research", "research", "managing"], [1, 2, 3], [2, 2, -2])
    wide = fit.effects["research"]
    assert wide.high - wide.low > 0  # a wide interval from three entries
    clipped = clip_to_scale(fit)
    for effect in clipped.effects.values():
        assert -2 - fit.mean <= effect.low <= effect.high <= 2 - fit.mean
        original = fit.effects[effect.activity]
        assert (effect.estimate, effect.sd, effect.p_positive) == (original.estimate, original.sd, original.p_positive)
    assert any(e.high > 2 - fit.mean or e.low < -2 - fit.mean for e in fit.effects.values())


def _first_week(seed=5):
    """One week of 20 entries with Learning logged once at +2 (the journal of issue 19)."""
    rng = np.random.default_rng(seed)
    acts = ["research", "admin", "meetings", "writing"] * 5
    days = [k // 4 for k in range(20)]
    y = list(np.clip(np.round(rng.normal(0.3, 1.0, 20)), -2, 2))
    acts[7], y[7] = "learning", 2.0
    return acts, days, y


def test_one_entry_at_plus_two_in_a_short_journal_is_not_very_sure():
    from ownpath.analytics.energy_model import clip_to_scale
    from ownpath.analytics.plain_words import activity_verdict

    acts, days, y = _first_week()
    fit = clip_to_scale(estimate_activity_effects(acts, days, y))
    learning = fit.effects["learning"]
    assert activity_verdict(learning).certainty in (None, "probably")
    assert learning.low <= learning.estimate <= learning.high


def test_every_estimate_lies_inside_its_interval_and_on_the_scale():
    from ownpath.analytics.energy_model import clip_to_scale

    for seed in range(6):
        acts, days, y, _ = simulate(6 + 4 * seed, n_act=5, n_days=3 + seed, seed=seed, rounded=True)
        fit = clip_to_scale(estimate_activity_effects(acts, days, y))
        for effect in fit.effects.values():
            assert effect.low <= effect.estimate <= effect.high
            assert -2.0 - 1e-9 <= fit.mean + effect.low and fit.mean + effect.high <= 2.0 + 1e-9


def test_a_short_journal_is_shrunk_to_the_persons_own_mean():
    # Two days: the activity differences are mostly noise, and the prior knows it.
    acts = ["a", "b", "c", "a", "b", "c"]
    days = [0, 0, 0, 1, 1, 1]
    y = [1.0, -1.0, 0.0, 2.0, 0.0, 0.0]
    fit = estimate_activity_effects(acts, days, y)
    assert fit.mean == pytest.approx(np.mean(y) - np.mean([fit.effects[a].estimate for a in acts]))
    raw_spread = 1.5 - 0.0 - (-0.5)
    assert max(e.estimate for e in fit.effects.values()) - min(e.estimate for e in fit.effects.values()) < raw_spread / 2


def test_the_variance_prior_used_is_reported_and_can_be_replaced():
    from ownpath.analytics.energy_model import POPULATION_PRIOR, VariancePrior

    acts, days, y, _ = simulate(60, n_act=6, n_days=20, seed=3, rounded=True)
    default = estimate_activity_effects(acts, days, y)
    assert default.variance_prior == POPULATION_PRIOR
    tight = VariancePrior(0.05, 0.2, 0.5, 0.7, 0.8, 4.0, source="colleagues:6")
    shrunk = estimate_activity_effects(acts, days, y, variance_prior=tight)
    assert shrunk.variance_prior.source == "colleagues:6"
    assert shrunk.activity_sd < default.activity_sd


def test_hours_weights_never_make_long_entries_look_more_certain():
    """Hours say how much an entry counts, not how precisely it is rated: intervals widen, never narrow."""
    from ownpath.analytics._mixed_model import weight_inflation, widened

    # A level whose entries all weigh twice the journal's mean: sqrt(2) wider; a level of short ones: unchanged.
    assert weight_inflation(np.array([20.0, 5.0]), np.array([40.0, 1.25])) == pytest.approx([2 ** 0.5, 1.0])
    low, high, sd, p = widened(0.5, 0.3, 0.7, 0.12, 0.99, 2.0)
    assert (low, high, sd) == pytest.approx((0.1, 0.9, 0.24)) and 0.5 < p < 0.99
    rng = np.random.default_rng(3)
    days = np.repeat(np.arange(40), 3)
    activities = ["deep work", "email", "meetings"] * 40
    ratings = rng.normal(0.0, 0.8, size=120).round().clip(-2, 2)
    hours = np.array([3.0, 1.0, 1.0] * 40)
    weighted = estimate_activity_effects(activities, days, ratings, hours)
    plain = estimate_activity_effects(activities, days, ratings)
    assert weighted.effects["deep work"].sd >= plain.effects["deep work"].sd
