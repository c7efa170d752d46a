"""Strengths: "how well it went" per activity, and the energy x skill quadrant.

Skill ratings (1-5) are centred on 3 and fed to the same crossed activity x day model as
energy, so a skill effect is "how much better than your own average this goes for you".

Quadrant rule (probabilities, not point estimates).  With p_e = P(energy effect > 0) and
p_s = P(skill effect > 0), taking the two posteriors as independent, each quadrant has a
probability:

    compensable_strength = p_e * p_s              energizes and good at
    trap_strength        = (1 - p_e) * p_s        good at, but drains
    growth_edge          = p_e * (1 - p_s)        energizes, not yet good at
    drain                = (1 - p_e) * (1 - p_s)  drains and not good at

The activity is placed in the most probable quadrant if that probability is at least
``QUADRANT_MIN_PROBABILITY``, the verdict ladder's "probably" (0.75); otherwise, or without
any skill ratings, it is ``unclear``.  So a quadrant is only ever shown with a ladder word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ownpath.analytics.energy_model import (
    DEFAULT_LEVEL,
    ActivityEffect,
    EffectsFit,
    estimate_activity_effects,
)
from ownpath.analytics.verdicts import THRESHOLDS

SKILL_CENTRE = 3.0
QUADRANT_MIN_PROBABILITY = THRESHOLDS["probably"]


@dataclass(frozen=True)
class QuadrantCall:
    """Where an activity sits, how probable that is, and every quadrant's probability."""

    quadrant: str
    probability: float | None
    probabilities: Mapping[str, float]


def estimate_skill_effects(
    activities: Sequence[str],
    days: Sequence[object],
    skill_ratings: Sequence[float],
    weights: Sequence[float] | None = None,
    *,
    level: float = DEFAULT_LEVEL,
    hours: Sequence[float] | None = None,
) -> EffectsFit:
    """Fit the activity x day model to skill ratings (1-5, centred on 3).

    Pass only the episodes that have a skill rating.  Effects are relative to the person's
    own average skill; ``fit.mean`` is that average on the centred (-2..+2) scale.
    """
    centred = np.asarray(skill_ratings, dtype=float) - SKILL_CENTRE
    return estimate_activity_effects(activities, days, centred, weights, level=level, hours=hours)


def classify_quadrant(energy: ActivityEffect | None, skill: ActivityEffect | None) -> QuadrantCall:
    """Place one activity in the energy x skill quadrant by the rule in the module doc."""
    if energy is None or skill is None:
        return QuadrantCall("unclear", None, {})
    p_e, p_s = energy.p_positive, skill.p_positive
    probabilities = {
        "compensable_strength": p_e * p_s,
        "trap_strength": (1.0 - p_e) * p_s,
        "growth_edge": p_e * (1.0 - p_s),
        "drain": (1.0 - p_e) * (1.0 - p_s),
    }
    best = max(probabilities, key=probabilities.get)
    if probabilities[best] >= QUADRANT_MIN_PROBABILITY:
        return QuadrantCall(best, probabilities[best], probabilities)
    return QuadrantCall("unclear", probabilities[best], probabilities)


def quadrants(energy_fit: EffectsFit, skill_fit: EffectsFit | None) -> dict[str, QuadrantCall]:
    """Quadrant of every activity with an energy estimate (activity slug -> call)."""
    skill_effects = skill_fit.effects if skill_fit is not None else {}
    return {
        activity: classify_quadrant(effect, skill_effects.get(activity))
        for activity, effect in energy_fit.effects.items()
    }
