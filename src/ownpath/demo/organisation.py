"""Simulated organisations with known truth, built from the demo personas (pure, no Django).

Every simulated person starts from one of the archetypes in ``personas.PERSONAS`` and gets
their own true energy effect and true skill on *every* built-in activity (the archetype's
value plus individual variation; activities the archetype never does are drawn around 0 and
3), and their own weekly hours. ``personas.generate_journal`` writes their journal, so the
analytics can be scored against what is really true of each person. The benchmarks for
mentorship matching and work allocation use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ownpath.demo.personas import PERSONAS, Persona
from ownpath.taxonomy import BUILTIN_ACTIVITIES

ACTIVITIES = tuple(a.slug for a in BUILTIN_ACTIVITIES)
EFFECT_VARIATION_SD = 0.5  # how far a person's true effects stray from their archetype's
UNUSUAL_EFFECT_SD = 0.7  # true effects of activities the archetype never does
SKILL_VARIATION_SD = 0.5
HOURS_VARIATION_SD = 0.3  # log-scale variation of each activity's weekly hours


@dataclass(frozen=True)
class SimulatedPerson:
    """One simulated member: id, team, whether they manage it, and their persona (the truth)."""

    person: str
    team: str
    is_manager: bool
    persona: Persona


def simulate_persona(archetype: str, name: str, rng: np.random.Generator) -> Persona:
    """A person like ``archetype`` but their own: true effects and skill on every activity, own hours."""
    base = PERSONAS[archetype]
    effect = {a: float(np.clip(base.energy_effect[a] + rng.normal(0, EFFECT_VARIATION_SD), -2, 2))
              if a in base.energy_effect else float(np.clip(rng.normal(0, UNUSUAL_EFFECT_SD), -2, 2))
              for a in ACTIVITIES}
    skill = {a: float(np.clip(base.skill_mean.get(a, 3.0 + rng.normal(0, 0.5)) + rng.normal(0, SKILL_VARIATION_SD),
                              1, 5)) for a in ACTIVITIES}
    hours = {a: round(float(h * np.exp(rng.normal(0, HOURS_VARIATION_SD))) * 2) / 2
             for a, h in base.weekly_hours.items()}
    return Persona(key=name, title=base.title, summary=base.summary, weekly_hours=hours, energy_effect=effect,
                   skill_mean=skill, growth_activities=base.growth_activities,
                   required_activities=base.required_activities, colleagues=base.colleagues)


def simulate_organisation(n_people: int, *, team_size: int = 8, seed: int = 1) -> list[SimulatedPerson]:
    """``n_people`` simulated people in teams of ``team_size``, the first of each team its manager.

    Managers are drawn from the team-lead archetype more often; everyone else from all archetypes.
    """
    rng = np.random.default_rng(seed)
    archetypes = sorted(PERSONAS)
    people = []
    for i in range(n_people):
        team = f"team{i // team_size:04d}"
        is_manager = i % team_size == 0
        if is_manager and rng.random() < 0.6:
            archetype = "people_coach"
        else:
            archetype = archetypes[int(rng.integers(len(archetypes)))]
        name = f"p{i:05d}"
        people.append(SimulatedPerson(name, team, is_manager, simulate_persona(archetype, name, rng)))
    return people


def true_week_energy(persona: Persona, week: dict[str, float]) -> float:
    """The true average energy effect of a week (hours-weighted), relative to the person's average."""
    total = sum(week.values())
    return sum(persona.energy_effect[a] * h for a, h in week.items()) / total if total else 0.0


def fit_journal(journal: list[dict]):
    """(energy fit, skill fit or None) of a generated journal, as the product computes them."""
    from ownpath.analytics.energy_model import estimate_activity_effects
    from ownpath.analytics.strengths import estimate_skill_effects

    energy = estimate_activity_effects([e["activity"] for e in journal], [e["date"] for e in journal],
                                       [e["energy"] for e in journal], hours=[e["hours"] for e in journal])
    rated = [e for e in journal if e.get("skill") is not None]
    skill = (estimate_skill_effects([e["activity"] for e in rated], [e["date"] for e in rated],
                                    [e["skill"] for e in rated]) if rated else None)
    return energy, skill
