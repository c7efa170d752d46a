"""Skill effects and the energy x skill quadrant."""

from __future__ import annotations

import numpy as np

from ownpath.analytics.energy_model import ActivityEffect, estimate_activity_effects
from ownpath.analytics.strengths import classify_quadrant, estimate_skill_effects, quadrants


def effect(p_positive: float, name: str = "x") -> ActivityEffect:
    return ActivityEffect(name, 0.0, 0.5, -1.0, 1.0, p_positive, 10, 10.0)


def test_energizing_and_good_at_is_a_compensable_strength():
    call = classify_quadrant(effect(0.97), effect(0.95))
    assert call.quadrant == "compensable_strength"
    assert call.probability > 0.9


def test_good_at_but_draining_is_the_trap_strength():
    assert classify_quadrant(effect(0.03), effect(0.96)).quadrant == "trap_strength"


def test_energizing_but_not_yet_good_at_is_a_growth_edge():
    assert classify_quadrant(effect(0.95), effect(0.05)).quadrant == "growth_edge"


def test_draining_and_not_good_at_is_a_drain():
    assert classify_quadrant(effect(0.02), effect(0.04)).quadrant == "drain"


def test_uncertain_skill_or_energy_is_unclear_not_guessed():
    assert classify_quadrant(effect(0.97), effect(0.55)).quadrant == "unclear"
    assert classify_quadrant(effect(0.6), effect(0.6)).quadrant == "unclear"
    assert classify_quadrant(effect(0.97), None).quadrant == "unclear"


def test_quadrant_probabilities_add_up_to_one():
    call = classify_quadrant(effect(0.7), effect(0.2))
    assert abs(sum(call.probabilities.values()) - 1.0) < 1e-12


def test_skill_is_centred_and_the_promoted_salesperson_is_a_trap():
    rng = np.random.default_rng(1)
    acts, days, energy, skill = [], [], [], []
    for day in range(50):
        for activity, e_mean, s_mean in (("selling", 1.2, 4.6), ("managing", -1.3, 4.4),
                                         ("admin", -0.5, 2.2), ("learning", 1.0, 2.0)):
            acts.append(activity); days.append(day)
            energy.append(float(np.clip(np.round(e_mean + rng.normal(0, 0.7)), -2, 2)))
            skill.append(float(np.clip(np.round(s_mean + rng.normal(0, 0.6)), 1, 5)))
    energy_fit = estimate_activity_effects(acts, days, energy)
    skill_fit = estimate_skill_effects(acts, days, skill)
    assert -1.0 < skill_fit.mean < 1.0  # centred on 3
    calls = quadrants(energy_fit, skill_fit)
    assert calls["selling"].quadrant == "compensable_strength"
    assert calls["managing"].quadrant == "trap_strength"
    assert calls["learning"].quadrant == "growth_edge"
    assert calls["admin"].quadrant == "drain"


def test_without_skill_ratings_every_activity_is_unclear():
    fit = estimate_activity_effects(["a", "b"] * 10, list(range(20)), [1, -1] * 10)
    assert {c.quadrant for c in quadrants(fit, None).values()} == {"unclear"}
