"""The context model: people, places, tools and the dose of the day, on known simulated truths."""

from __future__ import annotations

import numpy as np
import pytest

from ownpath.analytics.context_model import Curve, _Design, _Problem, day_dose, estimate_context_effects
from ownpath.analytics.energy_model import estimate_activity_effects
from ownpath.analytics.flow import flow_by_activity, share_interval

PLACES = {"home": 0.5, "office": 0.0, "travelling": -0.7}
PEOPLE = {"Sam": -0.6, "Kim": 0.4, "my team": 0.0}


def simulate(n=2000, seed=0, place_effects=PLACES, people_effects=PEOPLE, hours_drop=0.0, n_act=6):
    """Episodes with activities, places, people (1-2 per entry) and hours already worked."""
    rng = np.random.default_rng(seed)
    n_days = n // 5
    beta = rng.normal(0, 0.8, n_act)
    acts = rng.integers(0, n_act, n)
    days = np.sort(rng.integers(0, n_days, n))
    places = rng.choice(list(place_effects), n)
    names = list(people_effects)
    people = [tuple(rng.choice(names, size=int(rng.integers(1, 3)), replace=False)) for _ in range(n)]
    hours_before = rng.uniform(0, 10, n)
    y = (beta[acts] + rng.normal(0, 0.4, n_days)[days] + rng.normal(0, 0.7, n)
         + np.array([place_effects[p] for p in places])
         + np.array([sum(people_effects[q] for q in group) for group in people])
         - hours_drop * np.maximum(hours_before - 6.0, 0.0))
    return dict(activities=[f"a{k}" for k in acts], days=days.tolist(), ratings=y,
                factors={"place": places.tolist(), "people": people}, hours_before=hours_before)


def centred(truth: dict, fit_effects) -> dict:
    by_level = {e.level: e for e in fit_effects}
    counts = {k: by_level[k].episodes for k in truth}
    mean = sum(truth[k] * counts[k] for k in truth) / sum(counts.values())
    return {k: truth[k] - mean for k in truth}


def test_without_context_the_reml_fit_equals_the_energy_models():
    data = simulate(600, seed=3)
    reference = estimate_activity_effects(data["activities"], data["days"], data["ratings"], method="reml")
    fit = estimate_context_effects(data["activities"], data["days"], data["ratings"], with_prior=False)
    for slug, effect in reference.effects.items():
        assert fit.activities[slug].estimate == pytest.approx(effect.estimate, abs=1e-4)
        assert fit.activities[slug].sd == pytest.approx(effect.sd, abs=1e-4)
    assert fit.components["day"] == pytest.approx(reference.day_sd, abs=1e-4)


def test_analytic_gradient_matches_finite_differences():
    data = simulate(300, seed=5)
    curves = {"hours_before": Curve(data["hours_before"], (0, 2, 4, 6, 8, 10))}
    design = _Design(data["activities"], data["factors"], curves, [("activity", "place")], {})
    X = design.encode(data["activities"], data["factors"], {"hours_before": data["hours_before"]})
    problem = _Problem(X, design.transform, np.asarray(data["days"]), max(data["days"]) + 1, data["ratings"],
                       np.ones(300), design.block_slices, design.n_fixed, with_prior=True)
    x = np.linspace(-1.0, 0.5, len(design.block_slices) + 1)
    grad = problem.evaluate(x).grad
    for j in range(len(x)):
        step = np.zeros(len(x))
        step[j] = 1e-5
        numeric = (problem.evaluate(x + step).objective - problem.evaluate(x - step).objective) / 2e-5
        assert grad[j] == pytest.approx(numeric, rel=1e-4, abs=1e-4)


def against_the_rest(truth: dict, fit_effects) -> dict:
    """Each level's true effect against the entries without it (the model's baseline for a place)."""
    by_level = {e.level: e for e in fit_effects}
    counts = {k: by_level[k].episodes for k in truth}
    return {k: truth[k] - sum(truth[j] * counts[j] for j in truth if j != k) / sum(counts[j] for j in truth if j != k)
            for k in truth}


def test_places_and_people_are_recovered_within_their_intervals():
    data = simulate(3000, seed=1)
    fit = estimate_context_effects(data["activities"], data["days"], data["ratings"], factors=data["factors"])
    for level, value in against_the_rest(PLACES, fit.factors["place"]).items():  # against the other places
        effect = next(e for e in fit.factors["place"] if e.level == level)
        assert effect.baseline == "without"
        assert effect.estimate == pytest.approx(value, abs=0.1)  # coverage: bench/context_effects.py
    # Several people per entry: levels are identified up to a shift, so compare differences.
    def with_(name):
        return {"activity": "a0", "factors": {"people": (name,)}}
    estimate, low, high = fit.contrast([(1, with_("Sam")), (-1, with_("Kim"))])
    assert low <= PEOPLE["Sam"] - PEOPLE["Kim"] <= high and high < 0
    travelling = next(e for e in fit.factors["place"] if e.level == "travelling")
    assert travelling.high < 0 and travelling.episodes > 500 and travelling.days > 100


def test_several_people_on_one_entry_add_up():
    data = simulate(3000, seed=2)
    fit = estimate_context_effects(data["activities"], data["days"], data["ratings"], factors=data["factors"])
    alone_sam = fit.predict(["a0"], {"people": [("Sam",)]})[0]
    alone_kim = fit.predict(["a0"], {"people": [("Kim",)]})[0]
    both = fit.predict(["a0"], {"people": [("Sam", "Kim")]})[0]
    nobody = fit.predict(["a0"], {"people": [()]})[0]
    assert both - nobody == pytest.approx((alone_sam - nobody) + (alone_kim - nobody), abs=1e-9)
    assert alone_sam < nobody < alone_kim


def test_a_late_day_drop_shows_in_the_hours_curve_and_not_before():
    data = simulate(4000, seed=4, hours_drop=0.4)
    curves = {"hours_before": Curve(data["hours_before"], (0, 2, 4, 6, 8, 10), 0.0)}
    fit = estimate_context_effects(data["activities"], data["days"], data["ratings"], curves=curves)
    late, low, high = fit.curve_difference("hours_before", 0.0, 10.0)
    assert late == pytest.approx(-1.6, abs=0.3) and high < -1.0  # a smooth curve bends a little less
    early, low, high = fit.curve_difference("hours_before", 0.0, 4.0)
    assert low <= 0.0 <= high
    point = fit.curves["hours_before"][-2]
    assert point.x == 8 and 600 < point.episodes < 1000 and 0 < point.days <= point.episodes


def test_context_that_does_nothing_is_pruned_from_predictions():
    data = simulate(1500, seed=6, place_effects={"home": 0.0, "office": 0.0}, people_effects={"Sam": 0.0, "Kim": 0.0})
    curves = {"hours_before": Curve(data["hours_before"], (0, 2, 4, 6, 8, 10), 0.0)}
    plain = estimate_context_effects(data["activities"], data["days"], data["ratings"])
    full = estimate_context_effects(data["activities"], data["days"], data["ratings"], factors=data["factors"],
                                    curves=curves)
    new = ["a1", "a2", "a3"]
    expected = plain.predict(new)
    got = full.predict(new, {"place": ["home", "office", "home"], "people": [("Sam",), ("Kim",), ("Sam", "Kim")]},
                       {"hours_before": [1.0, 5.0, 9.0]})
    assert np.max(np.abs(got - expected)) < 0.02


def test_levels_never_seen_count_as_nothing():
    data = simulate(800, seed=7)
    fit = estimate_context_effects(data["activities"], data["days"], data["ratings"], factors=data["factors"])
    seen = fit.predict(["a0"], {"place": [None]})[0]
    assert fit.predict(["a0"], {"place": ["the moon"]})[0] == pytest.approx(seen)


def test_activity_by_place_interaction_gets_its_own_levels():
    data = simulate(2000, seed=8)
    fit = estimate_context_effects(data["activities"], data["days"], data["ratings"], factors=data["factors"],
                                   interactions=[("activity", "place")])
    levels = {e.level for e in fit.factors["activity x place"]}
    assert "a0 | home" in levels and all(" | " in level for level in levels)


def test_mismatched_lengths_are_refused_naming_the_factor():
    with pytest.raises(ValueError, match="factor 'place'"):
        estimate_context_effects(["a", "b"], [1, 1], [0.0, 1.0], factors={"place": ["home"]})
    with pytest.raises(ValueError, match="curve 'hours_before'"):
        estimate_context_effects(["a", "b"], [1, 1], [0.0, 1.0], curves={"hours_before": Curve([1.0], (0, 1, 2))})


def test_day_dose_orders_by_start_time_and_counts_meetings_in_a_row():
    days = [1, 1, 1, 2, 2, 1]
    starts = [9, np.nan, 8, 10, 9, 11]
    hours = [1, 2, 1, 3, 1, 1]
    meetings = [True, True, True, False, True, False]
    hours_before, meetings_before = day_dose(days, starts, hours, meetings)
    assert hours_before.tolist() == [1, 3, 0, 1, 0, 2]
    assert meetings_before.tolist() == [1, 0, 0, 1, 0, 2]


def test_flow_shares_come_with_jeffreys_intervals_and_counts():
    overall, shares = flow_by_activity(["writing"] * 10 + ["admin"] * 10, [True] * 7 + [False] * 3 + [False] * 10)
    assert (overall.flow_entries, overall.entries) == (7, 20)
    assert shares[0].activity == "writing" and shares[0].share == 0.7 and shares[0].low < 0.7 < shares[0].high
    assert shares[1].activity == "admin" and shares[1].low == 0.0
    low, high = share_interval(0, 0)
    assert (low, high) == (0.0, 1.0)


def colleague_columns(seed: int, weeks: int = 16):
    """A journal where time with Morgan drains (-1) and Riley and Casey make no difference."""
    from ownpath.demo.personas import DRAINING_COLLEAGUE, generate_colleague_journal

    journal = generate_colleague_journal(DRAINING_COLLEAGUE, weeks=weeks, seed=seed)
    people = [tuple(n.strip() for n in e["with"].split(",") if n.strip()) for e in journal]
    return ([e["activity"] for e in journal], [e["date"] for e in journal],
            [float(e["energy"]) for e in journal], people)


def morgan_truth(acts, people) -> float:
    """Morgan's true effect on the expected *rating* (rounded, clipped), same activity, against no one."""
    from scipy import special

    from ownpath.demo.personas import PERSONAS

    effects = PERSONAS["research_analyst"].energy_effect
    cuts = np.array([-1.5, -0.5, 0.5, 1.5])
    sd = float(np.hypot(0.4, 0.8))

    def expected(latent):
        return -2.0 + special.ndtr((latent - cuts) / sd).sum()

    rows = [effects[a] for a, p in zip(acts, people) if p == ("Morgan",)]
    return float(np.mean([expected(b - 1.0) - expected(b) for b in rows]))


def test_a_colleague_is_compared_with_the_time_without_them():
    from ownpath.analytics.verdicts import screened_verdict

    covered, seeds = 0, range(1, 61)
    for seed in seeds:
        acts, days, y, people = colleague_columns(seed)
        fit = estimate_context_effects(acts, days, y, factors={"people": people},
                                       solo_levels={"people": ("alone",)})
        by_name = {e.level: e for e in fit.factors["people"]}
        morgan = by_name["Morgan"]
        assert morgan.baseline == "solo" and morgan.baseline_entries > 50
        assert screened_verdict(morgan.estimate, morgan.sd).at_least("fairly sure")
        covered += morgan.low <= morgan_truth(acts, people) <= morgan.high
        for neutral in ("Riley", "Casey"):  # never called energizing or draining
            effect = by_name[neutral]
            assert not screened_verdict(effect.estimate, effect.sd).at_least("fairly sure")
    assert covered / len(seeds) >= 0.8  # 90% intervals; bench/context_effects.py measures it on more journals


def test_levels_given_as_lists_tuples_or_text_fit_alike_and_keep_their_order():
    data = simulate(n=600, seed=4)
    places = [p if i % 9 else "" for i, p in enumerate(data["factors"]["place"])]  # some entries say nowhere
    people = data["factors"]["people"]

    def fit(people_values, place_values):
        return estimate_context_effects(data["activities"], data["days"], data["ratings"],
                                        factors={"people": people_values, "place": place_values},
                                        interactions=[("activity", "place")])

    as_tuples = fit(people, places)
    as_lists = fit([list(p) for p in people], places)
    as_text = fit(people, np.array(places))
    for other in (as_lists, as_text):
        for name, effects in as_tuples.factors.items():
            assert [e.level for e in other.factors[name]] == [e.level for e in effects]
            assert [e.episodes for e in other.factors[name]] == [e.episodes for e in effects]
            assert np.allclose([e.estimate for e in other.factors[name]], [e.estimate for e in effects])
    design = _Design(data["activities"], {"people": people, "place": places}, {}, [], {})
    first_seen = list(dict.fromkeys(name for group in people for name in group))
    assert design.levels["people"] == first_seen and "" not in design.levels["place"]
